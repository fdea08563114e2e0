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

}  // namespace

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
  const SimulationModel& m = params.model;
  const auto un = static_cast<size_t>(n);

  Rng master(params.seed);
  Rng schedule_rng = master.split();
  Rng path_rng = master.split();
  Rng bar_rng = master.split();
  Rng volume_rng = master.split();

  std::vector<PlannedEvent> events;
  if (params.embed_events) events = schedule_events(n, schedule_rng);

  const RegimeExpectation re = regime_expectation(m);
  const double jump_m1 = jump_mean();
  const double jump_m2 = jump_second_moment();
  const double sqrt_year = std::sqrt(kTradingDaysPerYear);
  const double leverage_orthogonal = std::sqrt(1.0 - m.leverage_rho * m.leverage_rho);
  double regime_level[kRegimes];
  for (int k = 0; k < kRegimes; ++k) regime_level[k] = detmath::log(m.regime_vol[k]);
  const double x_floor = detmath::log(0.05), x_cap = detmath::log(1.5);
  const double soft_floor = detmath::log(0.07);
  // Sensitivity of log VIX to a log-vol shock: mean over 1..21 days of (1 - kappa)^h.
  double vix_sensitivity = 0.0;
  {
    double decay = 1.0;
    for (int h = 1; h <= kHorizon30d; ++h) {
      decay *= 1.0 - m.kappa;
      vix_sensitivity += decay / kHorizon30d;
    }
  }

  reserve_ohlc(out.vix, un);
  reserve_ohlc(out.vix9d, un);
  reserve_ohlc(out.vix3m, un);
  reserve_ohlc(out.vvix, un);
  reserve_ohlc(out.skew, un);
  for (auto* v : {&out.spx.open, &out.spx.high, &out.spx.low, &out.spx.close, &out.spx.adj_close,
                  &out.spx.volume})
    v->reserve(un);

  int regime = kNormal;
  double x = regime_level[kNormal];
  double vol_of_vol_factor = 0.0;  // log factor on the regime vol-of-vol
  double jump_factor = 0.0;        // log factor on the regime jump intensity
  double premium_noise = 0.0;      // log noise on the variance risk premium
  double skew_noise = 0.0, vvix_noise = 0.0, volume_noise = 0.0;
  double log_price = detmath::log(m.spx_start_price);
  double spx_close = m.spx_start_price;
  double vix_prev[5] = {0, 0, 0, 0, 0};  // previous closes of vix, vix9d, vix3m, vvix, skew
  size_t next_event = 0;
  PlannedEvent* active = nullptr;
  int64_t recovery_days_left = 0;
  double recovery_per_day = 0.0;
  double event_start_log_price = 0.0, event_start_vix = 0.0, event_high_close = 0.0,
         event_max_vix = 0.0;

  for (int64_t t = 0; t < n; ++t) {
    // --- which event steers today ----------------------------------------------------------
    if (active && t > active->end) {
      // After a crash or a bear grind the market claws back 60% of the fall (in log terms)
      // over the next year, as it did after 1990, 2002, 2009 and 2011.
      if (active->kind == EventKind::kCrash || active->kind == EventKind::kBearGrind) {
        const double fall = event_start_log_price - log_price;
        recovery_days_left = 250;
        recovery_per_day = fall > 0 ? 0.6 * fall / 250.0 : 0.0;
      }
      active = nullptr;
    }
    if (!active && next_event < events.size() && events[next_event].start == t) {
      active = &events[next_event++];
      event_start_log_price = log_price;
      event_start_vix = vix_prev[0];
      event_high_close = spx_close;
      event_max_vix = 0.0;
    }
    const EventKind kind = active ? active->kind : EventKind::kCalm;
    const int64_t day_in_event = active ? t - active->start : 0;
    const double severity = active ? active->severity : 0.0;
    const double progress = active ? std::min(1.0, static_cast<double>(day_in_event + 1) /
                                                       static_cast<double>(active->duration))
                                   : 0.0;

    double spx_open = spx_close, spx_high = spx_close, spx_low = spx_close;
    double day_return = 0.0;
    double vol_today = detmath::exp(x);
    double volume_multiplier = 1.0;
    if (t > 0) {
      // --- regime --------------------------------------------------------------------------
      // The return shock comes first: regime escalations happen on bad days and
      // de-escalations on good ones. u = logistic(1.702 z) is close to uniform (it approximates
      // the normal CDF within 0.01); u < P(up) moves one regime up, u > 1 - P(down) one down.
      const double z = path_rng.normal();
      const double u = 1.0 / (1.0 + detmath::exp(-1.702 * z));
      int next = regime;
      const double up = regime + 1 < kRegimes ? re.transition[regime][regime + 1] : 0.0;
      const double down = regime > 0 ? re.transition[regime][regime - 1] : 0.0;
      if (u < up) next = regime + 1;
      if (u > 1.0 - down) next = regime - 1;
      regime = next;
      if (active) {
        if (kind == EventKind::kCrash) regime = kCrisis;
        if (kind == EventKind::kVolSpike || kind == EventKind::kBearGrind) regime = kElevated;
        if (kind == EventKind::kCalm) regime = kCalm;
      }

      // --- shocks --------------------------------------------------------------------------
      const double w = path_rng.normal();
      const double jump_draw = path_rng.uniform();
      const double jump_direction = path_rng.uniform();
      const double jump_size = std::abs(path_rng.normal());
      const double vol_of_vol_shock = path_rng.normal();
      const double jump_factor_shock = path_rng.normal();
      const double premium_shock = path_rng.normal();

      const double daily_vol = vol_today / sqrt_year;
      double intensity = m.regime_jump_intensity[regime] * detmath::exp(jump_factor);
      const bool jumps_allowed =
          !(active && (kind == EventKind::kCalm || kind == EventKind::kVolSpike));
      double jump = 0.0;
      if (jumps_allowed && jump_draw < intensity) {
        jump = jump_direction < kJumpDownProbability ? -(kJumpDownBase + kJumpDownScale * jump_size)
                                                     : kJumpUpBase + kJumpUpScale * jump_size;
      }
      if (!jumps_allowed) intensity = 0.0;
      const double drift =
          m.drift_annual / kTradingDaysPerYear - 0.5 * daily_vol * daily_vol - intensity * jump_m1;
      const double diffusion = daily_vol * z;
      double gap = 0.25 * diffusion + 0.15 * daily_vol * bar_rng.normal();
      day_return = drift + diffusion + jump;
      if (recovery_days_left > 0 && !active) {
        day_return += recovery_per_day;
        --recovery_days_left;
      }
      if (jump != 0.0) gap += 0.6 * jump;  // jumps mostly happen overnight

      // --- log-vol ---------------------------------------------------------------------------
      const double vol_of_vol = m.regime_vol_of_vol[regime] * detmath::exp(vol_of_vol_factor);
      const double vol_shock = m.leverage_rho * z + leverage_orthogonal * w;
      double x_next = x + m.kappa * (regime_level[regime] - x) + vol_of_vol * vol_shock;
      if (jump < 0.0) x_next += -6.0 * jump;
      if (jump > 0.0) x_next += -2.0 * jump;
      vol_of_vol_factor =
          0.97 * vol_of_vol_factor + 0.06 * vol_of_vol_shock + (jump < 0.0 ? 0.25 : 0.0);
      jump_factor = 0.9 * jump_factor + 0.05 * jump_factor_shock;
      premium_noise = 0.85 * premium_noise + m.vrp_noise_sd * premium_shock;

      // --- event steering ----------------------------------------------------------------------
      if (active) {
        const double s = severity;
        switch (kind) {
          case EventKind::kCrash: {
            const double depth = 0.28 + 0.22 * s;
            const double target =
                event_start_log_price + detmath::log(1.0 - depth * detmath::pow(progress, 1.3));
            day_return += 0.30 * (target - log_price);
            x_next += 0.15 * (detmath::log(0.34 + 0.12 * s) - x_next);
            break;
          }
          case EventKind::kFlashCrash:
            if (day_in_event == 0) {
              day_return = -(0.05 + 0.05 * s) + 0.1 * diffusion;
              gap = 0.1 * diffusion;
              x_next += 0.45;
            } else {
              day_return += 0.6 * (event_start_log_price - 0.01 - log_price);
            }
            break;
          case EventKind::kVolSpike:
            if (progress <= 0.5 || day_in_event < 6) {
              // A spike relative to the prevailing level too: vol at least 1.8x the vol the VIX
              // implied at the start (VIX averages vol over 21 days of mean reversion, so it
              // rises ~1.4x), at most 60%.
              const double implied_start = event_start_vix / (100.0 * m.variance_risk_premium);
              const double target =
                  detmath::log(std::min(0.60, std::max(0.28 + 0.12 * s, 1.8 * implied_start)));
              x_next += 0.40 * (target - x_next);
            }
            day_return += 0.35 * (event_start_log_price + detmath::log(0.98) - log_price);
            break;
          case EventKind::kBearGrind: {
            const double target =
                event_start_log_price + detmath::log(1.0 - (0.15 + 0.12 * s) * progress);
            day_return += 0.04 * (target - log_price);
            break;
          }
          case EventKind::kVolumeSurge: {
            const double peak_distance = std::abs(2.0 * progress - 1.0);  // 1 at ends, 0 mid
            volume_multiplier = detmath::exp((1.0 + 0.6 * s) * (1.0 - 0.6 * peak_distance));
            break;
          }
          case EventKind::kGapMove:
            gap = active->sign * (0.03 + 0.04 * s);
            day_return = gap + 0.3 * diffusion;
            x_next += active->sign < 0 ? 0.30 : -0.05;
            volume_multiplier = 1.8;
            break;
          case EventKind::kCalm:
            x_next += 0.05 * (detmath::log(0.085) - x_next);
            break;
        }
      }
      // Vol is pushed back from below 7% (a VIX near 9): the index has never closed under 9.1.
      if (x_next < soft_floor) x_next += 0.3 * (soft_floor - x_next);
      x = std::min(x_cap, std::max(x_floor, x_next));

      // --- S&P bar -------------------------------------------------------------------------
      const double previous_close = spx_close;
      log_price += day_return;
      spx_close = detmath::exp(log_price);
      spx_open = previous_close * detmath::exp(gap);
      const double range = 0.45 * daily_vol;
      spx_high = std::max(spx_open, spx_close) * detmath::exp(range * std::abs(bar_rng.normal()));
      spx_low = std::min(spx_open, spx_close) * detmath::exp(-range * std::abs(bar_rng.normal()));
      if (active && kind == EventKind::kFlashCrash && day_in_event == 0)
        spx_low = std::min(spx_low, spx_close * (1.0 - 0.3 * (0.05 + 0.05 * severity)));
      vol_today = detmath::exp(x);
    }

    // --- implied indices ------------------------------------------------------------------------
    const double vol_of_vol_now = m.regime_vol_of_vol[regime] * detmath::exp(vol_of_vol_factor);
    const double intensity_now = m.regime_jump_intensity[regime] * detmath::exp(jump_factor);
    const ExpectedVariance ev =
        expected_variance(x, regime, vol_of_vol_now, intensity_now, jump_m2, m.kappa, re);
    const double premium = m.variance_risk_premium * detmath::exp(premium_noise);
    const double vix = 100.0 * std::sqrt(ev.h30d) * premium;
    // Term premium: short-dated variance is cheaper, 3-month dearer (contango in calm markets).
    const double vix9d = 100.0 * std::sqrt(ev.h9d) * premium * 0.94;
    const double vix3m = 100.0 * std::sqrt(ev.h3m) * premium * 1.06;
    vvix_noise = 0.9 * vvix_noise + 0.03 * path_rng.normal();
    const double vvix =
        100.0 * sqrt_year * vol_of_vol_now * vix_sensitivity * 1.3 * detmath::exp(vvix_noise);
    skew_noise = 0.95 * skew_noise + 1.2 * path_rng.normal();
    const double jump_share = intensity_now * jump_m2 * kTradingDaysPerYear / ev.h30d;
    const double skew =
        std::min(170.0, std::max(100.0, 100.0 + 95.0 * std::sqrt(jump_share) + skew_noise));
    const double closes[5] = {vix, vix9d, vix3m, vvix, skew};
    OhlcSeries* series[5] = {&out.vix, &out.vix9d, &out.vix3m, &out.vvix, &out.skew};
    const double index_range = vol_of_vol_now * vix_sensitivity;  // daily sd of log VIX
    for (int i = 0; i < 5; ++i) {
      double o = closes[i], h = closes[i], l = closes[i];
      if (t > 0) {
        const double range = i == 4 ? 0.01 : 0.45 * index_range;
        fill_ohlc(vix_prev[i], closes[i], 0.4, 0.25 * index_range, range, bar_rng, o, h, l);
      }
      push_ohlc(*series[i], o, h, l, closes[i]);
      vix_prev[i] = closes[i];
    }

    // --- S&P rows and volume ----------------------------------------------------------------
    const double open_rounded = round_cents(spx_open), close_rounded = round_cents(spx_close);
    out.spx.open.push_back(open_rounded);
    out.spx.high.push_back(std::max({round_cents(spx_high), open_rounded, close_rounded}));
    out.spx.low.push_back(std::min({round_cents(spx_low), open_rounded, close_rounded}));
    out.spx.close.push_back(close_rounded);
    out.spx.adj_close.push_back(close_rounded);  // an index: no dividends or splits to adjust
    volume_noise = 0.5 * volume_noise + 0.2 * volume_rng.normal();
    const double log_volume = detmath::log(base_volume(out.dates[static_cast<size_t>(t)], m)) +
                              0.9 * (x - detmath::log(0.15)) + 4.0 * std::abs(day_return) +
                              volume_noise;
    out.spx.volume.push_back(
        std::nearbyint(detmath::exp(log_volume) * volume_multiplier / 10000.0) * 10000.0);

    // --- crash end condition ------------------------------------------------------------------
    if (active && kind == EventKind::kCrash) {
      event_high_close = std::max(event_high_close, close_rounded);
      event_max_vix = std::max(event_max_vix, out.vix.close.back());
      const double drawdown = 1.0 - close_rounded / event_high_close;
      const bool planned_done = day_in_event + 1 >= active->duration;
      const bool targets_met = drawdown >= 0.28 + 0.22 * severity - 0.04 && event_max_vix > 40.0;
      if (planned_done && (targets_met || t >= active->max_end))
        active->end = t;
      else
        active->end = std::min(n - 1, std::max(active->end, t + 1));
    }
  }

  for (const PlannedEvent& e : events) {
    if (e.start >= n) continue;
    const int64_t last = std::min(e.end, n - 1);
    out.events.push_back({out.dates[static_cast<size_t>(e.start)],
                          out.dates[static_cast<size_t>(last)], e.kind, e.severity});
  }
  return out;
}

}  // namespace vixray
