// kgbuild query / load, black-box: exit codes, stderr text, output bytes, on a small
// graph written by the test (made-up names).
#include <algorithm>

#include "support.hpp"

using namespace kg::test;

namespace {

CommandResult run_kgbuild(const std::string& args, const fs::path& scratch) {
  return run_command(std::string("'") + KG_BINARY + "' " + args, scratch / "run");
}

// Quoted for the shell (appended piecewise: GCC 12 gives a false -Wrestrict on "'" + s).
std::string shq(const std::string& s) {
  std::string out(1, '\'');
  out += s;
  out += '\'';
  return out;
}
std::string shq(const fs::path& p) { return shq(p.string()); }

fs::path write_graph(const fs::path& dir) {
  write_file(dir / "g.ttl",
             "@prefix kg: <https://w3id.org/kgbuild/ontology#> .\n"
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
             "<https://w3id.org/kgbuild/resource/legal-instrument/tide-pact> a kg:LegalInstrument ;\n"
             "  rdfs:label \"Tide Pact\" ;\n"
             "  kg:signedBy <https://w3id.org/kgbuild/resource/person/ilse-varn> .\n"
             "<https://w3id.org/kgbuild/resource/person/ilse-varn> a kg:Person ; rdfs:label \"Ilse, \\\"the\\\" Varn\" .\n");
  return dir / "g.ttl";
}

}  // namespace

TEST_SUITE("cli query") {
  TEST_CASE("query prints CSV, TSV and JSON results with kgbuild's prefixes predeclared") {
    auto dir = temp_dir("cli-query-formats");
    auto g = write_graph(dir);
    const std::string sel = " 'SELECT ?p ?n WHERE { ?d kg:signedBy ?p . ?p rdfs:label ?n }'";
    auto csv = run_kgbuild("query --graph " + shq(g) + " -f csv" + sel, dir);
    CHECK(csv.exit_code == 0);
    CHECK(csv.err.empty());
    CHECK(csv.out == "p,n\r\nhttps://w3id.org/kgbuild/resource/person/ilse-varn,\"Ilse, \"\"the\"\" Varn\"\r\n");
    auto tsv = run_kgbuild("query --graph " + shq(g) + sel, dir);  // not a terminal: TSV
    CHECK(tsv.out == "?p\t?n\n<https://w3id.org/kgbuild/resource/person/ilse-varn>\t\"Ilse, \\\"the\\\" Varn\"\n");
    auto json = run_kgbuild("query --graph " + shq(g) + " -f json 'ASK { ?d kg:signedBy person:ilse-varn }'", dir);
    CHECK(json.out == "{\n  \"head\": {},\n  \"boolean\": true\n}\n");
  }

  TEST_CASE("query reads @file.rq, substitutes -p parameters and writes -o atomically") {
    auto dir = temp_dir("cli-query-file");
    auto g = write_graph(dir);
    write_file(dir / "q.rq", "# who signed $doc?\nSELECT ?p WHERE { ?d rdfs:label $doc ; kg:signedBy ?p }\n");
    auto r = run_kgbuild("query --graph " + shq(g) + " -p 'doc=Tide Pact' -o " + shq(dir / "a.tsv") + " @" +
                             shq(dir / "q.rq"),
                         dir);
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK(read_file(dir / "a.tsv") == "?p\n<https://w3id.org/kgbuild/resource/person/ilse-varn>\n");
  }

  TEST_CASE("usage and syntax errors exit 2, unreadable inputs exit 1") {
    auto dir = temp_dir("cli-query-errors");
    auto g = write_graph(dir);
    write_file(dir / "bad.rq", "SELECT ?p\nWHERE { ?p ?q }\n");
    auto syntax = run_kgbuild("query --graph " + shq(g) + " @" + shq(dir / "bad.rq"), dir);
    CHECK(syntax.exit_code == 2);
    CHECK(syntax.err.rfind("kgbuild: query:2: error: ", 0) == 0);
    CHECK(syntax.out.empty());
    auto none = run_kgbuild("query 'ASK {}'", dir);
    CHECK(none.exit_code == 2);
    CHECK(none.err == "kgbuild: error: give --graph FILE (repeatable) or --store URI, not both (see kgbuild query --help)\n");
    auto store = run_kgbuild("query --store " + shq("sqlite:" + (dir / "no.db").string()) + " 'ASK {}'", dir);
    CHECK(store.exit_code == 1);
    CHECK(store.err == "kgbuild: " + (dir / "no.db").string() + ": error: cannot open the store: no such file\n");
    auto broken = run_kgbuild("query --graph " + shq(dir / "missing.ttl") + " 'ASK {}'", dir);
    CHECK(broken.exit_code == 1);
    CHECK(broken.err.find("missing.ttl") != std::string::npos);
    auto load = run_kgbuild("load " + shq(g), dir);
    CHECK(load.exit_code == 2);
    CHECK(load.err == "kgbuild: error: missing --store URI (see kgbuild load --help)\n");
  }

  TEST_CASE("load fills a store that query reads, loading again changes nothing") {
    auto dir = temp_dir("cli-query-load");
    auto g = write_graph(dir);
    const std::string uri = shq("sqlite:" + (dir / "s.db").string());
    auto first = run_kgbuild("load --store " + uri + " " + shq(g), dir);
    CHECK(first.exit_code == 0);
    CHECK(first.out.rfind("kgbuild: loaded 1 file(s): 1 graph(s), 5 quads in ", 0) == 0);
    CHECK(run_kgbuild("load -q --store " + uri + " " + shq(g), dir).out.empty());
    auto all = run_kgbuild("query --store " + uri + " -f csv 'SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }'", dir);
    CHECK(all.exit_code == 0);
    CHECK(std::count(all.out.begin(), all.out.end(), '\n') == 1 + 5);
    CHECK(all.out.find("file://" + g.string()) != std::string::npos);
  }
}
