#include "vixray/analysis/model_health.hpp"

#include <string_view>
#include <utility>

#include "vixray/data/json_fields.hpp"
#include "vixray/ensemble/model_folder_names.hpp"

namespace vixray {
namespace {

using nlohmann::json;

// A documented number that may be null (NaN written by the writer): kept as it is.
json number_or_null(const JsonFields& f, const char* key) {
  const json& v = f.get(key);
  if (v.is_null()) return nullptr;
  return f.number(key);
}

// One model of dual_model_baseline.json, with its holdout ("validation" for A, "test" for B)
// under one name so the two sit side by side.
json model_entry(const JsonFields& baseline, const char* key, const char* role,
                 const std::string& holdout) {
  const JsonFields m = baseline.object(key);
  const std::string h = holdout + "_";
  const json metrics = m.object("metrics").get_object();
  return {{"role", role},
          {"file", m.string("file")},
          {"bundle_sha256", m.string("bundle_sha256")},
          {"training",
           {{"samples", m.integer("training_samples", 0, int64_t{1} << 40)},
            {"date_start", m.string("training_date_start")},
            {"date_end", m.string("training_date_end")}}},
          {"holdout",
           {{"name", holdout},
            {"samples", m.integer((h + "samples").c_str(), 0, int64_t{1} << 40)},
            {"date_start", m.string((h + "date_start").c_str())},
            {"date_end", m.string((h + "date_end").c_str())}}},
          {"metrics", metrics}};
}

json models_section(const json& dual) {
  const JsonFields f(dual, kDualModelBaselineFile);
  return {{"kind", f.string("kind")},
          {"timestamp", f.string("timestamp")},
          {"model_a", model_entry(f, "model_a", "A", "validation")},
          {"model_b", model_entry(f, "model_b", "B", "test")}};
}

// One monitoring run: what the dashboard draws of a monitoring_history.jsonl line.
json monitoring_entry(const json& line_json, size_t line) {
  const JsonFields f(line_json, std::string(kMonitoringHistoryFile) + ":" + std::to_string(line));
  const JsonFields drift = f.object("drift");
  const JsonFields comparison = f.object("comparison");
  json windows = json::array();
  for (const json& w : f.array("windows")) windows.push_back(w);
  return {
      {"line", line},
      {"monitored_at", f.string("monitored_at")},
      {"monitoring_date", f.string("monitoring_date")},
      {"drift",
       {{"model_a", number_or_null(drift, "model_a")},
        {"model_b", number_or_null(drift, "model_b")}}},
      {"psi",
       {{"model_a", number_or_null(drift, "psi_a")}, {"model_b", number_or_null(drift, "psi_b")}}},
      {"model_b_win_rate", number_or_null(comparison, "model_b_win_rate")},
      {"recommendation", f.string("recommendation")},
      {"rule", f.string("rule")},
      {"exit_code", f.integer("exit_code", 0, 255)},
      {"windows", std::move(windows)}};
}

// Every complete line that is a JSON object, in order.
json monitoring_section(const std::string& text) {
  json entries = json::array();
  size_t start = 0, line = 0;
  for (size_t end = text.find('\n'); end != std::string::npos;
       start = end + 1, end = text.find('\n', start)) {
    ++line;
    const json parsed =
        json::parse(std::string_view(text).substr(start, end - start), nullptr, false);
    if (parsed.is_object()) entries.push_back(monitoring_entry(parsed, line));
  }
  return entries;
}

json history_json(const HistoryState& h) {
  return {{"file", h.file},     {"present", h.present}, {"ok", h.ok},          {"lines", h.lines},
          {"anchor", h.anchor}, {"line", h.line},       {"message", h.message}};
}

}  // namespace

HistoryState history_state(const std::string& file, bool present, const HistoryCheck& check) {
  HistoryState s;
  s.file = file;
  s.present = present;
  s.ok = check.ok();
  s.lines = check.hashes.size();
  s.anchor = check.ok() ? check.anchor() : std::string();
  s.line = check.line;
  s.message = check.message;
  return s;
}

json model_health_document(const ModelHealthInputs& in) {
  json monitoring = monitoring_section(in.monitoring_text);
  json latest = nullptr;
  if (!monitoring.empty()) {
    const json& last = monitoring.back();
    latest = {
        {"recommendation", last["recommendation"]}, {"rule", last["rule"]},
        {"exit_code", last["exit_code"]},           {"line", last["line"]},
        {"monitored_at", last["monitored_at"]},     {"monitoring_date", last["monitoring_date"]}};
  }
  json doc = {{"format", "vixray-model-health"}, {"format_version", "1.0"}};
  if (!in.export_id.empty()) doc["export_id"] = in.export_id;
  doc["models"] = models_section(in.dual_baseline);
  doc["rules"] = {{"watch_drift", in.rules.watch_drift},
                  {"retrain_drift", in.rules.retrain_drift},
                  {"prefer_b_win_rate", in.rules.b_win_share}};
  doc["monitoring"] = std::move(monitoring);
  doc["latest_recommendation"] = std::move(latest);
  doc["history"] = {{"training", history_json(in.training)},
                    {"monitoring", history_json(in.monitoring)}};
  doc["alerts"] = in.alerts;
  return doc;
}

}  // namespace vixray
