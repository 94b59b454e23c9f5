// rdfio::validate against kgbuild's shapes (ontology/shapes.ttl) on datasets built by
// hand, conforming and broken on purpose; and the private Redland wrapper it runs on
// (export/src/redland_model.hpp). Case names start with "validate" so that
// `ctest -R validate` selects them.
#include <algorithm>
#include <chrono>

#include "../../export/redland/redland_model.hpp"
#include "fixture.hpp"

using namespace kg;
using namespace kg::test::fx;
namespace rl = kg::rdfio::detail::redland;

namespace {

const std::string kRes = "https://w3id.org/kgbuild/resource/";
const std::string kRdfType = vocab::rdf_type;
const std::string kLabel = vocab::rdfs_label;
const std::string kProv = std::string(vocab::kProv);
const std::string kShapes = "https://w3id.org/kgbuild/shapes#";

const std::string kSource = kRes + "source/a";
const std::string kGraph = kRes + "graph/a";
const std::string kPerson = kRes + "person/anton-brask";
const std::string kTown = kRes + "settlement/port-vessel";
const std::string kDecree = kRes + "legal-instrument/decree-7";
const std::string kEvent = kRes + "event/the-crossing";
const std::string kAssertion = kRes + "assertion/0001";

Literal typed(const std::string& lexical, const std::string& xsd_local) { return Literal{lexical, kXsd + xsd_local, ""}; }
Iri iri(const std::string& s) { return Iri::unchecked(s); }
std::string entities_graph() { return rdfio::entities_graph_iri(); }

// A small graph that conforms: a source file, a person who migrated to a town, a decree
// signed there, a dated event, and the Assertion of the migration.
Dataset conforming() {
  Dataset ds;
  auto add = [&](const std::string& s, const std::string& p, Term o, const std::string& g = kGraph) {
    ds.quads.push_back(quad(s, p, std::move(o), g));
  };
  const std::string e = entities_graph();
  add(kSource, kRdfType, iri(kKg + "SourceDocument"), e);
  add(kSource, kLabel, str_lit("a.txt"), e);
  add(kSource, kKg + "fileName", str_lit("a.txt"));
  add(kSource, kKg + "sha256", str_lit(std::string(64, 'a')));
  add(kSource, kKg + "byteSize", typed("120", "integer"));
  for (const auto& [s, cls, label] : {std::tuple{kPerson, "Person", "Anton Brask"}, {kTown, "Settlement", "Port Vessel"},
                                      {kDecree, "LegalInstrument", "Decree 7"}, {kEvent, "Event", "the crossing"}}) {
    add(s, kRdfType, iri(kKg + cls), e);
    add(s, kLabel, str_lit(label), e);
    add(s, kKg + "mentionedIn", iri(kSource));
  }
  add(kPerson, std::string(vocab::kSkos) + "altLabel", str_lit("A. Brask"), e);
  add(kPerson, kKg + "migratedTo", iri(kTown));
  add(kDecree, kKg + "signedAt", iri(kTown));
  add(kDecree, kKg + "date", typed("1999-02-28", "date"));
  add(kEvent, kKg + "date", typed("1999-05", "gYearMonth"));
  add(kEvent, kKg + "startDate", typed("1999", "gYear"));
  add(kAssertion, kRdfType, iri(kKg + "Assertion"));
  add(kAssertion, vocab::rdf_subject, iri(kPerson));
  add(kAssertion, vocab::rdf_predicate, iri(kKg + "migratedTo"));
  add(kAssertion, vocab::rdf_object, iri(kTown));
  add(kAssertion, vocab::prov_wasDerivedFrom, iri(kSource));
  add(kAssertion, kKg + "evidence", str_lit("Brask went to Port Vessel."));
  add(kAssertion, kKg + "charStart", typed("10", "integer"));
  add(kAssertion, kKg + "charEnd", typed("36", "integer"));
  add(kAssertion, kKg + "confidence", typed("0.8", "decimal"));
  add(kAssertion, kKg + "rule", str_lit("test-rule"));
  ds.normalise();
  return ds;
}

// `ds` without the quads matching (s, p), plus `extra`.
Dataset edit(Dataset ds, const std::string& s, const std::string& p, std::vector<Quad> extra = {}) {
  if (!s.empty())
    std::erase_if(ds.quads, [&](const Quad& q) { return q.subject.str() == s && q.predicate.str() == p; });
  ds.quads.insert(ds.quads.end(), extra.begin(), extra.end());
  ds.normalise();
  return ds;
}

std::vector<rdfio::Violation> validate(const Dataset& ds) {
  return rdfio::validate(ds, ontology::shapes_turtle(), {}).take();
}

std::string dump(const std::vector<rdfio::Violation>& vs) {
  std::string out;
  for (const auto& v : vs) out += v.focus_node + " | " + v.path + " | " + v.message + " | " + v.shape + "\n";
  return out;
}

// The one violation on (focus, path); fails the test when there is none or several.
rdfio::Violation only(const std::vector<rdfio::Violation>& vs, const std::string& focus, const std::string& path) {
  std::vector<rdfio::Violation> found;
  std::copy_if(vs.begin(), vs.end(), std::back_inserter(found),
               [&](const auto& v) { return v.focus_node == focus && v.path == path; });
  INFO(dump(vs));
  REQUIRE(found.size() == 1);
  return found.front();
}

}  // namespace

TEST_SUITE("export::validate") {
  TEST_CASE("validate: a hand-built graph that follows the spec conforms") {
    auto vs = validate(conforming());
    INFO(dump(vs));
    CHECK(vs.empty());
  }

  TEST_CASE("validate: the exporter's own output conforms, with and without the ontology in the data") {
    // The export fixture dates a town, which the spec does not allow (kg:date is for
    // Documents, Events and Statistics): without that attribute the output conforms.
    extract::DocResult doc = sample_doc("one.txt");
    auto town_date = [](const extract::Attribute& a) { return a.property == DataProperty::date; };
    REQUIRE(std::erase_if(doc.attributes, town_date) == 1);
    graph::Graph g;
    g.add(doc);
    Dataset ds = rdfio::to_dataset(g);
    auto alone = validate(ds);
    INFO(dump(alone));
    CHECK(alone.empty());
    auto onto = rdfio::parse_text(ontology::ontology_turtle(), rdfio::Format::turtle, "ontology.ttl", {}).take();
    ds.quads.insert(ds.quads.end(), onto.quads.begin(), onto.quads.end());
    ds.normalise();
    auto with_ontology = validate(ds);
    INFO(dump(with_ontology));
    CHECK(with_ontology.empty());

    const std::string town = iri_of(Class::Settlement, "Port Vessel");
    auto dated = only(validate(sample_dataset()), town, "");
    CHECK(dated.message.find("subject of kg:date: expected an instance of kg:Event, kg:Document") == 0);
  }

  TEST_CASE("validate: a Person without a label is reported on that person and rdfs:label") {
    auto v = only(validate(edit(conforming(), kPerson, kLabel)), kPerson, kLabel);
    CHECK(v.message == "expected exactly 1 value of rdfs:label, found 0");
    CHECK(v.shape == kShapes + "Entity-label");
  }

  TEST_CASE("validate: an entity with two labels is reported with both") {
    auto v = only(validate(edit(conforming(), "", "", {quad(kPerson, kLabel, str_lit("Second Name"), entities_graph())})),
                  kPerson, kLabel);
    CHECK(v.message == "expected exactly 1 value of rdfs:label, found 2: \"Anton Brask\", \"Second Name\"");
  }

  TEST_CASE("validate: the same label in two named graphs counts once") {
    CHECK(validate(edit(conforming(), "", "", {quad(kPerson, kLabel, str_lit("Anton Brask"), kGraph)})).empty());
  }

  TEST_CASE("validate: an object of the wrong class is reported with the class expected and found") {
    auto vs = validate(edit(conforming(), "", "", {quad(kDecree, kKg + "signedAt", iri(kPerson))}));
    auto v = only(vs, kDecree, kKg + "signedAt");
    CHECK(v.message ==
          "expected an instance of kg:Place, kg:Country, kg:Region, kg:Settlement or kg:Waterbody, found kg:Person <" +
              kPerson + ">");
    CHECK(v.shape == kShapes + "signedAt-range");
    CHECK(vs.size() == 1);
  }

  TEST_CASE("validate: a subject outside the domain is reported on the node, without a path") {
    auto vs = validate(edit(conforming(), "", "", {quad(kTown, kKg + "memberOf", iri(kDecree))}));
    auto node = only(vs, kTown, "");
    CHECK(node.message == "subject of kg:memberOf: expected an instance of kg:Person, found kg:Settlement <" + kTown + ">");
    CHECK(node.shape == kShapes + "memberOf");
    auto value = only(vs, kTown, kKg + "memberOf");
    CHECK(value.message.find("expected an instance of kg:Organization or kg:GovernmentBody") == 0);
  }

  TEST_CASE("validate: a non-date in kg:date is reported with the datatypes allowed") {
    SUBCASE("a plain string") {
      auto v = only(validate(edit(conforming(), kEvent, kKg + "date", {quad(kEvent, kKg + "date", str_lit("last spring"))})),
                    kEvent, kKg + "date");
      CHECK(v.message == "expected datatype xsd:date, xsd:gYearMonth or xsd:gYear, found \"last spring\"");
      CHECK(v.shape == kShapes + "date-value");
    }
    SUBCASE("a month that does not exist") {
      auto v = only(validate(edit(conforming(), kEvent, kKg + "date",
                                  {quad(kEvent, kKg + "date", typed("1937-13", "gYearMonth"))})),
                    kEvent, kKg + "date");
      CHECK(v.message == "expected datatype xsd:date, xsd:gYearMonth or xsd:gYear, found \"1937-13\"^^xsd:gYearMonth");
    }
    SUBCASE("a day that does not exist") {
      auto v = only(validate(edit(conforming(), kDecree, kKg + "date",
                                  {quad(kDecree, kKg + "date", typed("1999-02-29", "date"))})),
                    kDecree, kKg + "date");
      CHECK(v.message.find("found \"1999-02-29\"^^xsd:date") != std::string::npos);
    }
  }

  TEST_CASE("validate: an Assertion without prov:wasDerivedFrom is reported") {
    auto v = only(validate(edit(conforming(), kAssertion, vocab::prov_wasDerivedFrom)), kAssertion,
                  vocab::prov_wasDerivedFrom);
    CHECK(v.message == "expected exactly 1 value of prov:wasDerivedFrom, found 0");
    CHECK(v.shape == kShapes + "Assertion-wasDerivedFrom");
  }

  TEST_CASE("validate: an Assertion derived from something that is not a SourceDocument is reported") {
    auto v = only(validate(edit(conforming(), kAssertion, vocab::prov_wasDerivedFrom,
                                {quad(kAssertion, vocab::prov_wasDerivedFrom, iri(kTown))})),
                  kAssertion, vocab::prov_wasDerivedFrom);
    CHECK(v.message == "expected an instance of kg:SourceDocument, found kg:Settlement <" + kTown + ">");
  }

  TEST_CASE("validate: an Assertion about a predicate outside the ontology is reported with the list abridged") {
    auto v = only(validate(edit(conforming(), kAssertion, vocab::rdf_predicate,
                                {quad(kAssertion, vocab::rdf_predicate, iri(std::string(vocab::kRdfs) + "seeAlso"))})),
                  kAssertion, vocab::rdf_predicate);
    CHECK(v.message ==
          "expected one of 43 values (kg:memberOf, kg:affiliatedWith, kg:leaderOf, kg:partOf, kg:basedIn, …), "
          "found rdfs:seeAlso");
  }

  TEST_CASE("validate: provenance numbers are checked: confidence in [0, 1], charStart <= charEnd") {
    auto vs = validate(edit(edit(conforming(), kAssertion, kKg + "confidence",
                                 {quad(kAssertion, kKg + "confidence", typed("1.5", "decimal"))}),
                            kAssertion, kKg + "charStart", {quad(kAssertion, kKg + "charStart", typed("40", "integer"))}));
    CHECK(only(vs, kAssertion, kKg + "confidence").message == "expected a number <= 1, found \"1.5\"^^xsd:decimal");
    CHECK(only(vs, kAssertion, kKg + "charStart").message ==
          "expected a number <= the kg:charEnd value \"36\"^^xsd:integer, found \"40\"^^xsd:integer");
  }

  TEST_CASE("validate: a SourceDocument needs a 64-digit lower-case sha256") {
    auto vs = validate(edit(conforming(), kSource, kKg + "sha256", {quad(kSource, kKg + "sha256", str_lit("ABC"), kGraph)}));
    CHECK(only(vs, kSource, kKg + "sha256").message == "expected a value matching ^[0-9a-f]{64}$, found \"ABC\"");
    auto missing = validate(edit(conforming(), kSource, kKg + "byteSize"));
    CHECK(only(missing, kSource, kKg + "byteSize").message == "expected exactly 1 value of kg:byteSize, found 0");
  }

  TEST_CASE("validate: an entity needs exactly one kgbuild class, other vocabularies' types do not count") {
    auto two = validate(edit(conforming(), "", "", {quad(kTown, kRdfType, iri(kKg + "Region"), entities_graph())}));
    CHECK(only(two, kTown, kRdfType).message ==
          "expected exactly 1 value of rdf:type that is a kgbuild class, found 2: kg:Region, kg:Settlement");
    auto foreign = validate(edit(conforming(), "", "", {quad(kTown, kRdfType, iri("https://schema.org/City"))}));
    CHECK(foreign.empty());
    auto none = validate(edit(conforming(), kPerson, kRdfType));
    CHECK(only(none, kPerson, kRdfType).message == "expected exactly 1 value of rdf:type that is a kgbuild class, found 0");
  }

  TEST_CASE("validate: violations come sorted by focus node, path and shape, the same on every run") {
    Dataset broken = edit(edit(conforming(), kPerson, kLabel), kAssertion, kKg + "rule",
                          {quad(kDecree, kKg + "signedAt", iri(kPerson)), quad(kEvent, kKg + "date", str_lit("soon"))});
    auto a = validate(broken), b = validate(broken);
    REQUIRE(a.size() == 4);
    CHECK(dump(a) == dump(b));
    CHECK(std::is_sorted(a.begin(), a.end(), [](const auto& x, const auto& y) {
      return std::tie(x.focus_node, x.path, x.shape) < std::tie(y.focus_node, y.path, y.shape);
    }));
  }

  TEST_CASE("validate: shapes that cannot be read are an Errc::parse error naming shapes.ttl") {
    auto r = rdfio::validate(conforming(), "@prefix sh: <http://www.w3.org/ns/shacl#> .\n<a> sh:path .\n", {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::parse);
    CHECK(r.error().where.file == "shapes.ttl");
    CHECK(r.error().where.line == 2);
    CHECK(r.error().render().find("shapes.ttl:2") == 0);
  }

  TEST_CASE("validate: a shape using a SHACL feature the validator lacks is refused, not half-checked") {
    auto r = rdfio::validate(conforming(), R"(@prefix sh: <http://www.w3.org/ns/shacl#> .
<urn:x:S> a sh:NodeShape ; sh:targetClass <urn:x:C> ; sh:not [ sh:class <urn:x:D> ] .
)", {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::usage);
    CHECK(r.error().message == "shape <urn:x:S> uses sh:not, which kgbuild's SHACL validator does not implement");
  }

  TEST_CASE("validate: targetObjectsOf, sh:in and nodeKind in hand-written shapes") {
    const std::string shapes = R"(@prefix sh: <http://www.w3.org/ns/shacl#> .
<urn:x:S> sh:targetObjectsOf <urn:x:p> ; sh:nodeKind sh:IRI ; sh:in ( <urn:x:a> <urn:x:b> ) .
)";
    Dataset ds;
    ds.quads = {quad("urn:x:s", "urn:x:p", iri("urn:x:a")), quad("urn:x:s", "urn:x:p", iri("urn:x:c")),
                quad("urn:x:s", "urn:x:p", str_lit("lit"))};
    ds.normalise();
    auto vs = rdfio::validate(ds, shapes, {}).take();
    INFO(dump(vs));
    REQUIRE(vs.size() == 3);
    CHECK(vs[0].focus_node == "\"lit\"");
    CHECK(vs[0].message == "expected node kind sh:IRI, found \"lit\"");
    CHECK(vs[1].focus_node == "\"lit\"");
    CHECK(vs[1].message == "expected one of <urn:x:a> or <urn:x:b>, found \"lit\"");
    CHECK(vs[2].focus_node == "urn:x:c");
    CHECK(vs[2].shape == "urn:x:S");
  }
}

TEST_SUITE("export::redland::Model") {
  TEST_CASE("validate: Redland model keeps quads, graph names, literals and blank nodes") {
    Dataset ds;
    ds.quads = {quad("urn:x:s", "urn:x:p", str_lit("plain")),
                quad("urn:x:s", "urn:x:p", Literal{"Корё сарам", "", "ru"}, "urn:x:g1"),
                quad("urn:x:s", "urn:x:p", typed("1937", "gYear"), "urn:x:g2"),
                quad("urn:x:s", "urn:x:q", iri("urn:kgbuild:bnode:b1"), "urn:x:g1"),
                quad("urn:kgbuild:bnode:b1", "urn:x:p", str_lit("in a blank node"))};
    ds.normalise();
    auto model = rl::Model::from_dataset(ds, {}).take();
    CHECK(model.size() == 5);
    CHECK(model.quads() == ds.quads);
    Dataset twice;  // not normalised: duplicates are stored once
    twice.quads = {ds.quads[1], ds.quads[0], ds.quads[1]};
    CHECK(rl::Model::from_dataset(twice, {}).take().size() == 2);
  }

  TEST_CASE("validate: Redland model keeps a triple once per graph, SPARQL sees it once per graph") {
    Dataset ds;
    ds.quads = {quad("urn:x:s", "urn:x:p", str_lit("A"), "urn:x:g1"), quad("urn:x:s", "urn:x:p", str_lit("A"), "urn:x:g2"),
                quad("urn:x:s", "urn:x:p", str_lit("A"))};
    ds.normalise();
    auto model = rl::Model::from_dataset(ds, {}).take();
    CHECK(model.quads() == ds.quads);
    CHECK(rl::select(model, "SELECT ?o WHERE { ?s <urn:x:p> ?o }", {}).take().rows.size() == 3);
    CHECK(rl::select(model, "SELECT DISTINCT ?o WHERE { ?s <urn:x:p> ?o }", {}).take().rows.size() == 1);
    auto graphs = rl::select(model, "SELECT ?g WHERE { GRAPH ?g { ?s <urn:x:p> ?o } } ORDER BY ?g", {}).take();
    REQUIRE(graphs.rows.size() == 3);
    CHECK(graphs.rows[0][0] == Term(iri(std::string(rl::kDefaultGraph))));
  }

  TEST_CASE("validate: Redland model loads default-graph triples without the context-storage slow path") {
    // Added without a context, 20,000 triples took about two minutes; in a context, 0.1 s.
    Dataset ds;
    for (int i = 0; i < 20000; ++i)
      ds.quads.push_back(quad("urn:x:s" + std::to_string(i), "urn:x:p", str_lit(std::to_string(i))));
    const auto start = std::chrono::steady_clock::now();
    auto model = rl::Model::from_dataset(ds, {}).take();
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
    CHECK(model.size() == 20000);
  }

  TEST_CASE("validate: Redland select returns variables and rows of our terms, unbound as nullopt") {
    Dataset ds;
    ds.quads = {quad("urn:x:a", "urn:x:p", str_lit("A"), "urn:x:g"), quad("urn:x:b", "urn:x:p", typed("2", "integer")),
                quad("urn:x:a", "urn:x:q", iri("urn:x:b"))};
    auto model = rl::Model::from_dataset(ds, {}).take();
    auto r = rl::select(model, "SELECT ?s ?o ?x WHERE { ?s <urn:x:p> ?o OPTIONAL { ?s <urn:x:q> ?x } } ORDER BY ?s", {})
                 .take();
    CHECK(r.variables == std::vector<std::string>{"s", "o", "x"});
    REQUIRE(r.rows.size() == 2);
    CHECK(r.rows[0] == rl::Row{iri("urn:x:a"), str_lit("A"), iri("urn:x:b")});
    CHECK(r.rows[1] == rl::Row{iri("urn:x:b"), typed("2", "integer"), std::nullopt});
  }

  TEST_CASE("validate: Redland select reports bad queries, non-SELECT queries and empty models") {
    auto model = rl::Model::from_dataset(Dataset{}, {}).take();
    std::vector<std::string> logged;
    Diagnostics sink = [&](Level, const Location&, std::string_view m) { logged.emplace_back(m); };
    auto bad = rl::select(model, "SELECT ?s WHERE { ?s", sink);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == Errc::parse);
    CHECK(bad.error().where.file == "query");
    auto ask = rl::select(model, "ASK { ?s ?p ?o }", {});
    REQUIRE_FALSE(ask.ok());
    CHECK(ask.error().code == Errc::usage);
    rl::Model empty;
    CHECK_FALSE(empty.valid());
    CHECK(rl::select(empty, "SELECT * WHERE { ?s ?p ?o }", {}).error().code == Errc::usage);
  }

  TEST_CASE("validate: Redland Turtle parsing keeps blank nodes apart and reports raptor's error place") {
    auto model = rl::Model::from_turtle("<urn:x:s> <urn:x:p> [ <urn:x:q> 1 ], [ <urn:x:q> 2 ] .\n<rel> <urn:x:p> 3 .\n",
                                        "t.ttl", "http://example.org/base/", {})
                     .take();
    auto qs = model.quads();
    REQUIRE(qs.size() == 5);
    CHECK(std::count_if(qs.begin(), qs.end(), [](const Quad& q) { return q.subject.str() == "http://example.org/base/rel"; }) == 1);
    std::set<std::string> blanks;
    for (const auto& q : qs)
      if (q.subject.str().rfind("urn:kgbuild:bnode:", 0) == 0) blanks.insert(q.subject.str());
    CHECK(blanks.size() == 2);

    auto bad = rl::Model::from_turtle("<urn:x:s> <urn:x:p> \"ok\" .\n<urn:x:s> <urn:x:p> .\n", "bad.ttl", "urn:x:", {});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == Errc::parse);
    CHECK(bad.error().where.file == "bad.ttl");
    CHECK(bad.error().where.line == 2);
  }

  TEST_CASE("validate: Redland log messages reach the innermost LogScope: warnings at once, errors held") {
    std::vector<std::string> outer_log, inner_log;
    Diagnostics outer_sink = [&](Level l, const Location& w, std::string_view m) {
      outer_log.push_back(std::string(to_string(l)) + " " + w.file + ":" + std::to_string(w.line) + " " + std::string(m));
    };
    Diagnostics inner_sink = [&](Level l, const Location& w, std::string_view m) {
      inner_log.push_back(std::string(to_string(l)) + " " + w.file + ":" + std::to_string(w.line) + " " + std::string(m));
    };
    {
      rl::LogScope outer("outer.ttl", outer_sink);
      {
        rl::LogScope inner("inner.ttl", inner_sink);
        inner.log(Level::warning, Location{"", 3}, "odd but fine");
        inner.log(Level::error, Location{"", 4}, "first");
        inner.log(Level::error, Location{"", 5}, "second");
        CHECK(inner_log == std::vector<std::string>{"warning inner.ttl:3 odd but fine"});
        auto first = inner.take_error();
        REQUIRE(first.has_value());
        CHECK(first->render() == "inner.ttl:4: error: first");
      }
      // The error nobody took is passed on when the scope ends; the outer scope is current again.
      CHECK(inner_log.back() == "error inner.ttl:5 second");
      auto undeclared = rl::Model::from_turtle("<urn:x:s> <urn:x:p> 1 .\nx:a <urn:x:p> 2 .\n", "prefix.ttl", "urn:x:", {});
      REQUIRE_FALSE(undeclared.ok());
      CHECK(undeclared.error().where.file == "prefix.ttl");
      CHECK(undeclared.error().where.line == 2);
      CHECK(undeclared.error().message.find("x:a") != std::string::npos);
      CHECK_FALSE(outer.take_error().has_value());  // the parse's own scope caught its messages
    }
    CHECK(outer_log.empty());
  }

  TEST_CASE("validate: default, moved-from and moved-into Redland models destroy safely") {
    { rl::Model empty; }
    auto a = rl::Model::from_dataset(conforming(), {}).take();
    const std::size_t n = a.size();
    rl::Model b(std::move(a));
    CHECK_FALSE(a.valid());
    CHECK(a.size() == 0);
    CHECK(a.quads().empty());
    CHECK(b.size() == n);
    rl::Model c = rl::Model::create().take();
    c = std::move(b);  // frees c's own model first
    CHECK(c.size() == n);
    CHECK_FALSE(a.add(quad("urn:x:s", "urn:x:p", str_lit("x"))).ok());
    CHECK(c.add(quad("urn:x:s", "urn:x:p", str_lit("x"))).ok());
    CHECK(c.size() == n + 1);
  }

  TEST_CASE("validate: sparql_iri refuses characters that could break out of an IRIREF") {
    CHECK(rl::sparql_iri("https://w3id.org/kgbuild/ontology#Person") == "<https://w3id.org/kgbuild/ontology#Person>");
    for (const char* bad : {"", "urn:x> } DELETE {", "urn:a b", "urn:\"q\"", "urn:x\\u0041"}) {
      INFO(bad);
      CHECK_FALSE(rl::sparql_iri(bad).has_value());
    }
  }
}
