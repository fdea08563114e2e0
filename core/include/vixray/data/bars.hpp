// OHLCV bars of one ticker, daily or intraday, read from the CSV files people download:
//   yahoo          Date,Open,High,Low,Close,Adj Close,Volume (daily) or Datetime,... (intraday)
//   yfinance       the CSV pandas writes from yf.download today: two or three header rows
//                  ("Price,Close,High,Low,Open,Volume" / "Ticker,AAPL,AAPL,..." / "Date,,,,,"
//                  or "Datetime,,,,,"), columns in any order; the ticker is read from its row
//   stooq          Date,Open,High,Low,Close,Volume, or Date,Time,Open,... for intraday, or the
//                  long form <TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,...
//   generic        timestamp,open,high,low,close,volume (any names containing date/time)
// A leading index column (empty or "Unnamed: 0" / "index" header, integer values) is skipped.
// Timestamps: YYYY-MM-DD (daily), or YYYY-MM-DD[T ]HH:MM[:SS[.fff]] followed by Z, +hhmm,
// +hh:mm, -hh:mm or nothing; offsets may change from row to row (real exports switch at daylight
// saving). A timestamp without an offset is local time of the market (options.tz). Stooq's
// YYYYMMDD / HHMMSS forms are read too.
// Everything becomes a UTC instant (seconds since 1970) of the bar's start. A daily bar's
// instant is 00:00 UTC of its date (a label, not a moment: daily bars carry no time zone).
// Policies (errors name file:line, column and value; repairs are counted like price_csv.hpp):
//   missing close -> row dropped "missing_close"; other missing field -> NaN "missing_field";
//   non-positive price, negative volume, high < low, close/open outside [low, high] -> error;
//   newest-first files reversed "descending_order"; other disorder -> error naming both lines;
//   identical duplicate rows dropped "duplicate_identical"; conflicting duplicates -> error.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "vixray/data/frame.hpp"
#include "vixray/data/posix_tz.hpp"
#include "vixray/data/price_csv.hpp"

namespace vixray {

/// Bars in ascending time order; every vector has time.size() entries.
struct Bars {
  std::string ticker;         // from the file (yfinance's Ticker row, stooq's <TICKER>) or given
  bool daily = true;          // dates only (no time of day in the file)
  std::vector<int64_t> time;  // UTC seconds since 1970 of each bar's start
  std::vector<double> open, high, low, close, volume;
  int64_t size() const { return static_cast<int64_t>(time.size()); }
};

struct BarCsvOptions {
  std::string ticker;  // the ticker when the file does not name one (e.g. from the file name)
  /// The market's zone, for timestamps without an offset. Default UTC.
  PosixTz tz = PosixTz::parse("UTC0");
  int32_t max_examples = 5;
};

struct ParsedBars {
  Bars bars;
  /// source, format ("yahoo" | "yfinance" | "stooq" | "stooq_long" | "generic"), data_lines,
  /// rows, warnings; first/last are the first and last bars' UTC dates.
  ReadReport report;
  std::string format;
  int64_t offsets_seen = 0;  // distinct UTC offsets written in the file (0: none written)
};

/// The read report as JSON: ReadReport::to_json with "format" set to the bar format above (the
/// ReadReport's PriceFormat cannot name "yfinance" or "generic"), plus "ticker", "daily",
/// "offsets_seen" and "first_bar"/"last_bar" (format_bar_time; null when there is none).
nlohmann::json bars_report_json(const ParsedBars& parsed);

/// Parses one bar CSV. Throws vixray::Error "source:line: column N (\"NAME\"): expected ...".
ParsedBars parse_bars_csv(std::string_view text, const std::string& source,
                          const BarCsvOptions& options = {});

/// The ticker a file name suggests: "7203.T.csv" -> "7203.T", "data/AAPL_5m.csv" -> "AAPL_5m".
std::string ticker_from_file_name(const std::string& path);

/// The bars as a Frame of columns ticker.open/high/low/close/volume whose dates are the row
/// numbers 0..n-1 (features read columns only; bar times stay in Bars).
Frame bars_frame(const Bars& bars);

/// "2024-03-08T14:30:00Z" (UTC) or, for daily bars, "2024-03-08".
std::string format_bar_time(int64_t utc_s, bool daily);
/// Local wall time "2024-03-08 09:30" at an offset (seconds east of UTC), or the date if daily.
std::string format_local_time(int64_t utc_s, int32_t offset_s, bool daily);
/// Parses the timestamps above (with offset; none = `tz`); false if the text is not one.
bool parse_bar_time(std::string_view text, const PosixTz& tz, int64_t& utc_s, bool& date_only);

/// A parsed timestamp in detail (the reader needs the written offset and the local wall time).
struct BarTime {
  int64_t utc_s = 0;
  bool date_only = false;
  bool has_offset = false;  // an offset (Z, +hhmm, +hh:mm) was written
  int32_t offset_s = 0;     // the written offset, or the zone's at that instant
  int64_t local_s = 0;      // local wall time as seconds since 1970 (date only: its midnight)
};
bool parse_bar_time_parts(std::string_view text, const PosixTz& tz, BarTime& out);

}  // namespace vixray
