// `vixray backtest tickers` on the simulated tickers: the naive rule's figures in the JSON equal
// the core's (simulate_tickers + naive_return_flags + evaluate_flags, computed here), the model's
// are counts of the model's flags, and a file whose market and interval have no model fails
// naming the models present. One daily US model keeps it cheap (about 1,000 bars).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "vixray/analysis/ticker_quality.hpp"
#include "vixray/sim/simulated_tickers.hpp"

TEST_CASE("backtest tickers: recall, false flags and lag of the model and the naive rule",
          "[backtest][ticker][cli]") {
  TempDir dir;
  const std::string data = dir / "t";
  REQUIRE(run_cli("simulate tickers --out '" + data + "'", dir).status == 0);
  std::filesystem::create_directories(dir / "models");
  const std::string csvs = " --csv '" + data + "/1d/SIMA.csv' --csv '" + data + "/1d/SIMB.csv'";
  const Run train =
      run_cli("ticker train" + csvs + " --out '" + (dir / "models/US.json") + "'", dir);
  INFO(train.err);
  REQUIRE(train.status == 0);
  const Run run = run_cli("backtest tickers --models '" + (dir / "models") + "'" + csvs +
                              " --events '" + data + "/ticker_events.csv' --json '" +
                              (dir / "q.json") + "' --out '" + (dir / "q.md") + "'",
                          dir);
  INFO(run.err);
  REQUIRE(run.status == 0);
  CHECK(read_text(dir / "q.md") == run.out);
  CHECK(run.out.find("| US | 1d | SIMA, SIMB | 1002 | 30 | model |") != std::string::npos);
  const auto doc = nlohmann::json::parse(read_text(dir / "q.json"));
  REQUIRE(doc["rows"].size() == 1);
  const auto& row = doc["rows"][0];

  // The naive rule, computed here from the simulator's bars and events.
  const vixray::SimulatedTickers sim = vixray::simulate_tickers();
  vixray::FlagQuality naive;
  for (size_t t = 0; t < 2; ++t) {
    const vixray::Bars& bars = sim.tickers[t].daily;
    std::vector<vixray::TickerEvent> events;
    for (const auto& e : sim.events)
      if (e.ticker == bars.ticker && e.interval == "1d") events.push_back(e);
    vixray::add_quality(
        naive, vixray::evaluate_flags(bars.time, vixray::naive_return_flags(bars.close), events,
                                      2 * 86400));
  }
  CHECK(row["naive"]["bars"] == 1002);
  CHECK(row["naive"]["events"] == 30);
  CHECK(row["naive"]["found"] == naive.found);
  CHECK(row["naive"]["false_flags"] == naive.false_flags);
  CHECK(row["naive"]["flags"] == naive.flags);
  CHECK(row["naive"]["median_lag_bars"].get<double>() == vixray::median_lag(naive));
  // Seed 003's detection metrics: bar-level counts against the event windows add up to the bars,
  // FP are the false flags, the events and lags are the found ones; the naive rule's equal the
  // core's counts computed here.
  for (const char* signal : {"model", "naive"}) {
    INFO(signal);
    const auto& q = row[signal];
    const auto& d = q["detection"];
    const int64_t tp = d["tp"], fp = d["fp"], tn = d["tn"], fn = d["fn"];
    CHECK(tp + fp + tn + fn == q["bars"].get<int64_t>());
    CHECK(tp + fp == q["flags"].get<int64_t>());
    CHECK(fp == q["false_flags"].get<int64_t>());
    CHECK(d["events"] == q["events"]);
    CHECK(d["detected"] == q["found"]);
    CHECK(d["event_recall"] == q["recall"]);
    CHECK(d["median_lag"] == q["median_lag_bars"]);
    // Two tickers of about 2 years of daily bars each: per (ticker-)year.
    CHECK(d["false_alarm_rate"]["per"] == "year");
    CHECK(d["false_alarm_rate"]["denominator"].get<double>() > 3.0);
  }
  const vixray::DetectionMetrics naive_metrics = vixray::metrics_of(naive.detection);
  CHECK(row["naive"]["detection"]["tp"] == naive.detection.confusion.tp);
  CHECK(row["naive"]["detection"]["tn"] == naive.detection.confusion.tn);
  CHECK(row["naive"]["detection"]["false_episodes"] == naive.detection.false_episodes);
  CHECK(row["naive"]["detection"]["f1"].get<double>() == Approx(naive_metrics.scores.f1));
  CHECK(doc["throughput"]["bars"] == 1002);
  CHECK(doc["throughput"]["bars_per_second"].get<double>() > 0.0);
  CHECK(run.out.find("| US | 1d | model | ") != std::string::npos);
  // The model flags about 1% of the complete rows (contamination 0.01), so at most about 10.
  CHECK(row["model"]["flags"].get<int64_t>() > 0);
  CHECK(row["model"]["flags"].get<int64_t>() <= 20);
  CHECK(row["model"]["found"].get<int64_t>() + row["model"]["false_flags"].get<int64_t>() <=
        row["model"]["flags"].get<int64_t>());

  const Run missing =
      run_cli("backtest tickers --models '" + (dir / "models") + "' --csv '" + data +
                  "/5m/9901.T.csv' --events '" + data + "/ticker_events.csv'",
              dir);
  CHECK(missing.status != 0);
  CHECK(missing.err.find("9901.T (JP, 5m bars) has no model; models: US 1d (") !=
        std::string::npos);
}
