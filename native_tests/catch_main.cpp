// Catch2 v2 main, compiled alone at -O0 (see CMakeLists.txt).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
