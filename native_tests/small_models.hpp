// Small ensembles for tests that train on simulated markets: fewer trees and rows than the
// default settings so trainings stay fast; the mechanics under test do not depend on the forest
// size.
#pragma once

#include <cstdint>
#include <utility>

#include "vixray/analysis/pipeline.hpp"
#include "vixray/data/dates.hpp"
#include "vixray/data/price_files.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/settings.hpp"
#include "vixray/sim/simulate.hpp"
#include "vixray/sim/simulated_series.hpp"

namespace vixray::test {

struct SmallEnsemble {
  int32_t n_trees = 8;
  int32_t calibration_knots = 32;
  int32_t importance_rows = 16;
  int32_t threshold_resamples = 5;
};

/// The default settings with `small`'s sizes (sample size 64, one importance repeat).
inline EnsembleSettings small_settings(const SmallEnsemble& small = {}) {
  EnsembleSettings settings = default_settings();
  settings.n_trees = small.n_trees;
  settings.sample_size = 64;
  settings.calibration_knots = small.calibration_knots;
  settings.importance_rows = small.importance_rows;
  settings.importance_repeats = 1;
  settings.thresholds.resamples = small.threshold_resamples;
  return settings;
}

/// The simulator's six series from `start` to `end` (with its embedded events), read and aligned.
inline AlignedPrices simulated_market(uint64_t seed, Day start, Day end) {
  SimulationParams params;
  params.seed = seed;
  params.start = start;
  params.end = end;
  return read_price_csvs(simulated_series(params));
}

/// A simulated market and a small ensemble trained on it.
struct SmallMarketModel {
  AlignedPrices market;
  EnsembleModel model;
};

inline SmallMarketModel small_market_model(uint64_t seed, Day start, Day end) {
  AlignedPrices market = simulated_market(seed, start, end);
  EnsembleModel model = train_market(market.frame, small_settings());
  return {std::move(market), std::move(model)};
}

}  // namespace vixray::test
