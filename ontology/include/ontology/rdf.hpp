// RDF terms as plain value types (oxrdf style): Iri, Literal, Term, Quad.
// Copyable, ordered and hashable; `to_ntriples()` gives the canonical N-Triples text.
// https://www.w3.org/TR/rdf11-concepts/
#pragma once

#include <compare>
#include <string>
#include <string_view>
#include <variant>

#include "ontology/result.hpp"

namespace kg::ontology {

/// An absolute IRI. `parse` validates (scheme, no spaces or <>"{}|^`\ characters);
/// `unchecked` is for the project's own constants and minted IRIs.
class Iri {
 public:
  Iri() = default;
  static Result<Iri> parse(std::string_view text);
  static Iri unchecked(std::string text) { Iri i; i.m_text = std::move(text); return i; }
  const std::string& str() const { return m_text; }
  std::string to_ntriples() const;
  auto operator<=>(const Iri&) const = default;
  bool operator==(const Iri&) const = default;

 private:
  std::string m_text;
};

/// A literal: lexical form plus datatype IRI (xsd:string when plain) or language tag.
struct Literal {
  std::string lexical;
  std::string datatype;  ///< full datatype IRI; empty means xsd:string
  std::string lang;      ///< language tag (then datatype is rdf:langString)
  std::string to_ntriples() const;
  auto operator<=>(const Literal&) const = default;
  bool operator==(const Literal&) const = default;
};

/// Subject/object position: an IRI or a literal (kgbuild writes no blank nodes).
using Term = std::variant<Iri, Literal>;
std::string to_ntriples(const Term& t);

/// A triple in a named graph (empty graph IRI = default graph).
struct Quad {
  Iri subject;
  Iri predicate;
  Term object;
  Iri graph;
  auto operator<=>(const Quad&) const = default;
  bool operator==(const Quad&) const = default;
  /// "<s> <p> o ." (without the graph) or "<s> <p> o <g> ." when `with_graph`.
  std::string to_nquads(bool with_graph = true) const;
};

/// Escaping shared by the N-Triples/N-Quads/Turtle/TriG writers, named after the
/// productions of https://www.w3.org/TR/turtle/#sec-grammar-grammar.
namespace syntax {
/// "\u00XX" for a byte that a production may not contain literally.
void write_UCHAR(std::string& out, unsigned char c);
/// "<…>" with UCHAR escapes for the characters IRIREF excludes.
void write_IRIREF(std::string& out, std::string_view iri);
/// "\"…\"" with ECHAR escapes (\t \b \n \r \f \" \\) and UCHAR for other controls.
void write_STRING_LITERAL_QUOTE(std::string& out, std::string_view s);
}  // namespace syntax

}  // namespace kg::ontology
