#include "vixray/analysis/analysis_columns.hpp"

#include <string>

#include "vixray/analysis/analysis.hpp"
#include "vixray/base/error.hpp"
#include "vixray/ensemble/thresholds.hpp"

namespace vixray {

namespace {

// Day-major rows x cols -> column-major (column c at [c * rows, (c + 1) * rows)).
template <typename Out, typename In>
std::vector<Out> transpose(const std::vector<In>& values, size_t rows, size_t cols,
                           const char* field) {
  if (values.size() != rows * cols)
    throw Error(std::string("analysis_columns: ") + field + " has " +
                std::to_string(values.size()) + " values, expected " + std::to_string(rows) +
                " days x " + std::to_string(cols));
  std::vector<Out> out(rows * cols);
  for (size_t t = 0; t < rows; ++t)
    for (size_t c = 0; c < cols; ++c) out[c * rows + t] = static_cast<Out>(values[t * cols + c]);
  return out;
}

bool at_high(Level level) { return level == Level::kHigh || level == Level::kCritical; }

}  // namespace

AnalysisColumns analysis_columns(const Analysis& a) {
  const size_t n = a.dates.size(), d = a.detector_names.size(), m = a.domain_names.size();
  AnalysisColumns c;
  c.days = static_cast<int64_t>(n);
  c.detector_scores = transpose<double>(a.detector_scores, n, d, "detector_scores");
  c.domain_scores = transpose<double>(a.domain_scores, n, m, "domain_scores");
  c.domain_levels = transpose<int8_t>(a.domain_levels, n, m, "domain_levels");
  if (a.level.size() != n || a.regimes.regime.size() != n)
    throw Error("analysis_columns: level and regime must hold one value per day (" +
                std::to_string(n) + ")");
  c.level.resize(n);
  c.streak.resize(n);
  c.regime_days.resize(n);
  c.domains_at_high.resize(n);
  for (size_t t = 0; t < n; ++t) {
    c.level[t] = static_cast<int8_t>(a.level[t]);
    // Runs as persistence_stats() and regime_stats() count them: an unavailable level or an
    // unknown regime ends a run.
    c.streak[t] = at_high(a.level[t]) ? (t > 0 ? c.streak[t - 1] : 0) + 1 : 0;
    const int32_t regime = a.regimes.regime[t];
    c.regime_days[t] =
        regime < 0 ? 0
                   : (t > 0 && a.regimes.regime[t - 1] == regime ? c.regime_days[t - 1] : 0) + 1;
    int32_t domains = 0;
    for (size_t k = 0; k < m; ++k) domains += at_high(a.domain_levels[t * m + k]) ? 1 : 0;
    c.domains_at_high[t] = domains;
  }
  return c;
}

}  // namespace vixray
