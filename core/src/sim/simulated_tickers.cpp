// The ticker simulator: for each ticker and interval, a bar grid from the market's calendar
// (ticker_calendar.cpp), a seeded schedule of labelled patterns, then a bar-by-bar path whose
// returns, ranges and volumes the active pattern shapes. Each series draws from its own streams
// split from the seed in a fixed order (ticker, then daily before 5-minute).
#include "vixray/sim/simulated_tickers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ticker_internal.hpp"
#include "vixray/base/detmath.hpp"
#include "vixray/base/error.hpp"
#include "vixray/base/rng.hpp"

namespace vixray {
namespace ticker_sim {
namespace {

struct TickerSpec {
  const char* ticker;
  const char* market;
  double start_price;
  double daily_vol;     // sd of the daily log return
  double daily_volume;  // shares per day
};

const TickerSpec kSpecs[] = {
    {"SIMA", "US", 152.0, 0.017, 4.0e7},    {"SIMB", "US", 148.0, 0.020, 2.5e7},
    {"9901.T", "JP", 2400.0, 0.016, 3.0e6}, {"9902.T", "JP", 2850.0, 0.018, 1.5e6},
    {"SIMC.BK", "TH", 35.0, 0.013, 2.0e7},  {"SIMD.BK", "TH", 45.0, 0.015, 1.2e7}};

constexpr int64_t kWarmup = 40;  // bars before the first pattern (indicator warm-up)
constexpr int64_t kTail = 8;     // bars after the last segment
constexpr int64_t kMinSegment = 12;

// How a pattern shapes one bar; magnitudes in units of the bar's sd.
struct Shape {
  double gap = 0.0;     // added to the open's log gap
  double drift = 0.0;   // added to the open-to-close log return
  double body = 1.0;    // factor on the return's noise
  double range = 1.0;   // factor on the wicks' noise
  double wick = 0.0;    // > 0: upper wick of that size, < 0: lower wick
  double volume = 1.0;  // factor on the volume
};

int64_t pattern_length(TickerPatternKind kind) {
  switch (kind) {
    case TickerPatternKind::kGapMove:
    case TickerPatternKind::kWickRejection:
      return 1;
    case TickerPatternKind::kVolumeSurge:
      return 2;
    case TickerPatternKind::kMomentumBurst:
      return 4;
    case TickerPatternKind::kFlashDrop:
      return 5;
  }
  return 1;
}

double between(Rng& rng, double lo, double hi) { return lo + (hi - lo) * rng.uniform(); }
double sign_of(Rng& rng) { return rng.uniform() < 0.5 ? -1.0 : 1.0; }

// Writes the shapes of one pattern starting at bar `at`. Daily bars get smaller multiples of
// their (larger) sd than 5-minute bars.
void shape_pattern(TickerPatternKind kind, bool daily, Rng& rng, Shape* s) {
  const double k = daily ? 0.5 : 1.0;
  switch (kind) {
    case TickerPatternKind::kGapMove:
      s[0].gap = sign_of(rng) * between(rng, 7.0, 9.0) * k;
      s[0].volume = 2.5;
      break;
    case TickerPatternKind::kWickRejection:
      s[0].wick = sign_of(rng) * between(rng, 7.0, 10.0) * k;
      s[0].body = 0.2;
      s[0].volume = 2.0;
      break;
    case TickerPatternKind::kVolumeSurge: {
      const double factor = between(rng, 8.0, 12.0);
      for (int i = 0; i < 2; ++i) {
        s[i].volume = factor;
        s[i].range = 1.5;
      }
      break;
    }
    case TickerPatternKind::kMomentumBurst: {
      const double direction = sign_of(rng);
      for (int i = 0; i < 4; ++i) {
        s[i].drift = direction * between(rng, 2.0, 3.0) * (daily ? 0.7 : 1.0);
        s[i].body = 0.3;
        s[i].volume = 2.5;
      }
      break;
    }
    case TickerPatternKind::kFlashDrop: {
      const double fall = between(rng, 7.0, 10.0) * (daily ? 0.7 : 1.0);
      for (int i = 0; i < 2; ++i) {
        s[i].drift = -fall / 2.0;
        s[i].body = 0.3;
        s[i].volume = 6.0;
      }
      for (int i = 2; i < 5; ++i) {
        s[i].drift = 0.7 * fall / 3.0;
        s[i].body = 0.3;
        s[i].volume = 2.0;
      }
      break;
    }
  }
}

// The first bar at or after `from` (and before `last`) opening a trading day, else `from`.
int64_t first_day_open(const BarGrid& grid, int64_t from, int64_t last) {
  for (int64_t i = from; i <= last; ++i)
    if (grid.day_open[static_cast<size_t>(i)] != 0) return i;
  return from;
}

// Places patterns_per_kind of each kind in equal segments after the warm-up, in a shuffled
// order, and writes their shapes.
std::vector<TickerEvent> schedule(const BarGrid& grid, const TickerSpec& spec, int32_t per_kind,
                                  Rng& rng, std::vector<Shape>& shapes) {
  std::vector<TickerPatternKind> kinds;
  for (TickerPatternKind kind : all_ticker_pattern_kinds())
    for (int32_t i = 0; i < per_kind; ++i) kinds.push_back(kind);
  for (size_t i = kinds.size(); i > 1; --i)
    std::swap(kinds[i - 1], kinds[static_cast<size_t>(rng.below(i))]);
  const auto n = static_cast<int64_t>(grid.time.size());
  const auto count = static_cast<int64_t>(kinds.size());
  const int64_t segment = count == 0 ? 0 : (n - kWarmup - kTail) / count;
  const std::string interval = grid.daily ? "1d" : "5m";
  if (count > 0 && segment < kMinSegment)
    throw Error("simulated tickers: " + std::string(spec.ticker) + " " + interval + " has " +
                std::to_string(n) + " bars, too few for " + std::to_string(count) +
                " patterns (each needs " + std::to_string(kMinSegment) + " after " +
                std::to_string(kWarmup) + " warm-up bars)");
  std::vector<TickerEvent> events;
  for (int64_t e = 0; e < count; ++e) {
    const TickerPatternKind kind = kinds[static_cast<size_t>(e)];
    const int64_t seg_start = kWarmup + e * segment;
    const int64_t latest = seg_start + segment - kTail;  // the pattern ends inside the segment
    int64_t at = seg_start + 2 +
                 static_cast<int64_t>(rng.below(static_cast<uint64_t>(latest - seg_start - 1)));
    if (kind == TickerPatternKind::kGapMove && !grid.daily)
      at = first_day_open(grid, seg_start + 1, latest);
    shape_pattern(kind, grid.daily, rng, &shapes[static_cast<size_t>(at)]);
    const int64_t end = at + pattern_length(kind) - 1;
    events.push_back(TickerEvent{spec.ticker, interval, kind, grid.time[static_cast<size_t>(at)],
                                 grid.time[static_cast<size_t>(end)]});
  }
  std::sort(events.begin(), events.end(),
            [](const TickerEvent& a, const TickerEvent& b) { return a.start < b.start; });
  return events;
}

double round_to(double x, int32_t decimals) {
  double scale = 1.0;
  for (int32_t i = 0; i < decimals; ++i) scale *= 10.0;
  return std::nearbyint(x * scale) / scale;
}

// The bar-by-bar path over a grid, shaped by `shapes`.
Bars simulate_path(const BarGrid& grid, const TickerSpec& spec, const std::vector<Shape>& shapes,
                   Rng& rng) {
  const std::string market = spec.market;
  const int32_t decimals = market == "JP" ? 0 : 2;
  const double lot = market == "US" ? 1.0 : 100.0;
  Bars bars;
  bars.ticker = spec.ticker;
  bars.daily = grid.daily;
  bars.time = grid.time;
  const double log_start = detmath::log(spec.start_price);
  double close = spec.start_price, log_vol = 0.0, volume_noise = 0.0;
  for (size_t i = 0; i < grid.time.size(); ++i) {
    const Shape& s = shapes[i];
    // Log-vol: AR(1) 0.9 day to day, stationary sd 0.25 (0.4359 = sqrt(1 - 0.9^2)).
    if (grid.day_open[i] != 0) log_vol = 0.9 * log_vol + 0.25 * 0.4359 * rng.normal();
    const double day_sd = spec.daily_vol * detmath::exp(log_vol);
    const double share = grid.u_shape[i] / grid.bars_in_day[i];
    const double bar_sd = grid.daily ? day_sd : day_sd * std::sqrt(share);
    // Open: an overnight gap at a day's first bar, a small one after lunch, else the close.
    double gap_sd = 0.0;
    if (grid.daily)
      gap_sd = 0.3 * day_sd;
    else if (grid.day_open[i] != 0)
      gap_sd = 0.3 * day_sd;
    else if (grid.window_open[i] != 0)
      gap_sd = 0.1 * day_sd;
    const double pull = -0.004 * (detmath::log(close) - log_start) * share;
    const double open = close * detmath::exp(gap_sd * rng.normal() + s.gap * bar_sd);
    const double body = s.body * bar_sd * rng.normal() + s.drift * bar_sd + pull;
    const double next = open * detmath::exp(body);
    double high =
        std::max(open, next) * detmath::exp(0.5 * s.range * bar_sd * std::abs(rng.normal()));
    double low =
        std::min(open, next) * detmath::exp(-0.5 * s.range * bar_sd * std::abs(rng.normal()));
    if (s.wick > 0) high = std::max(open, next) * detmath::exp(s.wick * bar_sd);
    if (s.wick < 0) low = std::min(open, next) * detmath::exp(s.wick * bar_sd);
    volume_noise = 0.7 * volume_noise + 0.2 * rng.normal();
    const double volume = spec.daily_volume * share * s.volume *
                          detmath::exp(volume_noise + 0.25 * rng.normal() + 0.5 * log_vol);
    const double o = round_to(open, decimals), c = round_to(next, decimals);
    bars.open.push_back(o);
    bars.close.push_back(c);
    bars.high.push_back(std::max({round_to(high, decimals), o, c}));
    bars.low.push_back(std::min({round_to(low, decimals), o, c}));
    bars.volume.push_back(std::max(lot, std::nearbyint(volume / lot) * lot));
    close = c;
  }
  return bars;
}

// One ticker's series of one interval and its patterns, from its own stream.
Bars simulate_series(const BarGrid& grid, const TickerSpec& spec, int32_t per_kind, Rng stream,
                     std::vector<TickerEvent>& events) {
  Rng schedule_rng = stream.split();
  Rng path_rng = stream.split();
  std::vector<Shape> shapes(grid.time.size());
  std::vector<TickerEvent> placed = schedule(grid, spec, per_kind, schedule_rng, shapes);
  events.insert(events.end(), placed.begin(), placed.end());
  return simulate_path(grid, spec, shapes, path_rng);
}

}  // namespace
}  // namespace ticker_sim

const char* ticker_pattern_name(TickerPatternKind kind) {
  switch (kind) {
    case TickerPatternKind::kGapMove:
      return "gap_move";
    case TickerPatternKind::kWickRejection:
      return "wick_rejection";
    case TickerPatternKind::kVolumeSurge:
      return "volume_surge";
    case TickerPatternKind::kMomentumBurst:
      return "momentum_burst";
    case TickerPatternKind::kFlashDrop:
      return "flash_drop";
  }
  return "unknown";
}

std::vector<TickerPatternKind> all_ticker_pattern_kinds() {
  return {TickerPatternKind::kGapMove, TickerPatternKind::kWickRejection,
          TickerPatternKind::kVolumeSurge, TickerPatternKind::kMomentumBurst,
          TickerPatternKind::kFlashDrop};
}

bool parse_ticker_pattern_name(const std::string& name, TickerPatternKind& kind) {
  for (TickerPatternKind k : all_ticker_pattern_kinds())
    if (name == ticker_pattern_name(k)) {
      kind = k;
      return true;
    }
  return false;
}

SimulatedTickers simulate_tickers(const TickerSimParams& params) {
  using namespace ticker_sim;  // NOLINT(build/namespaces): this folder's own model
  SimulatedTickers out;
  Rng master(params.seed);
  for (const TickerSpec& spec : kSpecs) {
    Rng daily_stream = master.split();
    Rng intraday_stream = master.split();
    SimulatedTicker t;
    t.ticker = spec.ticker;
    t.market = spec.market;
    t.daily = simulate_series(daily_grid(t.market, params.daily_start, params.daily_end), spec,
                              params.patterns_per_kind, daily_stream, out.events);
    t.intraday =
        simulate_series(five_minute_grid(t.market, params.intraday_start, params.intraday_end),
                        spec, params.patterns_per_kind, intraday_stream, out.events);
    out.tickers.push_back(std::move(t));
  }
  return out;
}

}  // namespace vixray
