// The bar CSV reader (bars.hpp): each download format as it is written (yfinance's header rows,
// Yahoo daily and intraday with offsets switching at daylight saving, Stooq short and long, an
// index column, generic timestamps with Z and none mixed), the policies and the error messages.
// Expected instants are the published wall times converted by hand: New York is UTC-5 in
// winter (EST) and UTC-4 from 2024-03-10 to 2024-11-03 (EDT).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/bars.hpp"
#include "vixray/data/dates.hpp"
#include "vixray/data/market_hours.hpp"
#include "vixray/data/price_csv.hpp"

using vixray::BarCsvOptions;
using vixray::parse_bars_csv;
using vixray::ParsedBars;
using vixray::PosixTz;

namespace {

int64_t bars_utc(int32_t y, int32_t mo, int32_t d, int32_t h, int32_t mi) {
  return static_cast<int64_t>(vixray::days_from_civil(y, mo, d)) * 86400 + h * 3600 + mi * 60;
}

std::string bars_error_of(const std::string& text, const BarCsvOptions& options = {}) {
  try {
    parse_bars_csv(text, "b.csv", options);
  } catch (const vixray::Error& e) {
    return e.what();
  }
  return "";
}

BarCsvOptions new_york() {
  BarCsvOptions o;
  o.tz = PosixTz::parse("EST5EDT,M3.2.0,M11.1.0");
  return o;
}

}  // namespace

TEST_CASE("bars: yfinance's three header rows with Datetime and +00:00", "[bars]") {
  const ParsedBars p = parse_bars_csv(
      "Price,Close,High,Low,Open,Volume\n"
      "Ticker,AAPL,AAPL,AAPL,AAPL,AAPL\n"
      "Datetime,,,,,\n"
      "2024-03-08 14:30:00+00:00,170.5,171.0,169.8,170.0,1200000\n"
      "2024-03-08 14:35:00+00:00,170.9,171.2,170.3,170.5,800000\n"
      "2024-03-08 14:40:00+00:00,170.7,171.0,170.4,170.9,650000\n",
      "aapl.csv");
  CHECK(p.format == "yfinance");
  CHECK(p.bars.ticker == "AAPL");
  CHECK_FALSE(p.bars.daily);
  REQUIRE(p.bars.size() == 3);
  CHECK(p.bars.time[0] == bars_utc(2024, 3, 8, 14, 30));
  CHECK(p.bars.time[2] == bars_utc(2024, 3, 8, 14, 40));
  CHECK(p.bars.open[0] == 170.0);
  CHECK(p.bars.close[0] == 170.5);
  CHECK(p.bars.volume[1] == 800000.0);
  CHECK(p.offsets_seen == 1);
  CHECK(p.report.rows == 3);
  CHECK(p.report.data_lines == 3);
}

TEST_CASE("bars: yfinance's index-less variant (dates from line 3), daily", "[bars]") {
  const ParsedBars p = parse_bars_csv(
      "Price,Adj Close,Close,High,Low,Open,Volume\n"
      "Ticker,7203.T,7203.T,7203.T,7203.T,7203.T,7203.T\n"
      "2024-03-07,3650,3650,3690,3620,3680,21000000\n"
      "2024-03-08,3700,3700,3720,3640,3660,25000000\n",
      "7203.T.csv");
  CHECK(p.format == "yfinance");
  CHECK(p.bars.ticker == "7203.T");
  CHECK(p.bars.daily);
  REQUIRE(p.bars.size() == 2);
  CHECK(p.bars.time[1] == bars_utc(2024, 3, 8, 0, 0));
  CHECK(p.bars.high[1] == 3720.0);
  CHECK(bars_error_of("Price,Close,High,Low,Open\nTicker,AAPL,AAPL,MSFT,AAPL\n"
                      "2024-03-08,1,1,1,1\n") ==
        "b.csv:2: column 4 (\"Low\"): expected one ticker per file (\"AAPL\"), got \"MSFT\"");
}

TEST_CASE("bars: Yahoo daily and intraday with offsets switching at daylight saving", "[bars]") {
  const ParsedBars daily = parse_bars_csv(
      "Date,Open,High,Low,Close,Adj Close,Volume\n"
      "2024-03-07,169.15,170.73,168.49,169.00,168.5,71765100\n"
      "2024-03-08,169.00,173.70,168.94,170.73,170.2,76114600\n",
      "AAPL.csv", BarCsvOptions{"AAPL", PosixTz::parse("UTC0"), 5});
  CHECK(daily.format == "yahoo");
  CHECK(daily.bars.daily);
  CHECK(daily.bars.ticker == "AAPL");
  CHECK(daily.bars.time[0] == bars_utc(2024, 3, 7, 0, 0));
  CHECK(daily.offsets_seen == 0);

  // Friday 2024-11-01 is EDT (-04:00), Monday 2024-11-04 EST (-05:00): both open at 09:30.
  const ParsedBars intraday = parse_bars_csv(
      "Datetime,Open,High,Low,Close,Adj Close,Volume\n"
      "2024-11-01 09:30:00-04:00,220.9,221.5,220.1,221.0,221.0,3000000\n"
      "2024-11-01 09:35:00-04:00,221.0,221.8,220.8,221.6,221.6,1500000\n"
      "2024-11-04 09:30:00-05:00,220.0,220.5,219.1,219.5,219.5,2800000\n"
      "2024-11-04 09:35:00-05:00,219.5,219.9,219.0,219.8,219.8,1200000\n",
      "AAPL_5m.csv");
  CHECK(intraday.format == "yahoo");
  CHECK_FALSE(intraday.bars.daily);
  CHECK(intraday.bars.time[0] == bars_utc(2024, 11, 1, 13, 30));
  CHECK(intraday.bars.time[2] == bars_utc(2024, 11, 4, 14, 30));
  CHECK(intraday.offsets_seen == 2);
  const nlohmann::json j = vixray::bars_report_json(intraday);
  CHECK(j["format"] == "yahoo");
  CHECK(j["first_bar"] == "2024-11-01T13:30:00Z");
  CHECK(j["last_bar"] == "2024-11-04T14:35:00Z");
  CHECK(j["offsets_seen"] == 2);
  CHECK(j["rows"] == 4);
}

TEST_CASE("bars: yfinance's older daily files (Date with local midnight) are daily", "[bars]") {
  const ParsedBars p = parse_bars_csv(
      "Date,Open,High,Low,Close,Volume\n"
      "2024-03-08 00:00:00-05:00,169.0,173.7,168.9,170.7,76114600\n"
      "2024-03-11 00:00:00-04:00,172.9,174.4,172.1,172.8,60139500\n",
      "b.csv");
  CHECK(p.bars.daily);
  CHECK(p.bars.time[1] == bars_utc(2024, 3, 11, 0, 0));
}

TEST_CASE("bars: Stooq short with a Time column, and the long form", "[bars]") {
  const ParsedBars shortform = parse_bars_csv(
      "Date,Time,Open,High,Low,Close,Volume\n"
      "2024-03-08,15:35:00,170,171,169.5,170.5,1000\n"
      "2024-03-08,15:40:00,170.5,171.5,170.2,171.2,900\n",
      "aapl_us.csv");
  CHECK(shortform.format == "stooq");
  CHECK(shortform.bars.time[0] == bars_utc(2024, 3, 8, 15, 35));
  const ParsedBars longform = parse_bars_csv(
      "<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\n"
      "AAPL.US,5,20240308,153500,170,171,169.5,170.5,1000,0\n"
      "AAPL.US,5,20240308,154000,170.5,171.5,170.2,171.2,900,0\n",
      "aapl_us.txt");
  CHECK(longform.format == "stooq_long");
  CHECK(longform.bars.ticker == "AAPL.US");
  CHECK_FALSE(longform.bars.daily);
  CHECK(longform.bars.time[1] == bars_utc(2024, 3, 8, 15, 40));
  CHECK(bars_error_of("<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>\n"
                      "AAPL.US,5,20240308,153500,170,171,169.5,170.5,1000\n"
                      "MSFT.US,5,20240308,154000,170,171,169.5,170.5,1000\n") ==
        "b.csv:3: column 1 (\"<TICKER>\"): expected one ticker per file (\"AAPL.US\" on line 2), "
        "got \"MSFT.US\"");
}

TEST_CASE("bars: a leading index column is skipped", "[bars]") {
  const ParsedBars p = parse_bars_csv(
      ",Datetime,Open,High,Low,Close,Volume\n"
      "0,2024-03-08 09:30:00-05:00,170,171,169.5,170.5,1000\n"
      "1,2024-03-08 09:35:00-05:00,170.5,171.5,170.2,171.2,900\n",
      "b.csv");
  CHECK(p.bars.time[0] == bars_utc(2024, 3, 8, 14, 30));
  CHECK(p.bars.open[1] == 170.5);
  CHECK(bars_error_of("Unnamed: 0,Datetime,Open,High,Low,Close,Volume\n"
                      "x,2024-03-08 09:30:00-05:00,170,171,169.5,170.5,1000\n") ==
        "b.csv:2: column 1 (\"Unnamed: 0\"): expected an integer index, got \"x\"");
}

TEST_CASE("bars: generic timestamps with Z, +0000 and none (local) mixed", "[bars]") {
  const ParsedBars p = parse_bars_csv(
      "timestamp,open,high,low,close,volume\n"
      "2024-03-08T14:30:00Z,170,171,169.5,170.5,1000\n"
      "2024-03-08 09:35,170.5,171.5,170.2,171.2,900\n"
      "2024-03-08T14:40:00+0000,171.2,171.6,171.0,171.4,800\n"
      "2024-03-08T09:45:00.000-05:00,171.4,171.8,171.1,171.5,700\n",
      "b.csv", new_york());
  CHECK(p.format == "generic");
  REQUIRE(p.bars.size() == 4);
  CHECK(p.bars.time[1] == bars_utc(2024, 3, 8, 14, 35));
  CHECK(p.bars.time[3] == bars_utc(2024, 3, 8, 14, 45));
  CHECK(p.offsets_seen == 2);  // +00:00 (Z, +0000) and -05:00
}

TEST_CASE("bars: timestamps parsed and formatted", "[bars]") {
  const PosixTz ny = PosixTz::parse("EST5EDT,M3.2.0,M11.1.0");
  int64_t t = 0;
  bool date_only = false;
  CHECK(vixray::parse_bar_time("2024-03-11 09:30", ny, t, date_only));
  CHECK(t == bars_utc(2024, 3, 11, 13, 30));  // EDT since 2024-03-10
  CHECK_FALSE(date_only);
  CHECK(vixray::parse_bar_time("2024-03-08 09:30:00+00:00", ny, t, date_only));
  CHECK(t == bars_utc(2024, 3, 8, 9, 30));
  CHECK(vixray::parse_bar_time("2024-03-08", ny, t, date_only));
  CHECK(date_only);
  CHECK(t == bars_utc(2024, 3, 8, 0, 0));
  CHECK(vixray::parse_bar_time("20240308 153500", ny, t, date_only));
  CHECK(t == bars_utc(2024, 3, 8, 20, 35));
  for (const char* bad : {"2024-03-08 24:00", "2024-02-30", "2024-03-08T09:30+5", "09:30",
                          "2024-03-08 09:30:00+25:00", "2024-03-08 9:30"})
    CHECK_FALSE(vixray::parse_bar_time(bad, ny, t, date_only));
  CHECK(vixray::format_bar_time(bars_utc(2024, 3, 8, 14, 30), false) == "2024-03-08T14:30:00Z");
  CHECK(vixray::format_bar_time(bars_utc(2024, 3, 8, 0, 0), true) == "2024-03-08");
  CHECK(vixray::format_local_time(bars_utc(2024, 3, 8, 14, 30), -5 * 3600, false) ==
        "2024-03-08 09:30");
  CHECK(vixray::format_local_time(bars_utc(2024, 3, 8, 0, 0), 9 * 3600, true) == "2024-03-08");
  CHECK(vixray::ticker_from_file_name("7203.T.csv") == "7203.T");
  CHECK(vixray::ticker_from_file_name("data/AAPL_5m.csv") == "AAPL_5m");
  CHECK(vixray::ticker_from_file_name("C:\\dl\\PTT.BK.CSV") == "PTT.BK");
  CHECK(vixray::ticker_from_file_name("7203.T") == "7203.T");
}

TEST_CASE("bars: order, duplicates and missing values", "[bars]") {
  const ParsedBars p = parse_bars_csv(
      "Date,Open,High,Low,Close,Volume\n"
      "2024-03-08,3,4,2,3.5,10\n"
      "2024-03-07,3,4,2,,10\n"
      "2024-03-06,3,4,2,3.5,\n"
      "2024-03-06,3,4,2,3.5,\n",
      "b.csv");
  REQUIRE(p.bars.size() == 2);
  CHECK(p.bars.time[0] == bars_utc(2024, 3, 6, 0, 0));
  CHECK(std::isnan(p.bars.volume[0]));
  CHECK(p.report.count("descending_order") == 1);
  CHECK(p.report.count("missing_close") == 1);
  CHECK(p.report.count("missing_field") == 2);
  CHECK(p.report.count("duplicate_identical") == 1);
  CHECK(bars_error_of("Date,Open,High,Low,Close\n2024-03-06,3,4,2,3\n2024-03-06,3,4,2,3.5\n") ==
        "b.csv:3: bar 2024-03-06 repeats line 2 with different values; expected one row per bar");
  CHECK(bars_error_of("Date,Open,High,Low,Close\n2024-03-06,3,4,2,3\n2024-03-08,3,4,2,3\n"
                      "2024-03-07,3,4,2,3\n") ==
        "b.csv:4: bar 2024-03-07 comes after 2024-03-08 on line 3; expected bars in ascending "
        "time order (or a whole file newest first)");
}

TEST_CASE("bars: errors name the file, line, column and value", "[bars]") {
  CHECK(bars_error_of("Datetime,Open,High,Low,Close\n2024-03-08 09:30,1,2,1,1.5\n"
                      "2024-03-08 25:00,1,2,1,1.5\n") ==
        "b.csv:3: column 1 (\"Datetime\"): expected a date YYYY-MM-DD or a date and time "
        "YYYY-MM-DD HH:MM[:SS] with Z, +hh:mm, +hhmm or no offset, got \"2024-03-08 25:00\"");
  CHECK(bars_error_of("Date,Time,Open,High,Low,Close\n2024-03-08,9h30,1,2,1,1.5\n") ==
        "b.csv:2: column 2 (\"Time\"): expected a time HH:MM[:SS] or HHMMSS, got \"9h30\"");
  CHECK(bars_error_of("Date,Open,High,Low,Close\n2024-03-08,1,2,-1,1.5\n") ==
        "b.csv:2: column 4 (\"Low\"): expected a positive price, got \"-1\"");
  CHECK(bars_error_of("Date,Open,High,Low,Close\n2024-03-08,1,2,3,1.5\n") ==
        "b.csv:2: column 3 (\"High\"): expected high >= low, got high 2 < low 3");
  CHECK(bars_error_of("Date,Open,High,Low,Close\n2024-03-08,5,2,1,1.5\n") ==
        "b.csv:2: column 2 (\"Open\"): expected the open within [low, high] = [1, 2], got 5");
  CHECK(bars_error_of("Date,Open,High,Low,Close,Volume\n2024-03-08,1,2,1,1.5,x\n") ==
        "b.csv:2: column 6 (\"Volume\"): expected a number, got \"x\"");
  CHECK(bars_error_of("Date,Open,High,Low,Close\n2024-03-08,1,2,1,1.5\n"
                      "2024-03-08 10:00,1,2,1,1.5\n") ==
        "b.csv:3: column 1 (\"Date\"): expected a date only like line 2, got \"2024-03-08 10:00\"");
  CHECK(bars_error_of("Date,Open,High,Close\n2024-03-08,1,2,1.5\n") ==
        "b.csv:1: header \"Date,Open,High,Close\" has no column for low; expected a header of "
        "one of: Date,Open,High,Low,Close,Adj Close,Volume or Datetime,Open,... (Yahoo); "
        "Price,Close,High,... / Ticker,... (yfinance); Date[,Time],Open,High,Low,Close,Volume "
        "or <TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,... (Stooq); or "
        "timestamp,open,high,low,close,volume");
  CHECK(bars_error_of("").rfind("b.csv: empty file;", 0) == 0);
  CHECK(bars_error_of("Date,Open,High,Low,Close\n") == "b.csv:1: no data rows after the header");
}

TEST_CASE("bars: the bars as a Frame of ticker columns", "[bars]") {
  const ParsedBars p = parse_bars_csv(
      "Date,Open,High,Low,Close,Volume\n2024-03-07,3,4,2,3.5,10\n2024-03-08,3,4,2,3.25,11\n",
      "b.csv", BarCsvOptions{"XYZ", PosixTz::parse("UTC0"), 5});
  const vixray::Frame f = vixray::bars_frame(p.bars);
  CHECK(f.rows() == 2);
  CHECK(f.dates()[1] == 1);
  CHECK(f.column("XYZ.close")[1] == 3.25);
  CHECK(f.column("XYZ.volume")[0] == 10.0);
}

TEST_CASE("bars: the real S&P 500 daily file (Yahoo) reads as the price reader reads it",
          "[bars]") {
  // testdata/README.md: Yahoo ^GSPC 1990-01-02 .. 2018-12-31, 7,307 rows. The NYSE was closed on
  // 2001-09-11..14 (the attacks) and 2012-10-29..30 (Hurricane Sandy): inferred holidays.
  const std::string text = vixray::test::read_testdata("real/spx_daily_1990_2018.csv");
  const ParsedBars p = parse_bars_csv(text, "spx.csv");
  const vixray::ParsedPrices daily = vixray::parse_price_csv(text, "spx.csv");
  CHECK(p.format == "yahoo");
  CHECK(p.bars.daily);
  REQUIRE(p.bars.size() == daily.series.size());
  CHECK(p.bars.size() == 7307);
  CHECK(p.bars.close == daily.series.close);
  CHECK(p.bars.time.back() / 86400 == daily.series.dates.back());
  const vixray::BarCheck c = vixray::check_bars(p.bars, vixray::default_market_hours("US"));
  std::vector<std::string> days;
  for (vixray::Day d : c.holidays) days.push_back(vixray::format_iso(d));
  for (const char* closed :
       {"2001-09-11", "2001-09-12", "2001-09-13", "2001-09-14", "2012-10-29", "2012-10-30"})
    CHECK(std::find(days.begin(), days.end(), closed) != days.end());
  CHECK(c.outside_session == 0);
}
