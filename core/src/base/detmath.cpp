#include "vixray/base/detmath.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace vixray::detmath {
namespace {

// ln 2 split so that n * kLn2Hi is exact for |n| < 2^11 (the low 11 bits of kLn2Hi are zero).
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;

// e^r for |r| <= 0.35 by its Taylor series (Horner form). The 18th term is below 1e-22.
double exp_reduced(double r) {
  double sum = 1.0;
  for (int k = 18; k >= 1; --k) sum = 1.0 + sum * r / static_cast<double>(k);
  return sum;
}

}  // namespace

double log(double x) {
  if (std::isnan(x) || x < 0.0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0.0) return -std::numeric_limits<double>::infinity();
  if (std::isinf(x)) return x;
  int exponent = 0;
  double mantissa = std::frexp(x, &exponent);  // exact: x = mantissa * 2^exponent, [0.5, 1)
  if (mantissa < 0.70710678118654752440) {     // move mantissa into [sqrt(1/2), sqrt(2))
    mantissa *= 2.0;
    exponent -= 1;
  }
  // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716, s^2 <= 0.0295.
  const double s = (mantissa - 1.0) / (mantissa + 1.0);
  const double s2 = s * s;
  double series = 0.0;
  for (int k = 14; k >= 1; --k) series = 1.0 / static_cast<double>(2 * k + 1) + s2 * series;
  // 2s + 2s*s2*series, keeping 2s separate for accuracy near 1.
  const double log_mantissa = 2.0 * s + 2.0 * s * s2 * series;
  const double e = static_cast<double>(exponent);
  return (e * kLn2Hi + log_mantissa) + e * kLn2Lo;
}

double exp(double x) {
  if (std::isnan(x)) return x;
  if (x > 709.782712893384) return std::numeric_limits<double>::infinity();
  if (x < -745.1332191019412) return 0.0;
  const double n = std::nearbyint(x * kInvLn2);
  const double r = (x - n * kLn2Hi) - n * kLn2Lo;  // |r| <= ~0.347
  return std::ldexp(exp_reduced(r), static_cast<int>(n));
}

double exp2(double x) {
  if (std::isnan(x)) return x;
  if (x >= 1024.0) return std::numeric_limits<double>::infinity();
  if (x < -1075.0) return 0.0;
  const double n = std::nearbyint(x);
  const double fraction = x - n;  // exact, |fraction| <= 0.5
  // 2^f = e^(f ln2); f * ln2 split in two for accuracy.
  const double r = fraction * kLn2Hi + fraction * kLn2Lo;
  return std::ldexp(exp_reduced(r), static_cast<int>(n));
}

namespace {

// exp2() of kLanes values whose |x| < 1000 (finite, 2^n and the result normal doubles): the same
// operations lane by lane, the series' steps interleaved. n = nearbyint(x) by adding and
// subtracting 1.5 * 2^52 (round to nearest even, exact for |x| < 2^51); ldexp(s, n) = s * 2^n,
// exact for a normal result.
constexpr size_t kLanes = 8;
void exp2_lanes(double* x) {
  constexpr double kRound = 6755399441055744.0;  // 1.5 * 2^52
  double r[kLanes], n[kLanes], sum[kLanes];
  for (size_t k = 0; k < kLanes; ++k) {
    n[k] = (x[k] + kRound) - kRound;
    const double fraction = x[k] - n[k];
    r[k] = fraction * kLn2Hi + fraction * kLn2Lo;
    sum[k] = 1.0;
  }
  for (int j = 18; j >= 1; --j)
    for (size_t k = 0; k < kLanes; ++k) sum[k] = 1.0 + sum[k] * r[k] / static_cast<double>(j);
  for (size_t k = 0; k < kLanes; ++k) {
    const auto biased = static_cast<uint64_t>(static_cast<int64_t>(n[k]) + 1023) << 52;
    double scale;
    std::memcpy(&scale, &biased, sizeof scale);
    x[k] = sum[k] * scale;
  }
}

}  // namespace

void exp2_each(double* values, size_t count) {
  size_t i = 0;
  for (; i + kLanes <= count; i += kLanes) {
    bool plain = true;  // false also for NaN
    for (size_t k = 0; k < kLanes; ++k)
      plain &= (values[i + k] > -1000.0) & (values[i + k] < 1000.0);
    if (plain) {
      exp2_lanes(values + i);
    } else {
      for (size_t k = 0; k < kLanes; ++k) values[i + k] = exp2(values[i + k]);
    }
  }
  for (; i < count; ++i) values[i] = exp2(values[i]);
}

double log2(double x) { return log(x) * kInvLn2; }

double pow(double x, double y) {
  if (x == 0.0) return y > 0.0 ? 0.0 : (y == 0.0 ? 1.0 : std::numeric_limits<double>::infinity());
  if (y == 0.0) return 1.0;
  return exp(y * log(x));
}

}  // namespace vixray::detmath
