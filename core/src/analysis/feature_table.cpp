#include "vixray/analysis/feature_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "vixray/base/detmath.hpp"
#include "vixray/base/error.hpp"
#include "vixray/base/nan.hpp"
#include "vixray/base/rng.hpp"
#include "vixray/data/csv.hpp"
#include "vixray/ensemble/input.hpp"

namespace vixray {

namespace {

// Window in trading days written in a feature name ("..._63d" -> 63), 1 without one.
int64_t window_of(const std::string& name) {
  int64_t window = 1;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] != '_') continue;
    size_t j = i + 1;
    int64_t value = 0;
    while (j < name.size() && name[j] >= '0' && name[j] <= '9')
      value = value * 10 + (name[j++] - '0');
    if (j > i + 1 && j < name.size() && name[j] == 'd' &&
        (j + 1 == name.size() || name[j + 1] == '_'))
      window = std::max(window, value);
  }
  return window;
}

}  // namespace

AnalysisInput FeatureTable::input() const {
  AnalysisInput in;
  in.dates = dates;
  in.feature_names = feature_names;
  in.features = view_of(features);
  in.vix_close = vix_close;
  in.spx_close = spx_close;
  return in;
}

FeatureTable generate_feature_table(int64_t days, const std::vector<std::string>& feature_names,
                                    uint64_t seed) {
  if (days < 1)
    throw Error("generate_feature_table: days must be positive, got " + std::to_string(days));
  FeatureTable g;
  g.feature_names = feature_names;
  Rng rng(seed);
  Day date = days_from_civil(1990, 1, 2);
  const double log_mean = detmath::log(18.0);
  double log_vix = log_mean, spx = 350.0;
  std::vector<double> returns, zvix;
  for (int64_t t = 0; t < days; ++t) {
    while (weekday(date) >= 5) ++date;
    g.dates.push_back(date++);
    const double shock = rng.normal();
    const double jump = rng.uniform() < 0.004 ? 0.35 + 0.2 * rng.uniform() : 0.0;
    log_vix += 0.02 * (log_mean - log_vix) + 0.055 * shock + jump;
    const double vix = detmath::exp(log_vix);
    const double sigma = vix / 100.0 / std::sqrt(252.0);
    const double r = 0.0003 + sigma * (-0.7 * shock + 0.714 * rng.normal()) - 0.5 * jump * sigma;
    spx *= 1.0 + r;
    g.vix_close.push_back(vix);
    g.spx_close.push_back(spx);
    returns.push_back(r);
    zvix.push_back((log_vix - log_mean) / 0.3);
  }
  const auto n = static_cast<size_t>(days);
  g.features.resize(static_cast<Eigen::Index>(days),
                    static_cast<Eigen::Index>(feature_names.size()));
  for (size_t c = 0; c < feature_names.size(); ++c) {
    const double a = rng.normal(), b = rng.normal(), noise = 0.3 + rng.uniform();
    const int64_t warmup = window_of(feature_names[c]) - 1;
    double ar = 0.0;
    for (size_t t = 0; t < n; ++t) {
      ar = 0.8 * ar + 0.6 * rng.normal();
      const double value = a * zvix[t] + b * returns[t] * 100.0 + noise * ar;
      g.features(static_cast<Eigen::Index>(t), static_cast<Eigen::Index>(c)) =
          static_cast<int64_t>(t) < warmup ? kNaN : value;
    }
  }
  return g;
}

FeatureTable parse_feature_table_csv(std::string_view text, const std::string& source) {
  LineReader lines(text);
  std::string_view line;
  if (!lines.next(line)) throw Error(source + ": empty file, expected a header line");
  const auto header = split_csv_record(line, source, lines.line_number());
  if (header.empty() || (header[0] != "date" && header[0] != "Date" && header[0] != "DATE"))
    throw Error(source + ":1: column 1: expected \"date\", got \"" +
                (header.empty() ? std::string() : header[0]) + "\"");
  int64_t vix_col = -1, spx_col = -1;
  FeatureTable t;
  std::vector<int64_t> feature_cols;
  for (size_t c = 1; c < header.size(); ++c) {
    if (header[c] == "vix.close") {
      vix_col = static_cast<int64_t>(c);
    } else if (header[c] == "spx.close") {
      spx_col = static_cast<int64_t>(c);
    } else {
      t.feature_names.push_back(header[c]);
      feature_cols.push_back(static_cast<int64_t>(c));
    }
  }
  if (vix_col < 0) throw Error(source + ":1: missing column \"vix.close\"");
  if (spx_col < 0) throw Error(source + ":1: missing column \"spx.close\"");
  std::vector<double> values;
  while (lines.next(line)) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    const int64_t number = lines.line_number();
    const auto fields = split_csv_record(line, source, number);
    if (fields.size() != header.size())
      throw Error(source + ":" + std::to_string(number) + ": expected " +
                  std::to_string(header.size()) + " fields, got " + std::to_string(fields.size()));
    Day day = 0;
    if (!parse_date(fields[0], day))
      throw Error(source + ":" + std::to_string(number) +
                  ": column 1 (\"date\"): expected a date " + "(YYYY-MM-DD or MM/DD/YYYY), got \"" +
                  fields[0] + "\"");
    if (!t.dates.empty() && !(day > t.dates.back()))
      throw Error(source + ":" + std::to_string(number) + ": date " + fields[0] +
                  " does not come after " + format_iso(t.dates.back()));
    t.dates.push_back(day);
    auto value = [&](int64_t c) {
      const std::string& f = fields[static_cast<size_t>(c)];
      if (is_missing_value(f)) return std::numeric_limits<double>::quiet_NaN();
      double v = 0;
      if (!parse_double(f, v))
        throw Error(source + ":" + std::to_string(number) + ": column " + std::to_string(c + 1) +
                    " (\"" + header[static_cast<size_t>(c)] + "\"): expected a number or an " +
                    "empty field, got \"" + f + "\"");
      return v;
    };
    t.vix_close.push_back(value(vix_col));
    t.spx_close.push_back(value(spx_col));
    for (int64_t c : feature_cols) values.push_back(value(c));
  }
  if (t.dates.empty()) throw Error(source + ": no data rows after the header");
  t.features.resize(static_cast<Eigen::Index>(t.dates.size()),
                    static_cast<Eigen::Index>(feature_cols.size()));
  std::copy(values.begin(), values.end(), t.features.data());
  return t;
}

std::string feature_table_csv(const FeatureTable& t) {
  std::string out = "date,vix.close,spx.close";
  for (const auto& name : t.feature_names) out += "," + name;
  out += "\n";
  auto put = [&](double v) {
    out += ',';
    append_csv_number(out, v);
  };
  for (size_t r = 0; r < t.dates.size(); ++r) {
    out += format_iso(t.dates[r]);
    put(t.vix_close[r]);
    put(t.spx_close[r]);
    for (Eigen::Index c = 0; c < t.features.cols(); ++c)
      put(t.features(static_cast<Eigen::Index>(r), c));
    out += '\n';
  }
  return out;
}

std::vector<double>& FeatureBuffers::resize(const std::string& name, int64_t length) {
  if (length < 0) throw Error("buffer: length must not be negative");
  std::vector<double>* b = name == "features" ? &features
                           : name == "vix"    ? &vix
                           : name == "spx"    ? &spx
                           : name == "dates"  ? &dates
                                              : nullptr;
  if (b == nullptr)
    throw Error("buffer: unknown input \"" + name + "\" (expected features, vix, spx or dates)");
  b->assign(static_cast<size_t>(length), 0.0);
  return *b;
}

AnalysisInput FeatureBuffers::input(int64_t rows, int64_t cols) const {
  if (rows < 0 || cols < 0) throw Error("analyze: rows and cols must not be negative");
  const auto n = static_cast<size_t>(rows);
  if (features.size() != n * static_cast<size_t>(cols))
    throw Error("analyze: rows x cols (" + std::to_string(rows) + " x " + std::to_string(cols) +
                ") does not match the features buffer (" + std::to_string(features.size()) +
                " values)");
  if (dates.size() != n || vix.size() != n || spx.size() != n)
    throw Error("analyze: dates, vix and spx buffers must hold " + std::to_string(rows) +
                " values each");
  AnalysisInput in;
  for (double d : dates) {
    if (!(std::isfinite(d) && d == std::floor(d) && std::abs(d) < 1e8))
      throw Error("analyze: dates must be whole days since 1970-01-01");
    in.dates.push_back(static_cast<Day>(d));
  }
  in.feature_names = feature_names;
  in.features = MatrixView{features.data(), rows, cols};
  in.vix_close = vix;
  in.spx_close = spx;
  return in;
}

}  // namespace vixray
