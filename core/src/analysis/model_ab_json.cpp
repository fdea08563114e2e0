// The JSON documents of a market model folder (docs/LIFECYCLE.md): NaN metrics are written as
// null (nlohmann's rule), e.g. an event recall with no event in the holdout.
#include <string>

#include "vixray/analysis/model_ab.hpp"
#include "vixray/ensemble/model_folder_names.hpp"

namespace vixray {

using nlohmann::json;

namespace {

json model_a_json(const AbModel& m, const std::string& sha256) {
  return {{"file", kModelAFile},
          {"bundle_sha256", sha256},
          {"training_samples", m.training_rows.size()},
          {"training_date_start", m.training_date_start},
          {"training_date_end", m.training_date_end},
          {"validation_samples", m.holdout_rows.size()},
          {"validation_date_start", m.holdout_date_start},
          {"validation_date_end", m.holdout_date_end},
          {"metrics", ab_metrics_json(m.metrics)}};
}

json model_b_json(const AbModel& m, const std::string& sha256) {
  return {{"file", kModelBFile},
          {"bundle_sha256", sha256},
          {"training_samples", m.training_rows.size()},
          {"training_date_start", m.training_date_start},
          {"training_date_end", m.training_date_end},
          {"test_samples", m.holdout_rows.size()},
          {"test_date_start", m.holdout_date_start},
          {"test_date_end", m.holdout_date_end},
          {"metrics", ab_metrics_json(m.metrics)},
          {"note",
           "Model B held out the last " + std::to_string(kModelBTestRows) + " rows for testing"}};
}

}  // namespace

json ab_metrics_json(const AbMetrics& metrics) {
  json shift = json::object();
  for (const auto& [domain, value] : metrics.domain_shift) shift[domain] = value;
  json events = nullptr;
  if (metrics.events)
    events = {{"events", metrics.events->events},
              {"detected", metrics.events->detected},
              {"recall", metrics.events->recall},
              {"precision", metrics.events->precision}};
  return {{"flag_rate", metrics.flag_rate},
          {"expected_flag_rate", metrics.expected_flag_rate},
          {"training_flag_rate", metrics.training_flag_rate},
          {"psi", metrics.psi},
          {"calibration_error", metrics.calibration_error},
          {"domain_shift", shift},
          {"events", events}};
}

json ab_split_json(const AbModel& m, const std::string& role) {
  const std::string held = role == "A" ? "validation" : "test";
  return {{"role", role},
          {"training_samples", m.training_rows.size()},
          {"training_date_start", m.training_date_start},
          {"training_date_end", m.training_date_end},
          {held + "_samples", m.holdout_rows.size()},
          {held + "_date_start", m.holdout_date_start},
          {held + "_date_end", m.holdout_date_end}};
}

json validation_baseline_json(const MarketAB& ab, const std::string& timestamp,
                              const std::string& sha256_a) {
  const AbModel& a = ab.a;
  return {{"format", "vixray-validation-baseline"},
          {"format_version", "1.0"},
          {"kind", "market"},
          {"timestamp", timestamp},
          {"train_val_split", kTrainValSplit},
          {"model", kModelAFile},
          {"bundle_sha256", sha256_a},
          {"date_range",
           {{"train_start", a.training_date_start},
            {"train_end", a.training_date_end},
            {"val_start", a.holdout_date_start},
            {"val_end", a.holdout_date_end}}},
          {"training_samples", a.training_rows.size()},
          {"validation_samples", a.holdout_rows.size()},
          {"metrics", ab_metrics_json(a.metrics)},
          {"score_bins", {{"edges", a.score_bins.edges}, {"shares", a.score_bins.shares}}}};
}

json dual_model_baseline_json(const MarketAB& ab, const std::string& timestamp,
                              const std::string& sha256_a, const std::string& sha256_b) {
  return {{"format", "vixray-dual-model-baseline"},
          {"format_version", "1.0"},
          {"kind", "market"},
          {"timestamp", timestamp},
          {"model_a", model_a_json(ab.a, sha256_a)},
          {"model_b", model_b_json(ab.b, sha256_b)}};
}

json ab_history_entry(const MarketAB& ab, const std::string& trained_at, const json& source,
                      const std::string& sha256_a, const std::string& sha256_b) {
  return {{"trained_at", trained_at},
          {"kind", "market"},
          {"source", source},
          {"bundles", json::array({{{"file", kModelAFile}, {"role", "A"}, {"sha256", sha256_a}},
                                   {{"file", kModelBFile}, {"role", "B"}, {"sha256", sha256_b}}})},
          {"bundle_sha256", sha256_a},
          {"model_a", model_a_json(ab.a, sha256_a)},
          {"model_b", model_b_json(ab.b, sha256_b)}};
}

}  // namespace vixray
