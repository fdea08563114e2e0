#include "vixray/data/price_files.hpp"

#include <algorithm>
#include <cctype>

#include "vixray/base/error.hpp"
#include "vixray/data/align.hpp"
#include "vixray/data/price_csv.hpp"

namespace vixray {

namespace {

std::string file_range(const SeriesText& input, const ReadReport& report) {
  return input.source + " (" + input.name + ", " +
         (report.rows > 0 ? format_iso(report.first) + " .. " + format_iso(report.last)
                          : std::string("no rows")) +
         ")";
}

// Every series but the primary must have a row on at least `min_days` of the primary's trading
// days; else it is (most likely) a file of other years, named with both date ranges.
void check_overlap(const std::vector<SeriesText>& inputs, const std::vector<ParsedPrices>& parsed,
                   size_t primary, const AlignReport& report, int64_t min_days) {
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (i == primary) continue;
    const int64_t shared = report.of(inputs[i].name).matched;
    if (shared >= min_days) continue;
    throw Error(file_range(inputs[i], parsed[i].report) + " shares " + std::to_string(shared) +
                " trading day" + (shared == 1 ? "" : "s") + " with " +
                file_range(inputs[primary], parsed[primary].report) + "; expected at least " +
                std::to_string(min_days) + " (files of the same years)");
  }
}

}  // namespace

AlignedPrices read_price_csvs(const std::vector<SeriesText>& inputs, int64_t min_overlap_days) {
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
  check_overlap(inputs, parsed, static_cast<size_t>(primary - named.data()), aligned.report,
                std::max<int64_t>(1, min_overlap_days));
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
