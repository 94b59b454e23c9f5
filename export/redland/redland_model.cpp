#include "redland_model.hpp"

#include <librdf.h>

#include <cstdio>
#include <cstdlib>
#include <tuple>
#include <algorithm>
#include <filesystem>
#include <mutex>

namespace kg::rdfio::detail::redland {
namespace {

using NodeHandle = Handle<librdf_node, librdf_free_node>;
using UriHandle = Handle<librdf_uri, librdf_free_uri>;
using StatementHandle = Handle<librdf_statement, librdf_free_statement>;
using StreamHandle = Handle<librdf_stream, librdf_free_stream>;
using ParserHandle = Handle<librdf_parser, librdf_free_parser>;
using QueryHandle = Handle<librdf_query, librdf_free_query>;
using ResultsHandle = Handle<librdf_query_results, librdf_free_query_results>;

std::recursive_mutex& redland_mutex() {
  static std::recursive_mutex m;
  return m;
}

thread_local LogScope* t_scope = nullptr;

const unsigned char* uc(const char* s) { return reinterpret_cast<const unsigned char*>(s); }
std::string str(const unsigned char* s) { return s ? reinterpret_cast<const char*>(s) : ""; }

// librdf_log_func: every message of the world lands here, on the thread that caused it.
// Returning non-zero tells librdf the message was handled (it prints nothing itself).
int on_log(void*, librdf_log_message* message) {
  if (!t_scope) return 1;  // outside any scope: nobody asked, drop it
  Level level = Level::note;
  switch (librdf_log_message_level(message)) {
    case LIBRDF_LOG_ERROR:
    case LIBRDF_LOG_FATAL: level = Level::error; break;
    case LIBRDF_LOG_WARN: level = Level::warning; break;
    default: level = Level::note; break;
  }
  Location where;
  if (raptor_locator* loc = librdf_log_message_locator(message)) {
    if (raptor_locator_line(loc) > 0) where.line = static_cast<std::size_t>(raptor_locator_line(loc));
    if (raptor_locator_column(loc) > 0) where.column = static_cast<std::size_t>(raptor_locator_column(loc));
    if (raptor_locator_byte(loc) >= 0) where.byte_offset = static_cast<std::size_t>(raptor_locator_byte(loc));
  }
  const char* text = librdf_log_message_message(message);
  t_scope->log(level, std::move(where), text ? text : "unknown Redland error");
  return 1;
}

}  // namespace

librdf_world* world() {
  static librdf_world* const w = [] {
    librdf_world* x = librdf_new_world();
    librdf_world_open(x);
    librdf_world_set_logger(x, nullptr, on_log);
    return x;
  }();
  return w;
}

Lock::Lock() { redland_mutex().lock(); }
Lock::~Lock() { redland_mutex().unlock(); }

// ---- LogScope

LogScope::LogScope(std::string source, const Diagnostics& diagnostics)
    : m_source(std::move(source)), m_diagnostics(diagnostics), m_outer(t_scope) {
  t_scope = this;
}

LogScope::~LogScope() {
  t_scope = m_outer;
  if (m_diagnostics)
    for (const Error& e : m_errors) m_diagnostics(Level::error, e.where, e.message);
}

std::optional<Error> LogScope::take_error() {
  if (m_errors.empty()) return std::nullopt;
  Error first = std::move(m_errors.front());
  m_errors.erase(m_errors.begin());
  return first;
}

void LogScope::log(Level level, Location where, std::string message) {
  where.file = m_source;
  if (level == Level::error)
    m_errors.push_back(make_error(Errc::parse, std::move(message), std::move(where)));
  else if (m_diagnostics)
    m_diagnostics(level, where, message);
}

// ---- terms

namespace {

// Term → new node. IRIs under kBnodePrefix become blank nodes.
NodeHandle to_node(const Term& term) {
  Lock lock;
  if (const Iri* i = std::get_if<Iri>(&term)) {
    const std::string& s = i->str();
    if (s.compare(0, kBnodePrefix.size(), kBnodePrefix) == 0)
      return NodeHandle(librdf_new_node_from_blank_identifier(world(), uc(s.c_str() + kBnodePrefix.size())));
    return NodeHandle(librdf_new_node_from_uri_string(world(), uc(s.c_str())));
  }
  const Literal& l = std::get<Literal>(term);
  UriHandle datatype;
  if (!l.datatype.empty() && l.lang.empty()) datatype.reset(librdf_new_uri(world(), uc(l.datatype.c_str())));
  return NodeHandle(librdf_new_node_from_typed_counted_literal(world(), uc(l.lexical.data()), l.lexical.size(),
                                                               l.lang.empty() ? nullptr : l.lang.c_str(),
                                                               l.lang.size(), datatype.get()));
}

// Node → Term: blank nodes as kBnodePrefix IRIs, xsd:string literals with the empty
// datatype (Literal's convention); nullopt for a null node.
std::optional<Term> to_term(librdf_node* node) {
  if (!node) return std::nullopt;
  Lock lock;
  if (librdf_node_is_resource(node)) return Iri::unchecked(str(librdf_uri_as_string(librdf_node_get_uri(node))));
  if (librdf_node_is_blank(node))
    return Iri::unchecked(std::string(kBnodePrefix) + str(librdf_node_get_blank_identifier(node)));
  if (librdf_node_is_literal(node)) {
    Literal l;
    std::size_t len = 0;
    const unsigned char* v = librdf_node_get_literal_value_as_counted_string(node, &len);
    if (v) l.lexical.assign(reinterpret_cast<const char*>(v), len);
    if (const char* lang = librdf_node_get_literal_value_language(node)) l.lang = lang;
    if (librdf_uri* dt = librdf_node_get_literal_value_datatype_uri(node))
      l.datatype = str(librdf_uri_as_string(dt));
    if (l.datatype == std::string(vocab::kXsd) + "string") l.datatype.clear();
    return l;
  }
  return std::nullopt;
}

// Statement → quad without a graph name; nullopt unless subject and predicate are IRIs
// (or blank nodes) and the object converts.
std::optional<Quad> to_triple(librdf_statement* st) {
  auto s = to_term(librdf_statement_get_subject(st));
  auto p = to_term(librdf_statement_get_predicate(st));
  auto o = to_term(librdf_statement_get_object(st));
  if (!s || !p || !o || !std::holds_alternative<Iri>(*s) || !std::holds_alternative<Iri>(*p)) return std::nullopt;
  return Quad{std::get<Iri>(*s), std::get<Iri>(*p), std::move(*o), Iri()};
}

}  // namespace

// ---- Model

Model& Model::operator=(Model&& other) noexcept {
  if (this != &other) {
    Lock lock;
    m_model = std::move(other.m_model);  // frees our old model before its storage
    m_storage = std::move(other.m_storage);
    m_contexts = other.m_contexts;
  }
  return *this;
}

Model::~Model() {
  if (!m_model && !m_storage) return;
  Lock lock;
  m_model.reset();
  m_storage.reset();
}

Result<Model> Model::create() { return make(Contexts::yes); }

Result<Model> Model::make(Contexts contexts) {
  Lock lock;
  Model m;
  m.m_contexts = contexts == Contexts::yes;
  m.m_storage.reset(librdf_new_storage(world(), "hashes", "kgbuild",
                                       m.m_contexts ? "hash-type='memory',contexts='yes'"
                                                    : "hash-type='memory',contexts='no'"));
  if (!m.m_storage) return make_error(Errc::internal, "Redland cannot create an in-memory storage");
  m.m_model.reset(librdf_new_model(world(), m.m_storage.get(), nullptr));
  if (!m.m_model) return make_error(Errc::internal, "Redland cannot create a model");
  return m;
}

Result<Model> Model::from_dataset(const Dataset& data, const Diagnostics& diagnostics) {
  Lock lock;
  LogScope scope("dataset", diagnostics);
  KG_TRY(Model m, create());
  std::vector<Quad> copy;
  const std::vector<Quad>* quads = &data.quads;
  if (!std::is_sorted(quads->begin(), quads->end()) || std::adjacent_find(quads->begin(), quads->end()) != quads->end()) {
    copy = data.quads;  // not normalised: sort and drop duplicates first
    std::sort(copy.begin(), copy.end());
    copy.erase(std::unique(copy.begin(), copy.end()), copy.end());
    quads = &copy;
  }
  for (const Quad& q : *quads) KG_TRY_VOID(m.add(q));
  return m;
}

Result<void> Model::add(const Quad& quad) {
  Lock lock;
  if (!m_model) return make_error(Errc::usage, "add() on an empty Redland model handle");
  NodeHandle s = to_node(quad.subject), p = to_node(quad.predicate), o = to_node(quad.object);
  if (!s || !p || !o) return make_error(Errc::internal, "Redland cannot make nodes for " + quad.to_nquads());
  // librdf_new_statement_from_nodes takes ownership of the nodes (and frees them on error).
  StatementHandle st(librdf_new_statement_from_nodes(world(), s.release(), p.release(), o.release()));
  if (!st) return make_error(Errc::internal, "Redland cannot make a statement for " + quad.to_nquads());
  int rc = 0;
  if (!m_contexts) {
    if (!quad.graph.str().empty())
      return make_error(Errc::usage, "a model without contexts cannot hold " + quad.to_nquads());
    rc = librdf_model_add_statement(m_model.get(), st.get());  // copies the statement
  } else {
    NodeHandle g = to_node(quad.graph.str().empty() ? Iri::unchecked(std::string(kDefaultGraph)) : quad.graph);
    rc = librdf_model_context_add_statement(m_model.get(), g.get(), st.get());  // copies both
  }
  if (rc != 0) return make_error(Errc::internal, "Redland cannot add " + quad.to_nquads());
  return {};
}

Result<Model> Model::open_sqlite(const std::string& path, Create create, const Diagnostics& diagnostics) {
  Lock lock;
  LogScope scope(path, diagnostics);
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  if (!exists && create == Create::no)
    return make_error(Errc::io, "cannot open the store: no such file", Location{path});
  if (exists && !std::filesystem::is_regular_file(path, ec))
    return make_error(Errc::io, "cannot open the store: not a regular file", Location{path});
  if (exists) {  // librdf's sqlite storage would happily create tables in any file
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return make_error(Errc::io, "cannot open the store: permission denied or unreadable", Location{path});
    char head[16] = {};
    std::size_t n = std::fread(head, 1, sizeof head, f);
    std::fclose(f);
    if (n > 0 && (n < 16 || std::string_view(head, 15) != "SQLite format 3"))
      return make_error(Errc::io, "cannot open the store: not an SQLite database", Location{path});
  }
  Model m;
  m.m_contexts = true;
  const std::string options = exists ? "contexts='yes',synchronous='normal'" : "new='yes',contexts='yes',synchronous='normal'";
  m.m_storage.reset(librdf_new_storage(world(), "sqlite", path.c_str(), options.c_str()));
  if (!m.m_storage) {
    Error e = scope.take_error().value_or(make_error(Errc::io, "", Location{path}));
    std::string reason = e.message.empty() ? "Redland's sqlite storage cannot open it (is librdf-storage-sqlite installed, "
                                             "is the file a kgbuild store and writable?)"
                                           : e.message;
    return make_error(Errc::io, "cannot open the store: " + reason, Location{path});
  }
  m.m_model.reset(librdf_new_model(world(), m.m_storage.get(), nullptr));
  if (!m.m_model) return make_error(Errc::io, "cannot open the store: Redland cannot make a model on it", Location{path});
  return m;
}

Result<void> Model::replace_context(const Iri& graph, const std::vector<Quad>& quads) {
  Lock lock;
  if (!m_model) return make_error(Errc::usage, "replace_context() on an empty Redland model handle");
  if (!m_contexts) return make_error(Errc::usage, "a model without contexts cannot replace a context");
  if (graph.str().empty()) return make_error(Errc::usage, "replace_context() needs a graph name");
  NodeHandle g = to_node(graph);
  // KG_STORE_NO_TRANSACTION=1 turns the transaction off (for bench/query.sh, which
  // measures what it buys).
  static const bool no_tx = [] {
    const char* v = std::getenv("KG_STORE_NO_TRANSACTION");
    return v && *v && std::string_view(v) != "0";
  }();
  const bool tx = !no_tx && librdf_model_transaction_start(m_model.get()) == 0;
  auto fail = [&](std::string msg) -> Result<void> {
    if (tx) librdf_model_transaction_rollback(m_model.get());
    return make_error(Errc::internal, std::move(msg));
  };
  if (librdf_model_context_remove_statements(m_model.get(), g.get()) != 0)
    return fail("Redland cannot remove the statements of " + graph.to_ntriples());
  std::vector<const Quad*> order;
  order.reserve(quads.size());
  for (const Quad& q : quads) order.push_back(&q);
  auto triple_less = [](const Quad* a, const Quad* b) {
    return std::tie(a->subject, a->predicate, a->object) < std::tie(b->subject, b->predicate, b->object);
  };
  auto triple_eq = [](const Quad* a, const Quad* b) {
    return a->subject == b->subject && a->predicate == b->predicate && a->object == b->object;
  };
  std::sort(order.begin(), order.end(), triple_less);
  order.erase(std::unique(order.begin(), order.end(), triple_eq), order.end());
  for (const Quad* q : order) {
    NodeHandle s = to_node(q->subject), p = to_node(q->predicate), o = to_node(q->object);
    if (!s || !p || !o) return fail("Redland cannot make nodes for " + q->to_nquads(false));
    StatementHandle st(librdf_new_statement_from_nodes(world(), s.release(), p.release(), o.release()));
    if (!st) return fail("Redland cannot make a statement for " + q->to_nquads(false));
    if (librdf_model_context_add_statement(m_model.get(), g.get(), st.get()) != 0)
      return fail("Redland cannot add " + q->to_nquads(false));
  }
  if (tx && librdf_model_transaction_commit(m_model.get()) != 0)
    return make_error(Errc::internal, "Redland cannot commit the transaction for " + graph.to_ntriples());
  return {};
}

std::vector<Iri> Model::contexts() const {
  Lock lock;
  std::vector<Iri> out;
  if (!m_model || !m_contexts) return out;
  using IteratorHandle = Handle<librdf_iterator, librdf_free_iterator>;
  IteratorHandle it(librdf_model_get_contexts(m_model.get()));
  for (; it && !librdf_iterator_end(it.get()); librdf_iterator_next(it.get())) {
    auto t = to_term(static_cast<librdf_node*>(librdf_iterator_get_object(it.get())));
    if (t && std::holds_alternative<Iri>(*t)) out.push_back(std::get<Iri>(*t));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Result<Model> Model::from_turtle(std::string_view text, const std::string& source_name, const std::string& base_iri,
                                 const Diagnostics& diagnostics) {
  Lock lock;
  LogScope scope(source_name, diagnostics);
  KG_TRY(Model m, make(Contexts::no));
  ParserHandle parser(librdf_new_parser(world(), "turtle", nullptr, nullptr));
  if (!parser) return make_error(Errc::internal, "Redland has no Turtle parser", Location{source_name});
  UriHandle base(librdf_new_uri(world(), uc(base_iri.c_str())));
  if (!base) return make_error(Errc::usage, "not a base IRI: " + base_iri, Location{source_name});
  const std::string buffer(text);  // raptor wants a NUL-terminated buffer
  int rc = librdf_parser_parse_counted_string_into_model(parser.get(), uc(buffer.c_str()), buffer.size(), base.get(),
                                                         m.m_model.get());
  if (auto e = scope.take_error()) {  // raptor's own message and place
    // Raptor may report one failure twice, first without a line ("The namespace prefix
    // in "x:a" was not declared.") then with one: keep the first text at that line.
    while (auto next = scope.take_error())
      if (e->where.line == 0 && next->where.line > 0) e->where = next->where;
    return *e;
  }
  if (rc != 0) return make_error(Errc::parse, "the Turtle parser failed", Location{source_name});
  return m;
}

std::size_t Model::size() const {
  Lock lock;
  if (!m_model) return 0;
  int n = librdf_model_size(m_model.get());
  return n < 0 ? quads().size() : static_cast<std::size_t>(n);
}

std::vector<Quad> Model::quads() const {
  Lock lock;
  std::vector<Quad> out;
  if (!m_model) return out;
  StreamHandle stream(librdf_model_as_stream(m_model.get()));
  for (; stream && !librdf_stream_end(stream.get()); librdf_stream_next(stream.get())) {
    auto t = to_triple(librdf_stream_get_object(stream.get()));  // the statement is shared, not owned
    if (!t) continue;
    Iri graph;
    if (auto g = to_term(librdf_stream_get_context2(stream.get()));
        g && std::holds_alternative<Iri>(*g) && std::get<Iri>(*g).str() != kDefaultGraph)
      graph = std::get<Iri>(*g);
    t->graph = std::move(graph);
    out.push_back(std::move(*t));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// ---- SPARQL

Result<QueryAnswer> query(const Model& model, std::string_view sparql, const Diagnostics& diagnostics) {
  Lock lock;
  LogScope scope("query", diagnostics);
  if (!model.valid()) return make_error(Errc::usage, "query() on an empty Redland model handle");
  const std::string text(sparql);
  QueryHandle q(librdf_new_query(world(), "sparql", nullptr, uc(text.c_str()), nullptr));
  if (!q) {
    Error e = scope.take_error().value_or(make_error(Errc::parse, "Rasqal cannot parse the query", Location{"query"}));
    e.code = Errc::parse;
    return e;
  }
  ResultsHandle results(librdf_model_query_execute(model.get(), q.get()));
  if (auto e = scope.take_error()) {
    e->code = results ? Errc::internal : Errc::parse;  // Rasqal parses lazily, at execution
    return *e;
  }
  if (!results) return make_error(Errc::internal, "Rasqal cannot execute the query", Location{"query"});

  QueryAnswer out;
  if (librdf_query_results_is_boolean(results.get())) {
    out.kind = QueryAnswer::Kind::boolean;
    out.boolean = librdf_query_results_get_boolean(results.get()) > 0;
  } else if (librdf_query_results_is_graph(results.get())) {
    out.kind = QueryAnswer::Kind::graph;
    StreamHandle stream(librdf_query_results_as_stream(results.get()));
    for (; stream && !librdf_stream_end(stream.get()); librdf_stream_next(stream.get())) {
      if (auto t = to_triple(librdf_stream_get_object(stream.get()))) out.triples.push_back(std::move(*t));
    }
  } else if (librdf_query_results_is_bindings(results.get())) {
    out.kind = QueryAnswer::Kind::bindings;
    const int n = librdf_query_results_get_bindings_count(results.get());
    for (int i = 0; i < n; ++i) {
      const char* name = librdf_query_results_get_binding_name(results.get(), i);
      out.variables.emplace_back(name ? name : "");
    }
    for (; !librdf_query_results_finished(results.get()); librdf_query_results_next(results.get())) {
      Row row(static_cast<std::size_t>(n));
      for (int i = 0; i < n; ++i) {
        NodeHandle v(librdf_query_results_get_binding_value(results.get(), i));  // a new node: ours to free
        row[static_cast<std::size_t>(i)] = to_term(v.get());
      }
      out.rows.push_back(std::move(row));
    }
  } else {
    return make_error(Errc::internal, "Rasqal returned an answer of unknown form", Location{"query"});
  }
  if (auto e = scope.take_error()) {
    e->code = Errc::internal;
    return *e;
  }
  return out;
}

Result<SelectResult> select(const Model& model, std::string_view sparql, const Diagnostics& diagnostics) {
  KG_TRY(QueryAnswer a, query(model, sparql, diagnostics));
  if (a.kind != QueryAnswer::Kind::bindings)
    return make_error(Errc::usage, "not a SELECT query (ASK and CONSTRUCT are not supported here)", Location{"query"});
  return SelectResult{std::move(a.variables), std::move(a.rows)};
}

std::optional<std::string> sparql_iri(std::string_view iri) {
  // IRIREF ::= '<' ([^#x00-#x20<>"{}|^`\] | UCHAR)* '>'  (SPARQL 1.1 grammar [139])
  for (unsigned char c : iri)
    if (c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`' ||
        c == '\\')
      return std::nullopt;
  if (iri.empty()) return std::nullopt;
  return "<" + std::string(iri) + ">";
}

}  // namespace kg::rdfio::detail::redland
