#include "vixray/analysis/backtest.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

#include "vixray/analysis/analysis.hpp"
#include "vixray/analysis/pipeline.hpp"
#include "vixray/base/error.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/thresholds.hpp"
#include "vixray/sim/simulate.hpp"

namespace vixray {

namespace {

int32_t year_of(Day day) {
  int32_t y = 0, m = 0, d = 0;
  civil_from_days(day, y, m, d);
  return y;
}

// First index whose date is >= day (dates increasing); dates.size() if none.
int64_t first_on_or_after(const std::vector<Day>& dates, Day day) {
  return static_cast<int64_t>(std::lower_bound(dates.begin(), dates.end(), day) - dates.begin());
}

// Last index whose date is <= day; -1 if none.
int64_t last_on_or_before(const std::vector<Day>& dates, Day day) {
  return static_cast<int64_t>(std::upper_bound(dates.begin(), dates.end(), day) - dates.begin()) -
         1;
}

bool any_alarm(const std::vector<uint8_t>& alarms, int64_t first, int64_t last) {
  const int64_t n = static_cast<int64_t>(alarms.size());
  for (int64_t i = std::max<int64_t>(first, 0); i <= std::min(last, n - 1); ++i)
    if (alarms[static_cast<size_t>(i)]) return true;
  return false;
}

int64_t count_alarms(const std::vector<uint8_t>& alarms, int64_t first, int64_t last) {
  const int64_t n = static_cast<int64_t>(alarms.size());
  int64_t count = 0;
  for (int64_t i = std::max<int64_t>(first, 0); i <= std::min(last, n - 1); ++i)
    count += alarms[static_cast<size_t>(i)];
  return count;
}

// Maximum of the finite values in [first, last] (NaN if none).
double max_finite(const std::vector<double>& values, int64_t first, int64_t last) {
  double best = std::numeric_limits<double>::quiet_NaN();
  const int64_t n = static_cast<int64_t>(values.size());
  for (int64_t i = std::max<int64_t>(first, 0); i <= std::min(last, n - 1); ++i) {
    const double v = values[static_cast<size_t>(i)];
    if (std::isfinite(v) && !(best >= v)) best = v;
  }
  return best;
}

// Alarm statistics of the days [first, last] given the episodes of the whole series.
AlarmStats stats_of(const std::vector<uint8_t>& alarms, const std::vector<AlarmEpisode>& episodes,
                    const std::vector<uint8_t>& stress_mask, int64_t first, int64_t last) {
  AlarmStats stats;
  stats.days = last - first + 1;
  stats.alarm_days = count_alarms(alarms, first, last);
  for (const AlarmEpisode& e : episodes) {
    if (e.first < first || e.first > last) continue;
    ++stats.episodes;
    if (!any_alarm(stress_mask, e.first, e.last)) ++stats.false_episodes;
  }
  return stats;
}

void add(AlarmStats& total, const AlarmStats& part) {
  total.days += part.days;
  total.alarm_days += part.alarm_days;
  total.episodes += part.episodes;
  total.false_episodes += part.false_episodes;
}

// Seed 003's counts of one signal: days against the mask, the in-range onsets as events.
DetectionCounts detection_counts(const std::vector<uint8_t>& alarms,
                                 const std::vector<uint8_t>& mask,
                                 const std::vector<OnsetResult>& onsets, bool ensemble,
                                 const WalkForward& walk) {
  int64_t events = 0;
  std::vector<int64_t> lags;
  for (const OnsetResult& r : onsets) {
    if (!r.in_range) continue;
    ++events;
    const OnsetMatch& m = ensemble ? r.ensemble : r.rule;
    if (m.hit && m.lag != kNoAlarm) lags.push_back(m.lag);
  }
  return count_detections(alarms, mask, events, std::move(lags),
                          static_cast<double>(walk.years.size()));
}

}  // namespace

WalkForward walk_forward(const Frame& frame, const EnsembleSettings& settings, int32_t first_year,
                         const WalkForwardProgress& progress, const WalkForwardProgress& trained) {
  const std::vector<Day>& dates = frame.dates();
  if (dates.empty()) throw Error("walk_forward: the frame has no days");
  const int32_t last_year = year_of(dates.back());
  const int64_t first_test = first_on_or_after(dates, days_from_civil(first_year, 1, 1));
  if (first_test == 0)
    throw Error("walk_forward: first test year " + std::to_string(first_year) + ": no day before " +
                std::to_string(first_year) + "-01-01 to train on (data starts " +
                format_iso(dates.front()) + ")");
  if (first_test >= frame.rows())
    throw Error("walk_forward: first test year " + std::to_string(first_year) +
                ": no day on or after it (data ends " + format_iso(dates.back()) + ")");
  WalkForward walk;
  // Detector names are the same every year when the frame's columns are (the catalogue is
  // resolved against the available features); scores are collected by name to be safe.
  std::vector<std::map<std::string, double>> scores_by_name;
  const int32_t count = last_year - first_year + 1;
  for (int32_t year = first_year; year <= last_year; ++year) {
    const int64_t first_row = first_on_or_after(dates, days_from_civil(year, 1, 1));
    const int64_t end_row = first_on_or_after(dates, days_from_civil(year + 1, 1, 1));
    if (first_row >= end_row) continue;  // a year without trading days (gap in the data)
    if (progress) progress(year, year - first_year, count);
    const EnsembleModel model = train_market(frame.head(first_row), settings);
    if (trained) trained(year, year - first_year, count);
    const Analysis analysis = analyze_market(model, frame.head(end_row));
    WalkForwardYear info;
    info.year = year;
    info.first_row = first_row;
    info.end_row = end_row;
    info.training = model.training;
    info.thresholds = model.thresholds;
    walk.years.push_back(info);
    const size_t n_detectors = analysis.detector_names.size();
    for (int64_t row = first_row; row < end_row; ++row) {
      const size_t r = static_cast<size_t>(row);
      walk.dates.push_back(analysis.dates[r]);
      walk.ensemble_score.push_back(analysis.ensemble_score[r]);
      walk.level.push_back(analysis.level[r]);
      walk.vix_close.push_back(analysis.vix_close[r]);
      std::map<std::string, double> day;
      for (size_t d = 0; d < n_detectors; ++d)
        day[analysis.detector_names[d]] = analysis.detector_scores[r * n_detectors + d];
      scores_by_name.push_back(std::move(day));
    }
    if (year == last_year) walk.detector_names = analysis.detector_names;
  }
  const size_t n_detectors = walk.detector_names.size();
  walk.detector_alarm_days.assign(n_detectors, 0);
  for (const auto& day : scores_by_name) {
    for (size_t d = 0; d < n_detectors; ++d) {
      const auto found = day.find(walk.detector_names[d]);
      const double score =
          found == day.end() ? std::numeric_limits<double>::quiet_NaN() : found->second;
      walk.detector_scores.push_back(score);
      // A calibrated detector score >= 0.98 is in the top 2% of its training days.
      if (score >= 0.98) ++walk.detector_alarm_days[d];
    }
  }
  return walk;
}

std::vector<uint8_t> level_alarms(const std::vector<Level>& levels) {
  std::vector<uint8_t> alarms(levels.size(), 0);
  for (size_t i = 0; i < levels.size(); ++i)
    alarms[i] = levels[i] == Level::kHigh || levels[i] == Level::kCritical ? 1 : 0;
  return alarms;
}

std::vector<uint8_t> vix_rule_alarms(const std::vector<double>& vix_close, double threshold) {
  std::vector<uint8_t> alarms(vix_close.size(), 0);
  for (size_t i = 0; i < vix_close.size(); ++i) alarms[i] = vix_close[i] >= threshold ? 1 : 0;
  return alarms;
}

OnsetMatch match_onset(const std::vector<uint8_t>& alarms, int64_t onset, int64_t hit_days,
                       int64_t lookback, int64_t horizon) {
  OnsetMatch match;
  match.hit = any_alarm(alarms, onset, onset + hit_days);
  const int64_t n = static_cast<int64_t>(alarms.size());
  for (int64_t i = std::max<int64_t>(onset - lookback, 0); i <= std::min(onset + horizon, n - 1);
       ++i) {
    if (alarms[static_cast<size_t>(i)]) {
      match.lag = i - onset;
      break;
    }
  }
  return match;
}

std::vector<uint8_t> window_mask(int64_t n, const std::vector<IndexWindow>& windows) {
  std::vector<uint8_t> mask(static_cast<size_t>(std::max<int64_t>(n, 0)), 0);
  for (const IndexWindow& w : windows)
    for (int64_t i = std::max<int64_t>(w.first, 0); i <= std::min(w.last, n - 1); ++i)
      mask[static_cast<size_t>(i)] = 1;
  return mask;
}

// Onsets: the first trading day of the visible stress (a VIX jump or an index gap), chosen
// before looking at any model output:
//   1997-10-27 Asian crisis mini-crash (S&P -6.9%); 1998-08-31 LTCM/Russia (S&P -6.8%), with
//   the whole 1998-08-04 .. 1998-10-08 stretch as its window; 2001-09-17 the reopening after
//   9/11; 2002-07-10 WorldCom (VIX above 30 for the first time in the July 2002 sell-off);
//   2008-09-15 Lehman, 2008-10-06 the October crash week, 2008-11-20 the VIX record close;
//   2010-05-06 flash crash; 2011-08-08 US downgrade; 2015-08-24 China devaluation; 2018-02-05
//   "Volmageddon"; 2018-12-24 the Christmas Eve low.
std::vector<StressEpisode> known_real_episodes() {
  return {
      {"1997 Asian crisis", days_from_civil(1997, 10, 27), 0, 0},
      {"1998 LTCM / Russia", days_from_civil(1998, 8, 31), days_from_civil(1998, 8, 4),
       days_from_civil(1998, 10, 8)},
      {"2001 September 11", days_from_civil(2001, 9, 17), 0, 0},
      {"2002 WorldCom", days_from_civil(2002, 7, 10), 0, 0},
      {"2008 Lehman", days_from_civil(2008, 9, 15), 0, 0},
      {"2008 October crash", days_from_civil(2008, 10, 6), 0, 0},
      {"2008 November low", days_from_civil(2008, 11, 20), 0, 0},
      {"2010 flash crash", days_from_civil(2010, 5, 6), 0, 0},
      {"2011 US downgrade", days_from_civil(2011, 8, 8), 0, 0},
      {"2015 China devaluation", days_from_civil(2015, 8, 24), 0, 0},
      {"2018 Volmageddon", days_from_civil(2018, 2, 5), 0, 0},
      {"2018 Christmas Eve", days_from_civil(2018, 12, 24), 0, 0},
  };
}

// Chosen from market history (each a widely reported sell-off with a VIX jump), not from model
// output: 2000-04-14 dot-com crash (Nasdaq -9.7%); 2007-02-27 Shanghai sell-off (S&P -3.5%);
// 2007-08-09 BNP Paribas funds freeze / quant crisis; 2014-10-15 Treasury flash rally;
// 2016-01-20 oil and China sell-off; 2016-06-24 Brexit vote.
std::vector<StressEpisode> additional_real_episodes() {
  return {
      {"2000 dot-com crash", days_from_civil(2000, 4, 14), 0, 0},
      {"2007 Shanghai sell-off", days_from_civil(2007, 2, 27), 0, 0},
      {"2007 quant crisis", days_from_civil(2007, 8, 9), 0, 0},
      {"2014 Treasury flash rally", days_from_civil(2014, 10, 15), 0, 0},
      {"2016 oil and China", days_from_civil(2016, 1, 20), 0, 0},
      {"2016 Brexit", days_from_civil(2016, 6, 24), 0, 0},
  };
}

BacktestEvaluation evaluate_episodes(const WalkForward& walk,
                                     const std::vector<StressEpisode>& episodes,
                                     const BacktestOptions& options) {
  const std::vector<Day>& dates = walk.dates;
  const int64_t n = static_cast<int64_t>(dates.size());
  const std::vector<uint8_t> ensemble = level_alarms(walk.level);
  const std::vector<uint8_t> rule = vix_rule_alarms(walk.vix_close, options.vix_rule);

  BacktestEvaluation result;
  std::vector<IndexWindow> windows;
  for (const StressEpisode& episode : episodes) {
    OnsetResult r;
    r.name = episode.name;
    r.onset = episode.onset;
    const int64_t onset = first_on_or_after(dates, episode.onset);
    // Windows count even for onsets outside the test days (their tail may reach into them).
    IndexWindow window{onset - options.lookback, onset + options.horizon};
    if (episode.window_first != 0 && episode.window_last != 0) {
      window.first = std::min(window.first, first_on_or_after(dates, episode.window_first));
      window.last = std::max(window.last, last_on_or_before(dates, episode.window_last));
    }
    if (onset < n && !dates.empty() && episode.onset >= dates.front()) {
      windows.push_back(window);
      r.in_range = true;
      r.onset_day = dates[static_cast<size_t>(onset)];
      r.ensemble =
          match_onset(ensemble, onset, options.hit_days, options.lookback, options.horizon);
      r.rule = match_onset(rule, onset, options.hit_days, options.lookback, options.horizon);
      r.max_score = max_finite(walk.ensemble_score, onset, onset + options.hit_days);
      r.max_vix = max_finite(walk.vix_close, onset, onset + options.hit_days);
      r.vix_at_onset = walk.vix_close[static_cast<size_t>(onset)];
    } else if (onset < n) {
      windows.push_back(window);  // onset before the test days: its window may still overlap
    }
    result.onsets.push_back(r);
  }
  const std::vector<uint8_t> mask = window_mask(n, windows);
  result.stress_mask = mask;
  const std::vector<AlarmEpisode> ensemble_episodes = alarm_episodes(ensemble);
  const std::vector<AlarmEpisode> rule_episodes = alarm_episodes(rule);
  result.ensemble_false = false_episodes(ensemble_episodes, mask);
  result.rule_false = false_episodes(rule_episodes, mask);

  result.ensemble_detection = detection_counts(ensemble, mask, result.onsets, true, walk);
  result.rule_detection = detection_counts(rule, mask, result.onsets, false, walk);

  for (const WalkForwardYear& info : walk.years) {
    const int64_t first = first_on_or_after(dates, days_from_civil(info.year, 1, 1));
    const int64_t last = first_on_or_after(dates, days_from_civil(info.year + 1, 1, 1)) - 1;
    if (first > last) continue;
    YearResult y;
    y.year = info.year;
    y.calm = !any_alarm(mask, first, last);
    y.ensemble = stats_of(ensemble, ensemble_episodes, mask, first, last);
    y.rule = stats_of(rule, rule_episodes, mask, first, last);
    y.max_score = max_finite(walk.ensemble_score, first, last);
    y.max_vix = max_finite(walk.vix_close, first, last);
    y.threshold_high = info.thresholds.high;
    y.training_last_date = info.training.last_date;
    add(result.ensemble_all, y.ensemble);
    add(result.rule_all, y.rule);
    if (y.calm) {
      ++result.calm_years;
      add(result.ensemble_calm, y.ensemble);
      add(result.rule_calm, y.rule);
    }
    result.years.push_back(y);
  }
  return result;
}

std::vector<StressEpisode> episodes_of_events(const std::vector<MarketEvent>& events) {
  std::vector<StressEpisode> episodes;
  for (const MarketEvent& e : events) {
    if (e.kind == EventKind::kCalm) continue;
    // The explicit window covers the whole event (start .. end); evaluate_episodes merges it
    // with the default onset window (start - lookback .. start + horizon).
    episodes.push_back({std::string(event_kind_name(e.kind)) + " " + format_iso(e.start), e.start,
                        e.start, e.end});
  }
  return episodes;
}

EventEvaluation evaluate_events(const WalkForward& walk, const std::vector<MarketEvent>& events,
                                const BacktestOptions& options) {
  const std::vector<Day>& dates = walk.dates;
  const std::vector<uint8_t> ensemble = level_alarms(walk.level);
  const std::vector<uint8_t> rule = vix_rule_alarms(walk.vix_close, options.vix_rule);
  EventEvaluation result;
  std::map<EventKind, KindRecall> by_kind;
  for (const MarketEvent& e : events) {
    EventResult r;
    r.event = e;
    if (dates.empty() || e.start < dates.front() || e.start > dates.back()) {
      result.events.push_back(r);
      continue;
    }
    r.in_range = true;
    const int64_t start = first_on_or_after(dates, e.start);
    const int64_t end = last_on_or_before(dates, e.end);
    const int64_t early = options.hit_days;  // the [start - 3, start + 3] window of the brief
    r.ensemble = match_onset(ensemble, start, options.hit_days, options.lookback, options.horizon);
    r.rule = match_onset(rule, start, options.hit_days, options.lookback, options.horizon);
    r.ensemble_early = any_alarm(ensemble, start - early, start + early);
    r.rule_early = any_alarm(rule, start - early, start + early);
    r.ensemble_during = any_alarm(ensemble, start - early, end + early);
    r.rule_during = any_alarm(rule, start - early, end + early);
    r.days = std::max<int64_t>(end - start + 1, 0);
    r.ensemble_alarm_days = count_alarms(ensemble, start, end);
    r.rule_alarm_days = count_alarms(rule, start, end);
    KindRecall& k = by_kind[e.kind];
    k.kind = e.kind;
    ++k.events;
    k.ensemble_early += r.ensemble_early;
    k.rule_early += r.rule_early;
    k.ensemble_during += r.ensemble_during;
    k.rule_during += r.rule_during;
    k.days += r.days;
    k.ensemble_alarm_days += r.ensemble_alarm_days;
    k.rule_alarm_days += r.rule_alarm_days;
    result.events.push_back(r);
  }
  for (EventKind kind : all_event_kinds())
    if (by_kind.count(kind)) result.by_kind.push_back(by_kind[kind]);
  return result;
}

}  // namespace vixray
