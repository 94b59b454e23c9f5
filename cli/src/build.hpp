// `kgbuild build`: read inputs, extract, merge into one graph, write the outputs.
#pragma once

#include <string>
#include <vector>

#include "export/export.hpp"

namespace kg::cli {

struct BuildOptions {
  std::vector<std::string> inputs;  ///< files or directories (recursed, sorted)
  std::string output_dir;
  std::string data_dir;             ///< extract data folder
  bool strict = false;              ///< a skipped input makes the run fail
  bool progress = false;            ///< show progress on stderr
  unsigned jobs = 1;                ///< extraction threads
  std::string store_uri;            ///< also load the graph into this store (kgbuild load), if set
};

struct BuildSummary {
  std::size_t documents = 0;  ///< processed
  std::size_t skipped = 0;    ///< inputs reported and skipped
  std::size_t entities = 0;
  std::size_t relations = 0;
  std::size_t triples = 0;
  std::vector<std::string> outputs;  ///< paths written
};

/// Runs the build. Inputs that cannot be decoded are reported through `diagnostics`
/// and skipped; missing paths and unwritable outputs are errors (Errc::io naming the
/// path). Errc::validation when `strict` and an input was skipped (outputs are not
/// written then).
Result<BuildSummary> run_build(const BuildOptions& options, const Diagnostics& diagnostics);

/// Expands files and directories into a sorted list of regular files (hidden files
/// and folders skipped). Errors: Errc::io naming each missing path.
Result<std::vector<std::string>> expand_inputs(const std::vector<std::string>& inputs);

}  // namespace kg::cli
