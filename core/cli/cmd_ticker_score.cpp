// `vixray ticker score`: every bar's score and the flagged bars of ticker files, with one model
// or with a folder of per-market models chosen by each ticker's suffix; with --state only the
// bars after the last scored one go through the forest (analysis/ticker_scores.hpp).
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bundle_file.hpp"
#include "console.hpp"
#include "files.hpp"
#include "ticker_files.hpp"
#include "vixray/analysis/ticker_scores.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"

namespace vixray::cli {
namespace {

using nlohmann::json;

struct ScoreOptions {
  std::vector<std::string> csv;
  std::string model, models, out, state;
};

std::string models_present(const std::map<std::string, LoadedModel>& models) {
  std::string out;
  for (const auto& [market, m] : models)
    out += (out.empty() ? "" : ", ") + market + " (" + m.path + ")";
  return out;
}

json read_json_file(const std::string& path, const std::string& what) {
  const json j = parse_json_fast(read_file(path));
  if (j.is_discarded()) throw Error(path + ": the " + what + " is not valid JSON");
  return j;
}

// The previous STATE and anomalies document, when --state names an existing file.
void read_previous(const ScoreOptions& o, json& state, json& previous) {
  if (o.state.empty() || !std::filesystem::exists(o.state)) return;
  state = read_json_file(o.state, "state");
  try {
    check_ticker_state(state);
  } catch (const Error& e) {
    throw Error(o.state + ": " + e.what());
  }
  if (!std::filesystem::exists(o.out))
    throw Error(o.state + ": the state has scored bars but --out " + o.out +
                " does not exist (remove the state to score everything again)");
  previous = read_json_file(o.out, "anomalies document");
  try {
    check_ticker_anomalies(previous);
  } catch (const Error& e) {
    throw Error(o.out + ": " + e.what());
  }
}

struct Scored {
  TickerFile file;
  const LoadedModel* model = nullptr;
  TickerScores scores;
};

void run_score(const ScoreOptions& o) {
  if (o.model.empty() == o.models.empty())
    throw Error("ticker score: give --model MODEL or --models DIR (one of them)");
  check_output_path(o.out);
  if (!o.state.empty()) check_output_path(o.state);
  std::map<std::string, LoadedModel> models;
  if (!o.model.empty()) {
    LoadedModel m = load_ticker_model(o.model);
    models.emplace(m.model.market, std::move(m));
  } else {
    models = load_ticker_model_folder(o.models, "--models");
  }
  json state, previous;
  read_previous(o, state, previous);
  const bool single = !o.model.empty();
  auto model_of = [&](const std::string& market) -> const LoadedModel& {
    const auto it = single ? models.begin() : models.find(market);
    if (it == models.end())
      throw Error("no ticker model for market " + market + " in " + o.models +
                  "; models: " + models_present(models));
    return it->second;
  };
  std::vector<Scored> scored;
  double seconds = 0;  // indicators and forest, not reading the files
  int64_t new_bars = 0, flagged = 0;
  for (const auto& path : o.csv) {
    const std::string routed = market_of_ticker(ticker_from_file_name(path));
    if (!single && !models.count(routed))
      throw Error(path + ": ticker " + ticker_from_file_name(path) + " routes to market " + routed +
                  ", which has no model in " + o.models + "; models: " + models_present(models));
    Scored s;
    const std::string forced = single ? models.begin()->first : "";
    s.file = read_ticker_file(
        path, forced, [&](const std::string& market) { return model_of(market).model.hours; });
    s.model = &model_of(s.file.market);
    check_model_interval(s.file, *s.model);
    const Bars& bars = s.file.parsed.bars;
    const int64_t from = resume_row(state, bars, s.model->sha256);
    const Stopwatch watch;
    s.scores = score_ticker(s.model->model, bars, from);
    seconds += watch.seconds();
    new_bars += bars.size() - from;
    for (size_t r = static_cast<size_t>(from); r < s.scores.flagged.size(); ++r)
      flagged += s.scores.flagged[r];
    scored.push_back(std::move(s));
  }
  std::vector<TickerRun> runs;
  for (const auto& s : scored)
    runs.push_back(TickerRun{&s.model->model, s.model->sha256, &s.file.parsed.bars, &s.scores});
  const json document = ticker_anomalies_document(runs, previous);
  write_file(o.out, document.dump() + "\n");
  if (!o.state.empty()) {
    json next = ticker_state_document(runs);
    if (state.is_object())
      for (const auto& [ticker, entry] : state["tickers"].items())
        if (!next["tickers"].contains(ticker)) next["tickers"][ticker] = entry;
    write_file(o.state, next.dump(2) + "\n");
  }
  for (const auto& s : scored)
    std::cout << "  " << s.file.parsed.bars.ticker << " [" << s.file.market << ", model "
              << s.model->path << "]: " << s.file.parsed.bars.size() << " bars, "
              << s.file.parsed.bars.size() - s.scores.from_row << " scored now\n";
  std::cout << "ticker score: " << new_bars << " bars scored, " << flagged << " flagged, "
            << static_cast<int64_t>(seconds > 0 ? static_cast<double>(new_bars) / seconds : 0.0)
            << " bars/s -> " << o.out << (o.state.empty() ? "" : " (state " + o.state + ")")
            << "\n";
}

}  // namespace

void register_ticker_score(CLI::App* ticker, std::function<void()>& action) {
  auto* score = ticker->add_subcommand(
      "score", "score ticker bar files; with --state only the bars after the last scored one");
  auto o = std::make_shared<ScoreOptions>();
  score->add_option("--csv", o->csv, "bar CSV; repeatable (one file per ticker)")->required();
  score->add_option("--model", o->model, "one ticker model (every file is scored with it)");
  score->add_option("--models", o->models,
                    "folder of ticker models, one per market (files routed by suffix)");
  score->add_option("--out", o->out, "anomalies document to write (JSON)")->required();
  score->add_option("--state", o->state,
                    "STATE file: read if present, written after (last scored bar per ticker)");
  score->callback([o, &action] { action = [o] { run_score(*o); }; });
}

}  // namespace vixray::cli
