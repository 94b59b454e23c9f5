// kg.normalizer.v1: checks the bytes are UTF-8 text, then builds the NFC text with a
// map from each of its bytes back to code points of the original file.
// Normalisation is applied per segment between NFC boundaries (ICU Normalizer2
// hasBoundaryBefore), so every span that starts and ends on a boundary maps back
// exactly. https://unicode.org/reports/tr15/
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "pipeline.hpp"
#include "text.hpp"

namespace kg::extract {
namespace {

class Normalizer final : public Component {
 public:
  std::string name() const override { return "kg.normalizer.v1"; }
  std::vector<std::string> requires_() const override { return {}; }
  std::vector<std::string> assigns() const override { return {"doc.text"}; }

  Result<void> process(Doc& doc, const Diagnostics&) const override {
    const std::string& in = doc.original;
    // Binary: NUL bytes are never part of a text document.
    if (auto nul = in.find('\0'); nul != std::string::npos) {
      Location where{doc.path};
      where.byte_offset = nul;
      return make_error(Errc::encoding, "binary file (NUL byte at offset " + std::to_string(nul) +
                                            "), expected UTF-8 text", where);
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return make_error(Errc::internal, "ICU NFC normaliser unavailable");

    doc.text.clear();
    doc.text.reserve(in.size());
    doc.cp_of_byte.clear();
    doc.cp_of_byte.reserve(in.size() + 1);
    doc.orig_byte_of_cp.clear();
    doc.orig_byte_of_cp.reserve(in.size() + 1);

    std::size_t skip = 0;  // a UTF-8 byte order mark is dropped from the text
    if (in.size() >= 3 && in.compare(0, 3, "\xEF\xBB\xBF") == 0) skip = 3;
    std::uint32_t cp_index = 0;
    if (skip) {
      doc.orig_byte_of_cp.push_back(0);
      cp_index = 1;
    }
    // Current segment: original bytes [seg_byte, i), first code point seg_cp.
    std::size_t seg_byte = skip;
    std::uint32_t seg_cp = cp_index;
    bool seg_ascii = true;
    auto flush = [&](std::size_t end_byte) {
      if (end_byte == seg_byte) return;
      std::string_view seg(in.data() + seg_byte, end_byte - seg_byte);
      std::string out;
      if (seg_ascii) {
        out.assign(seg);
      } else {
        UErrorCode st = U_ZERO_ERROR;
        icu::UnicodeString u = icu::UnicodeString::fromUTF8(
            icu::StringPiece(seg.data(), static_cast<int32_t>(seg.size())));
        icu::UnicodeString n = nfc->normalize(u, st);
        if (U_FAILURE(st)) out.assign(seg);
        else n.toUTF8String(out);
      }
      doc.text += out;
      doc.cp_of_byte.insert(doc.cp_of_byte.end(), out.size(), seg_cp);
    };
    std::size_t i = skip;
    while (i < in.size()) {
      UChar32 c;
      int32_t idx = static_cast<int32_t>(i);
      U8_NEXT(reinterpret_cast<const uint8_t*>(in.data()), idx, static_cast<int32_t>(in.size()), c);
      if (c < 0) {
        Location where{doc.path};
        where.byte_offset = i;
        return make_error(Errc::encoding, "invalid UTF-8 at byte offset " + std::to_string(i), where);
      }
      bool boundary = c < 0x80 || nfc->hasBoundaryBefore(c);
      if (boundary) {
        flush(i);
        seg_byte = i;
        seg_cp = cp_index;
        seg_ascii = true;
      }
      if (c >= 0x80) seg_ascii = false;
      doc.orig_byte_of_cp.push_back(static_cast<std::uint32_t>(i));
      ++cp_index;
      i = static_cast<std::size_t>(idx);
    }
    flush(in.size());
    doc.orig_byte_of_cp.push_back(static_cast<std::uint32_t>(in.size()));
    doc.cp_of_byte.push_back(cp_index);
    doc.stats.characters = cp_index;
    return {};
  }
};

}  // namespace

std::unique_ptr<Component> make_normalizer(const Resources&) { return std::make_unique<Normalizer>(); }

}  // namespace kg::extract
