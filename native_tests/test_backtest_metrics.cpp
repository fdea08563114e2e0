// Seed 003's detection metrics (analysis/backtest_metrics.hpp): a labelled case checked by hand,
// the edge cases, and `vixray backtest --json` on a short simulated run whose new fields must
// agree with the report's own counts.
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "vixray/analysis/backtest.hpp"
#include "vixray/analysis/backtest_metrics.hpp"
#include "vixray/base/error.hpp"

using namespace vixray;
using vixray::test::read_text;
using vixray::test::run_cli;
using vixray::test::TempDir;
using vixray::test::write_text;

namespace {

std::vector<uint8_t> metric_bits(const std::string& pattern) {
  std::vector<uint8_t> out;
  for (char c : pattern) out.push_back(c == '1' ? 1 : 0);
  return out;
}

}  // namespace

// 20 days (index 0..19), three labelled windows [3, 6], [12, 15], [18, 19] with onsets 3, 12, 18;
// alarms on 1, 4, 5, 6, 9, 10, 14, 15, 16.
//   index  0123456789 0123456789
//   truth  0001111000 0011110011
//   alarm  0100111001 1000111000
// TP (alarm, truth) = 4 5 6 14 15 = 5; FP (alarm, no truth) = 1 9 10 16 = 4;
// FN (truth, no alarm) = 3 12 13 18 19 = 5; TN = 20 - 14 = 6.
// precision = 5/9 = 0.5556; recall = 5/10 = 0.5; F1 = 2*5 / (2*5 + 4 + 5) = 10/19 = 0.5263;
// accuracy = (5 + 6) / 20 = 0.55.
// Events (hit: an alarm on onset .. onset + 3; lag: first alarm in [onset - 1, onset + 10] minus
// onset): onset 3 -> alarm on 4, lag +1; onset 12 -> alarm on 14, lag +2; onset 18 -> no alarm
// on 18..21. Event recall 2/3 = 0.6667, median lag (1 + 2) / 2 = 1.5.
// Alarm episodes [1], [4..6], [9..10], [14..16]: [1] and [9..10] touch no window -> 2 false.
// Over 2 years: 2 / 2 = 1 per year; over 0.08 years (under one): per 1,000 days, 2 / 0.020 = 100.
TEST_CASE("backtest metrics: a labelled 20-day case checked by hand", "[backtest_metrics]") {
  const std::vector<uint8_t> truth = metric_bits("00011110000011110011");
  const std::vector<uint8_t> alarms = metric_bits("01001110011000111000");
  const ConfusionCounts c = confusion(alarms, truth);
  CHECK(c.tp == 5);
  CHECK(c.fp == 4);
  CHECK(c.tn == 6);
  CHECK(c.fn == 5);
  const ClassificationScores s = scores_of(c);
  CHECK(s.precision == Approx(5.0 / 9.0));
  CHECK(s.recall == Approx(0.5));
  CHECK(s.f1 == Approx(10.0 / 19.0));
  CHECK(s.accuracy == Approx(0.55));

  std::vector<int64_t> lags;
  for (int64_t onset : {3, 12, 18}) {
    const OnsetMatch m = match_onset(alarms, onset, 3, 1, 10);
    if (m.hit) lags.push_back(m.lag);
  }
  CHECK(lags == std::vector<int64_t>{1, 2});
  CHECK(median_lag(lags) == 1.5);

  const DetectionCounts two_years = count_detections(alarms, truth, 3, lags, 2.0);
  CHECK(two_years.episodes == 4);
  CHECK(two_years.false_episodes == 2);
  const DetectionMetrics m = metrics_of(two_years);
  CHECK(m.event_recall == Approx(2.0 / 3.0));
  CHECK(m.median_lag == 1.5);
  CHECK(m.false_rate.per_year);
  CHECK(m.false_rate.denominator == 2.0);
  CHECK(m.false_rate.rate == 1.0);
  CHECK(m.scores.f1 == Approx(10.0 / 19.0));

  const DetectionMetrics short_span = metrics_of(count_detections(alarms, truth, 3, lags, 0.08));
  CHECK_FALSE(short_span.false_rate.per_year);
  CHECK(short_span.false_rate.denominator == Approx(0.02));
  CHECK(short_span.false_rate.rate == Approx(100.0));

  // Two series add up: counts, events and lags pool; the rates are derived afterwards.
  DetectionCounts total = two_years;
  add_counts(total, two_years);
  CHECK(total.confusion.tp == 10);
  CHECK(total.false_episodes == 4);
  CHECK(total.years == 4.0);
  CHECK(metrics_of(total).median_lag == 1.5);
  CHECK(metrics_of(total).scores.precision == Approx(5.0 / 9.0));
}

TEST_CASE("backtest metrics: no alarms, no labels, all alarms", "[backtest_metrics]") {
  // No alarm on 10 days, 4 labelled: precision undefined, recall 0/4 = 0, F1 0/4 = 0,
  // accuracy 6/10; no episodes, so no false ones.
  {
    const DetectionCounts d =
        count_detections(metric_bits("0000000000"), metric_bits("0011110000"), 1, {}, 1.0);
    const DetectionMetrics m = metrics_of(d);
    CHECK(std::isnan(m.scores.precision));
    CHECK(m.scores.recall == 0.0);
    CHECK(m.scores.f1 == 0.0);
    CHECK(m.scores.accuracy == Approx(0.6));
    CHECK(m.event_recall == 0.0);
    CHECK(std::isnan(m.median_lag));
    CHECK(d.episodes == 0);
    CHECK(m.false_rate.rate == 0.0);
  }
  // No label, 3 alarm days in 2 episodes: precision 0/3, recall undefined, F1 0/3 = 0,
  // accuracy 7/10; both episodes false; no events, so event recall undefined.
  {
    const DetectionCounts d =
        count_detections(metric_bits("1100000100"), metric_bits("0000000000"), 0, {}, 1.0);
    const DetectionMetrics m = metrics_of(d);
    CHECK(m.scores.precision == 0.0);
    CHECK(std::isnan(m.scores.recall));
    CHECK(m.scores.f1 == 0.0);
    CHECK(m.scores.accuracy == Approx(0.7));
    CHECK(std::isnan(m.event_recall));
    CHECK(d.false_episodes == 2);
    CHECK(m.false_rate.rate == 2.0);
  }
  // Neither alarms nor labels: only accuracy is defined (10/10).
  {
    const ClassificationScores s =
        scores_of(confusion(metric_bits("0000000000"), metric_bits("0000000000")));
    CHECK(std::isnan(s.precision));
    CHECK(std::isnan(s.recall));
    CHECK(std::isnan(s.f1));
    CHECK(s.accuracy == 1.0);
  }
  // Every day an alarm, 4 of 10 labelled: precision 4/10, recall 1, F1 8/14, accuracy 4/10; one
  // episode, touching the labels, so not false.
  {
    const DetectionCounts d =
        count_detections(metric_bits("1111111111"), metric_bits("0011110000"), 1, {-2}, 1.0);
    const DetectionMetrics m = metrics_of(d);
    CHECK(m.scores.precision == Approx(0.4));
    CHECK(m.scores.recall == 1.0);
    CHECK(m.scores.f1 == Approx(8.0 / 14.0));
    CHECK(m.scores.accuracy == Approx(0.4));
    CHECK(d.episodes == 1);
    CHECK(d.false_episodes == 0);
    CHECK(m.median_lag == -2.0);
  }
  // No samples at all: nothing defined; the rate has no denominator.
  {
    const DetectionMetrics m = metrics_of(count_detections({}, {}, 0, {}, 0.0));
    CHECK(std::isnan(m.scores.accuracy));
    CHECK(std::isnan(m.false_rate.rate));
  }
  CHECK_THROWS_AS(confusion(metric_bits("01"), metric_bits("011")), Error);
}

// A short simulated walk-forward (2007 and 2008 scored, small forests): the JSON's new fields
// agree with the report's own figures (false-alarm statistics, event rows, test days).
TEST_CASE("backtest: detection metrics and throughput in the JSON", "[backtest_metrics][cli]") {
  TempDir dir;
  auto catalogue = nlohmann::json::parse(
      read_text(std::string(VIXRAY_SOURCE_DIR) + "/models/detector_catalogue.json"));
  catalogue["settings"]["forest"]["default"]["n_trees"] = 5;
  catalogue["settings"]["thresholds"]["default"]["bootstrap_resamples"] = 10;
  write_text(dir / "fast.json", catalogue.dump());
  const auto run = run_cli(
      "backtest --sim-start 2004-01-02 --sim-end 2008-12-31 --first-year 2007 "
      "--settings '" +
          (dir / "fast.json") + "' --json '" + (dir / "b.json") + "'",
      dir);
  INFO(run.err);
  REQUIRE(run.status == 0);
  CHECK(run.out.find("### Detection metrics") != std::string::npos);
  CHECK(run.out.find("| ensemble (HIGH or CRITICAL) | ") != std::string::npos);
  const auto doc = nlohmann::json::parse(read_text(dir / "b.json"));
  for (const char* signal : {"ensemble", "rule"}) {
    INFO(signal);
    const auto& d = doc["detection"][signal];
    const auto& all = doc["false_alarms"][signal]["all"];
    const int64_t tp = d["tp"], fp = d["fp"], tn = d["tn"], fn = d["fn"];
    CHECK(tp + fp + tn + fn == doc["test_days"].get<int64_t>());
    CHECK(tp + fp == all["alarm_days"].get<int64_t>());
    CHECK(d["alarm_episodes"] == all["episodes"]);
    CHECK(d["false_episodes"] == all["false_episodes"]);
    if (tp + fp > 0)
      CHECK(d["precision"].get<double>() ==
            Approx(static_cast<double>(tp) / static_cast<double>(tp + fp)));
    else
      CHECK(d["precision"].is_null());
    CHECK(d["accuracy"].get<double>() ==
          Approx(static_cast<double>(tp + tn) / static_cast<double>(tp + fp + tn + fn)));
    // Events: the simulator's non-calm events in the test days; detected = hit, as in the rows.
    int64_t events = 0, detected = 0;
    std::vector<int64_t> lags;
    for (const auto& e : doc["events"]) {
      if (e["kind"] == "calm") continue;
      ++events;
      if (!e[signal]["hit"].get<bool>()) continue;
      ++detected;
      lags.push_back(e[signal]["lag"].get<int64_t>());
    }
    CHECK(d["events"] == events);
    CHECK(d["detected"] == detected);
    if (detected > 0)
      CHECK(d["median_lag"].get<double>() == median_lag(lags));
    else
      CHECK(d["median_lag"].is_null());
    CHECK(d["false_alarm_rate"]["per"] == "year");
    CHECK(d["false_alarm_rate"]["denominator"] == 2.0);
    CHECK(d["false_alarm_rate"]["rate"].get<double>() ==
          Approx(d["false_episodes"].get<double>() / 2.0));
  }
  const auto& t = doc["throughput"];
  CHECK(t["trainings"] == 2);
  CHECK(t["test_days"] == doc["test_days"]);
  CHECK(t["training_seconds"].get<double>() > 0.0);
  CHECK(t["scoring_seconds"].get<double>() > 0.0);
  CHECK(t["trainings_per_second"].get<double>() ==
        Approx(2.0 / t["training_seconds"].get<double>()));
  CHECK(t["days_per_second"].get<double>() ==
        Approx(t["test_days"].get<double>() / t["scoring_seconds"].get<double>()));
}
