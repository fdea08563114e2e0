// `vixray backtest tickers`: quality of the per-market ticker models on files with labelled
// patterns (the simulated tickers' ticker_events.csv): per market and interval, event recall
// within the marker tolerance, false flags per 1,000 bars and median lag, beside the naive rule
// |return_1| > 3 sd of the 20 returns before (analysis/ticker_quality.hpp). The models are
// trained beforehand (`vixray ticker train`); nothing is trained here.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "bundle_file.hpp"
#include "commands.hpp"
#include "console.hpp"
#include "detection_report.hpp"
#include "files.hpp"
#include "ticker_files.hpp"
#include "vixray/analysis/ticker_quality.hpp"
#include "vixray/analysis/ticker_scores.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/ensemble/ticker_model.hpp"
#include "vixray/sim/simulated_tickers.hpp"

namespace vixray::cli {
namespace {

using nlohmann::json;

struct TickerBacktestOptions {
  std::vector<std::string> csv, models;
  std::string events, out, json_out;
};

using QualityModel = LoadedModel;

using ModelKey = std::pair<std::string, std::string>;  // market, interval

// Every ticker model (*.json of format vixray-ticker-model) of the folders, by market and
// interval (`ticker score --models` takes one interval per folder; here several folders add up).
std::map<ModelKey, QualityModel> load_quality_models(const std::vector<std::string>& dirs) {
  std::vector<std::string> paths;
  for (const auto& dir : dirs) {
    if (!std::filesystem::is_directory(dir)) throw Error("--models " + dir + ": not a directory");
    std::vector<std::string> in_dir;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
      if (entry.is_regular_file() && entry.path().extension() == ".json")
        in_dir.push_back(entry.path().string());
    std::sort(in_dir.begin(), in_dir.end());
    paths.insert(paths.end(), in_dir.begin(), in_dir.end());
  }
  std::map<ModelKey, QualityModel> models;
  for (const auto& path : paths) {
    const json head = parse_json_fast(read_file(path));
    if (!head.is_object() || head.value("format", "") != kTickerModelFormat) continue;
    QualityModel m = load_ticker_model(path);
    const auto key =
        std::make_pair(m.model.market, interval_name(m.model.interval_s, m.model.daily));
    const auto [it, added] = models.emplace(key, m);
    if (!added)
      throw Error("--models: two models for " + key.first + " " + key.second + ": " +
                  it->second.path + " and " + path);
  }
  if (models.empty()) throw Error("--models: no ticker model (*.json) in the folder(s)");
  return models;
}

std::string models_present(const std::map<ModelKey, QualityModel>& m) {
  std::string out;
  for (const auto& [key, model] : m)
    out += (out.empty() ? "" : ", ") + key.first + " " + key.second + " (" + model.path + ")";
  return out;
}

// One row of the table: a market and interval, its tickers, the model's and the rule's figures.
struct QualityRow {
  std::vector<std::string> tickers;
  std::string model_path;
  FlagQuality model, naive;
};

// Rows in the order US, JP, TH, then other markets by name; daily before 5-minute.
struct MarketOrder {
  static int rank(const std::string& market) {
    return market == "US" ? 0 : market == "JP" ? 1 : market == "TH" ? 2 : 3;
  }
  bool operator()(const ModelKey& a, const ModelKey& b) const {
    return std::make_tuple(rank(a.first), a.first, a.second) <
           std::make_tuple(rank(b.first), b.first, b.second);
  }
};
using QualityRows = std::map<ModelKey, QualityRow, MarketOrder>;

std::string fixed_text(double value, int digits) {
  if (!std::isfinite(value)) return "-";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

std::string lag_cell(double lag) {
  if (!std::isfinite(lag)) return "-";
  return (lag > 0 ? "+" : "") + fixed_text(lag, lag == std::floor(lag) ? 0 : 1);
}

// Share of the flags that fall in an event's window (NaN without flags).
double in_window_share(const FlagQuality& q) {
  if (q.flags == 0) return std::nan("");
  return static_cast<double>(q.flags - q.false_flags) / static_cast<double>(q.flags);
}

json quality_json(const FlagQuality& q) {
  json kinds = json::object();
  for (const auto& [kind, counts] : q.by_kind)
    kinds[kind] = {{"found", counts.first}, {"events", counts.second}};
  const auto number = [](double v) { return std::isfinite(v) ? json(v) : json(); };
  return {{"bars", q.bars},
          {"events", q.events},
          {"found", q.found},
          {"recall", number(recall_of(q))},
          {"flags", q.flags},
          {"false_flags", q.false_flags},
          {"false_flags_per_1000_bars", number(false_flags_per_1000(q))},
          {"median_lag_bars", number(median_lag(q))},
          {"by_kind", kinds},
          {"detection", detection_json(q.detection, "bar")}};
}

void write_tables(std::ostringstream& md, const QualityRows& rows) {
  md << "| market | interval | tickers | bars | events | signal | recall | false flags / 1,000 "
        "bars | median lag (bars) | flags (share in a window) "
        "|\n|---|---|---|---:|---:|---|---:|---:|---:|---:|\n";
  for (const auto& [key, row] : rows) {
    std::string tickers;
    for (const auto& t : row.tickers) tickers += (tickers.empty() ? "" : ", ") + t;
    for (const auto& [name, q] :
         {std::make_pair("model", &row.model), std::make_pair("naive 3 sd", &row.naive)})
      md << "| " << key.first << " | " << key.second << " | " << tickers << " | " << q->bars
         << " | " << q->events << " | " << name << " | " << q->found << "/" << q->events << " ("
         << fixed_text(100.0 * recall_of(*q), 0) << "%) | "
         << fixed_text(false_flags_per_1000(*q), 1) << " | " << lag_cell(median_lag(*q)) << " | "
         << q->flags << " (" << fixed_text(100.0 * in_window_share(*q), 0) << "%) |\n";
  }
  md << "\nFound / events by pattern kind:\n\n| market | interval | signal |";
  for (TickerPatternKind kind : all_ticker_pattern_kinds())
    md << " " << ticker_pattern_name(kind) << " |";
  md << "\n|---|---|---|---:|---:|---:|---:|---:|\n";
  for (const auto& [key, row] : rows)
    for (const auto& [name, q] :
         {std::make_pair("model", &row.model), std::make_pair("naive 3 sd", &row.naive)}) {
      md << "| " << key.first << " | " << key.second << " | " << name << " |";
      for (TickerPatternKind kind : all_ticker_pattern_kinds()) {
        const auto it = q->by_kind.find(ticker_pattern_name(kind));
        if (it == q->by_kind.end())
          md << " - |";
        else
          md << " " << it->second.first << "/" << it->second.second << " |";
      }
      md << "\n";
    }
  md << "\nDetection metrics: bar level against the union of the event windows (TP: a flagged "
        "bar in a window, FP: outside every window, TN: an unflagged bar outside, FN: an "
        "unflagged bar in a window); event recall and median lag as above; false episodes: runs "
        "of consecutive flagged bars outside every window, per ticker-year of bars (last bar "
        "start - first bar start, summed over the row's tickers), or per 1,000 bars when that is "
        "under a year.\n\n"
     << detection_table_head("| market | interval | signal ", 3, "bar");
  for (const auto& [key, row] : rows)
    for (const auto& [name, q] :
         {std::make_pair("model", &row.model), std::make_pair("naive 3 sd", &row.naive)})
      md << "| " << key.first << " | " << key.second << " | " << name << " "
         << detection_cells(q->detection, "bar");
}

void run_backtest_tickers(const TickerBacktestOptions& o) {
  if (!o.out.empty()) check_output_path(o.out);
  if (!o.json_out.empty()) check_output_path(o.json_out);
  const std::vector<TickerEvent> events =
      parse_ticker_events_csv(read_file(o.events, InputKind::kCsv), o.events);
  const auto models = load_quality_models(o.models);
  const auto hours_of = [&](const std::string& market) {
    for (const auto& [key, m] : models)
      if (key.first == market) return m.model.hours;
    return default_market_hours(market);
  };
  QualityRows rows;
  json files = json::array();
  double scoring_seconds = 0.0;  // wall time of score_ticker over all files
  int64_t scored_bars = 0;
  for (const auto& path : o.csv) {
    const TickerFile file = read_ticker_file(path, "", hours_of);
    const Bars& bars = file.parsed.bars;
    const std::string interval = interval_name(file.check.interval_s, file.check.daily);
    const auto it = models.find({file.market, interval});
    if (it == models.end())
      throw Error(path + ": " + bars.ticker + " (" + file.market + ", " + interval +
                  " bars) has no model; models: " + models_present(models));
    std::vector<TickerEvent> mine;
    for (const TickerEvent& e : events)
      if (e.ticker == bars.ticker && e.interval == interval) mine.push_back(e);
    if (mine.empty())
      throw Error(path + ": " + o.events + " lists no " + interval + " event of " + bars.ticker);
    const int64_t tolerance = match_tolerance_s(file.check.interval_s, file.check.daily);
    const Stopwatch watch;
    const TickerScores scores = score_ticker(it->second.model, bars);
    scoring_seconds += watch.seconds();
    scored_bars += static_cast<int64_t>(bars.time.size());
    const FlagQuality model_q = evaluate_flags(bars.time, scores.flagged, mine, tolerance);
    const FlagQuality naive_q =
        evaluate_flags(bars.time, naive_return_flags(bars.close), mine, tolerance);
    QualityRow& row = rows[{file.market, interval}];
    row.tickers.push_back(bars.ticker);
    row.model_path = it->second.path;
    add_quality(row.model, model_q);
    add_quality(row.naive, naive_q);
    files.push_back({{"path", path},
                     {"ticker", bars.ticker},
                     {"market", file.market},
                     {"interval", interval},
                     {"tolerance_s", tolerance},
                     {"model", quality_json(model_q)},
                     {"naive", quality_json(naive_q)}});
  }
  std::ostringstream md;
  md << "## Ticker models on labelled patterns\n\nEvents: " << o.events
     << "; models: " << models_present(models)
     << ". An event is found when a flagged bar starts within its window [start - tol, end + tol] "
        "(tol = max(2 x interval, 15 min), 2 days for daily bars); false flags lie outside every "
        "window; lag counts bars from the event's first bar to the first flag in its window. "
        "Naive rule: |return_1| > 3 sd of the 20 returns before.\n\n";
  write_tables(md, rows);
  const double bars_per_second =
      scoring_seconds > 0.0 ? static_cast<double>(scored_bars) / scoring_seconds : std::nan("");
  md << "\nThroughput: " << scored_bars << " bars scored in " << fixed_text(scoring_seconds, 3)
     << " s (" << fixed_text(bars_per_second, 0) << " bars/s).\n";
  json rows_json = json::array();
  for (const auto& [key, row] : rows)
    rows_json.push_back({{"market", key.first},
                         {"interval", key.second},
                         {"tickers", row.tickers},
                         {"model_path", row.model_path},
                         {"model", quality_json(row.model)},
                         {"naive", quality_json(row.naive)}});
  const json doc = {
      {"format", "vixray-ticker-backtest"},
      {"format_version", "1.0"},
      {"events", o.events},
      {"rows", rows_json},
      {"files", files},
      {"throughput",
       {{"bars", scored_bars},
        {"scoring_seconds", scoring_seconds},
        {"bars_per_second", std::isfinite(bars_per_second) ? json(bars_per_second) : json()}}}};
  const std::string text = md.str();
  std::cout << text;
  if (!o.out.empty()) write_file(o.out, text);
  if (!o.json_out.empty()) write_file(o.json_out, doc.dump(2) + "\n");
}

}  // namespace

CLI::App* register_backtest_tickers(CLI::App* backtest, Action& action) {
  auto o = std::make_shared<TickerBacktestOptions>();
  auto* cmd = backtest->add_subcommand(
      "tickers",
      "ticker models against labelled patterns (simulate tickers' ticker_events.csv): recall, "
      "false flags per 1,000 bars, median lag, beside the naive |return| > 3 sd rule");
  cmd->add_option("--models", o->models,
                  "folder of ticker models (vixray ticker train), one per market and interval; "
                  "repeatable")
      ->required();
  cmd->add_option("--csv", o->csv, "bar CSV; repeatable")->required();
  cmd->add_option("--events", o->events, "labelled patterns: ticker,interval,kind,start,end")
      ->required();
  cmd->add_option("--out", o->out, "write the markdown table here");
  cmd->add_option("--json", o->json_out, "write the figures as JSON here");
  cmd->callback([o, &action] { action = [o] { run_backtest_tickers(*o); }; });
  return cmd;
}

}  // namespace vixray::cli
