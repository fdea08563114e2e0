// The statistics a model's lifecycle compares over time: flag rates and their relative drift,
// the population stability index (PSI) of a score, and the calibration error of the percentile
// mapping. Pure functions on score and flag vectors: `vixray train --out DIR` computes them on a
// holdout (the baselines), `vixray monitor` on windows of new days (README.md defines each).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace vixray {

/// Share of days flagged among the days with a score: flags[i] counts only where
/// isfinite(scores[i]). NaN when no day has a score. Both vectors have the same length.
double flag_rate(const std::vector<uint8_t>& flags, const std::vector<double>& scores);

/// |rate - baseline| / baseline: the relative change of a flag rate against a baseline rate
/// (seed 002's "drift", on a rate). NaN when the baseline is not > 0 or either is NaN.
double relative_drift(double rate, double baseline);

/// The reference distribution of a score for PSI: bin edges at the training deciles (type-7
/// quantiles 0.1 .. 0.9 of the finite training scores, repeated edges merged) and the share of
/// training scores in each bin. A bin is (edges[k-1], edges[k]]: a score equal to an edge falls in
/// the lower bin, so the shares of tied scores are exact.
struct ScoreBins {
  std::vector<double> edges;   // ascending, distinct; bins = edges.size() + 1
  std::vector<double> shares;  // per bin, sums to 1
};
/// Throws vixray::Error when no training score is finite.
ScoreBins score_bins(const std::vector<double>& training_scores, int32_t bins = 10);
/// The bin of a score (0 .. edges.size()).
size_t score_bin(const ScoreBins& bins, double score);

/// Population stability index of `scores` (finite ones) against the reference:
/// sum over bins of (q - p) * ln(q / p), p the reference share and q the new share, each floored
/// at kPsiFloor so an empty bin gives a large finite term. NaN when no score is finite.
/// Conventional reading: < 0.1 stable, 0.1 - 0.25 moderate shift, > 0.25 large shift.
constexpr double kPsiFloor = 1e-4;
double population_stability_index(const ScoreBins& reference, const std::vector<double>& scores);

/// Calibration error of a percentile mapping on new data. A detector's calibrated score is the
/// share of its training scores below the day's raw score, so on data like the training data the
/// calibrated scores are uniform on [0, 1]: for each decile q = 0.1 .. 0.9 the share of scores
/// <= q is q. The error is the largest |share(score <= q) - q| over the nine deciles (a
/// Kolmogorov-Smirnov distance read at the deciles): 0 for a perfect mapping, up to 0.9. NaN when
/// no score is finite.
double calibration_error(const std::vector<double>& calibrated_scores);

}  // namespace vixray
