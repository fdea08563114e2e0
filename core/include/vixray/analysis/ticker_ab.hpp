// Model A and Model B of a per-market ticker model (docs/LIFECYCLE.md, "Rows and splits"): the
// split of each ticker's complete indicator rows by time, the two trainings, their holdout
// metrics and the JSON of the folder's baselines and training-history line.
//
// Split, per ticker (n = the ticker's complete indicator rows, every indicator finite):
//   Model A trains on the ticker's first floor(0.9 n) rows; its validation rows are the rest.
//   Model B trains on the ticker's first n - 30 rows; its test rows are the last 30.
// Each model is trained by train_ticker_model on every ticker's bars cut after its last training
// row: the indicators are causal (features/spec.hpp), so the training rows' features are exactly
// those of the full bars. The holdout rows are scored by score_ticker on the full bars (the scores
// `vixray ticker score` computes: flagged = raw score > threshold).
//
// METRICS of a model on its holdout rows, pooled over the tickers (drift_metrics.hpp):
//   flag_rate           flagged holdout bars / holdout bars
//   expected_flag_rate  the contamination (the share the threshold was set for)
//   training_flag_rate  flagged training bars / training bars (the same scoring)
//   psi                 PSI of the holdout scores (calibrated, 0..1) against score_bins of the
//                       model's own training scores
//   calibration_error   calibration_error of the holdout scores (the model's one calibration)
//   domain_shift        {} (a ticker model has no domains)
//   events              null without labels; else, over the events (of the model's interval)
//                       whose matching window (ticker_quality.hpp) holds a holdout bar:
//                       {"events", "detected" (a flagged holdout bar in the window), "recall" =
//                       detected / events, "precision" = flagged holdout bars inside a window /
//                       flagged holdout bars, "flags" = flagged holdout bars} (null when undefined)
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vixray/analysis/drift_metrics.hpp"
#include "vixray/analysis/ticker_scores.hpp"
#include "vixray/ensemble/ticker_model.hpp"
#include "vixray/features/compute.hpp"
#include "vixray/sim/simulated_tickers.hpp"

namespace vixray {

constexpr double kTickerTrainShare = 0.9;  // Model A's share of each ticker's rows
constexpr int64_t kTickerTestRows = 30;    // Model B's test rows per ticker

/// One ticker's complete indicator rows and where each model's training ends.
struct TickerRowSplit {
  std::vector<int64_t> rows;  // bar indices of the complete rows, ascending
  int64_t a_training = 0;     // floor(0.9 n): rows[0 .. a_training) train A
  int64_t b_training = 0;     // n - 30: rows[0 .. b_training) train B
};

/// The split of one ticker's indicators. Throws vixray::Error naming the ticker unless it has
/// more than 30 complete rows (B needs a training row).
TickerRowSplit split_ticker_rows(const FeatureMatrix& indicators, const std::string& ticker);

/// The first `n` bars.
Bars head_bars(const Bars& bars, int64_t n);

/// One ticker's part of a model's rows (UTC seconds of the first and last bars).
struct TickerRoleRange {
  std::string ticker;
  int64_t training_samples = 0, holdout_samples = 0;
  int64_t training_start = 0, training_end = 0, holdout_start = 0, holdout_end = 0;
};

/// One trained model with its rows and metrics.
struct TickerRole {
  std::string role;  // "A" or "B"
  TickerModel model;
  int64_t training_samples = 0, holdout_samples = 0;
  int64_t training_start = 0, training_end = 0;  // over the tickers: first and last bar
  int64_t holdout_start = 0, holdout_end = 0;
  std::vector<TickerRoleRange> tickers;
  ScoreBins bins;  // score_bins of the training scores
  nlohmann::json metrics;
};

struct TickerAb {
  TickerRole a, b;
};

/// Splits, trains both models and computes their metrics. `events` null: no labels (metrics'
/// events null); else the labelled patterns (ticker_events.csv; other tickers' and intervals'
/// events are ignored).
TickerAb train_ticker_ab(const std::vector<TickerTrainFile>& files, const TickerSettings& settings,
                         const std::vector<TickerEvent>* events);

/// The metrics of one model on its rows (exposed for the tests): `scores` of each ticker's full
/// bars by score_ticker, `splits` and `training` (rows per ticker that trained the model).
nlohmann::json ticker_role_metrics(const TickerModel& model, const std::vector<Bars>& bars,
                                   const std::vector<TickerScores>& scores,
                                   const std::vector<TickerRowSplit>& splits,
                                   const std::vector<int64_t>& training,
                                   const std::vector<TickerEvent>* events, ScoreBins& bins);

/// The folder's documents (docs/LIFECYCLE.md). Files are "model_a.json" and "model_b.json";
/// `timestamp` an ISO UTC time; the SHA-256s are the sealed bundles' hex.
nlohmann::json ticker_validation_baseline(const TickerAb& ab, const std::string& sha_a,
                                          const std::string& timestamp);
nlohmann::json ticker_dual_model_baseline(const TickerAb& ab, const std::string& sha_a,
                                          const std::string& sha_b, const std::string& timestamp);
/// The training-history line without previous_sha256 (the history writer adds it).
nlohmann::json ticker_training_entry(const TickerAb& ab, const std::string& sha_a,
                                     const std::string& sha_b, const std::string& timestamp,
                                     const nlohmann::json& source);
/// The bundle's "split" member: {"role", "train_share" (A) or "test_rows" (B), "training_samples",
/// "holdout_samples", "holdout_start", "holdout_end"}.
nlohmann::json ticker_split_json(const TickerRole& role);

}  // namespace vixray
