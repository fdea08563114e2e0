// `vixray monitor --models DIR [market data] [--windows 5,21,63] [thresholds] [--json OUT]`:
// scores the days after a model folder's training data with Model A and Model B, measures the
// drift of their HIGH-or-above rates against the validation baseline over windows of the newest
// days, prints a table and a recommendation, appends one line to DIR/monitoring_history.jsonl
// and exits with the recommendation's code (docs/LIFECYCLE.md; the rules: analysis/monitor.hpp).

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "bundle_file.hpp"
#include "clock.hpp"
#include "commands.hpp"
#include "files.hpp"
#include "folder_files.hpp"
#include "folder_lock.hpp"
#include "history_file.hpp"
#include "market_inputs.hpp"
#include "threads.hpp"
#include "vixray/analysis/monitor.hpp"
#include "vixray/analysis/pipeline.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/dates.hpp"
#include "vixray/data/price_files.hpp"

namespace vixray::cli {
namespace {

using nlohmann::json;

struct MonitorOptions {
  DataOptions data;
  std::string models, windows = "5,21,63", json_out;
  MonitorThresholds thresholds;
};

std::vector<int64_t> parse_windows(const std::string& text) {
  std::vector<int64_t> windows;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    char* end = nullptr;
    const long long days = std::strtoll(item.c_str(), &end, 10);
    if (item.empty() || *end != '\0' || days < 1 || days > 100000)
      throw Error(
          "--windows: expected window lengths in days (whole numbers 1 .. 100000, "
          "comma-separated), got \"" +
          item + "\"");
    windows.push_back(days);
  }
  if (windows.empty()) throw Error("--windows: expected at least one window length");
  return windows;
}

// One model's flags (HIGH or above) and ensemble scores on the new days, through the one path.
MonitoredRows new_rows(const EnsembleModel& model, const Frame& frame, size_t first) {
  const PreparedMarket prepared = prepare_market(frame, model_feature_spec(model));
  const Analysis analysis = analyze_market(model, prepared, thread_runner(hardware_threads()));
  MonitoredRows rows;
  for (size_t i = first; i < analysis.dates.size(); ++i) {
    rows.flags.push_back(analysis.level[i] >= Level::kHigh ? 1 : 0);
    rows.scores.push_back(analysis.ensemble_score[i]);
  }
  return rows;
}

std::string cell(double fraction, bool percent) {
  char text[32];
  if (std::isnan(fraction)) return "-";
  std::snprintf(text, sizeof text, percent ? "%.1f%%" : "%.3f",
                percent ? 100.0 * fraction : fraction);
  return text;
}

void print_table(const MonitorResult& r, const std::vector<std::string>& dates) {
  std::printf("%-16s %5s  %-22s  %8s %8s %7s  %8s %8s %7s  %s\n", "window", "days", "dates",
              "A rate", "A drift", "A PSI", "B rate", "B drift", "B PSI", "winner");
  for (const auto& w : r.windows)
    std::printf("%-16s %5lld  %s..%s  %8s %8s %7s  %8s %8s %7s  %s\n", w.name.c_str(),
                static_cast<long long>(w.days), dates[w.first].c_str(), dates[w.last].c_str(),
                cell(w.a.flag_rate, true).c_str(), cell(w.a.drift, true).c_str(),
                cell(w.a.psi, false).c_str(), cell(w.b.flag_rate, true).c_str(),
                cell(w.b.drift, true).c_str(), cell(w.b.psi, false).c_str(), w.b_wins ? "B" : "A");
}

void run_monitor(const MonitorOptions& o) {
  MonitorInput input;
  input.windows = parse_windows(o.windows);
  input.thresholds = o.thresholds;
  if (!o.json_out.empty()) check_output_path(o.json_out);
  const FolderLock lock(o.models, "monitor");
  kill_point("monitor:locked");
  const std::string history = model_folder_file(o.models, kMonitoringHistoryFile);
  require_intact_history(history);
  const ModelFolder folder = read_model_folder(o.models);
  input.baseline = folder.baseline;
  input.reference = folder.reference;
  const MarketInputs inputs = read_inputs(o.data);
  const AlignedPrices market = read_price_csvs(inputs.series);
  const std::vector<Day>& days = market.frame.dates();
  size_t first = 0;
  while (first < days.size() && days[first] <= folder.training_end) ++first;
  if (first == days.size())
    throw Error("no new days after " + format_iso(folder.training_end) +
                " (the end of the training data, dual_model_baseline.json "
                "model_b.test_date_end): the market data ends " +
                (days.empty() ? std::string("with no day") : format_iso(days.back())));
  input.model_a = new_rows(folder.a.model, market.frame, first);
  input.model_b = new_rows(folder.b.model, market.frame, first);
  const MonitorResult result = monitor_models(input);
  MonitorRecord record{now_iso(), "market", folder.sha256_a, folder.sha256_b, {}};
  for (size_t i = first; i < days.size(); ++i) record.row_dates.push_back(format_iso(days[i]));
  const json entry = monitoring_entry(input, result, record);
  kill_point("monitor:before-append");
  const AppendedLine appended = append_history(history, entry);
  kill_point("monitor:after-append");
  if (!o.json_out.empty()) write_file(o.json_out, entry.dump(2) + "\n");
  std::printf("models: %s (A %.12s, B %.12s)\n", o.models.c_str(), folder.sha256_a.c_str(),
              folder.sha256_b.c_str());
  std::printf("data: %s\n", inputs.describe().c_str());
  std::printf("new days: %zu, %s .. %s (after %s, the end of the training data)\n",
              record.row_dates.size(), record.row_dates.front().c_str(),
              record.row_dates.back().c_str(), format_iso(folder.training_end).c_str());
  std::printf(
      "baseline flag rate: %s (%s)\n", cell(input.baseline.flag_rate, true).c_str(),
      input.baseline.expected ? "expected rate: the validation rate is 0" : "Model A's validation");
  print_table(result, record.row_dates);
  std::printf("B won %lld of %zu windows (%s)\n", static_cast<long long>(result.b_wins),
              result.windows.size(), cell(result.b_win_rate, true).c_str());
  std::printf("recommendation: %s (exit %d): %s\n", recommendation_name(result.recommendation),
              result.exit_code, result.rule.c_str());
  std::printf("history: %s line %zu, anchor %s\n", history.c_str(), appended.line,
              appended.anchor.c_str());
  std::fflush(stdout);
  if (result.exit_code != 0) throw ExitStatus{result.exit_code};
}

}  // namespace

void register_monitor_commands(CLI::App& app, Action& action) {
  auto o = std::make_shared<MonitorOptions>();
  auto* cmd = app.add_subcommand(
      "monitor",
      "score the days after a model folder's training with Model A and Model B, measure drift, "
      "recommend (exit 0 USE MODEL A, 10 WATCH, 11 USE MODEL B, 12 RETRAIN) and append to its "
      "monitoring history");
  cmd->add_option("--models", o->models, "model folder (train --out DIR)")->required();
  add_data_options(cmd, o->data);
  cmd->add_option("--windows", o->windows, "window lengths in days, comma-separated")
      ->default_val("5,21,63");
  cmd->add_option("--retrain-drift", o->thresholds.retrain_drift,
                  "RETRAIN when Model A's drift exceeds this fraction")
      ->default_val(0.10)
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--watch-drift", o->thresholds.watch_drift,
                  "WATCH when Model A's drift is at least this fraction")
      ->default_val(0.05)
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--b-win-share", o->thresholds.b_win_share,
                  "USE MODEL B needs B to win at least this share of the windows (and B's drift "
                  "under --retrain-drift)")
      ->default_val(0.75)
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--json", o->json_out, "also write the monitoring line to this JSON file");
  cmd->callback([o, &action] {
    o->thresholds.b_max_drift = o->thresholds.retrain_drift;
    action = [o] { run_monitor(*o); };
  });
}

}  // namespace vixray::cli
