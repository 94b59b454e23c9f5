// kg::ontology — the bottom layer: the ontology's vocabulary, RDF value types, entity
// keys, the Result/Error types every part uses, and the ontology files themselves
// (Turtle, SHACL shapes, JSON-LD context), embedded in the library at build time.
#pragma once

#include <string_view>

#include "ontology/key.hpp"
#include "ontology/rdf.hpp"
#include "ontology/result.hpp"
#include "ontology/vocab.hpp"

namespace kg::ontology {

/// ontology/ontology.ttl as built into the library (OWL 2 + RDFS, Turtle).
std::string_view ontology_turtle();
/// ontology/shapes.ttl (SHACL shapes for a well-formed kgbuild graph).
std::string_view shapes_turtle();
/// ontology/context.jsonld (the JSON-LD 1.1 context).
std::string_view context_jsonld();

}  // namespace kg::ontology
