// Pipeline of named components over one Doc (spaCy's Language + factories).
// A component declares what it requires and assigns ("doc.tokens", …); the Pipeline
// checks the chain when it is built and names the component in every error.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "doc.hpp"
#include "resources.hpp"

namespace kg::extract {

class Component {
 public:
  virtual ~Component() = default;
  virtual std::string name() const = 0;                 ///< versioned factory name
  virtual std::vector<std::string> requires_() const = 0;  ///< annotations needed
  virtual std::vector<std::string> assigns() const = 0;    ///< annotations produced
  /// Processes `doc` in place; a returned error names the problem (the pipeline adds
  /// the component name).
  virtual Result<void> process(Doc& doc, const Diagnostics& diagnostics) const = 0;
};

using Factory = std::function<std::unique_ptr<Component>(const Resources&)>;

/// Factory names → factories ("kg.tokenizer.v1" → make_tokenizer).
class Registry {
 public:
  static Registry& global();
  void add(std::string name, Factory factory);
  const Factory* find(const std::string& name) const;
  std::vector<std::string> names() const;

 private:
  std::map<std::string, Factory> m_factories;
};

// Factories of the built-in components (registered by Registry::global()).
std::unique_ptr<Component> make_normalizer(const Resources&);
std::unique_ptr<Component> make_chrome_filter(const Resources&);
std::unique_ptr<Component> make_sentencizer(const Resources&);
std::unique_ptr<Component> make_tokenizer(const Resources&);
std::unique_ptr<Component> make_lexicon_matcher(const Resources&);
std::unique_ptr<Component> make_pattern_matcher(const Resources&);
std::unique_ptr<Component> make_overlap_filter(const Resources&);
std::unique_ptr<Component> make_resolver(const Resources&);
std::unique_ptr<Component> make_statistics(const Resources&);
std::unique_ptr<Component> make_relations(const Resources&);
std::unique_ptr<Component> make_article_header(const Resources&);       // apparatus.cpp
std::unique_ptr<Component> make_references(const Resources&);           // references.cpp
std::unique_ptr<Component> make_reference_relations(const Resources&);  // references.cpp

}  // namespace kg::extract
