// The price files of one market read together: each CSV text parsed by its format, and the
// series aligned on the trading days of the primary series into one Frame.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "vixray/data/frame.hpp"

namespace vixray {

/// One input series as CSV text: name is spx, vix, vix9d, vix3m, vvix, skew or ticker.
struct SeriesText {
  std::string name;
  std::string source;  // file name for messages
  std::string text;
};

struct AlignedPrices {
  Frame frame;
  nlohmann::json report;  // {"reads": {name: read report}, "alignment": align report}
};

/// The trading days a series must share with the primary to train on it: one year. Fewer leave
/// its detectors without data (every VIX domain at 0% coverage), which is a wrong file, not a
/// model.
constexpr int64_t kMinTrainingOverlapDays = 252;

/// Reads every series (format detected from its header) and joins them on the trading days of
/// the primary series (spx, else ticker). Errors name the file, line and column. Every other
/// series must have a row on at least `min_overlap_days` (at least 1) of the primary's trading
/// days, else the error names both files and their date ranges: a file of other years is a
/// mistake, whether it is scored (1) or trained on (kMinTrainingOverlapDays).
AlignedPrices read_price_csvs(const std::vector<SeriesText>& inputs, int64_t min_overlap_days = 1);

/// The series a dropped file holds, from its name: "vix9d", "vix3m", "vvix", "skew", "vix",
/// "spx" (spx, gspc, sp500, s&p) or "" when the name says nothing.
std::string series_name_from_file(const std::string& file_name);

/// The reader's own files as they were dropped, {file name, text}: the series of each comes from
/// its name (series_name_from_file), then they are read and aligned as read_price_csvs does.
/// Throws naming a file whose name does not say which series it holds.
AlignedPrices read_named_price_files(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace vixray
