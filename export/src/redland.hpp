// Private Redland (librdf + Rasqal) access for export/: a process-wide librdf_world,
// an in-memory model (with contexts) built from a Dataset, and SPARQL SELECT through
// Rasqal returning our value types. No Redland pointer leaves export/*.cpp.
#pragma once

#include <librdf.h>

#include <optional>
#include <string>
#include <vector>

#include "export/export.hpp"
#include "handle.hpp"

namespace kg::rdfio::detail {

using ModelHandle = Handle<librdf_model, librdf_free_model>;
using StorageHandle = Handle<librdf_storage, librdf_free_storage>;
using NodeHandle = Handle<librdf_node, librdf_free_node>;
using QueryHandle = Handle<librdf_query, librdf_free_query>;
using ResultsHandle = Handle<librdf_query_results, librdf_free_query_results>;

/// The shared librdf_world (created once, thread-safe initialisation).
librdf_world* world();

/// An in-memory Redland model. Movable, not copyable (owns storage and model).
struct Model {
  StorageHandle storage;
  ModelHandle model;
};

enum class Contexts { keep, drop };

/// Loads `data` into a new in-memory model; with Contexts::keep graph names become
/// contexts, with Contexts::drop the storage holds plain triples. (Rasqal is very slow
/// on a context-enabled storage whose statements have no context, so a dataset
/// without graph names should be loaded with Contexts::drop.)
/// Errors: Errc::internal when Redland cannot create the storage.
Result<Model> model_from_dataset(const Dataset& data, Contexts contexts);

/// One row of a SELECT: a value per variable, empty when unbound.
using Row = std::vector<std::optional<Term>>;

/// Runs a SPARQL SELECT with Rasqal. Errors: Errc::parse with Rasqal's message.
Result<std::vector<Row>> select(const Model& model, const std::string& sparql);

/// Term ↔ librdf_node (the node is owned by the caller).
NodeHandle to_node(const Term& t);
std::optional<Term> from_node(librdf_node* n);

}  // namespace kg::rdfio::detail
