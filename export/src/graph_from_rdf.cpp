// RDF written by kgbuild → graph::Graph, for commands that work on built graphs
// (`kgbuild view/path --graph FILE`). graph::Graph is only built through add(DocResult),
// so the dataset is cut back into one DocResult per SourceDocument: its entities are
// those mentionedIn it, its relations and attributes those whose Assertion
// prov:wasDerivedFrom it. add() then rebuilds labels, evidence and sources by union,
// exactly as when the graph was first built.
// Returning the Graph copies its adjacency_list (Boost 1.74's has no move constructor),
// whose copy_impl default-constructs an Edge and copies it before assigning the real
// one; graph::Edge::property has no initialiser, so GCC warns about that harmless read.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>

#include "export/views.hpp"

namespace kg::rdfio {
namespace {

using ontology::Class;

std::string kg(std::string_view local) { return std::string(ontology::kNamespace) + std::string(local); }

std::optional<std::string_view> kg_local(const std::string& iri) {
  if (iri.size() <= ontology::kNamespace.size() || iri.compare(0, ontology::kNamespace.size(), ontology::kNamespace) != 0)
    return std::nullopt;
  return std::string_view(iri).substr(ontology::kNamespace.size());
}

const std::string* iri_of(const Term& t) { return std::holds_alternative<Iri>(t) ? &std::get<Iri>(t).str() : nullptr; }
const Literal* literal_of(const Term& t) { return std::get_if<Literal>(&t); }

// Everything said about one subject, by predicate (objects sorted, as the dataset is).
using Description = std::map<std::string, std::vector<const Term*>>;

const Term* first(const Description& d, const std::string& p) {
  auto it = d.find(p);
  return it == d.end() || it->second.empty() ? nullptr : it->second.front();
}

template <class T>
T number(const Description& d, const std::string& p, T fallback) {
  const Term* t = first(d, p);
  const Literal* l = t ? literal_of(*t) : nullptr;
  if (!l) return fallback;
  T value{};
  auto [end, ec] = std::from_chars(l->lexical.data(), l->lexical.data() + l->lexical.size(), value);
  return ec == std::errc() && end == l->lexical.data() + l->lexical.size() ? value : fallback;
}

std::string text(const Description& d, const std::string& p) {
  const Term* t = first(d, p);
  const Literal* l = t ? literal_of(*t) : nullptr;
  return l ? l->lexical : std::string();
}

ontology::Datatype datatype_of(const Literal& l) {
  using ontology::Datatype;
  for (Datatype d : {Datatype::date, Datatype::gYearMonth, Datatype::gYear, Datatype::decimal, Datatype::integer})
    if (l.datatype == ontology::iri(d)) return d;
  return Datatype::string;
}

// The entity's class: among its kg types the one whose slug is the IRI's class
// segment (<base><slug>/<name>), else the first in ontology order.
std::optional<Class> class_of(const std::string& iri, const std::set<Class>& types) {
  if (types.empty()) return std::nullopt;
  for (Class c : types) {
    std::string prefix = std::string(ontology::kResourceBase) + std::string(ontology::slug(c)) + "/";
    if (iri.compare(0, prefix.size(), prefix) == 0) return c;
  }
  return *types.begin();
}

std::string name_of(const std::string& iri) {
  auto slash = iri.find_last_of("/#");
  std::string last = slash == std::string::npos ? iri : iri.substr(slash + 1);
  return last.empty() ? ontology::normalise_name(iri) : last;
}

Error missing(const std::string& what, const std::string& iri, const std::string& property) {
  return make_error(Errc::parse, what + " <" + iri + "> has no " + property);
}

}  // namespace

Result<graph::Graph> graph_from_dataset(const Dataset& dataset) {
  std::map<std::string, Description> about;
  for (const auto& q : dataset.quads) about[q.subject.str()][q.predicate.str()].push_back(&q.object);
  for (auto& [s, d] : about)
    for (auto& [p, objects] : d) {
      std::sort(objects.begin(), objects.end(), [](const Term* a, const Term* b) { return *a < *b; });
      objects.erase(std::unique(objects.begin(), objects.end(), [](const Term* a, const Term* b) { return *a == *b; }),
                    objects.end());
    }

  const std::string rdf_type = vocab::rdf_type;
  std::map<std::string, std::set<Class>> types;
  for (const auto& [s, d] : about) {
    auto it = d.find(rdf_type);
    if (it == d.end()) continue;
    for (const Term* t : it->second)
      if (const std::string* o = iri_of(*t))
        if (auto local = kg_local(*o))
          if (auto c = ontology::class_from_name(*local)) types[s].insert(*c);
  }

  // Source documents, by IRI, each with the DocResult it will feed.
  std::map<std::string, std::string> file_of;  // SourceDocument IRI → file name
  std::map<std::string, extract::DocResult> docs;  // file name → document
  for (const auto& [s, cls] : types) {
    if (!cls.count(Class::SourceDocument)) continue;
    const Description& d = about[s];
    extract::SourceInfo info;
    info.file_name = text(d, kg("fileName"));
    if (info.file_name.empty()) return missing("SourceDocument", s, "kg:fileName");
    info.sha256 = text(d, kg("sha256"));
    info.byte_size = number<std::size_t>(d, kg("byteSize"), 0);
    file_of[s] = info.file_name;
    docs[info.file_name].source = info;
  }

  // Entities and their keys.
  std::map<std::string, extract::EntityRecord> entities;  // IRI → record
  for (const auto& [s, cls] : types) {
    if (cls.count(Class::SourceDocument) || cls.count(Class::Assertion)) continue;
    const Description& d = about[s];
    extract::EntityRecord e;
    e.key = ontology::EntityKey{*class_of(s, cls), name_of(s)};
    std::vector<std::string> names;
    for (const auto& p : {vocab::rdfs_label, vocab::skos_altLabel})
      if (auto it = d.find(p); it != d.end())
        for (const Term* t : it->second)
          if (const Literal* l = literal_of(*t)) names.push_back(l->lexical);
    if (const Term* label = first(d, vocab::rdfs_label); label && literal_of(*label)) e.label = literal_of(*label)->lexical;
    for (const auto& n : names)
      if (n != e.label) e.alt_labels.insert(n);
    if (auto it = d.find(kg("mentionedIn")); it != d.end())
      for (const Term* t : it->second)
        if (const std::string* src = iri_of(*t))
          if (auto f = file_of.find(*src); f != file_of.end()) docs[f->second].entities.push_back(e);
    entities.emplace(s, std::move(e));
  }

  // Statements, from their Assertions.
  for (const auto& [s, cls] : types) {
    if (!cls.count(Class::Assertion)) continue;
    const Description& d = about[s];
    const Term* subject = first(d, vocab::rdf_subject);
    const Term* predicate = first(d, vocab::rdf_predicate);
    const Term* object = first(d, vocab::rdf_object);
    const Term* source = first(d, vocab::prov_wasDerivedFrom);
    if (!subject || !iri_of(*subject)) return missing("Assertion", s, "rdf:subject IRI");
    if (!predicate || !iri_of(*predicate)) return missing("Assertion", s, "rdf:predicate IRI");
    if (!object) return missing("Assertion", s, "rdf:object");
    if (!source || !iri_of(*source)) return missing("Assertion", s, "prov:wasDerivedFrom");
    auto file = file_of.find(*iri_of(*source));
    if (file == file_of.end())
      return make_error(Errc::parse, "Assertion <" + s + "> is derived from <" + *iri_of(*source) +
                                         ">, which is not a kg:SourceDocument with a kg:fileName");
    auto subj = entities.find(*iri_of(*subject));
    auto local = kg_local(*iri_of(*predicate));
    if (subj == entities.end() || !local) continue;  // not about a kgbuild entity or property
    extract::Evidence ev;
    ev.file_name = file->second;
    ev.char_start = number<std::size_t>(d, kg("charStart"), 0);
    ev.char_end = number<std::size_t>(d, kg("charEnd"), 0);
    ev.text = text(d, kg("evidence"));
    ev.rule = text(d, kg("rule"));
    ev.confidence = number<double>(d, kg("confidence"), 0.0);
    extract::DocResult& doc = docs[file->second];
    if (auto p = ontology::property_from_name(*local); p && iri_of(*object)) {
      auto obj = entities.find(*iri_of(*object));
      if (obj != entities.end()) doc.relations.push_back({subj->second.key, *p, obj->second.key, ev});
    } else if (auto dp = ontology::data_property_from_name(*local); dp && literal_of(*object)) {
      const Literal& l = *literal_of(*object);
      doc.attributes.push_back({subj->second.key, *dp, l.lexical, datatype_of(l), ev});
    }
  }

  graph::Graph g;
  for (auto& [file, doc] : docs) {
    std::sort(doc.entities.begin(), doc.entities.end(),
              [](const extract::EntityRecord& a, const extract::EntityRecord& b) { return a.key < b.key; });
    g.add(doc);
  }
  return Result<graph::Graph>(std::move(g));
}

}  // namespace kg::rdfio
