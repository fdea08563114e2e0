#include "vixray/sim/simulated_series.hpp"

#include "vixray/data/price_files.hpp"
#include "vixray/sim/simulate.hpp"

namespace vixray {

std::vector<SeriesText> simulated_series(const SimulationParams& params) {
  const SimulatedMarket m = simulate(params);
  return {{"spx", "simulated spx.csv", write_yahoo_csv(m.dates, m.spx)},
          {"vix", "simulated vix.csv", write_cboe_csv(m.dates, m.vix)},
          {"vix9d", "simulated vix9d.csv", write_cboe_csv(m.dates, m.vix9d)},
          {"vix3m", "simulated vix3m.csv", write_cboe_csv(m.dates, m.vix3m)},
          {"vvix", "simulated vvix.csv", write_cboe_csv(m.dates, m.vvix)},
          {"skew", "simulated skew.csv", write_cboe_csv(m.dates, m.skew)}};
}

}  // namespace vixray
