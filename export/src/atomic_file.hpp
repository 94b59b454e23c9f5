// AtomicFile: write to a temporary file in the target's folder, then commit() renames
// it into place; the destructor removes an uncommitted temporary (ccache
// core/atomicfile.hpp). Not copyable (owns a file), movable.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "ontology/result.hpp"

namespace kg::rdfio::detail {

class AtomicFile {
 public:
  /// Opens a temporary next to `path`. Errors: Errc::io naming `path`.
  static Result<AtomicFile> open(const std::string& path);
  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  AtomicFile(const AtomicFile&) = delete;
  ~AtomicFile();

  Result<void> write(std::string_view bytes);
  /// Flushes, syncs and renames over `path`.
  Result<void> commit();

 private:
  AtomicFile(std::string path, std::string tmp, std::FILE* f) : m_path(std::move(path)), m_tmp(std::move(tmp)), m_file(f) {}
  std::string m_path;
  std::string m_tmp;
  std::FILE* m_file = nullptr;
};

}  // namespace kg::rdfio::detail
