// The window kinds computed by sliding structures (core/src/features/window_order.hpp: the
// percentile rank by a sorted window, the drawdown by a monotonic deque) and by shared window
// statistics summed four rows side by side (window_moments.hpp: mean distance, z-score,
// bollinger width, realized volatility, momentum z-score, correlation) give the bits of the plain
// formulas of spec.hpp, written out here row by row: random series with ties, zeros of both signs,
// flat runs, scattered missing values and runs of them (fewer and more than w / 10 per window),
// every window length the catalogues use and small ones, and any first row.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "vixray/base/detmath.hpp"
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

// The sum of spec.hpp's one order: four interleaved partial sums s0..s3 (value j into s_(j mod 4)
// while four remain), combined as (s0 + s1) + (s2 + s3), then the remaining values one by one.
double ordered_sum(const std::vector<double>& v, double (*term)(double, double), double m) {
  double s[4] = {0.0, 0.0, 0.0, 0.0};
  size_t j = 0;
  for (; j + 4 <= v.size(); j += 4)
    for (size_t i = 0; i < 4; ++i) s[i] += term(v[j + i], m);
  double sum = (s[0] + s[1]) + (s[2] + s[3]);
  for (; j < v.size(); ++j) sum += term(v[j], m);
  return sum;
}

double value(double v, double) { return v; }
double square(double v, double m) { return (v - m) * (v - m); }

double mean_of(const std::vector<double>& v) {
  return ordered_sum(v, value, 0.0) / static_cast<double>(v.size());
}

// Sample sd around m; exactly 0 for equal values.
double sd_of(const std::vector<double>& v, double m) {
  if (std::all_of(v.begin(), v.end(), [&](double x) { return x == v.front(); })) return 0.0;
  return std::sqrt(ordered_sum(v, square, m) / static_cast<double>(v.size() - 1));
}

// ln x_t - ln x_{t-lag} (NaN where either is missing or not positive).
std::vector<double> log_change(const std::vector<double>& x, size_t lag) {
  std::vector<double> g(x.size(), kNaN);
  const auto ln = [](double v) {
    return v > 0.0 && std::isfinite(v) ? vixray::detmath::log(v) : kNaN;
  };
  for (size_t t = lag; t < x.size(); ++t) {
    const double d = ln(x[t]) - ln(x[t - lag]);
    g[t] = std::isfinite(d) ? d : kNaN;
  }
  return g;
}

// mean_distance, zscore, bollinger_width on x, realized_vol on its 1-day log changes,
// momentum_zscore (lag 3) on its 3-day log changes: NaN before row first + w - 1 (first = 1 and
// 3 for the log changes), where more than w / 10 of the window is missing, and where not finite.
std::vector<double> plain_moments(const std::string& kind, const std::vector<double>& x, size_t w) {
  const size_t first = kind == "realized_vol" ? 1 : kind == "momentum_zscore" ? 3 : 0;
  const std::vector<double> in = first > 0 ? log_change(x, first) : x;
  std::vector<double> out(x.size(), kNaN), kept;
  for (size_t t = first + w - 1; t < x.size(); ++t) {
    if (!window_of(in, t, w, kept)) continue;
    const double m = mean_of(kept);
    double v = kNaN;
    if (kind == "mean_distance") v = in[t] / m - 1.0;
    if (kind == "zscore" || kind == "momentum_zscore") v = (in[t] - m) / sd_of(kept, m);
    if (kind == "bollinger_width") v = 4.0 * sd_of(kept, m) / m;
    if (kind == "realized_vol") v = sd_of(kept, m) * (100.0 * std::sqrt(252.0));
    out[t] = std::isfinite(v) ? v : kNaN;
  }
  return out;
}

// correlation over w rows of the 1-day log changes of x and y: the pairs of the window with both
// finite, NaN where more than w / 10 rows lack one, from row w (first = 1).
std::vector<double> plain_correlation(const std::vector<double>& x, const std::vector<double>& y,
                                      size_t w) {
  const std::vector<double> a = log_change(x, 1), b = log_change(y, 1);
  std::vector<double> out(x.size(), kNaN), ka, kb;
  for (size_t t = w; t < x.size(); ++t) {
    ka.clear();
    kb.clear();
    for (size_t j = t + 1 - w; j <= t; ++j)
      if (std::isfinite(a[j]) && std::isfinite(b[j])) {
        ka.push_back(a[j]);
        kb.push_back(b[j]);
      }
    if (w - ka.size() > w / 10) continue;
    const double ma = mean_of(ka), mb = mean_of(kb);
    std::vector<double> cross(ka.size());
    for (size_t j = 0; j < ka.size(); ++j) cross[j] = (ka[j] - ma) * (kb[j] - mb);
    const double v = ordered_sum(cross, value, 0.0) /
                     std::sqrt(ordered_sum(ka, square, ma) * ordered_sum(kb, square, mb));
    out[t] = std::isfinite(v) ? v : kNaN;
  }
  return out;
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
              const double v = got.at(static_cast<Eigen::Index>(t), 0);
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

TEST_CASE("window statistics summed side by side equal the plain formulas, bit for bit",
          "[features][windows]") {
  std::vector<vixray::Day> dates;
  for (int32_t t = 0; t < 700; ++t) dates.push_back(10000 + t);
  const std::vector<std::string> kinds{"mean_distance", "zscore",          "bollinger_width",
                                       "realized_vol",  "momentum_zscore", "correlation"};
  int64_t compared = 0, finite = 0;
  for (int32_t w : {2, 3, 4, 5, 10, 21, 63, 252})
    for (uint64_t seed : {1u, 2u, 3u})
      for (double scattered : {0.0, 0.02, 0.15}) {
        INFO("window " << w << ", seed " << seed << ", missing " << scattered);
        std::vector<double> x = windows_test::series(seed * 17 + 5, dates.size(), scattered);
        for (size_t t = 100; t < std::min<size_t>(400, 100 + 3 * static_cast<size_t>(w)); ++t)
          x[t] = 21.25;  // a flat run: sd exactly 0
        const std::vector<double> y = windows_test::series(seed * 23 + 1, dates.size(), scattered);
        vixray::Frame frame(dates);
        frame.set("x.close", x);
        frame.set("y.close", y);
        // Every kind in one spec: the kinds of one window share its statistics.
        vixray::FeatureSpec spec;
        for (const auto& kind : kinds) {
          vixray::FeatureDef d;
          d.name = kind;
          d.kind = kind;
          d.input = "x.close";
          d.window = w;
          d.lag = kind == "momentum_zscore" ? 3 : 0;
          if (kind == "correlation") d.input2 = "y.close";
          spec.features.push_back(d);
        }
        for (size_t first_row : {size_t{0}, size_t{1}, size_t{300}, size_t{699}}) {
          const vixray::FeatureMatrix got = vixray::compute_features(frame, spec, first_row);
          for (size_t c = 0; c < kinds.size(); ++c) {
            INFO(kinds[c] << " from row " << first_row);
            const std::vector<double> expected =
                kinds[c] == "correlation"
                    ? windows_test::plain_correlation(x, y, static_cast<size_t>(w))
                    : windows_test::plain_moments(kinds[c], x, static_cast<size_t>(w));
            int64_t mismatches = 0;
            for (size_t t = first_row; t < expected.size(); ++t) {
              const double v = got.at(static_cast<Eigen::Index>(t), static_cast<Eigen::Index>(c));
              mismatches += windows_test::same_bits(v, expected[t]) ? 0 : 1;
              finite += std::isfinite(v) ? 1 : 0;
              ++compared;
            }
            CHECK(mismatches == 0);
          }
        }
      }
  CHECK(finite > compared / 2);
}
