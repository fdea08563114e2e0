// Model A and Model B of a ticker model: split, trainings, metrics (ticker_ab.hpp).
#include "vixray/analysis/ticker_ab.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "vixray/analysis/ticker_quality.hpp"
#include "vixray/base/error.hpp"
#include "vixray/features/catalogue.hpp"

namespace vixray {

using nlohmann::json;

namespace {

json ab_finite_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

bool ab_complete_row(const RowMatrix& v, Eigen::Index r) {
  for (Eigen::Index c = 0; c < v.cols(); ++c)
    if (!std::isfinite(v(r, c))) return false;
  return true;
}

// Events of one ticker and interval whose window [start - tol, end + tol] holds a bar of
// `times` (ascending).
std::vector<TickerEvent> ab_events_touching(const std::vector<TickerEvent>& events,
                                            const std::string& ticker, const std::string& interval,
                                            const std::vector<int64_t>& times,
                                            int64_t tolerance_s) {
  std::vector<TickerEvent> out;
  for (const TickerEvent& e : events) {
    if (e.ticker != ticker || e.interval != interval) continue;
    const auto it = std::lower_bound(times.begin(), times.end(), e.start - tolerance_s);
    if (it != times.end() && *it <= e.end + tolerance_s) out.push_back(e);
  }
  return out;
}

json ab_events_json(const FlagQuality& q) {
  const double precision =
      q.flags > 0 ? static_cast<double>(q.flags - q.false_flags) / static_cast<double>(q.flags)
                  : std::nan("");
  return json{{"events", q.events},
              {"detected", q.found},
              {"recall", ab_finite_or_null(recall_of(q))},
              {"precision", ab_finite_or_null(precision)},
              {"flags", q.flags}};
}

// Scores, flags and times of rows [from, to) of a split.
struct AbRows {
  std::vector<double> scores;
  std::vector<uint8_t> flags;
  std::vector<int64_t> times;
};
void ab_take_rows(const Bars& bars, const TickerScores& s, const TickerRowSplit& split,
                  int64_t from, int64_t to, AbRows& out) {
  for (int64_t k = from; k < to; ++k) {
    const auto r = static_cast<size_t>(split.rows[static_cast<size_t>(k)]);
    out.scores.push_back(s.score[r]);
    out.flags.push_back(s.flagged[r]);
    out.times.push_back(bars.time[r]);
  }
}

TickerRoleRange ab_range_of(const Bars& bars, const TickerRowSplit& split, int64_t training) {
  const auto time_at = [&](int64_t k) {
    return bars.time[static_cast<size_t>(split.rows[static_cast<size_t>(k)])];
  };
  const auto n = static_cast<int64_t>(split.rows.size());
  TickerRoleRange r;
  r.ticker = bars.ticker;
  r.training_samples = training;
  r.holdout_samples = n - training;
  r.training_start = time_at(0);
  r.training_end = time_at(training - 1);
  r.holdout_start = time_at(training);
  r.holdout_end = time_at(n - 1);
  return r;
}

TickerRole ab_train_role(const std::string& role, const std::vector<TickerTrainFile>& files,
                         const TickerSettings& settings, const std::vector<TickerRowSplit>& splits,
                         const std::vector<TickerEvent>* events) {
  TickerRole out;
  out.role = role;
  std::vector<int64_t> training;
  std::vector<TickerTrainFile> cut;
  std::vector<Bars> bars;
  for (size_t i = 0; i < files.size(); ++i) {
    const TickerRowSplit& s = splits[i];
    const int64_t k = role == "A" ? s.a_training : s.b_training;
    training.push_back(k);
    cut.push_back(TickerTrainFile{head_bars(files[i].bars, s.rows[static_cast<size_t>(k - 1)] + 1),
                                  files[i].asset_class});
    bars.push_back(files[i].bars);
    out.tickers.push_back(ab_range_of(files[i].bars, s, k));
  }
  out.model = train_ticker_model(cut, settings);
  std::vector<TickerScores> scores;
  for (const Bars& b : bars) scores.push_back(score_ticker(out.model, b));
  out.metrics = ticker_role_metrics(out.model, bars, scores, splits, training, events, out.bins);
  out.training_start = out.tickers.front().training_start;
  out.training_end = out.tickers.front().training_end;
  out.holdout_start = out.tickers.front().holdout_start;
  out.holdout_end = out.tickers.front().holdout_end;
  for (const TickerRoleRange& t : out.tickers) {
    out.training_samples += t.training_samples;
    out.holdout_samples += t.holdout_samples;
    out.training_start = std::min(out.training_start, t.training_start);
    out.training_end = std::max(out.training_end, t.training_end);
    out.holdout_start = std::min(out.holdout_start, t.holdout_start);
    out.holdout_end = std::max(out.holdout_end, t.holdout_end);
  }
  if (out.training_samples != out.model.training_rows)
    throw Error("ticker model " + role + ": trained on " + std::to_string(out.model.training_rows) +
                " rows, the split gave " + std::to_string(out.training_samples));
  return out;
}

}  // namespace

TickerRowSplit split_ticker_rows(const FeatureMatrix& indicators, const std::string& ticker) {
  TickerRowSplit s;
  const RowMatrix& v = indicators.values;
  for (Eigen::Index r = 0; r < v.rows(); ++r)
    if (ab_complete_row(v, r)) s.rows.push_back(static_cast<int64_t>(r));
  const auto n = static_cast<int64_t>(s.rows.size());
  if (n <= kTickerTestRows)
    throw Error("ticker " + ticker + ": " + std::to_string(n) +
                " complete indicator rows; Model A and Model B need more than " +
                std::to_string(kTickerTestRows) + " (give more bars)");
  // floor(0.9 n) in integers: 9 n / 10 (no rounding of 0.9 n in floating point).
  s.a_training = 9 * n / 10;
  s.b_training = n - kTickerTestRows;
  return s;
}

Bars head_bars(const Bars& bars, int64_t n) {
  const auto k = static_cast<std::ptrdiff_t>(std::clamp<int64_t>(n, 0, bars.size()));
  Bars out;
  out.ticker = bars.ticker;
  out.daily = bars.daily;
  out.time.assign(bars.time.begin(), bars.time.begin() + k);
  out.open.assign(bars.open.begin(), bars.open.begin() + k);
  out.high.assign(bars.high.begin(), bars.high.begin() + k);
  out.low.assign(bars.low.begin(), bars.low.begin() + k);
  out.close.assign(bars.close.begin(), bars.close.begin() + k);
  out.volume.assign(bars.volume.begin(), bars.volume.begin() + k);
  return out;
}

json ticker_role_metrics(const TickerModel& model, const std::vector<Bars>& bars,
                         const std::vector<TickerScores>& scores,
                         const std::vector<TickerRowSplit>& splits,
                         const std::vector<int64_t>& training,
                         const std::vector<TickerEvent>* events, ScoreBins& bins) {
  AbRows train, hold;
  FlagQuality quality;
  const std::string interval = interval_name(model.interval_s, model.daily);
  const int64_t tolerance = match_tolerance_s(model.interval_s, model.daily);
  for (size_t i = 0; i < bars.size(); ++i) {
    const auto n = static_cast<int64_t>(splits[i].rows.size());
    ab_take_rows(bars[i], scores[i], splits[i], 0, training[i], train);
    AbRows mine;
    ab_take_rows(bars[i], scores[i], splits[i], training[i], n, mine);
    if (events) {
      const auto touching =
          ab_events_touching(*events, bars[i].ticker, interval, mine.times, tolerance);
      add_quality(quality, evaluate_flags(mine.times, mine.flags, touching, tolerance));
    }
    hold.scores.insert(hold.scores.end(), mine.scores.begin(), mine.scores.end());
    hold.flags.insert(hold.flags.end(), mine.flags.begin(), mine.flags.end());
  }
  bins = score_bins(train.scores);
  return json{{"flag_rate", ab_finite_or_null(flag_rate(hold.flags, hold.scores))},
              {"expected_flag_rate", model.contamination},
              {"training_flag_rate", ab_finite_or_null(flag_rate(train.flags, train.scores))},
              {"psi", ab_finite_or_null(population_stability_index(bins, hold.scores))},
              {"calibration_error", ab_finite_or_null(calibration_error(hold.scores))},
              {"domain_shift", json::object()},
              {"events", events ? ab_events_json(quality) : json(nullptr)}};
}

TickerAb train_ticker_ab(const std::vector<TickerTrainFile>& files, const TickerSettings& settings,
                         const std::vector<TickerEvent>* events) {
  if (files.empty()) throw Error("ticker model: expected at least one file of bars");
  const FeatureSpec spec = ticker_feature_catalogue(settings.price_relative);
  std::vector<TickerRowSplit> splits;
  for (const TickerTrainFile& f : files)
    splits.push_back(split_ticker_rows(ticker_indicators(spec, f.bars), f.bars.ticker));
  TickerAb ab;
  ab.a = ab_train_role("A", files, settings, splits, events);
  ab.b = ab_train_role("B", files, settings, splits, events);
  return ab;
}

}  // namespace vixray
