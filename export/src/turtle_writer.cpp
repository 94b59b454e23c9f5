// Turtle and TriG writer (contract in writers.hpp).
// Grammar: https://www.w3.org/TR/turtle/#sec-grammar-grammar,
//          https://www.w3.org/TR/trig/#sec-grammar-grammar.
#include "writers.hpp"

#include <tuple>

namespace kg::rdfio::detail {
namespace {

using ontology::syntax::write_IRIREF;
using ontology::syntax::write_STRING_LITERAL_QUOTE;

const std::string kXsdString = std::string(vocab::kXsd) + "string";
constexpr std::string_view kIndent = "    ";

bool same_triple(const Quad& a, const Quad& b) {
  return a.subject == b.subject && a.predicate == b.predicate && a.object == b.object;
}

}  // namespace

// [168s] PN_LOCAL, restricted to is_plain_PN_LOCAL (no PLX).
void write_PN_LOCAL(std::string& out, std::string_view local) { out += local; }

// [140s] PNAME_LN ::= PNAME_NS PN_LOCAL
void write_PNAME_LN(std::string& out, std::string_view prefix, std::string_view local) {
  out += prefix;
  out += ':';
  write_PN_LOCAL(out, local);
}

TurtleWriter::TurtleWriter(Sink sink, Syntax syntax) : m_out(std::move(sink)), m_syntax(syntax) {}

TurtleWriter& TurtleWriter::prefix(const std::string& name, const std::string& ns) {
  if (m_started) {
    if (!m_error) m_error = make_error(Errc::usage, "TurtleWriter::prefix(\"" + name + "\") after the first write");
    return *this;
  }
  m_prefixes.add(name, ns);
  return *this;
}

void TurtleWriter::start() {
  m_started = true;
  std::string& out = m_out.buf();
  for (const auto& [p, ns] : m_prefixes.by_prefix()) {
    out += "@prefix ";
    out += p;
    out += ": ";
    write_IRIREF(out, ns);
    out += " .\n";
  }
  if (!m_prefixes.by_prefix().empty()) out += '\n';
}

void TurtleWriter::write_iri(const std::string& iri) {
  if (auto pl = m_prefixes.split(iri)) write_PNAME_LN(m_out.buf(), pl->first, pl->second);
  else write_IRIREF(m_out.buf(), iri);
}

void TurtleWriter::write_term(const Term& t) {
  if (const Iri* i = std::get_if<Iri>(&t)) return write_iri(i->str());
  const Literal& l = std::get<Literal>(t);
  write_STRING_LITERAL_QUOTE(m_out.buf(), l.lexical);
  if (!l.lang.empty()) {
    m_out.buf() += '@';
    m_out.buf() += l.lang;
  } else if (!l.datatype.empty() && l.datatype != kXsdString) {
    m_out.buf() += "^^";
    write_iri(l.datatype);
  }
}

// One subject block: "s\n    a C ;\n    p o,\n        o2 .\n" (indented inside TriG
// blocks), rdf:type first.
void TurtleWriter::flush_subject() {
  if (m_subject.empty()) return;
  std::string& out = m_out.buf();
  const std::string indent = m_in_block ? std::string(kIndent) : std::string();
  if (!m_first_in_graph) out += '\n';
  m_first_in_graph = false;
  out += indent;
  write_iri(m_subject.front().subject.str());
  bool first_predicate = true;
  auto write_predicate = [&](bool is_type) {
    for (std::size_t k = 0; k < m_subject.size();) {
      const Iri& p = m_subject[k].predicate;
      if ((p.str() == vocab::rdf_type) != is_type) {
        ++k;
        continue;
      }
      out += first_predicate ? "\n" : " ;\n";
      first_predicate = false;
      out += indent;
      out += kIndent;
      if (is_type) out += 'a';
      else write_iri(p.str());
      out += ' ';
      for (bool first = true; k < m_subject.size() && m_subject[k].predicate == p; ++k, first = false) {
        if (!first) {
          out += ",\n";
          out += indent;
          out += kIndent;
          out += kIndent;
        }
        write_term(m_subject[k].object);
      }
    }
  };
  write_predicate(true);
  write_predicate(false);
  out += " .\n";
  m_subject.clear();
}

Result<void> TurtleWriter::write(const Quad& q) {
  if (m_error) return *m_error;
  if (m_finished) return make_error(Errc::usage, "TurtleWriter::write after finish()");
  if (!m_started) start();
  const bool trig = m_syntax == Syntax::trig;
  if (m_last) {
    const Quad& last = *m_last;
    bool ordered = trig ? std::tie(last.graph, last.subject, last.predicate, last.object) <=
                              std::tie(q.graph, q.subject, q.predicate, q.object)
                        : std::tie(last.subject, last.predicate, last.object) <=
                              std::tie(q.subject, q.predicate, q.object);
    if (!ordered) {
      m_error = make_error(Errc::usage, "quads written out of order: " + q.to_nquads() + " after " + last.to_nquads());
      return *m_error;
    }
    if (same_triple(last, q) && (!trig || last.graph == q.graph)) return {};
  }
  bool new_graph = trig && (!m_last || m_last->graph != q.graph);
  if (new_graph || (m_last && m_last->subject != q.subject)) flush_subject();
  if (new_graph) {
    std::string& out = m_out.buf();
    if (m_in_block) out += "}\n";
    if (m_last) out += '\n';
    m_in_block = !q.graph.str().empty();
    if (m_in_block) {
      // The optional GRAPH keyword is left out: raptor 2.0.15 does not accept it.
      write_IRIREF(out, q.graph.str());
      out += " {\n";
    }
    m_first_in_graph = true;
  }
  m_subject.push_back(q);
  m_last = q;
  if (!m_out.maybe_flush().ok()) m_error = m_out.error();
  if (m_error) return *m_error;
  return {};
}

Result<void> TurtleWriter::finish() {
  if (m_error) return *m_error;
  if (m_finished) return make_error(Errc::usage, "TurtleWriter::finish called twice");
  if (!m_started) start();
  flush_subject();
  if (m_in_block) m_out.buf() += "}\n";
  m_in_block = false;
  m_finished = true;
  return m_out.flush();
}

}  // namespace kg::rdfio::detail
