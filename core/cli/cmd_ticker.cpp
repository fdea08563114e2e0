// `vixray ticker train`: one Isolation Forest per market over seed 001's 14 indicators
// (ensemble/ticker_model.hpp), pooled over the ticker files given; with a folder --out, Model A
// and Model B (cmd_ticker_folder.cpp). `ticker score` is in cmd_ticker_score.cpp.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "bundle_file.hpp"
#include "commands.hpp"
#include "console.hpp"
#include "files.hpp"
#include "ticker_files.hpp"
#include "ticker_folder.hpp"
#include "vixray/base/error.hpp"
#include "vixray/ensemble/ticker_model.hpp"

namespace vixray::cli {
namespace {

struct TrainOptions {
  std::vector<std::string> csv;
  std::string market, asset_class = "equity", settings, out, events;
};

// All files in one market: the given one, or the one every file's suffix routes to.
void check_one_market(const std::vector<TickerFile>& files) {
  for (const auto& f : files)
    if (f.market != files.front().market) {
      std::string routes;
      for (const auto& g : files) routes += (routes.empty() ? "" : ", ") + describe_routing(g);
      throw Error("the files route to different markets: " + routes +
                  " (train one model per market, or give --market)");
    }
}

void check_one_interval(const std::vector<TickerFile>& files) {
  const BarCheck& first = files.front().check;
  for (const auto& f : files)
    if (f.check.interval_s != first.interval_s || f.check.daily != first.daily)
      throw Error(f.path + ": interval " + interval_name(f.check.interval_s, f.check.daily) +
                  ", but " + files.front().path + " has " +
                  interval_name(first.interval_s, first.daily) +
                  " (one model is trained on one interval)");
}

void run_train(const TrainOptions& o) {
  // A folder --out: its lock is taken and its history checked before anything is read.
  std::unique_ptr<ModelFolderWriter> folder;
  if (is_model_folder_argument(o.out))
    folder = std::make_unique<ModelFolderWriter>(o.out, "ticker train");
  else if (!o.events.empty())
    throw Error("--events: labels are for a model folder (--out DIR/), not a single bundle");
  else
    check_output_path(o.out);
  const std::string settings_text = o.settings.empty() ? "" : read_file(o.settings);
  // Hours come from the settings; the interval (a match key) is known once the bars are read.
  auto hours_of = [&](const std::string& market) {
    return load_ticker_settings(settings_text, market, o.asset_class, "").hours;
  };
  std::vector<TickerFile> files;
  for (const auto& path : o.csv) files.push_back(read_ticker_file(path, o.market, hours_of));
  check_one_market(files);
  check_one_interval(files);
  const TickerFile& first = files.front();
  const std::string interval = interval_name(first.check.interval_s, first.check.daily);
  const TickerSettings settings =
      load_ticker_settings(settings_text, first.market, o.asset_class, interval);
  std::cout << "ticker train: market " << first.market << ", interval " << interval << ", "
            << files.size() << " file(s)\n";
  std::vector<TickerTrainFile> training;
  for (const auto& f : files) {
    std::cout << ticker_file_summary(f) << "\n";
    training.push_back(TickerTrainFile{f.parsed.bars, o.asset_class});
  }
  if (folder) {
    train_ticker_folder(*folder, o.out, {files, training, o.settings, o.events}, settings);
    return;
  }
  const Stopwatch watch;
  const TickerModel model = train_ticker_model(training, settings);
  const std::string text = sealed_json_text(ticker_model_to_json(model));
  check_written_size(o.out, text.size(), InputKind::kJson);
  write_file(o.out, text);
  std::cout << "trained on " << model.training_rows << " complete indicator rows ("
            << settings.n_trees << " trees, sample_size " << settings.sample_size
            << ", contamination " << settings.contamination << ", price_relative "
            << (settings.price_relative ? "true" : "false") << ") in "
            << static_cast<int64_t>(watch.milliseconds()) << " ms -> " << o.out << "\n";
}

}  // namespace

void register_ticker_commands(CLI::App& app, Action& action) {
  auto* ticker = app.add_subcommand(
      "ticker", "per-market models of single tickers' OHLCV bars (seed 001's 14 indicators)");
  ticker->require_subcommand(1);
  auto* train = ticker->add_subcommand("train", "train one market's model on ticker bar files");
  auto o = std::make_shared<TrainOptions>();
  train->add_option("--csv", o->csv, "bar CSV (Yahoo, yfinance, Stooq or generic); repeatable")
      ->required();
  train->add_option("--market", o->market,
                    "US, JP, TH or a settings market (default: by the tickers' suffix)");
  train->add_option("--asset-class", o->asset_class, "asset class of the tickers (recorded)")
      ->default_val("equity");
  train->add_option("--settings", o->settings, "ticker settings (default: built in)");
  train
      ->add_option("--out", o->out,
                   "model bundle to write (JSON), or a model folder (an existing folder or a path "
                   "ending in /): Model A, Model B, baselines, training history")
      ->required();
  train->add_option("--events", o->events,
                    "labelled patterns (ticker_events.csv) for the folder's event metrics");
  train->callback([o, &action] { action = [o] { run_train(*o); }; });
  register_ticker_score(ticker, action);
}

}  // namespace vixray::cli
