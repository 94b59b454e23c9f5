// Prefixes of kgbuild's RDF files and the compaction of IRIs to prefixed names.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace kg::rdfio::detail {

/// (prefix, namespace IRI) pairs, sorted by prefix: ontology, standard vocabularies and
/// one prefix per resource folder ("person:" …).
const std::vector<std::pair<std::string, std::string>>& prefixes();

/// "kg:Person" when `iri` starts with a known namespace and the rest is a safe local
/// name (letters, digits, '_' and inner '-'; never needing PN_LOCAL_ESC, which
/// Virtuoso mishandles); empty otherwise.
std::string compact(const std::string& iri);

}  // namespace kg::rdfio::detail
