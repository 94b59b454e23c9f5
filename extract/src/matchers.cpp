// Mention detectors:
//  kg.lexicon_matcher.v1  — longest lexicon names over the tokens of each sentence;
//  kg.pattern_matcher.v1  — generic mechanisms: capitalised sequences typed by cue
//                           words, person titles and name shapes, groups from
//                           demonyms, numbered legal instruments, acronyms;
//  kg.overlap_filter.v1   — the named overlap policy over both.
#include <algorithm>
#include <map>
#include <set>

#include "dates.hpp"
#include "mentions.hpp"
#include "pipeline.hpp"
#include "text.hpp"

namespace kg::extract {
namespace {


// Folded tokens [b, e) joined by spaces ("north korean").
std::string surface_fold(const Doc& doc, std::uint32_t b, std::uint32_t e) {
  std::string out;
  for (auto k = b; k < e; ++k) {
    if (!out.empty()) out += ' ';
    out += token_fold(doc, k);
  }
  return out;
}

// --------------------------------------------------------------------- lexicon

class LexiconMatcher final : public Component {
 public:
  explicit LexiconMatcher(const Resources& r) : m_r(r) {}
  std::string name() const override { return "kg.lexicon_matcher.v1"; }
  std::vector<std::string> requires_() const override { return {"doc.tokens"}; }
  std::vector<std::string> assigns() const override { return {"doc.mentions"}; }

  Result<void> process(Doc& doc, const Diagnostics&) const override {
    std::vector<Mention> found;
    for (const Sentence& s : doc.sentences) {
      for (std::uint32_t i = s.first_token; i < s.end_token; ++i) {
        bool lower_start = doc.tokens[i].shape == Shape::lower;
        if (!is_cap(doc.tokens[i].shape) && doc.tokens[i].shape != Shape::digit && !lower_start) continue;
        std::string key;
        std::uint32_t best_end = 0;
        const LexEntry* best = nullptr;
        std::size_t n = 0;
        for (std::uint32_t j = i; j < s.end_token && n < m_r.max_name_tokens + 2; ++j) {
          std::string_view t = token_text(doc, j);
          if (t == "[" || t == "]") continue;
          if (!key.empty()) key += ' ';
          key += text::fold(t);
          ++n;
          auto it = m_r.by_name.find(key);
          if (it == m_r.by_name.end()) continue;
          // The last token may not be lower case when the name is capitalised there
          // ("Korean War" but not "Korean war" … accepted when the text is all caps).
          const LexEntry& e = m_r.entries[it->second.front()];
          bool lower_ok = m_r.lowercase_names.count(key) > 0;
          if (lower_start && !lower_ok) continue;
          if (!lower_ok && !case_ok(doc, i, j + 1)) continue;
          best = &e;
          best_end = j + 1;
        }
        // One-word matches that are more often something else: a demonym
        // ("Canadian" is not the Canadian River) or a short name part of a person
        // ("Jong" in "Kim Jong Un").
        if (best && best_end == i + 1) {
          std::string f = token_fold(doc, i);
          bool demonym = m_r.demonym_by_adjective.count(f) && best->cls != Class::Group && best->cls != Class::Country;
          bool name_part = best->cls == Class::Person &&
                           (f.size() <= 4 || m_r.korean_surnames.count(f) || m_r.chinese_surnames.count(f));
          if (demonym || name_part) best = nullptr;
        }
        // A person's name that the text continues with another name word is someone
        // else's longer name ("Aleksandr Pavlovich Min" is not "Aleksandr Pavlovich").
        // After a title, the name runs to its last capitalised word: a known name
        // followed by another name word is someone else's ("Captain Aleksandr Pavlovich
        // Min" is not Aleksandr Pavlovich, the tsar), as is a one-word name inside such
        // a run ("Professor Anton Brask Velde"). Headlines in title case ("Anton Brask
        // Opens …") have no title in front and keep the known name.
        if (best && best->cls == Class::Person && best_end < s.end_token && name_word(doc, best_end) &&
            doc.tokens[best_end].span.begin > doc.tokens[best_end - 1].span.end) {
          std::uint32_t k = i;
          while (k > s.first_token && k + 3 > i && name_word(doc, k - 1)) --k;
          if (k > s.first_token && m_r.cues.title.count(token_fold(doc, k - 1))) best = nullptr;
        }
        if (best) {
          double conf = best->priority >= 3 ? 0.9 : best->priority == 2 ? 0.85 : 0.75;
          Mention m = make_mention(doc, i, best_end, best->cls, best->label, "lexicon:" + best->source, conf);
          found.push_back(std::move(m));
        }
      }
    }
    // Lexicon mentions among themselves: longest first.
    auto kept = longest_first_then_earliest(std::move(found));
    doc.mentions.insert(doc.mentions.end(), kept.begin(), kept.end());
    return {};
  }

 private:
  // A capitalised word that could continue a personal name: no function word, cue,
  // demonym or known name of its own.
  bool name_word(const Doc& doc, std::uint32_t t) const {
    if (doc.tokens[t].shape != Shape::title) return false;
    const std::string f = token_fold(doc, t);
    return !m_r.stopwords.count(f) && !m_r.cues.not_name.count(f) && !m_r.cues.head.count(f) &&
           !m_r.cues.title.count(f) && !m_r.demonym_by_adjective.count(f) && !m_r.by_name.count(f);
  }

  // Every alphabetic token of a matched name must be capitalised, except short
  // connectors ("of", "the", "and", "de") inside it.
  bool case_ok(const Doc& doc, std::uint32_t b, std::uint32_t e) const {
    for (std::uint32_t k = b; k < e; ++k) {
      Shape sh = doc.tokens[k].shape;
      if (sh != Shape::lower) continue;
      std::string f = token_fold(doc, k);
      bool connector = k > b && k + 1 < e && m_r.stopwords.count(f);
      bool suffix = k > b && (f == "s");  // possessive 's inside a name
      if (!connector && !suffix) return false;
    }
    return true;
  }

  const Resources& m_r;
};

// --------------------------------------------------------------------- patterns

class PatternMatcher final : public Component {
 public:
  explicit PatternMatcher(const Resources& r) : m_r(r) {}
  std::string name() const override { return "kg.pattern_matcher.v1"; }
  std::vector<std::string> requires_() const override { return {"doc.tokens", "doc.mentions"}; }
  std::vector<std::string> assigns() const override { return {"doc.mentions"}; }

  Result<void> process(Doc& doc, const Diagnostics&) const override {
    std::vector<Mention> found;
    // Token positions where a lexicon mention starts or ends split capitalised runs.
    std::vector<char> lex_start(doc.tokens.size() + 1, 0), lex_end(doc.tokens.size() + 1, 0);
    m_lex_end_at.clear();
    m_lex_start_at.clear();
    for (const Mention& m : doc.mentions) {
      lex_start[m.first_token] = 1;
      lex_end[m.end_token] = 1;
      if (m.end_token - m.first_token >= 2) {
        m_lex_end_at.insert(m.end_token);
        m_lex_start_at.insert(m.first_token);
      }
    }
    list_items(doc, found);
    for (const Sentence& s : doc.sentences) {
      chunks(doc, s, lex_start, lex_end, found);
      groups(doc, s, found);
      instruments(doc, s, found);
      title_lines(doc, s, found);
      dated_instruments(doc, s, found);
      quoted_titles(doc, s, found);
      unnamed_documents(doc, s, found);
      event_phrases(doc, s, found);
      place_based(doc, s, found);
      year_and_compound_names(doc, s, found);
    }
    year_prefixed_events(doc, found);
    infobox_values(doc, found);
    doc.mentions.insert(doc.mentions.end(), found.begin(), found.end());
    return {};
  }

  // "- Partof: Population transfer in the Soviet Union and Mass operations of the NKVD":
  // the values of an infobox key that takes one class of entity (infobox.tsv) name
  // entities of that class, split at " and " and commas, when no name was found there.
  void infobox_values(const Doc& doc, std::vector<Mention>& found) const {
    for (const Sentence& s : doc.sentences) {
      if (doc.blocks[s.block].chrome) continue;
      auto kv = key_value(doc, s);
      if (!kv) continue;
      const std::uint32_t colon = kv->colon;
      auto it = m_r.infobox.find(kv->key);
      if (it == m_r.infobox.end() || it->second.kind != "object" || it->second.classes.size() != 1) continue;
      const Class cls = it->second.classes.front();
      if (cls != Class::Event && cls != Class::Organization && cls != Class::GovernmentBody) continue;
      // A piece already named whole (or by a longer name) needs no new mention; names
      // inside it stay (the value is a container, as event phrases are).
      auto covered = [&](std::uint32_t b, std::uint32_t e) {
        for (const std::vector<Mention>* list : {&doc.mentions, static_cast<const std::vector<Mention>*>(&found)})
          for (const Mention& m : *list)
            if (m.first_token <= b && e <= m.end_token) return true;
        return false;
      };
      std::uint32_t b = colon + 1;
      for (std::uint32_t k = colon + 1; k <= s.end_token; ++k) {
        const bool end = k == s.end_token || token_text(doc, k) == "," || token_fold(doc, k) == "and" ||
                         token_text(doc, k) == ";";
        if (!end) continue;
        std::uint32_t e = k;
        while (e > b && token_text(doc, e - 1) == ".") --e;
        if (e >= b + 2 && is_cap(doc.tokens[b].shape) && !covered(b, e))
          found.push_back(make_mention(doc, b, e, cls, surface(doc, b, e), "pattern:infobox-value", 0.7));
        b = k + 1;
      }
    }
  }

  // "the dissolution of the Soviet Union", "the Japanese occupation of Korea", "the
  // Kazakh famine of 1931–33": a noun of a kind of event, "of", and a name or years,
  // with a capitalised modifier before it, is the name of an event.
  void event_phrases(const Doc& doc, const Sentence& s, std::vector<Mention>& out) const {
    static const std::set<std::string> kNouns{"occupation", "invasion", "dissolution", "annexation", "partition",
                                              "collapse",   "famine",   "liberation",  "reunification", "division",
                                              "siege",      "bombing",  "massacre",    "genocide",      "breakup",
                                              "independence"};
    for (std::uint32_t t = s.first_token; t + 2 < s.end_token; ++t) {
      if (doc.tokens[t].shape != Shape::lower || !kNouns.count(token_fold(doc, t)) || token_fold(doc, t + 1) != "of")
        continue;
      std::uint32_t b = t;
      if (b > s.first_token && is_cap(doc.tokens[b - 1].shape) &&
          !m_r.stopwords.count(token_fold(doc, b - 1)) && !m_r.cues.not_name.count(token_fold(doc, b - 1)))
        --b;  // "Japanese occupation", "Nazi invasion"
      std::uint32_t k = t + 2;
      if (k < s.end_token && token_fold(doc, k) == "the") ++k;
      std::uint32_t e = k;
      if (k < s.end_token && doc.tokens[k].shape == Shape::digit && token_text(doc, k).size() == 4) {
        e = k + 1;  // "of 1931–33"
        if (e + 1 < s.end_token && (token_text(doc, e) == "\u2013" || token_text(doc, e) == "-") &&
            doc.tokens[e + 1].shape == Shape::digit)
          e += 2;
      } else {
        while (e < s.end_token && e - k < 6 &&
               (is_cap(doc.tokens[e].shape) || (e > k && connector(token_fold(doc, e)) && e + 1 < s.end_token &&
                                                is_cap(doc.tokens[e + 1].shape))))
          ++e;
      }
      if (e == k) continue;
      // "the collapse of North Korea's food supply" is the collapse of the supply.
      if (e < s.end_token && (token_text(doc, e) == "'" || token_text(doc, e) == "\u2019")) continue;
      out.push_back(make_mention(doc, b, e, Class::Event, surface(doc, b, e), "pattern:event-phrase", 0.65));
    }
  }

  // Names made of a lower-case head word of an event or instrument and what comes
  // before it: a year ("the 1959 census", "the 1997 election") or two peoples joined by
  // a hyphen ("the Russo-Korean treaty", "the Sino-Soviet war").
  void year_and_compound_names(const Doc& doc, const Sentence& s, std::vector<Mention>& out) const {
    for (std::uint32_t t = s.first_token + 1; t + 1 < s.end_token; ++t) {
      const std::string head = token_fold(doc, t + 1);
      if (doc.tokens[t + 1].shape != Shape::lower) continue;
      auto h = head_class(head);
      if (!h || !(*h == Class::Event || ontology::is_a(*h, Class::Document))) continue;
      const std::string_view w = token_text(doc, t);
      const bool year = doc.tokens[t].shape == Shape::digit && w.size() == 4 && token_fold(doc, t - 1) == "the";
      bool compound = false;
      if (!year && doc.tokens[t].shape != Shape::lower) {
        const std::string f = token_fold(doc, t);
        const std::size_t dash = f.find('-');
        compound = dash != std::string::npos && dash > 0 && dash + 1 < f.size() &&
                   m_r.demonym_by_adjective.count(f.substr(0, dash)) && m_r.demonym_by_adjective.count(f.substr(dash + 1));
      }
      if (!year && !compound) continue;
      out.push_back(make_mention(doc, t, t + 2, *h, surface(doc, t, t + 2), year ? "pattern:year-name" : "pattern:compound-name", 0.6));
    }
  }

  // "Baku-based Center of …": the place is a name of its own and the body starts after
  // "-based".
  void place_based(const Doc& doc, const Sentence& s, std::vector<Mention>& out) const {
    for (std::uint32_t t = s.first_token; t < s.end_token; ++t) {
      const std::string f = token_fold(doc, t);
      constexpr std::string_view kSuffix = "-based";
      if (f.size() <= kSuffix.size() || f.compare(f.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0 ||
          !is_cap(doc.tokens[t].shape))
        continue;
      const std::string_view text = token_text(doc, t);
      const std::string place(text.substr(0, text.size() - kSuffix.size()));
      auto it = m_r.by_name.find(text::lookup_key(place));
      if (it == m_r.by_name.end()) continue;
      const LexEntry& e = m_r.entries[it->second.front()];
      if (!ontology::is_a(e.cls, Class::Place)) continue;
      Mention m = make_mention(doc, t, t + 1, e.cls, e.label, "pattern:place-based", 0.8);
      m.span.end = m.span.begin + place.size();
      out.push_back(std::move(m));
    }
  }

  // "the 1926 Soviet Census", "the 1936 Constitution": a year before an event's or a
  // document's name belongs to it.
  void year_prefixed_events(const Doc& doc, std::vector<Mention>& found) const {
    for (Mention& m : found) {
      if ((m.cls != Class::Event && !ontology::is_a(m.cls, Class::Document)) || m.first_token < 2) continue;
      const std::uint32_t y = m.first_token - 1;
      if (doc.tokens[y].shape != Shape::digit || token_text(doc, y).size() != 4 ||
          doc.tokens[y].sentence != doc.tokens[m.first_token].sentence)
        continue;
      const std::string before = token_fold(doc, y - 1);
      if (before != "the" && before != "a") continue;
      m.first_token = y;
      m.span.begin = doc.tokens[y].span.begin;
      m.canonical = surface(doc, m.first_token, m.end_token);
    }
  }

 private:
  // Lower-case words allowed inside a capitalised name. "in" only joins when the name
  // opened with a prefix cue ("Association of South Koreans in Kazakhstan"); "and" and
  // "on" always separate ("the Ministry of Foreign Affairs and the Ministry of …",
  // "Report … on the Issue of …").
  bool connector(const std::string& f) const {
    return f == "of" || f == "the" || f == "for" || f == "de" || f == "du" || f == "von" || f == "van" ||
           f == "der" || f == "al" || f == "la";
  }
  bool weak_connector(const std::string& f) const { return f == "in"; }

  std::optional<Class> head_class(const std::string& folded) const {
    auto it = m_r.cues.head.find(folded);
    if (it != m_r.cues.head.end()) return it->second;
    // Plurals: Ministries → ministry, Rivers → river.
    if (folded.size() > 4 && folded.compare(folded.size() - 3, 3, "ies") == 0) {
      it = m_r.cues.head.find(folded.substr(0, folded.size() - 3) + "y");
      if (it != m_r.cues.head.end()) return it->second;
    }
    if (folded.size() > 3 && folded.back() == 's') {
      it = m_r.cues.head.find(folded.substr(0, folded.size() - 1));
      if (it != m_r.cues.head.end()) return it->second;
    }
    return std::nullopt;
  }

  bool is_title(const Doc& doc, std::uint32_t i) const {
    std::string f = token_fold(doc, i);
    return m_r.cues.title.count(f) > 0;
  }

  bool person_shape(const Doc& doc, std::uint32_t b, std::uint32_t e) const {
    std::uint32_t n = e - b;
    if (n < 2 || n > 4) return false;
    std::vector<std::string> f;
    for (std::uint32_t k = b; k < e; ++k) {
      std::string_view t = token_text(doc, k);
      if (t == ".") continue;
      if (doc.tokens[k].shape != Shape::title && doc.tokens[k].shape != Shape::upper) return false;
      f.push_back(text::fold(t));
    }
    for (const auto& w : f)
      if (m_r.stopwords.count(w) || m_r.cues.not_name.count(w)) return false;
    // Korean names: surname + hyphenated given name, or surname + two syllables.
    if (m_r.korean_surnames.count(f[0])) {
      if (f.size() == 2 && f[1].find('-') != std::string::npos) return true;
      if (f.size() == 3 && f[1].size() <= 5 && f[2].size() <= 5) return true;
    }
    // Chinese names: surname + one given-name word written together.
    if (m_r.chinese_surnames.count(f[0]) && f.size() == 2 && f[1].size() >= 3 && f[1].find('-') == std::string::npos)
      return true;
    // Diaspora names: a given name followed by a Korean or Chinese family name
    // ("Alexander Kim", "Lyubov Li").
    if (f.size() == 2 && (m_r.korean_surnames.count(f[1]) || m_r.chinese_surnames.count(f[1])) &&
        f[0].size() >= 3 && f[0].find('-') == std::string::npos && !m_r.demonym_by_adjective.count(f[0]) &&
        !m_r.by_name.count(f[0]))
      return true;
    // Korean names in Western order: "Ryun-hee Kim", "Hye Sook Kim".
    if (m_r.korean_surnames.count(f.back()) && !m_r.korean_surnames.count(f[0])) {
      if (f.size() == 2 && f[0].find('-') != std::string::npos && f[0].size() <= 11) return true;
      if (f.size() == 3 && f[0].size() <= 5 && f[1].size() <= 5 && !m_r.by_name.count(f[0]) &&
          !m_r.demonym_by_adjective.count(f[0]))
        return true;
    }
    // Initials in the middle: "Peter S. Kim", "Tulegen T. Zhukeyev".
    for (std::uint32_t k = b + 1; k + 1 < e; ++k)
      if (token_text(doc, k).size() == 1 && doc.tokens[k].shape == Shape::upper &&
          k + 1 < e && token_text(doc, k + 1) == ".")
        return true;
    // Slavic/Turkic surname endings on the last word.
    const std::string& last = f.back();
    for (const auto& suf : m_r.surname_suffixes)
      if (last.size() > suf.size() + 2 && last.compare(last.size() - suf.size(), suf.size(), suf) == 0 &&
          f.size() <= 3)
        return true;
    return false;
  }

  // Context that says the chunk is a person: "by X", "X said", "X, a professor".
  bool person_context(const Doc& doc, const Sentence& s, std::uint32_t b, std::uint32_t e) const {
    if (b > s.first_token) {
      std::string prev = token_fold(doc, b - 1);
      if (prev == "by" || prev == "dr" || prev == "mr" || prev == "mrs" || prev == "ms") return true;
    }
    if (e < s.end_token) {
      std::string next = token_fold(doc, e);
      static const char* verbs[] = {"said", "says", "stated", "wrote", "writes", "told", "argued", "noted",
                                    "explained", "reported", "added", "claimed", "recalled", "believes"};
      for (const char* v : verbs)
        if (next == v) return true;
      if (next == "," && e + 2 < s.end_token) {
        std::string a = token_fold(doc, e + 1);
        std::uint32_t k = e + 2;
        // ", a North Korean defector": demonym words may stand before the title.
        while (k + 1 < s.end_token && k < e + 5 &&
               (m_r.demonym_by_adjective.count(token_fold(doc, k)) ||
                (k + 1 < s.end_token && m_r.demonym_by_adjective.count(token_fold(doc, k) + " " + token_fold(doc, k + 1)))))
          k += m_r.demonym_by_adjective.count(token_fold(doc, k)) ? 1 : 2;
        if ((a == "a" || a == "an" || a == "the") && k < s.end_token && is_title(doc, k)) return true;
        if (is_title(doc, e + 1)) return true;
      }
    }
    return false;
  }

  // "for" after a name that ends in its head word ("DPRK Social Safety Ministry for
  // Mutual Cooperation in Safeguarding …") starts the purpose of the title it stands in
  // when the words after it run on into a further connector and name; a short
  // complement stays in the name ("Korea Institute for National Unification").
  bool purpose_phrase(const Doc& doc, const Sentence& s, std::uint32_t i, std::uint32_t j) const {
    if (token_fold(doc, j) != "for" || j < i + 2 || !head_class(token_fold(doc, j - 1))) return false;
    std::uint32_t k = j + 1;
    while (k < s.end_token && is_cap(doc.tokens[k].shape)) ++k;
    if (k + 1 >= s.end_token) return false;
    const std::string after = token_fold(doc, k);
    return (after == "in" || after == "of" || after == "and") && is_cap(doc.tokens[k + 1].shape);
  }

  // Whether the capitalised words from `j` (at most three) end the run with a head
  // cue of a body or a place unit, or with a subject word after "for"/"of": then a
  // known name before them is part of a longer name ("North Korea Freedom Coalition",
  // "Hà Tĩnh Province", "World Institute for North Korea Studies").
  bool run_ends_in_head(const Doc& doc, const Sentence& s, std::uint32_t j) const {
    static const std::set<std::string> kSubjects{"studies", "research", "affairs", "rights", "relations",
                                                 "development", "cooperation", "security"};
    std::uint32_t r = j;
    while (r < s.end_token && r - j < 3 && doc.tokens[r].shape == Shape::title) ++r;
    if (r == j || (r < s.end_token && is_cap(doc.tokens[r].shape))) return false;
    const std::string last = token_fold(doc, r - 1);
    if (auto h = head_class(last); h && (ontology::is_a(*h, Class::Organization) || ontology::is_a(*h, Class::Place)))
      return true;
    return kSubjects.count(last) > 0 && r - j == 1;
  }

  void chunks(const Doc& doc, const Sentence& s, const std::vector<char>& lex_start,
              const std::vector<char>& lex_end, std::vector<Mention>& out) const {
    std::uint32_t i = s.first_token;
    while (i < s.end_token) {
      if (!is_cap(doc.tokens[i].shape) && !(token_text(doc, i) == "[" && i + 1 < s.end_token &&
                                             is_cap(doc.tokens[i + 1].shape))) {
        ++i;
        continue;
      }
      std::uint32_t j = i + 1;
      while (j < s.end_token) {
        Shape sh = doc.tokens[j].shape;
        std::string_view t = token_text(doc, j);
        bool glued = doc.tokens[j].span.begin == doc.tokens[j - 1].span.end;
        if (is_cap(sh)) {
          // A lexicon name ending here and another capitalised name starting: split.
          // A known name ending here, or a place starting right after a completed name
          // ("Cranfield University UK"), splits the run.
          bool prev_join = connector(token_fold(doc, j - 1)) || weak_connector(token_fold(doc, j - 1));
          if (!glued && !prev_join &&
              (lex_end[j] || (lex_start[j] && head_class(token_fold(doc, j - 1)).has_value())) &&
              !run_ends_in_head(doc, s, j))
            break;
          ++j;
          continue;
        }
        if (t == "[" || t == "]") { ++j; continue; }
        if (t == "." && token_text(doc, j - 1).size() == 1 && doc.tokens[j - 1].shape == Shape::upper &&
            j + 1 < s.end_token && is_cap(doc.tokens[j + 1].shape)) { ++j; continue; }
        // "People's Commissariat" is one name; "Harvard's Terry Martin" two: a known
        // name before the possessive ends the run.
        if ((t == "'" || t == "\xE2\x80\x99") && j + 2 < s.end_token && token_fold(doc, j + 1) == "s" &&
            is_cap(doc.tokens[j + 2].shape) && glued && !lex_end[j]) { j += 2; continue; }
        // Only bodies are named "… in <place>" ("Association of Koreans in Kazakhstan");
        // for a place, "in" starts where it lies ("Fukui Port in Fukui Prefecture").
        auto body_prefix = [&](std::uint32_t k) {
          auto p = m_r.cues.prefix.find(token_fold(doc, k));
          return p != m_r.cues.prefix.end() && ontology::is_a(p->second, Class::Agent);
        };
        bool prefixed = body_prefix(i) || (token_fold(doc, i) == "the" && i + 1 < j && body_prefix(i + 1));
        // "and" inside the complement of a name ("Organization for Cooperation and
        // Security in Europe"), not between two names ("… Affairs and the Ministry …").
        bool complement_and = false;
        if (sh == Shape::lower && t == "and" && j + 1 < s.end_token && is_cap(doc.tokens[j + 1].shape) &&
            !m_r.cues.prefix.count(token_fold(doc, j + 1)) && !lex_start[j + 1]) {
          for (std::uint32_t k = i; k < j && !complement_and; ++k) {
            std::string f = token_fold(doc, k);
            complement_and = f == "for" || f == "of";
          }
        }
        if (sh == Shape::lower &&
            (connector(std::string(t)) || complement_and || (prefixed && weak_connector(std::string(t)))) &&
            j + 1 < s.end_token) {
          std::uint32_t k = j + 1;
          if (token_fold(doc, k) == "the" && k + 1 < s.end_token) ++k;
          if (is_cap(doc.tokens[k].shape) && !purpose_phrase(doc, s, i, j)) { j = k; continue; }
        }
        break;
      }
      // A lower-case unit word right after the name: "Tashkent region", "Posyet district".
      if (j < s.end_token && doc.tokens[j].shape == Shape::lower) {
        std::string f = token_fold(doc, j);
        // A plural one after a list: "the Posyet, Suchan and Suyfun districts".
        static const std::map<std::string, std::string> plurals{
            {"districts", "district"}, {"provinces", "province"}, {"regions", "region"}, {"oblasts", "oblast"},
            {"counties", "county"},    {"prefectures", "prefecture"}, {"krais", "krai"}, {"rivers", "river"}};
        if (auto pl = plurals.find(f); pl != plurals.end()) {
          if (auto h = head_class(pl->second)) {
            std::vector<std::pair<std::uint32_t, std::uint32_t>> items{{i, j}};
            std::uint32_t at = i;
            while (at > s.first_token + 1) {
              std::uint32_t sep = at - 1;
              const std::string sf = token_fold(doc, sep);
              if (sf != "," && sf != "and") break;
              if (sf == "and" && sep > s.first_token && token_text(doc, sep - 1) == ",") --sep;
              std::uint32_t ie = sep, ib = sep;
              while (ib > s.first_token && ie - ib < 3 && doc.tokens[ib - 1].shape == Shape::title) --ib;
              if (ib == ie) break;
              items.emplace_back(ib, ie);
              at = ib;
            }
            if (items.size() >= 2) {
              for (const auto& [ib, ie] : items)
                out.push_back(make_mention(doc, ib, ie, *h, surface(doc, ib, ie), "pattern:unit-list", 0.6));
              i = j + 1;
              continue;
            }
          }
        }
        static const std::set<std::string> units{"region", "district", "oblast", "province", "krai", "county",
                                                 "prefecture", "river", "census"};
        if (units.count(f)) {
          if (auto h = head_class(f)) {
            std::uint32_t b = i;
            while (b < j && (m_r.cues.not_name.count(token_fold(doc, b)) || m_r.stopwords.count(token_fold(doc, b)))) ++b;
            if (b < j) out.push_back(make_mention(doc, b, j + 1, *h, surface(doc, b, j + 1), "pattern:lower-head-cue", 0.6));
            i = j + 1;
            continue;
          }
        }
      }
      classify_chunk(doc, s, i, j, out);
      (void)lex_start;
      i = j;
    }
  }

  void classify_chunk(const Doc& doc, const Sentence& s, std::uint32_t b, std::uint32_t e,
                      std::vector<Mention>& out) const {
    // Drop leading words that never start names ("The", "However", months) and
    // sentence-initial function words.
    while (b < e) {
      std::string f = token_fold(doc, b);
      std::string_view t = token_text(doc, b);
      const bool place_based = f.size() > 6 && f.compare(f.size() - 6, 6, "-based") == 0;
      if (t == "[" || m_r.cues.not_name.count(f) || m_r.stopwords.count(f) || place_based) { ++b; continue; }
      break;
    }
    while (e > b) {
      std::string f = token_fold(doc, e - 1);
      if (connector(f) || weak_connector(f) || token_text(doc, e - 1) == "[" || f == ".") { --e; continue; }
      break;
    }
    if (b >= e) return;
    // "Seoul's Mayor Park Won-soon": after a possessor, a title starts a person's name.
    for (std::uint32_t k = b + 2; k + 1 < e; ++k)
      if (is_title(doc, k) && token_fold(doc, k - 1) == "s" &&
          (token_text(doc, k - 2) == "'" || token_text(doc, k - 2) == "\u2019")) {
        b = k;
        break;
      }
    // Titles in front make the rest a person: "President Yoon", "Professor Andrei Lankov".
    bool titled = false;
    std::uint32_t nb = b;
    while (nb < e && is_title(doc, nb)) { ++nb; titled = true; }
    if (!titled && b > s.first_token && is_title(doc, b - 1)) titled = true;
    if (titled && nb < e) {
      std::string f = token_fold(doc, nb);
      if (f != "of" && f != "for") {
        // The name is the capitalised run after the title, up to a connector.
        std::uint32_t ne = nb;
        while (ne < e && (is_cap(doc.tokens[ne].shape) ||
                          (token_text(doc, ne) == "." && ne > nb && token_text(doc, ne - 1).size() == 1)))
          ++ne;
        bool demonym = m_r.demonym_by_adjective.count(surface_fold(doc, nb, ne)) > 0;
        if (ne - nb >= 1 && ne - nb <= 6 && !head_class(token_fold(doc, ne - 1)) && !demonym &&
            !m_r.cues.prefix.count(token_fold(doc, nb))) {
          out.push_back(make_mention(doc, nb, ne, Class::Person, surface(doc, nb, ne), "pattern:title", 0.75));
          return;
        }
      }
    }
    // "Chairman of the Council …": drop the office words before "of".
    if (nb > b && nb + 1 < e && token_fold(doc, nb) == "of") {
      b = nb + 1;
      if (b < e && token_fold(doc, b) == "the") ++b;
      if (b >= e) return;
    }
    std::string first = token_fold(doc, b);
    std::string last = token_fold(doc, e - 1);
    std::optional<Class> cls;
    std::string rule;
    if (auto p = m_r.cues.prefix.find(first); p != m_r.cues.prefix.end() && e - b >= 3) {
      cls = p->second;
      rule = "pattern:prefix-cue";
    }
    // "Buryat Autonomous Soviet Socialist Republic": an autonomous or Soviet republic
    // is a region of a state, not a state.
    // "Supreme Soviet of the … Republic": the name before "of" is a known body's; the
    // chunk is that body's.
    if (!cls && last == "republic" && e - b >= 3) {
      for (std::uint32_t k = b + 1; k + 1 < e && !cls; ++k) {
        if (token_fold(doc, k) != "of") continue;
        if (auto it = m_r.by_name.find(surface_fold(doc, b, k)); it != m_r.by_name.end()) {
          const Class c = m_r.entries[it->second.front()].cls;
          if (ontology::is_a(c, Class::Organization)) {
            cls = c;
            rule = "pattern:head-cue";
          }
        }
        break;
      }
      for (std::uint32_t k = b; k + 1 < e && !cls; ++k) {
        const std::string f = token_fold(doc, k);
        if (f == "of") break;
        if (f == "autonomous" || f == "socialist") {
          cls = Class::Region;
          rule = "pattern:head-cue";
        }
      }
    }
    if (!cls) {
      // The head word must be the chunk's own, not the end of a known name inside it
      // ("Hero of the Soviet Union" is not an organisation called "… Union").
      // "Order" names an instrument only with its number ("Order No. 00447", handled
      // with the numbered instruments), not in "Social Order".
      if (auto h = head_class(last); h && e - b >= 2 && !m_lex_end_at.count(e) && last != "order") {
        cls = *h;
        rule = "pattern:head-cue";
      }
      // A demonym before a known body's name names another body, its national branch
      // ("Uzbek Communist Party" beside the "Communist Party").
      if (auto h = head_class(last); !cls && h && ontology::is_a(*h, Class::Organization) && m_lex_end_at.count(e) &&
                                     e - b >= 3 && m_r.demonym_by_adjective.count(token_fold(doc, b)) &&
                                     m_lex_start_at.count(b + 1)) {
        cls = *h;
        rule = "pattern:demonym-body";
      }
    }
    if (!cls) {
      // A cue word followed by a connector inside the run: "Association for the Study …".
      for (std::uint32_t k = b; k + 1 < e; ++k) {
        auto h = head_class(token_fold(doc, k));
        std::string nxt = token_fold(doc, k + 1);
        if (h && (nxt == "for" || nxt == "of" || nxt == "on") && k > b) {
          cls = *h;
          rule = "pattern:inner-cue";
          break;
        }
      }
    }
    if (!cls && (person_shape(doc, b, e) || (e - b >= 2 && e - b <= 3 && person_context(doc, s, b, e) &&
                                              all_title(doc, b, e)))) {
      cls = Class::Person;
      rule = "pattern:name-shape";
    }
    if (!cls) return;
    out.push_back(make_mention(doc, b, e, *cls, surface(doc, b, e), rule, 0.6));
  }

  bool all_title(const Doc& doc, std::uint32_t b, std::uint32_t e) const {
    for (std::uint32_t k = b; k < e; ++k) {
      if (doc.tokens[k].shape != Shape::title) return false;
      std::string f = token_fold(doc, k);
      if (m_r.stopwords.count(f) || m_r.cues.not_name.count(f) || head_class(f)) return false;
    }
    return true;
  }

  // Bulleted lists of works ("• Nothing Much: A Memoir, by Jane Roe, a 2012 book"):
  // the title up to " by ", a dash, ", a …" or "(" is a publication, the names after
  // "by" are persons (its authors, linked by the relation rules).
  void list_items(const Doc& doc, std::vector<Mention>& out) const {
    for (const Sentence& s : doc.sentences) {
      const Block& blk = doc.blocks[s.block];
      if (blk.chrome || blk.key_value || s.span.begin != blk.span.begin) continue;
      char32_t first = text::cp_at(doc.text, blk.span.begin);
      if (!(first == 0x2022 || first == 0x25CF || first == 0x25AA || first == '*')) continue;
      std::uint32_t b = s.first_token + 1;
      if (b >= s.end_token || !is_cap(doc.tokens[b].shape)) continue;
      std::uint32_t t = b + 1;
      for (; t < s.end_token; ++t) {
        std::string_view tx = token_text(doc, t);
        std::string f = text::fold(tx);
        bool dash = tx == "\xE2\x80\x93" || tx == "\xE2\x80\x94" || (tx == "-" && doc.tokens[t].span.begin > doc.tokens[t - 1].span.end);
        if (f == "by" || dash || tx == "(" || tx == ";") break;
        if (tx == "," && t + 1 < s.end_token) {
          std::string n = token_fold(doc, t + 1);
          if (n == "a" || n == "an" || n == "the" || n == "by" || doc.tokens[t + 1].shape == Shape::digit) break;
        }
      }
      std::uint32_t e = t;
      while (e > b && (token_text(doc, e - 1) == "," || token_text(doc, e - 1) == ":")) --e;
      // A link to another language's article: "Shadow Flowers [ko]".
      if (e >= b + 4 && token_text(doc, e - 1) == "]" && token_text(doc, e - 3) == "[" &&
          doc.tokens[e - 2].shape == Shape::lower && token_text(doc, e - 2).size() <= 3)
        e -= 3;
      if (e <= b || e - b > 30) continue;
      Mention m = make_mention(doc, b, e, Class::Publication, surface(doc, b, e), "pattern:list-work", 0.7);
      out.push_back(std::move(m));
      // The short title before a colon is an alias.
      for (std::uint32_t c = b + 1; c < e; ++c)
        if (token_text(doc, c) == ":") {
          out.back().aliases.push_back(surface(doc, b, c));
          break;
        }
      // Authors after "by": capitalised runs separated by "and" or ",".
      for (std::uint32_t k = t; k < s.end_token; ++k) {
        if (token_fold(doc, k) != "by") continue;
        std::uint32_t r = k + 1;
        while (r < s.end_token) {
          std::uint32_t rb = r;
          while (r < s.end_token && (is_cap(doc.tokens[r].shape) || token_fold(doc, r) == "de" ||
                                     (token_text(doc, r) == "." && token_text(doc, r - 1).size() <= 2)))
            ++r;
          std::uint32_t re = r;
          while (re > rb && token_text(doc, re - 1) == ".") --re;
          if (re - rb >= 2 && re - rb <= 5)
            out.push_back(make_mention(doc, rb, re, Class::Person, surface(doc, rb, re), "pattern:byline", 0.65));
          if (r < s.end_token && (token_fold(doc, r) == "and" || token_text(doc, r) == ",") && r + 1 < s.end_token &&
              is_cap(doc.tokens[r + 1].shape))
            ++r;
          else
            break;
        }
      }
    }
  }

  // Groups: "[ethnic] [Soviet|North|…] <Demonym plural>" and "<Demonym> <group head>".
  void groups(const Doc& doc, const Sentence& s, std::vector<Mention>& out) const {
    for (std::uint32_t i = s.first_token; i < s.end_token; ++i) {
      std::uint32_t b = i;
      std::uint32_t k = i;
      bool ethnic = false;
      if (token_fold(doc, k) == "ethnic") { ethnic = true; ++k; }
      // Up to three demonym adjectives ("North Korean", "Soviet").
      std::uint32_t adj_end = k;
      for (int n = 0; n < 3 && adj_end < s.end_token; ++n) {
        std::uint32_t two = adj_end + 1 < s.end_token ? adj_end + 2 : adj_end;
        if (two > adj_end && m_r.demonym_by_adjective.count(token_fold(doc, adj_end) + " " + token_fold(doc, adj_end + 1)) &&
            is_cap(doc.tokens[adj_end].shape)) { adj_end = two; continue; }
        if (is_cap(doc.tokens[adj_end].shape) && m_r.demonym_by_adjective.count(token_fold(doc, adj_end)) &&
            !(adj_end + 1 < s.end_token && m_r.demonym_by_plural.count(token_fold(doc, adj_end)) &&
              !m_r.demonym_by_adjective.count(token_fold(doc, adj_end)))) {
          // stop before a word that is the plural noun itself
          if (adj_end + 1 >= s.end_token) break;
          ++adj_end;
          continue;
        }
        break;
      }
      std::uint32_t e = 0;
      std::string rule;
      // "<demonym> government" is the state's government ("North Korean government").
      if (adj_end > k && adj_end < s.end_token && token_fold(doc, adj_end) == "government") {
        out.push_back(make_mention(doc, b, adj_end + 1, Class::GovernmentBody, surface(doc, b, adj_end + 1),
                                   "pattern:demonym-government", 0.65));
        i = adj_end;
        continue;
      }
      // Two-word plural demonyms: "North Koreans".
      if (adj_end + 1 < s.end_token && is_cap(doc.tokens[adj_end].shape) &&
          m_r.demonym_by_plural.count(token_fold(doc, adj_end) + " " + token_fold(doc, adj_end + 1))) {
        e = adj_end + 2;
        rule = "pattern:demonym-plural";
      } else if (adj_end < s.end_token && is_cap(doc.tokens[adj_end].shape) &&
          m_r.demonym_by_plural.count(token_fold(doc, adj_end)) &&
          (adj_end > k || ethnic || true)) {
        e = adj_end + 1;
        rule = "pattern:demonym-plural";
      } else if (adj_end > k && adj_end < s.end_token && m_r.cues.group_head.count(token_fold(doc, adj_end))) {
        e = adj_end + 1;
        rule = "pattern:demonym-group";
      }
      if (!e) continue;
      // A lone plural demonym ("Koreans") is a group too, but weaker.
      double conf = (e - b >= 2) ? 0.7 : 0.55;
      // "ethnic Koreans in China": keep the place qualifier for ethnic groups.
      if (ethnic && e + 1 < s.end_token && token_fold(doc, e) == "in" && is_cap(doc.tokens[e + 1].shape)) {
        std::uint32_t pe = e + 1;
        while (pe < s.end_token && is_cap(doc.tokens[pe].shape)) ++pe;
        e = pe;
      }
      std::string label = surface(doc, b, e);
      out.push_back(make_mention(doc, b, e, Class::Group, label, rule, conf));
      i = e - 1;
    }
  }

  // Title lines of documents: "Protocol between A and B for …, 9 June 1964" — a
  // sentence that opens with an instrument or record word names that document, up to
  // the comma before its date; "<year> <Word>" ("1964 Protocol") becomes an alias.
  void title_lines(const Doc& doc, const Sentence& s, std::vector<Mention>& out) const {
    std::uint32_t b = s.first_token;
    if (b >= s.end_token || !is_cap(doc.tokens[b].shape)) return;
    auto h = head_class(token_fold(doc, b));
    if (!h || !ontology::is_a(*h, Class::Document)) return;
    if (b + 1 >= s.end_token) return;
    std::string second = token_fold(doc, b + 1);
    if (second != "between" && second != "on" && second != "from" && second != "of" && second != "concerning")
      return;
    // A long title may wrap over up to three lines: read on while no date is found.
    std::uint32_t end = s.end_token;
    std::uint32_t si = doc.tokens[b].sentence;
    auto ds = find_dates(doc, b, end);
    for (int more = 0; more < 2 && ds.empty() && si + 1 < doc.sentences.size(); ++more) {
      const Sentence& n = doc.sentences[++si];
      if (n.block != doc.sentences[si - 1].block + 1 || doc.blocks[n.block].chrome) break;
      end = n.end_token;
      ds = find_dates(doc, b, end);
    }
    if (ds.empty()) return;
    const DateMatch& d = ds.back();
    if (d.first_token <= b + 2 || token_text(doc, d.first_token - 1) != ",") return;
    std::uint32_t e = d.first_token - 1;
    if (e - b > 40) return;
    Mention m = make_mention(doc, b, e, *h, surface(doc, b, e), "pattern:title-line", 0.7);
    m.aliases.push_back(d.start.substr(0, 4) + " " + std::string(token_text(doc, b)));
    out.push_back(std::move(m));
  }

  // Unnamed documents in a dated sentence: "On 13 April 1928, a Soviet decree was
  // passed …" names the document by kind and date ("Soviet decree of 13 April 1928"),
  // as a historian would cite it.
  void unnamed_documents(const Doc& doc, const Sentence& s, std::vector<Mention>& out) const {
    auto ds = find_dates(doc, s.first_token, s.end_token);
    if (ds.size() != 1 || ds[0].range() || ds[0].start_type != Datatype::date) return;
    std::string when = surface(doc, ds[0].first_token, ds[0].end_token);
    for (std::uint32_t t = s.first_token + 1; t < s.end_token; ++t) {
      if (doc.tokens[t].shape != Shape::lower) continue;
      auto h = head_class(token_fold(doc, t));
      if (!h || !ontology::is_a(*h, Class::Document)) continue;
      if (t + 1 < s.end_token && (token_fold(doc, t + 1) == "no" || doc.tokens[t + 1].shape == Shape::digit)) continue;
      // Named by the quoted title that follows: 'a decree "On the Rehabilitation …"'.
      if (t + 1 < s.end_token && (token_text(doc, t + 1) == "\"" || token_text(doc, t + 1) == "\xE2\x80\x9C")) continue;
      // Back over capitalised modifiers to the article.
      std::uint32_t b = t;
      while (b > s.first_token && (doc.tokens[b - 1].shape == Shape::title || doc.tokens[b - 1].shape == Shape::upper) &&
             !m_r.stopwords.count(token_fold(doc, b - 1)))
        --b;
      if (b == s.first_token) continue;
      std::string det = token_fold(doc, b - 1);
      if (det != "a" && det != "an" && det != "the") continue;
      // Its issuer or author, when the sentence names one next to it: "the Central
      // Executive Committee issued a resolution" → "resolution of the Central Executive
      // Committee of 17 July 1937"; "a correspondence sent by … Nikolay Yezhov" →
      // "correspondence by Nikolay Yezhov of 25 October 1937".
      std::string kind = surface(doc, b, t + 1);
      std::string by;
      static const std::set<std::string> issue_verbs{"issued", "adopted", "passed", "approved", "published", "released"};
      if (b >= s.first_token + 2 && b == t && issue_verbs.count(token_fold(doc, b - 2)))
        for (const Mention& m : doc.mentions)
          if (m.end_token == b - 2 && ontology::is_a(m.cls, Class::Organization)) by = " of the " + surface(doc, m.first_token, m.end_token);
      if (by.empty() && t + 2 < s.end_token) {
        const std::string v = token_fold(doc, t + 1);
        if ((v == "sent" || v == "signed" || v == "written" || v == "issued") && token_fold(doc, t + 2) == "by")
          for (const Mention& m : doc.mentions)
            if (m.first_token > t + 2 && m.first_token <= t + 8 && m.first_token < s.end_token &&
                (m.cls == Class::Person || ontology::is_a(m.cls, Class::Organization))) {
              by = " by " + surface(doc, m.first_token, m.end_token);
              if (m.cls == Class::Person) break;
            }
      }
      Mention m = make_mention(doc, b, t + 1, *h, kind + by + " of " + when, "pattern:unnamed-document", 0.5);
      out.push_back(std::move(m));
      break;
    }
  }

  // Quoted titles: a quoted phrase of at least three words written in title case
  // ("Nazarbayev Win Heralds Closer Cooperation with Korea.") is a published work;
  // quoted speech is mostly lower case and stays out.
  void quoted_titles(const Doc& doc, const Sentence& s, std::vector<Mention>& out) const {
    auto is_open = [](std::string_view t) { return t == "\"" || t == "\xE2\x80\x9C"; };
    auto is_close = [](std::string_view t) { return t == "\"" || t == "\xE2\x80\x9D"; };
    for (std::uint32_t i = s.first_token; i < s.end_token; ++i) {
      if (!is_open(token_text(doc, i))) continue;
      std::uint32_t j = i + 1;
      while (j < s.end_token && !is_close(token_text(doc, j)) && j - i < 30) ++j;
      if (j >= s.end_token || !is_close(token_text(doc, j))) continue;
      std::uint32_t b = i + 1, e = j;
      while (e > b && (token_text(doc, e - 1) == "." || token_text(doc, e - 1) == ",")) --e;
      std::size_t words = 0, caps = 0;
      for (auto k = b; k < e; ++k) {
        Shape sh = doc.tokens[k].shape;
        if (sh == Shape::punct) continue;
        ++words;
        std::string f = token_fold(doc, k);
        if (sh == Shape::title || sh == Shape::upper || sh == Shape::digit) ++caps;
        else if (m_r.stopwords.count(f)) --words;  // "of", "with" do not count either way
      }
      if (words >= 3 && b < e && is_cap(doc.tokens[b].shape) && caps * 10 >= words * 8) {
        // 'a decree "On the Rehabilitation of Soviet Koreans"': the kind word before the
        // quote gives the class.
        Class cls = Class::Publication;
        if (i > s.first_token)
          if (auto h = head_class(token_fold(doc, i - 1)); h && ontology::is_a(*h, Class::Document)) cls = *h;
        out.push_back(make_mention(doc, b, e, cls, surface(doc, b, e), "pattern:quoted-title", 0.6));
      }
      i = j;
    }
  }

  // Instruments named by their date: "[Body] decree|resolution|directive [of the X | by Y]
  // of 13 April 1928" — the words up to the date name the document.
  void dated_instruments(const Doc& doc, const Sentence& s, std::vector<Mention>& out) const {
    auto ds = find_dates(doc, s.first_token, s.end_token);
    for (const DateMatch& d : ds) {
      if (d.range() || d.first_token < s.first_token + 2) continue;
      std::uint32_t of = d.first_token - 1;
      if (token_fold(doc, of) != "of" && token_fold(doc, of) != "dated") continue;
      // Walk back over "of the <Name>" / "by <Name>" to an instrument word.
      std::uint32_t k = of;
      std::optional<std::uint32_t> head;
      for (std::uint32_t steps = 0; k > s.first_token && steps < 14; ++steps) {
        --k;
        std::string f = token_fold(doc, k);
        auto h = head_class(f);
        if (h && ontology::is_a(*h, Class::Document) && doc.tokens[k].shape == Shape::lower) {
          head = k;
          break;
        }
        Shape sh = doc.tokens[k].shape;
        bool ok = sh == Shape::title || sh == Shape::upper || f == "of" || f == "the" || f == "by" ||
                  f == "'" || f == "s" || f == "." || f == "(" || f == ")";
        if (!ok) break;
      }
      if (!head) continue;
      std::uint32_t b = *head;
      // A capitalised qualifier before the word: "State Defense Committee resolution".
      while (b > s.first_token && (doc.tokens[b - 1].shape == Shape::title || doc.tokens[b - 1].shape == Shape::upper) &&
             !m_r.stopwords.count(token_fold(doc, b - 1)))
        --b;
      auto cls = *head_class(token_fold(doc, *head));
      Mention m = make_mention(doc, b, d.end_token, cls, surface(doc, b, d.end_token), "pattern:dated-instrument", 0.6);
      out.push_back(std::move(m));
    }
  }

  // Numbered legal instruments: "Decree No. 1428-326cc", "Resolution 2397",
  // "the 1964 Protocol", "Protocol of 9 June 1964" is left to the chunker.
  void instruments(const Doc& doc, const Sentence& s, std::vector<Mention>& out) const {
    for (std::uint32_t i = s.first_token; i < s.end_token; ++i) {
      std::string f = token_fold(doc, i);
      auto h = head_class(f);
      if (!h || *h != Class::LegalInstrument) continue;
      // A lower-case instrument word counts only with its number ("decree No. 12").
      bool lower = !is_cap(doc.tokens[i].shape);
      // "<Instrument> No. <id>" or "<Instrument> <number>"
      std::uint32_t k = i + 1;
      if (k < s.end_token && (token_fold(doc, k) == "no" || token_fold(doc, k) == "number")) {
        ++k;
        if (k < s.end_token && token_text(doc, k) == ".") ++k;
      }
      if (lower && (k == i + 1 || k >= s.end_token || doc.tokens[k].shape != Shape::digit)) continue;
      if (k < s.end_token && doc.tokens[k].shape == Shape::digit) {
        // The number runs over glued pieces: "1428-326cc" is "1428" "-" "326cc".
        std::uint32_t e = k + 1;
        std::string id = unconfuse(token_text(doc, k));
        std::string written(token_text(doc, k));
        while (e + 1 < s.end_token && token_text(doc, e) == "-" &&
               doc.tokens[e].span.begin == doc.tokens[e - 1].span.end &&
               doc.tokens[e + 1].span.begin == doc.tokens[e].span.end && doc.tokens[e + 1].shape != Shape::punct) {
          id += "-" + unconfuse(token_text(doc, e + 1));
          written += "-" + std::string(token_text(doc, e + 1));
          e += 2;
        }
        Mention m = make_mention(doc, i, e, Class::LegalInstrument, "", "pattern:numbered-instrument", 0.8);
        std::string kind(token_text(doc, i));
        if (lower) kind[0] = static_cast<char>(kind[0] - 'a' + 'A');
        m.canonical = kind + (k > i + 1 ? " No. " : " ") + id;
        m.aliases.push_back("id:" + id);
        // The number as the text writes it too, when letters of another script stand in
        // it ("1428-326сс" with Cyrillic с): a search for the written form finds it.
        if (written != id) m.aliases.push_back("id:" + written);
        // Qualifier before it: "UN Security Council Resolution 2397" is handled by the
        // chunker/lexicon; here only the bare form.
        out.push_back(std::move(m));
        continue;
      }
      // "the 1964 Protocol": a year right before the instrument word.
      if (i > s.first_token && doc.tokens[i - 1].shape == Shape::digit && token_text(doc, i - 1).size() == 4) {
        Mention m = make_mention(doc, i - 1, i + 1, Class::LegalInstrument,
                                 std::string(token_text(doc, i - 1)) + " " + std::string(token_text(doc, i)),
                                 "pattern:year-instrument", 0.7);
        out.push_back(std::move(m));
      }
    }
  }

  const Resources& m_r;
  // Token positions where a multi-word lexicon name ends (per document; process() runs
  // one document at a time per thread).
  static thread_local std::set<std::uint32_t> m_lex_end_at;
  static thread_local std::set<std::uint32_t> m_lex_start_at;  // starts of multi-word lexicon mentions
};

thread_local std::set<std::uint32_t> PatternMatcher::m_lex_end_at;
thread_local std::set<std::uint32_t> PatternMatcher::m_lex_start_at;

// --------------------------------------------------------------------- overlaps

// Lexicon mentions are kept first; a pattern mention survives when it overlaps no
// lexicon mention, or when a cue typed it and it strictly contains the lexicon
// mentions it overlaps ("Kim Il Sung University" over "Kim Il Sung"). The remaining
// conflicts go through longest_first_then_earliest.
class OverlapFilter final : public Component {
 public:
  std::string name() const override { return "kg.overlap_filter.v1"; }
  std::vector<std::string> requires_() const override { return {"doc.mentions"}; }
  std::vector<std::string> assigns() const override { return {"doc.mentions"}; }

  Result<void> process(Doc& doc, const Diagnostics&) const override {
    // Title lines contain the names of the bodies they bind, quoted titles the names of
    // what they are about, event phrases the place or body they happen to: they do not
    // compete with the mentions inside them and are added back afterwards.
    std::vector<Mention> lex, pat, containers;
    for (auto& m : doc.mentions) {
      if (m.rule == "pattern:title-line" || m.rule == "pattern:quoted-title" || m.rule == "pattern:event-phrase" ||
          m.rule == "pattern:unnamed-document" || m.rule == "pattern:infobox-value")
        containers.push_back(std::move(m));
      else (m.rule.rfind("lexicon:", 0) == 0 ? lex : pat).push_back(std::move(m));
    }
    std::vector<Mention> keep_pat;
    std::vector<char> dropped(lex.size(), 0);
    for (auto& p : pat) {
      bool conflict = false;
      std::vector<std::size_t> contained;
      for (std::size_t li = 0; li < lex.size(); ++li) {
        const Mention& l = lex[li];
        if (!(p.span.begin < l.span.end && l.span.begin < p.span.end)) continue;
        bool strict = p.span.begin <= l.span.begin && l.span.end <= p.span.end && p.span.size() > l.span.size();
        bool cue = p.rule.find("cue") != std::string::npos || p.rule.find("numbered") != std::string::npos ||
                   p.rule.find("year-instrument") != std::string::npos || p.rule.find("demonym") != std::string::npos ||
                   p.rule == "pattern:list-work" || p.rule == "pattern:byline" || p.rule == "pattern:title-line" ||
                   p.rule == "pattern:dated-instrument" || p.rule == "pattern:quoted-title" ||
                   p.cls == l.cls;
        if (strict && cue) contained.push_back(li);
        else conflict = true;
      }
      if (conflict) continue;
      for (auto li : contained) dropped[li] = 1;
      keep_pat.push_back(std::move(p));
    }
    std::vector<Mention> all;
    for (std::size_t li = 0; li < lex.size(); ++li)
      if (!dropped[li]) all.push_back(std::move(lex[li]));
    all.insert(all.end(), keep_pat.begin(), keep_pat.end());
    doc.mentions = longest_first_then_earliest(std::move(all));
    doc.mentions.insert(doc.mentions.end(), containers.begin(), containers.end());
    std::stable_sort(doc.mentions.begin(), doc.mentions.end(),
                     [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
    doc.stats.mentions = doc.mentions.size();
    return {};
  }
};

}  // namespace

std::unique_ptr<Component> make_lexicon_matcher(const Resources& r) { return std::make_unique<LexiconMatcher>(r); }
std::unique_ptr<Component> make_pattern_matcher(const Resources& r) { return std::make_unique<PatternMatcher>(r); }
std::unique_ptr<Component> make_overlap_filter(const Resources&) { return std::make_unique<OverlapFilter>(); }

}  // namespace kg::extract
