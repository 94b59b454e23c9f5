// `kgbuild view` (GraphML, DOT, HTML and optionally SVG of a built graph or of one
// entity's neighbourhood) and `kgbuild path` (shortest relation paths between two
// named entities, with their evidence).
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <sstream>

#include "commands.hpp"
#include "export/views.hpp"

extern char** environ;

namespace kg::cli {

// Defined in cli.cpp: parses a subcommand's options, printing help or usage errors.
std::optional<ParsedArgs> parse_command(const Args& argv, const std::vector<OptionSpec>& specs, Context& ctx,
                                        const std::string& name, const std::string& help_text, int& rc);

namespace {

namespace fs = std::filesystem;

// Reads every --graph file into one graph; prints the problem and sets `rc` on failure.
std::optional<graph::Graph> load_graph(const std::vector<std::string>& files, const std::string& command,
                                       Context& ctx, int& rc) {
  if (files.empty()) {
    ctx.error("missing --graph FILE (see kgbuild " + command + " --help)");
    rc = kUsage;
    return std::nullopt;
  }
  rdfio::Dataset all;
  for (const auto& f : files) {
    auto fmt = rdfio::format_from_extension(f);
    if (!fmt) {
      ctx.error("cannot tell the RDF format of '" + f + "' from its extension (.ttl, .nt, .nq, .trig, .jsonld)");
      rc = kUsage;
      return std::nullopt;
    }
    auto ds = rdfio::parse_file(f, *fmt, ctx.sink());
    if (!ds.ok()) {
      ctx.err << "kgbuild: " << ds.error().render() << "\n";
      rc = kFailure;
      return std::nullopt;
    }
    all.quads.insert(all.quads.end(), ds->quads.begin(), ds->quads.end());
  }
  all.normalise();
  auto g = rdfio::graph_from_dataset(all);
  if (!g.ok()) {
    Error e = g.error();
    if (e.where.file.empty() && files.size() == 1) e.where.file = files.front();
    ctx.err << "kgbuild: " << e.render() << "\n";
    rc = kFailure;
    return std::nullopt;
  }
  return std::move(g).value();
}

std::string describe(const rdfio::ViewNode& n) {
  return n.label + " (" + std::string(ontology::local_name(n.cls)) + ") <" + n.iri + ">";
}

// The one entity called `name`, or nothing after printing why (unknown or ambiguous,
// with the candidates).
std::optional<std::size_t> resolve(const rdfio::RelationView& view, const std::string& name, Context& ctx) {
  auto found = rdfio::find_entities(view, name);
  if (found.size() == 1) return found.front();
  std::ostringstream msg;
  if (found.empty()) {
    auto near = rdfio::suggest_entities(view, name, 10);
    msg << "no entity is called '" << name << "'";
    if (near.empty()) msg << ", and no entity name contains it";
    else msg << "; names containing it:";
    for (auto i : near) msg << "\n  " << describe(view.nodes[i]);
  } else {
    msg << "'" << name << "' is ambiguous: " << found.size() << " entities have that name (give the IRI instead):";
    for (auto i : found) msg << "\n  " << describe(view.nodes[i]);
  }
  ctx.error(msg.str());
  return std::nullopt;
}

// Runs `dot -Tsvg` on `dot_file`, writing `svg_file` through a temporary file in the
// same folder. Graphviz's messages are returned as an error: the views are meant to
// render cleanly.
Result<void> render_svg(const std::string& dot_file, const std::string& svg_file) {
  const std::string tmp = svg_file + ".tmp";
  const std::string log = svg_file + ".stderr.tmp";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> args{"dot", "-Tsvg", "-o", tmp, dot_file};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int spawn = posix_spawnp(&pid, "dot", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawn != 0) {
    std::remove(log.c_str());
    return make_error(Errc::io, "cannot run Graphviz 'dot' (install the graphviz package): " +
                                    std::string(std::strerror(spawn)), Location{svg_file});
  }
  int status = 0;
  waitpid(pid, &status, 0);
  std::string messages;
  if (FILE* f = std::fopen(log.c_str(), "r")) {
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) messages.append(buf, n);
    std::fclose(f);
  }
  std::remove(log.c_str());
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !messages.empty()) {
    std::remove(tmp.c_str());
    while (!messages.empty() && messages.back() == '\n') messages.pop_back();
    return make_error(Errc::io, "dot -Tsvg failed" + (messages.empty() ? std::string() : ": " + messages),
                      Location{dot_file});
  }
  std::error_code ec;
  fs::rename(tmp, svg_file, ec);
  if (ec) return make_error(Errc::io, "cannot rename the SVG into place: " + ec.message(), Location{svg_file});
  return {};
}

std::string evidence_line(const extract::Evidence& ev) {
  std::ostringstream out;
  out << ev.file_name << ", characters " << ev.char_start << "-" << ev.char_end << ", confidence " << ev.confidence
      << ", rule " << ev.rule;
  return out.str();
}

}  // namespace

int cmd_view(const Args& argv, Context& ctx) {
  const std::vector<OptionSpec> specs{
      {"graph", 0, true, true, "FILE", "graph file written by kgbuild build (.ttl, .nt, .nq, .trig, .jsonld; repeatable)"},
      {"focus", 0, true, true, "NAME", "draw only the neighbourhood of this entity (label, other name or IRI; repeatable)"},
      {"depth", 0, true, false, "N", "with --focus: relations to follow from it, in either direction (default 1)"},
      {"output", 'o', true, false, "DIR", "write graph.graphml, graph.dot and graph.html into DIR"},
      {"svg", 0, false, false, "", "also render graph.svg with Graphviz (dot -Tsvg)"},
      {"quiet", 'q', false, false, "", "print nothing but errors"},
      {"help", 'h', false, false, "", "show this help"},
  };
  int rc = kOk;
  auto parsed = parse_command(argv, specs, ctx, "view",
                              "usage: kgbuild view --graph FILE [--graph FILE...] -o DIR [--focus NAME --depth N] [--svg]\n\n"
                              "Writes the relation graph (entities and the relations between them; no statistics,\n"
                              "no source documents) as GraphML, Graphviz DOT and an interactive HTML page.\n\noptions:\n",
                              rc);
  if (!parsed) return rc;
  const ParsedArgs& args = *parsed;
  ctx.quiet = args.has("quiet");
  if (!args.positional.empty()) {
    ctx.error("unexpected argument '" + args.positional.front() + "' (graph files go after --graph)");
    return kUsage;
  }
  if (!args.get("output")) {
    ctx.error("missing -o DIR (see kgbuild view --help)");
    return kUsage;
  }
  std::size_t depth = 1;
  if (auto d = args.get("depth")) {
    if (!args.has("focus")) {
      ctx.error("--depth needs --focus NAME");
      return kUsage;
    }
    try {
      std::size_t used = 0;
      depth = std::stoul(*d, &used);
      if (used != d->size() || (*d)[0] == '-') throw std::invalid_argument(*d);
    } catch (...) {
      ctx.error("--depth expects a number (0 or more), found '" + *d + "'");
      return kUsage;
    }
  }
  auto g = load_graph(args.all("graph"), "view", ctx, rc);
  if (!g) return rc;
  rdfio::RelationView view = rdfio::relation_view(*g);
  std::string title = "kgbuild relation graph";
  if (args.has("focus")) {
    std::vector<std::size_t> centres;
    std::string names;
    for (const auto& name : args.all("focus")) {
      auto c = resolve(view, name, ctx);
      if (!c) return kFailure;
      centres.push_back(*c);
      names += (names.empty() ? "" : ", ") + view.nodes[*c].label;
    }
    view = rdfio::neighbourhood(view, centres, depth);
    title = "Neighbourhood of " + names + " (depth " + std::to_string(depth) + ")";
  }
  const std::string dir = *args.get("output");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    ctx.err << "kgbuild: " << dir << ": error: cannot create output directory" << (ec ? ": " + ec.message() : "")
            << "\n";
    return kFailure;
  }
  auto written = rdfio::write_views(view, dir, title, ctx.sink());
  if (!written.ok()) {
    ctx.err << "kgbuild: " << written.error().render() << "\n";
    return kFailure;
  }
  if (args.has("svg")) {
    std::string svg = (fs::path(dir) / "graph.svg").string();
    auto r = render_svg((fs::path(dir) / "graph.dot").string(), svg);
    if (!r.ok()) {
      ctx.err << "kgbuild: " << r.error().render() << "\n";
      return kFailure;
    }
    written->push_back(svg);
  }
  if (!ctx.quiet) {
    ctx.out << "kgbuild: " << view.nodes.size() << " entities, " << view.edges.size() << " relations\n";
    for (const auto& p : *written) ctx.out << "  wrote " << p << "\n";
  }
  return kOk;
}

int cmd_path(const Args& argv, Context& ctx) {
  const std::vector<OptionSpec> specs{
      {"graph", 0, true, true, "FILE", "graph file written by kgbuild build (.ttl, .nt, .nq, .trig, .jsonld; repeatable)"},
      {"max", 0, true, false, "N", "print at most N shortest paths (default 5)"},
      {"relations-only", 0, false, false, "", "never pass through source documents (exit 1 when no chain of relations exists)"},
      {"help", 'h', false, false, "", "show this help"},
  };
  int rc = kOk;
  auto parsed = parse_command(argv, specs, ctx, "path",
                              "usage: kgbuild path --graph FILE [--graph FILE...] FROM TO\n\n"
                              "Prints the shortest chains of relations between two entities, named by label,\n"
                              "other name (any case) or IRI, following relations in either direction, with\n"
                              "the evidence of every step. When no chain of relations joins them, the\n"
                              "shortest paths that also pass through the source documents mentioning\n"
                              "entities (mentionedIn steps) are printed instead, and the first line says so.\n"
                              "Exit 1 when a name is unknown or ambiguous or no path exists.\n\noptions:\n",
                              rc);
  if (!parsed) return rc;
  const ParsedArgs& args = *parsed;
  if (args.positional.size() != 2) {
    ctx.error("expected two entity names, FROM and TO, found " + std::to_string(args.positional.size()) +
              " (see kgbuild path --help)");
    return kUsage;
  }
  std::size_t limit = 5;
  if (auto m = args.get("max")) {
    try {
      std::size_t used = 0;
      limit = std::stoul(*m, &used);
      if (used != m->size() || limit == 0 || (*m)[0] == '-') throw std::invalid_argument(*m);
    } catch (...) {
      ctx.error("--max expects a positive number, found '" + *m + "'");
      return kUsage;
    }
  }
  auto g = load_graph(args.all("graph"), "path", ctx, rc);
  if (!g) return rc;
  rdfio::RelationView view = rdfio::relation_view(*g);
  auto from = resolve(view, args.positional[0], ctx);
  if (!from) return kFailure;
  auto to = resolve(view, args.positional[1], ctx);
  if (!to) return kFailure;
  auto paths = rdfio::shortest_paths(view, *from, *to, limit);
  bool through_sources = false;
  if (paths.empty() && !args.has("relations-only")) {
    // Entity indices shift when SourceDocument nodes join the view: look them up again
    // by IRI (unique in both views).
    const std::string from_iri = view.nodes[*from].iri, to_iri = view.nodes[*to].iri;
    view = rdfio::relation_view(*g, rdfio::Sources::as_nodes);
    auto index_of = [&](const std::string& iri) {
      for (std::size_t i = 0; i < view.nodes.size(); ++i)
        if (view.nodes[i].iri == iri) return i;
      return view.nodes.size();
    };
    from = index_of(from_iri);
    to = index_of(to_iri);
    paths = rdfio::shortest_paths(view, *from, *to, limit);
    through_sources = !paths.empty();
  }
  const auto& a = view.nodes[*from];
  const auto& b = view.nodes[*to];
  if (paths.empty()) {
    ctx.error(std::string(args.has("relations-only") ? "no path of relations joins "
                                                     : "no path of relations or shared source documents joins ") +
              describe(a) + " and " + describe(b));
    return kFailure;
  }
  if (through_sources)
    ctx.out << "no chain of relations joins them; shortest paths through the source documents that mention "
               "entities:\n";
  const std::size_t steps = paths.front().nodes.size() - 1;
  ctx.out << a.label << " (" << ontology::local_name(a.cls) << ") to " << b.label << " ("
          << ontology::local_name(b.cls) << "): " << steps << " step" << (steps == 1 ? "" : "s") << " apart, "
          << paths.size() << (paths.size() == limit ? " (or more)" : "") << " shortest path"
          << (paths.size() == 1 ? "" : "s") << "\n";
  for (std::size_t k = 0; k < paths.size(); ++k) {
    const auto& p = paths[k];
    ctx.out << "\npath " << (k + 1) << ":";
    for (std::size_t i = 0; i < p.nodes.size(); ++i) ctx.out << (i ? " - " : " ") << view.nodes[p.nodes[i]].label;
    ctx.out << "\n";
    for (std::size_t i = 0; i < p.steps.size(); ++i)
      for (std::size_t e : p.steps[i]) {
        const auto& edge = view.edges[e];
        ctx.out << "  " << (i + 1) << ". " << view.nodes[edge.source].label << " --"
                << ontology::local_name(edge.property) << "--> " << view.nodes[edge.target].label << "\n";
        for (const auto& ev : edge.evidence)
          ctx.out << "       \"" << ev.text << "\"\n         (" << evidence_line(ev) << ")\n";
        if (edge.evidence.empty() && edge.property == ontology::Property::mentionedIn)
          ctx.out << "       (the source document names it)\n";
      }
  }
  return kOk;
}

}  // namespace kg::cli
