#include <catch2/catch.hpp>
#include <cmath>

#include "small_models.hpp"
#include "vixray/analysis/analysis.hpp"
#include "vixray/analysis/backtest.hpp"
#include "vixray/analysis/pipeline.hpp"
#include "vixray/data/price_files.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/thresholds.hpp"
#include "vixray/sim/simulate.hpp"
#include "vixray/sim/simulated_series.hpp"

using namespace vixray;

namespace {

std::vector<uint8_t> bits(const std::string& pattern) {
  std::vector<uint8_t> out;
  for (char c : pattern) out.push_back(c == '1' ? 1 : 0);
  return out;
}

// Three trainings: small_models.hpp's sizes, a little larger.
EnsembleSettings small_settings() { return test::small_settings({16, 64, 32, 10}); }

}  // namespace

TEST_CASE("alarm_episodes: runs of consecutive alarm days", "[backtest]") {
  const auto episodes = alarm_episodes(bits("0110010111"));
  REQUIRE(episodes.size() == 3);
  CHECK(episodes[0].first == 1);
  CHECK(episodes[0].last == 2);
  CHECK(episodes[1].first == 5);
  CHECK(episodes[1].last == 5);
  CHECK(episodes[2].first == 7);
  CHECK(episodes[2].last == 9);
  CHECK(alarm_episodes(bits("0000")).empty());
}

TEST_CASE("match_onset: hit within onset..onset+3, lag of the first alarm", "[backtest]") {
  //                     index 0123456789
  const auto alarms = bits("0000000100");
  // Onset 4: alarm at 7 = onset + 3 -> hit, lag +3.
  OnsetMatch m = match_onset(alarms, 4, 3, 5, 40);
  CHECK(m.hit);
  CHECK(m.lag == 3);
  // Onset 3: alarm at 7 = onset + 4 -> not a hit, but a lag of +4 within the horizon.
  m = match_onset(alarms, 3, 3, 5, 40);
  CHECK_FALSE(m.hit);
  CHECK(m.lag == 4);
  // Onset 9: the alarm at 7 was already on 2 days before (within the 5-day lookback).
  m = match_onset(alarms, 9, 3, 5, 40);
  CHECK_FALSE(m.hit);
  CHECK(m.lag == -2);
  // Horizon 2 from onset 3 does not reach index 7.
  m = match_onset(alarms, 3, 3, 0, 2);
  CHECK(m.lag == kNoAlarm);
}

TEST_CASE("false_episodes: episodes overlapping no stress window", "[backtest]") {
  const auto episodes = alarm_episodes(bits("1100011000111"));
  const auto mask = window_mask(13, {{6, 8}, {-3, -1}, {20, 30}});
  // Windows outside [0, 13) are clipped away; only 6..8 is stress.
  CHECK(mask == bits("0000001110000"));
  const auto wrong = false_episodes(episodes, mask);
  REQUIRE(wrong.size() == 2);
  CHECK(wrong[0].first == 0);
  CHECK(wrong[1].first == 10);
}

TEST_CASE("evaluate_episodes on a hand-built level series", "[backtest]") {
  // 20 weekdays from Monday 2001-01-01 to Friday 2001-01-26, then 10 from 2002-01-07.
  WalkForward walk;
  for (int i = 0; i < 30; ++i) {
    const Day start = i < 20 ? days_from_civil(2001, 1, 1) : days_from_civil(2002, 1, 7);
    const int k = i < 20 ? i : i - 20;
    walk.dates.push_back(start + 7 * (k / 5) + k % 5);
  }
  walk.level.assign(30, Level::kNormal);
  walk.ensemble_score.assign(30, 0.5);
  walk.vix_close.assign(30, 15.0);
  // Ensemble alarms on days 12-13 (onset day 10 + 2 and + 3) and a lone false alarm on day 25.
  walk.level[12] = Level::kHigh;
  walk.level[13] = Level::kCritical;
  walk.level[25] = Level::kHigh;
  // The rule fires on day 15 (onset + 5: too late to count as a hit, lag +5).
  walk.vix_close[15] = 30.0;
  WalkForwardYear y2001, y2002;
  y2001.year = 2001;
  y2002.year = 2002;
  walk.years = {y2001, y2002};
  BacktestOptions options;
  options.horizon = 6;
  const std::vector<StressEpisode> episodes{{"test", walk.dates[10], 0, 0}};
  const BacktestEvaluation eval = evaluate_episodes(walk, episodes, options);
  REQUIRE(eval.onsets.size() == 1);
  CHECK(eval.onsets[0].in_range);
  CHECK(eval.onsets[0].ensemble.hit);
  CHECK(eval.onsets[0].ensemble.lag == 2);
  CHECK_FALSE(eval.onsets[0].rule.hit);
  CHECK(eval.onsets[0].rule.lag == 5);
  // Window 5..16 covers 2001's alarms; 2002 is calm with one false episode.
  REQUIRE(eval.years.size() == 2);
  CHECK_FALSE(eval.years[0].calm);
  CHECK(eval.years[1].calm);
  CHECK(eval.calm_years == 1);
  CHECK(eval.ensemble_calm.false_episodes == 1);
  CHECK(eval.ensemble_calm.alarm_days == 1);
  CHECK(eval.ensemble_all.episodes == 2);
  CHECK(eval.ensemble_all.alarm_days == 3);
  CHECK(eval.rule_all.false_episodes == 0);
  CHECK(eval.rule_calm.days == 10);
  // Seed 003's counts: 12 stress days (5..16). Ensemble alarms 12, 13 (in the window), 25 (not):
  // TP 2, FP 1, FN 12 - 2 = 10, TN 30 - 13 = 17; the onset detected with lag +2; 1 false episode
  // in 2 test years. Rule alarm 15: TP 1, FP 0, FN 11, TN 18; the onset not detected (lag +5 is
  // past d+3), its one episode not false.
  const DetectionCounts& e = eval.ensemble_detection;
  CHECK(e.confusion.tp == 2);
  CHECK(e.confusion.fp == 1);
  CHECK(e.confusion.fn == 10);
  CHECK(e.confusion.tn == 17);
  CHECK(e.events == 1);
  CHECK(e.lags == std::vector<int64_t>{2});
  CHECK(e.false_episodes == 1);
  CHECK(e.years == 2.0);
  const DetectionCounts& r = eval.rule_detection;
  CHECK(r.confusion.tp == 1);
  CHECK(r.confusion.fp == 0);
  CHECK(r.confusion.fn == 11);
  CHECK(r.confusion.tn == 18);
  CHECK(r.lags.empty());
  CHECK(r.episodes == 1);
  CHECK(r.false_episodes == 0);
}

TEST_CASE("walk_forward: each test year is scored by a model trained before it", "[backtest]") {
  SimulationParams params;
  params.seed = 42;
  params.start = days_from_civil(1990, 1, 2);
  params.end = days_from_civil(2001, 12, 31);
  const AlignedPrices market = read_price_csvs(simulated_series(params));
  const EnsembleSettings settings = small_settings();
  const WalkForward walk = walk_forward(market.frame, settings, 1999);
  REQUIRE(walk.years.size() == 3);
  for (size_t i = 0; i < walk.years.size(); ++i) {
    const WalkForwardYear& y = walk.years[i];
    CHECK(y.year == 1999 + static_cast<int32_t>(i));
    // ISO dates compare as strings: training ends before the first day of the test year.
    CHECK(y.training.last_date < std::to_string(y.year) + "-01-01");
    CHECK(y.training.last_date >= std::to_string(y.year - 1) + "-12-01");
    CHECK(market.frame.dates()[static_cast<size_t>(y.first_row)] >= days_from_civil(y.year, 1, 1));
  }
  REQUIRE(walk.dates.size() == walk.level.size());
  REQUIRE(walk.dates.front() >= days_from_civil(1999, 1, 1));
  // Levels are the year's own thresholds applied to the scores.
  for (size_t i = 0; i < walk.dates.size(); ++i) {
    int32_t year = 0, month = 0, day = 0;
    civil_from_days(walk.dates[i], year, month, day);
    const Thresholds& t = walk.years[static_cast<size_t>(year - 1999)].thresholds;
    CHECK(walk.level[i] == classify(walk.ensemble_score[i], t));
  }
  // No look-ahead: the 1999 model scoring the whole history gives the same 1999 scores as the
  // walk-forward, which only showed it data up to the end of 1999.
  const WalkForwardYear& first = walk.years.front();
  const EnsembleModel model = train_market(market.frame.head(first.first_row), settings);
  CHECK(model.training.last_date == first.training.last_date);
  const Analysis full = analyze_market(model, market.frame);
  for (int64_t row = first.first_row; row < first.end_row; ++row) {
    const size_t w = static_cast<size_t>(row - first.first_row);
    const double a = full.ensemble_score[static_cast<size_t>(row)];
    const double b = walk.ensemble_score[w];
    CHECK(((std::isnan(a) && std::isnan(b)) || a == b));
  }
  // The simulated events of those years can be evaluated (mechanics only, no quality claim).
  const EventEvaluation events = evaluate_events(walk, simulate(params).events, BacktestOptions{});
  int64_t in_range = 0;
  for (const EventResult& e : events.events) in_range += e.in_range;
  int64_t counted = 0;
  for (const KindRecall& k : events.by_kind) counted += k.events;
  CHECK(counted == in_range);
}

TEST_CASE("walk_forward: errors name the missing training data", "[backtest]") {
  SimulationParams params;
  params.start = days_from_civil(1990, 1, 2);
  params.end = days_from_civil(1991, 12, 31);
  const AlignedPrices market = read_price_csvs(simulated_series(params));
  CHECK_THROWS_WITH(walk_forward(market.frame, small_settings(), 1990),
                    Catch::Contains("no day before 1990-01-01"));
  CHECK_THROWS_WITH(walk_forward(market.frame, small_settings(), 1995),
                    Catch::Contains("no day on or after"));
}
