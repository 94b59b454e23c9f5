#include "build.hpp"
#include "export/views.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

namespace kg::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct DocOutcome {
  std::optional<extract::DocResult> result;
  std::optional<Error> error;
};

}  // namespace

Result<std::vector<std::string>> expand_inputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  std::string missing;
  for (const auto& in : inputs) {
    std::error_code ec;
    auto st = fs::status(in, ec);
    if (ec || !fs::exists(st)) {
      missing += (missing.empty() ? "" : ", ") + in;
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(in, fs::directory_options::skip_permission_denied, ec);
           it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file()) found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(in);
    }
  }
  if (!missing.empty())
    return make_error(Errc::io, "no such file or directory: " + missing, Location{});
  return files;
}

Result<BuildSummary> run_build(const BuildOptions& options, const Diagnostics& diagnostics) {
  auto t_start = Clock::now();
  KG_TRY(auto files, expand_inputs(options.inputs));
  if (files.empty()) return make_error(Errc::usage, "no input files");

  // The output folder must exist (or be creatable) and be writable before any work.
  std::error_code ec;
  fs::create_directories(options.output_dir, ec);
  if (ec || !fs::is_directory(options.output_dir))
    return make_error(Errc::io, "cannot create output directory: " + (ec ? ec.message() : "not a directory"),
                      Location{options.output_dir});
  if (::access(options.output_dir.c_str(), W_OK) != 0)
    return make_error(Errc::io, "output directory is not writable", Location{options.output_dir});

  // A store to fill is opened (created) before any work, so a bad URI fails at once.
  std::optional<store::Store> target_store;
  if (!options.store_uri.empty()) {
    KG_TRY(auto opened, store::Store::open(options.store_uri, store::Access::create, diagnostics));
    target_store.emplace(std::move(opened));
  }

  auto t0 = Clock::now();
  KG_TRY(auto extractor, extract::Extractor::create(extract::Options{options.data_dir, ""}));
  double t_load = ms_since(t0);

  // Extraction, in parallel; results are kept by input index so order never matters.
  std::vector<DocOutcome> outcomes(files.size());
  std::vector<std::vector<std::pair<Level, std::string>>> doc_warnings(files.size());
  std::atomic<std::size_t> next{0}, done{0};
  std::mutex progress_mutex;
  t0 = Clock::now();
  auto worker = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) {
      auto src = extract::read_source(files[i]);
      if (!src.ok()) {
        outcomes[i].error = src.error();
      } else {
        Diagnostics local = [&, i](Level level, const Location& where, std::string_view msg) {
          Error e{Errc::internal, std::string(msg), where};
          std::string text = e.render();
          auto pos = text.find("error: ");
          if (pos != std::string::npos) text.replace(pos, 7, std::string(to_string(level)) + ": ");
          doc_warnings[i].emplace_back(level, text);
        };
        auto r = extractor.run(*src, local);
        if (r.ok()) outcomes[i].result = std::move(r).value();
        else outcomes[i].error = r.error();
      }
      std::size_t n = ++done;
      if (options.progress) {
        std::lock_guard<std::mutex> lock(progress_mutex);
        std::cerr << "\r[" << n << "/" << files.size() << "] extracting" << std::flush;
      }
    }
  };
  unsigned jobs = std::max(1u, std::min<unsigned>(options.jobs, static_cast<unsigned>(files.size())));
  std::vector<std::thread> pool;
  for (unsigned j = 1; j < jobs; ++j) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (options.progress) std::cerr << "\n";
  double t_extract = ms_since(t0);

  // Report problems in input order.
  std::vector<std::string> warnings;
  nlohmann::ordered_json skipped = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < files.size(); ++i) {
    for (const auto& [level, text] : doc_warnings[i]) {
      warnings.push_back(text);
      if (diagnostics) diagnostics(level, Location{}, text);
    }
    if (outcomes[i].error) {
      Error e = *outcomes[i].error;
      if (e.where.file.empty()) e.where.file = files[i];
      std::string text = e.render();
      auto pos = text.find("error: ");
      if (pos != std::string::npos) text.replace(pos, 7, "warning: ");
      text += " (file skipped)";
      warnings.push_back(text);
      skipped.push_back({{"file", files[i]}, {"reason", e.message}});
      if (diagnostics) diagnostics(Level::warning, Location{}, text);
    }
  }
  if (options.strict && !skipped.empty())
    return make_error(Errc::validation, std::to_string(skipped.size()) +
                                            " input file(s) could not be processed (--strict); nothing written");

  // Graph.
  t0 = Clock::now();
  graph::Graph g;
  std::size_t sentences = 0, tokens = 0, mentions = 0, chrome = 0, processed = 0;
  nlohmann::ordered_json per_doc = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!outcomes[i].result) continue;
    const auto& d = *outcomes[i].result;
    g.add(d);
    ++processed;
    sentences += d.stats.sentences;
    tokens += d.stats.tokens;
    mentions += d.stats.mentions;
    chrome += d.stats.chrome_blocks;
    per_doc.push_back({{"file", d.source.file_name},
                       {"path", files[i]},
                       {"sha256", d.source.sha256},
                       {"bytes", d.source.byte_size},
                       {"characters", d.stats.characters},
                       {"sentences", d.stats.sentences},
                       {"mentions", d.stats.mentions},
                       {"chrome_blocks", d.stats.chrome_blocks},
                       {"entities", d.entities.size()},
                       {"relations", d.relations.size()},
                       {"attributes", d.attributes.size()}});
  }
  double t_graph = ms_since(t0);

  // Export.
  t0 = Clock::now();
  rdfio::Dataset ds = rdfio::to_dataset(g);
  BuildSummary summary;
  summary.documents = processed;
  summary.skipped = skipped.size();
  summary.entities = g.entity_count();
  summary.relations = g.relation_count();
  summary.triples = ds.triple_count();
  const fs::path out(options.output_dir);
  struct Target {
    rdfio::Format format;
    const char* file;
  };
  // The four serialisations read the same dataset; write them on up to `jobs` threads.
  const std::vector<Target> targets{{rdfio::Format::turtle, "graph.ttl"}, {rdfio::Format::nquads, "graph.nq"},
                                    {rdfio::Format::jsonld, "graph.jsonld"}, {rdfio::Format::trig, "graph.trig"}};
  std::vector<std::optional<Error>> write_errors(targets.size());
  std::atomic<std::size_t> next_target{0};
  auto writer = [&] {
    for (std::size_t k = next_target++; k < targets.size(); k = next_target++) {
      auto r = rdfio::write_file(ds, targets[k].format, (out / targets[k].file).string());
      if (!r.ok()) write_errors[k] = r.error();
    }
  };
  std::vector<std::thread> writers;
  for (unsigned j = 1; j < std::min<unsigned>(jobs, static_cast<unsigned>(targets.size())); ++j) writers.emplace_back(writer);
  writer();
  for (auto& t : writers) t.join();
  for (std::size_t k = 0; k < targets.size(); ++k) {
    if (write_errors[k]) return *write_errors[k];
    summary.outputs.push_back((out / targets[k].file).string());
  }
  {
    std::string path = (out / "ontology.ttl").string();
    KG_TRY_VOID(rdfio::write_text_file(path, ontology::ontology_turtle()));
    summary.outputs.push_back(path);
  }
  // Relation-graph views (GraphML, DOT, HTML) next to the RDF files.
  const rdfio::RelationView view = rdfio::relation_view(g);
  KG_TRY(auto view_files, rdfio::write_views(view, options.output_dir, "kgbuild relation graph", diagnostics));
  summary.outputs.insert(summary.outputs.end(), view_files.begin(), view_files.end());
  double t_export = ms_since(t0);

  // The store: each source document's graph replaces its context (kgbuild load).
  double t_store = 0;
  if (target_store) {
    t0 = Clock::now();
    KG_TRY(auto loaded, target_store->load(ds, diagnostics));
    (void)loaded;
    t_store = ms_since(t0);
    summary.outputs.push_back(options.store_uri);
  }

  // report.json: counts, timings, warnings (timings are the only part that varies
  // between runs).
  std::map<std::string, std::size_t> by_class, by_property;
  std::size_t statistics = 0;
  const auto& adj = g.adjacency();
  for (auto [vi, ve] = boost::vertices(adj); vi != ve; ++vi) {
    ontology::Class c = adj[*vi].key.cls;
    if (c == ontology::Class::Statistic) ++statistics;
    by_class[std::string(ontology::local_name(c))]++;
  }
  for (auto [ei, ee] = boost::edges(adj); ei != ee; ++ei) by_property[std::string(ontology::local_name(adj[*ei].property))]++;
  nlohmann::ordered_json report;
  report["kgbuild"] = KG_VERSION;
  report["documents"] = {{"given", files.size()}, {"processed", processed}, {"skipped", skipped}};
  report["counts"] = {{"sentences", sentences},
                      {"tokens", tokens},
                      {"mentions", mentions},
                      {"chrome_blocks", chrome},
                      {"entities", g.entity_count()},
                      {"entities_by_class", by_class},
                      {"relations", g.relation_count()},
                      {"relations_by_property", by_property},
                      {"statistics", statistics},
                      {"triples", summary.triples},
                      {"quads", ds.quads.size()}};
  const rdfio::Centrality top = rdfio::top_entities(view, 10);
  auto ranking = [](const std::vector<rdfio::RankedEntity>& list) {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (const auto& r : list) j.push_back({{"label", r.label}, {"class", r.cls}, {"iri", r.iri}, {"value", r.value}});
    return j;
  };
  report["top_by_degree"] = ranking(top.by_degree);
  report["top_by_betweenness"] = ranking(top.by_betweenness);
  report["per_document"] = per_doc;
  report["warnings"] = warnings;
  report["outputs"] = summary.outputs;
  report["timings_ms"] = {{"load_data", t_load},     {"extract", t_extract}, {"graph", t_graph},
                          {"export", t_export},      {"store", t_store},     {"total", ms_since(t_start)}};
  std::string report_path = (out / "report.json").string();
  KG_TRY_VOID(rdfio::write_text_file(report_path, report.dump(2) + "\n"));
  summary.outputs.push_back(report_path);
  return summary;
}

}  // namespace kg::cli
