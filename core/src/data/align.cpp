#include "vixray/data/align.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "vixray/base/error.hpp"
#include "vixray/base/nan.hpp"

namespace vixray {

namespace {

const char* const kSeriesNames[] = {"vix", "spx", "vix9d", "vix3m", "vvix", "skew", "ticker"};

struct FieldRef {
  const char* name;
  std::vector<double> PriceSeries::*values;
  bool carried;  // carried forward over a missing day (closing prices only)
};
const FieldRef kFields[] = {
    {"open", &PriceSeries::open, false},
    {"high", &PriceSeries::high, false},
    {"low", &PriceSeries::low, false},
    {"close", &PriceSeries::close, true},
    {"adj_close", &PriceSeries::adj_close, true},
    {"volume", &PriceSeries::volume, false},
};

bool has_value(const std::vector<double>& v) {
  return std::any_of(v.begin(), v.end(), [](double x) { return !std::isnan(x); });
}

// True when a closing price is known to carry forward.
bool can_carry(const std::vector<const FieldRef*>& fields, const std::vector<double>& last) {
  for (size_t k = 0; k < fields.size(); ++k)
    if (fields[k]->carried && !std::isnan(last[k])) return true;
  return false;
}

void note(std::vector<std::string>& examples, Day day, int32_t max_examples) {
  if (static_cast<int64_t>(examples.size()) < max_examples) examples.push_back(format_iso(day));
}

// Checks the shape a PriceSeries must have (the readers guarantee it; other callers may not).
void check_series(const NamedSeries& s) {
  if (!is_series_name(s.name))
    throw Error("align: series name \"" + s.name +
                "\": expected one of vix, spx, vix9d, vix3m, vvix, skew, ticker");
  if (s.series == nullptr) throw Error("align: series \"" + s.name + "\" has no data");
  const PriceSeries& p = *s.series;
  for (const FieldRef& f : kFields)
    if ((p.*f.values).size() != p.dates.size())
      throw Error("align: series \"" + s.name + "\" field " + f.name + ": expected " +
                  std::to_string(p.dates.size()) + " values (one per date), got " +
                  std::to_string((p.*f.values).size()));
  for (size_t i = 1; i < p.dates.size(); ++i)
    if (p.dates[i] <= p.dates[i - 1])
      throw Error("align: series \"" + s.name + "\": expected strictly increasing dates, got " +
                  format_iso(p.dates[i - 1]) + " then " + format_iso(p.dates[i]));
}

nlohmann::json dates_or_null(int64_t rows, Day day) {
  return rows > 0 ? nlohmann::json(format_iso(day)) : nlohmann::json(nullptr);
}

}  // namespace

bool is_series_name(const std::string& name) {
  return std::find(std::begin(kSeriesNames), std::end(kSeriesNames), name) !=
         std::end(kSeriesNames);
}

const SeriesAlignment& AlignReport::of(const std::string& name) const {
  for (const auto& s : series)
    if (s.name == name) return s;
  std::string known;
  for (const auto& s : series) known += (known.empty() ? "" : ", ") + s.name;
  throw Error("align report: no series \"" + name + "\" (series: " + known + ")");
}

nlohmann::json AlignReport::to_json() const {
  nlohmann::json j;
  j["primary"] = primary;
  j["rows"] = rows;
  j["first"] = dates_or_null(rows, first);
  j["last"] = dates_or_null(rows, last);
  j["max_fill_days"] = max_fill_days;
  j["gap_days"] = gap_days;
  j["series"] = nlohmann::json::array();
  for (const auto& s : series)
    j["series"].push_back({{"name", s.name},
                           {"input_rows", s.input_rows},
                           {"matched", s.matched},
                           {"dropped", s.dropped},
                           {"filled", s.filled},
                           {"unfilled", s.unfilled},
                           {"before_start", s.before_start},
                           {"after_end", s.after_end},
                           {"dropped_examples", s.dropped_examples},
                           {"filled_examples", s.filled_examples},
                           {"unfilled_examples", s.unfilled_examples},
                           {"columns", s.columns}});
  j["gaps"] = nlohmann::json::array();
  for (const auto& g : gaps)
    j["gaps"].push_back({{"from", format_iso(g.from)}, {"to", format_iso(g.to)}, {"days", g.days}});
  return j;
}

AlignedMarket align_market(const NamedSeries& primary, const std::vector<NamedSeries>& others,
                           const AlignOptions& options) {
  if (options.max_fill_days < 0 || options.gap_days < 0 || options.max_examples < 0)
    throw Error("align: max_fill_days, gap_days and max_examples must not be negative");
  check_series(primary);
  if (primary.series->dates.empty())
    throw Error("align: the primary series \"" + primary.name + "\" has no rows");
  std::vector<std::string> names{primary.name};
  for (const auto& s : others) {
    check_series(s);
    if (std::find(names.begin(), names.end(), s.name) != names.end())
      throw Error("align: series \"" + s.name + "\" given twice");
    names.push_back(s.name);
  }

  const PriceSeries& p = *primary.series;
  const std::vector<Day>& days = p.dates;
  const size_t n = days.size();
  AlignedMarket out{Frame(days), AlignReport{}};
  AlignReport& report = out.report;
  report.primary = primary.name;
  report.rows = static_cast<int64_t>(n);
  report.first = days.front();
  report.last = days.back();
  report.max_fill_days = options.max_fill_days;
  report.gap_days = options.gap_days;

  SeriesAlignment head;
  head.name = primary.name;
  head.input_rows = head.matched = static_cast<int64_t>(n);
  for (const FieldRef& f : kFields) {
    if (!has_value(p.*f.values)) continue;
    head.columns.push_back(primary.name + "." + f.name);
    out.frame.set(head.columns.back(), p.*f.values);
  }
  report.series.push_back(std::move(head));

  for (const NamedSeries& named : others) {
    const PriceSeries& s = *named.series;
    const size_t m = s.dates.size();
    SeriesAlignment a;
    a.name = named.name;
    a.input_rows = static_cast<int64_t>(m);
    std::vector<const FieldRef*> fields;
    for (const FieldRef& f : kFields)
      if (has_value(s.*f.values)) fields.push_back(&f);
    std::vector<std::vector<double>> columns(fields.size(), std::vector<double>(n, kNaN));
    std::vector<double> last(fields.size(), kNaN);  // last value written, per field
    int32_t run = 0;  // consecutive missing primary days inside the series' range
    size_t j = 0;
    for (size_t i = 0; i < n; ++i) {
      const Day day = days[i];
      for (; j < m && s.dates[j] < day; ++j) {
        ++a.dropped;
        note(a.dropped_examples, s.dates[j], options.max_examples);
      }
      if (j < m && s.dates[j] == day) {
        ++a.matched;
        run = 0;
        for (size_t k = 0; k < fields.size(); ++k)
          last[k] = columns[k][i] = (s.*fields[k]->values)[j];
        ++j;
      } else if (m == 0 || day < s.dates.front()) {
        ++a.before_start;
      } else if (day > s.dates.back()) {
        ++a.after_end;
      } else if (++run <= options.max_fill_days && can_carry(fields, last)) {
        ++a.filled;
        note(a.filled_examples, day, options.max_examples);
        for (size_t k = 0; k < fields.size(); ++k)
          if (fields[k]->carried) columns[k][i] = last[k];
      } else {
        ++a.unfilled;
        note(a.unfilled_examples, day, options.max_examples);
      }
    }
    for (; j < m; ++j) {
      ++a.dropped;
      note(a.dropped_examples, s.dates[j], options.max_examples);
    }
    for (size_t k = 0; k < fields.size(); ++k) {
      a.columns.push_back(named.name + "." + fields[k]->name);
      out.frame.set(a.columns.back(), std::move(columns[k]));
    }
    report.series.push_back(std::move(a));
  }

  for (size_t i = 1; i < n; ++i)
    if (days[i] - days[i - 1] > options.gap_days)
      report.gaps.push_back(CalendarGap{days[i - 1], days[i], days[i] - days[i - 1]});
  return out;
}

}  // namespace vixray
