// Format: names, media types and extensions.
#include "fixture.hpp"

using namespace kg;

TEST_SUITE("export::Format") {
  TEST_CASE("formats are found by name and extension") {
    CHECK(rdfio::format_from_extension("a/b/graph.ttl") == rdfio::Format::turtle);
    CHECK(rdfio::format_from_extension("x.nq") == rdfio::Format::nquads);
    CHECK(rdfio::format_from_extension("x.jsonld") == rdfio::Format::jsonld);
    CHECK(rdfio::format_from_extension("trig") == rdfio::Format::trig);
    CHECK_FALSE(rdfio::format_from_extension("x.txt").has_value());
    CHECK(rdfio::format_from_name("ntriples") == rdfio::Format::ntriples);
    CHECK_FALSE(rdfio::format_from_name("rdfxml").has_value());
  }

  TEST_CASE("every format round-trips through its name and extension") {
    for (auto f : {rdfio::Format::turtle, rdfio::Format::ntriples, rdfio::Format::nquads, rdfio::Format::trig,
                   rdfio::Format::jsonld}) {
      CHECK(rdfio::format_from_name(rdfio::name(f)) == f);
      CHECK(rdfio::format_from_extension(rdfio::extension(f)) == f);
    }
    CHECK(rdfio::media_type(rdfio::Format::trig) == "application/trig");
    CHECK(rdfio::media_type(rdfio::Format::jsonld) == "application/ld+json");
  }
}
