// The Analysis as JSON: analysis_to_json (the CLI's analysis.json and the parity reference) and
// analysis_summary_json (the same without the per-day arrays, for the page). Apart from
// analysis.cpp's computation: it runs once per Analysis, and the WebAssembly build compiles it for
// size (CMakeLists.txt), so the engine's optimising compiler has less to do on a page's first load.
#include "vixray/analysis/analysis_json.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "vixray/analysis/analysis.hpp"
#include "vixray/analysis/forward_returns.hpp"
#include "vixray/analysis/partial_day.hpp"
#include "vixray/ensemble/contamination.hpp"
#include "vixray/ensemble/importance.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/model_io.hpp"
#include "vixray/ensemble/thresholds.hpp"

namespace vixray {

using json = nlohmann::json;

namespace {

json numbers(const std::vector<double>& v) {
  json out = json::array();
  for (double x : v) out.push_back(std::isfinite(x) ? json(x) : json(nullptr));
  return out;
}

json number(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

}  // namespace

json analysis_to_json(const Analysis& a, const EnsembleModel& model) {
  const size_t n = a.dates.size(), d = a.detector_names.size(), m = a.domain_names.size();
  json j = analysis_summary_json(a, model);
  json dates = json::array();
  for (Day day : a.dates) dates.push_back(format_iso(day));
  j["dates"] = std::move(dates);
  json detector_scores = json::object();
  for (size_t k = 0; k < d; ++k) {
    std::vector<double> column(n);
    for (size_t t = 0; t < n; ++t) column[t] = a.detector_scores[t * d + k];
    detector_scores[a.detector_names[k]] = numbers(column);
  }
  j["detector_scores"] = std::move(detector_scores);
  j["ensemble"] = json{{"score", numbers(a.ensemble_score)},
                       {"std", numbers(a.ensemble_std)},
                       {"min", numbers(a.ensemble_min)},
                       {"max", numbers(a.ensemble_max)}};
  json levels = json::array();
  for (Level l : a.level) levels.push_back(level_name(l));
  j["level"] = std::move(levels);
  j["detectors_at_high"] = a.detectors_at_high;
  j["detectors_scored"] = a.detectors_scored;
  json domain_scores = json::object(), domain_levels = json::object();
  for (size_t k = 0; k < m; ++k) {
    std::vector<double> column(n);
    json lv = json::array();
    for (size_t t = 0; t < n; ++t) {
      column[t] = a.domain_scores[t * m + k];
      lv.push_back(level_name(a.domain_levels[t * m + k]));
    }
    domain_scores[a.domain_names[k]] = numbers(column);
    domain_levels[a.domain_names[k]] = std::move(lv);
  }
  j["domain_scores"] = std::move(domain_scores);
  j["domain_levels"] = std::move(domain_levels);
  j["contamination_flag"] = a.contamination_flag;
  j["forward_return"] = numbers(a.forward_return);
  j["regime"] = a.regimes.regime;
  j["vix_close"] = numbers(a.vix_close);
  j["spx_close"] = numbers(a.spx_close);
  return j;
}

json analysis_summary_json(const Analysis& a, const EnsembleModel& model) {
  const size_t m = a.domain_names.size();
  json j;
  j["detectors"] = a.detector_names;
  j["detector_domains"] = a.detector_domains;
  j["domains"] = a.domain_names;
  const auto& p = a.persistence;
  json episodes = json::array();
  for (const auto& e : p.episodes)
    episodes.push_back(
        json{{"start", format_iso(a.dates[static_cast<size_t>(e.start)])},
             {"end", format_iso(a.dates[static_cast<size_t>(e.start + e.length - 1)])},
             {"length", e.length}});
  j["persistence"] = json{{"episodes", std::move(episodes)},
                          {"current_streak", p.current_streak},
                          {"mean_duration", p.mean_duration},
                          {"max_duration", p.max_duration},
                          {"total_anomaly_days", p.total_anomaly_days},
                          {"available_days", p.available_days},
                          {"anomaly_rate", p.anomaly_rate}};
  const auto& r = a.regimes;
  json distribution = json::object(), durations = json::object();
  for (size_t k = 0; k < model.regimes.names.size(); ++k) {
    const auto& name = model.regimes.names[k];
    distribution[name] = json{{"count", r.count[k]}, {"percentage", r.percentage[k]}};
    durations[name] = json{{"runs", r.durations[k].runs},
                           {"mean_duration", r.durations[k].mean_duration},
                           {"max_duration", r.durations[k].max_duration}};
  }
  json regimes{{"names", model.regimes.names},
               {"bounds", model.regimes.bounds},
               {"distribution", std::move(distribution)},
               {"durations", std::move(durations)},
               {"transitions", r.transitions},
               {"transition_probability", r.transition_probability}};
  if (r.current_regime >= 0)
    regimes["current"] =
        json{{"code", r.current_regime},
             {"name", model.regimes.names[static_cast<size_t>(r.current_regime)]},
             {"days", r.days_in_current},
             {"start_date", format_iso(a.dates[static_cast<size_t>(r.current_start)])}};
  else
    regimes["current"] = nullptr;
  j["regimes"] = std::move(regimes);
  json by_level = json::object();
  for (size_t l = 0; l < a.returns_by_level.size(); ++l) {
    const auto& s = a.returns_by_level[l];
    by_level[level_name(static_cast<Level>(l))] =
        json{{"count", s.count},     {"mean", number(s.mean)}, {"median", number(s.median)},
             {"q25", number(s.q25)}, {"q75", number(s.q75)},   {"win_rate", number(s.win_rate)}};
  }
  j["forward_returns_by_level"] = std::move(by_level);
  json level_counts = json::object();
  for (size_t l = 0; l < 4; ++l)
    level_counts[level_name(static_cast<Level>(l))] = a.level_counts[l];
  j["level_counts"] = std::move(level_counts);
  j["contamination"] =
      json{{"rates", model.contamination.rates},
           {"thresholds", numbers(model.contamination.thresholds)},
           {"training_realized_rates", numbers(model.contamination.realized_rates)},
           {"realized_rates", numbers(a.contamination_rate)}};
  j["thresholds"] = thresholds_to_json(model.thresholds);
  json by_domain = json::object();
  const auto domain_importance = importance_by_domain(model);
  for (size_t k = 0; k < model.domains.size(); ++k) {
    json list = json::array();
    for (const auto& f : domain_importance[k])
      list.push_back(json{{"feature", f.feature}, {"importance", f.importance}});
    by_domain[model.domains[k].name] = std::move(list);
  }
  json global = json::object();
  for (const auto& f : global_importance(model)) global[f.feature] = f.importance;
  j["permutation_importance"] = std::move(global);
  j["permutation_importance_by_domain"] = std::move(by_domain);
  if (a.today >= 0) {
    const auto t = static_cast<size_t>(a.today);
    json top = json::array();
    for (const auto& x : a.top_anomalies)
      top.push_back(
          json{{"name", a.detector_names[static_cast<size_t>(x.detector)]}, {"score", x.score}});
    json at_high = json::array();
    for (int32_t k : a.domains_at_high) at_high.push_back(a.domain_names[static_cast<size_t>(k)]);
    json today_domains = json::object();
    for (size_t k = 0; k < m; ++k)
      today_domains[a.domain_names[k]] = json{{"score", number(a.domain_scores[t * m + k])},
                                              {"level", level_name(a.domain_levels[t * m + k])}};
    j["today"] = json{{"index", a.today},
                      {"date", format_iso(a.dates[t])},
                      {"ensemble", json{{"score", a.ensemble_score[t]},
                                        {"std", a.ensemble_std[t]},
                                        {"min", a.ensemble_min[t]},
                                        {"max", a.ensemble_max[t]},
                                        {"n_detectors", a.detectors_scored[t]}}},
                      {"level", level_name(a.level[t])},
                      {"top_anomalies", std::move(top)},
                      {"domains", std::move(today_domains)},
                      {"domains_at_high", std::move(at_high)},
                      {"domains_at_high_count", a.domains_at_high.size()},
                      {"max_possible", m},
                      {"partial", partial_day_json(partial_day(model, a, t))}};
  } else {
    j["today"] = nullptr;
  }
  return j;
}

}  // namespace vixray
