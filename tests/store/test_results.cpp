// Result formats (SPARQL 1.1 CSV/TSV/JSON, table, Turtle) and SPARQL JSON results read back.
#include "store/store.hpp"
#include "support.hpp"

using namespace kg;
using kg::store::Iri;
using kg::store::Literal;
using kg::store::Quad;
using kg::store::QueryResult;
using kg::store::Term;
using kg::store::ResultFormat;

namespace {

QueryResult sample() {
  QueryResult r;
  r.variables = {"who", "name"};
  r.rows.push_back({Term(Iri::unchecked("https://w3id.org/kgbuild/resource/person/ida-marsh")),
                    Term(Literal{"Ida \"the\" Marsh, Jr.", "", ""})});
  r.rows.push_back({Term(Iri::unchecked("urn:kgbuild:bnode:b7")), Term(Literal{"Марш", "", "ru"})});
  r.rows.push_back({Term(Iri::unchecked("https://example.org/x")), std::nullopt});
  r.rows.push_back({std::nullopt, Term(Literal{"1937", "http://www.w3.org/2001/XMLSchema#gYear", ""})});
  return r;
}

std::string fmt(const QueryResult& r, ResultFormat f) {
  auto s = store::format_result(r, f);
  if (!s.ok()) FAIL(s.error().render());
  return *s;
}

}  // namespace

TEST_SUITE("store::results") {
  TEST_CASE("CSV: plain values, quoted when needed, CRLF lines") {
    CHECK(fmt(sample(), ResultFormat::csv) ==
          "who,name\r\n"
          "https://w3id.org/kgbuild/resource/person/ida-marsh,\"Ida \"\"the\"\" Marsh, Jr.\"\r\n"
          "_:b7,Марш\r\n"
          "https://example.org/x,\r\n"
          ",1937\r\n");
  }

  TEST_CASE("TSV: terms in N-Triples syntax, ?variables in the header") {
    CHECK(fmt(sample(), ResultFormat::tsv) ==
          "?who\t?name\n"
          "<https://w3id.org/kgbuild/resource/person/ida-marsh>\t\"Ida \\\"the\\\" Marsh, Jr.\"\n"
          "_:b7\t\"Марш\"@ru\n"
          "<https://example.org/x>\t\n"
          "\t\"1937\"^^<http://www.w3.org/2001/XMLSchema#gYear>\n");
  }

  TEST_CASE("JSON: SPARQL 1.1 results that read back to the same rows") {
    const std::string json = fmt(sample(), ResultFormat::json);
    CHECK(json.find("\"type\": \"bnode\"") != std::string::npos);
    CHECK(json.find("\"xml:lang\": \"ru\"") != std::string::npos);
    auto back = store::parse_sparql_json(json);
    REQUIRE(back.ok());
    CHECK(back->variables == sample().variables);
    CHECK(back->rows == sample().rows);
  }

  TEST_CASE("table: prefixed names, bare strings, a row count") {
    const std::string t = fmt(sample(), ResultFormat::table);
    CHECK(t.find("person:ida-marsh") != std::string::npos);
    CHECK(t.find("\"1937\"^^xsd:gYear") != std::string::npos);
    CHECK(t.substr(t.size() - 9) == "(4 rows)\n");
  }

  TEST_CASE("ASK in every table format, graphs only as Turtle or N-Triples") {
    QueryResult ask;
    ask.kind = QueryResult::Kind::boolean;
    ask.boolean = true;
    CHECK(fmt(ask, ResultFormat::json) == "{\n  \"head\": {},\n  \"boolean\": true\n}\n");
    CHECK(fmt(ask, ResultFormat::tsv) == "true\n");
    auto back = store::parse_sparql_json("{\"head\":{},\"boolean\":false}");
    REQUIRE(back.ok());
    CHECK(back->kind == QueryResult::Kind::boolean);
    CHECK_FALSE(back->boolean);
    QueryResult g;
    g.kind = QueryResult::Kind::graph;
    g.triples.push_back(Quad{Iri::unchecked("https://w3id.org/kgbuild/resource/person/ida-marsh"),
                             Iri::unchecked("http://www.w3.org/2000/01/rdf-schema#label"), Literal{"Ida", "", ""}, Iri()});
    CHECK(fmt(g, ResultFormat::turtle).find("person:ida-marsh\n    rdfs:label \"Ida\" .") != std::string::npos);
    CHECK(fmt(g, ResultFormat::ntriples) ==
          "<https://w3id.org/kgbuild/resource/person/ida-marsh> <http://www.w3.org/2000/01/rdf-schema#label> \"Ida\" .\n");
    CHECK_FALSE(store::format_result(g, ResultFormat::json).ok());
    CHECK_FALSE(store::format_result(ask, ResultFormat::turtle).ok());
  }

  TEST_CASE("SPARQL JSON results: malformed documents are Errc::parse saying what is wrong") {
    auto a = store::parse_sparql_json("[1]");
    REQUIRE_FALSE(a.ok());
    CHECK(a.error().code == Errc::parse);
    auto b = store::parse_sparql_json("{\"head\":{\"vars\":[\"x\"]},\"results\":{\"bindings\":[{\"x\":{\"type\":\"triple\",\"value\":\"v\"}}]}}");
    REQUIRE_FALSE(b.ok());
    CHECK(b.error().message == "SPARQL JSON results: unknown value type 'triple'");
    auto c = store::parse_sparql_json("{\"head\":{\"vars\":[\"x\"]},\"results\":{\"bindings\":[{\"x\":{\"type\":\"literal\","
                                      "\"value\":\"7\",\"datatype\":\"http://www.w3.org/2001/XMLSchema#integer\"}}]}}");
    REQUIRE(c.ok());
    CHECK(c->rows.at(0).at(0) == std::optional<Term>(Literal{"7", "http://www.w3.org/2001/XMLSchema#integer", ""}));
  }
}
