// `vixray ticker train … --out DIR` with DIR a folder: Model A and Model B of one market's ticker
// model, their baselines and the training-history line, written whole by ModelFolderWriter
// (docs/LIFECYCLE.md; the split and metrics: analysis/ticker_ab.hpp).
#pragma once
#include <string>
#include <vector>

#include "model_folder.hpp"
#include "ticker_files.hpp"
#include "vixray/ensemble/ticker_model.hpp"

namespace vixray::cli {

struct TickerFolderInputs {
  std::vector<TickerFile> files;
  std::vector<TickerTrainFile> training;
  std::string settings_path, events_path;  // "" when not given
};

/// Trains A and B, writes the folder through `writer` (already holding DIR's lock) and prints a
/// summary of both models' holdout metrics.
void train_ticker_folder(ModelFolderWriter& writer, const std::string& dir,
                         const TickerFolderInputs& inputs, const TickerSettings& settings);

}  // namespace vixray::cli
