// kg.resolver.v1: groups mentions into entities within the document.
// Links: same normalised name (any class); acronyms defined in the text
// ("Ministry of Public Security (MPS)"); aliases in parentheses ("X (also called
// "Y" or "Z")"); translator's brackets ("Andong [Dandong]"); a person's surname alone
// after the full name ("Lankov" → "Andrei Lankov"). Each group becomes one entity
// whose label is the lexicon label if any mention came from a lexicon, else the
// longest name; every other name becomes an alt label.
#include <algorithm>
#include <optional>
#include <map>
#include <numeric>
#include <set>

#include "mentions.hpp"
#include "pipeline.hpp"
#include "text.hpp"

namespace kg::extract {
namespace {

struct UnionFind {
  std::vector<std::size_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

// Initials of the capitalised words of a name ("Ministry of Public Security" → "MPS").
std::string initials(std::string_view name) {
  std::string out;
  for (const Span& t : text::tokenize(name)) {
    std::string_view w = name.substr(t.begin, t.size());
    char32_t c = text::cp_at(w, 0);
    if (text::is_upper(c) && c < 0x80) out += static_cast<char>(c);
  }
  return out;
}

bool acronym_of(std::string_view acr, std::string_view name) {
  if (acr.size() < 2 || acr.size() > 8) return false;
  for (char c : acr)
    if (!(c >= 'A' && c <= 'Z')) return false;
  std::string ini = initials(name);
  if (ini == acr) return true;
  // Letters of the acronym in order among the initials (allows skipped words).
  std::size_t k = 0;
  for (char c : ini)
    if (k < acr.size() && c == acr[k]) ++k;
  return k == acr.size() && acr[0] == ini[0] && acr.size() >= ini.size() - 1;
}

// Pairs of mention indices that name the same entity.
using Links = std::vector<std::pair<std::size_t, std::size_t>>;

// A label that does not come from a lexicon is written in one canonical casing, so that
// documents naming the same thing "Korean minority" and "Korean Minority" give the
// same rdfs:label and separately built graphs still merge by union: words in lower
// case get a capital, except connectors inside the name.
std::string canonical_case(const std::string& label) {
  static const std::set<std::string> connectors{"of", "the", "and", "for", "in", "on", "at", "to", "by",
                                                "de", "du", "la", "von", "van", "der", "a", "an", "or",
                                                "between", "with", "from", "into", "against", "over", "under"};
  std::string out;
  std::size_t i = 0;
  bool first = true;
  while (i < label.size()) {
    std::size_t j = label.find(' ', i);
    if (j == std::string::npos) j = label.size();
    std::string word = label.substr(i, j - i);
    bool lower = !word.empty() && word[0] >= 'a' && word[0] <= 'z';
    if (lower && (first || !connectors.count(word))) word[0] = static_cast<char>(word[0] - 'a' + 'A');
    out += word;
    if (j < label.size()) out += ' ';
    first = false;
    i = j + 1;
  }
  return out;
}

class Resolver final : public Component {
 public:
  explicit Resolver(const Resources& r) : m_r(r) {}
  std::string name() const override { return "kg.resolver.v1"; }
  std::vector<std::string> requires_() const override { return {"doc.mentions"}; }
  std::vector<std::string> assigns() const override { return {"doc.entities"}; }

  Result<void> process(Doc& doc, const Diagnostics&) const override {
    Links links;
    add_defined_aliases(doc, links);
    add_surname_mentions(doc, links);
    add_definite_references(doc, links);
    add_event_references(doc, links);
    add_compass_references(doc, links);
    link_article_titles(doc, links);
    auto& ms = doc.mentions;  // indices are stable from here on (links refer to them)
    UnionFind uf(ms.size());
    std::map<std::string, std::size_t> by_name;
    for (std::size_t i = 0; i < ms.size(); ++i) {
      auto [it, inserted] = by_name.emplace(ontology::normalise_name(ms[i].canonical), i);
      if (!inserted) uf.unite(it->second, i);
    }
    // Instruments with the same official number are one ("Resolution No. 12-3" and
    // "the decree No. 12-3").
    std::map<std::string, std::size_t> by_id;
    for (std::size_t i = 0; i < ms.size(); ++i)
      for (const auto& alias : ms[i].aliases)
        if (alias.rfind("id:", 0) == 0) {
          auto [it, inserted] = by_id.emplace(alias, i);
          if (!inserted) uf.unite(it->second, i);
        }
    // Aliases given with a mention ("1964 Protocol" for a dated title line) join it
    // to mentions using that name.
    for (std::size_t i = 0; i < ms.size(); ++i)
      for (const auto& alias : ms[i].aliases) {
        if (alias.rfind("id:", 0) == 0) continue;
        auto it = by_name.find(ontology::normalise_name(alias));
        if (it != by_name.end() && ms[it->second].cls == ms[i].cls) uf.unite(it->second, i);
      }
    for (const auto& [a, b] : links) uf.unite(a, b);

    std::map<std::size_t, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < ms.size(); ++i) groups[uf.find(i)].push_back(i);
    doc.entities.clear();
    for (auto& [root, members] : groups) {
      // Best mention: lexicon first, then confidence, then longest canonical.
      std::size_t best = members.front();
      for (std::size_t i : members) {
        const Mention& m = ms[i];
        const Mention& b = ms[best];
        bool ml = m.rule.rfind("lexicon:", 0) == 0, bl = b.rule.rfind("lexicon:", 0) == 0;
        if (ml != bl) { if (ml) best = i; continue; }
        if (m.confidence != b.confidence) { if (m.confidence > b.confidence) best = i; continue; }
        if (m.canonical.size() > b.canonical.size()) best = i;
      }
      DocEntity e;
      bool from_lexicon = ms[best].rule.rfind("lexicon:", 0) == 0;
      e.label = from_lexicon ? ms[best].canonical : canonical_case(ms[best].canonical);
      e.key = ontology::make_key(ms[best].cls, e.label);
      for (std::size_t i : members) {
        ms[i].entity = static_cast<int>(doc.entities.size());
        e.mentions.push_back(static_cast<std::uint32_t>(i));
        if (ms[i].rule == "resolver:definite-reference") continue;  // "decree" is no name
        if (ms[i].rule == "pattern:place-based") continue;            // "Baku-based" is no name
        for (const std::string& name : {ms[i].canonical, surface(doc, ms[i].first_token, ms[i].end_token)})
          if (!name.empty() && name != e.label) e.alt_labels.insert(name);
        for (const std::string& alias : ms[i].aliases)
          if (alias.rfind("id:", 0) != 0 && alias != e.label) e.alt_labels.insert(alias);
      }
      doc.entities.push_back(std::move(e));
    }
    return {};
  }

 private:
  // Acronyms and aliases given right after a mention, in parentheses or brackets.
  void add_defined_aliases(Doc& doc, Links& links) const {
    auto& ms = doc.mentions;
    std::sort(ms.begin(), ms.end(), [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
    std::vector<Mention> extra;
    std::map<std::string, std::size_t> acronyms;  // acronym → mention index
    std::size_t original = ms.size();
    for (std::size_t mi = 0; mi < original; ++mi) {
      const Mention& m = ms[mi];
      std::uint32_t k = m.end_token;
      std::uint32_t send = doc.sentences[doc.tokens[m.first_token].sentence].end_token;
      if (k + 2 >= send + 1) continue;
      std::string_view open = token_text(doc, k);
      if (open != "(" && open != "[") continue;
      std::string_view close = open == "(" ? ")" : "]";
      std::uint32_t c = k + 1;
      while (c < send && token_text(doc, c) != close) ++c;
      if (c >= send || c - k > 24) continue;
      // Inside: one acronym, or "also called/known as X or Y", or a bracketed name.
      std::uint32_t b = k + 1;
      if (c == b + 1 && acronym_of(token_text(doc, b), m.canonical)) {
        acronyms[std::string(token_text(doc, b))] = mi;
        extra.push_back(alias_mention(doc, m, b, b + 1, "resolver:acronym-definition"));
        links.emplace_back(mi, original + extra.size() - 1);
        continue;
      }
      std::string first = token_fold(doc, b);
      bool cue = first == "also" || first == "known" || first == "or" || first == "a.k.a" || open == "[";
      if (!cue) continue;
      while (b < c && doc.tokens[b].shape == Shape::lower) ++b;  // "also called"
      // Names separated by quotes, commas and "or".
      std::uint32_t s = b;
      for (std::uint32_t t = b; t <= c; ++t) {
        std::string_view tt = t < c ? token_text(doc, t) : std::string_view(")");
        bool sep = tt == "\"" || tt == "\xE2\x80\x9C" || tt == "\xE2\x80\x9D" || tt == "," || tt == ")" ||
                   tt == "]" || text::fold(tt) == "or";
        if (!sep) continue;
        // "The Korea Post [Seoul]": a bracket naming something of another class (a
        // publisher's city) is no other name of the mention.
        const bool other_class = std::any_of(ms.begin(), ms.begin() + static_cast<std::ptrdiff_t>(original), [&](const Mention& x) {
          return x.first_token == s && x.end_token == t && !ontology::is_a(x.cls, m.cls) && !ontology::is_a(m.cls, x.cls);
        });
        if (t > s && is_name(doc, s, t) && !other_class) {
          extra.push_back(alias_mention(doc, m, s, t, open == "[" ? "resolver:bracket-alias" : "resolver:parenthetical-alias"));
          links.emplace_back(mi, original + extra.size() - 1);
        }
        s = t + 1;
      }
    }
    // Later uses of a defined acronym become mentions of the same entity.
    if (!acronyms.empty()) {
      std::vector<char> covered(doc.tokens.size(), 0);
      for (const auto& m : ms)
        for (auto t = m.first_token; t < m.end_token; ++t) covered[t] = 1;
      for (const auto& m : extra)
        for (auto t = m.first_token; t < m.end_token; ++t) covered[t] = 1;
      for (std::uint32_t t = 0; t < doc.tokens.size(); ++t) {
        if (covered[t] || doc.tokens[t].shape != Shape::upper) continue;
        auto it = acronyms.find(std::string(token_text(doc, t)));
        if (it == acronyms.end()) continue;
        extra.push_back(alias_mention(doc, ms[it->second], t, t + 1, "resolver:acronym"));
        links.emplace_back(it->second, original + extra.size() - 1);
      }
    }
    ms.insert(ms.end(), extra.begin(), extra.end());
  }

  bool is_name(const Doc& doc, std::uint32_t b, std::uint32_t e) const {
    if (e - b > 6) return false;
    for (std::uint32_t t = b; t < e; ++t) {
      Shape sh = doc.tokens[t].shape;
      if (sh == Shape::punct && token_text(doc, t) != "-") return false;
    }
    return true;
  }

  // Which tokens some mention already covers.
  static std::vector<char> covered_tokens(const Doc& doc) {
    std::vector<char> covered(doc.tokens.size(), 0);
    for (const auto& m : doc.mentions)
      for (auto t = m.first_token; t < m.end_token; ++t) covered[t] = 1;
    return covered;
  }

  Mention alias_mention(const Doc& doc, const Mention& of, std::uint32_t b, std::uint32_t e, std::string rule) const {
    Mention a;
    a.first_token = b;
    a.end_token = e;
    a.span = Span{doc.tokens[b].span.begin, doc.tokens[e - 1].span.end};
    a.cls = of.cls;
    a.canonical = surface(doc, b, e);
    a.rule = std::move(rule);
    a.confidence = of.confidence - 0.05;
    return a;
  }

  // "The decree was signed by …", "this agreement", "the Protocol": a definite noun
  // phrase whose head is a document word refers to the latest document of that kind
  // named in the previous sentences (or any latest document for "agreement").
  void add_definite_references(Doc& doc, Links& links) const {
    auto& ms = doc.mentions;
    std::vector<std::size_t> docs;  // mention indices of documents, by position
    for (std::size_t i = 0; i < ms.size(); ++i)
      if (ontology::is_a(ms[i].cls, Class::Document)) docs.push_back(i);
    if (docs.empty()) return;
    std::sort(docs.begin(), docs.end(), [&](std::size_t a, std::size_t b) { return ms[a].span.begin < ms[b].span.begin; });
    const std::vector<char> covered = covered_tokens(doc);
    std::vector<Mention> extra;
    std::size_t original = ms.size();
    for (std::uint32_t t = 1; t < doc.tokens.size(); ++t) {
      if (covered[t]) continue;
      std::string det = token_fold(doc, t - 1);
      if (det != "the" && det != "this" && det != "that") continue;
      std::string head = token_fold(doc, t);
      auto h = m_r.cues.head.find(head);
      if (h == m_r.cues.head.end() || !ontology::is_a(h->second, Class::Document)) continue;
      // The latest document before it, within 40 sentences, of the same head word
      // when one exists.
      std::uint32_t sent = doc.tokens[t].sentence;
      std::optional<std::size_t> target, any;
      for (auto it = docs.rbegin(); it != docs.rend(); ++it) {
        const Mention& m = ms[*it];
        if (m.span.begin >= doc.tokens[t].span.begin) continue;
        // "the decree" looks back a few paragraphs; "this agreement" to its title,
        // which may head a long document.
        if (sent - doc.tokens[m.first_token].sentence > (det == "this" ? 400u : 40u)) break;
          if (!any) any = *it;
        // "this agreement" in a document's body means the document its section is
        // titled with; "the decree" the latest one of that kind.
        if (det == "this" && m.rule == "pattern:title-line") {
          target = *it;
          break;
        }
        if (det != "this" && text::fold(m.canonical).find(head) != std::string::npos) {
          target = *it;
          break;
        }
      }
      if (!target) target = (head == "agreement" || head == "document") ? any : std::nullopt;
      if (!target) continue;
      Mention a = alias_mention(doc, ms[*target], t, t + 1, "resolver:definite-reference");
      a.canonical = ms[*target].canonical;  // "the decree" is not a name of it
      extra.push_back(std::move(a));
      links.emplace_back(*target, original + extra.size() - 1);
    }
    ms.insert(ms.end(), extra.begin(), extra.end());
  }

  // "the deportation", "their deportation", "this war": a definite noun naming a kind of event
  // refers to the latest event named before it (within 40 sentences) whose name holds
  // that noun.
  void add_event_references(Doc& doc, Links& links) const {
    auto& ms = doc.mentions;
    static const std::set<std::string> nouns{"deportation", "deportations", "resettlement", "famine", "war",
                                             "occupation", "invasion", "revolution", "campaign", "expulsion",
                                             "evacuation", "repatriation", "uprising", "massacre", "genocide"};
    std::vector<std::size_t> events;
    for (std::size_t i = 0; i < ms.size(); ++i)
      if (ms[i].cls == Class::Event) events.push_back(i);
    if (events.empty()) return;
    std::sort(events.begin(), events.end(), [&](std::size_t a, std::size_t b) { return ms[a].span.begin < ms[b].span.begin; });
    const std::vector<char> covered = covered_tokens(doc);
    std::vector<Mention> extra;
    const std::size_t original = ms.size();
    for (std::uint32_t t = 1; t < doc.tokens.size(); ++t) {
      const std::string det = token_fold(doc, t - 1);
      if (covered[t] || doc.tokens[t].shape != Shape::lower ||
          (det != "the" && det != "this" && det != "their" && det != "its"))
        continue;
      std::string noun = token_fold(doc, t);
      if (!nouns.count(noun)) continue;
      if (noun.back() == 's' && noun != "deportations") noun.pop_back();
      if (noun == "deportations") noun = "deportation";
      const std::uint32_t sent = doc.tokens[t].sentence;
      std::optional<std::size_t> target;
      for (auto it = events.rbegin(); it != events.rend(); ++it) {
        const Mention& m = ms[*it];
        if (m.span.begin >= doc.tokens[t].span.begin) continue;
        if (sent - doc.tokens[m.first_token].sentence > 40) break;
        if (text::fold(m.canonical).find(noun) != std::string::npos) {
          target = *it;
          break;
        }
      }
      if (!target) continue;
      Mention a = alias_mention(doc, ms[*target], t, t + 1, "resolver:definite-reference");
      a.canonical = ms[*target].canonical;  // "the deportation" is no name of it
      extra.push_back(std::move(a));
      links.emplace_back(*target, original + extra.size() - 1);
    }
    ms.insert(ms.end(), extra.begin(), extra.end());
  }

  // An article's heading ("= Deportation of Koreans in the Soviet Union =") and its
  // infobox title ("- Title: Deportation of the Koreans in the Soviet Union") name the
  // same thing: the first mention of each, when of the same class, are one entity.
  void link_article_titles(Doc& doc, Links& links) const {
    auto& ms = doc.mentions;
    std::optional<std::size_t> heading, title;
    std::size_t first_block = doc.blocks.size();
    for (std::size_t b = 0; b < doc.blocks.size(); ++b)
      if (!doc.blocks[b].chrome) {
        first_block = b;
        break;
      }
    if (first_block == doc.blocks.size()) return;
    const Span head = doc.blocks[first_block].span;
    for (std::size_t i = 0; i < ms.size(); ++i) {
      if (ms[i].span.begin >= head.begin && ms[i].span.end <= head.end &&
          (!heading || ms[i].span.size() > ms[*heading].span.size()))
        heading = i;
    }
    for (std::size_t b = first_block + 1; b < doc.blocks.size() && b < first_block + 12 && !title; ++b) {
      const Block& blk = doc.blocks[b];
      if (!blk.key_value) continue;
      const std::string line = text::fold(doc.view(blk.span));
      const std::size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string key = line.substr(0, colon);
      while (!key.empty() && (key.front() == '-' || key.front() == ' ' || static_cast<unsigned char>(key.front()) >= 0x80))
        key.erase(key.begin());
      if (text::trim(key) != "title" && text::trim(key) != "name") continue;
      for (std::size_t i = 0; i < ms.size(); ++i)
        if (ms[i].span.begin > blk.span.begin + colon && ms[i].span.end <= blk.span.end &&
            (!title || ms[i].span.begin < ms[*title].span.begin))
          title = i;
    }
    if (heading && title && *heading != *title && ms[*heading].cls == ms[*title].cls)
      links.emplace_back(*heading, *title);
  }

  // "returned to the North", "arriving in the South": where a document names exactly
  // one country whose name starts with that compass word ("North Korea"), "the North"
  // is that country. "the North Korean …" (a longer name) is left alone.
  void add_compass_references(Doc& doc, Links& links) const {
    auto& ms = doc.mentions;
    static const std::set<std::string> compass{"north", "south", "east", "west"};
    std::map<std::string, std::set<std::string>> countries;  // compass word → canonical names
    std::map<std::string, std::size_t> first;                  // canonical → a mention
    for (std::size_t i = 0; i < ms.size(); ++i) {
      if (ms[i].cls != Class::Country) continue;
      const std::string key = text::lookup_key(ms[i].canonical);
      const std::size_t sp = key.find(' ');
      if (sp == std::string::npos || !compass.count(key.substr(0, sp))) continue;
      countries[key.substr(0, sp)].insert(ms[i].canonical);
      first.emplace(ms[i].canonical, i);
    }
    if (countries.empty()) return;
    const std::vector<char> covered = covered_tokens(doc);
    std::vector<Mention> extra;
    const std::size_t original = ms.size();
    for (std::uint32_t t = 1; t < doc.tokens.size(); ++t) {
      if (covered[t] || doc.tokens[t].shape != Shape::title || token_fold(doc, t - 1) != "the") continue;
      auto c = countries.find(token_fold(doc, t));
      if (c == countries.end() || c->second.size() != 1) continue;
      if (t + 1 < doc.tokens.size() && doc.tokens[t + 1].sentence == doc.tokens[t].sentence &&
          (doc.tokens[t + 1].shape == Shape::title || doc.tokens[t + 1].shape == Shape::upper))
        continue;
      const std::size_t target = first.at(*c->second.begin());
      Mention a = alias_mention(doc, ms[target], t, t + 1, "resolver:definite-reference");
      a.canonical = ms[target].canonical;  // "the North" is no name of it
      extra.push_back(std::move(a));
      links.emplace_back(target, original + extra.size() - 1);
    }
    ms.insert(ms.end(), extra.begin(), extra.end());
  }

  // A capitalised token equal to the last word of a person named in full earlier.
  void add_surname_mentions(Doc& doc, Links& links) const {
    auto& ms = doc.mentions;
    std::map<std::string, std::size_t> surname;  // folded surname → mention index
    std::vector<char> covered(doc.tokens.size(), 0);
    for (std::size_t i = 0; i < ms.size(); ++i) {
      for (auto t = ms[i].first_token; t < ms[i].end_token; ++t) covered[t] = 1;
      if (ms[i].cls != Class::Person || ms[i].end_token - ms[i].first_token < 2) continue;
      std::string last = token_fold(doc, ms[i].end_token - 1);
      if (last.size() >= 3 && !surname.count(last)) surname.emplace(last, i);
    }
    if (surname.empty()) return;
    std::vector<Mention> extra;
    std::size_t original = ms.size();
    for (std::uint32_t t = 0; t < doc.tokens.size(); ++t) {
      if (covered[t] || doc.tokens[t].shape != Shape::title) continue;
      auto it = surname.find(token_fold(doc, t));
      if (it == surname.end() || ms[it->second].span.begin > doc.tokens[t].span.begin) continue;
      extra.push_back(alias_mention(doc, ms[it->second], t, t + 1, "resolver:surname"));
      links.emplace_back(it->second, original + extra.size() - 1);
    }
    ms.insert(ms.end(), extra.begin(), extra.end());
  }

  const Resources& m_r;
};

}  // namespace

std::unique_ptr<Component> make_resolver(const Resources& r) { return std::make_unique<Resolver>(r); }

}  // namespace kg::extract
