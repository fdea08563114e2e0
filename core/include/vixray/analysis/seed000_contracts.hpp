// The validation rules of the seed-000 JSON contracts ("Validation Rules" section), applied to
// the files `vixray export` writes. Pure: JSON values in, violations out (the CLI reads files).
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace vixray {

/// The eight seed-000 files, by file name.
extern const std::vector<std::string> kContractFiles;

/// Checks every seed-000 rule across the exported documents (keyed by file name, e.g.
/// "anomaly_report.json"): parallel arrays, [0, 1] score ranges, strictly increasing thresholds,
/// identical level logic for domains and ensemble, forward returns consistent with prices (null
/// for the last 10 days), regimes consistent with VIX and bands, and figures repeated across files
/// agreeing. Each violation reads "file: field: what is wrong (value, expected)". Empty = valid.
std::vector<std::string> validate_contracts(const std::map<std::string, nlohmann::json>& files);

}  // namespace vixray
