// Shared by the subcommand implementations: the output/diagnostics context and the
// subcommand entry points (each parses its own options; 0 ok, 1 failure, 2 usage).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "ontology/result.hpp"
#include "options.hpp"

namespace kg::cli {

inline constexpr int kOk = 0, kFailure = 1, kUsage = 2;

struct Context {
  std::ostream& out;
  std::ostream& err;
  bool quiet = false;
  /// "kgbuild: error: <msg>" on stderr.
  void error(const std::string& msg) const { err << "kgbuild: error: " << msg << "\n"; }
  /// A Diagnostics sink printing GCC-style lines on stderr (silent for notes and
  /// warnings when quiet).
  Diagnostics sink() const;
};

/// The data folder: --data, then $KG_DATA_DIR, the source tree, the install tree.
std::string find_data_dir(const ParsedArgs& args);

using Args = std::vector<std::string>;
int cmd_build(const Args& argv, Context& ctx);
int cmd_extract(const Args& argv, Context& ctx);
int cmd_validate(const Args& argv, Context& ctx);
int cmd_view(const Args& argv, Context& ctx);  // view.cpp
int cmd_path(const Args& argv, Context& ctx);  // view.cpp
int cmd_query(const Args& argv, Context& ctx);  // query.cpp
int cmd_load(const Args& argv, Context& ctx);   // query.cpp

}  // namespace kg::cli
