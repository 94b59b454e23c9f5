// Reading input files and describing them as SourceDocuments.
#include <openssl/evp.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "extract/extract.hpp"

namespace kg::extract {

Result<SourceText> read_source(const std::string& path) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status))
    return make_error(Errc::io, "no such file or directory", Location{path});
  if (std::filesystem::is_directory(status))
    return make_error(Errc::io, "is a directory, expected a file", Location{path});
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(Errc::io, "cannot open for reading", Location{path});
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return make_error(Errc::io, "read error", Location{path});
  return SourceText{path, std::move(buf).str()};
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

SourceInfo describe_source(const SourceText& source) {
  SourceInfo info;
  info.file_name = std::filesystem::path(source.path).filename().string();
  info.sha256 = sha256_hex(source.bytes);
  info.byte_size = source.bytes.size();
  return info;
}

EntityKey source_key(const SourceInfo& info) {
  return EntityKey{Class::SourceDocument,
                   ontology::normalise_name(info.file_name) + "-" + info.sha256.substr(0, 8)};
}

}  // namespace kg::extract
