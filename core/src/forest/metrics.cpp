#include "vixray/forest/metrics.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "vixray/base/error.hpp"

namespace vixray {

double roc_auc(const std::vector<double>& scores, const std::vector<double>& labels) {
  if (scores.size() != labels.size())
    throw Error("roc_auc: " + std::to_string(scores.size()) + " scores but " +
                std::to_string(labels.size()) + " labels");
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  double positive_rank_sum = 0.0;
  double positives = 0.0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
    const double average_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (size_t k = i; k < j; ++k) {
      if (labels[order[k]] != 0.0) {
        positive_rank_sum += average_rank;
        positives += 1.0;
      }
    }
    i = j;
  }
  const double negatives = static_cast<double>(scores.size()) - positives;
  if (positives == 0.0 || negatives == 0.0)
    throw Error("roc_auc: labels need both classes; got " + std::to_string(int(positives)) +
                " positives and " + std::to_string(int(negatives)) + " negatives");
  return (positive_rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives);
}

}  // namespace vixray
