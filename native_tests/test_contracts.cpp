// The seed-000 validation rules: a small consistent export passes; each broken rule is named.
#include <catch2/catch.hpp>

#include "vixray/analysis/seed000_contracts.hpp"

using nlohmann::json;

namespace {

// A hand-written, internally consistent export of 12 days (thresholds 0.6/0.7/0.9).
std::map<std::string, json> valid_export() {
  std::map<std::string, json> f;
  json dates = json::array(), scores = json::array(), close = json::array(),
       forward = json::array(), vix = json::array(), regimes = json::array();
  for (int i = 0; i < 12; ++i) {
    dates.push_back("2024-01-" + std::string(i + 2 < 10 ? "0" : "") + std::to_string(i + 2));
    scores.push_back(0.1 + 0.05 * i);  // last = 0.65
    close.push_back(100.0 + i);
    vix.push_back(14.0 + i);  // 14..25
    regimes.push_back(14.0 + i < 16.77 ? 0 : (14.0 + i < 24.40 ? 1 : 2));
  }
  for (int i = 0; i < 12; ++i)
    forward.push_back(i + 10 < 12 ? json(((100.0 + i + 10) / (100.0 + i) - 1.0) * 100.0)
                                  : json(nullptr));
  f["historical_anomaly_scores.json"] = {{"dates", dates},
                                         {"ensemble_scores", scores},
                                         {"spx_close", close},
                                         {"spx_forward_10d", forward}};
  const double last = scores.back().get<double>();
  f["anomaly_report.json"] = {
      {"timestamp", "2024-01-13T21:00:00Z"},
      {"ensemble",
       {{"score", last},
        {"std", 0.1},
        {"max_anomaly", 0.8},
        {"min_anomaly", 0.5},
        {"n_detectors", 3}}},
      {"domain_anomalies",
       {{"a", {{"score", 0.75}, {"percentile", 95.0}, {"level", "HIGH"}}},
        {"b", {{"score", 0.5}, {"percentile", 60.0}, {"level", "NORMAL"}}}}},
      {"persistence",
       {{"current_count", 1},
        {"max_possible", 2},
        {"percentage", 0.5},
        {"active_detectors", {"a"}},
        {"historical_stats",
         {{"current_streak", 0},
          {"mean_duration", 1.0},
          {"max_duration", 1},
          {"total_anomaly_days", 1},
          {"anomaly_rate", 0.08}}}}},
      {"top_anomalies", {{{"name", "a"}, {"score", 0.75}}, {{"name", "b"}, {"score", 0.5}}}},
      {"classification",
       {{"level", "MODERATE"},
        {"thresholds", {{"moderate", 0.6}, {"high", 0.7}, {"critical", 0.9}}}}}};
  f["anomaly_metadata.json"] = {
      {"detector_coverage",
       {{"a",
         {{"expected_features", 4},
          {"available_features", 4},
          {"coverage_pct", 100.0},
          {"status", "OK"}}}}},
      {"training_info",
       {{"training_date", "2024-01-13"},
        {"n_observations", 12},
        {"n_features", 4},
        {"contamination", 0.05}}},
      {"statistical_thresholds",
       {{"moderate", 0.6}, {"high", 0.7}, {"critical", 0.9}, {"percentiles", {85, 92, 98}}}}};
  f["dashboard_data.json"] = {
      {"vix_state",
       {{"current", 25.0},
        {"regime", "Elevated"},
        {"regime_persistence", 1},
        {"percentile_30d", 100.0},
        {"percentile_historical", 100.0}}},
      {"anomaly_analysis",
       {{"ensemble_score", last},
        {"classification", "MODERATE"},
        {"active_detectors", {"a"}},
        {"top_anomalies", json::array()},
        {"persistence_count", 1}}},
      {"regime_statistics",
       {{"current_regime",
         {{"duration_days", 1}, {"typical_duration", 1.0}, {"vix_range", {24.40, 39.67}}}},
        {"historical_distribution",
         {{"low_vol_pct", 25.0},
          {"normal_pct", 66.7},
          {"elevated_pct", 8.3},
          {"crisis_pct", 0.0}}}}}};
  f["market_state.json"] = {
      {"timestamp", "2024-01-13T21:00:00Z"},
      {"vix", {{"current", 25.0}, {"change", 1.0}, {"change_pct", 4.17}, {"regime", "Elevated"}}},
      {"spx", {{"current", 111.0}, {"change", 1.0}, {"change_pct", 0.91}}},
      {"regime_info",
       {{"name", "Elevated"},
        {"boundaries", {24.40, 39.67}},
        {"persistence_days", 1},
        {"typical_duration", 1.0}}}};
  f["regime_statistics.json"] = {
      {"bands", {16.77, 24.40, 39.67}},
      {"regime_distribution",
       {{"Low Vol", {{"count", 3}, {"percentage", 25.0}}},
        {"Normal", {{"count", 8}, {"percentage", 66.7}}},
        {"Elevated", {{"count", 1}, {"percentage", 8.3}}},
        {"Crisis", {{"count", 0}, {"percentage", 0.0}}}}},
      {"regime_transitions", json::object()},
      {"current_regime", {{"name", "Elevated"}, {"duration", 1}, {"start_date", "2024-01-13"}}}};
  f["vix_history.json"] = {{"dates", dates}, {"vix", vix}, {"regimes", regimes}};
  f["anomaly_feature_attribution.json"] = {{"shap_values", json::object()},
                                           {"permutation_importance", json::object()},
                                           {"top_features_by_domain", json::object()}};
  return f;
}

bool mentions(const std::vector<std::string>& v, const std::string& text) {
  for (const auto& s : v)
    if (s.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("a consistent export passes every seed-000 rule", "[contracts]") {
  const auto violations = vixray::validate_contracts(valid_export());
  for (const auto& v : violations) INFO(v);
  CHECK(violations.empty());
}

TEST_CASE("each broken seed-000 rule is named with file and field", "[contracts]") {
  SECTION("parallel arrays") {
    auto f = valid_export();
    f["historical_anomaly_scores.json"]["spx_close"].erase(0);
    CHECK(mentions(vixray::validate_contracts(f),
                   "historical_anomaly_scores.json: arrays are not parallel"));
  }
  SECTION("score outside [0, 1]") {
    auto f = valid_export();
    f["historical_anomaly_scores.json"]["ensemble_scores"][3] = 1.2;
    CHECK(mentions(vixray::validate_contracts(f), "ensemble_scores[3]"));
  }
  SECTION("thresholds not strictly increasing") {
    auto f = valid_export();
    f["anomaly_report.json"]["classification"]["thresholds"]["high"] = 0.95;
    CHECK(mentions(vixray::validate_contracts(f), "strictly increasing"));
  }
  SECTION("domain level uses other logic than the ensemble") {
    auto f = valid_export();
    f["anomaly_report.json"]["domain_anomalies"]["b"]["level"] = "MODERATE";
    CHECK(mentions(vixray::validate_contracts(f), "domain_anomalies/b/level"));
  }
  SECTION("a domain's own thresholds decide its level when exported") {
    auto f = valid_export();
    f["anomaly_report.json"]["domain_anomalies"]["b"]["thresholds"] = {
        {"moderate", 0.3}, {"high", 0.4}, {"critical", 0.6}};  // 0.5 is HIGH under these
    const auto v = vixray::validate_contracts(f);
    CHECK(mentions(v, "domain_anomalies/b/level"));
    CHECK(mentions(v, "persistence/current_count"));
    f["anomaly_report.json"]["domain_anomalies"]["b"]["level"] = "HIGH";
    f["anomaly_report.json"]["persistence"]["current_count"] = 2;
    f["anomaly_report.json"]["persistence"]["percentage"] = 1.0;
    f["anomaly_report.json"]["persistence"]["active_detectors"] = {"a", "b"};
    f["dashboard_data.json"]["anomaly_analysis"]["persistence_count"] = 2;
    for (const auto& x : vixray::validate_contracts(f)) INFO(x);
    CHECK(vixray::validate_contracts(f).empty());
  }
  SECTION("ensemble level inconsistent with its score") {
    auto f = valid_export();
    f["anomaly_report.json"]["classification"]["level"] = "HIGH";
    CHECK(mentions(vixray::validate_contracts(f), "classification/level"));
  }
  SECTION("forward return not null in the last 10 days, or zero instead of null") {
    auto f = valid_export();
    f["historical_anomaly_scores.json"]["spx_forward_10d"][11] = 0.0;
    CHECK(mentions(vixray::validate_contracts(f), "spx_forward_10d[11]: must be null"));
  }
  SECTION("forward return inconsistent with prices") {
    auto f = valid_export();
    f["historical_anomaly_scores.json"]["spx_forward_10d"][0] = 5.0;
    CHECK(mentions(vixray::validate_contracts(f), "spx_forward_10d[0]"));
  }
  SECTION("regime code inconsistent with VIX") {
    auto f = valid_export();
    f["vix_history.json"]["regimes"][0] = 3;
    CHECK(mentions(vixray::validate_contracts(f), "vix_history.json: regimes[0]"));
  }
  SECTION("persistence count disagrees with active domains") {
    auto f = valid_export();
    f["anomaly_report.json"]["persistence"]["current_count"] = 2;
    CHECK(mentions(vixray::validate_contracts(f), "persistence/current_count"));
  }
  SECTION("metadata thresholds differ from the report") {
    auto f = valid_export();
    f["anomaly_metadata.json"]["statistical_thresholds"]["high"] = 0.71;
    CHECK(mentions(vixray::validate_contracts(f), "anomaly_metadata.json: statistical_thresholds"));
  }
  SECTION("dashboard disagrees with the report") {
    auto f = valid_export();
    f["dashboard_data.json"]["anomaly_analysis"]["classification"] = "HIGH";
    CHECK(mentions(vixray::validate_contracts(f),
                   "dashboard_data.json: anomaly_analysis/classification"));
  }
  SECTION("a missing file") {
    auto f = valid_export();
    f.erase("vix_history.json");
    CHECK(mentions(vixray::validate_contracts(f), "vix_history.json: file is missing"));
  }
}
