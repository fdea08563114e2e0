// Partial ensembles (ensemble/subsets.hpp, issue 11 item 7): a model trained on six series scores
// the days of a reader's two files (VIX and S&P 500) with the detectors those feed, classified by
// thresholds fitted for that subset at training, and says which detectors took part.
#include <catch2/catch.hpp>
#include <cmath>

#include "small_models.hpp"
#include "vixray/analysis/analysis.hpp"
#include "vixray/analysis/analysis_json.hpp"
#include "vixray/analysis/partial_day.hpp"
#include "vixray/analysis/pipeline.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/price_files.hpp"
#include "vixray/ensemble/combine.hpp"
#include "vixray/ensemble/model_io.hpp"
#include "vixray/ensemble/subsets.hpp"
#include "vixray/ensemble/thresholds.hpp"
#include "vixray/sim/simulated_series.hpp"

namespace {

struct Fixture {
  vixray::AlignedPrices market;
  vixray::EnsembleModel model;
  std::vector<vixray::SeriesText> six;
  Fixture() {
    auto [m, e] = vixray::test::small_market_model(11, vixray::days_from_civil(2001, 1, 2),
                                                   vixray::days_from_civil(2004, 12, 31));
    market = std::move(m);
    model = std::move(e);
    vixray::SimulationParams params;
    params.seed = 11;
    params.start = vixray::days_from_civil(2001, 1, 2);
    params.end = vixray::days_from_civil(2004, 12, 31);
    six = vixray::simulated_series(params);
  }
};

const Fixture& partial_fixture() {
  static const Fixture f;
  return f;
}

}  // namespace

TEST_CASE("training stores thresholds for every subset the optional inputs leave", "[partial]") {
  const auto& f = partial_fixture();
  const size_t d = f.model.detectors.size();
  REQUIRE(!f.model.subsets.empty());
  // Four optional series and two optional S&P 500 fields: at most 2^6 - 1 proper subsets.
  CHECK(f.model.subsets.size() < 64);
  for (size_t i = 0; i < f.model.subsets.size(); ++i) {
    const auto& s = f.model.subsets[i];
    CHECK(!s.detectors.empty());
    CHECK(s.detectors.size() < d);
    if (i > 0) CHECK(s.detectors.size() <= f.model.subsets[i - 1].detectors.size());
    CHECK(s.thresholds.moderate < s.thresholds.high);
    CHECK(s.thresholds.high < s.thresholds.critical);
  }
  // The bundle keeps them (format 1.2), and a bundle without them (1.0, 1.1) reads as none.
  const auto back = vixray::model_from_json(vixray::model_to_json(f.model));
  REQUIRE(back.subsets.size() == f.model.subsets.size());
  CHECK(back.subsets.back().detectors == f.model.subsets.back().detectors);
  CHECK(back.subsets.back().thresholds.high == f.model.subsets.back().thresholds.high);
}

TEST_CASE("two files (VIX, S&P 500) are scored by the detectors they feed, with their thresholds",
          "[partial]") {
  const auto& f = partial_fixture();
  const auto whole = vixray::analyze_market(f.model, f.market.frame);
  const auto two =
      vixray::analyze_market(f.model, vixray::read_price_csvs({f.six[0], f.six[1]}).frame);
  REQUIRE(two.dates == whole.dates);
  const size_t d = f.model.detectors.size();
  size_t partial_days = 0;
  for (size_t t = 0; t < two.dates.size(); ++t) {
    if (whole.ensemble_subset[t] != vixray::kAllDetectors) continue;  // warm-up days
    ++partial_days;
    const int32_t chosen = two.ensemble_subset[t];
    REQUIRE(chosen >= 0);
    const auto& subset = f.model.subsets[static_cast<size_t>(chosen)];
    CHECK(two.detectors_scored[t] == static_cast<int32_t>(subset.detectors.size()));
    // The subset's detectors score exactly as with all six series (their features do not read
    // the absent ones); the day's ensemble is their mean, classified by the subset's thresholds.
    double sum = 0;
    for (int32_t k : subset.detectors) {
      const double s = whole.detector_scores[t * d + static_cast<size_t>(k)];
      REQUIRE(two.detector_scores[t * d + static_cast<size_t>(k)] == s);
      sum += s;
    }
    CHECK(two.ensemble_score[t] ==
          Approx(sum / static_cast<double>(subset.detectors.size())).epsilon(1e-12));
    CHECK(two.level[t] == vixray::classify(two.ensemble_score[t], subset.thresholds));
    CHECK(whole.detectors_scored[t] == static_cast<int32_t>(d));
  }
  CHECK(partial_days > 500);
  // Today is the last day, partial, and says which series would add the other detectors.
  REQUIRE(two.today == static_cast<int64_t>(two.dates.size()) - 1);
  const vixray::PartialDay p = vixray::partial_day(f.model, two, static_cast<size_t>(two.today));
  CHECK(p.partial);
  CHECK(p.scored.size() + p.not_scored.size() == d);
  CHECK(p.missing == std::vector<std::string>{"VVIX", "VIX3M", "VIX9D", "SKEW"});
  const std::string text = vixray::partial_day_text(p);
  CHECK(text.rfind("Scored by " + std::to_string(p.scored.size()) + " of 15 detectors", 0) == 0);
  CHECK(text.find("VVIX, VIX3M, VIX9D and SKEW would add the other") != std::string::npos);
  const auto summary = vixray::analysis_summary_json(two, f.model);
  CHECK(summary["today"]["partial"]["text"] == text);
  CHECK(summary["today"]["ensemble"]["n_detectors"] == p.scored.size());
  // With all six series the same day is whole.
  CHECK(vixray::analysis_summary_json(whole, f.model)["today"]["partial"].is_null());
}

TEST_CASE("without the VIX or the S&P 500 close there is no day to score: refused, naming it",
          "[partial]") {
  const auto& f = partial_fixture();
  CHECK_THROWS_WITH(
      vixray::analyze_market(f.model, vixray::read_price_csvs({f.six[0], f.six[2]}).frame),
      "market data: no file gives vix (every model reads the VIX and the S&P 500 closes: --vix "
      "FILE on the command line, a file named like vix.csv in the browser)");
}
