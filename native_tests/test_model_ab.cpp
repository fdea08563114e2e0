// Models A and B of a market model folder (analysis/model_ab.hpp, docs/LIFECYCLE.md): the split
// of the training rows after warm-up (boundaries checked by hand), the two trainings on the
// frame cut after their last training row, and the baseline metrics of each on its holdout.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "small_models.hpp"
#include "vixray/analysis/model_ab.hpp"
#include "vixray/base/error.hpp"
#include "vixray/ensemble/train.hpp"
#include "vixray/features/catalogue.hpp"

namespace {

using namespace vixray;
using namespace vixray::test;

std::vector<int64_t> iota_rows(int64_t first, int64_t n) {
  std::vector<int64_t> rows(static_cast<size_t>(n));
  std::iota(rows.begin(), rows.end(), first);
  return rows;
}

// A short simulated market with its events, and A and B trained on it with small settings.
struct SmallAB {
  AlignedPrices market;
  std::vector<MarketEvent> events;
  MarketAB ab;
  SmallAB() {
    SimulationParams params;
    params.start = days_from_civil(2005, 1, 3);
    params.end = days_from_civil(2009, 12, 31);
    market = simulated_market(params.seed, params.start, params.end);
    events = simulate(params).events;
    ab = train_market_ab(market.frame, small_settings(), &events);
  }
  std::string date(int64_t row) const {
    return format_iso(market.frame.dates()[static_cast<size_t>(row)]);
  }
};

const SmallAB& small_ab() {
  static const SmallAB s;
  return s;
}

}  // namespace

TEST_CASE("split_rows: A on floor(0.9 n), B on n - 30, checked by hand", "[model_ab]") {
  // n = 100 rows 20..119: A trains on 90 (rows 20..109), validates on rows 110..119; B trains on
  // 70 (rows 20..89) and tests on the last 30 (rows 90..119).
  MarketSplit s = split_rows(iota_rows(20, 100));
  CHECK(s.a_train == 90);
  CHECK(s.rows[s.a_train - 1] == 109);
  CHECK(s.rows[s.a_train] == 110);
  CHECK(s.a_cut() == 110);
  CHECK(s.b_train == 70);
  CHECK(s.rows[s.b_train] == 90);
  CHECK(s.b_cut() == 90);
  CHECK(s.rows.size() - s.b_train == 30);
  // n = 101: floor(90.9) = 90; n = 109: floor(98.1) = 98; n = 110: 99 exactly.
  CHECK(split_rows(iota_rows(0, 101)).a_train == 90);
  CHECK(split_rows(iota_rows(0, 109)).a_train == 98);
  CHECK(split_rows(iota_rows(0, 110)).a_train == 99);
  // The fewest rows: 47 gives A 42 (floor 42.3) + 5, B 17 + 30 (both >= 16 rows to train on).
  s = split_rows(iota_rows(0, 47));
  CHECK(s.a_train == 42);
  CHECK(s.b_train == 17);
  CHECK_THROWS_WITH(split_rows(iota_rows(0, 46)),
                    Catch::Contains("only 46 training rows") && Catch::Contains("at least 47"));
  // Rows with a gap (a day with a missing feature): the cut ends at the last training row.
  std::vector<int64_t> gapped = iota_rows(0, 100);
  for (auto& r : gapped)
    if (r >= 50) r += 3;  // rows 50..52 missing
  s = split_rows(gapped);
  CHECK(s.a_cut() == 93);  // rows[89] = 92
}

TEST_CASE("market_split: the rows the full training uses", "[model_ab]") {
  const SmallAB& s = small_ab();
  const EnsembleModel full = train_market(s.market.frame, small_settings());
  const MarketSplit& split = s.ab.split;
  CHECK(static_cast<int64_t>(split.rows.size()) == full.training.n_observations);
  CHECK(s.date(split.rows.front()) == full.training.first_date);
  CHECK(s.date(split.rows.back()) == full.training.last_date);
  // Warm-up: the first row is not the frame's first day (features need a history).
  CHECK(split.rows.front() > 0);
}

TEST_CASE("train_market_ab: A and B trained on exactly their rows", "[model_ab]") {
  const SmallAB& s = small_ab();
  const MarketSplit& split = s.ab.split;
  const size_t n = split.rows.size();
  const AbModel& a = s.ab.a;
  const AbModel& b = s.ab.b;
  CHECK(a.model.training.n_observations == static_cast<int64_t>(n * 9 / 10));
  CHECK(a.model.training.first_date == s.date(split.rows.front()));
  CHECK(a.model.training.last_date == s.date(split.rows[n * 9 / 10 - 1]));
  CHECK(a.training_date_end == a.model.training.last_date);
  CHECK(a.holdout_date_start == s.date(split.rows[n * 9 / 10]));
  CHECK(a.holdout_date_end == s.date(split.rows.back()));
  CHECK(a.holdout_rows.size() == n - n * 9 / 10);
  CHECK(b.model.training.n_observations == static_cast<int64_t>(n - 30));
  CHECK(b.model.training.last_date == s.date(split.rows[n - 31]));
  CHECK(b.holdout_rows.size() == 30);
  CHECK(b.holdout_date_start == s.date(split.rows[n - 30]));
  CHECK(b.holdout_date_end == s.date(split.rows.back()));
  // The data ends on the last training row of the full model (no warm-up at the end).
  CHECK(split.rows.back() == s.market.frame.rows() - 1);
}

TEST_CASE("train_market_ab: the metrics from each model's Analysis", "[model_ab]") {
  const SmallAB& s = small_ab();
  for (const AbModel* m : {&s.ab.a, &s.ab.b}) {
    const AbMetrics& x = m->metrics;
    // Recounted from the Analysis of the full frame (the one path), rows sliced.
    const Analysis analysis = analyze_market(m->model, s.market.frame);
    int64_t flagged = 0, scored = 0;
    for (int64_t r : m->holdout_rows) {
      if (!std::isfinite(analysis.ensemble_score[static_cast<size_t>(r)])) continue;
      ++scored;
      flagged += analysis.level[static_cast<size_t>(r)] >= Level::kHigh ? 1 : 0;
    }
    CHECK(x.flag_rate == static_cast<double>(flagged) / static_cast<double>(scored));
    // The HIGH threshold is the 92nd percentile: 8% of training days by design.
    CHECK(x.expected_flag_rate == Approx(0.08));
    CHECK(x.training_flag_rate >= 0.0);
    CHECK(x.training_flag_rate <= 0.085);  // one-sided scores never exceed the two-sided ones
    CHECK(x.psi >= 0.0);
    CHECK(x.calibration_error >= 0.0);
    CHECK(x.calibration_error <= 0.9);
    CHECK(x.domain_shift.size() == analysis.domain_names.size());
    REQUIRE(x.events.has_value());
    CHECK(x.events->detected <= x.events->events);
    if (x.events->events > 0)
      CHECK(x.events->recall ==
            static_cast<double>(x.events->detected) / static_cast<double>(x.events->events));
    // The PSI reference: deciles of the training ensemble scores.
    CHECK(m->score_bins.shares.size() == m->score_bins.edges.size() + 1);
  }
}

TEST_CASE("model_ab JSON: the documents of docs/LIFECYCLE.md", "[model_ab]") {
  const SmallAB& s = small_ab();
  const std::string ha(64, 'a'), hb(64, 'b');
  const nlohmann::json v = validation_baseline_json(s.ab, "2026-12-03T00:00:00Z", ha);
  CHECK(v["format"] == "vixray-validation-baseline");
  CHECK(v["train_val_split"] == 0.9);
  CHECK(v["bundle_sha256"] == ha);
  CHECK(v["date_range"]["val_start"] == s.ab.a.holdout_date_start);
  CHECK(v["training_samples"] == s.ab.a.training_rows.size());
  CHECK(v["metrics"]["expected_flag_rate"].get<double>() == Approx(0.08));
  CHECK(v["metrics"]["events"]["events"].is_number_integer());
  CHECK(v["score_bins"]["shares"].size() == v["score_bins"]["edges"].size() + 1);
  const nlohmann::json d = dual_model_baseline_json(s.ab, "t", ha, hb);
  CHECK(d["model_b"]["test_samples"] == 30);
  CHECK(d["model_b"]["bundle_sha256"] == hb);
  CHECK(d["model_a"]["validation_date_end"] == s.ab.a.holdout_date_end);
  const nlohmann::json h = ab_history_entry(s.ab, "t", {{"kind", "simulated"}}, ha, hb);
  CHECK(h["bundles"][1]["role"] == "B");
  CHECK(h["bundle_sha256"] == ha);
  CHECK(h["model_a"].dump() == d["model_a"].dump());  // dump: a NaN (null) != itself
  CHECK(ab_split_json(s.ab.b, "B")["test_samples"] == 30);
}
