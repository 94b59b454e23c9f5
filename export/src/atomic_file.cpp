#include "atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace kg::rdfio::detail {
namespace {
std::atomic<unsigned> g_counter{0};
Error io_error(const std::string& path, const std::string& what) {
  return make_error(Errc::io, what + ": " + std::strerror(errno), Location{path});
}
}  // namespace

Result<AtomicFile> AtomicFile::open(const std::string& path) {
  std::filesystem::path p(path);
  std::filesystem::path dir = p.has_parent_path() ? p.parent_path() : std::filesystem::path(".");
  std::string tmp = (dir / ("." + p.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                            std::to_string(g_counter++)))
                        .string();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return io_error(path, "cannot create a temporary file beside it");
  std::FILE* f = ::fdopen(fd, "wb");
  if (!f) {
    ::close(fd);
    ::unlink(tmp.c_str());
    return io_error(path, "cannot open");
  }
  return AtomicFile(path, tmp, f);
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : m_path(std::move(other.m_path)), m_tmp(std::move(other.m_tmp)), m_file(other.m_file) {
  other.m_file = nullptr;
  other.m_tmp.clear();
}

AtomicFile::~AtomicFile() {
  if (m_file) std::fclose(m_file);
  if (!m_tmp.empty()) ::unlink(m_tmp.c_str());
}

Result<void> AtomicFile::write(std::string_view bytes) {
  if (!m_file) return make_error(Errc::internal, "write after commit", Location{m_path});
  if (std::fwrite(bytes.data(), 1, bytes.size(), m_file) != bytes.size()) return io_error(m_path, "write failed");
  return {};
}

Result<void> AtomicFile::commit() {
  if (!m_file) return make_error(Errc::internal, "commit twice", Location{m_path});
  bool ok = std::fflush(m_file) == 0 && ::fsync(::fileno(m_file)) == 0;
  int err = errno;
  ok = (std::fclose(m_file) == 0) && ok;
  m_file = nullptr;
  if (!ok) {
    errno = err;
    return io_error(m_path, "write failed");
  }
  if (std::rename(m_tmp.c_str(), m_path.c_str()) != 0) return io_error(m_path, "cannot rename into place");
  m_tmp.clear();
  return {};
}

}  // namespace kg::rdfio::detail
