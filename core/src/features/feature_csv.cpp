#include "vixray/features/feature_csv.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include "vixray/base/error.hpp"
#include "vixray/data/csv.hpp"

namespace vixray {

std::string format_feature_csv(const std::vector<Day>& dates, const FeatureMatrix& features) {
  if (static_cast<Eigen::Index>(dates.size()) != features.values.rows())
    throw Error("feature csv: " + std::to_string(dates.size()) + " dates for " +
                std::to_string(features.values.rows()) + " feature rows");
  std::string out = "date";
  for (const auto& name : features.names) out += "," + name;
  out += "\n";
  for (Eigen::Index r = 0; r < features.values.rows(); ++r) {
    out += format_iso(dates[static_cast<size_t>(r)]);
    for (Eigen::Index c = 0; c < features.values.cols(); ++c) {
      out += ",";
      append_csv_number(out, features.values(r, c));
    }
    out += "\n";
  }
  return out;
}

}  // namespace vixray
