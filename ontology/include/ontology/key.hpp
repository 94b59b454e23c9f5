// Entity keys: the identity of an entity is its class plus its normalised name, so
// graphs built separately merge by union and IRIs are stable across runs.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "ontology/vocab.hpp"

namespace kg::ontology {

/// Normalised name: ICU "Any-Latin; Latin-ASCII", lower case, every run of characters
/// other than [a-z0-9] becomes one '-', trimmed. A name with nothing left (e.g. only
/// punctuation) gives "x" followed by the hex of its UTF-8 bytes' FNV-1a hash.
std::string normalise_name(std::string_view utf8_name);

struct EntityKey {
  Class cls = Class::Agent;
  std::string name;  ///< normalise_name() of the canonical name (or a minted id)
  auto operator<=>(const EntityKey&) const = default;
  bool operator==(const EntityKey&) const = default;
};

/// Key for an entity of class `c` called `label`.
EntityKey make_key(Class c, std::string_view label);
/// IRI of an entity: kResourceBase + slug(cls) + "/" + name.
std::string entity_iri(const EntityKey& key);

}  // namespace kg::ontology
