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
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace vixray {

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

}  // namespace vixray
