// Hand-built graphs for the export tests (made-up people and places, never corpus
// text), plus small helpers to look quads up.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "export/export.hpp"
#include "support.hpp"

namespace kg::test::fx {

using ontology::Class;
using ontology::DataProperty;
using ontology::Datatype;
using ontology::Property;
using rdfio::Dataset;
using rdfio::Iri;
using rdfio::Literal;
using rdfio::Quad;
using rdfio::Term;

inline const std::string kKg = "https://w3id.org/kgbuild/ontology#";
inline const std::string kXsd = "http://www.w3.org/2001/XMLSchema#";

inline extract::Evidence evidence(const std::string& file, std::size_t start, std::size_t end, const std::string& text,
                                  double confidence = 0.8, const std::string& rule = "test-rule") {
  return extract::Evidence{file, start, end, text, rule, confidence};
}

inline extract::SourceInfo source(const std::string& file) {
  return extract::SourceInfo{file, extract::sha256_hex("bytes of " + file), 42};
}

/// A person who moved to a port town (twice stated), with a date on the town and a
/// count on a statistic; `alt` is an extra alternative name of the person.
inline extract::DocResult sample_doc(const std::string& file, const std::string& alt = "A. Brask") {
  extract::DocResult d;
  d.source = source(file);
  auto person = ontology::make_key(Class::Person, "Anton Brask");
  auto town = ontology::make_key(Class::Settlement, "Port Vessel");
  auto stat = ontology::make_key(Class::Statistic, "arrivals in Port Vessel");
  d.entities.push_back({person, "Anton Brask", {"Brask", alt}});
  d.entities.push_back({town, "Port Vessel", {}});
  d.entities.push_back({stat, "arrivals in Port Vessel", {}});
  d.relations.push_back({person, Property::migratedTo, town,
                         evidence(file, 10, 40, "Brask \"moved\"\nto Port Vessel\\", 0.8)});
  d.relations.push_back({person, Property::migratedTo, town, evidence(file, 90, 116, "Brask went to Port Vessel.", 1.0)});
  d.attributes.push_back({town, DataProperty::date, "1999-05", Datatype::gYearMonth,
                          evidence(file, 90, 116, "Brask went to Port Vessel.", 0.6)});
  d.attributes.push_back({stat, DataProperty::value, "+0412.50", Datatype::decimal,
                          evidence(file, 200, 230, "412.50 arrivals were counted.", 0.7 * 0.9)});
  d.attributes.push_back({stat, DataProperty::unit, "arrivals", Datatype::string,
                          evidence(file, 200, 230, "412.50 arrivals were counted.", 0.9)});
  return d;
}

inline graph::Graph sample_graph(const std::string& alt = "A. Brask") {
  graph::Graph g;
  g.add(sample_doc("one.txt", alt));
  return g;
}

inline Dataset sample_dataset(const std::string& alt = "A. Brask") { return rdfio::to_dataset(sample_graph(alt)); }

inline std::string iri_of(Class c, const std::string& name) { return ontology::entity_iri(ontology::make_key(c, name)); }

/// Quads matching the given parts (empty = any; `o` in N-Triples form).
inline std::vector<Quad> match(const Dataset& ds, const std::string& s, const std::string& p, const std::string& o = "",
                               const std::string& g = "") {
  std::vector<Quad> out;
  for (const auto& q : ds.quads)
    if ((s.empty() || q.subject.str() == s) && (p.empty() || q.predicate.str() == p) &&
        (o.empty() || ontology::to_ntriples(q.object) == o) && (g.empty() || q.graph.str() == g))
      out.push_back(q);
  return out;
}

/// The one object of (s, p), in N-Triples form; "" when there is none, "<many>" when several.
inline std::string object_of(const Dataset& ds, const std::string& s, const std::string& p) {
  auto m = match(ds, s, p);
  if (m.empty()) return "";
  if (m.size() > 1) return "<many>";
  return ontology::to_ntriples(m.front().object);
}

inline Quad quad(const std::string& s, const std::string& p, Term o, const std::string& g = "") {
  return Quad{Iri::unchecked(s), Iri::unchecked(p), std::move(o), Iri::unchecked(g)};
}

inline Literal str_lit(const std::string& s) { return Literal{s, "", ""}; }

}  // namespace kg::test::fx
