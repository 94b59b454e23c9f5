// graph::Graph: union by key, order-independence, evidence merging.
#include <algorithm>

#include "graph/graph.hpp"
#include "support.hpp"

using namespace kg;
using ontology::Class;
using ontology::Property;

namespace {

extract::Evidence ev(const std::string& file, std::size_t start) {
  return extract::Evidence{file, start, start + 5, "words", "test", 0.5};
}

extract::DocResult doc(const std::string& file, const std::string& person_label) {
  extract::DocResult d;
  d.source = extract::SourceInfo{file, std::string(64, 'a'), 10};
  auto p = ontology::make_key(Class::Person, "Anton Brask");
  auto c = ontology::make_key(Class::Settlement, "Port Vessel");
  d.entities.push_back({p, person_label, {"Brask"}});
  d.entities.push_back({c, "Port Vessel", {}});
  d.relations.push_back({p, Property::migratedTo, c, ev(file, 3)});
  d.attributes.push_back({c, ontology::DataProperty::date, "1999", ontology::Datatype::gYear, ev(file, 9)});
  return d;
}

std::vector<std::string> describe(const graph::Graph& g) {
  std::vector<std::string> out;
  const auto& a = g.adjacency();
  for (auto [vi, ve] = boost::vertices(a); vi != ve; ++vi) {
    std::string line = std::string(ontology::local_name(a[*vi].key.cls)) + "/" + a[*vi].key.name + " " + a[*vi].label;
    for (const auto& l : a[*vi].alt_labels) line += "|" + l;
    for (const auto& m : a[*vi].mentioned_in) line += " @" + m;
    for (const auto& [k, v] : a[*vi].attributes) line += " attr:" + v.lexical + "x" + std::to_string(v.evidence.size());
    out.push_back(line);
  }
  for (auto [ei, ee] = boost::edges(a); ei != ee; ++ei)
    out.push_back(a[boost::source(*ei, a)].key.name + " " + std::string(ontology::local_name(a[*ei].property)) + " " +
                  a[boost::target(*ei, a)].key.name + " x" + std::to_string(a[*ei].evidence.size()));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_SUITE("graph::Graph") {
  TEST_CASE("documents merge by entity key and keep every piece of evidence") {
    graph::Graph g;
    g.add(doc("a.txt", "Anton Brask"));
    g.add(doc("b.txt", "Anton Brask"));
    // 2 entities + 2 SourceDocuments
    CHECK(g.entity_count() == 4);
    CHECK(g.relation_count() == 1);
    auto v = g.find(ontology::make_key(Class::Person, "Anton Brask"));
    REQUIRE(v);
    CHECK(g.adjacency()[*v].mentioned_in == std::set<std::string>{"a.txt", "b.txt"});
    auto [e, found] = boost::edge(*v, *g.find(ontology::make_key(Class::Settlement, "Port Vessel")), g.adjacency());
    REQUIRE(found);
    CHECK(g.adjacency()[e].evidence.size() == 2);
  }

  TEST_CASE("the result does not depend on the order of documents or of merges") {
    graph::Graph ab, ba, merged;
    ab.add(doc("a.txt", "Anton Brask"));
    ab.add(doc("b.txt", "anton brask"));
    ba.add(doc("b.txt", "anton brask"));
    ba.add(doc("a.txt", "Anton Brask"));
    graph::Graph only_a, only_b;
    only_a.add(doc("a.txt", "Anton Brask"));
    only_b.add(doc("b.txt", "anton brask"));
    merged.merge(only_b);
    merged.merge(only_a);
    CHECK(describe(ab) == describe(ba));
    CHECK(describe(ab) == describe(merged));
    auto v = ab.find(ontology::make_key(Class::Person, "Anton Brask"));
    REQUIRE(v);
    CHECK(ab.adjacency()[*v].label == "Anton Brask");  // smallest candidate label
    CHECK(ab.adjacency()[*v].alt_labels.count("anton brask") == 1);
  }

  TEST_CASE("adding the same document twice changes nothing") {
    graph::Graph once, twice;
    once.add(doc("a.txt", "Anton Brask"));
    twice.add(doc("a.txt", "Anton Brask"));
    twice.add(doc("a.txt", "Anton Brask"));
    CHECK(describe(once) == describe(twice));
  }

  TEST_CASE("two rules stating one fact in one passage leave one evidence item, the more confident") {
    auto with_rules = [](const std::string& first, double c1, const std::string& second, double c2) {
      extract::DocResult d = doc("a.txt", "Anton Brask");
      d.relations.push_back(d.relations.front());
      d.relations[0].evidence.rule = first;
      d.relations[0].evidence.confidence = c1;
      d.relations[1].evidence.rule = second;
      d.relations[1].evidence.confidence = c2;
      graph::Graph g;
      g.add(d);
      auto [ei, ee] = boost::edges(g.adjacency());
      REQUIRE(ei != ee);
      return g.adjacency()[*ei].evidence;
    };
    auto a = with_rules("rule-a", 0.6, "rule-b", 0.8);
    REQUIRE(a.size() == 1);
    CHECK(a[0].rule == "rule-b");
    CHECK(with_rules("rule-b", 0.8, "rule-a", 0.6) == a);  // order of arrival does not matter
    auto tie = with_rules("rule-z", 0.7, "rule-c", 0.7);
    REQUIRE(tie.size() == 1);
    CHECK(tie[0].rule == "rule-c");
  }
}
