// kg::cli — the kgbuild command line: `build`, `validate`, `query`, `load`, `view`,
// `path`. cli/main.cpp only calls run(). Exit codes: 0 ok, 1 failure, 2 usage error.
#pragma once

#include <iosfwd>

namespace kg::cli {

/// Runs kgbuild with `argv`; writes results to `out` and diagnostics to `err`.
/// Catches kg::ErrorException / kg::Fatal (the only place that does) and returns the
/// exit code.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace kg::cli
