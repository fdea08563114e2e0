#include "vixray/sim/realism.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "vixray/base/detmath.hpp"
#include "vixray/base/error.hpp"
#include "vixray/base/quantile.hpp"

namespace vixray {
namespace {

double mean_of(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

}  // namespace

RealismStats compute_realism_stats(const std::vector<Day>& dates,
                                   const std::vector<double>& vix_close,
                                   const std::vector<double>& spx_close) {
  if (dates.size() != vix_close.size() || dates.size() != spx_close.size())
    throw Error("realism: dates, VIX and S&P closes differ in length (" +
                std::to_string(dates.size()) + ", " + std::to_string(vix_close.size()) + ", " +
                std::to_string(spx_close.size()) + ")");
  if (dates.size() < 30)
    throw Error("realism: " + std::to_string(dates.size()) + " days; expected at least 30");
  for (size_t i = 0; i < dates.size(); ++i)
    if (!(vix_close[i] > 0) || !(spx_close[i] > 0))
      throw Error("realism: on " + format_iso(dates[i]) + " a close is not positive (VIX " +
                  std::to_string(vix_close[i]) + ", S&P " + std::to_string(spx_close[i]) + ")");
  RealismStats s;
  s.days = static_cast<int64_t>(dates.size());
  s.first = dates.front();
  s.last = dates.back();

  std::vector<double> sorted = vix_close;
  std::sort(sorted.begin(), sorted.end());
  const double qs[5] = {0.05, 0.25, 0.50, 0.75, 0.95};
  for (size_t i = 0; i < 5; ++i) s.vix_quantiles[i] = quantile_sorted(sorted, qs[i]);

  std::vector<double> returns, vix_changes;
  for (size_t i = 1; i < dates.size(); ++i) {
    returns.push_back(detmath::log(spx_close[i] / spx_close[i - 1]));
    vix_changes.push_back(detmath::log(vix_close[i] / vix_close[i - 1]));
  }
  const double rm = mean_of(returns), vm = mean_of(vix_changes);
  double m2 = 0, m4 = 0, cross = 0, vv = 0;
  for (size_t i = 0; i < returns.size(); ++i) {
    const double d = returns[i] - rm, e = vix_changes[i] - vm;
    m2 += d * d;
    m4 += d * d * d * d;
    cross += d * e;
    vv += e * e;
  }
  const auto nr = static_cast<double>(returns.size());
  s.spx_return_sd = std::sqrt(m2 / (nr - 1));
  s.spx_excess_kurtosis = (m4 / nr) / ((m2 / nr) * (m2 / nr)) - 3.0;
  s.return_vix_correlation = cross / std::sqrt(m2 * vv);

  const double bounds[3] = {16.77, 24.40, 39.67};
  for (double v : vix_close) {
    size_t band = 0;
    while (band < 3 && v >= bounds[band]) ++band;
    s.vix_band_share[band] += 1.0;
  }
  for (double& share : s.vix_band_share) share /= static_cast<double>(vix_close.size());

  const double level_mean = mean_of(vix_close);
  double lag = 0, total = 0;
  for (size_t i = 0; i < vix_close.size(); ++i) {
    const double d = vix_close[i] - level_mean;
    total += d * d;
    if (i > 0) lag += d * (vix_close[i - 1] - level_mean);
  }
  s.vix_lag1_autocorrelation = lag / total;
  s.vix_half_life_days = s.vix_lag1_autocorrelation > 0 && s.vix_lag1_autocorrelation < 1
                             ? detmath::log(0.5) / detmath::log(s.vix_lag1_autocorrelation)
                             : INFINITY;
  return s;
}

std::vector<RealismCheck> compare_realism(const RealismStats& sim, const RealismStats& real) {
  std::vector<RealismCheck> out;
  auto add = [&](std::string name, double simulated, double real_value, double low, double high) {
    out.push_back(
        {std::move(name), simulated, real_value, low, high, simulated >= low && simulated <= high});
  };
  const char* qnames[5] = {"VIX q05", "VIX q25", "VIX q50", "VIX q75", "VIX q95"};
  for (size_t i = 0; i < 5; ++i)
    add(qnames[i], sim.vix_quantiles[i], real.vix_quantiles[i], real.vix_quantiles[i] * 0.85,
        real.vix_quantiles[i] * 1.15);
  add("S&P log-return sd", sim.spx_return_sd, real.spx_return_sd, real.spx_return_sd * 0.8,
      real.spx_return_sd * 1.2);
  add("S&P excess kurtosis", sim.spx_excess_kurtosis, real.spx_excess_kurtosis, 3.0, INFINITY);
  add("corr(S&P ret, dlog VIX)", sim.return_vix_correlation, real.return_vix_correlation, -0.85,
      -0.60);
  const char* bnames[4] = {"VIX share <16.77", "VIX share 16.77-24.40", "VIX share 24.40-39.67",
                           "VIX share >=39.67"};
  for (size_t i = 0; i < 4; ++i)
    add(bnames[i], sim.vix_band_share[i], real.vix_band_share[i], real.vix_band_share[i] - 0.07,
        real.vix_band_share[i] + 0.07);
  add("VIX half-life (days, level)", sim.vix_half_life_days, real.vix_half_life_days,
      real.vix_half_life_days / 2.0, real.vix_half_life_days * 2.0);
  return out;
}

std::string format_realism_table(const std::vector<RealismCheck>& checks) {
  std::string out;
  char line[160];
  std::snprintf(line, sizeof line, "%-28s %12s %12s %23s  %s\n", "statistic", "simulated", "real",
                "accepted", "result");
  out += line;
  int failed = 0;
  for (const RealismCheck& c : checks) {
    char interval[64];
    if (std::isinf(c.high))
      std::snprintf(interval, sizeof interval, ">= %.4f", c.low);
    else
      std::snprintf(interval, sizeof interval, "[%.4f, %.4f]", c.low, c.high);
    std::snprintf(line, sizeof line, "%-28s %12.4f %12.4f %23s  %s\n", c.name.c_str(), c.simulated,
                  c.real, interval, c.pass ? "PASS" : "FAIL");
    out += line;
    if (!c.pass) ++failed;
  }
  std::snprintf(line, sizeof line, "%d of %d checks passed\n",
                static_cast<int>(checks.size()) - failed, static_cast<int>(checks.size()));
  out += line;
  return out;
}

}  // namespace vixray
