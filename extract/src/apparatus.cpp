// Article headers of scraped pages (apparatus.hpp) and kg.article_header.v1, which
// keeps the header lines as content: the chrome filter takes such short lines for
// page furniture, but they name the article, its author, date and site.
#include "apparatus.hpp"

#include <algorithm>
#include <map>
#include <string>

#include "pipeline.hpp"
#include "text.hpp"

namespace kg::extract {
namespace {

std::vector<std::string_view> words_of(std::string_view line) {
  std::vector<std::string_view> out;
  for (auto w : text::split(line, ' '))
    if (!w.empty()) out.push_back(w);
  return out;
}

bool has_digit(std::string_view s) { return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }); }

// "Posted : 2014-04-06 17:07", "Published on 3 May 2021", "Updated: …".
bool posted_line(std::string_view line) {
  static const char* kLeads[] = {"first published", "last updated", "date published", "published", "posted",
                                 "updated"};
  const std::string f = text::fold(text::trim(line));
  for (const char* lead : kLeads) {
    const std::string_view l(lead);
    if (f.compare(0, l.size(), l) != 0) continue;
    std::string_view rest = std::string_view(f).substr(l.size());
    rest = text::trim(rest);
    if (!rest.empty() && (rest[0] == ':' || rest.compare(0, 3, "on ") == 0 || (rest[0] >= '0' && rest[0] <= '9')))
      return has_digit(rest) && rest.size() < 60;
  }
  return false;
}

// "Thu, March 23, 2023 | 04:43": a short line of date and time.
bool date_like(std::string_view line) {
  const auto w = words_of(line);
  std::size_t numeric = 0;
  for (auto x : w) numeric += has_digit(x);
  return w.size() <= 8 && numeric >= 2;
}

// "Andrei Lankov", "Casey Lartigue, Jr.": two to four capitalised words, no digits.
bool name_like(std::string_view line) {
  const auto w = words_of(text::trim(line));
  if (w.size() < 2 || w.size() > 4 || has_digit(line) || line.find(':') != std::string_view::npos) return false;
  return std::all_of(w.begin(), w.end(), [](std::string_view x) { return text::is_upper(text::cp_at(x, 0)); });
}

bool title_like(std::string_view line) {
  const auto w = words_of(text::trim(line));
  if (w.size() < 2 || w.size() > 25 || line.find("http") != std::string_view::npos) return false;
  const char32_t first = text::cp_at(text::trim(line), 0);
  return text::is_upper(first) || (first >= '0' && first <= '9') || first == '"' || first == 0x201C ||
         first == '\'';
}

}  // namespace

std::optional<ArticleHeader> article_header(const Doc& doc) {
  const auto& blocks = doc.blocks;
  auto line = [&](std::size_t i) { return text::trim(doc.view(blocks[i].span)); };
  std::optional<std::size_t> posted;
  for (std::size_t i = 1; i < blocks.size() && !posted; ++i)
    if (posted_line(line(i))) posted = i;
  if (!posted) return std::nullopt;
  std::size_t j = *posted;
  while (j > 0 && (date_like(line(j - 1)) || posted_line(line(j - 1)))) --j;
  if (j == 0) return std::nullopt;
  --j;  // the line above the dates
  ArticleHeader h;
  h.posted = *posted;
  if (name_like(line(j)) && j > 0 && title_like(line(j - 1)) && !name_like(line(j - 1))) {
    h.title = j - 1;
    h.author = j;
  } else if (title_like(line(j)) && !name_like(line(j))) {
    h.title = j;
    if (j > 0 && name_like(line(j - 1))) h.author = j - 1;
  } else {
    return std::nullopt;
  }
  // The masthead: the first line, when it recurs as a whole line; or "Masthead : X".
  std::map<std::string, std::size_t> count;
  for (std::size_t i = 0; i < blocks.size(); ++i) ++count[std::string(line(i))];
  const std::string_view first = line(0);
  const auto w = words_of(first);
  if (count[std::string(first)] >= 2 && !w.empty() && w.size() <= 6 && !has_digit(first) && h.title != 0) {
    h.site = 0;
    h.site_begin = blocks[0].span.begin;
  } else {
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      const std::string_view l = line(i);
      const std::string f = text::fold(l);
      if (f.compare(0, 8, "masthead") != 0) continue;
      const std::size_t colon = l.find(':');
      if (colon == std::string_view::npos) continue;
      const std::string_view rest = text::trim(l.substr(colon + 1));
      if (rest.empty() || words_of(rest).size() > 6) continue;
      h.site = i;
      h.site_begin = static_cast<std::size_t>(rest.data() - doc.text.data());
      break;
    }
  }
  return h;
}

namespace {

class ArticleHeaderFilter final : public Component {
 public:
  std::string name() const override { return "kg.article_header.v1"; }
  std::vector<std::string> requires_() const override { return {"doc.blocks"}; }
  std::vector<std::string> assigns() const override { return {"doc.blocks"}; }

  Result<void> process(Doc& doc, const Diagnostics&) const override {
    auto h = article_header(doc);
    if (!h) return {};
    for (std::size_t i : {h->posted, h->title}) doc.blocks[i].chrome = false;
    if (h->author) doc.blocks[*h->author].chrome = false;
    if (h->site) doc.blocks[*h->site].chrome = false;
    doc.blocks[h->title].heading = true;
    return {};
  }
};

}  // namespace

std::unique_ptr<Component> make_article_header(const Resources&) { return std::make_unique<ArticleHeaderFilter>(); }

}  // namespace kg::extract
