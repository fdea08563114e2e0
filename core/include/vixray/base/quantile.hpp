// Quantiles of sorted values, the one definition every threshold, band and statistic uses.
#pragma once
#include <vector>

namespace vixray {

/// The p-quantile (p in [0, 1]) of sorted, finite values with linear interpolation between
/// order statistics: position p * (n - 1) (Hyndman & Fan type 7, numpy's default). Throws if
/// the input is empty or p is outside [0, 1].
double quantile_sorted(const std::vector<double>& sorted, double p);

}  // namespace vixray
