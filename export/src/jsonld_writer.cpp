// JSON-LD 1.1 writer (contract in writers.hpp).
// https://www.w3.org/TR/json-ld11/ — node objects (#node-objects), value objects
// (#value-objects), type coercion (#type-coercion), compact IRIs (#compact-iris).
#include <tuple>

#include "ontology/ontology.hpp"
#include "writers.hpp"

namespace kg::rdfio::detail {
namespace {

using ojson = nlohmann::ordered_json;

const std::string kXsdString = std::string(vocab::kXsd) + "string";

bool is_keyword(const std::string& k) { return !k.empty() && k[0] == '@'; }

// Indents every line after the first of a nlohmann dump by `n` spaces, so a dumped
// object can be placed inside an enclosing indented document.
std::string indented(const std::string& dump, std::size_t n) {
  std::string out;
  out.reserve(dump.size() + dump.size() / 8);
  for (char c : dump) {
    out += c;
    if (c == '\n') out.append(n, ' ');
  }
  return out;
}

std::string dump(const ojson& j) { return j.dump(2, ' ', false, ojson::error_handler_t::strict); }

}  // namespace

Result<nlohmann::ordered_json> kgbuild_context() {
  ojson doc = ojson::parse(ontology::context_jsonld(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("@context") || !doc["@context"].is_object())
    return make_error(Errc::internal, "the embedded ontology/context.jsonld is not a JSON object with an \"@context\" object");
  return doc["@context"];
}

JsonLdWriter::JsonLdWriter(Sink sink) : m_out(std::move(sink)) {}

JsonLdWriter& JsonLdWriter::context(const nlohmann::ordered_json& ctx) {
  if (m_started) {
    if (!m_error) m_error = make_error(Errc::usage, "JsonLdWriter::context after the first write");
    return *this;
  }
  if (!ctx.is_object()) {
    if (!m_error) m_error = make_error(Errc::usage, "a JSON-LD context must be an object");
    return *this;
  }
  m_context = ctx;
  m_prefixes = Compactor();
  m_terms.clear();
  // Prefixes first: simple term definitions whose IRI ends in a gen-delim we use
  // ('/' or '#'), which JSON-LD 1.1 also treats as prefixes when expanding.
  for (const auto& [k, v] : ctx.items()) {
    if (is_keyword(k) || !v.is_string()) continue;
    const std::string ns = v.get<std::string>();
    if (!ns.empty() && (ns.back() == '/' || ns.back() == '#')) m_prefixes.add(k, ns);
  }
  auto expand = [&](const std::string& v) -> std::string {
    auto colon = v.find(':');
    if (colon != std::string::npos) {
      auto it = m_prefixes.by_prefix().find(v.substr(0, colon));
      if (it != m_prefixes.by_prefix().end()) return it->second + v.substr(colon + 1);
    }
    return v;
  };
  // Terms the writer may use for properties: {"@id": IRI} with at most "@type"
  // ("@id" or a datatype), or a plain string naming a non-namespace IRI. Anything
  // else (containers, @reverse, scoped contexts…) is left unused, so the output never
  // depends on features the reader does not implement.
  for (const auto& [k, v] : ctx.items()) {
    if (is_keyword(k) || k.find(':') != std::string::npos) continue;
    TermDef def{k, ""};
    std::string iri;
    if (v.is_string()) {
      iri = expand(v.get<std::string>());
      if (!iri.empty() && (iri.back() == '/' || iri.back() == '#')) continue;  // a prefix
    } else if (v.is_object()) {
      bool usable = v.contains("@id") && v["@id"].is_string();
      for (const auto& [dk, dv] : v.items()) usable = usable && (dk == "@id" || (dk == "@type" && dv.is_string()));
      if (!usable) continue;
      iri = expand(v["@id"].get<std::string>());
      if (v.contains("@type")) {
        std::string t = v["@type"].get<std::string>();
        if (t != "@id" && is_keyword(t)) continue;  // @vocab, @json, @none: not used
        def.coercion = t == "@id" ? t : expand(t);
      }
    } else {
      continue;
    }
    auto [it, inserted] = m_terms.emplace(iri, def);
    if (!inserted && def.name < it->second.name) it->second = def;  // smallest name wins
  }
  return *this;
}

void JsonLdWriter::start() {
  m_started = true;
  m_out.buf() += "{\n  \"@context\": ";
  m_out.buf() += indented(dump(m_context), 2);
  m_out.buf() += ",\n  \"@graph\": [";
}

ojson JsonLdWriter::value(const Term& object, const TermDef* def) const {
  if (const Iri* i = std::get_if<Iri>(&object)) {
    std::string id = m_prefixes.compact_or_full(i->str());
    if (def && def->coercion == "@id") return id;
    return ojson{{"@id", id}};
  }
  const Literal& l = std::get<Literal>(object);
  if (!l.lang.empty()) return ojson{{"@value", l.lexical}, {"@language", l.lang}};
  const std::string& dt = l.datatype.empty() ? kXsdString : l.datatype;
  const std::string coercion = def ? def->coercion : std::string();
  if (dt == coercion || (dt == kXsdString && coercion.empty())) return l.lexical;
  if (dt == kXsdString) return ojson{{"@value", l.lexical}};
  return ojson{{"@value", l.lexical}, {"@type", m_prefixes.compact_or_full(dt)}};
}

void JsonLdWriter::flush_subject() {
  if (m_subject.empty()) return;
  const std::string& subject = m_subject.front().subject.str();
  ojson node = ojson::object();
  node["@id"] = m_prefixes.compact_or_full(subject);
  ojson types = ojson::array();
  std::map<std::string, ojson> props;  // key → values (sorted by key)
  for (const Quad& q : m_subject) {
    if (q.predicate.str() == vocab::rdf_type && std::holds_alternative<Iri>(q.object)) {
      types.push_back(m_prefixes.compact_or_full(std::get<Iri>(q.object).str()));
      continue;
    }
    auto term = m_terms.find(q.predicate.str());
    const TermDef* def = term == m_terms.end() ? nullptr : &term->second;
    std::string key = def ? def->name : m_prefixes.compact_or_full(q.predicate.str());
    auto [it, inserted] = props.emplace(key, ojson::array());
    it->second.push_back(value(q.object, def));
  }
  if (!types.empty()) node["@type"] = types.size() == 1 ? types[0] : types;
  for (auto& [k, vals] : props) node[k] = vals.size() == 1 ? vals[0] : vals;
  m_subject.clear();
  try {
    std::string text = dump(node);
    m_out.buf() += m_first_node ? "\n    " : ",\n    ";
    m_out.buf() += indented(text, 4);
    m_first_node = false;
  } catch (const nlohmann::json::exception& e) {
    if (!m_error) m_error = make_error(Errc::encoding, "cannot write <" + subject + "> as JSON: " + e.what());
  }
}

Result<void> JsonLdWriter::write(const Quad& q) {
  if (m_error) return *m_error;
  if (m_finished) return make_error(Errc::usage, "JsonLdWriter::write after finish()");
  if (!m_started) start();
  if (m_last) {
    if (std::tie(q.subject, q.predicate, q.object) < std::tie(m_last->subject, m_last->predicate, m_last->object)) {
      m_error = make_error(Errc::usage, "quads written out of order: " + q.to_nquads() + " after " + m_last->to_nquads());
      return *m_error;
    }
    if (m_last->subject == q.subject && m_last->predicate == q.predicate && m_last->object == q.object) return {};
    if (m_last->subject != q.subject) flush_subject();
  }
  m_subject.push_back(q);
  m_last = q;
  if (!m_error && !m_out.maybe_flush().ok()) m_error = m_out.error();
  if (m_error) return *m_error;
  return {};
}

Result<void> JsonLdWriter::finish() {
  if (m_error) return *m_error;
  if (m_finished) return make_error(Errc::usage, "JsonLdWriter::finish called twice");
  if (!m_started) start();
  flush_subject();
  if (m_error) return *m_error;
  m_out.buf() += m_first_node ? "]\n}\n" : "\n  ]\n}\n";
  m_finished = true;
  return m_out.flush();
}

}  // namespace kg::rdfio::detail
