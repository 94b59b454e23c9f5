// N-Triples / N-Quads writer (contract in writers.hpp): one canonical statement per
// line. https://www.w3.org/TR/n-triples/#canonical-ntriples, https://www.w3.org/TR/n-quads/
#include "writers.hpp"

namespace kg::rdfio::detail {

NQuadsWriter::NQuadsWriter(Sink sink, Graphs graphs) : m_out(std::move(sink)), m_graphs(graphs) {}

Result<void> NQuadsWriter::write(const Quad& q) {
  if (m_out.failed()) return m_out.error();
  const bool keep = m_graphs == Graphs::keep;
  if (!keep && m_last && m_last->subject == q.subject && m_last->predicate == q.predicate &&
      m_last->object == q.object)
    return {};
  m_out.buf() += q.to_nquads(keep);
  m_out.buf() += '\n';
  if (!keep) m_last = q;
  return m_out.maybe_flush();
}

Result<void> NQuadsWriter::finish() { return m_out.flush(); }

}  // namespace kg::rdfio::detail
