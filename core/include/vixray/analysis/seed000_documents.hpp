// The seed-000 JSON contracts written by `vixray export` (and computable in the browser): the
// eight documents, built from one Analysis. Pure: the caller supplies the clock.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "vixray/analysis/analysis.hpp"
#include "vixray/analysis/explain.hpp"
#include "vixray/ensemble/model.hpp"

namespace vixray {

struct ReportContext {
  std::string timestamp;      // ISO 8601 time of the export (the CLI's or browser's clock)
  std::string training_date;  // YYYY-MM-DD the model was trained (from the bundle)
};

/// The eight seed-000 documents keyed by file name (see contracts.hpp for the rules they obey).
/// Additions to seed 000, all documented in README.md: per-domain thresholds in
/// anomaly_report.json, "bands" in regime_statistics.json, confidence intervals in
/// anomaly_metadata.json, a regime-adaptive contamination object (expected and realized rates).
/// `explanations` are explain_day() of the Analysis's today (empty: no shap values).
std::map<std::string, nlohmann::json> seed000_documents(
    const Analysis& analysis, const EnsembleModel& model,
    const std::vector<DetectorExplanation>& explanations, const ReportContext& context);

/// One day of an Analysis: date, prices, ensemble (score, std, min, max), level, regime,
/// domains {name: {score, level}}, detectors {name: score}, and the thresholds used.
nlohmann::json day_summary(const Analysis& analysis, const EnsembleModel& model, int64_t day);

}  // namespace vixray
