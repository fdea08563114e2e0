// The whole chain on generated data: train the default ensemble, analyze, explain, serialise.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

#include "small_models.hpp"
#include "vixray/analysis/analysis.hpp"
#include "vixray/analysis/analysis_json.hpp"
#include "vixray/analysis/explain.hpp"
#include "vixray/analysis/feature_table.hpp"
#include "vixray/analysis/pipeline.hpp"
#include "vixray/analysis/what_if.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_fields.hpp"
#include "vixray/data/price_files.hpp"
#include "vixray/ensemble/contamination.hpp"
#include "vixray/ensemble/detector_scores.hpp"
#include "vixray/ensemble/importance.hpp"
#include "vixray/ensemble/input.hpp"
#include "vixray/ensemble/model.hpp"
#include "vixray/ensemble/model_io.hpp"
#include "vixray/ensemble/settings.hpp"
#include "vixray/ensemble/thresholds.hpp"
#include "vixray/ensemble/train.hpp"
#include "vixray/features/features.hpp"
#include "vixray/sim/simulate.hpp"
#include "vixray/sim/simulated_series.hpp"

using nlohmann::json;

namespace {

// Every feature of the default catalogue except the optional VVIX input (to exercise coverage).
std::vector<std::string> catalogue_features(bool with_vvix) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const auto& d : vixray::default_settings().detectors)
    for (const auto& f : d.features)
      if ((with_vvix || f.rfind("vvix", 0) != 0) && seen.insert(f).second) names.push_back(f);
  return names;
}

struct Fixture {
  vixray::FeatureTable market;
  vixray::EnsembleSettings settings;
  vixray::EnsembleModel model;
  Fixture() {
    market = vixray::generate_feature_table(2500, catalogue_features(false), 5);
    settings = vixray::default_settings();
    settings.n_trees = 30;  // keeps the test fast; the CLI benchmark uses 100
    settings.thresholds.resamples = 50;
    model = vixray::train_ensemble(market.input(), settings);
  }
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

}  // namespace

TEST_CASE("training: 15 detectors, coverage reported, thresholds increasing", "[analysis]") {
  const auto& f = fixture();
  const auto& m = f.model;
  CHECK(m.detectors.size() == 15);
  CHECK(m.inactive_detectors.empty());
  // 252-day windows make the first 251 days warm-up days.
  CHECK(m.training.n_observations == 2500 - 251);
  CHECK(m.training.first_date == vixray::format_iso(f.market.dates[251]));
  m.thresholds.validate("model.thresholds");
  CHECK(m.domains.size() == 11);
  for (const auto& c : m.coverage)
    if (c.domain == "vol_of_vol") {  // no VVIX: 3 of 5 features (catalogue), 60% -> WARNING
      CHECK(c.expected_features == 5);
      CHECK(c.available_features == 3);
      CHECK(c.status == "WARNING");
    }
  for (const auto& d : m.detectors) {
    CHECK(d.calibration.knots.size() <= 512);
    CHECK(d.permutation_importance.size() == d.features.size());
  }
}

TEST_CASE(
    "analysis: warm-up days unavailable, levels follow the thresholds, persistence and "
    "contamination consistent",
    "[analysis]") {
  const auto& f = fixture();
  const auto a = vixray::analyze(f.model, f.market.input());
  const size_t n = f.market.dates.size();
  REQUIRE(a.ensemble_score.size() == n);
  for (size_t t = 0; t < 251; ++t) {
    REQUIRE(std::isnan(a.ensemble_score[t]));
    REQUIRE(a.level[t] == vixray::Level::kUnavailable);
  }
  for (size_t t = 251; t < n; ++t) {
    REQUIRE(a.ensemble_score[t] >= 0.0);
    REQUIRE(a.ensemble_score[t] <= 1.0);
    REQUIRE(a.ensemble_min[t] <= a.ensemble_score[t]);
    REQUIRE(a.ensemble_max[t] >= a.ensemble_score[t]);
    REQUIRE(a.level[t] == vixray::classify(a.ensemble_score[t], f.model.thresholds));
  }
  // Detectors firing: the count of detector scores at or above the ensemble's HIGH threshold.
  const size_t k = a.detector_names.size();
  int64_t firing_days = 0;
  for (size_t t = 0; t < n; ++t) {
    int32_t expected = 0;
    for (size_t j = 0; j < k; ++j)
      expected += a.detector_scores[t * k + j] >= f.model.thresholds.high;
    REQUIRE(a.detectors_at_high[t] == expected);
    firing_days += expected > 0;
  }
  CHECK(firing_days > 0);
  // The thresholds are percentiles of the two-sided training ensemble; the levels classify the
  // one-sided scores, which never exceed the two-sided ones, so on its own training days the
  // shares above the thresholds are at most those of the percentiles (equal without a stress
  // direction: test_stress_direction.cpp).
  const double days = static_cast<double>(n - 251);
  CHECK(static_cast<double>(a.level_counts[1] + a.level_counts[2] + a.level_counts[3]) / days <=
        0.15 + 0.01);
  CHECK(static_cast<double>(a.level_counts[3]) / days <= 0.02 + 0.005);
  CHECK(a.persistence.available_days == static_cast<int64_t>(n - 251));
  CHECK(a.persistence.total_anomaly_days == a.level_counts[2] + a.level_counts[3]);
  // Realized contamination on the training days equals the training report, within 1 point of
  // the map for every regime with enough days.
  for (size_t r = 0; r < 4; ++r) {
    if (f.model.contamination.training_days[r] == 0) continue;
    CHECK(a.contamination_rate[r] == f.model.contamination.realized_rates[r]);
    if (f.model.contamination.training_days[r] >= 100)
      CHECK(std::abs(a.contamination_rate[r] - f.model.contamination.rates[r]) <= 0.01);
  }
  // Forward returns: null for the last 10 days.
  for (size_t t = n - 10; t < n; ++t) CHECK(std::isnan(a.forward_return[t]));
  CHECK(std::isfinite(a.forward_return[n - 11]));
  CHECK(a.today == static_cast<int64_t>(n - 1));
  CHECK(a.top_anomalies.size() == 15);
  CHECK(a.regimes.days_in_current >= 1);
}

TEST_CASE("TreeSHAP additivity for every detector on a sample of days", "[analysis][treeshap]") {
  const auto& f = fixture();
  const auto input = f.market.input();
  double worst = 0;
  for (int64_t day : {300, 800, 1500, 2499}) {
    const auto explanations = vixray::explain_day(f.model, input, day);
    REQUIRE(explanations.size() == 15);
    for (const auto& e : explanations) {
      REQUIRE(e.available);
      double total = e.expected_value;
      for (double v : e.phi) total += v;
      worst = std::max(worst, std::abs(total - e.path_length));
    }
  }
  CHECK(worst < 1e-9);
  CHECK_FALSE(vixray::explain_day(f.model, input, 10)[0].available);  // warm-up
}

TEST_CASE("model bundle: round trip, determinism, canonical content, version checks",
          "[analysis][model_io]") {
  const auto& f = fixture();
  const std::string text = vixray::model_to_json(f.model).dump();
  const auto loaded = vixray::load_model(text);
  CHECK(vixray::model_to_json(loaded).dump() == text);
  // Same input and settings -> the same bytes.
  CHECK(vixray::model_to_json(vixray::train_ensemble(f.market.input(), f.settings)).dump() == text);
  // A loaded model analyses exactly like the trained one.
  const auto a = vixray::analysis_to_json(vixray::analyze(f.model, f.market.input()), f.model);
  const auto b = vixray::analysis_to_json(vixray::analyze(loaded, f.market.input()), loaded);
  CHECK(a.dump() == b.dump());
  // canonical_content ignores the hash field.
  json doc = json::parse(text);
  const std::string canonical = vixray::canonical_content(doc);
  doc["content_sha256"] = "abc";
  CHECK(vixray::canonical_content(doc) == canonical);
  // Unknown fields are ignored; a newer major version is refused naming both versions.
  doc["future_field"] = 1;
  CHECK_NOTHROW(vixray::model_from_json(doc));
  doc["format_version"] = "3.0";
  // This build's version (2.0 since the forests and calibrations became typed arrays).
  const std::string current =
      vixray::format_version_text(vixray::kModelFormatMajor, vixray::kModelFormatMinor);
  CHECK_THROWS_WITH(vixray::model_from_json(doc),
                    Catch::Contains("3.0") && Catch::Contains("(" + current + ")"));
  CHECK_THROWS_WITH(vixray::load_model(text.substr(0, 100)), Catch::Contains("not valid JSON"));
  json broken = json::parse(text);
  broken["thresholds"]["high"] = broken["thresholds"]["critical"];
  CHECK_THROWS_WITH(vixray::model_from_json(broken), Catch::Contains("model.thresholds"));
}

TEST_CASE("bad inputs are named", "[analysis][errors]") {
  const auto& f = fixture();
  auto input = f.market.input();
  input.vix_close.pop_back();
  CHECK_THROWS_WITH(vixray::analyze(f.model, input), Catch::Contains("input.vix_close"));
  input = f.market.input();
  input.feature_names[0] = "renamed";
  CHECK_THROWS_WITH(vixray::analyze(f.model, input),
                    Catch::Contains("feature \"" + f.market.feature_names[0] + "\""));
  input = f.market.input();
  std::swap(input.dates[5], input.dates[6]);
  CHECK_THROWS_WITH(vixray::analyze(f.model, input), Catch::Contains("input.dates"));
}

TEST_CASE("market CSV: round trip, missing values, errors with line and column",
          "[analysis][csv]") {
  const auto market = vixray::generate_feature_table(300, {"a_5d", "b"}, 9);
  const std::string text = vixray::feature_table_csv(market);
  const auto back = vixray::parse_feature_table_csv(text, "m.csv");
  CHECK(back.dates == market.dates);
  CHECK(back.feature_names == market.feature_names);
  CHECK(back.vix_close == market.vix_close);
  for (Eigen::Index r = 0; r < 300; ++r)
    for (Eigen::Index c = 0; c < 2; ++c) {
      const double x = market.features(r, c), y = back.features(r, c);
      REQUIRE(((std::isnan(x) && std::isnan(y)) || x == y));
    }
  CHECK(std::isnan(back.features(3, 0)));  // warm-up of a 5-day window
  const auto parsed = vixray::parse_feature_table_csv(
      "date,spx.close,f,vix.close\n01/02/1990,350,NaN,17\n1990-01-03,351,,18\n", "x.csv");
  CHECK(parsed.dates.size() == 2);
  CHECK(parsed.vix_close[1] == 18.0);
  CHECK(std::isnan(parsed.features(1, 0)));
  CHECK_THROWS_WITH(vixray::parse_feature_table_csv("date,vix.close\n1990-01-02,1\n", "x.csv"),
                    Catch::Contains("x.csv:1") && Catch::Contains("spx.close"));
  CHECK_THROWS_WITH(
      vixray::parse_feature_table_csv("date,vix.close,spx.close,f\n1990-01-02,1,2,abc\n", "x.csv"),
      Catch::Contains("x.csv:2: column 4 (\"f\")") && Catch::Contains("abc"));
  CHECK_THROWS_WITH(vixray::parse_feature_table_csv(
                        "date,vix.close,spx.close\n1990-01-03,1,2\n1990-01-02,1,2\n", "x.csv"),
                    Catch::Contains("x.csv:3") && Catch::Contains("does not come after"));
}

TEST_CASE("CLI: train and analyze a CSV, and a tampered bundle is refused by its checksum",
          "[analysis][cli]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "vixray_test_ensemble_cli";
  fs::create_directories(dir);
  const std::string cli = VIXRAY_CLI_PATH;
  const std::string f = (dir / "f.csv").string(), m = (dir / "m.json").string(),
                    a = (dir / "a.json").string(), err = (dir / "err.txt").string();
  auto run = [&](const std::string& args) {
    return std::system((cli + " " + args + " >/dev/null 2>" + err).c_str());
  };
  REQUIRE(run("ensemble generate --days 600 --seed 4 --out " + f) == 0);
  REQUIRE(run("ensemble train --features " + f + " --out " + m) == 0);
  REQUIRE(run("ensemble analyze --model " + m + " --features " + f + " --out " + a) == 0);
  std::ifstream in(a);
  const json analysis = json::parse(in);
  CHECK(analysis["dates"].size() == 600);
  CHECK(analysis["today"]["ensemble"]["n_detectors"] == 15);
  // Change one character of the content: the checksum no longer matches.
  std::ifstream model_in(m);
  std::string text((std::istreambuf_iterator<char>(model_in)), std::istreambuf_iterator<char>());
  const auto at = text.find("\"moderate\":0.");
  REQUIRE(at != std::string::npos);
  text[at + 13] = text[at + 13] == '1' ? '2' : '1';
  std::ofstream(m) << text;
  CHECK(run("ensemble analyze --model " + m + " --features " + f + " --out " + a) != 0);
  std::ifstream err_in(err);
  const std::string message((std::istreambuf_iterator<char>(err_in)),
                            std::istreambuf_iterator<char>());
  CHECK(message.find("content_sha256") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("permutation importance per domain: means over the domain's detectors, sorted",
          "[analysis][importance]") {
  const auto& f = fixture();
  const auto by_domain = vixray::importance_by_domain(f.model);
  REQUIRE(by_domain.size() == f.model.domains.size());
  for (size_t k = 0; k < by_domain.size(); ++k) {
    REQUIRE_FALSE(by_domain[k].empty());
    for (size_t i = 1; i < by_domain[k].size(); ++i)
      CHECK(by_domain[k][i - 1].importance >= by_domain[k][i].importance);
  }
  // A one-detector domain reports that detector's own numbers.
  for (size_t k = 0; k < f.model.domains.size(); ++k) {
    const auto& domain = f.model.domains[k];
    if (domain.detectors.size() != 1) continue;
    const auto& d = f.model.detectors[static_cast<size_t>(domain.detectors[0])];
    for (const auto& fi : by_domain[k]) {
      const auto at =
          std::find(d.features.begin(), d.features.end(), fi.feature) - d.features.begin();
      CHECK(fi.importance == d.permutation_importance[static_cast<size_t>(at)]);
    }
  }
  double any = 0;
  for (const auto& fi : vixray::global_importance(f.model)) any += fi.importance;
  CHECK(any > 0.0);
}

TEST_CASE("regime bands from quantiles of the training VIX", "[analysis][regimes]") {
  const auto& f = fixture();
  auto resolved = f.settings.resolved;
  resolved["regimes"] = json{{"quantiles", {0.25, 0.5, 0.75}},
                             {"names", {"Low Vol", "Normal", "Elevated", "Crisis"}}};
  auto settings = vixray::EnsembleSettings::from_resolved(resolved);
  settings.n_trees = 10;
  settings.thresholds.resamples = 10;
  const auto model = vixray::train_ensemble(f.market.input(), settings);
  // A quarter of the training days in each regime (type-7 quartiles of those days' VIX).
  for (size_t r = 0; r < 4; ++r)
    CHECK(static_cast<double>(model.contamination.training_days[r]) /
              static_cast<double>(model.training.n_observations) ==
          Approx(0.25).margin(0.002));
  CHECK(model.regimes.bounds[0] < model.regimes.bounds[1]);
}

TEST_CASE("analysis summary: analysis_to_json without its per-day keys", "[analysis]") {
  const auto& f = fixture();
  const auto a = vixray::analyze(f.model, f.market.input());
  const json full = vixray::analysis_to_json(a, f.model);
  const json summary = vixray::analysis_summary_json(a, f.model);
  json rest = full;
  for (const char* key :
       {"dates", "detector_scores", "ensemble", "level", "detectors_at_high", "detectors_scored",
        "domain_scores", "domain_levels", "contamination_flag", "forward_return", "regime",
        "vix_close", "spx_close"}) {
    REQUIRE(rest.contains(key));
    rest.erase(key);
  }
  CHECK(rest == summary);
  CHECK(summary.dump().size() < 20000);  // the whole JSON is megabytes
}

// The page's second worker reads only the features of the detectors it scores
// (detectors_feature_spec): its scores must equal those from the whole spec, bit for bit.
TEST_CASE("detector scores from the detectors' own features equal those from the whole spec",
          "[analysis]") {
  const auto [market, model] = vixray::test::small_market_model(
      5, vixray::days_from_civil(1996, 1, 2), vixray::days_from_civil(1998, 12, 31));
  const vixray::PreparedMarket whole =
      vixray::prepare_market(market.frame, vixray::model_feature_spec(model));
  const std::vector<size_t> part = {0, 2, 4, 6, 8, 10, 12, 14};
  const vixray::FeatureSpec spec = vixray::detectors_feature_spec(model, part);
  // Exactly the features those detectors read, in the model spec's order.
  std::set<std::string> read;
  for (size_t k : part)
    read.insert(model.detectors[k].features.begin(), model.detectors[k].features.end());
  CHECK(spec.features.size() == read.size());
  CHECK(spec.features.size() < vixray::model_feature_spec(model).features.size());
  const std::vector<std::string> all = vixray::model_feature_spec(model).names();
  size_t at = 0;
  for (const std::string& name : spec.names()) {
    CHECK(read.count(name) == 1);
    while (at < all.size() && all[at] != name) ++at;
    CHECK(at < all.size());  // found later in the whole spec: same order
  }
  const vixray::PreparedMarket subset = vixray::prepare_market(market.frame, spec);
  for (size_t k : part) {
    const std::vector<double> a = vixray::detector_scores(model, whole.input(), k);
    const std::vector<double> b = vixray::detector_scores(model, subset.input(), k);
    REQUIRE(a.size() == b.size());
    for (size_t t = 0; t < a.size(); ++t)
      REQUIRE(((std::isnan(a[t]) && std::isnan(b[t])) || a[t] == b[t]));
  }
  // Another detector reads features the subset lacks: refused, naming one.
  CHECK_THROWS_AS(vixray::detector_scores(model, subset.input(), 1), vixray::Error);
  CHECK_THROWS_WITH(vixray::detectors_feature_spec(model, {15}),
                    "detector 15 does not exist (the model has 15)");
}

// A reader who drops only the S&P 500 and VIX on a dashboard whose model also reads VIX9D, VIX3M,
// VVIX and SKEW, or an S&P 500 of closes only, gets the days scored by the detectors the data
// feeds (test_partial.cpp), told which series or fields would add the others. (Until issue 11
// both were refused.)
TEST_CASE("data without a series or field the model reads is scored in part, naming what to add",
          "[analysis][partial]") {
  vixray::SimulationParams params;
  params.seed = 3;
  params.start = vixray::days_from_civil(2000, 1, 3);
  params.end = vixray::days_from_civil(2001, 12, 31);
  const std::vector<vixray::SeriesText> six = vixray::simulated_series(params);
  const vixray::FeatureSpec catalogue = vixray::market_feature_catalogue();
  CHECK_NOTHROW(vixray::prepare_market(vixray::read_price_csvs(six).frame, catalogue));

  const vixray::AlignedPrices two = vixray::read_price_csvs({six[0], six[1]});
  const vixray::PreparedMarket prepared = vixray::prepare_market(two.frame, catalogue);
  // The absent series' features are missing on every day, the others computed.
  const auto& names = prepared.features.names;
  for (size_t c = 0; c < names.size(); ++c) {
    const bool absent =
        names[c].rfind("vvix", 0) == 0 || names[c].find("skew") != std::string::npos;
    if (absent)
      CHECK(std::isnan(prepared.features.values(prepared.features.values.rows() - 1,
                                                static_cast<Eigen::Index>(c))));
  }

  // The S&P 500 as `date,value` (close only): the candle and volume features cannot be computed.
  std::string closes = "date,value\n";
  std::istringstream yahoo(six[0].text);
  std::string line;
  std::getline(yahoo, line);  // header
  while (std::getline(yahoo, line)) {
    std::vector<std::string> fields;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) fields.push_back(cell);
    closes += fields.at(0) + "," + fields.at(4) + "\n";
  }
  std::vector<vixray::SeriesText> close_only = six;
  close_only[0].text = closes;
  const auto model = vixray::test::small_market_model(3, vixray::days_from_civil(1997, 1, 2),
                                                      vixray::days_from_civil(1999, 12, 31))
                         .model;
  const vixray::Analysis a =
      vixray::analyze_market(model, vixray::read_price_csvs(close_only).frame);
  const auto t = static_cast<size_t>(a.today);
  CHECK(t == a.dates.size() - 1);
  CHECK(a.detectors_scored[t] < static_cast<int32_t>(model.detectors.size()));
  CHECK(vixray::analysis_summary_json(a, model)["today"]["partial"]["missing_inputs"] ==
        json::array({"S&P 500 open/high/low", "S&P 500 volume"}));
}

// The page's what-if scores only the new day with the forests (analyze_appended): the whole
// Analysis must equal analyze() of the extended market, byte for byte once serialised.
TEST_CASE("an Analysis extended by a what-if day equals the Analysis of the extended market",
          "[analysis]") {
  const auto [market, model] = vixray::test::small_market_model(
      11, vixray::days_from_civil(1997, 1, 2), vixray::days_from_civil(1999, 6, 30));
  const vixray::FeatureSpec spec = vixray::model_feature_spec(model);
  const vixray::PreparedMarket base_market = vixray::prepare_market(market.frame, spec);
  const vixray::Analysis base = vixray::analyze(model, base_market.input());
  for (const auto& [vix, spx] : {std::pair{45.0, -5.0}, std::pair{12.0, 0.4}}) {
    const vixray::PreparedMarket extended =
        vixray::prepare_market(vixray::extend_what_if(market.frame, vix, spx), spec);
    const vixray::Analysis whole = vixray::analyze(model, extended.input());
    const vixray::Analysis appended = vixray::analyze_appended(model, extended.input(), base);
    REQUIRE(whole.dates.size() == base.dates.size() + 1);
    CHECK(vixray::analysis_to_json(appended, model).dump() ==
          vixray::analysis_to_json(whole, model).dump());
  }
  // Nothing appended: the base itself.
  CHECK(vixray::analysis_to_json(vixray::analyze_appended(model, base_market.input(), base), model)
            .dump() == vixray::analysis_to_json(base, model).dump());
  // An input that does not begin with the base's days is refused.
  vixray::AnalysisInput shifted = base_market.input();
  shifted.dates.front() -= 1;
  CHECK_THROWS_WITH(vixray::analyze_appended(model, shifted, base),
                    Catch::Contains("does not begin with the"));
}
