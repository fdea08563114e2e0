// Declarations the sources of core/src/sim share (not part of the public API): the model's
// constants, the event schedule (events.cpp) and the model's expectations (model.cpp), which
// simulate.cpp steps through day by day.
#pragma once
#include <cstdint>
#include <vector>

#include "vixray/base/rng.hpp"
#include "vixray/data/dates.hpp"
#include "vixray/sim/simulate.hpp"

namespace vixray {
namespace sim_internal {

constexpr int kRegimes = 4;
constexpr int kCalm = 0, kNormal = 1, kElevated = 2, kCrisis = 3;
constexpr double kTradingDaysPerYear = 252.0;
// Horizons in trading days of VIX9D (9 calendar days), VIX (30) and VIX3M (93).
constexpr int kHorizon9d = 6, kHorizon30d = 21, kHorizon3m = 63;

// Price jumps (log returns): a down jump with probability 0.8, -(0.012 + 0.022 |N|), else an
// up jump 0.008 + 0.012 |N|: negatively skewed, as index jumps are.
constexpr double kJumpDownProbability = 0.8;
constexpr double kJumpDownBase = 0.012, kJumpDownScale = 0.022;
constexpr double kJumpUpBase = 0.008, kJumpUpScale = 0.012;

// E[J] and E[J^2] of a price jump.
double jump_mean();
double jump_second_moment();

struct PlannedEvent {
  EventKind kind;
  int64_t start, duration, max_end;  // trading-day indices
  int64_t end;                       // realized last index (crashes may run past duration)
  double severity;
  double sign;  // gap moves: -1 down, +1 up
};

// The episodes of a range of n_days trading days, sorted by start (draws from `rng` only).
std::vector<PlannedEvent> schedule_events(int64_t n_days, Rng& rng);

// Expected mean log-vol level (x target) j days ahead from each regime: (P^j mu)[k].
struct RegimeExpectation {
  double transition[kRegimes][kRegimes];
  double mean_level_ahead[kRegimes][kHorizon3m + 1];
};

RegimeExpectation regime_expectation(const SimulationModel& m);

struct ExpectedVariance {
  double h9d, h30d, h3m;  // annualized variance averaged over the horizon
};

// E[average of vol^2 over days 1..H] for log-vol x following
// x' = x + kappa (mu_regime - x) + xi eps: the mean follows the regime-chain expectation and
// the variance accumulates xi^2; E[exp(2x)] = exp(2 mean + 2 var) (log-normal). Jumps add
// lambda * E[J^2] per day.
ExpectedVariance expected_variance(double x, int regime, double vol_of_vol, double jump_intensity,
                                   double jump_m2, double kappa, const RegimeExpectation& re);

// Shares per day: grows log-linearly from the 1990 level to the 2018 level, then 1% a year.
double base_volume(Day day, const SimulationModel& m);

}  // namespace sim_internal
}  // namespace vixray
