// prepare_query: prefixes, parameters, property paths and the UNION rewrite
// (store/src/sparql.cpp). Queries written for the tests.
#include "store/store.hpp"
#include "support.hpp"

using kg::Errc;
using kg::store::prepare_query;

namespace {

std::string body_of(const kg::store::PreparedQuery& q) { return q.text.substr(q.text.find('\n') + 1); }
std::string body_of_text(const std::string& text) { return text.substr(text.find('\n') + 1); }

}  // namespace

TEST_SUITE("store::prepare_query") {
  TEST_CASE("predeclares kgbuild's prefixes on one line, except those the query declares") {
    auto q = prepare_query("PREFIX kg: <urn:mine#> SELECT * WHERE { ?s a kg:X }", {});
    REQUIRE(q.ok());
    CHECK(q->prologue_lines == 1);
    const std::string head = q->text.substr(0, q->text.find('\n'));
    CHECK(head.find("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>") != std::string::npos);
    CHECK(head.find("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>") != std::string::npos);
    CHECK(head.find("PREFIX person: <https://w3id.org/kgbuild/resource/person/>") != std::string::npos);
    CHECK(head.find("PREFIX kg:") == std::string::npos);
    CHECK(body_of(*q) == "PREFIX kg: <urn:mine#> SELECT * WHERE { ?s a kg:X }");
  }

  TEST_CASE("substitutes $name parameters as escaped string literals or IRIs") {
    auto q = prepare_query("SELECT ?d WHERE { ?d rdfs:label ?n FILTER(?n = $name) } # $name stays in comments",
                           {{"name", "Decree \"7\"\nof May\\"}});
    REQUIRE(q.ok());
    CHECK(body_of(*q) ==
          "SELECT ?d WHERE { ?d rdfs:label ?n FILTER(?n = \"Decree \\\"7\\\"\\nof May\\\\\") } # $name stays in comments");
    auto i = prepare_query("ASK { $doc kg:signedBy ?p }", {{"doc", "<https://example.org/doc/1>"}});
    REQUIRE(i.ok());
    CHECK(body_of(*i) == "ASK { <https://example.org/doc/1> kg:signedBy ?p }");
    auto s = prepare_query("ASK { ?d rdfs:label \"$doc\" }", {{"doc", "x"}});
    REQUIRE_FALSE(s.ok());  // inside a string it is not a parameter, so the parameter is unused
    CHECK(s.error().code == Errc::usage);
  }

  TEST_CASE("refuses unused parameters and IRIs that are not IRIs") {
    auto unused = prepare_query("ASK { ?s ?p ?o }", {{"who", "Ida"}});
    REQUIRE_FALSE(unused.ok());
    CHECK(unused.error().message == "parameter 'who' is not used by the query (it has no $who)");
    auto bad = prepare_query("ASK { $s ?p ?o }", {{"s", "<not an iri>"}});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == Errc::usage);
  }

  TEST_CASE("refuses property paths with | and says where") {
    auto q = prepare_query("SELECT ?n WHERE {\n  ?s rdfs:label|skos:altLabel ?n }", {});
    REQUIRE_FALSE(q.ok());
    CHECK(q.error().code == Errc::usage);
    CHECK(q.error().where.line == 2);
    CHECK(q.error().where.column == 16);
    CHECK(q.error().message.find("property paths ('|') are not supported") == 0);
    auto orq = prepare_query("SELECT ?v WHERE { ?s kg:value ?v FILTER(?v < 2 || ?v > 9) }", {});
    CHECK(orq.ok());  // || is the OR operator; "< 2" is not an IRI
  }

  TEST_CASE("refuses COUNT(DISTINCT ...), which Rasqal 0.9.33 miscounts") {
    auto q = prepare_query("SELECT (count( distinct ?s) AS ?n) WHERE { ?s ?p ?o }", {});
    REQUIRE_FALSE(q.ok());
    CHECK(q.error().code == Errc::usage);
    CHECK(q.error().where.column == 9);
  }

  TEST_CASE("issue 5: triple patterns next to a UNION are moved into its branches") {
    auto q = prepare_query(
        "SELECT ?b WHERE { ?r a kg:LegalInstrument ; kg:issuedBy ?b . { ?r rdfs:label ?n } UNION { ?r skos:altLabel ?n } "
        "FILTER(CONTAINS(LCASE(STR(?n)), \"resolution 2397\")) }",
        {});
    REQUIRE(q.ok());
    CHECK(q->rewritten);
    CHECK(body_of(*q) ==
          "SELECT ?b WHERE { { ?r a kg:LegalInstrument ; kg:issuedBy ?b . ?r rdfs:label ?n . } UNION "
          "{ ?r a kg:LegalInstrument ; kg:issuedBy ?b . ?r skos:altLabel ?n . } "
          "FILTER(CONTAINS(LCASE(STR(?n)), \"resolution 2397\")) }");
  }

  TEST_CASE("two UNIONs in one group are distributed into every combination of branches") {
    auto q = prepare_query(
        "SELECT ?o WHERE { ?p kg:affiliatedWith ?o . { ?p rdfs:label ?n } UNION { ?p skos:altLabel ?n } "
        "FILTER(?n = \"A\") { ?o rdfs:label ?m } UNION { ?o skos:altLabel ?m } }",
        {});
    REQUIRE(q.ok());
    CHECK(body_of(*q) ==
          "SELECT ?o WHERE { { ?p kg:affiliatedWith ?o . ?p rdfs:label ?n . ?o rdfs:label ?m . } UNION "
          "{ ?p kg:affiliatedWith ?o . ?p rdfs:label ?n . ?o skos:altLabel ?m . } UNION "
          "{ ?p kg:affiliatedWith ?o . ?p skos:altLabel ?n . ?o rdfs:label ?m . } UNION "
          "{ ?p kg:affiliatedWith ?o . ?p skos:altLabel ?n . ?o skos:altLabel ?m . } FILTER(?n = \"A\") }");
  }

  TEST_CASE("leaves alone a lone UNION, a query without UNION and groups it cannot rewrite") {
    const std::string lone = "SELECT ?n WHERE { { ?s rdfs:label ?n } UNION { ?s skos:altLabel ?n } }";
    auto a = prepare_query(lone, {});
    REQUIRE(a.ok());
    CHECK_FALSE(a->rewritten);
    CHECK(body_of(*a) == lone);
    const std::string optional =
        "SELECT ?n WHERE { ?s a kg:Person . OPTIONAL { ?s kg:position ?p } { ?s rdfs:label ?n } UNION { ?s skos:altLabel ?n } }";
    auto b = prepare_query(optional, {});
    REQUIRE(b.ok());
    CHECK_FALSE(b->rewritten);
    CHECK(body_of(*b) == optional);
    REQUIRE(b->notes.size() == 2);
    CHECK(b->notes[0].find("OPTIONAL after other patterns was left as it is") != std::string::npos);
    CHECK(b->notes[1].find("a UNION joined with other patterns was left as it is") != std::string::npos);
  }

  TEST_CASE("plans OPTIONAL for kgbuild's own left join, or says why it cannot") {
    auto q = prepare_query(
        "SELECT DISTINCT ?e ?d WHERE { ?e a kg:Event . { ?e rdfs:label ?n } UNION { ?e skos:altLabel ?n } "
        "FILTER(?n != \"x\") OPTIONAL { ?e kg:date ?d } } ORDER BY DESC(?d) ?e LIMIT 5 OFFSET 1",
        {});
    REQUIRE(q.ok());
    REQUIRE(q->optional_plan);
    const auto& p = *q->optional_plan;
    CHECK(p.projection == std::vector<std::string>{"e", "d"});
    CHECK(p.distinct);
    CHECK(p.order == std::vector<std::pair<std::string, bool>>{{"d", true}, {"e", false}});
    CHECK(p.limit == std::optional<std::size_t>(5));
    CHECK(p.offset == 1);
    REQUIRE(p.required.size() == 2);
    CHECK(body_of_text(p.required[0]) == "SELECT * WHERE { ?e a kg:Event . ?e rdfs:label ?n . FILTER(?n != \"x\") }");
    CHECK(body_of_text(p.required[1]) == "SELECT * WHERE { ?e a kg:Event . ?e skos:altLabel ?n . FILTER(?n != \"x\") }");
    REQUIRE(p.optionals.size() == 1);
    CHECK(body_of_text(p.optionals[0]) == "SELECT * WHERE { ?e kg:date ?d }");
    auto loose = prepare_query("SELECT ?e WHERE { ?e a kg:Event OPTIONAL { ?e kg:date ?d } FILTER(BOUND(?d)) }", {});
    REQUIRE(loose.ok());
    CHECK_FALSE(loose->optional_plan);
    REQUIRE(loose->notes.size() == 1);
    CHECK(loose->notes[0].find("a FILTER uses ?d, which the required patterns may leave unbound") != std::string::npos);
  }

  TEST_CASE("rewrites inside nested groups and keeps CONSTRUCT templates") {
    auto q = prepare_query(
        "CONSTRUCT { ?r rdfs:label ?n } WHERE { GRAPH ?g { ?r a kg:Event . { ?r rdfs:label ?n } UNION { ?r skos:altLabel ?n } } }",
        {});
    REQUIRE(q.ok());
    CHECK(q->rewritten);
    CHECK(body_of(*q) ==
          "CONSTRUCT { ?r rdfs:label ?n } WHERE { GRAPH ?g { { ?r a kg:Event . ?r rdfs:label ?n . } UNION "
          "{ ?r a kg:Event . ?r skos:altLabel ?n . } } }");
  }

  TEST_CASE("hands a query it cannot follow to Rasqal unchanged") {
    auto q = prepare_query("SELECT ?s WHERE { ?s ?p \"open", {});
    REQUIRE(q.ok());
    CHECK(body_of(*q) == "SELECT ?s WHERE { ?s ?p \"open");
    CHECK_FALSE(q->notes.empty());
  }
}
