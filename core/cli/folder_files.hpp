// The files of a model folder (docs/LIFECYCLE.md; model_folder.hpp writes it) and what
// `vixray monitor` reads
// from it: both sealed bundles and the baselines' fields the monitor needs, checked against
// each other. Errors name the file and the field.
#pragma once
#include <string>

#include "bundle_file.hpp"
#include "vixray/analysis/drift_metrics.hpp"
#include "vixray/analysis/monitor.hpp"
#include "vixray/data/dates.hpp"
#include "vixray/ensemble/model_folder_names.hpp"

namespace vixray::cli {

/// DIR/NAME.
std::string model_folder_file(const std::string& dir, const char* name);

struct ModelFolder {
  BundleFile a, b;
  std::string sha256_a, sha256_b;  // the bundles' content_sha256 (their seals)
  MonitorBaseline baseline;        // Model A's validation flag rate, or the expected rate
  ScoreBins reference;             // validation_baseline.json's score_bins
  Day training_end = 0;            // dual_model_baseline.json model_b.test_date_end
};

/// Reads a market model folder for monitoring: the bundles (seals checked), the baselines
/// (format, kind "market", the bundle_sha256 each names must be the bundle's seal).
ModelFolder read_model_folder(const std::string& dir);

}  // namespace vixray::cli
