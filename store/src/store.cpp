// Store: store URIs, the Redland backend (in memory or SQLite), loading graph files
// context by context, and queries through prepare_query.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <tuple>

#include "describe.hpp"
#include "redland_model.hpp"
#include "store/store.hpp"

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

}  // namespace

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
  if (scheme == "virtuoso")
    // Extension point: the Virtuoso backend (store/src/virtuoso.cpp, branch `virtuoso`)
    // implements Backend over its Graph Store and SPARQL endpoints.
    return make_error(Errc::usage, "store URI '" + uri + "': this kgbuild has no Virtuoso backend");
  return make_error(Errc::usage, "unknown store URI '" + uri + "' (expected sqlite:PATH)");
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
