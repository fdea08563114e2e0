#include "vixray/base/quantile.hpp"

#include <algorithm>
#include <cmath>

#include "vixray/base/error.hpp"

namespace vixray {

double quantile_sorted(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) throw Error("quantile: expected at least one value, got none");
  if (!(p >= 0.0 && p <= 1.0)) throw Error("quantile: p must be in [0, 1], got " + number_text(p));
  const double position = p * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<size_t>(std::floor(position));
  const size_t above = std::min(below + 1, sorted.size() - 1);
  const double weight = position - static_cast<double>(below);
  if (weight == 0.0) return sorted[below];
  return sorted[below] + weight * (sorted[above] - sorted[below]);
}

}  // namespace vixray
