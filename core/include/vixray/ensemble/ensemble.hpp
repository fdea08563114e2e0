// The ensemble layer: calibration of raw detector scores, the per-day ensemble, data-driven
// thresholds and levels, regime-adaptive contamination and persistence. Pure functions, no I/O.
//
// Missing values: a NaN score means "not available" (feature warm-up, missing input). Every
// function below says how NaN days are treated; none of them turns NaN into a number.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "vixray/base/rng.hpp"

namespace vixray {

// ---------------------------------------------------------------------------------------------
// Quantiles

/// The p-quantile (p in [0, 1]) of sorted, finite values with linear interpolation between
/// order statistics: position p * (n - 1) (Hyndman & Fan type 7, numpy's default). Throws if
/// the input is empty or p is outside [0, 1].
double quantile_sorted(const std::vector<double>& sorted, double p);

// ---------------------------------------------------------------------------------------------
// Calibration: "percentile inversion"

/// Maps a raw detector score to the share of training raw scores STRICTLY BELOW it, in [0, 1]:
/// F(x) = #{training s : s < x} / n. Ties: a score equal to a training score does not count
/// that training score (so the smallest training score maps to 0 and only scores above the
/// training maximum map to 1).
/// Stored compactly: at most `max_knots` knots (x_k, F(x_k)), x_k strictly increasing, taken at
/// evenly spaced order statistics (always including the minimum and maximum). F is exact at the
/// knots and linear between neighbouring knots; below the first knot it is 0, above the last
/// knot it is 1. With n <= max_knots distinct training values the map is exact everywhere on
/// the training values. Monotone non-decreasing; NaN maps to NaN.
struct Calibration {
  std::vector<double> knots;   // raw scores, strictly increasing
  std::vector<double> shares;  // F at the knots, non-decreasing, in [0, 1)
  int64_t n_training = 0;

  static Calibration fit(std::vector<double> training_scores, int32_t max_knots = 512);
  double apply(double raw) const;
  /// Throws vixray::Error naming the problem if the table is not a valid calibration.
  void validate(const std::string& where) const;
};

// ---------------------------------------------------------------------------------------------
// Stress direction: one-sided detector scores
//
// An Isolation Forest isolates extremes on both sides of its training data: the record-low VIX
// of a very quiet market or a strong rally is as "anomalous" to it as a VIX spike or a crash.
// A stress radar must not call the quiet side stress. Each feature may carry a stress sign
// (settings "stress_direction"): +1 when high values are the stressed side (VIX level, realized
// volatility), -1 when low values are (returns, distance above moving averages), 0 when both
// sides can be stress or neither (correlations, SKEW). With z_f = clip(sign_f * (x_f -
// median_f) / iqr_f, +-4) (median and inter-quartile range of the detector's training rows; a
// zero IQR falls back to the training range, then to 1), a detector's stress side on a day is
//   side = sum_f z_f |z_f| / sum_f |z_f|   over its signed features (0 when all z_f are 0):
// the mean of the signed z-scores weighted by their size, so the direction in which the day
// is extreme decides (a crash day's 1-day return outweighs a 21-day return still near its
// median). The stress weight is w = clip(neutral + side / ramp, 0, 1); with the default
// neutral = 0 it is 0 at or below the training median on the stress axis and 1 once the day is
// `ramp` robust units on the stressed side (neutral = 1: full weight unless the day is on the
// calm side, 0 once it is `ramp` units there).
// The detector's score is then
//   directional = min(c, 0.5) + w * (c - min(c, 0.5))
// for the calibrated score c: a calm-side anomaly counts as no more than a typical day (0.5,
// the median of the calibrated training scores); a stress-side one keeps its full score; scores
// below 0.5 are unchanged. A detector without signed features keeps c (two-sided).
// The forest, its calibration and its TreeSHAP explanations are unchanged: explanations are of
// the forest's path length, before this weighting.
struct StressDirection {
  std::vector<double> signs;    // per detector feature (forest column order): +1, -1 or 0
  std::vector<double> centers;  // training median per feature (0 for unsigned features)
  std::vector<double> scales;   // training IQR per feature (> 0; 1 for unsigned features)
  double ramp = 1.0;            // robust units on the stressed side for the full score
  double neutral = 0.0;         // the weight of a day exactly at the training medians

  /// True when at least one feature is signed (the detector is one-sided).
  bool active() const;
  /// Fits medians and scales on training rows (row-major, signs.size() columns). Throws if
  /// `ramp` is not positive or a sign is not -1, 0 or +1.
  static StressDirection fit(const std::vector<double>& rows, std::vector<double> signs,
                             double ramp, double neutral = 0.0);
  /// The stress side of one row of detector features (0 for an inactive direction).
  double side(const double* row) const;
  /// The stress weight w in [0, 1] of one row (1 for an inactive direction).
  double weight(const double* row) const;
  /// Throws vixray::Error naming the problem unless the table is consistent with n features.
  void validate(const std::string& where, size_t n_features) const;
};

/// min(c, 0.5) + w * (c - min(c, 0.5)); NaN stays NaN.
double directional_score(double calibrated, double weight);

// ---------------------------------------------------------------------------------------------
// Levels and thresholds

enum class Level : int8_t {
  kUnavailable = -1,
  kNormal = 0,
  kModerate = 1,
  kHigh = 2,
  kCritical = 3
};

/// "NORMAL", "MODERATE", "HIGH", "CRITICAL" ("UNAVAILABLE" for a NaN score).
const char* level_name(Level level);

struct Thresholds {
  /// Percentiles (0..100) of the training distribution the thresholds sit at.
  std::array<double, 3> percentiles{{85.0, 92.0, 98.0}};
  double moderate = 0.0, high = 0.0, critical = 0.0;
  /// Bootstrap confidence interval of each threshold: [low, high] per level.
  std::array<double, 3> ci_low{{0.0, 0.0, 0.0}}, ci_high{{0.0, 0.0, 0.0}};
  double confidence = 0.90;
  int32_t resamples = 0;

  /// Throws vixray::Error unless moderate < high < critical (all finite).
  void validate(const std::string& where) const;
};

/// THE classification rule, used for the ensemble and for every domain: score >= critical ->
/// CRITICAL, else >= high -> HIGH, else >= moderate -> MODERATE, else NORMAL; NaN -> UNAVAILABLE.
Level classify(double score, const Thresholds& thresholds);

struct ThresholdOptions {
  std::array<double, 3> percentiles{{85.0, 92.0, 98.0}};
  int32_t resamples = 200;
  double confidence = 0.90;
  uint64_t seed = 7;
};

/// Thresholds at the given percentiles (type-7 quantiles) of the finite training scores (NaN
/// days are skipped). Confidence intervals: `resamples` bootstrap resamples (n draws with
/// replacement, vixray::Rng(seed)), each giving the three quantiles; the interval is the
/// (1-confidence)/2 and (1+confidence)/2 type-7 quantiles of those. Strictly increasing is
/// enforced: a threshold not above the previous one (ties in the data) is raised to the next
/// representable double above it. Throws if fewer than 2 finite scores.
Thresholds compute_thresholds(const std::vector<double>& training_scores,
                              const ThresholdOptions& options);

// ---------------------------------------------------------------------------------------------
// Ensemble per day

struct EnsembleDay {
  double mean = 0.0;
  double std = 0.0;  // population standard deviation (divide by the number of detectors)
  double min = 0.0;
  double max = 0.0;
  int32_t n_detectors = 0;
};

/// Combines one day's calibrated detector scores. The day is available only if EVERY detector
/// score is finite (warm-up days of any detector are excluded explicitly): otherwise all fields
/// are NaN and n_detectors counts the finite scores.
EnsembleDay combine_day(const double* scores, int32_t n_detectors);

struct RankedDetector {
  int32_t detector = 0;
  double score = 0.0;
};
/// Detectors sorted by score, highest first (ties: lower index first); NaN scores left out.
std::vector<RankedDetector> rank_detectors(const double* scores, int32_t n_detectors);

// ---------------------------------------------------------------------------------------------
// Regime-adaptive contamination (seed 000, known issue 2)

/// Semantics: per VIX regime r an expected flag rate rate_r. At training, the flag threshold of
/// regime r is the (1 - rate_r) type-7 quantile of the training ensemble scores of the days in
/// regime r; a day is flagged when its ensemble score is STRICTLY ABOVE the threshold of its
/// own regime. The realized training rate per regime (flagged days / regime days) is kept, so a
/// reader can check it against the map (within +-1 point when the regime has >= ~100 days). A
/// regime without training days has a NaN threshold and flags nothing.
struct Contamination {
  std::vector<double> rates;           // expected flag rate per regime code
  std::vector<double> thresholds;      // ensemble-score threshold per regime (NaN = no days)
  std::vector<double> realized_rates;  // training flag rate per regime (NaN = no days)
  std::vector<int64_t> training_days;  // training days per regime
};

/// `scores` and `regimes` are parallel (regime -1 or NaN score = day skipped).
Contamination fit_contamination(const std::vector<double>& scores,
                                const std::vector<int32_t>& regimes,
                                const std::vector<double>& rates);
/// Whether a day is flagged under the contamination map (false for NaN or regime -1).
bool contamination_flag(const Contamination& contamination, double score, int32_t regime);

// ---------------------------------------------------------------------------------------------
// Persistence

struct Episode {
  int64_t start = 0;   // first day index
  int64_t length = 0;  // trading days
};

struct PersistenceStats {
  std::vector<Episode> episodes;  // runs of consecutive days with level >= HIGH
  int64_t current_streak = 0;     // length of the run that includes the last day (0 if none)
  double mean_duration = 0.0;     // mean episode length in trading days (0 without episodes)
  int64_t max_duration = 0;
  int64_t total_anomaly_days = 0;  // days with level >= HIGH
  int64_t available_days = 0;      // days with a level (not UNAVAILABLE)
  double anomaly_rate = 0.0;       // total_anomaly_days / available_days (0 if none)
};

/// Episodes over a daily level series (trading days). An UNAVAILABLE day is neither counted
/// nor part of a run: it ends a run like a NORMAL day does.
PersistenceStats persistence_stats(const std::vector<Level>& levels);

}  // namespace vixray
