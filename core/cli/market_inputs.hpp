// The market-data options shared by `train`, `export` and `backtest`: CSV files by flag, or the
// simulator when no file is given, read into the CSV texts the core's readers take.
#pragma once
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "vixray/data/price_files.hpp"
#include "vixray/sim/simulate.hpp"

namespace vixray::cli {

struct DataOptions {
  std::string spx, vix, vix9d, vix3m, vvix, skew;
  uint64_t sim_seed = 42;
  std::string sim_start = "1990-01-02", sim_end = "2025-12-31";
};

void add_data_options(CLI::App* cmd, DataOptions& o);
bool has_files(const DataOptions& o);
/// A date option; throws naming the option unless it is a real YYYY-MM-DD date.
Day date_option(const std::string& option, const std::string& text);

struct MarketInputs {
  std::vector<SeriesText> series;
  nlohmann::json provenance;  // {"kind":"simulated",seed,start,end} or {"kind":"files",files}
  std::optional<SimulationParams> simulated;
  /// One line for reports: "simulated market, seed 42, 1990-01-02 .. 2025-12-31" or the files.
  std::string describe() const;
};

/// The files given (spx and vix required when any file is given), or the simulator.
MarketInputs read_inputs(const DataOptions& o);
/// The inputs recorded in a bundle's training_data.source (to re-read a model's own data).
MarketInputs read_inputs_of_bundle(const nlohmann::json& bundle, const std::string& path);

}  // namespace vixray::cli
