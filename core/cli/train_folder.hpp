// `vixray train … --out DIR` with DIR a folder (an existing folder, or a path ending in "/"):
// Models A and B, their baselines and the training history, written whole through
// ModelFolderWriter (docs/LIFECYCLE.md).
#pragma once
#include <string>

#include "market_inputs.hpp"

namespace vixray::cli {

struct TrainFolderArgs {
  DataOptions data;
  std::string settings, market, asset_class;
  std::string out;       // the folder
  std::string history;   // must be empty (the folder has its own history)
  unsigned threads = 0;  // threads training; 0 = every hardware thread
};

/// Trains A and B and publishes the folder; `now` gives the timestamp (the CLI's clock).
void train_model_folder(const TrainFolderArgs& args, const std::string& now);

}  // namespace vixray::cli
