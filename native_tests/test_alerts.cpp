// The alert distribution (analysis/alerts.hpp) on hand-made Analyses (every expected count below
// is counted by hand from the levels and scores written in the test), and `vixray alerts`.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "cli_helpers.hpp"
#include "vixray/analysis/alerts.hpp"
#include "vixray/base/error.hpp"
#include "vixray/ensemble/thresholds.hpp"

using vixray::Level;

namespace alerts_test {

constexpr Level U = Level::kUnavailable, N = Level::kNormal, M = Level::kModerate, H = Level::kHigh,
                C = Level::kCritical;
const double kAlertNaN = std::numeric_limits<double>::quiet_NaN();

// Detectors a (domain x), random_subspace_1 and c (domain y); one row of scores per day.
vixray::Analysis hand_made(const std::vector<Level>& levels,
                           const std::vector<std::vector<double>>& rows) {
  vixray::Analysis a;
  a.detector_names = {"a", "random_subspace_1", "c"};
  a.detector_domains = {"x", "y", "y"};
  a.domain_names = {"x", "y"};
  for (size_t t = 0; t < levels.size(); ++t) {
    a.dates.push_back(static_cast<vixray::Day>(100 + t));
    a.level.push_back(levels[t]);
    for (double s : rows[t]) a.detector_scores.push_back(s);
  }
  return a;
}

vixray::EnsembleModel three_detectors() {
  vixray::EnsembleModel m;
  m.detectors.resize(3);
  m.detectors[0].name = "a";
  m.detectors[1].name = "random_subspace_1";
  m.detectors[2].name = "c";
  return m;
}

// (A named namespace, test cases included: the unity build puts other tests' U, N, ... beside.)
TEST_CASE("alerts: each alarm day goes to its top detector; ties, missing scores, other levels",
          "[alerts]") {
  // day 0 UNAVAILABLE: not a scored day.            day 1 NORMAL: not an alarm (a = 0.9).
  // day 2 HIGH: rs1 = c = 0.7 > a -> tie -> rs1 (first in model order).
  // day 3 CRITICAL: a has no score; c 0.6 > rs1 0.2 -> c.
  // day 4 HIGH: rs1 has no score; a 0.8 > c 0.1 -> a.
  // day 5 MODERATE: not an alarm (rs1 = 0.99).    day 6 HIGH: rs1 0.9 -> rs1.
  // days = 6 (days 1..6), alarm days = 4: a 1, rs1 2, c 1 -> shares 0.25, 0.5, 0.25.
  const auto a = hand_made({U, N, H, C, H, M, H}, {{kAlertNaN, kAlertNaN, kAlertNaN},
                                                   {0.9, 0.1, 0.1},
                                                   {0.5, 0.7, 0.7},
                                                   {kAlertNaN, 0.2, 0.6},
                                                   {0.8, kAlertNaN, 0.1},
                                                   {0.1, 0.99, 0.1},
                                                   {0.3, 0.9, 0.3}});
  const auto d = vixray::alert_distribution(a, three_detectors());
  CHECK(d.days == 6);
  CHECK(d.alarm_days == 4);
  REQUIRE(d.detectors.size() == 3);
  CHECK(d.detectors[0].detector == "a");
  CHECK(d.detectors[0].domain == "x");
  CHECK(d.detectors[0].alarm_days == 1);
  CHECK(d.detectors[0].share == 0.25);
  CHECK(d.detectors[1].label == "Random subspace 1");
  CHECK(d.detectors[1].alarm_days == 2);
  CHECK(d.detectors[1].share == 0.5);
  CHECK(d.detectors[2].alarm_days == 1);
  CHECK(d.max_share == 0.5);
  CHECK(d.max_detector == "random_subspace_1");
  CHECK(d.max_share_allowed == 0.35);
  // 0.5 > 0.35: one warning, the only one (every detector has an alarm day).
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0] ==
        "Detector random_subspace_1 (Random subspace 1) has 50.0% of the 4 alarm days, over the "
        "35.0% allowed.");

  // With 50% allowed nothing is over (the limit is strict).
  CHECK(vixray::alert_distribution(a, three_detectors(), 0.5).warnings.empty());

  const auto j = vixray::alert_distribution_to_json(d);
  CHECK(j["alarm_days"] == 4);
  CHECK(j["max_detector"] == "random_subspace_1");
  CHECK(j["detectors"][1]["share"] == 0.5);
  CHECK(j["detectors"][2]["label"] == "c");
  CHECK(j["warnings"].size() == 1);
}

TEST_CASE("alerts: a detector with no alarm day is warned about; no alarm at all", "[alerts]") {
  // Three HIGH days, a on top twice, c once (ties a = c on day 1 -> a): rs1 has none.
  // Shares 2/3 (over 35%) and 1/3: warnings a over, then rs1 none.
  const auto a = hand_made({H, H, C}, {{0.9, 0.1, 0.2}, {0.5, 0.4, 0.5}, {0.1, 0.2, 0.3}});
  const auto d = vixray::alert_distribution(a, three_detectors());
  CHECK(d.detectors[0].alarm_days == 2);
  CHECK(d.detectors[1].alarm_days == 0);
  CHECK(d.detectors[1].share == 0.0);
  CHECK(d.detectors[2].alarm_days == 1);
  REQUIRE(d.warnings.size() == 2);
  CHECK(d.warnings[0] == "Detector a has 66.7% of the 3 alarm days, over the 35.0% allowed.");
  CHECK(d.warnings[1] ==
        "Detector random_subspace_1 (Random subspace 1) has none of the 3 alarm "
        "days.");

  // No day at HIGH or above: one warning, no share, no top detector.
  const auto quiet =
      hand_made({N, M, U}, {{0.9, 0.1, 0.2}, {0.5, 0.4, 0.5}, {kAlertNaN, kAlertNaN, kAlertNaN}});
  const auto q = vixray::alert_distribution(quiet, three_detectors());
  CHECK(q.days == 2);
  CHECK(q.alarm_days == 0);
  CHECK(q.max_share == 0.0);
  CHECK(q.max_detector.empty());
  CHECK(q.detectors.size() == 3);
  REQUIRE(q.warnings.size() == 1);
  CHECK(q.warnings[0] == "No alarm: none of the 2 days with a score reached HIGH or CRITICAL.");

  auto bad = a;
  bad.level.pop_back();
  CHECK_THROWS_AS(vixray::alert_distribution(bad, three_detectors()), vixray::Error);
}

// A ticker anomalies document: `bars` bars per ticker (scores 0.5), `flagged` anomaly records.
nlohmann::json ticker_document(const std::vector<std::string>& markets,
                               const std::vector<std::tuple<std::string, std::string, int, int>>&
                                   tickers) {  // ticker, market, bars, flagged
  nlohmann::json doc = {
      {"format", "vixray-ticker-anomalies"}, {"format_version", "1.0"},
      {"models", nlohmann::json::array()},   {"indicators", nlohmann::json::array()},
      {"tickers", nlohmann::json::array()},  {"anomalies", nlohmann::json::array()}};
  for (const auto& m : markets)
    doc["models"].push_back({{"market", m}, {"interval", "1d"}, {"content_sha256", "00"}});
  for (const auto& [ticker, market, bars, flagged] : tickers) {
    nlohmann::json time = nlohmann::json::array(), score = nlohmann::json::array();
    for (int i = 0; i < bars; ++i) {
      time.push_back("2024-03-" + std::to_string(10 + i) + "T00:00:00Z");
      score.push_back(0.5);
    }
    doc["tickers"].push_back({{"ticker", ticker},
                              {"market", market},
                              {"interval", "1d"},
                              {"model_sha256", "00"},
                              {"bars", bars},
                              {"first", nullptr},
                              {"last", nullptr},
                              {"last_scored", nullptr},
                              {"time", time},
                              {"score", score}});
    for (int i = 0; i < flagged; ++i)
      doc["anomalies"].push_back({{"ticker", ticker},
                                  {"datetime", time[size_t(i)]},
                                  {"close", 1.0},
                                  {"volume", 1.0},
                                  {"status", "new"},
                                  {"note", ""},
                                  {"score", 0.99},
                                  {"raw_score", 0.7},
                                  {"indicators", nlohmann::json::object()}});
  }
  return doc;
}

TEST_CASE("alerts: ticker flagged bars per market, asset class and ticker; a market without any",
          "[alerts]") {
  // US: AAPL 10 bars 3 flagged, SPY 10 bars 1 flagged; JP: 7203.T 10 bars 0 flagged; TH is a
  // model without a ticker. Flagged 4 of 30 bars: US 4/4 = 100% (rate 4/20 = 0.2), JP 0, TH 0.
  // Asset classes: AAPL and 7203.T equity (3 of 20 bars), SPY etf (1 of 10), bond given by the
  // map but without a ticker, and no "unknown" (every ticker has one).
  const auto doc = ticker_document(
      {"US", "JP", "TH"}, {{"AAPL", "US", 10, 3}, {"SPY", "US", 10, 1}, {"7203.T", "JP", 10, 0}});
  const std::map<std::string, std::string> classes = {
      {"AAPL", "equity"}, {"SPY", "etf"}, {"7203.T", "equity"}, {"TLT", "bond"}};
  const auto d = vixray::ticker_alert_distribution(doc, classes);
  CHECK(d.bars == 30);
  CHECK(d.flagged == 4);
  REQUIRE(d.markets.size() == 3);
  CHECK(d.markets[0].name == "US");
  CHECK(d.markets[0].bars == 20);
  CHECK(d.markets[0].flagged == 4);
  CHECK(d.markets[0].share == 1.0);
  CHECK(d.markets[0].rate == 0.2);
  CHECK(d.markets[1].name == "JP");
  CHECK(d.markets[1].flagged == 0);
  CHECK(d.markets[2].name == "TH");
  CHECK(d.markets[2].bars == 0);
  REQUIRE(d.asset_classes.size() == 3);
  CHECK(d.asset_classes[0].name == "equity");
  CHECK(d.asset_classes[0].flagged == 3);
  CHECK(d.asset_classes[0].share == 0.75);
  CHECK(d.asset_classes[1].name == "etf");
  CHECK(d.asset_classes[1].share == 0.25);
  CHECK(d.asset_classes[2].name == "bond");
  REQUIRE(d.tickers.size() == 3);
  CHECK(d.tickers[0].rate == 0.3);
  // US carries 100% but markets have no share limit (seed 004's 35% is per detector).
  REQUIRE(d.warnings.size() == 3);
  CHECK(d.warnings[0] == "Market JP has none of the 4 flagged bars.");
  CHECK(d.warnings[1] == "Market TH has none of the 4 flagged bars.");
  CHECK(d.warnings[2] == "Asset class bond has none of the 4 flagged bars.");
  const auto j = vixray::ticker_alert_distribution_to_json(d);
  CHECK(j["markets"][0]["share"] == 1.0);
  CHECK(j["tickers"][2]["name"] == "7203.T");

  // A market given without a ticker in the document (a model not used) is listed and warned of.
  const auto given = vixray::ticker_alert_distribution(
      ticker_document({"US"}, {{"AAPL", "US", 10, 3}}), classes, {"JP", "US"});
  REQUIRE(given.markets.size() == 2);
  CHECK(given.markets[0].name == "JP");
  CHECK(given.markets[1].share == 1.0);
  REQUIRE(given.warnings.size() == 3);  // JP, then etf and bond (equity has AAPL's 3)
  CHECK(given.warnings[0] == "Market JP has none of the 3 flagged bars.");
  CHECK(given.warnings[1] == "Asset class etf has none of the 3 flagged bars.");

  // A ticker the map does not know is "unknown"; no flagged bar at all: one warning.
  const auto quiet =
      vixray::ticker_alert_distribution(ticker_document({"US"}, {{"MSFT", "US", 5, 0}}), {});
  CHECK(quiet.asset_classes.size() == 1);
  CHECK(quiet.asset_classes[0].name == "unknown");
  REQUIRE(quiet.warnings.size() == 1);
  CHECK(quiet.warnings[0] == "No alert: none of the 5 bars was flagged.");

  auto bad = doc;
  bad["tickers"][0]["bars"] = 11;
  CHECK_THROWS_AS(vixray::ticker_alert_distribution(bad, classes), vixray::Error);
}

// `vixray alerts` end to end on a short simulated market (2005-2009, a model trained in about a
// second): the table, the JSON, exit code 4 on a warning, 1 on an error.
TEST_CASE("alerts CLI: the distribution of a short simulated model, its warnings and exit code",
          "[alerts]") {
  TempDir dir;
  const std::string model = dir / "model.json", out = dir / "alerts.json";
  REQUIRE(run_cli("train --sim-start 2005-01-03 --sim-end 2009-12-31 --out " + model, dir).status ==
          0);
  // No data given: the bundle's own (the same simulated 2005-2009 market).
  const Run run = run_cli("alerts --model " + model + " --threads 1 --json " + out, dir);
  const auto j = nlohmann::json::parse(read_text(out));
  // Measured: 49 alarm days over 987 scored days, and vol_of_vol is on top on none of them, so
  // the command warns and exits with 4.
  CHECK(j["days"] == 987);
  CHECK(j["alarm_days"] == 49);
  REQUIRE(j["detectors"].size() == 15);
  int64_t attributed = 0;
  for (const auto& d : j["detectors"]) {
    attributed += d["alarm_days"].get<int64_t>();
    CHECK(run.out.find(d["label"].get<std::string>()) != std::string::npos);  // in the table
  }
  CHECK(attributed == 49);  // every alarm day has a detector with a score
  CHECK(j["detectors"][2]["detector"] == "vol_of_vol");
  CHECK(j["detectors"][2]["alarm_days"] == 0);
  REQUIRE(j["warnings"].size() == 1);
  CHECK(j["warnings"][0] ==
        "Detector vol_of_vol (Volatility of volatility) has none of the 49 "
        "alarm days.");
  CHECK(run.status == 4);
  CHECK(run.err.empty());
  CHECK(run.out.find("warnings (1):") != std::string::npos);

  // A 10% limit: the detectors over it are warned about too (max_share 6 / 49 = 12.2%).
  const Run strict = run_cli("alerts --model " + model + " --max-share 0.1 --threads 1", dir);
  CHECK(strict.status == 4);
  CHECK(strict.out.find("over the 10.0% allowed") != std::string::npos);

  // Errors exit with 1: no model, or a limit that is not a share.
  CHECK(run_cli("alerts", dir).status == 1);
  const Run bad = run_cli("alerts --model " + model + " --max-share 35", dir);
  CHECK(bad.status == 1);
  CHECK(bad.err.find("--max-share") != std::string::npos);
}

}  // namespace alerts_test
