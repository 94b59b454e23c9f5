// Graph construction: union by entity key, order-independent labels and evidence.
#include <algorithm>
#include <tuple>

#include "graph/graph.hpp"

namespace kg::graph {
namespace {

// One evidence item per passage: when several rules found the same statement in the
// same passage (one Assertion in RDF), the most confident one stays, ties going to
// the smallest rule name, so the result does not depend on the order of arrival.
void merge_evidence(std::vector<Evidence>& into, const std::vector<Evidence>& from) {
  into.insert(into.end(), from.begin(), from.end());
  auto same_passage = [](const Evidence& a, const Evidence& b) {
    return std::tie(a.file_name, a.char_start, a.char_end) == std::tie(b.file_name, b.char_start, b.char_end);
  };
  std::sort(into.begin(), into.end(), [](const Evidence& a, const Evidence& b) {
    return std::tie(a.file_name, a.char_start, a.char_end, b.confidence, a.rule) <
           std::tie(b.file_name, b.char_start, b.char_end, a.confidence, b.rule);
  });
  into.erase(std::unique(into.begin(), into.end(), same_passage), into.end());
}

// Order-independent choice between two candidate labels for the same key.
void offer_label(Node& node, const std::string& label) {
  if (label.empty() || label == node.label) return;
  if (node.label.empty()) {
    node.label = label;
    node.alt_labels.erase(label);
    return;
  }
  if (label < node.label) {
    node.alt_labels.insert(node.label);
    node.label = label;
    node.alt_labels.erase(label);
  } else {
    node.alt_labels.insert(label);
  }
}

}  // namespace

Vertex Graph::vertex_for(const EntityKey& key, const std::string& label) {
  auto it = m_index.find(key);
  if (it != m_index.end()) {
    offer_label(m_g[it->second], label);
    return it->second;
  }
  Vertex v = boost::add_vertex(m_g);
  m_g[v].key = key;
  offer_label(m_g[v], label);
  m_index.emplace(key, v);
  return v;
}

void Graph::add_edge(Vertex s, Property p, Vertex o, const std::vector<Evidence>& evidence) {
  auto k = std::make_tuple(s, p, o);
  auto it = m_edges.find(k);
  if (it == m_edges.end()) {
    auto [e, inserted] = boost::add_edge(s, o, Edge{p, {}}, m_g);
    (void)inserted;
    it = m_edges.emplace(k, e).first;
  }
  merge_evidence(m_g[it->second].evidence, evidence);
}

std::optional<Vertex> Graph::find(const EntityKey& key) const {
  auto it = m_index.find(key);
  if (it == m_index.end()) return std::nullopt;
  return it->second;
}

void Graph::add(const extract::DocResult& doc) {
  m_sources[doc.source.file_name] = doc.source;
  const EntityKey src_key = extract::source_key(doc.source);
  Vertex src = vertex_for(src_key, doc.source.file_name);
  for (const auto& e : doc.entities) {
    Vertex v = vertex_for(e.key, e.label);
    for (const auto& alt : e.alt_labels)
      if (alt != m_g[v].label) m_g[v].alt_labels.insert(alt);
    m_g[v].mentioned_in.insert(doc.source.file_name);
  }
  for (const auto& r : doc.relations) {
    Vertex s = vertex_for(r.subject, "");
    Vertex o = vertex_for(r.object, "");
    add_edge(s, r.property, o, {r.evidence});
  }
  for (const auto& a : doc.attributes) {
    Vertex s = vertex_for(a.subject, "");
    auto& slot = m_g[s].attributes[std::make_tuple(a.property, a.lexical, a.datatype)];
    slot.lexical = a.lexical;
    slot.datatype = a.datatype;
    merge_evidence(slot.evidence, {a.evidence});
  }
  (void)src;
}

void Graph::merge(const Graph& other) {
  for (const auto& [name, info] : other.m_sources) m_sources[name] = info;
  const Adjacency& g = other.m_g;
  for (auto [vi, vend] = boost::vertices(g); vi != vend; ++vi) {
    const Node& n = g[*vi];
    Vertex v = vertex_for(n.key, n.label);
    for (const auto& alt : n.alt_labels)
      if (alt != m_g[v].label) m_g[v].alt_labels.insert(alt);
    m_g[v].mentioned_in.insert(n.mentioned_in.begin(), n.mentioned_in.end());
    for (const auto& [k, val] : n.attributes) {
      auto& slot = m_g[v].attributes[k];
      slot.lexical = val.lexical;
      slot.datatype = val.datatype;
      merge_evidence(slot.evidence, val.evidence);
    }
  }
  for (auto [ei, eend] = boost::edges(g); ei != eend; ++ei) {
    Vertex s = *find(g[boost::source(*ei, g)].key);
    Vertex o = *find(g[boost::target(*ei, g)].key);
    add_edge(s, g[*ei].property, o, g[*ei].evidence);
  }
}

}  // namespace kg::graph
