// RDF value types: validation and canonical N-Triples text.
// https://www.w3.org/TR/n-triples/#grammar-production-IRIREF and #grammar-production-STRING_LITERAL_QUOTE
#include <cstdio>

#include "ontology/rdf.hpp"
#include "ontology/vocab.hpp"

namespace kg::ontology {
namespace {

// IRIREF excludes these plus controls and space.
bool forbidden_in_iri(unsigned char c) {
  return c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' ||
         c == '^' || c == '`' || c == '\\';
}

}  // namespace

namespace syntax {

void write_UCHAR(std::string& out, unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04X", c);
  out += buf;
}

void write_IRIREF(std::string& out, std::string_view iri) {
  out += '<';
  for (unsigned char c : iri) {
    if (forbidden_in_iri(c)) write_UCHAR(out, c);
    else out += static_cast<char>(c);
  }
  out += '>';
}

void write_STRING_LITERAL_QUOTE(std::string& out, std::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20 || c == 0x7F) write_UCHAR(out, c);
        else out += static_cast<char>(c);
    }
  }
  out += '"';
}

}  // namespace syntax

using syntax::write_IRIREF;
using syntax::write_STRING_LITERAL_QUOTE;

Result<Iri> Iri::parse(std::string_view text) {
  std::size_t colon = text.find(':');
  bool scheme_ok = colon != std::string_view::npos && colon > 0;
  for (std::size_t i = 0; scheme_ok && i < colon; ++i) {
    char c = text[i];
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!(alpha || (i > 0 && other))) scheme_ok = false;
  }
  if (!scheme_ok)
    return make_error(Errc::parse, "expected an absolute IRI with a scheme, found \"" +
                                       std::string(text) + "\"");
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (forbidden_in_iri(static_cast<unsigned char>(text[i]))) {
      Location where;
      where.byte_offset = i;
      return make_error(Errc::parse, "character not allowed in an IRI at offset " +
                                         std::to_string(i) + " of \"" + std::string(text) + "\"",
                        where);
    }
  }
  return unchecked(std::string(text));
}

std::string Iri::to_ntriples() const {
  std::string out;
  write_IRIREF(out, m_text);
  return out;
}

std::string Literal::to_ntriples() const {
  std::string out;
  write_STRING_LITERAL_QUOTE(out, lexical);
  if (!lang.empty()) {
    out += '@';
    out += lang;
  } else if (!datatype.empty() && datatype != std::string(vocab::kXsd) + "string") {
    out += "^^";
    out += Iri::unchecked(datatype).to_ntriples();
  }
  return out;
}

std::string to_ntriples(const Term& t) {
  return std::visit([](const auto& v) { return v.to_ntriples(); }, t);
}

std::string Quad::to_nquads(bool with_graph) const {
  std::string out = subject.to_ntriples() + ' ' + predicate.to_ntriples() + ' ' +
                    ontology::to_ntriples(object);
  if (with_graph && !graph.str().empty()) out += ' ' + graph.to_ntriples();
  out += " .";
  return out;
}

}  // namespace kg::ontology
