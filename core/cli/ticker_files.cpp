#include "ticker_files.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "bundle_file.hpp"
#include "files.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"

namespace vixray::cli {

namespace {

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

ParsedBars parse_with(const std::string& text, const std::string& path, const std::string& ticker,
                      const MarketHours& hours) {
  BarCsvOptions options;
  options.ticker = ticker;
  options.tz = hours.tz;
  return parse_bars_csv(text, path, options);
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

TickerFile read_ticker_file(const std::string& path, const std::string& market,
                            const HoursOf& hours_of) {
  TickerFile file;
  file.path = path;
  const std::string text = read_file(path, InputKind::kCsv);
  const std::string name_ticker = ticker_from_file_name(path);
  file.market = market.empty() ? market_of_ticker(name_ticker) : upper(market);
  MarketHours hours = hours_of(file.market);
  file.parsed = parse_with(text, path, name_ticker, hours);
  // The file may name its ticker (yfinance, stooq): route by that one.
  if (market.empty() && market_of_ticker(file.parsed.bars.ticker) != file.market) {
    file.market = market_of_ticker(file.parsed.bars.ticker);
    hours = hours_of(file.market);
    file.parsed = parse_with(text, path, name_ticker, hours);
  }
  if (file.parsed.bars.size() == 0) throw Error(path + ": no bars");
  file.check = check_bars(file.parsed.bars, hours);
  return file;
}

std::string describe_routing(const TickerFile& file) {
  return file.path + " (" + file.parsed.bars.ticker + ") -> " + file.market;
}

std::string ticker_file_summary(const TickerFile& f) {
  const Bars& b = f.parsed.bars;
  const BarCheck& c = f.check;
  std::string line = "  " + b.ticker + " [" + f.market + ", " + f.parsed.format +
                     "]: " + std::to_string(b.size()) + " bars " +
                     format_bar_time(b.time.front(), b.daily) + " .. " +
                     format_bar_time(b.time.back(), b.daily) + ", interval " +
                     interval_name(c.interval_s, c.daily) + "; outside sessions " +
                     std::to_string(c.outside_session);
  if (!c.outside_examples.empty()) line += " (" + joined(c.outside_examples) + ")";
  line += "; gaps " + std::to_string(c.gaps);
  if (!c.gap_examples.empty()) line += " (" + joined(c.gap_examples) + ")";
  line += "; inferred holidays " + std::to_string(c.holidays.size());
  for (const auto& w : f.parsed.report.warnings)
    line += "; " + w.kind + " " + std::to_string(w.count);
  return line;
}

LoadedModel load_ticker_model(const std::string& path) {
  LoadedModel m;
  m.path = path;
  const nlohmann::json document = read_sealed_json(path, "ticker model");
  m.sha256 = document["content_sha256"].get<std::string>();
  try {
    m.model = ticker_model_from_json(document);
  } catch (const Error& e) {
    throw Error(path + ": " + e.what());
  }
  return m;
}

std::map<std::string, LoadedModel> load_ticker_model_folder(const std::string& dir,
                                                            const std::string& option) {
  if (!std::filesystem::is_directory(dir)) throw Error(option + " " + dir + ": not a directory");
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      paths.push_back(entry.path().string());
  std::sort(paths.begin(), paths.end());
  std::map<std::string, LoadedModel> models;
  for (const auto& path : paths) {
    const nlohmann::json head = parse_json_fast(read_file(path));
    if (!head.is_object() || head.value("format", "") != kTickerModelFormat) continue;
    LoadedModel m = load_ticker_model(path);
    const auto [it, added] = models.emplace(m.model.market, m);
    if (!added)
      throw Error(option + " " + dir + ": two models for market " + m.model.market + ": " +
                  it->second.path + " and " + path);
  }
  if (models.empty()) throw Error(option + " " + dir + ": no ticker model (*.json) in the folder");
  return models;
}

void check_model_interval(const TickerFile& f, const LoadedModel& m) {
  if (f.check.interval_s != m.model.interval_s || f.check.daily != m.model.daily)
    throw Error(f.path + ": interval " + interval_name(f.check.interval_s, f.check.daily) +
                ", but the model " + m.path + " was trained on " +
                interval_name(m.model.interval_s, m.model.daily) + " bars");
}

}  // namespace vixray::cli
