#include "vixray/data/frame.hpp"

#include <algorithm>

#include "vixray/base/error.hpp"

namespace vixray {

Frame::Frame(std::vector<Day> dates) : dates_(std::move(dates)) {
  for (size_t i = 1; i < dates_.size(); ++i)
    if (dates_[i] <= dates_[i - 1])
      throw Error("frame dates: expected strictly increasing dates, got " +
                  format_iso(dates_[i - 1]) + " then " + format_iso(dates_[i]));
}

bool Frame::has(const std::string& name) const {
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

const std::vector<double>& Frame::column(const std::string& name) const {
  const auto it = std::find(names_.begin(), names_.end(), name);
  if (it == names_.end()) {
    std::string known;
    for (const auto& n : names_) known += (known.empty() ? "" : ", ") + n;
    throw Error("frame: no column \"" + name + "\" (columns: " + known + ")");
  }
  return columns_[static_cast<size_t>(it - names_.begin())];
}

void Frame::set(const std::string& name, std::vector<double> values) {
  if (static_cast<int64_t>(values.size()) != rows())
    throw Error("frame column \"" + name + "\": expected " + std::to_string(rows()) +
                " values, got " + std::to_string(values.size()));
  const auto it = std::find(names_.begin(), names_.end(), name);
  if (it != names_.end()) {
    columns_[static_cast<size_t>(it - names_.begin())] = std::move(values);
  } else {
    names_.push_back(name);
    columns_.push_back(std::move(values));
  }
}

Frame Frame::head(int64_t n) const {
  const auto count = static_cast<std::ptrdiff_t>(std::max<int64_t>(0, std::min(n, rows())));
  Frame out(std::vector<Day>(dates_.begin(), dates_.begin() + count));
  for (size_t i = 0; i < names_.size(); ++i)
    out.set(names_[i], std::vector<double>(columns_[i].begin(), columns_[i].begin() + count));
  return out;
}

}  // namespace vixray
