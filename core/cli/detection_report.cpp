#include "detection_report.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>

namespace vixray::cli {

using nlohmann::json;

namespace {

std::string number(double value, int digits) {
  if (!std::isfinite(value)) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

std::string signed_lag(double lag) {
  if (!std::isfinite(lag)) return "n/a";
  return (lag > 0 ? "+" : "") + number(lag, lag == std::floor(lag) ? 0 : 1);
}

json finite(double value) { return std::isfinite(value) ? json(value) : json(); }

std::string rate_unit(const FalseAlarmRate& r, const std::string& unit) {
  return r.per_year ? "year" : "1000 " + unit + "s";
}

}  // namespace

std::string detection_table_head(const std::string& first, int first_columns,
                                 const std::string& unit) {
  std::string head = first +
                     "| TP | FP | TN | FN | precision | recall | F1 | accuracy | event "
                     "recall | median lag (" +
                     unit + "s) | false episodes |\n";
  for (int i = 0; i < first_columns; ++i) head += "|---";
  return head + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n";
}

std::string detection_cells(const DetectionCounts& counts, const std::string& unit) {
  const DetectionMetrics m = metrics_of(counts);
  const ConfusionCounts& c = counts.confusion;
  const FalseAlarmRate& r = m.false_rate;
  const std::string detected = std::to_string(counts.lags.size());
  const std::string recall =
      detected + "/" + std::to_string(counts.events) +
      (std::isfinite(m.event_recall) ? " (" + number(100.0 * m.event_recall, 0) + "%)" : "");
  const std::string span =
      r.per_year
          ? number(r.denominator, r.denominator == std::floor(r.denominator) ? 0 : 1) + " years"
          : number(1000.0 * r.denominator, 0) + " " + unit + "s";
  return "| " + std::to_string(c.tp) + " | " + std::to_string(c.fp) + " | " + std::to_string(c.tn) +
         " | " + std::to_string(c.fn) + " | " + number(m.scores.precision, 3) + " | " +
         number(m.scores.recall, 3) + " | " + number(m.scores.f1, 3) + " | " +
         number(m.scores.accuracy, 3) + " | " + recall + " | " + signed_lag(m.median_lag) + " | " +
         number(r.rate, 2) + " per " + rate_unit(r, unit) + " (" +
         std::to_string(counts.false_episodes) + " of " + std::to_string(counts.episodes) +
         " episodes in " + span + ") |\n";
}

json detection_json(const DetectionCounts& counts, const std::string& unit) {
  const DetectionMetrics m = metrics_of(counts);
  const ConfusionCounts& c = counts.confusion;
  return {{"tp", c.tp},
          {"fp", c.fp},
          {"tn", c.tn},
          {"fn", c.fn},
          {"precision", finite(m.scores.precision)},
          {"recall", finite(m.scores.recall)},
          {"f1", finite(m.scores.f1)},
          {"accuracy", finite(m.scores.accuracy)},
          {"events", counts.events},
          {"detected", counts.lags.size()},
          {"event_recall", finite(m.event_recall)},
          {"median_lag", finite(m.median_lag)},
          {"alarm_episodes", counts.episodes},
          {"false_episodes", counts.false_episodes},
          {"false_alarm_rate",
           {{"per", rate_unit(m.false_rate, unit)},
            {"denominator", m.false_rate.denominator},
            {"rate", finite(m.false_rate.rate)}}}};
}

void write_detection_section(std::ostringstream& md, json& doc, const BacktestEvaluation& eval,
                             const BacktestOptions& options, const WalkForwardTiming& timing) {
  md << "### Detection metrics\n\n"
     << "Day level: a test day is labelled stress when it lies in a stress window; TP, FP, TN, FN "
        "count test days (alarm and stress, alarm and no stress, neither, stress without alarm). "
        "Event recall: onsets with an alarm on the onset day or the "
     << options.hit_days
     << " trading days after it, of the onsets in the test days; median lag: over those, in "
        "trading days (negative = already on). False episodes: alarm episodes overlapping no "
        "stress window, per test year.\n\n"
     << detection_table_head("| signal ", 1, "day") << "| ensemble (HIGH or CRITICAL) "
     << detection_cells(eval.ensemble_detection, "day")
     << "| rule (VIX close >= " << number(options.vix_rule, 0) << ") "
     << detection_cells(eval.rule_detection, "day") << "\n";
  doc["detection"] = {{"ensemble", detection_json(eval.ensemble_detection, "day")},
                      {"rule", detection_json(eval.rule_detection, "day")}};
  const double trainings = static_cast<double>(timing.trainings);
  const double days = static_cast<double>(timing.test_days);
  const double trainings_per_s = trainings / timing.training_seconds;
  const double days_per_s = days / timing.scoring_seconds;
  md << "Throughput: " << timing.trainings << " trainings in " << number(timing.training_seconds, 2)
     << " s (" << number(trainings_per_s, 2) << " trainings/s); " << timing.test_days
     << " test days scored in " << number(timing.scoring_seconds, 2) << " s ("
     << number(days_per_s, 0)
     << " days/s; each year's scoring analyses every day up to the year's end).\n\n";
  doc["throughput"] = {{"trainings", timing.trainings},
                       {"training_seconds", timing.training_seconds},
                       {"trainings_per_second", finite(trainings_per_s)},
                       {"test_days", timing.test_days},
                       {"scoring_seconds", timing.scoring_seconds},
                       {"days_per_second", finite(days_per_s)}};
}

}  // namespace vixray::cli
