// kg::rdfio — from graph::Graph to RDF files, and RDF files back in (Redland).
//
// Call order: `to_dataset(graph)` turns the graph into a sorted, duplicate-free
// Dataset of quads (one self-contained named graph per source document holding its
// statements, mentionedIn links, Assertions and the descriptions of the entities it
// uses);
// `write_file(dataset, format, path)` serialises it through an AtomicFile (temporary
// file + rename, nothing half-written). `parse_file` reads RDF back through raptor.
// No Redland pointer appears in this header.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/graph.hpp"

namespace kg::rdfio {

using ontology::Iri;
using ontology::Literal;
using ontology::Quad;
using ontology::Term;

/// RDF serialisations kgbuild reads or writes.
enum class Format { turtle, ntriples, nquads, trig, jsonld };
std::string_view name(Format f);        ///< "turtle", "ntriples", "nquads", "trig", "jsonld"
std::string_view media_type(Format f);  ///< "text/turtle", …
std::string_view extension(Format f);   ///< "ttl", "nt", "nq", "trig", "jsonld"
std::optional<Format> format_from_name(std::string_view name);
std::optional<Format> format_from_extension(std::string_view path_or_ext);

/// A sorted, duplicate-free list of quads.
struct Dataset {
  std::vector<Quad> quads;
  /// Sorts and removes duplicates (call after appending).
  void normalise();
  /// Distinct triples, ignoring graph names (sorted).
  std::vector<Quad> triples() const;
  /// Number of distinct triples (no copies; the quads must be normalised).
  std::size_t triple_count() const;
};

/// Named-graph IRI holding the statements of source `file_name`'s document.
std::string source_graph_iri(const extract::SourceInfo& source);
/// Named-graph IRI holding the descriptions (types, labels) of entities that no source
/// document mentions, states something about or points to (normally none: every source
/// graph describes the entities it uses; see to_dataset).
std::string entities_graph_iri();

/// The (prefix, namespace) pairs kgbuild's RDF files declare, sorted by prefix: `kg`,
/// rdf, rdfs, skos, prov, xsd, owl and one per resource folder (also in
/// ontology/context.jsonld).
const std::vector<std::pair<std::string, std::string>>& prefixes();

/// Builds the RDF view of `graph` (ontology vocabulary, Assertions, SourceDocuments).
Dataset to_dataset(const graph::Graph& graph);

/// Serialises to a string. Turtle/N-Triples/JSON-LD write the union of all graphs
/// (duplicate triples once); N-Quads/TriG keep graph names.
std::string serialise(const Dataset& dataset, Format format);

/// Writes `dataset` to `path` atomically. Errors: Errc::io naming the path.
Result<void> write_file(const Dataset& dataset, Format format, const std::string& path);

/// Writes `bytes` to `path` atomically (temporary file in the same folder, then
/// rename). Errors: Errc::io naming the path.
Result<void> write_text_file(const std::string& path, std::string_view bytes);

/// Parses an RDF file with raptor (Turtle, N-Triples, N-Quads, TriG) or, for JSON-LD,
/// with the project's JSON-LD reader. Errors: Errc::parse with file:line:col.
Result<Dataset> parse_file(const std::string& path, Format format, const Diagnostics& diagnostics);
/// Same for text already in memory; `base_name` names it in errors.
Result<Dataset> parse_text(std::string_view text, Format format, const std::string& base_name,
                           const Diagnostics& diagnostics);

/// One SHACL violation.
struct Violation {
  std::string focus_node;  ///< IRI (or literal) of the node that fails
  std::string path;        ///< property IRI, empty for node-level constraints
  std::string message;     ///< what was expected and what was found
  std::string shape;       ///< IRI of the shape / constraint component
};

/// Checks `data` against the SHACL shapes `shapes` (Turtle text; normally
/// ontology::shapes_turtle()), implementing the SHACL Core constraints the shapes use.
/// Errors: Errc::parse when the shapes cannot be read.
Result<std::vector<Violation>> validate(const Dataset& data, std::string_view shapes,
                                        const Diagnostics& diagnostics);

}  // namespace kg::rdfio
