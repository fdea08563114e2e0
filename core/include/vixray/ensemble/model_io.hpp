// The ensemble model bundle as one versioned JSON document.
//
//   {"format": "vixray-model", "format_version": "2.0",
//    "feature_spec": <opaque, from the feature library, or null>,
//    "settings": <resolved settings>, "training": {...},
//    "detectors": [{"name", "domain", "random_subspace", "features", "missing_features",
//                   "forest": <vixray-forest JSON, form 2.0>,
//                   "calibration": {"n_training", "knots": float64 array of raw scores,
//                                   "below": uint16/uint32 array of counts},
//                   "permutation_importance": [...]}],
//    "inactive_detectors": [...], "domains": [{"name", "detectors", "thresholds"}],
//    "coverage": [coverage_to_json + "domain"], "thresholds": {...},
//    "regimes": {"bounds", "names"},
//    "contamination": {"rates", "thresholds", "realized_rates", "training_days"},
//    "forward_return_horizon": 10,
//    "content_sha256": <hex SHA-256 of canonical_content(document)>}
//
// Format 2.0 (BundleForm::kPacked2, what `vixray train` writes) stores the forests' nodes and the
// calibrations as typed arrays (data/packed_array.hpp: base64 byte planes inside the JSON);
// 1.x (kJson1) wrote them as JSON arrays of numbers and is still read. Both read back to the
// same model, bit for bit. Calibration shares are stored as integer counts ("below"; share =
// below / n_training) so they are exact. NaN (a regime without training days) is written as null. A
// newer major version is refused naming both versions; unknown fields are ignored. The core has no
// hash function: the CLI computes content_sha256 over canonical_content() (OpenSSL) and checks it
// on load; reading the text (load_model, read_model_bundle) is in bundle_read.hpp.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "vixray/data/json_fields.hpp"
#include "vixray/ensemble/bundle_read.hpp"
#include "vixray/ensemble/calibration.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/thresholds.hpp"

namespace vixray {

/// Thresholds as the bundle and the Analysis JSON write them: moderate/high/critical, the
/// percentiles, the bootstrap confidence intervals, confidence and resamples.
nlohmann::json thresholds_to_json(const Thresholds& t);

constexpr const char* kModelFormat = "vixray-model";
constexpr int kModelFormatMajor = 2;
// 1.1: coverage[].missing -> missing_features; 1.2: "subsets" (partial ensembles, subsets.hpp)
// in the model and in each domain; 2.0: forests and calibrations as typed arrays.
constexpr int kModelFormatMinor = 0;

/// A domain's coverage as every document writes it (the bundle's "coverage" adds "domain";
/// anomaly_metadata.json keys it by domain): expected_features, available_features,
/// coverage_pct, status, missing_features, active_detectors, inactive_detectors.
nlohmann::json coverage_to_json(const DomainCoverage& coverage);

/// A calibration as the bundles write it: {"n_training", "knots", "below"} (integer counts, so
/// the shares read back exactly), as typed arrays in form 2.0 and JSON arrays in 1.x; from_json
/// reads the form of the bundle's major version, validates it and names `c.where()` on errors.
nlohmann::json calibration_to_json(const Calibration& calibration,
                                   BundleForm form = BundleForm::kPacked2);
Calibration calibration_from_json(const JsonFields& c, int bundle_major);

/// The bundle document: form 2.0 (format_version "2.0") unless asked for the 1.x form ("1.2",
/// byte for byte what earlier versions wrote; benchmarks and tests compare the two).
nlohmann::json model_to_json(const EnsembleModel& model, BundleForm form = BundleForm::kPacked2);
/// Validates everything it reads; throws vixray::Error naming the field on a bad bundle.
EnsembleModel model_from_json(const nlohmann::json& document);

}  // namespace vixray
