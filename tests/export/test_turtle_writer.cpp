// TurtleWriter (Turtle and TriG): layout, prefixed names, escaping, order checks,
// sink failures. https://www.w3.org/TR/turtle/, https://www.w3.org/TR/trig/
#include "../../export/src/writers.hpp"
#include "fixture.hpp"

using namespace kg;
using namespace kg::test::fx;
using rdfio::detail::TurtleWriter;

namespace {

const std::string kRes = "https://w3id.org/kgbuild/resource/";
const std::string kIda = kRes + "person/ida-marsh";
const std::string kLowmoor = kRes + "settlement/lowmoor";

struct Written {
  Result<void> result;
  std::string text;
};

Written write_with(TurtleWriter::Syntax syntax, const std::vector<Quad>& quads) {
  std::string text;
  TurtleWriter w([&](std::string_view b) -> Result<void> { text += b; return {}; }, syntax);
  w.prefix("rdfs", std::string(vocab::kRdfs)).prefix("kg", kKg).prefix("person", kRes + "person/")
      .prefix("settlement", kRes + "settlement/").prefix("skos", std::string(vocab::kSkos));
  for (const auto& q : quads) {
    auto r = w.write(q);
    if (!r.ok()) return {r, text};
  }
  auto r = w.finish();
  return {r, text};
}

const std::string kHeader =
    "@prefix kg: <https://w3id.org/kgbuild/ontology#> .\n"
    "@prefix person: <https://w3id.org/kgbuild/resource/person/> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "@prefix settlement: <https://w3id.org/kgbuild/resource/settlement/> .\n"
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    "\n";

// The Turtle text of one literal, written as the object of a one-triple document.
std::string turtle_literal(const Literal& l) {
  rdfio::Dataset ds;
  ds.quads.push_back(quad(kIda, vocab::rdfs_label, l));
  std::string ttl = rdfio::serialise(ds, rdfio::Format::turtle);
  auto at = ttl.find("rdfs:label ");
  REQUIRE(at != std::string::npos);
  at += 11;
  return ttl.substr(at, ttl.rfind(" .\n") - at);
}

}  // namespace

TEST_SUITE("export::TurtleWriter") {
  TEST_CASE("groups a subject's statements with ',' and ',', 'a' first, subjects apart") {
    rdfio::Dataset ds;
    ds.quads = {quad(kIda, vocab::rdf_type, Iri::unchecked(kKg + "Person"), "urn:g:1"),
                quad(kIda, vocab::rdfs_label, str_lit("Ida Marsh"), "urn:g:1"),
                quad(kIda, vocab::skos_altLabel, str_lit("I. Marsh"), "urn:g:1"),
                quad(kIda, vocab::skos_altLabel, str_lit("Ida"), "urn:g:1"),
                quad(kIda, vocab::skos_altLabel, str_lit("Ida"), "urn:g:2"),  // once in the union
                quad(kIda, kKg + "residesIn", Iri::unchecked(kLowmoor), "urn:g:2"),
                quad(kLowmoor, vocab::rdf_type, Iri::unchecked(kKg + "Settlement"), "urn:g:1"),
                quad(kLowmoor, vocab::rdfs_label, str_lit("Lowmoor"), "urn:g:1")};
    ds.normalise();
    auto w = write_with(TurtleWriter::Syntax::turtle, ds.quads);
    REQUIRE(w.result.ok());
    CHECK(w.text == kHeader +
                        "person:ida-marsh\n"
                        "    a kg:Person ;\n"
                        "    rdfs:label \"Ida Marsh\" ;\n"
                        "    skos:altLabel \"I. Marsh\",\n"
                        "        \"Ida\" ;\n"
                        "    kg:residesIn settlement:lowmoor .\n"
                        "\n"
                        "settlement:lowmoor\n"
                        "    a kg:Settlement ;\n"
                        "    rdfs:label \"Lowmoor\" .\n");
  }

  TEST_CASE("TriG writes the default graph first, then one block per named graph") {
    std::vector<Quad> quads = {quad(kIda, vocab::rdfs_label, str_lit("Ida Marsh")),
                               quad(kIda, vocab::rdf_type, Iri::unchecked(kKg + "Person"), kRes + "graph/a"),
                               quad(kIda, kKg + "residesIn", Iri::unchecked(kLowmoor), kRes + "graph/b"),
                               quad(kLowmoor, vocab::rdf_type, Iri::unchecked(kKg + "Settlement"), kRes + "graph/b")};
    auto w = write_with(TurtleWriter::Syntax::trig, quads);
    REQUIRE(w.result.ok());
    CHECK(w.text == kHeader +
                        "person:ida-marsh\n"
                        "    rdfs:label \"Ida Marsh\" .\n"
                        "\n"
                        "<https://w3id.org/kgbuild/resource/graph/a> {\n"
                        "    person:ida-marsh\n"
                        "        a kg:Person .\n"
                        "}\n"
                        "\n"
                        "<https://w3id.org/kgbuild/resource/graph/b> {\n"
                        "    person:ida-marsh\n"
                        "        kg:residesIn settlement:lowmoor .\n"
                        "\n"
                        "    settlement:lowmoor\n"
                        "        a kg:Settlement .\n"
                        "}\n");
  }

  TEST_CASE("STRING_LITERAL_QUOTE escapes quotes, backslashes and controls and keeps UTF-8") {
    CHECK(turtle_literal(str_lit("say \"hi\"")) == R"("say \"hi\"")");
    CHECK(turtle_literal(str_lit("C:\\path\\")) == R"("C:\\path\\")");
    CHECK(turtle_literal(str_lit("line\nnext\r\n")) == R"("line\nnext\r\n")");
    CHECK(turtle_literal(str_lit("tab\there\bB\fF")) == R"("tab\there\bB\fF")");
    CHECK(turtle_literal(str_lit(std::string("nul\x01 us\x1f del\x7f", 13))) == R"("nul\u0001 us\u001F del\u007F")");
    CHECK(turtle_literal(str_lit("caf\xC3\xA9 \xED\x83\x88\xEB\xB6\x81\xEC\x9E\x90")) ==
          "\"caf\xC3\xA9 \xED\x83\x88\xEB\xB6\x81\xEC\x9E\x90\"");
    CHECK(turtle_literal(str_lit("it's")) == R"("it's")");
  }

  TEST_CASE("typed literals carry their datatype, xsd:string and language tags do not") {
    CHECK(turtle_literal(Literal{"7", kXsd + "integer", ""}) == R"("7"^^xsd:integer)");
    CHECK(turtle_literal(Literal{"0.5", kXsd + "decimal", ""}) == R"("0.5"^^xsd:decimal)");
    CHECK(turtle_literal(Literal{"plain", kXsd + "string", ""}) == R"("plain")");
    CHECK(turtle_literal(Literal{"chat", "", "fr"}) == R"("chat"@fr)");
    CHECK(turtle_literal(Literal{"x", "http://example.org/dt#a.b", ""}) == R"("x"^^<http://example.org/dt#a.b>)");
  }

  TEST_CASE("IRIs whose local part is not a plain PN_LOCAL are written in full") {
    auto written = [](const std::string& iri) {
      rdfio::Dataset ds;
      ds.quads.push_back(quad(iri, vocab::rdfs_label, str_lit("x")));
      std::string ttl = rdfio::serialise(ds, rdfio::Format::turtle);
      return ttl.substr(ttl.find("\n\n") + 2, ttl.find('\n', ttl.find("\n\n") + 2) - ttl.find("\n\n") - 2);
    };
    CHECK(written(kRes + "person/ida-marsh") == "person:ida-marsh");
    CHECK(written(kRes + "person/0ld_name") == "person:0ld_name");
    CHECK(written(kRes + "government-body/x") == "government-body:x");
    CHECK(written(kRes + "person/a.b") == "<" + kRes + "person/a.b>");
    CHECK(written(kRes + "person/trailing-") == "<" + kRes + "person/trailing->");
    CHECK(written(kRes + "person/-leading") == "<" + kRes + "person/-leading>");
    CHECK(written(kRes + "person/a%20b") == "<" + kRes + "person/a%20b>");
    CHECK(written(kRes + "person/a~b") == "<" + kRes + "person/a~b>");
    CHECK(written(kRes + "person/caf\xC3\xA9") == "<" + kRes + "person/caf\xC3\xA9>");
    CHECK(written(kRes + "person/") == "<" + kRes + "person/>");
    CHECK(written(kRes + "person/a/b") == "<" + kRes + "person/a/b>");
    CHECK(written("http://example.org/x") == "<http://example.org/x>");
    // IRIREF: characters it excludes become UCHAR.
    CHECK(written("http://example.org/a b>c\\") == "<http://example.org/a\\u0020b\\u003Ec\\u005C>");
  }

  TEST_CASE("is_plain_PN_LOCAL accepts only the conservative pattern") {
    using rdfio::detail::is_plain_PN_LOCAL;
    for (const char* ok : {"a", "0", "_", "ida-marsh", "A_b-9", "a--b"}) CHECK_MESSAGE(is_plain_PN_LOCAL(ok), ok);
    for (const char* bad : {"", "-a", "a-", "a.b", "a:b", "a%20", "a\\-b", "caf\xC3\xA9", "a b", "a/b"})
      CHECK_FALSE_MESSAGE(is_plain_PN_LOCAL(bad), bad);
  }

  TEST_CASE("Turtle output binds kg and every resource folder, prefixes sorted") {
    std::string ttl = rdfio::serialise(rdfio::Dataset{}, rdfio::Format::turtle);
    std::vector<std::string> lines;
    std::string rest = ttl;
    for (auto nl = rest.find('\n'); nl != std::string::npos && nl != 0; nl = rest.find('\n')) {
      lines.push_back(rest.substr(0, nl));
      rest = rest.substr(nl + 1);
    }
    CHECK(std::is_sorted(lines.begin(), lines.end()));
    for (const std::string& p : std::vector<std::string>{"kg: <https://w3id.org/kgbuild/ontology#>", "rdf: ", "rdfs: ", "skos: ", "prov: ", "xsd: ",
                          "owl: ", "person: <" + kRes + "person/>", "government-body: <" + kRes + "government-body/>",
                          "assertion: <" + kRes + "assertion/>", "graph: <" + kRes + "graph/>",
                          "source: <" + kRes + "source/>"}) {
      INFO(p);
      CHECK(ttl.find("@prefix " + p) != std::string::npos);
    }
    CHECK(lines.size() == 7 + ontology::kClassCount + 1);
  }

  TEST_CASE("quads out of order are a usage error") {
    std::vector<Quad> quads = {quad(kLowmoor, vocab::rdfs_label, str_lit("b")), quad(kIda, vocab::rdfs_label, str_lit("a"))};
    auto w = write_with(TurtleWriter::Syntax::turtle, quads);
    REQUIRE_FALSE(w.result.ok());
    CHECK(w.result.error().code == Errc::usage);
    CHECK(w.result.error().message.find("out of order") != std::string::npos);
    // Dataset order is fine for Turtle but not for TriG, which needs graph order first.
    std::vector<Quad> by_subject = {quad(kIda, vocab::rdfs_label, str_lit("a"), "urn:g:2"),
                                    quad(kLowmoor, vocab::rdfs_label, str_lit("b"), "urn:g:1")};
    CHECK(write_with(TurtleWriter::Syntax::turtle, by_subject).result.ok());
    CHECK(write_with(TurtleWriter::Syntax::trig, by_subject).result.error().code == Errc::usage);
  }

  TEST_CASE("a prefix declared after the first write is refused") {
    TurtleWriter w([](std::string_view) -> Result<void> { return {}; }, TurtleWriter::Syntax::turtle);
    REQUIRE(w.write(quad(kIda, vocab::rdfs_label, str_lit("a"))).ok());
    w.prefix("late", "http://example.org/");
    auto r = w.finish();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::usage);
  }

  TEST_CASE("a failing sink's error is returned, early for large output") {
    auto failing_after = [](std::size_t limit, std::size_t& taken) {
      return [limit, &taken](std::string_view bytes) -> Result<void> {
        taken += bytes.size();
        if (taken > limit) return make_error(Errc::io, "disk full", Location{"sink.ttl"});
        return {};
      };
    };
    SUBCASE("small output: finish() reports it") {
      std::size_t taken = 0;
      TurtleWriter w(failing_after(10, taken), TurtleWriter::Syntax::turtle);
      REQUIRE(w.write(quad(kIda, vocab::rdfs_label, str_lit("Ida Marsh"))).ok());
      auto r = w.finish();
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().render() == "sink.ttl: error: disk full");
    }
    SUBCASE("large output: a write() reports it and later writes keep failing") {
      std::size_t taken = 0;
      TurtleWriter w(failing_after(1000, taken), TurtleWriter::Syntax::turtle);
      std::size_t failed_at = 0;
      for (std::size_t i = 0; i < 100000 && failed_at == 0; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "p%08zu", i);
        if (!w.write(quad(kRes + "person/" + name, vocab::rdfs_label, str_lit(std::string(40, 'x')))).ok()) failed_at = i;
      }
      CHECK(failed_at > 0);
      CHECK(failed_at < 100000);
      CHECK(w.write(quad(kRes + "person/z", vocab::rdfs_label, str_lit("z"))).error().message == "disk full");
      CHECK_FALSE(w.finish().ok());
    }
  }
}
