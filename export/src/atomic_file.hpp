// AtomicFile: every output file is written to a temporary file in the target's folder
// (".<name>.tmp-<pid>-<counter>"), flushed and fsync'ed, then `commit()` renames it over
// the target, so readers see the old file or the new one, never a half-written one.
// The destructor removes an uncommitted temporary and never renames (ccache
// core/atomicfile.hpp). Not copyable (owns a file); movable, the moved-from object
// owns nothing.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "ontology/result.hpp"

namespace kg::rdfio::detail {

class AtomicFile {
 public:
  /// Creates the temporary beside `path`. Errors: Errc::io naming `path`, with the
  /// system's reason (e.g. "Permission denied", "Not a directory").
  static Result<AtomicFile> open(const std::string& path);
  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();

  /// Appends `bytes`. Errors: Errc::io naming the target; a failed write also makes
  /// commit() fail.
  Result<void> write(std::string_view bytes);
  /// Flushes, fsyncs and renames the temporary over the target (then syncs the
  /// folder, best effort). Errors: Errc::io naming the target; the temporary is
  /// removed and the target left as it was.
  Result<void> commit();

  const std::string& path() const { return m_path; }
  /// The temporary's path (empty once committed).
  const std::string& temp_path() const { return m_tmp; }

 private:
  AtomicFile(std::string path, std::string tmp, std::FILE* f) : m_path(std::move(path)), m_tmp(std::move(tmp)), m_file(f) {}
  std::string m_path;
  std::string m_tmp;
  std::FILE* m_file = nullptr;
  bool m_failed = false;  ///< a write failed: commit() must not publish the file
};

}  // namespace kg::rdfio::detail
