// strtod for the WebAssembly build: the core's exact fast path (vixray/data/decimal.hpp) first,
// musl's strtod for what it declines. The link wraps the symbol (-Wl,--wrap=strtod in
// wasm/CMakeLists.txt), so every caller (nlohmann::json reading the model bundle and
// market.json, the CSV readers) gets it; musl's strtod computes in software-emulated 128-bit long
// double. Same doubles bit for bit: the fast path answers only where it is provably exact.
#include <cstdlib>

#include "vixray/data/decimal.hpp"

extern "C" double __real_strtod(const char* text, char** end);

extern "C" double __wrap_strtod(const char* text, char** end) {
  const char* fast_end = nullptr;
  double value = 0.0;
  if (vixray::parse_decimal_fast(text, &fast_end, &value)) {
    if (end) *end = const_cast<char*>(fast_end);
    return value;
  }
  return __real_strtod(text, end);
}
