// The two models of a market model folder (docs/LIFECYCLE.md "Rows and splits"): Model A trained
// on the first 90% of the training rows after warm-up and validated on the rest, Model B trained
// on every row but the last 30 and tested on those 30, both by train_market() on the frame cut
// after their last training row (Frame::head), and each model's baseline metrics on its holdout,
// computed from its Analysis of the full frame (analyze_market(), rows sliced). README.md defines
// every metric. Pure: the CLI reads the data, hashes the bundles and writes the folder.
#pragma once
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vixray/analysis/analysis.hpp"
#include "vixray/analysis/drift_metrics.hpp"
#include "vixray/analysis/pipeline.hpp"
#include "vixray/base/tasks.hpp"
#include "vixray/data/frame.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/settings.hpp"
#include "vixray/sim/simulate.hpp"

namespace vixray {

constexpr double kTrainValSplit = 0.9;   // Model A's share of the training rows
constexpr int64_t kModelBTestRows = 30;  // Model B's test rows (the last ones)
constexpr int64_t kMinSplitRows = 47;    // the fewest rows giving both models >= 16 rows

/// The split of the n training rows after warm-up (frame row indices, ascending).
struct MarketSplit {
  std::vector<int64_t> rows;  // the rows the full model trains on (ensemble_training_rows())
  size_t a_train = 0;         // Model A trains on rows[0, a_train): floor(0.9 n)
  size_t b_train = 0;         // Model B trains on rows[0, b_train): n - 30
  /// Frame rows A (B) is trained on: Frame::head(a_cut()) ends at its last training row.
  int64_t a_cut() const { return rows[a_train - 1] + 1; }
  int64_t b_cut() const { return rows[b_train - 1] + 1; }
};

/// The split of given training rows; throws vixray::Error when there are fewer than
/// kMinSplitRows of them.
MarketSplit split_rows(std::vector<int64_t> rows);
/// The split of a frame's training rows (the catalogue train_market() uses on the frame).
MarketSplit market_split(const Frame& frame, const EnsembleSettings& settings);

struct EventMetrics {
  int64_t events = 0;      // non-calm events whose stress window overlaps the holdout
  int64_t detected = 0;    // of those, with an alarm (HIGH or above) on a holdout day in the window
  double recall = 0.0;     // detected / events (NaN when no event)
  double precision = 0.0;  // holdout alarm days inside a stress window / holdout alarm days (NaN
                           // when no alarm day)
};

struct AbMetrics {
  double flag_rate = 0.0, expected_flag_rate = 0.0, training_flag_rate = 0.0;
  double psi = 0.0, calibration_error = 0.0;
  std::vector<std::pair<std::string, double>> domain_shift;  // model's domain order
  std::optional<EventMetrics> events;                        // labels exist (simulated data)
};

/// One model of the folder with its rows and baseline.
struct AbModel {
  EnsembleModel model;
  std::vector<int64_t> training_rows, holdout_rows;  // frame rows
  std::string training_date_start, training_date_end, holdout_date_start, holdout_date_end;
  ScoreBins score_bins;  // of the ensemble score on its training rows (PSI reference)
  AbMetrics metrics;
};

struct MarketAB {
  MarketSplit split;
  AbModel a, b;
};

/// Splits, trains A and B, analyses the full frame with each and computes the metrics. `events`
/// are the simulator's events (nullptr: no labels, metrics.events empty); `run` runs the
/// detectors of each Analysis.
MarketAB train_market_ab(const Frame& frame, const EnsembleSettings& settings,
                         const std::vector<MarketEvent>* events,
                         const TaskRunner& run = run_serially);

/// The metrics of one model on its rows, from its Analysis of the full frame (`prepared` is
/// the frame prepared with the model's spec, for the two-sided calibrated scores).
AbMetrics ab_metrics(const AbModel& m, const Analysis& analysis, const PreparedMarket& prepared,
                     const std::vector<MarketEvent>* events);

// -------------------------------------------------------------------------------------------
// The folder's JSON documents (docs/LIFECYCLE.md; SHA-256s given by the caller)

nlohmann::json ab_metrics_json(const AbMetrics& metrics);
/// training_data.split of a bundle: role "A" (validation_*) or "B" (test_*).
nlohmann::json ab_split_json(const AbModel& m, const std::string& role);
nlohmann::json validation_baseline_json(const MarketAB& ab, const std::string& timestamp,
                                        const std::string& sha256_a);
nlohmann::json dual_model_baseline_json(const MarketAB& ab, const std::string& timestamp,
                                        const std::string& sha256_a, const std::string& sha256_b);
/// The training history entry (previous_sha256 is added by history_line()).
nlohmann::json ab_history_entry(const MarketAB& ab, const std::string& trained_at,
                                const nlohmann::json& source, const std::string& sha256_a,
                                const std::string& sha256_b);

}  // namespace vixray
