// The `virtuoso:URL` backend of kg::store: loads replace named graphs through the Graph
// Store protocol and queries go to the server's /sparql endpoint (virtuoso.hpp), answers
// read back as SPARQL JSON results (SELECT, ASK) or N-Triples (CONSTRUCT, DESCRIBE).
#include "virtuoso_backend.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <optional>
#include <string>

#include "virtuoso.hpp"

namespace kg::store {
namespace {

// Walks `q` outside IRIs, strings and comments, calling `word(position, WORD)` for each
// keyword-like word (upper-cased) and `brace(position)` for each '{'; stops when one
// returns true.
template <typename Word, typename Brace>
void scan(std::string_view q, Word word, Brace brace) {
  std::size_t i = 0;
  while (i < q.size()) {
    const char c = q[i];
    if (c == '#') {
      while (i < q.size() && q[i] != '\n') ++i;
      continue;
    }
    if (c == '<') {  // an IRI (or the operator '<', which is followed by a space)
      std::size_t j = i + 1;
      while (j < q.size() && q[j] != '>' && q[j] != ' ' && q[j] != '\n') ++j;
      i = j < q.size() && q[j] == '>' ? j + 1 : i + 1;
      continue;
    }
    if (c == '"' || c == '\'') {
      const char quote = c;
      for (++i; i < q.size() && q[i] != quote; ++i)
        if (q[i] == '\\') ++i;
      ++i;
      continue;
    }
    if (c == '{') {
      if (brace(i)) return;
      ++i;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) && (i == 0 || !std::isalnum(static_cast<unsigned char>(q[i - 1])))) {
      std::size_t j = i;
      while (j < q.size() && (std::isalnum(static_cast<unsigned char>(q[j])) || q[j] == '_')) ++j;
      if (j < q.size() && q[j] == ':') {  // a prefixed name, not a keyword
        i = j + 1;
        continue;
      }
      std::string w(q.substr(i, j - i));
      std::transform(w.begin(), w.end(), w.begin(), [](unsigned char x) { return std::toupper(x); });
      if (word(i, w)) return;
      i = j;
      continue;
    }
    ++i;
  }
}

// The query form: the first of SELECT, ASK, CONSTRUCT, DESCRIBE.
std::string query_form(std::string_view q) {
  std::string form;
  scan(q, [&](std::size_t, const std::string& w) {
    if (w == "SELECT" || w == "ASK" || w == "CONSTRUCT" || w == "DESCRIBE") form = w;
    return !form.empty();
  }, [](std::size_t) { return false; });
  return form;
}

// Where a dataset clause goes: before the WHERE keyword, else before the first '{' of a
// SELECT, ASK or DESCRIBE; npos when the query has its own FROM.
std::size_t dataset_clause_at(std::string_view q, const std::string& form) {
  std::size_t at = std::string_view::npos;
  bool from = false;
  scan(q, [&](std::size_t i, const std::string& w) {
    if (w == "FROM") from = true;
    if (w == "WHERE") at = i;
    return from || at != std::string_view::npos;
  }, [&](std::size_t i) {
    if (form != "CONSTRUCT") at = i;
    return form != "CONSTRUCT";
  });
  return from ? std::string_view::npos : at;
}

class VirtuosoBackend final : public Backend {
 public:
  explicit VirtuosoBackend(virtuoso::Endpoint endpoint) : m_endpoint(std::move(endpoint)) {}

  Result<void> load_replace(const std::vector<Quad>& quads) override {
    m_graphs.reset();
    rdfio::Dataset ds;
    ds.quads = quads;
    ds.normalise();
    KG_TRY(virtuoso::LoadStats stats, virtuoso::load_dataset(m_endpoint, ds));
    (void)stats;
    return {};
  }

  Result<QueryResult> query(const std::string& text, const Diagnostics& diagnostics) override {
    const std::string form = query_form(text);
    // Virtuoso's default dataset holds its own system graphs too: unless the query
    // names its dataset, it is kgbuild's graphs (FROM for the default graph, their
    // merge; FROM NAMED for GRAPH patterns).
    std::string sparql = text;
    if (const std::size_t at = dataset_clause_at(text, form); at != std::string_view::npos) {
      KG_TRY(const std::vector<std::string> graphs, kgbuild_graphs());
      std::string clause;
      for (const auto& g : graphs) clause += "FROM <" + g + "> ";
      for (const auto& g : graphs) clause += "FROM NAMED <" + g + "> ";
      if (graphs.empty()) clause = "FROM <urn:kgbuild:graph:none> ";  // nothing loaded yet
      sparql = text.substr(0, at) + clause + text.substr(at);
    }
    if (form == "CONSTRUCT" || form == "DESCRIBE") {
      KG_TRY(std::string body, virtuoso::sparql(m_endpoint, sparql, "application/n-triples"));
      KG_TRY(rdfio::Dataset ds, rdfio::parse_text(body, rdfio::Format::ntriples, m_endpoint.sparql_url(), diagnostics));
      QueryResult r;
      r.kind = QueryResult::Kind::graph;
      r.triples = std::move(ds.quads);
      return r;
    }
    KG_TRY(std::string body, virtuoso::sparql(m_endpoint, sparql, "application/sparql-results+json"));
    return parse_sparql_json(body);
  }

  // The statements of the graphs kgbuild loads.
  Result<std::vector<Quad>> quads() const override {
    const std::string q = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } " + std::string(kOwnGraphs) + " }";
    KG_TRY(std::string body, virtuoso::sparql(m_endpoint, q, "application/sparql-results+json"));
    KG_TRY(QueryResult r, parse_sparql_json(body));
    std::vector<Quad> out;
    for (const auto& row : r.rows) {
      if (row.size() != 4 || !row[0] || !row[1] || !row[2] || !row[3]) continue;
      const auto* g = std::get_if<Iri>(&*row[0]);
      const auto* s = std::get_if<Iri>(&*row[1]);
      const auto* p = std::get_if<Iri>(&*row[2]);
      if (!g || !s || !p) continue;
      out.push_back(Quad{*s, *p, *row[3], *g});
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

 private:
  // Graphs kgbuild writes: its source graphs and the graphs of plain files.
  static constexpr std::string_view kOwnGraphs =
      "FILTER(STRSTARTS(STR(?g), \"https://w3id.org/kgbuild/\") || STRSTARTS(STR(?g), \"file:\"))";

  // The names of kgbuild's graphs on the server, asked once until the next load.
  Result<std::vector<std::string>> kgbuild_graphs() {
    if (!m_graphs) {
      const std::string q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } " + std::string(kOwnGraphs) + " }";
      KG_TRY(std::string body, virtuoso::sparql(m_endpoint, q, "application/sparql-results+json"));
      KG_TRY(QueryResult r, parse_sparql_json(body));
      std::vector<std::string> graphs;
      for (const auto& row : r.rows)
        if (!row.empty() && row[0])
          if (const auto* g = std::get_if<Iri>(&*row[0])) graphs.push_back(g->str());
      std::sort(graphs.begin(), graphs.end());
      m_graphs = std::move(graphs);
    }
    return *m_graphs;
  }

  virtuoso::Endpoint m_endpoint;
  std::optional<std::vector<std::string>> m_graphs;
};

}  // namespace

Result<std::unique_ptr<Backend>> open_virtuoso(const std::string& uri) {
  KG_TRY(virtuoso::Endpoint endpoint, virtuoso::parse_store_uri(uri));
  // The account: in the URI ("virtuoso:http://USER:PASSWORD@HOST:PORT"), else from
  // $KG_VIRTUOSO_USER / $KG_VIRTUOSO_PASSWORD (as scripts/virtuoso.sh sets it up).
  if (uri.find('@') == std::string::npos) {
    if (const char* user = std::getenv("KG_VIRTUOSO_USER"); user && *user) endpoint.user = user;
    if (const char* password = std::getenv("KG_VIRTUOSO_PASSWORD"); password && *password) endpoint.password = password;
  }
  // Reachable? One cheap query, with the endpoint's bounded retry, so that a store that
  // cannot be opened says so before any work is done.
  KG_TRY(std::string probe, virtuoso::sparql(endpoint, "ASK { }", "application/sparql-results+json"));
  (void)probe;
  return std::unique_ptr<Backend>(std::make_unique<VirtuosoBackend>(std::move(endpoint)));
}

}  // namespace kg::store
