// VIX regimes: bands of the VIX level, fixed or derived from quantiles of the training VIX.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace vixray {

/// Regime bands: regime r covers VIX in [bounds[r-1], bounds[r]) with bounds[-1] = -inf and
/// bounds[k-1] = +inf, so k - 1 strictly increasing boundaries define k regimes coded 0..k-1.
/// Default (seed 000): 16.77 / 24.40 / 39.67 -> Low Vol, Normal, Elevated, Crisis.
struct RegimeConfig {
  std::vector<double> bounds{16.77, 24.40, 39.67};
  std::vector<std::string> names{"Low Vol", "Normal", "Elevated", "Crisis"};

  int32_t count() const { return static_cast<int32_t>(names.size()); }
  /// Regime code of a VIX level (-1 for NaN or a non-positive level).
  int32_t regime_of(double vix) const;
  /// [low, high) VIX range of a regime (low = 0 for the first, high = +inf for the last).
  std::pair<double, double> range(int32_t regime) const;
  /// Throws vixray::Error unless names.size() == bounds.size() + 1 and bounds strictly increase.
  void validate(const std::string& where) const;
};

/// Bounds at the given quantiles (type 7, in (0, 1), increasing) of the finite VIX values, for
/// "derive the bands from the data"; names are kept from `names` (must be quantiles.size() + 1).
RegimeConfig regimes_from_quantiles(const std::vector<double>& vix,
                                    const std::vector<double>& quantiles,
                                    std::vector<std::string> names);

}  // namespace vixray
