#include "names.hpp"

#include <algorithm>

#include "ontology/ontology.hpp"

namespace kg::rdfio::detail {

const std::vector<std::pair<std::string, std::string>>& prefixes() {
  static const std::vector<std::pair<std::string, std::string>> k = [] {
    std::vector<std::pair<std::string, std::string>> v{
        {"kg", std::string(ontology::kNamespace)},  {"rdf", std::string(vocab::kRdf)},
        {"rdfs", std::string(vocab::kRdfs)},        {"skos", std::string(vocab::kSkos)},
        {"prov", std::string(vocab::kProv)},        {"xsd", std::string(vocab::kXsd)},
        {"owl", std::string(vocab::kOwl)},
    };
    const std::string base(ontology::kResourceBase);
    for (int i = 0; i < ontology::kClassCount; ++i) {
      auto slug = std::string(ontology::slug(static_cast<ontology::Class>(i)));
      v.emplace_back(slug, base + slug + "/");
    }
    v.emplace_back("graph", base + "graph/");
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  }();
  return k;
}

bool is_plain_PN_LOCAL(std::string_view s) {
  auto word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  if (s.empty() || !word(s.front()) || !word(s.back())) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return word(c) || c == '-'; });
}

void Compactor::add(const std::string& prefix, const std::string& ns) {
  m_by_prefix[prefix] = ns;
  rebuild();
}

void Compactor::rebuild() {
  m_by_ns.clear();
  for (const auto& [p, ns] : m_by_prefix) m_by_ns.emplace(ns, p);  // first (smallest) name kept
}

std::optional<std::pair<std::string_view, std::string_view>> Compactor::split(std::string_view iri) const {
  // A plain local part has no '/' or '#', so a namespace ending in one of them can only
  // be the IRI up to its last '/' or '#'.
  std::size_t cut = iri.find_last_of("/#");
  if (cut != std::string_view::npos) {
    auto it = m_by_ns.find(iri.substr(0, cut + 1));
    if (it != m_by_ns.end() && is_plain_PN_LOCAL(iri.substr(cut + 1)))
      return std::pair<std::string_view, std::string_view>{it->second, iri.substr(cut + 1)};
  }
  // Other namespaces (e.g. "urn:x:"): longest match.
  std::optional<std::pair<std::string_view, std::string_view>> best;
  std::size_t best_len = 0;
  for (const auto& [ns, p] : m_by_ns) {
    char last = ns.empty() ? '\0' : ns.back();
    if (last == '/' || last == '#') continue;
    if (ns.size() > best_len && iri.size() > ns.size() && iri.substr(0, ns.size()) == ns &&
        is_plain_PN_LOCAL(iri.substr(ns.size()))) {
      best = std::pair<std::string_view, std::string_view>{p, iri.substr(ns.size())};
      best_len = ns.size();
    }
  }
  return best;
}

std::string Compactor::compact_or_full(std::string_view iri) const {
  if (auto pl = split(iri)) return std::string(pl->first) + ":" + std::string(pl->second);
  return std::string(iri);
}

}  // namespace kg::rdfio::detail

namespace kg::rdfio {

const std::vector<std::pair<std::string, std::string>>& prefixes() { return detail::prefixes(); }

}  // namespace kg::rdfio
