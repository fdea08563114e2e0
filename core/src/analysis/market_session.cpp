#include "vixray/analysis/market_session.hpp"

#include <algorithm>
#include <utility>

#include "vixray/analysis/analysis_state.hpp"
#include "vixray/analysis/explain.hpp"
#include "vixray/analysis/what_if.hpp"
#include "vixray/base/error.hpp"
#include "vixray/ensemble/detector_scores.hpp"

namespace vixray {

MarketSession::MarketSession(EnsembleModel model) : model_(std::move(model)) {}

std::vector<std::string> MarketSession::feature_names() const {
  std::vector<std::string> names;
  for (const auto& d : model_.detectors)
    for (const auto& f : d.features)
      if (std::find(names.begin(), names.end(), f) == names.end()) names.push_back(f);
  return names;
}

int64_t MarketSession::load(Frame frame, nlohmann::json source) {
  return load(std::move(frame), model_feature_spec(model_), false, std::move(source));
}

int64_t MarketSession::load_for_detectors(Frame frame, const std::vector<size_t>& detectors,
                                          nlohmann::json source) {
  return load(std::move(frame), detectors_feature_spec(model_, detectors), true, std::move(source));
}

int64_t MarketSession::load(Frame frame, const FeatureSpec& spec, bool part_only,
                            nlohmann::json source) {
  loaded_prepared_ = prepare_market(frame, spec);
  loaded_frame_ = std::move(frame);
  loaded_scores_.assign(model_.detectors.size(), {});
  loaded_part_only_ = part_only;
  loaded_source_ = std::move(source);
  has_loaded_ = true;
  return loaded_frame_.rows();
}

std::vector<double>& MarketSession::loaded_scores(size_t k) {
  if (!has_loaded_) throw Error("no market loaded: call loadMarket or loadFiles first");
  check_detector_index(static_cast<int64_t>(k), loaded_scores_.size());
  return loaded_scores_[k];
}

const std::vector<double>& MarketSession::score_loaded(size_t k) {
  std::vector<double>& scores = loaded_scores(k);
  scores = detector_scores(model_, loaded_prepared_.input(), k);
  return scores;
}

std::vector<double>& MarketSession::scores_for(size_t k) {
  std::vector<double>& scores = loaded_scores(k);
  scores.assign(static_cast<size_t>(loaded_frame_.rows()), 0.0);
  return scores;
}

void MarketSession::commit() {
  if (!has_loaded_) throw Error("no market loaded: call loadMarket or loadFiles first");
  const bool all_scored =
      std::none_of(loaded_scores_.begin(), loaded_scores_.end(),
                   [](const std::vector<double>& scores) { return scores.empty(); });
  if (loaded_part_only_ && !all_scored) {
    loaded_prepared_ = prepare_market(loaded_frame_, model_feature_spec(model_));
    loaded_part_only_ = false;
  }
  const AnalysisInput input = loaded_prepared_.input();
  for (size_t k = 0; k < loaded_scores_.size(); ++k)
    if (loaded_scores_[k].empty()) loaded_scores_[k] = detector_scores(model_, input, k);
  Analysis analysis = analyze_scored(model_, input, std::move(loaded_scores_));
  loaded_scores_.clear();
  const bool every_feature = !loaded_part_only_;
  PreparedMarket prepared = std::move(loaded_prepared_);
  install(std::move(analysis), std::move(loaded_frame_), std::move(loaded_source_));
  if (every_feature) {  // else computed on first need (need_prepared)
    carry_ = prepared.features.carry;
    prepared_ = std::move(prepared);
    prepared_from_ = 0;
  }
}

void MarketSession::install(Analysis analysis, Frame frame, nlohmann::json source) {
  columns_ = analysis_columns(analysis);
  source_ = data_source_of(source, analysis.dates.empty() ? "" : format_iso(analysis.dates.back()));
  recorded_source_ = std::move(source);
  analysis_ = std::move(analysis);
  frame_ = std::move(frame);
  prepared_ = PreparedMarket{};
  prepared_from_ = kNoFeatures;
  carry_.reset();
  pending_market_.clear();
  loaded_frame_ = Frame{};
  loaded_prepared_ = PreparedMarket{};
  loaded_source_ = nullptr;
  has_loaded_ = false;
  has_market_ = true;
}

std::string MarketSession::state() const {
  need_frame();
  // The carry comes with the last day's features (the ones today's explanation reads).
  if (!carry_) need_prepared(analysis_.dates.empty() ? 0 : analysis_.dates.size() - 1);
  return write_analysis_state(analysis_state_of(analysis_, frame_, recorded_source_, *carry_));
}

void MarketSession::restore(std::string_view state, std::string market_text) {
  const AnalysisState saved = read_analysis_state(state);
  Analysis analysis = analysis_of_state(model_, saved);  // checks the build and the model
  install(std::move(analysis), Frame{}, saved.source);
  pending_market_ = std::move(market_text);
  pending_digest_ = saved.frame_digest;
  carry_ = saved.carry;
}

void MarketSession::extend(std::string_view state, MarketDocument market) {
  AnalysisState saved = read_analysis_state(state);
  PreparedMarket new_days;
  Analysis analysis = extend_analysis_state(model_, std::move(saved), market.frame, new_days);
  install(std::move(analysis), std::move(market.frame), std::move(market.source));
  carry_ = new_days.features.carry;
  prepared_from_ = static_cast<size_t>(new_days.features.first_row);
  prepared_ = std::move(new_days);
}

void MarketSession::need_frame() const {
  need_market();
  if (pending_market_.empty()) return;
  Frame frame = load_market_json(pending_market_);
  const size_t n = analysis_.dates.size();
  if (static_cast<size_t>(frame.rows()) != n || frame_digest(frame, n) != pending_digest_)
    throw Error("analysis state: the market.json given with the state is not the saved market");
  frame_ = std::move(frame);
  pending_market_.clear();
}

void MarketSession::need_prepared(size_t first_row) const {
  need_frame();
  if (prepared_from_ <= first_row) return;
  const FeatureCarry* carry = carry_before(first_row);
  const size_t from = carry ? carry->row : first_row;
  prepared_ = prepare_market(frame_, model_feature_spec(model_), from, carry);
  prepared_from_ = static_cast<size_t>(prepared_.features.first_row);
  carry_ = prepared_.features.carry;  // the same as before when it was known
}

const FeatureCarry* MarketSession::carry_before(size_t first_row) const {
  return carry_ && carry_->row <= first_row ? &*carry_ : nullptr;
}

size_t MarketSession::explained_from(int64_t day) const {
  return analysis_.today >= 0 && day >= analysis_.today ? static_cast<size_t>(day) : 0;
}

void MarketSession::need_market() const {
  if (!has_market_) throw Error("no market loaded: call analyzeMarket first");
}

const Analysis& MarketSession::analysis() const {
  need_market();
  return analysis_;
}

const DataSource& MarketSession::data_source() const {
  need_market();
  return source_;
}

const AnalysisColumns& MarketSession::columns() const {
  need_market();
  return columns_;
}

nlohmann::json MarketSession::explain_day(int64_t day) const {
  need_market();
  if (day < 0 || static_cast<size_t>(day) >= analysis_.dates.size())
    throw Error("explain: day index " + std::to_string(day) + " is outside [0, " +
                std::to_string(analysis_.dates.size()) + ")");
  need_prepared(explained_from(day));
  return explanation_json(model_, vixray::explain_day(model_, prepared_.input(), day), day,
                          format_iso(analysis_.dates[static_cast<size_t>(day)]));
}

nlohmann::json MarketSession::what_if(double vix_close, double spx_return_pct) const {
  need_frame();
  const Frame extended = extend_what_if(frame_, vix_close, spx_return_pct);
  // The new day's features only: analyze_appended and its explanation read no other row.
  const size_t n = analysis_.dates.size();
  const FeatureCarry* carry = carry_before(n);
  const PreparedMarket prepared =
      prepare_market(extended, model_feature_spec(model_), carry ? carry->row : n, carry);
  const Analysis analysis = analyze_appended(model_, prepared.input(), analysis_);
  const int64_t day = static_cast<int64_t>(analysis.dates.size()) - 1;
  nlohmann::json out = day_summary(analysis, model_, day);
  out["drivers"] = explanation_json(model_, vixray::explain_day(model_, prepared.input(), day), day,
                                    format_iso(analysis.dates.back()));
  return out;
}

std::map<std::string, nlohmann::json> MarketSession::documents(const ReportContext& context) const {
  need_market();
  if (analysis_.today >= 0) need_prepared(explained_from(analysis_.today));
  const auto explanations = analysis_.today >= 0
                                ? vixray::explain_day(model_, prepared_.input(), analysis_.today)
                                : std::vector<DetectorExplanation>{};
  return seed000_documents(analysis_, model_, explanations, context);
}

}  // namespace vixray
