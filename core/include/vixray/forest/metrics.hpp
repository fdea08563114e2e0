// Evaluation metrics.
#pragma once
#include <vector>

namespace vixray {

/// Area under the ROC curve of `scores` (higher = more positive) against binary `labels`
/// (non-zero = positive), by the Mann-Whitney rank statistic with average ranks for ties
/// (equal to scikit-learn's roc_auc_score). Throws vixray::Error if a class is absent.
double roc_auc(const std::vector<double>& scores, const std::vector<double>& labels);

}  // namespace vixray
