// Placeholder until the build command lands (see issue 2).
#include <ostream>

#include "cli/cli.hpp"

namespace kg::cli {
int run(int, const char* const*, std::ostream& out, std::ostream&) {
  out << "usage: kgbuild <command> [options]\n";
  return 2;
}
}  // namespace kg::cli
