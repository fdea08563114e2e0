// The ticker view's core (analysis/ticker_view.hpp): routing by the file name's ticker, local-time
// labels across a daylight-saving change, markers (flagged bars, extra times matched within the
// tolerance or counted as unmatched) and the TreeSHAP of one bar. The data is
// testdata/ticker_view/AAPL.csv (synthetic, see testdata/README.md), with a US model trained on it
// here (100 trees of 256 rows: a fraction of a second).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "vixray/analysis/ticker_view.hpp"
#include "vixray/base/error.hpp"

using vixray::test::read_testdata;

namespace {

const std::string& csv() {
  static const std::string text = read_testdata("ticker_view/AAPL.csv");
  return text;
}

const std::vector<vixray::TickerModel>& us_models() {
  static const std::vector<vixray::TickerModel> models = [] {
    const vixray::TickerSettings settings = vixray::load_ticker_settings("", "US", "equity", "5m");
    vixray::BarCsvOptions options;
    options.ticker = "AAPL";
    options.tz = settings.hours.tz;
    vixray::TickerTrainFile file;
    file.bars = vixray::parse_bars_csv(csv(), "AAPL.csv", options).bars;
    return std::vector<vixray::TickerModel>{vixray::train_ticker_model({file}, settings)};
  }();
  return models;
}

int64_t utc(const std::string& text) {
  int64_t t = 0;
  bool date_only = false;
  REQUIRE(vixray::parse_bar_time(text, vixray::PosixTz::parse("UTC0"), t, date_only));
  return t;
}

}  // namespace

TEST_CASE("ticker view: routed by the file name, labelled in New York time", "[ticker_view]") {
  const vixray::TickerView view = vixray::ticker_view(us_models(), csv(), "data/AAPL.csv");
  CHECK(view.bars.ticker == "AAPL");
  CHECK(view.market == "US");
  CHECK(view.interval == "5m");
  REQUIRE(view.labels.size() == 468);
  CHECK(view.labels.front() == "2024-03-06 09:30");
  CHECK(view.times.front() == "2024-03-06T14:30:00Z");
  // After the 2024-03-10 change the same wall time is an hour earlier in UTC.
  CHECK(view.labels[234] == "2024-03-11 09:30");
  CHECK(view.times[234] == "2024-03-11T13:30:00Z");
  CHECK(view.check.outside_session == 0);
  CHECK(view.overlays.vwap.size() == 468);
  CHECK(view.unmatched == 0);
  // Markers: exactly the flagged bars, at their close.
  const auto anomalies = vixray::flagged_bars(us_models()[0], view.bars, view.scores);
  REQUIRE(!anomalies.empty());
  REQUIRE(view.markers.size() == anomalies.size());
  for (size_t k = 0; k < anomalies.size(); ++k) {
    const auto& m = view.markers[k];
    CHECK(m.flagged);
    CHECK(view.bars.time[static_cast<size_t>(m.bar)] == anomalies[k].time);
    CHECK(m.price == view.bars.close[static_cast<size_t>(m.bar)]);
  }
  const nlohmann::json j = vixray::ticker_view_json(view);
  CHECK(j["flagged"] == anomalies.size());
  CHECK(j["markers"][0]["datetime"] == view.times[static_cast<size_t>(view.markers[0].bar)]);
}

TEST_CASE("ticker view: a market without a model names the models present", "[ticker_view]") {
  try {
    (void)vixray::ticker_view(us_models(), csv(), "7203.T.csv");
    FAIL("expected an error");
  } catch (const vixray::Error& e) {
    CHECK_THAT(e.what(), Catch::Contains("7203.T.csv") && Catch::Contains("market JP") &&
                             Catch::Contains("models present: US (5m)"));
  }
}

TEST_CASE("ticker view: extra times matched within the tolerance, the rest counted",
          "[ticker_view]") {
  // 15 min tolerance for 5-minute bars (max(2 x 5 min, 15 min)).
  const std::vector<int64_t> extra = {
      utc("2024-03-06T14:40:00Z"),  // a bar exactly (09:40 New York)
      utc("2024-03-06T14:52:00Z"),  // 2 min after the 09:50 bar
      utc("2024-03-06T23:00:00Z"),  // the night: 3 h after the last bar of the day
  };
  const vixray::TickerView view = vixray::ticker_view(us_models(), csv(), "AAPL.csv", extra);
  std::vector<vixray::TickerMarker> extras;
  for (const auto& m : view.markers)
    if (!m.flagged) extras.push_back(m);
  REQUIRE(extras.size() == 2);
  CHECK(extras[0].bar == 2);
  CHECK(extras[1].bar == 4);
  CHECK(extras[1].time == extra[1]);
  CHECK(view.unmatched == 1);
  CHECK(vixray::parse_anomaly_times({"2024-03-06T14:40:00Z", "2024-03-06"},
                                    vixray::PosixTz::parse("UTC0"), "extra") ==
        std::vector<int64_t>{extra[0], utc("2024-03-06T00:00:00Z")});
  CHECK_THROWS_WITH(
      vixray::parse_anomaly_times({"yesterday"}, vixray::PosixTz::parse("UTC0"), "extra"),
      Catch::Contains("extra[0]") && Catch::Contains("yesterday"));
}

TEST_CASE("ticker view: TreeSHAP of a bar adds up to its path shortening", "[ticker_view]") {
  const vixray::TickerView view = vixray::ticker_view(us_models(), csv(), "AAPL.csv");
  const int64_t bar = view.markers.front().bar;
  const nlohmann::json e = vixray::explain_ticker_bar(us_models()[0], view, bar);
  CHECK(e["available"] == true);
  CHECK(e["flagged"] == true);
  REQUIRE(e["features"].size() == 14);
  double sum = 0.0;
  for (const auto& f : e["features"]) sum += f["value"].get<double>();
  const double expected = e["expected_value"].get<double>() - e["path_length"].get<double>();
  CHECK(std::fabs(sum - expected) < 1e-9);
  CHECK(std::fabs(e["features"][0]["value"].get<double>()) >=
        std::fabs(e["features"][13]["value"].get<double>()));
  // The first bar is in warm-up: nothing to explain; an index outside the file is an error.
  CHECK(vixray::explain_ticker_bar(us_models()[0], view, 0)["available"] == false);
  CHECK_THROWS_WITH(vixray::explain_ticker_bar(us_models()[0], view, 468),
                    Catch::Contains("outside [0, 468)"));
}
