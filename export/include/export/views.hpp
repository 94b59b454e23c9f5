// kg::rdfio views — the relation graph drawn for people: GraphML (Gephi, Cytoscape,
// yEd), Graphviz DOT and one self-contained interactive HTML page; neighbourhoods,
// shortest relation paths and centrality rankings over it; and a graph::Graph rebuilt
// from RDF that kgbuild wrote.
//
// Call order: `relation_view(graph)` picks what is drawn: every entity and the typed
// relations between them. Statistic nodes (and so their `about` links) and
// SourceDocument nodes are left out, and mentionedIn is shown as a node's list of
// sources rather than as links, to keep the drawing readable. `neighbourhood` cuts a
// view down; `to_graphml`, `to_dot`, `to_html` serialise one; `write_views` writes the
// three files atomically. `find_entities`, `shortest_paths` and `top_entities` answer
// questions about a view. Everything is sorted (nodes by IRI, edges by source,
// property, target), so equal graphs give byte-identical files.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "export/export.hpp"

namespace kg::rdfio {

/// An entity as drawn.
struct ViewNode {
  std::string iri;
  std::string label;                    ///< preferred name (the key's name when there is none)
  std::vector<std::string> alt_labels;  ///< other names, sorted
  ontology::Class cls = ontology::Class::Agent;
  std::vector<std::string> sources;     ///< file names of the documents naming it, sorted
  std::size_t degree = 0;               ///< edges of the view touching it (in + out)
};

/// A relation as drawn: one per distinct (subject, property, object).
struct ViewEdge {
  std::size_t source = 0;  ///< index into RelationView::nodes (the subject)
  std::size_t target = 0;  ///< index into RelationView::nodes (the object)
  ontology::Property property = ontology::Property::about;
  std::vector<extract::Evidence> evidence;  ///< sorted, unique
  /// Highest confidence over the evidence (0 without evidence).
  double confidence() const;
  /// Distinct file names of the evidence, sorted.
  std::vector<std::string> sources() const;
};

/// What the views draw. Nodes sorted by IRI, edges by (source, property, target).
struct RelationView {
  std::vector<ViewNode> nodes;
  std::vector<ViewEdge> edges;
};

/// Whether a view shows source documents: only as each node's list of sources (the
/// default), or also as SourceDocument nodes joined to every entity they mention by a
/// mentionedIn edge without evidence (so that paths can pass through documents).
enum class Sources { as_lists, as_nodes };

/// The relation graph of `graph` (see the header comment for what is left out).
RelationView relation_view(const graph::Graph& graph, Sources sources = Sources::as_lists);

/// The part of `view` within `depth` relations of any of `centres` (indices into
/// `view.nodes`), following edges in both directions, with every edge of `view`
/// between two kept nodes. Degrees are recounted within the result.
RelationView neighbourhood(const RelationView& view, const std::vector<std::size_t>& centres, std::size_t depth);

/// Indices of the nodes called `name`: its IRI, or a label or alt label equal to it
/// ignoring ASCII case; when none is, those whose names have the same normalised form
/// (ontology::normalise_name: "kim jong un" finds "Kim Jong-un", "Корё сарам" finds
/// "Kore saram"). Sorted by IRI; several results mean the name is ambiguous.
std::vector<std::size_t> find_entities(const RelationView& view, std::string_view name);
/// Up to `limit` nodes, sorted by IRI, one of whose names contains `name` ignoring
/// ASCII case (suggestions after find_entities found nothing).
std::vector<std::size_t> suggest_entities(const RelationView& view, std::string_view name, std::size_t limit);

/// One shortest path: `nodes` from start to end, and for each step i (nodes[i] to
/// nodes[i+1]) every edge of the view joining the two, in either direction.
struct RelationPath {
  std::vector<std::size_t> nodes;
  std::vector<std::vector<std::size_t>> steps;  ///< edge indices, sorted
};
/// The shortest paths from `from` to `to` ignoring edge direction (Boost.Graph
/// breadth_first_search on an undirected copy), at most `limit` of them, in
/// lexicographic order of their node IRIs. Empty when `to` cannot be reached; one
/// path of one node when `from == to`.
std::vector<RelationPath> shortest_paths(const RelationView& view, std::size_t from, std::size_t to,
                                         std::size_t limit = 10);

/// An entry of a ranking.
struct RankedEntity {
  std::string label;
  std::string cls;  ///< class local name
  std::string iri;
  double value = 0;
};
/// Top entities of a view: by degree and by betweenness centrality (Boost.Graph
/// brandes_betweenness_centrality over the undirected view, so a pair's shortest
/// paths count once). At most `n` each, entities with value 0 left out, ties broken
/// by IRI; betweenness rounded to 6 decimals.
struct Centrality {
  std::vector<RankedEntity> by_degree;
  std::vector<RankedEntity> by_betweenness;
};
Centrality top_entities(const RelationView& view, std::size_t n);

/// GraphML (http://graphml.graphdrawing.org/) written by boost::write_graphml: node
/// data label, class, IRI, degree; edge data property, confidence, source (file
/// names joined by "; ").
std::string to_graphml(const RelationView& view);
/// Graphviz DOT written by boost::write_graphviz_dp: shape and fill colour per class,
/// edges labelled with the property name. Renders with `dot -Tsvg` without warnings.
std::string to_dot(const RelationView& view);
/// One self-contained HTML page (no network access) drawing the view with Cytoscape.js,
/// with search, filters by class, property and source, and the evidence of the
/// selected entity. The data is embedded as JSON. `title` heads the page.
/// Without html_library_available() the page says so and lists the data undrawn.
std::string to_html(const RelationView& view, const std::string& title);
/// True when Cytoscape.js was vendored (scripts/vendor-js.sh) into this build.
bool html_library_available();
/// Version of the vendored Cytoscape.js, or "" when it is missing.
std::string_view html_library_version();

/// Writes graph.graphml, graph.dot and graph.html into `dir` (which must exist),
/// each through an AtomicFile, and returns their paths. A warning goes to
/// `diagnostics` when the HTML page has no drawing library. Errors: Errc::io naming
/// the file.
Result<std::vector<std::string>> write_views(const RelationView& view, const std::string& dir,
                                             const std::string& title, const Diagnostics& diagnostics);

/// Rebuilds a graph from RDF written by kgbuild: entities (key from the IRI's last
/// path segment and the kg class among its rdf:types, labels, mentionedIn), relations
/// between entities and attributes, with the evidence of their kg:Assertions, and the
/// SourceDocuments (kg:fileName, kg:sha256, kg:byteSize). An entity neither mentioned
/// in a source nor part of a statement cannot be placed in any document and is left
/// out. Errors: Errc::parse naming the Assertion or SourceDocument IRI that lacks a
/// required property.
Result<graph::Graph> graph_from_dataset(const Dataset& dataset);

}  // namespace kg::rdfio
