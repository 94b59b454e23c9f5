// extract::Doc — the one object the pipeline components work on (spaCy's Doc).
// It owns the original bytes and the NFC text; every annotation is an offset span
// into `text` (UTF-8 bytes), mapped back to code points of the original file for
// evidence. Private to kg_extract.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.hpp"

namespace kg::extract {

/// Half-open byte range in Doc::text.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  auto operator<=>(const Span&) const = default;
  bool operator==(const Span&) const = default;
};

/// A paragraph or line block; chrome blocks (menus, link lists, repeated lines) are
/// skipped by everything after the chrome filter.
struct Block {
  Span span;
  bool chrome = false;
  bool heading = false;    ///< short line without final punctuation
  bool key_value = false;  ///< "- Key: Value" / "Key: Value" infobox line
};

enum class Shape : std::uint8_t { lower, title, upper, digit, mixed, punct, space };

struct Token {
  Span span;
  Shape shape = Shape::lower;
  std::uint32_t sentence = 0;  ///< index into Doc::sentences
};

struct Sentence {
  Span span;
  std::uint32_t first_token = 0;
  std::uint32_t end_token = 0;  ///< one past the last token
  std::uint32_t block = 0;
};

/// A stretch of text naming something.
struct Mention {
  Span span;                   ///< bytes in Doc::text
  std::uint32_t first_token = 0;
  std::uint32_t end_token = 0;
  Class cls = Class::Agent;
  std::string canonical;       ///< lexicon label or normalised surface form
  std::string rule;            ///< which detector produced it
  double confidence = 0.5;
  int entity = -1;             ///< index into Doc::entities after resolution
  std::vector<std::string> aliases;  ///< extra names given with it (lexicon aliases)
};

struct DocEntity {
  EntityKey key;
  std::string label;
  std::set<std::string> alt_labels;
  std::vector<std::uint32_t> mentions;
};

struct Doc {
  SourceInfo source;
  std::string path;
  std::string original;                 ///< bytes as read
  std::string text;                     ///< NFC, UTF-8
  std::vector<std::uint32_t> cp_of_byte;       ///< text byte → original code point (size text+1)
  std::vector<std::uint32_t> orig_byte_of_cp;  ///< original code point → byte (size cps+1)

  std::vector<Block> blocks;
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::vector<Mention> mentions;
  std::vector<DocEntity> entities;
  std::optional<EntityKey> subject;  ///< what the article is about (kg.relations.v1)
  std::vector<Relation> relations;
  std::vector<Attribute> attributes;
  DocStats stats;

  std::string_view view(Span s) const { return std::string_view(text).substr(s.begin, s.size()); }
  /// Evidence for `span` of `text`: original text and code-point offsets.
  Evidence evidence(Span span, std::string rule, double confidence) const;
  /// Sentence index containing byte `pos` (binary search).
  std::optional<std::uint32_t> sentence_at(std::size_t pos) const;
};

/// Whether a line is the heading of a reference section ("References", "Sources
/// consulted", "Bibliography", "Attachment", …; case and a final colon ignored).
bool is_reference_heading(std::string_view line);

}  // namespace kg::extract
