// Data the components share, loaded once from the data folder: lexicons
// (lexicon/*.tsv), cue words (cues.tsv), demonyms (demonyms.tsv), stop words
// (stopwords.txt). Immutable after loading.
#pragma once

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/extract.hpp"

namespace kg::extract {

/// One lexicon line: an entity with its names.
struct LexEntry {
  Class cls = Class::Agent;
  std::string label;
  std::vector<std::string> aliases;
  std::string source;  ///< file tag (iso3166-1, wordnet-3.0, curated, …)
  int priority = 0;    ///< curated > iso > wordnet, used when one name has several entries
};

/// Cue words that type a capitalised name (cues.tsv).
struct Cues {
  std::unordered_map<std::string, Class> head;    ///< folded last word → class
  std::unordered_map<std::string, Class> prefix;  ///< folded first word → class
  std::unordered_set<std::string> title;          ///< folded person titles/roles
  std::vector<std::vector<std::string>> multiword_titles;  ///< folded tokens, e.g. prime minister
  std::unordered_set<std::string> group_head;     ///< refugees, defectors, settlers, …
  std::unordered_set<std::string> migrant_head;   ///< group heads of people who left: defectors, …
  std::unordered_set<std::string> not_name;       ///< capitalised non-names (months, However…)
};

struct Demonym {
  std::string adjective;  ///< Korean
  std::string plural;     ///< Koreans
  std::string country;    ///< Korea
};

/// One trigger rule of relations.tsv.
struct RelationRule {
  Property property;
  bool subject_first = true;                  ///< STO (true) or OTS
  std::vector<Class> subject_classes;
  std::vector<std::vector<std::string>> triggers;  ///< folded token sequences
  std::vector<Class> object_classes;
  double confidence = 0.5;
  std::uint32_t window = 8;                   ///< max tokens between trigger and mention
  std::size_t line = 0;                       ///< line in relations.tsv (rule id)
};

/// One role of an event frame (frames.tsv).
struct FrameRole {
  std::string kind;                              ///< after | before
  std::vector<std::vector<std::string>> markers; ///< folded token sequences ("after")
  Property property;
  std::vector<Class> classes;
};
struct Frame {
  std::string name;
  std::set<std::string> triggers;  ///< folded single words
  std::vector<FrameRole> roles;
};

/// One infobox key of infobox.tsv.
struct InfoboxKey {
  std::string property;        ///< object or datatype property local name
  std::string kind;            ///< object | inverse | date | literal
  std::vector<Class> classes;  ///< acceptable classes of the value's entities
};

/// One row of part_of.tsv: a place (any of `part`) lies inside another (any of
/// `whole`). Names are lookup keys.
struct PartOf {
  std::vector<std::string> whole;
  std::string source;  ///< iso3166-2 | wordnet-3.0
  std::size_t line = 0;
};

struct Resources {
  std::vector<LexEntry> entries;
  /// lookup_key(name) → entry indices, best priority first.
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_name;
  std::size_t max_name_tokens = 1;
  /// Keys of names the lexicon writes in lower case ("collectivization"): they match
  /// lower-case text too.
  std::unordered_set<std::string> lowercase_names;
  Cues cues;
  std::unordered_map<std::string, Demonym> demonym_by_adjective;  ///< folded adjective
  std::unordered_map<std::string, Demonym> demonym_by_plural;     ///< folded plural
  std::unordered_set<std::string> stopwords;                      ///< folded
  std::unordered_set<std::string> korean_surnames;                ///< folded
  std::unordered_set<std::string> chinese_surnames;               ///< folded
  std::vector<std::string> surname_suffixes;                      ///< folded ("ov", "enko")
  std::vector<RelationRule> relation_rules;
  std::unordered_map<std::string, InfoboxKey> infobox;            ///< folded key
  std::vector<Frame> frames;
  std::vector<PartOf> part_of;                                    ///< part_of.tsv rows
  /// name_containers.tsv: (suffix lookup key, container label, line).
  std::vector<std::tuple<std::string, std::string, std::size_t>> name_containers;
  std::unordered_map<std::string, std::vector<std::uint32_t>> part_of_by_part;  ///< part key → rows

  /// Loads every file from `data_dir`. Errors name the file and line.
  static Result<Resources> load(const std::string& data_dir);
  /// Adds one entry (used by load and by tests that build resources by hand).
  void add_entry(LexEntry entry);
};

}  // namespace kg::extract
