#include "vixray/ensemble/regimes.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "vixray/base/error.hpp"
#include "vixray/base/quantile.hpp"

namespace vixray {

int32_t RegimeConfig::regime_of(double vix) const {
  if (!(vix > 0.0) || !std::isfinite(vix)) return -1;
  const auto above = std::upper_bound(bounds.begin(), bounds.end(), vix) - bounds.begin();
  return static_cast<int32_t>(above);
}

std::pair<double, double> RegimeConfig::range(int32_t regime) const {
  const auto r = static_cast<size_t>(regime);
  const double low = r == 0 ? 0.0 : bounds[r - 1];
  const double high = r < bounds.size() ? bounds[r] : std::numeric_limits<double>::infinity();
  return {low, high};
}

void RegimeConfig::validate(const std::string& where) const {
  if (names.size() != bounds.size() + 1 || bounds.empty())
    throw Error(where + ": expected one more regime name than bounds, got " +
                std::to_string(names.size()) + " names and " + std::to_string(bounds.size()) +
                " bounds");
  for (size_t i = 0; i < bounds.size(); ++i) {
    if (!std::isfinite(bounds[i]) || !(bounds[i] > 0.0) ||
        (i > 0 && !(bounds[i] > bounds[i - 1]))) {
      std::ostringstream s;
      s << where << ".bounds[" << i << "]: expected positive, strictly increasing VIX levels, got "
        << bounds[i];
      throw Error(s.str());
    }
  }
}

RegimeConfig regimes_from_quantiles(const std::vector<double>& vix,
                                    const std::vector<double>& quantiles,
                                    std::vector<std::string> names) {
  std::vector<double> sorted;
  for (double v : vix)
    if (std::isfinite(v) && v > 0.0) sorted.push_back(v);
  if (sorted.empty()) throw Error("regimes: no finite VIX values to take quantiles of");
  std::sort(sorted.begin(), sorted.end());
  RegimeConfig c;
  c.bounds.clear();
  for (size_t i = 0; i < quantiles.size(); ++i) {
    if (!(quantiles[i] > 0.0 && quantiles[i] < 1.0) ||
        (i > 0 && !(quantiles[i] > quantiles[i - 1])))
      throw Error("regimes: quantiles must be strictly increasing in (0, 1)");
    c.bounds.push_back(quantile_sorted(sorted, quantiles[i]));
  }
  c.names = std::move(names);
  c.validate("regimes (from quantiles)");
  return c;
}

}  // namespace vixray
