// The model folder's documents for a ticker model: validation_baseline.json,
// dual_model_baseline.json and the training-history line (ticker_ab.hpp, docs/LIFECYCLE.md).
#include <string>

#include "vixray/analysis/ticker_ab.hpp"
#include "vixray/ensemble/model_folder_names.hpp"

namespace vixray {

using nlohmann::json;

namespace {

std::string ab_time_text(const TickerRole& role, int64_t utc) {
  return format_bar_time(utc, role.model.daily);
}

json ab_bins_json(const ScoreBins& bins) {
  return json{{"edges", bins.edges}, {"shares", bins.shares}};
}

json ab_tickers_json(const TickerRole& role) {
  json out = json::array();
  for (const TickerRoleRange& t : role.tickers)
    out.push_back(json{{"ticker", t.ticker},
                       {"training_samples", t.training_samples},
                       {"training_start", ab_time_text(role, t.training_start)},
                       {"training_end", ab_time_text(role, t.training_end)},
                       {"holdout_samples", t.holdout_samples},
                       {"holdout_start", ab_time_text(role, t.holdout_start)},
                       {"holdout_end", ab_time_text(role, t.holdout_end)}});
  return out;
}

// One model's entry of dual_model_baseline.json: B names its holdout "test", A "validation".
json ab_role_json(const TickerRole& role, const std::string& file, const std::string& sha) {
  const std::string holdout = role.role == "A" ? "validation" : "test";
  json out{{"file", file},
           {"bundle_sha256", sha},
           {"training_samples", role.training_samples},
           {"training_date_start", ab_time_text(role, role.training_start)},
           {"training_date_end", ab_time_text(role, role.training_end)},
           {holdout + "_samples", role.holdout_samples},
           {holdout + "_date_start", ab_time_text(role, role.holdout_start)},
           {holdout + "_date_end", ab_time_text(role, role.holdout_end)},
           {"metrics", role.metrics},
           {"tickers", ab_tickers_json(role)}};
  if (role.role == "B")
    out["note"] = "Model B held out the last " + std::to_string(kTickerTestRows) +
                  " rows of each ticker for testing";
  return out;
}

json ab_header(const char* format, const TickerAb& ab, const std::string& timestamp) {
  return json{{"format", format},
              {"format_version", "1.0"},
              {"kind", "ticker"},
              {"market", ab.a.model.market},
              {"interval", interval_name(ab.a.model.interval_s, ab.a.model.daily)},
              {"timestamp", timestamp}};
}

}  // namespace

json ticker_validation_baseline(const TickerAb& ab, const std::string& sha_a,
                                const std::string& timestamp) {
  json out = ab_header("vixray-validation-baseline", ab, timestamp);
  const TickerRole& a = ab.a;
  out["train_val_split"] = kTickerTrainShare;
  out["model"] = kModelAFile;
  out["bundle_sha256"] = sha_a;
  out["date_range"] = json{{"train_start", ab_time_text(a, a.training_start)},
                           {"train_end", ab_time_text(a, a.training_end)},
                           {"val_start", ab_time_text(a, a.holdout_start)},
                           {"val_end", ab_time_text(a, a.holdout_end)}};
  out["training_samples"] = a.training_samples;
  out["validation_samples"] = a.holdout_samples;
  out["metrics"] = a.metrics;
  out["score_bins"] = ab_bins_json(a.bins);
  out["tickers"] = ab_tickers_json(a);
  return out;
}

json ticker_dual_model_baseline(const TickerAb& ab, const std::string& sha_a,
                                const std::string& sha_b, const std::string& timestamp) {
  json out = ab_header("vixray-dual-model-baseline", ab, timestamp);
  out["model_a"] = ab_role_json(ab.a, kModelAFile, sha_a);
  out["model_b"] = ab_role_json(ab.b, kModelBFile, sha_b);
  return out;
}

json ticker_training_entry(const TickerAb& ab, const std::string& sha_a, const std::string& sha_b,
                           const std::string& timestamp, const json& source) {
  return json{
      {"trained_at", timestamp},
      {"kind", "ticker"},
      {"market", ab.a.model.market},
      {"interval", interval_name(ab.a.model.interval_s, ab.a.model.daily)},
      {"source", source},
      {"bundles", json::array({json{{"file", kModelAFile}, {"role", "A"}, {"sha256", sha_a}},
                               json{{"file", kModelBFile}, {"role", "B"}, {"sha256", sha_b}}})},
      {"bundle_sha256", sha_a},
      {"model_a", ab_role_json(ab.a, kModelAFile, sha_a)},
      {"model_b", ab_role_json(ab.b, kModelBFile, sha_b)}};
}

json ticker_split_json(const TickerRole& role) {
  json out{{"role", role.role}};
  if (role.role == "A")
    out["train_share"] = kTickerTrainShare;
  else
    out["test_rows"] = kTickerTestRows;
  out["training_samples"] = role.training_samples;
  out["holdout_samples"] = role.holdout_samples;
  out["holdout_start"] = ab_time_text(role, role.holdout_start);
  out["holdout_end"] = ab_time_text(role, role.holdout_end);
  return out;
}

}  // namespace vixray
