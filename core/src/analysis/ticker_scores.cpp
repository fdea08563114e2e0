// Scoring ticker bars with a per-market model, the flagged bars and the chart overlays
// (ticker_scores.hpp).
#include "vixray/analysis/ticker_scores.hpp"

#include <algorithm>
#include <cmath>

#include "vixray/base/error.hpp"
#include "vixray/base/nan.hpp"

namespace vixray {

namespace {

bool complete_row(const RowMatrix& v, Eigen::Index r) {
  for (Eigen::Index c = 0; c < v.cols(); ++c)
    if (!std::isfinite(v(r, c))) return false;
  return true;
}

}  // namespace

TickerScores score_ticker(const TickerModel& model, const Bars& bars, int64_t from_row) {
  if (from_row < 0 || from_row > bars.size())
    throw Error("ticker " + bars.ticker + ": from_row " + std::to_string(from_row) +
                " outside 0.." + std::to_string(bars.size()));
  TickerScores s;
  s.ticker = bars.ticker;
  s.from_row = from_row;
  s.features = ticker_indicators(model.spec, bars);
  const auto n = static_cast<size_t>(bars.size());
  s.raw.assign(n, kNaN);
  s.score.assign(n, kNaN);
  s.flagged.assign(n, 0);
  const RowMatrix& v = s.features.values;
  std::vector<Eigen::Index> rows;
  for (auto r = static_cast<Eigen::Index>(from_row); r < v.rows(); ++r)
    if (complete_row(v, r)) rows.push_back(r);
  if (rows.empty()) return s;
  RowMatrix x(static_cast<Eigen::Index>(rows.size()), v.cols());
  for (size_t i = 0; i < rows.size(); ++i) x.row(static_cast<Eigen::Index>(i)) = v.row(rows[i]);
  const Vector raw = model.forest.score_samples(x);
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto r = static_cast<size_t>(rows[i]);
    s.raw[r] = raw(static_cast<Eigen::Index>(i));
    s.score[r] = model.calibration.apply(s.raw[r]);
    s.flagged[r] = s.raw[r] > model.threshold ? 1 : 0;
  }
  return s;
}

std::vector<TickerAnomaly> flagged_bars(const TickerModel& model, const Bars& bars,
                                        const TickerScores& scores) {
  (void)model;
  std::vector<TickerAnomaly> out;
  const RowMatrix& v = scores.features.values;
  for (size_t r = 0; r < scores.flagged.size(); ++r) {
    if (!scores.flagged[r]) continue;
    TickerAnomaly a;
    a.ticker = bars.ticker;
    a.time = bars.time[r];
    a.close = bars.close[r];
    a.volume = bars.volume[r];
    a.score = scores.score[r];
    a.raw_score = scores.raw[r];
    const auto row = static_cast<Eigen::Index>(r);
    for (Eigen::Index c = 0; c < v.cols(); ++c) a.indicators.push_back(v(row, c));
    out.push_back(std::move(a));
  }
  return out;
}

namespace {

constexpr size_t kOverlayWindow = 20;

// The 20-bar VWAP sum(tp v) / sum(v), tp = (h + l + c) / 3 (the feature library's vwap_distance
// divides the close by this same VWAP), and the 20-bar Bollinger bands: mean +- 2 sample sd of
// the close. A window with a missing value, or a VWAP window without volume, gives NaN.
void overlay_row(const Bars& b, size_t t, TickerOverlays& o) {
  double pv = 0, vol = 0, sum = 0;
  bool missing = false;
  for (size_t j = t + 1 - kOverlayWindow; j <= t; ++j) {
    const double tp = (b.high[j] + b.low[j] + b.close[j]) / 3.0;
    missing = missing || !std::isfinite(tp) || !std::isfinite(b.volume[j]);
    pv += tp * b.volume[j];
    vol += b.volume[j];
    sum += b.close[j];
  }
  if (missing) return;
  o.vwap[t] = vol > 0 ? pv / vol : kNaN;
  const double mean = sum / static_cast<double>(kOverlayWindow);
  double ss = 0;
  for (size_t j = t + 1 - kOverlayWindow; j <= t; ++j)
    ss += (b.close[j] - mean) * (b.close[j] - mean);
  const double sd = std::sqrt(ss / static_cast<double>(kOverlayWindow - 1));
  o.bb_mid[t] = mean;
  o.bb_upper[t] = mean + 2.0 * sd;
  o.bb_lower[t] = mean - 2.0 * sd;
}

}  // namespace

TickerOverlays ticker_overlays(const Bars& bars) {
  const auto n = static_cast<size_t>(bars.size());
  TickerOverlays o;
  o.vwap.assign(n, kNaN);
  o.bb_mid.assign(n, kNaN);
  o.bb_upper.assign(n, kNaN);
  o.bb_lower.assign(n, kNaN);
  for (size_t t = kOverlayWindow - 1; t < n; ++t) overlay_row(bars, t, o);
  return o;
}

int64_t match_tolerance_s(int64_t interval_s, bool daily) {
  if (daily) return 2 * 86400;
  return std::max<int64_t>(2 * interval_s, 15 * 60);
}

std::vector<int64_t> match_to_bars(const std::vector<int64_t>& bar_times,
                                   const std::vector<int64_t>& anomaly_times, int64_t tolerance_s) {
  std::vector<int64_t> out;
  out.reserve(anomaly_times.size());
  for (int64_t t : anomaly_times) {
    const auto it = std::lower_bound(bar_times.begin(), bar_times.end(), t);
    int64_t best = -1, best_distance = 0;
    // The bar before first, so that a tie goes to the earlier bar.
    if (it != bar_times.begin()) {
      best = static_cast<int64_t>(it - bar_times.begin()) - 1;
      best_distance = t - *(it - 1);
    }
    if (it != bar_times.end() && (best < 0 || *it - t < best_distance)) {
      best = static_cast<int64_t>(it - bar_times.begin());
      best_distance = *it - t;
    }
    out.push_back(best >= 0 && best_distance <= tolerance_s ? best : -1);
  }
  return out;
}

}  // namespace vixray
