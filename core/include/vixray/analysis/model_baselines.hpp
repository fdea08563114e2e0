// Reading a market model folder's baselines (docs/LIFECYCLE.md; model_ab.hpp writes them) for
// `vixray monitor`: validation_baseline.json gives the rate drift is measured against and the
// reference score bins of every PSI, dual_model_baseline.json the end of Model B's test days (the
// last day any model saw). Each document must name the folder's bundles by their content_sha256.
// Pure: the CLI reads and parses the files and passes each document with its path, which names
// the place in every error ("<path>.metrics.flag_rate: ...").
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "vixray/analysis/drift_metrics.hpp"
#include "vixray/analysis/monitor.hpp"
#include "vixray/data/dates.hpp"

namespace vixray {

/// What validation_baseline.json gives the monitor.
struct ValidationBaseline {
  MonitorBaseline baseline;  // Model A's validation flag rate, or the expected rate
  ScoreBins reference;       // score_bins: edges ascending and distinct, one share more
};

/// validation_baseline.json (format vixray-validation-baseline 1.x, of `kind`: "market", or
/// "ticker" for a ticker model folder), whose bundle_sha256 must be `sha256_a` (Model A's
/// content_sha256). Throws vixray::Error naming `where` and the field.
ValidationBaseline read_validation_baseline(const nlohmann::json& document,
                                            const std::string& where, const std::string& sha256_a,
                                            const std::string& kind = "market");

/// dual_model_baseline.json (format vixray-dual-model-baseline 1.x): model_a and model_b must
/// name `sha256_a` and `sha256_b`; returns model_b.test_date_end. Throws vixray::Error naming
/// `where` and the field.
Day read_dual_model_baseline(const nlohmann::json& document, const std::string& where,
                             const std::string& sha256_a, const std::string& sha256_b);

/// A ticker folder's dual_model_baseline.json (as above, kind "ticker"): the last bar of Model
/// B's test rows per ticker (model_b.tickers[].ticker -> holdout_end, ISO text as written).
std::map<std::string, std::string> read_ticker_test_ends(const nlohmann::json& document,
                                                         const std::string& where,
                                                         const std::string& sha256_a,
                                                         const std::string& sha256_b);

}  // namespace vixray
