// The simulator's market as the CSV texts of real downloads, so simulated data reaches a model
// through the same readers as downloaded files.
#pragma once
#include <vector>

#include "vixray/data/price_files.hpp"
#include "vixray/sim/simulate.hpp"

namespace vixray {

/// The CSV texts `vixray simulate` writes for these parameters (vix, spx, vix9d, vix3m, vvix,
/// skew), so simulated data reaches the model through the same readers as downloaded files.
std::vector<SeriesText> simulated_series(const SimulationParams& params);

}  // namespace vixray
