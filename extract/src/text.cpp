#include "text.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace kg::extract::text {

char32_t next_cp(std::string_view s, std::size_t& i) {
  UChar32 c;
  int32_t idx = static_cast<int32_t>(i);
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), idx, static_cast<int32_t>(s.size()), c);
  i = static_cast<std::size_t>(idx);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

char32_t cp_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  return next_cp(s, i);
}

char32_t cp_before(std::string_view s, std::size_t i) {
  if (i == 0) return 0;
  std::size_t b = i - 1;
  while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
  return next_cp(s, b);
}

bool is_alpha(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return u_isalpha(static_cast<UChar32>(c)) || u_getCombiningClass(static_cast<UChar32>(c)) != 0 ||
         u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK ||
         u_charType(static_cast<UChar32>(c)) == U_COMBINING_SPACING_MARK;
}
bool is_digit(char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return u_isdigit(static_cast<UChar32>(c));
}
bool is_upper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
}
bool is_space(char32_t c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  return u_isUWhiteSpace(static_cast<UChar32>(c)) || c == 0xFEFF || c == 0x200B;
}
bool is_dash(char32_t c) {
  return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 ||
         c == 0x2015 || c == 0x2212;
}

namespace {
bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019; }
bool word_char(char32_t c) { return is_alpha(c) || is_digit(c); }
}  // namespace

std::vector<Span> tokenize(std::string_view s) {
  std::vector<Span> out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    char32_t c = next_cp(s, i);
    if (is_space(c)) continue;
    if (!word_char(c)) {
      out.push_back(Span{start, i});
      continue;
    }
    bool numeric = is_digit(c);
    std::size_t end = i;
    while (end < s.size()) {
      std::size_t j = end;
      char32_t d = next_cp(s, j);
      if (word_char(d)) {
        if (!is_digit(d)) numeric = false;
        end = j;
        continue;
      }
      // Inner joiners: hyphen (not en/em dash) and apostrophes inside words, commas
      // and dots inside numbers, dots of abbreviations like U.S.
      std::size_t k = j;
      char32_t after = k < s.size() ? next_cp(s, k) : 0;
      if ((d == '-' || d == 0x2010 || d == 0x2011) && word_char(after) && !numeric) { end = j; continue; }
      if (d == '-' && word_char(after) && numeric && !is_digit(after)) { end = j; continue; }
      if (is_apostrophe(d) && is_alpha(after) && !numeric) {
        // "O'Brien" stays one token; a possessive "'s" is split off ("Stalin" "'" "s").
        std::size_t m = k;
        char32_t after2 = m < s.size() ? next_cp(s, m) : 0;
        bool possessive = (after == 's' || after == 'S') && !word_char(after2);
        if (!possessive) {
          end = j;
          continue;
        }
      }
      if ((d == ',' || d == '.') && numeric && is_digit(after)) { end = j; continue; }
      if (d == '.' && !numeric && is_upper(after) && (end - start) <= 2) {
        // "U.S." style: one letter, dot, capital letter, dot
        std::size_t m = k;
        char32_t after2 = m < s.size() ? next_cp(s, m) : 0;
        if (after2 == '.') { end = m; continue; }
      }
      break;
    }
    out.push_back(Span{start, end});
    i = end;
  }
  return out;
}

Shape shape_of(std::string_view token) {
  std::size_t i = 0;
  char32_t c = next_cp(token, i);
  if (is_digit(c)) return Shape::digit;
  if (!is_alpha(c)) return is_space(c) ? Shape::space : Shape::punct;
  bool first_upper = is_upper(c);
  bool any_lower = false, any_upper_rest = false;
  while (i < token.size()) {
    char32_t d = next_cp(token, i);
    if (is_alpha(d)) {
      if (is_upper(d)) any_upper_rest = true;
      else if (u_islower(static_cast<UChar32>(d))) any_lower = true;
    }
  }
  if (first_upper && !any_lower) return Shape::upper;
  if (first_upper) return Shape::title;
  if (any_upper_rest) return Shape::mixed;
  return Shape::lower;
}

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out += static_cast<char>((b >= 'A' && b <= 'Z') ? b - 'A' + 'a' : b);
      ++i;
      continue;
    }
    char32_t c = next_cp(s, i);
    if (c == 0x2019 || c == 0x2018) {
      out += '\'';
      continue;
    }
    UChar32 f = u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT);
    char buf[4];
    int32_t n = 0;
    U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(buf), n, f);
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

std::string lookup_key(std::string_view name) {
  std::string key;
  for (const Span& t : tokenize(name)) {
    std::string_view tok = name.substr(t.begin, t.size());
    if (tok == "[" || tok == "]") continue;
    if (!key.empty()) key += ' ';
    key += fold(tok);
  }
  return key;
}

std::string_view trim(std::string_view s) {
  std::size_t b = 0;
  while (b < s.size()) {
    std::size_t j = b;
    if (!is_space(next_cp(s, j))) break;
    b = j;
  }
  std::size_t e = s.size();
  while (e > b) {
    char32_t c = cp_before(s, e);
    if (!is_space(c)) break;
    std::size_t j = e - 1;
    while (j > b && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
    e = j;
  }
  return s.substr(b, e - b);
}

std::string squash_space(std::string_view s) {
  std::string out;
  bool space = false;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    char32_t c = next_cp(s, i);
    if (is_space(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out.append(s.substr(start, i - start));
  }
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t b = 0;
  while (true) {
    std::size_t e = s.find(sep, b);
    if (e == std::string_view::npos) {
      out.push_back(s.substr(b));
      break;
    }
    out.push_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

}  // namespace kg::extract::text
