// Detection metrics of an alarm series against labelled stress windows (issue 13 item 5, seed
// 003's backtest accuracy recast for an anomaly detector), shared by `vixray backtest` (market
// ensemble and the naive VIX rule, one sample = one test day) and `vixray backtest tickers`
// (ticker models and the naive 3 sd rule, one sample = one bar).
//
// Definitions (alarm = 1 in the alarm series; truth = 1 inside a labelled stress window):
//   TP  alarm and truth          FP  alarm, no truth
//   TN  no alarm, no truth       FN  truth, no alarm
//   precision TP / (TP + FP)         undefined (NaN) without alarms
//   recall    TP / (TP + FN)         undefined without labelled samples
//   F1        2 TP / (2 TP + FP + FN) (the harmonic mean of the two; 0 when TP = 0 and there is
//             an alarm or a label), undefined without alarms and labels
//   accuracy  (TP + TN) / samples    undefined without samples
//   event recall   detected events / events (the caller's "detected"), undefined without events
//   median lag     median of the detected events' lags (mean of the middle two for an even
//                  count), undefined without detected events
//   alarm episode  a run of consecutive alarm samples; false when it overlaps no truth sample
//   false rate     false episodes per year of samples, or per 1,000 samples when the samples
//                  span less than a year
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace vixray {

/// A run of consecutive alarm samples: indices [first, last] (inclusive).
struct AlarmEpisode {
  int64_t first = 0, last = 0;
};
std::vector<AlarmEpisode> alarm_episodes(const std::vector<uint8_t>& alarms);

/// Episodes that overlap no masked index: false alarms.
std::vector<AlarmEpisode> false_episodes(const std::vector<AlarmEpisode>& episodes,
                                         const std::vector<uint8_t>& stress_mask);

struct ConfusionCounts {
  int64_t tp = 0, fp = 0, tn = 0, fn = 0;
};
/// Sample-level counts; throws vixray::Error when the two series differ in length.
ConfusionCounts confusion(const std::vector<uint8_t>& alarms, const std::vector<uint8_t>& truth);

struct ClassificationScores {
  double precision = 0.0, recall = 0.0, f1 = 0.0, accuracy = 0.0;  // NaN: undefined
};
ClassificationScores scores_of(const ConfusionCounts& c);

/// Median of the lags (NaN when empty).
double median_lag(const std::vector<int64_t>& lags);

/// part / whole, NaN when whole is 0.
double ratio(int64_t part, int64_t whole);

/// What `detection_metrics` derives its figures from; counts of several series add up.
struct DetectionCounts {
  ConfusionCounts confusion;
  int64_t events = 0;          // labelled events (stress episodes) in range
  std::vector<int64_t> lags;   // one per detected event
  int64_t episodes = 0;        // alarm episodes
  int64_t false_episodes = 0;  // of those, overlapping no truth sample
  double years = 0.0;          // span of the samples in years (summed over series)
};

/// Counts of one alarm series; `lags` holds the lag of each detected event (the caller matches
/// events, so the market and ticker backtests keep their own definition of "detected").
DetectionCounts count_detections(const std::vector<uint8_t>& alarms,
                                 const std::vector<uint8_t>& truth, int64_t events,
                                 std::vector<int64_t> lags, double years);
void add_counts(DetectionCounts& total, const DetectionCounts& part);

/// False-alarm episodes per year (years >= 1) or per 1,000 samples (shorter spans).
struct FalseAlarmRate {
  bool per_year = true;      // else per 1,000 samples
  double denominator = 0.0;  // years, or samples / 1,000
  double rate = 0.0;         // false episodes / denominator (NaN when 0)
};

struct DetectionMetrics {
  ClassificationScores scores;
  double event_recall = 0.0;  // NaN without events
  double median_lag = 0.0;    // NaN without detected events
  FalseAlarmRate false_rate;
};
DetectionMetrics metrics_of(const DetectionCounts& counts);

}  // namespace vixray
