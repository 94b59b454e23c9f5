// AtomicFile: temporary beside the target, commit renames, destructor cleans up,
// errors name the target.
#include <sys/stat.h>
#include <unistd.h>

#include "../../export/src/atomic_file.hpp"
#include "fixture.hpp"

using namespace kg;
using namespace kg::test;
using rdfio::detail::AtomicFile;

namespace {
std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

TEST_SUITE("export::AtomicFile") {
  TEST_CASE("writes go to a hidden temporary beside the target until commit renames it") {
    auto dir = temp_dir("atomic-commit");
    write_file(dir / "out.txt", "old");
    auto f = AtomicFile::open((dir / "out.txt").string());
    REQUIRE(f.ok());
    fs::path tmp = f->temp_path();
    CHECK(tmp.parent_path() == dir);
    CHECK(tmp.filename().string().rfind(".out.txt.tmp-" + std::to_string(::getpid()) + "-", 0) == 0);
    REQUIRE(f->write("new ").ok());
    REQUIRE(f->write("content").ok());
    CHECK(read_file(dir / "out.txt") == "old");
    REQUIRE(f->commit().ok());
    CHECK(read_file(dir / "out.txt") == "new content");
    CHECK_FALSE(fs::exists(tmp));
    CHECK(names_in(dir) == std::vector<std::string>{"out.txt"});
    CHECK(f->commit().error().code == Errc::usage);
  }

  TEST_CASE("the destructor removes an uncommitted temporary and leaves the target alone") {
    auto dir = temp_dir("atomic-abandon");
    write_file(dir / "out.txt", "old");
    fs::path tmp;
    {
      auto f = AtomicFile::open((dir / "out.txt").string());
      REQUIRE(f.ok());
      tmp = f->temp_path();
      REQUIRE(f->write("half").ok());
      CHECK(fs::exists(tmp));
    }
    CHECK_FALSE(fs::exists(tmp));
    CHECK(read_file(dir / "out.txt") == "old");
    CHECK(names_in(dir) == std::vector<std::string>{"out.txt"});
  }

  TEST_CASE("a moved AtomicFile commits once, and the moved-from one destroys safely") {
    auto dir = temp_dir("atomic-move");
    auto opened = AtomicFile::open((dir / "moved.txt").string());
    REQUIRE(opened.ok());
    {
      AtomicFile f = std::move(opened.value());
      CHECK(opened->temp_path().empty());
      REQUIRE(f.write("moved").ok());
      REQUIRE(f.commit().ok());
    }
    CHECK(read_file(dir / "moved.txt") == "moved");
    CHECK(names_in(dir) == std::vector<std::string>{"moved.txt"});
  }

  TEST_CASE("two files open on one target get different temporaries") {
    auto dir = temp_dir("atomic-two");
    auto a = AtomicFile::open((dir / "t.txt").string());
    auto b = AtomicFile::open((dir / "t.txt").string());
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->temp_path() != b->temp_path());
  }

  TEST_CASE("a target inside a regular file is an io error naming the target") {
    auto dir = temp_dir("atomic-not-dir");
    write_file(dir / "blocker", "x");
    std::string target = (dir / "blocker" / "out.txt").string();
    auto r = rdfio::write_text_file(target, "data");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::io);
    CHECK(r.error().render() == target + ": error: cannot create a temporary file beside it: Not a directory");
    CHECK(read_file(dir / "blocker") == "x");
  }

  TEST_CASE("a read-only folder is an io error naming the target, and the old file stays") {
    auto dir = temp_dir("atomic-read-only");
    write_file(dir / "ro" / "out.txt", "old");
    std::string target = (dir / "ro" / "out.txt").string();
    if (::geteuid() == 0) {
      // root ignores folder permissions; a target whose folder is a regular file fails
      // the same way, in the same place (creating the temporary).
      MESSAGE("running as root: folder permissions do not apply, checking a folder that is a file instead");
      target = (dir / "ro" / "out.txt" / "inner.txt").string();
    } else {
      fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec);
    }
    auto r = rdfio::write_text_file(target, "new");
    fs::permissions(dir / "ro", fs::perms::owner_all);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::io);
    CHECK(r.error().where.file == target);
    CHECK(r.error().render().rfind(target + ": error: cannot create a temporary file beside it: ", 0) == 0);
    CHECK(read_file(dir / "ro" / "out.txt") == "old");
    CHECK(names_in(dir / "ro") == std::vector<std::string>{"out.txt"});
  }

  TEST_CASE("write_text_file replaces the target and leaves no temporary") {
    auto dir = temp_dir("atomic-text");
    write_file(dir / "out.txt", "old");
    REQUIRE(rdfio::write_text_file((dir / "out.txt").string(), "new").ok());
    CHECK(read_file(dir / "out.txt") == "new");
    CHECK(names_in(dir) == std::vector<std::string>{"out.txt"});
  }

  TEST_CASE("a target that is a folder fails at commit and leaves no temporary") {
    auto dir = temp_dir("atomic-folder-target");
    fs::create_directories(dir / "taken" / "child");
    auto f = AtomicFile::open((dir / "taken").string());
    REQUIRE(f.ok());
    REQUIRE(f->write("x").ok());
    auto r = f->commit();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::io);
    CHECK(r.error().render().rfind((dir / "taken").string() + ": error: cannot rename the temporary file into place: ", 0) == 0);
    CHECK(names_in(dir) == std::vector<std::string>{"taken"});
  }
}
