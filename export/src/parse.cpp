// Reading RDF back: raptor2 for Turtle, N-Triples, N-Quads and TriG
// (https://librdf.org/raptor/api/), and a reader for the JSON-LD that kgbuild writes
// (raptor 2.0.15 has no JSON-LD parser). Blank nodes in the input become IRIs
// "urn:kgbuild:bnode:<id>" because Term has no blank-node alternative.
#include <raptor2.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "export/export.hpp"
#include "handle.hpp"

namespace kg::rdfio {
namespace {

using WorldHandle = detail::Handle<raptor_world, raptor_free_world>;
using ParserHandle = detail::Handle<raptor_parser, raptor_free_parser>;
using UriHandle = detail::Handle<raptor_uri, raptor_free_uri>;

std::optional<Term> to_term(const raptor_term* t) {
  if (!t) return std::nullopt;
  switch (t->type) {
    case RAPTOR_TERM_TYPE_URI:
      return Iri::unchecked(reinterpret_cast<const char*>(raptor_uri_as_string(t->value.uri)));
    case RAPTOR_TERM_TYPE_BLANK:
      return Iri::unchecked("urn:kgbuild:bnode:" +
                            std::string(reinterpret_cast<const char*>(t->value.blank.string), t->value.blank.string_len));
    case RAPTOR_TERM_TYPE_LITERAL: {
      Literal l;
      l.lexical.assign(reinterpret_cast<const char*>(t->value.literal.string), t->value.literal.string_len);
      if (t->value.literal.datatype)
        l.datatype = reinterpret_cast<const char*>(raptor_uri_as_string(t->value.literal.datatype));
      if (t->value.literal.language)
        l.lang.assign(reinterpret_cast<const char*>(t->value.literal.language), t->value.literal.language_len);
      if (l.datatype == std::string(vocab::kXsd) + "string") l.datatype.clear();
      return l;
    }
    default:
      return std::nullopt;
  }
}

struct ParseState {
  Dataset* out;
  std::string file;
  std::optional<Error> error;
  const Diagnostics* diagnostics;
};

void on_statement(void* user, raptor_statement* st) {
  auto* ps = static_cast<ParseState*>(user);
  auto s = to_term(st->subject);
  auto p = to_term(st->predicate);
  auto o = to_term(st->object);
  if (!s || !p || !o || !std::holds_alternative<Iri>(*s) || !std::holds_alternative<Iri>(*p)) return;
  Iri g;
  if (auto gt = to_term(st->graph); gt && std::holds_alternative<Iri>(*gt)) g = std::get<Iri>(*gt);
  ps->out->quads.push_back(Quad{std::get<Iri>(*s), std::get<Iri>(*p), *o, g});
}

void on_log(void* user, raptor_log_message* m) {
  auto* ps = static_cast<ParseState*>(user);
  Location where{ps->file};
  if (m->locator) {
    if (raptor_locator_line(m->locator) > 0) where.line = static_cast<std::size_t>(raptor_locator_line(m->locator));
    if (raptor_locator_column(m->locator) > 0) where.column = static_cast<std::size_t>(raptor_locator_column(m->locator));
  }
  std::string text = m->text ? m->text : "unknown parse error";
  if (m->level >= RAPTOR_LOG_LEVEL_ERROR) {
    if (!ps->error) ps->error = make_error(Errc::parse, text, where);
  } else if (m->level >= RAPTOR_LOG_LEVEL_WARN && ps->diagnostics && *ps->diagnostics) {
    (*ps->diagnostics)(Level::warning, where, text);
  }
}

const char* raptor_name(Format f) {
  switch (f) {
    case Format::turtle: return "turtle";
    case Format::ntriples: return "ntriples";
    case Format::nquads: return "nquads";
    case Format::trig: return "trig";
    case Format::jsonld: return nullptr;
  }
  return nullptr;
}

// --- JSON-LD (the form kgbuild writes) ------------------------------------------

struct JsonLdReader {
  std::map<std::string, std::string> prefixes;
  std::string file;

  Result<std::string> expand(const std::string& v) const {
    auto colon = v.find(':');
    if (colon != std::string::npos) {
      auto it = prefixes.find(v.substr(0, colon));
      if (it != prefixes.end() && v.compare(colon + 1, 2, "//") != 0) return it->second + v.substr(colon + 1);
      return v;  // an absolute IRI
    }
    auto it = prefixes.find(v);
    if (it != prefixes.end()) return it->second;
    return make_error(Errc::parse, "cannot expand \"" + v + "\" to an absolute IRI", Location{file});
  }

  Result<Term> value(const nlohmann::json& v) const {
    if (v.is_string()) return Term(Literal{v.get<std::string>(), "", ""});
    if (v.is_object()) {
      if (v.contains("@id")) {
        KG_TRY(std::string id, expand(v["@id"].get<std::string>()));
        return Term(Iri::unchecked(id));
      }
      if (v.contains("@value")) {
        Literal l;
        const auto& val = v["@value"];
        l.lexical = val.is_string() ? val.get<std::string>() : val.dump();
        if (v.contains("@type")) {
          KG_TRY(l.datatype, expand(v["@type"].get<std::string>()));
          if (l.datatype == std::string(vocab::kXsd) + "string") l.datatype.clear();
        }
        if (v.contains("@language")) l.lang = v["@language"].get<std::string>();
        return Term(l);
      }
    }
    return make_error(Errc::parse, "unsupported JSON-LD value " + v.dump().substr(0, 80), Location{file});
  }

  Result<Dataset> read(const std::string& text) {
    nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
      return make_error(Errc::parse, "not a JSON object (expected kgbuild's JSON-LD)", Location{file});
    if (doc.contains("@context") && doc["@context"].is_object())
      for (const auto& [k, v] : doc["@context"].items())
        if (v.is_string()) prefixes[k] = v.get<std::string>();
    Dataset out;
    const nlohmann::json& nodes = doc.contains("@graph") ? doc["@graph"] : nlohmann::json::array({doc});
    for (const auto& node : nodes) {
      if (!node.contains("@id"))
        return make_error(Errc::parse, "node without @id (blank nodes are not supported)", Location{file});
      KG_TRY(std::string sid, expand(node["@id"].get<std::string>()));
      Iri s = Iri::unchecked(sid);
      for (const auto& [k, v] : node.items()) {
        if (k == "@id" || k == "@context") continue;
        auto values = v.is_array() ? v : nlohmann::json::array({v});
        if (k == "@type") {
          for (const auto& t : values) {
            KG_TRY(std::string tid, expand(t.get<std::string>()));
            out.quads.push_back(Quad{s, Iri::unchecked(vocab::rdf_type), Iri::unchecked(tid), Iri{}});
          }
          continue;
        }
        KG_TRY(std::string pid, expand(k));
        for (const auto& val : values) {
          KG_TRY(Term o, value(val));
          out.quads.push_back(Quad{s, Iri::unchecked(pid), o, Iri{}});
        }
      }
    }
    out.normalise();
    return out;
  }
};

}  // namespace

Result<Dataset> parse_text(std::string_view text, Format format, const std::string& base_name,
                           const Diagnostics& diagnostics) {
  if (format == Format::jsonld) {
    JsonLdReader r;
    r.file = base_name;
    return r.read(std::string(text));
  }
  WorldHandle world(raptor_new_world());
  if (!world || raptor_world_open(world.get()) != 0) return make_error(Errc::internal, "cannot start raptor");
  Dataset out;
  ParseState state{&out, base_name, std::nullopt, &diagnostics};
  raptor_world_set_log_handler(world.get(), &state, on_log);
  ParserHandle parser(raptor_new_parser(world.get(), raptor_name(format)));
  if (!parser) return make_error(Errc::internal, "raptor has no parser for " + std::string(name(format)));
  raptor_parser_set_statement_handler(parser.get(), &state, on_statement);
  UriHandle base(raptor_new_uri(world.get(), reinterpret_cast<const unsigned char*>("file:///kgbuild-input")));
  if (raptor_parser_parse_start(parser.get(), base.get()) == 0) {
    raptor_parser_parse_chunk(parser.get(), reinterpret_cast<const unsigned char*>(text.data()), text.size(), 0);
    raptor_parser_parse_chunk(parser.get(), nullptr, 0, 1);
  }
  if (state.error) return *state.error;
  out.normalise();
  return out;
}

Result<Dataset> parse_file(const std::string& path, Format format, const Diagnostics& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(Errc::io, "cannot open for reading", Location{path});
  std::ostringstream buf;
  buf << in.rdbuf();
  return parse_text(buf.str(), format, path, diagnostics);
}

}  // namespace kg::rdfio
