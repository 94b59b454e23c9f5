// Serialisers: Turtle (https://www.w3.org/TR/turtle/), TriG (https://www.w3.org/TR/trig/),
// N-Triples/N-Quads (https://www.w3.org/TR/n-quads/) and JSON-LD 1.1
// (https://www.w3.org/TR/json-ld11/). Output is sorted, so it is byte-identical for
// the same dataset.
#include <nlohmann/json.hpp>

#include <map>

#include "atomic_file.hpp"
#include "export/export.hpp"
#include "names.hpp"

namespace kg::rdfio {
namespace {

const std::string kXsdString = std::string(vocab::kXsd) + "string";

// --- Turtle productions -------------------------------------------------------

void write_UCHAR(std::string& out, unsigned char c) {
  static const char* hex = "0123456789ABCDEF";
  out += "\\u00";
  out += hex[c >> 4];
  out += hex[c & 0xF];
}

// IRIREF: characters outside the production are written as UCHAR.
void write_IRIREF(std::string& out, const std::string& iri) {
  out += '<';
  for (unsigned char c : iri) {
    if (c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' ||
        c == '`' || c == '\\')
      write_UCHAR(out, c);
    else
      out += static_cast<char>(c);
  }
  out += '>';
}

// STRING_LITERAL_QUOTE with ECHAR for \t \b \n \r \f \" \\ and UCHAR for other controls.
void write_STRING_LITERAL_QUOTE(std::string& out, const std::string& s) {
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

// Subject blocks "s\n    a C ;\n    p o, o ;\n    p o .\n" for sorted triples [b, e).
void write_subjects(std::string& out, const std::vector<Quad>& triples, const std::string& indent) {
  const std::string rdf_type = vocab::rdf_type;
  std::size_t i = 0;
  while (i < triples.size()) {
    const Iri& s = triples[i].subject;
    std::size_t j = i;
    while (j < triples.size() && triples[j].subject == s) ++j;
    // rdf:type first, then predicates in order.
    std::vector<const Quad*> block;
    for (std::size_t k = i; k < j; ++k)
      if (triples[k].predicate.str() == rdf_type) block.push_back(&triples[k]);
    for (std::size_t k = i; k < j; ++k)
      if (triples[k].predicate.str() != rdf_type) block.push_back(&triples[k]);
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
    i = j;
  }
}

std::string to_turtle(const Dataset& ds) {
  std::string out;
  write_prefixes(out);
  out += '\n';
  write_subjects(out, ds.triples(), "");
  return out;
}

std::string to_trig(const Dataset& ds) {
  std::string out;
  write_prefixes(out);
  out += '\n';
  std::map<std::string, std::vector<Quad>> by_graph;
  for (const Quad& q : ds.quads) by_graph[q.graph.str()].push_back(Quad{q.subject, q.predicate, q.object, Iri{}});
  for (auto& [g, qs] : by_graph) {
    std::sort(qs.begin(), qs.end());
    if (g.empty()) {
      write_subjects(out, qs, "");
      continue;
    }
    write_iri_term(out, g);
    out += " {\n";
    write_subjects(out, qs, "    ");
    out += "}\n\n";
  }
  return out;
}

std::string to_lines(const Dataset& ds, bool with_graph) {
  std::string out;
  if (with_graph) {
    for (const Quad& q : ds.quads) out += q.to_nquads(true) + "\n";
  } else {
    for (const Quad& q : ds.triples()) out += q.to_nquads(false) + "\n";
  }
  return out;
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

std::string to_jsonld(const Dataset& ds) {
  ojson context = ojson::parse(ontology::context_jsonld(), nullptr, false);
  ojson doc;
  if (context.is_object() && context.contains("@context")) doc["@context"] = context["@context"];
  else {
    // Fallback when the embedded context is missing: the prefixes alone.
    ojson c;
    c["@version"] = 1.1;
    for (const auto& [p, ns] : detail::prefixes()) c[p] = ns;
    doc["@context"] = c;
  }
  ojson graph = ojson::array();
  const auto triples = ds.triples();
  const std::string rdf_type = vocab::rdf_type;
  std::size_t i = 0;
  while (i < triples.size()) {
    const Iri& s = triples[i].subject;
    ojson node;
    node["@id"] = compact_or_full(s.str());
    std::size_t j = i;
    ojson types = ojson::array();
    std::vector<std::pair<std::string, ojson>> props;
    for (; j < triples.size() && triples[j].subject == s; ++j) {
      const Quad& q = triples[j];
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
    graph.push_back(std::move(node));
    i = j;
  }
  doc["@graph"] = std::move(graph);
  return doc.dump(1, '\t') + "\n";
}

}  // namespace

std::string serialise(const Dataset& dataset, Format format) {
  switch (format) {
    case Format::turtle: return to_turtle(dataset);
    case Format::trig: return to_trig(dataset);
    case Format::ntriples: return to_lines(dataset, false);
    case Format::nquads: return to_lines(dataset, true);
    case Format::jsonld: return to_jsonld(dataset);
  }
  return {};
}

Result<void> write_text_file(const std::string& path, std::string_view bytes) {
  KG_TRY(auto file, detail::AtomicFile::open(path));
  KG_TRY_VOID(file.write(bytes));
  return file.commit();
}

Result<void> write_file(const Dataset& dataset, Format format, const std::string& path) {
  return write_text_file(path, serialise(dataset, format));
}

}  // namespace kg::rdfio
