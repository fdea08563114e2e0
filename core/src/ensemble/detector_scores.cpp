#include "vixray/ensemble/detector_scores.hpp"

#include <cmath>
#include <limits>
#include <map>

#include "vixray/base/error.hpp"
#include "vixray/base/nan.hpp"
#include "vixray/ensemble/input.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/stress_direction.hpp"

namespace vixray {

std::vector<std::vector<int64_t>> bind_columns(const std::vector<DetectorModel>& detectors,
                                               const std::vector<std::string>& names) {
  std::map<std::string, int64_t> index;
  for (size_t c = 0; c < names.size(); ++c) index.emplace(names[c], static_cast<int64_t>(c));
  std::vector<std::vector<int64_t>> out;
  for (const auto& d : detectors) {
    std::vector<int64_t> cols;
    for (const auto& f : d.features) {
      const auto it = index.find(f);
      if (it == index.end())
        throw Error("input: feature \"" + f + "\" of detector \"" + d.name +
                    "\" is not among the " + std::to_string(names.size()) + " feature columns");
      cols.push_back(it->second);
    }
    out.push_back(std::move(cols));
  }
  return out;
}

std::vector<double> gather_rows(MatrixView x, const std::vector<int64_t>& rows,
                                const std::vector<int64_t>& cols) {
  std::vector<double> out(rows.size() * cols.size());
  size_t k = 0;
  for (int64_t r : rows) {
    const double* row = x.row(r);
    for (int64_t c : cols) out[k++] = row[c];
  }
  return out;
}

bool row_finite(MatrixView x, int64_t r, const std::vector<int64_t>& cols) {
  const double* row = x.row(r);
  for (int64_t c : cols)
    if (!std::isfinite(row[c])) return false;
  return true;
}

namespace {
constexpr size_t kPrefetchRows = 8;
}  // namespace

void score_days(const DetectorModel& d, MatrixView x, const std::vector<int64_t>& cols,
                size_t begin, size_t end, double* out) {
  if (begin < end && static_cast<int64_t>(begin) < x.first)
    throw Error("analysis: days to score whose features were not computed");
  // The days whose features are all finite, gathered densely in one pass over the rows: a row is
  // copied, and kept only if every value was finite (the next row overwrites it otherwise).
  const size_t width = cols.size();
  std::vector<int64_t> rows(end - begin);
  std::vector<double> dense((end - begin) * width);
  size_t kept = 0;
  for (size_t r = begin; r < end; ++r) {
    out[r] = kNaN;
    // The rows are long (every feature) and a detector reads a few values of each: ask for the
    // values of a row some rows ahead (a hint; no effect on the values).
    if (r + kPrefetchRows < end) {
      const double* ahead = x.row(static_cast<int64_t>(r + kPrefetchRows));
      for (size_t c = 0; c < width; ++c) __builtin_prefetch(ahead + cols[c]);
    }
    const double* row = x.row(static_cast<int64_t>(r));
    double* to = dense.data() + kept * width;
    bool finite = true;
    for (size_t c = 0; c < width; ++c) {
      to[c] = row[cols[c]];
      finite &= std::isfinite(to[c]);
    }
    rows[kept] = static_cast<int64_t>(r);
    kept += finite ? 1 : 0;
  }
  rows.resize(kept);
  if (rows.empty()) return;
  std::vector<double> raw(rows.size());
  d.forest.score_samples(
      MatrixView{dense.data(), static_cast<int64_t>(kept), static_cast<int64_t>(width)},
      raw.data());
  d.calibration.apply_each(raw.data(), raw.size());
  const bool one_sided = d.direction.active();
  for (size_t i = 0; i < rows.size(); ++i) {
    const double calibrated = raw[i];
    // At or below 0.5 (and for NaN) the weight does not count: directional_score() adds it times
    // +0, +0 for any weight in [0, 1], which weight() is; so it is not computed there.
    const double weight =
        one_sided && calibrated > 0.5 ? d.direction.weight(&dense[i * width]) : 0.0;
    out[static_cast<size_t>(rows[i])] =
        one_sided ? directional_score(calibrated, weight) : calibrated;
  }
}

std::vector<double> detector_scores(const EnsembleModel& model, const AnalysisInput& input,
                                    size_t k) {
  check_detector_index(static_cast<int64_t>(k), model.detectors.size());
  input.validate();
  const DetectorModel& detector = model.detectors[k];
  const auto columns = bind_columns({detector}, input.feature_names);
  // In spans of kDaysPerTask days, as analyze() does: the same values, and in WebAssembly the
  // engine swaps in its optimised code for the scoring function at the next call, not mid-call.
  const size_t n = input.dates.size();
  std::vector<double> out(n);
  for (size_t begin = 0; begin < n; begin += kDaysPerTask)
    score_days(detector, input.features, columns.front(), begin, std::min(n, begin + kDaysPerTask),
               out.data());
  return out;
}

}  // namespace vixray
