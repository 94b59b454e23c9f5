// serialise / write_file in every format: N-Triples/N-Quads lines, round trips through
// parse_text, byte-identical output, and acceptance by rapper and serdi.
#include "fixture.hpp"

using namespace kg;
using namespace kg::test;
using namespace kg::test::fx;

namespace {

constexpr rdfio::Format kAll[] = {rdfio::Format::turtle, rdfio::Format::ntriples, rdfio::Format::nquads,
                                  rdfio::Format::trig, rdfio::Format::jsonld};

// A dataset with strings and IRIs that stress the escaping rules, in two source graphs.
rdfio::Dataset tricky_dataset() {
  graph::Graph g;
  g.add(sample_doc("one.txt", "tab\there \x01 \"q\" back\\slash caf\xC3\xA9 \xED\x83\x88\xEB\xB6\x81\xEC\x9E\x90 \r\n\f\b"));
  g.add(sample_doc("two.txt", "it's a.b"));
  auto ds = rdfio::to_dataset(g);
  const std::string res = "https://w3id.org/kgbuild/resource/";
  for (std::string odd : {"person/a.b", "person/trailing-", "person/caf\xC3\xA9", "person/", "person/0digit",
                          "settlement/a%20b", "urn:x:odd"})
    ds.quads.push_back(quad(odd.rfind("urn:", 0) == 0 ? odd : res + odd, vocab::rdfs_label, str_lit(odd), rdfio::entities_graph_iri()));
  ds.quads.push_back(quad(res + "person/x", kKg + "value", Literal{"chat", "", "fr"}, rdfio::entities_graph_iri()));
  ds.normalise();
  return ds;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  for (auto nl = text.find('\n'); nl != std::string::npos; at = nl + 1, nl = text.find('\n', at)) out.push_back(text.substr(at, nl - at));
  return out;
}

}  // namespace

TEST_SUITE("export::Serialise") {
  TEST_CASE("N-Quads has one canonical line per quad, N-Triples one per distinct triple") {
    graph::Graph g;
    g.add(sample_doc("one.txt"));
    g.add(sample_doc("two.txt"));
    auto ds = rdfio::to_dataset(g);
    auto nq = lines_of(rdfio::serialise(ds, rdfio::Format::nquads));
    REQUIRE(nq.size() == ds.quads.size());
    for (std::size_t i = 0; i < nq.size(); ++i) CHECK(nq[i] == ds.quads[i].to_nquads());
    auto nt = lines_of(rdfio::serialise(ds, rdfio::Format::ntriples));
    auto triples = ds.triples();
    REQUIRE(nt.size() == triples.size());
    CHECK(nt.size() == ds.triple_count());
    for (std::size_t i = 0; i < nt.size(); ++i) CHECK(nt[i] == triples[i].to_nquads(false));
  }

  TEST_CASE("each format reads back to the same triples, N-Quads and TriG to the same quads") {
    auto ds = tricky_dataset();
    auto expected = ds.triples();
    for (auto f : kAll) {
      INFO(rdfio::name(f));
      auto back = rdfio::parse_text(rdfio::serialise(ds, f), f, "mem", {});
      REQUIRE_MESSAGE(back.ok(), back.error().render());
      CHECK(back->triples() == expected);
      if (f == rdfio::Format::nquads || f == rdfio::Format::trig) CHECK(back->quads == ds.quads);
    }
  }

  TEST_CASE("output is byte-identical across runs and across the order the graph was built in") {
    graph::Graph a, b;
    a.add(sample_doc("one.txt"));
    a.add(sample_doc("two.txt", "Tony"));
    b.add(sample_doc("two.txt", "Tony"));
    b.add(sample_doc("one.txt"));
    for (auto f : kAll) {
      INFO(rdfio::name(f));
      std::string first = rdfio::serialise(rdfio::to_dataset(a), f);
      CHECK(first == rdfio::serialise(rdfio::to_dataset(a), f));
      CHECK(first == rdfio::serialise(rdfio::to_dataset(b), f));
    }
  }

  TEST_CASE("write_file writes what serialise returns and leaves no temporary") {
    auto dir = temp_dir("export-write-file");
    auto ds = tricky_dataset();
    for (auto f : kAll) {
      INFO(rdfio::name(f));
      fs::path file = dir / ("graph." + std::string(rdfio::extension(f)));
      REQUIRE(rdfio::write_file(ds, f, file.string()).ok());
      CHECK(read_file(file) == rdfio::serialise(ds, f));
    }
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(dir)) files += e.path().filename().string()[0] != '.';
    CHECK(files == std::size(kAll));
    for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().filename().string()[0] != '.');
  }

  TEST_CASE("write_file into a missing folder is an io error naming the file") {
    auto dir = temp_dir("export-write-missing");
    std::string target = (dir / "no-such-folder" / "graph.ttl").string();
    auto r = rdfio::write_file(tricky_dataset(), rdfio::Format::turtle, target);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::io);
    CHECK(r.error().render() == target + ": error: cannot create a temporary file beside it: No such file or directory");
  }

  TEST_CASE("rapper and serdi read every kgbuild RDF file with the same number of triples") {
    if (!have_tool("rapper") || !have_tool("serdi")) {
      MESSAGE("skipped: rapper or serdi not installed");
      return;
    }
    auto dir = temp_dir("export-tools");
    auto ds = tricky_dataset();
    for (auto [f, syntax] : {std::pair{rdfio::Format::turtle, "turtle"}, std::pair{rdfio::Format::trig, "trig"},
                             std::pair{rdfio::Format::nquads, "nquads"}, std::pair{rdfio::Format::ntriples, "ntriples"}}) {
      INFO(syntax);
      fs::path file = dir / ("g." + std::string(rdfio::extension(f)));
      REQUIRE(rdfio::write_file(ds, f, file.string()).ok());
      const bool quads = f == rdfio::Format::trig || f == rdfio::Format::nquads;
      const std::size_t expected = quads ? ds.quads.size() : ds.triple_count();
      auto rapper = run_command("rapper -i " + std::string(syntax) + " -o " + (quads ? "nquads" : "ntriples") + " '" +
                                    file.string() + "'",
                                dir);
      CHECK_MESSAGE(rapper.exit_code == 0, rapper.err);
      CHECK(rapper.err.find("rror") == std::string::npos);
      CHECK(lines_of(rapper.out).size() == expected);
      auto serdi = run_command("serdi -i " + std::string(syntax) + " -o " + (quads ? "nquads" : "ntriples") + " '" +
                                   file.string() + "'",
                               dir);
      CHECK_MESSAGE(serdi.exit_code == 0, serdi.err);
      CHECK(serdi.err.empty());
      CHECK(lines_of(serdi.out).size() == expected);
      // What the tools read is what we wrote: their N-Triples/N-Quads parse back to our
      // dataset (serdi escapes non-ASCII as UCHAR, so the text itself differs).
      const auto as = quads ? rdfio::Format::nquads : rdfio::Format::ntriples;
      for (const auto* out : {&rapper.out, &serdi.out}) {
        auto back = rdfio::parse_text(*out, as, "tool output", {});
        REQUIRE_MESSAGE(back.ok(), back.error().render());
        if (quads) CHECK(back->quads == ds.quads);
        else CHECK(back->triples() == ds.triples());
      }
    }
  }
}
