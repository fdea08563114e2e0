#include "vixray/ensemble/thresholds.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "vixray/base/error.hpp"
#include "vixray/base/quantile.hpp"
#include "vixray/base/rng.hpp"

namespace vixray {

const char* level_name(Level level) {
  switch (level) {
    case Level::kNormal:
      return "NORMAL";
    case Level::kModerate:
      return "MODERATE";
    case Level::kHigh:
      return "HIGH";
    case Level::kCritical:
      return "CRITICAL";
    case Level::kUnavailable:
      break;
  }
  return "UNAVAILABLE";
}

Level classify(double score, const Thresholds& t) {
  if (std::isnan(score)) return Level::kUnavailable;
  if (score >= t.critical) return Level::kCritical;
  if (score >= t.high) return Level::kHigh;
  if (score >= t.moderate) return Level::kModerate;
  return Level::kNormal;
}

void Thresholds::validate(const std::string& where) const {
  if (!(std::isfinite(moderate) && std::isfinite(high) && std::isfinite(critical) &&
        moderate < high && high < critical))
    throw Error(where +
                ": thresholds must be finite and strictly increasing (moderate < high < "
                "critical), got " +
                number_text(moderate) + ", " + number_text(high) + ", " + number_text(critical));
  for (size_t i = 0; i < 3; ++i)
    if (!(percentiles[i] > 0.0 && percentiles[i] < 100.0) ||
        (i > 0 && !(percentiles[i] > percentiles[i - 1])))
      throw Error(where + ".percentiles: expected strictly increasing values in (0, 100)");
}

namespace {

void make_strictly_increasing(std::array<double, 3>& v) {
  for (size_t i = 1; i < 3; ++i)
    if (!(v[i] > v[i - 1]))
      v[i] = std::nextafter(v[i - 1], std::numeric_limits<double>::infinity());
}

bool valid_percentiles(const std::array<double, 3>& percentiles) {
  for (size_t i = 0; i < 3; ++i)
    if (!(percentiles[i] > 0.0 && percentiles[i] < 100.0) ||
        (i > 0 && !(percentiles[i] > percentiles[i - 1])))
      return false;
  return true;
}

// Whether `plan` is the plan of n scores under these options (confidence plays no part).
bool plan_fits(const BootstrapPlan& plan, size_t n, const ThresholdOptions& options) {
  return plan.n == n && plan.options.seed == options.seed &&
         plan.options.resamples == options.resamples &&
         plan.options.percentiles == options.percentiles &&
         plan.positions.size() == static_cast<size_t>(options.resamples);
}

}  // namespace

BootstrapPlan bootstrap_plan(size_t n, const ThresholdOptions& options) {
  BootstrapPlan plan;
  plan.options = options;
  if (n < 2 || options.resamples <= 0 || !valid_percentiles(options.percentiles))
    return plan;  // fits nothing: compute_thresholds() reports the problem
  plan.n = n;
  // A resample is n draws with replacement from the sorted scores. Its order statistics come
  // from the draw counts per sorted index (a counting sort: O(n) per resample, the same values
  // as sorting the resample).
  Rng rng(options.seed);
  const Bound draw(n);
  std::vector<int32_t> counts(n);
  auto order_statistic = [&](size_t rank, size_t& index, size_t& cumulative) {
    while (cumulative + static_cast<size_t>(counts[index]) <= rank) {
      cumulative += static_cast<size_t>(counts[index]);
      ++index;
    }
    return index;
  };
  plan.positions.resize(static_cast<size_t>(options.resamples));
  for (auto& positions : plan.positions) {
    std::fill(counts.begin(), counts.end(), 0);
    for (size_t i = 0; i < n; ++i) ++counts[static_cast<size_t>(rng.below(draw))];
    size_t index = 0, cumulative = 0;  // ranks are visited in increasing order
    for (size_t i = 0; i < 3; ++i) {
      const double position = options.percentiles[i] / 100.0 * static_cast<double>(n - 1);
      const auto below = static_cast<size_t>(std::floor(position));
      const size_t above = std::min(below + 1, n - 1);
      positions[2 * i] = order_statistic(below, index, cumulative);
      positions[2 * i + 1] = order_statistic(above, index, cumulative);
    }
  }
  return plan;
}

Thresholds compute_thresholds(const std::vector<double>& training_scores,
                              const ThresholdOptions& options) {
  return compute_thresholds(training_scores, options, BootstrapPlan{});
}

Thresholds compute_thresholds(const std::vector<double>& training_scores,
                              const ThresholdOptions& options, const BootstrapPlan& plan) {
  std::vector<double> sorted;
  sorted.reserve(training_scores.size());
  for (double v : training_scores)
    if (std::isfinite(v)) sorted.push_back(v);
  if (sorted.size() < 2)
    throw Error("thresholds: expected at least 2 finite training scores, got " +
                std::to_string(sorted.size()));
  if (options.resamples < 0)
    throw Error("thresholds: resamples must not be negative, got " +
                std::to_string(options.resamples));
  if (!(options.confidence > 0.0 && options.confidence < 1.0))
    throw Error("thresholds: confidence must be in (0, 1), got " + number_text(options.confidence));
  std::sort(sorted.begin(), sorted.end());
  Thresholds t;
  t.percentiles = options.percentiles;
  t.confidence = options.confidence;
  t.resamples = options.resamples;
  std::array<double, 3> value{};
  for (size_t i = 0; i < 3; ++i) {
    const double p = options.percentiles[i];
    if (!(p > 0.0 && p < 100.0) || (i > 0 && !(p > options.percentiles[i - 1])))
      throw Error("thresholds: percentiles must be strictly increasing in (0, 100), got " +
                  number_text(p));
    value[i] = quantile_sorted(sorted, p / 100.0);
  }
  make_strictly_increasing(value);
  t.moderate = value[0];
  t.high = value[1];
  t.critical = value[2];
  if (options.resamples > 0) {
    const size_t n = sorted.size();
    const BootstrapPlan own =
        plan_fits(plan, n, options) ? BootstrapPlan{} : bootstrap_plan(n, options);
    const BootstrapPlan& used = plan_fits(plan, n, options) ? plan : own;
    std::array<std::vector<double>, 3> boot;
    for (auto& b : boot) b.reserve(used.positions.size());
    for (const auto& positions : used.positions) {
      for (size_t i = 0; i < 3; ++i) {
        const double position = options.percentiles[i] / 100.0 * static_cast<double>(n - 1);
        const auto below = static_cast<size_t>(std::floor(position));
        const double weight = position - static_cast<double>(below);
        const double lo = sorted[positions[2 * i]];
        const double hi = sorted[positions[2 * i + 1]];
        boot[i].push_back(weight == 0.0 ? lo : lo + weight * (hi - lo));
      }
    }
    for (size_t i = 0; i < 3; ++i) {
      std::sort(boot[i].begin(), boot[i].end());
      t.ci_low[i] = quantile_sorted(boot[i], (1.0 - options.confidence) / 2.0);
      t.ci_high[i] = quantile_sorted(boot[i], (1.0 + options.confidence) / 2.0);
    }
  } else {
    t.ci_low = value;
    t.ci_high = value;
  }
  return t;
}

}  // namespace vixray
