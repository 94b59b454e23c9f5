// ontology/ontology.ttl declares every term of the code's vocabulary (ontology/vocab.hpp)
// and of the spec (../shared/spec/ontology.md) with its OWL type, label, comment,
// domain, range and superclass exactly as vocab.cpp has them; the embedded copies are
// the files on disk; rapper and serdi read both Turtle files.
#include <algorithm>

#include "ntriples.hpp"
#include "ontology/ontology.hpp"

using namespace kg;
using namespace kg::ontology;
using namespace kg::test;

namespace {

const std::string RDF = std::string(vocab::kRdf);
const std::string RDFS = std::string(vocab::kRdfs);
const std::string OWL = std::string(vocab::kOwl);
const std::string TYPE = nt(RDF + "type");

std::string ontology_path() { return std::string(KG_SOURCE_DIR) + "/ontology/ontology.ttl"; }

bool have_rapper() {
  if (have_tool("rapper")) return true;
  MESSAGE("skipped: rapper (raptor2-utils) not installed");
  return false;
}

// The classes of a domain or range as written: one IRI, or a blank node with an
// owl:unionOf list (sorted, as N-Triples tokens).
std::vector<std::string> members(const NtGraph& g, const std::string& term) {
  std::vector<std::string> out;
  if (term.rfind("_:", 0) == 0) out = g.list(g.one(term, nt(OWL + "unionOf")));
  else out.push_back(term);
  std::sort(out.begin(), out.end());
  return out;
}

template <class List>
std::vector<std::string> iris_of(const List& list) {
  std::vector<std::string> out;
  for (const auto& x : list) out.push_back(nt(iri(x)));
  std::sort(out.begin(), out.end());
  return out;
}

void check_described(const NtGraph& g, const std::string& term) {
  for (const char* p : {"label", "comment"}) {
    INFO(p);
    const auto& values = g.objects(term, nt(RDFS + p));
    REQUIRE(values.size() == 1);
    CHECK(values.begin()->size() > 6);  // a quoted, language-tagged text: "…"@en
    CHECK(values.begin()->find("\"@en") != std::string::npos);
  }
}

}  // namespace

TEST_SUITE("ontology::files") {
  TEST_CASE("the embedded ontology, shapes and context are the files of ontology/, and not empty") {
    std::string dir = std::string(KG_SOURCE_DIR) + "/ontology/";
    CHECK(ontology_turtle().size() > 1000);
    CHECK(shapes_turtle().size() > 1000);
    CHECK(context_jsonld().size() > 100);
    CHECK(ontology_turtle() == read_file(dir + "ontology.ttl"));
    CHECK(shapes_turtle() == read_file(dir + "shapes.ttl"));
    CHECK(context_jsonld() == read_file(dir + "context.jsonld"));
  }

  TEST_CASE("the ontology has a header with title, description and version") {
    if (!have_rapper()) return;
    auto g = NtGraph::from_turtle_file(ontology_path());
    const std::string onto = "<https://w3id.org/kgbuild/ontology>";
    CHECK(g.has(onto, TYPE, nt(OWL + "Ontology")));
    CHECK(g.objects(onto, "<http://purl.org/dc/terms/title>").size() == 1);
    CHECK(g.objects(onto, "<http://purl.org/dc/terms/description>").size() == 1);
    CHECK(g.objects(onto, nt(OWL + "versionInfo")).size() == 1);
    CHECK(g.one(onto, "<http://purl.org/vocab/vann/preferredNamespaceUri>") == "\"" + std::string(kNamespace) + "\"");
  }

  TEST_CASE("every class is an owl:Class with label and comment, below vocab's superclass") {
    if (!have_rapper()) return;
    auto g = NtGraph::from_turtle_file(ontology_path());
    for (int i = 0; i < kClassCount; ++i) {
      const auto c = static_cast<Class>(i);
      const std::string s = nt(iri(c));
      INFO(local_name(c));
      CHECK(g.has(s, TYPE, nt(OWL + "Class")));
      check_described(g, s);
      std::vector<std::string> kg_supers;  // superclasses in the kg namespace
      for (const auto& o : g.objects(s, nt(RDFS + "subClassOf")))
        if (o.compare(1, kNamespace.size(), kNamespace) == 0) kg_supers.push_back(o);
      auto parent = superclass(c);
      CHECK(kg_supers == (parent ? std::vector<std::string>{nt(iri(*parent))} : std::vector<std::string>{}));
    }
  }

  TEST_CASE("every object property has its OWL type, label, comment, and vocab's domain and range") {
    if (!have_rapper()) return;
    auto g = NtGraph::from_turtle_file(ontology_path());
    const std::vector<std::string> thing{nt(OWL + "Thing")};
    for (int i = 0; i < kPropertyCount; ++i) {
      const auto p = static_cast<Property>(i);
      const std::string s = nt(iri(p));
      INFO(local_name(p));
      CHECK(g.has(s, TYPE, nt(OWL + "ObjectProperty")));
      CHECK_FALSE(g.has(s, TYPE, nt(OWL + "DatatypeProperty")));
      check_described(g, s);
      const std::string dom = g.one(s, nt(RDFS + "domain")), rng = g.one(s, nt(RDFS + "range"));
      REQUIRE_FALSE(dom.empty());
      REQUIRE_FALSE(rng.empty());
      CHECK(members(g, dom) == (domain(p).empty() ? thing : iris_of(domain(p))));
      CHECK(members(g, rng) == (range(p).empty() ? thing : iris_of(range(p))));
    }
    CHECK(g.has(nt(iri(Property::locatedIn)), TYPE, nt(OWL + "TransitiveProperty")));
    CHECK(g.has(nt(iri(Property::borders)), TYPE, nt(OWL + "SymmetricProperty")));
  }

  TEST_CASE("every datatype property has its OWL type, label, comment, domain and XSD range") {
    if (!have_rapper()) return;
    auto g = NtGraph::from_turtle_file(ontology_path());
    for (int i = 0; i < kDataPropertyCount; ++i) {
      const auto p = static_cast<DataProperty>(i);
      const std::string s = nt(iri(p));
      INFO(local_name(p));
      CHECK(g.has(s, TYPE, nt(OWL + "DatatypeProperty")));
      CHECK_FALSE(g.has(s, TYPE, nt(OWL + "ObjectProperty")));
      check_described(g, s);
      const std::string dom = g.one(s, nt(RDFS + "domain")), rng = g.one(s, nt(RDFS + "range"));
      REQUIRE_FALSE(dom.empty());
      REQUIRE_FALSE(rng.empty());
      CHECK(members(g, dom) == iris_of(domain(p)));
      CHECK(members(g, rng) == iris_of(datatypes(p)));
      if (datatypes(p).size() > 1) CHECK(g.has(rng, TYPE, nt(RDFS + "Datatype")));
    }
  }

  TEST_CASE("the ontology names no kg term that the vocabulary lacks") {
    if (!have_rapper()) return;
    auto g = NtGraph::from_turtle_file(ontology_path());
    for (const auto& s : g.subjects()) {
      if (s.compare(1, kNamespace.size(), kNamespace) != 0) continue;
      const std::string local = s.substr(1 + kNamespace.size(), s.size() - 2 - kNamespace.size());
      INFO(local);
      CHECK((class_from_name(local) || property_from_name(local) || data_property_from_name(local)));
    }
  }

  TEST_CASE("alignments point to declared external terms of the same kind") {
    if (!have_rapper()) return;
    auto g = NtGraph::from_turtle_file(ontology_path());
    std::size_t alignments = 0;
    auto check_targets = [&](const std::string& s, const char* relation, const std::string& kind) {
      for (const auto& o : g.objects(s, nt(RDFS + relation))) {
        if (o.compare(1, kNamespace.size(), kNamespace) == 0) continue;  // kg's own hierarchy
        INFO(s << " " << relation << " " << o);
        CHECK(g.has(o, TYPE, nt(OWL + kind)));
        ++alignments;
      }
    };
    for (int i = 0; i < kClassCount; ++i) check_targets(nt(iri(static_cast<Class>(i))), "subClassOf", "Class");
    for (int i = 0; i < kPropertyCount; ++i)
      check_targets(nt(iri(static_cast<Property>(i))), "subPropertyOf", "ObjectProperty");
    for (int i = 0; i < kDataPropertyCount; ++i)
      check_targets(nt(iri(static_cast<DataProperty>(i))), "subPropertyOf", "DatatypeProperty");
    CHECK(alignments >= 50);
    // Spot checks of the spec's named alignments.
    CHECK(g.has(nt(iri(Class::Person)), nt(RDFS + "subClassOf"), "<https://schema.org/Person>"));
    CHECK(g.has(nt(iri(Class::Person)), nt(RDFS + "subClassOf"), "<http://xmlns.com/foaf/0.1/Person>"));
    CHECK(g.has(nt(iri(Class::Agent)), nt(RDFS + "subClassOf"), "<http://www.w3.org/ns/prov#Agent>"));
    CHECK(g.has(nt(iri(Class::Assertion)), nt(RDFS + "subClassOf"), nt(RDF + "Statement")));
    CHECK(g.has(nt(iri(Property::supersedes)), nt(RDFS + "subPropertyOf"), "<http://purl.org/dc/terms/replaces>"));
    CHECK(g.has(nt(iri(Property::about)), nt(RDFS + "subPropertyOf"), "<http://purl.org/dc/terms/subject>"));
    CHECK(g.has(nt(iri(DataProperty::date)), nt(RDFS + "subPropertyOf"), "<http://purl.org/dc/terms/date>"));
  }

  TEST_CASE("the terms of the spec are all in the code's vocabulary") {
    fs::path spec = fs::path(KG_SHARED_DIR) / "spec" / "ontology.md";
    if (!fs::exists(spec)) {
      MESSAGE("skipped: ../shared/spec/ontology.md not found");
      return;
    }
    std::string md = read_file(spec);
    // Every `Name` that opens a row of the spec's tables must be known.
    std::size_t checked = 0;
    for (std::size_t i = md.find("| `"); i != std::string::npos; i = md.find("| `", i + 1)) {
      std::size_t e = md.find('`', i + 3);
      std::string term = md.substr(i + 3, e - i - 3);
      bool known = class_from_name(term) || property_from_name(term) || data_property_from_name(term);
      INFO(term);
      CHECK(known);
      ++checked;
    }
    CHECK(checked >= 50);
  }

  TEST_CASE("rapper and serdi accept the ontology and the shapes") {
    auto dir = temp_dir("onto-parse");
    for (const char* tool : {"rapper", "serdi"}) {
      if (!have_tool(tool)) {
        MESSAGE("skipped " << tool << ": not installed");
        continue;
      }
      for (const char* f : {"ontology.ttl", "shapes.ttl"}) {
        std::string path = std::string(KG_SOURCE_DIR) + "/ontology/" + f;
        INFO(tool << " " << f);
        std::string cmd = std::string(tool) == "rapper" ? "rapper -q -i turtle -c '" + path + "'"
                                                        : "serdi -i turtle -o ntriples '" + path + "'";
        auto r = run_command(cmd, dir);
        INFO(r.err);
        CHECK(r.exit_code == 0);
        CHECK(r.err.empty());
      }
    }
  }
}
