// Readers for the daily price CSV files people download (CBOE, Yahoo, Stooq, generic date,value),
// detected from the header, into a PriceSeries plus a ReadReport of what was repaired.
//
// Formats (header names are matched case-insensitively, `<...>` brackets and a leading word such
// as "VIX " in "VIX Close" are ignored; the date column may be named anything that contains
// "date", e.g. "observation_date"):
//   cboe        DATE,OPEN,HIGH,LOW,CLOSE (any extra trailing columns ignored)
//   yahoo       Date,Open,High,Low,Close,Adj Close,Volume
//   stooq       Date,Open,High,Low,Close,Volume
//   stooq_long  <TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>
//               (daily, one ticker, dates YYYYMMDD)
//   date_value  any two columns: a date and a value (the value is the close)
// Dates are ISO YYYY-MM-DD (a time after it is ignored) or US MM/DD/YYYY. CRLF or LF, a UTF-8
// BOM, RFC 4180 quoted fields, trailing blank lines and up to 10 preamble lines before a header
// that names a date column are accepted.
//
// Policies (each is an error, or a repair counted in ReadReport::warnings under the kind named):
//   missing close (is_missing_value, csv.hpp)          row dropped            "missing_close"
//   other missing field (open/high/low/adj/volume)     field NaN, row kept    "missing_field"
//   text that is not a number or a date                error (file:line, column, value)
//   non-positive open/high/low/close/adj_close         error
//   negative volume                                    error
//   high < low                                         error
//   close outside [low, high]                          error
//   open = high = low = close (close-only row, e.g. VIX 1990-1991): open/high/low set to NaN,
//     they are not real intraday data                                      "close_only"
//   open outside [low, high] (47 VIX rows 1992-2006)   open set to NaN        "open_outside_range"
//   whole file in descending date order (newest first) reversed           "descending_order"
//   dates out of order otherwise                       error naming both lines
//   duplicate date, identical row                      later row dropped      "duplicate_identical"
//   duplicate date, different values                   error naming both lines
//   preamble lines before the header                   skipped                "preamble_skipped"
// Float32 noise in prices (359.69000244140625) is left as is.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "vixray/data/dates.hpp"

namespace vixray {

enum class PriceFormat { kCboe, kYahoo, kStooq, kStooqLong, kDateValue };

/// "cboe", "yahoo", "stooq", "stooq_long" or "date_value".
std::string format_name(PriceFormat format);

/// One daily series in ascending date order; every vector has dates.size() entries. A field the
/// format does not have (e.g. volume in CBOE files) is NaN, as is a repaired or missing value.
struct PriceSeries {
  std::vector<Day> dates;
  std::vector<double> open, high, low, close, adj_close, volume;
  int64_t size() const { return static_cast<int64_t>(dates.size()); }
};

/// All warnings of one kind: how many, and the first few places as "file:line".
struct WarningCount {
  std::string kind;
  int64_t count = 0;
  std::vector<std::string> examples;
};

struct ReadReport {
  std::string source;
  PriceFormat format = PriceFormat::kCboe;
  int64_t data_lines = 0;              // non-blank lines after the header
  int64_t rows = 0;                    // rows in the series after drops
  Day first = 0, last = 0;             // first and last date (valid when rows > 0)
  std::vector<WarningCount> warnings;  // in order of first occurrence

  /// Count of one warning kind (0 if none).
  int64_t count(const std::string& kind) const;
  /// Adds one occurrence; keeps at most `max_examples` examples per kind.
  void warn(const std::string& kind, const std::string& example, int32_t max_examples);
  /// {"source","format","data_lines","rows","first","last","warnings":[{kind,count,examples}]}.
  nlohmann::json to_json() const;
};

struct PriceCsvOptions {
  int32_t max_examples = 5;  // examples kept per warning kind
};

struct ParsedPrices {
  PriceSeries series;
  ReadReport report;
};

/// Parses a daily price CSV (format detected from the header). `source` names the file in every
/// message. Throws vixray::Error "source:line: column N (\"NAME\"): expected ..., got \"...\"".
ParsedPrices parse_price_csv(std::string_view text, const std::string& source,
                             const PriceCsvOptions& options = {});

}  // namespace vixray
