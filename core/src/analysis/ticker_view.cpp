#include "vixray/analysis/ticker_view.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "vixray/base/error.hpp"
#include "vixray/forest/treeshap.hpp"

namespace vixray {

namespace {

std::string markets_present(const std::vector<TickerModel>& models) {
  std::string out;
  for (const auto& m : models) {
    const std::string name = m.market + " (" + interval_name(m.interval_s, m.daily) + ")";
    if (out.find(name) != std::string::npos) continue;
    out += (out.empty() ? "" : ", ") + name;
  }
  return out.empty() ? "none" : out;
}

/// The model of the bars' market and interval; throws naming the models present.
const TickerModel& model_for_bars(const std::vector<TickerModel>& models, const TickerModel& first,
                                  const BarCheck& check, const std::string& source) {
  for (const auto& m : models) {
    if (m.market != first.market || m.daily != check.daily) continue;
    if (m.daily || m.interval_s == check.interval_s) return m;
  }
  throw Error(source + ": " + interval_name(check.interval_s, check.daily) + " bars of market " +
              first.market + ", but no model of that interval is loaded; models present: " +
              markets_present(models));
}

/// The view's per-bar texts: local wall time in the market's zone, and the UTC review key.
void label_bars(TickerView& view, const PosixTz& tz) {
  const Bars& bars = view.bars;
  view.labels.reserve(bars.time.size());
  view.times.reserve(bars.time.size());
  for (int64_t t : bars.time) {
    view.labels.push_back(format_local_time(t, tz.offset_at_utc(t), bars.daily));
    view.times.push_back(format_bar_time(t, bars.daily));
  }
}

/// The forest's input row of one bar (its feature names, or the spec's), or empty if any is NaN.
std::vector<double> forest_row(const TickerModel& model, const FeatureMatrix& features, int64_t bar,
                               std::vector<std::string>& names) {
  names = model.forest.feature_names();
  if (names.empty()) names = model.spec.names();
  std::vector<double> row;
  row.reserve(names.size());
  for (const auto& name : names) {
    const double v = features.values(static_cast<Eigen::Index>(bar),
                                     static_cast<Eigen::Index>(features.column_index(name)));
    if (!std::isfinite(v)) return {};
    row.push_back(v);
  }
  return row;
}

}  // namespace

const TickerModel& model_for_ticker(const std::vector<TickerModel>& models,
                                    const std::string& ticker, const std::string& source) {
  const std::string market = market_of_ticker(ticker);
  for (const auto& m : models)
    if (m.market == market) return m;
  throw Error(source + ": ticker " + ticker + " belongs to market " + market +
              ", which has no model; models present: " + markets_present(models));
}

std::vector<int64_t> parse_anomaly_times(const std::vector<std::string>& texts, const PosixTz& tz,
                                         const std::string& what) {
  std::vector<int64_t> out;
  out.reserve(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    int64_t t = 0;
    bool date_only = false;
    if (!parse_bar_time(texts[i], tz, t, date_only))
      throw Error(what + "[" + std::to_string(i) + "]: expected a time like 2024-03-08T14:30:00Z" +
                  " or 2024-03-08, got \"" + texts[i] + "\"");
    out.push_back(t);
  }
  return out;
}

TickerView ticker_view(const std::vector<TickerModel>& models, std::string_view csv_text,
                       const std::string& file_name, const std::vector<int64_t>& extra_times) {
  BarCsvOptions options;
  options.ticker = ticker_from_file_name(file_name);
  const TickerModel* routed = &model_for_ticker(models, options.ticker, file_name);
  options.tz = routed->hours.tz;
  ParsedBars parsed = parse_bars_csv(csv_text, file_name, options);
  // A file naming its own ticker is routed by it (and read again in that market's zone).
  if (!parsed.bars.ticker.empty() && parsed.bars.ticker != options.ticker) {
    const TickerModel& named = model_for_ticker(models, parsed.bars.ticker, file_name);
    if (named.market != routed->market) {
      routed = &named;
      options.tz = routed->hours.tz;
      parsed = parse_bars_csv(csv_text, file_name, options);
    }
  }
  if (parsed.bars.ticker.empty()) parsed.bars.ticker = options.ticker;
  TickerView view;
  view.source = file_name;
  view.format = parsed.format;
  view.report = std::move(parsed.report);
  view.bars = std::move(parsed.bars);
  view.check = check_bars(view.bars, routed->hours);
  const TickerModel& model = model_for_bars(models, *routed, view.check, file_name);
  view.market = model.market;
  view.interval = interval_name(model.interval_s, model.daily);
  label_bars(view, model.hours.tz);
  view.overlays = ticker_overlays(view.bars);
  view.scores = score_ticker(model, view.bars);
  match_ticker_markers(view, extra_times);
  return view;
}

void match_ticker_markers(TickerView& view, const std::vector<int64_t>& extra_times) {
  const Bars& bars = view.bars;
  const int64_t interval = view.check.interval_s > 0 ? view.check.interval_s : 86400;
  view.tolerance_s = match_tolerance_s(interval, bars.daily);
  std::vector<int64_t> times;
  for (size_t i = 0; i < view.scores.flagged.size(); ++i)
    if (view.scores.flagged[i]) times.push_back(bars.time[i]);
  const size_t n_flagged = times.size();
  times.insert(times.end(), extra_times.begin(), extra_times.end());
  const std::vector<int64_t> matched = match_to_bars(bars.time, times, view.tolerance_s);
  view.markers.clear();
  view.unmatched = 0;
  for (size_t k = 0; k < times.size(); ++k) {
    if (matched[k] < 0) {
      ++view.unmatched;
      continue;
    }
    view.markers.push_back(
        {matched[k], bars.close[static_cast<size_t>(matched[k])], times[k], k < n_flagged});
  }
}

nlohmann::json ticker_view_json(const TickerView& view) {
  const Bars& bars = view.bars;
  nlohmann::json markers = nlohmann::json::array();
  int64_t flagged = 0;
  for (const auto& m : view.markers) {
    flagged += m.flagged ? 1 : 0;
    markers.push_back({{"bar", m.bar},
                       {"price", m.price},
                       {"datetime", format_bar_time(m.time, bars.daily)},
                       {"flagged", m.flagged}});
  }
  return {{"source", view.source},
          {"format", view.format},
          {"ticker", bars.ticker},
          {"market", view.market},
          {"interval", view.interval},
          {"daily", bars.daily},
          {"bars", bars.size()},
          {"first", view.times.empty() ? "" : view.times.front()},
          {"last", view.times.empty() ? "" : view.times.back()},
          {"report", view.report.to_json()},
          {"check", view.check.to_json()},
          {"markers", std::move(markers)},
          {"flagged", flagged},
          {"unmatched", view.unmatched},
          {"tolerance_s", view.tolerance_s},
          {"labels", view.labels},
          {"times", view.times}};
}

nlohmann::json explain_ticker_bar(const TickerModel& model, const TickerView& view, int64_t bar) {
  if (bar < 0 || bar >= view.bars.size())
    throw Error("explain: bar " + std::to_string(bar) + " is outside [0, " +
                std::to_string(view.bars.size()) + ")");
  const auto i = static_cast<size_t>(bar);
  const double score = view.scores.score[i], raw = view.scores.raw[i];
  nlohmann::json out = {
      {"bar", bar},
      {"datetime", view.times[i]},
      {"label", view.labels[i]},
      {"score", std::isfinite(score) ? nlohmann::json(score) : nlohmann::json(nullptr)},
      {"raw_score", std::isfinite(raw) ? nlohmann::json(raw) : nlohmann::json(nullptr)},
      {"flagged", view.scores.flagged[i] != 0},
      {"unit", "path-length shortening (trees; positive = pushes the score up)"}};
  std::vector<std::string> names;
  const std::vector<double> row = forest_row(model, view.scores.features, bar, names);
  out["available"] = !row.empty();
  nlohmann::json features = nlohmann::json::array();
  if (row.empty()) {
    out["features"] = std::move(features);
    return out;
  }
  std::vector<double> phi(row.size());
  double expected = 0.0, path = 0.0;
  path_length_shap(model.forest, row.data(), phi.data(), expected);
  model.forest.mean_path_length(MatrixView{row.data(), 1, static_cast<int64_t>(row.size())}, &path);
  std::vector<size_t> order(row.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return std::fabs(phi[a]) > std::fabs(phi[b]); });
  double output = 0.0;
  for (size_t k : order) {
    output += -phi[k];
    features.push_back({{"feature", names[k]}, {"indicator", row[k]}, {"value", -phi[k]}});
  }
  out["expected_value"] = expected;
  out["path_length"] = path;
  out["output"] = output;
  out["features"] = std::move(features);
  return out;
}

}  // namespace vixray
