#include "vixray/analysis/export_contracts.hpp"

namespace vixray {

const std::vector<std::string> kExportDataFiles = {"market.json", "analysis.json", "model.json"};
const std::vector<std::string> kExportOptionalFiles = {"model_health.json"};

namespace {

using nlohmann::json;

const std::string kMarket = "market.json";
const std::string kAnalysisFile = "analysis.json";
const std::string kModel = "model.json";

bool carries_export_id(const std::string& name) { return name != kMarket && name != kModel; }

class Consistency {
 public:
  explicit Consistency(const std::map<std::string, json>& files) : files_(files) {}

  // The document, or nullptr when absent or not an object (reported once by require()).
  const json* doc(const std::string& name) const {
    const auto it = files_.find(name);
    return it == files_.end() || !it->second.is_object() ? nullptr : &it->second;
  }

  // Reports a missing data file (validate_contracts reports the seed-000 files).
  void require(const std::string& name) {
    const auto it = files_.find(name);
    if (it == files_.end())
      fail(name, "", "file is missing");
    else if (!it->second.is_object())
      fail(name, "", "expected a JSON object");
  }

  // The string array at `key` of `name`, or nullptr (and a violation).
  const json* dates(const std::string& name, const char* key) {
    const json* d = doc(name);
    if (!d) return nullptr;
    const auto it = d->find(key);
    if (it == d->end() || !it->is_array() || it->empty() || !it->back().is_string()) {
      fail(name, key, "expected a non-empty array of dates");
      return nullptr;
    }
    return &*it;
  }

  void fail(const std::string& name, const std::string& path, const std::string& what) {
    violations.push_back(name + ": " + (path.empty() ? "" : path + ": ") + what);
  }

  std::vector<std::string> violations;

 private:
  const std::map<std::string, json>& files_;
};

void check_model_hash(Consistency& c, const ExportDigests& digests) {
  const json* model = c.doc(kModel);
  if (!model) return;
  const auto it = model->find("content_sha256");
  if (it == model->end() || !it->is_string())
    c.fail(kModel, "content_sha256", "missing (expected the SHA-256 of the bundle content)");
  else if (*it != digests.model_content_sha256)
    c.fail(kModel, "content_sha256",
           "the bundle says " + it->get<std::string>() + " but its content hashes to " +
               digests.model_content_sha256 + " (modified or corrupt)");
}

void check_export_ids(Consistency& c, const std::map<std::string, json>& files,
                      const ExportDigests& digests) {
  for (const auto& [name, document] : files) {
    if (!carries_export_id(name) || !document.is_object()) continue;
    const auto it = document.find("export_id");
    if (it == document.end() || !it->is_string())
      c.fail(name, "export_id",
             "missing (every export file but market.json and model.json has it)");
    else if (*it != digests.export_id)
      c.fail(name, "export_id",
             it->get<std::string>() + ", but model.json and market.json give " + digests.export_id +
                 ": the file is from another export");
  }
}

// A seed-000 history (dates of the scored days) must be the end of analysis.json's dates.
void check_suffix(Consistency& c, const std::string& name, const json& analysis_dates) {
  const json* d = c.dates(name, "dates");
  if (!d) return;
  const size_t n = analysis_dates.size(), k = d->size();
  if (k > n) {
    c.fail(name, "dates",
           std::to_string(k) + " days but analysis.json has " + std::to_string(n) +
               ": the files are from different exports");
    return;
  }
  if (d->back() != analysis_dates.back() || d->front() != analysis_dates[n - k])
    c.fail(name, "dates",
           d->front().dump() + " .. " + d->back().dump() + " (" + std::to_string(k) +
               " days) is not the end of analysis.json's " + analysis_dates[n - k].dump() + " .. " +
               analysis_dates.back().dump() + ": the files are from different exports");
}

void check_dated(Consistency& c, const std::string& name, const json& last) {
  const json* d = c.doc(name);
  if (!d) return;
  const auto it = d->find("date");
  if (it == d->end() || *it != last)
    c.fail(name, "date",
           (it == d->end() ? std::string("missing") : it->dump()) + ", expected the last day " +
               last.dump() + " of market.json");
}

void check_dates(Consistency& c) {
  const json* market = c.dates(kMarket, "dates");
  const json* analysis = c.dates(kAnalysisFile, "dates");
  if (market && analysis && *market != *analysis)
    c.fail(kAnalysisFile, "dates",
           std::to_string(analysis->size()) + " days " + analysis->front().dump() + " .. " +
               analysis->back().dump() + " but market.json has " + std::to_string(market->size()) +
               " days " + market->front().dump() + " .. " + market->back().dump());
  if (analysis) {
    check_suffix(c, "historical_anomaly_scores.json", *analysis);
    check_suffix(c, "vix_history.json", *analysis);
  }
  if (market) {
    check_dated(c, "market_state.json", market->back());
    check_dated(c, "anomaly_report.json", market->back());
  }
}

// anomaly_metadata.json repeats the model's training facts and thresholds.
void check_metadata_model(Consistency& c) {
  const std::string M = "anomaly_metadata.json";
  const json* model = c.doc(kModel);
  const json* meta = c.doc(M);
  if (!(model && meta)) return;
  const json info = meta->value("training_info", json::object());
  const json training = model->value("training", json::object());
  for (const char* key : {"first_date", "last_date", "n_observations", "n_detectors"})
    if (training.contains(key) && info.value(key, json()) != training[key])
      c.fail(M, std::string("training_info/") + key,
             info.value(key, json()).dump() + " but model.json training." + key + " is " +
                 training[key].dump());
  const json stated = meta->value("statistical_thresholds", json::object());
  const json model_thresholds = model->value("thresholds", json::object());
  for (const char* key : {"moderate", "high", "critical"})
    if (model_thresholds.contains(key) && stated.value(key, json()) != model_thresholds[key])
      c.fail(M, std::string("statistical_thresholds/") + key,
             stated.value(key, json()).dump() + " but model.json thresholds." + key + " is " +
                 model_thresholds[key].dump());
}

}  // namespace

std::string export_id_input(const std::string& model_content_sha256,
                            const std::string& market_json_text) {
  return model_content_sha256 + market_json_text;
}

void set_export_id(std::map<std::string, json>& documents, const std::string& export_id) {
  for (auto& [name, document] : documents)
    if (carries_export_id(name) && document.is_object()) document["export_id"] = export_id;
}

std::vector<std::string> validate_export_consistency(const std::map<std::string, json>& files,
                                                     const ExportDigests& digests) {
  Consistency c(files);
  for (const auto& name : kExportDataFiles) c.require(name);
  check_model_hash(c, digests);
  if (!digests.export_id.empty()) check_export_ids(c, files, digests);
  check_dates(c);
  check_metadata_model(c);
  return c.violations;
}

}  // namespace vixray
