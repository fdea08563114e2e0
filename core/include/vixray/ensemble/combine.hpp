// The per-day ensemble of detector scores and today's ranking of detectors. A day is available
// only when every detector score is (NaN = not available, never turned into a number).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace vixray {

struct EnsembleDay {
  double mean = 0.0;
  double std = 0.0;  // population standard deviation (divide by the number of detectors)
  double min = 0.0;
  double max = 0.0;
  int32_t n_detectors = 0;
};

/// Combines one day's calibrated detector scores. The day is available only if EVERY detector
/// score is finite (warm-up days of any detector are excluded explicitly): otherwise all fields
/// are NaN and n_detectors counts the finite scores.
EnsembleDay combine_day(const double* scores, int32_t n_detectors);

/// Mean of detectors `which`'s scores on one day (scores[k][day]; a domain's score): NaN unless
/// all of them are finite, NaN for an empty set.
double mean_of_detectors(const std::vector<std::vector<double>>& scores,
                         const std::vector<int32_t>& which, size_t day);

struct RankedDetector {
  int32_t detector = 0;
  double score = 0.0;
};
/// Detectors sorted by score, highest first (ties: lower index first); NaN scores left out.
std::vector<RankedDetector> rank_detectors(const double* scores, int32_t n_detectors);

}  // namespace vixray
