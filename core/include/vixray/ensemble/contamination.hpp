// Regime-adaptive contamination (seed 000, known issue 2): the expected flag rate per VIX regime.
#pragma once
#include <cstdint>
#include <vector>

namespace vixray {

/// Semantics: per VIX regime r an expected flag rate rate_r. At training, the flag threshold of
/// regime r is the (1 - rate_r) type-7 quantile of the training ensemble scores of the days in
/// regime r; a day is flagged when its ensemble score is STRICTLY ABOVE the threshold of its
/// own regime. The realized training rate per regime (flagged days / regime days) is kept, so a
/// reader can check it against the map (within +-1 point when the regime has >= ~100 days). A
/// regime without training days has a NaN threshold and flags nothing.
struct Contamination {
  std::vector<double> rates;           // expected flag rate per regime code
  std::vector<double> thresholds;      // ensemble-score threshold per regime (NaN = no days)
  std::vector<double> realized_rates;  // training flag rate per regime (NaN = no days)
  std::vector<int64_t> training_days;  // training days per regime
};

/// `scores` and `regimes` are parallel (regime -1 or NaN score = day skipped).
Contamination fit_contamination(const std::vector<double>& scores,
                                const std::vector<int32_t>& regimes,
                                const std::vector<double>& rates);
/// Whether a day is flagged under the contamination map (false for NaN or regime -1).
bool contamination_flag(const Contamination& contamination, double score, int32_t regime);

}  // namespace vixray
