// Model A and Model B of the per-market ticker models (analysis/ticker_ab.hpp): the split of
// each ticker's complete rows, both trainings on cut bars, the holdout metrics and the folder's
// documents; on small synthetic bars (ticker_fixtures.hpp) with few trees.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "ticker_fixtures.hpp"
#include "vixray/analysis/ticker_ab.hpp"
#include "vixray/base/error.hpp"
#include "vixray/features/catalogue.hpp"

using namespace vixray;
using Catch::Contains;
using nlohmann::json;
using vixray::test::BarRecipe;
using vixray::test::make_bars;

namespace {

const char* kAbSettings = R"({"format":"vixray-settings","settings":{
  "n_trees":{"default":10},"sample_size":{"default":64}}})";

// Two New York tickers of 3 and 4 days (234 and 312 five-minute bars).
std::vector<TickerTrainFile> ab_files() {
  BarRecipe r;
  r.days = 3;
  BarRecipe s;
  s.ticker = "MSFT";
  s.days = 4;
  s.seed = 5;
  s.price = 400.0;
  return {TickerTrainFile{make_bars(r), "equity"}, TickerTrainFile{make_bars(s), "equity"}};
}

FeatureMatrix ab_matrix(int64_t rows, const std::vector<int64_t>& missing) {
  FeatureMatrix m;
  m.names = {"x", "y"};
  m.values = RowMatrix::Constant(rows, 2, 1.0);
  for (int64_t r : missing) m.values(r, 1) = std::numeric_limits<double>::quiet_NaN();
  return m;
}

}  // namespace

TEST_CASE("ticker A/B: split boundaries per ticker", "[ticker_ab]") {
  // 40 rows, rows 0-4 (warm-up) and 20 incomplete: n = 34 complete rows (5..19, 21..39).
  // A: floor(0.9 x 34) = floor(30.6) = 30 rows, rows[29] = bar 35 (15 rows 5..19, then 21..35);
  // validation = rows 36..39. B: 34 - 30 = 4 rows (bars 5..8); test = the last 30 (9..19, 21..39).
  std::vector<int64_t> missing = {0, 1, 2, 3, 4, 20};
  TickerRowSplit s = split_ticker_rows(ab_matrix(40, missing), "X");
  REQUIRE(s.rows.size() == 34);
  CHECK(s.a_training == 30);
  CHECK(s.rows[29] == 35);
  CHECK(s.rows[30] == 36);
  CHECK(s.b_training == 4);
  CHECK(s.rows[3] == 8);
  CHECK(s.rows[4] == 9);
  // 31 rows: A floor(27.9) = 27, B 1; 30 rows: B would train on none.
  s = split_ticker_rows(ab_matrix(31, {}), "X");
  CHECK(s.a_training == 27);
  CHECK(s.b_training == 1);
  CHECK_THROWS_WITH(split_ticker_rows(ab_matrix(30, {}), "X"),
                    Contains("ticker X: 30 complete indicator rows") && Contains("more than 30"));
  // 100 rows: floor(0.9 x 100) = 90 exactly (integer arithmetic, no 89.99...).
  s = split_ticker_rows(ab_matrix(100, {}), "X");
  CHECK(s.a_training == 90);
  CHECK(s.b_training == 70);
}

TEST_CASE("ticker A/B: both models train on each ticker's cut bars", "[ticker_ab]") {
  const auto files = ab_files();
  const TickerSettings settings = load_ticker_settings(kAbSettings, "US", "equity", "5m");
  const TickerAb ab = train_ticker_ab(files, settings, nullptr);
  const FeatureSpec spec = ticker_feature_catalogue(true);
  int64_t a_rows = 0, b_rows = 0, a_hold = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    const TickerRowSplit s = split_ticker_rows(ticker_indicators(spec, files[i].bars), "t");
    const auto n = static_cast<int64_t>(s.rows.size());
    CHECK(s.a_training == 9 * n / 10);
    a_rows += s.a_training;
    a_hold += n - s.a_training;
    b_rows += n - 30;
    const auto at = [&](int64_t k) {
      return files[i].bars.time[static_cast<size_t>(s.rows[static_cast<size_t>(k)])];
    };
    // The bundles' tickers end at the last training bar: the bars were cut there.
    CHECK(ab.a.model.tickers[i].last == at(s.a_training - 1));
    CHECK(ab.b.model.tickers[i].last == at(n - 31));
    CHECK(ab.a.tickers[i].holdout_start == at(s.a_training));
    CHECK(ab.b.tickers[i].holdout_start == at(n - 30));
    CHECK(ab.b.tickers[i].holdout_samples == 30);
    CHECK(ab.b.tickers[i].holdout_end == files[i].bars.time.back());
  }
  CHECK(ab.a.model.training_rows == a_rows);
  CHECK(ab.a.training_samples == a_rows);
  CHECK(ab.a.holdout_samples == a_hold);
  CHECK(ab.b.model.training_rows == b_rows);
  CHECK(ab.b.holdout_samples == 60);
  // Model B's features on its training rows are those of the full bars (causal indicators): the
  // same training on the cut bars gives the same model.
  // The fixtures' rows are complete from warm-up to the last bar: B's bars end 30 bars early.
  std::vector<TickerTrainFile> cut;
  for (const TickerTrainFile& f : files)
    cut.push_back(TickerTrainFile{head_bars(f.bars, f.bars.size() - 30), "equity"});
  CHECK(ticker_model_to_json(train_ticker_model(cut, settings)) ==
        ticker_model_to_json(ab.b.model));
}

TEST_CASE("ticker A/B: metrics on the holdout rows", "[ticker_ab]") {
  const auto files = ab_files();
  const TickerSettings settings = load_ticker_settings(kAbSettings, "US", "equity", "5m");
  // Labelled patterns of AAPL: one 10 minutes into A's validation rows (also in B's test rows,
  // the last 30, which start earlier), one on B's second and third test bars (before A's
  // validation; its window, +- 15 minutes, ends 5 bars after B's test start, and A's validation
  // starts 9 bars after it: 201 complete rows, floor(0.9 x 201) = 180, 201 - 30 = 171), one in
  // both training ranges, one of another interval (ignored).
  const TickerAb plain = train_ticker_ab(files, settings, nullptr);
  const int64_t v0 = plain.a.tickers[0].holdout_start, t0 = plain.b.tickers[0].holdout_start;
  REQUIRE(plain.a.tickers[0].holdout_samples == 21);
  REQUIRE(v0 - t0 == 9 * 300);
  std::vector<TickerEvent> events = {
      {"AAPL", "5m", TickerPatternKind::kGapMove, v0 + 600, v0 + 1200},
      {"AAPL", "5m", TickerPatternKind::kGapMove, t0 + 300, t0 + 600},
      {"AAPL", "5m", TickerPatternKind::kGapMove, files[0].bars.time[100], files[0].bars.time[102]},
      {"AAPL", "1d", TickerPatternKind::kGapMove, v0, v0}};
  const TickerAb ab = train_ticker_ab(files, settings, &events);
  for (const TickerRole* role : {&ab.a, &ab.b}) {
    const json& m = role->metrics;
    INFO(role->role << " " << m.dump());
    CHECK(m.at("expected_flag_rate") == 0.01);
    CHECK(m.at("domain_shift") == json::object());
    const double rate = m.at("flag_rate");
    CHECK(rate >= 0.0);
    CHECK(rate <= 1.0);
    // The threshold is the training raw scores' 99th percentile: about 1% of training rows flag.
    CHECK(m.at("training_flag_rate").get<double>() == Approx(0.01).margin(0.01));
    CHECK(m.at("psi").get<double>() >= 0.0);
    CHECK(m.at("calibration_error").get<double>() >= 0.0);
    CHECK(m.at("calibration_error").get<double>() <= 0.9);
    CHECK(role->bins.shares.size() == role->bins.edges.size() + 1);
    // Only the 5m events whose window holds a holdout bar count.
    const json& e = m.at("events");
    CHECK(e.at("events") == (role->role == "A" ? 1 : 2));
    CHECK(e.at("detected").get<int64_t>() <= e.at("events").get<int64_t>());
  }
  CHECK(plain.a.metrics.at("events").is_null());
  // Without labels the other metrics are the same.
  json without = ab.a.metrics;
  without["events"] = nullptr;
  CHECK(without == plain.a.metrics);
}

TEST_CASE("ticker A/B: baselines and the history line", "[ticker_ab]") {
  const TickerAb ab =
      train_ticker_ab(ab_files(), load_ticker_settings(kAbSettings, "US", "equity", "5m"), nullptr);
  const json v = ticker_validation_baseline(ab, "aa", "2026-12-03T00:00:00Z");
  CHECK(v.at("format") == "vixray-validation-baseline");
  CHECK(v.at("kind") == "ticker");
  CHECK(v.at("market") == "US");
  CHECK(v.at("interval") == "5m");
  CHECK(v.at("model") == "model_a.json");
  CHECK(v.at("bundle_sha256") == "aa");
  CHECK(v.at("train_val_split") == 0.9);
  CHECK(v.at("training_samples") == ab.a.training_samples);
  CHECK(v.at("validation_samples") == ab.a.holdout_samples);
  CHECK(v.at("date_range").at("val_end") == format_bar_time(ab.a.holdout_end, false));
  CHECK(v.at("score_bins").at("shares").size() == v.at("score_bins").at("edges").size() + 1);
  const json d = ticker_dual_model_baseline(ab, "aa", "bb", "2026-12-03T00:00:00Z");
  CHECK(d.at("format") == "vixray-dual-model-baseline");
  CHECK(d.at("model_a").at("validation_samples") == ab.a.holdout_samples);
  CHECK(d.at("model_b").at("test_samples") == 60);
  CHECK(d.at("model_b").at("bundle_sha256") == "bb");
  CHECK(d.at("model_b").at("metrics") == ab.b.metrics);
  const json h = ticker_training_entry(ab, "aa", "bb", "2026-12-03T00:00:00Z", json{{"x", 1}});
  CHECK(h.at("bundle_sha256") == "aa");
  CHECK(h.at("bundles").at(1).at("role") == "B");
  CHECK(h.at("model_b") == d.at("model_b"));
  CHECK(ticker_split_json(ab.b).at("test_rows") == 30);
}
