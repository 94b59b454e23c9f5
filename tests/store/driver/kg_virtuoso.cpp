// kg_virtuoso: a small driver over kg::store::virtuoso for tests/scripts/test_virtuoso.sh
// and bench/virtuoso.sh, until `kgbuild load --store virtuoso:URL` calls the same code.
//
//   kg_virtuoso load virtuoso:URL FILE...   replace each named graph of the files; prints
//                                           {"graphs":N,"triples":N,"bytes":N,"seconds":S}
//   kg_virtuoso query virtuoso:URL QUERY [ACCEPT]   prints the response body
//
// Options (before the subcommand): --attempts N, --retry-ms N, --password P.
// Exit codes: 0 success, 1 failure, 2 usage error.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "../../../store/src/virtuoso.hpp"

namespace {

int usage() {
  std::cerr << "usage: kg_virtuoso [--attempts N] [--retry-ms N] [--password P] "
               "load virtuoso:URL FILE... | query virtuoso:URL QUERY [ACCEPT]\n";
  return 2;
}

int fail(const kg::Error& e) {
  std::cerr << "kg_virtuoso: " << e.render() << '\n';
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  int attempts = -1, retry_ms = -1;
  std::string password;
  bool have_password = false;
  std::size_t i = 0;
  for (; i + 1 < args.size() && args[i].rfind("--", 0) == 0; i += 2) {
    if (args[i] == "--attempts") attempts = std::atoi(args[i + 1].c_str());
    else if (args[i] == "--retry-ms") retry_ms = std::atoi(args[i + 1].c_str());
    else if (args[i] == "--password") password = args[i + 1], have_password = true;
    else return usage();
  }
  if (args.size() < i + 3) return usage();
  const std::string command = args[i];
  auto endpoint = kg::store::virtuoso::parse_store_uri(args[i + 1]);
  if (!endpoint) return fail(endpoint.error());
  if (attempts > 0) endpoint->attempts = attempts;
  if (retry_ms >= 0) endpoint->retry_delay = std::chrono::milliseconds(retry_ms);
  if (have_password) endpoint->password = password;

  if (command == "query") {
    const std::string accept = args.size() > i + 3 ? args[i + 3] : "application/sparql-results+json";
    auto body = kg::store::virtuoso::sparql(*endpoint, args[i + 2], accept);
    if (!body) return fail(body.error());
    std::cout << *body;
    return 0;
  }
  if (command != "load") return usage();
  kg::rdfio::Dataset all;
  for (std::size_t f = i + 2; f < args.size(); ++f) {
    const auto format = kg::rdfio::format_from_extension(args[f]);
    if (!format) {
      std::cerr << "kg_virtuoso: error: " << args[f] << ": unknown RDF file extension\n";
      return 2;
    }
    auto d = kg::rdfio::parse_file(args[f], *format, {});
    if (!d) return fail(d.error());
    all.quads.insert(all.quads.end(), d->quads.begin(), d->quads.end());
  }
  all.normalise();
  auto stats = kg::store::virtuoso::load_dataset(*endpoint, all);
  if (!stats) return fail(stats.error());
  std::printf("{\"graphs\":%zu,\"triples\":%zu,\"bytes\":%zu,\"seconds\":%.3f}\n", stats->graphs,
              stats->triples, stats->bytes, stats->seconds);
  return 0;
}
