// `kgbuild query` (SPARQL over graph files or a store) and `kgbuild load` (graph files
// into a store, one context per source document).
#include <unistd.h>

#include <fstream>
#include <optional>
#include <sstream>

#include "commands.hpp"
#include "store/store.hpp"

namespace kg::cli {

// Defined in cli.cpp: parses a subcommand's options, printing help or usage errors.
std::optional<ParsedArgs> parse_command(const Args& argv, const std::vector<OptionSpec>& specs, Context& ctx,
                                        const std::string& name, const std::string& help_text, int& rc);

namespace {

int report(Context& ctx, const Error& e, int rc) {
  ctx.err << "kgbuild: " << e.render() << "\n";
  return rc;
}

// The store named by --store, or the --graph files read into memory; prints the
// problem and sets `rc` when neither works.
std::optional<store::Store> open_source(const ParsedArgs& args, const std::string& command, store::Access access,
                                        Context& ctx, int& rc) {
  const auto graphs = args.all("graph");
  const auto uri = args.get("store");
  if (graphs.empty() == !uri.has_value()) {
    ctx.error("give --graph FILE (repeatable) or --store URI, not both (see kgbuild " + command + " --help)");
    rc = kUsage;
    return std::nullopt;
  }
  auto s = uri ? store::Store::open(*uri, access, ctx.sink()) : store::Store::open_files(graphs, ctx.sink());
  if (!s.ok()) {
    rc = report(ctx, s.error(), s.error().code == Errc::usage ? kUsage : kFailure);
    return std::nullopt;
  }
  return std::move(s).value();
}

Result<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(Errc::io, "cannot read the query file", Location{path});
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

int cmd_query(const Args& argv, Context& ctx) {
  const std::vector<OptionSpec> specs{
      {"graph", 0, true, true, "FILE", "query this graph file (.ttl .nt .nq .trig .jsonld; repeatable: their union)"},
      {"store", 0, true, false, "URI", "query this store (sqlite:PATH)"},
      {"format", 'f', true, false, "FMT", "table, csv, tsv, json (SELECT/ASK), turtle, ntriples (CONSTRUCT/DESCRIBE)"},
      {"param", 'p', true, true, "NAME=VALUE", "replace $NAME by VALUE: a string literal, or an IRI when written <IRI>"},
      {"output", 'o', true, false, "FILE", "write the answer to FILE (atomically) instead of stdout"},
      {"explain", 0, false, false, "", "print the query as handed to Rasqal (prefixes, parameters, rewrites) on stderr"},
      {"quiet", 'q', false, false, "", "no warnings on stderr"},
      {"help", 'h', false, false, "", "show this help"},
  };
  int rc = kOk;
  auto parsed = parse_command(
      argv, specs, ctx, "query",
      "usage: kgbuild query (--graph FILE... | --store URI) [--format FMT] [--param NAME=VALUE...] QUERY\n\n"
      "Runs a SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE query (QUERY is the text, or @FILE.rq)\n"
      "with Rasqal. kgbuild's prefixes (kg, rdf, rdfs, owl, xsd, skos, prov, person, ...) are\n"
      "predeclared. Default format: a table on a terminal, TSV otherwise; Turtle for graphs.\n"
      "Rows are sorted unless the query has ORDER BY. Exit 0 ok, 1 when a graph or the store\n"
      "cannot be read, 2 on usage or SPARQL syntax errors.\n\noptions:\n",
      rc);
  if (!parsed) return rc;
  const ParsedArgs& args = *parsed;
  ctx.quiet = args.has("quiet");
  if (args.positional.size() != 1) {
    ctx.error(std::string(args.positional.empty() ? "no query given" : "more than one query given") +
              " (see kgbuild query --help)");
    return kUsage;
  }
  std::optional<store::ResultFormat> format;
  if (auto f = args.get("format")) {
    format = store::result_format_from_name(*f);
    if (!format) {
      ctx.error("unknown --format '" + *f + "' (table, csv, tsv, json, turtle, ntriples)");
      return kUsage;
    }
  }
  store::Params params;
  for (const auto& p : args.all("param")) {
    auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      ctx.error("--param expects NAME=VALUE, found '" + p + "'");
      return kUsage;
    }
    params[p.substr(0, eq)] = p.substr(eq + 1);
  }
  std::string text = args.positional.front();
  if (!text.empty() && text[0] == '@') {
    auto t = read_text(text.substr(1));
    if (!t.ok()) return report(ctx, t.error(), kFailure);
    text = *t;
  }
  if (args.has("explain")) {
    auto prepared = store::prepare_query(text, params);
    if (prepared.ok()) {
      for (const auto& n : prepared->notes) ctx.err << "kgbuild: note: " << n << "\n";
      if (const auto& plan = prepared->optional_plan) {
        for (const auto& r : plan->required) ctx.err << "# required part (rows united by kgbuild)\n" << r << "\n";
        for (const auto& o : plan->optionals) ctx.err << "# OPTIONAL group (left-joined by kgbuild)\n" << o << "\n";
      } else {
        ctx.err << prepared->text << "\n";
      }
    }
  }
  auto source = open_source(args, "query", store::Access::read, ctx, rc);
  if (!source) return rc;
  auto result = source->query(text, params, ctx.sink());
  if (!result.ok()) {
    const Error& e = result.error();
    return report(ctx, e, e.code == Errc::parse || e.code == Errc::usage ? kUsage : kFailure);
  }
  const bool graph = result->kind == store::QueryResult::Kind::graph;
  const store::ResultFormat fmt =
      format ? *format
             : graph ? store::ResultFormat::turtle
                     : (::isatty(STDOUT_FILENO) && !args.get("output") ? store::ResultFormat::table : store::ResultFormat::tsv);
  auto out = store::format_result(*result, fmt);
  if (!out.ok()) return report(ctx, out.error(), kUsage);
  if (auto path = args.get("output")) {
    auto w = rdfio::write_text_file(*path, *out);
    if (!w.ok()) return report(ctx, w.error(), kFailure);
  } else {
    ctx.out << *out;
  }
  return kOk;
}

int cmd_load(const Args& argv, Context& ctx) {
  const std::vector<OptionSpec> specs{
      {"store", 0, true, false, "URI", "the store to fill (sqlite:PATH; created when missing)"},
      {"quiet", 'q', false, false, "", "print nothing but errors"},
      {"help", 'h', false, false, "", "show this help"},
  };
  int rc = kOk;
  auto parsed = parse_command(
      argv, specs, ctx, "load",
      "usage: kgbuild load --store URI FILE...\n\n"
      "Loads graph files into a store, one context per source document: each named graph\n"
      "of an N-Quads/TriG file (kgbuild's graph.nq) replaces the context of that name, and a\n"
      "file without graph names (Turtle, N-Triples, JSON-LD) replaces the context\n"
      "file:///its/absolute/path. Loading a file again therefore never duplicates anything.\n\noptions:\n",
      rc);
  if (!parsed) return rc;
  const ParsedArgs& args = *parsed;
  ctx.quiet = args.has("quiet");
  if (!args.get("store")) {
    ctx.error("missing --store URI (see kgbuild load --help)");
    return kUsage;
  }
  if (args.positional.empty()) {
    ctx.error("no graph files given (see kgbuild load --help)");
    return kUsage;
  }
  for (const auto& f : args.positional)
    if (!rdfio::format_from_extension(f)) {
      ctx.error("cannot tell the RDF format of '" + f + "' from its extension (.ttl, .nt, .nq, .trig, .jsonld)");
      return kUsage;
    }
  auto s = store::Store::open(*args.get("store"), store::Access::create, ctx.sink());
  if (!s.ok()) return report(ctx, s.error(), s.error().code == Errc::usage ? kUsage : kFailure);
  auto sum = s->load(args.positional, ctx.sink());
  if (!sum.ok()) return report(ctx, sum.error(), kFailure);
  if (!ctx.quiet) {
    std::ostringstream line;
    line.setf(std::ios::fixed);
    line.precision(2);
    line << "kgbuild: loaded " << sum->files << " file(s): " << sum->graphs << " graph(s), " << sum->quads
         << " quads in " << sum->seconds << " s";
    if (sum->seconds > 0) {
      line.precision(0);
      line << " (" << static_cast<double>(sum->quads) / sum->seconds << " quads/s)";
    }
    ctx.out << line.str() << "\n";
  }
  return kOk;
}

}  // namespace kg::cli
