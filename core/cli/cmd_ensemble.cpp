// `vixray ensemble generate|train|analyze|explain`: the detector ensemble on a generic CSV of
// analysis inputs (date, vix.close, spx.close and feature columns). The feature library and the
// market readers will sit in front of this; until then any table of features works.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>
#include <string>

#include "bundle_file.hpp"
#include "commands.hpp"
#include "console.hpp"
#include "files.hpp"
#include "options.hpp"
#include "threads.hpp"
#include "vixray/analysis/analysis.hpp"
#include "vixray/analysis/analysis_json.hpp"
#include "vixray/analysis/explain.hpp"
#include "vixray/analysis/feature_table.hpp"
#include "vixray/base/error.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/model_io.hpp"
#include "vixray/ensemble/settings.hpp"
#include "vixray/ensemble/thresholds.hpp"
#include "vixray/ensemble/train.hpp"

namespace vixray::cli {
namespace {

using nlohmann::json;
// Reads a bundle and checks its content_sha256 before trusting anything in it.
EnsembleModel read_model(const std::string& path) { return read_bundle(path).model; }

struct EnsembleOptions {
  std::string features, out, model, settings, market, asset_class, date;
  int64_t days = 9000;
  uint64_t seed = 7;
  bool without_vvix = false;
};

void run_generate(const EnsembleOptions& o) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const auto& d : default_settings().detectors)
    for (const auto& f : d.features)
      if ((!o.without_vvix || f.rfind("vvix", 0) != 0) && seen.insert(f).second) names.push_back(f);
  const FeatureTable table = generate_feature_table(o.days, names, o.seed);
  write_file(o.out, feature_table_csv(table));
  std::cout << "generated " << o.days << " days x " << names.size() << " features (seed " << o.seed
            << ") -> " << o.out << "\n";
}

void run_train(const EnsembleOptions& o) {
  const FeatureTable table =
      parse_feature_table_csv(read_file(o.features, InputKind::kCsv), o.features);
  const EnsembleSettings settings = read_settings(o.settings, o.market, o.asset_class);
  const Stopwatch watch;
  const EnsembleModel model =
      train_ensemble(table.input(), settings, nullptr, thread_runner(hardware_threads()));
  const double train_ms = watch.milliseconds(), train_cpu_ms = watch.cpu_milliseconds();
  const std::string text = bundle_text(model);
  write_file(o.out, text);
  std::printf(
      "trained %d detectors on %lld of %lld days (%lld features) in %.0f ms "
      "(%.0f ms CPU) -> %s (%zu bytes)\n",
      model.training.n_detectors, static_cast<long long>(model.training.n_observations),
      static_cast<long long>(model.training.input_rows),
      static_cast<long long>(model.training.n_features), train_ms, train_cpu_ms, o.out.c_str(),
      text.size());
  for (const auto& d : model.inactive_detectors)
    std::printf("  inactive detector %s (%s): %s\n", d.name.c_str(), d.domain.c_str(),
                d.note.c_str());
  for (const auto& c : model.coverage)
    if (c.status != "OK")
      std::printf("  coverage %s: %d of %d features (%.1f%%) %s\n", c.domain.c_str(),
                  c.available_features, c.expected_features, c.coverage_pct, c.status.c_str());
  std::printf("  thresholds moderate %.4f high %.4f critical %.4f\n", model.thresholds.moderate,
              model.thresholds.high, model.thresholds.critical);
  for (size_t r = 0; r < model.contamination.rates.size(); ++r)
    std::printf("  contamination %s: expected %.2f realized %.4f over %lld days\n",
                model.regimes.names[r].c_str(), model.contamination.rates[r],
                model.contamination.realized_rates[r],
                static_cast<long long>(model.contamination.training_days[r]));
}

void run_analyze(const EnsembleOptions& o) {
  const EnsembleModel model = read_model(o.model);
  const FeatureTable table =
      parse_feature_table_csv(read_file(o.features, InputKind::kCsv), o.features);
  const Stopwatch watch;
  const Analysis analysis = analyze(model, table.input());
  const double analyze_ms = watch.milliseconds(), analyze_cpu_ms = watch.cpu_milliseconds();
  write_file(o.out, analysis_to_json(analysis, model).dump() + "\n");
  std::printf("analysed %zu days with %zu detectors in %.1f ms (%.1f ms CPU) -> %s\n",
              analysis.dates.size(), analysis.detector_names.size(), analyze_ms, analyze_cpu_ms,
              o.out.c_str());
  if (analysis.today >= 0) {
    const auto t = static_cast<size_t>(analysis.today);
    std::printf("  today %s: ensemble %.4f %s, streak %lld, %zu of %zu domains at HIGH or above\n",
                format_iso(analysis.dates[t]).c_str(), analysis.ensemble_score[t],
                level_name(analysis.level[t]),
                static_cast<long long>(analysis.persistence.current_streak),
                analysis.domains_at_high.size(), analysis.domain_names.size());
  }
}

void run_explain(const EnsembleOptions& o) {
  const EnsembleModel model = read_model(o.model);
  const FeatureTable table =
      parse_feature_table_csv(read_file(o.features, InputKind::kCsv), o.features);
  Day day = 0;
  if (!parse_date(o.date, day)) throw Error("--date: expected YYYY-MM-DD, got \"" + o.date + "\"");
  int64_t index = -1;
  for (size_t t = 0; t < table.dates.size(); ++t)
    if (table.dates[t] == day) index = static_cast<int64_t>(t);
  if (index < 0) throw Error("--date: " + o.date + " is not a day of " + o.features);
  const auto explanations = explain_day(model, table.input(), index);
  const json explanation = explanation_json(model, explanations, index, o.date);
  write_file(o.out, explanation.dump(1) + "\n");
  for (const auto& f : explanation["features"])
    std::printf("  %+.4f  %s\n", f["value"].get<double>(), f["label"].get<std::string>().c_str());
  std::cout << "explained " << explanations.size() << " detectors on " << o.date << " -> " << o.out
            << "\n";
}

}  // namespace

void register_ensemble_commands(CLI::App& app, Action& action) {
  auto o = std::make_shared<EnsembleOptions>();
  auto* ensemble = app.add_subcommand(
      "ensemble", "the detector ensemble on a CSV of date, vix.close, spx.close and features");
  ensemble->require_subcommand(1);

  auto* generate = ensemble->add_subcommand(
      "generate", "write generated inputs with every catalogue feature (tests, benchmarks)");
  generate->add_option("--days", o->days, "trading days")->default_val(9000);
  add_seed_option(generate, "--seed", o->seed, "random seed")->default_val(7);
  generate->add_flag("--without-vvix", o->without_vvix, "leave out the VVIX features");
  generate->add_option("--out", o->out, "CSV to write")->required();
  generate->callback([o, &action] { action = [o] { run_generate(*o); }; });

  auto* train = ensemble->add_subcommand("train", "train the ensemble and write the model bundle");
  train->add_option("--features", o->features, "CSV: date, vix.close, spx.close, features")
      ->required();
  train->add_option("--settings", o->settings, "settings JSON (default: the built-in catalogue)");
  train->add_option("--market", o->market, "settings context: market (default us)");
  train->add_option("--asset-class", o->asset_class,
                    "settings context: asset class (default equity_index)");
  train->add_option("--out", o->out, "model bundle to write (JSON)")->required();
  train->callback([o, &action] { action = [o] { run_train(*o); }; });

  auto* analyze_cmd = ensemble->add_subcommand("analyze", "score every day and write the Analysis");
  analyze_cmd->add_option("--model", o->model, "model bundle (JSON)")->required();
  analyze_cmd->add_option("--features", o->features, "CSV with the model's features")->required();
  analyze_cmd->add_option("--out", o->out, "Analysis JSON to write")->required();
  analyze_cmd->callback([o, &action] { action = [o] { run_analyze(*o); }; });

  auto* explain = ensemble->add_subcommand("explain", "TreeSHAP contributions of one day");
  explain->add_option("--model", o->model, "model bundle (JSON)")->required();
  explain->add_option("--features", o->features, "CSV with the model's features")->required();
  explain->add_option("--date", o->date, "day to explain (YYYY-MM-DD)")->required();
  explain->add_option("--out", o->out, "JSON to write")->required();
  explain->callback([o, &action] { action = [o] { run_explain(*o); }; });
}

}  // namespace vixray::cli
