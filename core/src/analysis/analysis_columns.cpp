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

namespace {

template <typename T>
ColumnData data_of(ColumnType type, const std::vector<T>& values) {
  return {type, values.data(), values.size()};
}

}  // namespace

const std::vector<ColumnInfo>& analysis_column_list() {
  static const std::vector<ColumnInfo> list{
      {"dates", ColumnType::kInt32, "day"},
      {"vix_close", ColumnType::kFloat64, "day"},
      {"spx_close", ColumnType::kFloat64, "day"},
      {"ensemble_score", ColumnType::kFloat64, "day"},
      {"ensemble_std", ColumnType::kFloat64, "day"},
      {"ensemble_min", ColumnType::kFloat64, "day"},
      {"ensemble_max", ColumnType::kFloat64, "day"},
      {"forward_return", ColumnType::kFloat64, "day"},
      {"level", ColumnType::kInt8, "day"},
      {"regime", ColumnType::kInt32, "day"},
      {"detectors_at_high", ColumnType::kInt32, "day"},
      {"detectors_scored", ColumnType::kInt32, "day"},
      {"streak", ColumnType::kInt32, "day"},
      {"regime_days", ColumnType::kInt32, "day"},
      {"domains_at_high", ColumnType::kInt32, "day"},
      {"detector_scores", ColumnType::kFloat64, "detector"},
      {"domain_scores", ColumnType::kFloat64, "domain"},
      {"domain_levels", ColumnType::kInt8, "domain"},
  };
  return list;
}

ColumnData analysis_column(const Analysis& a, const AnalysisColumns& c, const std::string& name) {
  constexpr ColumnType f64 = ColumnType::kFloat64, i32 = ColumnType::kInt32;
  if (name == "dates") return data_of(i32, a.dates);
  if (name == "vix_close") return data_of(f64, a.vix_close);
  if (name == "spx_close") return data_of(f64, a.spx_close);
  if (name == "ensemble_score") return data_of(f64, a.ensemble_score);
  if (name == "ensemble_std") return data_of(f64, a.ensemble_std);
  if (name == "ensemble_min") return data_of(f64, a.ensemble_min);
  if (name == "ensemble_max") return data_of(f64, a.ensemble_max);
  if (name == "forward_return") return data_of(f64, a.forward_return);
  if (name == "regime") return data_of(i32, a.regimes.regime);
  if (name == "detectors_at_high") return data_of(i32, a.detectors_at_high);
  if (name == "detectors_scored") return data_of(i32, a.detectors_scored);
  if (name == "level") return data_of(ColumnType::kInt8, c.level);
  if (name == "streak") return data_of(i32, c.streak);
  if (name == "regime_days") return data_of(i32, c.regime_days);
  if (name == "domains_at_high") return data_of(i32, c.domains_at_high);
  if (name == "detector_scores") return data_of(f64, c.detector_scores);
  if (name == "domain_scores") return data_of(f64, c.domain_scores);
  if (name == "domain_levels") return data_of(ColumnType::kInt8, c.domain_levels);
  throw Error("column: unknown column \"" + name + "\"");
}

}  // namespace vixray
