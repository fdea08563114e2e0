// The market pipeline timed stage by stage (issue 3 item 7, issue 4 item 9):
//   read + align the CSV texts, compute the feature catalogue, train the default ensemble,
//   the full-history Analysis, its JSON, one day's TreeSHAP.
// usage: vixray_pipeline_bench [REPEATS] [SPX.csv VIX.csv]
//   without files: the simulator's 1990-2025 market (9,067 days, six series), as `make demo`.
// Prints the best CPU time of REPEATS runs per stage (the machine may be shared; wall time is
// printed too). File reading from disk is excluded: the core works on text.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "bench_files.hpp"
#include "bench_timing.hpp"
#include "threads.hpp"
#include "vixray/analysis/analysis.hpp"
#include "vixray/analysis/analysis_json.hpp"
#include "vixray/analysis/explain.hpp"
#include "vixray/analysis/pipeline.hpp"
#include "vixray/analysis/seed000_documents.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/market_json.hpp"
#include "vixray/data/price_files.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/model_io.hpp"
#include "vixray/sim/simulate.hpp"
#include "vixray/sim/simulated_series.hpp"

namespace {

using vixray::bench::best_of;
using vixray::bench::Timing;

void row(const char* stage, const Timing& t, const char* target) {
  std::printf("| %-44s | %9.1f | %9.1f | %-10s |\n", stage, t.cpu_ms, t.wall_ms, target);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    std::vector<vixray::SeriesText> inputs;
    std::string what = "simulated 1990-2025 (seed 42, six series)";
    if (argc > 3) {
      inputs = {{"spx", argv[2], vixray::bench::read_text(argv[2])},
                {"vix", argv[3], vixray::bench::read_text(argv[3])}};
      what = std::string("files ") + argv[2] + " + " + argv[3];
    } else {
      inputs = vixray::simulated_series(vixray::SimulationParams{});
    }
    vixray::AlignedPrices market;
    const Timing load = best_of(repeats, [&] { market = vixray::read_price_csvs(inputs); });
    const vixray::FeatureSpec spec = vixray::market_feature_catalogue(market.frame);
    vixray::PreparedMarket prepared;
    const Timing features =
        best_of(repeats, [&] { prepared = vixray::prepare_market(market.frame, spec); });
    vixray::EnsembleModel model;
    const vixray::EnsembleSettings settings = vixray::default_settings();
    const Timing train = best_of(std::min(repeats, 3),
                                 [&] { model = vixray::train_market(market.frame, settings); });
    // `vixray train` fits the detectors and thresholds on every hardware thread (same model).
    const unsigned threads = vixray::cli::hardware_threads();
    vixray::EnsembleModel threaded_model;
    const Timing train_threads = best_of(std::min(repeats, 3), [&] {
      threaded_model =
          vixray::train_market(market.frame, settings, vixray::cli::thread_runner(threads));
    });
    if (vixray::model_to_json(threaded_model).dump() != vixray::model_to_json(model).dump())
      throw vixray::Error("the model trained on threads differs from the serial one");
    vixray::Analysis analysis;
    const Timing analyze =
        best_of(repeats, [&] { analysis = vixray::analyze_market(model, prepared); });
    // The CLI's `vixray export` scores the detectors on every hardware thread (same result).
    vixray::Analysis threaded;
    const Timing analyze_threads = best_of(repeats, [&] {
      threaded = vixray::analyze_market(model, prepared, vixray::cli::thread_runner(threads));
    });
    if (vixray::analysis_to_json(threaded, model) != vixray::analysis_to_json(analysis, model))
      throw vixray::Error("the threaded Analysis differs from the serial one");
    // The Analysis after the forests (ensemble, levels, domains, regimes, forward returns,
    // persistence), from the scores: what does not shrink when the forests get faster.
    const size_t n_days = analysis.dates.size(), n_det = model.detectors.size();
    std::vector<std::vector<double>> scores(n_det, std::vector<double>(n_days));
    for (size_t t = 0; t < n_days; ++t)
      for (size_t k = 0; k < n_det; ++k) scores[k][t] = analysis.detector_scores[t * n_det + k];
    const Timing combine =
        best_of(repeats, [&] { vixray::analyze_scored(model, prepared.input(), scores); });
    const Timing combine_threads = best_of(repeats, [&] {
      vixray::analyze_scored(model, prepared.input(), scores, vixray::cli::thread_runner(threads));
    });
    std::string json;
    const Timing to_json =
        best_of(repeats, [&] { json = vixray::analysis_to_json(analysis, model).dump(); });
    const Timing explain =
        best_of(repeats, [&] { vixray::explain_day(model, prepared.input(), analysis.today); });
    const std::string bundle = vixray::model_to_json(model).dump();
    const std::string market_text = vixray::frame_to_market_json(market.frame).dump();
    const Timing read_bundle = best_of(repeats, [&] { vixray::load_model(bundle); });
    const Timing read_market = best_of(repeats, [&] { vixray::load_market_json(market_text); });
    std::printf("pipeline on %s: %lld days, %zu features, %zu detectors; best of %d\n\n",
                what.c_str(), static_cast<long long>(market.frame.rows()), spec.features.size(),
                model.detectors.size(), repeats);
    std::printf("| %-44s | %9s | %9s | %-10s |\n", "stage", "CPU ms", "wall ms", "target");
    std::printf("|%s|%s|%s|%s|\n", std::string(46, '-').c_str(), std::string(11, '-').c_str(),
                std::string(11, '-').c_str(), std::string(12, '-').c_str());
    row("read + align the CSV texts", load, "");
    row("compute the feature catalogue", features, "");
    const Timing data{load.cpu_ms + features.cpu_ms, load.wall_ms + features.wall_ms};
    row("  read + align + features (sum)", data, "<= 100 ms");
    row("train the default ensemble (from the frame)", train, "<= 2000 ms");
    const std::string threaded_train =
        "  the same on " + std::to_string(threads) + " threads (CPU: all)";
    row(threaded_train.c_str(), train_threads, "<= 2000 ms");
    row("full-history Analysis, 1 thread", analyze, "<= 50 ms");
    const std::string threaded_stage =
        "  the same on " + std::to_string(threads) + " threads (CPU: all)";
    row(threaded_stage.c_str(), analyze_threads, "<= 50 ms");
    row("  of which after the scores, 1 thread", combine, "");
    const std::string threaded_combine =
        "  of which after the scores, " + std::to_string(threads) + " threads";
    row(threaded_combine.c_str(), combine_threads, "");
    row("Analysis to JSON text", to_json, "");
    row("TreeSHAP of today, 15 detectors", explain, "");
    row("read market.json (the page's prices)", read_market, "");
    row("read the model bundle", read_bundle, "");
    std::printf(
        "\nbundle %zu bytes (gzip it to compare with the 1 MB target); analysis JSON %zu bytes\n",
        bundle.size(), json.size());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vixray_pipeline_bench: %s\n", e.what());
    return 1;
  }
}
