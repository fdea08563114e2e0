// The bar CSV reader (bars.hpp): the header (or yfinance's header rows) picks the columns, each
// row becomes a bar with a UTC instant, then the bars are put in order. Timestamps: bar_time.cpp.
#include "vixray/data/bars.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include "vixray/base/error.hpp"
#include "vixray/base/nan.hpp"
#include "vixray/data/csv.hpp"
#include "vixray/data/csv_header.hpp"

namespace vixray {

namespace {

constexpr int kBarPreambleLimit = 10;  // lines allowed before the header
constexpr int64_t kBarDay = 86400;

struct BarLayout {
  std::string format;              // "yahoo", "yfinance", "stooq", "stooq_long", "generic"
  std::vector<std::string> names;  // column names for messages
  std::string ticker;              // yfinance's Ticker row
  int index = -1, date = -1, time = -1, ticker_col = -1, period = -1;
  int field[kPriceFieldCount] = {-1, -1, -1, -1, -1, -1};
  bool date_named_date = false;  // the date column is called "Date" (not "Datetime")
};

struct BarRow {
  int64_t utc = 0, local = 0, line = 0;
  bool date_only = false;
  double value[kPriceFieldCount];
};

std::string bars_help() {
  return "expected a header of one of: Date,Open,High,Low,Close,Adj Close,Volume or "
         "Datetime,Open,... (Yahoo); Price,Close,High,... / Ticker,... (yfinance); "
         "Date[,Time],Open,High,Low,Close,Volume or <TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,... "
         "(Stooq); or timestamp,open,high,low,close,volume";
}

bool bar_has_word(const std::string& norm, const char* word) {
  size_t start = 0;
  const std::string w(word);
  while (start <= norm.size()) {
    size_t end = norm.find(' ', start);
    if (end == std::string::npos) end = norm.size();
    if (norm.compare(start, end - start, w) == 0) return true;
    start = end + 1;
  }
  return false;
}

bool is_bar_date_name(const std::string& norm) {
  return is_date_header_name(norm) || bar_has_word(norm, "datetime") ||
         bar_has_word(norm, "timestamp");
}

bool is_bar_time_name(const std::string& norm) { return bar_has_word(norm, "time"); }

bool names_a_time(const std::vector<std::string>& fields) {
  for (const auto& f : fields) {
    const std::string norm = normalized_header_name(f);
    if (is_bar_date_name(norm) || is_bar_time_name(norm)) return true;
  }
  return false;
}

[[noreturn]] void duplicate_column(const BarLayout& layout, size_t i, int other,
                                   const std::string& source, int64_t line) {
  throw Error(csv_place(source, line) + ": column " + std::to_string(i + 1) + " (" +
              quoted_text(layout.names[i]) + "): the header names this field twice (also column " +
              std::to_string(other + 1) + "); " + bars_help());
}

// Assigns the columns of a header row (names already in layout.names).
void map_columns(BarLayout& layout, const std::string& source, int64_t line, bool yfinance) {
  for (size_t i = 0; i < layout.names.size(); ++i) {
    const std::string norm = normalized_header_name(layout.names[i]);
    const int c = static_cast<int>(i);
    int* slot = nullptr;
    if (yfinance) {
      if (i == 0) slot = &layout.date;
    } else if (i == 0 && (norm.empty() || norm == "unnamed: 0" || norm == "index")) {
      slot = &layout.index;
    } else if (norm == "ticker") {
      slot = &layout.ticker_col;
    } else if (norm == "per" || norm == "period") {
      slot = &layout.period;
    } else if (is_bar_date_name(norm)) {
      slot = &layout.date;
      layout.date_named_date = norm == "date";
    } else if (is_bar_time_name(norm)) {
      slot = &layout.time;
    }
    if (slot == nullptr) {
      const int f = price_field_of(norm);
      if (f >= 0) slot = &layout.field[f];
    }
    if (slot == nullptr) continue;  // extra columns (dividends, <OPENINT>) are ignored
    if (*slot >= 0) duplicate_column(layout, i, *slot, source, line);
    *slot = c;
  }
  if (layout.date < 0 && layout.time >= 0) std::swap(layout.date, layout.time);
  std::string missing;
  if (layout.date < 0) missing += " date";
  for (int f : {kFieldOpen, kFieldHigh, kFieldLow, kFieldClose})
    if (layout.field[f] < 0) missing += std::string(" ") + price_field_name(f);
  if (!missing.empty()) {
    std::string header;
    for (const auto& n : layout.names) header += (header.empty() ? "" : ",") + n;
    throw Error(csv_place(source, line) + ": header " + quoted_text(header) + " has no column for" +
                missing + "; " + bars_help());
  }
}

struct HeaderLines {
  std::vector<int64_t> line;
  std::vector<std::vector<std::string>> fields;
};

// The first non-blank lines (enough to find any header).
HeaderLines first_lines(std::string_view text, const std::string& source) {
  HeaderLines out;
  LineReader scan(text);
  std::string_view line;
  while (out.line.size() <= static_cast<size_t>(kBarPreambleLimit) + 2 && scan.next(line)) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    out.line.push_back(scan.line_number());
    out.fields.push_back(split_csv_record(line, source, scan.line_number()));
  }
  return out;
}

// yfinance's rows: "Price,Close,..." / "Ticker,AAPL,..." [/ "Date,,,..."]. Returns the last
// header line, or 0 when the file is not in this form.
int64_t yfinance_layout(const HeaderLines& h, BarLayout& layout, const std::string& source) {
  if (h.line.size() < 2 || normalized_header_name(h.fields[0][0]) != "price" ||
      normalized_header_name(h.fields[1][0]) != "ticker")
    return 0;
  layout.format = "yfinance";
  for (const auto& f : h.fields[0]) layout.names.push_back(trim_field(f));
  layout.names[0] = "Date";
  int64_t last = h.line[1];
  if (h.line.size() > 2) {
    const auto& third = h.fields[2];
    bool rest_empty = true;
    for (size_t i = 1; i < third.size(); ++i)
      rest_empty = rest_empty && trim_field(third[i]).empty();
    const std::string norm = normalized_header_name(third[0]);
    if (rest_empty && (is_bar_date_name(norm) || is_bar_time_name(norm))) {
      layout.names[0] = trim_field(third[0]);
      last = h.line[2];
    }
  }
  layout.date_named_date = normalized_header_name(layout.names[0]) == "date";
  const auto& tickers = h.fields[1];
  for (size_t i = 1; i < tickers.size(); ++i) {
    const std::string t = trim_field(tickers[i]);
    if (t.empty()) continue;
    if (layout.ticker.empty()) {
      layout.ticker = t;
    } else if (t != layout.ticker) {
      throw Error(csv_place(source, h.line[1]) + ": column " + std::to_string(i + 1) + " (" +
                  quoted_text(layout.names[i < layout.names.size() ? i : 0]) +
                  "): expected one ticker per file (" + quoted_text(layout.ticker) + "), got " +
                  quoted_text(t));
    }
  }
  map_columns(layout, source, h.line[0], true);
  return last;
}

// The layout and the line of the (last) header row.
int64_t detect_bar_layout(std::string_view text, const std::string& source, BarLayout& layout) {
  const HeaderLines h = first_lines(text, source);
  if (h.line.empty())
    throw Error(source + ": empty file; " + bars_help() + ", then one row per bar");
  const int64_t yf = yfinance_layout(h, layout, source);
  if (yf > 0) return yf;
  size_t k = 0;
  while (k < h.line.size() && k <= static_cast<size_t>(kBarPreambleLimit) &&
         !names_a_time(h.fields[k]))
    ++k;
  if (k == h.line.size() || k > static_cast<size_t>(kBarPreambleLimit))
    throw Error(csv_place(source, h.line[0]) + ": no header naming a date or time column; " +
                bars_help());
  for (const auto& f : h.fields[k]) layout.names.push_back(trim_field(f));
  map_columns(layout, source, h.line[k], false);
  const std::string date_norm =
      normalized_header_name(layout.names[static_cast<size_t>(layout.date)]);
  if (layout.ticker_col >= 0 && layout.period >= 0)
    layout.format = "stooq_long";
  else if (layout.field[kFieldAdjClose] >= 0 || date_norm == "datetime")
    layout.format = "yahoo";
  else if (date_norm == "date" && layout.field[kFieldVolume] >= 0)
    layout.format = "stooq";
  else
    layout.format = "generic";
  return h.line[k];
}

PriceFormat report_format(const std::string& format) {
  if (format == "stooq") return PriceFormat::kStooq;
  if (format == "stooq_long") return PriceFormat::kStooqLong;
  if (format == "generic") return PriceFormat::kDateValue;
  return PriceFormat::kYahoo;
}

Day utc_day(int64_t utc_s) {
  return static_cast<Day>(utc_s / kBarDay - (utc_s % kBarDay < 0 ? 1 : 0));
}

bool is_integer_text(const std::string& t) {
  size_t i = t.size() > 1 && t[0] == '-' ? 1 : 0;
  if (i == t.size()) return false;
  for (; i < t.size(); ++i)
    if (t[i] < '0' || t[i] > '9') return false;
  return true;
}

class BarRowReader {
 public:
  BarRowReader(const std::string& source, const BarCsvOptions& options, const BarLayout& layout,
               ParsedBars& out)
      : source_(source), options_(options), layout_(layout), out_(out) {}

  void add(const std::vector<std::string>& fields, int64_t line, std::vector<BarRow>& rows) {
    const size_t expected = layout_.names.size();
    if (fields.size() < expected)
      throw Error(csv_place(source_, line) + ": expected " + std::to_string(expected) +
                  " fields (as in the header), got " + std::to_string(fields.size()));
    for (size_t c = expected; c < fields.size(); ++c)
      if (!trim_field(fields[c]).empty())
        throw Error(csv_place(source_, line) + ": column " + std::to_string(c + 1) + ": expected " +
                    std::to_string(expected) + " fields (as in the header), got " +
                    std::to_string(fields.size()));
    line_ = line;
    fields_ = &fields;
    if (layout_.index >= 0 && !is_integer_text(text(layout_.index)))
      throw col_error(layout_.index, "expected an integer index, got " + got(layout_.index));
    if (layout_.ticker_col >= 0) check_ticker();
    BarRow row{};
    row.line = line;
    read_time(row);
    if (!read_values(row)) return;
    rows.push_back(row);
  }

  std::set<int32_t> offsets;  // distinct offsets written

 private:
  const std::string& text(int c) const { return (*fields_)[static_cast<size_t>(c)]; }
  std::string got(int c) const { return quoted_text(text(c)); }
  Error col_error(int c, const std::string& what) const {
    return Error(csv_place(source_, line_) + ": column " + std::to_string(c + 1) + " (" +
                 quoted_text(layout_.names[static_cast<size_t>(c)]) + "): " + what);
  }

  void check_ticker() {
    const std::string ticker = trim_field(text(layout_.ticker_col));
    if (ticker_.empty()) {
      ticker_ = ticker;
      ticker_line_ = line_;
      out_.bars.ticker = ticker;
    } else if (ticker != ticker_) {
      throw col_error(layout_.ticker_col, "expected one ticker per file (" + quoted_text(ticker_) +
                                              " on line " + std::to_string(ticker_line_) +
                                              "), got " + quoted_text(ticker));
    }
  }

  void read_time(BarRow& row) {
    std::string stamp = trim_field(text(layout_.date));
    if (layout_.time >= 0) {
      BarTime date_part;
      if (!parse_bar_time_parts(stamp, options_.tz, date_part) || !date_part.date_only)
        throw col_error(layout_.date,
                        "expected a date YYYY-MM-DD or YYYYMMDD, got " + got(layout_.date));
      const std::string clock = trim_field(text(layout_.time));
      if (!clock.empty()) stamp += " " + clock;
    }
    BarTime t;
    if (!parse_bar_time_parts(stamp, options_.tz, t)) {
      const int c = layout_.time >= 0 ? layout_.time : layout_.date;
      throw col_error(c, std::string("expected ") +
                             (layout_.time >= 0 ? "a time HH:MM[:SS] or HHMMSS"
                                                : "a date YYYY-MM-DD or a date and time "
                                                  "YYYY-MM-DD HH:MM[:SS] with Z, +hh:mm, "
                                                  "+hhmm or no offset") +
                             ", got " + got(c));
    }
    if (first_time_line_ == 0) {
      first_time_line_ = line_;
      date_only_ = t.date_only;
    } else if (t.date_only != date_only_) {
      throw col_error(layout_.date, std::string("expected ") +
                                        (date_only_ ? "a date only" : "a date and time") +
                                        " like line " + std::to_string(first_time_line_) +
                                        ", got " + got(layout_.date));
    }
    if (t.has_offset) offsets.insert(t.offset_s);
    row.utc = t.utc_s;
    row.local = t.local_s;
    row.date_only = t.date_only;
  }

  // False when the row is dropped (missing close).
  bool read_values(BarRow& row) {
    bool missing_other = false;
    double* v = row.value;
    for (int f = 0; f < kPriceFieldCount; ++f) {
      v[f] = kNaN;
      const int c = layout_.field[f];
      if (c < 0) continue;
      if (is_missing_value(text(c))) {
        if (f == kFieldClose) {
          out_.report.warn("missing_close", csv_place(source_, line_), options_.max_examples);
          return false;
        }
        missing_other = true;
        continue;
      }
      if (!parse_price_field(text(c), v[f])) throw col_error(c, "expected a number, got " + got(c));
      if (f == kFieldVolume ? v[f] < 0.0 : v[f] <= 0.0)
        throw col_error(c, std::string("expected a ") +
                               (f == kFieldVolume ? "volume >= 0" : "positive price") + ", got " +
                               got(c));
    }
    if (missing_other)
      out_.report.warn("missing_field", csv_place(source_, line_), options_.max_examples);
    if (std::isnan(v[kFieldHigh]) || std::isnan(v[kFieldLow])) return true;
    if (v[kFieldHigh] < v[kFieldLow])
      throw col_error(layout_.field[kFieldHigh], "expected high >= low, got high " +
                                                     price_message_text(v[kFieldHigh]) + " < low " +
                                                     price_message_text(v[kFieldLow]));
    for (int f : {kFieldClose, kFieldOpen})
      if (v[f] < v[kFieldLow] || v[f] > v[kFieldHigh])
        throw col_error(layout_.field[f], std::string("expected the ") + price_field_name(f) +
                                              " within [low, high] = [" +
                                              price_message_text(v[kFieldLow]) + ", " +
                                              price_message_text(v[kFieldHigh]) + "], got " +
                                              price_message_text(v[f]));
    return true;
  }

  const std::string& source_;
  const BarCsvOptions& options_;
  const BarLayout& layout_;
  ParsedBars& out_;
  int64_t line_ = 0;
  const std::vector<std::string>* fields_ = nullptr;
  std::string ticker_;
  int64_t ticker_line_ = 0, first_time_line_ = 0;
  bool date_only_ = false;
};

bool same_bar(const BarRow& a, const BarRow& b) {
  for (int f = 0; f < kPriceFieldCount; ++f) {
    const bool both_nan = std::isnan(a.value[f]) && std::isnan(b.value[f]);
    if (!both_nan && a.value[f] != b.value[f]) return false;
  }
  return true;
}

// Ascending time order (a newest-first file reversed); identical duplicates dropped.
void order_bars(std::vector<BarRow>& rows, const std::string& source, bool daily,
                const BarCsvOptions& options, ReadReport& report) {
  bool descending = false;
  for (size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].utc != rows[i - 1].utc) {
      descending = rows[i].utc < rows[i - 1].utc;
      break;
    }
  }
  for (size_t i = 1; i < rows.size(); ++i) {
    const BarRow& a = rows[i - 1];
    const BarRow& b = rows[i];
    if (descending ? b.utc > a.utc : b.utc < a.utc)
      throw Error(csv_place(source, b.line) + ": bar " + format_bar_time(b.utc, daily) +
                  " comes after " + format_bar_time(a.utc, daily) + " on line " +
                  std::to_string(a.line) +
                  "; expected bars in ascending time order (or a whole file newest first)");
  }
  if (descending) {
    report.warn("descending_order", csv_place(source, rows.front().line), options.max_examples);
    std::reverse(rows.begin(), rows.end());
  }
  std::vector<BarRow> kept;
  kept.reserve(rows.size());
  for (const BarRow& row : rows) {
    if (!kept.empty() && kept.back().utc == row.utc) {
      BarRow& other = kept.back();
      const BarRow& first = other.line < row.line ? other : row;
      const BarRow& second = other.line < row.line ? row : other;
      if (!same_bar(first, second))
        throw Error(csv_place(source, second.line) + ": bar " + format_bar_time(row.utc, daily) +
                    " repeats line " + std::to_string(first.line) +
                    " with different values; expected one row per bar");
      report.warn("duplicate_identical", csv_place(source, second.line), options.max_examples);
      if (row.line < other.line) other = row;
      continue;
    }
    kept.push_back(row);
  }
  rows.swap(kept);
}

// yfinance's older daily files write "2024-03-08 00:00:00-05:00" under "Date": when every bar of
// a "Date" column starts at local midnight, the bars are daily (dated by their local date).
bool midnight_daily(std::vector<BarRow>& rows, const BarLayout& layout) {
  if (!layout.date_named_date || layout.time >= 0 || rows.empty() || rows[0].date_only)
    return false;
  for (const BarRow& r : rows)
    if (r.local % kBarDay != 0) return false;
  for (BarRow& r : rows) {
    r.utc = r.local;
    r.date_only = true;
  }
  return true;
}

}  // namespace

ParsedBars parse_bars_csv(std::string_view text, const std::string& source,
                          const BarCsvOptions& options) {
  ParsedBars out;
  ReadReport& report = out.report;
  report.source = source;
  BarLayout layout;
  const int64_t header_line = detect_bar_layout(text, source, layout);
  out.format = layout.format;
  report.format = report_format(layout.format);
  out.bars.ticker = layout.ticker.empty() ? options.ticker : layout.ticker;

  BarRowReader reader(source, options, layout, out);
  std::vector<BarRow> rows;
  LineReader lines(text);
  std::string_view line;
  int64_t blank_since = 0;
  while (lines.next(line)) {
    const int64_t n = lines.line_number();
    const bool blank = line.find_first_not_of(" \t") == std::string_view::npos;
    if (n <= header_line) {
      if (!blank && n < header_line && layout.format != "yfinance")
        report.warn("preamble_skipped", csv_place(source, n), options.max_examples);
      continue;
    }
    if (blank) {
      if (blank_since == 0) blank_since = n;
      continue;
    }
    if (blank_since != 0)
      throw Error(csv_place(source, blank_since) +
                  ": blank line inside the data; expected one record per line");
    ++report.data_lines;
    reader.add(split_csv_record(line, source, n), n, rows);
  }
  if (report.data_lines == 0)
    throw Error(csv_place(source, header_line) + ": no data rows after the header");
  if (rows.empty())
    throw Error(source + ": no usable rows (" + std::to_string(report.data_lines) +
                " data lines, every close missing)");
  const bool midnight = midnight_daily(rows, layout);
  out.bars.daily = rows[0].date_only;
  order_bars(rows, source, out.bars.daily, options, report);
  out.offsets_seen = midnight ? 0 : static_cast<int64_t>(reader.offsets.size());

  Bars& b = out.bars;
  const size_t n = rows.size();
  b.time.resize(n);
  std::vector<double>* columns[] = {&b.open, &b.high, &b.low, &b.close, &b.volume};
  const int fields[] = {kFieldOpen, kFieldHigh, kFieldLow, kFieldClose, kFieldVolume};
  for (auto* c : columns) c->resize(n);
  for (size_t i = 0; i < n; ++i) {
    b.time[i] = rows[i].utc;
    for (size_t k = 0; k < 5; ++k) (*columns[k])[i] = rows[i].value[fields[k]];
  }
  report.rows = static_cast<int64_t>(n);
  report.first = utc_day(b.time.front());
  report.last = utc_day(b.time.back());
  return out;
}

}  // namespace vixray
