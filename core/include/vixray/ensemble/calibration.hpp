// Calibration of raw detector scores to [0, 1]: "percentile inversion" of the training scores.
// A NaN score means "not available" and stays NaN.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace vixray {

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
  /// values[i] = apply(values[i]) for i < count, bit for bit: the searches of several values
  /// side by side (their loads overlap).
  void apply_each(double* values, size_t count) const;
  /// Throws vixray::Error naming the problem if the table is not a valid calibration.
  void validate(const std::string& where) const;
};

}  // namespace vixray
