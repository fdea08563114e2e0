#include "vixray/analysis/what_if.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "vixray/base/error.hpp"
#include "vixray/data/calendar.hpp"

namespace vixray {

Frame extend_what_if(const Frame& frame, double vix_close, double spx_return_pct) {
  if (frame.rows() == 0) throw Error("what-if: the market has no days");
  if (!(vix_close > 0.0 && std::isfinite(vix_close)))
    throw Error("what-if: VIX close must be a positive number, got " + std::to_string(vix_close));
  if (!(spx_return_pct > -100.0 && std::isfinite(spx_return_pct)))
    throw Error("what-if: S&P 500 return must be a number above -100%, got " +
                std::to_string(spx_return_pct));
  std::vector<Day> dates = frame.dates();
  Day next = dates.back() + 1;
  while (!is_trading_day(next)) ++next;
  dates.push_back(next);
  Frame out(std::move(dates));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double spx_prev = frame.column("spx.close").back();
  const double spx_close = spx_prev * (1.0 + spx_return_pct / 100.0);
  for (const auto& name : frame.names()) {
    std::vector<double> values = frame.column(name);
    const double last = values.back();
    double v = nan;
    if (name == "vix.close")
      v = vix_close;
    else if (name == "spx.close" || name == "spx.adj_close")
      v = name == "spx.close" ? spx_close : last * (1.0 + spx_return_pct / 100.0);
    else if (name == "spx.open")
      v = spx_prev;
    else if (name == "spx.high")
      v = std::max(spx_prev, spx_close);
    else if (name == "spx.low")
      v = std::min(spx_prev, spx_close);
    else if (name == "spx.volume")
      v = last;
    else if (name.size() > 6 && name.compare(name.size() - 6, 6, ".close") == 0)
      v = last;
    values.push_back(v);
    out.set(name, std::move(values));
  }
  return out;
}

}  // namespace vixray
