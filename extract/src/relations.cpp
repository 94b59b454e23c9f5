// kg.relations.v1: statements between the document's entities and literal facts.
//  - trigger rules of relations.tsv over entity pairs in a sentence;
//  - "between X and Y" after a legal instrument → party;
//  - offices before a person ("Chairman of the Council … Vyacheslav Molotov",
//    "Soviet leader Joseph Stalin") → position, leaderOf/memberOf;
//  - infobox lines ("- Location: Primorsky Krai") about the article's subject;
//  - dates next to documents and events → date / startDate / endDate;
//  - official numbers of instruments → identifier.
// kg.statistics.v1: reported numbers (prose and tables) → Statistic nodes.
#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "dates.hpp"
#include "mentions.hpp"
#include "pipeline.hpp"
#include "text.hpp"

namespace kg::extract {
namespace {

// How many tokens may stand between a one-function-word trigger and the mention it
// governs ("to the", "into neighbouring", "to unpopulated areas of the").
constexpr std::uint32_t kBareTriggerReach = 5;

// How far after an event frame's trigger the markers of places may stand ("… were
// forcibly transferred from the Russian Far East to …"); further ones belong to other
// clauses ("… their right to return to the Far East"). Agents ("by the NKVD on the
// orders of …") may stand twice as far.
constexpr std::uint32_t kFrameReach = 15;

bool qualifies(Class c, const std::vector<Class>& allowed) {
  return std::any_of(allowed.begin(), allowed.end(), [&](Class a) { return ontology::is_a(c, a); });
}

// Per-sentence view: mention indices sorted by position.
std::vector<std::vector<std::uint32_t>> mentions_by_sentence(const Doc& doc) {
  std::vector<std::vector<std::uint32_t>> out(doc.sentences.size());
  for (std::uint32_t i = 0; i < doc.mentions.size(); ++i) {
    const Mention& m = doc.mentions[i];
    if (m.entity < 0) continue;
    out[doc.tokens[m.first_token].sentence].push_back(i);
  }
  for (auto& v : out)
    std::sort(v.begin(), v.end(), [&](std::uint32_t a, std::uint32_t b) {
      return doc.mentions[a].first_token < doc.mentions[b].first_token;
    });
  return out;
}

class Relations final : public Component {
 public:
  explicit Relations(const Resources& r) : m_r(r) {}
  std::string name() const override { return "kg.relations.v1"; }
  std::vector<std::string> requires_() const override { return {"doc.entities"}; }
  std::vector<std::string> assigns() const override { return {"doc.relations", "doc.attributes"}; }

  Result<void> process(Doc& doc, const Diagnostics&) const override {
    State st{doc, {}, {}};
    auto by_sentence = mentions_by_sentence(doc);
    doc.subject = article_subject(doc, by_sentence);
    std::optional<EntityKey> main_event = doc.subject;
    if (main_event && main_event->cls != Class::Event) main_event.reset();
    infobox(st, by_sentence);  // first: the event frames read the article event's dates
    for (std::uint32_t si = 0; si < doc.sentences.size(); ++si) {
      const auto& ms = by_sentence[si];
      std::vector<char> in_mention(doc.sentences[si].end_token - doc.sentences[si].first_token, 0);
      for (auto mi : ms)  // a title-line mention may run past its first sentence
        for (auto t = doc.mentions[mi].first_token; t < std::min(doc.mentions[mi].end_token, doc.sentences[si].end_token); ++t)
          in_mention[t - doc.sentences[si].first_token] = 1;
      if (!ms.empty()) {
        trigger_rules(st, si, ms, in_mention);
        parties(st, si, ms);
        issuers(st, si, ms);
        offices(st, si, ms);
        person_phrases(st, si, ms);
        body_phrases(st, si, ms);
        document_subjects(st, si, ms);
        possessive_places(st, si, ms);
        frames(st, si, ms, in_mention, main_event);
      }
      dates(st, si, ms);
      border_phrases(st, si);
    }
    destination_sections(st, by_sentence);
    identifiers(st);
    name_relations(st);
    year_in_name(st);
    unit_names(st);
    event_phrase_roles(st);
    place_based(st);
    part_of(st);
    return {};
  }

 private:
  struct State {
    Doc& doc;
    std::set<std::tuple<EntityKey, Property, EntityKey, std::uint32_t>> seen;  // per sentence
    std::set<std::tuple<EntityKey, DataProperty, std::string, std::uint32_t>> seen_attr;
  };

  const DocEntity& entity_of(const Doc& doc, std::uint32_t mi) const {
    return doc.entities[static_cast<std::size_t>(doc.mentions[mi].entity)];
  }

  void emit(State& st, std::uint32_t si, const EntityKey& s, Property p, const EntityKey& o,
            const std::string& rule, double conf) const {
    if (s == o) return;
    if (!fits_domain(p, s.cls, o.cls)) return;
    if (!st.seen.emplace(s, p, o, si).second) return;
    st.doc.relations.push_back(Relation{s, p, o, st.doc.evidence(st.doc.sentences[si].span, rule, conf)});
  }

  void emit_attr(State& st, std::uint32_t si, const EntityKey& s, DataProperty p, std::string lexical,
                 Datatype dt, const std::string& rule, double conf) const {
    if (!st.seen_attr.emplace(s, p, lexical, si).second) return;
    st.doc.attributes.push_back(
        Attribute{s, p, std::move(lexical), dt, st.doc.evidence(st.doc.sentences[si].span, rule, conf)});
  }

  // The group mentioned last in sentence `si`, if any.
  std::optional<EntityKey> last_group(const Doc& doc, std::uint32_t si) const {
    std::optional<EntityKey> found;
    const Sentence& s = doc.sentences[si];
    for (const Mention& m : doc.mentions)
      if (m.entity >= 0 && m.first_token >= s.first_token && m.end_token <= s.end_token &&
          doc.entities[static_cast<std::size_t>(m.entity)].key.cls == Class::Group)
        found = doc.entities[static_cast<std::size_t>(m.entity)].key;
    return found;
  }

  // Whether a person's name follows at `from`, possibly after further names of the office
  // phrase ("… of the Soviet Union Vyacheslav Molotov").
  bool office_of_next_person(const Doc& doc, const std::vector<std::uint32_t>& ms, std::uint32_t from) const {
    std::uint32_t reach = from;
    for (auto mi : ms) {
      const Mention& m = doc.mentions[mi];
      if (m.first_token < reach) continue;
      if (m.first_token > reach + 3) break;
      if (entity_of(doc, mi).key.cls == Class::Person) return true;
      reach = m.end_token;
    }
    return false;
  }

  // A capitalised word outside every mention that could be part of an unknown place's
  // name: no function word, month, cue, title or demonym.
  bool unknown_name_word(const Doc& doc, std::uint32_t t, const std::vector<char>& in_mention, const Sentence& s) const {
    if (doc.tokens[t].shape != Shape::title || in_mention[t - s.first_token]) return false;
    const std::string f = token_fold(doc, t);
    static const std::set<std::string> compass{"north", "south", "east", "west", "northeast", "northwest",
                                               "southeast", "southwest", "central"};
    return !m_r.stopwords.count(f) && !m_r.cues.not_name.count(f) && !m_r.cues.head.count(f) &&
           !m_r.cues.prefix.count(f) && !m_r.cues.title.count(f) && !m_r.demonym_by_adjective.count(f) &&
           !m_r.demonym_by_plural.count(f) && !month_number(f) && !compass.count(f) && t > s.first_token;
  }

  // A word that may continue a noun phrase after a bare trigger: lower-case letters,
  // not a function word other than an article, possessive or "of"; or a bracket.
  bool noun_phrase_filler(const Doc& doc, std::uint32_t t) const {
    static const std::set<std::string, std::less<>> kJoiners{"a", "an", "the", "of", "its", "their", "his", "her"};
    const std::string_view text = token_text(doc, t);
    if (text == "[" || text == "]") return true;  // translator's brackets: "to [North] Korea"
    if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || c == '-' || static_cast<unsigned char>(c) >= 0x80;
        }))
      return false;
    const std::string f = token_fold(doc, t);
    return kJoiners.count(f) || !m_r.stopwords.count(f);
  }
  // A filler or a demonym ("into the Chinese provinces of Jilin").
  bool noun_phrase_word(const Doc& doc, std::uint32_t t) const {
    return noun_phrase_filler(doc, t) || m_r.demonym_by_adjective.count(token_fold(doc, t)) > 0;
  }

  // Trigger phrases between two mentions.
  void trigger_rules(State& st, std::uint32_t si, const std::vector<std::uint32_t>& ms,
                     const std::vector<char>& in_mention) const {
    const Doc& doc = st.doc;
    const Sentence& s = doc.sentences[si];
    std::vector<std::string> folded;
    for (auto t = s.first_token; t < s.end_token; ++t) folded.push_back(token_fold(doc, t));
    for (const RelationRule& rule : m_r.relation_rules) {
      for (const auto& trig : rule.triggers) {
        const std::uint32_t n = static_cast<std::uint32_t>(trig.size());
        for (std::uint32_t t = 0; t + n <= folded.size(); ++t) {
          bool match = true;
          for (std::uint32_t k = 0; k < n && match; ++k)
            match = folded[t + k] == trig[k] && !in_mention[t + k];
          if (!match) continue;
          std::uint32_t tb = s.first_token + t, te = tb + n;
          // Nearest qualifying mention before the trigger and after it.
          const auto& left_classes = rule.subject_first ? rule.subject_classes : rule.object_classes;
          const auto& right_classes = rule.subject_first ? rule.object_classes : rule.subject_classes;
          std::optional<std::uint32_t> left, right;
          // (Only for where things are: a movement reaches across "from A to B".)
          const bool one_word = n == 1 && (m_r.stopwords.count(trig[0]) || trig[0] == ",") &&
                                (rule.property == Property::locatedIn || rule.property == Property::basedIn ||
                                 rule.property == Property::partOf);
          for (auto it = ms.rbegin(); it != ms.rend(); ++it) {
            const Mention& m = doc.mentions[*it];
            if (m.end_token > tb) continue;
            if (tb - m.end_token > rule.window) break;
            // Before a one-word trigger no preposition may stand: "the Russian Far East to
            // unpopulated areas of the Kazakh SSR" does not put the Far East in the SSR.
            if (one_word && std::any_of(doc.tokens.begin() + m.end_token, doc.tokens.begin() + tb, [&](const Token& tk) {
                  static const std::set<std::string> preps{"to", "from", "in", "of", "on", "at", "by", "with", "into",
                                                           "for", "between", "across", "through", "under", "over"};
                  return preps.count(text::fold(doc.view(tk.span))) > 0;
                }))
              break;
            if (qualifies(entity_of(doc, *it).key.cls, left_classes)) { left = *it; break; }
          }
          // A trigger that is one function word ("to", "in", "of", ",") governs the
          // phrase right after it: "fled to neighbouring China", not "… intent to
          // consolidate the border regions with China".
          // Between them only a short lower-case noun phrase may stand ("to unpopulated
          // areas of the Kazakh SSR"); a clause word ("that", "with", "and") ends it.
          const bool bare = n == 1 && (m_r.stopwords.count(trig[0]) || trig[0] == ",");
          const std::uint32_t right_window = bare ? std::min<std::uint32_t>(rule.window, kBareTriggerReach) : rule.window;
          std::uint32_t phrase_end = te;  // bare: tokens [te, phrase_end) are noun-phrase fillers
          if (bare)
            while (phrase_end < s.end_token && phrase_end - te < right_window && noun_phrase_word(doc, phrase_end))
              ++phrase_end;
          for (auto mi : ms) {
            const Mention& m = doc.mentions[mi];
            if (m.first_token < te) continue;
            if (m.first_token - te > right_window || (bare && m.first_token > phrase_end)) break;
            if (qualifies(entity_of(doc, mi).key.cls, right_classes)) { right = mi; break; }
          }
          std::string id = "relations.tsv:" + std::to_string(rule.line);
          // An article about a group: "defectors flee to Laos" with no name of the group
          // in the sentence refers to the article's subject.
          std::optional<EntityKey> subject_fallback;
          if (!left && rule.subject_first && doc.subject && doc.subject->cls == Class::Group &&
              qualifies(Class::Group, left_classes)) {
            for (auto k = s.first_token; k < tb && !subject_fallback; ++k)
              if (m_r.cues.group_head.count(token_fold(doc, k))) subject_fallback = doc.subject;
          }
          // "… many Koreans were fleeing … . They mostly settled in …": a sentence opening
          // with "They" goes on about the last group of the sentence before.
          if (!left && !subject_fallback && rule.subject_first && si > 0 && qualifies(Class::Group, left_classes) &&
              token_fold(doc, s.first_token) == "they" && tb - s.first_token <= 4)
            subject_fallback = last_group(doc, si - 1);
          // "settle in Koreatown": an unknown capitalised name right after a trigger of
          // residence or movement is a place (as in the lists of the event frames).
          if ((left || subject_fallback) && !right && rule.subject_first && !bare &&
              (rule.property == Property::residesIn || rule.property == Property::migratedTo ||
               rule.property == Property::migratedFrom)) {
            std::uint32_t at = te;
            if (at < s.end_token && token_fold(doc, at) == "the") ++at;
            std::uint32_t e = at;
            while (e < s.end_token && e - at < 3 && unknown_name_word(doc, e, in_mention, s)) ++e;
            const bool ends = e == s.end_token || !is_cap(doc.tokens[e].shape);
            if (e > at && ends) {
              const std::string label = surface(doc, at, e);
              const EntityKey place = ontology::make_key(Class::Settlement, label);
              add_entity(st.doc, place, label);
              const EntityKey lk = left ? entity_of(doc, *left).key : *subject_fallback;
              emit(st, si, lk, rule.property, place, "relations.tsv:" + std::to_string(rule.line) + ":unknown-place", 0.5);
            }
            continue;
          }
          if ((!left && !subject_fallback) || !right) continue;
          const EntityKey lk = left ? entity_of(doc, *left).key : *subject_fallback;
          // On the right: the mention found, or the person its office phrase leads to
          // ("signed by the Chairman of the Council … Vyacheslav Molotov"), and then the
          // same for each item joined by "and".
          std::uint32_t at = te;
          std::optional<std::uint32_t> cur = right;
          while (cur) {
            std::uint32_t chosen = *cur;
            if (entity_of(doc, chosen).key.cls != Class::Person && qualifies(Class::Person, right_classes)) {
              // Through the rest of the office phrase ("… of the Soviet Union") to a person.
              std::uint32_t reach = doc.mentions[chosen].end_token;
              for (auto mi : ms) {
                const Mention& m = doc.mentions[mi];
                if (m.first_token < reach) continue;
                if (m.first_token > reach + 3) break;
                if (entity_of(doc, mi).key.cls == Class::Person) {
                  chosen = mi;
                  break;
                }
                reach = m.end_token;
              }
            }
            const EntityKey rk = entity_of(doc, chosen).key;
            // "the Posyet, Suchan and Suyfun districts" is a list, not "Pyongyang, North
            // Korea": no comma-located place inside a list or of the same class.
            if (rule.property == Property::locatedIn && n == 1 && trig[0] == ",") {
              const std::uint32_t after = doc.mentions[chosen].end_token;
              const bool listed = after < s.end_token && (token_text(doc, after) == "," || token_fold(doc, after) == "and" ||
                                                          token_fold(doc, after) == "or");
              if (listed || lk.cls == rk.cls) break;
            }
            // "Joseph Stalin and Chairman of the Council … Vyacheslav Molotov": the office
            // phrase belongs to the person after it, not to the one before the trigger.
            if (rule.subject_first && lk.cls == Class::Person && rk.cls != Class::Person &&
                office_of_next_person(doc, ms, doc.mentions[chosen].end_token))
              break;
            if (rule.subject_first) emit(st, si, lk, rule.property, rk, id, rule.confidence);
            else emit(st, si, rk, rule.property, lk, id, rule.confidence);
            if (!rule.subject_first) break;
            at = doc.mentions[chosen].end_token;
            cur.reset();
            // Counted lists repeat the trigger: "increased by 24% in Kazakhstan; 18% in
            // Uzbekistan; 299% in Kyrgyzstan and 373% in Tajikistan".
            if (at + 2 < s.end_token && (token_text(doc, at) == ";" || token_text(doc, at) == "," ||
                                         token_fold(doc, at) == "and") &&
                doc.tokens[at + 1].shape == Shape::digit) {
              std::uint32_t nx = at + 2;
              if (nx < s.end_token && (token_text(doc, nx) == "%" || token_fold(doc, nx) == "percent")) ++nx;
              bool again = nx + n <= s.end_token;
              for (std::uint32_t k = 0; k < n && again; ++k) again = token_fold(doc, nx + k) == trig[k];
              if (again) {
                nx += n;
                if (nx < s.end_token && token_fold(doc, nx) == "the") ++nx;
                for (auto mi : ms)
                  if (doc.mentions[mi].first_token == nx && qualifies(entity_of(doc, mi).key.cls, right_classes)) {
                    cur = mi;
                    break;
                  }
                if (cur) continue;
              }
            }
            // Lists of places or bodies: "live in Belgium, Denmark and Finland".
            if (at < s.end_token &&
                (token_text(doc, at) == "," || token_fold(doc, at) == "and" || token_fold(doc, at) == "or") &&
                !qualifies(Class::Person, right_classes)) {
              std::uint32_t nx = at + 1;
              if (nx < s.end_token && (token_fold(doc, nx) == "and" || token_fold(doc, nx) == "or")) ++nx;
              for (auto mi : ms) {
                const Mention& m = doc.mentions[mi];
                if (m.first_token < nx) continue;
                // Same class only: "Pyongyang, North Korea" is an apposition, not a list.
                if (m.first_token == nx && qualifies(entity_of(doc, mi).key.cls, right_classes) &&
                    entity_of(doc, mi).key.cls == rk.cls)
                  cur = mi;
                break;
              }
              continue;
            }
            if (at < s.end_token && token_fold(doc, at) == "and") {
              // The next person within a short office phrase.
              for (auto mi : ms) {
                const Mention& m = doc.mentions[mi];
                if (m.first_token <= at) continue;
                if (m.first_token > at + 10) break;
                if (entity_of(doc, mi).key.cls == Class::Person && qualifies(Class::Person, right_classes)) {
                  cur = mi;
                  break;
                }
              }
            }
          }
        }
      }
    }
  }

  // "<Body> <instrument>": a body named right before a document issued it
  // ("UN Security Council Resolution 2397", "NKVD order No. 3").
  void issuers(State& st, std::uint32_t si, const std::vector<std::uint32_t>& ms) const {
    const Doc& doc = st.doc;
    for (std::size_t k = 1; k < ms.size(); ++k) {
      const Mention& d = doc.mentions[ms[k]];
      const Mention& b = doc.mentions[ms[k - 1]];
      Class dc = entity_of(doc, ms[k]).key.cls, bc = entity_of(doc, ms[k - 1]).key.cls;
      if (!ontology::is_a(dc, Class::Document) || !ontology::is_a(bc, Class::Organization)) continue;
      std::uint32_t gap = d.first_token - b.end_token;
      bool possessive = gap == 2 && (token_text(doc, b.end_token) == "'" || token_text(doc, b.end_token) == "\xE2\x80\x99");
      if (gap == 0 || possessive)
        emit(st, si, entity_of(doc, ms[k]).key, Property::issuedBy, entity_of(doc, ms[k - 1]).key, "relations:body-before-document", 0.7);
    }
  }

  // "<instrument> between X and Y" → party.
  void parties(State& st, std::uint32_t si, const std::vector<std::uint32_t>& ms) const {
    const Doc& doc = st.doc;
    for (std::size_t a = 0; a < ms.size(); ++a) {
      const DocEntity& inst = entity_of(doc, ms[a]);
      if (inst.key.cls != Class::LegalInstrument) continue;
      const Sentence& s = doc.sentences[si];
      // "between" right after the name, or inside a title-line name.
      std::uint32_t t = doc.mentions[ms[a]].first_token + 1;
      while (t < s.end_token && t <= doc.mentions[ms[a]].end_token && token_fold(doc, t) != "between") ++t;
      if (t >= s.end_token || token_fold(doc, t) != "between") continue;
      int found = 0;
      for (std::size_t b = 0; b < ms.size() && found < 2; ++b) {
        const Mention& m = doc.mentions[ms[b]];
        if (m.first_token <= t || b == a) continue;
        if (m.first_token > t + 25) break;
        const DocEntity& e = entity_of(doc, ms[b]);
        if (!ontology::is_a(e.key.cls, Class::Agent) && e.key.cls != Class::Country) continue;
        emit(st, si, inst.key, Property::party, e.key, "relations:between", 0.8);
        ++found;
      }
    }
  }

  // Offices written before a person's name.
  void offices(State& st, std::uint32_t si, const std::vector<std::uint32_t>& ms) const {
    Doc& doc = st.doc;
    const Sentence& s = doc.sentences[si];
    static const std::set<std::string> leader_words{"leader", "chairman", "president", "premier", "head",
                                                    "chief", "director", "secretary", "minister", "commissar",
                                                    "king", "emperor", "governor", "mayor", "chairwoman"};
    for (std::size_t k = 0; k < ms.size(); ++k) {
      const Mention pm = doc.mentions[ms[k]];
      const DocEntity person = entity_of(doc, ms[k]);  // copies: add_entity may grow doc.entities
      if (person.key.cls != Class::Person) continue;
      // Walk left over the office phrase: capitalised words, connectors, mentions.
      std::uint32_t b = pm.first_token;
      std::uint32_t title_at = UINT32_MAX;
      while (b > s.first_token && pm.first_token - b < 16) {
        std::uint32_t t = b - 1;
        std::string f = token_fold(doc, t);
        Shape sh = doc.tokens[t].shape;
        bool cap = sh == Shape::title || sh == Shape::upper;
        bool conn = f == "of" || f == "the" || f == "for" || f == "and" || f == "'" || f == "s";
        bool title = m_r.cues.title.count(f) > 0;
        if (!(cap || conn || title)) break;
        if (title) title_at = t;
        b = t;
      }
      if (title_at == UINT32_MAX) {
        // The title may open the person's own mention ("President George W. Bush").
        const std::string f = token_fold(doc, pm.first_token);
        static const std::set<std::string> honorifics0{"mr", "mrs", "ms", "miss", "dr", "sir", "madam", "comrade"};
        if (pm.end_token > pm.first_token + 1 && m_r.cues.title.count(f) && !honorifics0.count(f))
          emit_attr(st, si, person.key, DataProperty::position, std::string(token_text(doc, pm.first_token)),
                    Datatype::string, "relations:office", 0.65);
        continue;
      }
      // Capitalised modifiers right before the title belong to the office ("Soviet
      // leader", "NKVD official", "Party General Secretary").
      std::uint32_t pos_b = title_at;
      while (pos_b > b) {
        std::string f = token_fold(doc, pos_b - 1);
        Shape sh = doc.tokens[pos_b - 1].shape;
        if (!(sh == Shape::title || sh == Shape::upper || sh == Shape::mixed) || f == "the") break;
        --pos_b;
      }
      std::string position = surface(doc, pos_b, pm.first_token);
      // "Soviet leader Joseph Stalin": a demonym right before the title word.
      std::string first_title = token_fold(doc, title_at);
      bool leads = leader_words.count(first_title) > 0;
      static const std::set<std::string> honorifics{"mr", "mrs", "ms", "miss", "dr", "sir", "madam", "comrade",
                                                    "mister", "lord", "lady", "saint", "st"};
      if (position.find(' ') != std::string::npos || leads || !honorifics.count(first_title)) {
        emit_attr(st, si, person.key, DataProperty::position, position, Datatype::string, "relations:office", 0.7);
        // "Kazakh president", "U.S. President": the office itself too, without the
        // country that qualifies it.
        if (pos_b < title_at && (leads || !honorifics.count(first_title)))
          emit_attr(st, si, person.key, DataProperty::position, surface(doc, title_at, pm.first_token), Datatype::string,
                    "relations:office", 0.65);
      }
      // "Seoul's Mayor Park Won-soon": the possessor of a leader's title is what he leads.
      if (leads && pos_b >= s.first_token + 2 && token_fold(doc, pos_b - 1) == "s" &&
          (token_text(doc, pos_b - 2) == "'" || token_text(doc, pos_b - 2) == "\u2019"))
        for (std::size_t j = 0; j < k; ++j) {
          const Mention& om = doc.mentions[ms[j]];
          if (om.end_token != pos_b - 2) continue;
          const EntityKey owner = entity_of(doc, ms[j]).key;
          if (ontology::is_a(owner.cls, Class::Organization) || ontology::is_a(owner.cls, Class::Place))
            emit(st, si, person.key, Property::leaderOf, owner, "relations:office-possessor", 0.65);
        }
      // Bodies and countries named inside the office phrase, or as its modifier ("NKVD
      // official", "MVD minister"). A leader of a body is also one of its members.
      bool any = false;
      for (std::size_t j = 0; j < k; ++j) {
        const Mention& om = doc.mentions[ms[j]];
        if (om.first_token < pos_b || om.end_token > pm.first_token) continue;
        const EntityKey org = entity_of(doc, ms[j]).key;
        if (leads && (ontology::is_a(org.cls, Class::Organization) || org.cls == Class::Country)) {
          emit(st, si, person.key, Property::leaderOf, org, "relations:office", 0.7);
          if (ontology::is_a(org.cls, Class::Organization))
            emit(st, si, person.key, Property::memberOf, org, "relations:office", 0.65);
          any = true;
        } else if (ontology::is_a(org.cls, Class::Organization)) {
          emit(st, si, person.key, Property::memberOf, org, "relations:office", 0.65);
          any = true;
        }
        if (leads && org.cls == Class::Country) break;
      }
      if (!any && leads && title_at > s.first_token) {
        // Demonym adjective before the title: leaderOf the country ("North Korean
        // leader": the two-word demonym first).
        std::string prev = token_fold(doc, title_at - 1);
        auto d = m_r.demonym_by_adjective.end();
        if (title_at >= s.first_token + 2)
          d = m_r.demonym_by_adjective.find(token_fold(doc, title_at - 2) + " " + prev);
        if (d == m_r.demonym_by_adjective.end()) d = m_r.demonym_by_adjective.find(prev);
        if (d != m_r.demonym_by_adjective.end()) {
          EntityKey country = ontology::make_key(Class::Country, d->second.country);
          add_entity(doc, country, d->second.country);
          emit(st, si, person.key, Property::leaderOf, country, "relations:office-demonym", 0.6);
        }
      }
    }
  }

  // Offices and affiliations said around a person's name:
  //  - apposition: "Terry Martin, a professor of Russian studies," and "Alexander Kim,
  //    Associate Professor at the Primorye State Agricultural Academy" (position; the
  //    body after "at"/"of" is the person's: affiliatedWith for academic titles,
  //    memberOf otherwise, and leaderOf too for leaders);
  //  - a lower-case office before the name: "chairman of a collective farm Kim Pen-Hwa";
  //  - "X became the new Soviet Premier" / "was appointed …" / "served as …";
  //  - a body's possessive: "Harvard's Terry Martin" (affiliatedWith).
  void person_phrases(State& st, std::uint32_t si, const std::vector<std::uint32_t>& ms) const {
    const Doc& doc = st.doc;
    const Sentence& s = doc.sentences[si];
    static const std::set<std::string> academic{"professor", "lecturer", "fellow", "researcher", "scholar",
                                                "scientist", "historian", "student", "dean", "analyst"};
    static const std::set<std::string> leader_words{"leader", "chairman", "president", "premier", "head", "chief",
                                                    "director", "secretary", "minister", "commissar", "governor",
                                                    "mayor", "chairwoman", "chair"};
    auto mention_at = [&](std::uint32_t t) -> std::optional<std::uint32_t> {
      for (auto mi : ms)
        if (doc.mentions[mi].first_token == t) return mi;
      return std::nullopt;
    };
    // The office phrase from `b`: optional capitalised modifiers, a title word, then
    // "of"/"for" with lower-case words or demonyms. Returns its end and title word.
    auto office = [&](std::uint32_t b, std::uint32_t person_at = UINT32_MAX) -> std::optional<std::pair<std::uint32_t, std::string>> {
      std::uint32_t t = b;
      while (t < s.end_token && t - b < 3 && !m_r.cues.title.count(token_fold(doc, t)) &&
             (doc.tokens[t].shape == Shape::title || doc.tokens[t].shape == Shape::lower))
        ++t;
      if (t >= s.end_token || !m_r.cues.title.count(token_fold(doc, t))) return std::nullopt;
      const std::string title = token_fold(doc, t);
      std::uint32_t e = t + 1;
      if (e + 1 < s.end_token && (token_fold(doc, e) == "of" || token_fold(doc, e) == "for")) {
        std::uint32_t k = e + 1;
        while (k < s.end_token && (doc.tokens[k].shape == Shape::lower ||
                                   m_r.demonym_by_adjective.count(token_fold(doc, k))) &&
               token_fold(doc, k) != "at" && token_fold(doc, k) != "in" && token_fold(doc, k) != "and")
          ++k;
        // Not when a name follows: "chairman of the Baku-based Center …" stays "chairman".
        if (k > e + 1 && (k == s.end_token || k == person_at || !is_cap(doc.tokens[k].shape) ||
                          m_r.demonym_by_adjective.count(token_fold(doc, k - 1))))
          e = k;
        while (e > t + 1 && (token_fold(doc, e - 1) == "the" || token_fold(doc, e - 1) == "a")) --e;
        if (e == t + 2) e = t + 1;  // a dangling "of"
      }
      return std::make_pair(e, title);
    };
    auto body_after = [&](std::uint32_t e) -> std::optional<std::uint32_t> {
      std::uint32_t k = e;
      if (k < s.end_token && (token_fold(doc, k) == "at" || token_fold(doc, k) == "of" || token_fold(doc, k) == "in")) ++k;
      else return std::nullopt;
      if (k < s.end_token && token_fold(doc, k) == "the") ++k;
      auto mi = mention_at(k);
      // "of the Baku-based Center …": past the seat to the body.
      if (mi && doc.mentions[*mi].rule == "pattern:place-based") mi = mention_at(doc.mentions[*mi].end_token);
      if (mi && ontology::is_a(entity_of(doc, *mi).key.cls, Class::Organization)) return mi;
      return std::nullopt;
    };
    for (auto pmi : ms) {
      const Mention& pm = doc.mentions[pmi];
      const EntityKey person = entity_of(doc, pmi).key;
      if (person.cls != Class::Person) continue;
      // Apposition.
      std::uint32_t a = pm.end_token;
      if (a + 1 < s.end_token && token_text(doc, a) == ",") {
        std::uint32_t b = a + 1;
        if (token_fold(doc, b) == "a" || token_fold(doc, b) == "an" || token_fold(doc, b) == "the") ++b;
        if (auto o = office(b)) {
          const auto [e, title] = *o;
          emit_attr(st, si, person, DataProperty::position, surface(doc, b, e), Datatype::string, "relations:apposition",
                    0.65);
          if (auto body = body_after(e)) {
            const EntityKey org = entity_of(doc, *body).key;
            emit(st, si, person, academic.count(title) ? Property::affiliatedWith : Property::memberOf, org,
                 "relations:apposition", 0.65);
            if (leader_words.count(title)) emit(st, si, person, Property::leaderOf, org, "relations:apposition", 0.6);
          }
        }
      }
      // A lower-case office right before the name.
      for (std::uint32_t t = pm.first_token; t > s.first_token && pm.first_token - t < 8; --t) {
        const std::string f = token_fold(doc, t - 1);
        if (doc.tokens[t - 1].shape != Shape::lower && !m_r.demonym_by_adjective.count(f)) break;
        if (!m_r.cues.title.count(f)) continue;
        auto o = office(t - 1, pm.first_token);
        if (o && o->first == pm.first_token && pm.first_token - (t - 1) >= 3)
          emit_attr(st, si, person, DataProperty::position, surface(doc, t - 1, pm.first_token), Datatype::string,
                    "relations:office-phrase", 0.6);
        break;
      }
      // "became the new Soviet Premier", "was appointed chairman of …".
      std::uint32_t v = pm.end_token;
      std::string verb = v < s.end_token ? token_fold(doc, v) : "";
      if ((verb == "was" || verb == "is") && v + 1 < s.end_token) {
        const std::string next = token_fold(doc, v + 1);
        if (next == "appointed" || next == "elected" || next == "named") verb = next, ++v;
      }
      if (verb == "became" || verb == "becomes" || verb == "appointed" || verb == "elected" || verb == "named" ||
          (verb == "served" && v + 1 < s.end_token && token_fold(doc, v + 1) == "as")) {
        std::uint32_t b = v + 1;
        if (verb == "served") ++b;
        while (b < s.end_token && (token_fold(doc, b) == "the" || token_fold(doc, b) == "a" || token_fold(doc, b) == "new" ||
                                   token_fold(doc, b) == "first"))
          ++b;
        if (auto o = office(b))
          emit_attr(st, si, person, DataProperty::position, surface(doc, b, o->first), Datatype::string,
                    "relations:became", 0.6);
      }
      // "the Supreme Soviet of the RSFSR, under its chairman Boris Yeltsin": the body
      // before "under its <title>" is the one the person leads.
      if (pm.first_token >= s.first_token + 5 && m_r.cues.title.count(token_fold(doc, pm.first_token - 1)) &&
          token_fold(doc, pm.first_token - 2) == "its" && token_fold(doc, pm.first_token - 3) == "under") {
        std::uint32_t at = pm.first_token - 3;
        if (token_text(doc, at - 1) == ",") --at;
        for (auto mi : ms)
          if (doc.mentions[mi].end_token == at && ontology::is_a(entity_of(doc, mi).key.cls, Class::Organization)) {
            const EntityKey body = entity_of(doc, mi).key;
            if (leader_words.count(token_fold(doc, pm.first_token - 1)))
              emit(st, si, person, Property::leaderOf, body, "relations:under-its", 0.65);
            emit(st, si, person, Property::memberOf, body, "relations:under-its", 0.6);
          }
      }
      // "Harvard's Terry Martin".
      if (pm.first_token >= s.first_token + 3 && token_fold(doc, pm.first_token - 1) == "s" &&
          (token_text(doc, pm.first_token - 2) == "'" || token_text(doc, pm.first_token - 2) == "\u2019"))
        for (auto mi : ms)
          if (doc.mentions[mi].end_token == pm.first_token - 2 &&
              ontology::is_a(entity_of(doc, mi).key.cls, Class::Organization))
            emit(st, si, person, Property::affiliatedWith, entity_of(doc, mi).key, "relations:possessive", 0.6);
    }
  }

  // "China's three Northeastern Provinces", "South Korea's Ministry of Unification": a
  // place's possessive before a region or a body places it there (locatedIn, basedIn).
  void possessive_places(State& st, std::uint32_t si, const std::vector<std::uint32_t>& ms) const {
    const Doc& doc = st.doc;
    const Sentence& s = doc.sentences[si];
    for (auto oi : ms) {
      const Mention& owner = doc.mentions[oi];
      const EntityKey place = entity_of(doc, oi).key;
      if (!ontology::is_a(place.cls, Class::Place)) continue;
      std::uint32_t t = owner.end_token;
      if (t + 2 >= s.end_token || token_fold(doc, t + 1) != "s" ||
          (token_text(doc, t) != "'" && token_text(doc, t) != "\u2019"))
        continue;
      t += 2;
      // Lower-case words or numbers may stand between ("same three").
      std::uint32_t k = t;
      static const std::set<std::string> stops{"to", "from", "in", "of", "on", "at", "by", "with", "and", "or",
                                               "is", "was", "are", "were", "has", "had", "that", "which"};
      while (k < s.end_token && k - t < 3 && (doc.tokens[k].shape == Shape::lower || doc.tokens[k].shape == Shape::digit) &&
             !stops.count(token_fold(doc, k)))
        ++k;
      for (auto mi : ms) {
        const Mention& m = doc.mentions[mi];
        if (m.first_token != k) continue;
        const EntityKey thing = entity_of(doc, mi).key;
        if (thing == place) break;
        if (thing.cls == Class::Region || thing.cls == Class::Settlement)
          emit(st, si, thing, Property::locatedIn, place, "relations:possessive-place", 0.6);
        else if (ontology::is_a(thing.cls, Class::Organization))
          emit(st, si, thing, Property::basedIn, place, "relations:possessive-place", 0.6);
        break;
      }
    }
  }

  // A document that orders, allows, forbids or reports something about a group or an
  // event is about it ("… indicated that the deportation was complete"): "A decree … ordered that 675 families, including Germans and Koreans, should
  // be removed", "a directive that allowed the banished Koreans to obtain passports".
  void document_subjects(State& st, std::uint32_t si, const std::vector<std::uint32_t>& ms) const {
    const Doc& doc = st.doc;
    const Sentence& s = doc.sentences[si];
    static const std::set<std::string> verbs{"determined", "decided", "stipulated", "demanded", "urged",
                                             "stipulating", "ordering", "allowing", "requiring", "declaring",
                                             "indicated", "reported", "stated", "announced", "acknowledged",
                                             "acknowledging",
                                             "ordered", "orders", "allowed", "allows", "permitted", "forbade",
                                             "forbids", "banned", "bans", "restricted", "required", "granted",
                                             "rehabilitated", "declared", "deprived", "obliged", "authorized",
                                             "authorised", "prohibited", "exempted"};
    for (auto di : ms) {
      const Mention& dm = doc.mentions[di];
      const EntityKey document = entity_of(doc, di).key;
      if (!ontology::is_a(document.cls, Class::Document) || document.cls == Class::SourceDocument) continue;
      // The verb: after the document, within 12 tokens ("signed by … Beria ordered").
      std::optional<std::uint32_t> verb;
      for (std::uint32_t t = dm.end_token; t < s.end_token && t < dm.end_token + 12 && !verb; ++t)
        if (verbs.count(token_fold(doc, t))) verb = t;
      if (!verb) continue;
      for (auto gi : ms) {
        const Mention& gm = doc.mentions[gi];
        if (gm.first_token <= *verb || gm.first_token > *verb + 25) continue;
        const EntityKey group = entity_of(doc, gi).key;
        if (group.cls == Class::Group || group.cls == Class::Event)
          emit(st, si, document, Property::about, group, "relations:document-subject", 0.55);
      }
    }
  }

  // A body introduced by a demonym and words for its kind: "Soviet newspaper Pravda",
  // "The Soviet secret police, the NKVD," — basedIn the demonym's country.
  void body_phrases(State& st, std::uint32_t si, const std::vector<std::uint32_t>& ms) const {
    const Doc& doc = st.doc;
    const Sentence& s = doc.sentences[si];
    static const std::set<std::string> kinds{
        "newspaper", "daily",   "weekly",  "magazine", "journal",  "agency",       "news",      "broadcaster",
        "channel",   "radio",   "television", "party", "ministry", "police",       "army",      "navy",
        "government", "company", "firm",   "bank",     "university", "institute",  "organisation", "organization",
        "association", "federation", "council", "committee", "court", "parliament", "publisher", "network",
        "service",   "secret",  "intelligence", "security", "state", "national",    "official",  "leading",
        "independent", "communist", "ruling", "opposition", "authorities", "broadcasting", "newspapers"};
    for (auto mi : ms) {
      const Mention& m = doc.mentions[mi];
      const EntityKey body = entity_of(doc, mi).key;
      if (!ontology::is_a(body.cls, Class::Organization)) continue;
      // An embassy's demonym names the sending state, not its seat.
      const std::string label = text::lookup_key(doc.entities[static_cast<std::size_t>(m.entity)].label);
      if (label.find("embass") != std::string::npos || label.find("consulate") != std::string::npos) continue;
      std::uint32_t k = m.first_token;
      // "…, the NKVD": step back over "the" and the comma of an apposition.
      if (k > s.first_token && token_fold(doc, k - 1) == "the") --k;
      if (k > s.first_token && token_text(doc, k - 1) == ",") --k;
      std::uint32_t w = k;
      while (w > s.first_token && k - w < 3 && kinds.count(token_fold(doc, w - 1)) &&
             doc.tokens[w - 1].shape == Shape::lower)
        --w;
      if (w == k) continue;
      // The kind words must not belong to another name ("the Korean government, the …").
      bool named = false;
      for (auto oi : ms)
        if (oi != mi && doc.mentions[oi].first_token < k && doc.mentions[oi].end_token > w) named = true;
      if (named) continue;
      std::optional<Demonym> dem;
      for (std::uint32_t n : {2u, 1u}) {
        if (dem || w < s.first_token + n) continue;
        std::string lead = token_fold(doc, w - n);
        for (std::uint32_t j = 1; j < n; ++j) lead += " " + token_fold(doc, w - n + j);
        if (auto d = m_r.demonym_by_adjective.find(lead); d != m_r.demonym_by_adjective.end()) dem = d->second;
      }
      if (!dem) continue;
      if (auto place = known_place(doc, dem->country))
        emit(st, si, body, Property::basedIn, *place, "relations:demonym-kind", 0.65);
    }
  }

  // A capitalised word that could name a place: not a function word, month or cue.
  bool is_place_name(const Doc& doc, std::uint32_t t, std::uint32_t end) const {
    if (t >= end || doc.tokens[t].shape != Shape::title) return false;
    std::string f = token_fold(doc, t);
    if (m_r.stopwords.count(f) || m_r.cues.not_name.count(f) || m_r.demonym_by_adjective.count(f) ||
        m_r.cues.head.count(f) || m_r.cues.title.count(f) || month_number(f))
      return false;
    // Only inside a list: the next token is "," or "and", or the previous one was.
    std::string next = t + 1 < end ? token_fold(doc, t + 1) : "";
    std::string prev = t > 0 ? token_fold(doc, t - 1) : "";
    return next == "," || next == "and" || prev == "," || prev == "and";
  }

  // Relations that a name states by itself: "<demonym> <migrants>" left that country
  // ("North Korean defectors" migratedFrom North Korea), "<demonym> <people>" live
  // there ("Soviet Koreans" residesIn the Soviet Union), "<demonym> <body>" is based
  // there ("South Korean Ministry of Unification"), and "… in/of <place>" at the end of
  // a body's or group's name places it ("Association of Koreans in Kazakhstan",
  // "ethnic Koreans in China"). Embassies and consulates are left out: their demonym
  // names the sending state and their place the host. Evidence: the sentence of the
  // entity's first mention. Only places that are entities of the document count.
  void name_relations(State& st) const {
    const Doc& doc = st.doc;
    for (std::size_t ei = 0; ei < doc.entities.size(); ++ei) {
      if (doc.entities[ei].mentions.empty()) continue;
      const EntityKey key = doc.entities[ei].key;
      if (key.cls != Class::Group && !ontology::is_a(key.cls, Class::Organization) &&
          !ontology::is_a(key.cls, Class::Place) && key.cls != Class::Event)
        continue;
      const std::uint32_t si = doc.tokens[doc.mentions[doc.entities[ei].mentions.front()].first_token].sentence;
      // Every name of the entity ("Council of People's Commissars" is also "… of the
      // Soviet Union"), the label first.
      std::vector<std::string> names{doc.entities[ei].label};
      names.insert(names.end(), doc.entities[ei].alt_labels.begin(), doc.entities[ei].alt_labels.end());
      for (const std::string& name : names) name_relations(st, key, si, name);
    }
  }

  // The relations one name of `key` states (see above); `si` the evidence sentence.
  void name_relations(State& st, const EntityKey& key, std::uint32_t si, const std::string& name) const {
    {
      const Doc& doc = st.doc;
      static const std::set<std::string, std::less<>> kForeignSeat{"embassy", "embassies", "consulate",
                                                                   "consulate-general", "legation", "mission"};
      const bool group = key.cls == Class::Group;
      const bool body = ontology::is_a(key.cls, Class::Organization);
      std::vector<std::string> words;
      const std::string name_key = text::lookup_key(name);
      for (auto w : text::split(name_key, ' '))
        if (!w.empty()) words.emplace_back(w);
      if (words.size() < 2) return;
      const bool foreign_seat = std::any_of(words.begin(), words.end(), [&](const std::string& w) { return kForeignSeat.count(w); });
      // Leading demonym (two words first: "north korean").
      std::optional<Demonym> dem;
      std::size_t dem_words = 0;
      for (std::size_t k : {std::size_t{2}, std::size_t{1}}) {
        if (dem || words.size() <= k) continue;
        std::string lead = words[0];
        for (std::size_t j = 1; j < k; ++j) lead += " " + words[j];
        if (auto d = m_r.demonym_by_adjective.find(lead); d != m_r.demonym_by_adjective.end()) {
          dem = d->second;
          dem_words = k;
        }
      }
      if (dem) {
        const std::string& head = words.back();
        std::optional<Property> p;
        if (group && m_r.cues.migrant_head.count(head)) p = Property::migratedFrom;
        else if (group && dem_words + 1 == words.size() && m_r.demonym_by_plural.count(head)) p = Property::residesIn;
        else if (body && !foreign_seat) p = Property::basedIn;
        if (p)
          if (auto place = known_place(doc, dem->country)) emit(st, si, key, *p, *place, "relations:name-demonym", 0.6);
      }
      const bool place = ontology::is_a(key.cls, Class::Place);
      // A state body named with its country's name: "Japan Coast Guard", "US State
      // Department" (bodies named after the country they are about, like "North Korea
      // Freedom Coalition", are no state bodies).
      // "the 1926 Soviet Census", "the Kazakh famine": events a people has at home happen
      // in the demonym's country (not an occupation or invasion, which happen elsewhere).
      if (key.cls == Class::Event) {
        static const std::set<std::string> at_home{"census", "famine", "election", "elections", "revolution",
                                                   "uprising", "referendum", "collectivization", "collectivisation"};
        bool home = false;
        for (const auto& w : words) home = home || at_home.count(w) > 0;
        for (std::size_t k = 0; home && k + 1 < words.size() && k <= 2; ++k)
          if (auto d = m_r.demonym_by_adjective.find(words[k]); d != m_r.demonym_by_adjective.end()) {
            if (auto country = known_place(doc, d->second.country))
              emit(st, si, key, Property::location, *country, "relations:name-demonym", 0.6);
            break;
          }
      }
      // "Royal Thai Police": a demonym inside a state body's name before its head.
      if (key.cls == Class::GovernmentBody && !foreign_seat && !dem) {
        bool found = false;
        for (std::size_t n = std::min<std::size_t>(3, words.size() - 1); n >= 1 && !found; --n) {
          std::string lead = words[0];
          for (std::size_t j = 1; j < n; ++j) lead += " " + words[j];
          if (auto country = known_place(doc, lead); country && country->cls == Class::Country) {
            emit(st, si, key, Property::basedIn, *country, "relations:name-country", 0.6);
            found = true;
          }
        }
        for (std::size_t k = 1; k + 1 < words.size() && k <= 2 && !found; ++k)
          if (auto d = m_r.demonym_by_adjective.find(words[k]); d != m_r.demonym_by_adjective.end())
            if (auto country = known_place(doc, d->second.country)) {
              emit(st, si, key, Property::basedIn, *country, "relations:name-demonym", 0.6);
              found = true;
            }
      }
      // Trailing "in <place>" / "of [the] <place>" ("Three Northeastern Provinces of
      // China" lies in China).
      for (std::size_t k = 1; k + 1 < words.size(); ++k) {
        const bool in = words[k] == "in", of = words[k] == "of";
        if (!in && !(of && (body || place) && !foreign_seat)) continue;
        std::size_t b = k + 1;
        if (b < words.size() && words[b] == "the") ++b;
        if (b >= words.size()) break;
        std::string rest = words[b];
        for (std::size_t j = b + 1; j < words.size(); ++j) rest += " " + words[j];  // a lookup key already
        if (auto where = known_place(doc, rest); where && *where != key) {
          emit(st, si, key,
               key.cls == Class::Event ? Property::location
               : group                 ? Property::residesIn
               : place                 ? Property::locatedIn
                                       : Property::basedIn,
               *where, "relations:name-place", 0.6);
          break;
        }
      }
    }
  }

  // Places of the document that part_of.tsv puts inside other places of the document
  // (a province in its country, a city in its country): locatedIn, with the first
  // sentence naming both as evidence, or else the part's first mention. The rule
  // names the row ("part_of.tsv:<line> <source>"), so a reader sees the statement
  // comes from the gazetteer, not from the sentence.
  void part_of(State& st) const {
    const Doc& doc = st.doc;
    // entity → its name keys (wholes are matched on these), and the keys it is looked
    // up by as a part (also without a trailing unit word).
    std::vector<std::pair<std::size_t, std::set<std::string>>> places;
    std::map<std::size_t, std::set<std::string>> lookup;
    for (std::size_t i = 0; i < doc.entities.size(); ++i) {
      const DocEntity& e = doc.entities[i];
      if (!ontology::is_a(e.key.cls, Class::Place) || e.mentions.empty()) continue;
      std::set<std::string> keys;
      for (const std::string& name : names_of(e)) {
        keys.insert(text::lookup_key(name));
        add_name_keys(lookup[i], name);
      }
      places.emplace_back(i, std::move(keys));
    }
    for (const auto& [pi, own_keys] : places) {
      // Names that say where the place lies ("Kazakh SSR" in the Soviet Union).
      for (const auto& [suffix, container, line] : m_r.name_containers)
        for (const auto& k : own_keys)
          if (k.size() > suffix.size() + 1 && k.compare(k.size() - suffix.size(), suffix.size(), suffix) == 0 &&
              k[k.size() - suffix.size() - 1] == ' ')
            if (auto whole = known_place(doc, container); whole && *whole != doc.entities[pi].key) {
              const DocEntity& part = doc.entities[pi];
              const DocEntity* w = nullptr;
              for (const auto& e : doc.entities)
                if (e.key == *whole) w = &e;
              emit(st, w ? shared_sentence(doc, part, *w) : doc.tokens[doc.mentions[part.mentions.front()].first_token].sentence,
                   part.key, Property::locatedIn, *whole, "name_containers.tsv:" + std::to_string(line), 0.7);
            }
      const std::set<std::string>& part_keys = lookup[pi];
      // A name that WordNet gives to places in different wholes ("Paris": France, Texas)
      // is placed only where a sentence names both.
      std::set<std::vector<std::string>> first_wholes;
      for (const auto& k : part_keys)
        if (auto it = m_r.part_of_by_part.find(k); it != m_r.part_of_by_part.end())
          for (auto row : it->second) first_wholes.insert(m_r.part_of[row].whole);
      const bool ambiguous = first_wholes.size() > 1;
      // Rows reached from the part's names, then from the wholes' names (a city in its
      // province in its country), at most three steps; each whole the document names
      // is where the part lies.
      std::set<std::uint32_t> seen_rows;
      std::set<std::string> frontier(part_keys.begin(), part_keys.end());
      (void)own_keys;
      for (int depth = 0; depth < 3 && !frontier.empty(); ++depth) {
        std::set<std::string> next;
        for (const auto& k : frontier) {
          auto it = m_r.part_of_by_part.find(k);
          if (it == m_r.part_of_by_part.end()) continue;
          for (auto row : it->second) {
            if (!seen_rows.insert(row).second) continue;
            const PartOf& po = m_r.part_of[row];
            next.insert(po.whole.begin(), po.whole.end());
            for (const auto& [wi, whole_keys] : places) {
              if (wi == pi) continue;
              if (!std::any_of(po.whole.begin(), po.whole.end(), [&](const std::string& w) { return whole_keys.count(w) > 0; }))
                continue;
              // Places sharing a name ("Khabarovsk", "Khabarovsk Krai") are not inside each other.
              if (std::any_of(whole_keys.begin(), whole_keys.end(), [&](const std::string& w) { return part_keys.count(w) > 0; }))
                continue;
              const DocEntity& part = doc.entities[pi];
              const DocEntity& whole = doc.entities[wi];
              bool together = false;
              const std::uint32_t si = shared_sentence(doc, part, whole, &together);
              if (ambiguous && !together) continue;
              emit(st, si, part.key, Property::locatedIn, whole.key,
                   "part_of.tsv:" + std::to_string(po.line) + " " + po.source, depth == 0 ? 0.7 : 0.6);
            }
          }
        }
        frontier = std::move(next);
      }
    }
  }

  static std::vector<std::string> names_of(const DocEntity& e) {
    std::vector<std::string> out{e.label};
    out.insert(out.end(), e.alt_labels.begin(), e.alt_labels.end());
    return out;
  }

  // The lookup key of a place name, and the key without a trailing unit word
  // ("Hà Tĩnh Province" is also "Hà Tĩnh").
  static void add_name_keys(std::set<std::string>& keys, const std::string& name) {
    static const std::set<std::string> units{"province", "prefecture", "region", "oblast", "krai", "kray",
                                             "district", "county", "city", "municipality"};
    const std::string k = text::lookup_key(name);
    keys.insert(k);
    const std::size_t sp = k.rfind(' ');
    if (sp != std::string::npos && units.count(k.substr(sp + 1))) keys.insert(k.substr(0, sp));
  }

  // The first sentence holding mentions of both entities, else `a`'s first mention's.
  static std::uint32_t shared_sentence(const Doc& doc, const DocEntity& a, const DocEntity& b, bool* together = nullptr) {
    std::set<std::uint32_t> of_b;
    for (auto mi : b.mentions) of_b.insert(doc.tokens[doc.mentions[mi].first_token].sentence);
    std::uint32_t first = std::numeric_limits<std::uint32_t>::max();
    for (auto mi : a.mentions) {
      const std::uint32_t si = doc.tokens[doc.mentions[mi].first_token].sentence;
      if (of_b.count(si)) {
        if (together) *together = true;
        return si;
      }
      first = std::min(first, si);
    }
    return first;
  }

  // "the 1936 Constitution": a year opening a document's name is its year, unless the
  // text dates it more precisely within that year ("the 1964 Protocol" of 9 June 1964).
  void year_in_name(State& st) const {
    const Doc& doc = st.doc;
    for (std::size_t i = 0; i < doc.mentions.size(); ++i) {
      const Mention& m = doc.mentions[i];
      if (m.entity < 0 || m.end_token <= m.first_token + 1 || doc.tokens[m.first_token].shape != Shape::digit) continue;
      const std::string year(token_text(doc, m.first_token));
      if (year.size() != 4 || (year[0] != '1' && year[0] != '2')) continue;
      const EntityKey document = entity_of(doc, static_cast<std::uint32_t>(i)).key;
      if (!ontology::is_a(document.cls, Class::Document)) continue;
      const bool dated = std::any_of(doc.attributes.begin(), doc.attributes.end(), [&](const Attribute& a) {
        return a.subject == document && a.property == DataProperty::date && a.lexical.rfind(year, 0) == 0;
      });
      if (!dated)
        emit_attr(st, doc.tokens[m.first_token].sentence, document, DataProperty::date, year, Datatype::gYear,
                  "relations:year-in-name", 0.7);
    }
  }

  // A body named after another body of the document and more words is its unit
  // ("United Nations Security Council", "UN Human Rights Council" → United Nations).
  void unit_names(State& st) const {
    const Doc& doc = st.doc;
    std::vector<std::pair<std::size_t, std::vector<std::string>>> bodies;  // entity → name keys
    for (std::size_t i = 0; i < doc.entities.size(); ++i) {
      const DocEntity& e = doc.entities[i];
      if (!ontology::is_a(e.key.cls, Class::Organization) || e.mentions.empty()) continue;
      std::vector<std::string> keys;
      for (const auto& n : names_of(e)) keys.push_back(text::lookup_key(n));
      bodies.emplace_back(i, std::move(keys));
    }
    for (const auto& [ai, a_keys] : bodies)
      for (const auto& [bi, b_keys] : bodies) {
        if (ai == bi) continue;
        bool unit = false;
        for (const auto& a : a_keys)
          for (const auto& b : b_keys)
            if (a.size() > b.size() + 1 && a.compare(0, b.size(), b) == 0 && a[b.size()] == ' ' &&
                std::none_of(b_keys.begin(), b_keys.end(), [&](const std::string& x) { return x == a; })) {
              // "… of the People's Republic of China", "… and the …": the same body
              // with its country, or two bodies — not a unit.
              const std::string next = a.substr(b.size() + 1, a.find(' ', b.size() + 1) - b.size() - 1);
              if (next != "of" && next != "in" && next != "and" && next != "for" && next != "at") unit = true;
            }
        if (!unit) continue;
        const DocEntity& A = doc.entities[ai];
        const DocEntity& B = doc.entities[bi];
        emit(st, shared_sentence(doc, A, B), A.key, Property::partOf, B.key, "relations:unit-name", 0.6);
      }
  }

  // Event phrases ("the dissolution of the Soviet Union", "the famine of 1931–33"):
  // the place after "of" is where it happened; years after "of" are its span. And
  // unnamed documents ("a State Defense Committee resolution"): the body in the name
  // issued it.
  void event_phrase_roles(State& st) const {
    const Doc& doc = st.doc;
    for (std::size_t i = 0; i < doc.mentions.size(); ++i) {
      const Mention& ev = doc.mentions[i];
      if (ev.rule == "pattern:unnamed-document" && ev.entity >= 0) {
        // "a State Defense Committee resolution": the body named in it issued it.
        const EntityKey document = entity_of(doc, static_cast<std::uint32_t>(i)).key;
        for (std::size_t j = 0; j < doc.mentions.size(); ++j) {
          const Mention& m = doc.mentions[j];
          if (j == i || m.entity < 0 || m.first_token < ev.first_token || m.end_token > ev.end_token) continue;
          const EntityKey inner = entity_of(doc, static_cast<std::uint32_t>(j)).key;
          if (ontology::is_a(inner.cls, Class::Organization))
            emit(st, doc.tokens[ev.first_token].sentence, document, Property::issuedBy, inner, "relations:unnamed-document", 0.6);
        }
        // "a correspondence sent by the NKVD official Nikolay Yezhov": its author.
        const Sentence& s = doc.sentences[doc.tokens[ev.first_token].sentence];
        const std::uint32_t t = ev.end_token;
        if (t + 2 < s.end_token && token_fold(doc, t + 1) == "by") {
          const std::string v = token_fold(doc, t);
          if (v == "sent" || v == "signed" || v == "written" || v == "issued") {
            std::optional<std::size_t> pick;
            for (std::size_t j = 0; j < doc.mentions.size(); ++j) {
              const Mention& m = doc.mentions[j];
              if (m.entity < 0 || m.first_token <= t + 1 || m.first_token > t + 8 || m.first_token >= s.end_token) continue;
              const Class c = entity_of(doc, static_cast<std::uint32_t>(j)).key.cls;
              if (c == Class::Person) { pick = j; break; }
              if (!pick && ontology::is_a(c, Class::Organization)) pick = j;
            }
            if (pick) {
              const EntityKey who = entity_of(doc, static_cast<std::uint32_t>(*pick)).key;
              const Property p = v == "signed" ? Property::signedBy : who.cls == Class::Person ? Property::author : Property::issuedBy;
              emit(st, doc.tokens[ev.first_token].sentence, document, p, who, "relations:unnamed-document", 0.6);
            }
          }
        }
        continue;
      }
      if (ev.rule != "pattern:event-phrase" || ev.entity < 0) continue;
      const EntityKey event = entity_of(doc, static_cast<std::uint32_t>(i)).key;
      const std::uint32_t si = doc.tokens[ev.first_token].sentence;
      for (std::size_t j = 0; j < doc.mentions.size(); ++j) {
        const Mention& m = doc.mentions[j];
        if (j == i || m.entity < 0 || m.first_token <= ev.first_token || m.end_token > ev.end_token) continue;
        const EntityKey inner = entity_of(doc, static_cast<std::uint32_t>(j)).key;
        if (ontology::is_a(inner.cls, Class::Place) && m.first_token >= 2 &&
            (token_fold(doc, m.first_token - 1) == "of" || token_fold(doc, m.first_token - 2) == "of"))
          emit(st, si, event, Property::location, inner, "relations:event-phrase", 0.6);
      }
      for (const DateMatch& d : find_dates(doc, ev.first_token, ev.end_token)) {
        if (d.range()) {
          emit_attr(st, si, event, DataProperty::startDate, d.start, d.start_type, "relations:event-phrase", 0.6);
          emit_attr(st, si, event, DataProperty::endDate, d.end, d.end_type, "relations:event-phrase", 0.6);
        } else {
          emit_attr(st, si, event, DataProperty::date, d.start, d.start_type, "relations:event-phrase", 0.6);
        }
      }
    }
  }

  // "the Baku-based Center of …": the body right after "<place>-based" is based there.
  void place_based(State& st) const {
    const Doc& doc = st.doc;
    for (std::size_t i = 0; i + 1 < doc.mentions.size(); ++i) {
      const Mention& p = doc.mentions[i];
      if (p.rule != "pattern:place-based" || p.entity < 0) continue;
      for (std::size_t j = i + 1; j < doc.mentions.size() && doc.mentions[j].first_token <= p.end_token; ++j) {
        const Mention& o = doc.mentions[j];
        if (o.first_token != p.end_token || o.entity < 0) continue;
        const EntityKey body = entity_of(doc, static_cast<std::uint32_t>(j)).key;
        if (ontology::is_a(body.cls, Class::Organization))
          emit(st, doc.tokens[p.first_token].sentence, body, Property::basedIn, entity_of(doc, static_cast<std::uint32_t>(i)).key,
               "relations:place-based", 0.75);
      }
    }
  }

  // "the Sino-North Korean border", "the China–North Korea border": a border between
  // two places of the document, named by demonyms, combining forms ("Sino") or names.
  // The border becomes a Region and the two places border each other.
  void border_phrases(State& st, std::uint32_t si) const {
    Doc& doc = st.doc;
    const Sentence& s = doc.sentences[si];
    for (std::uint32_t t = s.first_token + 1; t < s.end_token; ++t) {
      const std::string head = token_fold(doc, t);
      if (head != "border" && head != "frontier" && head != "boundary") continue;
      // "the border between Russia and North Korea".
      if (t + 4 < s.end_token && token_fold(doc, t + 1) == "between") {
        std::optional<EntityKey> a, b;
        std::uint32_t after_a = 0;
        for (const Mention& m : doc.mentions) {
          if (m.entity < 0) continue;
          const EntityKey& k = doc.entities[static_cast<std::size_t>(m.entity)].key;
          if (!ontology::is_a(k.cls, Class::Place)) continue;
          if (!a && (m.first_token == t + 2 || (m.first_token == t + 3 && token_fold(doc, t + 2) == "the"))) {
            a = k;
            after_a = m.end_token;
          } else if (a && !b && after_a < s.end_token && token_fold(doc, after_a) == "and" &&
                     (m.first_token == after_a + 1 || (m.first_token == after_a + 2 && token_fold(doc, after_a + 1) == "the"))) {
            b = k;
          }
        }
        if (a && b && *a != *b) emit(st, si, *a, Property::borders, *b, "relations:border-between", 0.7);
        continue;
      }
      // The capitalised words before it, split at hyphens and dashes.
      std::uint32_t b = t;
      while (b > s.first_token && t - b < 5) {
        const std::string_view w = token_text(doc, b - 1);
        const bool dash = w == "-" || w == "\u2013" || w == "\u2014";
        if (!dash && (!is_cap(doc.tokens[b - 1].shape) || m_r.stopwords.count(token_fold(doc, b - 1)))) break;
        --b;
      }
      if (b == t) continue;
      // Words of the phrase; `after_dash[i]`: word i follows a hyphen or dash, a
      // boundary no name crosses ("Soviet-Korean" is Soviet + Korean, not the people
      // "Soviet Korean").
      std::vector<std::string> parts;
      std::vector<char> after_dash;
      bool dash_before = false;
      for (std::uint32_t k = b; k < t; ++k) {
        const std::string_view w = token_text(doc, k);
        if (w == "-" || w == "\u2013" || w == "\u2014") {
          dash_before = true;
          continue;
        }
        bool first_piece = true;
        for (auto piece : split_dashes(std::string(w))) {
          if (piece.empty()) continue;
          parts.push_back(text::fold(piece));
          after_dash.push_back(dash_before || !first_piece);
          first_piece = false;
          dash_before = false;
        }
      }
      std::vector<EntityKey> places;
      std::size_t i = 0;
      while (i < parts.size() && places.size() < 3) {
        std::optional<EntityKey> found;
        std::size_t used = 0;
        for (std::size_t n = std::min<std::size_t>(3, parts.size() - i); n >= 1 && !found; --n) {
          bool crosses = false;
          for (std::size_t j = 1; j < n; ++j) crosses = crosses || after_dash[i + j];
          if (crosses) continue;
          std::string name = parts[i];
          for (std::size_t j = 1; j < n; ++j) name += " " + parts[i + j];
          if (auto d = m_r.demonym_by_adjective.find(name); d != m_r.demonym_by_adjective.end())
            found = known_place(doc, d->second.country);
          if (!found) found = known_place(doc, name);
          if (found) used = n;
        }
        if (!found) break;
        places.push_back(*found);
        i += used;
      }
      if (i != parts.size() || places.size() != 2 || places[0] == places[1]) continue;
      emit(st, si, places[0], Property::borders, places[1], "relations:border-phrase", 0.7);
      const std::string label = surface(doc, b, t + 1);
      const EntityKey border = ontology::make_key(Class::Region, label);
      add_entity(doc, border, label);
    }
  }


  // "Sino-North" → {"Sino", "North"}; en and em dashes split too.
  static std::vector<std::string> split_dashes(const std::string& w) {
    std::vector<std::string> out(1);
    for (std::size_t i = 0; i < w.size();) {
      if (w[i] == '-') { out.emplace_back(); ++i; continue; }
      if (w.compare(i, 3, "\u2013") == 0 || w.compare(i, 3, "\u2014") == 0) { out.emplace_back(); i += 3; continue; }
      out.back() += w[i++];
    }
    return out;
  }

  // A place entity of the document (one with mentions) named `name`, by label or
  // other name. Places only named inside another name ("University of Manchester")
  // are not added: the relation needs the place as an entity of its own.
  static std::optional<EntityKey> known_place(const Doc& doc, const std::string& name) {
    const std::string key_text = text::lookup_key(name);
    for (const auto& e : doc.entities) {
      if (!ontology::is_a(e.key.cls, Class::Place) || e.mentions.empty()) continue;
      if (text::lookup_key(e.label) == key_text) return e.key;
      for (const auto& alt : e.alt_labels)
        if (text::lookup_key(alt) == key_text) return e.key;
    }
    return std::nullopt;
  }

  static void add_entity(Doc& doc, const EntityKey& key, const std::string& label) {
    for (const auto& e : doc.entities)
      if (e.key == key) return;
    DocEntity e;
    e.key = key;
    e.label = label;
    doc.entities.push_back(std::move(e));
  }

  // Dates next to documents (within the next tokens) and events in the sentence.
  void dates(State& st, std::uint32_t si, const std::vector<std::uint32_t>& ms) const {
    const Doc& doc = st.doc;
    const Sentence& s = doc.sentences[si];

    auto found = find_dates(doc, s.first_token, s.end_token);
    for (const DateMatch& d : found) {
      // Document: the nearest document mention ending at most 8 tokens before.
      std::optional<std::uint32_t> docm, eventm;
      for (auto it = ms.rbegin(); it != ms.rend(); ++it) {
        const Mention& m = doc.mentions[*it];
        if (m.end_token > d.first_token) continue;
        Class c = entity_of(doc, *it).key.cls;
        // A title line owns the date after its comma, whatever it names inside.
        if (m.rule == "pattern:title-line" && m.end_token + 1 == d.first_token) {
          docm = *it;
          break;
        }
        if (ontology::is_a(c, Class::Document) && d.first_token - m.end_token <= 8 && !docm) docm = *it;
      }
      // A document whose name contains the date ("the directive of 3 March 1947"), or
      // was named after it (an unnamed document: "a State Defense Committee resolution"
      // in a sentence of 10 January 1943 is its "… resolution of 10 January 1943").
      if (!docm)
        for (auto mi : ms) {
          const Mention& m = doc.mentions[mi];
          if (!ontology::is_a(entity_of(doc, mi).key.cls, Class::Document)) continue;
          if ((m.first_token < d.first_token && m.end_token >= d.end_token) ||
              (m.rule == "pattern:unnamed-document" && !d.range())) {
            docm = mi;
            break;
          }
        }
      // "…, dated 25 October 1937": the document before it in the sentence.
      if (!docm && d.first_token > s.first_token && token_fold(doc, d.first_token - 1) == "dated")
        for (auto it = ms.rbegin(); it != ms.rend(); ++it)
          if (doc.mentions[*it].end_token <= d.first_token && ontology::is_a(entity_of(doc, *it).key.cls, Class::Document)) {
            docm = *it;
            break;
          }
      // "On 21 August 1937, the Council adopted the decree …": a sentence-initial date
      // dates the document the sentence adopts, signs or issues.
      // ("Finally, on 3 March 1947, …": a few words may open the sentence before it.)
      const bool opening = d.first_token <= s.first_token + 4 &&
                           std::none_of(ms.begin(), ms.end(), [&](std::uint32_t mi) { return doc.mentions[mi].first_token < d.first_token; });
      if (!docm && opening) {
        static const std::set<std::string> verbs{"adopted", "signed", "issued", "passed", "approved",
                                                 "published", "promulgated", "concluded", "ratified"};
        bool verb = false;
        for (auto t = d.end_token; t < s.end_token && !verb; ++t) verb = verbs.count(token_fold(doc, t)) > 0;
        if (verb)
          for (auto mi : ms)
            if (doc.mentions[mi].first_token >= d.end_token && ontology::is_a(entity_of(doc, mi).key.cls, Class::Document)) {
              docm = mi;
              break;
            }
      }
      // Title lines and appositions: "Report from X on Y, 10 May 1961" — the first
      // document of the sentence when the date follows a comma.
      if (!docm && d.first_token > s.first_token && token_text(doc, d.first_token - 1) == ",") {
        for (auto mi : ms) {
          if (doc.mentions[mi].end_token > d.first_token) break;
          if (ontology::is_a(entity_of(doc, mi).key.cls, Class::Document)) {
            docm = mi;
            break;
          }
        }
      }
      for (auto mi : ms) {
        Class c = entity_of(doc, mi).key.cls;
        if (c == Class::Event) {
          eventm = mi;
          break;
        }
      }
      if (docm && !d.range()) {
        emit_attr(st, si, entity_of(doc, *docm).key, DataProperty::date, d.start, d.start_type, "relations:date-after-document", 0.75);
      } else if (eventm) {
        const EntityKey& ek = entity_of(doc, *eventm).key;
        if (d.range()) {
          emit_attr(st, si, ek, DataProperty::startDate, d.start, d.start_type, "relations:date-range", 0.65);
          emit_attr(st, si, ek, DataProperty::endDate, d.end, d.end_type, "relations:date-range", 0.65);
        } else {
          emit_attr(st, si, ek, DataProperty::date, d.start, d.start_type, "relations:event-date", 0.5);
        }
      }
    }
  }

  // The article's subject: the entity of an infobox "Title" line, else the first event,
  // document or agent named in the first sentences.
  std::optional<EntityKey> article_subject(const Doc& doc, const std::vector<std::vector<std::uint32_t>>& by_sentence) const {
    for (std::uint32_t si = 0; si < doc.sentences.size(); ++si) {
      const Sentence& s = doc.sentences[si];
      if (!doc.blocks[s.block].key_value || by_sentence[si].empty()) continue;
      std::uint32_t t = s.first_token;
      if (t < s.end_token && token_text(doc, t) == "-") ++t;
      if (t < s.end_token && token_fold(doc, t) == "title") return entity_of(doc, by_sentence[si].front()).key;
    }
    for (std::uint32_t si = 0; si < doc.sentences.size() && si <= 3; ++si) {
      if (doc.blocks[doc.sentences[si].block].chrome) continue;
      for (auto mi : by_sentence[si]) {
        Class c = entity_of(doc, mi).key.cls;
        if (c == Class::Event || ontology::is_a(c, Class::Document) || ontology::is_a(c, Class::Agent))
          return entity_of(doc, mi).key;
      }
    }
    return std::nullopt;
  }

  // Event frames: a trigger word ("deported") describes an event whose roles are
  // filled by the entities after the frame's markers ("on the orders of X", "from Y").
  void frames(State& st, std::uint32_t si, const std::vector<std::uint32_t>& ms, const std::vector<char>& in_mention,
              const std::optional<EntityKey>& main_event) const {
    const Doc& doc = st.doc;
    const Sentence& s = doc.sentences[si];
    for (const Frame& fr : m_r.frames) {
      std::optional<std::uint32_t> trig;
      for (auto t = s.first_token; t < s.end_token && !trig; ++t)
        if (!in_mention[t - s.first_token] && fr.triggers.count(token_fold(doc, t))) trig = t;
      if (!trig) continue;
      // The event: one named in the sentence, else the article's subject.
      std::optional<EntityKey> event;
      for (auto mi : ms)
        if (entity_of(doc, mi).key.cls == Class::Event) {
          event = entity_of(doc, mi).key;
          break;
        }
      // The article's own event only for the frame's strong words ("deported"), not
      // for everyday ones ("moved", "sent") that describe other journeys as well.
      if (!event && main_event) {
        static const std::set<std::string> weak{"moved", "sent", "removed", "transfer"};
        // A sentence dated in another year tells of another movement.
        std::set<std::string> event_years, sentence_years;
        for (const auto& a : doc.attributes)
          if (a.subject == *main_event && (a.property == DataProperty::date || a.property == DataProperty::startDate ||
                                           a.property == DataProperty::endDate))
            event_years.insert(a.lexical.substr(0, 4));
        for (const auto& d : find_dates(doc, s.first_token, s.end_token)) sentence_years.insert(d.start.substr(0, 4));
        bool other_year = !event_years.empty() && !sentence_years.empty() &&
                          std::none_of(sentence_years.begin(), sentence_years.end(),
                                       [&](const std::string& y) { return event_years.count(y) > 0; });
        // A weak word with a count before it ("37,321 people were sent to …") tells of
        // the event's numbers.
        bool counted = false;
        for (std::uint32_t k = *trig; k > s.first_token && *trig - k < 4 && !counted; --k)
          counted = doc.tokens[k - 1].shape == Shape::digit && token_text(doc, k - 1).size() >= 3;
        if ((!weak.count(token_fold(doc, *trig)) || counted) && !other_year) event = main_event;
      }
      if (!event) continue;
      std::string rule = "frames.tsv:" + fr.name;
      for (const FrameRole& role : fr.roles) {
        if (role.kind == "before") {
          for (auto it = ms.rbegin(); it != ms.rend(); ++it) {
            const Mention& m = doc.mentions[*it];
            if (m.end_token > *trig || *trig - m.end_token > 12) continue;
            if (qualifies(entity_of(doc, *it).key.cls, role.classes)) {
              emit(st, si, *event, role.property, entity_of(doc, *it).key, rule, 0.6);
              break;
            }
          }
          continue;
        }
        for (const auto& marker : role.markers) {
          const std::uint32_t n = static_cast<std::uint32_t>(marker.size());
          // Markers close to the trigger only: far ones belong to other clauses.
          const bool place_role = std::any_of(role.classes.begin(), role.classes.end(),
                                              [](Class c) { return ontology::is_a(c, Class::Place); });
          const std::uint32_t reach = place_role ? kFrameReach : 2 * kFrameReach;
          // Beyond the reach, a marker right after a group still belongs to the event
          // ("… expanded their search to encompass Koreans from Vladivostok, …").
          auto after_group = [&](std::uint32_t t) {
            for (auto mi : ms)
              if (doc.mentions[mi].end_token == t && entity_of(doc, mi).key.cls == Class::Group) return true;
            return false;
          };
          for (auto t = *trig + 1; t + n <= s.end_token && (t <= *trig + reach || place_role); ++t) {
            if (t > *trig + reach && !after_group(t)) continue;
            bool match = true;
            for (std::uint32_t k = 0; k < n && match; ++k)
              match = !in_mention[t + k - s.first_token] && token_fold(doc, t + k) == marker[k];
            if (!match) continue;
            // The names right after the marker, joined by "and" / ","; a few lower-case
            // words may stand between ("to unpopulated areas of the Kazakh SSR"), and
            // titles before a person ("and Chairman of the Council … Molotov").
            std::uint32_t at = t + n;
            bool first_item = true;
            while (at < s.end_token) {
              std::optional<std::uint32_t> hit;
              for (auto mi : ms) {
                const Mention& m = doc.mentions[mi];
                if (m.first_token < at) continue;
                if (m.first_token > at + (first_item ? 5u : 8u)) break;
                if (qualifies(entity_of(doc, mi).key.cls, role.classes)) {
                  // Nothing that could be another name may stand in between.
                  // Lower-case words only of a noun phrase: "to return to the Far East"
                  // and "to forced settlements in the Soviet Union" lead elsewhere.
                  bool clear = true;
                  for (auto g = at; g < m.first_token && clear; ++g)
                    clear = (doc.tokens[g].shape == Shape::lower && noun_phrase_filler(doc, g)) ||
                            m_r.cues.title.count(token_fold(doc, g)) || m_r.demonym_by_adjective.count(token_fold(doc, g));
                  if (clear) hit = mi;
                  break;
                }
              }
              std::uint32_t end = at;
              // "and Chairman of the Council … of the Soviet Union Vyacheslav Molotov":
              // after a title, the bodies in the office phrase lead on to the person.
              if (hit && qualifies(Class::Person, role.classes) && entity_of(doc, *hit).key.cls != Class::Person) {
                bool titled = false;
                for (auto g = at; g < doc.mentions[*hit].first_token && !titled; ++g)
                  titled = m_r.cues.title.count(token_fold(doc, g)) > 0;
                if (titled) {
                  std::uint32_t reach = doc.mentions[*hit].end_token;
                  for (auto mi : ms) {
                    const Mention& m = doc.mentions[mi];
                    if (m.first_token < reach) continue;
                    if (m.first_token > reach + 3) break;
                    if (entity_of(doc, mi).key.cls == Class::Person) {
                      hit = mi;
                      break;
                    }
                    reach = m.end_token;
                  }
                }
              }
              if (hit) {
                emit(st, si, *event, role.property, entity_of(doc, *hit).key, rule, 0.65);
                end = doc.mentions[*hit].end_token;
              } else if (qualifies(Class::Settlement, role.classes) && is_place_name(doc, at, s.end_token)) {
                // An unknown capitalised name in a list of places ("from Spassk, Posyet …").
                std::uint32_t e = at;
                while (e < s.end_token && e - at < 3 && doc.tokens[e].shape == Shape::title) ++e;
                std::string label = surface(doc, at, e);
                EntityKey key = ontology::make_key(Class::Settlement, label);
                add_entity(st.doc, key, label);
                emit(st, si, *event, role.property, key, rule + ":unknown-place", 0.5);
                end = e;
              } else {
                break;
              }
              at = end;
              first_item = false;
              // "…; 9,147 to the Samarkand region; 8,214 to …": the marker again after a count.
              if (at + 2 < s.end_token && token_text(doc, at) == ";" && doc.tokens[at + 1].shape == Shape::digit &&
                  at + 1 + n < s.end_token) {
                bool again = true;
                for (std::uint32_t k = 0; k < n && again; ++k) again = token_fold(doc, at + 2 + k) == marker[k];
                if (again) {
                  at += 2 + n;
                  if (at < s.end_token && token_fold(doc, at) == "the") ++at;
                  continue;
                }
              }
              if (at < s.end_token && (token_fold(doc, at) == "and" || token_text(doc, at) == ",")) ++at;
              else break;
              if (at < s.end_token && token_fold(doc, at) == "the") ++at;
            }
          }
        }
      }
    }
  }

  // Encyclopedia sections "By destination" list the places a group (the article's
  // subject) went to, one heading per place: each such heading gives migratedTo.
  void destination_sections(State& st, const std::vector<std::vector<std::uint32_t>>& by_sentence) const {
    Doc& doc = st.doc;
    if (!doc.subject || !(doc.subject->cls == Class::Group || doc.subject->cls == Class::Person)) return;
    bool in_section = false;
    for (std::uint32_t si = 0; si < doc.sentences.size(); ++si) {
      const Sentence& s = doc.sentences[si];
      const Block& blk = doc.blocks[s.block];
      if (!blk.heading || blk.chrome || s.span.begin != blk.span.begin) continue;
      std::string h = text::fold(doc.view(blk.span));
      const auto& ms = by_sentence[si];
      // A heading that is one place name, inside the section.
      bool place_heading = ms.size() == 1 && doc.mentions[ms[0]].span.begin == blk.span.begin &&
                           doc.mentions[ms[0]].span.end == blk.span.end &&
                           ontology::is_a(entity_of(doc, ms[0]).key.cls, Class::Place);
      if (place_heading) {
        if (in_section)
          emit(st, si, *doc.subject, Property::migratedTo, entity_of(doc, ms[0]).key, "relations:destination-section", 0.6);
        continue;
      }
      // Plain-text articles lose heading levels, so the section runs to the end.
      if (h.find("destination") != std::string::npos) in_section = true;
    }
  }

  // Infobox lines describe the subject named by the "Title" line or the first heading.
  void infobox(State& st, const std::vector<std::vector<std::uint32_t>>& by_sentence) const {
    Doc& doc = st.doc;
    std::optional<std::uint32_t> subject;  // mention index
    for (std::uint32_t si = 0; si < doc.sentences.size() && !subject; ++si) {
      if (doc.blocks[doc.sentences[si].block].chrome) continue;
      for (auto mi : by_sentence[si]) {
        Class c = entity_of(doc, mi).key.cls;
        if (c == Class::Event || ontology::is_a(c, Class::Document) || ontology::is_a(c, Class::Agent)) {
          subject = mi;
          break;
        }
      }
      if (si > 3) break;
    }
    for (std::uint32_t si = 0; si < doc.sentences.size(); ++si) {
      const Sentence& s = doc.sentences[si];
      auto kv = key_value(doc, s);  // "- Key: Value"
      if (!kv) continue;
      const std::uint32_t colon = kv->colon;
      const std::string& key = kv->key;
      if (key == "title" && !by_sentence[si].empty()) {
        subject = by_sentence[si].front();
        continue;
      }
      auto it = m_r.infobox.find(key);
      if (it == m_r.infobox.end() || !subject) continue;
      const EntityKey& sk = entity_of(doc, *subject).key;
      const InfoboxKey& ik = it->second;
      std::string rule = "infobox:" + key;
      if (ik.kind == "date") {
        auto ds = find_dates(doc, colon + 1, s.end_token);
        if (ds.empty()) continue;
        if (ds[0].range() && sk.cls == Class::Event) {
          emit_attr(st, si, sk, DataProperty::startDate, ds[0].start, ds[0].start_type, rule, 0.85);
          emit_attr(st, si, sk, DataProperty::endDate, ds[0].end, ds[0].end_type, rule, 0.85);
        } else if (!ds[0].range()) {
          emit_attr(st, si, sk, DataProperty::date, ds[0].start, ds[0].start_type, rule, 0.85);
        }
        // A range also gives the coarser date shared by both ends ("September–October 1937" → 1937).
        if (ds[0].range() && ds[0].start.substr(0, 4) == ds[0].end.substr(0, 4))
          emit_attr(st, si, sk, DataProperty::date, ds[0].start.substr(0, 4), Datatype::gYear, rule, 0.8);
        continue;
      }
      auto prop = ontology::property_from_name(ik.property);
      if (!prop) continue;
      for (auto mi : by_sentence[si]) {
        const Mention& m = doc.mentions[mi];
        if (m.first_token <= colon) continue;
        const EntityKey& vk = entity_of(doc, mi).key;
        if (!qualifies(vk.cls, ik.classes)) continue;
        if (ik.kind == "inverse") emit(st, si, vk, *prop, sk, rule, 0.85);
        else emit(st, si, sk, *prop, vk, rule, 0.85);
      }
    }
  }

  // Numbered instruments carry their number as identifier.
  void identifiers(State& st) const {
    Doc& doc = st.doc;
    for (const Mention& m : doc.mentions) {
      if (m.entity < 0) continue;
      for (const auto& a : m.aliases) {
        if (a.rfind("id:", 0) != 0) continue;
        const EntityKey& k = doc.entities[static_cast<std::size_t>(m.entity)].key;
        std::uint32_t si = doc.tokens[m.first_token].sentence;
        emit_attr(st, si, k, DataProperty::identifier, a.substr(3), Datatype::string, "relations:identifier", 0.85);
      }
    }
  }

  const Resources& m_r;
};

// ------------------------------------------------------------------ statistics

bool plain_number(std::string_view t) {
  bool digit = false;
  for (char c : t) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c != ',' && c != '.') return false;
  }
  return digit;
}

std::string number_value(std::string_view t, double multiplier) {
  std::string digits;
  for (char c : t)
    if (c != ',') digits += c;
  if (multiplier == 1.0) {
    // Canonical decimal: no leading zeros beyond one, no trailing dot.
    if (digits.find('.') != std::string::npos) {
      while (!digits.empty() && digits.back() == '0') digits.pop_back();
      if (!digits.empty() && digits.back() == '.') digits.pop_back();
    }
    std::size_t nz = 0;
    while (nz + 1 < digits.size() && digits[nz] == '0' && digits[nz + 1] != '.') ++nz;
    return digits.substr(nz);
  }
  double v = std::stod(digits) * multiplier;
  std::ostringstream os;
  os.precision(15);
  os << std::fixed << v;
  std::string s = os.str();
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

class Statistics final : public Component {
 public:
  explicit Statistics(const Resources& r) : m_r(r) {}
  std::string name() const override { return "kg.statistics.v1"; }
  std::vector<std::string> requires_() const override { return {"doc.entities"}; }
  std::vector<std::string> assigns() const override { return {"doc.entities", "doc.relations", "doc.attributes"}; }

  Result<void> process(Doc& doc, const Diagnostics&) const override {
    std::vector<char> in_mention(doc.tokens.size(), 0);
    for (const auto& m : doc.mentions)
      for (auto t = m.first_token; t < m.end_token; ++t) in_mention[t] = 1;
    auto by_sentence = mentions_by_sentence(doc);
    std::vector<std::string> header_years;  // last table header seen
    for (std::uint32_t si = 0; si < doc.sentences.size(); ++si) {
      const Sentence& s = doc.sentences[si];
      auto ds = find_dates(doc, s.first_token, s.end_token);
      std::vector<char> in_date(s.end_token - s.first_token, 0);
      for (const auto& d : ds)
        for (auto t = d.first_token; t < d.end_token; ++t) in_date[t - s.first_token] = 1;
      // Table rows: several numbers, few words.
      std::size_t nums = 0, words = 0;
      std::vector<std::string> years;
      for (auto t = s.first_token; t < s.end_token; ++t) {
        std::string_view tx = token_text(doc, t);
        if (plain_number(tx)) ++nums;
        else if (doc.tokens[t].shape != Shape::punct) ++words;
        if (tx.size() == 4 && plain_number(tx) && (tx[0] == '1' || tx[0] == '2')) years.emplace_back(tx);
      }
      bool table_row = nums >= 5 && nums > words;
      if (table_row && years.size() + 2 >= nums) {
        header_years = years;  // a header row of years
        continue;
      }
      std::size_t column = 0;
      std::string row_label;
      for (auto t = s.first_token; t < s.end_token; ++t) {
        std::string_view tx = token_text(doc, t);
        if (table_row && !plain_number(tx) && doc.tokens[t].shape != Shape::punct && column == 0)
          row_label += (row_label.empty() ? "" : " ") + std::string(tx);
        if (!plain_number(tx)) continue;
        if (!table_row && (in_date[t - s.first_token] || in_mention[t])) continue;
        // Not an identifier or a reference: "No. 3", "Article 5", "page 12", "#11".
        if (t > s.first_token) {
          std::string prev = token_fold(doc, t - 1);
          if (prev == "no" || prev == "." || prev == "#" || prev == "article" || prev == "page" ||
              prev == "p" || prev == "pp" || prev == "resolution" || prev == "decree" || prev == "-")
            continue;
        }
        if (t + 1 < s.end_token && (token_text(doc, t + 1) == "-" ) &&
            doc.tokens[t + 1].span.begin == doc.tokens[t].span.end)
          continue;  // "1428-326cc", "11-mile" (a measure word follows)
        std::string date;
        if (table_row && column < header_years.size()) date = header_years[column];
        ++column;
        add_statistic(doc, si, t, by_sentence[si], ds, table_row ? row_label : std::string(), date);
      }
    }
    return {};
  }

 private:
  void add_statistic(Doc& doc, std::uint32_t si, std::uint32_t t, const std::vector<std::uint32_t>& ms,
                     const std::vector<DateMatch>& ds, const std::string& row_label, std::string date) const {
    const Sentence& s = doc.sentences[si];
    double mult = 1.0;
    std::uint32_t k = t + 1;
    std::string unit;
    if (k < s.end_token) {
      std::string f = token_fold(doc, k);
      if (f == "million") { mult = 1e6; ++k; }
      else if (f == "billion") { mult = 1e9; ++k; }
      else if (f == "thousand") { mult = 1e3; ++k; }
    }
    if (k < s.end_token && (token_text(doc, k) == "%" || token_fold(doc, k) == "percent" || token_fold(doc, k) == "per")) {
      unit = "percent";
    }
    std::string value;
    try {
      value = number_value(token_text(doc, t), mult);
    } catch (...) {
      return;
    }
    // Measure: the words after the number up to punctuation (at most 6).
    std::uint32_t me = k;
    while (me < s.end_token && me - k < 6) {
      Shape sh = doc.tokens[me].shape;
      std::string_view tx = token_text(doc, me);
      if (sh == Shape::punct && tx != "%" && tx != "-") break;
      if (sh == Shape::digit) break;
      ++me;
    }
    if (unit.empty() && me > k) {
      // The first noun-like word: skip function words and adjectives we know.
      for (auto u = k; u < me; ++u) {
        std::string f = token_fold(doc, u);
        if (m_r.stopwords.count(f)) continue;
        if (m_r.demonym_by_adjective.count(f) && !m_r.demonym_by_plural.count(f)) continue;
        unit = f;
        break;
      }
    }
    if (unit == "people" || unit == "person" || unit == "individuals") unit = "persons";
    std::string measure = row_label.empty() ? (me > k ? surface(doc, k, me) : std::string()) : row_label;
    Span span{doc.tokens[t].span.begin, doc.tokens[(me > t + 1 ? me : t + 1) - 1].span.end};
    EntityKey key{Class::Statistic,
                  ontology::normalise_name(doc.source.file_name) + "-" + std::to_string(doc.cp_of_byte[span.begin])};
    DocEntity e;
    e.key = key;
    e.label = text::squash_space(doc.view(span));
    doc.entities.push_back(e);
    Evidence ev = doc.evidence(s.span, "kg.statistics.v1", 0.7);
    doc.attributes.push_back(Attribute{key, DataProperty::value, value, Datatype::decimal, ev});
    if (!unit.empty()) doc.attributes.push_back(Attribute{key, DataProperty::unit, unit, Datatype::string, ev});
    if (!measure.empty()) doc.attributes.push_back(Attribute{key, DataProperty::measure, measure, Datatype::string, ev});
    // Date: table column, else the nearest date in the sentence.
    if (date.empty() && !ds.empty()) {
      const DateMatch* best = &ds[0];
      for (const auto& d : ds)
        if (std::abs(static_cast<long>(d.first_token) - static_cast<long>(t)) <
            std::abs(static_cast<long>(best->first_token) - static_cast<long>(t)))
          best = &d;
      if (!best->range()) {
        doc.attributes.push_back(Attribute{key, DataProperty::date, best->start, best->start_type, ev});
      }
    } else if (!date.empty()) {
      doc.attributes.push_back(Attribute{key, DataProperty::date, date, Datatype::gYear, ev});
    }
    // About: an event in the sentence, else a group. A count (census, survey, poll) is
    // how the number was taken, not what it is about: "The 1926 Soviet Census
    // enumerated 169,000 Koreans" is about the Koreans.
    static const std::set<std::string> counts{"census", "survey", "poll", "count", "enumeration", "registration"};
    auto counting = [&](const DocEntity& e) {
      if (e.key.cls != Class::Event) return false;
      const std::string name = text::lookup_key(e.label);
      for (auto w : text::split(name, ' '))
        if (counts.count(std::string(w))) return true;
      return false;
    };
    std::optional<std::uint32_t> about;
    for (Class want : {Class::Event, Class::Group}) {
      for (auto mi : ms) {
        const DocEntity& e = doc.entities[static_cast<std::size_t>(doc.mentions[mi].entity)];
        if (e.key.cls == want && !counting(e)) {
          about = mi;
          break;
        }
      }
      if (about) break;
    }
    // A number in a sentence about the article's event ("171,781 persons were
    // deported") is about that event.
    bool event_in_sentence = about && doc.entities[static_cast<std::size_t>(doc.mentions[*about].entity)].key.cls == Class::Event;
    if (!event_in_sentence && doc.subject && doc.subject->cls == Class::Event) {
      bool trigger = false;
      for (auto t = s.first_token; t < s.end_token && !trigger; ++t)
        for (const Frame& fr : m_r.frames) trigger = trigger || fr.triggers.count(token_fold(doc, t));
      if (trigger) {
        doc.relations.push_back(Relation{key, Property::about, *doc.subject, ev});
        return;
      }
    }
    if (about)
      doc.relations.push_back(Relation{key, Property::about,
                                       doc.entities[static_cast<std::size_t>(doc.mentions[*about].entity)].key, ev});
  }

  const Resources& m_r;
};

}  // namespace

std::unique_ptr<Component> make_relations(const Resources& r) { return std::make_unique<Relations>(r); }
std::unique_ptr<Component> make_statistics(const Resources& r) { return std::make_unique<Statistics>(r); }

}  // namespace kg::extract
