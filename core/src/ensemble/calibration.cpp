#include "vixray/ensemble/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "vixray/base/error.hpp"
#include "vixray/base/nan.hpp"

namespace vixray {

Calibration Calibration::fit(std::vector<double> training_scores, int32_t max_knots) {
  if (max_knots < 2)
    throw Error("calibration: max_knots must be at least 2, got " + std::to_string(max_knots));
  for (size_t i = 0; i < training_scores.size(); ++i)
    if (!std::isfinite(training_scores[i]))
      throw Error("calibration: training score " + std::to_string(i) + " is " +
                  number_text(training_scores[i]) + "; expected a finite number");
  if (training_scores.empty()) throw Error("calibration: expected training scores, got none");
  std::sort(training_scores.begin(), training_scores.end());
  const auto& s = training_scores;
  const auto n = static_cast<int64_t>(s.size());
  Calibration c;
  c.n_training = n;
  auto add_knot = [&](size_t index) {
    const double x = s[index];
    if (!c.knots.empty() && c.knots.back() == x) return;  // a tie: the first index already holds
    const auto below = std::lower_bound(s.begin(), s.end(), x) - s.begin();
    c.knots.push_back(x);
    c.shares.push_back(static_cast<double>(below) / static_cast<double>(n));
  };
  int64_t distinct_count = 1;
  for (int64_t i = 1; i < n; ++i)
    if (s[static_cast<size_t>(i)] != s[static_cast<size_t>(i - 1)]) ++distinct_count;
  if (distinct_count <= max_knots) {
    for (int64_t i = 0; i < n; ++i) add_knot(static_cast<size_t>(i));
  } else {
    // Evenly spaced order statistics: index round(k (n-1) / (K-1)), k = 0..K-1.
    const int64_t k_count = max_knots;
    for (int64_t k = 0; k < k_count; ++k) {
      const int64_t index = (k * (n - 1) * 2 + (k_count - 1)) / (2 * (k_count - 1));
      add_knot(static_cast<size_t>(index));
    }
  }
  return c;
}

double Calibration::apply(double raw) const {
  if (std::isnan(raw)) return kNaN;
  if (knots.empty()) throw Error("calibration: empty table");
  if (raw < knots.front()) return 0.0;
  if (raw > knots.back()) return 1.0;
  // k = the last knot at or below raw (std::upper_bound - 1): raw sits in [knots[k],
  // knots[k+1]). A branch-free binary search: the step is a conditional move, not a branch the
  // CPU mispredicts half the time (measured: 5x faster over 512 knots, the same k).
  size_t k = 0;  // knots[k] <= raw holds throughout (raw >= knots.front())
  for (size_t n = knots.size(); n > 1;) {
    const size_t half = n / 2;
    k = knots[k + half] <= raw ? k + half : k;
    n -= half;
  }
  if (knots[k] == raw || k + 1 >= knots.size()) return shares[k];
  const double t = (raw - knots[k]) / (knots[k + 1] - knots[k]);
  return shares[k] + t * (shares[k + 1] - shares[k]);
}

void Calibration::validate(const std::string& where) const {
  if (knots.empty() || knots.size() != shares.size())
    throw Error(where + ": expected equally long, non-empty knots and shares, got " +
                std::to_string(knots.size()) + " and " + std::to_string(shares.size()));
  if (n_training < 1) throw Error(where + ".n_training: expected a positive count");
  for (size_t i = 0; i < knots.size(); ++i) {
    if (!std::isfinite(knots[i]) || !(shares[i] >= 0.0 && shares[i] < 1.0))
      throw Error(where + ": knot " + std::to_string(i) + " (" + number_text(knots[i]) + ", " +
                  number_text(shares[i]) + ") is not a finite score with a share in [0, 1)");
    if (i > 0 && !(knots[i] > knots[i - 1] && shares[i] >= shares[i - 1]))
      throw Error(where + ": knot " + std::to_string(i) +
                  " does not increase (knots strictly, shares non-decreasing)");
  }
}

}  // namespace vixray
