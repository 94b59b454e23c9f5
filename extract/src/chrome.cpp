// kg.chrome_filter.v1: splits the text into line blocks and marks page chrome
// (navigation menus, link and headline lists, share buttons, footers) so later
// components skip it. A jusText-style classifier: each block is "good" (long, rich
// in stop words, ends like prose), "bad" (bullets, image names, glued or repeated
// headlines, numbered lists, e-mail/phone/copyright lines) or "short"; short blocks
// take the class of their nearest non-short neighbours.
// (Pomikálek 2011, "Removing Boilerplate and Duplicate Content from Web Corpora".)
#include <algorithm>
#include <set>
#include <string>
#include <unordered_map>

#include "pipeline.hpp"
#include "text.hpp"

namespace kg::extract {
namespace {

enum class Kind { good, bad, shortb };

bool ends_like_prose(std::string_view line) {
  char32_t c = text::cp_before(line, line.size());
  return c == '.' || c == '!' || c == '?' || c == '"' || c == 0x201D || c == ')' || c == ':' ||
         c == ';';
}

bool has_image_or_markup(std::string_view line) {
  for (std::string_view ext : {".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp"})
    if (line.find(ext) != std::string_view::npos) return true;
  return false;
}

// "Top stories" lines repeat their headline: "3World water day World water day".
bool doubled_headline(std::string_view line) {
  std::string s = text::squash_space(line);
  std::size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  std::string_view body(s);
  body.remove_prefix(i);
  if (body.size() < 12) return false;
  // Find a split where the second half starts with the first half's first 10 chars.
  // A headline is short; a prose paragraph that happens to repeat its first words
  // ("South Korea's Ministry … South Korean territory") is no doubled headline.
  if (body.size() > 400) return false;
  std::string_view head = body.substr(0, 10);
  std::size_t pos = body.find(head, body.size() / 3);
  return pos != std::string_view::npos && pos > 0 && pos <= body.size() / 2 + 16;
}

class ChromeFilter final : public Component {
 public:
  explicit ChromeFilter(const Resources& r) : m_r(r) {}
  std::string name() const override { return "kg.chrome_filter.v1"; }
  std::vector<std::string> requires_() const override { return {"doc.text"}; }
  std::vector<std::string> assigns() const override { return {"doc.blocks"}; }

  Result<void> process(Doc& doc, const Diagnostics&) const override {
    const std::string& t = doc.text;
    doc.blocks.clear();
    std::vector<Kind> kinds;
    std::unordered_map<std::string, int> repeats;
    std::size_t b = 0;
    while (b <= t.size()) {
      std::size_t e = t.find('\n', b);
      if (e == std::string::npos) e = t.size();
      std::string_view line = text::trim(std::string_view(t).substr(b, e - b));
      if (!line.empty()) {
        std::size_t off = static_cast<std::size_t>(line.data() - t.data());
        doc.blocks.push_back(Block{Span{off, off + line.size()}});
        repeats[text::squash_space(line)]++;
      }
      if (e == t.size()) break;
      b = e + 1;
    }
    kinds.reserve(doc.blocks.size());
    for (auto& blk : doc.blocks) kinds.push_back(classify(doc, blk, repeats));
    navigation_sections(doc, kinds);
    smooth(kinds);
    reference_sections(doc, kinds);
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      doc.blocks[i].chrome = kinds[i] == Kind::bad;
      if (doc.blocks[i].chrome) ++doc.stats.chrome_blocks;
    }
    return {};
  }

 private:
  Kind classify(const Doc& doc, Block& blk, const std::unordered_map<std::string, int>& repeats) const {
    std::string_view line = doc.view(blk.span);
    auto toks = text::tokenize(line);
    std::size_t words = 0, stops = 0, numbers = 0;
    for (const auto& s : toks) {
      std::string_view w = line.substr(s.begin, s.size());
      Shape sh = text::shape_of(w);
      if (sh == Shape::punct) continue;
      if (sh == Shape::digit) {
        ++numbers;
        continue;
      }
      ++words;
      if (m_r.stopwords.count(text::fold(w))) ++stops;
    }
    char32_t first = text::cp_at(line, 0);
    bool bullet = first == 0x2022 || first == 0x25CF || first == 0x25AA || first == '*' || first == 0x00B7;
    // "- Key: Value" lines (dash lists are infoboxes); a bullet line counts only when
    // its key is a known infobox key ("• Location: …"), not for titles with subtitles.
    std::size_t colon = line.find(": ");
    bool infobox = colon != std::string_view::npos && colon < 40 &&
                   (first == '-' || (first == 0x2022 && m_r.infobox.count(text::fold(text::trim(line.substr(3, colon - 3))))));
    if (numbers >= 5 && numbers > words) return Kind::shortb;  // a table row
    if (infobox) {
      blk.key_value = true;  // infobox lines are content, and anchor the title above them
      return Kind::good;
    }
    if (has_image_or_markup(line)) return Kind::bad;
    if (line.find('@') != std::string_view::npos && words < 12) return Kind::bad;
    if (line.find("Copyright") != std::string_view::npos || line.find("All rights reserved") != std::string_view::npos ||
        line.find("\xC2\xA9") != std::string_view::npos)
      return Kind::bad;
    // Numbered headline glued to its number ("1Korean firms …").
    if (first >= '0' && first <= '9') {
      std::size_t i = 0;
      while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
      if (i < line.size() && i <= 2 && text::is_upper(text::cp_at(line, i))) return Kind::bad;
    }
    if (doubled_headline(line)) return Kind::bad;
    auto rep = repeats.find(text::squash_space(line));
    if (rep != repeats.end() && rep->second >= 2 && words < 10) return Kind::bad;
    if (bullet && words <= 8) return Kind::bad;
    double density = words ? static_cast<double>(stops) / static_cast<double>(words) : 0.0;
    // Headlines read like prose but do not end like it: below 20 words they stay short.
    if (words < 20 && !ends_like_prose(line) && !blk.key_value) {
      blk.heading = true;
      return Kind::shortb;
    }
    if (words >= 12 && density >= 0.22) return Kind::good;
    if (words >= 25 && density >= 0.12) return Kind::good;
    if (words >= 12 && density < 0.12) return Kind::bad;  // link lists, tag clouds
    blk.heading = !ends_like_prose(line);
    return Kind::shortb;
  }

  // A navigation heading ("See also", "External links", "Trending", "Tags") makes the
  // short lines under it links, not content, up to the next prose block.
  static bool is_navigation_heading(std::string_view text_line) {
    static const std::vector<std::string> headings{"see also", "external links", "related articles", "related",
                                                   "trending", "tags", "most read", "most popular", "top stories",
                                                   "navigation", "related stories", "more stories", "read more"};
    std::string line = text::fold(text_line);
    // Strip wiki markup and punctuation around a heading ("==See also==", "Tags:").
    std::string bare;
    for (char c : line)
      if (c != '=' && c != ':' && c != '#' && c != '*') bare += c;
    std::string_view h = text::trim(bare);
    for (const auto& n : headings)
      if (h == n || (h.size() > n.size() && h.compare(0, n.size(), n) == 0 && h.size() < n.size() + 25 && n.size() > 6))
        return true;
    return false;
  }

  void navigation_sections(const Doc& doc, std::vector<Kind>& kinds) const {
    bool in_nav = false;
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      if (is_navigation_heading(doc.view(doc.blocks[i].span))) {
        in_nav = true;
        kinds[i] = Kind::bad;
        continue;
      }
      if (kinds[i] == Kind::good && !doc.blocks[i].key_value) in_nav = false;
      if (in_nav && kinds[i] == Kind::shortb) kinds[i] = Kind::bad;
    }
  }

  // Entries under a reference heading are content however they look (few stop
  // words, URLs), up to a navigation heading; images and markup stay chrome.
  void reference_sections(const Doc& doc, std::vector<Kind>& kinds) const {
    bool in_refs = false;
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      const std::string_view line = doc.view(doc.blocks[i].span);
      if (is_reference_heading(line)) {
        in_refs = true;
        kinds[i] = Kind::good;
        continue;
      }
      if (!in_refs) continue;
      if (kinds[i] == Kind::bad && i > 0 && is_navigation_heading(doc.view(doc.blocks[i].span))) {
        in_refs = false;
        continue;
      }
      if (!has_image_or_markup(line)) kinds[i] = Kind::good;
    }
  }

  // Short blocks take the class of their nearest non-short neighbours: good when
  // both are good, or when the next one is good and close (titles, bylines), or when the
  // previous one is good and close (tables, captions after prose).
  static void smooth(std::vector<Kind>& kinds) {
    const std::size_t n = kinds.size();
    std::vector<Kind> out = kinds;
    for (std::size_t i = 0; i < n; ++i) {
      if (kinds[i] != Kind::shortb) continue;
      std::size_t prev_d = 0, next_d = 0;
      Kind prev = Kind::bad, next = Kind::bad;
      for (std::size_t j = i; j-- > 0;) {
        if (kinds[j] != Kind::shortb) { prev = kinds[j]; prev_d = i - j; break; }
      }
      for (std::size_t j = i + 1; j < n; ++j) {
        if (kinds[j] != Kind::shortb) { next = kinds[j]; next_d = j - i; break; }
      }
      if (next_d == 0) next = Kind::shortb;  // the end of the text is no evidence of chrome
      bool prev_good = prev == Kind::good && prev_d > 0;
      bool next_good = next == Kind::good && next_d > 0;
      // Documents with no prose blocks at all are kept whole (e.g. a bare list of names).
      bool none = prev_d == 0 && next_d == 0;
      if (none || (prev_good && next_good) || (next_good && next_d <= 4) ||
          (prev_good && prev_d <= 40 && next != Kind::bad) || (prev_good && prev_d <= 1))
        out[i] = Kind::good;
      else
        out[i] = Kind::bad;
    }
    kinds = out;
  }

  const Resources& m_r;
};

}  // namespace

bool is_reference_heading(std::string_view line) {
  static const std::set<std::string, std::less<>> kHeadings{
      "references",     "sources",       "sources consulted", "additional sources consulted",
      "bibliography",   "works cited",   "literature",        "attachment",
      "attachments",    "citations",     "cited sources",     "select bibliography",
      "reference list", "notes and references"};
  std::string f = text::fold(text::trim(line));
  while (!f.empty() && (f.back() == ':' || f.back() == '.')) f.pop_back();
  return kHeadings.count(f) > 0;
}

std::unique_ptr<Component> make_chrome_filter(const Resources& r) {
  return std::make_unique<ChromeFilter>(r);
}

}  // namespace kg::extract
