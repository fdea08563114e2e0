#include "vixray/ensemble/ensemble.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "vixray/base/error.hpp"

namespace vixray {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string number(double v) {
  std::ostringstream s;
  s.precision(17);
  s << v;
  return s.str();
}

}  // namespace

double quantile_sorted(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) throw Error("quantile: expected at least one value, got none");
  if (!(p >= 0.0 && p <= 1.0)) throw Error("quantile: p must be in [0, 1], got " + number(p));
  const double position = p * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<size_t>(std::floor(position));
  const size_t above = std::min(below + 1, sorted.size() - 1);
  const double weight = position - static_cast<double>(below);
  if (weight == 0.0) return sorted[below];
  return sorted[below] + weight * (sorted[above] - sorted[below]);
}

// --- Calibration -------------------------------------------------------------------------------

Calibration Calibration::fit(std::vector<double> training_scores, int32_t max_knots) {
  if (max_knots < 2)
    throw Error("calibration: max_knots must be at least 2, got " + std::to_string(max_knots));
  for (size_t i = 0; i < training_scores.size(); ++i)
    if (!std::isfinite(training_scores[i]))
      throw Error("calibration: training score " + std::to_string(i) + " is " +
                  number(training_scores[i]) + "; expected a finite number");
  if (training_scores.empty()) throw Error("calibration: expected training scores, got none");
  std::sort(training_scores.begin(), training_scores.end());
  const auto& s = training_scores;
  const auto n = static_cast<int64_t>(s.size());
  Calibration c;
  c.n_training = n;
  auto add_knot = [&](size_t index) {
    const double x = s[index];
    if (!c.knots.empty() && c.knots.back() == x) return;  // a tie: the first index already holds
    const auto below = std::lower_bound(s.begin(), s.end(), x) - s.begin();
    c.knots.push_back(x);
    c.shares.push_back(static_cast<double>(below) / static_cast<double>(n));
  };
  int64_t distinct_count = 1;
  for (int64_t i = 1; i < n; ++i)
    if (s[static_cast<size_t>(i)] != s[static_cast<size_t>(i - 1)]) ++distinct_count;
  if (distinct_count <= max_knots) {
    for (int64_t i = 0; i < n; ++i) add_knot(static_cast<size_t>(i));
  } else {
    // Evenly spaced order statistics: index round(k (n-1) / (K-1)), k = 0..K-1.
    const int64_t k_count = max_knots;
    for (int64_t k = 0; k < k_count; ++k) {
      const int64_t index = (k * (n - 1) * 2 + (k_count - 1)) / (2 * (k_count - 1));
      add_knot(static_cast<size_t>(index));
    }
  }
  return c;
}

double Calibration::apply(double raw) const {
  if (std::isnan(raw)) return kNaN;
  if (knots.empty()) throw Error("calibration: empty table");
  if (raw < knots.front()) return 0.0;
  if (raw > knots.back()) return 1.0;
  // First knot strictly above raw; raw sits in [knots[k], knots[k+1]).
  const auto above = std::upper_bound(knots.begin(), knots.end(), raw) - knots.begin();
  const auto k = static_cast<size_t>(above - 1);
  if (knots[k] == raw || k + 1 >= knots.size()) return shares[k];
  const double t = (raw - knots[k]) / (knots[k + 1] - knots[k]);
  return shares[k] + t * (shares[k + 1] - shares[k]);
}

void Calibration::validate(const std::string& where) const {
  if (knots.empty() || knots.size() != shares.size())
    throw Error(where + ": expected equally long, non-empty knots and shares, got " +
                std::to_string(knots.size()) + " and " + std::to_string(shares.size()));
  if (n_training < 1) throw Error(where + ".n_training: expected a positive count");
  for (size_t i = 0; i < knots.size(); ++i) {
    if (!std::isfinite(knots[i]) || !(shares[i] >= 0.0 && shares[i] < 1.0))
      throw Error(where + ": knot " + std::to_string(i) + " (" + number(knots[i]) + ", " +
                  number(shares[i]) + ") is not a finite score with a share in [0, 1)");
    if (i > 0 && !(knots[i] > knots[i - 1] && shares[i] >= shares[i - 1]))
      throw Error(where + ": knot " + std::to_string(i) +
                  " does not increase (knots strictly, shares non-decreasing)");
  }
}

// --- Stress direction --------------------------------------------------------------------------

namespace {

// A robust z-score is clipped to +-4 so one extreme feature cannot outvote the others.
constexpr double kSideClip = 4.0;

}  // namespace

bool StressDirection::active() const {
  for (double s : signs)
    if (s != 0.0) return true;
  return false;
}

StressDirection StressDirection::fit(const std::vector<double>& rows, std::vector<double> signs,
                                     double ramp, double neutral) {
  if (!(neutral >= 0.0 && neutral <= 1.0))
    throw Error("stress direction: neutral must be in [0, 1], got " + number(neutral));
  if (!(ramp > 0.0 && std::isfinite(ramp)))
    throw Error("stress direction: ramp must be a positive number, got " + number(ramp));
  const size_t k = signs.size();
  for (size_t f = 0; f < k; ++f)
    if (!(signs[f] == -1.0 || signs[f] == 0.0 || signs[f] == 1.0))
      throw Error("stress direction: sign of feature " + std::to_string(f) +
                  " must be -1, 0 or 1, got " + number(signs[f]));
  if (k == 0 || rows.size() % k != 0)
    throw Error("stress direction: expected rows of " + std::to_string(k) + " features, got " +
                std::to_string(rows.size()) + " values");
  const size_t n = rows.size() / k;
  StressDirection d;
  d.ramp = ramp;
  d.neutral = neutral;
  d.centers.assign(k, 0.0);
  d.scales.assign(k, 1.0);
  std::vector<double> column;
  for (size_t f = 0; f < k; ++f) {
    if (signs[f] == 0.0) continue;
    column.clear();
    for (size_t i = 0; i < n; ++i)
      if (std::isfinite(rows[i * k + f])) column.push_back(rows[i * k + f]);
    if (column.empty()) {
      signs[f] = 0.0;  // no training value: the feature cannot say which side a day is on
      continue;
    }
    std::sort(column.begin(), column.end());
    d.centers[f] = quantile_sorted(column, 0.5);
    double scale = quantile_sorted(column, 0.75) - quantile_sorted(column, 0.25);
    if (!(scale > 0.0)) scale = column.back() - column.front();
    d.scales[f] = scale > 0.0 ? scale : 1.0;
  }
  d.signs = std::move(signs);
  return d;
}

double StressDirection::side(const double* row) const {
  // Mean of the signed robust z-scores weighted by their size |z|: the direction in which the
  // day is extreme decides, not the features that sit near their median.
  double sum = 0.0, weights = 0.0;
  for (size_t f = 0; f < signs.size(); ++f) {
    if (signs[f] == 0.0) continue;
    const double z =
        std::max(-kSideClip, std::min(kSideClip, signs[f] * (row[f] - centers[f]) / scales[f]));
    sum += z * std::abs(z);
    weights += std::abs(z);
  }
  return weights > 0.0 ? sum / weights : 0.0;
}

double StressDirection::weight(const double* row) const {
  if (!active()) return 1.0;
  const double w = neutral + side(row) / ramp;
  if (std::isnan(w)) return 1.0;  // a missing feature: no score is taken away
  return std::max(0.0, std::min(1.0, w));
}

void StressDirection::validate(const std::string& where, size_t n_features) const {
  if (signs.size() != n_features || centers.size() != n_features || scales.size() != n_features)
    throw Error(where + ": expected signs, centers and scales of " + std::to_string(n_features) +
                " features (one per detector feature)");
  if (!(ramp > 0.0 && std::isfinite(ramp)))
    throw Error(where + ".ramp: expected a positive number, got " + number(ramp));
  if (!(neutral >= 0.0 && neutral <= 1.0))
    throw Error(where + ".neutral: expected a number in [0, 1], got " + number(neutral));
  for (size_t f = 0; f < n_features; ++f)
    if (!(signs[f] == -1.0 || signs[f] == 0.0 || signs[f] == 1.0) || !std::isfinite(centers[f]) ||
        !(scales[f] > 0.0 && std::isfinite(scales[f])))
      throw Error(where + ": feature " + std::to_string(f) + " has sign " + number(signs[f]) +
                  ", center " + number(centers[f]) + ", scale " + number(scales[f]) +
                  "; expected a sign in {-1, 0, 1}, a finite center and a positive scale");
}

double directional_score(double calibrated, double weight) {
  if (std::isnan(calibrated)) return calibrated;
  const double floor = std::min(calibrated, 0.5);
  return floor + weight * (calibrated - floor);
}

// --- Levels and thresholds -----------------------------------------------------------------

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
                number(moderate) + ", " + number(high) + ", " + number(critical));
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

}  // namespace

Thresholds compute_thresholds(const std::vector<double>& training_scores,
                              const ThresholdOptions& options) {
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
    throw Error("thresholds: confidence must be in (0, 1), got " + number(options.confidence));
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
                  number(p));
    value[i] = quantile_sorted(sorted, p / 100.0);
  }
  make_strictly_increasing(value);
  t.moderate = value[0];
  t.high = value[1];
  t.critical = value[2];
  if (options.resamples > 0) {
    // A resample is n draws with replacement from the sorted scores. Its order statistics come
    // from the draw counts per sorted index (a counting sort: O(n) per resample, the same values
    // as sorting the resample).
    Rng rng(options.seed);
    const size_t n = sorted.size();
    std::vector<int32_t> counts(n);
    std::array<std::vector<double>, 3> boot;
    auto order_statistic = [&](size_t rank, size_t& index, size_t& cumulative) {
      while (cumulative + static_cast<size_t>(counts[index]) <= rank) {
        cumulative += static_cast<size_t>(counts[index]);
        ++index;
      }
      return sorted[index];
    };
    for (int32_t b = 0; b < options.resamples; ++b) {
      std::fill(counts.begin(), counts.end(), 0);
      for (size_t i = 0; i < n; ++i) ++counts[static_cast<size_t>(rng.below(n))];
      size_t index = 0, cumulative = 0;  // ranks are visited in increasing order
      for (size_t i = 0; i < 3; ++i) {
        const double position = options.percentiles[i] / 100.0 * static_cast<double>(n - 1);
        const auto below = static_cast<size_t>(std::floor(position));
        const size_t above = std::min(below + 1, n - 1);
        const double weight = position - static_cast<double>(below);
        const double lo = order_statistic(below, index, cumulative);
        const double hi = order_statistic(above, index, cumulative);
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

// --- Ensemble per day --------------------------------------------------------------------------

EnsembleDay combine_day(const double* scores, int32_t n_detectors) {
  EnsembleDay day;
  int32_t finite = 0;
  double sum = 0.0, lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (int32_t i = 0; i < n_detectors; ++i) {
    if (!std::isfinite(scores[i])) continue;
    ++finite;
    sum += scores[i];
    lo = std::min(lo, scores[i]);
    hi = std::max(hi, scores[i]);
  }
  day.n_detectors = finite;
  if (finite != n_detectors || n_detectors == 0) {
    day.mean = day.std = day.min = day.max = kNaN;
    return day;
  }
  const double mean = sum / static_cast<double>(n_detectors);
  double squares = 0.0;
  for (int32_t i = 0; i < n_detectors; ++i) squares += (scores[i] - mean) * (scores[i] - mean);
  day.mean = mean;
  day.std = std::sqrt(squares / static_cast<double>(n_detectors));
  day.min = lo;
  day.max = hi;
  return day;
}

std::vector<RankedDetector> rank_detectors(const double* scores, int32_t n_detectors) {
  std::vector<RankedDetector> ranked;
  for (int32_t i = 0; i < n_detectors; ++i)
    if (!std::isnan(scores[i])) ranked.push_back({i, scores[i]});
  std::stable_sort(
      ranked.begin(), ranked.end(),
      [](const RankedDetector& a, const RankedDetector& b) { return a.score > b.score; });
  return ranked;
}

// --- Contamination -------------------------------------------------------------------------------

Contamination fit_contamination(const std::vector<double>& scores,
                                const std::vector<int32_t>& regimes,
                                const std::vector<double>& rates) {
  if (scores.size() != regimes.size())
    throw Error("contamination: scores and regimes must be parallel, got " +
                std::to_string(scores.size()) + " and " + std::to_string(regimes.size()));
  for (size_t r = 0; r < rates.size(); ++r)
    if (!(rates[r] >= 0.0 && rates[r] < 1.0))
      throw Error("contamination: the rate of regime " + std::to_string(r) +
                  " must be in [0, 1), got " + number(rates[r]));
  Contamination c;
  c.rates = rates;
  const size_t k = rates.size();
  std::vector<std::vector<double>> by_regime(k);
  for (size_t i = 0; i < scores.size(); ++i) {
    const int32_t r = regimes[i];
    if (r < 0 || std::isnan(scores[i])) continue;
    if (static_cast<size_t>(r) >= k)
      throw Error("contamination: regime code " + std::to_string(r) + " on day " +
                  std::to_string(i) + " has no rate (the map has " + std::to_string(k) + ")");
    by_regime[static_cast<size_t>(r)].push_back(scores[i]);
  }
  for (size_t r = 0; r < k; ++r) {
    auto& s = by_regime[r];
    c.training_days.push_back(static_cast<int64_t>(s.size()));
    if (s.empty()) {
      c.thresholds.push_back(kNaN);
      c.realized_rates.push_back(kNaN);
      continue;
    }
    std::sort(s.begin(), s.end());
    const double threshold = quantile_sorted(s, 1.0 - rates[r]);
    const auto above = s.end() - std::upper_bound(s.begin(), s.end(), threshold);
    c.thresholds.push_back(threshold);
    c.realized_rates.push_back(static_cast<double>(above) / static_cast<double>(s.size()));
  }
  return c;
}

bool contamination_flag(const Contamination& c, double score, int32_t regime) {
  if (regime < 0 || static_cast<size_t>(regime) >= c.thresholds.size() || std::isnan(score))
    return false;
  const double threshold = c.thresholds[static_cast<size_t>(regime)];
  return !std::isnan(threshold) && score > threshold;
}

// --- Persistence -------------------------------------------------------------------------------

PersistenceStats persistence_stats(const std::vector<Level>& levels) {
  PersistenceStats p;
  int64_t run_start = -1;
  const auto n = static_cast<int64_t>(levels.size());
  for (int64_t i = 0; i < n; ++i) {
    const Level level = levels[static_cast<size_t>(i)];
    if (level != Level::kUnavailable) ++p.available_days;
    const bool anomalous = level == Level::kHigh || level == Level::kCritical;
    if (anomalous) {
      ++p.total_anomaly_days;
      if (run_start < 0) run_start = i;
    } else if (run_start >= 0) {
      p.episodes.push_back({run_start, i - run_start});
      run_start = -1;
    }
  }
  if (run_start >= 0) {
    p.episodes.push_back({run_start, n - run_start});
    p.current_streak = n - run_start;
  }
  int64_t total = 0;
  for (const auto& e : p.episodes) {
    total += e.length;
    p.max_duration = std::max(p.max_duration, e.length);
  }
  if (!p.episodes.empty())
    p.mean_duration = static_cast<double>(total) / static_cast<double>(p.episodes.size());
  if (p.available_days > 0)
    p.anomaly_rate =
        static_cast<double>(p.total_anomaly_days) / static_cast<double>(p.available_days);
  return p;
}

}  // namespace vixray
