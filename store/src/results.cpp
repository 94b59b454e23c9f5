// QueryResult: sorting, the output formats of `kgbuild query`, and SPARQL JSON results
// read back (the answers of a remote endpoint such as Virtuoso).
#include <nlohmann/json.hpp>

#include <algorithm>

#include "store/store.hpp"

namespace kg::store {
namespace {

constexpr std::string_view kBnode = "urn:kgbuild:bnode:";
const std::string kXsdString = std::string(vocab::kXsd) + "string";
const std::string kRdfLangString = std::string(vocab::kRdf) + "langString";

bool is_bnode(const Iri& i) { return i.str().compare(0, kBnode.size(), kBnode) == 0; }
std::string bnode_id(const Iri& i) { return i.str().substr(kBnode.size()); }
// "_:id" (built by append: g++ 12 warns falsely (-Wrestrict) on "_:" + std::string).
std::string bnode_label(const Iri& i) {
  std::string out = "_:";
  out.append(i.str(), kBnode.size(), std::string::npos);
  return out;
}

// prefix:local for an IRI under one of kgbuild's namespaces with a plain local part.
std::optional<std::string> compact(const std::string& iri) {
  const std::pair<std::string, std::string>* best = nullptr;
  for (const auto& p : rdfio::prefixes())
    if (iri.compare(0, p.second.size(), p.second) == 0 && (!best || p.second.size() > best->second.size())) best = &p;
  if (!best) return std::nullopt;
  std::string_view local = std::string_view(iri).substr(best->second.size());
  if (local.empty()) return std::nullopt;
  for (std::size_t i = 0; i < local.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(local[i]);
    bool ok = std::isalnum(c) || c == '_' || (c == '-' && i > 0 && i + 1 < local.size());
    if (!ok) return std::nullopt;
  }
  return best->first + ":" + std::string(local);
}

// N-Triples/Turtle form (TSV, and graph answers as lines).
std::string nt(const Term& t) {
  if (const Iri* i = std::get_if<Iri>(&t); i && is_bnode(*i)) return bnode_label(*i);
  return ontology::to_ntriples(t);
}

// Table cell: prefixed names, bare strings and numbers.
std::string cell(const Term& t) {
  if (const Iri* i = std::get_if<Iri>(&t)) {
    if (is_bnode(*i)) return bnode_label(*i);
    if (auto c = compact(i->str())) return *c;
    return "<" + i->str() + ">";
  }
  const Literal& l = std::get<Literal>(t);
  std::string text;
  for (char c : l.lexical) {  // one line per row
    if (c == '\n') text += "\\n";
    else if (c == '\t') text += "\\t";
    else if (c == '\r') text += "\\r";
    else text += c;
  }
  if (!l.lang.empty()) return text + "@" + l.lang;
  if (l.datatype.empty() || l.datatype == kXsdString) return text;
  const std::string xsd(vocab::kXsd);
  if (l.datatype == xsd + "integer" || l.datatype == xsd + "decimal") return text;
  auto dt = compact(l.datatype);
  return "\"" + text + "\"^^" + (dt ? *dt : "<" + l.datatype + ">");
}

std::size_t width(std::string_view s) {  // code points (close enough for a table)
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of("\",\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_value(const Term& t) {
  if (const Iri* i = std::get_if<Iri>(&t)) return is_bnode(*i) ? bnode_label(*i) : i->str();
  return std::get<Literal>(t).lexical;
}

nlohmann::ordered_json json_value(const Term& t) {
  nlohmann::ordered_json j;
  if (const Iri* i = std::get_if<Iri>(&t)) {
    if (is_bnode(*i)) return {{"type", "bnode"}, {"value", bnode_id(*i)}};
    return {{"type", "uri"}, {"value", i->str()}};
  }
  const Literal& l = std::get<Literal>(t);
  j["type"] = "literal";
  j["value"] = l.lexical;
  if (!l.lang.empty()) j["xml:lang"] = l.lang;
  else if (!l.datatype.empty() && l.datatype != kXsdString) j["datatype"] = l.datatype;
  return j;
}

std::string graph_text(const QueryResult& r, rdfio::Format f) {
  rdfio::Dataset ds;
  ds.quads = r.triples;
  ds.normalise();
  return rdfio::serialise(ds, f);
}

}  // namespace

void QueryResult::sort_rows() {
  std::sort(rows.begin(), rows.end());
  std::sort(triples.begin(), triples.end());
}

std::optional<ResultFormat> result_format_from_name(std::string_view name) {
  if (name == "table") return ResultFormat::table;
  if (name == "csv") return ResultFormat::csv;
  if (name == "tsv") return ResultFormat::tsv;
  if (name == "json") return ResultFormat::json;
  if (name == "turtle" || name == "ttl") return ResultFormat::turtle;
  if (name == "ntriples" || name == "nt") return ResultFormat::ntriples;
  return std::nullopt;
}

Result<std::string> format_result(const QueryResult& r, ResultFormat format) {
  using Kind = QueryResult::Kind;
  if (r.kind == Kind::graph) {
    switch (format) {
      case ResultFormat::turtle: return graph_text(r, rdfio::Format::turtle);
      case ResultFormat::ntriples:
      case ResultFormat::tsv:
      case ResultFormat::table: return graph_text(r, rdfio::Format::ntriples);
      default:
        return make_error(Errc::usage, "a CONSTRUCT or DESCRIBE answer is a graph: use --format turtle or ntriples");
    }
  }
  if (format == ResultFormat::turtle || format == ResultFormat::ntriples)
    return make_error(Errc::usage, "a SELECT or ASK answer is a table: use --format table, csv, tsv or json");
  std::string out;
  if (r.kind == Kind::boolean) {
    if (format == ResultFormat::json) {
      nlohmann::ordered_json j;
      j["head"] = nlohmann::ordered_json::object();
      j["boolean"] = r.boolean;
      return j.dump(2) + "\n";
    }
    return std::string(r.boolean ? "true" : "false") + (format == ResultFormat::csv ? "\r\n" : "\n");
  }
  switch (format) {
    case ResultFormat::csv: {
      for (std::size_t i = 0; i < r.variables.size(); ++i) {
        if (i) out += ',';
        out += csv_field(r.variables[i]);
      }
      out += "\r\n";
      for (const auto& row : r.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
          if (i) out += ',';
          if (row[i]) out += csv_field(csv_value(*row[i]));
        }
        out += "\r\n";
      }
      return out;
    }
    case ResultFormat::tsv: {
      for (std::size_t i = 0; i < r.variables.size(); ++i) {
        if (i) out += '\t';
        out += '?';
        out += r.variables[i];
      }
      out += "\n";
      for (const auto& row : r.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
          if (i) out += '\t';
          if (row[i]) out += nt(*row[i]);
        }
        out += "\n";
      }
      return out;
    }
    case ResultFormat::json: {
      nlohmann::ordered_json j;
      j["head"]["vars"] = r.variables;
      j["results"]["bindings"] = nlohmann::ordered_json::array();
      for (const auto& row : r.rows) {
        nlohmann::ordered_json b = nlohmann::ordered_json::object();
        for (std::size_t i = 0; i < row.size() && i < r.variables.size(); ++i)
          if (row[i]) b[r.variables[i]] = json_value(*row[i]);
        j["results"]["bindings"].push_back(std::move(b));
      }
      return j.dump(2) + "\n";
    }
    default: break;
  }
  // table
  std::vector<std::vector<std::string>> cells;
  std::vector<std::size_t> widths;
  for (const auto& v : r.variables) widths.push_back(width(v) + 1);
  for (const auto& row : r.rows) {
    std::vector<std::string> line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line.push_back(row[i] ? cell(*row[i]) : "");
      if (i < widths.size()) widths[i] = std::max(widths[i], width(line.back()));
    }
    cells.push_back(std::move(line));
  }
  auto pad = [](std::string s, std::size_t w) {
    std::size_t n = width(s);
    if (n < w) s.append(w - n, ' ');
    return s;
  };
  auto emit = [&](const std::vector<std::string>& line) {
    std::string l;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (i) l += "  ";
      l += i + 1 < line.size() ? pad(line[i], widths[i]) : line[i];
    }
    out += l + "\n";
  };
  std::vector<std::string> head;
  for (const auto& v : r.variables) head.push_back("?" + v);
  emit(head);
  std::vector<std::string> rule;
  for (std::size_t w : widths) rule.push_back(std::string(w, '-'));
  emit(rule);
  for (const auto& line : cells) emit(line);
  out += "(" + std::to_string(r.rows.size()) + (r.rows.size() == 1 ? " row)\n" : " rows)\n");
  return out;
}

Result<QueryResult> parse_sparql_json(std::string_view body) {
  using nlohmann::json;
  json j;
  try {
    j = json::parse(body);
  } catch (const json::parse_error& e) {
    return make_error(Errc::parse, std::string("SPARQL JSON results: ") + e.what());
  }
  if (!j.is_object()) return make_error(Errc::parse, "SPARQL JSON results: the document is not an object");
  QueryResult r;
  if (j.contains("boolean")) {
    if (!j["boolean"].is_boolean()) return make_error(Errc::parse, "SPARQL JSON results: \"boolean\" is not true or false");
    r.kind = QueryResult::Kind::boolean;
    r.boolean = j["boolean"].get<bool>();
    return r;
  }
  if (!j.contains("head") || !j["head"].is_object() || !j["head"].contains("vars") || !j["head"]["vars"].is_array())
    return make_error(Errc::parse, "SPARQL JSON results: no \"head\": {\"vars\": […]}");
  for (const auto& v : j["head"]["vars"]) {
    if (!v.is_string()) return make_error(Errc::parse, "SPARQL JSON results: a variable name is not a string");
    r.variables.push_back(v.get<std::string>());
  }
  if (!j.contains("results") || !j["results"].is_object() || !j["results"].contains("bindings") ||
      !j["results"]["bindings"].is_array())
    return make_error(Errc::parse, "SPARQL JSON results: no \"results\": {\"bindings\": […]}");
  for (const auto& b : j["results"]["bindings"]) {
    if (!b.is_object()) return make_error(Errc::parse, "SPARQL JSON results: a binding is not an object");
    std::vector<std::optional<Term>> row(r.variables.size());
    for (std::size_t i = 0; i < r.variables.size(); ++i) {
      auto it = b.find(r.variables[i]);
      if (it == b.end()) continue;
      const json& v = *it;
      if (!v.is_object() || !v.contains("type") || !v.contains("value") || !v["type"].is_string() ||
          !v["value"].is_string())
        return make_error(Errc::parse, "SPARQL JSON results: the value of '" + r.variables[i] +
                                           "' needs string \"type\" and \"value\"");
      const std::string type = v["type"].get<std::string>();
      const std::string value = v["value"].get<std::string>();
      if (type == "uri") {
        row[i] = Iri::unchecked(value);
      } else if (type == "bnode") {
        row[i] = Iri::unchecked(std::string(kBnode) + value);
      } else if (type == "literal" || type == "typed-literal") {
        Literal l{value, "", ""};
        if (auto lang = v.find("xml:lang"); lang != v.end() && lang->is_string()) l.lang = lang->get<std::string>();
        else if (auto dt = v.find("datatype"); dt != v.end() && dt->is_string()) l.datatype = dt->get<std::string>();
        if (l.datatype == kXsdString || l.datatype == kRdfLangString) l.datatype.clear();
        row[i] = std::move(l);
      } else {
        return make_error(Errc::parse, "SPARQL JSON results: unknown value type '" + type + "'");
      }
    }
    r.rows.push_back(std::move(row));
  }
  return r;
}

}  // namespace kg::store
