// Shared helpers for the test suites: private temp dirs, running commands, files.
#pragma once

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace kg::test {

namespace fs = std::filesystem;

/// A fresh directory under the build tree's tests/tmp, named after `name`; emptied
/// when created (ccache TestContext idea).
inline fs::path temp_dir(const std::string& name) {
  // ctest runs test cases as parallel processes: the pid keeps their folders apart.
  fs::path dir = fs::path(KG_TEST_TMP) / (name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

inline void write_file(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

/// ../shared beside the checkout, or empty when absent (a user's clone).
inline fs::path shared_dir() {
  fs::path p(KG_SHARED_DIR);
  if (fs::exists(p / "corpus")) return p;
  return {};
}

struct CommandResult {
  int exit_code = -1;
  std::string out;  ///< stdout
  std::string err;  ///< stderr
};

/// Runs `command` through /bin/sh, capturing stdout and stderr separately.
inline CommandResult run_command(const std::string& command, const fs::path& scratch) {
  fs::create_directories(scratch);
  fs::path out = scratch / "cmd.stdout";
  fs::path err = scratch / "cmd.stderr";
  std::string full = command + " >'" + out.string() + "' 2>'" + err.string() + "'";
  int status = std::system(full.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

/// True when `tool` is on PATH.
inline bool have_tool(const std::string& tool) {
  return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0;
}

}  // namespace kg::test

/// Skips the current test case with a message when ../shared is absent.
#define KG_REQUIRE_SHARED()                                                      \
  do {                                                                           \
    if (kg::test::shared_dir().empty()) {                                        \
      MESSAGE("skipped: ../shared (corpus) not found beside the checkout");      \
      return;                                                                    \
    }                                                                            \
  } while (0)
