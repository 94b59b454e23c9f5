// SHACL Core validation (https://www.w3.org/TR/shacl/) of the constraint components
// kgbuild's shapes use: targetClass, targetSubjectsOf, property with a predicate path,
// class, datatype (with lexical well-formedness for the XSD types), nodeKind,
// minCount, maxCount, pattern, minInclusive, maxInclusive, in, or, and sh:message.
// sh:class follows rdfs:subClassOf found in the data graph.
#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "export/export.hpp"
#include "redland.hpp"

namespace kg::rdfio {
namespace {

const std::string SH = std::string(vocab::kSh);
const std::string XSD = std::string(vocab::kXsd);
const std::string RDF = std::string(vocab::kRdf);

// Triples by predicate. The shapes graph is indexed eagerly from its quads; the data
// graph lives in a Redland model and each predicate is fetched once, on first use,
// with a SPARQL SELECT through Rasqal.
class Index {
 public:
  explicit Index(const std::vector<Quad>& quads) {
    for (const Quad& q : quads) m_by_pred[q.predicate.str()][q.subject.str()].push_back(q.object);
    m_complete = true;
  }
  explicit Index(const detail::Model* model) : m_model(model) {}

  std::vector<Term> objects(const std::string& s, const std::string& p) const {
    const auto& m = predicate(p);
    auto it = m.find(s);
    return it == m.end() ? std::vector<Term>{} : it->second;
  }
  std::optional<Term> one(const std::string& s, const std::string& p) const {
    auto v = objects(s, p);
    if (v.empty()) return std::nullopt;
    return v.front();
  }
  std::set<std::string> subjects_of(const std::string& p) const {
    std::set<std::string> out;
    for (const auto& [subj, objs] : predicate(p)) out.insert(subj);
    return out;
  }
  /// Subjects of the shapes graph with their predicates (shapes index only).
  std::set<std::string> subjects_with(const std::string& p, const std::string& o) const {
    std::set<std::string> out;
    for (const auto& [subj, objs] : predicate(p))
      for (const auto& t : objs)
        if (std::holds_alternative<Iri>(t) && std::get<Iri>(t).str() == o) out.insert(subj);
    return out;
  }
  std::vector<std::string> list(const std::string& head) const {
    std::vector<std::string> items;
    std::string node = head;
    for (int guard = 0; guard < 1000 && node != RDF + "nil"; ++guard) {
      auto first = one(node, RDF + "first");
      auto rest = one(node, RDF + "rest");
      if (!first || !rest || !std::holds_alternative<Iri>(*rest)) break;
      items.push_back(std::holds_alternative<Iri>(*first) ? std::get<Iri>(*first).str() : std::get<Literal>(*first).lexical);
      node = std::get<Iri>(*rest).str();
    }
    return items;
  }
  const std::optional<Error>& error() const { return m_error; }

 private:
  using BySubject = std::map<std::string, std::vector<Term>>;
  const BySubject& predicate(const std::string& p) const {
    auto it = m_by_pred.find(p);
    if (it != m_by_pred.end() || m_complete || !m_model) {
      static const BySubject empty;
      return it == m_by_pred.end() ? empty : it->second;
    }
    BySubject& slot = m_by_pred[p];
    auto rows = detail::select(*m_model, "SELECT ?s ?o WHERE { ?s <" + p + "> ?o }");
    if (!rows.ok()) {
      if (!m_error) m_error = rows.error();
      return slot;
    }
    for (const auto& row : *rows)
      if (row[0] && row[1] && std::holds_alternative<Iri>(*row[0]))
        slot[std::get<Iri>(*row[0]).str()].push_back(*row[1]);
    return slot;
  }

  const detail::Model* m_model = nullptr;
  bool m_complete = false;
  mutable std::map<std::string, BySubject> m_by_pred;
  mutable std::optional<Error> m_error;
};

std::string show(const Term& t) { return ontology::to_ntriples(t); }

std::string short_iri(const std::string& iri) {
  for (auto [p, ns] : {std::pair<const char*, std::string_view>{"kg:", ontology::kNamespace}, {"xsd:", vocab::kXsd},
                       {"rdf:", vocab::kRdf}, {"rdfs:", vocab::kRdfs}, {"prov:", vocab::kProv}, {"skos:", vocab::kSkos}})
    if (iri.compare(0, ns.size(), ns) == 0) return p + iri.substr(ns.size());
  return "<" + iri + ">";
}

bool lexical_ok(const std::string& datatype, const std::string& lex) {
  static const std::map<std::string, std::regex> k{
      {XSD + "date", std::regex(R"(-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(Z|[+-]\d{2}:\d{2})?)")},
      {XSD + "gYearMonth", std::regex(R"(-?\d{4,}-(0[1-9]|1[0-2])(Z|[+-]\d{2}:\d{2})?)")},
      {XSD + "gYear", std::regex(R"(-?\d{4,}(Z|[+-]\d{2}:\d{2})?)")},
      {XSD + "decimal", std::regex(R"([+-]?(\d+(\.\d*)?|\.\d+))")},
      {XSD + "integer", std::regex(R"([+-]?\d+)")},
  };
  auto it = k.find(datatype);
  return it == k.end() || std::regex_match(lex, it->second);
}

std::string datatype_of(const Literal& l) {
  if (!l.lang.empty()) return RDF + "langString";
  return l.datatype.empty() ? XSD + "string" : l.datatype;
}

class Validator {
 public:
  Validator(const Index& data, const Index& shapes) : m_data(data), m_shapes(shapes) {}

  std::vector<Violation> run() {
    std::vector<Violation> out;
    for (const auto& shape : m_shapes.subjects_with(vocab::rdf_type, SH + "NodeShape"))
      for (const auto& focus : targets(shape)) check_node(shape, focus, out);
    std::sort(out.begin(), out.end(), [](const Violation& a, const Violation& b) {
      return std::tie(a.focus_node, a.path, a.shape, a.message) < std::tie(b.focus_node, b.path, b.shape, b.message);
    });
    out.erase(std::unique(out.begin(), out.end(), [](const Violation& a, const Violation& b) {
                return a.focus_node == b.focus_node && a.path == b.path && a.message == b.message && a.shape == b.shape;
              }), out.end());
    return out;
  }

 private:
  std::set<std::string> instances_of(const std::string& cls) const {
    // Classes below `cls` through rdfs:subClassOf in the data graph.
    const std::string sub_class_of = std::string(vocab::kRdfs) + "subClassOf";
    std::set<std::string> classes{cls};
    const auto subs = m_data.subjects_of(sub_class_of);
    bool grew = true;
    while (grew) {
      grew = false;
      for (const auto& sub : subs)
        for (const auto& sup : m_data.objects(sub, sub_class_of))
          if (std::holds_alternative<Iri>(sup) && classes.count(std::get<Iri>(sup).str()) && !classes.count(sub)) {
            classes.insert(sub);
            grew = true;
          }
    }
    std::set<std::string> out;
    for (const auto& s : m_data.subjects_of(vocab::rdf_type))
      for (const auto& t : m_data.objects(s, vocab::rdf_type))
        if (std::holds_alternative<Iri>(t) && classes.count(std::get<Iri>(t).str())) out.insert(s);
    return out;
  }

  bool has_class(const Term& v, const std::string& cls) const {
    if (!std::holds_alternative<Iri>(v)) return false;
    return instances_of_cached(cls).count(std::get<Iri>(v).str()) > 0;
  }
  const std::set<std::string>& instances_of_cached(const std::string& cls) const {
    auto it = m_cache.find(cls);
    if (it == m_cache.end()) it = m_cache.emplace(cls, instances_of(cls)).first;
    return it->second;
  }

  std::set<std::string> targets(const std::string& shape) const {
    std::set<std::string> out;
    for (const auto& c : m_shapes.objects(shape, SH + "targetClass"))
      if (std::holds_alternative<Iri>(c)) {
        const auto& inst = instances_of_cached(std::get<Iri>(c).str());
        out.insert(inst.begin(), inst.end());
      }
    for (const auto& p : m_shapes.objects(shape, SH + "targetSubjectsOf"))
      if (std::holds_alternative<Iri>(p)) {
        auto subjects = m_data.subjects_of(std::get<Iri>(p).str());
        out.insert(subjects.begin(), subjects.end());
      }
    return out;
  }

  // Value-level constraints of `shape` on `v`; returns the failure text or empty.
  std::string check_value(const std::string& shape, const Term& v) const {
    for (const auto& c : m_shapes.objects(shape, SH + "class")) {
      std::string cls = std::get<Iri>(c).str();
      if (!has_class(v, cls)) return "expected an instance of " + short_iri(cls) + ", found " + describe(v);
    }
    for (const auto& d : m_shapes.objects(shape, SH + "datatype")) {
      std::string dt = std::get<Iri>(d).str();
      const Literal* l = std::get_if<Literal>(&v);
      if (!l || datatype_of(*l) != dt || !lexical_ok(dt, l->lexical))
        return "expected a literal of datatype " + short_iri(dt) + ", found " + show(v);
    }
    for (const auto& k : m_shapes.objects(shape, SH + "nodeKind")) {
      std::string kind = std::get<Iri>(k).str();
      bool iri = std::holds_alternative<Iri>(v) && std::get<Iri>(v).str().rfind("urn:kgbuild:bnode:", 0) != 0;
      if (kind == SH + "IRI" && !iri) return "expected an IRI, found " + show(v);
      if (kind == SH + "Literal" && !std::holds_alternative<Literal>(v)) return "expected a literal, found " + show(v);
    }
    for (const auto& p : m_shapes.objects(shape, SH + "pattern")) {
      std::string text = std::holds_alternative<Literal>(v) ? std::get<Literal>(v).lexical : std::get<Iri>(v).str();
      if (!std::regex_search(text, std::regex(std::get<Literal>(p).lexical)))
        return "expected a value matching " + std::get<Literal>(p).lexical + ", found " + show(v);
    }
    for (const char* bound : {"minInclusive", "maxInclusive"}) {
      for (const auto& b : m_shapes.objects(shape, SH + bound)) {
        const Literal* l = std::get_if<Literal>(&v);
        double x = 0;
        try {
          x = l ? std::stod(l->lexical) : 0;
        } catch (...) {
          return "expected a number, found " + show(v);
        }
        double lim = std::stod(std::get<Literal>(b).lexical);
        bool ok = l && (std::string(bound) == "minInclusive" ? x >= lim : x <= lim);
        if (!ok) return std::string("expected a value ") + (bound[1] == 'i' ? ">= " : "<= ") + std::get<Literal>(b).lexical + ", found " + show(v);
      }
    }
    for (const auto& in : m_shapes.objects(shape, SH + "in")) {
      auto items = m_shapes.list(std::get<Iri>(in).str());
      std::string text = std::holds_alternative<Literal>(v) ? std::get<Literal>(v).lexical : std::get<Iri>(v).str();
      if (std::find(items.begin(), items.end(), text) == items.end()) return "expected one of the listed values, found " + show(v);
    }
    for (const auto& alt : m_shapes.objects(shape, SH + "or")) {
      auto members = m_shapes.list(std::get<Iri>(alt).str());
      std::vector<std::string> reasons;
      bool any = false;
      for (const auto& m : members) {
        std::string why = check_value(m, v);
        if (why.empty()) { any = true; break; }
        reasons.push_back(why.substr(0, why.find(", found")));
      }
      if (!any) {
        std::string all;
        for (const auto& r : reasons) all += (all.empty() ? "" : " or ") + r.substr(r.find("expected ") == 0 ? 9 : 0);
        return "expected " + all + ", found " + describe(v);
      }
    }
    return {};
  }

  std::string describe(const Term& v) const {
    if (const Iri* i = std::get_if<Iri>(&v)) {
      auto types = m_data.objects(i->str(), vocab::rdf_type);
      std::string t;
      for (const auto& ty : types) t += (t.empty() ? "" : ", ") + short_iri(std::get<Iri>(ty).str());
      return (t.empty() ? "untyped" : t) + " " + i->to_ntriples();
    }
    return show(v);
  }

  void check_node(const std::string& shape, const std::string& focus, std::vector<Violation>& out) const {
    Term self = Iri::unchecked(focus);
    if (std::string why = check_value(shape, self); !why.empty())
      out.push_back(Violation{focus, "", message(shape, why), shape});
    for (const auto& ps : m_shapes.objects(shape, SH + "property")) {
      std::string pshape = std::get<Iri>(ps).str();
      auto path = m_shapes.one(pshape, SH + "path");
      if (!path || !std::holds_alternative<Iri>(*path)) continue;
      std::string p = std::get<Iri>(*path).str();
      auto values = m_data.objects(focus, p);
      for (const auto& mc : m_shapes.objects(pshape, SH + "minCount"))
        if (values.size() < std::stoul(std::get<Literal>(mc).lexical))
          out.push_back(Violation{focus, p, message(pshape, "expected at least " + std::get<Literal>(mc).lexical + " value(s) of " + short_iri(p) + ", found " + std::to_string(values.size())), shape});
      for (const auto& mc : m_shapes.objects(pshape, SH + "maxCount"))
        if (values.size() > std::stoul(std::get<Literal>(mc).lexical))
          out.push_back(Violation{focus, p, message(pshape, "expected at most " + std::get<Literal>(mc).lexical + " value(s) of " + short_iri(p) + ", found " + std::to_string(values.size())), shape});
      for (const auto& v : values)
        if (std::string why = check_value(pshape, v); !why.empty())
          out.push_back(Violation{focus, p, message(pshape, why), shape});
    }
  }

  std::string message(const std::string& shape, const std::string& why) const {
    auto m = m_shapes.one(shape, SH + "message");
    if (m && std::holds_alternative<Literal>(*m)) return std::get<Literal>(*m).lexical + ": " + why;
    return why;
  }

  const Index& m_data;
  const Index& m_shapes;
  mutable std::map<std::string, std::set<std::string>> m_cache;
};

}  // namespace

Result<std::vector<Violation>> validate(const Dataset& data, std::string_view shapes, const Diagnostics& diagnostics) {
  auto parsed = parse_text(shapes, Format::turtle, "shapes.ttl", diagnostics);
  if (!parsed.ok()) return parsed.error();
  Index shape_index(parsed->quads);
  KG_TRY(detail::Model model, detail::model_from_dataset(data, detail::Contexts::drop));
  Index data_index(&model);
  auto violations = Validator(data_index, shape_index).run();
  if (data_index.error()) return *data_index.error();
  return violations;
}

}  // namespace kg::rdfio
