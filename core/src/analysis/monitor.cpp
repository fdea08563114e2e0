#include "vixray/analysis/monitor.hpp"

#include <cmath>
#include <cstdio>

#include "vixray/base/error.hpp"
#include "vixray/ensemble/model_folder_names.hpp"

namespace vixray {
namespace {

WindowModel window_model(const MonitoredRows& rows, size_t first, size_t last,
                         const MonitorInput& input) {
  const auto begin = static_cast<std::ptrdiff_t>(first),
             end = static_cast<std::ptrdiff_t>(last + 1);
  const std::vector<uint8_t> flags(rows.flags.begin() + begin, rows.flags.begin() + end);
  const std::vector<double> scores(rows.scores.begin() + begin, rows.scores.begin() + end);
  WindowModel m;
  m.flag_rate = flag_rate(flags, scores);
  m.drift = relative_drift(m.flag_rate, input.baseline.flag_rate);
  m.psi = population_stability_index(input.reference, scores);
  return m;
}

MonitorWindow make_window(const std::string& name, int64_t days, const MonitorInput& input) {
  MonitorWindow w;
  w.name = name;
  w.days = days;
  w.last = input.model_a.flags.size() - 1;
  w.first = input.model_a.flags.size() - static_cast<size_t>(days);
  w.a = window_model(input.model_a, w.first, w.last, input);
  w.b = window_model(input.model_b, w.first, w.last, input);
  // NaN compares false: an undefined drift never wins.
  w.b_wins = w.b.drift < w.a.drift;
  return w;
}

std::string percent(double fraction) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", 100.0 * fraction);
  return text;
}

void decide(const MonitorThresholds& t, MonitorResult& r) {
  const double a = r.headline_a.drift, b = r.headline_b.drift;
  const std::string wins = "B won " + std::to_string(r.b_wins) + " of " +
                           std::to_string(r.windows.size()) + " windows (" + percent(r.b_win_rate) +
                           ")";
  if (r.b_win_rate >= t.b_win_share - kMonitorTolerance && b < t.b_max_drift - kMonitorTolerance) {
    r.recommendation = Recommendation::kUseModelB;
    r.rule = wins + ", at least " + percent(t.b_win_share) + ", and B's drift " + percent(b) +
             " is under " + percent(t.b_max_drift);
  } else if (a > t.retrain_drift + kMonitorTolerance) {
    r.recommendation = Recommendation::kRetrain;
    r.rule = "A's drift " + percent(a) + " exceeds " + percent(t.retrain_drift);
  } else if (a >= t.watch_drift - kMonitorTolerance) {
    r.recommendation = Recommendation::kWatch;
    r.rule = "A's drift " + percent(a) + " is between " + percent(t.watch_drift) + " and " +
             percent(t.retrain_drift) + ": plan a retraining";
  } else {
    r.recommendation = Recommendation::kUseModelA;
    r.rule = "A's drift " + percent(a) + " is under " + percent(t.watch_drift) + " and " + wins +
             ", under " + percent(t.b_win_share) + " or with B's drift " + percent(b) +
             " not under " + percent(t.b_max_drift);
  }
  r.exit_code = recommendation_exit_code(r.recommendation);
}

}  // namespace

MonitorBaseline monitor_baseline(double validation_flag_rate, double expected_flag_rate) {
  if (validation_flag_rate > 0.0) return {validation_flag_rate, false};
  return {expected_flag_rate, true};
}

const char* recommendation_name(Recommendation r) {
  switch (r) {
    case Recommendation::kUseModelB:
      return "USE MODEL B";
    case Recommendation::kRetrain:
      return "RETRAIN";
    case Recommendation::kWatch:
      return "WATCH";
    case Recommendation::kUseModelA:
      break;
  }
  return "USE MODEL A";
}

int recommendation_exit_code(Recommendation r) {
  switch (r) {
    case Recommendation::kUseModelB:
      return 11;
    case Recommendation::kRetrain:
      return 12;
    case Recommendation::kWatch:
      return 10;
    case Recommendation::kUseModelA:
      break;
  }
  return 0;
}

MonitorResult monitor_models(const MonitorInput& input) {
  const size_t n = input.model_a.flags.size();
  if (n == 0) throw Error("monitor: no new rows to monitor");
  if (input.model_a.scores.size() != n || input.model_b.flags.size() != n ||
      input.model_b.scores.size() != n)
    throw Error("monitor: Model A and Model B must have a flag and a score for each of the " +
                std::to_string(n) + " new rows");
  if (!(input.baseline.flag_rate > 0.0))
    throw Error("monitor: the baseline flag rate must be > 0 (drift is relative to it), got " +
                std::to_string(input.baseline.flag_rate));
  MonitorResult r;
  for (int64_t days : input.windows) {
    if (days <= 0)
      throw Error("monitor: a window must be at least 1 row long, got " + std::to_string(days));
    if (static_cast<uint64_t>(days) > n) continue;  // longer than the new rows: left out
    r.windows.push_back(
        make_window("last " + std::to_string(days) + " " + input.unit, days, input));
  }
  r.windows.push_back(make_window("all new " + input.unit, static_cast<int64_t>(n), input));
  r.headline_a = r.windows.back().a;
  r.headline_b = r.windows.back().b;
  if (std::isnan(r.headline_a.drift))
    throw Error("monitor: none of the " + std::to_string(n) +
                " new rows has a score from Model A: drift is undefined");
  for (const auto& w : r.windows) r.b_wins += w.b_wins ? 1 : 0;
  r.b_win_rate = static_cast<double>(r.b_wins) / static_cast<double>(r.windows.size());
  decide(input.thresholds, r);
  return r;
}

namespace {

nlohmann::json model_json(const WindowModel& m) {
  return {{"flag_rate", m.flag_rate}, {"drift", m.drift}, {"psi", m.psi}};
}

}  // namespace

nlohmann::json monitoring_entry(const MonitorInput& input, const MonitorResult& result,
                                const MonitorRecord& record) {
  const size_t n = input.model_a.flags.size();
  if (record.row_dates.size() != n)
    throw Error("monitoring_entry: expected a date for each of the " + std::to_string(n) +
                " new rows, got " + std::to_string(record.row_dates.size()));
  nlohmann::json windows = nlohmann::json::array();
  for (const auto& w : result.windows)
    windows.push_back({{"name", w.name},
                       {"days", w.days},
                       {"date_start", record.row_dates[w.first]},
                       {"date_end", record.row_dates[w.last]},
                       {"model_a", model_json(w.a)},
                       {"model_b", model_json(w.b)},
                       {"winner", w.b_wins ? "B" : "A"}});
  nlohmann::json entry = {
      {"monitored_at", record.monitored_at},
      {"monitoring_date", record.row_dates.back()},
      {"kind", record.kind},
      {"bundles",
       {{{"file", kModelAFile}, {"role", "A"}, {"sha256", record.sha256_a}},
        {{"file", kModelBFile}, {"role", "B"}, {"sha256", record.sha256_b}}}},
      {"bundle_sha256", record.sha256_a},
      {"baseline",
       {{"flag_rate", input.baseline.flag_rate},
        {"source", input.baseline.expected ? "expected" : "validation"}}},
      {"new_days",
       {{"n", n}, {"date_start", record.row_dates.front()}, {"date_end", record.row_dates.back()}}},
      {"windows", windows},
      {"drift",
       {{"model_a", result.headline_a.drift},
        {"model_b", result.headline_b.drift},
        {"psi_a", result.headline_a.psi},
        {"psi_b", result.headline_b.psi}}},
      {"comparison", {{"model_b_win_rate", result.b_win_rate}, {"windows", result.windows.size()}}},
      {"recommendation", recommendation_name(result.recommendation)},
      {"rule", result.rule},
      {"exit_code", result.exit_code}};
  for (const auto& [key, value] : record.extra.items()) entry[key] = value;
  return entry;
}

}  // namespace vixray
