// The day-by-day simulation: each trading day moves the regime, draws the shocks, steps the
// return and log-vol, steers them into the active episode, then writes the S&P bar, the implied
// indices and the volume. Each random stream (path, bar, volume) is drawn in one fixed order.
#include "vixray/sim/simulate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "internal.hpp"
#include "vixray/base/detmath.hpp"
#include "vixray/base/error.hpp"
#include "vixray/base/rng.hpp"
#include "vixray/data/calendar.hpp"

namespace vixray {
namespace {

using namespace sim_internal;  // NOLINT(build/namespaces): this folder's own model

double round_cents(double x) { return std::nearbyint(x * 100.0) / 100.0; }

// Open/high/low of an index given its previous and current close: the open moves a share of
// the way toward the close plus noise, high and low extend beyond open/close by |N| * range.
void fill_ohlc(double previous_close, double close, double open_share, double open_noise,
               double range, Rng& rng, double& open, double& high, double& low) {
  const double log_change = detmath::log(close / previous_close);
  open = previous_close * detmath::exp(open_share * log_change + open_noise * rng.normal());
  high = std::max(open, close) * detmath::exp(range * std::abs(rng.normal()));
  low = std::min(open, close) * detmath::exp(-range * std::abs(rng.normal()));
}

void push_ohlc(OhlcSeries& s, double open, double high, double low, double close) {
  // Rounded once here, so the in-memory values equal what the CSV writers print.
  const double c = round_cents(close);
  const double o = round_cents(open);
  s.open.push_back(o);
  s.high.push_back(std::max({round_cents(high), o, c}));
  s.low.push_back(std::min({round_cents(low), o, c}));
  s.close.push_back(c);
}

void reserve_ohlc(OhlcSeries& s, size_t n) {
  s.open.reserve(n);
  s.high.reserve(n);
  s.low.reserve(n);
  s.close.reserve(n);
}

// Sensitivity of log VIX to a log-vol shock: mean over 1..21 days of (1 - kappa)^h.
double vix_sensitivity_of(double kappa) {
  double vix_sensitivity = 0.0;
  double decay = 1.0;
  for (int h = 1; h <= kHorizon30d; ++h) {
    decay *= 1.0 - kappa;
    vix_sensitivity += decay / kHorizon30d;
  }
  return vix_sensitivity;
}

// The random streams of the day loop, split from the seed's master generator in this order
// (after the schedule's stream).
struct Streams {
  Rng& path;
  Rng& bar;
  Rng& volume;
};

// The active episode as seen on one day (no episode: kind kCalm, everything 0).
struct Today {
  EventKind kind;
  int64_t day_in_event;
  double severity;
  double progress;
};

// The day's S&P bar before rounding (the close is the simulator's state), the day's log return
// and the event's volume multiplier. Day 0 is a flat bar at the start price.
struct SpxDay {
  double open, high, low;
  double day_return = 0.0;
  double volume_multiplier = 1.0;
};

// The path stream's shocks of one day after the regime's draw, in draw order.
struct Shocks {
  double w, jump_draw, jump_direction, jump_size, vol_of_vol_shock, jump_factor_shock,
      premium_shock;
};

// The day's move before event steering: the return, the overnight gap and the next log-vol.
struct Move {
  double daily_vol, diffusion, gap, jump, x_next;
};

class Simulator {
 public:
  Simulator(const SimulationModel& m, std::vector<PlannedEvent>& events, Streams rng,
            SimulatedMarket& out);
  // Simulates trading day t (days are simulated in order, from 0).
  void day(int64_t t);

 private:
  void start_or_end_event(int64_t t);
  Today event_today(int64_t t) const;
  void advance(const Today& today, SpxDay& spx);
  void move_regime(double z, EventKind kind);
  Shocks draw_shocks();
  Move move_price_and_vol(double z, const Shocks& s, EventKind kind, double& day_return);
  void steer(const Today& today, Move& move, SpxDay& spx) const;
  void close_spx_bar(const Today& today, const Move& move, SpxDay& spx);
  void push_indices(int64_t t);
  void push_spx(int64_t t, const SpxDay& spx);
  void end_crash(int64_t t, const Today& today);

  // The model and what follows from it.
  const SimulationModel& m_;
  std::vector<PlannedEvent>& events_;
  Streams rng_;
  SimulatedMarket& out_;
  const int64_t n_;
  const RegimeExpectation re_;
  const double jump_m1_, jump_m2_;
  const double sqrt_year_, leverage_orthogonal_;
  double regime_level_[kRegimes];
  const double x_floor_, x_cap_, soft_floor_;
  const double vix_sensitivity_;

  // The state carried from day to day.
  int regime_ = kNormal;
  double x_;
  double vol_of_vol_factor_ = 0.0;  // log factor on the regime vol-of-vol
  double jump_factor_ = 0.0;        // log factor on the regime jump intensity
  double premium_noise_ = 0.0;      // log noise on the variance risk premium
  double skew_noise_ = 0.0, vvix_noise_ = 0.0, volume_noise_ = 0.0;
  double log_price_;
  double spx_close_;
  double vix_prev_[5] = {0, 0, 0, 0, 0};  // previous closes of vix, vix9d, vix3m, vvix, skew
  size_t next_event_ = 0;
  PlannedEvent* active_ = nullptr;
  int64_t recovery_days_left_ = 0;
  double recovery_per_day_ = 0.0;
  double event_start_log_price_ = 0.0, event_start_vix_ = 0.0, event_high_close_ = 0.0,
         event_max_vix_ = 0.0;
};

Simulator::Simulator(const SimulationModel& m, std::vector<PlannedEvent>& events, Streams rng,
                     SimulatedMarket& out)
    : m_(m),
      events_(events),
      rng_(rng),
      out_(out),
      n_(static_cast<int64_t>(out.dates.size())),
      re_(regime_expectation(m)),
      jump_m1_(jump_mean()),
      jump_m2_(jump_second_moment()),
      sqrt_year_(std::sqrt(kTradingDaysPerYear)),
      leverage_orthogonal_(std::sqrt(1.0 - m.leverage_rho * m.leverage_rho)),
      x_floor_(detmath::log(0.05)),
      x_cap_(detmath::log(1.5)),
      soft_floor_(detmath::log(0.07)),
      vix_sensitivity_(vix_sensitivity_of(m.kappa)),
      log_price_(detmath::log(m.spx_start_price)),
      spx_close_(m.spx_start_price) {
  for (int k = 0; k < kRegimes; ++k) regime_level_[k] = detmath::log(m.regime_vol[k]);
  x_ = regime_level_[kNormal];
  const auto un = static_cast<size_t>(n_);
  reserve_ohlc(out.vix, un);
  reserve_ohlc(out.vix9d, un);
  reserve_ohlc(out.vix3m, un);
  reserve_ohlc(out.vvix, un);
  reserve_ohlc(out.skew, un);
  for (auto* v : {&out.spx.open, &out.spx.high, &out.spx.low, &out.spx.close, &out.spx.adj_close,
                  &out.spx.volume})
    v->reserve(un);
}

void Simulator::day(int64_t t) {
  start_or_end_event(t);
  const Today today = event_today(t);
  SpxDay spx{spx_close_, spx_close_, spx_close_};
  if (t > 0) advance(today, spx);
  push_indices(t);
  push_spx(t, spx);
  if (active_ && today.kind == EventKind::kCrash) end_crash(t, today);
}

// Which event steers today.
void Simulator::start_or_end_event(int64_t t) {
  if (active_ && t > active_->end) {
    // After a crash or a bear grind the market claws back 60% of the fall (in log terms)
    // over the next year, as it did after 1990, 2002, 2009 and 2011.
    if (active_->kind == EventKind::kCrash || active_->kind == EventKind::kBearGrind) {
      const double fall = event_start_log_price_ - log_price_;
      recovery_days_left_ = 250;
      recovery_per_day_ = fall > 0 ? 0.6 * fall / 250.0 : 0.0;
    }
    active_ = nullptr;
  }
  if (!active_ && next_event_ < events_.size() && events_[next_event_].start == t) {
    active_ = &events_[next_event_++];
    event_start_log_price_ = log_price_;
    event_start_vix_ = vix_prev_[0];
    event_high_close_ = spx_close_;
    event_max_vix_ = 0.0;
  }
}

Today Simulator::event_today(int64_t t) const {
  Today out;
  out.kind = active_ ? active_->kind : EventKind::kCalm;
  out.day_in_event = active_ ? t - active_->start : 0;
  out.severity = active_ ? active_->severity : 0.0;
  out.progress = active_ ? std::min(1.0, static_cast<double>(out.day_in_event + 1) /
                                             static_cast<double>(active_->duration))
                         : 0.0;
  return out;
}

// One step of every process from the previous close to today's (days after the first).
void Simulator::advance(const Today& today, SpxDay& spx) {
  // The return shock comes first: regime escalations happen on bad days and de-escalations on
  // good ones.
  const double z = rng_.path.normal();
  move_regime(z, today.kind);
  const Shocks shocks = draw_shocks();
  Move move = move_price_and_vol(z, shocks, today.kind, spx.day_return);
  if (active_) steer(today, move, spx);
  // Vol is pushed back from below 7% (a VIX near 9): the index has never closed under 9.1.
  if (move.x_next < soft_floor_) move.x_next += 0.3 * (soft_floor_ - move.x_next);
  x_ = std::min(x_cap_, std::max(x_floor_, move.x_next));
  close_spx_bar(today, move, spx);
}

// u = logistic(1.702 z) is close to uniform (it approximates the normal CDF within 0.01);
// u < P(up) moves one regime up, u > 1 - P(down) one down. An episode forces its regime.
void Simulator::move_regime(double z, EventKind kind) {
  const double u = 1.0 / (1.0 + detmath::exp(-1.702 * z));
  int next = regime_;
  const double up = regime_ + 1 < kRegimes ? re_.transition[regime_][regime_ + 1] : 0.0;
  const double down = regime_ > 0 ? re_.transition[regime_][regime_ - 1] : 0.0;
  if (u < up) next = regime_ + 1;
  if (u > 1.0 - down) next = regime_ - 1;
  regime_ = next;
  if (active_) {
    if (kind == EventKind::kCrash) regime_ = kCrisis;
    if (kind == EventKind::kVolSpike || kind == EventKind::kBearGrind) regime_ = kElevated;
    if (kind == EventKind::kCalm) regime_ = kCalm;
  }
}

Shocks Simulator::draw_shocks() {
  Shocks s;
  s.w = rng_.path.normal();
  s.jump_draw = rng_.path.uniform();
  s.jump_direction = rng_.path.uniform();
  s.jump_size = std::abs(rng_.path.normal());
  s.vol_of_vol_shock = rng_.path.normal();
  s.jump_factor_shock = rng_.path.normal();
  s.premium_shock = rng_.path.normal();
  return s;
}

// The return (drift, diffusion, jump, the recovery after a crash), the overnight gap and the
// next log-vol (mean reversion, leverage, jumps); updates the vol-of-vol, jump and premium
// factors.
Move Simulator::move_price_and_vol(double z, const Shocks& s, EventKind kind, double& day_return) {
  Move out;
  out.daily_vol = detmath::exp(x_) / sqrt_year_;
  double intensity = m_.regime_jump_intensity[regime_] * detmath::exp(jump_factor_);
  const bool jumps_allowed =
      !(active_ && (kind == EventKind::kCalm || kind == EventKind::kVolSpike));
  out.jump = 0.0;
  if (jumps_allowed && s.jump_draw < intensity) {
    out.jump = s.jump_direction < kJumpDownProbability
                   ? -(kJumpDownBase + kJumpDownScale * s.jump_size)
                   : kJumpUpBase + kJumpUpScale * s.jump_size;
  }
  if (!jumps_allowed) intensity = 0.0;
  const double drift = m_.drift_annual / kTradingDaysPerYear - 0.5 * out.daily_vol * out.daily_vol -
                       intensity * jump_m1_;
  out.diffusion = out.daily_vol * z;
  out.gap = 0.25 * out.diffusion + 0.15 * out.daily_vol * rng_.bar.normal();
  day_return = drift + out.diffusion + out.jump;
  if (recovery_days_left_ > 0 && !active_) {
    day_return += recovery_per_day_;
    --recovery_days_left_;
  }
  if (out.jump != 0.0) out.gap += 0.6 * out.jump;  // jumps mostly happen overnight

  const double vol_of_vol = m_.regime_vol_of_vol[regime_] * detmath::exp(vol_of_vol_factor_);
  const double vol_shock = m_.leverage_rho * z + leverage_orthogonal_ * s.w;
  out.x_next = x_ + m_.kappa * (regime_level_[regime_] - x_) + vol_of_vol * vol_shock;
  if (out.jump < 0.0) out.x_next += -6.0 * out.jump;
  if (out.jump > 0.0) out.x_next += -2.0 * out.jump;
  vol_of_vol_factor_ =
      0.97 * vol_of_vol_factor_ + 0.06 * s.vol_of_vol_shock + (out.jump < 0.0 ? 0.25 : 0.0);
  jump_factor_ = 0.9 * jump_factor_ + 0.05 * s.jump_factor_shock;
  premium_noise_ = 0.85 * premium_noise_ + m_.vrp_noise_sd * s.premium_shock;
  return out;
}

// Per-kind steering, severity s in [0, 1]:
// - crash: regime forced to crisis; log price pulled (30%/day) toward a path falling to
//   28% + 22% s below the start close (depth ramps as p^1.3 over the planned days); log-vol pulled
//   (15%/day) toward 34% + 12% s. It lasts until the drawdown from the window's high reaches
//   target - 4 points and VIX has closed above 40 (at most `slack` extra days).
// - flash_crash: first day closes 5% + 5% s lower with a vol jump (+0.45 log-vol); the next
//   days pull the price (60%/day) back to 1% under the pre-event close.
// - vol_spike: regime elevated, no price jumps; log-vol pulled (40%/day) toward 28% + 12% s
//   (at least 1.8x the vol implied by VIX at the start, at most 60%) during the first half of
//   the window (6 days at least); the price held (35%/day) near 2% under the start.
// - bear_grind: regime elevated; price pulled (4%/day) along a line to 15% + 12% s lower.
// - volume_surge: volume x exp(1.0 + 0.6 s) at the peak (triangular profile).
// - gap_move: the open gaps 3% + 4% s (down with probability 0.7), the close stays near it.
// - calm: regime calm, no jumps, log-vol pulled (5%/day) toward 8.5%.
void Simulator::steer(const Today& today, Move& move, SpxDay& spx) const {
  const double s = today.severity;
  const double progress = today.progress;
  double& day_return = spx.day_return;
  double& x_next = move.x_next;
  switch (today.kind) {
    case EventKind::kCrash: {
      const double depth = 0.28 + 0.22 * s;
      const double target =
          event_start_log_price_ + detmath::log(1.0 - depth * detmath::pow(progress, 1.3));
      day_return += 0.30 * (target - log_price_);
      x_next += 0.15 * (detmath::log(0.34 + 0.12 * s) - x_next);
      break;
    }
    case EventKind::kFlashCrash:
      if (today.day_in_event == 0) {
        day_return = -(0.05 + 0.05 * s) + 0.1 * move.diffusion;
        move.gap = 0.1 * move.diffusion;
        x_next += 0.45;
      } else {
        day_return += 0.6 * (event_start_log_price_ - 0.01 - log_price_);
      }
      break;
    case EventKind::kVolSpike:
      if (progress <= 0.5 || today.day_in_event < 6) {
        // A spike relative to the prevailing level too: vol at least 1.8x the vol the VIX
        // implied at the start (VIX averages vol over 21 days of mean reversion, so it
        // rises ~1.4x), at most 60%.
        const double implied_start = event_start_vix_ / (100.0 * m_.variance_risk_premium);
        const double target =
            detmath::log(std::min(0.60, std::max(0.28 + 0.12 * s, 1.8 * implied_start)));
        x_next += 0.40 * (target - x_next);
      }
      day_return += 0.35 * (event_start_log_price_ + detmath::log(0.98) - log_price_);
      break;
    case EventKind::kBearGrind: {
      const double target =
          event_start_log_price_ + detmath::log(1.0 - (0.15 + 0.12 * s) * progress);
      day_return += 0.04 * (target - log_price_);
      break;
    }
    case EventKind::kVolumeSurge: {
      const double peak_distance = std::abs(2.0 * progress - 1.0);  // 1 at ends, 0 mid
      spx.volume_multiplier = detmath::exp((1.0 + 0.6 * s) * (1.0 - 0.6 * peak_distance));
      break;
    }
    case EventKind::kGapMove:
      move.gap = active_->sign * (0.03 + 0.04 * s);
      day_return = move.gap + 0.3 * move.diffusion;
      x_next += active_->sign < 0 ? 0.30 : -0.05;
      spx.volume_multiplier = 1.8;
      break;
    case EventKind::kCalm:
      x_next += 0.05 * (detmath::log(0.085) - x_next);
      break;
  }
}

// Today's S&P close from the day's return, the open from the gap, high and low from the range.
void Simulator::close_spx_bar(const Today& today, const Move& move, SpxDay& spx) {
  const double previous_close = spx_close_;
  log_price_ += spx.day_return;
  spx_close_ = detmath::exp(log_price_);
  spx.open = previous_close * detmath::exp(move.gap);
  const double range = 0.45 * move.daily_vol;
  spx.high = std::max(spx.open, spx_close_) * detmath::exp(range * std::abs(rng_.bar.normal()));
  spx.low = std::min(spx.open, spx_close_) * detmath::exp(-range * std::abs(rng_.bar.normal()));
  if (active_ && today.kind == EventKind::kFlashCrash && today.day_in_event == 0)
    spx.low = std::min(spx.low, spx_close_ * (1.0 - 0.3 * (0.05 + 0.05 * today.severity)));
}

// The implied indices: VIX, VIX9D and VIX3M from the expected variance over their horizons,
// VVIX from the vol-of-vol, SKEW from the jump share of expected variance.
void Simulator::push_indices(int64_t t) {
  const double vol_of_vol_now = m_.regime_vol_of_vol[regime_] * detmath::exp(vol_of_vol_factor_);
  const double intensity_now = m_.regime_jump_intensity[regime_] * detmath::exp(jump_factor_);
  const ExpectedVariance ev =
      expected_variance(x_, regime_, vol_of_vol_now, intensity_now, jump_m2_, m_.kappa, re_);
  const double premium = m_.variance_risk_premium * detmath::exp(premium_noise_);
  const double vix = 100.0 * std::sqrt(ev.h30d) * premium;
  // Term premium: short-dated variance is cheaper, 3-month dearer (contango in calm markets).
  const double vix9d = 100.0 * std::sqrt(ev.h9d) * premium * 0.94;
  const double vix3m = 100.0 * std::sqrt(ev.h3m) * premium * 1.06;
  vvix_noise_ = 0.9 * vvix_noise_ + 0.03 * rng_.path.normal();
  const double vvix =
      100.0 * sqrt_year_ * vol_of_vol_now * vix_sensitivity_ * 1.3 * detmath::exp(vvix_noise_);
  skew_noise_ = 0.95 * skew_noise_ + 1.2 * rng_.path.normal();
  const double jump_share = intensity_now * jump_m2_ * kTradingDaysPerYear / ev.h30d;
  const double skew =
      std::min(170.0, std::max(100.0, 100.0 + 95.0 * std::sqrt(jump_share) + skew_noise_));
  const double closes[5] = {vix, vix9d, vix3m, vvix, skew};
  OhlcSeries* series[5] = {&out_.vix, &out_.vix9d, &out_.vix3m, &out_.vvix, &out_.skew};
  const double index_range = vol_of_vol_now * vix_sensitivity_;  // daily sd of log VIX
  for (int i = 0; i < 5; ++i) {
    double o = closes[i], h = closes[i], l = closes[i];
    if (t > 0) {
      const double range = i == 4 ? 0.01 : 0.45 * index_range;
      fill_ohlc(vix_prev_[i], closes[i], 0.4, 0.25 * index_range, range, rng_.bar, o, h, l);
    }
    push_ohlc(*series[i], o, h, l, closes[i]);
    vix_prev_[i] = closes[i];
  }
}

// The S&P row (rounded to cents) and the volume: the base level, higher with vol and with the
// size of the move, autocorrelated noise, the event's multiplier, rounded to 10,000 shares.
void Simulator::push_spx(int64_t t, const SpxDay& spx) {
  const double open_rounded = round_cents(spx.open), close_rounded = round_cents(spx_close_);
  out_.spx.open.push_back(open_rounded);
  out_.spx.high.push_back(std::max({round_cents(spx.high), open_rounded, close_rounded}));
  out_.spx.low.push_back(std::min({round_cents(spx.low), open_rounded, close_rounded}));
  out_.spx.close.push_back(close_rounded);
  out_.spx.adj_close.push_back(close_rounded);  // an index: no dividends or splits to adjust
  volume_noise_ = 0.5 * volume_noise_ + 0.2 * rng_.volume.normal();
  const double log_volume = detmath::log(base_volume(out_.dates[static_cast<size_t>(t)], m_)) +
                            0.9 * (x_ - detmath::log(0.15)) + 4.0 * std::abs(spx.day_return) +
                            volume_noise_;
  out_.spx.volume.push_back(
      std::nearbyint(detmath::exp(log_volume) * spx.volume_multiplier / 10000.0) * 10000.0);
}

// A crash runs until its planned days are over and its targets are met (drawdown from the
// window's high, VIX above 40), or until its slack runs out.
void Simulator::end_crash(int64_t t, const Today& today) {
  const double close_rounded = out_.spx.close.back();
  event_high_close_ = std::max(event_high_close_, close_rounded);
  event_max_vix_ = std::max(event_max_vix_, out_.vix.close.back());
  const double drawdown = 1.0 - close_rounded / event_high_close_;
  const bool planned_done = today.day_in_event + 1 >= active_->duration;
  const bool targets_met = drawdown >= 0.28 + 0.22 * today.severity - 0.04 && event_max_vix_ > 40.0;
  if (planned_done && (targets_met || t >= active_->max_end))
    active_->end = t;
  else
    active_->end = std::min(n_ - 1, std::max(active_->end, t + 1));
}

// The ground truth: the scheduled episodes that started within the range, clipped to it.
std::vector<MarketEvent> market_events(const std::vector<PlannedEvent>& events,
                                       const std::vector<Day>& dates) {
  const auto n = static_cast<int64_t>(dates.size());
  std::vector<MarketEvent> out;
  for (const PlannedEvent& e : events) {
    if (e.start >= n) continue;
    const int64_t last = std::min(e.end, n - 1);
    out.push_back({dates[static_cast<size_t>(e.start)], dates[static_cast<size_t>(last)], e.kind,
                   e.severity});
  }
  return out;
}

}  // namespace

SimulatedMarket simulate(const SimulationParams& params) {
  if (params.start > params.end)
    throw Error("simulate: start " + format_iso(params.start) + " is after end " +
                format_iso(params.end));
  SimulatedMarket out;
  out.dates = trading_days(params.start, params.end);
  const auto n = static_cast<int64_t>(out.dates.size());
  if (n < 2)
    throw Error("simulate: the range " + format_iso(params.start) + " .. " +
                format_iso(params.end) + " holds " + std::to_string(n) +
                " trading days; expected at least 2");

  Rng master(params.seed);
  Rng schedule_rng = master.split();
  Rng path_rng = master.split();
  Rng bar_rng = master.split();
  Rng volume_rng = master.split();

  std::vector<PlannedEvent> events;
  if (params.embed_events) events = schedule_events(n, schedule_rng);

  Simulator simulator(params.model, events, Streams{path_rng, bar_rng, volume_rng}, out);
  for (int64_t t = 0; t < n; ++t) simulator.day(t);
  out.events = market_events(events, out.dates);
  return out;
}

}  // namespace vixray
