#include "vixray/analysis/drift_metrics.hpp"

#include <algorithm>
#include <cmath>

#include "vixray/base/detmath.hpp"
#include "vixray/base/error.hpp"
#include "vixray/base/nan.hpp"
#include "vixray/base/quantile.hpp"

namespace vixray {
namespace {

std::vector<double> finite_sorted(const std::vector<double>& scores) {
  std::vector<double> kept;
  kept.reserve(scores.size());
  for (double s : scores)
    if (std::isfinite(s)) kept.push_back(s);
  std::sort(kept.begin(), kept.end());
  return kept;
}

// Share of finite scores in each bin of `bins` (all zero when none is finite).
std::vector<double> bin_shares(const ScoreBins& bins, const std::vector<double>& scores,
                               int64_t& counted) {
  std::vector<double> counts(bins.edges.size() + 1, 0.0);
  counted = 0;
  for (double s : scores) {
    if (!std::isfinite(s)) continue;
    counts[score_bin(bins, s)] += 1.0;
    ++counted;
  }
  if (counted > 0)
    for (double& c : counts) c /= static_cast<double>(counted);
  return counts;
}

}  // namespace

double flag_rate(const std::vector<uint8_t>& flags, const std::vector<double>& scores) {
  if (flags.size() != scores.size())
    throw Error("flag_rate: " + std::to_string(flags.size()) + " flags for " +
                std::to_string(scores.size()) + " scores");
  int64_t days = 0, flagged = 0;
  for (size_t i = 0; i < scores.size(); ++i) {
    if (!std::isfinite(scores[i])) continue;
    ++days;
    if (flags[i] != 0) ++flagged;
  }
  return days == 0 ? kNaN : static_cast<double>(flagged) / static_cast<double>(days);
}

double relative_drift(double rate, double baseline) {
  if (!std::isfinite(rate) || !std::isfinite(baseline) || !(baseline > 0.0)) return kNaN;
  return std::fabs(rate - baseline) / baseline;
}

ScoreBins score_bins(const std::vector<double>& training_scores, int32_t bins) {
  if (bins < 2) throw Error("score_bins: expected at least 2 bins, got " + std::to_string(bins));
  const std::vector<double> sorted = finite_sorted(training_scores);
  if (sorted.empty()) throw Error("score_bins: no finite training score");
  ScoreBins out;
  for (int32_t k = 1; k < bins; ++k) {
    const double edge = quantile_sorted(sorted, static_cast<double>(k) / bins);
    if (out.edges.empty() || edge > out.edges.back()) out.edges.push_back(edge);
  }
  int64_t counted = 0;
  out.shares = bin_shares(out, sorted, counted);
  return out;
}

size_t score_bin(const ScoreBins& bins, double score) {
  // The first edge >= score: (edges[k-1], edges[k]] is bin k.
  return static_cast<size_t>(std::lower_bound(bins.edges.begin(), bins.edges.end(), score) -
                             bins.edges.begin());
}

double population_stability_index(const ScoreBins& reference, const std::vector<double>& scores) {
  if (reference.shares.size() != reference.edges.size() + 1)
    throw Error("population_stability_index: " + std::to_string(reference.shares.size()) +
                " shares for " + std::to_string(reference.edges.size() + 1) + " bins");
  int64_t counted = 0;
  const std::vector<double> q = bin_shares(reference, scores, counted);
  if (counted == 0) return kNaN;
  double psi = 0.0;
  for (size_t k = 0; k < q.size(); ++k) {
    const double p_k = std::max(reference.shares[k], kPsiFloor);
    const double q_k = std::max(q[k], kPsiFloor);
    psi += (q_k - p_k) * detmath::log(q_k / p_k);
  }
  return psi;
}

double calibration_error(const std::vector<double>& calibrated_scores) {
  const std::vector<double> sorted = finite_sorted(calibrated_scores);
  if (sorted.empty()) return kNaN;
  const double n = static_cast<double>(sorted.size());
  double worst = 0.0;
  for (int k = 1; k <= 9; ++k) {
    const double q = k / 10.0;
    const double at_or_below =
        static_cast<double>(std::upper_bound(sorted.begin(), sorted.end(), q) - sorted.begin());
    worst = std::max(worst, std::fabs(at_or_below / n - q));
  }
  return worst;
}

}  // namespace vixray
