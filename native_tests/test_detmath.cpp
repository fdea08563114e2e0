// detmath against the C library: within a few ulp over wide ranges, and the special values.
// glibc's log/exp/exp2/log2/pow are correctly rounded or within 1 ulp, so they serve as the
// reference here (the point of detmath is identical bits everywhere, not better accuracy).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "vixray/base/detmath.hpp"
#include "vixray/base/nan.hpp"
#include "vixray/base/rng.hpp"

namespace dm = vixray::detmath;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
using vixray::kNaN;

// Distance in units in the last place: the number of doubles between a and b (same sign).
int64_t ulp_distance(double a, double b) {
  if (a == b) return 0;
  int64_t ia = 0, ib = 0;
  std::memcpy(&ia, &a, sizeof a);
  std::memcpy(&ib, &b, sizeof b);
  // Map the sign-magnitude bit patterns onto a monotonic integer line.
  if (ia < 0) ia = std::numeric_limits<int64_t>::min() - ia;
  if (ib < 0) ib = std::numeric_limits<int64_t>::min() - ib;
  return ia > ib ? ia - ib : ib - ia;
}

// Largest ulp error of f against g at `count` points x = lo + (hi - lo) * u, or at
// x = 2^(lo + (hi - lo) u) when `log_spaced`.
template <class F, class G>
int64_t max_ulp(F f, G g, double lo, double hi, bool log_spaced, uint64_t seed,
                double* worst_x = nullptr) {
  vixray::Rng rng(seed);
  int64_t worst = 0;
  for (int i = 0; i < 20000; ++i) {
    const double t = lo + (hi - lo) * rng.uniform();
    const double x = log_spaced ? std::exp2(t) : t;
    const int64_t d = ulp_distance(f(x), g(x));
    if (d > worst) {
      worst = d;
      if (worst_x) *worst_x = x;
    }
  }
  return worst;
}

}  // namespace

TEST_CASE("ulp_distance counts representable doubles", "[detmath]") {
  CHECK(ulp_distance(1.0, std::nextafter(1.0, 2.0)) == 1);
  CHECK(ulp_distance(0.0, -0.0) == 0);
  CHECK(ulp_distance(-std::numeric_limits<double>::denorm_min(),
                     std::numeric_limits<double>::denorm_min()) == 2);
}

TEST_CASE("log and log2 are within 4 ulp of the C library", "[detmath]") {
  auto dlog = [](double x) { return dm::log(x); };
  auto slog = [](double x) { return std::log(x); };
  auto dlog2 = [](double x) { return dm::log2(x); };
  auto slog2 = [](double x) { return std::log2(x); };
  double at = 0;
  // x from 2^-1074 (subnormal) to 2^1023, log-spaced.
  CHECK(max_ulp(dlog, slog, -1074.0, 1023.9, true, 1, &at) <= 4);
  CHECK(max_ulp(dlog2, slog2, -1074.0, 1023.9, true, 2, &at) <= 4);
  // Near 1, where the result is tiny and cancellation would show.
  CHECK(max_ulp(dlog, slog, 0.5, 2.0, false, 3, &at) <= 4);
  CHECK(max_ulp(dlog, slog, 1.0 - 1e-6, 1.0 + 1e-6, false, 4, &at) <= 4);
  CHECK(max_ulp(dlog2, slog2, 0.7, 1.5, false, 5, &at) <= 4);
  CAPTURE(at);
  CHECK(ulp_distance(dm::log(1.0 + 0x1p-52), std::log(1.0 + 0x1p-52)) <= 4);
  CHECK(ulp_distance(dm::log(1.0 - 0x1p-53), std::log(1.0 - 0x1p-53)) <= 4);
  CHECK(dm::log(1.0) == 0.0);
  for (int k = -1074; k <= 1023; k += 7) CHECK(ulp_distance(dm::log2(std::ldexp(1.0, k)), k) <= 4);
}

TEST_CASE("exp and exp2 are within 4 ulp of the C library", "[detmath]") {
  auto dexp = [](double x) { return dm::exp(x); };
  auto sexp = [](double x) { return std::exp(x); };
  auto dexp2 = [](double x) { return dm::exp2(x); };
  auto sexp2 = [](double x) { return std::exp2(x); };
  // Whole finite range, including results in the subnormal range (x < -708.4 for exp).
  CHECK(max_ulp(dexp, sexp, -745.0, 709.7, false, 6) <= 4);
  CHECK(max_ulp(dexp, sexp, -745.0, -708.0, false, 7) <= 4);
  CHECK(max_ulp(dexp, sexp, -1.0, 1.0, false, 8) <= 4);
  CHECK(max_ulp(dexp, sexp, -1e-8, 1e-8, false, 9) <= 4);
  CHECK(max_ulp(dexp2, sexp2, -1074.0, 1023.9, false, 10) <= 4);
  CHECK(max_ulp(dexp2, sexp2, -2.0, 2.0, false, 11) <= 4);
  // Integers give exact powers of two.
  for (int k = -1074; k <= 1023; ++k) REQUIRE(dm::exp2(k) == std::ldexp(1.0, k));
  CHECK(dm::exp(0.0) == 1.0);
  CHECK(ulp_distance(dm::exp(1.0), 2.718281828459045) <= 1);
}

TEST_CASE("exp2_each gives exp2's bits for every value", "[detmath]") {
  // Runs of 1-40 values (8 side by side, then one by one) mixing the scores' range [-4, 0], the
  // whole range, halves (nearbyint's ties), the edges of the 8-lane path (|x| < 1000) and the
  // special values, which send their group of 8 to exp2() one by one.
  vixray::Rng rng(14);
  const double specials[] = {0.0,   -0.0,   0.5,    -0.5,    2.5,  -2.5,  999.999, -999.999,
                             1000., -1000., 1023.9, -1075.0, kInf, -kInf, kNaN};
  for (int run = 0; run < 400; ++run) {
    std::vector<double> x(1 + rng.below(40));
    for (auto& v : x) {
      const uint64_t kind = rng.below(4);
      v = kind == 0   ? -4.0 * rng.uniform()
          : kind == 1 ? -1100.0 + 2200.0 * rng.uniform()
          : kind == 2 ? static_cast<double>(rng.below(2001)) - 1000.5
                      : specials[rng.below(sizeof specials / sizeof specials[0])];
    }
    std::vector<double> y = x;
    dm::exp2_each(y.data(), y.size());
    for (size_t i = 0; i < x.size(); ++i) {
      const double want = dm::exp2(x[i]);
      INFO("exp2(" << x[i] << ")");
      REQUIRE(std::memcmp(&y[i], &want, sizeof want) == 0);
    }
  }
}

TEST_CASE("pow is within 4 ulp of the C library while |y ln x| <= 1", "[detmath]") {
  // pow = exp(y * log(x)): the rounding error of log(x), about 2^-53 relative, is multiplied by
  // z = y ln(x) before exp, so the ulp error grows with |z|. Measured here (200k points): within
  // 2 ulp for |z| <= 1 and within 4 + 2.6 |z| ulp up to |z| = 700; the bounds below are those
  // of detmath.hpp (4 ulp for |z| <= 1, 4 + 3 |z| ulp beyond).
  vixray::Rng rng(12);
  int64_t worst_small = 0, worst_excess = std::numeric_limits<int64_t>::min();
  for (int i = 0; i < 20000; ++i) {
    const double x = std::exp2(-60.0 + 120.0 * rng.uniform());
    const double y = (rng.uniform() * 2.0 - 1.0) / std::fabs(std::log(x));
    worst_small = std::max(worst_small, ulp_distance(dm::pow(x, y), std::pow(x, y)));
    const double y_wide = (rng.uniform() * 2.0 - 1.0) * 700.0 / std::fabs(std::log(x));
    const auto allowed = static_cast<int64_t>(4.0 + 3.0 * std::fabs(y_wide * std::log(x)));
    worst_excess =
        std::max(worst_excess, ulp_distance(dm::pow(x, y_wide), std::pow(x, y_wide)) - allowed);
  }
  CHECK(worst_small <= 4);
  CHECK(worst_excess <= 0);
  CHECK(dm::pow(2.0, 10.0) == 1024.0);
  CHECK(ulp_distance(dm::pow(10.0, 0.5), std::sqrt(10.0)) <= 4);
}

TEST_CASE("special values", "[detmath]") {
  CHECK(dm::log(0.0) == -kInf);
  CHECK(dm::log(-0.0) == -kInf);
  CHECK(std::isnan(dm::log(-1.0)));
  CHECK(std::isnan(dm::log(-kInf)));
  CHECK(dm::log(kInf) == kInf);
  CHECK(std::isnan(dm::log(kNaN)));
  CHECK(dm::log2(0.0) == -kInf);
  CHECK(std::isnan(dm::log2(-2.0)));
  CHECK(dm::log2(kInf) == kInf);
  CHECK(dm::log(std::numeric_limits<double>::denorm_min()) ==
        Approx(-744.4400719213812).epsilon(1e-15));

  CHECK(dm::exp(kInf) == kInf);
  CHECK(dm::exp(-kInf) == 0.0);
  CHECK(std::isnan(dm::exp(kNaN)));
  CHECK(dm::exp(710.0) == kInf);
  CHECK(dm::exp(-746.0) == 0.0);
  CHECK(dm::exp2(kInf) == kInf);
  CHECK(dm::exp2(-kInf) == 0.0);
  CHECK(std::isnan(dm::exp2(kNaN)));
  CHECK(dm::exp2(1024.0) == kInf);
  CHECK(dm::exp2(-1076.0) == 0.0);
  CHECK(dm::exp2(-1074.0) == std::numeric_limits<double>::denorm_min());

  CHECK(dm::pow(0.0, 2.0) == 0.0);
  CHECK(dm::pow(0.0, 0.0) == 1.0);
  CHECK(dm::pow(0.0, -1.0) == kInf);
  CHECK(dm::pow(5.0, 0.0) == 1.0);
  CHECK(dm::pow(kNaN, 0.0) == 1.0);       // like std::pow
  CHECK(std::isnan(dm::pow(-2.0, 2.0)));  // documented domain is x > 0
  CHECK(std::isnan(dm::pow(kNaN, 1.0)));
  CHECK(dm::pow(kInf, 1.0) == kInf);
  CHECK(dm::pow(kInf, -1.0) == 0.0);
}
