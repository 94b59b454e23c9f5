// SHACL validation against kgbuild's shapes, on graphs broken on purpose.
#include "export/export.hpp"
#include "support.hpp"

using namespace kg;

namespace {

// A conforming graph plus `extra` Turtle lines, validated with the ontology.
std::vector<rdfio::Violation> check(const std::string& extra, bool drop_label = false) {
  std::string ttl = R"(@prefix kg: <https://w3id.org/kgbuild/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix r: <https://w3id.org/kgbuild/resource/> .
r:source\/a a kg:SourceDocument ; rdfs:label "a.txt" ; kg:fileName "a.txt" ;
  kg:sha256 "0000000000000000000000000000000000000000000000000000000000000000" ; kg:byteSize 10 .
)" + std::string(drop_label ? "" : "<https://w3id.org/kgbuild/resource/person/p> rdfs:label \"Anton Brask\" .\n") +
                    R"(<https://w3id.org/kgbuild/resource/person/p> a kg:Person ; kg:mentionedIn r:source\/a .
<https://w3id.org/kgbuild/resource/settlement/s> a kg:Settlement ; rdfs:label "Port Vessel" ; kg:mentionedIn r:source\/a .
<https://w3id.org/kgbuild/resource/person/p> kg:migratedTo <https://w3id.org/kgbuild/resource/settlement/s> .
<https://w3id.org/kgbuild/resource/assertion/x> a kg:Assertion ; rdf:subject <https://w3id.org/kgbuild/resource/person/p> ;
  rdf:predicate kg:migratedTo ; rdf:object <https://w3id.org/kgbuild/resource/settlement/s> ;
  prov:wasDerivedFrom r:source\/a ; kg:evidence "Brask went." ; kg:charStart 0 ; kg:charEnd 11 ;
  kg:confidence 0.5 ; kg:rule "test" .
)" + extra;
  auto data = rdfio::parse_text(ttl, rdfio::Format::turtle, "test.ttl", {}).take();
  auto onto = rdfio::parse_text(ontology::ontology_turtle(), rdfio::Format::turtle, "ontology.ttl", {}).take();
  data.quads.insert(data.quads.end(), onto.quads.begin(), onto.quads.end());
  data.normalise();
  return rdfio::validate(data, ontology::shapes_turtle(), {}).take();
}

bool names(const std::vector<rdfio::Violation>& vs, const std::string& focus, const std::string& path) {
  for (const auto& v : vs)
    if (v.focus_node == focus && v.path == path) return true;
  return false;
}

const std::string P = "https://w3id.org/kgbuild/resource/person/p";
const std::string KG = "https://w3id.org/kgbuild/ontology#";

}  // namespace

TEST_SUITE("export::validate") {
  TEST_CASE("a well-formed graph conforms") { CHECK(check("").empty()); }

  TEST_CASE("a Person without a label is reported on that person") {
    auto vs = check("", true);
    REQUIRE_FALSE(vs.empty());
    CHECK(names(vs, P, std::string(vocab::kRdfs) + "label"));
  }

  TEST_CASE("an object of the wrong class is reported") {
    auto vs = check("<https://w3id.org/kgbuild/resource/settlement/s> kg:locatedIn <" + P + "> .\n");
    REQUIRE(names(vs, "https://w3id.org/kgbuild/resource/settlement/s", KG + "locatedIn"));
    bool says = false;
    for (const auto& v : vs) says |= v.message.find("kg:Place") != std::string::npos;
    CHECK(says);
  }

  TEST_CASE("a non-date in kg:date is reported") {
    auto vs = check("<https://w3id.org/kgbuild/resource/event/e> a kg:Event ; rdfs:label \"E\" ; "
                    "kg:mentionedIn <https://w3id.org/kgbuild/resource/source/a> ; kg:date \"last spring\" .\n");
    CHECK(names(vs, "https://w3id.org/kgbuild/resource/event/e", KG + "date"));
    auto typed = check("<https://w3id.org/kgbuild/resource/event/e> a kg:Event ; rdfs:label \"E\" ; "
                       "kg:mentionedIn <https://w3id.org/kgbuild/resource/source/a> ; kg:date \"1937-13\"^^xsd:gYearMonth .\n");
    CHECK(names(typed, "https://w3id.org/kgbuild/resource/event/e", KG + "date"));
  }

  TEST_CASE("an Assertion without a source is reported") {
    auto vs = check("<https://w3id.org/kgbuild/resource/assertion/y> a kg:Assertion ; rdf:subject <" + P +
                    "> ; rdf:predicate kg:migratedTo ; rdf:object <https://w3id.org/kgbuild/resource/settlement/s> ; "
                    "kg:evidence \"x\" ; kg:charStart 0 ; kg:charEnd 1 ; kg:confidence 0.5 ; kg:rule \"t\" .\n");
    CHECK(names(vs, "https://w3id.org/kgbuild/resource/assertion/y", std::string(vocab::kProv) + "wasDerivedFrom"));
  }

  TEST_CASE("an entity with two labels is reported") {
    auto vs = check("<" + P + "> rdfs:label \"Second Name\" .\n");
    CHECK(names(vs, P, std::string(vocab::kRdfs) + "label"));
  }
}
