// Black-box tests of `kgbuild view` and `kgbuild path` (exit codes 0/1/2, messages,
// files) on a graph file written by the test from made-up entities, and of the views
// `kgbuild build` writes.
#include <nlohmann/json.hpp>

#include "export/export.hpp"
#include "export/views.hpp"
#include "support.hpp"

using namespace kg::test;
using kg::ontology::Class;
using kg::ontology::Property;

namespace {

const std::string kBin = KG_BINARY;

CommandResult kgbuild(const std::string& args, const fs::path& scratch) {
  return run_command("'" + kBin + "' " + args, scratch);
}

// Quoted for the shell (appended piecewise: GCC 12 gives a false -Wrestrict on "'" + s).
std::string q(const fs::path& p) {
  std::string s(1, '\'');
  s += p.string();
  s += '\'';
  return s;
}

// Ilse Varn is a member of the Tide Guild, based in Saltmere where Ode Brin lives; a
// person and a river are both called Kestrel (both named in guild.txt, related to
// nothing); Far Cove is related to nothing and named only in cove.txt.
fs::path write_graph(const fs::path& dir) {
  using kg::ontology::make_key;
  kg::extract::DocResult d;
  d.source = kg::extract::SourceInfo{"guild.txt", kg::extract::sha256_hex("guild"), 300};
  auto ilse = make_key(Class::Person, "Ilse Varn");
  auto guild = make_key(Class::Organization, "Tide Guild");
  auto salt = make_key(Class::Settlement, "Saltmere");
  auto ode = make_key(Class::Person, "Ode Brin");
  auto kestrel_p = make_key(Class::Person, "Kestrel");
  auto kestrel_w = make_key(Class::Waterbody, "Kestrel");
  auto cove = make_key(Class::Settlement, "Far Cove");
  d.entities = {{ilse, "Ilse Varn", {"I. Varn"}}, {guild, "Tide Guild", {}}, {salt, "Saltmere", {}},
                {ode, "Ode Brin", {}},            {kestrel_p, "Kestrel", {}}, {kestrel_w, "Kestrel", {}}};
  auto ev = [](std::size_t start, const std::string& text) {
    return kg::extract::Evidence{"guild.txt", start, start + text.size(), text, "test-rule", 0.75};
  };
  d.relations = {{ilse, Property::memberOf, guild, ev(0, "Varn joined the Tide Guild.")},
                 {guild, Property::basedIn, salt, ev(30, "The Guild sits in Saltmere.")},
                 {ode, Property::residesIn, salt, ev(60, "Brin lives in Saltmere.")}};
  kg::extract::DocResult c;
  c.source = kg::extract::SourceInfo{"cove.txt", kg::extract::sha256_hex("cove"), 40};
  c.entities = {{cove, "Far Cove", {}}};
  kg::graph::Graph g;
  g.add(d);
  g.add(c);
  fs::path file = dir / "graph.ttl";
  auto r = kg::rdfio::write_file(kg::rdfio::to_dataset(g), kg::rdfio::Format::turtle, file.string());
  REQUIRE(r.ok());
  return file;
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_SUITE("cli::view") {
  TEST_CASE("view and path have --help and are listed in the main help") {
    auto dir = temp_dir("cli-view-help");
    auto main = kgbuild("--help", dir);
    CHECK(main.out.find("  view ") != std::string::npos);
    CHECK(main.out.find("  path ") != std::string::npos);
    auto v = kgbuild("view --help", dir);
    CHECK(v.exit_code == 0);
    for (const char* opt : {"--graph FILE", "--focus NAME", "--depth N", "--output DIR", "--svg"})
      CHECK(v.out.find(opt) != std::string::npos);
    auto p = kgbuild("path --help", dir);
    CHECK(p.exit_code == 0);
    CHECK(p.out.find("FROM TO") != std::string::npos);
  }

  TEST_CASE("usage errors exit 2 with a message") {
    auto dir = temp_dir("cli-view-usage");
    auto graph = write_graph(dir);
    const std::string out = " -o " + q(dir / "out");
    struct Case {
      std::string args, message;
    };
    for (const auto& c : std::vector<Case>{
             {"view" + out, "missing --graph FILE"},
             {"view --graph " + q(graph), "missing -o DIR"},
             {"view --graph " + q(dir / "graph.txt") + out, "cannot tell the RDF format of"},
             {"view --graph " + q(graph) + out + " --depth 2", "--depth needs --focus NAME"},
             {"view --graph " + q(graph) + out + " --focus Saltmere --depth two", "--depth expects a number"},
             {"view --graph " + q(graph) + out + " --frobnicate", "unknown option '--frobnicate'"},
             {"path --graph " + q(graph) + " Saltmere", "expected two entity names, FROM and TO, found 1"},
             {"path Saltmere 'Ode Brin'", "missing --graph FILE"},
             {"path --graph " + q(graph) + " --max 0 Saltmere 'Ode Brin'", "--max expects a positive number"},
         }) {
      CAPTURE(c.args);
      auto r = kgbuild(c.args, dir);
      CHECK(r.exit_code == 2);
      CHECK(r.err.find(c.message) != std::string::npos);
      CHECK(r.out.empty());
    }
    CHECK_FALSE(fs::exists(dir / "out" / "graph.html"));
  }

  TEST_CASE("a missing or broken graph file exits 1 naming it") {
    auto dir = temp_dir("cli-view-badfile");
    auto r = kgbuild("view --graph " + q(dir / "nope.ttl") + " -o " + q(dir / "out"), dir);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("nope.ttl") != std::string::npos);
    write_file(dir / "broken.ttl", "<a> <b> .\n");
    auto b = kgbuild("path --graph " + q(dir / "broken.ttl") + " a b", dir);
    CHECK(b.exit_code == 1);
    CHECK(b.err.find("broken.ttl:1:") != std::string::npos);
  }

  TEST_CASE("view writes the whole relation graph as GraphML, DOT and HTML") {
    auto dir = temp_dir("cli-view-all");
    auto graph = write_graph(dir);
    auto r = kgbuild("view --graph " + q(graph) + " -o " + q(dir / "out"), dir);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty() == kg::rdfio::html_library_available());
    CHECK(r.out.rfind("kgbuild: 7 entities, 3 relations\n", 0) == 0);
    std::string graphml = read_file(dir / "out" / "graph.graphml");
    CHECK(count(graphml, "<node id=") == 7);
    CHECK(count(graphml, "<edge id=") == 3);
    CHECK(fs::exists(dir / "out" / "graph.dot"));
    CHECK(read_file(dir / "out" / "graph.html").find("\"label\":\"Ilse Varn\"") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "out" / "graph.svg"));
  }

  TEST_CASE("view --focus --depth draws the neighbourhood, --svg renders it with Graphviz") {
    auto dir = temp_dir("cli-view-focus");
    auto graph = write_graph(dir);
    const std::string svg = have_tool("dot") ? " --svg" : "";
    auto r = kgbuild("view --graph " + q(graph) + " --focus 'i. varn' --depth 1 -o " + q(dir / "out") + svg, dir);
    CHECK(r.exit_code == 0);
    CHECK(r.out.rfind("kgbuild: 2 entities, 1 relations\n", 0) == 0);
    std::string graphml = read_file(dir / "out" / "graph.graphml");
    CHECK(count(graphml, "<node id=") == 2);
    CHECK(graphml.find("Saltmere") == std::string::npos);
    CHECK(read_file(dir / "out" / "graph.html").find("<title>Neighbourhood of Ilse Varn (depth 1)</title>") !=
          std::string::npos);
    if (!svg.empty()) {
      std::string image = read_file(dir / "out" / "graph.svg");
      CHECK(image.find("<svg") != std::string::npos);
      CHECK(image.find("Tide Guild") != std::string::npos);
      CHECK(r.out.find("graph.svg") != std::string::npos);
    }
    auto two = kgbuild("view --graph " + q(graph) + " --focus 'Ilse Varn' --depth 2 -o " + q(dir / "two") + " -q", dir);
    CHECK(two.exit_code == 0);
    CHECK(two.out.empty());
    CHECK(count(read_file(dir / "two" / "graph.graphml"), "<node id=") == 3);
  }

  TEST_CASE("an unknown or ambiguous name exits 1 listing the candidates") {
    auto dir = temp_dir("cli-view-names");
    auto graph = write_graph(dir);
    auto unknown = kgbuild("view --graph " + q(graph) + " --focus 'Tide' -o " + q(dir / "out"), dir);
    CHECK(unknown.exit_code == 1);
    CHECK(unknown.err ==
          "kgbuild: error: no entity is called 'Tide'; names containing it:\n"
          "  Tide Guild (Organization) <https://w3id.org/kgbuild/resource/organization/tide-guild>\n");
    CHECK_FALSE(fs::exists(dir / "out" / "graph.html"));
    auto nothing = kgbuild("path --graph " + q(graph) + " Zebulon Saltmere", dir);
    CHECK(nothing.exit_code == 1);
    CHECK(nothing.err == "kgbuild: error: no entity is called 'Zebulon', and no entity name contains it\n");
    auto ambiguous = kgbuild("path --graph " + q(graph) + " kestrel Saltmere", dir);
    CHECK(ambiguous.exit_code == 1);
    CHECK(ambiguous.err ==
          "kgbuild: error: 'kestrel' is ambiguous: 2 entities have that name (give the IRI instead):\n"
          "  Kestrel (Person) <https://w3id.org/kgbuild/resource/person/kestrel>\n"
          "  Kestrel (Waterbody) <https://w3id.org/kgbuild/resource/waterbody/kestrel>\n");
    auto by_iri = kgbuild("view --graph " + q(graph) + " --focus https://w3id.org/kgbuild/resource/waterbody/kestrel -o " +
                              q(dir / "iri") + " -q",
                          dir);
    CHECK(by_iri.exit_code == 0);
  }

  TEST_CASE("path prints the shortest chain of relations with the evidence of each step") {
    auto dir = temp_dir("cli-path");
    auto graph = write_graph(dir);
    auto r = kgbuild("path --graph " + q(graph) + " 'ilse varn' 'Ode Brin'", dir);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out ==
          "Ilse Varn (Person) to Ode Brin (Person): 3 steps apart, 1 shortest path\n"
          "\n"
          "path 1: Ilse Varn - Tide Guild - Saltmere - Ode Brin\n"
          "  1. Ilse Varn --memberOf--> Tide Guild\n"
          "       \"Varn joined the Tide Guild.\"\n"
          "         (guild.txt, characters 0-27, confidence 0.75, rule test-rule)\n"
          "  2. Tide Guild --basedIn--> Saltmere\n"
          "       \"The Guild sits in Saltmere.\"\n"
          "         (guild.txt, characters 30-57, confidence 0.75, rule test-rule)\n"
          "  3. Ode Brin --residesIn--> Saltmere\n"
          "       \"Brin lives in Saltmere.\"\n"
          "         (guild.txt, characters 60-83, confidence 0.75, rule test-rule)\n");
    auto none = kgbuild("path --graph " + q(graph) + " 'Far Cove' Saltmere", dir);
    CHECK(none.exit_code == 1);
    CHECK(none.err.find("no path of relations or shared source documents joins Far Cove (Settlement)") !=
          std::string::npos);
  }

  TEST_CASE("path falls back to source documents when no chain of relations exists, unless --relations-only") {
    auto dir = temp_dir("cli-path-sources");
    auto graph = write_graph(dir);
    const std::string river = kg::ontology::entity_iri(kg::ontology::make_key(Class::Waterbody, "Kestrel"));
    auto r = kgbuild("path --graph " + q(graph) + " Saltmere '" + river + "'", dir);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out ==
          "no chain of relations joins them; shortest paths through the source documents that mention "
          "entities:\n"
          "Saltmere (Settlement) to Kestrel (Waterbody): 2 steps apart, 1 shortest path\n"
          "\n"
          "path 1: Saltmere - guild.txt - Kestrel\n"
          "  1. Saltmere --mentionedIn--> guild.txt\n"
          "       (the source document names it)\n"
          "  2. Kestrel --mentionedIn--> guild.txt\n"
          "       (the source document names it)\n");
    auto strict = kgbuild("path --relations-only --graph " + q(graph) + " Saltmere '" + river + "'", dir);
    CHECK(strict.exit_code == 1);
    CHECK(strict.out.empty());
    CHECK(strict.err.find("no path of relations joins Saltmere (Settlement)") != std::string::npos);
  }

  TEST_CASE("build writes the views next to graph.ttl, the same bytes every run, and rankings in report.json") {
    auto dir = temp_dir("cli-build-views");
    write_file(dir / "in" / "a.txt",
               "The Valdorian refugees fled to Port Vessel in 1999, and the people of the town helped them "
               "through the winter, as the newspapers of the time reported in detail.\n");
    const std::string data = std::string(" --data '") + KG_DATA_DIR + "'";
    auto one = kgbuild("build " + q(dir / "in") + " -o " + q(dir / "one") + " -q" + data, dir);
    auto two = kgbuild("build " + q(dir / "in") + " -o " + q(dir / "two") + " -q" + data, dir);
    REQUIRE(one.exit_code == 0);
    REQUIRE(two.exit_code == 0);
    for (const char* f : {"graph.graphml", "graph.dot", "graph.html"}) {
      CAPTURE(f);
      CHECK(fs::file_size(dir / "one" / f) > 0);
      CHECK(read_file(dir / "one" / f) == read_file(dir / "two" / f));
    }
    auto report = nlohmann::json::parse(read_file(dir / "one" / "report.json"));
    CHECK(report["top_by_degree"].is_array());
    CHECK(report["top_by_betweenness"].is_array());
    CHECK(report["top_by_degree"].size() <= 10);
    std::string outputs = report["outputs"].dump();
    CHECK(outputs.find("graph.graphml") != std::string::npos);
    CHECK(outputs.find("graph.html") != std::string::npos);
  }
}
