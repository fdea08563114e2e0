#include "vixray/analysis/model_ab.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "vixray/analysis/backtest.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/dates.hpp"
#include "vixray/ensemble/detector_scores.hpp"
#include "vixray/ensemble/train.hpp"
#include "vixray/features/catalogue.hpp"

namespace vixray {

namespace {

constexpr double kAbNaN = std::numeric_limits<double>::quiet_NaN();

template <typename T>
std::vector<T> rows_of(const std::vector<T>& values, const std::vector<int64_t>& rows) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (int64_t r : rows) out.push_back(values[static_cast<size_t>(r)]);
  return out;
}

double ab_mean_finite(const std::vector<double>& values) {
  double sum = 0.0;
  size_t n = 0;
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    sum += v;
    ++n;
  }
  return n == 0 ? kAbNaN : sum / static_cast<double>(n);
}

// Column k of a row-major n x cols matrix at `rows`.
std::vector<double> ab_column_at(const std::vector<double>& matrix, size_t cols, size_t k,
                                 const std::vector<int64_t>& rows) {
  std::vector<double> out;
  out.reserve(rows.size());
  for (int64_t r : rows) out.push_back(matrix[static_cast<size_t>(r) * cols + k]);
  return out;
}

// Mean over detectors of calibration_error() of the detector's two-sided calibrated scores on
// `rows`. The scores come from score_days() (the Analysis' scorer) with the detector's stress
// direction switched off, which returns the calibrated score before the direction.
double mean_calibration_error(const EnsembleModel& model, const PreparedMarket& prepared,
                              const std::vector<int64_t>& rows) {
  if (rows.empty()) return kAbNaN;
  const AnalysisInput input = prepared.input();
  const auto columns = bind_columns(model.detectors, input.feature_names);
  const size_t begin = static_cast<size_t>(rows.front()),
               end = static_cast<size_t>(rows.back()) + 1;
  std::vector<double> scores(input.dates.size(), kAbNaN), errors;
  for (size_t k = 0; k < model.detectors.size(); ++k) {
    DetectorModel two_sided = model.detectors[k];
    two_sided.direction = StressDirection{};
    score_days(two_sided, input.features, columns[k], begin, end, scores.data());
    errors.push_back(calibration_error(rows_of(scores, rows)));
  }
  return ab_mean_finite(errors);
}

// The event metrics on `holdout` (frame rows, ascending) of one Analysis. Stress windows are
// the backtest's (episodes_of_events(), BacktestOptions): from `lookback` trading days before
// the event's start to the later of `horizon` days after it and its end.
EventMetrics event_metrics(const Analysis& analysis, const std::vector<int64_t>& holdout,
                           const std::vector<MarketEvent>& events) {
  const BacktestOptions options;
  const std::vector<Day>& dates = analysis.dates;
  const int64_t n = static_cast<int64_t>(dates.size());
  const std::vector<uint8_t> alarms = level_alarms(analysis.level);
  std::vector<uint8_t> in_holdout(dates.size(), 0);
  for (int64_t r : holdout) in_holdout[static_cast<size_t>(r)] = 1;
  std::vector<IndexWindow> windows;
  EventMetrics m;
  for (const StressEpisode& e : episodes_of_events(events)) {
    const int64_t onset = std::lower_bound(dates.begin(), dates.end(), e.onset) - dates.begin();
    const int64_t end =
        (std::upper_bound(dates.begin(), dates.end(), e.window_last) - dates.begin()) - 1;
    const IndexWindow window{onset - options.lookback, std::max(onset + options.horizon, end)};
    windows.push_back(window);
    bool overlaps = false, detected = false;
    for (int64_t i = std::max<int64_t>(window.first, 0); i <= std::min(window.last, n - 1); ++i) {
      if (in_holdout[static_cast<size_t>(i)] == 0) continue;
      overlaps = true;
      detected = detected || alarms[static_cast<size_t>(i)] != 0;
    }
    m.events += overlaps ? 1 : 0;
    m.detected += detected ? 1 : 0;
  }
  const std::vector<uint8_t> mask = window_mask(n, windows);
  int64_t alarm_days = 0, inside = 0;
  for (int64_t r : holdout) {
    if (alarms[static_cast<size_t>(r)] == 0) continue;
    ++alarm_days;
    inside += mask[static_cast<size_t>(r)];
  }
  m.recall =
      m.events > 0 ? static_cast<double>(m.detected) / static_cast<double>(m.events) : kAbNaN;
  m.precision =
      alarm_days > 0 ? static_cast<double>(inside) / static_cast<double>(alarm_days) : kAbNaN;
  return m;
}

// Trains one model on the frame cut after its last training row and sets its rows and dates.
AbModel train_part(const Frame& frame, const EnsembleSettings& settings, const MarketSplit& split,
                   size_t trained, size_t holdout_end, const char* role, const TaskRunner& run) {
  AbModel m;
  m.training_rows.assign(split.rows.begin(),
                         split.rows.begin() + static_cast<std::ptrdiff_t>(trained));
  m.holdout_rows.assign(split.rows.begin() + static_cast<std::ptrdiff_t>(trained),
                        split.rows.begin() + static_cast<std::ptrdiff_t>(holdout_end));
  m.model = train_market(frame.head(m.training_rows.back() + 1), settings, run);
  // Features only look back, so the cut frame's training rows are the first `trained` rows.
  if (m.model.training.n_observations != static_cast<int64_t>(trained))
    throw Error(std::string("model ") + role + ": trained on " +
                std::to_string(m.model.training.n_observations) + " rows, expected " +
                std::to_string(trained) + " (the first rows of the full training)");
  const auto iso = [&frame](int64_t r) {
    return format_iso(frame.dates()[static_cast<size_t>(r)]);
  };
  m.training_date_start = iso(m.training_rows.front());
  m.training_date_end = iso(m.training_rows.back());
  m.holdout_date_start = iso(m.holdout_rows.front());
  m.holdout_date_end = iso(m.holdout_rows.back());
  return m;
}

}  // namespace

MarketSplit split_rows(std::vector<int64_t> rows) {
  const int64_t n = static_cast<int64_t>(rows.size());
  if (n < kMinSplitRows)
    throw Error("model folder: only " + std::to_string(n) +
                " training rows after warm-up; Models A and B need at least " +
                std::to_string(kMinSplitRows) + " (B holds out the last " +
                std::to_string(kModelBTestRows) + ")");
  MarketSplit split;
  split.a_train = static_cast<size_t>(n * 9 / 10);  // floor(0.9 n), exact in integers
  split.b_train = static_cast<size_t>(n - kModelBTestRows);
  split.rows = std::move(rows);
  return split;
}

MarketSplit market_split(const Frame& frame, const EnsembleSettings& settings) {
  const PreparedMarket prepared = prepare_market(frame, market_feature_catalogue(frame));
  return split_rows(ensemble_training_rows(prepared.input(), settings));
}

AbMetrics ab_metrics(const AbModel& m, const Analysis& analysis, const PreparedMarket& prepared,
                     const std::vector<MarketEvent>* events) {
  AbMetrics out;
  const std::vector<uint8_t> alarms = level_alarms(analysis.level);
  const auto rate = [&](const std::vector<int64_t>& rows) {
    return flag_rate(rows_of(alarms, rows), rows_of(analysis.ensemble_score, rows));
  };
  out.flag_rate = rate(m.holdout_rows);
  out.training_flag_rate = rate(m.training_rows);
  out.expected_flag_rate = (100.0 - m.model.thresholds.percentiles[1]) / 100.0;  // 1 - HIGH pct
  out.psi =
      population_stability_index(m.score_bins, rows_of(analysis.ensemble_score, m.holdout_rows));
  out.calibration_error = mean_calibration_error(m.model, prepared, m.holdout_rows);
  const size_t domains = analysis.domain_names.size();
  for (size_t k = 0; k < domains; ++k)
    out.domain_shift.emplace_back(
        analysis.domain_names[k],
        ab_mean_finite(ab_column_at(analysis.domain_scores, domains, k, m.holdout_rows)) -
            ab_mean_finite(ab_column_at(analysis.domain_scores, domains, k, m.training_rows)));
  if (events != nullptr) out.events = event_metrics(analysis, m.holdout_rows, *events);
  return out;
}

MarketAB train_market_ab(const Frame& frame, const EnsembleSettings& settings,
                         const std::vector<MarketEvent>* events, const TaskRunner& run) {
  MarketAB ab;
  ab.split = market_split(frame, settings);
  const size_t n = ab.split.rows.size();
  ab.a = train_part(frame, settings, ab.split, ab.split.a_train, n, "A", run);
  ab.b = train_part(frame, settings, ab.split, ab.split.b_train, n, "B", run);
  for (AbModel* m : {&ab.a, &ab.b}) {
    const PreparedMarket prepared = prepare_market(frame, model_feature_spec(m->model));
    const Analysis analysis = analyze_market(m->model, prepared, run);
    m->score_bins = score_bins(rows_of(analysis.ensemble_score, m->training_rows));
    m->metrics = ab_metrics(*m, analysis, prepared, events);
  }
  return ab;
}

}  // namespace vixray
