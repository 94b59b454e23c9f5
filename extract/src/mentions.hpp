// Helpers shared by the mention detectors and the resolver.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "doc.hpp"

namespace kg::extract {

/// The named overlap policy: keeps the longest mention first, then the earliest,
/// then the most confident; a mention overlapping a kept one is dropped
/// (spaCy's first_longest_spans_filter). Returns the kept mentions sorted by start.
std::vector<Mention> longest_first_then_earliest(std::vector<Mention> mentions);

/// A mention over tokens [b, e) (b < e).
Mention make_mention(const Doc& doc, std::uint32_t b, std::uint32_t e, Class cls, std::string canonical,
                     std::string rule, double confidence);

/// Whether subject class `s` and object class `o` fit the domain and range of `p`.
bool fits_domain(Property p, Class s, Class o);

/// An infobox line "- Key: Value" in sentence `s`: the folded key and the token of
/// its colon, or nullopt when the sentence is no such line.
struct KeyValue {
  std::string key;
  std::uint32_t colon = 0;
};
std::optional<KeyValue> key_value(const Doc& doc, const Sentence& s);

/// A token shape that can start or continue a name: Title, UPPER or mIxed.
inline bool is_cap(Shape s) { return s == Shape::title || s == Shape::upper || s == Shape::mixed; }

/// Folded text of token `i`.
std::string token_fold(const Doc& doc, std::uint32_t i);
std::string_view token_text(const Doc& doc, std::uint32_t i);

/// Canonical surface form of tokens [b, e): the text with translator brackets
/// removed ("[North] Korea" → "North Korea"), whitespace squashed.
std::string surface(const Doc& doc, std::uint32_t b, std::uint32_t e);

/// Replaces letters that merely look like Latin ones (Cyrillic "с" in "326сс") by
/// their Latin skeleton (ICU SpoofChecker, UTS #39), when a token mixes scripts.
std::string unconfuse(std::string_view token);

}  // namespace kg::extract
