// Calendar alignment: the primary's trading days define the Frame; other series are dropped,
// filled or left NaN by the documented policy; gaps are reported; the real 1990-2018 files.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "cli_helpers.hpp"
#include "test_dates.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/align.hpp"
#include "vixray/data/price_csv.hpp"

using vixray::align_market;
using vixray::AlignOptions;
using vixray::Day;
using vixray::NamedSeries;
using vixray::PriceSeries;

using vixray::test::read_testdata;

using vixray::test::day_of;

namespace {

PriceSeries series_of(const std::string& csv) { return vixray::parse_price_csv(csv, "x").series; }

std::string error_of(const NamedSeries& primary, const std::vector<NamedSeries>& others,
                     const AlignOptions& options = {}) {
  try {
    align_market(primary, others, options);
  } catch (const vixray::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("align: primary days define rows, drops, fills, cap, before start, after end",
          "[align]") {
  // Primary: 8 weekdays Mon 2020-01-06 .. Fri 2020-01-17 minus Wed 01-08 and Thu 01-09.
  const PriceSeries spx = series_of(
      "Date,Open,High,Low,Close,Adj Close,Volume\n"
      "2020-01-06,10,14,9,10,10,100\n2020-01-07,10,14,9,10.5,10.5,100\n"
      "2020-01-10,10,14,9,11,11,100\n2020-01-13,10,14,9,11.5,11.5,100\n"
      "2020-01-14,10,14,9,12,12,100\n2020-01-15,10,14,9,12.5,12.5,100\n"
      "2020-01-16,10,14,9,13,13,100\n2020-01-17,10,14,9,13.5,13.5,100\n");
  // Other: starts 01-07, a row on 01-08 (primary closed), missing 01-10, 01-13, 01-14
  // (3 consecutive primary days), a row on 01-15, ends 01-15.
  const PriceSeries vix = series_of(
      "DATE,OPEN,HIGH,LOW,CLOSE\n"
      "2020-01-07,20,22,19,21\n2020-01-08,21,23,20,22\n2020-01-15,25,27,24,26\n");
  AlignOptions options;
  options.max_fill_days = 2;
  const auto a = align_market({"spx", &spx}, {{"vix", &vix}}, options);
  const auto& f = a.frame;
  REQUIRE(f.rows() == 8);
  CHECK(f.dates() == spx.dates);
  CHECK(f.names() == std::vector<std::string>{"spx.open", "spx.high", "spx.low", "spx.close",
                                              "spx.adj_close", "spx.volume", "vix.open", "vix.high",
                                              "vix.low", "vix.close"});
  const auto& close = f.column("vix.close");
  const auto& open = f.column("vix.open");
  CHECK(std::isnan(close[0]));  // 01-06: before the series starts
  CHECK(close[1] == 21.0);      // 01-07: matched
  // 01-10 and 01-13: carried from 01-07 (the 01-08 row was on a day the primary was closed,
  // and is dropped, not used); 01-14: third missing day, over the cap of 2: NaN.
  CHECK(close[2] == 21.0);
  CHECK(close[3] == 21.0);
  CHECK(std::isnan(open[2]));
  CHECK(std::isnan(close[4]));
  CHECK(close[5] == 26.0);      // 01-15: matched
  CHECK(std::isnan(close[6]));  // 01-16, 01-17: after the series ends
  CHECK(std::isnan(close[7]));
  const auto& r = a.report.of("vix");
  CHECK(r.input_rows == 3);
  CHECK(r.matched == 2);
  CHECK(r.dropped == 1);
  CHECK(r.dropped_examples == std::vector<std::string>{"2020-01-08"});
  CHECK(r.filled == 2);
  CHECK(r.filled_examples == std::vector<std::string>{"2020-01-10", "2020-01-13"});
  CHECK(r.unfilled == 1);
  CHECK(r.unfilled_examples == std::vector<std::string>{"2020-01-14"});
  CHECK(r.before_start == 1);
  CHECK(r.after_end == 2);
  CHECK(r.matched + r.filled + r.unfilled + r.before_start + r.after_end == 8);
  CHECK(a.report.of("spx").matched == 8);
  CHECK(a.report.gaps.empty());  // longest step: Tue 01-07 -> Fri 01-10 = 3 days
  CHECK_THROWS_WITH(a.report.of("skew"), "align report: no series \"skew\" (series: spx, vix)");
}

TEST_CASE("align: a date,value series gives only <series>.close, gaps over 5 days", "[align]") {
  const PriceSeries spx = series_of(
      "date,close\n2001-09-07,1085.78\n2001-09-10,1092.54\n2001-09-17,1038.77\n"
      "2001-09-18,1032.74\n");
  const PriceSeries skew = series_of("date,value\n2001-09-10,120\n2001-09-18,125\n");
  const auto a = align_market({"spx", &spx}, {{"skew", &skew}});
  CHECK(a.frame.names() == std::vector<std::string>{"spx.close", "skew.close"});
  REQUIRE(a.report.gaps.size() == 1);
  CHECK(a.report.gaps[0].from == day_of("2001-09-10"));
  CHECK(a.report.gaps[0].to == day_of("2001-09-17"));
  CHECK(a.report.gaps[0].days == 7);
  CHECK(a.frame.column("skew.close")[2] == 120.0);  // carried over one missing day
  const auto j = a.report.to_json();
  CHECK(j["gaps"][0]["from"] == "2001-09-10");
  CHECK(j["gaps"][0]["days"] == 7);
  CHECK(j["series"][1]["name"] == "skew");
  CHECK(j["series"][1]["filled"] == 1);
  CHECK(j["series"][1]["before_start"] == 1);
  CHECK(j["rows"] == 4);
  CHECK(j["primary"] == "spx");
}

TEST_CASE("align: bad names, repeated series, malformed series are refused", "[align]") {
  const PriceSeries spx = series_of("date,close\n2020-01-02,10\n");
  CHECK(error_of({"sp500", &spx}, {}) ==
        "align: series name \"sp500\": expected one of vix, spx, vix9d, vix3m, vvix, skew, "
        "ticker");
  CHECK(error_of({"spx", &spx}, {{"spx", &spx}}) == "align: series \"spx\" given twice");
  CHECK(error_of({"spx", nullptr}, {}) == "align: series \"spx\" has no data");
  PriceSeries bad = spx;
  bad.volume.clear();
  CHECK(error_of({"spx", &spx}, {{"vix", &bad}}) ==
        "align: series \"vix\" field volume: expected 1 values (one per date), got 0");
  PriceSeries empty;
  CHECK(error_of({"ticker", &empty}, {}) == "align: the primary series \"ticker\" has no rows");
  AlignOptions negative;
  negative.max_fill_days = -1;
  CHECK_THAT(error_of({"spx", &spx}, {}, negative), Catch::Contains("must not be negative"));
}

TEST_CASE("align: real VIX on real S&P 500 1990-2018", "[align]") {
  const std::string vix_text = read_testdata("real/vix_daily_1990_2018.csv");
  const std::string spx_text = read_testdata("real/spx_daily_1990_2018.csv");
  const auto vix = vixray::parse_price_csv(vix_text, "vix.csv");
  const auto spx = vixray::parse_price_csv(spx_text, "spx.csv");
  const auto a = align_market({"spx", &spx.series}, {{"vix", &vix.series}});
  CHECK(a.frame.rows() == 7307);
  const auto& r = a.report.of("vix");
  CHECK(r.input_rows == 7304);
  CHECK(r.matched == 7303);
  // The four days the S&P traded without a VIX row (data README), carried forward.
  CHECK(r.filled == 4);
  CHECK(r.filled_examples ==
        std::vector<std::string>{"1991-03-01", "1997-01-31", "1997-11-26", "1999-12-31"});
  CHECK(r.unfilled == 0);
  // The VIX has a row on 2004-06-11, when the NYSE closed for President Reagan's funeral.
  CHECK(r.dropped == 1);
  CHECK(r.dropped_examples == std::vector<std::string>{"2004-06-11"});
  REQUIRE(a.report.gaps.size() == 1);
  CHECK(vixray::format_iso(a.report.gaps[0].from) == "2001-09-10");
  CHECK(vixray::format_iso(a.report.gaps[0].to) == "2001-09-17");

  const auto& dates = a.frame.dates();
  const auto& close = a.frame.column("vix.close");
  const auto& open = a.frame.column("vix.open");
  const Day filled_day = day_of("1997-01-31"), max_day = day_of("2008-11-20");
  int64_t nan_opens = 0;
  for (size_t i = 0; i < dates.size(); ++i) {
    REQUIRE(!std::isnan(close[i]));
    nan_opens += std::isnan(open[i]);
    if (dates[i] == filled_day) CHECK(close[i] == close[i - 1]);
    if (dates[i] == max_day) CHECK(close[i] == 80.86);
  }
  // 505 close-only days of 1990-1991 + 47 repaired opens + 4 filled days (2004-06-11 dropped).
  CHECK(nan_opens == 505 + 47 + 4);
}

namespace {

// Runs a command, returns its stdout and exit status (stderr folded in with 2>&1).
std::string run(const std::string& command, int& status) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  const int raw = pclose(pipe);
  status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return out;
}

}  // namespace

TEST_CASE("vixray data inspect: JSON reports for the real files, one-line errors", "[align][cli]") {
  const std::string dir = VIXRAY_TESTDATA_DIR "/real/";
  int status = -1;
  const std::string out =
      run(std::string(VIXRAY_CLI_PATH) + " data inspect --spx " + dir +
              "spx_daily_1990_2018.csv --vix " + dir + "vix_daily_1990_2018.csv --json",
          status);
  REQUIRE(status == 0);
  const auto j = nlohmann::json::parse(out);
  CHECK(j["reads"]["vix"]["format"] == "cboe");
  CHECK(j["reads"]["spx"]["rows"] == 7307);
  CHECK(j["alignment"]["rows"] == 7307);
  CHECK(j["alignment"]["series"][1]["filled"] == 4);
  CHECK(j["alignment"]["gaps"].size() == 1);

  const std::string error =
      run(std::string(VIXRAY_CLI_PATH) + " data inspect --spx " + dir + "no_such_file.csv", status);
  CHECK(status == 1);
  CHECK_THAT(error, Catch::StartsWith("vixray: error: " + dir + "no_such_file.csv: cannot open"));
}
