// kg::extract — text to entities and relations, one document at a time.
//
// Call order: `Extractor::create(options)` loads the lexicons and builds the pipeline
// of named components (normaliser, chrome filter, sentence splitter, tokenizer,
// mention detectors, resolver, relation extractors) from its JSON config; then
// `read_source(path)` and `extractor.run(source, diagnostics)` per file. A run depends
// only on that document and the lexicons, never on other documents, so results of
// separate runs merge by union of entity keys.
#pragma once

#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "ontology/ontology.hpp"

namespace kg::extract {

using ontology::Class;
using ontology::DataProperty;
using ontology::Datatype;
using ontology::EntityKey;
using ontology::Property;

/// One input file as read: its path and raw bytes.
struct SourceText {
  std::string path;   ///< as given by the user
  std::string bytes;  ///< raw file content
};

/// Reads `path` whole. Errors: Errc::io naming the path (missing, unreadable, a
/// directory).
Result<SourceText> read_source(const std::string& path);

/// What the graph records about an input file (the SourceDocument node).
struct SourceInfo {
  std::string file_name;  ///< name without directories
  std::string sha256;     ///< hex digest of the bytes
  std::size_t byte_size = 0;
  auto operator<=>(const SourceInfo&) const = default;
  bool operator==(const SourceInfo&) const = default;
};
/// File name (without directories), SHA-256 and size of `source`.
SourceInfo describe_source(const SourceText& source);
/// Lower-case hex SHA-256 of `bytes` (OpenSSL).
std::string sha256_hex(std::string_view bytes);
/// The SourceDocument's entity key (class SourceDocument, name "<file-name>-<sha8>").
EntityKey source_key(const SourceInfo& info);

/// Where a statement was found: the exact original text and its code-point offsets
/// in the file as read (UTF-8 decoded, before normalisation), end exclusive.
struct Evidence {
  std::string file_name;
  std::size_t char_start = 0;
  std::size_t char_end = 0;
  std::string text;       ///< == decoded file text [char_start, char_end)
  std::string rule;       ///< component/rule id that produced the statement
  double confidence = 0;  ///< in [0, 1]
  auto operator<=>(const Evidence&) const = default;
  bool operator==(const Evidence&) const = default;
};

/// An entity found in the document.
struct EntityRecord {
  EntityKey key;
  std::string label;                  ///< preferred name
  std::set<std::string> alt_labels;   ///< every other name used for it in the document
};

/// Entity–entity statement.
struct Relation {
  EntityKey subject;
  Property property;
  EntityKey object;
  Evidence evidence;
};

/// Entity–literal statement (dates, values, units, identifiers, positions…).
struct Attribute {
  EntityKey subject;
  DataProperty property;
  std::string lexical;  ///< normalised lexical form ("171781", "1937-08-21")
  Datatype datatype;
  Evidence evidence;
};

/// Counts for report.json.
struct DocStats {
  std::size_t characters = 0;
  std::size_t sentences = 0;
  std::size_t tokens = 0;
  std::size_t mentions = 0;
  std::size_t chrome_blocks = 0;  ///< paragraphs classified as page chrome and skipped
};

/// Everything extracted from one document.
struct DocResult {
  SourceInfo source;
  std::vector<EntityRecord> entities;  ///< sorted by key
  std::vector<Relation> relations;
  std::vector<Attribute> attributes;
  DocStats stats;
};

struct Options {
  /// Folder holding lexicon/*.tsv, cues.tsv, … (extract/data in the source tree).
  std::string data_dir;
  /// Pipeline config JSON; empty means `<data_dir>/pipeline.json`.
  std::string config_path;
};

/// The extraction pipeline. Immutable after create(), so `run` may be called from
/// several threads. Movable, not copyable (owns compiled patterns).
class Extractor {
 public:
  /// Loads data and builds the pipeline. Errors: Errc::io / Errc::parse naming the data
  /// file and line; Errc::usage naming the component whose requirements are unmet.
  static Result<Extractor> create(const Options& options);
  Extractor(Extractor&&) noexcept;
  Extractor& operator=(Extractor&&) noexcept;
  ~Extractor();

  /// Extracts from one document. Errors: Errc::encoding (binary or invalid UTF-8, with
  /// the byte offset). An empty document gives an empty result plus a warning.
  Result<DocResult> run(const SourceText& source, const Diagnostics& diagnostics) const;

  /// Names of the pipeline's components in order ("kg.normalizer.v1", …).
  std::vector<std::string> component_names() const;

  struct Impl;

 private:
  explicit Extractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace kg::extract
