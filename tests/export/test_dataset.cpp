// to_dataset: the RDF view of a graph (ontology.md, "Provenance").
#include "fixture.hpp"

using namespace kg;
using namespace kg::test::fx;

namespace {

const std::string kPerson = iri_of(Class::Person, "Anton Brask");
const std::string kTown = iri_of(Class::Settlement, "Port Vessel");
const std::string kStat = iri_of(Class::Statistic, "arrivals in Port Vessel");
const std::string kSource = ontology::entity_iri(extract::source_key(source("one.txt")));
const std::string kSourceGraph = rdfio::source_graph_iri(source("one.txt"));

std::string assertion_iri(const std::string& file, const std::string& s, const std::string& p, const std::string& o_nt,
                          std::size_t start, std::size_t end) {
  std::string id = extract::sha256_hex(file + '\x1f' + s + '\x1f' + p + '\x1f' + o_nt + '\x1f' + std::to_string(start) +
                                       '\x1f' + std::to_string(end));
  return "https://w3id.org/kgbuild/resource/assertion/" + id.substr(0, 16);
}

std::string integer(std::size_t n) { return "\"" + std::to_string(n) + "\"^^<" + kXsd + "integer>"; }
std::string decimal(const std::string& s) { return "\"" + s + "\"^^<" + kXsd + "decimal>"; }

}  // namespace

TEST_SUITE("export::Dataset") {
  TEST_CASE("graph IRIs follow the source key and the fixed entities name") {
    CHECK(rdfio::entities_graph_iri() == "https://w3id.org/kgbuild/resource/graph/entities");
    CHECK(kSourceGraph == "https://w3id.org/kgbuild/resource/graph/" + extract::source_key(source("one.txt")).name);
  }

  TEST_CASE("every entity has its class, one label and its alt labels in the graph of the source naming it") {
    auto ds = sample_dataset();
    const std::string ent = kSourceGraph;
    CHECK(match(ds, kPerson, vocab::rdf_type, "<" + kKg + "Person>", ent).size() == 1);
    CHECK(match(ds, kPerson, vocab::rdfs_label).size() == 1);
    CHECK(match(ds, kPerson, vocab::rdfs_label, "\"Anton Brask\"", ent).size() == 1);
    CHECK(match(ds, kPerson, vocab::skos_altLabel, "", ent).size() == 2);
    CHECK(match(ds, kPerson, vocab::skos_altLabel, "\"A. Brask\"", ent).size() == 1);
    CHECK(match(ds, kTown, vocab::rdf_type, "<" + kKg + "Settlement>", ent).size() == 1);
  }

  TEST_CASE("an entity known only from a relation is labelled with its key's name") {
    extract::DocResult d;
    d.source = source("two.txt");
    auto a = ontology::make_key(Class::Person, "Ida Marsh");
    auto b = ontology::make_key(Class::Organization, "Fenwick Rowing Club");
    d.entities.push_back({a, "Ida Marsh", {}});
    d.relations.push_back({a, Property::memberOf, b, evidence("two.txt", 0, 10, "Ida Marsh.")});
    graph::Graph g;
    g.add(d);
    auto ds = rdfio::to_dataset(g);
    CHECK(object_of(ds, ontology::entity_iri(b), vocab::rdfs_label) == "\"" + b.name + "\"");
    // described in the graph of the document stating the relation, not in a shared graph
    CHECK(match(ds, ontology::entity_iri(b), vocab::rdf_type, "", rdfio::source_graph_iri(source("two.txt"))).size() == 1);
    CHECK(match(ds, ontology::entity_iri(b), vocab::rdf_type, "", rdfio::entities_graph_iri()).empty());
  }

  TEST_CASE("an entity named by two sources is described in both graphs and once in the union") {
    graph::Graph g;
    g.add(sample_doc("one.txt"));
    g.add(sample_doc("two.txt"));
    auto ds = rdfio::to_dataset(g);
    for (const std::string file : {"one.txt", "two.txt"}) {
      INFO(file);
      const std::string graph_iri = rdfio::source_graph_iri(source(file));
      CHECK(match(ds, kPerson, vocab::rdf_type, "<" + kKg + "Person>", graph_iri).size() == 1);
      CHECK(match(ds, kPerson, vocab::rdfs_label, "\"Anton Brask\"", graph_iri).size() == 1);
      CHECK(match(ds, kPerson, vocab::skos_altLabel, "", graph_iri).size() == 2);
    }
    CHECK(match(ds, kPerson, vocab::rdf_type, "", rdfio::entities_graph_iri()).empty());
    std::size_t labels = 0;
    for (const auto& q : ds.triples())
      if (q.subject.str() == kPerson && q.predicate.str() == vocab::rdfs_label) ++labels;
    CHECK(labels == 1);
  }

  TEST_CASE("mentionedIn links an entity to each source naming it, in that source's graph") {
    graph::Graph g;
    g.add(sample_doc("one.txt"));
    g.add(sample_doc("two.txt"));
    auto ds = rdfio::to_dataset(g);
    for (const std::string file : {"one.txt", "two.txt"}) {
      INFO(file);
      std::string src = ontology::entity_iri(extract::source_key(source(file)));
      CHECK(match(ds, kPerson, kKg + "mentionedIn", "<" + src + ">", rdfio::source_graph_iri(source(file))).size() == 1);
    }
    CHECK(match(ds, kPerson, kKg + "mentionedIn").size() == 2);
  }

  TEST_CASE("a SourceDocument carries fileName, sha256 and byteSize in its own graph") {
    auto ds = sample_dataset();
    CHECK(match(ds, kSource, kKg + "fileName", "\"one.txt\"", kSourceGraph).size() == 1);
    CHECK(match(ds, kSource, kKg + "sha256", "\"" + source("one.txt").sha256 + "\"", kSourceGraph).size() == 1);
    CHECK(match(ds, kSource, kKg + "byteSize", integer(42), kSourceGraph).size() == 1);
    CHECK(match(ds, kSource, vocab::rdf_type, "<" + kKg + "SourceDocument>", kSourceGraph).size() == 1);
    CHECK(match(ds, kSource, vocab::rdfs_label, "\"one.txt\"", kSourceGraph).size() == 1);
  }

  TEST_CASE("a statement is asserted once and described by one Assertion per piece of evidence") {
    auto ds = sample_dataset();
    const std::string p = kKg + "migratedTo";
    CHECK(match(ds, kPerson, p, "<" + kTown + ">", kSourceGraph).size() == 1);
    CHECK(match(ds, kPerson, p).size() == 1);
    const std::string a = assertion_iri("one.txt", kPerson, p, "<" + kTown + ">", 10, 40);
    const std::string g = kSourceGraph;
    CHECK(match(ds, a, vocab::rdf_type, "<" + kKg + "Assertion>", g).size() == 1);
    CHECK(match(ds, a, vocab::rdf_subject, "<" + kPerson + ">", g).size() == 1);
    CHECK(match(ds, a, vocab::rdf_predicate, "<" + p + ">", g).size() == 1);
    CHECK(match(ds, a, vocab::rdf_object, "<" + kTown + ">", g).size() == 1);
    CHECK(match(ds, a, vocab::prov_wasDerivedFrom, "<" + kSource + ">", g).size() == 1);
    CHECK(match(ds, a, kKg + "evidence", "\"Brask \\\"moved\\\"\\nto Port Vessel\\\\\"", g).size() == 1);
    CHECK(match(ds, a, kKg + "charStart", integer(10), g).size() == 1);
    CHECK(match(ds, a, kKg + "charEnd", integer(40), g).size() == 1);
    CHECK(match(ds, a, kKg + "confidence", decimal("0.8"), g).size() == 1);
    CHECK(match(ds, a, kKg + "rule", "\"test-rule\"", g).size() == 1);
    CHECK(match(ds, a, vocab::rdfs_label).empty());
    CHECK(match(ds, a, "").size() == 10);
    // Two relations, one date, one value and one unit: five Assertions in all.
    CHECK(match(ds, "", vocab::rdf_type, "<" + kKg + "Assertion>").size() == 5);
  }

  TEST_CASE("a statement found in two documents keeps one Assertion per document, each in its graph") {
    graph::Graph g;
    g.add(sample_doc("one.txt"));
    g.add(sample_doc("two.txt"));
    auto ds = rdfio::to_dataset(g);
    const std::string p = kKg + "migratedTo";
    CHECK(match(ds, kPerson, p).size() == 2);  // the same triple in two source graphs
    CHECK(ds.triples().size() < ds.quads.size());
    CHECK(match(ds, "", vocab::rdf_subject, "<" + kPerson + ">").size() == 4);
    for (const auto& q : match(ds, "", vocab::rdf_type, "<" + kKg + "Assertion>")) {
      std::string src = object_of(ds, q.subject.str(), vocab::prov_wasDerivedFrom);
      bool one = src == "<" + kSource + ">";
      CHECK(q.graph.str() == (one ? kSourceGraph : rdfio::source_graph_iri(source("two.txt"))));
    }
  }

  TEST_CASE("attributes are typed literals in canonical form, with an Assertion whose object is the literal") {
    auto ds = sample_dataset();
    CHECK(object_of(ds, kStat, kKg + "value") == decimal("412.5"));
    CHECK(object_of(ds, kStat, kKg + "unit") == "\"arrivals\"");
    CHECK(object_of(ds, kTown, kKg + "date") == "\"1999-05\"^^<" + kXsd + "gYearMonth>");
    std::string a = assertion_iri("one.txt", kStat, kKg + "value", decimal("412.5"), 200, 230);
    CHECK(object_of(ds, a, vocab::rdf_object) == decimal("412.5"));
    CHECK(object_of(ds, a, kKg + "confidence") == decimal("0.63"));  // 0.7 * 0.9, no binary noise
  }

  TEST_CASE("decimal and integer attributes get canonical lexical forms, invalid ones are kept") {
    auto attribute = [](DataProperty p, const std::string& lexical, Datatype dt) {
      extract::DocResult d;
      d.source = source("n.txt");
      auto stat = ontology::make_key(Class::Statistic, "a count");
      d.entities.push_back({stat, "a count", {}});
      d.attributes.push_back({stat, p, lexical, dt, evidence("n.txt", 0, 1, "x")});
      graph::Graph g;
      g.add(d);
      return object_of(rdfio::to_dataset(g), ontology::entity_iri(stat), ontology::iri(p));
    };
    const std::pair<const char*, const char*> decimals[] = {
        {"171781", "171781.0"}, {"+0412.50", "412.5"}, {"-0.0", "0.0"},         {".5", "0.5"},
        {"7.", "7.0"},          {"-003.10", "-3.1"},   {"about 3", "about 3"}, {"1,5", "1,5"}};
    for (auto [in, out] : decimals) {
      INFO(in);
      CHECK(attribute(DataProperty::value, in, Datatype::decimal) == decimal(out));
    }
    const std::pair<const char*, const char*> integers[] = {
        {"+007", "7"}, {"0", "0"}, {"-12", "-12"}, {"-0", "0"}, {"1.5", "1.5"}, {"x", "x"}};
    for (auto [in, out] : integers) {
      INFO(in);
      CHECK(attribute(DataProperty::byteSize, in, Datatype::integer) == "\"" + std::string(out) + "\"^^<" + kXsd + "integer>");
    }
  }

  TEST_CASE("confidences are canonical decimals") {
    for (auto [c, text] : {std::pair{1.0, "1.0"}, std::pair{0.0, "0.0"}, std::pair{0.25, "0.25"},
                           std::pair{1.0 / 3.0, "0.333333"}, std::pair{0.9, "0.9"}}) {
      INFO(text);
      extract::DocResult d;
      d.source = source("c.txt");
      auto a = ontology::make_key(Class::Person, "Ida Marsh");
      auto b = ontology::make_key(Class::Settlement, "Lowmoor");
      d.relations.push_back({a, Property::residesIn, b, evidence("c.txt", 0, 5, "x", c)});
      graph::Graph g;
      g.add(d);
      auto ds = rdfio::to_dataset(g);
      auto conf = match(ds, "", kKg + "confidence");
      REQUIRE(conf.size() == 1);
      CHECK(ontology::to_ntriples(conf[0].object) == decimal(text));
    }
  }

  TEST_CASE("the dataset is sorted, duplicate-free, blank-node-free and every quad has a named graph") {
    graph::Graph g;
    g.add(sample_doc("one.txt"));
    g.add(sample_doc("two.txt"));
    auto ds = rdfio::to_dataset(g);
    CHECK(std::is_sorted(ds.quads.begin(), ds.quads.end()));
    CHECK(std::adjacent_find(ds.quads.begin(), ds.quads.end()) == ds.quads.end());
    for (const auto& q : ds.quads) {
      CHECK_FALSE(q.graph.str().empty());
      CHECK(q.subject.str().rfind("https://w3id.org/kgbuild/resource/", 0) == 0);
      if (auto* o = std::get_if<Iri>(&q.object)) CHECK(o->str().rfind("_:", 0) != 0);
    }
  }

  TEST_CASE("the same graph built in another order gives the same dataset") {
    graph::Graph a, b;
    a.add(sample_doc("one.txt"));
    a.add(sample_doc("two.txt", "Tony"));
    b.add(sample_doc("two.txt", "Tony"));
    b.add(sample_doc("one.txt"));
    CHECK(rdfio::to_dataset(a).quads == rdfio::to_dataset(b).quads);
  }
}
