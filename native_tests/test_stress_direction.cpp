// One-sided (stress-directional) detector scores: ensemble.hpp StressDirection and its use in
// training and the Analysis.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "vixray/analysis/analysis.hpp"
#include "vixray/base/error.hpp"
#include "vixray/base/rng.hpp"
#include "vixray/ensemble/input.hpp"
#include "vixray/ensemble/settings.hpp"
#include "vixray/ensemble/stress_direction.hpp"
#include "vixray/ensemble/thresholds.hpp"
#include "vixray/ensemble/train.hpp"

namespace {

// Two features, row-major: feature 0 = 1..9 (median 5, quartiles 3 and 7: IQR 4 by type-7
// quantiles at positions 2 and 6 of the sorted values), feature 1 = constant 2.
std::vector<double> nine_rows() {
  std::vector<double> rows;
  for (int i = 1; i <= 9; ++i) {
    rows.push_back(static_cast<double>(i));
    rows.push_back(2.0);
  }
  return rows;
}

}  // namespace

TEST_CASE("stress direction: medians, IQR scales and the weight ramp", "[stress_direction]") {
  const auto d = vixray::StressDirection::fit(nine_rows(), {1.0, 0.0}, 1.0);
  REQUIRE(d.active());
  CHECK(d.centers[0] == 5.0);
  CHECK(d.scales[0] == 4.0);
  // The unsigned feature keeps the neutral entries (center 0, scale 1).
  CHECK(d.centers[1] == 0.0);
  CHECK(d.scales[1] == 1.0);
  // side = (x - 5) / 4; weight = clip(side / ramp, 0, 1).
  const double calm[] = {1.0, 100.0};
  const double median[] = {5.0, -100.0};
  const double half[] = {7.0, 2.0};
  const double stressed[] = {13.0, 2.0};
  CHECK(d.side(calm) == -1.0);
  CHECK(d.weight(calm) == 0.0);
  CHECK(d.weight(median) == 0.0);
  CHECK(d.weight(half) == 0.5);
  CHECK(d.weight(stressed) == 1.0);
  // neutral = 1: only the calm side loses weight (w = clip(1 + side, 0, 1)).
  const auto lenient = vixray::StressDirection::fit(nine_rows(), {1.0, 0.0}, 1.0, 1.0);
  CHECK(lenient.weight(median) == 1.0);
  CHECK(lenient.weight(calm) == 0.0);
  const double slightly_calm[] = {3.0, 2.0};  // side = -0.5
  CHECK(lenient.weight(slightly_calm) == 0.5);
  CHECK_THROWS_AS(vixray::StressDirection::fit(nine_rows(), {1.0, 0.0}, 1.0, 1.5), vixray::Error);
  // Robust z-scores are clipped at +-4: a far outlier on the calm side of one feature cannot
  // outvote a second feature that is on the stressed side by more.
  const auto two = vixray::StressDirection::fit(nine_rows(), {1.0, -1.0}, 1.0);
  // Feature 1 is constant: IQR 0 and range 0, so its scale falls back to 1.
  CHECK(two.scales[1] == 1.0);
  const double mixed[] = {-1000.0, -10.0};  // z = -4 (clipped) and +12 -> +4 (clipped)
  CHECK(two.side(mixed) == 0.0);
  // The size of each z-score weighs its vote: z = -1 (feature 0 at 1) and z = +3 (feature 1 at
  // -1) give side = (-1 * 1 + 3 * 3) / (1 + 3) = 2, where a plain mean would give 1.
  const double extreme_stress[] = {1.0, -1.0};
  CHECK(two.side(extreme_stress) == 2.0);
}

TEST_CASE("stress direction: a calm-side anomaly counts as a typical day", "[stress_direction]") {
  CHECK(vixray::directional_score(0.99, 0.0) == 0.5);
  CHECK(vixray::directional_score(0.99, 1.0) == 0.99);
  CHECK(vixray::directional_score(0.9, 0.5) == 0.7);
  CHECK(vixray::directional_score(0.3, 0.0) == 0.3);  // below the median: unchanged
  CHECK(std::isnan(vixray::directional_score(std::numeric_limits<double>::quiet_NaN(), 1.0)));
  CHECK_THROWS_AS(vixray::StressDirection::fit(nine_rows(), {2.0, 0.0}, 1.0), vixray::Error);
  CHECK_THROWS_AS(vixray::StressDirection::fit(nine_rows(), {1.0, 0.0}, 0.0), vixray::Error);
}

namespace {

// One detector on two features: VIX level (high = stress) and the S&P 1-day return (low =
// stress). 800 ordinary days (VIX about 18, returns about 0), then an extremely calm day (VIX 9,
// S&P +0.1%) and a stress day (VIX 45, S&P -6%).
struct OneDetectorMarket {
  std::vector<vixray::Day> dates;
  std::vector<double> values;  // row-major: vix_level, spx_return_1d
  std::vector<double> vix, spx;
  vixray::AnalysisInput input(int64_t rows) const {
    vixray::AnalysisInput in;
    in.dates.assign(dates.begin(), dates.begin() + rows);
    in.feature_names = {"vix_level", "spx_return_1d"};
    in.features = vixray::MatrixView{values.data(), rows, 2};
    in.vix_close.assign(vix.begin(), vix.begin() + rows);
    in.spx_close.assign(spx.begin(), spx.begin() + rows);
    return in;
  }
};

OneDetectorMarket one_detector_market() {
  OneDetectorMarket m;
  vixray::Rng rng(3);
  double spx = 1000.0;
  auto add = [&](double vix, double ret) {
    m.dates.push_back(vixray::days_from_civil(2000, 1, 3) +
                      static_cast<vixray::Day>(m.dates.size()));
    m.values.push_back(vix);
    m.values.push_back(ret);
    spx *= 1.0 + ret / 100.0;
    m.vix.push_back(vix);
    m.spx.push_back(spx);
  };
  for (int i = 0; i < 800; ++i) add(18.0 + 2.0 * rng.normal(), 0.8 * rng.normal());
  add(9.0, 0.1);    // row 800: record-low VIX, a quiet up day
  add(45.0, -6.0);  // row 801: a crash day
  return m;
}

vixray::EnsembleSettings one_detector_settings(bool one_sided, const char* thresholds = "anomaly") {
  std::string text = R"({"format":"vixray-settings","format_version":"1.0","settings":{
    "domains": {"default": [{"name": "stress"}]},
    "detectors": {"default": [{"name": "vix_and_spx", "domain": "stress",
                               "features": ["vix_level", "spx_return_1d"]}]},
    "forest": {"default": {"n_trees": 50, "sample_size": 256, "seed": 1}},
    "thresholds": {"default": {"percentiles": [85, 92, 98], "bootstrap_resamples": 0,
                               "confidence": 0.9, "seed": 7}})";
  if (one_sided)
    text += std::string(R"(, "stress_direction": {"default": {"ramp": 1.0, "thresholds": ")") +
            thresholds + R"(", "signs": {"vix_level": 1, "spx_return_1d": -1}}})";
  text += "}}";
  return vixray::load_settings(text, vixray::default_settings_context());
}

}  // namespace

TEST_CASE(
    "stress direction: a one-sided detector does not alarm on an extreme calm day but does on "
    "a stress day",
    "[stress_direction]") {
  const OneDetectorMarket market = one_detector_market();
  const auto all = market.input(static_cast<int64_t>(market.dates.size()));
  const size_t calm = 800, stress = 801;
  const auto high = [](vixray::Level l) {
    return l == vixray::Level::kHigh || l == vixray::Level::kCritical;
  };
  // Trained on the 800 ordinary days only; the two extreme days are scored out of sample.
  const auto two_sided = vixray::train_ensemble(market.input(800), one_detector_settings(false));
  const auto a2 = vixray::analyze(two_sided, all);
  // The Isolation Forest alone isolates both extremes: both are HIGH or CRITICAL.
  CHECK(high(a2.level[calm]));
  CHECK(high(a2.level[stress]));

  const auto one_sided = vixray::train_ensemble(market.input(800), one_detector_settings(true));
  REQUIRE(one_sided.detectors[0].direction.active());
  const auto a1 = vixray::analyze(one_sided, all);
  CHECK(a1.detector_scores[calm] <= 0.5);  // capped: the calm side is not stress
  CHECK(a1.level[calm] == vixray::Level::kNormal);
  CHECK(a1.level[stress] == vixray::Level::kCritical);
  CHECK(a1.detector_scores[stress] == a2.detector_scores[stress]);  // full score kept
  // The forest and its calibration are the same: only the weighting differs.
  CHECK(one_sided.detectors[0].calibration.knots == two_sided.detectors[0].calibration.knots);
}

TEST_CASE("stress direction: where the thresholds sit on the training days", "[stress_direction]") {
  const OneDetectorMarket market = one_detector_market();
  const auto training = market.input(800);
  const auto share_at_high = [](const vixray::Analysis& a) {
    int64_t high = 0;
    for (auto l : a.level) high += l == vixray::Level::kHigh || l == vixray::Level::kCritical;
    return static_cast<double>(high) / static_cast<double>(a.level.size());
  };
  // Two-sided: HIGH sits at the 92nd percentile of the training ensemble, so 8% of the training
  // days are at HIGH or above (within the ties of one quantile step).
  const auto two =
      vixray::analyze(vixray::train_ensemble(training, one_detector_settings(false)), training);
  CHECK(share_at_high(two) == Approx(0.08).margin(0.002));
  // "directional": the percentiles of the one-sided training ensemble, the same 8%.
  const auto directional = vixray::analyze(
      vixray::train_ensemble(training, one_detector_settings(true, "directional")), training);
  CHECK(share_at_high(directional) == Approx(0.08).margin(0.002));
  // "anomaly" (the default): the two-sided thresholds classify the one-sided scores, which are
  // never higher, so fewer training days alarm: the calm-side anomalies drop out.
  const auto model = vixray::train_ensemble(training, one_detector_settings(true));
  const auto anomaly = vixray::analyze(model, training);
  CHECK(model.thresholds.high ==
        Approx(vixray::train_ensemble(training, one_detector_settings(false)).thresholds.high));
  CHECK(share_at_high(anomaly) < 0.08);
  CHECK(share_at_high(anomaly) > 0.0);
}
