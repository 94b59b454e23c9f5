// A small command-line option parser for the subcommands: long options with or
// without values, short aliases, positional arguments, one-line help per option.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ontology/result.hpp"

namespace kg::cli {

struct OptionSpec {
  std::string name;        ///< long name without dashes ("output")
  char short_name = 0;     ///< 'o', or 0
  bool takes_value = false;
  bool repeatable = false;
  std::string value_name;  ///< shown in help ("DIR")
  std::string help;        ///< one line
};

struct ParsedArgs {
  std::map<std::string, std::vector<std::string>> values;  ///< option → values ("" for flags)
  std::vector<std::string> positional;
  bool has(const std::string& name) const { return values.count(name) > 0; }
  std::optional<std::string> get(const std::string& name) const {
    auto it = values.find(name);
    if (it == values.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
  }
  std::vector<std::string> all(const std::string& name) const {
    auto it = values.find(name);
    return it == values.end() ? std::vector<std::string>{} : it->second;
  }
};

/// Parses `args` against `specs`. Errors (Errc::usage): unknown option, missing value.
Result<ParsedArgs> parse_args(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs);
/// "  -o, --output DIR   help" lines.
std::string format_help(const std::vector<OptionSpec>& specs);

}  // namespace kg::cli
