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

Error io_error(const std::string& path, const std::string& what, int err) {
  return make_error(Errc::io, what + ": " + std::strerror(err), Location{path});
}

std::filesystem::path folder_of(const std::string& path) {
  std::filesystem::path p(path);
  return p.has_parent_path() ? p.parent_path() : std::filesystem::path(".");
}

}  // namespace

Result<AtomicFile> AtomicFile::open(const std::string& path) {
  std::filesystem::path p(path);
  if (!p.has_filename()) return make_error(Errc::io, "not a file name", Location{path});
  // Built with += (g++ 12 warns falsely about "." + std::string, -Wrestrict).
  std::string name = ".";
  name += p.filename().string();
  name += ".tmp-";
  name += std::to_string(::getpid());
  name += '-';
  name += std::to_string(g_counter++);
  std::string tmp = (folder_of(path) / name).string();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return io_error(path, "cannot create a temporary file beside it", errno);
  std::FILE* f = ::fdopen(fd, "wb");
  if (!f) {
    int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    return io_error(path, "cannot open", err);
  }
  return AtomicFile(path, tmp, f);
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : m_path(std::move(other.m_path)), m_tmp(std::move(other.m_tmp)), m_file(other.m_file), m_failed(other.m_failed) {
  other.m_file = nullptr;
  other.m_tmp.clear();
}

AtomicFile::~AtomicFile() {
  if (m_file) std::fclose(m_file);
  if (!m_tmp.empty()) ::unlink(m_tmp.c_str());
}

Result<void> AtomicFile::write(std::string_view bytes) {
  if (!m_file) return make_error(Errc::usage, "AtomicFile::write after commit", Location{m_path});
  if (std::fwrite(bytes.data(), 1, bytes.size(), m_file) != bytes.size()) {
    m_failed = true;
    return io_error(m_path, "write failed", errno);
  }
  return {};
}

Result<void> AtomicFile::commit() {
  if (!m_file) return make_error(Errc::usage, "AtomicFile::commit called twice", Location{m_path});
  int err = 0;
  if (std::fflush(m_file) != 0 || ::fsync(::fileno(m_file)) != 0) err = errno;
  if (std::fclose(m_file) != 0 && err == 0) err = errno;
  m_file = nullptr;
  if (m_failed && err == 0) err = EIO;
  if (err == 0 && std::rename(m_tmp.c_str(), m_path.c_str()) != 0) {
    int rename_err = errno;
    ::unlink(m_tmp.c_str());
    m_tmp.clear();
    return io_error(m_path, "cannot rename the temporary file into place", rename_err);
  }
  if (err != 0) {
    ::unlink(m_tmp.c_str());
    m_tmp.clear();
    return io_error(m_path, "write failed", err);
  }
  m_tmp.clear();
  // Make the rename itself durable (best effort: some file systems refuse fsync on a
  // folder, and the data is already safe in the file).
  int dir = ::open(folder_of(m_path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return {};
}

}  // namespace kg::rdfio::detail
