#include <cstdio>
#include <cstdlib>

#include "fuzz_target.hpp"

namespace vixray::fuzz {

void fail(const char* target, const char* what) {
  std::fprintf(stderr, "fuzz %s: invariant broken: %s\n", target, what);
  std::abort();
}

}  // namespace vixray::fuzz
