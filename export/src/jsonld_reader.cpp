// JSON-LD reader for the documents kgbuild writes (contract in readers.hpp).
// Follows the JSON-LD 1.1 expansion and RDF conversion rules for the subset it accepts:
// context processing https://www.w3.org/TR/json-ld11-api/#context-processing-algorithm,
// IRI expansion https://www.w3.org/TR/json-ld11-api/#iri-expansion,
// value expansion https://www.w3.org/TR/json-ld11-api/#value-expansion,
// RDF conversion https://www.w3.org/TR/json-ld11-api/#object-to-rdf-conversion.
#include <nlohmann/json.hpp>

#include "readers.hpp"

namespace kg::rdfio::detail {
namespace {

using json = nlohmann::json;

const std::string kXsd(vocab::kXsd);

bool is_keyword(std::string_view k) { return !k.empty() && k[0] == '@'; }

std::string shorten(const json& v) {
  std::string s = v.dump();
  return s.size() > 60 ? s.substr(0, 57) + "..." : s;
}

class Reader {
 public:
  explicit Reader(std::string file) : m_file(std::move(file)) {}

  Result<Dataset> read(std::string_view text) {
    json doc;
    try {
      doc = json::parse(text);
    } catch (const json::parse_error& e) {
      return syntax_error(text, e);
    }
    if (doc.is_array()) {
      for (const auto& node : doc) KG_TRY_VOID(read_node(node, Iri{}, true));
    } else if (doc.is_object()) {
      if (doc.contains("@context")) KG_TRY_VOID(read_context(doc["@context"]));
      bool only_graph = doc.contains("@graph");
      for (const auto& [k, v] : doc.items()) only_graph = only_graph && (k == "@context" || k == "@graph");
      if (only_graph) {
        KG_TRY_VOID(read_graph(doc["@graph"], Iri{}));
      } else {
        KG_TRY_VOID(read_node(doc, Iri{}, true));
      }
    } else {
      return fail("expected a JSON object (kgbuild's JSON-LD), found " + shorten(doc));
    }
    m_out.normalise();
    return std::move(m_out);
  }

 private:
  struct Def {
    std::string raw;       ///< the IRI as written in the context
    std::string coercion;  ///< "", "@id", or the datatype as written
    bool simple = false;   ///< a plain string definition
    std::string iri;       ///< expanded
    bool prefix = false;   ///< usable as the prefix of a compact IRI
  };

  Error fail(std::string message) const { return make_error(Errc::parse, std::move(message), Location{m_file}); }

  Error syntax_error(std::string_view text, const json::parse_error& e) const {
    Location where{m_file};
    std::size_t end = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
    where.line = 1;
    where.column = 1;
    for (std::size_t i = 0; i < end; ++i) {
      if (text[i] == '\n') {
        ++where.line;
        where.column = 1;
      } else {
        ++where.column;
      }
    }
    where.byte_offset = end;
    std::string what = e.what();
    auto at = what.find(": ", what.find("column"));
    return make_error(Errc::parse, "invalid JSON: " + (at == std::string::npos ? what : what.substr(at + 2)), where);
  }

  // --- context -----------------------------------------------------------------

  Result<void> read_context(const json& ctx) {
    if (!ctx.is_object())
      return fail("expected \"@context\" to be an inline object (remote and array contexts are not supported), found " +
                  shorten(ctx));
    for (const auto& [k, v] : ctx.items()) {
      if (k == "@version") {
        if (!(v.is_number() && v.get<double>() == 1.1)) return fail("expected \"@version\": 1.1, found " + shorten(v));
        continue;
      }
      if (is_keyword(k)) return fail("the context keyword \"" + k + "\" is not supported");
      if (k.find(':') != std::string::npos || k.find('/') != std::string::npos)
        return fail("term \"" + k + "\": terms that look like IRIs are not supported");
      Def def;
      if (v.is_string()) {
        def.raw = v.get<std::string>();
        def.simple = true;
      } else if (v.is_object()) {
        for (const auto& [dk, dv] : v.items()) {
          if (dk == "@id" && dv.is_string()) def.raw = dv.get<std::string>();
          else if (dk == "@type" && dv.is_string()) def.coercion = dv.get<std::string>();
          else return fail("term \"" + k + "\": \"" + dk + "\": " + shorten(dv) + " is not supported (only \"@id\" and \"@type\")");
        }
        if (def.raw.empty()) return fail("term \"" + k + "\" has no \"@id\"");
      } else {
        return fail("term \"" + k + "\": expected an IRI or an object, found " + shorten(v));
      }
      m_terms[k] = std::move(def);
    }
    // Expand the definitions (they may use one another's prefixes, in any order).
    for (auto& [k, def] : m_terms) KG_TRY_VOID(resolve(k, 0));
    for (auto& [k, def] : m_terms) {
      if (def.coercion.empty() || def.coercion == "@id") continue;
      if (is_keyword(def.coercion))
        return fail("term \"" + k + "\": \"@type\": \"" + def.coercion + "\" is not supported");
      KG_TRY(def.coercion, expand(def.coercion, true));
    }
    return {};
  }

  Result<void> resolve(const std::string& term, int depth) {
    Def& def = m_terms[term];
    if (!def.iri.empty()) return {};
    if (depth > 8) return fail("term \"" + term + "\": circular definition");
    auto colon = def.raw.find(':');
    if (colon == std::string::npos || def.raw[0] == '@')
      return fail("term \"" + term + "\": expected an absolute or compact IRI, found \"" + def.raw + "\"");
    std::string prefix = def.raw.substr(0, colon);
    auto it = m_terms.find(prefix);
    if (it != m_terms.end() && prefix != term && def.raw.compare(colon + 1, 2, "//") != 0) {
      KG_TRY_VOID(resolve(prefix, depth + 1));
      if (!it->second.prefix) return fail("term \"" + term + "\": \"" + prefix + "\" is not a prefix");
      def.iri = it->second.iri + def.raw.substr(colon + 1);
    } else {
      def.iri = def.raw;
    }
    static constexpr std::string_view kGenDelims = ":/?#[]@";
    def.prefix = def.simple && kGenDelims.find(def.iri.back()) != std::string_view::npos;
    return {};
  }

  // IRI expansion: terms (when `vocab`), compact IRIs, absolute IRIs; blank nodes and
  // relative IRIs are refused.
  Result<std::string> expand(const std::string& v, bool vocab) const {
    if (vocab) {
      auto it = m_terms.find(v);
      if (it != m_terms.end()) return it->second.iri;
    }
    auto colon = v.find(':');
    if (colon == std::string::npos) {
      if (vocab) return fail("\"" + v + "\" is not a term of the context nor an absolute IRI");
      return fail("relative IRI \"" + v + "\" (no base IRI is supported)");
    }
    std::string prefix = v.substr(0, colon);
    if (prefix == "_") return fail("blank node \"" + v + "\" (blank nodes are not supported)");
    if (v.compare(colon + 1, 2, "//") != 0) {
      auto it = m_terms.find(prefix);
      if (it != m_terms.end() && it->second.prefix) return it->second.iri + v.substr(colon + 1);
    }
    auto checked = Iri::parse(v);
    if (!checked.ok()) return fail(checked.error().message);
    return v;
  }

  // --- nodes and values ----------------------------------------------------------

  Result<void> read_graph(const json& g, const Iri& graph) {
    if (g.is_object()) return read_node(g, graph, false);
    if (!g.is_array()) return fail("expected \"@graph\" to be an array, found " + shorten(g));
    for (const auto& node : g) KG_TRY_VOID(read_node(node, graph, false));
    return {};
  }

  Result<void> read_node(const json& node, const Iri& graph, bool top_level) {
    if (!node.is_object()) return fail("expected a node object, found " + shorten(node));
    if (!node.contains("@id") || !node["@id"].is_string())
      return fail("node object without a string \"@id\" (blank nodes are not supported): " + shorten(node));
    KG_TRY(std::string id, expand(node["@id"].get<std::string>(), false));
    Iri s = Iri::unchecked(id);
    for (const auto& [k, v] : node.items()) {
      if (k == "@id") continue;
      if (k == "@context") {
        if (top_level) continue;  // already read
        return fail("node <" + id + ">: embedded contexts are not supported");
      }
      if (k == "@type") {
        for (const auto& t : v.is_array() ? v : json::array({v})) {
          if (!t.is_string()) return fail("node <" + id + ">: expected \"@type\" strings, found " + shorten(t));
          KG_TRY(std::string type, expand(t.get<std::string>(), true));
          add(s, Iri::unchecked(vocab::rdf_type), Iri::unchecked(type), graph);
        }
        continue;
      }
      if (k == "@graph") {
        if (!graph.str().empty()) return fail("node <" + id + ">: a named graph inside a named graph is not supported");
        KG_TRY_VOID(read_graph(v, s));
        continue;
      }
      if (is_keyword(k)) return fail("node <" + id + ">: the keyword \"" + k + "\" is not supported");
      KG_TRY(std::string p, expand(k, true));
      auto term = m_terms.find(k);
      const Def* def = term == m_terms.end() ? nullptr : &term->second;
      for (const auto& value : v.is_array() ? v : json::array({v})) {
        auto o = object(value, def);
        if (!o.ok()) return fail("node <" + id + ">, \"" + k + "\": " + o.error().message);
        if (*o) add(s, Iri::unchecked(p), std::move(**o), graph);
      }
    }
    return {};
  }

  // The RDF object of one value; nullopt for JSON null (dropped, as in JSON-LD).
  Result<std::optional<Term>> object(const json& v, const Def* def) const {
    const std::string coercion = def ? def->coercion : std::string();
    auto literal = [&](std::string lexical, std::string datatype) -> std::optional<Term> {
      if (datatype == kXsd + "string") datatype.clear();
      return Term(Literal{std::move(lexical), std::move(datatype), ""});
    };
    auto native = [&](const json& n, const std::string& datatype) -> Result<std::optional<Term>> {
      // Native JSON scalars (https://www.w3.org/TR/json-ld11-api/#data-round-tripping).
      if (n.is_string()) return literal(n.get<std::string>(), datatype);
      if (n.is_boolean()) return literal(n.get<bool>() ? "true" : "false", datatype.empty() ? kXsd + "boolean" : datatype);
      if (n.is_number_integer()) return literal(n.dump(), datatype.empty() ? kXsd + "integer" : datatype);
      if (n.is_number_float())
        return fail("JSON numbers with a fraction are not supported (write {\"@value\": \"" + n.dump() +
                    "\", \"@type\": \"xsd:decimal\"})");
      return fail("unsupported value " + shorten(n));
    };
    if (v.is_null()) return std::optional<Term>();
    if (v.is_array()) return fail("nested arrays are not supported");
    if (v.is_string() && coercion == "@id") {
      KG_TRY(std::string iri, expand(v.get<std::string>(), false));
      return std::optional<Term>(Iri::unchecked(iri));
    }
    if (!v.is_object()) return native(v, coercion == "@id" ? std::string() : coercion);
    if (v.contains("@id")) {
      if (v.size() != 1) return fail("embedded node objects are not supported: " + shorten(v));
      if (!v["@id"].is_string()) return fail("expected an \"@id\" string, found " + shorten(v));
      KG_TRY(std::string iri, expand(v["@id"].get<std::string>(), false));
      return std::optional<Term>(Iri::unchecked(iri));
    }
    if (!v.contains("@value")) return fail("unsupported value " + shorten(v) + " (expected \"@id\" or \"@value\")");
    std::string datatype, lang;
    for (const auto& [k, x] : v.items()) {
      if (k == "@value") continue;
      if (k == "@type" && x.is_string() && !is_keyword(x.get<std::string>())) {
        KG_TRY(datatype, expand(x.get<std::string>(), true));
      } else if (k == "@language" && x.is_string()) {
        lang = x.get<std::string>();
      } else {
        return fail("\"" + k + "\": " + shorten(x) + " is not supported in a value object");
      }
    }
    if (!datatype.empty() && !lang.empty()) return fail("a value object with both \"@type\" and \"@language\"");
    const json& value = v["@value"];
    if (value.is_null()) return std::optional<Term>();
    if (!lang.empty()) {
      if (!value.is_string()) return fail("a language-tagged value must be a string, found " + shorten(value));
      return std::optional<Term>(Literal{value.get<std::string>(), "", lang});
    }
    if (value.is_object() || value.is_array()) return fail("unsupported \"@value\" " + shorten(value));
    return native(value, datatype);
  }

  void add(const Iri& s, const Iri& p, Term o, const Iri& g) { m_out.quads.push_back(Quad{s, p, std::move(o), g}); }

  std::string m_file;
  std::map<std::string, Def> m_terms;
  Dataset m_out;
};

}  // namespace

Result<Dataset> read_jsonld(std::string_view text, const std::string& file) { return Reader(file).read(text); }

}  // namespace kg::rdfio::detail
