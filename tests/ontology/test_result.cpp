#include "ontology/result.hpp"
#include "support.hpp"

TEST_SUITE("ontology::Result") {
  TEST_CASE("errors render GCC style") {
    kg::Error e{kg::Errc::parse, "expected '.', found 'x'", kg::Location{"a.ttl", 3, 7}};
    CHECK(e.render() == "a.ttl:3:7: error: expected '.', found 'x'");
    kg::Location byte{"b.txt"};
    byte.byte_offset = 42;
    CHECK(kg::Error{kg::Errc::encoding, "invalid UTF-8", byte}.render() ==
          "b.txt: byte 42: error: invalid UTF-8");
  }
  TEST_CASE("KG_TRY propagates the first error") {
    auto fail = []() -> kg::Result<int> { return kg::make_error(kg::Errc::io, "boom"); };
    auto use = [&]() -> kg::Result<int> {
      KG_TRY(int v, fail());
      return v + 1;
    };
    auto r = use();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "boom");
    CHECK_THROWS_AS(std::move(r).take(), kg::ErrorException);
  }
}
