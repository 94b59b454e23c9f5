// rdfio::validate: SHACL Core validation (https://www.w3.org/TR/shacl/) of the
// constraint components kgbuild's shapes use (ontology/shapes.ttl):
//   targets     sh:targetClass, sh:targetSubjectsOf, sh:targetObjectsOf, sh:targetNode
//   shapes      sh:NodeShape, sh:property with an IRI sh:path (no complex paths), sh:deactivated
//   values      sh:class, sh:datatype (with lexical checks of the XSD types), sh:nodeKind,
//               sh:in, sh:pattern (ECMAScript syntax, no sh:flags), sh:minInclusive,
//               sh:maxInclusive, sh:or (of shapes built from these)
//   counts      sh:minCount, sh:maxCount, sh:qualifiedValueShape with
//               sh:qualifiedMinCount/sh:qualifiedMaxCount
//   pairs       sh:lessThanOrEquals
// A shape using any other sh: term is refused (Errc::usage) rather than half-checked.
//
// How: the shapes Turtle is parsed into a Redland model and compiled into the structs
// below; the data is loaded into another model, and every predicate the shapes need is
// read once with a one-pattern SPARQL SELECT through Rasqal (no UNION, FILTER or
// OPTIONAL, which avoids the Rasqal bugs of ../shared/spec/pitfalls.md). Values are
// kept in ordered sets, which also removes the copies a triple has when it sits in
// several named graphs: the data graph is the union of the dataset's graphs.
//
// Messages: sh:message (when the shape has one), then ": ", then what was expected and
// what was found.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <tuple>

#include "export/export.hpp"
#include "redland_model.hpp"

namespace kg::rdfio {
namespace {

namespace rl = detail::redland;

const std::string kSh(vocab::kSh);
const std::string kXsd(vocab::kXsd);
const std::string kRdf(vocab::kRdf);
const std::string kRdfs(vocab::kRdfs);
const std::string kRdfType = vocab::rdf_type;
const std::string kSubClassOf = kRdfs + "subClassOf";
const std::string kShapesName = "shapes.ttl";

bool is_iri(const Term& t) { return std::holds_alternative<Iri>(t); }
const std::string& iri_of(const Term& t) { return std::get<Iri>(t).str(); }
bool is_blank(const Term& t) {
  return is_iri(t) && iri_of(t).compare(0, rl::kBnodePrefix.size(), rl::kBnodePrefix) == 0;
}

// ---- display

// "kg:Person" for the namespaces a reader of kgbuild output knows, else "<iri>".
std::string short_name(const std::string& iri) {
  static const std::pair<const char*, std::string_view> kPrefixes[] = {
      {"kg:", ontology::kNamespace}, {"xsd:", vocab::kXsd},   {"rdf:", vocab::kRdf},   {"rdfs:", vocab::kRdfs},
      {"prov:", vocab::kProv},       {"skos:", vocab::kSkos}, {"owl:", vocab::kOwl},   {"sh:", vocab::kSh}};
  for (const auto& [prefix, ns] : kPrefixes)
    if (iri.size() > ns.size() && iri.compare(0, ns.size(), ns) == 0) {
      std::string local = iri.substr(ns.size());
      if (local.find_first_of("/#?:") == std::string::npos) return prefix + local;
    }
  return "<" + iri + ">";
}

// A term for messages: short IRIs, literals in N-Triples with a short datatype.
std::string show(const Term& t) {
  if (is_iri(t)) return short_name(iri_of(t));
  const Literal& l = std::get<Literal>(t);
  Literal plain{l.lexical, "", l.lang};
  std::string out = plain.to_ntriples();
  if (!l.datatype.empty() && l.lang.empty()) out += "^^" + short_name(l.datatype);
  return out;
}

std::string join_or(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
    out += items[i];
  }
  return out;
}

// ---- literals

std::string datatype_of(const Literal& l) {
  if (!l.lang.empty()) return kRdf + "langString";
  return l.datatype.empty() ? kXsd + "string" : l.datatype;
}

bool leap(long year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Lexical space checks for the XSD types kgbuild uses
// (https://www.w3.org/TR/xmlschema11-2/#built-in-primitive-datatypes); other
// datatypes are accepted on their IRI alone.
bool well_formed(const std::string& datatype, const std::string& lex) {
  static const std::string tz = R"((Z|[+-](0\d|1[0-3]):[0-5]\d|[+-]14:00)?)";
  static const std::map<std::string, std::regex> kLexical{
      {kXsd + "integer", std::regex(R"([+-]?\d+)")},
      {kXsd + "decimal", std::regex(R"([+-]?(\d+(\.\d*)?|\.\d+))")},
      {kXsd + "boolean", std::regex(R"(true|false|1|0)")},
      {kXsd + "gYear", std::regex(R"(-?([1-9]\d{4,}|\d{4}))" + tz)},
      {kXsd + "gYearMonth", std::regex(R"(-?([1-9]\d{4,}|\d{4})-(0[1-9]|1[0-2]))" + tz)},
      {kXsd + "date", std::regex(R"(-?([1-9]\d{4,}|\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))" + tz)},
  };
  auto it = kLexical.find(datatype);
  if (it == kLexical.end()) return true;
  if (!std::regex_match(lex, it->second)) return false;
  if (datatype == kXsd + "date") {  // the day must exist in that month
    const bool negative = lex[0] == '-';
    const std::size_t dash = lex.find('-', negative ? 1 : 0);
    const long year = std::strtol(lex.c_str() + (negative ? 1 : 0), nullptr, 10);
    const int month = std::atoi(lex.c_str() + dash + 1);
    const int day = std::atoi(lex.c_str() + dash + 4);
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (day > kDays[month - 1] || (month == 2 && day == 29 && !leap(year))) return false;
  }
  return true;
}

// The numeric value of an integer or decimal literal, nullopt otherwise.
std::optional<long double> number(const Term& t) {
  const Literal* l = std::get_if<Literal>(&t);
  if (!l) return std::nullopt;
  const std::string dt = datatype_of(*l);
  if ((dt != kXsd + "integer" && dt != kXsd + "decimal") || !well_formed(dt, l->lexical)) return std::nullopt;
  return std::strtold(l->lexical.c_str(), nullptr);
}

// ---- the shapes graph

class ShapesGraph {
 public:
  explicit ShapesGraph(const std::vector<Quad>& quads) {
    for (const Quad& q : quads) m_spo[q.subject][q.predicate.str()].insert(q.object);
  }
  const std::map<std::string, std::set<Term>>& predicates(const Term& s) const {
    static const std::map<std::string, std::set<Term>> kNone;
    auto it = m_spo.find(s);
    return it == m_spo.end() ? kNone : it->second;
  }
  const std::set<Term>& objects(const Term& s, const std::string& p) const {
    static const std::set<Term> kNone;
    const auto& preds = predicates(s);
    auto it = preds.find(p);
    return it == preds.end() ? kNone : it->second;
  }
  std::vector<Term> subjects() const {
    std::vector<Term> out;
    for (const auto& [s, preds] : m_spo) out.push_back(s);
    return out;
  }
  /// The members of the RDF list at `head`. Errors when it is not a well-formed list.
  Result<std::vector<Term>> list(const Term& head, const std::string& where) const {
    std::vector<Term> items;
    Term node = head;
    std::set<Term> seen;
    while (!(is_iri(node) && iri_of(node) == kRdf + "nil")) {
      const auto& first = objects(node, kRdf + "first");
      const auto& rest = objects(node, kRdf + "rest");
      if (first.size() != 1 || rest.size() != 1 || !seen.insert(node).second)
        return make_error(Errc::parse, where + " is not a well-formed RDF list", Location{kShapesName});
      items.push_back(*first.begin());
      node = *rest.begin();
    }
    return items;
  }

 private:
  std::map<Term, std::map<std::string, std::set<Term>>> m_spo;
};

// ---- compiled shapes

// Constraints on one value node; used for node shapes, property shapes' values,
// sh:or alternatives and qualified value shapes.
struct ValueShape {
  std::string label;                     // rdfs:label: describes the shape in messages
  std::vector<std::string> classes;      // sh:class
  std::vector<std::string> datatypes;    // sh:datatype
  std::vector<std::string> node_kinds;   // sh:nodeKind
  std::vector<std::pair<std::string, std::regex>> patterns;  // sh:pattern
  std::vector<long double> min_inclusive, max_inclusive;
  std::vector<std::string> min_text, max_text;               // the bounds as written
  std::vector<std::vector<Term>> in;                         // sh:in lists
  std::vector<std::vector<ValueShape>> ors;                  // sh:or alternatives
};

struct Qualified {
  ValueShape shape;
  std::optional<std::size_t> min, max;
};

struct PropertyShape {
  std::string id;    // the shape's IRI (the node shape's when it is a blank node)
  std::string path;  // predicate IRI
  std::string message;
  std::optional<std::size_t> min_count, max_count;
  std::vector<std::string> less_than_or_equals;
  std::vector<Qualified> qualified;
  ValueShape values;
};

struct NodeShape {
  std::string id;
  std::string message;
  std::vector<std::string> target_classes, target_subjects_of, target_objects_of;
  std::vector<Term> target_nodes;
  ValueShape self;
  std::vector<PropertyShape> properties;
};

// sh: terms that do not validate (or that the compiler reads elsewhere).
const std::set<std::string> kNonValidating{"name",     "description", "order",      "group",
                                           "defaultValue", "severity", "message", "deactivated"};

class Compiler {
 public:
  explicit Compiler(const ShapesGraph& g) : m_g(g) {}

  Result<std::vector<NodeShape>> run() {
    std::vector<NodeShape> out;
    for (const Term& s : m_g.subjects()) {
      if (!is_shape(s) || deactivated(s)) continue;
      NodeShape ns;
      ns.id = iri_of(s);
      ns.message = message(s);
      for (auto [key, list] : {std::pair{"targetClass", &ns.target_classes},
                               std::pair{"targetSubjectsOf", &ns.target_subjects_of},
                               std::pair{"targetObjectsOf", &ns.target_objects_of}})
        for (const Term& o : m_g.objects(s, kSh + key)) {
          if (!is_iri(o)) return bad(s, std::string("sh:") + key + " must be an IRI");
          list->push_back(iri_of(o));
        }
      for (const Term& o : m_g.objects(s, kSh + "targetNode")) ns.target_nodes.push_back(o);
      if (!m_g.objects(s, kSh + "path").empty()) {
        // A property shape with its own targets: its focus nodes are the targets.
        KG_TRY(PropertyShape ps, property(s, s));
        ns.properties.push_back(std::move(ps));
      } else {
        KG_TRY(ns.self, value_shape(s, {"targetClass", "targetSubjectsOf", "targetObjectsOf", "targetNode", "property"}));
        for (const Term& p : m_g.objects(s, kSh + "property")) {
          if (deactivated(p)) continue;
          KG_TRY(PropertyShape ps, property(p, s));
          ns.properties.push_back(std::move(ps));
        }
      }
      out.push_back(std::move(ns));
    }
    return out;
  }

 private:
  // A node shape: declared so, or given a target (https://www.w3.org/TR/shacl/#shapes).
  bool is_shape(const Term& s) const {
    if (m_g.objects(s, kRdfType).count(Iri::unchecked(kSh + "NodeShape"))) return true;
    for (const char* t : {"targetClass", "targetSubjectsOf", "targetObjectsOf", "targetNode"})
      if (!m_g.objects(s, kSh + t).empty()) return true;
    return false;
  }
  bool deactivated(const Term& s) const {
    for (const Term& d : m_g.objects(s, kSh + "deactivated"))
      if (!is_iri(d) && std::get<Literal>(d).lexical == "true") return true;
    return false;
  }
  std::string message(const Term& s) const {
    for (const Term& m : m_g.objects(s, kSh + "message"))
      if (!is_iri(m)) return std::get<Literal>(m).lexical;
    return {};
  }
  std::string name(const Term& s) const { return is_blank(s) ? "a blank-node shape" : short_name(iri_of(s)); }
  Error bad(const Term& s, const std::string& what) const {
    return make_error(Errc::parse, "shape " + name(s) + ": " + what, Location{kShapesName});
  }

  Result<std::size_t> count(const Term& s, const char* key) const {
    const auto& v = m_g.objects(s, kSh + key);
    if (v.size() != 1 || is_iri(*v.begin())) return bad(s, std::string("sh:") + key + " must be one integer");
    const std::string& lex = std::get<Literal>(*v.begin()).lexical;
    if (!well_formed(kXsd + "integer", lex) || lex[0] == '-') return bad(s, std::string("sh:") + key + " must be one integer >= 0");
    return static_cast<std::size_t>(std::strtoull(lex.c_str(), nullptr, 10));
  }

  Result<PropertyShape> property(const Term& p, const Term& owner) {
    PropertyShape ps;
    ps.id = is_blank(p) ? iri_of(owner) : iri_of(p);
    ps.message = message(p);
    const auto& path = m_g.objects(p, kSh + "path");
    if (path.size() != 1 || !is_iri(*path.begin()) || is_blank(*path.begin()))
      return bad(p, "sh:path must be one predicate IRI (property paths are not implemented)");
    ps.path = iri_of(*path.begin());
    if (!m_g.objects(p, kSh + "minCount").empty()) {
      KG_TRY(ps.min_count, count(p, "minCount"));
    }
    if (!m_g.objects(p, kSh + "maxCount").empty()) {
      KG_TRY(ps.max_count, count(p, "maxCount"));
    }
    for (const Term& o : m_g.objects(p, kSh + "lessThanOrEquals")) {
      if (!is_iri(o)) return bad(p, "sh:lessThanOrEquals must be a predicate IRI");
      ps.less_than_or_equals.push_back(iri_of(o));
    }
    for (const Term& q : m_g.objects(p, kSh + "qualifiedValueShape")) {
      Qualified qs;
      KG_TRY(qs.shape, value_shape(q, {}));
      if (!m_g.objects(p, kSh + "qualifiedMinCount").empty()) {
        KG_TRY(qs.min, count(p, "qualifiedMinCount"));
      }
      if (!m_g.objects(p, kSh + "qualifiedMaxCount").empty()) {
        KG_TRY(qs.max, count(p, "qualifiedMaxCount"));
      }
      ps.qualified.push_back(std::move(qs));
    }
    KG_TRY(ps.values, value_shape(p, {"path", "minCount", "maxCount", "lessThanOrEquals", "qualifiedValueShape",
                                      "qualifiedMinCount", "qualifiedMaxCount"}));
    return ps;
  }

  // The value constraints of shape `s`; `handled` lists sh: terms read by the caller.
  Result<ValueShape> value_shape(const Term& s, std::set<std::string> handled) {
    if (++m_depth > 32) return bad(s, "sh:or nests too deep (a cycle?)");
    struct Leave {
      int& d;
      ~Leave() { --d; }
    } leave{m_depth};
    ValueShape v;
    for (const Term& l : m_g.objects(s, kRdfs + "label"))
      if (!is_iri(l)) v.label = std::get<Literal>(l).lexical;
    for (const auto& [pred, objects] : m_g.predicates(s)) {
      if (pred.compare(0, kSh.size(), kSh) != 0) continue;  // rdf:type, rdfs:comment, …
      const std::string key = pred.substr(kSh.size());
      if (handled.count(key) || kNonValidating.count(key)) continue;
      for (const Term& o : objects) {
        const Literal* lit = std::get_if<Literal>(&o);
        if (key == "class" || key == "datatype" || key == "nodeKind") {
          if (!is_iri(o)) return bad(s, "sh:" + key + " must be an IRI");
          (key == "class" ? v.classes : key == "datatype" ? v.datatypes : v.node_kinds).push_back(iri_of(o));
        } else if (key == "pattern") {
          if (!lit) return bad(s, "sh:pattern must be a string");
          if (!m_g.objects(s, kSh + "flags").empty()) return bad(s, "sh:flags is not implemented");
          try {
            v.patterns.emplace_back(lit->lexical, std::regex(lit->lexical, std::regex::ECMAScript));
          } catch (const std::regex_error&) {
            return bad(s, "sh:pattern " + lit->to_ntriples() + " is not a valid regular expression");
          }
        } else if (key == "minInclusive" || key == "maxInclusive") {
          auto n = number(o);
          if (!n) return bad(s, "sh:" + key + " must be an xsd:integer or xsd:decimal literal");
          const bool min = key == "minInclusive";
          (min ? v.min_inclusive : v.max_inclusive).push_back(*n);
          (min ? v.min_text : v.max_text).push_back(lit->lexical);
        } else if (key == "in") {
          KG_TRY(auto items, m_g.list(o, "sh:in of " + name(s)));
          v.in.push_back(std::move(items));
        } else if (key == "or") {
          KG_TRY(auto members, m_g.list(o, "sh:or of " + name(s)));
          std::vector<ValueShape> alternatives;
          for (const Term& m : members) {
            KG_TRY(ValueShape alt, value_shape(m, {}));
            alternatives.push_back(std::move(alt));
          }
          v.ors.push_back(std::move(alternatives));
        } else {
          return make_error(Errc::usage, "shape " + name(s) + " uses sh:" + key + ", which kgbuild's SHACL validator does not implement",
                            Location{kShapesName});
        }
      }
    }
    return v;
  }

  const ShapesGraph& m_g;
  int m_depth = 0;
};

// ---- the data graph

// Values by predicate (subject → objects), read from the Redland model with one SELECT
// per predicate before validation starts.
class DataGraph {
 public:
  using BySubject = std::map<Term, std::set<Term>>;

  Result<void> load(const rl::Model& model, const std::string& predicate, const Diagnostics& diagnostics) {
    if (m_by_predicate.count(predicate)) return {};
    auto iri = rl::sparql_iri(predicate);
    if (!iri) return make_error(Errc::parse, "not an IRI usable in SPARQL: " + predicate, Location{kShapesName});
    KG_TRY(auto result, rl::select(model, "SELECT ?s ?o WHERE { ?s " + *iri + " ?o }", diagnostics));
    BySubject& slot = m_by_predicate[predicate];
    for (const auto& row : result.rows) {
      // One pattern, both variables always bound: anything else is a Rasqal bug.
      if (row.size() != 2 || !row[0] || !row[1] || !is_iri(*row[0]))
        return make_error(Errc::internal, "Rasqal returned an incomplete row for " + *iri);
      slot[*row[0]].insert(*row[1]);
    }
    return {};
  }

  const BySubject& by_subject(const std::string& predicate) const {
    static const BySubject kNone;
    auto it = m_by_predicate.find(predicate);
    return it == m_by_predicate.end() ? kNone : it->second;
  }
  const std::set<Term>& values(const Term& focus, const std::string& predicate) const {
    static const std::set<Term> kNone;
    const auto& m = by_subject(predicate);
    auto it = m.find(focus);
    return it == m.end() ? kNone : it->second;
  }

 private:
  std::map<std::string, BySubject> m_by_predicate;
};

// ---- validation

class Validator {
 public:
  explicit Validator(const DataGraph& data) : m_data(data) {}

  std::vector<Violation> run(const std::vector<NodeShape>& shapes) {
    for (const NodeShape& ns : shapes)
      for (const Term& focus : targets(ns)) check_node(ns, focus);
    std::sort(m_out.begin(), m_out.end(), [](const Violation& a, const Violation& b) {
      return std::tie(a.focus_node, a.path, a.shape, a.message) < std::tie(b.focus_node, b.path, b.shape, b.message);
    });
    m_out.erase(std::unique(m_out.begin(), m_out.end(),
                            [](const Violation& a, const Violation& b) {
                              return std::tie(a.focus_node, a.path, a.shape, a.message) ==
                                     std::tie(b.focus_node, b.path, b.shape, b.message);
                            }),
                m_out.end());
    return std::move(m_out);
  }

 private:
  // `cls` and its subclasses through rdfs:subClassOf in the data graph
  // (https://www.w3.org/TR/shacl/#dfn-shacl-subclass).
  const std::set<std::string>& subclasses(const std::string& cls) {
    auto it = m_subclasses.find(cls);
    if (it != m_subclasses.end()) return it->second;
    std::set<std::string> found{cls};
    for (bool grew = true; grew;) {
      grew = false;
      for (const auto& [sub, supers] : m_data.by_subject(kSubClassOf))
        for (const Term& sup : supers)
          if (is_iri(sup) && found.count(iri_of(sup)) && is_iri(sub) && found.insert(iri_of(sub)).second) grew = true;
    }
    return m_subclasses.emplace(cls, std::move(found)).first->second;
  }

  bool instance_of(const Term& v, const std::string& cls) {
    const auto& classes = subclasses(cls);
    for (const Term& t : m_data.values(v, kRdfType))
      if (is_iri(t) && classes.count(iri_of(t))) return true;
    return false;
  }

  std::set<Term> targets(const NodeShape& ns) {
    std::set<Term> out(ns.target_nodes.begin(), ns.target_nodes.end());
    for (const auto& cls : ns.target_classes)
      for (const auto& [s, types] : m_data.by_subject(kRdfType))
        if (instance_of(s, cls)) out.insert(s);
    for (const auto& p : ns.target_subjects_of)
      for (const auto& [s, objects] : m_data.by_subject(p)) out.insert(s);
    for (const auto& p : ns.target_objects_of)
      for (const auto& [s, objects] : m_data.by_subject(p)) out.insert(objects.begin(), objects.end());
    return out;
  }

  // "kg:Person <https://…/person/p>" for a typed IRI, the term alone otherwise.
  std::string describe(const Term& v) const {
    if (!is_iri(v)) return show(v);
    std::vector<std::string> types;
    for (const Term& t : m_data.values(v, kRdfType)) types.push_back(show(t));
    std::string self = "<" + iri_of(v) + ">";
    if (types.empty()) return self + " (no rdf:type)";
    std::string joined;
    for (const auto& t : types) joined += (joined.empty() ? "" : ", ") + t;
    return joined + " " + self;
  }

  // What `shape` asks of a value, for messages ("an instance of kg:Place").
  static std::vector<std::pair<std::string, std::string>> expectations(const ValueShape& s) {
    std::vector<std::pair<std::string, std::string>> out;
    if (!s.label.empty()) return {{"", s.label}};
    for (const auto& c : s.classes) out.emplace_back("an instance of", short_name(c));
    for (const auto& d : s.datatypes) out.emplace_back("datatype", short_name(d));
    for (const auto& k : s.node_kinds) out.emplace_back("node kind", short_name(k));
    for (const auto& [text, re] : s.patterns) out.emplace_back("a value matching", text);
    for (const auto& m : s.min_text) out.emplace_back("a value >=", m);
    for (const auto& m : s.max_text) out.emplace_back("a value <=", m);
    if (!s.in.empty() || !s.ors.empty()) out.emplace_back("", "a value conforming to a nested shape");
    return out;
  }
  // "an instance of kg:Place, kg:Country or kg:Region" for a list of alternatives.
  static std::string describe_alternatives(const std::vector<ValueShape>& alts) {
    std::vector<std::pair<std::string, std::string>> all;
    for (const auto& a : alts) {
      auto e = expectations(a);
      if (e.size() != 1) all.emplace_back("", "a value conforming to one of " + std::to_string(alts.size()) + " shapes");
      else all.push_back(e.front());
    }
    std::vector<std::string> phrases;
    for (std::size_t i = 0; i < all.size();) {  // group runs of the same kind
      std::vector<std::string> items;
      std::size_t j = i;
      for (; j < all.size() && all[j].first == all[i].first; ++j) items.push_back(all[j].second);
      phrases.push_back((all[i].first.empty() ? "" : all[i].first + " ") + join_or(items));
      i = j;
    }
    return join_or(phrases);
  }

  static bool node_kind_ok(const std::string& kind, const Term& v) {
    const bool literal = !is_iri(v), blank = is_blank(v), iri = is_iri(v) && !blank;
    const std::string k = kind.substr(kSh.size());
    return (k == "IRI" && iri) || (k == "Literal" && literal) || (k == "BlankNode" && blank) ||
           (k == "BlankNodeOrIRI" && !literal) || (k == "BlankNodeOrLiteral" && !iri) || (k == "IRIOrLiteral" && !blank);
  }

  // Every failure of `v` against `s`, each as "expected …, found …".
  std::vector<std::string> check_value(const ValueShape& s, const Term& v) {
    std::vector<std::string> why;
    for (const auto& c : s.classes)
      if (!instance_of(v, c)) why.push_back("expected an instance of " + short_name(c) + ", found " + describe(v));
    for (const auto& d : s.datatypes) {
      const Literal* l = std::get_if<Literal>(&v);
      if (!l || datatype_of(*l) != d)
        why.push_back("expected datatype " + short_name(d) + ", found " + show(v));
      else if (!well_formed(d, l->lexical))
        why.push_back("expected datatype " + short_name(d) + ", found " + show(v) + ", which is not a valid " + short_name(d));
    }
    for (const auto& k : s.node_kinds)
      if (!node_kind_ok(k, v)) why.push_back("expected node kind " + short_name(k) + ", found " + show(v));
    for (const auto& [text, re] : s.patterns) {
      const std::string subject = is_iri(v) ? iri_of(v) : std::get<Literal>(v).lexical;  // SPARQL str()
      if (is_blank(v) || !std::regex_search(subject, re))
        why.push_back("expected a value matching " + text + ", found " + show(v));
    }
    const auto n = number(v);
    for (std::size_t i = 0; i < s.min_inclusive.size(); ++i)
      if (!n || *n < s.min_inclusive[i]) why.push_back("expected a number >= " + s.min_text[i] + ", found " + show(v));
    for (std::size_t i = 0; i < s.max_inclusive.size(); ++i)
      if (!n || *n > s.max_inclusive[i]) why.push_back("expected a number <= " + s.max_text[i] + ", found " + show(v));
    for (const auto& items : s.in)
      if (std::find(items.begin(), items.end(), v) == items.end()) {
        std::vector<std::string> shown;
        for (const Term& item : items) shown.push_back(show(item));
        std::string expected = "one of " + join_or(shown);
        if (items.size() > 5) {  // long lists (kg's 43 properties) are abridged
          expected = "one of " + std::to_string(items.size()) + " values (";
          for (std::size_t i = 0; i < 5; ++i) expected += shown[i] + ", ";
          expected += "…)";
        }
        why.push_back("expected " + expected + ", found " + show(v));
      }
    for (const auto& alternatives : s.ors) {
      bool any = false;
      for (const auto& alt : alternatives)
        if (check_value(alt, v).empty()) {
          any = true;
          break;
        }
      if (!any) why.push_back("expected " + describe_alternatives(alternatives) + ", found " + describe(v));
    }
    return why;
  }

  void report(const Term& focus, const std::string& path, const std::string& shape, const std::string& message,
              const std::string& why) {
    m_out.push_back(Violation{is_iri(focus) ? iri_of(focus) : ontology::to_ntriples(focus), path,
                              message.empty() ? why : message + ": " + why, shape});
  }

  static std::string count_text(std::optional<std::size_t> min, std::optional<std::size_t> max) {
    auto values = [](std::size_t n) { return std::to_string(n) + (n == 1 ? " value" : " values"); };
    if (min && max && *min == *max) return "exactly " + values(*min);
    if (min && max) return "between " + std::to_string(*min) + " and " + values(*max);
    return min ? "at least " + values(*min) : "at most " + values(*max);
  }
  static std::string found_text(const std::vector<Term>& vs) {
    std::string out = std::to_string(vs.size());
    for (std::size_t i = 0; i < vs.size(); ++i) out += (i == 0 ? ": " : ", ") + show(vs[i]);
    return out;
  }

  void check_node(const NodeShape& ns, const Term& focus) {
    for (const auto& why : check_value(ns.self, focus)) report(focus, "", ns.id, ns.message, why);
    for (const PropertyShape& ps : ns.properties) {
      const auto& set = m_data.values(focus, ps.path);
      const std::vector<Term> values(set.begin(), set.end());
      const std::string path = short_name(ps.path);
      if ((ps.min_count && values.size() < *ps.min_count) || (ps.max_count && values.size() > *ps.max_count))
        report(focus, ps.path, ps.id, ps.message,
               "expected " + count_text(ps.min_count, ps.max_count) + " of " + path + ", found " + found_text(values));
      for (const Term& v : values)
        for (const auto& why : check_value(ps.values, v)) report(focus, ps.path, ps.id, ps.message, why);
      for (const auto& other : ps.less_than_or_equals)
        for (const Term& v : values)
          for (const Term& w : m_data.values(focus, other)) {
            auto a = number(v), b = number(w);
            if (!a || !b || *a > *b)
              report(focus, ps.path, ps.id, ps.message,
                     "expected a number <= the " + short_name(other) + " value " + show(w) + ", found " + show(v));
          }
      for (const Qualified& q : ps.qualified) {
        std::vector<Term> conforming;
        for (const Term& v : values)
          if (check_value(q.shape, v).empty()) conforming.push_back(v);
        if ((q.min && conforming.size() < *q.min) || (q.max && conforming.size() > *q.max)) {
          auto e = expectations(q.shape);
          std::string what = e.size() == 1 ? (e[0].first.empty() ? "" : e[0].first + " ") + e[0].second
                                           : "a value conforming to the qualified shape";
          report(focus, ps.path, ps.id, ps.message,
                 "expected " + count_text(q.min, q.max) + " of " + path + " that is " + what + ", found " +
                     found_text(conforming));
        }
      }
    }
  }

  const DataGraph& m_data;
  std::map<std::string, std::set<std::string>> m_subclasses;
  std::vector<Violation> m_out;
};

// Every predicate whose values validation reads.
std::set<std::string> predicates_needed(const std::vector<NodeShape>& shapes) {
  std::set<std::string> out{kRdfType, kSubClassOf};
  for (const NodeShape& ns : shapes) {
    out.insert(ns.target_subjects_of.begin(), ns.target_subjects_of.end());
    out.insert(ns.target_objects_of.begin(), ns.target_objects_of.end());
    for (const PropertyShape& ps : ns.properties) {
      out.insert(ps.path);
      out.insert(ps.less_than_or_equals.begin(), ps.less_than_or_equals.end());
    }
  }
  return out;
}

}  // namespace

Result<std::vector<Violation>> validate(const Dataset& data, std::string_view shapes, const Diagnostics& diagnostics) {
  auto shapes_model = rl::Model::from_turtle(shapes, kShapesName, "https://w3id.org/kgbuild/shapes", diagnostics);
  if (!shapes_model.ok()) {
    Error e = shapes_model.error();
    e.code = Errc::parse;
    e.message = "cannot read the SHACL shapes: " + e.message;
    if (e.where.file.empty()) e.where.file = kShapesName;
    return e;
  }
  const ShapesGraph shapes_graph(shapes_model->quads());
  KG_TRY(auto compiled, Compiler(shapes_graph).run());

  KG_TRY(rl::Model model, rl::Model::from_dataset(data, diagnostics));
  DataGraph data_graph;
  for (const auto& p : predicates_needed(compiled)) KG_TRY_VOID(data_graph.load(model, p, diagnostics));
  return Validator(data_graph).run(compiled);
}

}  // namespace kg::rdfio
