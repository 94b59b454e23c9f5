// Prefixes of kgbuild's RDF files and the compaction of IRIs to prefixed names
// (Turtle PNAME_LN, https://www.w3.org/TR/turtle/#grammar-production-PNAME_LN; JSON-LD
// compact IRIs, https://www.w3.org/TR/json-ld11/#compact-iris). Private to export/.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kg::rdfio::detail {

/// (prefix, namespace IRI) pairs, sorted by prefix: `kg`, the standard vocabularies
/// (rdf, rdfs, skos, prov, xsd, owl) and one prefix per resource folder ("person",
/// "government-body", …, "assertion", "graph").
const std::vector<std::pair<std::string, std::string>>& prefixes();

/// True when `local` matches [A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?: a PN_LOCAL that
/// needs no PLX escape and has no dots, so every Turtle parser (and Virtuoso, which
/// keeps the backslash of PN_LOCAL_ESC) reads it back unchanged. It is also a safe
/// JSON-LD compact-IRI suffix (no "//", no ':').
bool is_plain_PN_LOCAL(std::string_view local);

/// Maps IRIs to (prefix, local) pairs. Copyable value; build once, then use from
/// one thread at a time or share read-only.
class Compactor {
 public:
  /// Adds a prefix; the last definition of a prefix name wins.
  void add(const std::string& prefix, const std::string& ns);
  /// (prefix, local) for the longest namespace that starts `iri` and leaves a plain
  /// PN_LOCAL; nullopt when none does (write the IRI in full).
  std::optional<std::pair<std::string_view, std::string_view>> split(std::string_view iri) const;
  /// "prefix:local", or `iri` itself when it cannot be compacted.
  std::string compact_or_full(std::string_view iri) const;
  /// The prefixes, sorted by name.
  const std::map<std::string, std::string>& by_prefix() const { return m_by_prefix; }

 private:
  std::map<std::string, std::string> m_by_prefix;
  // Namespace → prefix (the smallest name when several share a namespace); most
  // namespaces end in '/' or '#', so the candidate is found by one lookup.
  std::map<std::string, std::string, std::less<>> m_by_ns;
  void rebuild();
};

}  // namespace kg::rdfio::detail
