// graph::Graph → Dataset: the RDF view of the graph (ontology.md "Provenance").
// Named graphs: one per source document (statements found there, mentionedIn links,
// Assertions, the SourceDocument's own fields) and one for merged entity
// descriptions (rdf:type, rdfs:label, skos:altLabel).
#include <cstdio>

#include "export/export.hpp"

namespace kg::rdfio {
namespace {

using ontology::Class;
using ontology::DataProperty;
using ontology::Datatype;

std::string xsd(Datatype d) { return ontology::iri(d); }

Literal literal(const std::string& lexical, Datatype d) {
  return Literal{lexical, d == Datatype::string ? std::string() : xsd(d), ""};
}

// Canonical xsd:decimal lexical form for a confidence ("0.8", "1.0").
std::string decimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  std::string s = buf;
  while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
  return s;
}

class Builder {
 public:
  explicit Builder(const graph::Graph& g) : m_g(g) {
    for (const auto& [name, info] : g.sources()) {
      m_source_iri[name] = Iri::unchecked(ontology::entity_iri(extract::source_key(info)));
      m_graph_iri[name] = Iri::unchecked(source_graph_iri(info));
    }
  }

  Dataset build() {
    const auto& a = m_g.adjacency();
    const Iri entities = Iri::unchecked(entities_graph_iri());
    for (auto [vi, ve] = boost::vertices(a); vi != ve; ++vi) {
      const graph::Node& n = a[*vi];
      Iri s = node_iri(n);
      add(s, iri(vocab::rdf_type), Iri::unchecked(ontology::iri(n.key.cls)), entities);
      add(s, iri(vocab::rdfs_label), Literal{n.label.empty() ? n.key.name : n.label, "", ""}, entities);
      for (const auto& alt : n.alt_labels) add(s, iri(vocab::skos_altLabel), Literal{alt, "", ""}, entities);
      for (const auto& file : n.mentioned_in)
        if (auto g = graph_of(file)) add(s, Iri::unchecked(ontology::iri(ontology::Property::mentionedIn)), m_source_iri[file], *g);
      if (n.key.cls == Class::SourceDocument) source_fields(n, s);
      for (const auto& [k, value] : n.attributes) {
        Literal lit = literal(value.lexical, value.datatype);
        Iri p = Iri::unchecked(ontology::iri(std::get<0>(k)));
        for (const auto& ev : value.evidence) statement(s, p, lit, ev);
      }
    }
    for (auto [ei, ee] = boost::edges(a); ei != ee; ++ei) {
      Iri s = node_iri(a[boost::source(*ei, a)]);
      Iri o = node_iri(a[boost::target(*ei, a)]);
      Iri p = Iri::unchecked(ontology::iri(a[*ei].property));
      for (const auto& ev : a[*ei].evidence) statement(s, p, o, ev);
    }
    m_out.normalise();
    return std::move(m_out);
  }

 private:
  static Iri iri(const std::string& s) { return Iri::unchecked(s); }
  static Iri node_iri(const graph::Node& n) { return Iri::unchecked(ontology::entity_iri(n.key)); }

  std::optional<Iri> graph_of(const std::string& file) const {
    auto it = m_graph_iri.find(file);
    if (it == m_graph_iri.end()) return std::nullopt;
    return it->second;
  }

  void add(const Iri& s, const Iri& p, Term o, const Iri& g) { m_out.quads.push_back(Quad{s, p, std::move(o), g}); }

  void source_fields(const graph::Node& n, const Iri& s) {
    auto it = m_g.sources().find(n.label);
    if (it == m_g.sources().end()) return;
    const extract::SourceInfo& info = it->second;
    Iri g = *graph_of(info.file_name);
    add(s, Iri::unchecked(ontology::iri(DataProperty::fileName)), Literal{info.file_name, "", ""}, g);
    add(s, Iri::unchecked(ontology::iri(DataProperty::sha256)), Literal{info.sha256, "", ""}, g);
    add(s, Iri::unchecked(ontology::iri(DataProperty::byteSize)),
        literal(std::to_string(info.byte_size), Datatype::integer), g);
  }

  // The statement itself plus its Assertion, in the evidence's source graph.
  void statement(const Iri& s, const Iri& p, const Term& o, const extract::Evidence& ev) {
    auto g = graph_of(ev.file_name);
    if (!g) return;
    add(s, p, o, *g);
    std::string id = extract::sha256_hex(ev.file_name + '\x1f' + s.str() + '\x1f' + p.str() + '\x1f' +
                                         ontology::to_ntriples(o) + '\x1f' + std::to_string(ev.char_start) +
                                         '\x1f' + std::to_string(ev.char_end))
                         .substr(0, 16);
    Iri a = Iri::unchecked(std::string(ontology::kResourceBase) + "assertion/" + id);
    auto kg = [](DataProperty d) { return Iri::unchecked(ontology::iri(d)); };
    add(a, iri(vocab::rdf_type), Iri::unchecked(ontology::iri(Class::Assertion)), *g);
    add(a, iri(vocab::rdf_subject), s, *g);
    add(a, iri(vocab::rdf_predicate), p, *g);
    add(a, iri(vocab::rdf_object), o, *g);
    add(a, iri(vocab::prov_wasDerivedFrom), m_source_iri[ev.file_name], *g);
    add(a, kg(DataProperty::evidence), Literal{ev.text, "", ""}, *g);
    add(a, kg(DataProperty::charStart), literal(std::to_string(ev.char_start), Datatype::integer), *g);
    add(a, kg(DataProperty::charEnd), literal(std::to_string(ev.char_end), Datatype::integer), *g);
    add(a, kg(DataProperty::confidence), literal(decimal(ev.confidence), Datatype::decimal), *g);
    add(a, kg(DataProperty::rule), Literal{ev.rule, "", ""}, *g);
  }

  const graph::Graph& m_g;
  std::map<std::string, Iri> m_source_iri;
  std::map<std::string, Iri> m_graph_iri;
  Dataset m_out;
};

}  // namespace

std::string source_graph_iri(const extract::SourceInfo& source) {
  return std::string(ontology::kResourceBase) + "graph/" + extract::source_key(source).name;
}
std::string entities_graph_iri() { return std::string(ontology::kResourceBase) + "graph/entities"; }

Dataset to_dataset(const graph::Graph& graph) { return Builder(graph).build(); }

}  // namespace kg::rdfio
