// The one explanation shape (explain.hpp explanation_json), the model's facts with labels
// (model_facts.hpp) and the plain words of a data source (data_source.hpp): what the CLI, the
// page and the report show, computed by the core.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "small_models.hpp"
#include "test_dates.hpp"
#include "vixray/analysis/explain.hpp"
#include "vixray/analysis/model_facts.hpp"
#include "vixray/analysis/pipeline.hpp"
#include "vixray/data/data_source.hpp"
#include "vixray/ensemble/labels.hpp"
#include "vixray/features/spec.hpp"

using nlohmann::json;
using vixray::test::day_of;

namespace {

const vixray::test::SmallMarketModel& fixture() {
  static const auto m =
      vixray::test::small_market_model(9, day_of("2007-01-02"), day_of("2009-12-31"));
  return m;
}

}  // namespace

TEST_CASE("explanation: features ranked, values add up to the detectors' mean path shortening",
          "[explain]") {
  const auto& f = fixture();
  const auto prepared = vixray::prepare_market(f.market.frame, vixray::model_feature_spec(f.model));
  const auto analysis = vixray::analyze_market(f.model, prepared);
  const int64_t day = analysis.today;
  const auto explanations = vixray::explain_day(f.model, prepared.input(), day);
  const json e = vixray::explanation_json(f.model, explanations, day, "the day", 5);
  CHECK(e["date"] == "the day");
  CHECK(e["explained_detectors"] == f.model.detectors.size());
  // TreeSHAP is additive, so the sum of every feature's value (shown and other) is the mean over
  // the detectors of (expected path length - the day's path length).
  double mean_shortening = 0.0;
  for (const auto& x : explanations) mean_shortening += x.expected_value - x.path_length;
  mean_shortening /= static_cast<double>(explanations.size());
  double shown = 0.0;
  for (const auto& item : e["features"]) shown += item["value"].get<double>();
  CHECK(e["output"].get<double>() == Approx(mean_shortening).margin(1e-9));
  CHECK(shown + e["other_features"]["value"].get<double>() ==
        Approx(e["output"].get<double>()).margin(1e-12));
  REQUIRE(e["features"].size() == 5);
  for (size_t i = 1; i < e["features"].size(); ++i)
    CHECK(std::fabs(e["features"][i - 1]["value"].get<double>()) >=
          std::fabs(e["features"][i]["value"].get<double>()));
  // Labels come from the catalogue; every contribution names the detectors reading the feature.
  const auto labels = vixray::model_labels(f.model);
  for (const auto& item : e["features"]) {
    CHECK(item["label"] == vixray::ModelLabels::of(labels.features, item["feature"]));
    CHECK_FALSE(item["detectors"].empty());
  }
  CHECK(e["detectors"].size() == f.model.detectors.size());
}

TEST_CASE("model facts: every detector, domain and feature has a human label",
          "[explain][labels]") {
  const auto& f = fixture();
  const json facts = vixray::model_facts_json(f.model);
  for (const auto& d : facts["detectors"]) CHECK_FALSE(d["label"].get<std::string>().empty());
  bool named = false;
  for (const auto& d : facts["domains"])
    if (d["name"] == "vix_term_structure") named = d["label"] == "VIX term structure";
  CHECK(named);
  CHECK(facts["features"]["vix_vix3m_ratio"] == "VIX / VIX3M");
  CHECK(facts["features"]["spx_rsi_14"] == "S&P 500 RSI, 14 days");
  CHECK(facts["detectors"].back()["label"] == "Random subspace 5");
  CHECK(facts["coverage"][0].contains("missing_features"));
  CHECK(facts["training"]["last_date"] == f.model.training.last_date);
}

TEST_CASE("feature labels of the catalogues", "[labels]") {
  vixray::FeatureDef d;
  d.name = "x";
  d.kind = "momentum_zscore";
  d.input = "vix.close";
  d.window = 63;
  d.lag = 5;
  CHECK(vixray::feature_label(d) == "VIX 5-day momentum z-score, 63 days");
  d.kind = "zscore";
  d.input = "spx.volume";
  d.window = 20;
  CHECK(vixray::feature_label(d) == "S&P 500 volume z-score, 20 days");
  for (const auto& spec :
       {vixray::market_feature_catalogue(), vixray::ticker_feature_catalogue(false)})
    for (const auto& def : spec.features) CHECK(def.label == vixray::feature_label(def));
  // A spec read without labels gets them; a given label is kept.
  const auto read = vixray::parse_feature_spec(
      R"({"features":[{"name":"a","kind":"level","input":"vvix.close"},
                      {"name":"b","kind":"level","input":"vix.close","label":"fear gauge"}]})",
      "s.json");
  CHECK(read.features[0].label == "VVIX");
  CHECK(read.features[1].label == "fear gauge");
}

TEST_CASE("data source: the simulator and real files said plainly", "[labels][source]") {
  const auto sim = vixray::data_source_of(
      json{{"kind", "simulated"}, {"seed", 42}, {"start", "1990-01-02"}}, "2025-12-31");
  CHECK(sim.simulated());
  CHECK(sim.description == "Simulated market, seed 42 — not real prices");
  const json recorded = json::parse(R"({"kind": "files", "files": {
      "spx": {"path": "data/spx_daily.csv", "sha256": "x"}, "vix": {"path": "/abs/vix.csv"}}})");
  const auto files = vixray::data_source_of(recorded, "2018-12-31");
  CHECK_FALSE(files.simulated());
  CHECK(files.description == "Prices from spx_daily.csv and vix.csv, last day 2018-12-31");
  const auto reader = vixray::data_source_of(
      json::parse(R"({"kind": "reader_files", "files": ["a.csv"]})"), "2020-01-02");
  CHECK(reader.description == "Your files: a.csv, last day 2020-01-02");
  CHECK(vixray::data_source_of(nullptr, "2020-01-02").description ==
        "Source of the prices not recorded, last day 2020-01-02");
}
