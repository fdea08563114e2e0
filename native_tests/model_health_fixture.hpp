// A model folder written by hand per docs/LIFECYCLE.md (model_health tests, until train --out DIR
// and monitor write them): dual_model_baseline.json, a one-line training history and a three-line
// monitoring history, hash-chained with the CLI's SHA-256. The figures are made up but typed as
// the contract says; the tests compare model_health.json with them.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bundle_file.hpp"
#include "vixray/ensemble/training_history.hpp"

namespace vixray::test {

inline nlohmann::json fixture_metrics(double flag_rate, double psi) {
  return {{"flag_rate", flag_rate},
          {"expected_flag_rate", 0.05},
          {"training_flag_rate", 0.05},
          {"psi", psi},
          {"calibration_error", 0.06},
          {"domain_shift", {{"vix_level", 0.03}, {"credit", -0.01}}},
          {"events", {{"events", 4}, {"detected", 3}, {"recall", 0.75}, {"precision", 0.6}}}};
}

inline nlohmann::json fixture_model(const char* role, const std::string& sha) {
  const bool a = role[0] == 'A';
  nlohmann::json m = {{"file", a ? "model_a.json" : "model_b.json"},
                      {"bundle_sha256", sha},
                      {"training_samples", a ? 675 : 720},
                      {"training_date_start", "2005-03-01"},
                      {"training_date_end", a ? "2007-08-24" : "2007-11-15"},
                      {"metrics", a ? fixture_metrics(0.04, 0.08) : fixture_metrics(0.1, 0.2)}};
  const std::string h = a ? "validation_" : "test_";
  m[h + "samples"] = a ? 75 : 30;
  m[h + "date_start"] = a ? "2007-08-27" : "2007-11-16";
  m[h + "date_end"] = "2007-12-31";
  if (!a) m["note"] = "Model B held out the last 30 rows for testing";
  return m;
}

inline nlohmann::json fixture_dual_baseline(const std::string& sha_a, const std::string& sha_b) {
  return {{"format", "vixray-dual-model-baseline"},
          {"format_version", "1.0"},
          {"kind", "market"},
          {"timestamp", "2026-12-03T00:00:00Z"},
          {"model_a", fixture_model("A", sha_a)},
          {"model_b", fixture_model("B", sha_b)}};
}

inline nlohmann::json fixture_window(const char* name, int days, double drift_a, double drift_b) {
  return {{"name", name},
          {"days", days},
          {"date_start", "2008-01-02"},
          {"date_end", "2008-03-31"},
          {"model_a", {{"flag_rate", 0.04 * (1 + drift_a)}, {"drift", drift_a}, {"psi", 0.1}}},
          {"model_b", {{"flag_rate", 0.04 * (1 + drift_b)}, {"drift", drift_b}, {"psi", 0.2}}},
          {"winner", drift_b < drift_a ? "B" : "A"}};
}

// Monitoring run k (0, 1, 2): drift of A 0.07 (WATCH), 0.2 (RETRAIN), 0.02 (USE MODEL A).
inline nlohmann::json fixture_monitoring_line(int k, const std::string& sha_a,
                                              const std::string& sha_b) {
  static const double drift_a[] = {0.07, 0.2, 0.02}, drift_b[] = {0.05, 0.3, 0.04};
  static const char* recommendation[] = {"WATCH", "RETRAIN", "USE MODEL A"};
  static const char* date[] = {"2008-01-31", "2008-02-29", "2008-03-31"};
  static const int exit_code[] = {10, 12, 0};
  return {
      {"monitored_at", std::string(date[k]) + "T18:00:00Z"},
      {"monitoring_date", date[k]},
      {"kind", "market"},
      {"bundles",
       {{{"file", "model_a.json"}, {"role", "A"}, {"sha256", sha_a}},
        {{"file", "model_b.json"}, {"role", "B"}, {"sha256", sha_b}}}},
      {"bundle_sha256", sha_a},
      {"baseline", {{"flag_rate", 0.04}, {"source", "validation"}}},
      {"new_days", {{"n", 21 * (k + 1)}, {"date_start", "2008-01-02"}, {"date_end", date[k]}}},
      {"windows",
       {fixture_window("last 5 days", 5, drift_a[k] + 0.1, drift_b[k]),
        fixture_window("all new days", 21 * (k + 1), drift_a[k], drift_b[k])}},
      {"drift",
       {{"model_a", drift_a[k]}, {"model_b", drift_b[k]}, {"psi_a", 0.05}, {"psi_b", 0.04}}},
      {"comparison", {{"model_b_win_rate", drift_b[k] < drift_a[k] ? 1.0 : 0.5}, {"windows", 2}}},
      {"recommendation", recommendation[k]},
      {"rule", std::string("rule of ") + recommendation[k]},
      {"exit_code", exit_code[k]}};
}

// The lines as a hash-chained history text.
inline std::string fixture_history(const std::vector<nlohmann::json>& entries) {
  std::string text;
  const LineHash hash = [](std::string_view line) { return cli::sha256_hex(std::string(line)); };
  for (const auto& e : entries) text += history_line(e, verify_history(text, hash));
  return text;
}

}  // namespace vixray::test
