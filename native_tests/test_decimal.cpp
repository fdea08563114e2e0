// The exact fast path of decimal parsing (decimal.hpp) against the C library's strtod (glibc,
// correctly rounded): wherever the fast path answers, the double and the end of the number are
// those of strtod, bit for bit; where it cannot be exact it declines.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "vixray/base/rng.hpp"
#include "vixray/data/decimal.hpp"

namespace {

// Parses with both; returns whether the fast path answered (and checks it against strtod).
bool same_as_strtod(const std::string& text) {
  const char* fast_end = nullptr;
  double fast = 0.0;
  if (!vixray::parse_decimal_fast(text.c_str(), &fast_end, &fast)) return false;
  char* end = nullptr;
  const double expected = std::strtod(text.c_str(), &end);
  INFO(text);
  REQUIRE(std::memcmp(&fast, &expected, sizeof fast) == 0);
  REQUIRE(fast_end == end);
  return true;
}

}  // namespace

TEST_CASE("decimal fast path: known values, signs, ends and what it declines", "[decimal]") {
  for (const char* text : {"0", "-0", "0.0", "1", "-1", "17.24", "0.1", "1e22", "1e-22",
                           "123456789012345", "0.000000123456789012345", "9007199254740991",
                           "4.5e+3", "4.5E-3", "1234.5,", "-0.000e5", "1e0x"}) {
    INFO(text);
    const bool answered = same_as_strtod(text);
    // Over 15 significant digits (9007199254740991) the fast path declines; the rest it takes.
    CHECK(answered == (std::string(text) != "9007199254740991"));
  }
  const char* end = nullptr;
  double value = 0.0;
  CHECK(vixray::parse_decimal_fast("-0", &end, &value));
  CHECK(std::signbit(value));
  for (const char* text :
       {"", "-", ".5", "+1", " 1", "1.", "1e", "1e+", "0x10", "inf", "nan", "1e23", "1e-23",
        "1234567890123456", "0.1234567890123456", "1e999999999999"}) {
    INFO(text);
    CHECK_FALSE(vixray::parse_decimal_fast(text, &end, &value));
  }
}

TEST_CASE("decimal fast path: random numbers in the formats the core writes equal strtod",
          "[decimal]") {
  vixray::Rng rng(2024);
  char buffer[64];
  int answered = 0, total = 0;
  for (int i = 0; i < 20000; ++i) {
    // Random finite doubles over many magnitudes, printed as the CSV writers, nlohmann's
    // shortest float32 decimals and prices do.
    const double magnitude = std::ldexp(1.0, static_cast<int>(rng.below(160)) - 80);
    const double x = (rng.uniform() - 0.5) * magnitude;
    for (const char* format : {"%.17g", "%.15g", "%.9g", "%.6g", "%.2f", "%.3e", "%.10g"}) {
      std::snprintf(buffer, sizeof buffer, format, x);
      answered += same_as_strtod(buffer) ? 1 : 0;
      ++total;
    }
    // Random digit strings: w of 1..15 digits, exponent in [-25, 25].
    const uint64_t w = rng.below(1000000000000000ULL);
    const int k = static_cast<int>(rng.below(51)) - 25;
    std::snprintf(buffer, sizeof buffer, "%llue%d", static_cast<unsigned long long>(w), k);
    answered += same_as_strtod(buffer) ? 1 : 0;
    ++total;
  }
  // Most of them take the fast path (the %.17g ones mostly do not).
  CHECK(answered > total / 2);
}
