#include "vixray/data/decimal.hpp"

#include <cstdint>

namespace vixray {

namespace {

// 10^0 .. 10^22: every one an exact double (5^22 < 2^53).
constexpr double kPow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                               1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                               1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool parse_decimal_fast(const char* text, const char** end, double* value) {
  const char* p = text;
  const bool negative = *p == '-';
  if (negative) ++p;
  if (!is_digit(*p)) return false;  // also ".5", "+1", " 1", "inf", "nan"
  // Hexadecimal ("0x1p3") is strtod's.
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) return false;
  uint64_t w = 0;
  int significant = 0;  // digits of w after leading zeros
  int exponent = 0;     // decimal exponent of w
  for (; is_digit(*p); ++p) {
    if (w == 0 && *p == '0') continue;
    if (++significant > 15) return false;
    w = w * 10 + static_cast<uint64_t>(*p - '0');
  }
  if (*p == '.') {
    ++p;
    if (!is_digit(*p)) return false;  // "1." : strtod's
    for (; is_digit(*p); ++p) {
      --exponent;
      if (w == 0 && *p == '0') continue;
      if (++significant > 15) return false;
      w = w * 10 + static_cast<uint64_t>(*p - '0');
    }
  }
  if (*p == 'e' || *p == 'E') {
    const char* q = p + 1;
    const bool negative_exponent = *q == '-';
    if (*q == '-' || *q == '+') ++q;
    if (!is_digit(*q)) return false;  // "1e", "1e+": strtod's
    int written = 0;
    for (; is_digit(*q); ++q) {
      if (written > 1000) return false;  // far outside the fast path; no overflow below
      written = written * 10 + (*q - '0');
    }
    exponent += negative_exponent ? -written : written;
    p = q;
  }
  double result = 0.0;
  if (w != 0) {
    if (exponent < -22 || exponent > 22) return false;
    const double x = static_cast<double>(w);  // exact: w < 10^15 < 2^53
    result = exponent >= 0 ? x * kPow10[exponent] : x / kPow10[-exponent];
  }
  *value = negative ? -result : result;
  *end = p;
  return true;
}

}  // namespace vixray
