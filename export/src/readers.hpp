// Private to export/: the JSON-LD reader behind parse_text(…, Format::jsonld).
#pragma once

#include <string>
#include <string_view>

#include "export/export.hpp"

namespace kg::rdfio::detail {

/// Reads JSON-LD 1.1 in the form kgbuild writes (https://www.w3.org/TR/json-ld11/):
/// an inline "@context" object of prefixes and term definitions ({"@id"} with an
/// optional "@type" of "@id" or a datatype), node objects with "@id" and "@type",
/// values as strings (coerced by the term), {"@id"}, {"@value", "@type" | "@language"},
/// JSON integers and booleans, arrays, a top-level "@graph" and named graphs (a node
/// object with "@id" and "@graph"). This is not a full JSON-LD processor: blank nodes,
/// remote contexts, @vocab/@base, containers, @reverse, @list, embedded node objects
/// and other keywords are rejected. Errors: Errc::parse naming `file` (with line and
/// column for JSON syntax errors) and saying what was found.
Result<Dataset> read_jsonld(std::string_view text, const std::string& file);

}  // namespace kg::rdfio::detail
