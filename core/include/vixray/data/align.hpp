// Joins daily price series on the trading days of a primary series into one Frame.
//
// Policies:
//   - The primary series (spx, or a ticker) defines the rows: every day it has a row, nothing else.
//   - A row of another series on a day the primary does not trade is dropped ("dropped").
//   - A day the primary trades inside another series' own date range with no row of that series
//     (VIX has none on 1991-03-01, 1997-01-31, 1997-11-26, 1999-12-31): close and adj_close carry
//     the last known value forward, open/high/low/volume are NaN ("filled"). At most
//     `max_fill_days` consecutive trading days are filled; further ones are NaN ("unfilled").
//   - Days before a series' first row or after its last row are NaN, never filled
//     ("before_start", "after_end").
//   - A column "<series>.<field>" exists when the series has at least one value of that field
//     (a CBOE file gives vix.open/high/low/close; a Yahoo file adds adj_close and volume).
//   - Every gap between consecutive primary days longer than `gap_days` calendar days is reported
//     (in 1990-2018 only the 9/11 closure, 2001-09-10 .. 2001-09-17, 7 days).
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vixray/data/dates.hpp"
#include "vixray/data/frame.hpp"
#include "vixray/data/price_csv.hpp"

namespace vixray {

/// A series and its Frame name: vix, spx, vix9d, vix3m, vvix, skew or ticker. Not owned.
struct NamedSeries {
  std::string name;
  const PriceSeries* series = nullptr;
};

struct AlignOptions {
  int32_t max_fill_days = 5;  // consecutive primary trading days one series may be carried over
  int32_t gap_days = 5;       // report calendar gaps between primary days longer than this
  int32_t max_examples = 5;   // ISO dates kept per count as examples
};

/// What happened to one series (the primary has only input_rows == rows).
struct SeriesAlignment {
  std::string name;
  int64_t input_rows = 0;    // rows of the series
  int64_t matched = 0;       // primary days with a row of the series
  int64_t dropped = 0;       // rows on days the primary does not trade
  int64_t filled = 0;        // primary days carried forward
  int64_t unfilled = 0;      // primary days inside the range left NaN (fill cap reached)
  int64_t before_start = 0;  // primary days before the series' first row
  int64_t after_end = 0;     // primary days after the series' last row
  std::vector<std::string> dropped_examples, filled_examples, unfilled_examples;  // ISO dates
  std::vector<std::string> columns;  // Frame columns written, e.g. "vix.close"
};

struct CalendarGap {
  Day from = 0, to = 0;  // consecutive primary trading days
  int32_t days = 0;      // to - from, calendar days
};

struct AlignReport {
  std::string primary;
  int64_t rows = 0;
  Day first = 0, last = 0;  // valid when rows > 0
  int32_t max_fill_days = 0, gap_days = 0;
  std::vector<SeriesAlignment> series;  // the primary first, then the others in input order
  std::vector<CalendarGap> gaps;

  /// The alignment of one series; throws vixray::Error naming the series if absent.
  const SeriesAlignment& of(const std::string& name) const;
  /// {"primary","rows","first","last","max_fill_days","gap_days","series":[...],"gaps":[...]}.
  nlohmann::json to_json() const;
};

struct AlignedMarket {
  Frame frame;
  AlignReport report;
};

/// True for the Frame series names (vix, spx, vix9d, vix3m, vvix, skew, ticker).
bool is_series_name(const std::string& name);

/// Joins `others` onto the primary's trading days. Throws vixray::Error for an unknown or repeated
/// series name, a null or empty primary, or negative options.
AlignedMarket align_market(const NamedSeries& primary, const std::vector<NamedSeries>& others,
                           const AlignOptions& options = {});

}  // namespace vixray
