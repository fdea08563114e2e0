// The window kinds computed by sliding structures (core/src/features/window_order.hpp: the
// percentile rank by a sorted window, the drawdown by a monotonic deque) give the bits of the
// plain formulas of spec.hpp, written out here row by row: random series with ties, zeros of
// both signs, scattered missing values and runs of them (fewer and more than w / 10 per window),
// every window length the catalogues use and small ones, and any first row.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "vixray/base/nan.hpp"
#include "vixray/base/rng.hpp"
#include "vixray/features/features.hpp"

// A named namespace: the unity build compiles test files together.
namespace windows_test {

using vixray::kNaN;

// The finite values of rows t-w+1..t, or none when more than w / 10 of them are missing.
bool window_of(const std::vector<double>& x, size_t t, size_t w, std::vector<double>& kept) {
  kept.clear();
  for (size_t j = t + 1 - w; j <= t; ++j)
    if (std::isfinite(x[j])) kept.push_back(x[j]);
  return w - kept.size() <= w / 10;
}

// percentile_rank: (#{x_j < x_t} + (#{x_j == x_t} + 1) / 2) / n over the window's n finite
// values; drawdown: x_t / max - 1. NaN before the first full window, for a missing x_t, and
// for a non-finite result.
std::vector<double> plain(const std::string& kind, const std::vector<double>& x, size_t w) {
  std::vector<double> out(x.size(), kNaN), kept;
  for (size_t t = w - 1; t < x.size(); ++t) {
    if (!window_of(x, t, w, kept) || !std::isfinite(x[t])) continue;
    double v = kNaN;
    if (kind == "percentile_rank") {
      int32_t below = 0, equal = 0;
      for (double k : kept) {
        below += k < x[t] ? 1 : 0;
        equal += k == x[t] ? 1 : 0;
      }
      v = (below + (equal + 1) / 2.0) / static_cast<double>(kept.size());
    } else {
      double high = kept.front();
      for (double k : kept) high = std::max(high, k);
      v = x[t] / high - 1.0;
    }
    out[t] = std::isfinite(v) ? v : kNaN;
  }
  return out;
}

// A random walk rounded to a coarse grid (many ties), with zeros of both signs, scattered missing
// values (probability `scattered`) and runs of 1 to 30 missing values.
std::vector<double> series(uint64_t seed, size_t n, double scattered) {
  vixray::Rng rng(seed);
  std::vector<double> x(n);
  double level = 20.0;
  for (size_t t = 0; t < n; ++t) {
    level = std::max(1.0, level + rng.normal());
    x[t] = std::round(level * 4.0) / 4.0;
    if (rng.uniform() < 0.01) x[t] = rng.uniform() < 0.5 ? 0.0 : -0.0;
    if (rng.uniform() < scattered) x[t] = kNaN;
  }
  for (int runs = 0; runs < 4; ++runs) {
    const size_t at = static_cast<size_t>(rng.below(n)), length = 1 + rng.below(30);
    for (size_t t = at; t < std::min(n, at + length); ++t) x[t] = kNaN;
  }
  return x;
}

bool same_bits(double a, double b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  return std::memcmp(&a, &b, sizeof a) == 0;
}

}  // namespace windows_test

TEST_CASE("percentile rank and drawdown by sliding windows equal the plain formulas, bit for bit",
          "[features][windows]") {
  std::vector<vixray::Day> dates;
  for (int32_t t = 0; t < 700; ++t) dates.push_back(10000 + t);
  int64_t compared = 0, finite = 0;
  for (const std::string kind : {"percentile_rank", "drawdown"})
    for (int32_t w : {2, 3, 5, 10, 21, 63, 252})
      for (uint64_t seed : {1u, 2u, 3u})
        for (double scattered : {0.0, 0.02, 0.15}) {
          INFO(kind << ", window " << w << ", seed " << seed << ", missing " << scattered);
          vixray::Frame frame(dates);
          frame.set("x.close", windows_test::series(seed * 31 + 7, dates.size(), scattered));
          const std::vector<double> expected =
              windows_test::plain(kind, frame.column("x.close"), static_cast<size_t>(w));
          vixray::FeatureDef d;
          d.name = "f";
          d.kind = kind;
          d.input = "x.close";
          d.window = w;
          for (size_t first_row : {size_t{0}, size_t{1}, size_t{300}, size_t{699}}) {
            const vixray::FeatureMatrix got =
                vixray::compute_features(frame, vixray::FeatureSpec{{d}}, first_row);
            int64_t mismatches = 0;
            for (size_t t = first_row; t < expected.size(); ++t) {
              const double v = got.values(static_cast<Eigen::Index>(t), 0);
              mismatches += windows_test::same_bits(v, expected[t]) ? 0 : 1;
              finite += std::isfinite(v) ? 1 : 0;
              ++compared;
            }
            CHECK(mismatches == 0);
          }
        }
  // Most rows have a value (the comparison is not of NaN with NaN).
  CHECK(finite > compared / 2);
}
