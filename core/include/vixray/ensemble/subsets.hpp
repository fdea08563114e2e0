// Partial ensembles: which detectors score a day when some inputs are missing.
//
// A model reads required inputs (the VIX close and the S&P 500 close: without them there is no
// day) and optional ones: the other series it was trained with (VIX9D, VIX3M, VVIX, SKEW) and
// the S&P 500 fields a price file may lack or a reader repairs to missing (open/high/low of a
// close-only row, an empty volume). Every combination of the optional inputs leaves a set of
// detectors whose features it feeds; training stores, for each distinct proper set, thresholds
// fitted on that set's own training ensemble (the same days, percentiles and bootstrap as the
// full model's), for the ensemble and for each domain. A day is then scored by the largest
// stored set whose detectors all have a score that day, and classified with that set's
// thresholds; the full set uses the model's own thresholds, so a day with every input scores
// exactly as before.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "vixray/ensemble/thresholds.hpp"
#include "vixray/features/spec.hpp"

namespace vixray {

struct DetectorSubset {
  /// The optional inputs its detectors read (optional_input() names, sorted): with these
  /// present, these detectors can score.
  std::vector<std::string> inputs;
  std::vector<int32_t> detectors;  // indices into EnsembleModel::detectors, increasing
  Thresholds thresholds;           // of the mean of these detectors' training scores
};

/// The optional input a frame column belongs to: "" for a required column (vix.close,
/// spx.close), "<series>.open/high/low" for those three fields of any series (a close-only row
/// lacks them), "<series>.volume", and the series name for another series' close ("vvix").
std::string optional_input(const std::string& column);

/// A reader's name of an optional input: "VVIX", "S&P 500 volume", "VIX open/high/low".
std::string optional_input_label(const std::string& input);

/// Per detector (the lists of feature names, model order): the optional inputs its features
/// read, sorted and unique. Throws naming a feature the spec does not define.
std::vector<std::vector<std::string>> detector_inputs(
    const std::vector<std::vector<std::string>>& detector_features, const FeatureSpec& spec);

/// The distinct proper, non-empty subsets of `among` (detector indices) that a combination of
/// optional inputs leaves, with thresholds unset: most detectors first, ties in a fixed order.
/// At most 12 distinct optional inputs (4,096 combinations); throws beyond.
std::vector<DetectorSubset> input_subsets(const std::vector<std::vector<std::string>>& inputs,
                                          const std::vector<int32_t>& among);

/// The subset scoring a day whose detector scores are `day_scores` (model order, NaN = none):
/// kAllDetectors when every detector of `among` has a score, else the index of the first
/// subset (the largest) whose detectors all have one, else kNoDetectors.
constexpr int32_t kAllDetectors = -1;
constexpr int32_t kNoDetectors = -2;
int32_t choose_subset(const std::vector<DetectorSubset>& subsets, const std::vector<int32_t>& among,
                      const double* day_scores);

}  // namespace vixray
