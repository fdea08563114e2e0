// What training and the Analysis read: one row per trading day of a feature matrix (named
// columns, NaN during a feature's warm-up), with the VIX close and the S&P 500 close of the same
// days. The feature library and the CSV readers produce these; the ensemble does not know how
// features are computed.
#pragma once
#include <string>
#include <vector>

#include "vixray/base/matrix.hpp"
#include "vixray/data/dates.hpp"

namespace vixray {

struct AnalysisInput {
  std::vector<Day> dates;                  // trading days, strictly increasing
  std::vector<std::string> feature_names;  // one per column of `features`
  MatrixView features;                     // dates.size() rows; NaN = not available
  std::vector<double> vix_close;           // parallel to dates (NaN = missing)
  std::vector<double> spx_close;           // parallel to dates (NaN = missing)

  /// Throws vixray::Error naming the field unless lengths agree and dates increase.
  void validate() const;
};

}  // namespace vixray
