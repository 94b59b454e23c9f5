// kg::graph — the knowledge graph as a Boost.Graph adjacency_list with bundled
// properties: vertices are entities (including Statistic and SourceDocument nodes),
// edges are typed relations carrying every piece of evidence found for them.
// Call order: construct an empty Graph, `add()` each extract::DocResult (or `merge()`
// graphs built elsewhere); the result is the same whatever the order (union by key).
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "extract/extract.hpp"

namespace kg::graph {

using extract::Evidence;
using ontology::Class;
using ontology::DataProperty;
using ontology::Datatype;
using ontology::EntityKey;
using ontology::Property;

/// A literal-valued fact about a node with its evidence.
struct AttributeValue {
  std::string lexical;
  Datatype datatype = Datatype::string;
  std::vector<Evidence> evidence;  ///< sorted by passage, one item per passage
};

struct Node {
  EntityKey key;
  std::string label;                   ///< preferred name (see Graph::add for the rule)
  std::set<std::string> alt_labels;    ///< other names (never contains `label`)
  std::set<std::string> mentioned_in;  ///< file names of the sources naming it
  /// (property, lexical, datatype) → value with evidence.
  std::map<std::tuple<DataProperty, std::string, Datatype>, AttributeValue> attributes;
};

struct Edge {
  Property property{};
  std::vector<Evidence> evidence;  ///< sorted by passage, one item per passage
};

using Adjacency = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                        Node, Edge>;
using Vertex = Adjacency::vertex_descriptor;
using EdgeId = Adjacency::edge_descriptor;

class Graph {
 public:
  /// Adds one document's entities, relations and attributes plus its SourceDocument
  /// node. Labels: when two documents name the same key differently, the preferred
  /// label is the lexicographically smallest candidate, the others become alt labels,
  /// so the outcome does not depend on the order of documents.
  void add(const extract::DocResult& doc);
  /// Union with another graph (same rule as add).
  void merge(const Graph& other);

  const Adjacency& adjacency() const { return m_g; }
  std::optional<Vertex> find(const EntityKey& key) const;
  /// Sources by file name.
  const std::map<std::string, extract::SourceInfo>& sources() const { return m_sources; }
  std::size_t entity_count() const { return boost::num_vertices(m_g); }
  std::size_t relation_count() const { return boost::num_edges(m_g); }

 private:
  Vertex vertex_for(const EntityKey& key, const std::string& label);
  void add_edge(Vertex s, Property p, Vertex o, const std::vector<Evidence>& evidence);

  Adjacency m_g;
  std::map<EntityKey, Vertex> m_index;
  std::map<std::tuple<Vertex, Property, Vertex>, EdgeId> m_edges;
  std::map<std::string, extract::SourceInfo> m_sources;
};

}  // namespace kg::graph
