// kgbuild's command line. The only place that prints errors and turns them into exit
// codes: 0 ok, 1 failure, 2 usage error.
#include "cli/cli.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "build.hpp"
#include "commands.hpp"

namespace kg::cli {
namespace {

namespace fs = std::filesystem;
using ontology::EntityKey;

const char* kMainHelp =
    "usage: kgbuild <command> [options]\n"
    "\n"
    "Builds a knowledge graph (Turtle, JSON-LD, N-Quads, TriG) from text documents.\n"
    "\n"
    "commands:\n"
    "  build      extract entities and relations from documents and write the graph\n"
    "  extract    print what is extracted from documents, as JSON (no graph)\n"
    "  validate   check graph files against kgbuild's SHACL shapes\n"
    "  view       write GraphML, DOT and HTML views of a graph or of one entity's neighbourhood\n"
    "  path       print the shortest relation paths between two entities, with evidence\n"
    "  query      run a SPARQL query over graph files or a store (table, CSV, TSV, JSON, Turtle)\n"
    "  load       load graph files into a store (sqlite:PATH), one context per source document\n"
    "\n"
    "options:\n"
    "  -h, --help       show this help (kgbuild <command> --help for a command)\n"
    "      --version    print the version\n"
    "\n"
    "exit codes: 0 success, 1 failure, 2 usage error\n";

nlohmann::ordered_json evidence_json(const extract::Evidence& e) {
  return {{"start", e.char_start}, {"end", e.char_end}, {"rule", e.rule}, {"confidence", e.confidence}, {"text", e.text}};
}

nlohmann::ordered_json extract_to_json(const extract::DocResult& r) {
  using nlohmann::ordered_json;
  auto key = [](const EntityKey& k) { return std::string(ontology::local_name(k.cls)) + "/" + k.name; };
  ordered_json j;
  j["file"] = r.source.file_name;
  j["sentences"] = r.stats.sentences;
  j["mentions"] = r.stats.mentions;
  j["entities"] = ordered_json::array();
  for (const auto& e : r.entities)
    j["entities"].push_back({{"key", key(e.key)}, {"label", e.label}, {"alt_labels", e.alt_labels}});
  j["relations"] = ordered_json::array();
  for (const auto& rel : r.relations)
    j["relations"].push_back({{"s", key(rel.subject)}, {"p", ontology::local_name(rel.property)},
                              {"o", key(rel.object)}, {"evidence", evidence_json(rel.evidence)}});
  j["attributes"] = ordered_json::array();
  for (const auto& a : r.attributes)
    j["attributes"].push_back({{"s", key(a.subject)}, {"p", ontology::local_name(a.property)},
                               {"value", a.lexical}, {"evidence", evidence_json(a.evidence)}});
  return j;
}

}  // namespace

Diagnostics Context::sink() const {
  return [this](Level level, const Location& where, std::string_view msg) {
    if (quiet && level != Level::error) return;
    if (where.file.empty()) {
      err << msg << "\n";  // already rendered ("file: byte N: warning: …")
      return;
    }
    Error e{Errc::internal, std::string(msg), where};
    std::string text = e.render();
    auto pos = text.find("error: ");
    if (pos != std::string::npos) text.replace(pos, 7, std::string(to_string(level)) + ": ");
    err << text << "\n";
  };
}

std::string find_data_dir(const ParsedArgs& args) {
  if (auto d = args.get("data")) return *d;
  if (const char* env = std::getenv("KG_DATA_DIR"); env && *env) return env;
  for (const char* candidate : {KG_SOURCE_DATA_DIR, KG_INSTALL_DATA_DIR})
    if (fs::is_directory(candidate)) return candidate;
  return KG_INSTALL_DATA_DIR;
}

// Parses a subcommand's options. Prints the help (rc 0) or a usage error (rc 2) and
// returns nothing when the command should stop there.
std::optional<ParsedArgs> parse_command(const Args& argv, const std::vector<OptionSpec>& specs, Context& ctx,
                                        const std::string& name, const std::string& help_text, int& rc) {
  auto parsed = parse_args(argv, specs);
  if (!parsed.ok()) {
    ctx.error(parsed.error().message + " (see kgbuild " + name + " --help)");
    rc = kUsage;
    return std::nullopt;
  }
  if (parsed->has("help")) {
    ctx.out << help_text << format_help(specs);
    rc = kOk;
    return std::nullopt;
  }
  return std::move(parsed).value();
}

int cmd_build(const std::vector<std::string>& argv, Context& ctx) {
  const std::vector<OptionSpec> specs{
      {"output", 'o', true, false, "DIR", "write graph.ttl, graph.jsonld, graph.nq, graph.trig, ontology.ttl, report.json into DIR"},
      {"strict", 0, false, false, "", "fail (exit 1, nothing written) when any input cannot be read as UTF-8 text"},
      {"jobs", 'j', true, false, "N", "extraction threads (default: number of cores)"},
      {"data", 0, true, false, "DIR", "lexicon/rule data folder (default: $KG_DATA_DIR or the built-in one)"},
      {"store", 0, true, false, "URI", "also load the graph into this store (sqlite:PATH), as kgbuild load does"},
      {"quiet", 'q', false, false, "", "no progress and no warnings on stderr"},
      {"help", 'h', false, false, "", "show this help"},
  };
  int rc = kOk;
  auto parsed = parse_command(argv, specs, ctx, "build",
                              "usage: kgbuild build <files or directories...> -o DIR [options]\n\n"
               "Reads UTF-8 text documents (directories are searched recursively), extracts\n"
               "entities, relations and statistics with their evidence, merges them into one\n"
               "graph and writes it to DIR.\n\noptions:\n", rc);
  if (!parsed) return rc;
  const ParsedArgs& args = *parsed;
  ctx.quiet = args.has("quiet");
  if (args.positional.empty()) {
    ctx.error("no input files given (see kgbuild build --help)");
    return kUsage;
  }
  if (!args.get("output")) {
    ctx.error("missing -o DIR (see kgbuild build --help)");
    return kUsage;
  }
  BuildOptions opt;
  opt.inputs = args.positional;
  opt.output_dir = *args.get("output");
  opt.data_dir = find_data_dir(args);
  opt.strict = args.has("strict");
  if (auto uri = args.get("store")) opt.store_uri = *uri;
  opt.progress = !ctx.quiet && ::isatty(STDERR_FILENO);
  opt.jobs = std::max(1u, std::thread::hardware_concurrency());
  if (auto j = args.get("jobs")) {
    try {
      opt.jobs = static_cast<unsigned>(std::stoul(*j));
    } catch (...) {
      ctx.error("--jobs expects a positive number, found '" + *j + "'");
      return kUsage;
    }
    if (opt.jobs == 0) opt.jobs = 1;
  }
  auto result = run_build(opt, ctx.sink());
  if (!result.ok()) {
    const Error& e = result.error();
    ctx.err << "kgbuild: " << e.render() << "\n";
    return e.code == Errc::usage ? kUsage : kFailure;
  }
  const BuildSummary& s = *result;
  if (!ctx.quiet) {
    ctx.out << "kgbuild: " << s.documents << " document(s)";
    if (s.skipped) ctx.out << ", " << s.skipped << " skipped";
    ctx.out << ", " << s.entities << " nodes, " << s.relations << " relations, " << s.triples << " triples\n";
    for (const auto& p : s.outputs) ctx.out << "  wrote " << p << "\n";
  }
  return kOk;
}

// `kgbuild extract FILE...`: what the extractor finds in each file, as JSON (for
// inspecting rules and lexicons; no graph is built).
int cmd_extract(const std::vector<std::string>& argv, Context& ctx) {
  const std::vector<OptionSpec> specs{
      {"data", 0, true, false, "DIR", "lexicon/rule data folder"},
      {"help", 'h', false, false, "", "show this help"},
  };
  int rc = kOk;
  auto parsed = parse_command(argv, specs, ctx, "extract",
                              "usage: kgbuild extract <files...> [--data DIR]\n\n"
               "Prints, as JSON, the entities, relations and attributes extracted from each file.\n\noptions:\n", rc);
  if (!parsed) return rc;
  const ParsedArgs& args = *parsed;
  if (args.positional.empty()) {
    ctx.error("no input files given (see kgbuild extract --help)");
    return kUsage;
  }
  auto extractor = extract::Extractor::create(extract::Options{find_data_dir(args), ""});
  if (!extractor.ok()) {
    ctx.err << "kgbuild: " << extractor.error().render() << "\n";
    return kFailure;
  }
  rc = kOk;
  for (const auto& f : args.positional) {
    auto src = extract::read_source(f);
    auto res = src.ok() ? extractor->run(*src, ctx.sink()) : Result<extract::DocResult>(src.error());
    if (!res.ok()) {
      ctx.err << "kgbuild: " << res.error().render() << "\n";
      rc = kFailure;
      continue;
    }
    ctx.out << extract_to_json(*res).dump(1) << "\n";
  }
  return rc;
}

int cmd_validate(const std::vector<std::string>& argv, Context& ctx) {
  const std::vector<OptionSpec> specs{
      {"quiet", 'q', false, false, "", "print only the violation count"},
      {"help", 'h', false, false, "", "show this help"},
  };
  int rc = kOk;
  auto parsed = parse_command(argv, specs, ctx, "validate",
                              "usage: kgbuild validate <graph files...>\n\n"
               "Checks graph files (.ttl, .nt, .nq, .trig, .jsonld) against kgbuild's SHACL shapes\n"
               "and prints each violation (focus node, path, message). Exit 0 when the union of\n"
               "the files conforms, 1 when it does not or a file cannot be read, 2 on usage errors.\n\noptions:\n", rc);
  if (!parsed) return rc;
  const ParsedArgs& args = *parsed;
  if (args.positional.empty()) {
    ctx.error("no graph files given (see kgbuild validate --help)");
    return kUsage;
  }
  rdfio::Dataset all;
  for (const auto& f : args.positional) {
    auto fmt = rdfio::format_from_extension(f);
    if (!fmt) {
      ctx.error("cannot tell the RDF format of '" + f + "' from its extension (.ttl, .nt, .nq, .trig, .jsonld)");
      return kUsage;
    }
    auto ds = rdfio::parse_file(f, *fmt, ctx.sink());
    if (!ds.ok()) {
      ctx.err << "kgbuild: " << ds.error().render() << "\n";
      return kFailure;
    }
    all.quads.insert(all.quads.end(), ds->quads.begin(), ds->quads.end());
  }
  // The ontology joins the data graph so that sh:class sees rdfs:subClassOf.
  auto onto = rdfio::parse_text(ontology::ontology_turtle(), rdfio::Format::turtle, "ontology.ttl", ctx.sink());
  if (onto.ok()) all.quads.insert(all.quads.end(), onto->quads.begin(), onto->quads.end());
  all.normalise();
  auto violations = rdfio::validate(all, ontology::shapes_turtle(), ctx.sink());
  if (!violations.ok()) {
    ctx.err << "kgbuild: " << violations.error().render() << "\n";
    return kFailure;
  }
  if (!args.has("quiet"))
    for (const auto& v : *violations)
      ctx.out << "violation: " << v.focus_node << "\n  path: " << (v.path.empty() ? "(node)" : v.path)
              << "\n  message: " << v.message << "\n  shape: " << v.shape << "\n";
  ctx.out << (violations->empty() ? "conforms" : "does not conform") << ": " << violations->size()
          << " violation(s) in " << all.quads.size() << " quads\n";
  return violations->empty() ? kOk : kFailure;
}

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  Context ctx{out, err};
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.empty()) {
      err << kMainHelp;
      return kUsage;
    }
    const std::string cmd = args[0];
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (cmd == "-h" || cmd == "--help" || cmd == "help") {
      out << kMainHelp;
      return kOk;
    }
    if (cmd == "--version") {
      out << "kgbuild " << KG_VERSION << "\n";
      return kOk;
    }
    static const std::map<std::string, std::function<int(const std::vector<std::string>&, Context&)>> commands{
        {"build", cmd_build}, {"extract", cmd_extract}, {"validate", cmd_validate},
        {"view", cmd_view}, {"path", cmd_path}, {"query", cmd_query}, {"load", cmd_load}};
    auto it = commands.find(cmd);
    if (it == commands.end()) {
      ctx.error("unknown command '" + cmd + "' (see kgbuild --help)");
      return kUsage;
    }
    return it->second(rest, ctx);
  } catch (const Fatal& f) {
    ctx.error(f.what());
    return kFailure;
  } catch (const ErrorException& e) {
    ctx.error(e.what());
    return kFailure;
  } catch (const std::exception& e) {
    ctx.error(std::string("internal error: ") + e.what());
    return kFailure;
  }
}

}  // namespace kg::cli
