// Serialisers: Turtle (https://www.w3.org/TR/turtle/), TriG (https://www.w3.org/TR/trig/),
// N-Triples/N-Quads (https://www.w3.org/TR/n-quads/) and JSON-LD 1.1
// (https://www.w3.org/TR/json-ld11/). Output is sorted, so it is byte-identical for
// the same dataset.
#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>

#include "atomic_file.hpp"
#include "export/export.hpp"
#include "names.hpp"

namespace kg::rdfio {
namespace {

const std::string kXsdString = std::string(vocab::kXsd) + "string";

// Output in chunks: writers append to `buf`; `flush()` hands full chunks to the sink so
// large graphs stream to disk instead of being built as one string.
struct Emitter {
  std::string buf;
  std::function<Result<void>(std::string_view)> sink;  // empty: keep everything in buf
  std::optional<Error> error;
  void flush(bool force = false) {
    if (!sink || (!force && buf.size() < (1u << 20))) return;
    if (!error) {
      auto r = sink(buf);
      if (!r.ok()) error = r.error();
    }
    buf.clear();
  }
};

// The distinct triples of a sorted dataset: quads are ordered by subject, predicate,
// object, then graph, so duplicates across graphs are neighbours.
template <class F>
void for_each_triple(const Dataset& ds, F&& f) {
  const Quad* prev = nullptr;
  for (const Quad& q : ds.quads) {
    if (prev && prev->subject == q.subject && prev->predicate == q.predicate && prev->object == q.object) continue;
    f(q);
    prev = &q;
  }
}

// --- Turtle productions -------------------------------------------------------

using ontology::syntax::write_IRIREF;
using ontology::syntax::write_STRING_LITERAL_QUOTE;

void write_iri_term(std::string& out, const std::string& iri) {
  std::string c = detail::compact(iri);
  if (!c.empty()) out += c;
  else write_IRIREF(out, iri);
}

void write_term(std::string& out, const Term& t) {
  if (const Iri* i = std::get_if<Iri>(&t)) {
    write_iri_term(out, i->str());
    return;
  }
  const Literal& l = std::get<Literal>(t);
  write_STRING_LITERAL_QUOTE(out, l.lexical);
  if (!l.lang.empty()) {
    out += '@';
    out += l.lang;
  } else if (!l.datatype.empty() && l.datatype != kXsdString) {
    out += "^^";
    write_iri_term(out, l.datatype);
  }
}

void write_prefixes(std::string& out, bool sparql_style = false) {
  for (const auto& [p, ns] : detail::prefixes()) {
    out += sparql_style ? "PREFIX " : "@prefix ";
    out += p + ": ";
    write_IRIREF(out, ns);
    out += sparql_style ? "\n" : " .\n";
  }
}

// Subject blocks "s\n    a C ;\n    p o, o ;\n    p o .\n" for triples sorted by subject
// then predicate, given as pointers.
void write_subjects(Emitter& em, const std::vector<const Quad*>& triples, const std::string& indent) {
  const std::string& rdf_type = vocab::rdf_type;
  std::string& out = em.buf;
  std::size_t i = 0;
  std::vector<const Quad*> block;
  while (i < triples.size()) {
    const Iri& s = triples[i]->subject;
    std::size_t j = i;
    while (j < triples.size() && triples[j]->subject == s) ++j;
    // rdf:type first, then predicates in order.
    block.clear();
    for (std::size_t k = i; k < j; ++k)
      if (triples[k]->predicate.str() == rdf_type) block.push_back(triples[k]);
    for (std::size_t k = i; k < j; ++k)
      if (triples[k]->predicate.str() != rdf_type) block.push_back(triples[k]);
    out += indent;
    write_iri_term(out, s.str());
    std::size_t k = 0;
    while (k < block.size()) {
      const Iri& p = block[k]->predicate;
      out += k == 0 ? "\n" : " ;\n";
      out += indent + "    ";
      if (p.str() == rdf_type) out += "a";
      else write_iri_term(out, p.str());
      out += ' ';
      bool first = true;
      while (k < block.size() && block[k]->predicate == p) {
        if (!first) out += ", ";
        write_term(out, block[k]->object);
        first = false;
        ++k;
      }
    }
    out += " .\n\n";
    em.flush();
    i = j;
  }
}

void to_turtle(const Dataset& ds, Emitter& em) {
  write_prefixes(em.buf);
  em.buf += '\n';
  std::vector<const Quad*> triples;
  triples.reserve(ds.quads.size());
  for_each_triple(ds, [&](const Quad& q) { triples.push_back(&q); });
  write_subjects(em, triples, "");
}

void to_trig(const Dataset& ds, Emitter& em) {
  write_prefixes(em.buf);
  em.buf += '\n';
  std::vector<const Quad*> quads;
  quads.reserve(ds.quads.size());
  for (const Quad& q : ds.quads) quads.push_back(&q);
  // Quads are sorted by s, p, o, g: a stable sort on the graph keeps that order inside.
  std::stable_sort(quads.begin(), quads.end(), [](const Quad* a, const Quad* b) { return a->graph < b->graph; });
  std::size_t i = 0;
  while (i < quads.size()) {
    std::size_t j = i;
    while (j < quads.size() && quads[j]->graph == quads[i]->graph) ++j;
    std::vector<const Quad*> part(quads.begin() + static_cast<std::ptrdiff_t>(i), quads.begin() + static_cast<std::ptrdiff_t>(j));
    if (quads[i]->graph.str().empty()) {
      write_subjects(em, part, "");
    } else {
      write_iri_term(em.buf, quads[i]->graph.str());
      em.buf += " {\n";
      write_subjects(em, part, "    ");
      em.buf += "}\n\n";
    }
    i = j;
  }
}

void to_lines(const Dataset& ds, bool with_graph, Emitter& em) {
  auto line = [&](const Quad& q) {
    em.buf += q.to_nquads(with_graph);
    em.buf += '\n';
    em.flush();
  };
  if (with_graph) {
    for (const Quad& q : ds.quads) line(q);
  } else {
    for_each_triple(ds, line);
  }
}

// --- JSON-LD ------------------------------------------------------------------

using ojson = nlohmann::ordered_json;

std::string compact_or_full(const std::string& iri) {
  std::string c = detail::compact(iri);
  return c.empty() ? iri : c;
}

ojson jsonld_value(const Term& t) {
  if (const Iri* i = std::get_if<Iri>(&t)) return ojson{{"@id", compact_or_full(i->str())}};
  const Literal& l = std::get<Literal>(t);
  if (!l.lang.empty()) return ojson{{"@value", l.lexical}, {"@language", l.lang}};
  if (l.datatype.empty() || l.datatype == kXsdString) return ojson(l.lexical);
  return ojson{{"@value", l.lexical}, {"@type", compact_or_full(l.datatype)}};
}

// One node object per subject, written as text so that large graphs stream; each
// value is dumped by nlohmann (JSON string escaping).
void to_jsonld(const Dataset& ds, Emitter& em) {
  ojson context = ojson::parse(ontology::context_jsonld(), nullptr, false);
  ojson ctx;
  if (context.is_object() && context.contains("@context")) {
    ctx = context["@context"];
  } else {
    // Fallback when the embedded context is missing: the prefixes alone.
    ctx["@version"] = 1.1;
    for (const auto& [p, ns] : detail::prefixes()) ctx[p] = ns;
  }
  em.buf += "{\n\t\"@context\": ";
  em.buf += ctx.dump();
  em.buf += ",\n\t\"@graph\": [";
  std::vector<const Quad*> triples;
  triples.reserve(ds.quads.size());
  for_each_triple(ds, [&](const Quad& q) { triples.push_back(&q); });
  const std::string& rdf_type = vocab::rdf_type;
  bool first_node = true;
  std::size_t i = 0;
  while (i < triples.size()) {
    const Iri& s = triples[i]->subject;
    ojson node;
    node["@id"] = compact_or_full(s.str());
    std::size_t j = i;
    ojson types = ojson::array();
    std::vector<std::pair<std::string, ojson>> props;
    for (; j < triples.size() && triples[j]->subject == s; ++j) {
      const Quad& q = *triples[j];
      if (q.predicate.str() == rdf_type && std::holds_alternative<Iri>(q.object)) {
        types.push_back(compact_or_full(std::get<Iri>(q.object).str()));
        continue;
      }
      std::string key = compact_or_full(q.predicate.str());
      if (props.empty() || props.back().first != key) props.emplace_back(key, ojson::array());
      props.back().second.push_back(jsonld_value(q.object));
    }
    if (!types.empty()) node["@type"] = types.size() == 1 ? types[0] : types;
    for (auto& [k, vals] : props) node[k] = vals.size() == 1 ? vals[0] : vals;
    em.buf += first_node ? "\n\t\t" : ",\n\t\t";
    em.buf += node.dump();
    first_node = false;
    em.flush();
    i = j;
  }
  em.buf += "\n\t]\n}\n";
}

void serialise_to(const Dataset& dataset, Format format, Emitter& em) {
  switch (format) {
    case Format::turtle: to_turtle(dataset, em); break;
    case Format::trig: to_trig(dataset, em); break;
    case Format::ntriples: to_lines(dataset, false, em); break;
    case Format::nquads: to_lines(dataset, true, em); break;
    case Format::jsonld: to_jsonld(dataset, em); break;
  }
}

}  // namespace

std::string serialise(const Dataset& dataset, Format format) {
  Emitter em;
  serialise_to(dataset, format, em);
  return std::move(em.buf);
}

Result<void> write_text_file(const std::string& path, std::string_view bytes) {
  KG_TRY(auto file, detail::AtomicFile::open(path));
  KG_TRY_VOID(file.write(bytes));
  return file.commit();
}

Result<void> write_file(const Dataset& dataset, Format format, const std::string& path) {
  KG_TRY(auto file, detail::AtomicFile::open(path));
  Emitter em;
  em.sink = [&file](std::string_view bytes) { return file.write(bytes); };
  serialise_to(dataset, format, em);
  em.flush(true);
  if (em.error) return *em.error;
  return file.commit();
}

}  // namespace kg::rdfio
