#include "vixray/analysis/explain.hpp"

#include "vixray/base/error.hpp"
#include "vixray/ensemble/detector_scores.hpp"
#include "vixray/ensemble/input.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/forest/treeshap.hpp"

namespace vixray {

std::vector<DetectorExplanation> explain_day(const EnsembleModel& model, const AnalysisInput& input,
                                             int64_t day) {
  input.validate();
  if (day < 0 || day >= input.features.rows)
    throw Error("explain: day index " + std::to_string(day) + " is outside [0, " +
                std::to_string(input.features.rows) + ")");
  const auto columns = bind_columns(model.detectors, input.feature_names);
  std::vector<DetectorExplanation> out;
  for (size_t k = 0; k < model.detectors.size(); ++k) {
    DetectorExplanation e;
    e.detector = static_cast<int32_t>(k);
    if (row_finite(input.features, day, columns[k])) {
      const std::vector<double> row = gather_rows(input.features, {day}, columns[k]);
      e.phi.resize(row.size());
      path_length_shap(model.detectors[k].forest, row.data(), e.phi.data(), e.expected_value);
      model.detectors[k].forest.mean_path_length(
          MatrixView{row.data(), 1, static_cast<int64_t>(row.size())}, &e.path_length);
      e.available = true;
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace vixray
