#include "vixray/analysis/pipeline.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <set>

#include "vixray/analysis/analysis.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/align.hpp"
#include "vixray/data/calendar.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/data/price_csv.hpp"
#include "vixray/ensemble/input.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/train.hpp"

namespace vixray {

AlignedPrices read_price_csvs(const std::vector<SeriesText>& inputs) {
  std::vector<ParsedPrices> parsed;
  parsed.reserve(inputs.size());
  nlohmann::json reads = nlohmann::json::object();
  for (const auto& in : inputs) {
    if (!is_series_name(in.name))
      throw Error(in.source + ": unknown series \"" + in.name +
                  "\" (expected spx, vix, vix9d, vix3m, vvix, skew or ticker)");
    parsed.push_back(parse_price_csv(in.text, in.source));
    reads[in.name] = parsed.back().report.to_json();
  }
  const NamedSeries* primary = nullptr;
  std::vector<NamedSeries> named, others;
  for (size_t i = 0; i < inputs.size(); ++i) named.push_back({inputs[i].name, &parsed[i].series});
  for (const char* candidate : {"spx", "ticker"}) {
    for (const auto& n : named)
      if (!primary && n.name == candidate) primary = &n;
  }
  if (!primary) throw Error("market data: an S&P 500 (spx) or ticker price file is required");
  for (const auto& n : named)
    if (&n != primary) others.push_back(n);
  AlignedMarket aligned = align_market(*primary, others);
  return AlignedPrices{std::move(aligned.frame),
                       {{"reads", std::move(reads)}, {"alignment", aligned.report.to_json()}}};
}

std::vector<SeriesText> simulated_series(const SimulationParams& params) {
  const SimulatedMarket m = simulate(params);
  return {{"spx", "simulated spx.csv", write_yahoo_csv(m.dates, m.spx)},
          {"vix", "simulated vix.csv", write_cboe_csv(m.dates, m.vix)},
          {"vix9d", "simulated vix9d.csv", write_cboe_csv(m.dates, m.vix9d)},
          {"vix3m", "simulated vix3m.csv", write_cboe_csv(m.dates, m.vix3m)},
          {"vvix", "simulated vvix.csv", write_cboe_csv(m.dates, m.vvix)},
          {"skew", "simulated skew.csv", write_cboe_csv(m.dates, m.skew)}};
}

AnalysisInput PreparedMarket::input() const {
  AnalysisInput in;
  in.dates = dates;
  in.feature_names = features.names;
  in.features = view_of(features.values);
  in.vix_close = vix_close;
  in.spx_close = spx_close;
  return in;
}

namespace {

void add_unique(std::vector<std::string>& list, const std::string& item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

std::string joined(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& item : list) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// Every column the features and the Analysis (vix.close, spx.close) read, checked before any is
// computed, so that a reader who drops only S&P 500 and VIX files on a dashboard whose model also
// reads VVIX is told in one line which files to add, not which feature failed first.
void require_columns(const Frame& frame, const FeatureSpec& spec) {
  std::vector<std::string> read{"spx.close", "vix.close"};
  for (const auto& d : spec.features)
    for (const auto& c : required_columns(d)) add_unique(read, c);
  std::vector<std::string> series, absent_series, absent_columns;
  for (const auto& c : read) {
    const std::string name = c.substr(0, c.find('.'));
    add_unique(series, name);
    if (frame.has(c)) continue;
    if (frame.has(name + ".close"))
      absent_columns.push_back(c);  // the series is there, without this field
    else
      add_unique(absent_series, name);
  }
  if (absent_series.empty() && absent_columns.empty()) return;
  std::string message = "market data: the model reads the series " + joined(series) + ";";
  if (!absent_series.empty())
    message += " no file gives " + joined(absent_series) + " (add one per series: --" +
               absent_series.front() + " FILE on the command line, a file named like " +
               absent_series.front() + ".csv in the browser)";
  if (!absent_columns.empty())
    message += std::string(absent_series.empty() ? "" : ";") + " the files lack the columns " +
               joined(absent_columns) +
               " (a file with open, high, low, close and volume gives them)";
  throw Error(message);
}

}  // namespace

PreparedMarket prepare_market(const Frame& frame, const FeatureSpec& spec) {
  require_columns(frame, spec);
  PreparedMarket out;
  out.dates = frame.dates();
  out.vix_close = frame.column("vix.close");
  out.spx_close = frame.column("spx.close");
  out.features = compute_features(frame, spec);
  return out;
}

FeatureSpec model_feature_spec(const EnsembleModel& model) {
  if (model.feature_spec.is_null())
    throw Error("model: feature_spec is missing (a bundle trained by `vixray train` has one)");
  return feature_spec_from_json(model.feature_spec, "model.feature_spec");
}

FeatureSpec detectors_feature_spec(const EnsembleModel& model,
                                   const std::vector<size_t>& detectors) {
  std::set<std::string> read;
  for (size_t k : detectors) {
    if (k >= model.detectors.size())
      throw Error("detector " + std::to_string(k) + " does not exist (the model has " +
                  std::to_string(model.detectors.size()) + ")");
    read.insert(model.detectors[k].features.begin(), model.detectors[k].features.end());
  }
  FeatureSpec spec = model_feature_spec(model);
  spec.features.erase(std::remove_if(spec.features.begin(), spec.features.end(),
                                     [&](const FeatureDef& f) { return read.count(f.name) == 0; }),
                      spec.features.end());
  return spec;
}

EnsembleModel train_market(const Frame& frame, const EnsembleSettings& settings) {
  const FeatureSpec spec = market_feature_catalogue(frame);
  const PreparedMarket prepared = prepare_market(frame, spec);
  nlohmann::json spec_json;
  to_json(spec_json, spec);
  return train_ensemble(prepared.input(), settings, spec_json);
}

Analysis analyze_market(const EnsembleModel& model, const PreparedMarket& prepared,
                        const TaskRunner& run) {
  return analyze(model, prepared.input(), run);
}

Analysis analyze_market(const EnsembleModel& model, const Frame& frame) {
  return analyze_market(model, prepare_market(frame, model_feature_spec(model)));
}

Frame extend_what_if(const Frame& frame, double vix_close, double spx_return_pct) {
  if (frame.rows() == 0) throw Error("what-if: the market has no days");
  if (!(vix_close > 0.0 && std::isfinite(vix_close)))
    throw Error("what-if: VIX close must be a positive number, got " + std::to_string(vix_close));
  if (!(spx_return_pct > -100.0 && std::isfinite(spx_return_pct)))
    throw Error("what-if: S&P 500 return must be a number above -100%, got " +
                std::to_string(spx_return_pct));
  std::vector<Day> dates = frame.dates();
  Day next = dates.back() + 1;
  while (!is_trading_day(next)) ++next;
  dates.push_back(next);
  Frame out(std::move(dates));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double spx_prev = frame.column("spx.close").back();
  const double spx_close = spx_prev * (1.0 + spx_return_pct / 100.0);
  for (const auto& name : frame.names()) {
    std::vector<double> values = frame.column(name);
    const double last = values.back();
    double v = nan;
    if (name == "vix.close")
      v = vix_close;
    else if (name == "spx.close" || name == "spx.adj_close")
      v = name == "spx.close" ? spx_close : last * (1.0 + spx_return_pct / 100.0);
    else if (name == "spx.open")
      v = spx_prev;
    else if (name == "spx.high")
      v = std::max(spx_prev, spx_close);
    else if (name == "spx.low")
      v = std::min(spx_prev, spx_close);
    else if (name == "spx.volume")
      v = last;
    else if (name.size() > 6 && name.compare(name.size() - 6, 6, ".close") == 0)
      v = last;
    values.push_back(v);
    out.set(name, std::move(values));
  }
  return out;
}

std::string series_name_from_file(const std::string& file_name) {
  std::string lower;
  for (char c : file_name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* name : {"vix9d", "vix3m", "vvix", "skew"})
    if (lower.find(name) != std::string::npos) return name;
  if (lower.find("vix") != std::string::npos) return "vix";
  for (const char* spx : {"spx", "gspc", "sp500", "s&p", "sp_500", "spy"})
    if (lower.find(spx) != std::string::npos) return "spx";
  return "";
}

nlohmann::json frame_to_market_json(const Frame& frame, const nlohmann::json& provenance) {
  nlohmann::json dates = nlohmann::json::array();
  for (Day d : frame.dates()) dates.push_back(format_iso(d));
  nlohmann::json columns = nlohmann::json::object();
  for (const auto& name : frame.names()) {
    nlohmann::json values = nlohmann::json::array();
    for (double v : frame.column(name))
      values.push_back(std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr));
    columns[name] = std::move(values);
  }
  return {{"format", kMarketFormat},
          {"format_version", "1.0"},
          {"dates", std::move(dates)},
          {"columns", std::move(columns)},
          {"provenance", provenance}};
}

Frame frame_from_market_json(const nlohmann::json& doc) {
  if (!doc.is_object() || doc.value("format", "") != kMarketFormat)
    throw Error(std::string("market: expected \"format\": \"") + kMarketFormat + "\"");
  const std::string version = doc.value("format_version", "");
  if (version.empty() || version[0] != '1' || (version.size() > 1 && version[1] != '.'))
    throw Error("market.format_version: \"" + version +
                "\" is not supported by this build (1.0); upgrade vixray");
  if (!doc.contains("dates") || !doc["dates"].is_array())
    throw Error("market.dates: expected an array of \"YYYY-MM-DD\"");
  std::vector<Day> dates;
  for (size_t i = 0; i < doc["dates"].size(); ++i) {
    const auto& d = doc["dates"][i];
    Day day = 0;
    if (!d.is_string() || !parse_date(d.get<std::string>(), day))
      throw Error("market.dates[" + std::to_string(i) + "]: expected \"YYYY-MM-DD\", got " +
                  d.dump());
    dates.push_back(day);
  }
  Frame frame(std::move(dates));
  if (!doc.contains("columns") || !doc["columns"].is_object())
    throw Error("market.columns: expected an object of named arrays");
  for (auto it = doc["columns"].begin(); it != doc["columns"].end(); ++it) {
    if (!it->is_array() || static_cast<int64_t>(it->size()) != frame.rows())
      throw Error("market.columns." + it.key() + ": expected an array of " +
                  std::to_string(frame.rows()) + " values (one per date)");
    std::vector<double> values;
    values.reserve(it->size());
    for (size_t i = 0; i < it->size(); ++i) {
      const auto& v = (*it)[i];
      if (v.is_null()) {
        values.push_back(std::numeric_limits<double>::quiet_NaN());
      } else if (v.is_number()) {
        values.push_back(v.get<double>());
      } else {
        throw Error("market.columns." + it.key() + "[" + std::to_string(i) +
                    "]: expected a number or null, got " + v.dump());
      }
    }
    frame.set(it.key(), std::move(values));
  }
  return frame;
}

Frame load_market_json(std::string_view text) {
  nlohmann::json doc = parse_json_fast(text);
  if (doc.is_discarded()) throw Error("market: not valid JSON (corrupt or truncated)");
  Frame frame = frame_from_market_json(doc);
  release_json(doc);
  return frame;
}

}  // namespace vixray
