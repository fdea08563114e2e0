// `vixray ticker train|score` end to end: suffix routing, the bundle's hash, intervals, and
// incremental scoring with --state equal to a one-shot run byte for byte (reviews kept).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_helpers.hpp"
#include "ticker_fixtures.hpp"

using namespace vixray::test;
using Catch::Contains;
using nlohmann::json;

namespace {

const char* kTickerCliSettings = R"({"format":"vixray-settings","settings":{
  "n_trees":{"default":25},"sample_size":{"default":64}}})";

BarRecipe tokyo_recipe() {
  BarRecipe r;
  r.ticker = "7203.T";
  r.price = 2000.0;
  r.days = 4;
  r.utc_offset_s = 9 * 3600;
  r.windows = {{540, 690}, {750, 900}};
  return r;
}

BarRecipe new_york_recipe() {
  BarRecipe r;
  r.days = 4;
  r.seed = 3;
  return r;
}

// A folder with AAPL.csv, 7203.T.csv, settings.json and models/us.json trained on AAPL.
struct TickerFolder {
  TempDir dir;
  TickerFolder() {
    write_text(dir / "AAPL.csv", bars_csv(make_bars(new_york_recipe())));
    write_text(dir / "7203.T.csv", bars_csv(make_bars(tokyo_recipe())));
    write_text(dir / "settings.json", kTickerCliSettings);
    fs::create_directories(dir.path() / "models");
    const Run run = run_cli("ticker train --csv '" + dir / "AAPL.csv" + "' --settings '" +
                                dir / "settings.json" + "' --out '" + dir / "models/us.json" + "'",
                            dir);
    if (run.status != 0) throw std::runtime_error("ticker train failed: " + run.err);
  }
};

}  // namespace

TEST_CASE("ticker cli: train routes by suffix and refuses mixed markets", "[ticker][cli]") {
  TickerFolder f;
  const std::string settings = " --settings '" + f.dir / "settings.json" + "'";
  Run run = run_cli("ticker train --csv '" + f.dir / "AAPL.csv" + "' --csv '" +
                        f.dir / "7203.T.csv" + "'" + settings + " --out '" + f.dir / "x.json" + "'",
                    f.dir);
  CHECK(run.status == 1);
  CHECK_THAT(run.err, Contains("route to different markets"));
  CHECK_THAT(run.err, Contains("AAPL.csv (AAPL) -> US"));
  CHECK_THAT(run.err, Contains("7203.T.csv (7203.T) -> JP"));
  CHECK_FALSE(fs::exists(f.dir / "x.json"));

  run = run_cli("ticker train --csv '" + f.dir / "7203.T.csv" + "'" + settings + " --out '" +
                    f.dir / "models/jp.json" + "'",
                f.dir);
  REQUIRE(run.status == 0);
  CHECK_THAT(run.out, Contains("market JP, interval 5m"));
  CHECK_THAT(run.out, Contains("outside sessions 0"));
  const json model = json::parse(read_text(f.dir / "models/jp.json"));
  CHECK(model["market"] == "JP");
  CHECK(model["hours"]["time_zone"] == "JST-9");
  CHECK(model["tickers"][0]["ticker"] == "7203.T");
  CHECK(model["tickers"][0]["asset_class"] == "equity");
  CHECK(model["content_sha256"].get<std::string>().size() == 64);
  // --market overrides the suffix.
  run = run_cli("ticker train --csv '" + f.dir / "AAPL.csv" + "' --market th" + settings +
                    " --out '" + f.dir / "th.json" + "'",
                f.dir);
  REQUIRE(run.status == 0);
  CHECK(json::parse(read_text(f.dir / "th.json"))["market"] == "TH");
}

TEST_CASE("ticker cli: score routes each file to its market's model", "[ticker][cli]") {
  TickerFolder f;
  write_text(f.dir / "PTT.BK.csv", bars_csv(make_bars(new_york_recipe())));
  Run run = run_cli("ticker score --csv '" + f.dir / "PTT.BK.csv" + "' --models '" +
                        f.dir / "models" + "' --out '" + f.dir / "a.json" + "'",
                    f.dir);
  CHECK(run.status == 1);
  CHECK_THAT(run.err, Contains("PTT.BK.csv: ticker PTT.BK routes to market TH"));
  CHECK_THAT(run.err, Contains("models: US ("));
  CHECK(run.err.find('\n') == run.err.size() - 1);  // one line
  CHECK_FALSE(fs::exists(f.dir / "a.json"));

  run = run_cli("ticker score --csv '" + f.dir / "AAPL.csv" + "' --models '" + f.dir / "models" +
                    "' --out '" + f.dir / "a.json" + "'",
                f.dir);
  REQUIRE(run.status == 0);
  CHECK_THAT(run.out, Contains("312 bars scored"));
  CHECK_THAT(run.out, Contains("bars/s"));
  const json doc = json::parse(read_text(f.dir / "a.json"));
  CHECK(doc["models"][0]["market"] == "US");
  CHECK(doc["tickers"][0]["bars"] == 312);
  CHECK(doc["tickers"][0]["last_scored"] == doc["tickers"][0]["time"].back());

  // A bundle changed by hand is refused before it is used.
  std::string text = read_text(f.dir / "models/us.json");
  text.replace(text.find("\"US\""), 4, "\"JP\"");
  write_text(f.dir / "bad.json", text);
  run = run_cli("ticker score --csv '" + f.dir / "AAPL.csv" + "' --model '" + f.dir / "bad.json" +
                    "' --out '" + f.dir / "b.json" + "'",
                f.dir);
  CHECK(run.status == 1);
  CHECK_THAT(run.err, Contains("bad.json: content_sha256"));

  // A 1-minute file against the 5-minute model.
  BarRecipe minute = new_york_recipe();
  minute.interval_s = 60;
  minute.days = 1;
  write_text(f.dir / "MSFT.csv", bars_csv(make_bars(minute)));
  run = run_cli("ticker score --csv '" + f.dir / "MSFT.csv" + "' --model '" +
                    f.dir / "models/us.json" + "' --out '" + f.dir / "b.json" + "'",
                f.dir);
  CHECK(run.status == 1);
  CHECK_THAT(run.err, Contains("MSFT.csv: interval 1m, but the model"));
}

TEST_CASE("ticker cli: --state scores the new bars only, equal to a one-shot run",
          "[ticker][cli]") {
  TickerFolder f;
  const vixray::Bars bars = make_bars(new_york_recipe());
  const std::string model = " --model '" + f.dir / "models/us.json" + "'";
  fs::create_directories(f.dir.path() / "full");
  write_text(f.dir / "full/AAPL.csv", bars_csv(bars));
  REQUIRE(run_cli("ticker score --csv '" + f.dir / "full/AAPL.csv" + "'" + model + " --out '" +
                      f.dir / "one_shot.json" + "'",
                  f.dir)
              .status == 0);
  json expected = json::parse(read_text(f.dir / "one_shot.json"));
  REQUIRE(expected["anomalies"].size() >= 1);
  const std::string first_flag = expected["anomalies"][0]["datetime"];
  for (int64_t cut : {40, 200, 311}) {
    const std::string out = f.dir / ("inc_" + std::to_string(cut) + ".json");
    const std::string state = f.dir / ("state_" + std::to_string(cut) + ".json");
    fs::create_directories(f.dir.path() / "part");
    write_text(f.dir / "part/AAPL.csv", bars_csv(bars, cut));
    Run run = run_cli("ticker score --csv '" + f.dir / "part/AAPL.csv" + "'" + model + " --out '" +
                          out + "' --state '" + state + "'",
                      f.dir);
    REQUIRE(run.status == 0);
    // Review an anomaly between the runs when the prefix already has it.
    json doc = json::parse(read_text(out));
    const bool reviewed = !doc["anomalies"].empty();
    if (reviewed) {
      CHECK(doc["anomalies"][0]["datetime"] == first_flag);
      doc["anomalies"][0]["status"] = "dismissed";
      doc["anomalies"][0]["note"] = "news, \"halt\"";
      write_text(out, doc.dump());
    }
    run = run_cli("ticker score --csv '" + f.dir / "full/AAPL.csv" + "'" + model + " --out '" +
                      out + "' --state '" + state + "'",
                  f.dir);
    REQUIRE(run.status == 0);
    CHECK_THAT(run.out, Contains(std::to_string(bars.size() - cut) + " scored now"));
    json want = expected;
    if (reviewed) {
      want["anomalies"][0]["status"] = "dismissed";
      want["anomalies"][0]["note"] = "news, \"halt\"";
    }
    CHECK(read_text(out) == want.dump() + "\n");
    CHECK(json::parse(read_text(state))["tickers"]["AAPL"]["bars"] == bars.size());
  }
  // A state without its anomalies document is refused, nothing written.
  write_text(f.dir / "lonely_state.json", read_text(f.dir / "state_40.json"));
  const Run run =
      run_cli("ticker score --csv '" + f.dir / "full/AAPL.csv" + "'" + model + " --out '" +
                  f.dir / "missing.json" + "' --state '" + f.dir / "lonely_state.json" + "'",
              f.dir);
  CHECK(run.status == 1);
  CHECK_THAT(run.err, Contains("does not exist (remove the state"));
  CHECK_FALSE(fs::exists(f.dir / "missing.json"));
}
