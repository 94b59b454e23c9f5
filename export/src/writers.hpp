// Streaming RDF writers, private to export/ (serd's SerdWriter, oxttl's
// TurtleSerializer): build with options and prefixes, then `write(quad)` for each quad
// in the documented order, then `finish()`. Nothing is written by a destructor: a
// writer dropped before `finish()` leaves its output incomplete, by design.
// Output goes to a Sink in chunks of about 1 MB, so large graphs stream to disk.
// Writers are movable, not copyable (they own buffered output).
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "export/export.hpp"
#include "names.hpp"

namespace kg::rdfio::detail {

/// Receives the output bytes. The first error it returns stops the writer and is
/// returned by that `write()` and by `finish()`.
using Sink = std::function<Result<void>(std::string_view)>;

/// Buffered output over a Sink.
class Output {
 public:
  explicit Output(Sink sink) : m_sink(std::move(sink)) {}
  std::string& buf() { return m_buf; }
  /// Hands the buffer to the sink once it holds a full chunk.
  Result<void> maybe_flush();
  /// Hands everything to the sink.
  Result<void> flush();
  bool failed() const { return m_error.has_value(); }
  const Error& error() const { return *m_error; }

 private:
  Sink m_sink;
  std::string m_buf;
  std::optional<Error> m_error;
};

// --- Turtle and TriG --------------------------------------------------------------

/// Turtle 1.1 (https://www.w3.org/TR/turtle/) or TriG 1.1 (https://www.w3.org/TR/trig/).
///
/// Turtle writes the union of all graphs: quads must arrive sorted by subject,
/// predicate, object (Dataset order); a triple repeated in several graphs is written
/// once. TriG writes one "<graph> { … }" block per graph (the default graph's triples
/// first, outside any block): quads must arrive sorted by graph, subject, predicate,
/// object. Out-of-order input is an Errc::usage error.
///
/// Layout: "@prefix" lines sorted by name, a blank line, then one block per subject,
/// separated by blank lines, "a" first, predicates in IRI order, objects of one
/// predicate separated by ",\n". Prefixed names are used only for plain local parts
/// (is_plain_PN_LOCAL); other IRIs are written as IRIREF. xsd:string literals carry no
/// datatype; other typed literals are written "lexical"^^datatype.
class TurtleWriter {
 public:
  enum class Syntax { turtle, trig };
  TurtleWriter(Sink sink, Syntax syntax);
  /// Declares a prefix (builder step; only before the first write()).
  TurtleWriter& prefix(const std::string& name, const std::string& ns);
  Result<void> write(const Quad& quad);
  /// Writes what is buffered and the closing brace of an open TriG block.
  Result<void> finish();

 private:
  void start();
  void flush_subject();
  void write_iri(const std::string& iri);
  void write_term(const Term& t);

  Output m_out;
  Syntax m_syntax;
  Compactor m_prefixes;
  bool m_started = false;
  bool m_finished = false;
  bool m_in_block = false;         ///< a TriG "{" is open
  bool m_first_in_graph = true;    ///< no subject written yet in the current graph
  std::optional<Quad> m_last;      ///< the previous quad (order check, duplicates)
  std::vector<Quad> m_subject;     ///< the current subject's statements
  std::optional<Error> m_error;
};

/// Writers of the Turtle productions (https://www.w3.org/TR/turtle/#sec-grammar-grammar)
/// that only Turtle/TriG need. IRIREF, STRING_LITERAL_QUOTE (with its ECHAR and UCHAR
/// escapes) come from ontology::syntax, shared with the N-Triples text of terms.
/// `local` as is; the caller has checked is_plain_PN_LOCAL (so PN_LOCAL_ESC and PLX
/// are never needed).
void write_PN_LOCAL(std::string& out, std::string_view local);
/// "prefix:local".
void write_PNAME_LN(std::string& out, std::string_view prefix, std::string_view local);

// --- N-Triples and N-Quads --------------------------------------------------------

/// N-Triples (https://www.w3.org/TR/n-triples/) or N-Quads
/// (https://www.w3.org/TR/n-quads/): one canonical statement per line
/// (Quad::to_nquads). With Graphs::drop, graph names are left out and a triple that
/// repeats the previous one is skipped (Dataset order puts such repeats side by side).
class NQuadsWriter {
 public:
  enum class Graphs { keep, drop };
  NQuadsWriter(Sink sink, Graphs graphs);
  Result<void> write(const Quad& quad);
  Result<void> finish();

 private:
  Output m_out;
  Graphs m_graphs;
  std::optional<Quad> m_last;
};

// --- JSON-LD ----------------------------------------------------------------------

/// JSON-LD 1.1 (https://www.w3.org/TR/json-ld11/) in the form
/// {"@context": {…}, "@graph": [node objects]} for the union of all graphs. Quads must
/// arrive in Dataset order (sorted by subject); node objects are therefore sorted by
/// their expanded @id. Inside a node, "@id" and "@type" come first, then properties
/// sorted by key.
///
/// The context drives the output: prefixes (simple term definitions whose IRI ends in
/// '/' or '#') compact IRIs, and a property with a term definition of the form
/// {"@id": IRI} or {"@id": IRI, "@type": "@id" | datatype} is written under that term,
/// its values as plain strings when they match the term's coercion and as
/// {"@id"}/{"@value", "@type"} objects otherwise, so the document always expands to
/// exactly the written triples.
class JsonLdWriter {
 public:
  explicit JsonLdWriter(Sink sink);
  /// Sets the "@context" object (builder step; only before the first write()).
  /// Errors: Errc::usage when `context` is not a JSON object.
  JsonLdWriter& context(const nlohmann::ordered_json& context);
  Result<void> write(const Quad& quad);
  Result<void> finish();

 private:
  struct TermDef {
    std::string name;
    std::string coercion;  ///< "" (none), "@id", or a datatype IRI
  };
  void start();
  void flush_subject();
  nlohmann::ordered_json value(const Term& object, const TermDef* def) const;

  Output m_out;
  nlohmann::ordered_json m_context = nlohmann::ordered_json::object();
  Compactor m_prefixes;
  std::map<std::string, TermDef> m_terms;  ///< property IRI → term
  bool m_started = false;
  bool m_finished = false;
  bool m_first_node = true;
  std::optional<Quad> m_last;
  std::vector<Quad> m_subject;
  std::optional<Error> m_error;
};

/// The "@context" object of ontology/context.jsonld (embedded in kg_ontology).
/// Errors: Errc::internal when the embedded file is not a JSON object with "@context".
Result<nlohmann::ordered_json> kgbuild_context();

}  // namespace kg::rdfio::detail
