// serialise() and write_file(): a Dataset through one of the writers of writers.hpp,
// into a string or an AtomicFile. Output is byte-identical for equal datasets.
#include <algorithm>

#include "atomic_file.hpp"
#include "export/export.hpp"
#include "writers.hpp"

namespace kg::rdfio {
namespace detail {

namespace {
constexpr std::size_t kChunk = std::size_t{1} << 20;
}

Result<void> Output::maybe_flush() {
  if (m_buf.size() < kChunk) return m_error ? Result<void>(*m_error) : Result<void>();
  return flush();
}

Result<void> Output::flush() {
  if (m_error) return *m_error;
  if (!m_buf.empty() && m_sink) {
    auto r = m_sink(m_buf);
    if (!r.ok()) m_error = r.error();
  }
  m_buf.clear();
  if (m_error) return *m_error;
  return {};
}

}  // namespace detail

namespace {

template <class Writer>
Result<void> write_all(Writer& w, const std::vector<Quad>& quads) {
  for (const Quad& q : quads) KG_TRY_VOID(w.write(q));
  return w.finish();
}

template <class Writer>
Result<void> write_all(Writer& w, const std::vector<const Quad*>& quads) {
  for (const Quad* q : quads) KG_TRY_VOID(w.write(*q));
  return w.finish();
}

Result<void> serialise_to(const Dataset& ds, Format format, detail::Sink sink) {
  using namespace detail;
  switch (format) {
    case Format::turtle:
    case Format::trig: {
      const bool trig = format == Format::trig;
      TurtleWriter w(std::move(sink), trig ? TurtleWriter::Syntax::trig : TurtleWriter::Syntax::turtle);
      for (const auto& [p, ns] : detail::prefixes()) w.prefix(p, ns);
      if (!trig) return write_all(w, ds.quads);
      // TriG groups by graph: order by graph first (stable, so s, p, o order stays).
      std::vector<const Quad*> by_graph;
      by_graph.reserve(ds.quads.size());
      for (const Quad& q : ds.quads) by_graph.push_back(&q);
      std::stable_sort(by_graph.begin(), by_graph.end(),
                       [](const Quad* a, const Quad* b) { return a->graph < b->graph; });
      return write_all(w, by_graph);
    }
    case Format::ntriples:
    case Format::nquads: {
      NQuadsWriter w(std::move(sink), format == Format::nquads ? NQuadsWriter::Graphs::keep : NQuadsWriter::Graphs::drop);
      return write_all(w, ds.quads);
    }
    case Format::jsonld: {
      KG_TRY(auto context, kgbuild_context());
      JsonLdWriter w(std::move(sink));
      w.context(context);
      return write_all(w, ds.quads);
    }
  }
  return make_error(Errc::internal, "unknown format");
}

}  // namespace

std::string serialise(const Dataset& dataset, Format format) {
  std::string out;
  auto r = serialise_to(dataset, format, [&out](std::string_view bytes) -> Result<void> {
    out += bytes;
    return {};
  });
  // Only a dataset that skipped normalise() (out of order) or a broken embedded
  // context can fail here; both are bugs of the caller or the build.
  if (!r.ok()) throw ErrorException(r.error());
  return out;
}

Result<void> write_text_file(const std::string& path, std::string_view bytes) {
  KG_TRY(auto file, detail::AtomicFile::open(path));
  KG_TRY_VOID(file.write(bytes));
  return file.commit();
}

Result<void> write_file(const Dataset& dataset, Format format, const std::string& path) {
  KG_TRY(auto file, detail::AtomicFile::open(path));
  KG_TRY_VOID(serialise_to(dataset, format, [&file](std::string_view bytes) { return file.write(bytes); }));
  return file.commit();
}

}  // namespace kg::rdfio
