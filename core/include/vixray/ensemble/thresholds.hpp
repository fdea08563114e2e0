// Levels and the data-driven thresholds that define them: THE classification rule of the
// ensemble and of every domain. A NaN score is UNAVAILABLE, never a number.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace vixray {

enum class Level : int8_t {
  kUnavailable = -1,
  kNormal = 0,
  kModerate = 1,
  kHigh = 2,
  kCritical = 3
};

/// "NORMAL", "MODERATE", "HIGH", "CRITICAL" ("UNAVAILABLE" for a NaN score).
const char* level_name(Level level);

struct Thresholds {
  /// Percentiles (0..100) of the training distribution the thresholds sit at.
  std::array<double, 3> percentiles{{85.0, 92.0, 98.0}};
  double moderate = 0.0, high = 0.0, critical = 0.0;
  /// Bootstrap confidence interval of each threshold: [low, high] per level.
  std::array<double, 3> ci_low{{0.0, 0.0, 0.0}}, ci_high{{0.0, 0.0, 0.0}};
  double confidence = 0.90;
  int32_t resamples = 0;

  /// Throws vixray::Error unless moderate < high < critical (all finite).
  void validate(const std::string& where) const;
};

/// THE classification rule, used for the ensemble and for every domain: score >= critical ->
/// CRITICAL, else >= high -> HIGH, else >= moderate -> MODERATE, else NORMAL; NaN -> UNAVAILABLE.
Level classify(double score, const Thresholds& thresholds);

struct ThresholdOptions {
  std::array<double, 3> percentiles{{85.0, 92.0, 98.0}};
  int32_t resamples = 200;
  double confidence = 0.90;
  uint64_t seed = 7;
};

/// Thresholds at the given percentiles (type-7 quantiles) of the finite training scores (NaN
/// days are skipped). Confidence intervals: `resamples` bootstrap resamples (n draws with
/// replacement, vixray::Rng(seed)), each giving the three quantiles; the interval is the
/// (1-confidence)/2 and (1+confidence)/2 type-7 quantiles of those. Strictly increasing is
/// enforced: a threshold not above the previous one (ties in the data) is raised to the next
/// representable double above it. Throws if fewer than 2 finite scores.
Thresholds compute_thresholds(const std::vector<double>& training_scores,
                              const ThresholdOptions& options);

/// What the bootstrap of compute_thresholds() reads from n sorted training scores: per resample,
/// the sorted positions of the two order statistics each percentile interpolates between
/// (below, above; three percentiles). They depend on n and the options' seed, resamples and
/// percentiles only, never on the scores, so one plan, drawn once, serves every set of thresholds
/// fitted on n finite scores (training fits dozens: the ensemble, domains, partial subsets).
struct BootstrapPlan {
  size_t n = 0;  // 0: fits no scores
  ThresholdOptions options;
  std::vector<std::array<size_t, 6>> positions;  // one per resample
};

/// The plan of n scores (an empty plan if n < 2, no resamples or invalid percentiles).
BootstrapPlan bootstrap_plan(size_t n, const ThresholdOptions& options);

/// compute_thresholds() with a plan drawn beforehand: the same thresholds, bit for bit; the plan
/// is used when it was drawn for this many finite scores and these options, else one is drawn.
Thresholds compute_thresholds(const std::vector<double>& training_scores,
                              const ThresholdOptions& options, const BootstrapPlan& plan);

}  // namespace vixray
