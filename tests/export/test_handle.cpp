// Handle<T, free>: empty handles never call the free function, owned ones exactly once
// (serd's test_free_null idea), with a counting free function and with raptor.
#include <raptor2/raptor2.h>

#include "../../export/redland/handle.hpp"
#include "fixture.hpp"

using kg::rdfio::detail::Handle;

namespace {
int g_freed = 0;
struct Thing {
  int id;
};
void free_thing(Thing* t) {
  ++g_freed;
  delete t;
}
using ThingHandle = Handle<Thing, free_thing>;
}  // namespace

TEST_SUITE("export::Handle") {
  TEST_CASE("default-constructed and moved-from handles destroy without freeing") {
    g_freed = 0;
    { ThingHandle empty; }
    CHECK(g_freed == 0);
    {
      ThingHandle a(new Thing{1});
      ThingHandle b(std::move(a));
      CHECK(a == nullptr);
      CHECK(b->id == 1);
    }
    CHECK(g_freed == 1);
  }

  TEST_CASE("release hands ownership over and reset frees the old object") {
    g_freed = 0;
    Thing* raw = nullptr;
    {
      ThingHandle h(new Thing{2});
      raw = h.release();
    }
    CHECK(g_freed == 0);
    ThingHandle again(raw);
    again.reset(new Thing{3});
    CHECK(g_freed == 1);
    again.reset();
    CHECK(g_freed == 2);
  }

  TEST_CASE("raptor objects in handles: empty, moved-from and owned all destroy safely") {
    using World = Handle<raptor_world, raptor_free_world>;
    using Uri = Handle<raptor_uri, raptor_free_uri>;
    { World empty; }
    World world(raptor_new_world());
    REQUIRE(world);
    REQUIRE(raptor_world_open(world.get()) == 0);
    Uri uri(raptor_new_uri(world.get(), reinterpret_cast<const unsigned char*>("http://example.org/")));
    Uri moved(std::move(uri));
    CHECK(uri == nullptr);
    CHECK(std::string(reinterpret_cast<const char*>(raptor_uri_as_string(moved.get()))) == "http://example.org/");
    moved.reset();
    World other(std::move(world));
    CHECK(world == nullptr);
  }
}
