// The Analysis as JSON, the text the CLI writes as analysis.json and the parity reference of
// the browser.
#pragma once
#include <nlohmann/json.hpp>

#include "vixray/analysis/analysis.hpp"
#include "vixray/ensemble/model.hpp"

namespace vixray {

/// The Analysis as JSON (NaN -> null; levels as names). Used by the CLI and the browser alike,
/// so its text is the parity reference.
nlohmann::json analysis_to_json(const Analysis& analysis, const EnsembleModel& model);
/// The part of analysis_to_json without per-day arrays (names, persistence, regimes, returns
/// by level, level counts, contamination, thresholds, importance, today): ~20 KB for 9,000 days
/// (the episode list grows with the history) against 6.6 MB for the whole JSON, for consumers
/// that read the per-day figures as arrays (analysis_columns.hpp).
/// analysis_to_json is this object plus the per-day keys.
nlohmann::json analysis_summary_json(const Analysis& analysis, const EnsembleModel& model);

}  // namespace vixray
