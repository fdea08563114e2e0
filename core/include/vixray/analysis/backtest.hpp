// Out-of-sample quality of the ensemble: walk-forward evaluation against known stress episodes
// (real history) or the simulator's embedded events, side by side with a naive VIX rule.
//
// Walk-forward: for each test year Y, the model is trained on every day before Y-01-01 and the
// days of Y are scored with it (features have no look-ahead, so the score of a day only uses
// data up to that day; thresholds and forests come from the years before Y). An "alarm" is a
// day whose level is HIGH or CRITICAL (the model's own thresholds); the naive rule alarms when
// the VIX close is at or above a fixed level (28 by default).
//
// Index arithmetic is in trading days of the test period (consecutive test days, all years
// concatenated), so "onset + 3" means three trading days after the onset day.
#pragma once
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "vixray/analysis/backtest_metrics.hpp"
#include "vixray/data/dates.hpp"
#include "vixray/data/frame.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/settings.hpp"
#include "vixray/ensemble/thresholds.hpp"
#include "vixray/sim/simulate.hpp"

namespace vixray {

// ---------------------------------------------------------------------------------------------
// Walk-forward scoring

struct WalkForwardYear {
  int32_t year = 0;
  int64_t first_row = 0, end_row = 0;  // frame rows [first_row, end_row) are the days of Y
  TrainingInfo training;               // of the model that scored Y (last_date < Y-01-01)
  Thresholds thresholds;               // that model's ensemble thresholds
};

struct WalkForward {
  // Per test day (all test years, in order).
  std::vector<Day> dates;
  std::vector<double> ensemble_score;  // NaN when a detector had no score (warm-up)
  std::vector<Level> level;            // with the thresholds of the year's model
  std::vector<double> vix_close;
  std::vector<std::string> detector_names;   // of the last year's model (columns below)
  std::vector<double> detector_scores;       // test days x detector_names, row-major (NaN: none)
  std::vector<int32_t> detector_alarm_days;  // per detector: test days with score >= 0.98
  std::vector<WalkForwardYear> years;
};

/// Called once per test year before its training (e.g. a progress line in the CLI).
using WalkForwardProgress = std::function<void(int32_t year, int32_t index, int32_t count)>;

/// Walk-forward from first_year to the frame's last year. Throws vixray::Error if no day of the
/// frame falls before first_year-01-01 (nothing to train on) or none falls in or after it.
/// `trained` is called once per test year after its training, before its days are scored (the
/// CLI times training and scoring apart with the two calls).
WalkForward walk_forward(const Frame& frame, const EnsembleSettings& settings, int32_t first_year,
                         const WalkForwardProgress& progress = {},
                         const WalkForwardProgress& trained = {});

// ---------------------------------------------------------------------------------------------
// Pure building blocks (separately testable)

constexpr int64_t kNoAlarm = std::numeric_limits<int64_t>::min();

/// 1 on days with level HIGH or CRITICAL.
std::vector<uint8_t> level_alarms(const std::vector<Level>& levels);
/// 1 on days with VIX close >= threshold (NaN: no alarm).
std::vector<uint8_t> vix_rule_alarms(const std::vector<double>& vix_close, double threshold);

// AlarmEpisode, alarm_episodes and false_episodes: analysis/backtest_metrics.hpp.

/// How one alarm series met one onset (index into the series).
struct OnsetMatch {
  bool hit = false;        // an alarm on a day in [onset, onset + hit_days]
  int64_t lag = kNoAlarm;  // first alarm day in [onset - lookback, onset + horizon] minus
                           // onset (negative: the alarm was already on); kNoAlarm if none
};
OnsetMatch match_onset(const std::vector<uint8_t>& alarms, int64_t onset, int64_t hit_days,
                       int64_t lookback, int64_t horizon);

/// Index window [first, last] (inclusive) of a stress episode.
struct IndexWindow {
  int64_t first = 0, last = 0;
};
/// 1 on every index covered by a window (windows are clipped to [0, n)).
std::vector<uint8_t> window_mask(int64_t n, const std::vector<IndexWindow>& windows);

// ---------------------------------------------------------------------------------------------
// Evaluation

struct BacktestOptions {
  double vix_rule = 28.0;  // naive rule: alarm when VIX close >= this
  int64_t hit_days = 3;    // detected if an alarm falls on onset .. onset + hit_days
  int64_t lookback = 5;    // stress window starts this many trading days before the onset
  int64_t horizon = 40;    // ... and ends this many after it (or at the episode's end if later)
};

/// A known stress episode: onset day (the first trading day on or after it is used), and an
/// optional explicit window (dates; 0 = none) merged with the default onset window.
struct StressEpisode {
  std::string name;
  Day onset = 0;
  Day window_first = 0, window_last = 0;
};

/// The real episodes of the quality report (1997-2018), with their onsets as documented in
/// backtest.cpp.
std::vector<StressEpisode> known_real_episodes();
/// Further documented stress episodes that fall in years the list above leaves calm (2000, 2007,
/// 2014, 2016): a sensitivity check of the false-alarm count, not part of the primary table.
std::vector<StressEpisode> additional_real_episodes();

/// Alarm counts of one signal over a set of days.
struct AlarmStats {
  int64_t days = 0;
  int64_t alarm_days = 0;
  int64_t episodes = 0;        // alarm episodes starting on these days
  int64_t false_episodes = 0;  // of those, overlapping no stress window
};

struct OnsetResult {
  std::string name;
  Day onset = 0;          // as given
  Day onset_day = 0;      // trading day used
  bool in_range = false;  // onset within the test days
  OnsetMatch ensemble, rule;
  double max_score = 0.0;  // ensemble score max over onset .. onset + hit_days
  double max_vix = 0.0;    // VIX close max over the same days
  double vix_at_onset = 0.0;
};

struct YearResult {
  int32_t year = 0;
  bool calm = false;  // no stress window touches the year
  AlarmStats ensemble, rule;
  double max_score = 0.0, max_vix = 0.0;
  double threshold_high = 0.0;
  std::string training_last_date;
};

struct BacktestEvaluation {
  std::vector<OnsetResult> onsets;
  std::vector<YearResult> years;
  int32_t calm_years = 0;
  AlarmStats ensemble_calm, rule_calm;                   // over calm years
  AlarmStats ensemble_all, rule_all;                     // over all test days
  std::vector<AlarmEpisode> ensemble_false, rule_false;  // false episodes (test-day indices)
  std::vector<uint8_t> stress_mask;                      // per test day: in a stress window
  // Seed 003's detection metrics (backtest_metrics.hpp): days against stress_mask, events = the
  // onsets in range (detected = hit, lag = the match's lag), years = the test years.
  DetectionCounts ensemble_detection, rule_detection;
};

/// Evaluates a walk-forward against stress episodes (onset detection, lags, false alarms).
BacktestEvaluation evaluate_episodes(const WalkForward& walk,
                                     const std::vector<StressEpisode>& episodes,
                                     const BacktestOptions& options);

/// Simulated events: each non-calm event is a stress episode with onset = start and window
/// [start - lookback, max(start + horizon, end)]; calm events are not stress windows (alarms
/// inside them are counted as false alarms by evaluate_episodes, and reported per event here).
std::vector<StressEpisode> episodes_of_events(const std::vector<MarketEvent>& events);

struct EventResult {
  MarketEvent event;
  bool in_range = false;
  OnsetMatch ensemble, rule;  // onset = start (hit: start .. start + hit_days)
  bool ensemble_early = false, rule_early = false;       // alarm in [start - 3, start + 3]
  bool ensemble_during = false, rule_during = false;     // alarm in [start - 3, end + 3]
  int64_t days = 0;                                      // test days in [start, end]
  int64_t ensemble_alarm_days = 0, rule_alarm_days = 0;  // alarm days in [start, end]
};

struct KindRecall {
  EventKind kind = EventKind::kCalm;
  int64_t events = 0;  // events within the test days
  int64_t ensemble_early = 0, rule_early = 0;
  int64_t ensemble_during = 0, rule_during = 0;
  int64_t days = 0, ensemble_alarm_days = 0, rule_alarm_days = 0;
};

struct EventEvaluation {
  std::vector<EventResult> events;
  std::vector<KindRecall> by_kind;  // all_event_kinds() order, kinds with events only
};

EventEvaluation evaluate_events(const WalkForward& walk, const std::vector<MarketEvent>& events,
                                const BacktestOptions& options);

}  // namespace vixray
