// Store: store URIs, the Redland backend (in memory or SQLite), loading graph files
// context by context, and queries through prepare_query.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iterator>
#include <map>
#include <set>
#include <tuple>

#include "describe.hpp"
#include "redland_model.hpp"
#include "store/store.hpp"
#include "virtuoso_backend.hpp"

namespace kg::store {
namespace {

namespace fs = std::filesystem;
namespace rl = rdfio::detail::redland;

// Redland: an in-memory "hashes" model or the "sqlite" storage, both with contexts.
//
// Redland's sqlite storage (1.0.17) builds broken SQL for a statement pattern whose
// subject is a literal ("SQL compile '…' failed"), which SPARQL reaches whenever a
// variable bound to a literal is used as a subject. Such a query is answered from an
// in-memory copy of the store instead (made once, dropped when the store changes).
class RedlandBackend final : public Backend {
 public:
  enum class Kind { memory, sqlite };
  RedlandBackend(rl::Model model, Kind kind) : m_model(std::move(model)), m_kind(kind) {}

  Result<void> load_replace(const std::vector<Quad>& quads) override {
    std::map<Iri, std::vector<Quad>> by_graph;
    for (const Quad& q : quads) by_graph[q.graph].push_back(q);
    for (const auto& [graph, list] : by_graph) {
      if (graph.str().empty())
        return make_error(Errc::usage, "a quad without graph name cannot be stored: " + list.front().to_nquads(false));
      KG_TRY_VOID(m_model.replace_context(graph, list));
    }
    m_copy.reset();
    return {};
  }

  Result<QueryResult> query(const std::string& sparql, const Diagnostics& diagnostics) override {
    // Messages are held until it is known whether the sqlite storage failed (its
    // failure messages then are noise: the copy answers).
    std::vector<std::tuple<Level, Location, std::string>> held;
    Diagnostics hold = [&held](Level l, const Location& w, std::string_view m) { held.emplace_back(l, w, std::string(m)); };
    auto answer = rl::query(m_copy ? *m_copy : m_model, sparql, hold);
    const bool storage_failed = !answer.ok() && m_kind == Kind::sqlite && !m_copy &&
                                answer.error().message.find("SQL compile") != std::string::npos;
    if (!storage_failed && diagnostics)
      for (const auto& [l, w, m] : held)
        // Rasqal warns about variables a projection leaves out and about its own
        // aggregate variables ("$$agg$$0"): noise for a user of kgbuild query.
        if (m.find("was bound but is unused") == std::string::npos && m.find("$$agg$$") == std::string::npos)
          diagnostics(l, w, m);
    if (storage_failed) {
      rdfio::Dataset all;
      all.quads = m_model.quads();
      KG_TRY(rl::Model copy, rl::Model::from_dataset(all, diagnostics));
      m_copy = std::make_unique<rl::Model>(std::move(copy));
      answer = rl::query(*m_copy, sparql, diagnostics);
    }
    if (!answer.ok()) return answer.error();
    rl::QueryAnswer& a = *answer;
    QueryResult r;
    r.kind = a.kind == rl::QueryAnswer::Kind::boolean ? QueryResult::Kind::boolean
             : a.kind == rl::QueryAnswer::Kind::graph ? QueryResult::Kind::graph
                                                     : QueryResult::Kind::bindings;
    r.variables = std::move(a.variables);
    r.rows = std::move(a.rows);
    r.boolean = a.boolean;
    r.triples = std::move(a.triples);
    return r;
  }

  Result<std::vector<Quad>> quads() const override { return m_model.quads(); }

 private:
  rl::Model m_model;
  Kind m_kind;
  std::unique_ptr<rl::Model> m_copy;  // in-memory copy for queries the sqlite storage fails
};

// Percent-encodes the bytes an IRI may not hold (RFC 3987 ucschar aside).
std::string iri_path(const std::string& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`' ||
        c == '\\' || c == '%' || c == '#' || c == '?' || c == 0x7F) {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

using Solution = std::map<std::string, Term>;

std::vector<Solution> solutions(const QueryResult& r) {
  std::vector<Solution> out;
  out.reserve(r.rows.size());
  for (const auto& row : r.rows) {
    Solution s;
    for (std::size_t i = 0; i < row.size() && i < r.variables.size(); ++i)
      if (row[i]) s.emplace(r.variables[i], *row[i]);
    out.push_back(std::move(s));
  }
  return out;
}

bool compatible(const Solution& a, const Solution& b) {
  for (const auto& [k, v] : b)
    if (auto it = a.find(k); it != a.end() && !(it->second == v)) return false;
  return true;
}

// SPARQL's ORDER BY order, https://www.w3.org/TR/sparql11-query/#modOrderBy: unbound,
// blank nodes, IRIs, literals; numbers by value, other literals by lexical form.
int compare_terms(const std::optional<Term>& a, const std::optional<Term>& b) {
  auto rank = [](const std::optional<Term>& t) {
    if (!t) return 0;
    if (const Iri* i = std::get_if<Iri>(&*t)) return i->str().rfind("urn:kgbuild:bnode:", 0) == 0 ? 1 : 2;
    return 3;
  };
  int ra = rank(a), rb = rank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  if (ra == 0) return 0;
  if (ra < 3) return std::get<Iri>(*a).str().compare(std::get<Iri>(*b).str()) < 0 ? -1 : (*a == *b ? 0 : 1);
  const Literal& la = std::get<Literal>(*a);
  const Literal& lb = std::get<Literal>(*b);
  auto number = [](const Literal& l) -> std::optional<double> {
    const std::string xsd(vocab::kXsd);
    static const char* numeric[] = {"integer", "decimal", "double", "float", "int", "long", "short",
                                    "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger"};
    for (const char* n : numeric)
      if (l.datatype == xsd + n) {
        try {
          return std::stod(l.lexical);
        } catch (...) {
          return std::nullopt;
        }
      }
    return std::nullopt;
  };
  auto na = number(la), nb = number(lb);
  if (na && nb && *na != *nb) return *na < *nb ? -1 : 1;
  if (la.lexical != lb.lexical) return la.lexical < lb.lexical ? -1 : 1;
  if (la == lb) return 0;
  return la < lb ? -1 : 1;
}

}  // namespace

Result<QueryResult> Store::run_optional(const OptionalPlan& plan, const Diagnostics& diagnostics) {
  std::vector<Solution> acc;
  QueryResult required;  // variables bound by every part (for the join index)
  for (std::size_t i = 0; i < plan.required.size(); ++i) {
    KG_TRY(QueryResult part, m_backend->query(plan.required[i], diagnostics));
    auto rows = solutions(part);
    acc.insert(acc.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
    if (i == 0) {
      required.variables = part.variables;
    } else {
      std::vector<std::string> both;
      for (const auto& v : required.variables)
        if (std::find(part.variables.begin(), part.variables.end(), v) != part.variables.end()) both.push_back(v);
      required.variables = std::move(both);
    }
  }
  for (const auto& text : plan.optionals) {
    KG_TRY(QueryResult opt, m_backend->query(text, diagnostics));
    // Index the optional rows by the values of the variables it shares with the
    // required part (bound in every required row), then check full compatibility.
    std::vector<std::string> keys;
    for (const auto& v : opt.variables)
      if (std::find(required.variables.begin(), required.variables.end(), v) != required.variables.end()) keys.push_back(v);
    std::vector<Solution> rows = solutions(opt);
    std::map<std::vector<std::optional<Term>>, std::vector<std::size_t>> index;
    auto key_of = [&](const Solution& s) {
      std::vector<std::optional<Term>> k;
      for (const auto& v : keys) {
        auto it = s.find(v);
        k.push_back(it == s.end() ? std::nullopt : std::optional<Term>(it->second));
      }
      return k;
    };
    bool keyed = true;  // every optional row binds every key
    for (std::size_t i = 0; i < rows.size(); ++i) {
      auto k = key_of(rows[i]);
      for (const auto& t : k) keyed = keyed && t.has_value();
      index[k].push_back(i);
    }
    std::vector<Solution> next;
    for (const Solution& a : acc) {
      auto k = key_of(a);
      bool full = keyed && std::all_of(k.begin(), k.end(), [](const auto& t) { return t.has_value(); });
      bool matched = false;
      auto consider = [&](std::size_t i) {
        if (!compatible(a, rows[i])) return;
        Solution merged = a;
        merged.insert(rows[i].begin(), rows[i].end());
        next.push_back(std::move(merged));
        matched = true;
      };
      if (full) {
        if (auto it = index.find(k); it != index.end())
          for (std::size_t i : it->second) consider(i);
      } else {
        for (std::size_t i = 0; i < rows.size(); ++i) consider(i);
      }
      if (!matched) next.push_back(a);
    }
    acc = std::move(next);
  }
  QueryResult out;
  out.variables = plan.projection;
  for (const Solution& s : acc) {
    std::vector<std::optional<Term>> row;
    for (const auto& v : plan.projection) {
      auto it = s.find(v);
      row.push_back(it == s.end() ? std::nullopt : std::optional<Term>(it->second));
    }
    out.rows.push_back(std::move(row));
  }
  if (!plan.order.empty()) {
    std::vector<std::pair<std::size_t, bool>> cols;  // ORDER BY columns of the projection
    std::vector<std::vector<std::optional<Term>>> keyed_rows;
    for (const Solution& s : acc) {
      std::vector<std::optional<Term>> k;
      for (const auto& [v, desc] : plan.order) {
        auto it = s.find(v);
        k.push_back(it == s.end() ? std::nullopt : std::optional<Term>(it->second));
      }
      keyed_rows.push_back(std::move(k));
    }
    std::vector<std::size_t> idx(out.rows.size());
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t x, std::size_t y) {
      for (std::size_t c = 0; c < plan.order.size(); ++c) {
        int r = compare_terms(keyed_rows[x][c], keyed_rows[y][c]);
        if (r != 0) return plan.order[c].second ? r > 0 : r < 0;
      }
      return out.rows[x] < out.rows[y];  // ties: a fixed order
    });
    std::vector<std::vector<std::optional<Term>>> sorted;
    for (std::size_t i : idx) sorted.push_back(std::move(out.rows[i]));
    out.rows = std::move(sorted);
  } else {
    std::sort(out.rows.begin(), out.rows.end());
  }
  if (plan.distinct) {
    std::set<std::vector<std::optional<Term>>> seen;
    std::vector<std::vector<std::optional<Term>>> kept;
    for (auto& r : out.rows)
      if (seen.insert(r).second) kept.push_back(std::move(r));
    out.rows = std::move(kept);
  }
  if (plan.offset || plan.limit) {
    std::size_t from = std::min(plan.offset, out.rows.size());
    std::size_t to = plan.limit ? std::min(out.rows.size(), from + *plan.limit) : out.rows.size();
    out.rows = std::vector<std::vector<std::optional<Term>>>(out.rows.begin() + static_cast<std::ptrdiff_t>(from),
                                                              out.rows.begin() + static_cast<std::ptrdiff_t>(to));
  }
  return out;
}

std::string file_context_iri(const std::string& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  if (ec) abs = path;
  return "file://" + iri_path(abs.lexically_normal().string());
}

Store::~Store() = default;

Result<Store> Store::open_files(const std::vector<std::string>& paths, const Diagnostics& diagnostics) {
  KG_TRY(rl::Model model, rl::Model::create());
  Store s(std::make_unique<RedlandBackend>(std::move(model), RedlandBackend::Kind::memory));
  KG_TRY(LoadSummary ignored, s.load(paths, diagnostics));
  (void)ignored;
  return s;
}

Result<Store> Store::open(const std::string& uri, Access access, const Diagnostics& diagnostics) {
  auto colon = uri.find(':');
  const std::string scheme = colon == std::string::npos ? "" : uri.substr(0, colon);
  const std::string rest = colon == std::string::npos ? "" : uri.substr(colon + 1);
  if (scheme == "sqlite") {
    if (rest.empty()) return make_error(Errc::usage, "store URI '" + uri + "' names no file (sqlite:PATH)");
    KG_TRY(rl::Model model, rl::Model::open_sqlite(rest, access == Access::create ? rl::Model::Create::yes
                                                                                   : rl::Model::Create::no,
                                                    diagnostics));
    return Store(std::make_unique<RedlandBackend>(std::move(model), RedlandBackend::Kind::sqlite));
  }
  if (scheme == "virtuoso") {
    (void)access;  // a Virtuoso server creates graphs on first load
    KG_TRY(std::unique_ptr<Backend> backend, open_virtuoso(uri));
    return Store(std::move(backend));
  }
  return make_error(Errc::usage, "unknown store URI '" + uri + "' (expected sqlite:PATH or virtuoso:URL)");
}

Result<LoadSummary> Store::load(const std::vector<std::string>& paths, const Diagnostics& diagnostics) {
  LoadSummary sum;
  auto t0 = std::chrono::steady_clock::now();
  for (const auto& path : paths) {
    auto format = rdfio::format_from_extension(path);
    if (!format)
      return make_error(Errc::usage, "cannot tell the RDF format from the extension (.ttl, .nt, .nq, .trig, .jsonld)",
                        Location{path});
    KG_TRY(rdfio::Dataset ds, rdfio::parse_file(path, *format, diagnostics));
    const Iri own = Iri::unchecked(file_context_iri(path));
    std::map<Iri, bool> graphs;
    for (Quad& q : ds.quads) {
      if (q.graph.str().empty()) q.graph = own;
      graphs[q.graph] = true;
    }
    KG_TRY_VOID(m_backend->load_replace(ds.quads));
    ++sum.files;
    sum.graphs += graphs.size();
    sum.quads += ds.quads.size();
  }
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return sum;
}

Result<LoadSummary> Store::load(const rdfio::Dataset& dataset, const Diagnostics&) {
  LoadSummary sum;
  auto t0 = std::chrono::steady_clock::now();
  std::map<Iri, bool> graphs;
  std::vector<Quad> quads = dataset.quads;
  const Iri fallback = Iri::unchecked(rdfio::entities_graph_iri());
  for (Quad& q : quads) {
    if (q.graph.str().empty()) q.graph = fallback;
    graphs[q.graph] = true;
  }
  KG_TRY_VOID(m_backend->load_replace(quads));
  sum.graphs = graphs.size();
  sum.quads = quads.size();
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return sum;
}

Result<QueryResult> Store::run(const std::string& text, const Diagnostics& diagnostics) {
  auto plan = detail::describe_plan(text);
  if (!plan) return m_backend->query(text, diagnostics);
  // DESCRIBE: Rasqal answers it with an empty graph, so kgbuild finds the resources
  // (a SELECT when variables are described) and gathers each one's triples.
  std::vector<std::string> resources = plan->constants;
  if (!plan->select.empty()) {
    KG_TRY(QueryResult sel, m_backend->query(plan->select, diagnostics));
    for (const auto& row : sel.rows)
      for (const auto& v : row)
        if (v && std::holds_alternative<Iri>(*v)) {
          const std::string& iri = std::get<Iri>(*v).str();
          if (iri.rfind("urn:kgbuild:bnode:", 0) == 0) continue;  // not addressable from a query
          std::string ref;
          ontology::syntax::write_IRIREF(ref, iri);
          resources.push_back(ref);
        }
  }
  std::sort(resources.begin(), resources.end());
  resources.erase(std::unique(resources.begin(), resources.end()), resources.end());
  QueryResult out;
  out.kind = QueryResult::Kind::graph;
  for (const auto& res : resources) {
    KG_TRY(QueryResult g, m_backend->query(detail::describe_query(*plan, res), diagnostics));
    out.triples.insert(out.triples.end(), g.triples.begin(), g.triples.end());
  }
  std::sort(out.triples.begin(), out.triples.end());
  out.triples.erase(std::unique(out.triples.begin(), out.triples.end()), out.triples.end());
  return out;
}

Result<QueryResult> Store::query(std::string_view sparql, const Params& params, const Diagnostics& diagnostics) {
  KG_TRY(PreparedQuery q, prepare_query(sparql, params));
  for (const auto& note : q.notes)
    if (diagnostics && note.find("left as it is") != std::string::npos)
      diagnostics(Level::warning, Location{"query"}, note);
  if (q.optional_plan) {
    auto planned = run_optional(*q.optional_plan, diagnostics);
    if (planned.ok() || planned.error().code != Errc::parse) return planned;
    // A syntax error: reported from the query as written, below.
  }
  auto r = run(q.text, diagnostics);
  if (!r.ok() && r.error().code == Errc::parse) {
    Error e = r.error();
    if (q.rewritten) {  // report the error at its place in the text the user wrote
      auto plain = run(q.plain, diagnostics);
      if (plain.ok())
        return make_error(Errc::internal, "kgbuild's UNION rewrite produced a query Rasqal rejects (" + e.message +
                                              "); please report it with the query");
      e = plain.error();
    }
    if (e.where.line > q.prologue_lines) e.where.line -= q.prologue_lines;
    e.where.file = "query";
    e.where.byte_offset = npos;
    return e;
  }
  if (!r.ok()) return r.error();
  if (r->kind == QueryResult::Kind::bindings && r->variables.empty() && r->rows.empty()) r->variables = q.projection;
  if (!q.ordered) r->sort_rows();
  else std::sort(r->triples.begin(), r->triples.end());
  return r;
}

}  // namespace kg::store
