// Registry of components, the Extractor (pipeline built from pipeline.json) and the
// conversion of a processed Doc into the public DocResult.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "pipeline.hpp"

namespace kg::extract {

Registry& Registry::global() {
  static Registry r = [] {
    Registry g;
    g.add("kg.normalizer.v1", make_normalizer);
    g.add("kg.chrome_filter.v1", make_chrome_filter);
    g.add("kg.sentencizer.v1", make_sentencizer);
    g.add("kg.tokenizer.v1", make_tokenizer);
    g.add("kg.lexicon_matcher.v1", make_lexicon_matcher);
    g.add("kg.pattern_matcher.v1", make_pattern_matcher);
    g.add("kg.overlap_filter.v1", make_overlap_filter);
    g.add("kg.resolver.v1", make_resolver);
    g.add("kg.statistics.v1", make_statistics);
    g.add("kg.relations.v1", make_relations);
    g.add("kg.article_header.v1", make_article_header);
    g.add("kg.references.v1", make_references);
    g.add("kg.reference_relations.v1", make_reference_relations);
    return g;
  }();
  return r;
}

void Registry::add(std::string name, Factory factory) { m_factories[std::move(name)] = std::move(factory); }
const Factory* Registry::find(const std::string& name) const {
  auto it = m_factories.find(name);
  return it == m_factories.end() ? nullptr : &it->second;
}
std::vector<std::string> Registry::names() const {
  std::vector<std::string> out;
  for (const auto& [n, f] : m_factories) out.push_back(n);
  return out;
}

struct Extractor::Impl {
  Resources resources;
  std::vector<std::unique_ptr<Component>> components;
};

Extractor::Extractor(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Extractor::Extractor(Extractor&&) noexcept = default;
Extractor& Extractor::operator=(Extractor&&) noexcept = default;
Extractor::~Extractor() = default;

namespace {

const std::vector<std::string>& default_components() {
  static const std::vector<std::string> k{
      "kg.normalizer.v1",   "kg.chrome_filter.v1",    "kg.article_header.v1", "kg.sentencizer.v1", "kg.tokenizer.v1",
      "kg.lexicon_matcher.v1", "kg.pattern_matcher.v1", "kg.overlap_filter.v1", "kg.references.v1",
      "kg.resolver.v1",     "kg.relations.v1",        "kg.reference_relations.v1", "kg.statistics.v1"};
  return k;
}

Result<std::vector<std::string>> read_config(const std::string& path) {
  std::ifstream in(path);
  if (!in) return make_error(Errc::io, "cannot open pipeline config", Location{path});
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("components") || !j["components"].is_array())
    return make_error(Errc::parse, "expected a JSON object with a \"components\" array of factory names",
                      Location{path});
  std::vector<std::string> out;
  for (const auto& c : j["components"]) {
    if (!c.is_string()) return make_error(Errc::parse, "component names must be strings", Location{path});
    out.push_back(c.get<std::string>());
  }
  return out;
}

}  // namespace

Result<Extractor> Extractor::create(const Options& options) {
  auto impl = std::make_unique<Impl>();
  KG_TRY(impl->resources, Resources::load(options.data_dir));
  std::vector<std::string> names = default_components();
  std::string config = options.config_path;
  if (config.empty()) {
    auto candidate = std::filesystem::path(options.data_dir) / "pipeline.json";
    if (std::filesystem::exists(candidate)) config = candidate.string();
  }
  if (!config.empty()) {
    KG_TRY(names, read_config(config));
  }
  // Build and check requires/assigns along the chain.
  std::set<std::string> available;
  for (const auto& n : names) {
    const Factory* f = Registry::global().find(n);
    if (!f)
      return make_error(Errc::usage, "unknown component \"" + n + "\" (known: " + [] {
        std::string all;
        for (const auto& k : Registry::global().names()) all += (all.empty() ? "" : ", ") + k;
        return all;
      }() + ")", Location{config});
    auto c = (*f)(impl->resources);
    for (const auto& req : c->requires_())
      if (!available.count(req))
        return make_error(Errc::usage, "component " + n + " requires \"" + req +
                                           "\", which no earlier component assigns", Location{config});
    for (const auto& a : c->assigns()) available.insert(a);
    impl->components.push_back(std::move(c));
  }
  return Extractor(std::move(impl));
}

std::vector<std::string> Extractor::component_names() const {
  std::vector<std::string> out;
  for (const auto& c : m_impl->components) out.push_back(c->name());
  return out;
}

Result<DocResult> Extractor::run(const SourceText& source, const Diagnostics& diagnostics) const {
  Doc doc;
  doc.path = source.path;
  doc.original = source.bytes;
  doc.source = describe_source(source);
  if (source.bytes.empty() && diagnostics)
    diagnostics(Level::warning, Location{source.path}, "empty file: nothing to extract");
  for (const auto& c : m_impl->components) {
    auto r = c->process(doc, diagnostics);
    if (!r.ok()) {
      Error e = r.error();
      if (e.code == Errc::internal) e.message = c->name() + ": " + e.message;
      if (e.where.file.empty()) e.where.file = source.path;
      return e;
    }
  }
  DocResult out;
  out.source = doc.source;
  out.stats = doc.stats;
  // Entities: one record per key (groups that normalise alike are merged).
  std::map<EntityKey, EntityRecord> by_key;
  for (const auto& e : doc.entities) {
    auto [it, inserted] = by_key.try_emplace(e.key);
    EntityRecord& r = it->second;
    if (inserted) {
      r.key = e.key;
      r.label = e.label;
    } else if (e.label != r.label) {
      r.alt_labels.insert(e.label);
    }
    r.alt_labels.insert(e.alt_labels.begin(), e.alt_labels.end());
    r.alt_labels.erase(r.label);
  }
  for (auto& [k, r] : by_key) out.entities.push_back(std::move(r));
  out.relations = std::move(doc.relations);
  out.attributes = std::move(doc.attributes);
  return out;
}

}  // namespace kg::extract
