// "What if VIX closes at 45 tomorrow?": the market extended by one hypothetical day.
#pragma once

#include "vixray/data/frame.hpp"

namespace vixray {

/// "What if tomorrow...": the frame with one more row on the next trading day after its last
/// day (NYSE calendar): VIX close = vix_close, S&P close = last close x (1 + spx_return_pct/100),
/// S&P open = last close, high/low = max/min of open and close, volume = last volume; other
/// series carry their last close forward, with NaN open/high/low (as on a missing day).
Frame extend_what_if(const Frame& frame, double vix_close, double spx_return_pct);

}  // namespace vixray
