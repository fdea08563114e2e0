// Frame: a trading-day calendar plus named numeric columns, all of the same length.
//
// Column names are "<series>.<field>": series vix, spx, vix9d, vix3m, vvix, skew or ticker;
// fields open, high, low, close, adj_close, volume. A missing value is NaN (readers document
// when that happens); features treat NaN as "not available".
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "vixray/data/dates.hpp"

namespace vixray {

class Frame {
 public:
  Frame() = default;
  explicit Frame(std::vector<Day> dates);

  int64_t rows() const { return static_cast<int64_t>(dates_.size()); }
  const std::vector<Day>& dates() const { return dates_; }
  const std::vector<std::string>& names() const { return names_; }

  bool has(const std::string& name) const;
  /// The column; throws vixray::Error naming the column and the ones present if absent.
  const std::vector<double>& column(const std::string& name) const;
  /// Adds or replaces a column; throws if its length differs from rows().
  void set(const std::string& name, std::vector<double> values);
  /// The first n rows (all columns): what the frame looked like on day n-1.
  Frame head(int64_t n) const;

 private:
  std::vector<Day> dates_;
  std::vector<std::string> names_;
  std::vector<std::vector<double>> columns_;
};

}  // namespace vixray
