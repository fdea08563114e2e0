// Feature library: known answers per family (computed by hand below, definitions stated), the
// NaN policy, JSON round trip and errors, catalogues, and the no-look-ahead property.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "vixray/base/error.hpp"
#include "vixray/base/nan.hpp"
#include "vixray/base/rng.hpp"
#include "vixray/data/frame_csv.hpp"
#include "vixray/features/features.hpp"
#include "vixray/sim/synthetic_frame.hpp"

using vixray::FeatureDef;
using vixray::FeatureSpec;
using vixray::Frame;

namespace {

using vixray::kNaN;
const double kAnnual = 100.0 * std::sqrt(252.0);  // daily sd -> annualised percent

// A frame over consecutive days from the given columns (all the same length).
Frame frame_of(const std::vector<std::pair<std::string, std::vector<double>>>& columns) {
  std::vector<vixray::Day> dates;
  for (size_t i = 0; i < columns.front().second.size(); ++i)
    dates.push_back(static_cast<vixray::Day>(10000 + i));
  Frame frame(dates);
  for (const auto& c : columns) frame.set(c.first, c.second);
  return frame;
}

FeatureDef make(const std::string& kind, const std::string& input, int32_t window = 0,
                int32_t lag = 0) {
  FeatureDef d;
  d.name = "f";
  d.kind = kind;
  d.input = input;
  d.window = window;
  d.lag = lag;
  return d;
}

std::vector<double> feature(const Frame& frame, const FeatureDef& def) {
  const vixray::FeatureMatrix m = vixray::compute_features(frame, FeatureSpec{{def}});
  std::vector<double> out;
  for (Eigen::Index r = 0; r < m.values.rows(); ++r) out.push_back(m.values(r, 0));
  return out;
}

std::vector<double> feature_of(const std::vector<double>& x, const FeatureDef& def) {
  return feature(frame_of({{"x.close", x}}), def);
}

// Expected values: NaN means "must be NaN".
void check_values(const std::vector<double>& got, const std::vector<double>& expected) {
  REQUIRE(got.size() == expected.size());
  for (size_t i = 0; i < got.size(); ++i) {
    INFO("row " << i << ": got " << got[i] << ", expected " << expected[i]);
    if (std::isnan(expected[i])) {
      CHECK(std::isnan(got[i]));
    } else {
      CHECK(got[i] == Approx(expected[i]).epsilon(1e-12).margin(1e-15));
    }
  }
}

bool same_bits(double a, double b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  return std::memcmp(&a, &b, sizeof a) == 0;
}

}  // namespace

TEST_CASE("lag kinds: level, change, return, log_change, acceleration", "[features][known]") {
  const std::vector<double> x{100, 110, 99, 120, 90};
  check_values(feature_of(x, make("level", "x.close")), x);
  check_values(feature_of(x, make("change", "x.close", 0, 1)), {kNaN, 10, -11, 21, -30});
  // return over 2 rows: x_t / x_{t-2} - 1.
  check_values(feature_of(x, make("return", "x.close", 0, 2)),
               {kNaN, kNaN, 99.0 / 100 - 1, 120.0 / 110 - 1, 90.0 / 99 - 1});
  const auto g = [&](size_t t) { return std::log(x[t] / x[t - 1]); };
  check_values(feature_of(x, make("log_change", "x.close", 0, 1)), {kNaN, g(1), g(2), g(3), g(4)});
  // acceleration over 1 row: g_t - g_{t-1}, g the 1-day log change.
  check_values(feature_of(x, make("acceleration", "x.close", 0, 1)),
               {kNaN, kNaN, g(2) - g(1), g(3) - g(2), g(4) - g(3)});
}

TEST_CASE("window kinds: mean distance, sample z-score, bollinger width", "[features][known]") {
  const std::vector<double> x{1, 2, 3, 4, 6};
  // mean over 3 rows ending at t (t included): x_t / mean - 1.
  check_values(feature_of(x, make("mean_distance", "x.close", 3)),
               {kNaN, kNaN, 3.0 / 2 - 1, 4.0 / 3 - 1, 6.0 / (13.0 / 3) - 1});
  // z-score with the SAMPLE sd (divisor n - 1): {1,2,3}: mean 2, sd 1 -> 1;
  // {3,4,6}: mean 13/3, squared deviations 16/9 + 1/9 + 25/9 = 42/9, / 2 -> var 7/3.
  check_values(feature_of(x, make("zscore", "x.close", 3)),
               {kNaN, kNaN, 1.0, 1.0, (6.0 - 13.0 / 3) / std::sqrt(7.0 / 3)});
  // Bollinger width = (upper - lower) / middle with 2-sd bands = 4 sd / mean: {1,2,3} -> 4*1/2.
  check_values(feature_of(x, make("bollinger_width", "x.close", 3)),
               {kNaN, kNaN, 2.0, 4.0 / 3, 4.0 * std::sqrt(7.0 / 3) / (13.0 / 3)});
  // A constant window has sd 0: the z-score is undefined (NaN), never inf.
  check_values(
      feature_of({0.1, 0.1, 0.1, 0.2}, make("zscore", "x.close", 3)),
      {kNaN, kNaN, kNaN,
       (0.2 - 0.4 / 3) / std::sqrt((2 * std::pow(0.1 / 3, 2) + std::pow(0.2 / 3, 2)) / 2)});
}

TEST_CASE("percentile rank (ties averaged) and drawdown from the window high",
          "[features][known]") {
  // Window 4. Row 3: {3,1,4,1}, x_t = 1: none below, two equal (itself included) ->
  // average rank (1 + 2) / 2 = 1.5 -> 1.5 / 4. Row 4: {1,4,1,5}, x_t = 5 is the top -> 1.
  check_values(feature_of({3, 1, 4, 1, 5, 1}, make("percentile_rank", "x.close", 4)),
               {kNaN, kNaN, kNaN, 0.375, 1.0, 0.375});
  // drawdown over 3 rows: x_t / max - 1.
  check_values(feature_of({10, 12, 9, 11, 6}, make("drawdown", "x.close", 3)),
               {kNaN, kNaN, 9.0 / 12 - 1, 11.0 / 12 - 1, 6.0 / 11 - 1});
}

TEST_CASE("volatility kinds: realized vol, vol-of-vol z, VIX-realized spread",
          "[features][known]") {
  const std::vector<double> x{100, 110, 99, 120};
  const double r1 = std::log(1.1), r2 = std::log(0.9), r3 = std::log(120.0 / 99);
  // Sample sd of two values a, b is |a - b| / sqrt(2); annualised in percent.
  const double vol2 = std::abs(r1 - r2) / std::sqrt(2.0) * kAnnual;
  const double vol3 = std::abs(r2 - r3) / std::sqrt(2.0) * kAnnual;
  check_values(feature_of(x, make("realized_vol", "x.close", 2)), {kNaN, kNaN, vol2, vol3});
  // momentum z-score: z over 3 rows of the 1-day log changes {r1, r2, r3} at row 3.
  const double m = (r1 + r2 + r3) / 3;
  const double sd =
      std::sqrt((std::pow(r1 - m, 2) + std::pow(r2 - m, 2) + std::pow(r3 - m, 2)) / 2);
  FeatureDef mz = make("momentum_zscore", "x.close", 3, 1);
  check_values(feature_of(x, mz), {kNaN, kNaN, kNaN, (r3 - m) / sd});
  // vrp spread: VIX minus the 2-day realized vol of the S&P, in vol points.
  FeatureDef spread = make("vrp_spread", "vix.close", 2);
  spread.input2 = "spx.close";
  const Frame frame = frame_of({{"vix.close", {20, 21, 30, 25}}, {"spx.close", x}});
  check_values(feature(frame, spread), {kNaN, kNaN, 30 - vol2, 25 - vol3});
}

TEST_CASE("ratio and rolling correlation of log changes", "[features][known]") {
  const std::vector<double> a{100, 102, 99, 101, 104, 103};
  std::vector<double> b{20, 19, 23, 22, 18, 19}, squared, inverse;
  for (double v : a) {
    squared.push_back(v * v);
    inverse.push_back(1.0 / v);
  }
  FeatureDef ratio = make("ratio", "a.close");
  ratio.input2 = "b.close";
  const Frame frame =
      frame_of({{"a.close", a}, {"b.close", b}, {"sq.close", squared}, {"inv.close", inverse}});
  check_values(feature(frame, ratio),
               {5, 102.0 / 19, 99.0 / 23, 101.0 / 22, 104.0 / 18, 103.0 / 19});
  // Pearson correlation over 3 rows of the 1-day log changes, written out by hand.
  FeatureDef corr = make("correlation", "a.close", 3);
  corr.input2 = "b.close";
  std::vector<double> expected(6, kNaN);
  for (size_t t = 3; t < 6; ++t) {
    double la[3], lb[3], ma = 0, mb = 0;
    for (size_t j = 0; j < 3; ++j) {
      la[j] = std::log(a[t - 2 + j] / a[t - 3 + j]);
      lb[j] = std::log(b[t - 2 + j] / b[t - 3 + j]);
      ma += la[j] / 3;
      mb += lb[j] / 3;
    }
    double sab = 0, saa = 0, sbb = 0;
    for (size_t j = 0; j < 3; ++j) {
      sab += (la[j] - ma) * (lb[j] - mb);
      saa += (la[j] - ma) * (la[j] - ma);
      sbb += (lb[j] - mb) * (lb[j] - mb);
    }
    expected[t] = sab / std::sqrt(saa * sbb);
  }
  check_values(feature(frame, corr), expected);
  // ln(a^2) changes are twice ln(a) changes: correlation +1; ln(1/a): -1.
  corr.input2 = "sq.close";
  check_values(feature(frame, corr), {kNaN, kNaN, kNaN, 1, 1, 1});
  corr.input2 = "inv.close";
  check_values(feature(frame, corr), {kNaN, kNaN, kNaN, -1, -1, -1});
}

TEST_CASE("RSI with Wilder smoothing seeded by the simple mean", "[features][known]") {
  // Changes: +1, -0.5, +1, -0.5, +1. Window 3.
  // Row 3: A+ = (1 + 0 + 1) / 3 = 2/3, A- = 0.5 / 3 = 1/6 -> RSI = 100 A+ / (A+ + A-) = 80.
  // Row 4: A+ = (2/3 * 2 + 0) / 3 = 4/9, A- = (1/6 * 2 + 0.5) / 3 = 5/18 -> 800/13.
  // Row 5: A+ = (4/9 * 2 + 1) / 3 = 17/27, A- = (5/18 * 2 + 0) / 3 = 5/27 -> 100 * 17/22.
  check_values(feature_of({10, 11, 10.5, 11.5, 11, 12}, make("rsi", "x.close", 3)),
               {kNaN, kNaN, kNaN, 80.0, 800.0 / 13, 1700.0 / 22});
  // Only gains -> 100; no change at all -> 50 (both averages 0).
  check_values(feature_of({1, 2, 3, 4}, make("rsi", "x.close", 2)), {kNaN, kNaN, 100, 100});
  check_values(feature_of({5, 5, 5, 5}, make("rsi", "x.close", 2)), {kNaN, kNaN, 50, 50});
}

TEST_CASE("MACD and histogram with EMAs seeded by the simple mean", "[features][known]") {
  // x = 1, 2, 4, 8, 16; fast EMA 2 (a = 2/3), slow EMA 3 (a = 1/2), signal EMA 2.
  // fast: seed (1+2)/2 = 3/2 at row 1; 19/6; 115/18; 691/54.
  // slow: seed (1+2+4)/3 = 7/3 at row 2; 31/6; 127/12.
  // MACD rows 2..4: 5/6, 11/9, 239/108. Signal: seed (5/6 + 11/9)/2 = 37/36 at row 3,
  // then 37/36 + 2/3 (239/108 - 37/36) = 589/324. Histogram rows 3..4: 7/36, 32/81.
  const std::vector<double> x{1, 2, 4, 8, 16};
  FeatureDef macd = make("macd", "x.close", 2);
  macd.window2 = 3;
  check_values(feature_of(x, macd), {kNaN, kNaN, 5.0 / 6, 11.0 / 9, 239.0 / 108});
  FeatureDef hist = macd;
  hist.kind = "macd_hist";
  hist.window3 = 2;
  check_values(feature_of(x, hist), {kNaN, kNaN, kNaN, 7.0 / 36, 32.0 / 81});
  macd.relative = 1;  // divided by the close
  check_values(feature_of(x, macd), {kNaN, kNaN, 5.0 / 6 / 4, 11.0 / 9 / 8, 239.0 / 108 / 16});
}

TEST_CASE("OHLC kinds: gap, Wilder ATR, Garman-Klass, candles, VWAP", "[features][known]") {
  // Bars (open, high, low, close) and volumes.
  const Frame frame = frame_of({{"s.open", {10, 10, 11, 12}},
                                {"s.high", {11, 12, 11.5, 13}},
                                {"s.low", {9, 10, 8, 12}},
                                {"s.close", {10, 11, 9, 12.5}},
                                {"s.volume", {100, 300, 200, 100}}});
  check_values(feature(frame, make("gap", "s")), {kNaN, 0.0, 0.0, 12.0 / 9 - 1});
  // True ranges: row 1 max(2, |12-10|, |10-10|) = 2; row 2 max(3.5, 0.5, 3) = 3.5;
  // row 3 max(1, |13-9|, |12-9|) = 4. Wilder ATR 2: seed (2 + 3.5)/2 = 2.75, then
  // (2.75 * 1 + 4) / 2 = 3.375.
  check_values(feature(frame, make("atr", "s", 2)), {kNaN, kNaN, 2.75, 3.375});
  FeatureDef atr_rel = make("atr", "s", 2);
  atr_rel.relative = 1;
  check_values(feature(frame, atr_rel), {kNaN, kNaN, 2.75 / 9, 3.375 / 12.5});
  // Garman-Klass daily variance 0.5 ln(h/l)^2 - (2 ln 2 - 1) ln(c/o)^2, mean over 2 days,
  // annualised: 100 sqrt(252 mean).
  const auto gk = [](double o, double h, double l, double c) {
    return 0.5 * std::pow(std::log(h / l), 2) -
           (2 * std::log(2.0) - 1) * std::pow(std::log(c / o), 2);
  };
  const double v0 = gk(10, 11, 9, 10), v1 = gk(10, 12, 10, 11), v2 = gk(11, 11.5, 8, 9),
               v3 = gk(12, 13, 12, 12.5);
  check_values(feature(frame, make("garman_klass", "s", 2)),
               {kNaN, 100 * std::sqrt(252 * (v0 + v1) / 2), 100 * std::sqrt(252 * (v1 + v2) / 2),
                100 * std::sqrt(252 * (v2 + v3) / 2)});
  // Candles: row 2 (11, 11.5, 8, 9): body 2, upper 11.5 - 11 = 0.5, lower 9 - 8 = 1,
  // wick ratio 1.5 / 3.5. Row 0 (10, 11, 9, 10): body 0, wicks 1 and 1, ratio 1.
  check_values(feature(frame, make("candle_body", "s")), {0, 1, 2, 0.5});
  check_values(feature(frame, make("candle_upper_wick", "s")), {1, 1, 0.5, 0.5});
  check_values(feature(frame, make("candle_lower_wick", "s")), {1, 0, 1, 0});
  check_values(feature(frame, make("candle_wick_ratio", "s")), {1, 0.5, 1.5 / 3.5, 0.5});
  {
    // A flat bar (open = high = low = close, e.g. a what-if day with a 0% return) has no wicks:
    // ratio 0 by definition, not 0/0 (which would make every detector reading it unavailable).
    vixray::Frame flat(std::vector<vixray::Day>{100, 101});
    for (const char* c : {"s.open", "s.high", "s.low", "s.close"}) flat.set(c, {10.0, 10.0});
    check_values(feature(flat, make("candle_wick_ratio", "s")), {0, 0});
  }
  // VWAP over 2 days with typical price (h + l + c) / 3: row 1: tp 10 and 11, volumes 100 and
  // 300 -> (1000 + 3300) / 400 = 10.75; distance 11 / 10.75 - 1.
  const double tp2 = (11.5 + 8 + 9) / 3, tp3 = (13 + 12 + 12.5) / 3;
  check_values(feature(frame, make("vwap_distance", "s", 2)),
               {kNaN, 11 / 10.75 - 1, 9 / ((11 * 300 + tp2 * 200) / 500) - 1,
                12.5 / ((tp2 * 200 + tp3 * 100) / 300) - 1});
}

TEST_CASE("NaN policy: windows tolerate w/10 missing values, recursions hold their state",
          "[features][nan]") {
  const std::vector<double> x{1, 2, kNaN, 4, 5, 6, 7};
  // Window 3 allows 3 / 10 = 0 missing values: windows touching row 2 (rows 2, 3, 4) are NaN.
  check_values(feature_of(x, make("zscore", "x.close", 3)), {kNaN, kNaN, kNaN, kNaN, kNaN, 1, 1});
  check_values(feature_of(x, make("change", "x.close", 0, 1)), {kNaN, 1, kNaN, kNaN, 1, 1, 1});
  // Window 10 allows 1 missing value: computed from the 9 finite ones (sample sd, n - 1 = 8);
  // 2 missing values in the window make it NaN; a missing x_t makes the z-score NaN.
  std::vector<double> y;
  for (int i = 0; i < 14; ++i) y.push_back(10 + (i * 7) % 5);  // 10 12 14 11 13 10 12 14 ...
  std::vector<double> one_gap = y, two_gaps = y;
  one_gap[5] = kNaN;
  two_gaps[5] = two_gaps[7] = kNaN;
  const auto z_of_finite = [&](const std::vector<double>& v, size_t t) {
    std::vector<double> kept;
    for (size_t j = t - 9; j <= t; ++j)
      if (!std::isnan(v[j])) kept.push_back(v[j]);
    double m = 0, q = 0;
    for (double k : kept) m += k / static_cast<double>(kept.size());
    for (double k : kept) q += (k - m) * (k - m);
    return (v[t] - m) / std::sqrt(q / static_cast<double>(kept.size() - 1));
  };
  const std::vector<double> z1 = feature_of(one_gap, make("zscore", "x.close", 10));
  CHECK(z1[9] == Approx(z_of_finite(one_gap, 9)).epsilon(1e-12));
  CHECK(z1[13] == Approx(z_of_finite(one_gap, 13)).epsilon(1e-12));
  const std::vector<double> z2 = feature_of(two_gaps, make("zscore", "x.close", 10));
  CHECK(std::isnan(z2[9]));   // rows 0..9 hold rows 5 and 7: 2 missing
  CHECK(std::isnan(z2[13]));  // rows 4..13 still hold both
  std::vector<double> today_missing = y;
  today_missing[12] = kNaN;
  CHECK(std::isnan(feature_of(today_missing, make("zscore", "x.close", 10))[12]));
  CHECK(std::isnan(feature_of(today_missing, make("percentile_rank", "x.close", 10))[12]));
  // RSI 2: the changes into and out of the missing row are NaN; Wilder holds its averages.
  // Changes: +1, -0.5, NaN, NaN, -0.5, +1. Seed at row 2: A+ = 0.5, A- = 0.25 -> 200/3.
  // Row 5: A+ = (0.5 + 0) / 2 = 0.25, A- = (0.25 + 0.5) / 2 = 0.375 -> 40.
  // Row 6: A+ = (0.25 + 1) / 2 = 0.625, A- = 0.375 / 2 = 0.1875 -> 100 * 0.625 / 0.8125.
  check_values(feature_of({1, 2, 1.5, kNaN, 2.5, 2, 3}, make("rsi", "x.close", 2)),
               {kNaN, kNaN, 200.0 / 3, kNaN, kNaN, 40, 100 * 0.625 / 0.8125});
  // EMAs hold too. MACD(2, 3) on 1, 2, NaN, 4, 5: fast seeds (1+2)/2 = 1.5, skips the NaN, then
  // 1.5 + 2/3 (4 - 1.5) = 19/6 and 19/6 + 2/3 (5 - 19/6) = 79/18; slow seeds with the first 3
  // finite values (1 + 2 + 4) / 3 = 7/3 at row 3, then 7/3 + (5 - 7/3) / 2 = 11/3.
  FeatureDef macd = make("macd", "x.close", 2);
  macd.window2 = 3;
  check_values(feature_of({1, 2, kNaN, 4, 5}, macd),
               {kNaN, kNaN, kNaN, 19.0 / 6 - 7.0 / 3, 79.0 / 18 - 11.0 / 3});
  // Warm-up = first non-NaN row; a log of a non-positive value is NaN, not -inf.
  const vixray::FeatureMatrix w = vixray::compute_features(
      frame_of({{"x.close", x}}), FeatureSpec{{make("zscore", "x.close", 3)}});
  CHECK(w.warmup[0] == 5);
  check_values(feature_of({1, 0, 2}, make("log_change", "x.close", 0, 1)), {kNaN, kNaN, kNaN});
  check_values(feature_of({1, kNaN, kNaN}, make("level", "x.close")), {1, kNaN, kNaN});
  // No valid value at all: warm-up = rows.
  const vixray::FeatureMatrix none = vixray::compute_features(
      frame_of({{"x.close", {1, 2}}}), FeatureSpec{{make("zscore", "x.close", 3)}});
  CHECK(none.warmup[0] == 2);
}

TEST_CASE("min_history is the first valid row on clean data, for every catalogue feature",
          "[features][warmup]") {
  const Frame frame = vixray::synthetic_market_frame(400, 3);
  for (const FeatureSpec& spec :
       {vixray::market_feature_catalogue(), vixray::ticker_feature_catalogue()}) {
    const vixray::FeatureMatrix m = vixray::compute_features(frame, spec);
    for (size_t c = 0; c < spec.features.size(); ++c) {
      INFO(spec.features[c].name);
      CHECK(m.warmup[c] == vixray::min_history(spec.features[c]));
      // After the warm-up, a clean frame gives finite values on every row.
      bool all_finite = true;
      for (Eigen::Index r = m.warmup[c]; r < m.values.rows(); ++r)
        all_finite = all_finite && std::isfinite(m.values(r, static_cast<Eigen::Index>(c)));
      CHECK(all_finite);
    }
  }
}

TEST_CASE("no look-ahead: features on rows <= t are identical without the rows after t",
          "[features][lookahead]") {
  // Synthetic frame of 600 days with every column, plus NaN holes (a missing VIX week, a
  // missing S&P volume day, VIX open/high/low absent for the first 120 days as before 1992).
  Frame frame = vixray::synthetic_market_frame(600, 11);
  vixray::Rng rng(5);
  const auto punch = [&](const std::string& column, int64_t from, int64_t to) {
    std::vector<double> v = frame.column(column);
    for (int64_t r = from; r < to; ++r) v[static_cast<size_t>(r)] = kNaN;
    frame.set(column, v);
  };
  punch("vix.close", 300, 308);
  const auto volume_day = static_cast<int64_t>(400 + rng.below(50));
  punch("spx.volume", volume_day, volume_day + 1);
  for (const char* c : {"vix.open", "vix.high", "vix.low"}) punch(c, 0, 120);
  FeatureSpec spec = vixray::market_feature_catalogue(frame);
  for (const auto& d : vixray::ticker_feature_catalogue(true).features) {
    spec.features.push_back(d);
    spec.features.back().name += "_rel";
  }
  // VIX candles too, to cover OHLC kinds with a NaN prefix.
  FeatureDef vix_atr = make("atr", "vix", 14);
  vix_atr.name = "vix_atr_14";
  spec.features.push_back(vix_atr);
  const vixray::FeatureMatrix full = vixray::compute_features(frame, spec);
  REQUIRE(full.values.cols() == static_cast<Eigen::Index>(spec.features.size()));
  for (int64_t t : {0, 1, 13, 62, 199, 251, 252, 300, 303, 305, 410, 451, 598}) {
    const vixray::FeatureMatrix part = vixray::compute_features(frame.head(t + 1), spec);
    REQUIRE(part.values.rows() == t + 1);
    int64_t mismatches = 0;
    for (Eigen::Index r = 0; r <= t; ++r)
      for (Eigen::Index c = 0; c < full.values.cols(); ++c)
        if (!same_bits(part.values(r, c), full.values(r, c))) ++mismatches;
    INFO("t = " << t);
    CHECK(mismatches == 0);
  }
  // The 8-day VIX hole (rows 300..307): a 63-day window tolerates 6 missing days, so the
  // z-score is NaN while the window holds 7 or 8 of them (rows 300..363, i.e. until the window
  // 301..363), finite again from row 364; a 252-day window tolerates 25, so only the hole itself.
  const int64_t z63 = full.column_index("vix_zscore_63d");
  const int64_t z252 = full.column_index("vix_zscore_252d");
  CHECK(std::isnan(full.values(300, z63)));
  CHECK(std::isnan(full.values(363, z63)));
  CHECK(std::isfinite(full.values(364, z63)));
  CHECK(std::isnan(full.values(307, z252)));
  CHECK(std::isfinite(full.values(308, z252)));
  CHECK(std::isfinite(full.values(299, z252)));
}

TEST_CASE("feature spec JSON round trip, unknown fields ignored", "[features][json]") {
  const FeatureSpec spec = vixray::market_feature_catalogue();
  const std::string text = vixray::dump_feature_spec(spec);
  const FeatureSpec back = vixray::parse_feature_spec(text, "spec.json");
  REQUIRE(back.features.size() == spec.features.size());
  for (size_t i = 0; i < spec.features.size(); ++i) {
    const FeatureDef &a = spec.features[i], &b = back.features[i];
    CHECK(a.name == b.name);
    CHECK(a.kind == b.kind);
    CHECK(a.input == b.input);
    CHECK(a.input2 == b.input2);
    CHECK(a.domain == b.domain);
    CHECK(a.window == b.window);
    CHECK(a.window2 == b.window2);
    CHECK(a.window3 == b.window3);
    CHECK(a.lag == b.lag);
    CHECK(a.relative == b.relative);
  }
  CHECK(vixray::dump_feature_spec(back) == text);
  // The documented form, a bare array, and an unknown field.
  const FeatureSpec one = vixray::parse_feature_spec(
      R"({"features":[{"name":"vix_zscore_63d","kind":"zscore","input":"vix.close",
          "window":63,"comment":"ignored","future_field":[1,2]}]})",
      "one.json");
  REQUIRE(one.features.size() == 1);
  CHECK(one.features[0].window == 63);
  CHECK(one.features[0].domain.empty());
  CHECK(vixray::parse_feature_spec(R"([{"name":"a","kind":"level","input":"vix.close"}])", "s")
            .features.size() == 1);
}

TEST_CASE("feature spec errors name the source, the feature and the field", "[features][errors]") {
  const auto fails = [](const std::string& text, const std::string& pattern) {
    INFO(text);
    CHECK_THROWS_WITH(vixray::parse_feature_spec(text, "s.json"), Catch::Contains(pattern));
  };
  fails(R"({"features":[{"name":"a","kind":"zscroe","input":"vix.close","window":5}]})",
        "s.json: features[0]: feature \"a\": unknown kind \"zscroe\" (known kinds: level");
  fails(R"({"features":[{"kind":"level","input":"vix.close"}]})",
        "features[0]: missing field \"name\"");
  fails(R"({"features":[{"name":"a","kind":"zscore","input":"vix.close"}]})",
        "field \"window\" of kind \"zscore\": expected an integer in [2, 100000], got 0");
  fails(R"({"features":[{"name":"a","kind":"zscore","input":"vix.close","window":5,"lag":2}]})",
        "field \"lag\" is not used by kind \"zscore\"");
  fails(R"({"features":[{"name":"a","kind":"zscore","input":"vix","window":5}]})",
        "expected a column \"<series>.<field>\"");
  fails(R"({"features":[{"name":"a","kind":"gap","input":"spx.close"}]})",
        "expected a series name such as \"spx\"");
  fails(R"({"features":[{"name":"a","kind":"zscore","input":"vix.close","window":6.5}]})",
        "s.json: features[0].window: expected an integer in [-2147483648, 2147483647], got 6.5");
  fails(R"({"features":[{"name":"a","kind":"macd","input":"x.close","window":26,"window2":12}]})",
        "expected window (fast EMA, 26) < window2 (slow EMA, 12)");
  fails(R"({"features":[{"name":"a","kind":"level","input":"x.close"},
                        {"name":"a","kind":"level","input":"y.close"}]})",
        "duplicate feature name \"a\"");
  fails(R"({"features":[{"name":"a b","kind":"level","input":"x.close"}]})", "name: expected");
  fails(R"({"feature":[]})", "missing field \"features\"");
  fails(R"({"features":{}})", "expected an array");
  fails("{\"features\": [", "s.json: not valid JSON");
  // A missing column is named, with the feature and the columns present.
  const Frame frame = frame_of({{"vix.close", {1, 2, 3}}});
  FeatureDef ratio = make("ratio", "vix9d.close");
  ratio.name = "vix9d_vix_ratio";
  ratio.input2 = "vix.close";
  CHECK_THROWS_WITH(
      vixray::compute_features(frame, FeatureSpec{{ratio}}),
      "feature \"vix9d_vix_ratio\" (kind \"ratio\") needs column \"vix9d.close\", which the "
      "frame lacks (columns: vix.close)");
}

TEST_CASE("catalogues: names, domains, and omission of absent inputs", "[features][catalogue]") {
  const FeatureSpec full = vixray::market_feature_catalogue();
  CHECK_NOTHROW(vixray::validate_feature_spec(full));
  std::vector<std::string> domains;
  for (const auto& d : full.features)
    if (std::find(domains.begin(), domains.end(), d.domain) == domains.end())
      domains.push_back(d.domain);
  CHECK(domains == std::vector<std::string>{"vix_mean_reversion", "vix_momentum", "vol_of_vol",
                                            "vix_term_structure", "tail_risk", "spx_price_action",
                                            "spx_trend", "spx_volatility", "spx_candles_volume",
                                            "vix_spx_relationship"});
  const auto names = full.names();
  for (const char* n :
       {"vix_zscore_63d", "vix_zscore_252d", "vix_percentile_252d", "vix_log_change_21d",
        "spx_return_5d", "spx_rsi_14", "spx_drawdown_252d", "spx_realized_vol_63d",
        "vix9d_vix_ratio", "skew_zscore_63d", "spx_vix_correlation_63d", "vix_realized_spread_21d"})
    CHECK(std::find(names.begin(), names.end(), n) != names.end());
  // Only VIX close and S&P OHLCV: no term structure, SKEW or VVIX features, the rest kept.
  const FeatureSpec core = vixray::market_feature_catalogue(std::vector<std::string>{
      "vix.close", "spx.open", "spx.high", "spx.low", "spx.close", "spx.volume"});
  for (const auto& d : core.features) {
    INFO(d.name);
    CHECK(d.domain != "vix_term_structure");
    CHECK(d.domain != "tail_risk");
    CHECK(d.input.rfind("vvix", 0) != 0);
  }
  CHECK(core.features.size() == full.features.size() - 3 - 3 - 2);
  // Seed 001's 14 indicators, with its names, on ticker.* columns.
  const FeatureSpec ticker = vixray::ticker_feature_catalogue();
  CHECK(ticker.names() == std::vector<std::string>{"return_1", "return_3", "return_6", "zscore_20",
                                                   "ATR_14", "bb_width", "RSI", "MACD", "MACD_hist",
                                                   "VWAP", "body", "upper_wick", "lower_wick",
                                                   "wick_ratio"});
  for (const auto& d : ticker.features)
    for (const auto& c : vixray::required_columns(d)) CHECK(c.rfind("ticker.", 0) == 0);
  // Every feature has a description naming its input.
  for (const auto& d : full.features)
    CHECK(vixray::describe_feature(d).find(d.input) != std::string::npos);
  CHECK(vixray::describe_feature(full.features[full.names().size() - 1]) ==
        "63-day correlation of the daily log changes of spx.close and vix.close");
}

TEST_CASE("wide frame CSV round trip is bit-exact, errors name line and column",
          "[features][csv]") {
  Frame frame = vixray::synthetic_market_frame(50, 9);
  std::vector<double> v = frame.column("vix.close");
  v[7] = kNaN;
  frame.set("vix.close", v);
  const Frame back = vixray::parse_frame_csv(vixray::format_frame_csv(frame), "f.csv");
  REQUIRE(back.names() == frame.names());
  REQUIRE(back.dates() == frame.dates());
  for (const auto& name : frame.names())
    for (size_t r = 0; r < 50; ++r) CHECK(same_bits(back.column(name)[r], frame.column(name)[r]));
  const Frame quirky = vixray::parse_frame_csv(
      "\xEF\xBB\xBF"
      "date,a.close\r\n01/02/1990,1.5\r\n1990-01-03,NaN\r\n\r\n",
      "q.csv");
  CHECK(quirky.rows() == 2);
  CHECK(std::isnan(quirky.column("a.close")[1]));
  CHECK_THROWS_WITH(vixray::parse_frame_csv("date,a\n2020-01-02,x\n", "f.csv"),
                    "f.csv:2: column 2 (\"a\"): expected a finite number or an empty field, "
                    "got \"x\"");
  CHECK_THROWS_WITH(vixray::parse_frame_csv("date,a\n2020-01-03,1\n2020-01-02,2\n", "f.csv"),
                    Catch::Contains("f.csv:3: column 1 (\"date\"): expected dates after"));
  CHECK_THROWS_WITH(vixray::parse_frame_csv("day,a\n", "f.csv"),
                    "f.csv:1: column 1: expected \"date\", got \"day\"");
  CHECK_THROWS_WITH(vixray::parse_frame_csv("date,a\n2020-01-02,1,2\n", "f.csv"),
                    "f.csv:2: expected 2 fields, got 3");
}
