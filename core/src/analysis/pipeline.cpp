#include "vixray/analysis/pipeline.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <set>
#include <utility>

#include "vixray/analysis/analysis.hpp"
#include "vixray/base/error.hpp"
#include "vixray/base/nan.hpp"
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
  in.features = features.view();
  in.vix_close = vix_close;
  in.spx_close = spx_close;
  return in;
}

namespace {

std::string joined(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& item : list) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// The columns without which there is no day to score: the VIX and S&P 500 closes. The other
// series and fields a model reads are optional: the features that read an absent one are
// missing (NaN) on every day, and the days are scored by the detectors the given series feed
// (ensemble/subsets.hpp).
void require_columns(const Frame& frame) {
  std::vector<std::string> absent;
  for (const char* series : {"spx", "vix"})
    if (!frame.has(std::string(series) + ".close")) absent.push_back(series);
  if (absent.empty()) return;
  throw Error("market data: no file gives " + joined(absent) +
              " (every model reads the VIX and the S&P 500 closes: --" + absent.front() +
              " FILE on the command line, a file named like " + absent.front() +
              ".csv in the browser)");
}

// The features of `spec` on the frame, in spec order; a feature whose columns the frame lacks
// is NaN on every row. Rows before first_row are NaN (compute_features).
FeatureMatrix features_of(const Frame& frame, const FeatureSpec& spec, size_t first_row,
                          const FeatureCarry* carry) {
  const FeatureSpec present = available_features(spec, frame.names());
  if (present.features.size() == spec.features.size())
    return compute_features(frame, spec, first_row, carry);
  FeatureMatrix computed = compute_features(frame, present, first_row, carry);
  const auto rows = static_cast<Eigen::Index>(frame.rows());
  FeatureMatrix out;
  out.names = spec.names();
  out.first_row = computed.first_row;
  out.values = RowMatrix::Constant(computed.values.rows(),
                                   static_cast<Eigen::Index>(out.names.size()), kNaN);
  out.warmup.assign(out.names.size(), static_cast<int32_t>(rows));
  out.carry = std::move(computed.carry);
  for (size_t c = 0; c < out.names.size(); ++c) {
    const auto found = std::find(computed.names.begin(), computed.names.end(), out.names[c]);
    if (found == computed.names.end()) continue;
    const auto from = found - computed.names.begin();
    out.values.col(static_cast<Eigen::Index>(c)) = computed.values.col(from);
    out.warmup[c] = computed.warmup[static_cast<size_t>(from)];
  }
  return out;
}

}  // namespace

PreparedMarket prepare_market(const Frame& frame, const FeatureSpec& spec, size_t first_row,
                              const FeatureCarry* carry) {
  require_columns(frame);
  PreparedMarket out;
  out.dates = frame.dates();
  out.vix_close = frame.column("vix.close");
  out.spx_close = frame.column("spx.close");
  out.features = features_of(frame, spec, first_row, carry);
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
    check_detector_index(static_cast<int64_t>(k), model.detectors.size());
    read.insert(model.detectors[k].features.begin(), model.detectors[k].features.end());
  }
  FeatureSpec spec = model_feature_spec(model);
  spec.features.erase(std::remove_if(spec.features.begin(), spec.features.end(),
                                     [&](const FeatureDef& f) { return read.count(f.name) == 0; }),
                      spec.features.end());
  return spec;
}

EnsembleModel train_market(const Frame& frame, const EnsembleSettings& settings,
                           const TaskRunner& run) {
  const FeatureSpec spec = market_feature_catalogue(frame);
  const PreparedMarket prepared = prepare_market(frame, spec);
  nlohmann::json spec_json;
  to_json(spec_json, spec);
  return train_ensemble(prepared.input(), settings, spec_json, run);
}

Analysis analyze_market(const EnsembleModel& model, const PreparedMarket& prepared,
                        const TaskRunner& run) {
  return analyze(model, prepared.input(), run);
}

Analysis analyze_market(const EnsembleModel& model, const Frame& frame) {
  return analyze_market(model, prepare_market(frame, model_feature_spec(model)));
}

}  // namespace vixray
