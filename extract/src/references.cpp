// Reference entries and report codes: the structured lines at the end of reports and
// articles, and the series numbers of reports.
//
// kg.references.v1 (after the overlap filter) adds mentions:
//  - report codes: letters then digits, with an optional ".X" suffix ("KKT34458.E",
//    "ABC1234"), as Publications carrying their code as identifier;
//  - in a reference section (the lines after a heading such as "References", "Sources
//    consulted", "Bibliography", "Attachment"), each entry's head: the publisher or
//    work the line starts with ("The Korea Post [Seoul]. February 1999. …") or an
//    inverted personal name ("Oka, Natsuko, Research Fellow, … 15 May 2000.
//    Correspondence sent to …"); a mention crossing the head's end loses what lies
//    beyond it ("… Agency of the DPRK [Pyongyang]" is the agency, then its city);
//    a quoted title; and, after an inverted name, the unnamed item it describes
//    ("Correspondence from Natsuko Oka of 15 May 2000").
// kg.reference_relations.v1 (after kg.relations.v1) states what an entry says: the
// title issuedBy the publisher, its author and date, the publisher basedIn the place
// in brackets, a person's position, an item's author, addressee and date; and, for
// report codes, "<code> of <date>" (date), a title line ending with "[<code>]" names
// the document itself, which supersedes the code it updates and is about what its
// title names after "on". Evidence: the entry line (or the sentence of the code).
#include <algorithm>
#include <optional>
#include <set>

#include "apparatus.hpp"
#include "dates.hpp"
#include "mentions.hpp"
#include "pipeline.hpp"
#include "text.hpp"

namespace kg::extract {
namespace {

bool all_of_chars(std::string_view s, bool (*pred)(char)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), pred);
}
bool upper_c(char c) { return c >= 'A' && c <= 'Z'; }
bool digit_c(char c) { return c >= '0' && c <= '9'; }

// "KKT34458": 2–6 capitals then 3 or more digits.
bool code_core(std::string_view t) {
  std::size_t k = 0;
  while (k < t.size() && upper_c(t[k])) ++k;
  return k >= 2 && k <= 6 && t.size() - k >= 3 && all_of_chars(t.substr(k), digit_c);
}

bool adjacent(const Doc& doc, std::uint32_t a, std::uint32_t b) { return doc.tokens[a].span.end == doc.tokens[b].span.begin; }

/// A report code at token `t`: its end token and text, or nullopt.
std::optional<std::pair<std::uint32_t, std::string>> report_code(const Doc& doc, std::uint32_t t, std::uint32_t end) {
  const std::string_view core = token_text(doc, t);
  if (!code_core(core)) return std::nullopt;
  std::string code(core);
  std::uint32_t e = t + 1;
  if (t + 2 < end && token_text(doc, t + 1) == "." && adjacent(doc, t, t + 1) && adjacent(doc, t + 1, t + 2)) {
    const std::string_view suffix = token_text(doc, t + 2);
    if (suffix.size() <= 3 && all_of_chars(suffix, upper_c)) {
      code += "." + std::string(suffix);
      e = t + 3;
    }
  }
  return std::make_pair(e, code);
}

bool quote_open(std::string_view t) { return t == "\"" || t == "\u201C"; }
bool quote_close(std::string_view t) { return t == "\"" || t == "\u201D"; }

// Headings that group the entries of a reference section ("Websites", "Articles").
bool reference_subheading(std::string_view line) {
  static const std::set<std::string, std::less<>> kGroups{
      "articles",        "books",          "journals",         "media",          "websites",
      "web sites",       "newspapers",     "reports",          "online sources", "primary sources",
      "secondary sources", "internet sites", "periodicals",    "documents",      "films",
      "television",      "news",           "interviews",       "other sources",  "databases",
      "further reading", "notes",          "external links",   "see also"};
  std::string f = text::fold(text::trim(line));
  while (!f.empty() && (f.back() == ':' || f.back() == '.')) f.pop_back();
  return kGroups.count(f) > 0;
}

/// Tokens [b, e) lying inside bytes [begin, end).
std::pair<std::uint32_t, std::uint32_t> tokens_in(const Doc& doc, std::size_t begin, std::size_t end) {
  auto lo = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), begin,
                             [](const Token& t, std::size_t pos) { return t.span.begin < pos; });
  auto b = static_cast<std::uint32_t>(lo - doc.tokens.begin());
  std::uint32_t e = b;
  while (e < doc.tokens.size() && doc.tokens[e].span.end <= end) ++e;
  return {b, e};
}

/// One entry line of a reference section, as token ranges (e == b: absent).
struct Entry {
  std::uint32_t b = 0, e = 0;                  ///< the line (URLs and "[Accessed …]" cut off)
  std::uint32_t head_b = 0, head_e = 0;        ///< publisher/work, or the inverted name
  bool person = false;                         ///< head is "Surname, Given"
  std::uint32_t role_b = 0, role_e = 0;        ///< person: the position after the name
  std::uint32_t place_b = 0, place_e = 0;      ///< "[Seoul]" after the head (inside brackets)
  std::uint32_t title_b = 0, title_e = 0;      ///< quoted title, quotes and final stop excluded
  std::uint32_t item_b = 0, item_e = 0;        ///< person entries: the segment after the date
  std::optional<DateMatch> date;               ///< first date after the head
};

bool abbreviation(const Doc& doc, std::uint32_t t) {
  static const std::set<std::string, std::less<>> kAbbrev{"vol", "no", "pp", "p", "ed", "eds", "st", "dr",
                                                          "mr", "mrs", "ms", "jr", "sr", "nos", "ch"};
  const std::string_view s = token_text(doc, t);
  return (s.size() == 1 && upper_c(s[0])) || kAbbrev.count(token_fold(doc, t)) > 0;
}

/// Token index of the end of the segment starting at `b`: the next ". " that ends a
/// segment (not after an initial or abbreviation), or `e`.
std::uint32_t segment_end(const Doc& doc, std::uint32_t b, std::uint32_t e) {
  for (std::uint32_t t = b; t < e; ++t)
    if (token_text(doc, t) == "." && t > b && !abbreviation(doc, t - 1) && (t + 1 == e || !adjacent(doc, t, t + 1)))
      return t;
  return e;
}

std::vector<Entry> reference_entries(const Doc& doc) {
  std::vector<Entry> out;
  bool in_section = false;
  std::size_t next_token = 0;
  for (const Block& blk : doc.blocks) {
    if (blk.chrome) continue;
    std::string_view block_text = doc.view(blk.span);
    // Lines of the block (a block may hold several).
    std::size_t line_start = 0;
    while (line_start <= block_text.size()) {
      std::size_t nl = block_text.find('\n', line_start);
      if (nl == std::string_view::npos) nl = block_text.size();
      const Span line{blk.span.begin + line_start, blk.span.begin + nl};
      line_start = nl + 1;
      std::string_view lt = text::trim(doc.view(line));
      if (lt.empty()) continue;
      if (is_reference_heading(lt)) {
        in_section = true;
        continue;
      }
      if (!in_section || lt.back() == ':' || reference_subheading(lt)) continue;
      // Tokens of the line.
      while (next_token < doc.tokens.size() && doc.tokens[next_token].span.begin < line.begin) ++next_token;
      std::uint32_t b = static_cast<std::uint32_t>(next_token), e = b;
      while (e < doc.tokens.size() && doc.tokens[e].span.end <= line.end) ++e;
      // Cut at a URL or "[Accessed".
      for (std::uint32_t t = b; t < e; ++t) {
        const std::string f = token_fold(doc, t);
        if (f == "http" || f == "https" || f == "www" ||
            (f == "[" && t + 1 < e && token_fold(doc, t + 1) == "accessed")) {
          e = t;
          break;
        }
      }
      if (e <= b || !is_cap(doc.tokens[b].shape)) continue;
      Entry en;
      en.b = b;
      en.e = e;
      // Inverted personal name: "Oka, Natsuko, …".
      if (b + 3 < e && doc.tokens[b].shape == Shape::title && token_text(doc, b + 1) == "," &&
          doc.tokens[b + 2].shape == Shape::title && (token_text(doc, b + 3) == "," || token_text(doc, b + 3) == ".")) {
        en.person = true;
        en.head_b = b;
        en.head_e = b + 3;
        std::uint32_t seg = segment_end(doc, b + 4, e);
        // The role: the words after the name up to the next comma.
        std::uint32_t r = b + 4;
        while (r < seg && token_text(doc, r) != ",") ++r;
        if (token_text(doc, b + 3) == "," && r > b + 4 && r - (b + 4) <= 5) {
          en.role_b = b + 4;
          en.role_e = r;
        }
        auto dates = find_dates(doc, en.head_e, e);
        if (!dates.empty()) {
          en.date = dates.front();
          std::uint32_t after = dates.front().end_token;
          if (after < e && token_text(doc, after) == ".") ++after;
          if (after < e && is_cap(doc.tokens[after].shape)) {
            en.item_b = after;
            en.item_e = segment_end(doc, after, e);
          }
        }
      } else {
        std::uint32_t h = b;
        while (h < e) {
          const std::string_view t = token_text(doc, h);
          if (t == "[" || t == "(" || quote_open(t)) break;
          if (t == "." && h > b && !abbreviation(doc, h - 1)) break;
          ++h;
        }
        while (h > b && (token_text(doc, h - 1) == "," || token_text(doc, h - 1) == ":")) --h;
        if (h == b) continue;
        en.head_b = b;
        en.head_e = h;
        if (h + 2 < e && token_text(doc, h) == "[") {
          std::uint32_t c = h + 1;
          while (c < e && token_text(doc, c) != "]") ++c;
          if (c < e && c > h + 1) {
            en.place_b = h + 1;
            en.place_e = c;
          }
        }
        std::uint32_t from = en.place_e ? en.place_e + 1 : h;
        for (std::uint32_t t = from; t < e; ++t)
          if (quote_open(token_text(doc, t))) {
            std::uint32_t c = t + 1;
            while (c < e && !quote_close(token_text(doc, c))) ++c;
            std::uint32_t te = c;
            while (te > t + 1 && (token_text(doc, te - 1) == "." || token_text(doc, te - 1) == ",")) --te;
            if (c < e && te > t + 1) {
              en.title_b = t + 1;
              en.title_e = te;
            }
            break;
          }
        auto dates = find_dates(doc, from, en.title_b ? en.title_b : e);
        if (!dates.empty()) en.date = dates.front();
      }
      out.push_back(en);
    }
  }
  return out;
}

// "Oka, Natsuko" → "Natsuko Oka".
std::string uninverted(const Doc& doc, const Entry& en) {
  return std::string(token_text(doc, en.head_b + 2)) + " " + std::string(token_text(doc, en.head_b));
}

/// The unnamed item of a person entry: "Correspondence from Natsuko Oka of 15 May 2000".
std::string item_name(const Doc& doc, const Entry& en, const std::string& person) {
  std::string kind(token_text(doc, en.item_b));
  return kind + " from " + person + " of " + surface(doc, en.date->first_token, en.date->end_token);
}

class ReferenceMatcher final : public Component {
 public:
  std::string name() const override { return "kg.references.v1"; }
  std::vector<std::string> requires_() const override { return {"doc.tokens", "doc.mentions"}; }
  std::vector<std::string> assigns() const override { return {"doc.mentions"}; }

  Result<void> process(Doc& doc, const Diagnostics&) const override {
    std::vector<Mention> added;
    codes(doc, added);
    for (const Entry& en : reference_entries(doc)) entry(doc, en, added);
    if (auto h = article_header(doc)) header(doc, *h, added);
    doc.mentions.insert(doc.mentions.end(), added.begin(), added.end());
    std::stable_sort(doc.mentions.begin(), doc.mentions.end(),
                     [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
    doc.stats.mentions = doc.mentions.size();
    return {};
  }

 private:
  // Report codes become Publications (replacing any mention over them).
  void codes(Doc& doc, std::vector<Mention>& added) const {
    for (const Sentence& s : doc.sentences)
      for (std::uint32_t t = s.first_token; t < s.end_token; ++t) {
        auto code = report_code(doc, t, s.end_token);
        if (!code) continue;
        Mention m = make_mention(doc, t, code->first, Class::Publication, code->second, "pattern:report-code", 0.85);
        m.aliases.push_back("id:" + code->second);
        drop_overlapping(doc, m.span);
        added.push_back(std::move(m));
        t = code->first - 1;
      }
  }

  static void drop_overlapping(Doc& doc, Span span) {
    doc.mentions.erase(std::remove_if(doc.mentions.begin(), doc.mentions.end(),
                                      [&](const Mention& m) { return m.span.begin < span.end && span.begin < m.span.end; }),
                       doc.mentions.end());
  }

  const Mention* exact(const Doc& doc, std::uint32_t b, std::uint32_t e) const {
    for (const Mention& m : doc.mentions)
      if (m.first_token == b && m.end_token == e) return &m;
    return nullptr;
  }

  // The article a page carries (its title line), its author's name line and the site.
  void header(Doc& doc, const ArticleHeader& h, std::vector<Mention>& added) const {
    const Block& tb = doc.blocks[h.title];
    auto [b, e] = tokens_in(doc, tb.span.begin, tb.span.end);
    if (e > b) {
      const Span title{doc.tokens[b].span.begin, doc.tokens[e - 1].span.end};
      doc.mentions.erase(std::remove_if(doc.mentions.begin(), doc.mentions.end(),
                                        [&](const Mention& m) {
                                          return m.span.begin < title.end && title.begin < m.span.end &&
                                                 !(title.begin <= m.span.begin && m.span.end <= title.end && m.span != title);
                                        }),
                         doc.mentions.end());
      added.push_back(make_mention(doc, b, e, Class::Publication, surface(doc, b, e), "pattern:article-title", 0.8));
    }
    if (h.author) {
      const Block& ab = doc.blocks[*h.author];
      auto [ab_b, ab_e] = tokens_in(doc, ab.span.begin, ab.span.end);
      if (ab_e > ab_b && !exact(doc, ab_b, ab_e)) {
        drop_overlapping(doc, Span{doc.tokens[ab_b].span.begin, doc.tokens[ab_e - 1].span.end});
        added.push_back(make_mention(doc, ab_b, ab_e, Class::Person, surface(doc, ab_b, ab_e), "pattern:article-author", 0.75));
      }
    }
    if (h.site) {
      auto [sb, se] = tokens_in(doc, h.site_begin, doc.blocks[*h.site].span.end);
      if (se > sb) {
        const Mention* m = exact(doc, sb, se);
        if (!m || !ontology::is_a(m->cls, Class::Organization)) {
          drop_overlapping(doc, Span{doc.tokens[sb].span.begin, doc.tokens[se - 1].span.end});
          added.push_back(make_mention(doc, sb, se, Class::Organization, surface(doc, sb, se), "pattern:article-site", 0.75));
        }
      }
    }
  }

  void entry(Doc& doc, const Entry& en, std::vector<Mention>& added) const {
    if (en.person) {
      const std::string name = uninverted(doc, en);
      Span head{doc.tokens[en.head_b].span.begin, doc.tokens[en.head_e - 1].span.end};
      drop_overlapping(doc, head);
      added.push_back(make_mention(doc, en.head_b, en.head_e, Class::Person, name, "pattern:reference-person", 0.8));
      if (en.item_e > en.item_b && en.date) {
        Mention item = make_mention(doc, en.item_b, en.item_b + 1, Class::Document, item_name(doc, en, name),
                                   "pattern:reference-item", 0.7);
        drop_overlapping(doc, item.span);
        added.push_back(std::move(item));
      }
      return;
    }
    const std::size_t head_end_byte = doc.tokens[en.head_e - 1].span.end;
    // A mention running past the head ("… of the DPRK [Pyongyang]") is cut at it.
    for (Mention& m : doc.mentions)
      if (m.span.begin < head_end_byte && head_end_byte < m.span.end && m.first_token >= en.head_b) {
        m.end_token = en.head_e;
        m.span.end = head_end_byte;
        m.canonical = surface(doc, m.first_token, m.end_token);
      }
    // The publisher: a name already found that ends the head; else the whole head.
    const Mention* inner = nullptr;
    for (const Mention& m : doc.mentions)
      if (m.end_token == en.head_e && m.first_token >= en.head_b && ontology::is_a(m.cls, Class::Agent))
        if (!inner || m.first_token < inner->first_token) inner = &m;
    if (!inner && !exact(doc, en.head_b, en.head_e)) {
      const bool publisher = en.title_e > en.title_b || en.place_e > en.place_b;
      Class cls = publisher ? Class::Organization : Class::Publication;
      added.push_back(make_mention(doc, en.head_b, en.head_e, cls, surface(doc, en.head_b, en.head_e),
                                  "pattern:reference-head", 0.75));
    }
    if (en.title_e > en.title_b && !exact(doc, en.title_b, en.title_e)) {
      // Names inside the title stay (the title is about them); names crossing it go.
      const Span title{doc.tokens[en.title_b].span.begin, doc.tokens[en.title_e - 1].span.end};
      doc.mentions.erase(std::remove_if(doc.mentions.begin(), doc.mentions.end(),
                                        [&](const Mention& m) {
                                          return m.span.begin < title.end && title.begin < m.span.end &&
                                                 !(title.begin <= m.span.begin && m.span.end <= title.end);
                                        }),
                         doc.mentions.end());
      added.push_back(make_mention(doc, en.title_b, en.title_e, Class::Publication, surface(doc, en.title_b, en.title_e),
                                  "pattern:reference-title", 0.8));
    }
  }
};

class ReferenceRelations final : public Component {
 public:
  std::string name() const override { return "kg.reference_relations.v1"; }
  std::vector<std::string> requires_() const override { return {"doc.entities"}; }
  std::vector<std::string> assigns() const override { return {"doc.relations", "doc.attributes"}; }

  Result<void> process(Doc& doc, const Diagnostics&) const override {
    for (const Entry& en : reference_entries(doc)) entry(doc, en);
    codes(doc);
    titles(doc);
    works(doc);
    if (auto h = article_header(doc)) header(doc, *h);
    return {};
  }

 private:
  // The entity of the mention over exactly [b, e), or of the widest one inside it.
  std::optional<EntityKey> entity_in(const Doc& doc, std::uint32_t b, std::uint32_t e,
                                     std::optional<Class> cls = std::nullopt) const {
    const Mention* best = nullptr;
    for (const Mention& m : doc.mentions) {
      if (m.entity < 0 || m.first_token < b || m.end_token > e) continue;
      const EntityKey& k = doc.entities[static_cast<std::size_t>(m.entity)].key;
      if (cls && !ontology::is_a(k.cls, *cls)) continue;
      if (!best || m.end_token - m.first_token > best->end_token - best->first_token) best = &m;
    }
    if (!best) return std::nullopt;
    return doc.entities[static_cast<std::size_t>(best->entity)].key;
  }

  // The publisher: the mention ending the head (the earliest-starting one).
  std::optional<EntityKey> head_entity(const Doc& doc, const Entry& en) const {
    const Mention* best = nullptr;
    for (const Mention& m : doc.mentions)
      if (m.entity >= 0 && m.end_token == en.head_e && m.first_token >= en.head_b)
        if (!best || m.first_token < best->first_token) best = &m;
    if (!best) return std::nullopt;
    return doc.entities[static_cast<std::size_t>(best->entity)].key;
  }

  static void relation(Doc& doc, Span where, const EntityKey& s, Property p, const EntityKey& o, const char* rule,
                       double conf) {
    if (s == o || !fits_domain(p, s.cls, o.cls)) return;
    for (const auto& r : doc.relations)
      if (r.subject == s && r.property == p && r.object == o && r.evidence.rule == rule) return;
    doc.relations.push_back(Relation{s, p, o, doc.evidence(where, rule, conf)});
  }

  static void attribute(Doc& doc, Span where, const EntityKey& s, DataProperty p, const std::string& lexical,
                        Datatype dt, const char* rule, double conf) {
    for (const auto& a : doc.attributes)
      if (a.subject == s && a.property == p && a.lexical == lexical && a.evidence.rule == rule) return;
    doc.attributes.push_back(Attribute{s, p, lexical, dt, doc.evidence(where, rule, conf)});
  }

  void entry(Doc& doc, const Entry& en) const {
    const Span line{doc.tokens[en.b].span.begin, doc.tokens[en.e - 1].span.end};
    constexpr const char* rule = "references:entry";
    if (en.person) {
      auto person = entity_in(doc, en.head_b, en.head_e, Class::Person);
      if (!person) return;
      if (en.role_e > en.role_b)
        attribute(doc, line, *person, DataProperty::position, surface(doc, en.role_b, en.role_e), Datatype::string,
                  rule, 0.7);
      auto item = en.item_e > en.item_b ? entity_in(doc, en.item_b, en.item_b + 1, Class::Document) : std::nullopt;
      if (!item) return;
      relation(doc, line, *item, Property::author, *person, rule, 0.75);
      if (en.date) attribute(doc, line, *item, DataProperty::date, en.date->start, en.date->start_type, rule, 0.75);
      // "… sent to the Research Directorate": the addressee.
      for (std::uint32_t t = en.item_b + 1; t + 1 < en.item_e; ++t)
        if (token_fold(doc, t) == "to")
          if (auto to = entity_in(doc, t + 1, en.item_e, Class::Agent)) {
            relation(doc, line, *item, Property::addressedTo, *to, rule, 0.7);
            break;
          }
      return;
    }
    auto head = head_entity(doc, en);
    if (!head) return;
    if (en.place_e > en.place_b)
      if (auto place = entity_in(doc, en.place_b, en.place_e, Class::Place))
        relation(doc, line, *head, Property::basedIn, *place, rule, 0.75);
    // A work named by its publisher ("Amnesty International Country File: Kazakhstan"):
    // issued by the body its name starts with, about the places it names.
    if (ontology::is_a(head->cls, Class::Document))
      for (const Mention& m : doc.mentions) {
        if (m.entity < 0 || m.first_token < en.head_b || m.end_token > en.head_e ||
            m.end_token - m.first_token >= en.head_e - en.head_b)
          continue;
        const EntityKey inner = doc.entities[static_cast<std::size_t>(m.entity)].key;
        if (m.first_token == en.head_b && ontology::is_a(inner.cls, Class::Organization))
          relation(doc, line, *head, Property::issuedBy, inner, rule, 0.7);
        else if (ontology::is_a(inner.cls, Class::Place))
          relation(doc, line, *head, Property::about, inner, rule, 0.6);
      }
    std::optional<EntityKey> title;
    if (en.title_e > en.title_b) title = entity_in(doc, en.title_b, en.title_e, Class::Document);
    const EntityKey& dated = title ? *title : *head;
    if (en.date && ontology::is_a(dated.cls, Class::Document))
      attribute(doc, line, dated, DataProperty::date, en.date->start, en.date->start_type, rule, 0.75);
    if (!title) return;
    relation(doc, line, *title, Property::issuedBy, *head, rule, 0.75);
    // An author named between the head and the title ("… Vol. 11. Natsuko Oka. "…"").
    if (auto author = entity_in(doc, en.place_e ? en.place_e : en.head_e, en.title_b, Class::Person))
      relation(doc, line, *title, Property::author, *author, rule, 0.7);
  }

  // The page's article: issued by the site, written by the name line next to its title
  // or the byline's person, dated by the "Posted" line. Evidence: the header lines.
  void header(Doc& doc, const ArticleHeader& h) const {
    const Block& tb = doc.blocks[h.title];
    auto [b, e] = tokens_in(doc, tb.span.begin, tb.span.end);
    std::optional<EntityKey> article = entity_in(doc, b, e, Class::Document);
    if (!article) return;
    const std::size_t first = std::min(h.title, h.author.value_or(h.title));
    const Span where{doc.blocks[first].span.begin, doc.blocks[h.posted].span.end};
    constexpr const char* rule = "references:article-header";
    const Block& pb = doc.blocks[h.posted];
    auto [pb_b, pb_e] = tokens_in(doc, pb.span.begin, pb.span.end);
    auto dates = find_dates(doc, pb_b, pb_e);
    if (!dates.empty()) attribute(doc, where, *article, DataProperty::date, dates.front().start, dates.front().start_type, rule, 0.8);
    if (h.site) {
      auto [sb, se] = tokens_in(doc, h.site_begin, doc.blocks[*h.site].span.end);
      if (auto site = entity_in(doc, sb, se, Class::Organization)) {
        const Span at{doc.blocks[*h.site].span.begin, doc.blocks[*h.site].span.end};
        relation(doc, *h.site < first ? at : where, *article, Property::issuedBy, *site, rule, 0.75);
      }
    }
    std::optional<EntityKey> author;
    if (h.author) {
      auto [ab, ae] = tokens_in(doc, doc.blocks[*h.author].span.begin, doc.blocks[*h.author].span.end);
      author = entity_in(doc, ab, ae, Class::Person);
    }
    if (author) {
      relation(doc, where, *article, Property::author, *author, rule, 0.75);
      return;
    }
    for (const Mention& m : doc.mentions)  // "By Andrei Lankov" below the header
      if (m.rule == "pattern:byline" && m.entity >= 0 && m.span.begin > pb.span.end) {
        const Sentence& s = doc.sentences[doc.tokens[m.first_token].sentence];
        relation(doc, s.span, *article, Property::author, doc.entities[static_cast<std::size_t>(m.entity)].key, rule, 0.7);
        break;
      }
  }

  // A bulleted list of works ("• Escape from Camp 14, by Blaine Harden, a 2012
  // biography of Shin Dong-hyuk, …"): persons after "by" wrote it; the person after
  // "biography of", "story of", "about" … is its subject, and after "autobiography of"
  // or "memoir of" both.
  void works(Doc& doc) const {
    static const std::set<std::string, std::less<>> kKinds{
        "biography", "autobiography", "memoir", "memoirs", "story", "film", "documentary", "book", "novel",
        "account", "portrait", "life"};
    for (const Mention& w : doc.mentions) {
      if (w.rule != "pattern:list-work" || w.entity < 0) continue;
      const EntityKey work = doc.entities[static_cast<std::size_t>(w.entity)].key;
      const Sentence& s = doc.sentences[doc.tokens[w.first_token].sentence];
      for (const Mention& m : doc.mentions) {
        if (m.entity < 0 || m.first_token < w.end_token || m.first_token >= s.end_token) continue;
        const EntityKey person = doc.entities[static_cast<std::size_t>(m.entity)].key;
        if (person.cls != Class::Person) continue;
        // The words before the name, back to a comma or at most four.
        bool by = false, about = false, own = false;
        for (std::uint32_t k = m.first_token; k > w.end_token && m.first_token - k < 5; --k) {
          const std::string f = token_fold(doc, k - 1);
          if (f == "," || f == ";") break;
          if (f == "by" || f == "and") by = by || f == "by";
          if (f == "of" || f == "about") {
            const std::string kind = k >= 2 ? token_fold(doc, k - 2) : "";
            if (f == "about" || kKinds.count(kind)) about = true;
            own = kind == "autobiography" || kind == "memoir" || kind == "memoirs";
            break;
          }
        }
        if (!by && !about) {
          // "… by A and B": the second name after "and" follows the first author.
          if (m.first_token >= 1 && token_fold(doc, m.first_token - 1) == "and")
            for (const auto& r : doc.relations)
              if (r.subject == work && r.property == Property::author && r.evidence.rule == "references:works") by = true;
        }
        if (by || own) relation(doc, s.span, work, Property::author, person, "references:works", 0.7);
        if (about) relation(doc, s.span, work, Property::about, person, "references:works", 0.65);
      }
    }
  }

  // A quoted title is about the people, groups, bodies, places and events it names
  // ("Nazarbayev Win Heralds Closer Cooperation with Korea").
  void titles(Doc& doc) const {
    for (const Mention& t : doc.mentions) {
      if ((t.rule != "pattern:quoted-title" && t.rule != "pattern:reference-title" && t.rule != "pattern:article-title") ||
          t.entity < 0)
        continue;
      const EntityKey title = doc.entities[static_cast<std::size_t>(t.entity)].key;
      if (!ontology::is_a(title.cls, Class::Document)) continue;
      const Sentence& s = doc.sentences[doc.tokens[t.first_token].sentence];
      for (const Mention& m : doc.mentions) {
        if (m.entity < 0 || &m == &t || m.first_token < t.first_token || m.end_token > t.end_token) continue;
        const EntityKey inner = doc.entities[static_cast<std::size_t>(m.entity)].key;
        if (inner.cls == Class::Statistic || inner.cls == Class::SourceDocument) continue;
        relation(doc, s.span, title, Property::about, inner, "references:title-names", 0.6);
      }
    }
  }

  // "<code> of <date>" dates the code; a first line ending "[<code>]" is the document
  // itself: it supersedes the code it updates and is about what its title names.
  void codes(Doc& doc) const {
    for (std::size_t mi = 0; mi < doc.mentions.size(); ++mi) {
      const Mention& m = doc.mentions[mi];
      if (m.rule != "pattern:report-code" || m.entity < 0) continue;
      const EntityKey code = doc.entities[static_cast<std::size_t>(m.entity)].key;
      const Sentence& s = doc.sentences[doc.tokens[m.first_token].sentence];
      if (m.end_token < s.end_token && token_fold(doc, m.end_token) == "of") {
        auto dates = find_dates(doc, m.end_token + 1, s.end_token);
        if (!dates.empty() && dates.front().first_token == m.end_token + 1)
          attribute(doc, s.span, code, DataProperty::date, dates.front().start, dates.front().start_type,
                    "references:code-date", 0.75);
      }
      // The document's own code: in brackets at the end of the first block.
      const bool own = doc.tokens[m.first_token].sentence < doc.sentences.size() && m.first_token > 0 &&
                       token_text(doc, m.first_token - 1) == "[" && m.end_token < doc.tokens.size() &&
                       token_text(doc, m.end_token) == "]" && !doc.blocks.empty() &&
                       m.span.end <= doc.blocks.front().span.end;
      if (!own) continue;
      const Span title{doc.blocks.front().span.begin, doc.tokens[m.end_token].span.end};
      bool after_on = false;
      std::uint32_t k0 = 0;
      while (k0 < m.first_token && doc.tokens[k0].span.begin < doc.blocks.front().span.begin) ++k0;
      for (std::uint32_t k = k0; k < m.first_token; ++k) {
        const std::string f = token_fold(doc, k);
        if (f == "on" || f == "about" || f == "concerning" || f == "regarding") after_on = true;
        const auto it = std::find_if(doc.mentions.begin(), doc.mentions.end(),
                                     [&](const Mention& o) { return o.first_token == k && o.entity >= 0; });
        if (it == doc.mentions.end()) continue;
        const EntityKey other = doc.entities[static_cast<std::size_t>(it->entity)].key;
        const std::string before = k > k0 ? token_fold(doc, k - 1) : "";
        const bool updates = (before == "to" && k >= k0 + 2 && token_fold(doc, k - 2) == "update") ||
                             before == "updates" || before == "replaces" || before == "supersedes";
        if (it->rule == "pattern:report-code" && other != code && updates)
          relation(doc, title, code, Property::supersedes, other, "references:update", 0.75);
        if (after_on && (other.cls == Class::Group || ontology::is_a(other.cls, Class::Place) || other.cls == Class::Event))
          relation(doc, title, code, Property::about, other, "references:title", 0.65);
      }
    }
  }
};

}  // namespace

std::unique_ptr<Component> make_references(const Resources&) { return std::make_unique<ReferenceMatcher>(); }
std::unique_ptr<Component> make_reference_relations(const Resources&) { return std::make_unique<ReferenceRelations>(); }

}  // namespace kg::extract
