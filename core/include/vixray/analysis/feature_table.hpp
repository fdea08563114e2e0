// The dev feature table: analysis inputs as one CSV (date, vix.close, spx.close, feature
// columns), read and written by `vixray ensemble`, and generated for tests and benchmarks. Not a
// market data format: `vixray train`/`export` compute features from price CSVs.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vixray/base/matrix.hpp"
#include "vixray/data/dates.hpp"
#include "vixray/ensemble/input.hpp"

namespace vixray {

/// An owning table of the analysis inputs (AnalysisInput only views the feature matrix).
struct FeatureTable {
  std::vector<Day> dates;
  std::vector<std::string> feature_names;
  RowMatrix features;
  std::vector<double> vix_close, spx_close;
  AnalysisInput input() const;
};

/// Generic CSV of analysis inputs: a header "date,<col>,..." with columns vix.close and
/// spx.close (required, any position) and every other column a feature. Dates ISO or
/// MM/DD/YYYY, increasing. A missing value (is_missing_value, csv.hpp: empty, NaN, NA, null...) is
/// NaN; any other non-number is an error naming source, line and column.
FeatureTable parse_feature_table_csv(std::string_view text, const std::string& source);
/// The same format back (17 significant digits, missing values as empty fields).
std::string feature_table_csv(const FeatureTable& table);

/// Generated input for tests, benchmarks and parity checks (NOT a market model: the simulator
/// does that). `days` weekdays from 1990-01-02; VIX a mean-reverting log process with jumps,
/// S&P a random walk whose volatility follows VIX; every named feature a noisy function of VIX
/// and S&P returns with a warm-up of NaN (the window in its name, e.g. "_63d" -> 62 rows).
FeatureTable generate_feature_table(int64_t days, const std::vector<std::string>& feature_names,
                                    uint64_t seed);

/// Analysis inputs filled buffer by buffer from outside (the browser's typed arrays): "features"
/// (rows x cols, row-major, NaN = missing), "vix", "spx" (rows) and "dates" (rows, whole days
/// since 1970-01-01), with the feature names.
struct FeatureBuffers {
  std::vector<std::string> feature_names;
  std::vector<double> features, vix, spx, dates;
  /// The buffer `name` resized to `length` zeros; throws naming an unknown buffer.
  std::vector<double>& resize(const std::string& name, int64_t length);
  /// A view over the buffers as rows x cols (valid while they live); throws unless the sizes
  /// agree and the dates are whole days.
  AnalysisInput input(int64_t rows, int64_t cols) const;
};

}  // namespace vixray
