// Embind declarations for the market simulator: the browser generates the same default data as
// `vixray simulate` (byte-identical CSV texts for a seed and range).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <string>

#include "guarded.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/dates.hpp"
#include "vixray/sim/simulate.hpp"

using emscripten::val;
using vixray::wasm::guarded;

namespace {

vixray::Day parse_day(const std::string& name, const std::string& text) {
  vixray::Day day = 0;
  if (!vixray::parse_date(text, day))
    throw vixray::Error(name + ": expected a date YYYY-MM-DD, got \"" + text + "\"");
  return day;
}

// {days, vix, spx, vix9d, vix3m, vvix, skew, events}: the CSV texts `vixray simulate` writes.
val simulateMarket(double seed, const std::string& start, const std::string& end) {
  return guarded([&] {
    // A JS number holds integers exactly up to 2^53.
    if (!(seed >= 0) || seed != std::floor(seed) || seed > 9007199254740992.0)
      throw vixray::Error("seed: expected an integer in [0, 2^53], got " + std::to_string(seed));
    vixray::SimulationParams params;
    params.seed = static_cast<uint64_t>(seed);
    params.start = parse_day("start", start);
    params.end = parse_day("end", end);
    const vixray::SimulatedMarket m = vixray::simulate(params);
    val out = val::object();
    out.set("days", static_cast<double>(m.dates.size()));
    out.set("vix", vixray::write_cboe_csv(m.dates, m.vix));
    out.set("spx", vixray::write_yahoo_csv(m.dates, m.spx));
    out.set("vix9d", vixray::write_cboe_csv(m.dates, m.vix9d));
    out.set("vix3m", vixray::write_cboe_csv(m.dates, m.vix3m));
    out.set("vvix", vixray::write_cboe_csv(m.dates, m.vvix));
    out.set("skew", vixray::write_cboe_csv(m.dates, m.skew));
    out.set("events", vixray::write_events_csv(m.events));
    return out;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(simulate) { emscripten::function("simulateMarket", &simulateMarket); }
