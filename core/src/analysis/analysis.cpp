#include "vixray/analysis/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "vixray/analysis/forward_returns.hpp"
#include "vixray/analysis/persistence.hpp"
#include "vixray/analysis/regime_stats.hpp"
#include "vixray/base/error.hpp"
#include "vixray/base/nan.hpp"
#include "vixray/ensemble/combine.hpp"
#include "vixray/ensemble/contamination.hpp"
#include "vixray/ensemble/detector_scores.hpp"
#include "vixray/ensemble/input.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/subsets.hpp"
#include "vixray/ensemble/thresholds.hpp"

namespace vixray {

Analysis analyze(const EnsembleModel& model, const AnalysisInput& input, const TaskRunner& run) {
  input.validate();
  const auto columns = bind_columns(model.detectors, input.feature_names);
  // The forests take most of the time. A task scores one detector on one span of days and
  // writes only those values.
  const size_t n = input.dates.size();
  std::vector<std::vector<double>> scores(model.detectors.size(), std::vector<double>(n));
  const size_t spans = std::max<size_t>(1, (n + kDaysPerTask - 1) / kDaysPerTask);
  run(scores.size() * spans, [&](size_t task) {
    const size_t k = task / spans, begin = (task % spans) * kDaysPerTask;
    score_days(model.detectors[k], input.features, columns[k], begin,
               std::min(n, begin + kDaysPerTask), scores[k].data());
  });
  return analyze_scored(model, input, std::move(scores), run);
}

Analysis analyze_appended(const EnsembleModel& model, const AnalysisInput& input,
                          const Analysis& base) {
  input.validate();
  const size_t n = input.dates.size(), kept = base.dates.size(), d = model.detectors.size();
  if (kept > n || !std::equal(base.dates.begin(), base.dates.end(), input.dates.begin()))
    throw Error("analysis: the input does not begin with the " + std::to_string(kept) +
                " days of the analysis it extends");
  if (base.detector_scores.size() != kept * d || base.detector_names.size() != d)
    throw Error("analysis: the analysis to extend is of another model");
  const auto columns = bind_columns(model.detectors, input.feature_names);
  std::vector<std::vector<double>> scores(d, std::vector<double>(n));
  for (size_t k = 0; k < d; ++k) {
    for (size_t t = 0; t < kept; ++t) scores[k][t] = base.detector_scores[t * d + k];
    if (kept < n)
      score_days(model.detectors[k], input.features, columns[k], kept, n, scores[k].data());
  }
  return analyze_scored(model, input, std::move(scores));
}

namespace {

// Throws unless there is one score vector per detector with one value per day.
void check_scores(const EnsembleModel& model, const std::vector<std::vector<double>>& scores,
                  size_t n) {
  const size_t d = model.detectors.size();
  if (scores.size() != d)
    throw Error("analysis: " + std::to_string(scores.size()) + " detector score vectors for " +
                std::to_string(d) + " detectors");
  for (size_t k = 0; k < d; ++k)
    if (scores[k].size() != n)
      throw Error("analysis: detector " + model.detectors[k].name + " has " +
                  std::to_string(scores[k].size()) + " scores for " + std::to_string(n) + " days");
}

// A partial day's ensemble (subsets.hpp): the detectors of `subset` combined.
EnsembleDay combine_subset(const std::vector<double>& day, const DetectorSubset& subset) {
  std::vector<double> scores;
  scores.reserve(subset.detectors.size());
  for (int32_t k : subset.detectors) scores.push_back(day[static_cast<size_t>(k)]);
  return combine_day(scores.data(), static_cast<int32_t>(scores.size()));
}

// One day's ensemble: of every detector when each has a score (the model's thresholds), else of
// the largest partial ensemble whose detectors all have one (its thresholds), else unavailable.
void combine_ensemble(const EnsembleModel& model, const std::vector<double>& day,
                      const std::vector<int32_t>& all, size_t t, Analysis& a) {
  const int32_t chosen = choose_subset(model.subsets, all, day.data());
  const DetectorSubset* subset =
      chosen >= 0 ? &model.subsets[static_cast<size_t>(chosen)] : nullptr;
  const EnsembleDay e = subset ? combine_subset(day, *subset)
                               : combine_day(day.data(), static_cast<int32_t>(day.size()));
  a.ensemble_score[t] = e.mean;
  a.ensemble_std[t] = e.std;
  a.ensemble_min[t] = e.min;
  a.ensemble_max[t] = e.max;
  a.level[t] = classify(e.mean, subset ? subset->thresholds : model.thresholds);
  a.ensemble_subset[t] = chosen;
  a.detectors_scored[t] = chosen == kNoDetectors ? 0
                          : subset               ? static_cast<int32_t>(subset->detectors.size())
                                                 : static_cast<int32_t>(all.size());
}

// One day's score of domain j: all its detectors, else its largest partial set with scores.
void combine_domain(const EnsembleModel& model, const std::vector<std::vector<double>>& scores,
                    const std::vector<double>& day, size_t j, size_t t, Analysis& a) {
  const DomainModel& domain = model.domains[j];
  const size_t m = model.domains.size();
  const int32_t chosen = choose_subset(domain.subsets, domain.detectors, day.data());
  const DetectorSubset* subset =
      chosen >= 0 ? &domain.subsets[static_cast<size_t>(chosen)] : nullptr;
  const double s = mean_of_detectors(scores, subset ? subset->detectors : domain.detectors, t);
  a.domain_scores[t * m + j] = s;
  a.domain_levels[t * m + j] = classify(s, subset ? subset->thresholds : domain.thresholds);
}

// Days [begin, end): the detector scores (day-major), the ensemble, its level, the domains and
// their levels, the contamination flag and the detectors at HIGH or above. Writes only those
// days' values of the arrays combine_days() sized.
void combine_span(const EnsembleModel& model, const std::vector<std::vector<double>>& scores,
                  size_t begin, size_t end, Analysis& a) {
  const size_t d = model.detectors.size(), m = model.domains.size();
  std::vector<int32_t> all(d);
  for (size_t k = 0; k < d; ++k) all[k] = static_cast<int32_t>(k);
  std::vector<double> day(d);
  for (size_t t = begin; t < end; ++t) {
    for (size_t k = 0; k < d; ++k) day[k] = a.detector_scores[t * d + k] = scores[k][t];
    combine_ensemble(model, day, all, t, a);
    for (size_t j = 0; j < m; ++j) combine_domain(model, scores, day, j, t, a);
    a.contamination_flag[t] =
        contamination_flag(model.contamination, a.ensemble_score[t], a.regimes.regime[t]) ? 1 : 0;
    int32_t high = 0;
    for (size_t k = 0; k < d; ++k) {
      const Level l = classify(day[k], model.thresholds);
      if (l == Level::kHigh || l == Level::kCritical) ++high;
    }
    a.detectors_at_high[t] = high;
  }
}

// Every day combined (combine_span()), in spans of days as tasks of `run`.
void combine_days(const EnsembleModel& model, const std::vector<std::vector<double>>& scores,
                  Analysis& a, const TaskRunner& run) {
  const size_t n = a.dates.size(), d = model.detectors.size(), m = model.domains.size();
  a.detector_scores.resize(n * d);
  a.ensemble_score.resize(n);
  a.ensemble_std.resize(n);
  a.ensemble_min.resize(n);
  a.ensemble_max.resize(n);
  a.level.resize(n);
  a.ensemble_subset.resize(n);
  a.detectors_scored.resize(n);
  a.domain_scores.resize(n * m);
  a.domain_levels.resize(n * m);
  a.contamination_flag.resize(n);
  a.detectors_at_high.resize(n);
  const size_t spans = (n + kDaysPerTask - 1) / kDaysPerTask;
  run(spans, [&](size_t span) {
    const size_t begin = span * kDaysPerTask;
    combine_span(model, scores, begin, std::min(n, begin + kDaysPerTask), a);
  });
}

// Days per level, and the flagged share per regime of the days with a score.
void count_levels_and_flags(const EnsembleModel& model, Analysis& a) {
  const size_t n = a.dates.size();
  const auto k_regimes = static_cast<size_t>(model.regimes.count());
  std::vector<int64_t> regime_days(k_regimes, 0), regime_flags(k_regimes, 0);
  a.level_counts.assign(4, 0);
  for (size_t t = 0; t < n; ++t) {
    if (a.level[t] != Level::kUnavailable) ++a.level_counts[static_cast<size_t>(a.level[t])];
    const int32_t r = a.regimes.regime[t];
    if (r < 0 || std::isnan(a.ensemble_score[t])) continue;
    ++regime_days[static_cast<size_t>(r)];
    regime_flags[static_cast<size_t>(r)] += a.contamination_flag[t];
  }
  for (size_t r = 0; r < k_regimes; ++r)
    a.contamination_rate.push_back(regime_days[r] > 0 ? static_cast<double>(regime_flags[r]) /
                                                            static_cast<double>(regime_days[r])
                                                      : kNaN);
}

// Today (the last day with an ensemble score), its ranked detectors and its domains at HIGH+.
void find_today(Analysis& a) {
  const size_t n = a.dates.size(), d = a.detector_names.size(), m = a.domain_names.size();
  for (size_t t = n; t-- > 0;) {
    if (!std::isnan(a.ensemble_score[t])) {
      a.today = static_cast<int64_t>(t);
      break;
    }
  }
  if (a.today < 0) return;
  const auto t = static_cast<size_t>(a.today);
  a.top_anomalies = rank_detectors(a.detector_scores.data() + t * d, static_cast<int32_t>(d));
  for (size_t j = 0; j < m; ++j) {
    const Level l = a.domain_levels[t * m + j];
    if (l == Level::kHigh || l == Level::kCritical)
      a.domains_at_high.push_back(static_cast<int32_t>(j));
  }
}

}  // namespace

Analysis analyze_scored(const EnsembleModel& model, const AnalysisInput& input,
                        std::vector<std::vector<double>> scores, const TaskRunner& run) {
  input.validate();
  check_scores(model, scores, input.dates.size());
  Analysis a;
  for (const auto& det : model.detectors) {
    a.detector_names.push_back(det.name);
    a.detector_domains.push_back(det.domain);
  }
  for (const auto& dom : model.domains) a.domain_names.push_back(dom.name);
  a.dates = input.dates;
  a.vix_close = input.vix_close;
  a.spx_close = input.spx_close;
  a.regimes = regime_stats(input.vix_close, model.regimes);
  combine_days(model, scores, a, run);
  a.forward_return = forward_returns(input.spx_close, model.forward_return_horizon);
  a.persistence = persistence_stats(a.level);
  a.returns_by_level = returns_by_level(a.forward_return, a.level);
  count_levels_and_flags(model, a);
  find_today(a);
  return a;
}

}  // namespace vixray
