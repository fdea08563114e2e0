// The alert distribution (analysis/alerts.hpp) on hand-made Analyses: every expected count below
// is counted by hand from the levels and scores written in the test.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "vixray/analysis/alerts.hpp"
#include "vixray/base/error.hpp"
#include "vixray/ensemble/thresholds.hpp"

using vixray::Level;

namespace alerts_test {

constexpr Level U = Level::kUnavailable, N = Level::kNormal, M = Level::kModerate, H = Level::kHigh,
                C = Level::kCritical;
const double kAlertNaN = std::numeric_limits<double>::quiet_NaN();

// Detectors a (domain x), random_subspace_1 and c (domain y); one row of scores per day.
vixray::Analysis hand_made(const std::vector<Level>& levels,
                           const std::vector<std::vector<double>>& rows) {
  vixray::Analysis a;
  a.detector_names = {"a", "random_subspace_1", "c"};
  a.detector_domains = {"x", "y", "y"};
  a.domain_names = {"x", "y"};
  for (size_t t = 0; t < levels.size(); ++t) {
    a.dates.push_back(static_cast<vixray::Day>(100 + t));
    a.level.push_back(levels[t]);
    for (double s : rows[t]) a.detector_scores.push_back(s);
  }
  return a;
}

vixray::EnsembleModel three_detectors() {
  vixray::EnsembleModel m;
  m.detectors.resize(3);
  m.detectors[0].name = "a";
  m.detectors[1].name = "random_subspace_1";
  m.detectors[2].name = "c";
  return m;
}

// (A named namespace, test cases included: the unity build puts other tests' U, N, ... beside.)
TEST_CASE("alerts: each alarm day goes to its top detector; ties, missing scores, other levels",
          "[alerts]") {
  // day 0 UNAVAILABLE: not a scored day.            day 1 NORMAL: not an alarm (a = 0.9).
  // day 2 HIGH: rs1 = c = 0.7 > a -> tie -> rs1 (first in model order).
  // day 3 CRITICAL: a has no score; c 0.6 > rs1 0.2 -> c.
  // day 4 HIGH: rs1 has no score; a 0.8 > c 0.1 -> a.
  // day 5 MODERATE: not an alarm (rs1 = 0.99).    day 6 HIGH: rs1 0.9 -> rs1.
  // days = 6 (days 1..6), alarm days = 4: a 1, rs1 2, c 1 -> shares 0.25, 0.5, 0.25.
  const auto a = hand_made({U, N, H, C, H, M, H}, {{kAlertNaN, kAlertNaN, kAlertNaN},
                                                   {0.9, 0.1, 0.1},
                                                   {0.5, 0.7, 0.7},
                                                   {kAlertNaN, 0.2, 0.6},
                                                   {0.8, kAlertNaN, 0.1},
                                                   {0.1, 0.99, 0.1},
                                                   {0.3, 0.9, 0.3}});
  const auto d = vixray::alert_distribution(a, three_detectors());
  CHECK(d.days == 6);
  CHECK(d.alarm_days == 4);
  REQUIRE(d.detectors.size() == 3);
  CHECK(d.detectors[0].detector == "a");
  CHECK(d.detectors[0].domain == "x");
  CHECK(d.detectors[0].alarm_days == 1);
  CHECK(d.detectors[0].share == 0.25);
  CHECK(d.detectors[1].label == "Random subspace 1");
  CHECK(d.detectors[1].alarm_days == 2);
  CHECK(d.detectors[1].share == 0.5);
  CHECK(d.detectors[2].alarm_days == 1);
  CHECK(d.max_share == 0.5);
  CHECK(d.max_detector == "random_subspace_1");
  CHECK(d.max_share_allowed == 0.35);
  // 0.5 > 0.35: one warning, the only one (every detector has an alarm day).
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0] ==
        "Detector random_subspace_1 (Random subspace 1) has 50.0% of the 4 alarm days, over the "
        "35.0% allowed.");

  // With 50% allowed nothing is over (the limit is strict).
  CHECK(vixray::alert_distribution(a, three_detectors(), 0.5).warnings.empty());

  const auto j = vixray::alert_distribution_to_json(d);
  CHECK(j["alarm_days"] == 4);
  CHECK(j["max_detector"] == "random_subspace_1");
  CHECK(j["detectors"][1]["share"] == 0.5);
  CHECK(j["detectors"][2]["label"] == "c");
  CHECK(j["warnings"].size() == 1);
}

TEST_CASE("alerts: a detector with no alarm day is warned about; no alarm at all", "[alerts]") {
  // Three HIGH days, a on top twice, c once (ties a = c on day 1 -> a): rs1 has none.
  // Shares 2/3 (over 35%) and 1/3: warnings a over, then rs1 none.
  const auto a = hand_made({H, H, C}, {{0.9, 0.1, 0.2}, {0.5, 0.4, 0.5}, {0.1, 0.2, 0.3}});
  const auto d = vixray::alert_distribution(a, three_detectors());
  CHECK(d.detectors[0].alarm_days == 2);
  CHECK(d.detectors[1].alarm_days == 0);
  CHECK(d.detectors[1].share == 0.0);
  CHECK(d.detectors[2].alarm_days == 1);
  REQUIRE(d.warnings.size() == 2);
  CHECK(d.warnings[0] == "Detector a has 66.7% of the 3 alarm days, over the 35.0% allowed.");
  CHECK(d.warnings[1] ==
        "Detector random_subspace_1 (Random subspace 1) has none of the 3 alarm "
        "days.");

  // No day at HIGH or above: one warning, no share, no top detector.
  const auto quiet =
      hand_made({N, M, U}, {{0.9, 0.1, 0.2}, {0.5, 0.4, 0.5}, {kAlertNaN, kAlertNaN, kAlertNaN}});
  const auto q = vixray::alert_distribution(quiet, three_detectors());
  CHECK(q.days == 2);
  CHECK(q.alarm_days == 0);
  CHECK(q.max_share == 0.0);
  CHECK(q.max_detector.empty());
  CHECK(q.detectors.size() == 3);
  REQUIRE(q.warnings.size() == 1);
  CHECK(q.warnings[0] == "No alarm: none of the 2 days with a score reached HIGH or CRITICAL.");

  auto bad = a;
  bad.level.pop_back();
  CHECK_THROWS_AS(vixray::alert_distribution(bad, three_detectors()), vixray::Error);
}

}  // namespace alerts_test
