// Black-box tests of the kgbuild binary: exit codes, messages, files.
#include <unistd.h>

#include "support.hpp"

using namespace kg::test;

namespace {

const std::string kBin = KG_BINARY;
const std::string kData = std::string(" --data '") + KG_DATA_DIR + "'";

std::string good_text() {
  return "The Valdorian refugees fled to Port Vessel in 1999, and the people of the town helped them "
         "through the winter, as the newspapers of the time reported in detail.\n";
}

CommandResult kgbuild(const std::string& args, const fs::path& scratch) {
  return run_command("'" + kBin + "' " + args, scratch);
}

bool temp_files_left(const fs::path& dir) {
  for (const auto& f : fs::directory_iterator(dir))
    if (f.path().filename().string().find(".tmp") != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_SUITE("cli::kgbuild") {
  TEST_CASE("--help lists the commands and exits 0, no arguments is a usage error") {
    auto dir = temp_dir("cli-help");
    auto r = kgbuild("--help", dir);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("build") != std::string::npos);
    CHECK(r.out.find("exit codes") != std::string::npos);
    auto b = kgbuild("build --help", dir);
    CHECK(b.exit_code == 0);
    CHECK(b.out.find("--output DIR") != std::string::npos);
    CHECK(b.out.find("--strict") != std::string::npos);
    CHECK(kgbuild("", dir).exit_code == 2);
  }

  TEST_CASE("an unknown option or command exits 2 with a message") {
    auto dir = temp_dir("cli-usage");
    auto r = kgbuild("build --frobnicate x -o out", dir);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown option '--frobnicate'") != std::string::npos);
    auto c = kgbuild("explode", dir);
    CHECK(c.exit_code == 2);
    CHECK(c.err.find("unknown command 'explode'") != std::string::npos);
    auto o = kgbuild("build some.txt", dir);
    CHECK(o.exit_code == 2);
    CHECK(o.err.find("missing -o DIR") != std::string::npos);
  }

  TEST_CASE("a missing input path exits 1 naming it, and writes nothing") {
    auto dir = temp_dir("cli-missing");
    write_file(dir / "good.txt", good_text());
    auto r = kgbuild("build '" + (dir / "good.txt").string() + "' '" + (dir / "nope.txt").string() + "' -o '" +
                    (dir / "out").string() + "'" + kData,
                dir);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("nope.txt") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "out" / "graph.ttl"));
  }

  TEST_CASE("a binary or invalid UTF-8 file among good ones is a warning, --strict fails") {
    auto dir = temp_dir("cli-badfile");
    write_file(dir / "in" / "a_good.txt", good_text());
    write_file(dir / "in" / "b_binary.bin", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    write_file(dir / "in" / "c_latin1.txt", "Caf\xE9 in Port Vessel\n");
    write_file(dir / "in" / "d_empty.txt", "");
    auto r = kgbuild("build '" + (dir / "in").string() + "' -o '" + (dir / "out").string() + "'" + kData, dir);
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("b_binary.bin") != std::string::npos);
    CHECK(r.err.find("binary file") != std::string::npos);
    CHECK(r.err.find("c_latin1.txt: byte 3: warning: invalid UTF-8") != std::string::npos);
    CHECK(r.err.find("d_empty.txt: warning: empty file") != std::string::npos);
    CHECK(fs::exists(dir / "out" / "graph.ttl"));
    std::string ttl = read_file(dir / "out" / "graph.ttl");
    CHECK(ttl.find("a_good.txt") != std::string::npos);
    CHECK(ttl.find("c_latin1.txt") == std::string::npos);
    std::string report = read_file(dir / "out" / "report.json");
    CHECK(report.find("\"skipped\"") != std::string::npos);
    CHECK(report.find("b_binary.bin") != std::string::npos);

    auto s = kgbuild("build '" + (dir / "in").string() + "' --strict -o '" + (dir / "strict").string() + "'" + kData, dir);
    CHECK(s.exit_code == 1);
    CHECK(s.err.find("--strict") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "strict" / "graph.ttl"));
  }

  TEST_CASE("an unwritable output directory exits 1 with a message and leaves nothing") {
    auto dir = temp_dir("cli-unwritable");
    write_file(dir / "good.txt", good_text());
    // A path below a regular file can never be created (works for root too).
    write_file(dir / "blocker", "x");
    auto r = kgbuild("build '" + (dir / "good.txt").string() + "' -o '" + (dir / "blocker" / "out").string() + "'" + kData, dir);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("blocker/out") != std::string::npos);
    if (::geteuid() != 0) {
      fs::create_directories(dir / "ro");
      fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec);
      auto ro = kgbuild("build '" + (dir / "good.txt").string() + "' -o '" + (dir / "ro").string() + "'" + kData, dir);
      CHECK(ro.exit_code == 1);
      CHECK(ro.err.find("not writable") != std::string::npos);
      CHECK(fs::is_empty(dir / "ro"));
      fs::permissions(dir / "ro", fs::perms::owner_all);
    }
  }

  TEST_CASE("outputs are complete, free of temporary files and byte-identical across runs") {
    auto dir = temp_dir("cli-determinism");
    std::string examples = std::string(KG_SOURCE_DIR) + "/examples";
    auto a = kgbuild("build '" + examples + "' -o '" + (dir / "a").string() + "' -q" + kData, dir);
    auto b = kgbuild("build '" + examples + "' -o '" + (dir / "b").string() + "' -q -j 1" + kData, dir);
    REQUIRE(a.exit_code == 0);
    REQUIRE(b.exit_code == 0);
    for (const char* f : {"graph.ttl", "graph.jsonld", "graph.nq", "graph.trig", "ontology.ttl"}) {
      INFO(f);
      REQUIRE(fs::exists(dir / "a" / f));
      CHECK(read_file(dir / "a" / f) == read_file(dir / "b" / f));
    }
    CHECK(fs::exists(dir / "a" / "report.json"));
    CHECK_FALSE(temp_files_left(dir / "a"));
  }

  TEST_CASE("the build summary names the outputs and the report counts the documents") {
    auto dir = temp_dir("cli-report");
    write_file(dir / "one.txt", good_text());
    auto r = kgbuild("build '" + (dir / "one.txt").string() + "' -o '" + (dir / "out").string() + "'" + kData, dir);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("wrote") != std::string::npos);
    std::string report = read_file(dir / "out" / "report.json");
    CHECK(report.find("\"processed\": 1") != std::string::npos);
    CHECK(report.find("\"timings_ms\"") != std::string::npos);
    CHECK(report.find("\"entities_by_class\"") != std::string::npos);
  }

  TEST_CASE("validate accepts kgbuild's own output and rejects a broken graph") {
    auto dir = temp_dir("cli-validate");
    write_file(dir / "one.txt", good_text());
    REQUIRE(kgbuild("build '" + (dir / "one.txt").string() + "' -o '" + (dir / "out").string() + "' -q" + kData, dir).exit_code == 0);
    auto ok = kgbuild("validate '" + (dir / "out" / "graph.ttl").string() + "'", dir);
    CHECK(ok.exit_code == 0);
    CHECK(ok.out.find("conforms") != std::string::npos);
    write_file(dir / "bad.ttl",
               "@prefix kg: <https://w3id.org/kgbuild/ontology#> .\n"
               "<https://w3id.org/kgbuild/resource/person/nameless> a kg:Person .\n");
    auto bad = kgbuild("validate '" + (dir / "bad.ttl").string() + "'", dir);
    CHECK(bad.exit_code == 1);
    CHECK(bad.out.find("https://w3id.org/kgbuild/resource/person/nameless") != std::string::npos);
    CHECK(kgbuild("validate", dir).exit_code == 2);
    auto parse = kgbuild("validate '" + (dir / "one.txt").string() + "'", dir);
    CHECK(parse.exit_code == 2);
  }
}
