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
#include "vixray/data/json_fields.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/data/price_csv.hpp"
#include "vixray/ensemble/input.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/train.hpp"

namespace vixray {

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

}  // namespace vixray
