// Per-market ticker models (ensemble/ticker_model.hpp) and their scores, documents, marker
// matching and review files (analysis/ticker_scores.hpp, review.hpp), on small synthetic bars
// built in code (ticker_fixtures.hpp).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>

#include "ticker_fixtures.hpp"
#include "vixray/analysis/review.hpp"
#include "vixray/analysis/ticker_scores.hpp"
#include "vixray/base/error.hpp"
#include "vixray/ensemble/ticker_model.hpp"

using namespace vixray;
using Catch::Contains;
using nlohmann::json;
using vixray::test::BarRecipe;
using vixray::test::make_bars;

namespace {

// Fast settings for tests: 25 trees of 64 bars.
const char* kTickerSmall = R"({"format":"vixray-settings","settings":{
  "n_trees":{"default":25},"sample_size":{"default":64}}})";

TickerSettings ticker_small_settings(const std::string& market, bool price_relative = true) {
  TickerSettings s = load_ticker_settings(kTickerSmall, market, "equity", "5m");
  s.price_relative = price_relative;
  s.resolved["price_relative"] = price_relative;
  return s;
}

TickerModel train_tickers(const std::vector<Bars>& bars, const TickerSettings& settings) {
  std::vector<TickerTrainFile> files;
  for (const auto& b : bars) files.push_back(TickerTrainFile{b, "equity"});
  return train_ticker_model(files, settings);
}

bool ticker_same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

double ticker_flag_rate(const TickerModel& model, const Bars& bars) {
  const TickerScores s = score_ticker(model, bars);
  int64_t scored = 0, flagged = 0;
  for (size_t r = 0; r < s.raw.size(); ++r)
    if (std::isfinite(s.raw[r])) {
      ++scored;
      flagged += s.flagged[r];
    }
  return static_cast<double>(flagged) / static_cast<double>(scored);
}

}  // namespace

TEST_CASE("ticker settings: built-in hours equal the market defaults", "[ticker]") {
  for (const char* market : {"US", "JP", "TH"})
    CHECK(load_ticker_settings("", market, "equity", "5m").hours.to_json() ==
          default_market_hours(market).to_json());
  const TickerSettings s = load_ticker_settings("", "us", "equity", "1d");
  CHECK(s.contamination == 0.01);  // seed 001
  CHECK(s.n_trees == 100);
  CHECK(s.sample_size == 256);
  CHECK(s.seed == 42);
  CHECK(s.price_relative);
  CHECK(s.calibration_knots == 512);
  CHECK(s.hours.market == "US");
}

TEST_CASE("ticker settings: market matches case-insensitively, interval is a match key",
          "[ticker]") {
  const char* doc = R"({"format":"vixray-settings","settings":{
    "contamination":{"default":0.01,"overrides":[{"match":{"market":"JP"},"value":0.05}]},
    "sample_size":{"default":256,"overrides":[{"match":{"interval":"1d"},"value":32}]}}})";
  CHECK(load_ticker_settings(doc, "jp", "equity", "5m").contamination == 0.05);
  CHECK(load_ticker_settings(doc, "JP", "equity", "5m").contamination == 0.05);
  CHECK(load_ticker_settings(doc, "us", "equity", "5m").contamination == 0.01);
  CHECK(load_ticker_settings(doc, "us", "equity", "1d").sample_size == 32);
  CHECK(load_ticker_settings(doc, "us", "equity", "5m").sample_size == 256);
  // Keys the document leaves out keep the built-in values; JP's hours still apply.
  CHECK(load_ticker_settings(doc, "jp", "equity", "5m").hours.tz.text() == "JST-9");
  // The ensemble settings match "market" the same way (the default context is "us").
  const json ensemble = json::parse(R"({"format":"vixray-settings","settings":{"x":{"default":1,
    "overrides":[{"match":{"market":"us"},"value":2}]}}})");
  CHECK(resolve_settings(ensemble, {{"market", "US"}})["x"] == 2);
  CHECK(resolve_settings(ensemble, {{"market", "jp"}})["x"] == 1);
  const char* bad = R"({"format":"vixray-settings","settings":{"contamination":{"default":0.7}}})";
  CHECK_THROWS_WITH(load_ticker_settings(bad, "us", "equity", "5m"),
                    Contains("ticker_settings.contamination"));
}

TEST_CASE("ticker model: the threshold flags about contamination of the training bars",
          "[ticker]") {
  BarRecipe r;
  r.days = 4;
  const Bars bars = make_bars(r);
  const TickerModel model = train_tickers({bars}, ticker_small_settings("US"));
  CHECK(model.market == "US");
  CHECK(model.interval_s == 300);
  CHECK_FALSE(model.daily);
  REQUIRE(model.tickers.size() == 1);
  CHECK(model.tickers[0].bars == bars.size());
  CHECK(model.tickers[0].first == bars.time.front());
  // 4 days x 78 bars, less the 33-bar warm-up of MACD_hist (26 + 9 - 2).
  CHECK(model.training_rows == bars.size() - 33);
  const TickerScores s = score_ticker(model, bars);
  int64_t flagged = 0;
  for (uint8_t f : s.flagged) flagged += f;
  // Type-7 quantile at 0.99 of 279 scores: position 276.21, so 2 or 3 training scores lie above.
  CHECK(flagged >= 2);
  CHECK(flagged <= 3);
}

TEST_CASE("ticker model: bundle round trip scores identically; errors name the field", "[ticker]") {
  BarRecipe r;
  r.days = 4;
  const Bars bars = make_bars(r);
  const TickerModel model = train_tickers({bars}, ticker_small_settings("US"));
  const json bundle = ticker_model_to_json(model);
  const TickerModel back = ticker_model_from_json(json::parse(bundle.dump()));
  CHECK(ticker_model_to_json(back) == bundle);
  const TickerScores a = score_ticker(model, bars), b = score_ticker(back, bars);
  CHECK(ticker_same_bits(a.raw, b.raw));
  CHECK(ticker_same_bits(a.score, b.score));
  CHECK(a.flagged == b.flagged);
  // Format 2.0 (typed arrays) by default; a 1.0 bundle (JSON arrays) reads to the same model.
  CHECK(bundle["format_version"] == "2.0");
  const json v1 = ticker_model_to_json(model, vixray::BundleForm::kJson1);
  CHECK(v1["format_version"] == "1.0");
  CHECK(v1["forest"]["trees"].is_array());
  CHECK(ticker_model_to_json(ticker_model_from_json(json::parse(v1.dump()))) == bundle);

  json broken = bundle;
  broken.erase("threshold");
  CHECK_THROWS_WITH(ticker_model_from_json(broken), Contains("ticker_model"));
  CHECK_THROWS_WITH(ticker_model_from_json(broken), Contains("\"threshold\""));
  broken = bundle;
  broken["format_version"] = "3.0";  // this build reads 1.x and 2.x
  CHECK_THROWS_WITH(ticker_model_from_json(broken), Contains("3.0") && Contains("(2.0)"));
  broken = bundle;
  broken["contamination"] = 0.9;
  CHECK_THROWS_WITH(ticker_model_from_json(broken), Contains("ticker_model.contamination"));
  broken = bundle;
  broken["tickers"][0]["first"] = "yesterday";
  CHECK_THROWS_WITH(ticker_model_from_json(broken), Contains("ticker_model.tickers[0].first"));
}

TEST_CASE("ticker model: refuses too few rows and mixed intervals", "[ticker]") {
  BarRecipe r;
  r.days = 1;
  CHECK_THROWS_WITH(train_tickers({make_bars(r)}, ticker_small_settings("US")),
                    Contains("fewer than sample_size 64"));
  r.days = 3;
  BarRecipe m = r;
  m.interval_s = 60;
  m.ticker = "MSFT";
  CHECK_THROWS_WITH(train_tickers({make_bars(r), make_bars(m)}, ticker_small_settings("US")),
                    Contains("training file 2 (MSFT): interval 1m"));
}

TEST_CASE("ticker model: price-relative indicators let a yen and a dollar ticker share a forest",
          "[ticker]") {
  // The same random walk (same seed) priced at 2,000 (yen) and at 150 (dollars): every return is
  // equal, only the price level differs. With raw prices the yen ticker's ATR, MACD, body and
  // wicks are 13x larger, so its bars take the whole tail; relative to the close the two are the
  // same and share the flags. README.md ("Tickers") gives the figures.
  BarRecipe yen;
  yen.ticker = "7203.T";
  yen.price = 2000.0;
  yen.days = 8;
  BarRecipe usd = yen;
  usd.ticker = "SONY";
  usd.price = 150.0;
  const Bars a = make_bars(yen), b = make_bars(usd);
  const TickerModel raw = train_tickers({a, b}, ticker_small_settings("JP", false));
  const TickerModel relative = train_tickers({a, b}, ticker_small_settings("JP", true));
  const double raw_yen = ticker_flag_rate(raw, a), raw_usd = ticker_flag_rate(raw, b);
  const double rel_yen = ticker_flag_rate(relative, a), rel_usd = ticker_flag_rate(relative, b);
  UNSCOPED_INFO("raw: yen " << raw_yen << ", usd " << raw_usd << "; relative: yen " << rel_yen
                            << ", usd " << rel_usd);
  CHECK(raw_yen > 5 * raw_usd);
  CHECK(rel_yen == rel_usd);  // identical relative rows, identical scores
  CHECK(rel_yen > 0.0);
}

TEST_CASE("ticker scores: incremental equals full at several cut points", "[ticker]") {
  BarRecipe r;
  r.days = 5;
  const Bars full = make_bars(r);
  const TickerModel model = train_tickers({full}, ticker_small_settings("US"));
  const json one_shot =
      ticker_anomalies_document(model, "sha", {full}, {score_ticker(model, full)}, nullptr);
  REQUIRE_FALSE(one_shot["anomalies"].empty());
  for (int64_t cut : std::vector<int64_t>{1, 20, 34, 100, 200, full.size() - 1, full.size()}) {
    Bars prefix = full;
    for (auto* v : {&prefix.open, &prefix.high, &prefix.low, &prefix.close, &prefix.volume})
      v->resize(static_cast<size_t>(cut));
    prefix.time.resize(static_cast<size_t>(cut));
    json doc =
        ticker_anomalies_document(model, "sha", {prefix}, {score_ticker(model, prefix)}, nullptr);
    const json state = ticker_state_document("sha", {prefix});
    // A review between the runs: the first anomaly so far is acknowledged with a note.
    if (!doc["anomalies"].empty()) {
      doc["anomalies"][0]["status"] = "acknowledged";
      doc["anomalies"][0]["note"] = "earnings";
    }
    const int64_t from = resume_row(state, full, "sha");
    CHECK(from == cut);
    const TickerScores scores = score_ticker(model, full, from);
    const json next =
        ticker_anomalies_document(model, "sha", {full}, {scores}, json::parse(doc.dump()));
    json expected = one_shot;
    if (!doc["anomalies"].empty()) {
      expected["anomalies"][0]["status"] = "acknowledged";
      expected["anomalies"][0]["note"] = "earnings";
    }
    CHECK(next.dump() == expected.dump());
  }
  CHECK_THROWS_WITH(resume_row(ticker_state_document("sha", {full}), full, "other"),
                    Contains("state.tickers.AAPL.model_sha256"));
  Bars changed = full;
  changed.time.back() += 60;
  CHECK_THROWS_WITH(resume_row(ticker_state_document("sha", {full}), changed),
                    Contains("is not a bar of the file of AAPL"));
}

TEST_CASE("ticker scores: flagged bars carry seed 001's fields and the indicators", "[ticker]") {
  BarRecipe r;
  r.days = 4;
  const Bars bars = make_bars(r);
  const TickerModel model = train_tickers({bars}, ticker_small_settings("US"));
  const TickerScores s = score_ticker(model, bars);
  const auto anomalies = flagged_bars(model, bars, s);
  REQUIRE_FALSE(anomalies.empty());
  for (const auto& a : anomalies) {
    CHECK(a.raw_score > model.threshold);
    CHECK(a.status == "new");
    CHECK(a.indicators.size() == 14);
  }
  const json doc = ticker_anomalies_document(model, "sha", {bars}, {s}, nullptr);
  check_ticker_anomalies(doc);
  CHECK(doc["anomalies"][0]["indicators"].size() == 14);
  json bad = doc;
  bad["anomalies"][0]["status"] = "done";
  CHECK_THROWS_WITH(check_ticker_anomalies(bad), Contains("anomalies.anomalies[0].status"));
}

TEST_CASE("ticker overlays: 20-bar VWAP and Bollinger bands", "[ticker]") {
  Bars b;
  for (int i = 0; i < 21; ++i) {
    b.time.push_back(i * 300);
    const double c = 100.0 + i;
    b.open.push_back(c);
    b.high.push_back(c + 1);
    b.low.push_back(c - 1);
    b.close.push_back(c);
    b.volume.push_back(i < 10 ? 1.0 : 3.0);
  }
  const TickerOverlays o = ticker_overlays(b);
  CHECK(std::isnan(o.vwap[18]));
  // Row 19: typical prices 100..119 (= close), volumes 1 x10 then 3 x10:
  // (sum 100..109 + 3 sum 110..119) / 40 = (1045 + 3 x 1145) / 40 = 112.
  CHECK(std::fabs(o.vwap[19] - 112.0) < 1e-12);
  // Closes 100..119: mean 109.5, sample sd sqrt(35) (20 consecutive integers: n(n+1)/12).
  CHECK(std::fabs(o.bb_mid[19] - 109.5) < 1e-12);
  CHECK(std::fabs(o.bb_upper[19] - (109.5 + 2 * std::sqrt(35.0))) < 1e-12);
  CHECK(std::fabs(o.bb_lower[20] - (110.5 - 2 * std::sqrt(35.0))) < 1e-12);
}

TEST_CASE("marker matching: exact, within, outside the tolerance, across a session gap",
          "[ticker]") {
  CHECK(match_tolerance_s(300, false) == 900);  // max(2 x 5 min, 15 min)
  CHECK(match_tolerance_s(3600, false) == 7200);
  CHECK(match_tolerance_s(86400, true) == 2 * 86400);
  const std::vector<int64_t> bars{0, 300, 600, 900};
  CHECK(match_to_bars(bars, {300}, 900) == std::vector<int64_t>{1});              // exact
  CHECK(match_to_bars(bars, {420}, 900) == std::vector<int64_t>{1});              // nearest
  CHECK(match_to_bars(bars, {450}, 900) == std::vector<int64_t>{1});              // tie: earlier
  CHECK(match_to_bars(bars, {1800}, 900) == std::vector<int64_t>{3});             // inclusive
  CHECK(match_to_bars(bars, {1801, -901}, 900) == std::vector<int64_t>{-1, -1});  // outside
  CHECK(match_to_bars({}, {0}, 900) == std::vector<int64_t>{-1});
  // Tokyo's lunch: 5-minute bars start 09:00..11:25 and 12:30..14:55 JST; an anomaly stamped
  // 12:00 JST is 35 minutes from 11:25 and 30 from 12:30, both past the 15 minutes: unmatched.
  BarRecipe jp;
  jp.ticker = "7203.T";
  jp.days = 1;
  jp.utc_offset_s = 9 * 3600;
  jp.windows = {{540, 690}, {750, 900}};
  const Bars b = make_bars(jp);
  const int64_t noon = int64_t{days_from_civil(2024, 3, 4)} * 86400 + 12 * 3600 - 9 * 3600;
  CHECK(match_to_bars(b.time, {noon}, match_tolerance_s(300, false)) == std::vector<int64_t>{-1});
  CHECK(match_to_bars(b.time, {noon + 20 * 60}, 900)[0] == 30);  // 12:20 -> the 12:30 bar
}

TEST_CASE("review: JSON and CSV round trip; errors name the place", "[ticker]") {
  ReviewSet set;
  set.model_sha256 = "abc";
  set.entries = {
      {"AAPL", "2024-03-08T14:30:00Z", "acknowledged", "earnings, \"beat\"\nsecond line"},
      {"7203.T", "2024-03-08", "dismissed", ""},
      {"PTT.BK", "2024-03-08T03:05:00Z", "new", " padded "}};
  const auto same = [&](const ReviewSet& got) {
    REQUIRE(got.entries.size() == set.entries.size());
    for (size_t i = 0; i < got.entries.size(); ++i) {
      CHECK(got.entries[i].ticker == set.entries[i].ticker);
      CHECK(got.entries[i].datetime == set.entries[i].datetime);
      CHECK(got.entries[i].status == set.entries[i].status);
      CHECK(got.entries[i].note == set.entries[i].note);
    }
  };
  const ReviewSet from_json = parse_review(review_to_json(set), "r.json");
  CHECK(from_json.model_sha256 == "abc");
  same(from_json);
  same(parse_review(review_to_csv(set), "r.csv"));
  CHECK_THROWS_WITH(parse_review("ticker,datetime,status,note\nAAPL,2024-03-08,done,\n", "r.csv"),
                    Contains("r.csv:2: column \"status\": expected new, acknowledged or "
                             "dismissed, got \"done\""));
  CHECK_THROWS_WITH(parse_review("ticker,when,status\n", "r.csv"),
                    Contains("r.csv:1: expected a header"));
  CHECK_THROWS_WITH(parse_review("ticker,datetime,status\nAAPL,soon,new\n", "r.csv"),
                    Contains("r.csv:2: column \"datetime\""));
  CHECK_THROWS_WITH(parse_review(R"({"format":"vixray-review","format_version":"1.0","entries":[
        {"ticker":"A","datetime":"2024-03-08","status":"new"},{"ticker":"B","datetime":"x","status":"new"}]})",
                                 "r.json"),
                    Contains("r.json: review.entries[1].datetime"));
  const std::string long_note(kMaxNoteBytes + 1, 'x');
  CHECK_THROWS_WITH(
      parse_review("ticker,datetime,status,note\nA,2024-03-08,new," + long_note, "r.csv"),
      Contains("longer than the limit of 2000"));
  CHECK_THROWS_WITH(parse_review("ticker,datetime,status,note\nA,2024-03-08,new,\"open", "r.csv"),
                    Contains("unterminated"));
}

TEST_CASE("ticker model: daily bars train, record dates and round trip", "[ticker]") {
  // 150 daily bars from a walk: one bar a day at 00:00 UTC (a date label), every calendar day.
  BarRecipe walk;
  walk.days = 2;
  walk.windows = {{0, 1500}};  // 75 bars of 20 minutes a "day"
  walk.interval_s = 1200;
  const Bars source = make_bars(walk);
  Bars daily = source;
  daily.daily = true;
  for (size_t i = 0; i < daily.time.size(); ++i)
    daily.time[i] = int64_t{days_from_civil(2023, 1, 2)} * 86400 + static_cast<int64_t>(i) * 86400;
  const TickerModel model =
      train_tickers({daily}, load_ticker_settings(kTickerSmall, "US", "equity", "1d"));
  CHECK(model.daily);
  CHECK(model.interval_s == 86400);
  const json bundle = ticker_model_to_json(model);
  CHECK(bundle["interval"] == "1d");
  CHECK(bundle["tickers"][0]["first"] == "2023-01-02");
  CHECK(ticker_model_to_json(ticker_model_from_json(bundle)) == bundle);
  const json doc =
      ticker_anomalies_document(model, "sha", {daily}, {score_ticker(model, daily)}, nullptr);
  CHECK(doc["tickers"][0]["time"][0] == "2023-01-02");
  CHECK(resume_row(ticker_state_document("sha", {daily}), daily) == daily.size());
}
