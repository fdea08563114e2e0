// The simulated market as files (CBOE and Yahoo CSV, the ground-truth events) and as a Frame.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "vixray/data/dates.hpp"
#include "vixray/sim/simulate.hpp"

namespace vixray {
namespace {

// x rounded to `digits` decimals (1..6) by integer arithmetic, so every platform writes the same
// bytes (printf's own rounding of doubles is not relied on).
std::string fixed_decimals(double x, int digits) {
  int64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  auto units = static_cast<int64_t>(std::nearbyint(x * static_cast<double>(scale)));
  std::string sign;
  if (units < 0) {
    sign = "-";
    units = -units;
  }
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%lld.%0*lld", static_cast<long long>(units / scale), digits,
                static_cast<long long>(units % scale));
  return sign + buffer;
}

std::string fixed2(double x) { return fixed_decimals(x, 2); }
std::string fixed3(double x) { return fixed_decimals(x, 3); }

}  // namespace

std::string write_cboe_csv(const std::vector<Day>& dates, const OhlcSeries& s) {
  std::string out = "DATE,OPEN,HIGH,LOW,CLOSE\n";
  for (size_t i = 0; i < dates.size(); ++i) {
    out += format_us(dates[i]);
    for (double v : {s.open[i], s.high[i], s.low[i], s.close[i]}) {
      out += ',';
      out += fixed2(v);
    }
    out += '\n';
  }
  return out;
}

std::string write_yahoo_csv(const std::vector<Day>& dates, const EquitySeries& s) {
  std::string out = "Date,Open,High,Low,Close,Adj Close,Volume\n";
  char buffer[32];
  for (size_t i = 0; i < dates.size(); ++i) {
    out += format_iso(dates[i]);
    for (double v : {s.open[i], s.high[i], s.low[i], s.close[i], s.adj_close[i]}) {
      out += ',';
      out += fixed2(v);
    }
    std::snprintf(buffer, sizeof buffer, ",%lld\n",
                  static_cast<long long>(std::nearbyint(s.volume[i])));
    out += buffer;
  }
  return out;
}

std::string write_events_csv(const std::vector<MarketEvent>& events) {
  std::string out = "start,end,kind,severity\n";
  for (const MarketEvent& e : events) {
    out += format_iso(e.start) + ',' + format_iso(e.end) + ',' + event_kind_name(e.kind) + ',' +
           fixed3(e.severity) + '\n';
  }
  return out;
}

Frame to_frame(const SimulatedMarket& market) {
  Frame frame(market.dates);
  frame.set("spx.open", market.spx.open);
  frame.set("spx.high", market.spx.high);
  frame.set("spx.low", market.spx.low);
  frame.set("spx.close", market.spx.close);
  frame.set("spx.adj_close", market.spx.adj_close);
  frame.set("spx.volume", market.spx.volume);
  const std::pair<const char*, const OhlcSeries*> indices[] = {{"vix", &market.vix},
                                                               {"vix9d", &market.vix9d},
                                                               {"vix3m", &market.vix3m},
                                                               {"vvix", &market.vvix},
                                                               {"skew", &market.skew}};
  for (const auto& [name, s] : indices) {
    const std::string prefix = name;
    frame.set(prefix + ".open", s->open);
    frame.set(prefix + ".high", s->high);
    frame.set(prefix + ".low", s->low);
    frame.set(prefix + ".close", s->close);
  }
  return frame;
}

}  // namespace vixray
