// DESCRIBE for Rasqal, which parses DESCRIBE but answers it with an empty graph:
// the query is split into a SELECT of the resources to describe and one CONSTRUCT per
// resource. Private to store/.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kg::store::detail {

/// How to answer a DESCRIBE query (https://www.w3.org/TR/sparql11-query/#describe).
struct DescribePlan {
  std::string select;                  ///< SELECT DISTINCT of the described variables ("" when none)
  std::vector<std::string> constants;  ///< IRIs or prefixed names given directly
  std::string prologue;                ///< BASE/PREFIX text for the CONSTRUCT queries
};

/// The plan for `text` when it is a DESCRIBE query, nullopt otherwise (or when it
/// cannot be tokenised: Rasqal then reports the problem).
std::optional<DescribePlan> describe_plan(const std::string& text);

/// The CONSTRUCT query giving the description of `resource` (its triples as subject:
/// kgbuild's concise description), for a resource written as SPARQL text.
std::string describe_query(const DescribePlan& plan, const std::string& resource);

}  // namespace kg::store::detail
