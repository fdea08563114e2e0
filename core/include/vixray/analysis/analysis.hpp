// The whole Analysis of a market history with a trained ensemble model: every day's detector,
// domain and ensemble scores and levels, and the summaries of the history. One function computes
// it for the CLI and for the browser (WebAssembly).
//
// Inputs are a feature matrix (one row per trading day, named columns, NaN during a feature's
// warm-up), the VIX close and the S&P 500 close of the same days (ensemble/input.hpp).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "vixray/analysis/forward_returns.hpp"
#include "vixray/analysis/persistence.hpp"
#include "vixray/analysis/regime_stats.hpp"
#include "vixray/base/tasks.hpp"
#include "vixray/data/dates.hpp"
#include "vixray/ensemble/combine.hpp"
#include "vixray/ensemble/contamination.hpp"
#include "vixray/ensemble/input.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/thresholds.hpp"

namespace vixray {

struct Analysis {
  // Names (columns of the per-day matrices below).
  std::vector<std::string> detector_names;
  std::vector<std::string> detector_domains;
  std::vector<std::string> domain_names;

  // Per day (n = number of input days).
  std::vector<Day> dates;
  std::vector<double> detector_scores;  // n x detectors, row-major, [0, 1] (calibrated, then
                                        // one-sided by the detector's direction), NaN warm-up
  /// Mean of the detector scores: of every detector, or on a day lacking optional inputs of the
  /// largest partial ensemble whose detectors all have a score (ensemble/subsets.hpp); NaN when
  /// none has.
  std::vector<double> ensemble_score;
  std::vector<double> ensemble_std;  // population std across those detectors
  std::vector<double> ensemble_min, ensemble_max;
  std::vector<Level> level;  // classify(ensemble_score, the thresholds of those detectors)
  /// Which detectors the day's ensemble combines: kAllDetectors, an index into model.subsets, or
  /// kNoDetectors; and how many (0 when none).
  std::vector<int32_t> ensemble_subset;
  std::vector<int32_t> detectors_scored;
  std::vector<double> domain_scores;  // n x domains: mean of the domain's detector scores (all,
                                      // or its largest partial set with scores)
  std::vector<Level> domain_levels;   // n x domains: classify(domain score, its thresholds)
  std::vector<uint8_t> contamination_flag;  // regime-adaptive flag (contamination_flag())
  /// Detectors whose calibrated score is at HIGH or above under the ensemble thresholds (the
  /// classify() rule), per day: the dashboard's "detectors firing".
  std::vector<int32_t> detectors_at_high;
  std::vector<double> forward_return;  // percent over the model horizon, NaN at the end
  std::vector<double> vix_close, spx_close;

  // Summaries over the whole history.
  PersistenceStats persistence;                      // of `level`
  RegimeStats regimes;                               // of vix_close with the model's bands
  std::vector<ReturnDistribution> returns_by_level;  // NORMAL..CRITICAL
  std::vector<double> contamination_rate;  // flagged share per regime on these days (NaN = none)
  std::vector<int64_t> level_counts;       // days per level NORMAL..CRITICAL

  // Today = the last day with an available ensemble score (-1 if none).
  int64_t today = -1;
  std::vector<RankedDetector> top_anomalies;  // today's detectors, highest score first
  std::vector<int32_t> domains_at_high;       // today's domains with level >= HIGH
};

/// Computes the Analysis of `input` with `model`. The input must hold every feature the model's
/// detectors read (by name; extra columns are ignored); otherwise throws naming the feature.
/// The detectors' scores on spans of days, then the days' combination, are tasks of `run` (see
/// tasks.hpp): the result does not depend on the runner.
Analysis analyze(const EnsembleModel& model, const AnalysisInput& input,
                 const TaskRunner& run = run_serially);

/// analyze() with every detector's scores given (scores[k] = detector_scores(model, input, k));
/// throws unless there is one vector per detector with one value per input day. The days are
/// combined in spans of days, tasks of `run` (the result does not depend on the runner).
Analysis analyze_scored(const EnsembleModel& model, const AnalysisInput& input,
                        std::vector<std::vector<double>> scores,
                        const TaskRunner& run = run_serially);

/// analyze() of an input whose first base.dates.size() days are the days `base` was computed
/// from, with the same features (features only look back, so a market extended by more days,
/// such as a what-if day, qualifies): the forests score only the days after them, and the rest
/// of `base` is not reused. Equals analyze() of the input; throws unless base's dates are a
/// prefix of the input's.
Analysis analyze_appended(const EnsembleModel& model, const AnalysisInput& input,
                          const Analysis& base);

}  // namespace vixray
