#include "vixray/data/price_files.hpp"

#include <cctype>

#include "vixray/base/error.hpp"
#include "vixray/data/align.hpp"
#include "vixray/data/price_csv.hpp"

namespace vixray {

AlignedPrices read_price_csvs(const std::vector<SeriesText>& inputs) {
  std::vector<ParsedPrices> parsed;
  parsed.reserve(inputs.size());
  nlohmann::json reads = nlohmann::json::object();
  for (const auto& in : inputs) {
    if (!is_series_name(in.name))
      throw Error(in.source + ": unknown series \"" + in.name +
                  "\" (expected spx, vix, vix9d, vix3m, vvix, skew or ticker)");
    parsed.push_back(parse_price_csv(in.text, in.source));
    reads[in.name] = parsed.back().report.to_json();
  }
  const NamedSeries* primary = nullptr;
  std::vector<NamedSeries> named, others;
  for (size_t i = 0; i < inputs.size(); ++i) named.push_back({inputs[i].name, &parsed[i].series});
  for (const char* candidate : {"spx", "ticker"}) {
    for (const auto& n : named)
      if (!primary && n.name == candidate) primary = &n;
  }
  if (!primary) throw Error("market data: an S&P 500 (spx) or ticker price file is required");
  for (const auto& n : named)
    if (&n != primary) others.push_back(n);
  AlignedMarket aligned = align_market(*primary, others);
  return AlignedPrices{std::move(aligned.frame),
                       {{"reads", std::move(reads)}, {"alignment", aligned.report.to_json()}}};
}

std::string series_name_from_file(const std::string& file_name) {
  std::string lower;
  for (char c : file_name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* name : {"vix9d", "vix3m", "vvix", "skew"})
    if (lower.find(name) != std::string::npos) return name;
  if (lower.find("vix") != std::string::npos) return "vix";
  for (const char* spx : {"spx", "gspc", "sp500", "s&p", "sp_500", "spy"})
    if (lower.find(spx) != std::string::npos) return "spx";
  return "";
}

AlignedPrices read_named_price_files(
    const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<SeriesText> inputs;
  for (const auto& [name, text] : files) {
    const std::string series = series_name_from_file(name);
    if (series.empty())
      throw Error(name +
                  ": cannot tell which series this is from its name; name it like vix.csv, "
                  "spx.csv, vix9d.csv, vix3m.csv, vvix.csv or skew.csv");
    inputs.push_back({series, name, text});
  }
  return read_price_csvs(inputs);
}

}  // namespace vixray
