// graph::Graph → Dataset: the RDF view of the graph (ontology.md "Provenance").
// Named graphs: one per source document, self-contained: the statements found there,
// mentionedIn links, Assertions, the SourceDocument's own fields, and the description
// (rdf:type, rdfs:label, every skos:altLabel) of each entity the document mentions.
// An entity named by several documents therefore has its description repeated in
// each of their graphs, so that a store can replace one document's graph (kgbuild
// load) without losing or duplicating another document's entities; the union
// (graph.ttl) holds each triple once. Only an entity that no described document
// mentions (never built by graph::Graph::add) keeps its description in the shared
// graph entities_graph_iri(). An entity's "documents" are those that mention it, hold
// a statement about it or point to it, so every graph is closed under descriptions of
// the entities it uses.
// A mentionedIn link or an evidence item naming a file that graph.sources() does not
// describe cannot be given a source graph or SourceDocument IRI and is left out (the
// graph never builds such evidence: add() records every document's source).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <set>

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

// Canonical lexical forms (XSD 1.0 canonical representations,
// https://www.w3.org/TR/xmlschema-2/#decimal-canonical-representation): xsd:decimal
// as "-"? digits "." digits with no redundant zeros but at least one digit on each
// side ("171781.0", "0.9", "1.0"); xsd:integer without sign "+" or leading zeros.
// A lexical form that is not a valid literal of its type is kept as extracted, so the
// SHACL validation reports it instead of the export hiding it.
std::optional<std::string> canonical_decimal(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  auto dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  auto digits = [](std::string_view d) { return std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; }); };
  if ((whole.empty() && fraction.empty()) || !digits(whole) || !digits(fraction)) return std::nullopt;
  while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  std::string out = whole.empty() ? "0" : std::string(whole);
  out += '.';
  out += fraction.empty() ? "0" : std::string(fraction);
  if (negative && out != "0.0") out.insert(0, 1, '-');
  return out;
}

std::optional<std::string> canonical_integer(std::string_view s) {
  auto d = canonical_decimal(s);
  if (!d || s.find('.') != std::string_view::npos) return std::nullopt;
  return d->substr(0, d->size() - 2);  // drop ".0"
}

std::string canonical(const std::string& lexical, Datatype d) {
  std::optional<std::string> c;
  if (d == Datatype::decimal) c = canonical_decimal(lexical);
  if (d == Datatype::integer) c = canonical_integer(lexical);
  return c ? *c : lexical;
}

// A confidence as a canonical xsd:decimal, rounded to 6 decimal places so that
// computed scores (0.7 * 0.9) do not show binary noise ("0.63", not
// "0.6299999999999999"). Not-a-number or infinite scores (a bug upstream) become
// "0.0" rather than an invalid literal.
std::string confidence_decimal(double v) {
  if (!std::isfinite(v)) return "0.0";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 6);
  if (ec != std::errc()) return "0.0";
  return *canonical_decimal(std::string_view(buf, static_cast<std::size_t>(end - buf)));
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
      std::set<Iri> homes;  // the graphs that describe this entity
      for (const auto& file : n.mentioned_in)
        if (auto g = graph_of(file)) homes.insert(*g);
      // ... and every graph holding a statement about it or pointing to it (an entity
      // known only from a relation or attribute has no mentionedIn link).
      for (const auto& [k, value] : n.attributes)
        for (const auto& ev : value.evidence)
          if (auto g = graph_of(ev.file_name)) homes.insert(*g);
      for (auto [ei, ee] = boost::out_edges(*vi, a); ei != ee; ++ei)
        for (const auto& ev : a[*ei].evidence)
          if (auto g = graph_of(ev.file_name)) homes.insert(*g);
      for (auto [ei, ee] = boost::in_edges(*vi, a); ei != ee; ++ei)
        for (const auto& ev : a[*ei].evidence)
          if (auto g = graph_of(ev.file_name)) homes.insert(*g);
      if (n.key.cls == Class::SourceDocument)
        if (auto g = graph_of(n.label)) homes.insert(*g);
      if (homes.empty()) homes.insert(entities);
      for (const Iri& home : homes) {
        add(s, iri(vocab::rdf_type), Iri::unchecked(ontology::iri(n.key.cls)), home);
        add(s, iri(vocab::rdfs_label), Literal{n.label.empty() ? n.key.name : n.label, "", ""}, home);
        for (const auto& alt : n.alt_labels) add(s, iri(vocab::skos_altLabel), Literal{alt, "", ""}, home);
      }
      for (const auto& file : n.mentioned_in)
        if (auto g = graph_of(file)) add(s, Iri::unchecked(ontology::iri(ontology::Property::mentionedIn)), m_source_iri[file], *g);
      if (n.key.cls == Class::SourceDocument) source_fields(n, s);
      for (const auto& [k, value] : n.attributes) {
        Literal lit = literal(canonical(value.lexical, value.datatype), value.datatype);
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
    add(a, kg(DataProperty::confidence), literal(confidence_decimal(ev.confidence), Datatype::decimal), *g);
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
