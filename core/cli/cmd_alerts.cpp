// `vixray alerts`: how a model's alarms are spread (seed 004, analysis/alerts.hpp). The market
// ensemble: each alarm day's top detector, over the model's own data (or the files or simulated
// market given), computed through the one Analysis path (prepare_market, analyze_market). Ticker
// models: the flagged bars of the files given per market, asset class and ticker. Exit code 0
// without warning, 4 with one (1 stays "error").
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bundle_file.hpp"
#include "commands.hpp"
#include "files.hpp"
#include "market_inputs.hpp"
#include "threads.hpp"
#include "ticker_files.hpp"
#include "vixray/analysis/alerts.hpp"
#include "vixray/analysis/pipeline.hpp"
#include "vixray/analysis/ticker_scores.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/price_files.hpp"

namespace vixray::cli {
namespace {

using nlohmann::json;

struct AlertsOptions {
  DataOptions data;
  bool simulator_given = false;  // a --sim-* option was given: the simulator, not the bundle's data
  std::string model, json_out;
  std::vector<std::string> ticker_models, csv;
  double max_share = 0.35;
  unsigned threads = 0;
};

void print_warnings(const std::vector<std::string>& warnings) {
  if (warnings.empty()) {
    std::printf("warnings: none\n");
    return;
  }
  std::printf("warnings (%zu):\n", warnings.size());
  for (const auto& w : warnings) std::printf("  %s\n", w.c_str());
}

// Writes --json (when given) and ends with exit code 4 when there is a warning.
void finish(const AlertsOptions& o, const json& document,
            const std::vector<std::string>& warnings) {
  if (!o.json_out.empty()) {
    write_file(o.json_out, document.dump(2) + "\n");
    std::printf("-> %s\n", o.json_out.c_str());
  }
  if (!warnings.empty()) throw ExitStatus{kExitWarnings};
}

void run_market_alerts(const AlertsOptions& o) {
  const BundleFile bundle = read_bundle(o.model);
  const MarketInputs inputs = has_files(o.data) || o.simulator_given
                                  ? read_inputs(o.data)
                                  : read_inputs_of_bundle(bundle.document, o.model);
  const AlignedPrices market = read_price_csvs(inputs.series);
  const PreparedMarket prepared = prepare_market(market.frame, model_feature_spec(bundle.model));
  const unsigned threads = o.threads > 0 ? o.threads : hardware_threads();
  const Analysis analysis = analyze_market(bundle.model, prepared, thread_runner(threads));
  const AlertDistribution d = alert_distribution(analysis, bundle.model, o.max_share);
  std::printf("alert distribution of %s on %s\n", o.model.c_str(), inputs.describe().c_str());
  std::printf(
      "%lld days with a score, %lld alarm days (HIGH or CRITICAL), limit %.1f%% per "
      "detector\n",
      static_cast<long long>(d.days), static_cast<long long>(d.alarm_days),
      100.0 * d.max_share_allowed);
  std::printf("  %-32s %-24s %10s %7s\n", "detector", "domain", "alarm days", "share");
  for (const auto& r : d.detectors)
    std::printf("  %-32s %-24s %10lld %6.1f%%\n", r.label.c_str(), r.domain.c_str(),
                static_cast<long long>(r.alarm_days), 100.0 * r.share);
  if (!d.max_detector.empty())
    std::printf("largest share: %s %.1f%%\n", d.max_detector.c_str(), 100.0 * d.max_share);
  print_warnings(d.warnings);
  finish(o, alert_distribution_to_json(d), d.warnings);
}

// The models of --ticker-models (folders or files), by market.
std::map<std::string, LoadedModel> ticker_models_of(const std::vector<std::string>& paths) {
  std::map<std::string, LoadedModel> models;
  for (const auto& path : paths) {
    std::map<std::string, LoadedModel> some;
    if (std::filesystem::is_directory(path)) {
      some = load_ticker_model_folder(path, "--ticker-models");
    } else {
      LoadedModel m = load_ticker_model(path);
      some.emplace(m.model.market, std::move(m));
    }
    for (auto& [market, m] : some) {
      const auto [it, added] = models.emplace(market, m);
      if (!added)
        throw Error("--ticker-models: two models for market " + market + ": " + it->second.path +
                    " and " + m.path);
    }
  }
  return models;
}

// Ticker -> asset class: the model's training tickers; a ticker it was not trained on gets the
// class of its training tickers when they all have one, else none ("unknown").
std::map<std::string, std::string> asset_classes_of(
    const std::map<std::string, LoadedModel>& models, const std::vector<TickerFile>& files) {
  std::map<std::string, std::string> out;
  for (const auto& [market, m] : models)
    for (const auto& t : m.model.tickers) out[t.ticker] = t.asset_class;
  for (const auto& f : files) {
    if (out.count(f.parsed.bars.ticker)) continue;
    const auto& trained = models.at(f.market).model.tickers;
    bool one = !trained.empty();
    for (const auto& t : trained) one = one && t.asset_class == trained.front().asset_class;
    if (one) out[f.parsed.bars.ticker] = trained.front().asset_class;
  }
  return out;
}

void print_ticker_groups(const char* what, const std::vector<TickerAlertGroup>& groups) {
  std::printf("  %-16s %10s %8s %7s %8s\n", what, "bars", "flagged", "share", "rate");
  for (const auto& g : groups)
    std::printf("  %-16s %10lld %8lld %6.1f%% %7.2f%%\n", g.name.c_str(),
                static_cast<long long>(g.bars), static_cast<long long>(g.flagged), 100.0 * g.share,
                100.0 * g.rate);
}

void run_ticker_alerts(const AlertsOptions& o) {
  if (o.csv.empty()) throw Error("alerts --ticker-models: give the bar files with --csv");
  const std::map<std::string, LoadedModel> models = ticker_models_of(o.ticker_models);
  auto model_of = [&](const std::string& market) -> const LoadedModel& {
    const auto it = models.find(market);
    if (it == models.end())
      throw Error("alerts: no ticker model for market " + market + " in --ticker-models");
    return it->second;
  };
  std::vector<TickerFile> files;
  std::vector<TickerScores> scores;
  for (const auto& path : o.csv) {
    files.push_back(read_ticker_file(
        path, "", [&](const std::string& market) { return model_of(market).model.hours; }));
    const LoadedModel& m = model_of(files.back().market);
    check_model_interval(files.back(), m);
    scores.push_back(score_ticker(m.model, files.back().parsed.bars));
  }
  std::vector<TickerRun> runs;
  for (size_t i = 0; i < files.size(); ++i) {
    const LoadedModel& m = model_of(files[i].market);
    runs.push_back(TickerRun{&m.model, m.sha256, &files[i].parsed.bars, &scores[i]});
  }
  const json document = ticker_anomalies_document(runs, nullptr);
  const TickerAlertDistribution d =
      ticker_alert_distribution(document, asset_classes_of(models, files));
  std::printf("alert distribution of %zu ticker models on %zu files: %lld bars, %lld flagged\n",
              models.size(), files.size(), static_cast<long long>(d.bars),
              static_cast<long long>(d.flagged));
  print_ticker_groups("market", d.markets);
  print_ticker_groups("asset class", d.asset_classes);
  print_ticker_groups("ticker", d.tickers);
  print_warnings(d.warnings);
  finish(o, ticker_alert_distribution_to_json(d), d.warnings);
}

void run_alerts(const AlertsOptions& o) {
  if (o.model.empty() == o.ticker_models.empty())
    throw Error("alerts: give --model BUNDLE or --ticker-models DIR_OR_FILE (one of them)");
  if (!(o.max_share > 0.0 && o.max_share <= 1.0))
    throw Error("alerts --max-share: expected a share in (0, 1], got " +
                std::to_string(o.max_share));
  if (!o.json_out.empty()) check_output_path(o.json_out);
  if (!o.model.empty()) {
    if (!o.csv.empty()) throw Error("alerts --csv: bar files go with --ticker-models");
    run_market_alerts(o);
  } else {
    run_ticker_alerts(o);
  }
}

}  // namespace

void register_alerts_commands(CLI::App& app, Action& action) {
  auto o = std::make_shared<AlertsOptions>();
  auto* cmd = app.add_subcommand(
      "alerts",
      "how the alarms are spread over detectors (or ticker markets); exit 4 on a warning");
  cmd->add_option("--model", o->model, "market model bundle (from vixray train)");
  add_data_options(cmd, o->data);
  cmd->add_option("--ticker-models", o->ticker_models,
                  "ticker model file or folder of ticker models; repeatable");
  cmd->add_option("--csv", o->csv, "ticker bar CSV (with --ticker-models); repeatable");
  cmd->add_option("--max-share", o->max_share, "largest share of alarms one detector may carry")
      ->default_val(0.35);
  cmd->add_option("--json", o->json_out, "write the distribution as JSON");
  cmd->add_option("--threads", o->threads,
                  "threads scoring the detectors (default: every hardware thread)");
  cmd->callback([cmd, o, &action] {
    for (const char* name : {"--sim-seed", "--sim-start", "--sim-end"})
      o->simulator_given = o->simulator_given || cmd->get_option(name)->count() > 0;
    action = [o] { run_alerts(*o); };
  });
}

}  // namespace vixray::cli
