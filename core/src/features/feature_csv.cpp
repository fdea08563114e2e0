#include "vixray/features/feature_csv.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include "vixray/base/error.hpp"

namespace vixray {
namespace {

// As the frame CSV writes a number (data/frame_csv.cpp): 17 significant digits, so a value
// survives a round trip bit for bit; missing is an empty field.
void append_number(std::string& out, double v) {
  if (std::isnan(v)) return;  // missing: empty field
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  out += buffer;
}

}  // namespace

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
      append_number(out, features.values(r, c));
    }
    out += "\n";
  }
  return out;
}

}  // namespace vixray
