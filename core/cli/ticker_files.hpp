// Ticker bar files for `vixray ticker train|score`: read with their market's time zone, the
// market chosen by the ticker's suffix (seed 001: .T -> JP, .BK -> TH, else US) or given.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "vixray/data/bars.hpp"
#include "vixray/data/market_hours.hpp"
#include "vixray/ensemble/ticker_model.hpp"

namespace vixray::cli {

struct TickerFile {
  std::string path;
  std::string market;  // upper case
  ParsedBars parsed;
  BarCheck check;
};

/// The hours of a market (from the settings or a model), by market name.
using HoursOf = std::function<MarketHours(const std::string& market)>;

/// Reads one bar CSV: the ticker comes from the file (or its name), the market from `market`
/// (when not empty) or the ticker's suffix, the time zone for timestamps without an offset from
/// hours_of(market). Then checks the bars against those hours.
TickerFile read_ticker_file(const std::string& path, const std::string& market,
                            const HoursOf& hours_of);

/// A ticker model bundle read and its content_sha256 checked; errors name the path.
struct LoadedModel {
  std::string path, sha256;
  TickerModel model;
};
LoadedModel load_ticker_model(const std::string& path);
/// Every ticker model (*.json with the ticker model format) of a folder, by market; errors name
/// `option` ("--models") and the folder, and two models of one market.
std::map<std::string, LoadedModel> load_ticker_model_folder(const std::string& dir,
                                                            const std::string& option);

/// Throws naming the file and the model unless the file's bars have the model's interval.
void check_model_interval(const TickerFile& file, const LoadedModel& model);

/// "AAPL.csv (AAPL) -> US" for messages.
std::string describe_routing(const TickerFile& file);

/// One line for the summary: bars, range, interval, bars outside sessions, gaps, holidays.
std::string ticker_file_summary(const TickerFile& file);

}  // namespace vixray::cli

namespace CLI {
class App;
}
namespace vixray::cli {
/// `vixray ticker score` (cmd_ticker_score.cpp), added to the `ticker` command.
void register_ticker_score(CLI::App* ticker, std::function<void()>& action);
}  // namespace vixray::cli
