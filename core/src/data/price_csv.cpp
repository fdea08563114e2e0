#include "vixray/data/price_csv.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "vixray/base/error.hpp"
#include "vixray/base/nan.hpp"
#include "vixray/data/csv.hpp"
#include "vixray/data/csv_header.hpp"

namespace vixray {

std::string format_name(PriceFormat format) {
  switch (format) {
    case PriceFormat::kCboe:
      return "cboe";
    case PriceFormat::kYahoo:
      return "yahoo";
    case PriceFormat::kStooq:
      return "stooq";
    case PriceFormat::kStooqLong:
      return "stooq_long";
    case PriceFormat::kDateValue:
      return "date_value";
  }
  return "unknown";
}

int64_t ReadReport::count(const std::string& kind) const {
  for (const auto& w : warnings)
    if (w.kind == kind) return w.count;
  return 0;
}

void ReadReport::warn(const std::string& kind, const std::string& example, int32_t max_examples) {
  auto it = std::find_if(warnings.begin(), warnings.end(),
                         [&](const WarningCount& w) { return w.kind == kind; });
  if (it == warnings.end()) {
    warnings.push_back(WarningCount{kind, 0, {}});
    it = warnings.end() - 1;
  }
  ++it->count;
  if (static_cast<int64_t>(it->examples.size()) < max_examples) it->examples.push_back(example);
}

nlohmann::json ReadReport::to_json() const {
  nlohmann::json j;
  j["source"] = source;
  j["format"] = format_name(format);
  j["data_lines"] = data_lines;
  j["rows"] = rows;
  j["first"] = rows > 0 ? nlohmann::json(format_iso(first)) : nlohmann::json(nullptr);
  j["last"] = rows > 0 ? nlohmann::json(format_iso(last)) : nlohmann::json(nullptr);
  j["warnings"] = nlohmann::json::array();
  for (const auto& w : warnings)
    j["warnings"].push_back({{"kind", w.kind}, {"count", w.count}, {"examples", w.examples}});
  return j;
}

namespace {

constexpr int kPreambleLimit = 10;  // lines allowed before a header that names a date column

// The fields of csv_header.hpp, by the short names this file uses.
constexpr int kOpen = kFieldOpen, kHigh = kFieldHigh, kLow = kFieldLow, kClose = kFieldClose,
              kAdjClose = kFieldAdjClose, kVolume = kFieldVolume, kFieldCount = kPriceFieldCount;

// Stooq long form writes dates as YYYYMMDD.
bool parse_compact_date(std::string_view text, Day& out) {
  const std::string t = trim_field(text);
  if (t.size() != 8 || t.find_first_not_of("0123456789") != std::string::npos) return false;
  return parse_date(t.substr(0, 4) + "-" + t.substr(4, 2) + "-" + t.substr(6, 2), out);
}

// ISO or US date; an ISO date followed by a time ("2020-01-02 00:00:00-05:00", as yfinance
// writes) counts as that trading date.
bool parse_day(std::string_view text, Day& out) {
  if (parse_date(text, out)) return true;
  const std::string t = trim_field(text);
  return t.size() > 10 && (t[10] == ' ' || t[10] == 'T') && t[4] == '-' &&
         parse_date(std::string_view(t).substr(0, 10), out);
}

struct Layout {
  PriceFormat format = PriceFormat::kCboe;
  std::vector<std::string> names;  // header names as written
  int date = -1, ticker = -1, period = -1;
  int field[kFieldCount] = {-1, -1, -1, -1, -1, -1};
};

bool names_date(const std::vector<std::string>& fields) {
  for (const auto& f : fields)
    if (is_date_header_name(normalized_header_name(f))) return true;
  return false;
}

std::string header_help() {
  return "expected a header of one of: DATE,OPEN,HIGH,LOW,CLOSE (CBOE); "
         "Date,Open,High,Low,Close,Adj Close,Volume (Yahoo); Date,Open,High,Low,Close,Volume "
         "(Stooq); <TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT> "
         "(Stooq); or two columns date,value";
}

Layout detect_layout(const std::vector<std::string>& fields, const std::string& source,
                     int64_t line) {
  Layout layout;
  for (const auto& f : fields) layout.names.push_back(trim_field(f));
  std::string header;
  for (const auto& n : layout.names) header += (header.empty() ? "" : ",") + n;
  if (layout.names.size() == 2) {
    layout.format = PriceFormat::kDateValue;
    layout.date = 0;
    layout.field[kClose] = 1;
    return layout;
  }
  for (size_t i = 0; i < layout.names.size(); ++i) {
    const std::string norm = normalized_header_name(layout.names[i]);
    const int c = static_cast<int>(i);
    int* slot = nullptr;
    if (norm == "ticker") {
      slot = &layout.ticker;
    } else if (norm == "per" || norm == "period") {
      slot = &layout.period;
    } else if (is_date_header_name(norm)) {
      slot = &layout.date;
    } else {
      const int f = price_field_of(norm);
      if (f >= 0) slot = &layout.field[f];
    }
    if (slot == nullptr) continue;  // extra columns (e.g. <TIME>, <OPENINT>) are ignored
    if (*slot >= 0)
      throw Error(csv_place(source, line) + ": column " + std::to_string(c + 1) + " (" +
                  quoted_text(layout.names[i]) +
                  "): the header names this field twice (also column " + std::to_string(*slot + 1) +
                  "); " + header_help());
    *slot = c;
  }
  std::string missing;
  if (layout.date < 0) missing += " date";
  for (int f : {kOpen, kHigh, kLow, kClose})
    if (layout.field[f] < 0) missing += std::string(" ") + price_field_name(f);
  if (!missing.empty())
    throw Error(csv_place(source, line) + ": header " + quoted_text(header) + " has no column for" +
                missing + "; " + header_help());
  if (layout.ticker >= 0 && layout.period >= 0)
    layout.format = PriceFormat::kStooqLong;
  else if (layout.field[kAdjClose] >= 0)
    layout.format = PriceFormat::kYahoo;
  else if (layout.field[kVolume] >= 0)
    layout.format = PriceFormat::kStooq;
  else
    layout.format = PriceFormat::kCboe;
  return layout;
}

struct Row {
  Day date;
  int64_t line;
  double value[kFieldCount];
};

bool same_values(const Row& a, const Row& b) {
  for (int f = 0; f < kFieldCount; ++f) {
    const bool both_nan = std::isnan(a.value[f]) && std::isnan(b.value[f]);
    if (!both_nan && a.value[f] != b.value[f]) return false;
  }
  return true;
}

class Reader {
 public:
  Reader(const std::string& source, const PriceCsvOptions& options, ReadReport& report)
      : source_(source), options_(options), report_(report) {}

  void set_layout(Layout layout) {
    layout_ = std::move(layout);
    report_.format = layout_.format;
  }

  // Parses one data record; appends a Row unless it is dropped.
  void add(const std::vector<std::string>& fields, int64_t line, std::vector<Row>& rows) {
    const size_t expected = layout_.names.size();
    if (fields.size() < expected)
      throw Error(csv_place(source_, line) + ": expected " + std::to_string(expected) +
                  " fields (as in the header), got " + std::to_string(fields.size()));
    for (size_t c = expected; c < fields.size(); ++c)
      if (!trim_field(fields[c]).empty())
        throw Error(csv_place(source_, line) + ": column " + std::to_string(c + 1) + ": expected " +
                    std::to_string(expected) + " fields (as in the header), got " +
                    std::to_string(fields.size()));
    Row row{};
    row.line = line;
    const auto col_error = [&](int c, const std::string& what) {
      return Error(csv_place(source_, line) + ": column " + std::to_string(c + 1) + " (" +
                   quoted_text(layout_.names[static_cast<size_t>(c)]) + "): " + what);
    };
    if (layout_.format == PriceFormat::kStooqLong) check_stooq_long(fields, line, col_error);
    const std::string& date_text = fields[static_cast<size_t>(layout_.date)];
    const bool date_ok = layout_.format == PriceFormat::kStooqLong
                             ? parse_compact_date(date_text, row.date)
                             : parse_day(date_text, row.date);
    if (!date_ok)
      throw col_error(layout_.date,
                      std::string("expected a date ") +
                          (layout_.format == PriceFormat::kStooqLong ? "YYYYMMDD"
                                                                     : "YYYY-MM-DD or MM/DD/YYYY") +
                          ", got " + quoted_text(date_text));
    bool missing_other = false;
    for (int f = 0; f < kFieldCount; ++f) {
      row.value[f] = kNaN;
      const int c = layout_.field[f];
      if (c < 0) continue;
      const std::string& text = fields[static_cast<size_t>(c)];
      if (is_missing_value(text)) {
        if (f == kClose) {
          report_.warn("missing_close", csv_place(source_, line), options_.max_examples);
          return;
        }
        missing_other = true;
        continue;
      }
      double v = 0.0;
      if (!parse_price_field(text, v))
        throw col_error(c, "expected a number, got " + quoted_text(text));
      if (f == kVolume ? v < 0.0 : v <= 0.0)
        throw col_error(c, std::string("expected a ") +
                               (f == kVolume ? "volume >= 0" : "positive price") + ", got " +
                               quoted_text(text));
      row.value[f] = v;
    }
    if (missing_other)
      report_.warn("missing_field", csv_place(source_, line), options_.max_examples);
    double* v = row.value;
    if (!std::isnan(v[kHigh]) && !std::isnan(v[kLow])) {
      if (v[kHigh] < v[kLow])
        throw col_error(layout_.field[kHigh], "expected high >= low, got high " +
                                                  price_message_text(v[kHigh]) + " < low " +
                                                  price_message_text(v[kLow]));
      if (v[kClose] < v[kLow] || v[kClose] > v[kHigh])
        throw col_error(layout_.field[kClose], "expected the close within [low, high] = [" +
                                                   price_message_text(v[kLow]) + ", " +
                                                   price_message_text(v[kHigh]) + "], got " +
                                                   price_message_text(v[kClose]));
      if (v[kOpen] == v[kHigh] && v[kHigh] == v[kLow] && v[kLow] == v[kClose]) {
        // Only a close was recorded (VIX 1990-1991): the range is not real intraday data.
        report_.warn("close_only", csv_place(source_, line), options_.max_examples);
        v[kOpen] = v[kHigh] = v[kLow] = kNaN;
      } else if (!std::isnan(v[kOpen]) && (v[kOpen] < v[kLow] || v[kOpen] > v[kHigh])) {
        report_.warn("open_outside_range", csv_place(source_, line), options_.max_examples);
        v[kOpen] = kNaN;
      }
    }
    rows.push_back(row);
  }

 private:
  template <class ColError>
  void check_stooq_long(const std::vector<std::string>& fields, int64_t line,
                        const ColError& col_error) {
    const std::string period = normalized_header_name(fields[static_cast<size_t>(layout_.period)]);
    if (period != "d")
      throw col_error(layout_.period, "expected daily data (D), got " +
                                          quoted_text(fields[static_cast<size_t>(layout_.period)]));
    const std::string ticker = trim_field(fields[static_cast<size_t>(layout_.ticker)]);
    if (ticker_.empty()) {
      ticker_ = ticker;
      ticker_line_ = line;
    } else if (ticker != ticker_) {
      throw col_error(layout_.ticker, "expected one ticker per file (" + quoted_text(ticker_) +
                                          " on line " + std::to_string(ticker_line_) + "), got " +
                                          quoted_text(ticker));
    }
  }

  const std::string& source_;
  const PriceCsvOptions& options_;
  ReadReport& report_;
  Layout layout_;
  std::string ticker_;
  int64_t ticker_line_ = 0;
};

// Puts rows in ascending date order (reversing a newest-first file) and removes identical
// duplicates; throws on any other disorder or a conflicting duplicate.
void order_rows(std::vector<Row>& rows, const std::string& source, const PriceCsvOptions& options,
                ReadReport& report) {
  bool descending = false;
  for (size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].date != rows[i - 1].date) {
      descending = rows[i].date < rows[i - 1].date;
      break;
    }
  }
  for (size_t i = 1; i < rows.size(); ++i) {
    const Row& a = rows[i - 1];
    const Row& b = rows[i];
    if (descending ? b.date > a.date : b.date < a.date)
      throw Error(csv_place(source, b.line) + ": date " + format_iso(b.date) + " comes after " +
                  format_iso(a.date) + " on line " + std::to_string(a.line) +
                  "; expected dates in ascending order (or a whole file newest first)");
  }
  if (descending) {
    report.warn("descending_order", csv_place(source, rows.front().line), options.max_examples);
    // Reversing keeps each run of equal dates in reverse file order; undo that below by keeping
    // the row with the smallest line number.
    std::reverse(rows.begin(), rows.end());
  }
  std::vector<Row> kept;
  kept.reserve(rows.size());
  for (const Row& row : rows) {
    if (!kept.empty() && kept.back().date == row.date) {
      Row& other = kept.back();
      const Row& first = other.line < row.line ? other : row;
      const Row& second = other.line < row.line ? row : other;
      if (!same_values(first, second))
        throw Error(csv_place(source, second.line) + ": date " + format_iso(row.date) +
                    " repeats line " + std::to_string(first.line) +
                    " with different values; expected one row per date");
      report.warn("duplicate_identical", csv_place(source, second.line), options.max_examples);
      if (row.line < other.line) other = row;
      continue;
    }
    kept.push_back(row);
  }
  rows.swap(kept);
}

}  // namespace

ParsedPrices parse_price_csv(std::string_view text, const std::string& source,
                             const PriceCsvOptions& options) {
  ParsedPrices out;
  ReadReport& report = out.report;
  report.source = source;

  // Find the header: the first line naming a date column within the first lines, else the first
  // non-blank line (the generic date,value form may use any names).
  int64_t header_line = 0;
  std::vector<std::string> header;
  {
    LineReader scan(text);
    std::string_view line;
    int64_t first_line = 0;
    std::vector<std::string> first_fields;
    int seen = 0;
    while (seen <= kPreambleLimit && scan.next(line)) {
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      ++seen;
      auto fields = split_csv_record(line, source, scan.line_number());
      if (first_line == 0) {
        first_line = scan.line_number();
        first_fields = fields;
      }
      if (names_date(fields)) {
        header_line = scan.line_number();
        header = std::move(fields);
        break;
      }
    }
    if (first_line == 0)
      throw Error(source + ": empty file; " + header_help() + ", then one row per day");
    if (header_line == 0) {
      header_line = first_line;
      header = std::move(first_fields);
    }
  }

  Reader reader(source, options, report);
  std::vector<Row> rows;
  LineReader lines(text);
  std::string_view line;
  int64_t blank_since = 0;  // a blank line is only allowed if nothing follows it
  while (lines.next(line)) {
    const int64_t n = lines.line_number();
    const bool blank = line.find_first_not_of(" \t") == std::string_view::npos;
    if (n < header_line) {
      if (!blank) report.warn("preamble_skipped", csv_place(source, n), options.max_examples);
      continue;
    }
    if (n == header_line) {
      reader.set_layout(detect_layout(header, source, n));
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

  order_rows(rows, source, options, report);

  PriceSeries& s = out.series;
  const size_t n = rows.size();
  s.dates.resize(n);
  std::vector<double>* columns[kFieldCount] = {&s.open,  &s.high,      &s.low,
                                               &s.close, &s.adj_close, &s.volume};
  for (auto* c : columns) c->resize(n);
  for (size_t i = 0; i < n; ++i) {
    s.dates[i] = rows[i].date;
    for (int f = 0; f < kFieldCount; ++f) (*columns[f])[i] = rows[i].value[f];
  }
  report.rows = static_cast<int64_t>(n);
  report.first = s.dates.front();
  report.last = s.dates.back();
  return out;
}

}  // namespace vixray
