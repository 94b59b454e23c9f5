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

namespace {
bool safe_local(const std::string& s) {
  if (s.empty()) return false;
  auto word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  if (!word(s.front()) || !word(s.back())) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return word(c) || c == '-'; });
}
}  // namespace

std::string compact(const std::string& iri) {
  std::string best;
  std::size_t best_len = 0;
  for (const auto& [p, ns] : prefixes()) {
    if (ns.size() > best_len && iri.size() > ns.size() && iri.compare(0, ns.size(), ns) == 0 &&
        safe_local(iri.substr(ns.size()))) {
      best = p + ":" + iri.substr(ns.size());
      best_len = ns.size();
    }
  }
  return best;
}

}  // namespace kg::rdfio::detail
