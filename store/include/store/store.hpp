// kg::store — SPARQL over kgbuild graphs: graph files read into memory, or a
// persistent store (Redland's SQLite storage) that grows document by document.
//
// Call order: `Store::open_files(paths)` (in memory, read-only) or
// `Store::open(uri, Access)` (a store named by a URI: `sqlite:PATH`); then
// `load(paths)` (stores only: one context per source document, a document loaded
// again replaces its context) and `query(sparql, params)`, whose QueryResult is
// printed with `format_result`. A backend (`Backend`) does the storage-specific work:
// Redland here, or a Virtuoso server through `open` (`virtuoso:URL`), which answers in
// SPARQL JSON results, read by `parse_sparql_json`.
//
// Queries go through `prepare_query` first: the ontology's prefixes are predeclared,
// `$name` parameters are substituted, SPARQL 1.1 property paths with `|` and
// COUNT(DISTINCT …) are refused with a clear error (Rasqal has no paths and miscounts),
// group patterns that Rasqal 0.9.33 joins wrongly (triple patterns next to a UNION,
// ../shared/spec/pitfalls.md) are rewritten into one UNION of basic graph patterns,
// and OPTIONAL (which Rasqal mis-joins too) is planned for kgbuild's own left join
// (OptionalPlan). DESCRIBE, which Rasqal answers with nothing, is answered by the Store.
//
// Blank nodes: kgbuild writes none; a blank node of another graph is the IRI
// "urn:kgbuild:bnode:ID" inside Terms and printed as "_:ID".
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "export/export.hpp"

namespace kg::store {

using ontology::Iri;
using ontology::Literal;
using ontology::Quad;
using ontology::Term;

/// The answer to a SPARQL query (https://www.w3.org/TR/sparql11-query/#QueryForms).
struct QueryResult {
  enum class Kind { bindings, boolean, graph };
  Kind kind = Kind::bindings;                              ///< SELECT, ASK, CONSTRUCT/DESCRIBE
  std::vector<std::string> variables;                      ///< SELECT variables without '?'
  std::vector<std::vector<std::optional<Term>>> rows;      ///< one value per variable, nullopt = unbound
  bool boolean = false;                                    ///< ASK
  std::vector<Quad> triples;                               ///< CONSTRUCT/DESCRIBE, sorted, no graph names
  /// Sorts the rows (SELECT without ORDER BY: any order is correct, so kgbuild picks
  /// a deterministic one) and the triples.
  void sort_rows();
};

/// Output formats of `kgbuild query --format`.
enum class ResultFormat {
  table,     ///< aligned columns, prefixed names (for people)
  csv,       ///< SPARQL 1.1 CSV results, https://www.w3.org/TR/sparql11-results-csv-tsv/#csv
  tsv,       ///< SPARQL 1.1 TSV results, https://www.w3.org/TR/sparql11-results-csv-tsv/#tsv
  json,      ///< SPARQL 1.1 JSON results, https://www.w3.org/TR/sparql11-results-json/
  turtle,    ///< a graph answer as Turtle, prefixes declared
  ntriples,  ///< a graph answer as N-Triples
};
std::optional<ResultFormat> result_format_from_name(std::string_view name);

/// `result` written in `format`. SELECT and ASK answers take table/csv/tsv/json (ASK
/// in CSV/TSV is the single word true/false), graph answers take turtle/ntriples (and
/// table/tsv as N-Triples lines). Errors: Errc::usage for a graph answer in csv/json
/// or a SELECT/ASK answer in turtle/ntriples.
Result<std::string> format_result(const QueryResult& result, ResultFormat format);

/// Reads an application/sparql-results+json body (SELECT or ASK) into a QueryResult;
/// "bnode" values become "urn:kgbuild:bnode:" IRIs. Errors: Errc::parse saying what is
/// missing or malformed.
Result<QueryResult> parse_sparql_json(std::string_view body);

/// `$name` → value substitutions for a query. A value written `<IRI>` is an IRI;
/// anything else is a string literal (escaped per STRING_LITERAL_QUOTE).
using Params = std::map<std::string, std::string>;

/// How kgbuild answers a SELECT with OPTIONAL or UNION itself (Rasqal 0.9.33 pairs rows
/// whose shared variables differ in every left join tried, and is slow on unions): Rasqal
/// runs each branch of the required part and each OPTIONAL group as separate SELECT *
/// queries, and kgbuild unites and left-joins the rows, then projects, removes
/// duplicates, orders and slices.
struct OptionalPlan {
  /// SELECT * queries whose rows, concatenated, are the required part: one per UNION
  /// branch after the rewrite (Rasqal 0.9.33 takes ~50 times longer for a UNION of
  /// basic graph patterns than for its branches one by one), FILTERs in each (prepared).
  std::vector<std::string> required;
  std::vector<std::string> optionals;   ///< SELECT * of each OPTIONAL group, in order (prepared)
  std::vector<std::string> projection;  ///< variables kept, in order
  bool distinct = false;                ///< DISTINCT or REDUCED
  std::vector<std::pair<std::string, bool>> order;  ///< ORDER BY variables, true = DESC
  std::optional<std::size_t> limit;
  std::size_t offset = 0;
};

/// A query after `prepare_query`.
struct PreparedQuery {
  std::string text;        ///< what is handed to the engine
  std::string plain;       ///< the same without the UNION rewrite (for error positions)
  bool rewritten = false;  ///< a UNION group was rewritten for Rasqal
  bool ordered = false;    ///< the query has ORDER BY (its row order is kept)
  std::vector<std::string> projection;  ///< SELECT variables (without '?'), for empty answers
  std::size_t prologue_lines = 0;  ///< lines of predeclared prefixes put in front
  std::vector<std::string> notes;  ///< what was done, or why a suspicious group was left alone
  std::optional<OptionalPlan> optional_plan;  ///< set when kgbuild evaluates OPTIONAL/UNION itself
};

/// Prepares `sparql` for Rasqal: predeclares the ontology's prefixes (those the query
/// does not declare), substitutes `params`, refuses property paths with `|`, and
/// rewrites UNION groups as described at the top of this header. Errors:
/// Errc::usage for an unused or invalid parameter or a property path, Errc::parse for
/// an unterminated string, IRI or group.
Result<PreparedQuery> prepare_query(std::string_view sparql, const Params& params);

/// What a backend does; implemented by the Redland backend (memory and SQLite) and, on
/// another branch, by a Virtuoso backend. Not copyable; owned by a Store.
class Backend {
 public:
  virtual ~Backend() = default;
  /// Replaces, for each graph name among `quads`, that graph's statements by those
  /// quads (all in one transaction when the storage allows).
  virtual Result<void> load_replace(const std::vector<Quad>& quads) = 0;
  /// Runs a prepared query.
  virtual Result<QueryResult> query(const std::string& sparql, const Diagnostics& diagnostics) = 0;
  /// Every stored statement as a quad, sorted.
  virtual Result<std::vector<Quad>> quads() const = 0;
};

/// Whether `Store::open` may create the store.
enum class Access { read, create };

/// Statistics of one `Store::load`.
struct LoadSummary {
  std::size_t files = 0;
  std::size_t graphs = 0;   ///< contexts replaced
  std::size_t quads = 0;    ///< quads written
  double seconds = 0;       ///< parse + store time
};

/// A queryable dataset. Movable, not copyable (owns its backend).
class Store {
 public:
  /// Reads graph files (.ttl, .nt, .nq, .trig, .jsonld) into an in-memory store with
  /// the same layout `load` gives a persistent one. Errors: those of `load`.
  static Result<Store> open_files(const std::vector<std::string>& paths, const Diagnostics& diagnostics);
  /// Opens the store named by `uri`: "sqlite:PATH" (Redland's SQLite storage; with
  /// Access::create a missing file is created) or "virtuoso:http://HOST:PORT" (a
  /// Virtuoso server, store/src/virtuoso.hpp; it must answer a first query, tried a
  /// few times). Errors: Errc::usage for an unknown scheme, Errc::io naming the
  /// store with the reason it cannot be opened.
  static Result<Store> open(const std::string& uri, Access access, const Diagnostics& diagnostics);

  /// A store over another backend (tests; `open` builds the Virtuoso one).
  static Store from_backend(std::unique_ptr<Backend> backend) { return Store(std::move(backend)); }

  /// Loads graph files: each named graph of a file (N-Quads, TriG) replaces the
  /// context of that name; the triples of a file without graph names (Turtle,
  /// N-Triples, JSON-LD) replace the context named by the file's own IRI
  /// (file:///absolute/path). Errors: Errc::usage for an unknown extension,
  /// Errc::parse/io from the reader (nothing of that file is stored).
  Result<LoadSummary> load(const std::vector<std::string>& paths, const Diagnostics& diagnostics);
  /// Loads a dataset already in memory (kgbuild build --store).
  Result<LoadSummary> load(const rdfio::Dataset& dataset, const Diagnostics& diagnostics);

  /// Runs `sparql` after `prepare_query(sparql, params)`. SELECT rows without ORDER BY
  /// and graph answers are sorted. DESCRIBE gives each described resource's triples as
  /// subject (the resources found by a SELECT DISTINCT of the described variables). Errors: Errc::parse (Rasqal's message, with line and
  /// column in the caller's text), Errc::usage from prepare_query, Errc::internal.
  Result<QueryResult> query(std::string_view sparql, const Params& params, const Diagnostics& diagnostics);

  /// Every stored statement, sorted (for tests and dumps).
  Result<std::vector<Quad>> quads() const { return m_backend->quads(); }

  Store(Store&&) noexcept = default;
  Store& operator=(Store&&) noexcept = default;
  ~Store();

 private:
  explicit Store(std::unique_ptr<Backend> backend) : m_backend(std::move(backend)) {}
  /// Runs a prepared query; DESCRIBE is answered here (Rasqal returns no triples for it).
  Result<QueryResult> run(const std::string& text, const Diagnostics& diagnostics);
  /// Answers a SELECT with OPTIONAL by its plan (see OptionalPlan).
  Result<QueryResult> run_optional(const OptionalPlan& plan, const Diagnostics& diagnostics);
  std::unique_ptr<Backend> m_backend;
};

/// The context IRI given to the triples of a graph file without graph names.
std::string file_context_iri(const std::string& path);

}  // namespace kg::store
