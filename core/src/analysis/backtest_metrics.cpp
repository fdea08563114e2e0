// Confusion counts, scores, event recall, median lag and false-alarm rate of an alarm series
// (definitions in backtest_metrics.hpp).
#include "vixray/analysis/backtest_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "vixray/base/error.hpp"
#include "vixray/base/nan.hpp"

namespace vixray {

namespace {

bool any_masked(const std::vector<uint8_t>& mask, int64_t first, int64_t last) {
  const int64_t n = static_cast<int64_t>(mask.size());
  for (int64_t i = std::max<int64_t>(first, 0); i <= std::min(last, n - 1); ++i)
    if (mask[static_cast<size_t>(i)]) return true;
  return false;
}

}  // namespace

std::vector<AlarmEpisode> alarm_episodes(const std::vector<uint8_t>& alarms) {
  std::vector<AlarmEpisode> episodes;
  const int64_t n = static_cast<int64_t>(alarms.size());
  for (int64_t i = 0; i < n; ++i) {
    if (!alarms[static_cast<size_t>(i)]) continue;
    int64_t j = i;
    while (j + 1 < n && alarms[static_cast<size_t>(j + 1)]) ++j;
    episodes.push_back({i, j});
    i = j;
  }
  return episodes;
}

std::vector<AlarmEpisode> false_episodes(const std::vector<AlarmEpisode>& episodes,
                                         const std::vector<uint8_t>& stress_mask) {
  std::vector<AlarmEpisode> result;
  for (const AlarmEpisode& e : episodes)
    if (!any_masked(stress_mask, e.first, e.last)) result.push_back(e);
  return result;
}

ConfusionCounts confusion(const std::vector<uint8_t>& alarms, const std::vector<uint8_t>& truth) {
  if (alarms.size() != truth.size())
    throw Error("confusion: " + std::to_string(alarms.size()) + " alarms for " +
                std::to_string(truth.size()) + " labels");
  ConfusionCounts c;
  for (size_t i = 0; i < alarms.size(); ++i) {
    const bool alarm = alarms[i] != 0, label = truth[i] != 0;
    if (alarm && label) ++c.tp;
    if (alarm && !label) ++c.fp;
    if (!alarm && !label) ++c.tn;
    if (!alarm && label) ++c.fn;
  }
  return c;
}

double ratio(int64_t part, int64_t whole) {
  return whole == 0 ? kNaN : static_cast<double>(part) / static_cast<double>(whole);
}

ClassificationScores scores_of(const ConfusionCounts& c) {
  ClassificationScores s;
  s.precision = ratio(c.tp, c.tp + c.fp);
  s.recall = ratio(c.tp, c.tp + c.fn);
  s.f1 = ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn);
  s.accuracy = ratio(c.tp + c.tn, c.tp + c.fp + c.tn + c.fn);
  return s;
}

double median_lag(const std::vector<int64_t>& lags) {
  if (lags.empty()) return kNaN;
  std::vector<int64_t> sorted = lags;
  std::sort(sorted.begin(), sorted.end());
  const size_t n = sorted.size();
  if (n % 2 == 1) return static_cast<double>(sorted[n / 2]);
  return 0.5 * static_cast<double>(sorted[n / 2 - 1] + sorted[n / 2]);
}

DetectionCounts count_detections(const std::vector<uint8_t>& alarms,
                                 const std::vector<uint8_t>& truth, int64_t events,
                                 std::vector<int64_t> lags, double years) {
  DetectionCounts d;
  d.confusion = confusion(alarms, truth);
  d.events = events;
  d.lags = std::move(lags);
  const std::vector<AlarmEpisode> episodes = alarm_episodes(alarms);
  d.episodes = static_cast<int64_t>(episodes.size());
  d.false_episodes = static_cast<int64_t>(false_episodes(episodes, truth).size());
  d.years = years;
  return d;
}

void add_counts(DetectionCounts& total, const DetectionCounts& part) {
  total.confusion.tp += part.confusion.tp;
  total.confusion.fp += part.confusion.fp;
  total.confusion.tn += part.confusion.tn;
  total.confusion.fn += part.confusion.fn;
  total.events += part.events;
  total.lags.insert(total.lags.end(), part.lags.begin(), part.lags.end());
  total.episodes += part.episodes;
  total.false_episodes += part.false_episodes;
  total.years += part.years;
}

DetectionMetrics metrics_of(const DetectionCounts& counts) {
  DetectionMetrics m;
  m.scores = scores_of(counts.confusion);
  m.event_recall = ratio(static_cast<int64_t>(counts.lags.size()), counts.events);
  m.median_lag = median_lag(counts.lags);
  const ConfusionCounts& c = counts.confusion;
  const int64_t samples = c.tp + c.fp + c.tn + c.fn;
  m.false_rate.per_year = counts.years >= 1.0;
  m.false_rate.denominator =
      m.false_rate.per_year ? counts.years : static_cast<double>(samples) / 1000.0;
  m.false_rate.rate = m.false_rate.denominator > 0.0
                          ? static_cast<double>(counts.false_episodes) / m.false_rate.denominator
                          : kNaN;
  return m;
}

}  // namespace vixray
