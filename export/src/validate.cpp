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

namespace kg::rdfio {
namespace {

const std::string SH = std::string(vocab::kSh);
const std::string XSD = std::string(vocab::kXsd);
const std::string RDF = std::string(vocab::kRdf);

struct Index {
  std::map<std::string, std::vector<std::pair<std::string, Term>>> out;  // s → (p, o)
  std::map<std::string, std::set<std::string>> subjects_of;               // p → subjects
  explicit Index(const std::vector<Quad>& quads) {
    for (const Quad& q : quads) {
      out[q.subject.str()].emplace_back(q.predicate.str(), q.object);
      subjects_of[q.predicate.str()].insert(q.subject.str());
    }
  }
  std::vector<Term> objects(const std::string& s, const std::string& p) const {
    std::vector<Term> r;
    auto it = out.find(s);
    if (it == out.end()) return r;
    for (const auto& [pp, o] : it->second)
      if (pp == p) r.push_back(o);
    return r;
  }
  std::optional<Term> one(const std::string& s, const std::string& p) const {
    auto v = objects(s, p);
    if (v.empty()) return std::nullopt;
    return v.front();
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
    for (const auto& [s, pos] : m_shapes.out) {
      bool node_shape = std::any_of(pos.begin(), pos.end(), [](const auto& po) {
        return po.first == RDF + "type" && std::holds_alternative<Iri>(po.second) &&
               std::get<Iri>(po.second).str() == SH + "NodeShape";
      });
      if (!node_shape) continue;
      for (const auto& focus : targets(s)) check_node(s, focus, out);
    }
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
    std::set<std::string> classes{cls};
    bool grew = true;
    while (grew) {
      grew = false;
      for (const auto& sub : m_data.subjects_of.count(std::string(vocab::kRdfs) + "subClassOf")
                                 ? m_data.subjects_of.at(std::string(vocab::kRdfs) + "subClassOf")
                                 : std::set<std::string>{})
        for (const auto& sup : m_data.objects(sub, std::string(vocab::kRdfs) + "subClassOf"))
          if (std::holds_alternative<Iri>(sup) && classes.count(std::get<Iri>(sup).str()) && !classes.count(sub)) {
            classes.insert(sub);
            grew = true;
          }
    }
    std::set<std::string> out;
    auto it = m_data.subjects_of.find(vocab::rdf_type);
    if (it == m_data.subjects_of.end()) return out;
    for (const auto& s : it->second)
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
        auto it = m_data.subjects_of.find(std::get<Iri>(p).str());
        if (it != m_data.subjects_of.end()) out.insert(it->second.begin(), it->second.end());
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
  Index data_index(data.triples());
  return Validator(data_index, shape_index).run();
}

}  // namespace kg::rdfio
