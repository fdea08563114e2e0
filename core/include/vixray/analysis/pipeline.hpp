// From market data to an Analysis: the one path the CLI and the browser both take.
//
//   Frame --(feature spec)--> FeatureMatrix --> AnalysisInput --(model)--> Analysis
//
// Training uses the market feature catalogue restricted to the frame's columns and stores the
// spec in the model, so scoring (natively or in WebAssembly) computes exactly the trained
// features.
#pragma once
#include <cstddef>
#include <vector>

#include "vixray/analysis/analysis.hpp"
#include "vixray/data/frame.hpp"
#include "vixray/ensemble/input.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/settings.hpp"
#include "vixray/features/features.hpp"

namespace vixray {

/// Features of a frame plus the price columns the Analysis needs, owning its memory.
struct PreparedMarket {
  std::vector<Day> dates;
  FeatureMatrix features;
  std::vector<double> vix_close, spx_close;
  /// A view over this object (valid while it lives).
  AnalysisInput input() const;
};

/// Computes the spec's features on the frame; the frame must have vix.close and spx.close.
/// With `first_row` > 0, the features of rows >= first_row only (the rows before are not held:
/// compute_features), enough to score the days a market gained (analyze_appended); `carry`: the
/// recursive features continue from it (compute_features).
PreparedMarket prepare_market(const Frame& frame, const FeatureSpec& spec, size_t first_row = 0,
                              const FeatureCarry* carry = nullptr);

/// Trains the ensemble on a frame with the market catalogue restricted to its columns; `run`
/// runs the training's independent tasks (train_ensemble(): the same model on any runner).
EnsembleModel train_market(const Frame& frame, const EnsembleSettings& settings,
                           const TaskRunner& run = run_serially);

/// The Analysis of a frame with a trained model (features from the model's spec).
Analysis analyze_market(const EnsembleModel& model, const Frame& frame);
/// The same when the prepared market is needed too (e.g. to explain a day afterwards); `run`
/// runs the detectors (analyze()).
Analysis analyze_market(const EnsembleModel& model, const PreparedMarket& prepared,
                        const TaskRunner& run = run_serially);

/// The model's feature spec (throws naming the problem if the model has none).
FeatureSpec model_feature_spec(const EnsembleModel& model);

/// The model's feature spec restricted to the features that detectors `detectors` (indices in
/// model order) read, in spec order: enough to score those detectors (detector_scores()) with
/// less work, e.g. in a second WebAssembly instance. Throws naming a detector that does not exist.
FeatureSpec detectors_feature_spec(const EnsembleModel& model,
                                   const std::vector<size_t>& detectors);

}  // namespace vixray
