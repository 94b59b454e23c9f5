#include "options.hpp"

#include <algorithm>

namespace kg::cli {

Result<ParsedArgs> parse_args(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs) {
  ParsedArgs out;
  bool only_positional = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (only_positional || a.size() < 2 || a[0] != '-') {
      out.positional.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    std::string name;
    std::optional<std::string> inline_value;
    const OptionSpec* spec = nullptr;
    if (a[1] == '-') {
      name = a.substr(2);
      if (auto eq = name.find('='); eq != std::string::npos) {
        inline_value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      for (const auto& s : specs)
        if (s.name == name) spec = &s;
    } else {
      for (const auto& s : specs)
        if (s.short_name && a.size() == 2 && a[1] == s.short_name) spec = &s;
      if (!spec && a.size() > 2) {
        for (const auto& s : specs)
          if (s.short_name == a[1] && s.takes_value) {
            spec = &s;
            inline_value = a.substr(2);
          }
      }
    }
    if (!spec) return make_error(Errc::usage, "unknown option '" + a + "'");
    std::string value;
    if (spec->takes_value) {
      if (inline_value) value = *inline_value;
      else if (i + 1 < args.size()) value = args[++i];
      else return make_error(Errc::usage, "option '--" + spec->name + "' expects a value (" + spec->value_name + ")");
    } else if (inline_value) {
      return make_error(Errc::usage, "option '--" + spec->name + "' takes no value");
    }
    auto& slot = out.values[spec->name];
    if (!spec->repeatable) slot.clear();
    slot.push_back(value);
  }
  return out;
}

std::string format_help(const std::vector<OptionSpec>& specs) {
  std::vector<std::pair<std::string, std::string>> rows;
  std::size_t width = 0;
  for (const auto& s : specs) {
    std::string left = s.short_name ? std::string("-") + s.short_name + ", " : "    ";
    left += "--" + s.name;
    if (s.takes_value) left += " " + s.value_name;
    width = std::max(width, left.size());
    rows.emplace_back(left, s.help);
  }
  std::string out;
  for (const auto& [l, h] : rows) out += "  " + l + std::string(width - l.size() + 3, ' ') + h + "\n";
  return out;
}

}  // namespace kg::cli
