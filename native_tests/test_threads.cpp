// The CLI's thread runner (core/cli/threads.cpp) and the Analysis on it: the detectors are
// independent tasks, so any number of threads gives the serial result bit for bit.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "cli_helpers.hpp"
#include "small_models.hpp"
#include "threads.hpp"
#include "vixray/analysis/analysis.hpp"
#include "vixray/analysis/analysis_json.hpp"
#include "vixray/analysis/feature_table.hpp"
#include "vixray/ensemble/detector_scores.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/model_io.hpp"
#include "vixray/ensemble/settings.hpp"
#include "vixray/ensemble/train.hpp"

TEST_CASE("thread runner: every task runs exactly once, for any thread count", "[threads]") {
  for (unsigned threads : {0u, 1u, 2u, 3u, 8u}) {
    for (size_t count : {size_t{0}, size_t{1}, size_t{2}, size_t{15}, size_t{100}}) {
      std::vector<std::atomic<int>> runs(count);
      vixray::cli::thread_runner(threads)(count, [&](size_t i) { ++runs[i]; });
      for (size_t i = 0; i < count; ++i) REQUIRE(runs[i].load() == 1);
    }
  }
}

TEST_CASE("thread runner: a failing task is rethrown after the others finish", "[threads]") {
  std::atomic<int> finished{0};
  const auto run = vixray::cli::thread_runner(4);
  CHECK_THROWS_WITH(run(20,
                        [&](size_t i) {
                          if (i == 7) throw std::runtime_error("task 7 failed");
                          ++finished;
                        }),
                    "task 7 failed");
  CHECK(finished.load() == 19);
}

namespace {

struct Small {
  vixray::FeatureTable market;
  vixray::EnsembleModel model;
  Small() {
    std::vector<std::string> names;
    for (const auto& d : vixray::default_settings().detectors)
      for (const auto& f : d.features)
        if (std::find(names.begin(), names.end(), f) == names.end()) names.push_back(f);
    market = vixray::generate_feature_table(900, names, 11);
    vixray::EnsembleSettings settings = vixray::default_settings();
    settings.n_trees = 20;
    settings.thresholds.resamples = 20;
    model = vixray::train_ensemble(market.input(), settings);
  }
};

const Small& small() {
  static const Small s;
  return s;
}

}  // namespace

TEST_CASE("analysis on 4 threads equals the serial analysis bit for bit", "[threads][analysis]") {
  const auto& market = small().market;
  const auto& model = small().model;
  const vixray::Analysis serial = vixray::analyze(model, market.input());
  const vixray::Analysis threaded =
      vixray::analyze(model, market.input(), vixray::cli::thread_runner(4));
  REQUIRE(serial.detector_scores.size() == threaded.detector_scores.size());
  size_t finite = 0;
  for (size_t i = 0; i < serial.detector_scores.size(); ++i) {
    const double a = serial.detector_scores[i], b = threaded.detector_scores[i];
    REQUIRE(((std::isnan(a) && std::isnan(b)) || a == b));
    finite += std::isfinite(a) ? 1 : 0;
  }
  CHECK(finite > 15 * 500);
  CHECK(vixray::analysis_to_json(serial, model) == vixray::analysis_to_json(threaded, model));
}

TEST_CASE("analysis from detector scores computed one by one equals analyze()", "[analysis]") {
  const auto& market = small().market;
  const auto& model = small().model;
  std::vector<std::vector<double>> scores;
  // In reverse order, as separate instances might deliver them.
  for (size_t k = model.detectors.size(); k-- > 0;)
    scores.insert(scores.begin(), vixray::detector_scores(model, market.input(), k));
  const vixray::Analysis given = vixray::analyze_scored(model, market.input(), scores);
  CHECK(vixray::analysis_to_json(given, model) ==
        vixray::analysis_to_json(vixray::analyze(model, market.input()), model));

  CHECK_THROWS_WITH(vixray::detector_scores(model, market.input(), 15),
                    "detector 15 does not exist (the model has 15)");
  auto short_by_one = scores;
  short_by_one[3].pop_back();
  CHECK_THROWS_WITH(vixray::analyze_scored(model, market.input(), short_by_one),
                    Catch::Contains("has 899 scores for 900 days"));
  scores.pop_back();
  CHECK_THROWS_WITH(vixray::analyze_scored(model, market.input(), scores),
                    "analysis: 14 detector score vectors for 15 detectors");
}

TEST_CASE("training on 3 threads gives the serial model byte for byte", "[threads][train]") {
  // Two years of the simulator's six series (subsets and partial domains included: the model has
  // a feature spec), small forests; every bootstrap runs (20 resamples).
  const vixray::AlignedPrices market = vixray::test::simulated_market(
      5, vixray::days_from_civil(2006, 1, 3), vixray::days_from_civil(2007, 12, 31));
  vixray::EnsembleSettings settings = vixray::test::small_settings();
  settings.thresholds.resamples = 20;
  const vixray::EnsembleModel serial = vixray::train_market(market.frame, settings);
  const vixray::EnsembleModel threaded =
      vixray::train_market(market.frame, settings, vixray::cli::thread_runner(3));
  REQUIRE(serial.detectors.size() == 15);
  CHECK(!serial.subsets.empty());
  CHECK(serial.thresholds.ci_low[0] < serial.thresholds.ci_high[0]);
  CHECK(vixray::model_to_json(threaded).dump() == vixray::model_to_json(serial).dump());
}

TEST_CASE("vixray train --threads 1 and --threads 3 write the same bundle",
          "[threads][train][cli]") {
  // Three simulated years, the CLI tests' fast settings, a fixed clock (trained_at).
  const vixray::test::TempDir dir;
  const std::string settings = vixray::test::write_fast_settings(dir);
  for (const char* threads : {"1", "3"}) {
    const Run run = run_cli("train --sim-start 2006-01-02 --sim-end 2008-12-31 --settings " +
                                settings + " --threads " + threads + " --out " +
                                (dir / (std::string("model_") + threads + ".json")),
                            dir, "SOURCE_DATE_EPOCH=1767225600 ");
    REQUIRE(run.status == 0);
  }
  const std::string serial = read_text(dir / "model_1.json");
  CHECK(serial.size() > 10000);
  CHECK(read_text(dir / "model_3.json") == serial);
  CHECK(run_cli("train --threads many --out " + (dir / "x.json"), dir).status != 0);
}
