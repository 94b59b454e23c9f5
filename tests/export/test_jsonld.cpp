// JSON-LD: the context file, the writer's use of its terms, the reader's accepted
// subset and refusals, and expansion by an independent processor (rdflib).
// https://www.w3.org/TR/json-ld11/
#include <nlohmann/json.hpp>

#include "../../export/src/names.hpp"
#include "../../export/src/writers.hpp"
#include "fixture.hpp"

using namespace kg;
using namespace kg::test;
using namespace kg::test::fx;
using json = nlohmann::json;

namespace {

const std::string kRes = "https://w3id.org/kgbuild/resource/";

const json* node_with_id(const json& doc, const std::string& id) {
  for (const auto& n : doc["@graph"])
    if (n["@id"] == id) return &n;
  return nullptr;
}

Result<rdfio::Dataset> read(const std::string& text) { return rdfio::parse_text(text, rdfio::Format::jsonld, "in.jsonld", {}); }

}  // namespace

TEST_SUITE("export::JsonLd") {
  TEST_CASE("the context is JSON-LD 1.1 and binds the Turtle writer's prefixes") {
    json doc = json::parse(ontology::context_jsonld());
    const json& ctx = doc["@context"];
    CHECK(ctx["@version"] == 1.1);
    for (const auto& [p, ns] : rdfio::detail::prefixes()) {
      INFO(p);
      REQUIRE(ctx.contains(p));
      CHECK(ctx[p] == ns);
    }
    // Every term definition names an IRI through a declared prefix, and coerces at most
    // to "@id" or an xsd datatype.
    for (const auto& [k, v] : ctx.items()) {
      if (!v.is_object()) continue;
      INFO(k);
      std::string id = v["@id"];
      CHECK(ctx.contains(id.substr(0, id.find(':'))));
      if (v.contains("@type")) CHECK((v["@type"] == "@id" || v["@type"].get<std::string>().rfind("xsd:", 0) == 0));
    }
  }

  TEST_CASE("the writer uses the context's terms, coerced values as plain strings") {
    auto ds = sample_dataset();
    json doc = json::parse(rdfio::serialise(ds, rdfio::Format::jsonld));
    CHECK(doc["@context"] == json::parse(ontology::context_jsonld())["@context"]);
    const json* person = node_with_id(doc, "person:anton-brask");
    REQUIRE(person);
    CHECK((*person)["@type"] == "kg:Person");
    CHECK((*person)["label"] == "Anton Brask");
    CHECK((*person)["altLabel"] == json::array({"A. Brask", "Brask"}));
    CHECK((*person)["migratedTo"] == "settlement:port-vessel");
    CHECK((*person)["mentionedIn"].get<std::string>().rfind("source:one-txt-", 0) == 0);
    const json* town = node_with_id(doc, "settlement:port-vessel");
    REQUIRE(town);
    CHECK((*town)["date"] == json{{"@value", "1999-05"}, {"@type", "xsd:gYearMonth"}});
    std::size_t assertions = 0;
    for (const auto& n : doc["@graph"]) {
      if (n["@type"] != "kg:Assertion") continue;
      ++assertions;
      CHECK(n["charStart"].is_string());
      CHECK(n["confidence"].is_string());
      CHECK(n["subject"].is_string());
      CHECK(n["wasDerivedFrom"].is_string());
    }
    CHECK(assertions == 5);
  }

  TEST_CASE("node objects are sorted by @id with @id and @type first") {
    auto ds = sample_dataset();
    json doc = json::parse(rdfio::serialise(ds, rdfio::Format::jsonld));
    std::vector<std::string> ids;
    for (const auto& n : doc["@graph"]) ids.push_back(n["@id"]);
    std::set<std::string> subjects;
    for (const auto& q : ds.quads) subjects.insert(q.subject.str());
    CHECK(ids.size() == subjects.size());
    std::string text = rdfio::serialise(ds, rdfio::Format::jsonld);
    CHECK(text.find("\n    {\n      \"@id\": \"assertion:") != std::string::npos);
    auto ordered = nlohmann::ordered_json::parse(text);
    std::string previous;
    for (const auto& n : ordered["@graph"]) {
      CHECK(n.begin().key() == "@id");
      std::string full = n["@id"];
      for (const auto& [p, ns] : rdfio::detail::prefixes())
        if (full.rfind(p + ":", 0) == 0) full = ns + full.substr(p.size() + 1);
      CHECK(previous < full);
      previous = full;
    }
  }

  TEST_CASE("values that do not match a term's coercion are written as value objects and read back") {
    auto ctx = nlohmann::ordered_json::parse(R"({"ex": "http://example.org/", "link": {"@id": "ex:link", "@type": "@id"},
                                                 "count": {"@id": "ex:count", "@type": "xsd:integer"},
                                                 "xsd": "http://www.w3.org/2001/XMLSchema#"})");
    std::vector<Quad> quads = {quad("http://example.org/a", "http://example.org/count", Iri::unchecked("http://example.org/b")),
                               quad("http://example.org/a", "http://example.org/count", Literal{"5", kXsd + "integer", ""}),
                               quad("http://example.org/a", "http://example.org/count", Literal{"5.5", kXsd + "decimal", ""}),
                               quad("http://example.org/a", "http://example.org/link", Iri::unchecked("http://example.org/b")),
                               quad("http://example.org/a", "http://example.org/link", str_lit("not an IRI")),
                               quad("http://example.org/a", "http://example.org/other", str_lit("plain"))};
    std::string text;
    rdfio::detail::JsonLdWriter w([&](std::string_view b) -> Result<void> { text += b; return {}; });
    w.context(ctx);
    for (const auto& q : quads) REQUIRE(w.write(q).ok());
    REQUIRE(w.finish().ok());
    json doc = json::parse(text);
    const json& n = doc["@graph"][0];
    CHECK(n["@id"] == "ex:a");
    CHECK(n["count"] == json::array({json{{"@id", "ex:b"}}, "5", json{{"@value", "5.5"}, {"@type", "xsd:decimal"}}}));
    CHECK(n["link"] == json::array({"ex:b", json{{"@value", "not an IRI"}}}));
    CHECK(n["ex:other"] == "plain");
    auto back = read(text);
    REQUIRE_MESSAGE(back.ok(), back.error().render());
    rdfio::Dataset expected{quads};
    expected.normalise();
    CHECK(back->quads == expected.quads);
  }

  TEST_CASE("the reader accepts named graphs, language tags, native scalars and a single node") {
    auto r = read(R"({"@context": {"ex": "http://example.org/", "n": {"@id": "ex:n", "@type": "xsd:decimal"},
                                   "xsd": "http://www.w3.org/2001/XMLSchema#"},
                      "@graph": [
                        {"@id": "ex:g", "@graph": [{"@id": "ex:a", "@type": ["ex:T", "ex:U"], "ex:name": {"@value": "chat", "@language": "fr"}}]},
                        {"@id": "ex:b", "ex:count": 3, "ex:flag": true, "n": 2, "ex:none": null, "ex:s": {"@value": "x", "@type": "xsd:string"}}
                      ]})");
    REQUIRE_MESSAGE(r.ok(), r.error().render());
    rdfio::Dataset expected;
    expected.quads = {quad("http://example.org/a", vocab::rdf_type, Iri::unchecked("http://example.org/T"), "http://example.org/g"),
                      quad("http://example.org/a", vocab::rdf_type, Iri::unchecked("http://example.org/U"), "http://example.org/g"),
                      quad("http://example.org/a", "http://example.org/name", Literal{"chat", "", "fr"}, "http://example.org/g"),
                      quad("http://example.org/b", "http://example.org/count", Literal{"3", kXsd + "integer", ""}),
                      quad("http://example.org/b", "http://example.org/flag", Literal{"true", kXsd + "boolean", ""}),
                      quad("http://example.org/b", "http://example.org/n", Literal{"2", kXsd + "decimal", ""}),
                      quad("http://example.org/b", "http://example.org/s", str_lit("x"))};
    expected.normalise();
    CHECK(r->quads == expected.quads);

    auto single = read(R"({"@context": {"ex": "http://example.org/"}, "@id": "ex:a", "ex:p": {"@id": "http://other.org/x"}})");
    REQUIRE(single.ok());
    REQUIRE(single->quads.size() == 1);
    CHECK(single->quads[0].to_nquads() == "<http://example.org/a> <http://example.org/p> <http://other.org/x> .");
  }

  TEST_CASE("the reader refuses what it does not implement, naming the file") {
    const std::pair<const char*, const char*> cases[] = {
        {R"([1])", "expected a node object, found 1"},
        {R"("text")", "expected a JSON object (kgbuild's JSON-LD), found \"text\""},
        {R"({"@context": "https://example.org/context.jsonld", "@graph": []})", "remote and array contexts are not supported"},
        {R"({"@context": {"@vocab": "http://example.org/"}, "@graph": []})", "the context keyword \"@vocab\" is not supported"},
        {R"({"@context": {"@version": 1.0}, "@graph": []})", "expected \"@version\": 1.1, found 1.0"},
        {R"({"@context": {"l": {"@id": "http://x/l", "@container": "@list"}}, "@graph": []})", "\"@container\": \"@list\" is not supported"},
        {R"({"@graph": [{"http://x/p": "no id"}]})", "node object without a string \"@id\" (blank nodes are not supported)"},
        {R"({"@graph": [{"@id": "_:b0", "http://x/p": "v"}]})", "blank node \"_:b0\" (blank nodes are not supported)"},
        {R"({"@graph": [{"@id": "relative", "http://x/p": "v"}]})", "relative IRI \"relative\" (no base IRI is supported)"},
        {R"({"@graph": [{"@id": "http://x/a", "undefined": "v"}]})", "\"undefined\" is not a term of the context nor an absolute IRI"},
        {R"({"@graph": [{"@id": "http://x/a", "http://x/p": {"@list": ["v"]}}]})", "unsupported value {\"@list\":[\"v\"]}"},
        {R"({"@graph": [{"@id": "http://x/a", "http://x/p": {"@id": "http://x/b", "http://x/q": 1}}]})", "embedded node objects are not supported"},
        {R"({"@graph": [{"@id": "http://x/a", "http://x/p": 0.5}]})", "JSON numbers with a fraction are not supported"},
        {R"({"@graph": [{"@id": "http://x/a", "@reverse": {}}]})", "the keyword \"@reverse\" is not supported"},
        {R"({"@graph": [{"@id": "http://x/a", "http://x/p": {"@value": "v", "@type": "http://x/t", "@language": "en"}}]})", "both \"@type\" and \"@language\""},
    };
    for (auto [text, message] : cases) {
      INFO(text);
      auto r = read(text);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == Errc::parse);
      CHECK(r.error().where.file == "in.jsonld");
      CHECK_MESSAGE(r.error().message.find(message) != std::string::npos, r.error().message);
    }
  }

  TEST_CASE("invalid JSON is reported with line and column") {
    auto r = read("{\n  \"@graph\": [\n    {\"@id\": \"http://x/a\",}\n  ]\n}\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::parse);
    CHECK(r.error().where.line == 3);
    CHECK(r.error().where.column == 26);
    CHECK(r.error().render().rfind("in.jsonld:3:26: error: invalid JSON: ", 0) == 0);
  }

  TEST_CASE("rdflib expands the JSON-LD to exactly the Turtle's triples") {
    const char* python = "/usr/bin/python3";
    auto dir = temp_dir("export-jsonld-rdflib");
    if (!fs::exists(python) || run_command(std::string(python) + " -c 'import rdflib'", dir).exit_code != 0) {
      MESSAGE("skipped: /usr/bin/python3 with rdflib not available");
      return;
    }
    write_file(dir / "same.py", R"(import sys
import rdflib
ttl = rdflib.Graph().parse(sys.argv[1], format="turtle")
jsonld = rdflib.Graph().parse(sys.argv[2], format="json-ld")
a, b = set(ttl), set(jsonld)
for t in sorted(a - b)[:10]:
    print("only in turtle:", t)
for t in sorted(b - a)[:10]:
    print("only in json-ld:", t)
print(len(a))
sys.exit(0 if a == b else 1)
)");
    graph::Graph g;
    g.add(sample_doc("one.txt", "tab\there \x01 \"q\" back\\slash caf\xC3\xA9 \r\n"));
    g.add(sample_doc("two.txt", "it's"));
    auto ds = rdfio::to_dataset(g);
    REQUIRE(rdfio::write_file(ds, rdfio::Format::turtle, (dir / "g.ttl").string()).ok());
    REQUIRE(rdfio::write_file(ds, rdfio::Format::jsonld, (dir / "g.jsonld").string()).ok());
    auto r = run_command(std::string(python) + " '" + (dir / "same.py").string() + "' '" + (dir / "g.ttl").string() +
                             "' '" + (dir / "g.jsonld").string() + "'",
                         dir);
    CHECK_MESSAGE(r.exit_code == 0, (r.out + r.err));
    CHECK(r.out.find(std::to_string(ds.triple_count()) + "\n") != std::string::npos);
  }
}
