// The `virtuoso:URL` Backend of kg::store (virtuoso_backend.cpp), private to kg_store.
#pragma once

#include <memory>
#include <string>

#include "store/store.hpp"

namespace kg::store {

/// A backend on the Virtuoso server named by `uri` ("virtuoso:http://HOST:PORT"; the
/// account that loads from the URI's user info, else $KG_VIRTUOSO_USER and
/// $KG_VIRTUOSO_PASSWORD, else dba/dba), after
/// one query has shown that it answers (with the endpoint's bounded retry). Errors:
/// Errc::usage for a malformed URI, Errc::io naming the URL and the reason when the
/// server cannot be reached.
Result<std::unique_ptr<Backend>> open_virtuoso(const std::string& uri);

}  // namespace kg::store
