// The simulated tickers as files: the CSV yfinance writes (three header rows) and the
// ground-truth events file, with its reader (the quality backtest reads it back).
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "ticker_internal.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/csv.hpp"
#include "vixray/data/dates.hpp"
#include "vixray/sim/simulated_tickers.hpp"

namespace vixray {
namespace ticker_sim {
namespace {

// x with `digits` decimals (0..6) by integer arithmetic (prices are positive).
std::string ticker_fixed(double x, int32_t digits) {
  int64_t scale = 1;
  for (int32_t i = 0; i < digits; ++i) scale *= 10;
  const auto units = static_cast<int64_t>(std::nearbyint(x * static_cast<double>(scale)));
  char buffer[40];
  if (digits == 0)
    std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(units));
  else
    std::snprintf(buffer, sizeof buffer, "%lld.%0*lld", static_cast<long long>(units / scale),
                  static_cast<int>(digits), static_cast<long long>(units % scale));
  return buffer;
}

// "2024-03-08" and "HH:MM:SS" of a UTC instant (after 1970).
std::string utc_date(int64_t utc_s) { return format_iso(static_cast<Day>(utc_s / kSecondsPerDay)); }
std::string utc_clock(int64_t utc_s) {
  const int64_t s = utc_s % kSecondsPerDay;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
  return buffer;
}

std::string event_time(int64_t utc_s, bool daily) {
  return daily ? utc_date(utc_s) : utc_date(utc_s) + "T" + utc_clock(utc_s) + "Z";
}

int32_t two_digits(std::string_view t, size_t at) {
  if (at + 2 > t.size() || t[at] < '0' || t[at] > '9' || t[at + 1] < '0' || t[at + 1] > '9')
    return -1;
  return (t[at] - '0') * 10 + (t[at + 1] - '0');
}

// "YYYY-MM-DD" (daily) or "YYYY-MM-DDTHH:MM:SSZ"; false for anything else.
bool parse_event_time(std::string_view t, bool daily, int64_t& utc_s) {
  Day day = 0;
  if (t.size() < 10 || !parse_date(t.substr(0, 10), day)) return false;
  utc_s = static_cast<int64_t>(day) * kSecondsPerDay;
  if (daily) return t.size() == 10;
  if (t.size() != 20 || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z') return false;
  const int32_t h = two_digits(t, 11), m = two_digits(t, 14), s = two_digits(t, 17);
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) return false;
  utc_s += h * 3600 + m * 60 + s;
  return true;
}

constexpr const char* kEventColumns[] = {"ticker", "interval", "kind", "start", "end"};

[[noreturn]] void event_field_error(const std::string& source, int64_t line, size_t column,
                                    const std::string& value, const std::string& expected) {
  throw Error(source + ":" + std::to_string(line) + ": column " + std::to_string(column + 1) +
              " (\"" + kEventColumns[column] + "\"): expected " + expected + ", got \"" + value +
              "\"");
}

TickerEvent parse_event_record(const std::vector<std::string>& f, const std::string& source,
                               int64_t line) {
  if (f.size() != 5)
    throw Error(source + ":" + std::to_string(line) + ": expected 5 fields (" +
                "ticker,interval,kind,start,end), got " + std::to_string(f.size()));
  TickerEvent e;
  e.ticker = f[0];
  if (e.ticker.empty()) event_field_error(source, line, 0, f[0], "a ticker");
  e.interval = f[1];
  if (e.interval != "1d" && e.interval != "5m")
    event_field_error(source, line, 1, f[1], "\"1d\" or \"5m\"");
  if (!parse_ticker_pattern_name(f[2], e.kind))
    event_field_error(source, line, 2, f[2],
                      "gap_move, wick_rejection, volume_surge, momentum_burst or flash_drop");
  const bool daily = e.interval == "1d";
  const char* form = daily ? "a date YYYY-MM-DD" : "a UTC time YYYY-MM-DDTHH:MM:SSZ";
  if (!parse_event_time(f[3], daily, e.start)) event_field_error(source, line, 3, f[3], form);
  if (!parse_event_time(f[4], daily, e.end)) event_field_error(source, line, 4, f[4], form);
  if (e.end < e.start) event_field_error(source, line, 4, f[4], "a time not before start");
  return e;
}

}  // namespace
}  // namespace ticker_sim

int32_t simulated_price_decimals(const std::string& market) { return market == "JP" ? 1 : 2; }

std::string write_yfinance_csv(const Bars& bars, int32_t price_decimals) {
  using ticker_sim::ticker_fixed;
  std::string out = "Price,Close,High,Low,Open,Volume\nTicker";
  for (int i = 0; i < 5; ++i) out += "," + bars.ticker;
  out += bars.daily ? "\nDate,,,,,\n" : "\nDatetime,,,,,\n";
  for (size_t i = 0; i < bars.time.size(); ++i) {
    out += ticker_sim::utc_date(bars.time[i]);
    if (!bars.daily) out += " " + ticker_sim::utc_clock(bars.time[i]) + "+00:00";
    for (double v : {bars.close[i], bars.high[i], bars.low[i], bars.open[i]})
      out += "," + ticker_fixed(v, price_decimals);
    out += "," + ticker_fixed(bars.volume[i], 0) + "\n";
  }
  return out;
}

std::string write_ticker_events_csv(const std::vector<TickerEvent>& events) {
  std::string out = "ticker,interval,kind,start,end\n";
  for (const TickerEvent& e : events) {
    const bool daily = e.interval == "1d";
    out += e.ticker + "," + e.interval + "," + ticker_pattern_name(e.kind) + "," +
           ticker_sim::event_time(e.start, daily) + "," + ticker_sim::event_time(e.end, daily) +
           "\n";
  }
  return out;
}

std::vector<TickerEvent> parse_ticker_events_csv(const std::string& text,
                                                 const std::string& source) {
  LineReader reader(text);
  std::string_view line;
  if (!reader.next(line) || line != "ticker,interval,kind,start,end")
    throw Error(source + ":1: expected the header \"ticker,interval,kind,start,end\"");
  std::vector<TickerEvent> events;
  while (reader.next(line)) {
    if (line.empty()) continue;
    const int64_t number = reader.line_number();
    events.push_back(
        ticker_sim::parse_event_record(split_csv_record(line, source, number), source, number));
  }
  return events;
}

}  // namespace vixray
