#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>

#include <algorithm>
#include <memory>

#include "mentions.hpp"
#include "text.hpp"

namespace kg::extract {

std::vector<Mention> longest_first_then_earliest(std::vector<Mention> mentions) {
  std::vector<std::size_t> order(mentions.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Mention& x = mentions[a];
    const Mention& y = mentions[b];
    if (x.span.size() != y.span.size()) return x.span.size() > y.span.size();
    if (x.span.begin != y.span.begin) return x.span.begin < y.span.begin;
    return x.confidence > y.confidence;
  });
  std::vector<Mention> kept;
  std::vector<Span> taken;
  for (std::size_t idx : order) {
    const Mention& m = mentions[idx];
    bool overlaps = std::any_of(taken.begin(), taken.end(), [&](const Span& t) {
      return m.span.begin < t.end && t.begin < m.span.end;
    });
    if (overlaps) continue;
    taken.push_back(m.span);
    kept.push_back(m);
  }
  std::sort(kept.begin(), kept.end(), [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
  return kept;
}

std::string_view token_text(const Doc& doc, std::uint32_t i) { return doc.view(doc.tokens[i].span); }
std::string token_fold(const Doc& doc, std::uint32_t i) { return text::fold(token_text(doc, i)); }

std::string surface(const Doc& doc, std::uint32_t b, std::uint32_t e) {
  std::string out;
  for (std::uint32_t i = b; i < e; ++i) {
    std::string_view t = token_text(doc, i);
    if (t == "[" || t == "]") continue;
    // Keep the original spacing between tokens (one space when there was any).
    if (!out.empty() && i > b) {
      std::size_t prev_end = doc.tokens[i - 1].span.end;
      std::string_view prev = token_text(doc, i - 1);
      bool gap = doc.tokens[i].span.begin > prev_end;
      if (prev == "[" || prev == "]") gap = true;
      if (gap && out.back() != ' ') out += ' ';
    }
    out += unconfuse(t);
  }
  return text::squash_space(out);
}

std::string unconfuse(std::string_view token) {
  // Only tokens mixing Latin or digits with another script are touched.
  bool latin = false, other = false;
  std::size_t i = 0;
  while (i < token.size()) {
    char32_t c = text::next_cp(token, i);
    if (c < 0x80) {
      if (text::is_alpha(c) || text::is_digit(c)) latin = true;
      continue;
    }
    UErrorCode st = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(static_cast<UChar32>(c), &st);
    if (sc == USCRIPT_LATIN) latin = true;
    else if (sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED) other = true;
  }
  if (!(latin && other)) return std::string(token);
  thread_local std::unique_ptr<USpoofChecker, void (*)(USpoofChecker*)> checker(
      [] {
        UErrorCode st = U_ZERO_ERROR;
        return uspoof_open(&st);
      }(),
      uspoof_close);
  if (!checker) return std::string(token);
  // Per character: a non-Latin letter whose skeleton is ASCII is replaced by it;
  // Latin letters stay (skeletons also map Latin to look-alikes, e.g. "m" → "rn").
  std::string merged;
  std::size_t a = 0;
  while (a < token.size()) {
    std::size_t s = a;
    char32_t c = text::next_cp(token, a);
    std::string_view piece = token.substr(s, a - s);
    if (c < 0x80) {
      merged += piece;
      continue;
    }
    icu::UnicodeString one = icu::UnicodeString::fromUTF8(
        icu::StringPiece(piece.data(), static_cast<int32_t>(piece.size())));
    icu::UnicodeString sk;
    UErrorCode st2 = U_ZERO_ERROR;
    uspoof_getSkeletonUnicodeString(checker.get(), 0, one, sk, &st2);
    std::string sks;
    sk.toUTF8String(sks);
    bool ascii = !sks.empty() && std::all_of(sks.begin(), sks.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
    merged += (U_SUCCESS(st2) && ascii) ? sks : std::string(piece);
  }
  return merged;
}

Mention make_mention(const Doc& doc, std::uint32_t b, std::uint32_t e, Class cls, std::string canonical,
                     std::string rule, double confidence) {
  Mention m;
  m.first_token = b;
  m.end_token = e;
  m.span = Span{doc.tokens[b].span.begin, doc.tokens[e - 1].span.end};
  m.cls = cls;
  m.canonical = std::move(canonical);
  m.rule = std::move(rule);
  m.confidence = confidence;
  return m;
}

bool fits_domain(Property p, Class s, Class o) {
  auto d = ontology::domain(p);
  auto r = ontology::range(p);
  bool dok = d.empty() || std::any_of(d.begin(), d.end(), [&](Class c) { return ontology::is_a(s, c); });
  bool rok = r.empty() || std::any_of(r.begin(), r.end(), [&](Class c) { return ontology::is_a(o, c); });
  return dok && rok;
}

std::optional<KeyValue> key_value(const Doc& doc, const Sentence& s) {
  if (!doc.blocks[s.block].key_value) return std::nullopt;
  std::uint32_t t = s.first_token;
  if (t < s.end_token && (token_text(doc, t) == "-" || token_text(doc, t) == "\xE2\x80\xA2")) ++t;
  std::uint32_t colon = t;
  while (colon < s.end_token && token_text(doc, colon) != ":") ++colon;
  if (colon >= s.end_token) return std::nullopt;
  KeyValue kv;
  kv.colon = colon;
  for (auto k = t; k < colon; ++k) kv.key += (kv.key.empty() ? "" : " ") + token_fold(doc, k);
  return kv;
}

}  // namespace kg::extract
