#include "redland.hpp"

#include <mutex>

namespace kg::rdfio::detail {

librdf_world* world() {
  static librdf_world* w = [] {
    librdf_world* x = librdf_new_world();
    librdf_world_open(x);
    return x;
  }();
  return w;  // lives for the whole process (librdf worlds are not meant to be re-created)
}

NodeHandle to_node(const Term& t) {
  if (const Iri* i = std::get_if<Iri>(&t))
    return NodeHandle(librdf_new_node_from_uri_string(world(), reinterpret_cast<const unsigned char*>(i->str().c_str())));
  const Literal& l = std::get<Literal>(t);
  Handle<librdf_uri, librdf_free_uri> dt;
  if (!l.datatype.empty())
    dt.reset(librdf_new_uri(world(), reinterpret_cast<const unsigned char*>(l.datatype.c_str())));
  return NodeHandle(librdf_new_node_from_typed_counted_literal(
      world(), reinterpret_cast<const unsigned char*>(l.lexical.data()), l.lexical.size(),
      l.lang.empty() ? nullptr : l.lang.c_str(), l.lang.size(), dt.get()));
}

std::optional<Term> from_node(librdf_node* n) {
  if (!n) return std::nullopt;
  if (librdf_node_is_resource(n))
    return Iri::unchecked(reinterpret_cast<const char*>(librdf_uri_as_string(librdf_node_get_uri(n))));
  if (librdf_node_is_blank(n))
    return Iri::unchecked("urn:kgbuild:bnode:" + std::string(reinterpret_cast<const char*>(librdf_node_get_blank_identifier(n))));
  if (librdf_node_is_literal(n)) {
    Literal l;
    std::size_t len = 0;
    const unsigned char* v = librdf_node_get_literal_value_as_counted_string(n, &len);
    l.lexical.assign(reinterpret_cast<const char*>(v), len);
    if (const char* lang = librdf_node_get_literal_value_language(n)) l.lang = lang;
    if (librdf_uri* dt = librdf_node_get_literal_value_datatype_uri(n))
      l.datatype = reinterpret_cast<const char*>(librdf_uri_as_string(dt));
    if (l.datatype == std::string(vocab::kXsd) + "string") l.datatype.clear();
    return l;
  }
  return std::nullopt;
}

Result<Model> model_from_dataset(const Dataset& data, Contexts contexts) {
  Model m;
  const bool keep = contexts == Contexts::keep;
  m.storage.reset(librdf_new_storage(world(), "hashes", "kg",
                                     keep ? "hash-type='memory',contexts='yes'" : "hash-type='memory',contexts='no'"));
  if (!m.storage) return make_error(Errc::internal, "Redland: cannot create in-memory storage");
  m.model.reset(librdf_new_model(world(), m.storage.get(), nullptr));
  if (!m.model) return make_error(Errc::internal, "Redland: cannot create a model");
  for (const Quad& q : data.quads) {
    NodeHandle s = to_node(q.subject), p = to_node(q.predicate), o = to_node(q.object);
    // librdf_new_statement_from_nodes takes ownership of the nodes (or frees them on error).
    Handle<librdf_statement, librdf_free_statement> st(
        librdf_new_statement_from_nodes(world(), s.release(), p.release(), o.release()));
    if (!st) return make_error(Errc::internal, "Redland: cannot create a statement");
    if (!keep || q.graph.str().empty()) {
      librdf_model_add_statement(m.model.get(), st.get());
    } else {
      NodeHandle g = to_node(q.graph);
      librdf_model_context_add_statement(m.model.get(), g.get(), st.get());
    }
  }
  return m;
}

Result<std::vector<Row>> select(const Model& model, const std::string& sparql) {
  QueryHandle q(librdf_new_query(world(), "sparql", nullptr, reinterpret_cast<const unsigned char*>(sparql.c_str()), nullptr));
  if (!q) return make_error(Errc::parse, "Rasqal cannot parse the query: " + sparql.substr(0, 200));
  ResultsHandle res(librdf_model_query_execute(model.model.get(), q.get()));
  if (!res) return make_error(Errc::internal, "Rasqal cannot execute the query");
  std::vector<Row> rows;
  const int n = librdf_query_results_get_bindings_count(res.get());
  while (!librdf_query_results_finished(res.get())) {
    Row row(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
      NodeHandle v(librdf_query_results_get_binding_value(res.get(), i));
      row[static_cast<std::size_t>(i)] = from_node(v.get());
    }
    rows.push_back(std::move(row));
    librdf_query_results_next(res.get());
  }
  return rows;
}

}  // namespace kg::rdfio::detail
