// The detector catalogue and ensemble settings as configuration (JSON), with hierarchical
// overrides in the style of seed 004.
//
// Document: {"format":"vixray-settings","format_version":"1.0","settings":{KEY: ENTRY, ...}}
// where every ENTRY is {"default": VALUE, "overrides": [{"match": {...}, "value": VALUE,
// "priority": INT, "description": "..."}], "description": "..."} ("overrides" optional).
//
// Resolution against a context (string key -> string value, e.g. {"market":"us",
// "asset_class":"equity_index"}), per setting:
//   1. an override applies when EVERY key of its "match" is in the context with an equal value
//      (a match value may also be an array of accepted values; "market" values compare
//      case-insensitively, so "JP" matches "jp"); an empty match always applies. Context keys:
//      market, asset_class, and for ticker models interval ("1d", "5m", ticker_model.hpp);
//   2. among the applicable overrides the highest "priority" wins; on equal priority the one
//      with more match keys (the more specific) wins; then the one listed first;
//   3. no applicable override -> "default".
// The resolved settings (KEY -> VALUE) are stored in the model so a model says what it used.
#pragma once
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "vixray/ensemble/regimes.hpp"
#include "vixray/ensemble/thresholds.hpp"

namespace vixray {

using SettingsContext = std::map<std::string, std::string>;

constexpr const char* kSettingsFormat = "vixray-settings";

/// The default catalogue (also in the repo as models/detector_catalogue.json; the text is
/// compiled in so the core needs no file). Renaming a feature is one edit in that text.
std::string_view default_catalogue_text();

/// The default context: {"market": "us", "asset_class": "equity_index"}.
SettingsContext default_settings_context();

/// Resolves every setting of a settings document for a context (rules above). Throws
/// vixray::Error naming the setting and override on a malformed document.
nlohmann::json resolve_settings(const nlohmann::json& document, const SettingsContext& context);

struct DomainSpec {
  std::string name;
  std::string description;
  std::string label;  // for people ("VIX term structure"); the name when the catalogue has none
};

struct DetectorSpec {
  std::string name;
  std::string domain;
  std::vector<std::string> features;  // expected features (names in the feature matrix)
  std::string label;                  // for people; the name when the catalogue has none
};

struct RandomSubspaceSpec {
  int32_t count = 5;     // detectors drawn
  int32_t size = 6;      // features per detector (fewer if fewer are available)
  uint64_t seed = 2024;  // seed of the draw (the origin system's subspaces were unseeded)
  std::string domain = "random_subspace";
};

struct EnsembleSettings {
  std::vector<DomainSpec> domains;
  std::vector<DetectorSpec> detectors;
  RandomSubspaceSpec random_subspaces;
  int32_t n_trees = 100;      // 1 .. kMaxTrees (forest/limits.hpp)
  int32_t sample_size = 256;  // 2 .. kMaxSampleSize
  uint64_t seed = 42;
  int32_t calibration_knots = 512;
  ThresholdOptions thresholds;
  RegimeConfig regimes;
  /// When set ("regimes": {"quantiles": [...], "names": [...]} instead of "bounds"), training
  /// sets the bounds at these type-7 quantiles of the training days' VIX; the model keeps them.
  std::vector<double> regime_quantiles;
  std::vector<double> contamination{0.02, 0.05, 0.10, 0.20};
  int32_t forward_return_horizon = 10;
  double coverage_ok_pct = 80.0;       // coverage >= this -> OK
  double coverage_warning_pct = 50.0;  // >= this -> WARNING, below -> CRITICAL
  int32_t min_detector_features = 2;   // a detector with fewer available features is skipped
  int32_t importance_rows = 512;       // rows sampled for permutation importance
  int32_t importance_repeats = 3;
  uint64_t importance_seed = 11;
  /// One-sided detector scores (ensemble.hpp StressDirection): the stress sign per feature name
  /// (features not listed are two-sided) and the ramp in robust units. Off when the settings
  /// have no "stress_direction" entry: every detector is then two-sided.
  bool stress_direction = false;
  std::map<std::string, double> stress_signs;
  double stress_ramp = 1.0;
  double stress_neutral = 0.0;  // the stress weight of a day at the training medians
  /// Thresholds from the one-sided training ensemble ("directional") instead of the two-sided
  /// forest ensemble ("anomaly", the default); see train_ensemble.
  bool stress_thresholds_directional = false;
  nlohmann::json resolved;  // the resolved settings these values came from

  /// Typed settings from resolved settings (KEY -> VALUE); throws naming the key on bad values.
  static EnsembleSettings from_resolved(const nlohmann::json& resolved);
};

/// Parses a settings document (text) and resolves it for a context.
EnsembleSettings load_settings(std::string_view text, const SettingsContext& context);
/// The default catalogue resolved for the default context.
EnsembleSettings default_settings();

/// "OK" / "WARNING" / "CRITICAL" for a coverage percentage.
const char* coverage_status(double coverage_pct, const EnsembleSettings& settings);

/// A detector of the catalogue matched against the features that are available.
struct ResolvedDetector {
  std::string name;
  std::string label;  // the catalogue's, or "Random subspace k"
  std::string domain;
  std::vector<std::string> expected;  // features the catalogue asks for
  std::vector<std::string> features;  // of those, the available ones (catalogue order)
  std::vector<std::string> missing;   // of those, the absent ones
  bool random_subspace = false;
  bool active = false;  // false: too few features (reported, not fatal)
  std::string note;     // why a detector is inactive
};

/// Catalogue detectors (in catalogue order) followed by the seeded random-subspace detectors,
/// each drawn without replacement from `available` sorted by name (so the draw does not depend
/// on column order), with vixray::Rng(random_subspaces.seed).
std::vector<ResolvedDetector> resolve_detectors(const EnsembleSettings& settings,
                                                const std::vector<std::string>& available);

struct DomainCoverage {
  std::string domain;
  int32_t expected_features = 0;   // distinct features the domain's detectors expect
  int32_t available_features = 0;  // of those, available
  double coverage_pct = 0.0;       // 100 * available / expected (100 when nothing is expected)
  std::string status;              // coverage_status
  std::vector<std::string> missing;
  int32_t active_detectors = 0;
  int32_t inactive_detectors = 0;
};

/// Coverage per domain (settings order), from resolved detectors.
std::vector<DomainCoverage> domain_coverage(const EnsembleSettings& settings,
                                            const std::vector<ResolvedDetector>& detectors);

}  // namespace vixray
