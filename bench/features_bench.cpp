// The features and the appended day, natively (issue 14, second session):
//   vixray_features_bench [REPEATS]
// On the simulator's 1990-2025 market (9,067 days, six series, as `make demo`):
//   * the market catalogue's features, and each kind's share of them (the features of that kind
//     computed alone), most expensive first;
//   * the features of the last day only (compute_features from row n - 1), what a refresh with
//     one new day computes;
//   * a refresh with one new day, step by step: the default ensemble is trained once (not timed),
//     its Analysis state of the first n - 1 days written, then MarketSession::extend with the
//     whole market is timed, and its parts (reading market.json, now and as a document before;
//     reading the state, the frame digest, the new day's
//     features, the Analysis from the scores, the per-day columns), and with today's drivers.
// Prints the best CPU and wall ms of REPEATS runs per row (the machine may be shared).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "bench_timing.hpp"
#include "threads.hpp"
#include "vixray/analysis/analysis_columns.hpp"
#include "vixray/analysis/analysis_state.hpp"
#include "vixray/analysis/market_session.hpp"
#include "vixray/analysis/pipeline.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/data/market_json.hpp"
#include "vixray/data/price_files.hpp"
#include "vixray/sim/simulate.hpp"
#include "vixray/sim/simulated_series.hpp"

namespace {

using vixray::bench::best_of;
using vixray::bench::Timing;

void row(const std::string& what, const Timing& t) {
  std::printf("| %-52s | %8.2f | %8.2f |\n", what.c_str(), t.cpu_ms, t.wall_ms);
}

void header(const char* title) {
  std::printf("\n| %-52s | %8s | %8s |\n|%s|%s|%s|\n", title, "CPU ms", "wall ms",
              std::string(54, '-').c_str(), std::string(10, '-').c_str(),
              std::string(10, '-').c_str());
}

void features(const vixray::Frame& frame, const vixray::FeatureSpec& spec, int repeats) {
  header("features (market catalogue)");
  row("every feature (" + std::to_string(spec.features.size()) + ")",
      best_of(repeats, [&] { vixray::compute_features(frame, spec); }));
  row("  rows >= n - 1 only (one new day)", best_of(repeats, [&] {
        vixray::compute_features(frame, spec, static_cast<size_t>(frame.rows() - 1));
      }));
  std::map<std::string, vixray::FeatureSpec> by_kind;
  for (const auto& d : spec.features) by_kind[d.kind].features.push_back(d);
  std::vector<std::pair<Timing, std::string>> kinds;
  for (const auto& [kind, part] : by_kind)
    kinds.emplace_back(best_of(repeats, [&] { vixray::compute_features(frame, part); }),
                       kind + " (" + std::to_string(part.features.size()) + ")");
  std::sort(kinds.begin(), kinds.end(),
            [](const auto& a, const auto& b) { return a.first.cpu_ms > b.first.cpu_ms; });
  for (const auto& [t, name] : kinds) row("  " + name, t);
}

void appended_day(const vixray::Frame& frame, int repeats) {
  const vixray::EnsembleModel model =
      vixray::train_market(frame, vixray::default_settings(),
                           vixray::cli::thread_runner(vixray::cli::hardware_threads()));
  const auto n = static_cast<size_t>(frame.rows());
  vixray::MarketSession before(model);
  before.load(frame.head(static_cast<int64_t>(n) - 1));
  before.commit();
  const std::string state = before.state();
  header("a refresh with one new day (MarketSession)");
  row("extend: the Analysis of n days from the state of n - 1", best_of(repeats, [&] {
        vixray::MarketSession s(model);
        s.extend(state, {frame, nullptr});
      }));
  const std::string market_text = vixray::frame_to_market_json(frame).dump();
  row("  read market.json (" + std::to_string(market_text.size() / 1024) + " KB, one pass)",
      best_of(repeats, [&] { vixray::read_market_json(market_text); }));
  row("    the same as a JSON document (the path before)", best_of(repeats, [&] {
        nlohmann::json doc = vixray::parse_json_fast(market_text);
        vixray::frame_from_market_json(doc);
        vixray::release_json(doc);
      }));
  row("  read the state (" + std::to_string(state.size() / 1024) + " KB, checksum)",
      best_of(repeats, [&] { vixray::read_analysis_state(state); }));
  row("  frame digest of the n - 1 saved days",
      best_of(repeats, [&] { vixray::frame_digest(frame, n - 1); }));
  const vixray::FeatureSpec spec = vixray::model_feature_spec(model);
  row("  the new day's features (prepare_market from n - 1)",
      best_of(repeats, [&] { vixray::prepare_market(frame, spec, n - 1); }));
  const vixray::AnalysisState saved = vixray::read_analysis_state(state);
  vixray::PreparedMarket new_days;
  // extend_analysis_state consumes the state it extends: each repeat times it on a fresh copy of
  // the read state (the copy is timed too).
  row("  extend_analysis_state, the state copied first", best_of(repeats, [&] {
        vixray::AnalysisState copy = saved;
        vixray::extend_analysis_state(model, std::move(copy), frame, new_days);
      }));
  vixray::AnalysisState last = saved;
  const vixray::Analysis analysis =
      vixray::extend_analysis_state(model, std::move(last), frame, new_days);
  row("  the per-day columns (analysis_columns)",
      best_of(repeats, [&] { vixray::analysis_columns(analysis); }));
  row("restore: the saved Analysis of the same n - 1 days", best_of(repeats, [&] {
        vixray::MarketSession s(model);
        s.restore(state, std::string());
      }));
  // What the page asks right after: today's drivers (the new day's features are kept).
  row("extend, then today's drivers (explain_day)", best_of(repeats, [&] {
        vixray::MarketSession s(model);
        s.extend(state, {frame, nullptr});
        s.explain_day(s.analysis().today);
      }));
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 9;
    const vixray::Frame frame =
        vixray::read_price_csvs(vixray::simulated_series(vixray::SimulationParams{})).frame;
    std::printf(
        "features and the appended day on the simulated 1990-2025 market (%lld days); "
        "best of %d\n",
        static_cast<long long>(frame.rows()), repeats);
    features(frame, vixray::market_feature_catalogue(frame), repeats);
    appended_day(frame, repeats);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vixray_features_bench: %s\n", e.what());
    return 1;
  }
}
