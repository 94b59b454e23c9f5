// Small text utilities shared by the components: UTF-8 stepping, character classes,
// the tokenisation rule (also applied to lexicon names so both sides agree), case
// folding and shapes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "doc.hpp"

namespace kg::extract::text {

/// Decodes the code point at `i` (advancing `i`); invalid bytes give U+FFFD.
char32_t next_cp(std::string_view s, std::size_t& i);
/// Code point starting at byte `i` (without advancing).
char32_t cp_at(std::string_view s, std::size_t i);
/// Code point ending just before byte `i`.
char32_t cp_before(std::string_view s, std::size_t i);

bool is_alpha(char32_t c);
bool is_digit(char32_t c);
bool is_upper(char32_t c);
bool is_space(char32_t c);  ///< Unicode white space incl. NBSP and U+FEFF
bool is_dash(char32_t c);   ///< hyphen, en dash, em dash, minus, horizontal bar

/// Token spans of `s`: words (letters/digits with inner hyphens, apostrophes and
/// dots of abbreviations such as "U.S."), numbers ("171,781", "4.5"), single
/// punctuation marks. Offsets are relative to `s`.
std::vector<Span> tokenize(std::string_view s);
Shape shape_of(std::string_view token);

/// Lower-case (Unicode simple case folding), apostrophes ’ normalised to '.
std::string fold(std::string_view s);
/// Folded tokens joined by one space: the lookup key of a name.
std::string lookup_key(std::string_view name);

/// Trims Unicode white space.
std::string_view trim(std::string_view s);
/// Collapses runs of white space to one ASCII space and trims.
std::string squash_space(std::string_view s);
/// Splits on a single character.
std::vector<std::string_view> split(std::string_view s, char sep);

}  // namespace kg::extract::text
