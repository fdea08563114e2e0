// How the native Analysis grows with the length of the market (issue 14 item 5):
//   vixray_scaling_bench [REPEATS] [DAYS...]   (default sizes 1000 2000 5000 10000 20000 50000)
// The default ensemble is trained once on the demo's market (the simulator's 1990-2025, seed 42,
// six series, 9,067 days; not timed). For each size the simulator (seed 42, from 1990-01-02 on
// the NYSE calendar) writes a market of exactly that many trading days (50,000 days end in 2188:
// the simulator and the calendar's rules run past today), read through the CSV readers like
// `make demo`; then the model's features and the full-history Analysis are timed, on 1 thread and
// on 2 threads (the detectors split as `vixray export` does). Prints a table of the best CPU and
// wall ms of REPEATS runs and the cost per day; the 2-thread Analysis must give the same
// Analysis JSON as the serial one.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench_timing.hpp"
#include "threads.hpp"
#include "vixray/analysis/analysis.hpp"
#include "vixray/analysis/analysis_json.hpp"
#include "vixray/analysis/pipeline.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/calendar.hpp"
#include "vixray/data/dates.hpp"
#include "vixray/data/price_files.hpp"
#include "vixray/sim/simulate.hpp"
#include "vixray/sim/simulated_series.hpp"

namespace {

using vixray::bench::best_of;
using vixray::bench::Timing;

// The simulator's six series over exactly `days` trading days from 1990-01-02.
vixray::Frame simulated_market(int64_t days) {
  vixray::SimulationParams params;
  // 252 trading days take ~365 calendar days: 3 calendar days per trading day is ample.
  const std::vector<vixray::Day> calendar =
      vixray::trading_days(params.start, params.start + static_cast<vixray::Day>(days * 3 + 30));
  if (static_cast<int64_t>(calendar.size()) < days)
    throw vixray::Error("calendar: fewer than " + std::to_string(days) + " trading days");
  params.end = calendar[static_cast<size_t>(days - 1)];
  return vixray::read_price_csvs(vixray::simulated_series(params)).frame;
}

struct SizeResult {
  int64_t days = 0;
  std::string last_day;
  Timing features, analysis1, analysis2;
};

SizeResult measure(const vixray::EnsembleModel& model, int64_t days, int repeats) {
  SizeResult out;
  const vixray::Frame frame = simulated_market(days);
  out.days = frame.rows();
  out.last_day = vixray::format_iso(frame.dates().back());
  const vixray::FeatureSpec spec = vixray::model_feature_spec(model);
  vixray::PreparedMarket prepared;
  out.features = best_of(repeats, [&] { prepared = vixray::prepare_market(frame, spec); });
  vixray::Analysis serial, threaded;
  out.analysis1 = best_of(repeats, [&] { serial = vixray::analyze_market(model, prepared); });
  const vixray::TaskRunner two = vixray::cli::thread_runner(2);
  out.analysis2 =
      best_of(repeats, [&] { threaded = vixray::analyze_market(model, prepared, two); });
  if (vixray::analysis_to_json(threaded, model) != vixray::analysis_to_json(serial, model))
    throw vixray::Error("the 2-thread Analysis differs from the serial one at " +
                        std::to_string(days) + " days");
  return out;
}

// Microseconds per day.
double per_day(double ms, int64_t days) { return 1000.0 * ms / static_cast<double>(days); }

}  // namespace

int main(int argc, char** argv) {
  try {
    const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    std::vector<int64_t> sizes;
    for (int i = 2; i < argc; ++i) sizes.push_back(std::max(2LL, std::atoll(argv[i])));
    if (sizes.empty()) sizes = {1000, 2000, 5000, 10000, 20000, 50000};
    const vixray::EnsembleModel model = vixray::train_market(
        vixray::read_price_csvs(vixray::simulated_series(vixray::SimulationParams{})).frame,
        vixray::default_settings());
    std::printf(
        "Analysis vs market length: simulated (seed 42, six series, from 1990-01-02), "
        "default ensemble trained once on the demo's 1990-2025; best of %d; CPU = all "
        "threads\n\n",
        repeats);
    std::printf("| %6s | %10s | %9s | %9s %9s | %9s %9s %8s | %8s %8s | %7s |\n", "days",
                "last day", "feat CPU", "an1 CPU", "an1 wall", "an2 CPU", "an2 wall", "2t gain",
                "an1 us/d", "an2 us/d", "feat/d");
    std::printf("|%s|%s|%s|%s|%s|%s|%s|\n", std::string(8, '-').c_str(),
                std::string(12, '-').c_str(), std::string(11, '-').c_str(),
                std::string(21, '-').c_str(), std::string(30, '-').c_str(),
                std::string(19, '-').c_str(), std::string(9, '-').c_str());
    for (const int64_t days : sizes) {
      const SizeResult r = measure(model, days, repeats);
      std::printf(
          "| %6lld | %10s | %9.1f | %9.1f %9.1f | %9.1f %9.1f %7.2fx | %8.2f %8.2f | %7.2f |\n",
          static_cast<long long>(r.days), r.last_day.c_str(), r.features.cpu_ms, r.analysis1.cpu_ms,
          r.analysis1.wall_ms, r.analysis2.cpu_ms, r.analysis2.wall_ms,
          r.analysis1.wall_ms / r.analysis2.wall_ms, per_day(r.analysis1.cpu_ms, r.days),
          per_day(r.analysis2.wall_ms, r.days), per_day(r.features.cpu_ms, r.days));
      std::fflush(stdout);
    }
    std::printf(
        "\nfeat = features of the model's spec (1 thread); an1 = analyze_market on 1 "
        "thread, an2 = on 2 threads (the detectors split as `vixray export` does); "
        "an1 us/d = an1 CPU per day, an2 us/d = an2 wall per day, feat/d = features CPU "
        "us per day; 2t gain = an1 wall / an2 wall.\n");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vixray_scaling_bench: %s\n", e.what());
    return 1;
  }
}
