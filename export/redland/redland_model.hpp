// Private Redland access for export/ and store/ (target kg_redland; librdf
// https://librdf.org/docs/api/, raptor parsers, Rasqal SPARQL): one process-wide
// librdf_world, a Model in memory (filled from a Dataset or from Turtle text) or on
// Redland's SQLite storage, SPARQL SELECT/ASK/CONSTRUCT/DESCRIBE returning our value
// types, and Redland's log routed to the caller's Diagnostics. Used by validate.cpp
// and by kg_store (`kgbuild query`/`load`). No Redland type appears in a public header.
//
// Call order: `Model::from_dataset(ds, diag)`, `Model::from_turtle(text, name, base,
// diag)` or `Model::open_sqlite(path, …)`, then `select`/`query(model, sparql, diag)`,
// `model.quads()` or `model.replace_context(graph, quads)`.
//
// Threads: the world and its URI tables are shared, and Redland is not thread-safe, so
// every function here (and Model's destructor) holds one process-wide mutex. Calls from
// several threads are safe but run one at a time.
//
// Blank nodes: Term has no blank-node alternative, so a blank node with Redland id `b`
// comes out as the IRI "urn:kgbuild:bnode:b", and such an IRI goes in as blank node `b`
// (the same convention as raptor_parse.cpp). Ids are only unique within one model.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "export/export.hpp"
#include "handle.hpp"

// The few Redland types this header names, declared as <librdf.h> declares them, so
// that the header (and its tests) need no Redland include paths; redland_model.cpp
// includes <librdf.h>, where the compiler checks that they agree.
extern "C" {
typedef struct librdf_world_s librdf_world;
typedef struct librdf_storage_s librdf_storage;
typedef struct librdf_model_s librdf_model;
void librdf_free_storage(librdf_storage* storage);
void librdf_free_model(librdf_model* model);
}

namespace kg::rdfio::detail::redland {

/// Prefix of the IRIs that stand for blank nodes.
inline constexpr std::string_view kBnodePrefix = "urn:kgbuild:bnode:";
/// The context that holds a Dataset's default graph inside a Model (visible to
/// SPARQL `GRAPH ?g`; `Model::quads()` maps it back to the empty graph name).
inline constexpr std::string_view kDefaultGraph = "urn:kgbuild:graph:default";

using StorageHandle = Handle<librdf_storage, librdf_free_storage>;
using ModelHandle = Handle<librdf_model, librdf_free_model>;

/// The process-wide world, created and opened on first use (thread-safe static
/// initialisation) and never freed: librdf worlds are not meant to be re-created.
/// Its logger forwards to the innermost LogScope of the calling thread.
librdf_world* world();

/// Routes Redland log messages raised on this thread to `diagnostics` while alive.
/// Warnings and notes go to the sink at once; errors are held so that the failing
/// operation can return the first one (`take_error`), and any not taken are passed
/// to the sink as Level::error when the scope ends. `source` names the input in
/// Locations ("shapes.ttl", "query"). Scopes nest; not copyable or movable (the
/// logger holds a pointer to it).
class LogScope {
 public:
  LogScope(std::string source, const Diagnostics& diagnostics);
  ~LogScope();
  LogScope(const LogScope&) = delete;
  LogScope& operator=(const LogScope&) = delete;

  /// The first error logged in this scope (and forgets it), if any.
  std::optional<Error> take_error();
  /// Called by the world's logger.
  void log(Level level, Location where, std::string message);

 private:
  std::string m_source;
  const Diagnostics& m_diagnostics;
  std::vector<Error> m_errors;
  LogScope* m_outer;
};

/// An in-memory model ("hashes" storage in memory). A model built from a Dataset has
/// contexts enabled, so quads keep their graph names; a quad of the default graph is
/// stored in the context kDefaultGraph (a triple without context in a context-enabled
/// storage makes every later add scan the store: 20,000 such triples took two minutes)
/// and `quads()` gives it back with an empty graph name. SPARQL patterns outside GRAPH
/// match the triples of every graph, once per graph holding them.
/// Movable, not copyable (it owns the storage and the model).
class Model {
 public:
  /// An empty handle (no storage): only destruction, moving and `valid()` are allowed.
  Model() = default;
  Model(Model&&) noexcept = default;
  Model& operator=(Model&&) noexcept;
  ~Model();

  /// A new, empty model with contexts. Errors: Errc::internal when Redland cannot make it.
  static Result<Model> create();
  /// A new model holding the distinct quads of `data` (sorted or not). Errors:
  /// Errc::internal.
  static Result<Model> from_dataset(const Dataset& data, const Diagnostics& diagnostics);
  /// Parses Turtle `text` with raptor (through librdf_parser) into a new model without
  /// contexts, resolving relative IRIs against `base_iri`. Errors: Errc::parse with
  /// `source_name`, line and column of raptor's first error (follow-up errors of the
  /// same failure are dropped).
  static Result<Model> from_turtle(std::string_view text, const std::string& source_name,
                                   const std::string& base_iri, const Diagnostics& diagnostics);

  /// Whether `open_sqlite` may create the database file.
  enum class Create { yes, no };
  /// A model with contexts on Redland's "sqlite" storage (librdf-storage-sqlite) in
  /// the file `path`. With Create::yes a missing file is created (storage option
  /// new='yes' only then: it would empty an existing store); with Create::no a missing
  /// file is an error. Errors: Errc::io naming `path` with the reason (missing file,
  /// not an SQLite database, storage module not installed).
  static Result<Model> open_sqlite(const std::string& path, Create create, const Diagnostics& diagnostics);

  /// Replaces the statements of context `graph` by `quads` (their own graph names are
  /// ignored; duplicates are added once), inside one storage transaction when the
  /// storage has them, so that loading a source again never leaves two copies.
  /// Errors: Errc::usage for a model without contexts or an empty `graph`,
  /// Errc::internal when Redland fails (the transaction is rolled back).
  Result<void> replace_context(const Iri& graph, const std::vector<Quad>& quads);
  /// The context IRIs (graph names) present, sorted.
  std::vector<Iri> contexts() const;

  /// Adds one quad. Redland's hashes storage does not look for the same statement in
  /// the same context, so adding a quad twice stores it twice (from_dataset adds each
  /// distinct quad once). Errors: Errc::usage for a named graph in a model without
  /// contexts, Errc::internal when Redland fails.
  Result<void> add(const Quad& quad);
  /// Number of stored statements (a triple counts once per graph it is in).
  std::size_t size() const;
  /// Every statement as a quad, sorted (graph empty for the default graph).
  std::vector<Quad> quads() const;

  bool valid() const { return m_model != nullptr; }
  /// The raw model, for Redland calls inside export/*.cpp only (call them holding
  /// `lock()`).
  librdf_model* get() const { return m_model.get(); }

 private:
  enum class Contexts { yes, no };
  static Result<Model> make(Contexts contexts);

  StorageHandle m_storage;  // declared first: freed after the model that uses it
  ModelHandle m_model;
  bool m_contexts = false;
};

/// Locks the process-wide Redland mutex (recursive) for raw calls outside this file.
class Lock {
 public:
  Lock();
  ~Lock();
  Lock(const Lock&) = delete;
  Lock& operator=(const Lock&) = delete;
};

/// One row of a SELECT: a value per variable, nullopt when unbound.
using Row = std::vector<std::optional<Term>>;

/// The answer to a SELECT: variable names (without '?') and rows in Rasqal's order.
struct SelectResult {
  std::vector<std::string> variables;
  std::vector<Row> rows;
};

/// Runs the SPARQL 1.0 SELECT `sparql` on `model` with Rasqal. Keep queries simple:
/// Rasqal 0.9.33 mis-joins some UNION groups and has no property paths
/// (../shared/spec/pitfalls.md). Errors: Errc::parse with Rasqal's message when the
/// query is not valid SPARQL, Errc::usage when it is not a SELECT, Errc::internal when
/// execution fails.
Result<SelectResult> select(const Model& model, std::string_view sparql, const Diagnostics& diagnostics);

/// The answer to any query form: bindings (SELECT), a boolean (ASK) or a graph
/// (CONSTRUCT/DESCRIBE; triples with empty graph names, in Rasqal's order).
struct QueryAnswer {
  enum class Kind { bindings, boolean, graph };
  Kind kind = Kind::bindings;
  std::vector<std::string> variables;  ///< SELECT variables, without '?'
  std::vector<Row> rows;               ///< SELECT rows, in Rasqal's order
  bool boolean = false;                ///< ASK
  std::vector<Quad> triples;           ///< CONSTRUCT/DESCRIBE
};

/// Runs the SPARQL query `sparql` of any form on `model` with Rasqal. Errors:
/// Errc::parse with Rasqal's message, line and column (Location file "query") when
/// the query is not valid SPARQL, Errc::internal when execution fails.
Result<QueryAnswer> query(const Model& model, std::string_view sparql, const Diagnostics& diagnostics);

/// `iri` written as a SPARQL IRIREF ("<…>"), or nullopt when it holds a character
/// IRIREF does not allow (so text cannot be injected into a query).
std::optional<std::string> sparql_iri(std::string_view iri);

}  // namespace kg::rdfio::detail::redland
