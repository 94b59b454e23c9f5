// Relation-graph views: what is drawn, GraphML/DOT/HTML output (checked with
// networkx and Graphviz when present), neighbourhoods, names, paths, rankings and the
// graph rebuilt from RDF. Graphs are built by hand from made-up entities.
#include <nlohmann/json.hpp>

#include "export/views.hpp"
#include "support.hpp"

using namespace kg;
using namespace kg::test;
using ontology::Class;
using ontology::Property;
using rdfio::RelationView;

namespace {

extract::Evidence ev(const std::string& file, std::size_t start, const std::string& text, double confidence = 0.8) {
  return extract::Evidence{file, start, start + text.size(), text, "test-rule", confidence};
}

struct Names {
  ontology::EntityKey mira = ontology::make_key(Class::Person, "Mira Solvet");
  ontology::EntityKey tomas = ontology::make_key(Class::Person, "Tomas Reyl");
  ontology::EntityKey council = ontology::make_key(Class::Organization, "Harbour Council");
  ontology::EntityKey port = ontology::make_key(Class::Settlement, "Port Vessel");
  ontology::EntityKey valdoria = ontology::make_key(Class::Country, "Valdoria");
  ontology::EntityKey fishers = ontology::make_key(Class::Group, "Eastern Fishers");
  ontology::EntityKey reach = ontology::make_key(Class::Region, "Northern Reach");
  ontology::EntityKey island = ontology::make_key(Class::Settlement, "Lone Island");
  ontology::EntityKey ada = ontology::make_key(Class::Person, "Ada Quill");
  ontology::EntityKey ada_book = ontology::make_key(Class::Publication, "Ada Quill");
  ontology::EntityKey trust = ontology::make_key(Class::Organization, "The Quay Side Trust");
  ontology::EntityKey stat = ontology::make_key(Class::Statistic, "arrivals in Port Vessel");
};
const Names k;

// alpha.txt: a member of a council based in a port town of a country, a group that
// moved there, a statistic about the town (not drawn).
extract::DocResult alpha() {
  extract::DocResult d;
  d.source = extract::SourceInfo{"alpha.txt", extract::sha256_hex("alpha"), 100};
  d.entities = {{k.mira, "Mira Solvet", {"M. Solvet"}},  {k.council, "Harbour Council", {}},
                {k.port, "Port Vessel", {}},            {k.valdoria, "Valdoria", {}},
                {k.fishers, "Eastern Fishers", {}},     {k.stat, "arrivals in Port Vessel", {}},
                {k.trust, "The \"Quay\\Side\" Trust", {}}};
  d.relations = {
      {k.mira, Property::memberOf, k.council, ev("alpha.txt", 0, "Solvet sat on the Harbour Council.", 0.7)},
      {k.mira, Property::memberOf, k.council, ev("alpha.txt", 40, "Solvet, a council member, spoke.", 0.9)},
      {k.council, Property::basedIn, k.port, ev("alpha.txt", 80, "The council met in Port Vessel.")},
      {k.port, Property::locatedIn, k.valdoria, ev("alpha.txt", 120, "Port Vessel, Valdoria, </script><b>x</b>")},
      {k.fishers, Property::migratedTo, k.port, ev("alpha.txt", 170, "The Eastern Fishers moved to Port Vessel.")},
      {k.stat, Property::about, k.port, ev("alpha.txt", 220, "412 arrivals in Port Vessel.")},
      {k.trust, Property::basedIn, k.port, ev("alpha.txt", 260, "The Trust keeps its office in Port Vessel.")},
  };
  d.attributes = {{k.stat, ontology::DataProperty::value, "412", ontology::Datatype::decimal,
                   ev("alpha.txt", 220, "412 arrivals in Port Vessel.")}};
  return d;
}

// beta.txt: another member, a region she left, two things called Ada Quill, an island
// nobody relates to.
extract::DocResult beta() {
  extract::DocResult d;
  d.source = extract::SourceInfo{"beta.txt", extract::sha256_hex("beta"), 200};
  d.entities = {{k.mira, "Mira Solvet", {}},        {k.tomas, "Tomas Reyl", {}}, {k.reach, "Northern Reach", {}},
                {k.island, "Lone Island", {}},      {k.ada, "Ada Quill", {}},    {k.ada_book, "Ada Quill", {}},
                {k.port, "Port Vessel", {}},        {k.valdoria, "Valdoria", {}}, {k.council, "Harbour Council", {}}};
  d.relations = {
      {k.tomas, Property::affiliatedWith, k.council, ev("beta.txt", 0, "Reyl worked for the Harbour Council.")},
      {k.reach, Property::locatedIn, k.valdoria, ev("beta.txt", 50, "The Northern Reach of Valdoria.")},
      {k.mira, Property::migratedFrom, k.reach, ev("beta.txt", 90, "Solvet left the Northern Reach.", 0.6)},
      {k.mira, Property::migratedTo, k.port, ev("beta.txt", 130, "She moved to Port Vessel.")},
      {k.mira, Property::residesIn, k.port, ev("beta.txt", 130, "She moved to Port Vessel.", 0.5)},
      {k.ada_book, Property::author, k.ada, ev("beta.txt", 170, "Ada Quill wrote 'Ada Quill'.")},
      {k.port, Property::locatedIn, k.valdoria, ev("beta.txt", 210, "Port Vessel lies in Valdoria.")},
  };
  return d;
}

graph::Graph sample(bool reversed = false) {
  graph::Graph g;
  if (reversed) {
    g.add(beta());
    g.add(alpha());
  } else {
    g.add(alpha());
    g.add(beta());
  }
  return g;
}

constexpr std::size_t kNodes = 11;  // 14 vertices less the statistic and two source documents
constexpr std::size_t kEdges = 11;  // 12 relations less the statistic's `about`

std::size_t index_of(const RelationView& v, const ontology::EntityKey& key) {
  std::string iri = ontology::entity_iri(key);
  for (std::size_t i = 0; i < v.nodes.size(); ++i)
    if (v.nodes[i].iri == iri) return i;
  FAIL("not in the view: " << iri);
  return 0;
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

std::string labels(const RelationView& v, const std::vector<std::size_t>& idx) {
  std::string out;
  for (auto i : idx) out += (out.empty() ? "" : ", ") + v.nodes[i].label;
  return out;
}

// The JSON embedded in graph.html.
nlohmann::json html_data(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"kg-data\">";
  auto b = html.find(open);
  REQUIRE(b != std::string::npos);
  b += open.size();
  auto e = html.find("</script>", b);
  REQUIRE(e != std::string::npos);
  return nlohmann::json::parse(html.substr(b, e - b));
}

}  // namespace

TEST_SUITE("export::views") {
  TEST_CASE("the view holds entities and their relations, not statistics or source documents") {
    graph::Graph g = sample();
    REQUIRE(g.entity_count() == 14);
    REQUIRE(g.relation_count() == 12);
    RelationView v = rdfio::relation_view(g);
    CHECK(v.nodes.size() == kNodes);
    CHECK(v.edges.size() == kEdges);
    for (const auto& n : v.nodes) {
      CHECK(n.cls != Class::Statistic);
      CHECK(n.cls != Class::SourceDocument);
    }
    CHECK(std::is_sorted(v.nodes.begin(), v.nodes.end(), [](auto& a, auto& b) { return a.iri < b.iri; }));
    const auto& mira = v.nodes[index_of(v, k.mira)];
    CHECK(mira.label == "Mira Solvet");
    CHECK(mira.alt_labels == std::vector<std::string>{"M. Solvet"});
    CHECK(mira.sources == std::vector<std::string>{"alpha.txt", "beta.txt"});
    CHECK(mira.degree == 4);
    CHECK(v.nodes[index_of(v, k.port)].degree == 6);
    CHECK(v.nodes[index_of(v, k.island)].degree == 0);
    const auto member = std::find_if(v.edges.begin(), v.edges.end(), [](auto& e) { return e.property == Property::memberOf; });
    REQUIRE(member != v.edges.end());
    CHECK(member->evidence.size() == 2);
    CHECK(member->confidence() == doctest::Approx(0.9));
    CHECK(member->sources() == std::vector<std::string>{"alpha.txt"});
  }

  TEST_CASE("the views do not depend on the order in which documents were added") {
    RelationView a = rdfio::relation_view(sample(false));
    RelationView b = rdfio::relation_view(sample(true));
    CHECK(rdfio::to_graphml(a) == rdfio::to_graphml(b));
    CHECK(rdfio::to_dot(a) == rdfio::to_dot(b));
    CHECK(rdfio::to_html(a, "t") == rdfio::to_html(b, "t"));
  }

  TEST_CASE("GraphML has one node and one edge element per view node and edge, with their data") {
    graph::Graph g = sample();
    RelationView v = rdfio::relation_view(g);
    std::string xml = rdfio::to_graphml(v);
    CHECK(count(xml, "<node id=") == kNodes);
    CHECK(count(xml, "<edge id=") == kEdges);
    for (const char* key : {"\"label\"", "\"class\"", "\"IRI\"", "\"degree\"", "\"property\"", "\"confidence\"", "\"source\""})
      CHECK(xml.find(std::string("attr.name=") + key) != std::string::npos);
    CHECK(xml.find("attr.name=\"degree\" attr.type=\"int\"") != std::string::npos);
    CHECK(xml.find("attr.name=\"confidence\" attr.type=\"double\"") != std::string::npos);
    CHECK(xml.find(">memberOf</data>") != std::string::npos);
    CHECK(xml.find(">0.9</data>") != std::string::npos);  // max over the two pieces of evidence
    CHECK(xml.find(">alpha.txt; beta.txt</data>") != std::string::npos);  // locatedIn, stated in both
    CHECK(xml.find("The &quot;Quay\\Side&quot; Trust") != std::string::npos);

    auto dir = temp_dir("views-graphml");
    write_file(dir / "graph.graphml", xml);
    if (std::system("/usr/bin/python3 -c 'import networkx' 2>/dev/null") != 0) {
      MESSAGE("skipped the networkx check: /usr/bin/python3 has no networkx (Debian python3-networkx)");
      return;
    }
    auto r = run_command("/usr/bin/python3 -c 'import networkx, sys; g = networkx.read_graphml(sys.argv[1]); "
                         "print(g.number_of_nodes(), g.number_of_edges(), sorted(g.nodes[\"n0\"]))' '" +
                             (dir / "graph.graphml").string() + "'",
                         dir);
    CHECK(r.exit_code == 0);
    CHECK(r.err == "");
    CHECK(r.out == std::to_string(kNodes) + " " + std::to_string(kEdges) + " ['IRI', 'class', 'degree', 'label']\n");
  }

  TEST_CASE("DOT gives each class its shape and colour, labels edges and renders with dot -Tsvg silently") {
    RelationView v = rdfio::relation_view(sample());
    std::string dot = rdfio::to_dot(v);
    CHECK(dot.rfind("digraph G {", 0) == 0);
    CHECK(count(dot, "->") == kEdges);
    CHECK(dot.find("[fillcolor=\"#8fb4e3\", label=\"Mira Solvet\", shape=ellipse, style=filled") != std::string::npos);
    CHECK(dot.find("label=memberOf") != std::string::npos);
    CHECK(dot.find("label=\"The \\\"Quay\\\\Side\\\" Trust\"") != std::string::npos);
    if (!have_tool("dot")) {
      MESSAGE("skipped the rendering check: Graphviz dot not installed");
      return;
    }
    auto dir = temp_dir("views-dot");
    write_file(dir / "graph.dot", dot);
    auto r = run_command("dot -Tsvg '" + (dir / "graph.dot").string() + "'", dir);
    CHECK(r.exit_code == 0);
    CHECK(r.err == "");
    CHECK(count(r.out, "class=\"node\"") == kNodes);
    CHECK(count(r.out, "class=\"edge\"") == kEdges);
    CHECK(r.out.find("The &quot;Quay\\Side&quot; Trust") != std::string::npos);
  }

  TEST_CASE("the HTML page embeds the view as JSON that cannot end its script element") {
    RelationView v = rdfio::relation_view(sample());
    std::string html = rdfio::to_html(v, "Test <graph>");
    CHECK(html.find("<title>Test &lt;graph&gt;</title>") != std::string::npos);
    CHECK(html.find("id=\"kg-stats\"") != std::string::npos);
    CHECK(html.find("id=\"kg-search\"") != std::string::npos);
    CHECK(html.find("</script><b>") == std::string::npos);
    CHECK(html.find("<script src") == std::string::npos);  // nothing fetched: no CDN, no remote script
    CHECK(html.find("<link") == std::string::npos);
    auto data = html_data(html);
    CHECK(data["nodes"].size() == kNodes);
    CHECK(data["edges"].size() == kEdges);
    CHECK(data["sources"] == nlohmann::json::array({"alpha.txt", "beta.txt"}));
    bool found = false;
    for (const auto& e : data["edges"])
      for (const auto& x : e["ev"]) found = found || x["text"] == "Port Vessel, Valdoria, </script><b>x</b>";
    CHECK(found);
    if (rdfio::html_library_available()) {
      CHECK(html.find("Cytoscape.js " + std::string(rdfio::html_library_version())) != std::string::npos);
      CHECK(html.find("id=\"kg-missing\"") == std::string::npos);
    } else {
      CHECK(html.find("id=\"kg-missing\"") != std::string::npos);
      CHECK(html.find("was missing when this kgbuild was built") != std::string::npos);
    }
  }

  TEST_CASE("write_views writes the three files atomically and names the file it cannot write") {
    auto dir = temp_dir("views-write");
    RelationView v = rdfio::relation_view(sample());
    std::vector<std::string> warnings;
    Diagnostics sink = [&](Level, const Location& where, std::string_view msg) {
      warnings.push_back(where.file + ": " + std::string(msg));
    };
    auto written = rdfio::write_views(v, dir.string(), "t", sink);
    REQUIRE(written.ok());
    CHECK(*written == std::vector<std::string>{(dir / "graph.graphml").string(), (dir / "graph.dot").string(),
                                               (dir / "graph.html").string()});
    CHECK(read_file(dir / "graph.dot") == rdfio::to_dot(v));
    CHECK(warnings.size() == (rdfio::html_library_available() ? 0u : 1u));
    write_file(dir / "plain", "x");
    auto bad = rdfio::write_views(v, (dir / "plain" / "sub").string(), "t", sink);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == Errc::io);
    CHECK(bad.error().render().find("graph.graphml") != std::string::npos);
  }

  TEST_CASE("neighbourhood keeps what lies within depth relations either way, and the edges among it") {
    RelationView v = rdfio::relation_view(sample());
    const std::size_t port = index_of(v, k.port);
    SUBCASE("depth 0") {
      RelationView n = rdfio::neighbourhood(v, {port}, 0);
      CHECK(labels(n, {0}) == "Port Vessel");
      CHECK(n.nodes.size() == 1);
      CHECK(n.edges.empty());
      CHECK(n.nodes[0].degree == 0);
    }
    SUBCASE("depth 1") {
      RelationView n = rdfio::neighbourhood(v, {port}, 1);
      std::vector<std::size_t> all(n.nodes.size());
      for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
      CHECK(labels(n, all) == "Valdoria, Eastern Fishers, Harbour Council, The \"Quay\\Side\" Trust, Mira Solvet, Port Vessel");
      CHECK(n.edges.size() == 7);  // the six links to Port Vessel plus Mira's memberOf
      CHECK(n.nodes[index_of(n, k.mira)].degree == 3);
    }
    SUBCASE("depth 2 reaches the region and the other member, never the unrelated") {
      RelationView n = rdfio::neighbourhood(v, {port}, 2);
      CHECK(n.nodes.size() == 8);
      CHECK(n.edges.size() == 10);
      for (const auto& node : n.nodes) CHECK(node.label.find("Quill") == std::string::npos);
      CHECK(rdfio::to_graphml(n).find("Lone Island") == std::string::npos);
    }
  }

  TEST_CASE("names are found by label, other name, IRI or normalised form, several hits are ambiguous") {
    RelationView v = rdfio::relation_view(sample());
    CHECK(labels(v, rdfio::find_entities(v, "mira solvet")) == "Mira Solvet");
    CHECK(labels(v, rdfio::find_entities(v, "M. SOLVET")) == "Mira Solvet");
    CHECK(labels(v, rdfio::find_entities(v, "mira-solvet")) == "Mira Solvet");
    CHECK(labels(v, rdfio::find_entities(v, ontology::entity_iri(k.port))) == "Port Vessel");
    CHECK(rdfio::find_entities(v, "Ada Quill").size() == 2);
    CHECK(rdfio::find_entities(v, "Quill").empty());
    CHECK(labels(v, rdfio::suggest_entities(v, "quill", 10)) == "Ada Quill, Ada Quill");
    CHECK(rdfio::suggest_entities(v, "zzz", 10).empty());
  }

  TEST_CASE("shortest_paths lists every shortest path in IRI order with the edges of each step") {
    RelationView v = rdfio::relation_view(sample());
    SUBCASE("one path over three relations, against the edges' direction") {
      auto paths = rdfio::shortest_paths(v, index_of(v, k.fishers), index_of(v, k.tomas));
      REQUIRE(paths.size() == 1);
      CHECK(labels(v, paths[0].nodes) == "Eastern Fishers, Port Vessel, Harbour Council, Tomas Reyl");
      REQUIRE(paths[0].steps.size() == 3);
      CHECK(v.edges[paths[0].steps[0][0]].property == Property::migratedTo);
      CHECK(v.edges[paths[0].steps[2][0]].property == Property::affiliatedWith);
    }
    SUBCASE("two paths of two steps; a step may carry several relations") {
      auto paths = rdfio::shortest_paths(v, index_of(v, k.mira), index_of(v, k.valdoria));
      REQUIRE(paths.size() == 2);
      CHECK(labels(v, paths[0].nodes) == "Mira Solvet, Northern Reach, Valdoria");
      CHECK(labels(v, paths[1].nodes) == "Mira Solvet, Port Vessel, Valdoria");
      REQUIRE(paths[1].steps[0].size() == 2);
      CHECK(v.edges[paths[1].steps[0][0]].property == Property::migratedTo);
      CHECK(v.edges[paths[1].steps[0][1]].property == Property::residesIn);
      CHECK(rdfio::shortest_paths(v, index_of(v, k.mira), index_of(v, k.valdoria), 1).size() == 1);
    }
    SUBCASE("no path, and the path from an entity to itself") {
      CHECK(rdfio::shortest_paths(v, index_of(v, k.island), index_of(v, k.mira)).empty());
      auto self = rdfio::shortest_paths(v, index_of(v, k.mira), index_of(v, k.mira));
      REQUIRE(self.size() == 1);
      CHECK(self[0].nodes.size() == 1);
      CHECK(self[0].steps.empty());
    }
  }

  TEST_CASE("top_entities ranks by degree and betweenness, ties by IRI, zeros left out") {
    RelationView v = rdfio::relation_view(sample());
    auto top = rdfio::top_entities(v, 5);
    REQUIRE(top.by_degree.size() == 5);
    CHECK(top.by_degree[0].label == "Port Vessel");
    CHECK(top.by_degree[0].value == 6);
    CHECK(top.by_degree[0].cls == "Settlement");
    CHECK(top.by_degree[1].label == "Mira Solvet");
    CHECK(top.by_degree[2].label == "Harbour Council");
    // Valdoria and Northern Reach both have 2: country/… sorts before region/….
    CHECK(top.by_degree[3].label == "Valdoria");
    CHECK(top.by_degree[4].label == "Northern Reach");
    // Port Vessel joins the fishers and the trust to everything else.
    CHECK(top.by_betweenness[0].label == "Port Vessel");
    for (const auto& r : top.by_betweenness) CHECK(r.value > 0);

    // A star: the centre lies on the one shortest path of each of the 3 leaf pairs.
    graph::Graph star;
    extract::DocResult d;
    d.source = extract::SourceInfo{"star.txt", "00", 1};
    auto hub = ontology::make_key(Class::Settlement, "Hub Town");
    for (const char* leaf : {"Aster", "Birch", "Cedar"}) {
      auto key = ontology::make_key(Class::Person, leaf);
      d.entities.push_back({key, leaf, {}});
      d.relations.push_back({key, Property::residesIn, hub, ev("star.txt", 0, "lives there")});
    }
    d.entities.push_back({hub, "Hub Town", {}});
    star.add(d);
    auto s = rdfio::top_entities(rdfio::relation_view(star), 10);
    REQUIRE(s.by_betweenness.size() == 1);
    CHECK(s.by_betweenness[0].label == "Hub Town");
    CHECK(s.by_betweenness[0].value == doctest::Approx(3.0));
    CHECK(s.by_degree.size() == 4);
    CHECK(s.by_degree[1].label == "Aster");  // ties by IRI
  }

  TEST_CASE("graph_from_dataset rebuilds the graph kgbuild exported, through Turtle too") {
    graph::Graph g = sample();
    rdfio::Dataset ds = rdfio::to_dataset(g);
    auto back = rdfio::graph_from_dataset(ds);
    REQUIRE(back.ok());
    CHECK(back->entity_count() == g.entity_count());
    CHECK(back->relation_count() == g.relation_count());
    CHECK(rdfio::to_dataset(*back).quads == ds.quads);
    CHECK(rdfio::to_html(rdfio::relation_view(*back), "t") == rdfio::to_html(rdfio::relation_view(g), "t"));

    auto parsed = rdfio::parse_text(rdfio::serialise(ds, rdfio::Format::turtle), rdfio::Format::turtle, "g.ttl", {});
    REQUIRE(parsed.ok());
    auto from_turtle = rdfio::graph_from_dataset(*parsed);
    REQUIRE(from_turtle.ok());
    CHECK(rdfio::to_graphml(rdfio::relation_view(*from_turtle)) == rdfio::to_graphml(rdfio::relation_view(g)));
  }

  TEST_CASE("graph_from_dataset names an Assertion that lacks its subject") {
    rdfio::Dataset ds = rdfio::to_dataset(sample());
    std::string victim;
    for (const auto& q : ds.quads)
      if (q.predicate.str() == vocab::rdf_subject) {
        victim = q.subject.str();
        break;
      }
    REQUIRE_FALSE(victim.empty());
    std::erase_if(ds.quads, [&](const rdfio::Quad& q) { return q.subject.str() == victim && q.predicate.str() == vocab::rdf_subject; });
    auto r = rdfio::graph_from_dataset(ds);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::parse);
    CHECK(r.error().message == "Assertion <" + victim + "> has no rdf:subject IRI");
  }
}
