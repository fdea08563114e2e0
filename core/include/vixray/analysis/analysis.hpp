// The whole Analysis of a market history with a trained ensemble model, and the training of
// that model. One function computes the Analysis for the CLI and for the browser (WebAssembly).
//
// Inputs are a feature matrix (one row per trading day, named columns, NaN during a feature's
// warm-up), the VIX close and the S&P 500 close of the same days. The feature library and the
// CSV readers produce these; this layer does not know how features are computed.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "vixray/base/matrix.hpp"
#include "vixray/base/tasks.hpp"
#include "vixray/data/dates.hpp"
#include "vixray/ensemble/ensemble.hpp"
#include "vixray/ensemble/regimes.hpp"
#include "vixray/ensemble/settings.hpp"
#include "vixray/forest/forest.hpp"

namespace vixray {

struct AnalysisInput {
  std::vector<Day> dates;                  // trading days, strictly increasing
  std::vector<std::string> feature_names;  // one per column of `features`
  MatrixView features;                     // dates.size() rows; NaN = not available
  std::vector<double> vix_close;           // parallel to dates (NaN = missing)
  std::vector<double> spx_close;           // parallel to dates (NaN = missing)

  /// Throws vixray::Error naming the field unless lengths agree and dates increase.
  void validate() const;
};

struct DetectorModel {
  std::string name;
  std::string domain;
  bool random_subspace = false;
  std::vector<std::string> features;          // forest column order (names in the input)
  std::vector<std::string> missing_features;  // catalogue features absent at training
  IsolationForest forest;
  Calibration calibration;
  /// One-sided scoring (ensemble.hpp): the detector's score is
  /// directional_score(calibration.apply(raw), direction.weight(features)). Inactive (no
  /// signed feature, or a model trained without "stress_direction"): the calibrated score.
  StressDirection direction;
  /// Label-free permutation importance per feature, in calibrated-score units (see treeshap.hpp).
  std::vector<double> permutation_importance;
};

struct InactiveDetector {
  std::string name;
  std::string domain;
  std::string note;
  std::vector<std::string> missing_features;
};

struct DomainModel {
  std::string name;
  std::vector<int32_t> detectors;  // indices into EnsembleModel::detectors
  Thresholds thresholds;           // same percentiles of the domain's training scores
};

struct TrainingInfo {
  std::string first_date, last_date;  // of the training rows (ISO)
  int64_t input_rows = 0;             // days given
  int64_t n_observations = 0;         // training rows: every active detector's features finite
  int64_t n_features = 0;             // feature columns given
  int32_t n_detectors = 0;            // active detectors
};

struct EnsembleModel {
  nlohmann::json feature_spec;  // opaque: defined by the feature library (null when absent)
  nlohmann::json settings;      // resolved settings used for training
  std::vector<DetectorModel> detectors;
  std::vector<InactiveDetector> inactive_detectors;
  std::vector<DomainModel> domains;  // domains with at least one active detector
  std::vector<DomainCoverage> coverage;
  Thresholds thresholds;  // of the ensemble score
  RegimeConfig regimes;
  Contamination contamination;
  int32_t forward_return_horizon = 10;
  TrainingInfo training;
};

/// Trains the ensemble: resolves the catalogue against the input's features (columns with at
/// least one finite value), keeps the days on which every active detector's features are
/// finite, fits one Isolation Forest per active detector (settings.n_trees trees, subsample
/// min(sample_size, rows), seed drawn from vixray::Rng(settings.seed) in detector order),
/// calibrates each detector on its training scores, fits its stress direction (when the
/// settings have one), and sets the ensemble and domain thresholds (percentiles of the
/// two-sided calibrated training scores unless stress_direction.thresholds is "directional"),
/// the regime-adaptive contamination (fitted on the ensemble the Analysis classifies, so the
/// realized rates match the map) and the permutation importance. Deterministic:
/// same input and settings, same model (byte for byte once serialised).
EnsembleModel train_ensemble(const AnalysisInput& input, const EnsembleSettings& settings,
                             nlohmann::json feature_spec = nullptr);

struct Analysis {
  // Names (columns of the per-day matrices below).
  std::vector<std::string> detector_names;
  std::vector<std::string> detector_domains;
  std::vector<std::string> domain_names;

  // Per day (n = number of input days).
  std::vector<Day> dates;
  std::vector<double> detector_scores;  // n x detectors, row-major, [0, 1] (calibrated, then
                                        // one-sided by the detector's direction), NaN warm-up
  std::vector<double> ensemble_score;   // mean of the detector scores (NaN unless all finite)
  std::vector<double> ensemble_std;     // population std across detectors
  std::vector<double> ensemble_min, ensemble_max;
  std::vector<Level> level;           // classify(ensemble_score, model thresholds)
  std::vector<double> domain_scores;  // n x domains: mean of the domain's detector scores
  std::vector<Level> domain_levels;   // n x domains: classify(domain score, domain thresholds)
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
/// Each detector's scores are one task of `run` (see tasks.hpp): the result does not depend on
/// the runner.
Analysis analyze(const EnsembleModel& model, const AnalysisInput& input,
                 const TaskRunner& run = run_serially);

/// The calibrated scores of detector k (model order) on every input day, NaN where one of its
/// features is missing: the task analyze() runs per detector. Lets another process or
/// WebAssembly instance score some detectors for analyze_scored().
std::vector<double> detector_scores(const EnsembleModel& model, const AnalysisInput& input,
                                    size_t k);

/// analyze() with every detector's scores given (scores[k] = detector_scores(model, input, k));
/// throws unless there is one vector per detector with one value per input day.
Analysis analyze_scored(const EnsembleModel& model, const AnalysisInput& input,
                        std::vector<std::vector<double>> scores);

/// analyze() of an input whose first base.dates.size() days are the days `base` was computed
/// from, with the same features (features only look back, so a market extended by more days,
/// such as a what-if day, qualifies): the forests score only the days after them, and the rest
/// of `base` is not reused. Equals analyze() of the input; throws unless base's dates are a
/// prefix of the input's.
Analysis analyze_appended(const EnsembleModel& model, const AnalysisInput& input,
                          const Analysis& base);

/// The Analysis as JSON (NaN -> null; levels as names). Used by the CLI and the browser alike,
/// so its text is the parity reference.
nlohmann::json analysis_to_json(const Analysis& analysis, const EnsembleModel& model);
/// The part of analysis_to_json without per-day arrays (names, persistence, regimes, returns
/// by level, level counts, contamination, thresholds, importance, today): ~20 KB for 9,000 days
/// (the episode list grows with the history) against 6.6 MB for the whole JSON, for consumers
/// that read the per-day figures as arrays (analysis_columns.hpp).
/// analysis_to_json is this object plus the per-day keys.
nlohmann::json analysis_summary_json(const Analysis& analysis, const EnsembleModel& model);

struct FeatureImportance {
  std::string feature;
  double importance = 0.0;  // calibrated-score units (mean absolute change when shuffled)
};

/// Global permutation importance per domain (model.domains order): for every feature read by a
/// detector of the domain, the mean of those detectors' importances; highest first, ties by name.
std::vector<std::vector<FeatureImportance>> importance_by_domain(const EnsembleModel& model);
/// The same over all detectors (one entry per feature), highest first, ties by name.
std::vector<FeatureImportance> global_importance(const EnsembleModel& model);

struct DetectorExplanation {
  int32_t detector = 0;
  std::vector<double> phi;  // per detector feature, path-length units (negative = more anomalous)
  double expected_value = 0.0;
  double path_length = 0.0;  // E[h(x)] of the day: expected_value + sum(phi)
  bool available = false;    // false on warm-up days (phi empty)
};

/// TreeSHAP explanation of every detector on one day (index into input.dates).
std::vector<DetectorExplanation> explain_day(const EnsembleModel& model, const AnalysisInput& input,
                                             int64_t day);

/// An owning table of the analysis inputs (AnalysisInput only views the feature matrix).
struct FeatureTable {
  std::vector<Day> dates;
  std::vector<std::string> feature_names;
  RowMatrix features;
  std::vector<double> vix_close, spx_close;
  AnalysisInput input() const;
};

/// Generic CSV of analysis inputs: a header "date,<col>,..." with columns vix.close and
/// spx.close (required, any position) and every other column a feature. Dates ISO or
/// MM/DD/YYYY, increasing. An empty field, NaN, nan, NA or null is a missing value (NaN); any
/// other non-number is an error naming source, line and column.
FeatureTable parse_feature_table_csv(std::string_view text, const std::string& source);
/// The same format back (17 significant digits, missing values as empty fields).
std::string feature_table_csv(const FeatureTable& table);

/// Generated input for tests, benchmarks and parity checks (NOT a market model: the simulator
/// does that). `days` weekdays from 1990-01-02; VIX a mean-reverting log process with jumps,
/// S&P a random walk whose volatility follows VIX; every named feature a noisy function of VIX
/// and S&P returns with a warm-up of NaN (the window in its name, e.g. "_63d" -> 62 rows).
FeatureTable generate_feature_table(int64_t days, const std::vector<std::string>& feature_names,
                                    uint64_t seed);

}  // namespace vixray
