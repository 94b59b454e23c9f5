// The one doctest main, built once as an OBJECT library (nlohmann test_main style).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
