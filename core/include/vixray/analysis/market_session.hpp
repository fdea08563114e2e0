// A market held for a dashboard: one model, the current market (its prices, features and
// Analysis) and the explanations and what-ifs computed on it. The WebAssembly binding
// (wasm/bind_analysis.cpp) only declares this class to JavaScript.
//
// Loading and analysing are separate steps, so a page can time them and split the forests over
// two instances of the core: load() reads a market and computes its features (or
// load_for_detectors() only those its detectors read); score_loaded(k) scores detector k here,
// or scores_for(k) takes scores computed elsewhere (an instance that loaded the same market);
// commit() scores the detectors not scored yet and computes the Analysis, and the loaded market
// becomes the current one. The result does not depend on how the detectors were split. A failed
// load or commit leaves the current market as it was.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vixray/analysis/analysis.hpp"
#include "vixray/analysis/analysis_columns.hpp"
#include "vixray/analysis/pipeline.hpp"
#include "vixray/analysis/seed000_documents.hpp"
#include "vixray/data/data_source.hpp"
#include "vixray/data/frame.hpp"
#include "vixray/data/market_json.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/features/features.hpp"

namespace vixray {

class MarketSession {
 public:
  explicit MarketSession(EnsembleModel model);

  const EnsembleModel& model() const { return model_; }
  /// Every feature the model reads, in first-use order over its detectors.
  std::vector<std::string> feature_names() const;

  // ---- loading ----
  /// Computes the model's features of `frame` and holds it until commit(); returns its days.
  /// `source`: where its prices came from, as recorded (data_source.hpp; null: not recorded).
  int64_t load(Frame frame, nlohmann::json source = nullptr);
  /// load() computing only the features detectors `detectors` read, to score just those with
  /// score_loaded() while the others' scores come from elsewhere (scores_for()). commit() computes
  /// every feature first if it must score another detector itself; after it, the market's
  /// features are computed on first need (an explanation, a what-if, the documents).
  int64_t load_for_detectors(Frame frame, const std::vector<size_t>& detectors,
                             nlohmann::json source = nullptr);
  /// Scores detector k (model order) on the loaded market; one value per loaded day.
  const std::vector<double>& score_loaded(size_t k);
  /// Zeros, one per loaded day, to fill with detector k's scores computed elsewhere.
  std::vector<double>& scores_for(size_t k);
  /// The Analysis of the loaded market, which becomes the current market.
  void commit();

  // ---- the state kept between visits (analysis_state.hpp) ----
  /// The current market's state as bytes (write_analysis_state), for a page to keep.
  std::string state() const;
  /// Makes the Analysis saved in `state` the current one, computing no features and no scores.
  /// `market_text` is the market.json the state was saved from: it is read only when an
  /// explanation, a what-if or the documents need its features (and refused then unless its days
  /// are the saved ones). Throws (the current market unchanged) on a damaged state or one of
  /// another build or model.
  void restore(std::string_view state, std::string market_text);
  /// Commits the Analysis of `market`, which extends the state's market by days at the end:
  /// the features of the new days only are computed and the forests score only those days
  /// (extend_analysis_state); the other days' features are computed when an explanation of
  /// an earlier day first needs them. Throws (the current market unchanged) as restore() does, or
  /// when the market's first days are not the saved ones.
  void extend(std::string_view state, MarketDocument market);

  // ---- the current market ----
  bool has_market() const { return has_market_; }
  /// Where the current market's prices came from, said plainly (data_source.hpp).
  const DataSource& data_source() const;
  /// The current Analysis and its columns; throw unless a market was committed.
  const Analysis& analysis() const;
  const AnalysisColumns& columns() const;
  /// The explanation of one day of the current market (explain.hpp explanation_json).
  nlohmann::json explain_day(int64_t day) const;
  /// The current market with one more day (VIX close, S&P return in %): that day's summary
  /// (day_summary) and "drivers"; the current market is unchanged. The forests score only the
  /// new day (the others come from the current Analysis), so a page can answer as one types.
  nlohmann::json what_if(double vix_close, double spx_return_pct) const;
  /// The eight seed-000 documents of the current market.
  std::map<std::string, nlohmann::json> documents(const ReportContext& context) const;

 private:
  int64_t load(Frame frame, const FeatureSpec& spec, bool part_only, nlohmann::json source);
  std::vector<double>& loaded_scores(size_t k);
  void need_market() const;
  void need_frame() const;
  void need_prepared(size_t first_row) const;
  const FeatureCarry* carry_before(size_t first_row) const;
  size_t explained_from(int64_t day) const;
  void install(Analysis analysis, Frame frame, nlohmann::json source);

  EnsembleModel model_;
  bool has_market_ = false;
  // The current market's features are computed on first need (need_prepared(first_row)): those
  // of rows >= prepared_from_ are held (commit() computed every day's, extend() the new days').
  // An explanation of today or a later day (the page's default, and the documents') needs that
  // day's features only; one of an earlier day (a reader browsing the past) computes every
  // day's, once. A restored market (restore()) also reads its market.json on first need
  // (need_frame()): until then frame_ is empty and pending_market_ holds the text. Mutable:
  // filled by const readers.
  static constexpr size_t kNoFeatures = static_cast<size_t>(-1);
  mutable Frame frame_;
  mutable PreparedMarket prepared_;
  mutable size_t prepared_from_ = kNoFeatures;
  mutable std::string pending_market_;
  // The recursive features' smoothings before the current market's last day (FeatureCarry), when
  // known: kept in the state; features from that day on (need_prepared, what_if) continue from it.
  mutable std::optional<FeatureCarry> carry_;
  uint64_t pending_digest_ = 0;     // frame_digest of the restored market's days
  nlohmann::json recorded_source_;  // the current market's source as recorded (state())
  Analysis analysis_;
  AnalysisColumns columns_;
  DataSource source_;
  bool has_loaded_ = false;  // a market read by load() and not analysed yet
  Frame loaded_frame_;
  PreparedMarket loaded_prepared_;
  std::vector<std::vector<double>> loaded_scores_;  // per detector; empty = not scored yet
  bool loaded_part_only_ = false;                   // load_for_detectors(): some features
  nlohmann::json loaded_source_;
};

}  // namespace vixray
