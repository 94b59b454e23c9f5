#include "ontology/ontology.hpp"
#include "support.hpp"

using namespace kg::ontology;

TEST_SUITE("ontology::EntityKey") {
  TEST_CASE("normalises case, punctuation and apostrophes") {
    CHECK(normalise_name("Council of People's Commissars") == "council-of-peoples-commissars");
    CHECK(normalise_name("  Joseph   STALIN ") == "joseph-stalin");
    CHECK(normalise_name("Koryo-saram") == "koryo-saram");
  }
  TEST_CASE("transliterates other scripts to ASCII") {
    CHECK(normalise_name("Корё сарам") == "kore-saram");
    CHECK(normalise_name("Zhukeyév") == "zhukeyev");
  }
  TEST_CASE("a name without letters or digits gets a stable hash") {
    auto a = normalise_name("!!!");
    CHECK(a.size() == 17);
    CHECK(a[0] == 'x');
    CHECK(a == normalise_name("!!!"));
    CHECK(a != normalise_name("???"));
  }
  TEST_CASE("entity IRIs use the class slug") {
    CHECK(entity_iri(make_key(Class::GovernmentBody, "NKVD")) ==
          "https://w3id.org/kgbuild/resource/government-body/nkvd");
  }
}

TEST_SUITE("ontology::vocab") {
  TEST_CASE("class hierarchy follows the spec") {
    CHECK(is_a(Class::GovernmentBody, Class::Agent));
    CHECK(is_a(Class::Settlement, Class::Place));
    CHECK_FALSE(is_a(Class::Place, Class::Settlement));
    CHECK(is_a(Class::SourceDocument, Class::Document));
  }
  TEST_CASE("names round-trip") {
    for (int i = 0; i < kClassCount; ++i)
      CHECK(class_from_name(local_name(static_cast<Class>(i))) == static_cast<Class>(i));
    for (int i = 0; i < kPropertyCount; ++i)
      CHECK(property_from_name(local_name(static_cast<Property>(i))) == static_cast<Property>(i));
    for (int i = 0; i < kDataPropertyCount; ++i)
      CHECK(data_property_from_name(local_name(static_cast<DataProperty>(i))) ==
            static_cast<DataProperty>(i));
  }
}

TEST_SUITE("ontology::rdf") {
  TEST_CASE("IRIs are validated") {
    CHECK(Iri::parse("https://example.org/a").ok());
    CHECK_FALSE(Iri::parse("no scheme").ok());
    auto bad = Iri::parse("http://x/a b");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("offset 10") != std::string::npos);
  }
  TEST_CASE("literals escape per N-Triples ECHAR") {
    Literal l{"say \"hi\"\n\\", "", ""};
    CHECK(l.to_ntriples() == R"("say \"hi\"\n\\")");
    Literal d{"1937", std::string(kg::vocab::kXsd) + "gYear", ""};
    CHECK(d.to_ntriples() == "\"1937\"^^<http://www.w3.org/2001/XMLSchema#gYear>");
  }
}
