// parse_file / parse_text through raptor: locations of errors, the first error wins,
// graph names, blank nodes, files read in chunks.
#include "fixture.hpp"

using namespace kg;
using namespace kg::test;
using namespace kg::test::fx;

TEST_SUITE("export::Parse") {
  TEST_CASE("a syntax error is reported with file, line and column") {
    auto r = rdfio::parse_text("@prefix x: <http://x/> .\nx:a x:b .\n", rdfio::Format::turtle, "broken.ttl", {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::parse);
    CHECK(r.error().where.file == "broken.ttl");
    CHECK(r.error().where.line == 2);
    CHECK(r.error().render().rfind("broken.ttl:2:", 0) == 0);
  }

  TEST_CASE("the first error aborts the parse and is the one reported") {
    auto r = rdfio::parse_text("<http://x/a> <http://x/b> <http://x/c> .\n<http://x/a> <http://x/b> .\n<http://x/a> .\n",
                               rdfio::Format::ntriples, "two-errors.nt", {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().where.line == 2);
  }

  TEST_CASE("an undefined prefix is an error naming the prefix") {
    auto r = rdfio::parse_text("<http://x/a> <http://x/b> \"c\" .\n\nnope:a <http://x/b> \"c\" .\n", rdfio::Format::turtle,
                               "prefix.ttl", {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().where.line == 3);
    CHECK(r.error().render() == "prefix.ttl:3: error: The namespace prefix in \"nope:a\" was not declared.");
  }

  TEST_CASE("graph names come from the quad's context in N-Quads and TriG") {
    auto nq = rdfio::parse_text("<http://x/a> <http://x/b> \"c\" <http://x/g> .\n<http://x/a> <http://x/b> \"d\" .\n",
                                rdfio::Format::nquads, "g.nq", {});
    REQUIRE(nq.ok());
    REQUIRE(nq->quads.size() == 2);
    CHECK(nq->quads[0].object == Term(str_lit("c")));
    CHECK(nq->quads[0].graph.str() == "http://x/g");
    CHECK(nq->quads[1].graph.str() == "");
    auto trig = rdfio::parse_text("@prefix x: <http://x/> .\nx:g { x:a x:b \"c\" . }\n", rdfio::Format::trig, "g.trig", {});
    REQUIRE(trig.ok());
    REQUIRE(trig->quads.size() == 1);
    CHECK(trig->quads[0].graph.str() == "http://x/g");
  }

  TEST_CASE("blank nodes become urn:kgbuild:bnode IRIs, the same label the same IRI") {
    auto r = rdfio::parse_text("_:n1 <http://x/p> _:n1 .\n_:n2 <http://x/p> \"v\"@en .\n", rdfio::Format::ntriples, "b.nt", {});
    REQUIRE(r.ok());
    REQUIRE(r->quads.size() == 2);
    const Quad& loop = r->quads[0].object == Term(Literal{"v", "", "en"}) ? r->quads[1] : r->quads[0];
    CHECK(loop.subject.str().rfind("urn:kgbuild:bnode:", 0) == 0);
    CHECK(Term(loop.subject) == loop.object);
    CHECK(r->quads[0].subject != r->quads[1].subject);
  }

  TEST_CASE("typed literals keep their datatype and xsd:string is the plain form") {
    auto r = rdfio::parse_text(
        "<http://x/a> <http://x/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> , \"s\"^^<http://www.w3.org/2001/XMLSchema#string> .\n",
        rdfio::Format::turtle, "t.ttl", {});
    REQUIRE(r.ok());
    REQUIRE(r->quads.size() == 2);
    CHECK(ontology::to_ntriples(r->quads[0].object) == "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>");
    CHECK(std::get<Literal>(r->quads[1].object) == str_lit("s"));
  }

  TEST_CASE("parse_file reads a file larger than one chunk") {
    auto dir = temp_dir("export-parse-file");
    rdfio::Dataset ds;
    for (int i = 0; i < 3000; ++i)
      ds.quads.push_back(quad("https://w3id.org/kgbuild/resource/person/p" + std::to_string(i), vocab::rdfs_label,
                              str_lit("name number " + std::to_string(i) + " \xC3\xA9\xED\x83\x88 with \"quotes\"")));
    ds.normalise();
    for (auto f : {rdfio::Format::turtle, rdfio::Format::ntriples, rdfio::Format::jsonld}) {
      INFO(rdfio::name(f));
      fs::path file = dir / ("big." + std::string(rdfio::extension(f)));
      REQUIRE(rdfio::write_file(ds, f, file.string()).ok());
      REQUIRE(fs::file_size(file) > (std::size_t{1} << 16) * 2);
      auto back = rdfio::parse_file(file.string(), f, {});
      REQUIRE_MESSAGE(back.ok(), back.error().render());
      CHECK(back->triples() == ds.triples());
    }
  }

  TEST_CASE("a missing file is an io error naming it") {
    auto dir = temp_dir("export-parse-missing");
    std::string path = (dir / "absent.ttl").string();
    auto r = rdfio::parse_file(path, rdfio::Format::turtle, {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::io);
    CHECK(r.error().render() == path + ": error: cannot open for reading: No such file or directory");
  }

  TEST_CASE("errors in a file carry the file's path") {
    auto dir = temp_dir("export-parse-error-file");
    fs::path file = dir / "bad.ttl";
    write_file(file, "@prefix x: <http://x/> .\n\nx:a x:b \"unterminated .\n");
    auto r = rdfio::parse_file(file.string(), rdfio::Format::turtle, {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().where.file == file.string());
    CHECK(r.error().where.line >= 3);
  }
}
