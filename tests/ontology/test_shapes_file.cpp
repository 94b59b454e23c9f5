// ontology/shapes.ttl follows the code's vocabulary (ontology/vocab.hpp): one shape per
// property checking vocab's domain and range, with every class constraint listing the
// class and all its subclasses (so graphs validate without the ontology in the data),
// datatypes as vocab has them, and complete Assertions and SourceDocuments.
#include <algorithm>

#include "ntriples.hpp"
#include "ontology/ontology.hpp"

using namespace kg;
using namespace kg::ontology;
using namespace kg::test;

namespace {

const std::string SH = std::string(vocab::kSh);
const std::string KGSH = "https://w3id.org/kgbuild/shapes#";

std::string sh(const char* local) { return nt(SH + local); }
std::string shape(const std::string& local) { return nt(KGSH + local); }

bool load(NtGraph& g) {
  if (!have_tool("rapper")) {
    MESSAGE("skipped: rapper (raptor2-utils) not installed");
    return false;
  }
  g = NtGraph::from_turtle_file(std::string(KG_SOURCE_DIR) + "/ontology/shapes.ttl");
  return true;
}

// The classes listed in `lists` and all their subclasses, as sorted N-Triples IRIs.
std::vector<std::string> closure(std::span<const Class> lists) {
  std::vector<std::string> out;
  for (int i = 0; i < kClassCount; ++i) {
    auto c = static_cast<Class>(i);
    if (std::any_of(lists.begin(), lists.end(), [&](Class a) { return is_a(c, a); })) out.push_back(nt(iri(c)));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// What `s` requires through `key` (sh:class or sh:datatype): the value of `key` on
// `s`, or of each member of its sh:or list. Sorted.
std::vector<std::string> alternatives(const NtGraph& g, const std::string& s, const char* key) {
  std::vector<std::string> out(g.objects(s, sh(key)).begin(), g.objects(s, sh(key)).end());
  for (const auto& head : g.objects(s, sh("or")))
    for (const auto& member : g.list(head)) {
      const auto& v = g.objects(member, sh(key));
      INFO(member);
      REQUIRE(v.size() == 1);
      out.push_back(*v.begin());
    }
  std::sort(out.begin(), out.end());
  return out;
}

// The property shape of node shape `node` whose path is `path`.
std::string property_shape(const NtGraph& g, const std::string& node, const std::string& path) {
  for (const auto& ps : g.objects(node, sh("property")))
    if (g.one(ps, sh("path")) == path) return ps;
  return "";
}

std::vector<std::string> all_classes_but_assertion() {
  std::vector<std::string> out;
  for (int i = 0; i < kClassCount; ++i)
    if (static_cast<Class>(i) != Class::Assertion) out.push_back(nt(iri(static_cast<Class>(i))));
  return out;
}

}  // namespace

TEST_SUITE("ontology::shapes") {
  TEST_CASE("shapes: every object property's subject and values are checked against vocab's domain and range") {
    NtGraph g;
    if (!load(g)) return;
    for (int i = 0; i < kPropertyCount; ++i) {
      const auto p = static_cast<Property>(i);
      const std::string node = shape(std::string(local_name(p)));
      INFO(local_name(p));
      CHECK(g.has(node, sh("targetSubjectsOf"), nt(iri(p))));
      CHECK(alternatives(g, node, "class") == closure(domain(p)));
      const std::string values = property_shape(g, node, nt(iri(p)));
      REQUIRE_FALSE(values.empty());
      CHECK(alternatives(g, values, "class") == closure(range(p)));
      CHECK(g.has(values, sh("nodeKind"), sh("IRI")));
    }
  }

  TEST_CASE("shapes: every datatype property's subject and literals are checked against vocab") {
    NtGraph g;
    if (!load(g)) return;
    for (int i = 0; i < kDataPropertyCount; ++i) {
      const auto p = static_cast<DataProperty>(i);
      const std::string node = shape(std::string(local_name(p)));
      INFO(local_name(p));
      CHECK(g.has(node, sh("targetSubjectsOf"), nt(iri(p))));
      CHECK(alternatives(g, node, "class") == closure(domain(p)));
      const std::string values = property_shape(g, node, nt(iri(p)));
      REQUIRE_FALSE(values.empty());
      std::vector<std::string> types;
      for (auto d : datatypes(p)) types.push_back(nt(iri(d)));
      std::sort(types.begin(), types.end());
      CHECK(alternatives(g, values, "datatype") == types);
    }
    const std::string xsd_integer = "^^" + nt(iri(Datatype::integer));
    const std::string confidence = shape("confidence-value");
    CHECK(g.one(confidence, sh("minInclusive")) == "\"0\"" + xsd_integer);
    CHECK(g.one(confidence, sh("maxInclusive")) == "\"1\"" + xsd_integer);
    CHECK(g.one(shape("sha256-value"), sh("pattern")) == "\"^[0-9a-f]{64}$\"");
    CHECK(g.one(shape("charStart-value"), sh("lessThanOrEquals")) == nt(iri(DataProperty::charEnd)));
  }

  TEST_CASE("shapes: every entity has exactly one string label and exactly one kgbuild class") {
    NtGraph g;
    if (!load(g)) return;
    const std::string entity = shape("Entity");
    CHECK(g.has(entity, sh("targetSubjectsOf"), nt(iri(Property::mentionedIn))));
    auto targets = std::vector<std::string>(g.objects(entity, sh("targetClass")).begin(), g.objects(entity, sh("targetClass")).end());
    auto expected = all_classes_but_assertion();
    std::sort(expected.begin(), expected.end());
    CHECK(targets == expected);

    const std::string label = property_shape(g, entity, nt(vocab::rdfs_label));
    REQUIRE_FALSE(label.empty());
    CHECK(g.one(label, sh("minCount")) == "\"1\"^^" + nt(iri(Datatype::integer)));
    CHECK(g.one(label, sh("maxCount")) == "\"1\"^^" + nt(iri(Datatype::integer)));
    CHECK(g.one(label, sh("datatype")) == nt(iri(Datatype::string)));

    const std::string type = property_shape(g, entity, nt(vocab::rdf_type));
    REQUIRE_FALSE(type.empty());
    CHECK(g.one(type, sh("qualifiedMinCount")) == "\"1\"^^" + nt(iri(Datatype::integer)));
    CHECK(g.one(type, sh("qualifiedMaxCount")) == "\"1\"^^" + nt(iri(Datatype::integer)));
    const std::string kg_class = g.one(type, sh("qualifiedValueShape"));
    CHECK(g.list(g.one(kg_class, sh("in"))) == all_classes_but_assertion());
  }

  TEST_CASE("shapes: Assertions and SourceDocuments are complete") {
    NtGraph g;
    if (!load(g)) return;
    const std::string integer1 = "\"1\"^^" + nt(iri(Datatype::integer));
    auto exactly_one = [&](const std::string& node, const std::string& path) {
      INFO(node << " " << path);
      const std::string ps = property_shape(g, node, path);
      REQUIRE_FALSE(ps.empty());
      CHECK(g.one(ps, sh("minCount")) == integer1);
      CHECK(g.one(ps, sh("maxCount")) == integer1);
      return ps;
    };
    const std::string assertion = shape("Assertion");
    CHECK(g.has(assertion, sh("targetClass"), nt(iri(Class::Assertion))));
    for (const auto& p : {vocab::rdf_subject, vocab::rdf_object}) exactly_one(assertion, nt(p));
    const std::string predicate = exactly_one(assertion, nt(vocab::rdf_predicate));
    CHECK(g.list(g.one(predicate, sh("in"))).size() == std::size_t(kPropertyCount + kDataPropertyCount));
    const std::string source = exactly_one(assertion, nt(vocab::prov_wasDerivedFrom));
    CHECK(g.one(source, sh("class")) == nt(iri(Class::SourceDocument)));
    for (auto p : {DataProperty::evidence, DataProperty::charStart, DataProperty::charEnd, DataProperty::confidence,
                   DataProperty::rule})
      exactly_one(assertion, nt(iri(p)));

    const std::string doc = shape("SourceDocument");
    CHECK(g.has(doc, sh("targetClass"), nt(iri(Class::SourceDocument))));
    for (auto p : {DataProperty::fileName, DataProperty::sha256, DataProperty::byteSize}) exactly_one(doc, nt(iri(p)));
  }
}
