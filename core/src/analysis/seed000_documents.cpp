#include "vixray/analysis/seed000_documents.hpp"

#include <algorithm>
#include <cmath>

#include "vixray/analysis/analysis.hpp"
#include "vixray/analysis/explain.hpp"
#include "vixray/analysis/partial_day.hpp"
#include "vixray/base/error.hpp"
#include "vixray/ensemble/importance.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/model_io.hpp"
#include "vixray/ensemble/regimes.hpp"
#include "vixray/ensemble/subsets.hpp"
#include "vixray/ensemble/thresholds.hpp"

namespace vixray {
namespace {

using nlohmann::json;

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json thresholds_json(const Thresholds& t) {
  return {{"moderate", t.moderate}, {"high", t.high}, {"critical", t.critical}};
}

// 100 * share of values (finite) strictly below `x`.
double percentile_of(double x, const std::vector<double>& values) {
  int64_t below = 0, total = 0;
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    ++total;
    below += v < x;
  }
  return total ? 100.0 * static_cast<double>(below) / static_cast<double>(total) : 0.0;
}

std::string regime_name(const RegimeConfig& config, int32_t code) {
  return code >= 0 && code < config.count() ? config.names[static_cast<size_t>(code)] : "";
}

json regime_range(const RegimeConfig& config, int32_t code) {
  if (code < 0) return json::array({nullptr, nullptr});
  const auto [lo, hi] = config.range(code);
  return json::array({lo, std::isfinite(hi) ? json(hi) : json(nullptr)});
}

// --- anomaly_report.json ------------------------------------------------------------------------

// The thresholds domain j's level follows on day t: its own, or on a partial day those of the
// partial domain that scored it (ensemble/subsets.hpp).
const Thresholds& domain_thresholds_on(const EnsembleModel& model, const Analysis& a, size_t j,
                                       size_t t) {
  const DomainModel& domain = model.domains[j];
  const int32_t chosen = choose_subset(domain.subsets, domain.detectors,
                                       a.detector_scores.data() + t * a.detector_names.size());
  return chosen >= 0 ? domain.subsets[static_cast<size_t>(chosen)].thresholds : domain.thresholds;
}

// Today's domains; a domain none of whose detectors could score today is left out (the report's
// classification/partial names it).
json domain_anomalies_json(const Analysis& a, const EnsembleModel& model) {
  const auto today = static_cast<size_t>(a.today);
  const size_t n = a.dates.size();
  const size_t domains = a.domain_names.size();
  json domain_anomalies = json::object();
  std::vector<double> history;
  for (size_t j = 0; j < domains; ++j) {
    const double score = a.domain_scores[today * domains + j];
    if (!std::isfinite(score)) continue;
    history.clear();
    for (size_t t = 0; t < n; ++t) history.push_back(a.domain_scores[t * domains + j]);
    domain_anomalies[a.domain_names[j]] = {
        {"score", score},
        {"percentile", percentile_of(score, history)},
        {"level", level_name(a.domain_levels[today * domains + j])},
        {"thresholds", thresholds_json(domain_thresholds_on(model, a, j, today))}};
  }
  return domain_anomalies;
}

// The domains at or above their HIGH threshold today (anomaly_report and dashboard_data).
json active_domains_json(const Analysis& a) {
  json active = json::array();
  for (int32_t j : a.domains_at_high) active.push_back(a.domain_names[static_cast<size_t>(j)]);
  return active;
}

json top_anomalies_json(const Analysis& a) {
  json top = json::array();
  for (const auto& r : a.top_anomalies)
    top.push_back(
        {{"name", a.detector_names[static_cast<size_t>(r.detector)]}, {"score", r.score}});
  return top;
}

// max_possible: the domains with a score today (all of them but on a partial day).
json persistence_json(const Analysis& a, const json& active) {
  const size_t m = a.domain_names.size(), today = static_cast<size_t>(a.today);
  size_t domains = 0;
  for (size_t j = 0; j < m; ++j) domains += std::isfinite(a.domain_scores[today * m + j]) ? 1 : 0;
  const auto& p = a.persistence;
  return {{"current_count", static_cast<int64_t>(active.size())},
          {"max_possible", static_cast<int64_t>(domains)},
          {"percentage",
           domains ? static_cast<double>(active.size()) / static_cast<double>(domains) : 0.0},
          {"active_detectors", active},
          {"historical_stats",
           {{"current_streak", p.current_streak},
            {"mean_duration", p.mean_duration},
            {"max_duration", p.max_duration},
            {"total_anomaly_days", p.total_anomaly_days},
            {"anomaly_rate", p.anomaly_rate}}}};
}

// Today's level and the thresholds it follows. On a partial day (some detectors could not
// score: a series or field missing) those are the thresholds fitted at training for the
// detectors that did, "partial" says which, and "model_thresholds" keeps the model's own.
json classification_json(const Analysis& a, const EnsembleModel& model) {
  const auto today = static_cast<size_t>(a.today);
  const PartialDay partial = partial_day(model, a, today);
  json classification = {{"level", level_name(a.level[today])},
                         {"thresholds", thresholds_json(partial.thresholds)}};
  if (partial.partial) {
    classification["model_thresholds"] = thresholds_json(model.thresholds);
    classification["partial"] = partial_day_json(partial);
  }
  return classification;
}

json anomaly_report(const Analysis& a, const EnsembleModel& model, const ReportContext& context) {
  const auto today = static_cast<size_t>(a.today);
  return {{"timestamp", context.timestamp},
          {"date", format_iso(a.dates[today])},
          {"ensemble",
           {{"score", a.ensemble_score[today]},
            {"std", a.ensemble_std[today]},
            {"max_anomaly", a.ensemble_max[today]},
            {"min_anomaly", a.ensemble_min[today]},
            {"n_detectors", static_cast<int64_t>(a.detectors_scored[today])}}},
          {"domain_anomalies", domain_anomalies_json(a, model)},
          {"persistence", persistence_json(a, active_domains_json(a))},
          {"top_anomalies", top_anomalies_json(a)},
          {"classification", classification_json(a, model)}};
}

// --- historical_anomaly_scores.json and vix_history.json: from the first scored day on ----------

size_t first_scored_day(const Analysis& a) {
  size_t first = 0;
  while (first < a.dates.size() && !std::isfinite(a.ensemble_score[first])) ++first;
  return first;
}

json historical_anomaly_scores(const Analysis& a) {
  json dates = json::array(), scores = json::array(), close = json::array(),
       forward = json::array();
  for (size_t t = first_scored_day(a); t < a.dates.size(); ++t) {
    dates.push_back(format_iso(a.dates[t]));
    scores.push_back(number_or_null(a.ensemble_score[t]));
    close.push_back(a.spx_close[t]);
    forward.push_back(number_or_null(a.forward_return[t]));
  }
  return {{"dates", dates},
          {"ensemble_scores", scores},
          {"spx_close", close},
          {"spx_forward_10d", forward}};
}

json vix_history(const Analysis& a) {
  json vix_dates = json::array(), vix = json::array(), regimes = json::array();
  for (size_t t = first_scored_day(a); t < a.dates.size(); ++t) {
    const int32_t code = a.regimes.regime[t];
    if (code < 0) continue;  // days without a VIX value are left out
    vix_dates.push_back(format_iso(a.dates[t]));
    vix.push_back(a.vix_close[t]);
    regimes.push_back(code);
  }
  return {{"dates", vix_dates}, {"vix", vix}, {"regimes", regimes}};
}

// --- regime_statistics.json ----------------------------------------------------------------------

json transition_probabilities_json(const RegimeStats& rs) {
  json matrix = json::array();
  for (const auto& row : rs.transition_probability) {
    json out = json::array();
    for (double v : row) out.push_back(number_or_null(v));
    matrix.push_back(out);
  }
  return matrix;
}

json regime_statistics(const Analysis& a, const RegimeConfig& bands) {
  const auto& rs = a.regimes;
  const int32_t current = rs.current_regime;
  json distribution = json::object(), transitions = json::object();
  for (int32_t r = 0; r < bands.count(); ++r) {
    const auto k = static_cast<size_t>(r);
    distribution[bands.names[k]] = {{"count", rs.count[k]}, {"percentage", rs.percentage[k]}};
    transitions[bands.names[k]] = {{"mean_duration", rs.durations[k].mean_duration},
                                   {"max_duration", rs.durations[k].max_duration}};
  }
  return {{"bands", bands.bounds},
          {"regime_names", bands.names},
          {"regime_distribution", distribution},
          {"regime_transitions", transitions},
          {"transition_matrix",
           {{"counts", rs.transitions}, {"probabilities", transition_probabilities_json(rs)}}},
          {"current_regime",
           {{"name", regime_name(bands, current)},
            {"duration", rs.days_in_current},
            {"start_date", rs.current_start >= 0
                               ? format_iso(a.dates[static_cast<size_t>(rs.current_start)])
                               : ""}}}};
}

// --- market_state.json and dashboard_data.json ---------------------------------------------------

// Mean duration of the current regime (0 when there is none).
double typical_duration(const RegimeStats& rs) {
  const int32_t current = rs.current_regime;
  return current >= 0 ? rs.durations[static_cast<size_t>(current)].mean_duration : 0.0;
}

json market_state(const Analysis& a, const RegimeConfig& bands, const ReportContext& context) {
  const size_t n = a.dates.size();
  const auto& rs = a.regimes;
  const int32_t current = rs.current_regime;
  const double vix_now = a.vix_close[n - 1];
  const double vix_prev = n > 1 ? a.vix_close[n - 2] : vix_now;
  const double spx_now = a.spx_close[n - 1];
  const double spx_prev = n > 1 ? a.spx_close[n - 2] : spx_now;
  return {{"timestamp", context.timestamp},
          {"date", format_iso(a.dates[n - 1])},
          {"vix",
           {{"current", vix_now},
            {"change", vix_now - vix_prev},
            {"change_pct", (vix_now / vix_prev - 1.0) * 100.0},
            {"regime", regime_name(bands, current)}}},
          {"spx",
           {{"current", spx_now},
            {"change", spx_now - spx_prev},
            {"change_pct", (spx_now / spx_prev - 1.0) * 100.0}}},
          {"regime_info",
           {{"name", regime_name(bands, current)},
            {"boundaries", regime_range(bands, current)},
            {"persistence_days", rs.days_in_current},
            {"typical_duration", typical_duration(rs)}}}};
}

// Share of days per regime under the seed's key names (the fifth band on keeps its own name).
json historical_distribution_json(const RegimeStats& rs, const RegimeConfig& bands) {
  json pct_by_name = json::object();
  const char* const keys[4] = {"low_vol_pct", "normal_pct", "elevated_pct", "crisis_pct"};
  for (int32_t r = 0; r < bands.count(); ++r)
    pct_by_name[r < 4 ? keys[r] : bands.names[static_cast<size_t>(r)]] =
        rs.percentage[static_cast<size_t>(r)];
  return pct_by_name;
}

json dashboard_data(const Analysis& a, const RegimeConfig& bands) {
  const auto today = static_cast<size_t>(a.today);
  const size_t n = a.dates.size();
  const auto& rs = a.regimes;
  const int32_t current = rs.current_regime;
  const double vix_now = a.vix_close[n - 1];
  const std::vector<double> last30(
      a.vix_close.end() - static_cast<std::ptrdiff_t>(std::min<size_t>(30, n)), a.vix_close.end());
  const json active = active_domains_json(a);
  return {{"vix_state",
           {{"current", vix_now},
            {"regime", regime_name(bands, current)},
            {"regime_persistence", rs.days_in_current},
            {"percentile_30d", percentile_of(vix_now, last30)},
            {"percentile_historical", percentile_of(vix_now, a.vix_close)}}},
          {"anomaly_analysis",
           {{"ensemble_score", a.ensemble_score[today]},
            {"classification", level_name(a.level[today])},
            {"active_detectors", active},
            {"top_anomalies", top_anomalies_json(a)},
            {"persistence_count", static_cast<int64_t>(active.size())}}},
          {"regime_statistics",
           {{"current_regime",
             {{"duration_days", rs.days_in_current},
              {"typical_duration", typical_duration(rs)},
              {"vix_range", regime_range(bands, current)}}},
            {"historical_distribution", historical_distribution_json(rs, bands)}}}};
}

// --- anomaly_metadata.json -----------------------------------------------------------------------

json detector_coverage_json(const EnsembleModel& model) {
  json coverage = json::object();
  for (const auto& c : model.coverage) coverage[c.domain] = coverage_to_json(c);
  return coverage;
}

json contamination_json(const EnsembleModel& model) {
  const RegimeConfig& bands = model.regimes;
  json expected = json::object(), realized = json::object();
  for (int32_t r = 0; r < bands.count(); ++r) {
    const auto k = static_cast<size_t>(r);
    const std::string& name = bands.names[k];
    if (k < model.contamination.rates.size()) expected[name] = model.contamination.rates[k];
    if (k < model.contamination.realized_rates.size())
      realized[name] = number_or_null(model.contamination.realized_rates[k]);
  }
  return {{"mode", "regime_adaptive"},
          {"expected_rate_by_regime", expected},
          {"realized_training_rate_by_regime", realized}};
}

json statistical_thresholds_json(const Thresholds& th) {
  json ci = json::object();
  const char* const level_keys[3] = {"moderate", "high", "critical"};
  for (size_t k = 0; k < 3; ++k) ci[level_keys[k]] = {th.ci_low[k], th.ci_high[k]};
  return {{"moderate", th.moderate},
          {"high", th.high},
          {"critical", th.critical},
          {"percentiles", {85, 92, 98}},
          {"confidence_intervals", ci},
          {"confidence", th.confidence},
          {"bootstrap_resamples", th.resamples}};
}

json anomaly_metadata(const EnsembleModel& model, const ReportContext& context) {
  return {{"detector_coverage", detector_coverage_json(model)},
          {"training_info",
           {{"training_date", context.training_date},
            {"first_date", model.training.first_date},
            {"last_date", model.training.last_date},
            {"n_observations", model.training.n_observations},
            {"n_features", model.training.n_features},
            {"n_detectors", model.training.n_detectors},
            {"contamination", contamination_json(model)}}},
          {"statistical_thresholds", statistical_thresholds_json(model.thresholds)}};
}

// --- anomaly_feature_attribution.json ------------------------------------------------------------

// TreeSHAP on the expected path length; a shorter path is more anomalous, so the contribution to
// the anomaly is -phi (positive = pushes today's score up). Averaged over a domain's detectors
// that read the feature: {feature: mean contribution}.
std::map<std::string, double> domain_shap(const EnsembleModel& model,
                                          const std::vector<DetectorExplanation>& explanations,
                                          const std::string& domain) {
  std::map<std::string, std::pair<double, int>> sums;
  for (const auto& e : explanations) {
    if (!e.available) continue;
    const auto& det = model.detectors[static_cast<size_t>(e.detector)];
    if (det.domain != domain) continue;
    for (size_t f = 0; f < det.features.size(); ++f) {
      auto& s = sums[det.features[f]];
      s.first += -e.phi[f];
      s.second += 1;
    }
  }
  std::map<std::string, double> means;
  for (const auto& [feature, s] : sums) means[feature] = s.first / s.second;
  return means;
}

// The five largest contributions, largest first (ties by feature name).
json top_features_json(const std::map<std::string, double>& shap) {
  std::vector<std::pair<std::string, double>> ranked(shap.begin(), shap.end());
  std::sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) {
    return x.second != y.second ? x.second > y.second : x.first < y.first;
  });
  json tops = json::array();
  for (size_t k = 0; k < ranked.size() && k < 5; ++k)
    tops.push_back({{"feature", ranked[k].first}, {"shap", ranked[k].second}});
  return tops;
}

json importance_by_domain_json(const EnsembleModel& model) {
  json importance_by = json::object();
  const auto by_domain = importance_by_domain(model);
  for (size_t j = 0; j < by_domain.size() && j < model.domains.size(); ++j) {
    json list = json::array();
    for (const auto& fi : by_domain[j])
      list.push_back({{"feature", fi.feature}, {"importance", fi.importance}});
    importance_by[model.domains[j].name] = list;
  }
  return importance_by;
}

json anomaly_feature_attribution(const Analysis& a, const EnsembleModel& model,
                                 const std::vector<DetectorExplanation>& explanations) {
  json shap = json::object(), top_by_domain = json::object();
  for (const std::string& domain : a.domain_names) {
    const std::map<std::string, double> values = domain_shap(model, explanations, domain);
    shap[domain] = values;
    top_by_domain[domain] = top_features_json(values);
  }
  json importance = json::object();
  for (const auto& fi : global_importance(model)) importance[fi.feature] = fi.importance;
  return {{"date", format_iso(a.dates[static_cast<size_t>(a.today)])},
          {"units",
           "shap: mean path-length contribution, sign flipped (positive = more anomalous); "
           "permutation_importance: mean absolute change of the calibrated score"},
          {"shap_values", shap},
          {"permutation_importance", importance},
          {"permutation_importance_by_domain", importance_by_domain_json(model)},
          {"top_features_by_domain", top_by_domain}};
}

}  // namespace

std::map<std::string, json> seed000_documents(const Analysis& a, const EnsembleModel& model,
                                              const std::vector<DetectorExplanation>& explanations,
                                              const ReportContext& context) {
  if (a.today < 0) throw Error("export: no day has an ensemble score (history too short?)");
  // "Today" is the last day of the data: an earlier day's level published as today's would be
  // a stale alert. A partial day is scored by the detectors its data feeds; a day none can score
  // is refused.
  const size_t last = a.dates.size() - 1;
  if (static_cast<size_t>(a.today) != last)
    throw Error("export: the last day of the data, " + format_iso(a.dates[last]) +
                ", has no ensemble score (no detector's features are complete that day: " +
                "check its row in each file); the last scored day is " +
                format_iso(a.dates[static_cast<size_t>(a.today)]));
  const RegimeConfig& bands = model.regimes;
  std::map<std::string, json> docs;
  docs["anomaly_report.json"] = anomaly_report(a, model, context);
  docs["historical_anomaly_scores.json"] = historical_anomaly_scores(a);
  docs["vix_history.json"] = vix_history(a);
  docs["regime_statistics.json"] = regime_statistics(a, bands);
  docs["market_state.json"] = market_state(a, bands, context);
  docs["dashboard_data.json"] = dashboard_data(a, bands);
  docs["anomaly_metadata.json"] = anomaly_metadata(model, context);
  docs["anomaly_feature_attribution.json"] = anomaly_feature_attribution(a, model, explanations);
  return docs;
}

json day_summary(const Analysis& a, const EnsembleModel& model, int64_t day) {
  if (day < 0 || static_cast<size_t>(day) >= a.dates.size())
    throw Error("day: " + std::to_string(day) + " is outside the analysis (0.." +
                std::to_string(a.dates.size()) + ")");
  const auto t = static_cast<size_t>(day);
  const size_t m = a.domain_names.size(), k = a.detector_names.size();
  json domains = json::object(), detectors = json::object();
  for (size_t j = 0; j < m; ++j)
    domains[a.domain_names[j]] = {{"score", number_or_null(a.domain_scores[t * m + j])},
                                  {"level", level_name(a.domain_levels[t * m + j])}};
  for (size_t j = 0; j < k; ++j)
    detectors[a.detector_names[j]] = number_or_null(a.detector_scores[t * k + j]);
  const int32_t regime = a.regimes.regime[t];
  return {{"day", day},
          {"date", format_iso(a.dates[t])},
          {"vix_close", number_or_null(a.vix_close[t])},
          {"spx_close", number_or_null(a.spx_close[t])},
          {"regime", regime_name(model.regimes, regime)},
          {"ensemble",
           {{"score", number_or_null(a.ensemble_score[t])},
            {"std", number_or_null(a.ensemble_std[t])},
            {"min", number_or_null(a.ensemble_min[t])},
            {"max", number_or_null(a.ensemble_max[t])}}},
          {"level", level_name(a.level[t])},
          {"domains", domains},
          {"detectors", detectors},
          {"thresholds", thresholds_json(model.thresholds)}};
}

}  // namespace vixray
