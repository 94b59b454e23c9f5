// Name normalisation for entity keys (ICU transliteration, then an ASCII slug).
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <memory>
#include <mutex>

#include "ontology/key.hpp"

namespace kg::ontology {
namespace {

// One transliterator per thread: ICU Transliterator::transliterate is not const-safe.
icu::Transliterator* transliterator() {
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> tr(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) tr.reset();
    return tr;
  }();
  return t.get();
}

std::string fnv_hex(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "x";
  for (int i = 60; i >= 0; i -= 4) out += kHex[(h >> i) & 0xF];
  return out;
}

}  // namespace

std::string normalise_name(std::string_view utf8_name) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8_name.data(), static_cast<int32_t>(utf8_name.size())));
  if (auto* t = transliterator()) t->transliterate(u);
  std::string ascii;
  u.toUTF8String(ascii);
  std::string out;
  bool dash = false;
  for (char ch : ascii) {
    char c = ch;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      if (dash && !out.empty()) out += '-';
      out += c;
      dash = false;
    } else if (c == '\'' || ch == '`') {
      // apostrophes inside words vanish: "People's" → "peoples"
    } else {
      dash = true;
    }
  }
  if (out.empty()) return fnv_hex(utf8_name);
  return out;
}

EntityKey make_key(Class c, std::string_view label) { return EntityKey{c, normalise_name(label)}; }

std::string entity_iri(const EntityKey& key) {
  std::string out(kResourceBase);
  out += slug(key.cls);
  out += '/';
  out += key.name;
  return out;
}

}  // namespace kg::ontology
