// ontology.ttl declares every term of the code's vocabulary (and of the spec) with
// label, comment, domain and range; the embedded files equal the ones on disk.
#include <set>
#include <sstream>

#include "ontology/ontology.hpp"
#include "support.hpp"

using namespace kg;
using namespace kg::ontology;
using namespace kg::test;

namespace {

// N-Triples of a Turtle file through rapper, as (s, p, o) strings.
std::set<std::string> triples_of(const std::string& file) {
  auto dir = temp_dir("onto-rapper");
  auto r = run_command("rapper -q -i turtle -o ntriples '" + file + "'", dir);
  REQUIRE(r.exit_code == 0);
  std::set<std::string> out;
  std::istringstream in(r.out);
  std::string line;
  while (std::getline(in, line)) out.insert(line);
  return out;
}

bool has(const std::set<std::string>& ts, const std::string& s, const std::string& p, const std::string& o = "") {
  std::string prefix = "<" + s + "> <" + p + "> " + o;
  auto it = ts.lower_bound(prefix);
  return it != ts.end() && it->compare(0, prefix.size(), prefix) == 0;
}

const std::string RDFS = std::string(vocab::kRdfs);
const std::string OWL = std::string(vocab::kOwl);
const std::string RDF = std::string(vocab::kRdf);

}  // namespace

TEST_SUITE("ontology::files") {
  TEST_CASE("the embedded ontology, shapes and context are the files of ontology/") {
    std::string dir = std::string(KG_SOURCE_DIR) + "/ontology/";
    CHECK(ontology_turtle() == read_file(dir + "ontology.ttl"));
    CHECK(shapes_turtle() == read_file(dir + "shapes.ttl"));
    CHECK(context_jsonld() == read_file(dir + "context.jsonld"));
  }

  TEST_CASE("every class and property of the vocabulary is declared with label, comment, domain and range") {
    if (!have_tool("rapper")) {
      MESSAGE("skipped: rapper not installed");
      return;
    }
    auto ts = triples_of(std::string(KG_SOURCE_DIR) + "/ontology/ontology.ttl");
    for (int i = 0; i < kClassCount; ++i) {
      auto c = static_cast<Class>(i);
      INFO(local_name(c));
      CHECK(has(ts, iri(c), RDF + "type", "<" + OWL + "Class>"));
      CHECK(has(ts, iri(c), RDFS + "label"));
      CHECK(has(ts, iri(c), RDFS + "comment"));
      if (auto parent = superclass(c)) CHECK(has(ts, iri(c), RDFS + "subClassOf", "<" + iri(*parent) + ">"));
    }
    for (int i = 0; i < kPropertyCount; ++i) {
      auto p = static_cast<Property>(i);
      INFO(local_name(p));
      CHECK(has(ts, iri(p), RDF + "type", "<" + OWL + "ObjectProperty>"));
      for (const char* pred : {"label", "comment", "domain", "range"}) CHECK(has(ts, iri(p), RDFS + pred));
    }
    for (int i = 0; i < kDataPropertyCount; ++i) {
      auto p = static_cast<DataProperty>(i);
      INFO(local_name(p));
      CHECK(has(ts, iri(p), RDF + "type", "<" + OWL + "DatatypeProperty>"));
      for (const char* pred : {"label", "comment", "domain", "range"}) CHECK(has(ts, iri(p), RDFS + pred));
    }
    CHECK(has(ts, iri(Property::locatedIn), RDF + "type", "<" + OWL + "TransitiveProperty>"));
    CHECK(has(ts, iri(Property::borders), RDF + "type", "<" + OWL + "SymmetricProperty>"));
  }

  TEST_CASE("the terms of the spec are all in the code's vocabulary") {
    fs::path spec = fs::path(KG_SHARED_DIR) / "spec" / "ontology.md";
    if (!fs::exists(spec)) {
      MESSAGE("skipped: ../shared/spec/ontology.md not found");
      return;
    }
    std::string md = read_file(spec);
    // Every `Name` in the spec's tables that looks like a term must be known.
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
    if (!have_tool("rapper") || !have_tool("serdi")) {
      MESSAGE("skipped: rapper or serdi not installed");
      return;
    }
    auto dir = temp_dir("onto-parse");
    for (const char* f : {"ontology.ttl", "shapes.ttl"}) {
      std::string path = std::string(KG_SOURCE_DIR) + "/ontology/" + f;
      INFO(f);
      CHECK(run_command("rapper -q -i turtle -c '" + path + "'", dir).exit_code == 0);
      CHECK(run_command("serdi -i turtle '" + path + "'", dir).exit_code == 0);
    }
  }
}
