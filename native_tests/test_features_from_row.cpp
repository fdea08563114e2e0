// compute_features(frame, spec, first_row): the features of rows >= first_row only (a market
// extended by new days scores just those). Those rows must hold exactly the bits of the full
// computation for every kind, with missing values inside windows (fewer and more than w / 10)
// and first_row anywhere: 0, 1, inside the warm-up, at a gap, the last row.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "vixray/base/nan.hpp"
#include "vixray/features/features.hpp"
#include "vixray/sim/synthetic_frame.hpp"

// A named namespace: the unity build compiles test files together.
namespace from_row_test {

using vixray::FeatureDef;
using vixray::FeatureSpec;
using vixray::Frame;

bool same_bits(double a, double b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// One definition of `kind` with window w (lag 5 for the lag kinds), on the VIX close, the S&P 500
// series or both, valid for validate_feature_def.
FeatureDef def_of(const std::string& kind, int32_t w, int32_t relative) {
  static const std::set<std::string> series{"gap",
                                            "atr",
                                            "garman_klass",
                                            "candle_body",
                                            "candle_upper_wick",
                                            "candle_lower_wick",
                                            "candle_wick_ratio",
                                            "vwap_distance"};
  static const std::set<std::string> lags{"change", "return", "log_change", "acceleration",
                                          "momentum_zscore"};
  static const std::set<std::string> no_window{"level",
                                               "change",
                                               "return",
                                               "log_change",
                                               "acceleration",
                                               "ratio",
                                               "gap",
                                               "candle_body",
                                               "candle_upper_wick",
                                               "candle_lower_wick",
                                               "candle_wick_ratio"};
  FeatureDef d;
  d.kind = kind;
  d.name = kind + "_" + std::to_string(w) + (relative ? "_rel" : "");
  d.input = series.count(kind) ? "spx" : kind == "vrp_spread" ? "vix.close" : "spx.close";
  if (kind == "ratio" || kind == "correlation" || kind == "vrp_spread")
    d.input2 = kind == "vrp_spread" ? "spx.close" : "vix.close";
  if (!no_window.count(kind)) d.window = w;
  if (lags.count(kind)) d.lag = kind == "momentum_zscore" ? 3 : 5;
  if (kind == "macd" || kind == "macd_hist") {
    d.window = 12;
    d.window2 = 26;
    d.window3 = kind == "macd_hist" ? 9 : 0;
  }
  const std::set<std::string> price_units{"macd",        "macd_hist",         "atr",
                                          "candle_body", "candle_upper_wick", "candle_lower_wick"};
  d.relative = price_units.count(kind) ? relative : 0;
  return d;
}

// Every kind with windows 21 (2 missing rows allowed) and 63 (6 allowed), relative or not.
FeatureSpec every_kind() {
  FeatureSpec spec;
  std::set<std::string> names;
  for (const auto& kind : vixray::feature_kinds())
    for (int32_t w : {21, 63})
      for (int32_t relative : {0, 1}) {
        FeatureDef d = def_of(kind, w, relative);
        if (names.insert(d.name).second) spec.features.push_back(d);
      }
  vixray::validate_feature_spec(spec);
  return spec;
}

// 320 days with gaps: in the S&P close, 2 rows (a 21-day window tolerates them) and later 8 rows
// (more than a 63-day window's 6); in the VIX close, 1 row and later 3 (more than 21's 2); a
// missing S&P high and volume day.
Frame gapped_frame() {
  Frame frame = vixray::synthetic_market_frame(320, 17);
  const auto punch = [&](const std::string& column, size_t from, size_t to) {
    std::vector<double> v = frame.column(column);
    for (size_t r = from; r < to; ++r) v[r] = vixray::kNaN;
    frame.set(column, v);
  };
  punch("spx.close", 90, 92);
  punch("spx.close", 200, 208);
  punch("vix.close", 120, 121);
  punch("vix.close", 150, 153);
  punch("spx.high", 170, 171);
  punch("spx.volume", 175, 176);
  return frame;
}

}  // namespace from_row_test

TEST_CASE("features from a row: rows >= first_row are the full computation's bits, every kind",
          "[features][from_row]") {
  const vixray::Frame frame = from_row_test::gapped_frame();
  const vixray::FeatureSpec spec = from_row_test::every_kind();
  std::set<std::string> covered;
  for (const auto& d : spec.features) covered.insert(d.kind);
  CHECK(covered.size() == vixray::feature_kinds().size());
  const vixray::FeatureMatrix full = vixray::compute_features(frame, spec);
  const auto rows = full.values.rows(), cols = full.values.cols();
  // Inside the warm-ups (10, 30), at and after the gaps (90, 91, 150, 204, 210), the last row.
  for (Eigen::Index r : {0, 1, 10, 30, 90, 91, 150, 204, 210, 319}) {
    INFO("first_row " << r);
    const vixray::FeatureMatrix part =
        vixray::compute_features(frame, spec, static_cast<size_t>(r));
    REQUIRE(part.rows() == rows);
    // Only the rows computed are held.
    REQUIRE(part.first_row == r);
    REQUIRE(part.values.rows() == rows - r);
    REQUIRE(part.names == full.names);
    for (Eigen::Index c = 0; c < cols; ++c) {
      INFO(spec.features[static_cast<size_t>(c)].name);
      int64_t mismatches = 0, before = 0;
      for (Eigen::Index t = r; t < rows; ++t)
        mismatches += from_row_test::same_bits(part.at(t, c), full.values(t, c)) ? 0 : 1;
      for (Eigen::Index t = 0; t < r; ++t) before += std::isnan(part.at(t, c)) ? 0 : 1;
      CHECK(mismatches == 0);
      CHECK(before == 0);
      // The warm-up counts from first_row: the full computation's first non-NaN row from there.
      Eigen::Index first = r;
      while (first < rows && std::isnan(full.values(first, c))) ++first;
      CHECK(part.warmup[static_cast<size_t>(c)] == first);
    }
  }
  // Past the last row: every value NaN, nothing computed.
  const vixray::FeatureMatrix none = vixray::compute_features(frame, spec, 400);
  CHECK(none.values.rows() == 0);
  CHECK(std::isnan(none.at(0, 0)));
}

TEST_CASE("features from a row: the gaps make some windows NaN and leave others",
          "[features][from_row]") {
  // The frame exercises both sides of w / 10: the 8-row S&P hole blanks the 63-day z-score
  // while its window holds more than 6 of its rows (window t-62..t holds 270 - t of them for
  // t in 208..262... so rows 200..263 are NaN, 264 is not); the 2-row hole does not blank the
  // 21-day one after the hole itself (row 92's window 72..92 holds 2, the most it tolerates).
  const vixray::Frame frame = from_row_test::gapped_frame();
  const vixray::FeatureSpec spec = from_row_test::every_kind();
  const vixray::FeatureMatrix part = vixray::compute_features(frame, spec, 200);
  const auto z63 = part.column_index("zscore_63"), z21 = part.column_index("zscore_21");
  CHECK(std::isnan(part.at(206, z63)));
  CHECK(std::isnan(part.at(263, z63)));
  CHECK(std::isfinite(part.at(264, z63)));
  const vixray::FeatureMatrix early = vixray::compute_features(frame, spec, 92);
  CHECK(std::isfinite(early.at(92, z21)));
  CHECK(std::isfinite(early.at(110, z21)));
}

TEST_CASE("features from a row with a carry: the recursive kinds continue with the same bits",
          "[features][from_row]") {
  // The carry of the frame's first r + 1 rows (before its last row, r) lets the features of the
  // whole frame start at row r, the recursive ones too (no pass over rows 0..r-1): the bits of
  // the full computation from r on, and the same carry before the last row.
  const vixray::Frame frame = from_row_test::gapped_frame();
  const vixray::FeatureSpec spec = from_row_test::every_kind();
  const vixray::FeatureMatrix full = vixray::compute_features(frame, spec);
  const auto rows = full.values.rows(), cols = full.values.cols();
  REQUIRE(full.carry.row == static_cast<size_t>(rows - 1));
  size_t recursive = 0;
  for (const auto& d : spec.features)
    recursive += d.kind == "rsi" || d.kind == "macd" || d.kind == "macd_hist" || d.kind == "atr";
  REQUIRE(recursive >= 4);
  REQUIRE(full.carry.names.size() == recursive);
  for (Eigen::Index r : {1, 10, 30, 90, 91, 150, 204, 210, 319}) {
    INFO("carry of row " << r);
    const vixray::FeatureCarry carry = vixray::compute_features(frame.head(r + 1), spec).carry;
    REQUIRE(carry.row == static_cast<size_t>(r));
    const vixray::FeatureMatrix part = vixray::compute_features(frame, spec, carry.row, &carry);
    int64_t mismatches = 0;
    for (Eigen::Index c = 0; c < cols; ++c)
      for (Eigen::Index t = r; t < rows; ++t)
        mismatches += from_row_test::same_bits(part.at(t, c), full.values(t, c)) ? 0 : 1;
    CHECK(mismatches == 0);
    REQUIRE(part.carry.names == full.carry.names);
    for (size_t f = 0; f < full.carry.states.size(); ++f)
      for (size_t j = 0; j < full.carry.states[f].size(); ++j) {
        const vixray::Smoothing &a = part.carry.states[f][j], &b = full.carry.states[f][j];
        CHECK(a.run == b.run);
        CHECK(from_row_test::same_bits(a.sum, b.sum));
        CHECK(from_row_test::same_bits(a.state, b.state));
      }
  }
  // A carry of a later row than the first computed is refused.
  const vixray::FeatureCarry late = vixray::compute_features(frame.head(200), spec).carry;
  CHECK_THROWS_WITH(vixray::compute_features(frame, spec, 100, &late),
                    Catch::Contains("carry is of a row after"));
}
