// Settings: seed-004 style hierarchical overrides, the default catalogue, detector resolution
// against available features, coverage bands, seeded random subspaces.
#include <catch2/catch.hpp>
#include <set>

#include "vixray/base/error.hpp"
#include "vixray/ensemble/settings.hpp"

using nlohmann::json;

TEST_CASE("override resolution: match, priority, specificity, then file order",
          "[settings][known-answer]") {
  const json doc = json::parse(R"({"format":"vixray-settings","format_version":"1.0","settings":{
    "x": {"default": 1, "overrides": [
      {"match": {"asset_class": "equity"}, "value": 2, "priority": 1},
      {"match": {"asset_class": "equity", "market": "us"}, "value": 3, "priority": 1},
      {"match": {"asset_class": "equity"}, "value": 4, "priority": 1},
      {"match": {"market": "eu"}, "value": 5, "priority": 9},
      {"match": {"asset_class": ["fx", "commodity"]}, "value": 6, "priority": 2}]},
    "y": {"default": "plain"}}})");
  // No context: the default.
  CHECK(vixray::resolve_settings(doc, {})["x"] == 1);
  // equity only: overrides 0 and 2 apply with the same priority and specificity -> the first (2).
  CHECK(vixray::resolve_settings(doc, {{"asset_class", "equity"}})["x"] == 2);
  // equity + us: the two-key match is more specific at equal priority -> 3.
  CHECK(vixray::resolve_settings(doc, {{"asset_class", "equity"}, {"market", "us"}})["x"] == 3);
  // equity + eu: priority 9 beats everything.
  CHECK(vixray::resolve_settings(doc, {{"asset_class", "equity"}, {"market", "eu"}})["x"] == 5);
  // a list of accepted values
  CHECK(vixray::resolve_settings(doc, {{"asset_class", "commodity"}})["x"] == 6);
  CHECK(vixray::resolve_settings(doc, {})["y"] == "plain");
  const json bad = json::parse(R"({"format":"vixray-settings","settings":{"x":{"value":1}}})");
  CHECK_THROWS_WITH(vixray::resolve_settings(bad, {}), Catch::Contains("settings.x"));
}

TEST_CASE("the default catalogue: >= 10 domains, >= 15 detectors, valid settings", "[settings]") {
  const auto s = vixray::default_settings();
  CHECK(s.domains.size() >= 10);
  CHECK(s.detectors.size() + static_cast<size_t>(s.random_subspaces.count) >= 15);
  CHECK(s.n_trees == 100);
  CHECK(s.contamination == std::vector<double>{0.02, 0.05, 0.10, 0.20});
  CHECK(s.regimes.bounds == std::vector<double>{16.77, 24.40, 39.67});
  CHECK(s.thresholds.percentiles[2] == 98.0);
  // The single-stock override changes the contamination map only.
  const auto stock = vixray::load_settings(vixray::default_catalogue_text(),
                                           {{"asset_class", "single_stock"}, {"market", "us"}});
  CHECK(stock.contamination == std::vector<double>{0.03, 0.06, 0.12, 0.25});
  CHECK(stock.detectors.size() == s.detectors.size());
}

TEST_CASE("detectors against available features: coverage, inactive reported, not fatal",
          "[settings][coverage]") {
  auto s = vixray::default_settings();
  // Everything of the catalogue except the VVIX, SKEW and VIX9D/VIX3M inputs.
  std::vector<std::string> available;
  for (const auto& d : s.detectors)
    for (const auto& f : d.features)
      if (f.rfind("vvix", 0) != 0 && f.rfind("skew", 0) != 0 &&
          f.find("vix9d") == std::string::npos && f.find("vix3m") == std::string::npos &&
          f != "vix_term_slope")
        available.push_back(f);
  const auto detectors = vixray::resolve_detectors(s, available);
  REQUIRE(detectors.size() == s.detectors.size() + 5);
  const auto find = [&](const std::string& name) {
    for (const auto& d : detectors)
      if (d.name == name) return d;
    FAIL("no detector " << name);
    return detectors[0];
  };
  // models/detector_catalogue.json: vix_term_structure reads 3 ratios of VIX9D/VIX3M;
  // vol_of_vol reads vix_vol_of_vol_10d/21d/63d, vvix_level, vvix_zscore_63d; tail_risk reads
  // skew_level, skew_change_5d, skew_zscore_63d, spx_drawdown_252d.
  CHECK_FALSE(find("vix_term_structure").active);  // all 3 features missing
  CHECK(find("vix_term_structure").note.find("0 of 3") != std::string::npos);
  CHECK(find("vol_of_vol").active);  // 3 of 5 left: the VIX vol-of-vol features
  CHECK(find("vol_of_vol").missing.size() == 2);
  CHECK_FALSE(find("tail_risk").active);  // 1 of 4 left: below min_detector_features (2)
  const auto coverage = vixray::domain_coverage(s, detectors);
  for (const auto& c : coverage) {
    if (c.domain == "vol_of_vol") {  // 3 of 5 -> 60% -> WARNING
      CHECK(c.expected_features == 5);
      CHECK(c.available_features == 3);
      CHECK(c.coverage_pct == 60.0);
      CHECK(c.status == "WARNING");
    }
    if (c.domain == "tail_risk") {  // 1 of 4 -> 25% -> CRITICAL
      CHECK(c.coverage_pct == 25.0);
      CHECK(c.status == "CRITICAL");
    }
    if (c.domain == "spx_trend") CHECK(c.status == "OK");
  }
  CHECK(std::string(vixray::coverage_status(80.0, s)) == "OK");
  CHECK(std::string(vixray::coverage_status(79.9, s)) == "WARNING");
  CHECK(std::string(vixray::coverage_status(49.9, s)) == "CRITICAL");
}

TEST_CASE("random subspaces: seeded, independent of column order, distinct features",
          "[settings]") {
  const auto s = vixray::default_settings();
  std::vector<std::string> names;
  for (int i = 0; i < 40; ++i) names.push_back("f" + std::to_string(i));
  auto a = vixray::resolve_detectors(s, names);
  std::reverse(names.begin(), names.end());
  auto b = vixray::resolve_detectors(s, names);
  int subspaces = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!a[i].random_subspace) continue;
    ++subspaces;
    CHECK(a[i].features == b[i].features);
    CHECK(a[i].features.size() == 6);
    CHECK(std::set<std::string>(a[i].features.begin(), a[i].features.end()).size() == 6);
  }
  CHECK(subspaces == 5);
  auto other = s;
  other.random_subspaces.seed = 1;
  const auto c = vixray::resolve_detectors(other, names);
  CHECK(c.back().features != a.back().features);
}

TEST_CASE("bad settings name the setting", "[settings][errors]") {
  auto r = vixray::default_settings().resolved;
  r["contamination"] = json::array({0.1, 0.2});
  CHECK_THROWS_WITH(
      vixray::EnsembleSettings::from_resolved(r),
      Catch::Contains("settings.contamination") && Catch::Contains("one rate per regime"));
  r = vixray::default_settings().resolved;
  r["detectors"][0]["domain"] = "nowhere";
  CHECK_THROWS_WITH(vixray::EnsembleSettings::from_resolved(r),
                    Catch::Contains("settings.detectors[0].domain") && Catch::Contains("nowhere"));
  CHECK_THROWS_WITH(vixray::load_settings("{", {}), Catch::Contains("not valid JSON"));
}
