// The apparatus of a scraped article page: the header lines that say which article
// the page carries, who wrote it, when, and on which site. Found on the line blocks
// the chrome filter made (before sentences exist), by apparatus.cpp; used by
// kg.article_header.v1 (keeps those lines as content) and by kg.references.v1 and
// kg.reference_relations.v1 (mentions and relations, references.cpp).
#pragma once

#include <optional>
#include <string_view>

#include "doc.hpp"

namespace kg::extract {

/// Block indices of an article header. `posted` is the line "Posted : 2014-04-06 …"
/// (also Published, Updated, First published); `title` the line above it (or the one
/// above the author's name), `author` a bare name line next to the title, `site` the
/// page's masthead: its first line when that line recurs as a whole line, or the text
/// after "Masthead :".
struct ArticleHeader {
  std::size_t posted = 0;
  std::size_t title = 0;
  std::optional<std::size_t> author;
  std::optional<std::size_t> site;
  /// For a "Masthead : X" line, where X starts inside the block (bytes into Doc::text).
  std::size_t site_begin = 0;
};

/// The header of the page in `doc`, when it has a "Posted :"-style line with a title
/// line above it.
std::optional<ArticleHeader> article_header(const Doc& doc);

}  // namespace kg::extract
