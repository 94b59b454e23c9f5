#include "ontology/result.hpp"

namespace kg {

std::string_view to_string(Errc code) {
  switch (code) {
    case Errc::io: return "io";
    case Errc::encoding: return "encoding";
    case Errc::parse: return "parse";
    case Errc::usage: return "usage";
    case Errc::validation: return "validation";
    case Errc::not_found: return "not_found";
    case Errc::internal: return "internal";
  }
  return "internal";
}

std::string_view to_string(Level level) {
  switch (level) {
    case Level::note: return "note";
    case Level::warning: return "warning";
    case Level::error: return "error";
  }
  return "error";
}

std::string Error::render() const {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) {
      out += ':' + std::to_string(where.line);
      if (where.column > 0) out += ':' + std::to_string(where.column);
    } else if (where.byte_offset != npos) {
      out += ": byte " + std::to_string(where.byte_offset);
    }
    out += ": ";
  }
  out += "error: ";
  out += message;
  return out;
}

}  // namespace kg
