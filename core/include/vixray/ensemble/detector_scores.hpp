// One detector's scores on input days: its features looked up by name, the days on which all of
// them are finite gathered into a dense matrix, scored by its forest, calibrated, and made
// one-sided by its stress direction. Training, the Analysis and the explanations share these
// pieces, so they read the same columns the same way.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "vixray/base/matrix.hpp"
#include "vixray/ensemble/input.hpp"
#include "vixray/ensemble/model.hpp"

namespace vixray {

/// Days scored per task of analyze() and detector_scores(): small enough to balance 15
/// detectors over a few threads, large enough that a task's overhead (a gather, an allocation)
/// stays negligible.
constexpr size_t kDaysPerTask = 1024;

/// Column index in `names` of every feature of every detector; throws naming the detector and
/// the feature that is not among the columns.
std::vector<std::vector<int64_t>> bind_columns(const std::vector<DetectorModel>& detectors,
                                               const std::vector<std::string>& names);

/// Rows `rows` of `x` restricted to columns `cols`, as a dense row-major matrix.
std::vector<double> gather_rows(MatrixView x, const std::vector<int64_t>& rows,
                                const std::vector<int64_t>& cols);

/// Whether every column `cols` of row r is finite.
bool row_finite(MatrixView x, int64_t r, const std::vector<int64_t>& cols);

/// Scores of detector d (calibrated; one-sided when it has a stress direction) on days
/// [begin, end) of `x`, written to out[begin, end); NaN where a feature is missing. A row's score
/// does not depend on the other rows scored with it, so any split of the days gives the same
/// numbers.
void score_days(const DetectorModel& d, MatrixView x, const std::vector<int64_t>& cols,
                size_t begin, size_t end, double* out);

/// The scores of detector k (model order) on every input day, NaN where one of its features is
/// missing: the task analyze() runs per detector. Lets another process or WebAssembly instance
/// score some detectors for analyze_scored().
std::vector<double> detector_scores(const EnsembleModel& model, const AnalysisInput& input,
                                    size_t k);

}  // namespace vixray
