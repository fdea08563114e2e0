#include "vixray/ensemble/stress_direction.hpp"

#include <algorithm>
#include <cmath>

#include "vixray/base/error.hpp"
#include "vixray/base/quantile.hpp"

namespace vixray {

namespace {

// A robust z-score is clipped to +-4 so one extreme feature cannot outvote the others.
constexpr double kSideClip = 4.0;

}  // namespace

bool StressDirection::active() const {
  for (double s : signs)
    if (s != 0.0) return true;
  return false;
}

StressDirection StressDirection::fit(const std::vector<double>& rows, std::vector<double> signs,
                                     double ramp, double neutral) {
  if (!(neutral >= 0.0 && neutral <= 1.0))
    throw Error("stress direction: neutral must be in [0, 1], got " + number_text(neutral));
  if (!(ramp > 0.0 && std::isfinite(ramp)))
    throw Error("stress direction: ramp must be a positive number, got " + number_text(ramp));
  const size_t k = signs.size();
  for (size_t f = 0; f < k; ++f)
    if (!(signs[f] == -1.0 || signs[f] == 0.0 || signs[f] == 1.0))
      throw Error("stress direction: sign of feature " + std::to_string(f) +
                  " must be -1, 0 or 1, got " + number_text(signs[f]));
  if (k == 0 || rows.size() % k != 0)
    throw Error("stress direction: expected rows of " + std::to_string(k) + " features, got " +
                std::to_string(rows.size()) + " values");
  const size_t n = rows.size() / k;
  StressDirection d;
  d.ramp = ramp;
  d.neutral = neutral;
  d.centers.assign(k, 0.0);
  d.scales.assign(k, 1.0);
  std::vector<double> column;
  for (size_t f = 0; f < k; ++f) {
    if (signs[f] == 0.0) continue;
    column.clear();
    for (size_t i = 0; i < n; ++i)
      if (std::isfinite(rows[i * k + f])) column.push_back(rows[i * k + f]);
    if (column.empty()) {
      signs[f] = 0.0;  // no training value: the feature cannot say which side a day is on
      continue;
    }
    std::sort(column.begin(), column.end());
    d.centers[f] = quantile_sorted(column, 0.5);
    double scale = quantile_sorted(column, 0.75) - quantile_sorted(column, 0.25);
    if (!(scale > 0.0)) scale = column.back() - column.front();
    d.scales[f] = scale > 0.0 ? scale : 1.0;
  }
  d.signs = std::move(signs);
  return d;
}

double StressDirection::side(const double* row) const {
  // Mean of the signed robust z-scores weighted by their size |z|: the direction in which the
  // day is extreme decides, not the features that sit near their median.
  double sum = 0.0, weights = 0.0;
  for (size_t f = 0; f < signs.size(); ++f) {
    if (signs[f] == 0.0) continue;
    const double z =
        std::max(-kSideClip, std::min(kSideClip, signs[f] * (row[f] - centers[f]) / scales[f]));
    sum += z * std::abs(z);
    weights += std::abs(z);
  }
  return weights > 0.0 ? sum / weights : 0.0;
}

double StressDirection::weight(const double* row) const {
  if (!active()) return 1.0;
  const double w = neutral + side(row) / ramp;
  if (std::isnan(w)) return 1.0;  // a missing feature: no score is taken away
  return std::max(0.0, std::min(1.0, w));
}

void StressDirection::validate(const std::string& where, size_t n_features) const {
  if (signs.size() != n_features || centers.size() != n_features || scales.size() != n_features)
    throw Error(where + ": expected signs, centers and scales of " + std::to_string(n_features) +
                " features (one per detector feature)");
  if (!(ramp > 0.0 && std::isfinite(ramp)))
    throw Error(where + ".ramp: expected a positive number, got " + number_text(ramp));
  if (!(neutral >= 0.0 && neutral <= 1.0))
    throw Error(where + ".neutral: expected a number in [0, 1], got " + number_text(neutral));
  for (size_t f = 0; f < n_features; ++f)
    if (!(signs[f] == -1.0 || signs[f] == 0.0 || signs[f] == 1.0) || !std::isfinite(centers[f]) ||
        !(scales[f] > 0.0 && std::isfinite(scales[f])))
      throw Error(where + ": feature " + std::to_string(f) + " has sign " + number_text(signs[f]) +
                  ", center " + number_text(centers[f]) + ", scale " + number_text(scales[f]) +
                  "; expected a sign in {-1, 0, 1}, a finite center and a positive scale");
}

double directional_score(double calibrated, double weight) {
  if (std::isnan(calibrated)) return calibrated;
  const double floor = std::min(calibrated, 0.5);
  return floor + weight * (calibrated - floor);
}

}  // namespace vixray
