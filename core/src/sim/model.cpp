// The model's expectations: jump moments, the regime chain's expected vol level, the expected
// variance over the VIX horizons, and the base volume level.
#include <algorithm>
#include <cmath>

#include "internal.hpp"
#include "vixray/base/detmath.hpp"
#include "vixray/sim/simulate.hpp"

namespace vixray {
namespace sim_internal {
namespace {

constexpr double kMeanAbsNormal = 0.7978845608028654;  // E|N(0,1)| = sqrt(2/pi)

}  // namespace

double jump_mean() {
  return kJumpDownProbability * -(kJumpDownBase + kJumpDownScale * kMeanAbsNormal) +
         (1.0 - kJumpDownProbability) * (kJumpUpBase + kJumpUpScale * kMeanAbsNormal);
}

double jump_second_moment() {
  auto second = [](double base, double scale) {
    return base * base + 2.0 * base * scale * kMeanAbsNormal + scale * scale;
  };
  return kJumpDownProbability * second(kJumpDownBase, kJumpDownScale) +
         (1.0 - kJumpDownProbability) * second(kJumpUpBase, kJumpUpScale);
}

RegimeExpectation regime_expectation(const SimulationModel& m) {
  RegimeExpectation out{};
  // Leaving a regime goes to a neighbour: calm -> normal; normal -> calm or elevated (1/2 each);
  // elevated -> normal (85%) or crisis (15%); crisis -> elevated.
  const double neighbour[kRegimes][kRegimes] = {
      {0.0, 1.0, 0.0, 0.0}, {0.5, 0.0, 0.5, 0.0}, {0.0, 0.85, 0.0, 0.15}, {0.0, 0.0, 1.0, 0.0}};
  for (int k = 0; k < kRegimes; ++k) {
    const double leave = 1.0 / m.regime_duration_days[k];
    for (int l = 0; l < kRegimes; ++l)
      out.transition[k][l] = k == l ? 1.0 - leave : leave * neighbour[k][l];
  }
  double level[kRegimes];
  for (int k = 0; k < kRegimes; ++k) level[k] = detmath::log(m.regime_vol[k]);
  for (int j = 0; j <= kHorizon3m; ++j) {
    for (int k = 0; k < kRegimes; ++k) out.mean_level_ahead[k][j] = level[k];
    double next[kRegimes];
    for (int k = 0; k < kRegimes; ++k) {
      next[k] = 0.0;
      for (int l = 0; l < kRegimes; ++l) next[k] += out.transition[k][l] * level[l];
    }
    for (int k = 0; k < kRegimes; ++k) level[k] = next[k];
  }
  return out;
}

ExpectedVariance expected_variance(double x, int regime, double vol_of_vol, double jump_intensity,
                                   double jump_m2, double kappa, const RegimeExpectation& re) {
  double mean = x, var = 0.0, sum = 0.0;
  const double keep = 1.0 - kappa;
  const double jump_variance = jump_intensity * jump_m2 * kTradingDaysPerYear;
  ExpectedVariance out{};
  for (int h = 1; h <= kHorizon3m; ++h) {
    mean = keep * mean + kappa * re.mean_level_ahead[regime][h - 1];
    var = keep * keep * var + vol_of_vol * vol_of_vol;
    sum += detmath::exp(2.0 * mean + 2.0 * var);
    if (h == kHorizon9d) out.h9d = sum / h + jump_variance;
    if (h == kHorizon30d) out.h30d = sum / h + jump_variance;
  }
  out.h3m = sum / kHorizon3m + jump_variance;
  return out;
}

double base_volume(Day day, const SimulationModel& m) {
  const double years = static_cast<double>(day - days_from_civil(1990, 1, 1)) / 365.25;
  const double span = 28.5;
  const double share = std::min(1.0, std::max(0.0, years / span));
  return detmath::exp(detmath::log(m.volume_start) +
                      share * detmath::log(m.volume_2018 / m.volume_start) +
                      0.01 * std::max(0.0, years - span));
}

}  // namespace sim_internal
}  // namespace vixray
