// A quick deterministic market frame for tests and benchmarks of the feature library: every
// column the catalogues read (VIX OHLC, S&P 500 OHLCV, VIX9D, VIX3M, VVIX, SKEW, ticker OHLCV).
// It is plausible, not realistic (the realistic generator is the simulator): a mean-reverting
// log-VIX, an S&P random walk whose daily volatility follows the VIX, consistent OHLC
// (low <= open, close <= high) and positive volumes. Same rows and seed -> same bits everywhere
// (vixray::Rng and the deterministic exp only).
#pragma once
#include <cstdint>

#include "vixray/data/frame.hpp"

namespace vixray {

/// `rows` weekdays from 1990-01-02. Throws vixray::Error if rows < 1.
Frame synthetic_market_frame(int64_t rows, uint64_t seed);

}  // namespace vixray
