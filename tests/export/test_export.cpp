// kg::rdfio: dataset building, writers, escaping, readers, atomic files.
#include <algorithm>

#include "export/export.hpp"
#include "support.hpp"

using namespace kg;
using namespace kg::test;
using ontology::Class;
using ontology::Property;

namespace {

extract::DocResult sample_doc(const std::string& file, const std::string& tricky = "plain") {
  extract::DocResult d;
  d.source = extract::SourceInfo{file, std::string(64, 'b'), 42};
  auto p = ontology::make_key(Class::Person, "Anton Brask");
  auto c = ontology::make_key(Class::Settlement, "Port Vessel");
  d.entities.push_back({p, "Anton Brask", {"Brask", tricky}});
  d.entities.push_back({c, "Port Vessel", {}});
  d.relations.push_back({p, Property::migratedTo, c, extract::Evidence{file, 10, 40, "Brask \"moved\"\nto Port Vessel\\", "test-rule", 0.8}});
  d.relations.push_back({p, Property::migratedTo, c, extract::Evidence{file, 90, 120, "Brask went to Port Vessel.", "test-rule", 0.6}});
  d.attributes.push_back({c, ontology::DataProperty::date, "1999-05", ontology::Datatype::gYearMonth,
                          extract::Evidence{file, 90, 120, "Brask went to Port Vessel.", "test-rule", 0.6}});
  return d;
}

rdfio::Dataset sample_dataset(const std::string& tricky = "plain") {
  graph::Graph g;
  g.add(sample_doc("one.txt", tricky));
  return rdfio::to_dataset(g);
}

std::size_t count(const rdfio::Dataset& ds, const std::string& p, const std::string& o = "") {
  return static_cast<std::size_t>(std::count_if(ds.quads.begin(), ds.quads.end(), [&](const rdfio::Quad& q) {
    return q.predicate.str() == p && (o.empty() || ontology::to_ntriples(q.object) == o);
  }));
}

}  // namespace

TEST_SUITE("export::Dataset") {
  TEST_CASE("one Assertion per place a statement is found, with its provenance") {
    auto ds = sample_dataset();
    CHECK(count(ds, vocab::rdf_type, "<" + ontology::iri(Class::Assertion) + ">") == 3);  // 2 relations + 1 date
    CHECK(count(ds, ontology::iri(Property::migratedTo)) == 1);  // the statement itself, once
    CHECK(count(ds, ontology::iri(ontology::DataProperty::charStart), "\"90\"^^<http://www.w3.org/2001/XMLSchema#integer>") == 2);
    CHECK(count(ds, vocab::prov_wasDerivedFrom) == 3);
  }

  TEST_CASE("every entity has one label, its class, and mentionedIn its source") {
    auto ds = sample_dataset();
    std::string person = ontology::entity_iri(ontology::make_key(Class::Person, "Anton Brask"));
    std::size_t labels = 0, mentions = 0;
    for (const auto& q : ds.quads) {
      if (q.subject.str() != person) continue;
      labels += q.predicate.str() == vocab::rdfs_label;
      mentions += q.predicate.str() == ontology::iri(Property::mentionedIn);
    }
    CHECK(labels == 1);
    CHECK(mentions == 1);
    CHECK(count(ds, ontology::iri(ontology::DataProperty::fileName), "\"one.txt\"") == 1);
  }

  TEST_CASE("statements sit in their source's named graph, descriptions in the entities graph") {
    auto ds = sample_dataset();
    std::set<std::string> graphs;
    for (const auto& q : ds.quads) graphs.insert(q.graph.str());
    CHECK(graphs.size() == 2);
    CHECK(graphs.count(rdfio::entities_graph_iri()) == 1);
  }
}

TEST_SUITE("export::Writers") {
  TEST_CASE("Turtle escapes quotes, backslashes, newlines and control characters") {
    auto ds = sample_dataset("tab\there \x01 \"q\" caf\xC3\xA9");
    std::string ttl = rdfio::serialise(ds, rdfio::Format::turtle);
    CHECK(ttl.find(R"("Brask \"moved\"\nto Port Vessel\\")") != std::string::npos);
    CHECK(ttl.find(R"("tab\there \u0001 \"q\" café")") != std::string::npos);
    CHECK(ttl.find("@prefix kg: <https://w3id.org/kgbuild/ontology#> .") != std::string::npos);
  }

  TEST_CASE("IRIs that cannot be prefixed names are written in full") {
    rdfio::Dataset ds;
    ds.quads.push_back({rdfio::Iri::unchecked("https://w3id.org/kgbuild/resource/person/a.b"),
                        rdfio::Iri::unchecked(vocab::rdfs_label), rdfio::Literal{"x", "", ""}, rdfio::Iri{}});
    std::string ttl = rdfio::serialise(ds, rdfio::Format::turtle);
    CHECK(ttl.find("<https://w3id.org/kgbuild/resource/person/a.b>") != std::string::npos);
    CHECK(ttl.find("person:a") == std::string::npos);
  }

  TEST_CASE("each format reads back to the same triples") {
    auto ds = sample_dataset("odd \\ \"name\"");
    auto expected = ds.triples();
    for (auto f : {rdfio::Format::turtle, rdfio::Format::ntriples, rdfio::Format::nquads, rdfio::Format::trig,
                   rdfio::Format::jsonld}) {
      INFO(rdfio::name(f));
      auto back = rdfio::parse_text(rdfio::serialise(ds, f), f, "mem", {});
      REQUIRE(back.ok());
      CHECK(back->triples() == expected);
    }
    auto nq = rdfio::parse_text(rdfio::serialise(ds, rdfio::Format::nquads), rdfio::Format::nquads, "mem", {});
    CHECK(nq->quads == ds.quads);
  }

  TEST_CASE("output is byte-identical for the same graph built in another order") {
    graph::Graph a, b;
    a.add(sample_doc("one.txt"));
    a.add(sample_doc("two.txt"));
    b.add(sample_doc("two.txt"));
    b.add(sample_doc("one.txt"));
    for (auto f : {rdfio::Format::turtle, rdfio::Format::jsonld, rdfio::Format::trig})
      CHECK(rdfio::serialise(rdfio::to_dataset(a), f) == rdfio::serialise(rdfio::to_dataset(b), f));
  }

  TEST_CASE("rapper and serdi accept the Turtle, TriG and N-Quads") {
    if (!have_tool("rapper") || !have_tool("serdi")) {
      MESSAGE("skipped: rapper or serdi not installed");
      return;
    }
    auto dir = temp_dir("export-tools");
    auto ds = sample_dataset("tab\there \x01 \"q\" caf\xC3\xA9");
    for (auto [f, rname] : {std::pair{rdfio::Format::turtle, "turtle"}, std::pair{rdfio::Format::trig, "trig"},
                            std::pair{rdfio::Format::nquads, "nquads"}}) {
      fs::path file = dir / ("g." + std::string(rdfio::extension(f)));
      REQUIRE(rdfio::write_file(ds, f, file.string()).ok());
      INFO(rname);
      CHECK(run_command("rapper -q -i " + std::string(rname) + " -c '" + file.string() + "'", dir).exit_code == 0);
      CHECK(run_command("serdi -i " + std::string(rname) + " '" + file.string() + "'", dir).exit_code == 0);
    }
  }

  TEST_CASE("a syntax error is reported with file, line and column") {
    auto r = rdfio::parse_text("@prefix x: <http://x/> .\nx:a x:b .\n", rdfio::Format::turtle, "broken.ttl", {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::parse);
    CHECK(r.error().where.file == "broken.ttl");
    CHECK(r.error().where.line == 2);
  }
}

TEST_SUITE("export::AtomicFile") {
  TEST_CASE("write_text_file replaces the target and leaves no temporary") {
    auto dir = temp_dir("atomic");
    write_file(dir / "out.txt", "old");
    REQUIRE(rdfio::write_text_file((dir / "out.txt").string(), "new").ok());
    CHECK(read_file(dir / "out.txt") == "new");
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& f : fs::directory_iterator(dir)) ++files;
    CHECK(files == 1);
  }

  TEST_CASE("an unwritable location is an io error naming the path, and the old file stays") {
    auto dir = temp_dir("atomic-fail");
    write_file(dir / "blocker", "x");
    auto r = rdfio::write_text_file((dir / "blocker" / "out.txt").string(), "data");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::io);
    CHECK(r.error().render().find("blocker/out.txt") != std::string::npos);
    CHECK(read_file(dir / "blocker") == "x");
  }
}

TEST_SUITE("export::Format") {
  TEST_CASE("formats are found by name and extension") {
    CHECK(rdfio::format_from_extension("a/b/graph.ttl") == rdfio::Format::turtle);
    CHECK(rdfio::format_from_extension("x.nq") == rdfio::Format::nquads);
    CHECK(rdfio::format_from_extension("x.jsonld") == rdfio::Format::jsonld);
    CHECK_FALSE(rdfio::format_from_extension("x.txt").has_value());
    CHECK(rdfio::media_type(rdfio::Format::trig) == "application/trig");
  }
}
