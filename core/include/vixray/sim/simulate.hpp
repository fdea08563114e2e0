// A deterministic market simulator: the embedded default data of the demo, the tests and the
// backtests. Daily S&P 500 OHLCV, VIX OHLC and the optional indices (VIX9D, VIX3M, VVIX, SKEW)
// on the NYSE trading calendar, with a ground-truth list of the stress episodes it embedded.
//
// Model (one trading day = one step; "vol" is annualized, e.g. 0.15 = 15%):
// - a Markov chain over 4 regimes (calm, normal, elevated, crisis), each with a mean log-vol
//   level, a vol-of-vol and a jump intensity; moves go to a neighbouring regime and are drawn
//   from the day's return shock (escalation on bad days, de-escalation on good ones);
// - log-vol x mean-reverts to the regime level (rate kappa per day) with shocks correlated with
//   the return shocks (leverage effect, correlation rho < 0); the vol-of-vol itself has a
//   log-normal factor (AR(1) 0.8) that jumps with the price jumps;
// - Poisson price jumps, mostly down (negative skew), that also push vol up; the jump intensity
//   has its own log-normal factor (AR(1) 0.9);
// - VIX = 100 * sqrt(expected average variance over the next 21 trading days, from the model's
//   own conditional expectation: mean-reversion path, regime-chain expectation, log-normal
//   variance, jump variance) * a variance risk premium (> 1, with small autocorrelated noise).
//   VIX9D and VIX3M use 6 and 63 trading days, so the term structure is in contango in calm
//   markets and inverts in stress; VVIX follows the vol-of-vol state, SKEW the jump share of
//   expected variance;
// - OHLC consistent within the day (open near the previous close with gap noise, high >=
//   max(open, close), low <= min(open, close), range scaled by the day's vol), volume
//   log-normal around a level that grows over the years and rises with vol;
// - episodes placed by a seeded schedule and steered into the paths: crash, flash crash, vol
//   spike without a price crash, slow bear grind, volume surge, gap move, long calm stretch.
// Only vixray::Rng and vixray::detmath are used (no std transcendentals or distributions), and
// every printed value is rounded by integer arithmetic, so the native and WebAssembly builds
// write byte-identical files for a seed.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "vixray/data/dates.hpp"
#include "vixray/data/frame.hpp"

namespace vixray {

struct OhlcSeries {
  std::vector<double> open, high, low, close;
};

struct EquitySeries {
  std::vector<double> open, high, low, close, adj_close, volume;
};

enum class EventKind { kCrash, kFlashCrash, kVolSpike, kBearGrind, kVolumeSurge, kGapMove, kCalm };

/// "crash", "flash_crash", "vol_spike", "bear_grind", "volume_surge", "gap_move", "calm".
const char* event_kind_name(EventKind kind);
/// All kinds, in the order above.
std::vector<EventKind> all_event_kinds();

/// One embedded episode: trading days [start, end] (inclusive). severity in [0, 1] is the
/// scheduled intensity; what it scales is documented per kind in simulate.cpp (e.g. a crash's
/// target drawdown is 28% + 22% * severity).
struct MarketEvent {
  Day start = 0;
  Day end = 0;
  EventKind kind = EventKind::kCalm;
  double severity = 0.0;
};

/// The model's knobs. Defaults are calibrated so that 1990-2018 passes the realism checks of
/// realism.hpp against the real VIX and S&P 500 (seed 42 and others).
struct SimulationModel {
  // Regimes calm, normal, elevated, crisis: mean annualized vol of each and expected stay (days).
  double regime_vol[4] = {0.093, 0.122, 0.19, 0.245};
  double regime_duration_days[4] = {30.0, 30.0, 20.0, 10.0};
  double regime_vol_of_vol[4] = {0.075, 0.080, 0.095, 0.110};      // sd of daily log-vol shocks
  double regime_jump_intensity[4] = {0.002, 0.004, 0.010, 0.030};  // jumps per day
  double kappa = 0.05;                  // daily mean reversion of log-vol toward the regime level
  double leverage_rho = -0.9;           // correlation of return shocks with log-vol shocks
  double drift_annual = 0.085;          // expected arithmetic S&P return per year
  double variance_risk_premium = 1.25;  // implied / physical vol ratio at the VIX horizon
  double vrp_noise_sd = 0.015;          // daily shock of the log premium (AR(1), 0.85)
  double spx_start_price = 353.40;      // the real S&P 500 open of 1990-01-02
  double volume_start = 1.6e8;          // shares per day in 1990
  double volume_2018 = 3.5e9;           // shares per day in 2018 (flat-ish afterwards)
};

struct SimulationParams {
  uint64_t seed = 42;
  Day start = days_from_civil(1990, 1, 2);
  Day end = days_from_civil(2025, 12, 31);
  bool embed_events = true;
  SimulationModel model;
};

struct SimulatedMarket {
  std::vector<Day> dates;                    // NYSE trading days in [start, end]
  EquitySeries spx;                          // prices rounded to cents, volume to whole shares
  OhlcSeries vix, vix9d, vix3m, vvix, skew;  // rounded to cents
  std::vector<MarketEvent> events;           // sorted by start
};

/// Runs the simulation. Throws vixray::Error if the range is empty or holds fewer than 2
/// trading days.
SimulatedMarket simulate(const SimulationParams& params);

/// CBOE history format: "DATE,OPEN,HIGH,LOW,CLOSE", MM/DD/YYYY dates, 2 decimals, LF ends.
std::string write_cboe_csv(const std::vector<Day>& dates, const OhlcSeries& series);
/// Yahoo format: "Date,Open,High,Low,Close,Adj Close,Volume", ISO dates, 2 decimals, integer
/// volume.
std::string write_yahoo_csv(const std::vector<Day>& dates, const EquitySeries& series);
/// Ground truth: "start,end,kind,severity", ISO dates, severity with 3 decimals.
std::string write_events_csv(const std::vector<MarketEvent>& events);

/// The simulated market as a Frame (columns "<series>.<field>").
Frame to_frame(const SimulatedMarket& market);

}  // namespace vixray
