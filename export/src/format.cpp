// Format enum: names, media types and extensions (drives --format).
#include <algorithm>

#include "export/export.hpp"

namespace kg::rdfio {
namespace {
struct FormatInfo {
  Format format;
  std::string_view name;
  std::string_view media_type;  // IANA registrations of each spec
  std::string_view extension;
};
constexpr FormatInfo kFormats[] = {
    {Format::turtle, "turtle", "text/turtle", "ttl"},                 // https://www.w3.org/TR/turtle/
    {Format::ntriples, "ntriples", "application/n-triples", "nt"},    // https://www.w3.org/TR/n-triples/
    {Format::nquads, "nquads", "application/n-quads", "nq"},          // https://www.w3.org/TR/n-quads/
    {Format::trig, "trig", "application/trig", "trig"},               // https://www.w3.org/TR/trig/
    {Format::jsonld, "jsonld", "application/ld+json", "jsonld"},      // https://www.w3.org/TR/json-ld11/
};
const FormatInfo& info(Format f) {
  for (const auto& i : kFormats)
    if (i.format == f) return i;
  return kFormats[0];
}
}  // namespace

std::string_view name(Format f) { return info(f).name; }
std::string_view media_type(Format f) { return info(f).media_type; }
std::string_view extension(Format f) { return info(f).extension; }

std::optional<Format> format_from_name(std::string_view n) {
  for (const auto& i : kFormats)
    if (i.name == n || i.extension == n) return i.format;
  return std::nullopt;
}

std::optional<Format> format_from_extension(std::string_view path_or_ext) {
  auto dot = path_or_ext.rfind('.');
  std::string_view ext = dot == std::string_view::npos ? path_or_ext : path_or_ext.substr(dot + 1);
  for (const auto& i : kFormats)
    if (i.extension == ext) return i.format;
  if (ext == "json") return Format::jsonld;
  return std::nullopt;
}

void Dataset::normalise() {
  std::sort(quads.begin(), quads.end());
  quads.erase(std::unique(quads.begin(), quads.end()), quads.end());
}

std::vector<Quad> Dataset::triples() const {
  std::vector<Quad> out;
  out.reserve(quads.size());
  for (const auto& q : quads) out.push_back(Quad{q.subject, q.predicate, q.object, Iri{}});
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::size_t Dataset::triple_count() const {
  std::size_t n = 0;
  const Quad* prev = nullptr;
  for (const Quad& q : quads) {
    if (!(prev && prev->subject == q.subject && prev->predicate == q.predicate && prev->object == q.object)) ++n;
    prev = &q;
  }
  return n;
}

}  // namespace kg::rdfio
