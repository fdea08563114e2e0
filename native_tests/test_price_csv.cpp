// Market CSV readers: each format from inline text, each documented policy, the error messages,
// and the real 1990-2018 VIX and S&P 500 files with their known quirks (testdata/README.md).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "cli_helpers.hpp"
#include "test_dates.hpp"
#include "vixray/base/error.hpp"
#include "vixray/base/rng.hpp"
#include "vixray/data/price_csv.hpp"

using vixray::Day;
using vixray::parse_price_csv;
using vixray::PriceFormat;

using vixray::test::read_testdata;

using vixray::test::day_of;

namespace {

// The message of the vixray::Error thrown by parsing `text`, or "" if none is thrown.
std::string error_of(const std::string& text, const std::string& source = "t.csv") {
  try {
    parse_price_csv(text, source);
  } catch (const vixray::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("CBOE format: ISO and US dates, CRLF, BOM, quotes, trailing blank lines", "[csv]") {
  const std::string text =
      "\xEF\xBB\xBF"
      "DATE,OPEN,HIGH,LOW,CLOSE\r\n"
      "01/02/2019,19.32,\"19.49\",18.92,23.22\r\n"  // close above high: see below
      "";
  // Close outside [low, high] is an error (the close is the field every feature trusts).
  CHECK_THAT(error_of(text), Catch::Contains("t.csv:2: column 5 (\"CLOSE\"): expected the close "
                                             "within [low, high] = [18.92, 19.49], got 23.22"));

  const std::string good =
      "\xEF\xBB\xBF"
      "DATE,OPEN,HIGH,LOW,CLOSE\r\n"
      "01/02/2019,19.32,\"19.49\",18.92,19.22\r\n"
      "2019-01-03,20.5,21.1,19.8,20.0\r\n"
      "\r\n\r\n";
  const auto p = parse_price_csv(good, "vix.csv");
  CHECK(p.report.format == PriceFormat::kCboe);
  CHECK(vixray::format_name(p.report.format) == "cboe");
  REQUIRE(p.series.size() == 2);
  CHECK(p.series.dates[0] == day_of("2019-01-02"));
  CHECK(p.series.dates[1] == day_of("2019-01-03"));
  CHECK(p.series.high[0] == 19.49);
  CHECK(p.series.close[1] == 20.0);
  CHECK(std::isnan(p.series.volume[0]));     // CBOE has no volume
  CHECK(std::isnan(p.series.adj_close[1]));  // nor an adjusted close
  CHECK(p.report.warnings.empty());
  CHECK(p.report.data_lines == 2);
  CHECK(p.report.rows == 2);
  CHECK(p.report.first == day_of("2019-01-02"));
  CHECK(p.report.last == day_of("2019-01-03"));
}

TEST_CASE("CBOE's newer casing, VIX-prefixed names, extra trailing columns, preamble", "[csv]") {
  const auto newer = parse_price_csv(
      "Date,Open,High,Low,Close,Note\n2020-03-16,74.0,83.56,70.37,82.69,record close\n", "n.csv");
  CHECK(newer.report.format == PriceFormat::kCboe);
  CHECK(newer.series.close[0] == 82.69);

  // The old CBOE vixcurrent.csv had a disclaimer line before "Date,VIX Open,...".
  const auto old = parse_price_csv(
      "VIX methodology was updated in 2003\nDate,VIX Open,VIX High,VIX Low,VIX Close\n"
      "1/2/2004,17.96,18.68,17.54,18.22\n",
      "old.csv");
  CHECK(old.report.format == PriceFormat::kCboe);
  CHECK(old.report.count("preamble_skipped") == 1);
  CHECK(old.series.open[0] == 17.96);
  CHECK(old.series.dates[0] == day_of("2004-01-02"));
}

TEST_CASE("Yahoo format: adjusted close and volume, null rows dropped and counted", "[csv]") {
  const auto p = parse_price_csv(
      "Date,Open,High,Low,Close,Adj Close,Volume\n"
      "1990-01-02,353.3999938964844,359.69000244140625,351.9800109863281,359.69000244140625,"
      "359.69000244140625,162070000\n"
      "1990-01-03,null,null,null,null,null,null\n"
      "1990-01-04,358.760009765625,358.760009765625,352.8900146484375,355.6700134277344,"
      "355.6700134277344,177000000\n",
      "spx.csv");
  CHECK(p.report.format == PriceFormat::kYahoo);
  REQUIRE(p.series.size() == 2);
  CHECK(p.report.data_lines == 3);
  CHECK(p.report.count("missing_close") == 1);
  CHECK(p.report.warnings[0].examples == std::vector<std::string>{"spx.csv:3"});
  // Float32 noise is kept as written.
  CHECK(p.series.close[0] == 359.69000244140625);
  CHECK(p.series.adj_close[1] == 355.6700134277344);
  CHECK(p.series.volume[1] == 177000000.0);

  // yfinance writes a time and zone after the date; the date part is the trading day.
  const auto y = parse_price_csv(
      "Date,Open,High,Low,Close,Adj Close,Volume\n"
      "2020-01-02 00:00:00-05:00,3244.67,3258.14,3235.53,3257.85,3257.85,3459930000\n",
      "yf.csv");
  CHECK(y.series.dates[0] == day_of("2020-01-02"));
  CHECK_THAT(error_of("Date,Close\n2020-01-02X00,1\n"),
             Catch::Contains("column 1 (\"Date\"): expected a date"));
}

TEST_CASE("Stooq formats: short Date..Volume and the long <TICKER> form", "[csv]") {
  const auto s = parse_price_csv(
      "Date,Open,High,Low,Close,Volume\n2024-01-02,100,110,95,105,1200\n2024-01-03,105,106,"
      "101,102,900\n",
      "aapl.csv");
  CHECK(s.report.format == PriceFormat::kStooq);
  CHECK(s.series.volume[0] == 1200.0);
  CHECK(std::isnan(s.series.adj_close[0]));

  const auto l = parse_price_csv(
      "<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\n"
      "AAPL.US,D,20240102,000000,100,110,95,105,1200,0\n"
      "AAPL.US,D,20240103,000000,105,106,101,102,900,0\n",
      "aapl_long.csv");
  CHECK(l.report.format == PriceFormat::kStooqLong);
  REQUIRE(l.series.size() == 2);
  CHECK(l.series.dates[1] == day_of("2024-01-03"));
  CHECK(l.series.low[1] == 101.0);
  CHECK(l.series.volume[0] == 1200.0);

  CHECK_THAT(error_of("<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\n"
                      "AAPL.US,5,20240102,093000,100,110,95,105,1200,0\n"),
             Catch::Contains("t.csv:2: column 2 (\"<PER>\"): expected daily data (D), got \"5\""));
  CHECK_THAT(error_of("<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\n"
                      "AAPL.US,D,20240102,0,100,110,95,105,1200,0\n"
                      "MSFT.US,D,20240103,0,100,110,95,105,1200,0\n"),
             Catch::Contains("t.csv:3: column 1 (\"<TICKER>\"): expected one ticker per file"));
  CHECK_THAT(error_of("<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\n"
                      "AAPL.US,D,2024-01-02,0,100,110,95,105,1200,0\n"),
             Catch::Contains("column 3 (\"<DATE>\"): expected a date YYYYMMDD"));
}

TEST_CASE("generic date,value: any header names, value is the close, FRED '.' is missing",
          "[csv]") {
  const auto p = parse_price_csv(
      "observation_date,VIXCLS\n2020-01-02,12.47\n2020-01-03,.\n"
      "2020-01-06,13.85\n",
      "fred.csv");
  CHECK(p.report.format == PriceFormat::kDateValue);
  REQUIRE(p.series.size() == 2);
  CHECK(p.series.close[1] == 13.85);
  CHECK(std::isnan(p.series.open[0]));
  CHECK(p.report.count("missing_close") == 1);
  CHECK(p.report.count("close_only") == 0);  // a date,value file is close-only by design

  const auto q = parse_price_csv("day,level\n3/9/2020,54.46\n", "q.csv");
  CHECK(q.report.format == PriceFormat::kDateValue);
  CHECK(q.series.dates[0] == day_of("2020-03-09"));
}

TEST_CASE("policy: a missing open/high/low/volume keeps the row with NaN", "[csv]") {
  const auto p = parse_price_csv(
      "Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,,10,9,9.5,9.5,\n", "m.csv");
  CHECK(p.report.count("missing_field") == 1);
  CHECK(std::isnan(p.series.open[0]));
  CHECK(std::isnan(p.series.volume[0]));
  CHECK(p.series.close[0] == 9.5);
}

TEST_CASE("policy: close-only rows and opens outside (low, high) become NaN, counted", "[csv]") {
  const auto p = parse_price_csv(
      "DATE,OPEN,HIGH,LOW,CLOSE\n"
      "1990-01-02,17.24,17.24,17.24,17.24\n"  // close only (VIX 1990-1991)
      "1992-02-11,19.24,18.57,17.61,17.70\n"  // real VIX row: open 19.24 above high 18.57
      "1992-02-12,17.50,18.00,17.00,17.60\n",
      "vix.csv");
  REQUIRE(p.series.size() == 3);
  CHECK(p.report.count("close_only") == 1);
  CHECK(p.report.count("open_outside_range") == 1);
  CHECK(std::isnan(p.series.open[0]));
  CHECK(std::isnan(p.series.high[0]));
  CHECK(std::isnan(p.series.low[0]));
  CHECK(p.series.close[0] == 17.24);
  CHECK(std::isnan(p.series.open[1]));
  CHECK(p.series.high[1] == 18.57);  // the rest of the row is kept
  CHECK(p.series.open[2] == 17.50);
  CHECK(p.report.warnings[0].examples == std::vector<std::string>{"vix.csv:2"});
  CHECK(p.report.warnings[1].examples == std::vector<std::string>{"vix.csv:3"});
}

TEST_CASE("policy: duplicate dates (identical dropped, conflicting refused)", "[csv]") {
  const auto p = parse_price_csv(
      "date,close\n2020-01-02,10\n2020-01-03,11\n2020-01-03,11\n2020-01-06,12\n", "d.csv");
  REQUIRE(p.series.size() == 3);
  CHECK(p.report.count("duplicate_identical") == 1);
  CHECK(p.report.warnings[0].examples == std::vector<std::string>{"d.csv:4"});
  CHECK(error_of("date,close\n2020-01-02,10\n2020-01-03,11\n2020-01-03,11.5\n") ==
        "t.csv:4: date 2020-01-03 repeats line 3 with different values; expected one row per "
        "date");
}

TEST_CASE("policy: newest-first files are reversed, other disorder is refused", "[csv]") {
  const auto p = parse_price_csv(
      "Date,Close\n2020-01-06,12\n2020-01-03,11\n2020-01-03,11\n2020-01-02,10\n", "desc.csv");
  REQUIRE(p.series.size() == 3);
  CHECK(p.series.dates[0] == day_of("2020-01-02"));
  CHECK(p.series.close[2] == 12.0);
  CHECK(p.report.count("descending_order") == 1);
  CHECK(p.report.count("duplicate_identical") == 1);
  // The later line of the pair in the file is the one dropped.
  CHECK(p.report.warnings[1].examples == std::vector<std::string>{"desc.csv:4"});

  CHECK(error_of("date,close\n2020-01-02,10\n2020-01-06,12\n2020-01-03,11\n") ==
        "t.csv:4: date 2020-01-03 comes after 2020-01-06 on line 3; expected dates in ascending "
        "order (or a whole file newest first)");
}

TEST_CASE("policy: non-positive prices, negative volume and high < low are errors", "[csv]") {
  CHECK(error_of("DATE,OPEN,HIGH,LOW,CLOSE\n2020-01-02,10,11,9,0\n") ==
        "t.csv:2: column 5 (\"CLOSE\"): expected a positive price, got \"0\"");
  CHECK(error_of("date,value\n2020-01-02,-3.5\n") ==
        "t.csv:2: column 2 (\"value\"): expected a positive price, got \"-3.5\"");
  CHECK(error_of("Date,Open,High,Low,Close,Volume\n2020-01-02,10,11,9,10,-5\n") ==
        "t.csv:2: column 6 (\"Volume\"): expected a volume >= 0, got \"-5\"");
  CHECK(error_of("DATE,OPEN,HIGH,LOW,CLOSE\n2020-01-02,10,9,11,10\n") ==
        "t.csv:2: column 3 (\"HIGH\"): expected high >= low, got high 9 < low 11");
}

TEST_CASE("rejections name file, line, column and what was expected", "[csv]") {
  CHECK(error_of("DATE,OPEN,HIGH,LOW,CLOSE\n2020-01-02,10,11,9,10\n2020-01-03,abc,11,9,10\n",
                 "vix.csv") == "vix.csv:3: column 2 (\"OPEN\"): expected a number, got \"abc\"");
  CHECK(error_of("DATE,OPEN,HIGH,LOW,CLOSE\n2019-02-30,10,11,9,10\n") ==
        "t.csv:2: column 1 (\"DATE\"): expected a date YYYY-MM-DD or MM/DD/YYYY, got "
        "\"2019-02-30\"");
  CHECK(error_of("DATE,OPEN,HIGH,LOW,CLOSE\n2020-01-02,10,11,9\n") ==
        "t.csv:2: expected 5 fields (as in the header), got 4");
  CHECK(error_of("DATE,OPEN,HIGH,LOW,CLOSE\n2020-01-02,10,11,9,10,7\n") ==
        "t.csv:2: column 6: expected 5 fields (as in the header), got 6");
  // A trailing comma (empty extra field) is tolerated.
  CHECK(error_of("DATE,OPEN,HIGH,LOW,CLOSE\n2020-01-02,10,11,9,10,\n").empty());
  CHECK(error_of("DATE,OPEN,HIGH,LOW,CLOSE\n2020-01-02,10,11,9,10\n\n2020-01-03,10,11,9,10\n") ==
        "t.csv:3: blank line inside the data; expected one record per line");
  CHECK(error_of("DATE,OPEN,HIGH,LOW,CLOSE\n2020-01-02,\"10,11,9,10\n") ==
        "t.csv:2: column 2: unterminated quoted field");
  CHECK_THAT(error_of("DATE,OPEN,HIGH,CLOSE\n2020-01-02,10,11,10\n"),
             Catch::StartsWith("t.csv:1: header \"DATE,OPEN,HIGH,CLOSE\" has no column for low; "
                               "expected a header of one of: DATE,OPEN,HIGH,LOW,CLOSE (CBOE)"));
  CHECK_THAT(error_of("Date,Open,High,Low,Close,Close\n"),
             Catch::StartsWith("t.csv:1: column 6 (\"Close\"): the header names this field "
                               "twice (also column 5)"));
  CHECK_THAT(error_of(""), Catch::StartsWith("t.csv: empty file; expected a header"));
  CHECK(error_of("DATE,OPEN,HIGH,LOW,CLOSE\n\n") == "t.csv:1: no data rows after the header");
  CHECK(error_of("Date,Close\n2020-01-02,null\n") ==
        "t.csv: no usable rows (1 data lines, every close missing)");
}

TEST_CASE("real VIX 1990-2018 (CBOE, CRLF): rows, close-only years, bad opens, max", "[csv]") {
  const std::string text = read_testdata("real/vix_daily_1990_2018.csv");
  REQUIRE(text.find("\r\n") != std::string::npos);  // the file really has CRLF line ends
  const auto p = parse_price_csv(text, "vix_daily_1990_2018.csv");
  const auto& s = p.series;
  CHECK(p.report.format == PriceFormat::kCboe);
  CHECK(p.report.rows == 7304);
  CHECK(p.report.first == day_of("1990-01-02"));
  CHECK(p.report.last == day_of("2018-12-31"));
  // Close-only rows: every trading day of 1990-1991 (253 + 252, counted with awk on the file)
  // plus 2004-06-11.
  CHECK(p.report.count("close_only") == 506);
  const Day end_1991 = day_of("1991-12-31"), reagan_funeral = day_of("2004-06-11");
  int64_t close_only_1990_1991 = 0;
  for (int64_t i = 0; i < s.size(); ++i) {
    const auto k = static_cast<size_t>(i);
    if (s.dates[k] > end_1991) break;
    close_only_1990_1991 += std::isnan(s.open[k]) && std::isnan(s.high[k]) && std::isnan(s.low[k]);
  }
  CHECK(close_only_1990_1991 == 505);
  // 47 opens outside [low, high], 1992-2006 (data README), set to NaN.
  CHECK(p.report.count("open_outside_range") == 47);
  CHECK(p.report.warnings.size() == 2);
  int64_t nan_opens_after_1991 = 0;
  double max_close = 0.0;
  Day max_day = 0;
  for (size_t k = 0; k < s.dates.size(); ++k) {
    if (s.dates[k] > end_1991 && s.dates[k] != reagan_funeral)
      nan_opens_after_1991 += std::isnan(s.open[k]);
    if (s.close[k] > max_close) {
      max_close = s.close[k];
      max_day = s.dates[k];
    }
  }
  CHECK(nan_opens_after_1991 == 47);
  CHECK(max_close == 80.86);
  CHECK(vixray::format_iso(max_day) == "2008-11-20");
}

TEST_CASE("real S&P 500 1990-2018 (Yahoo, LF, float32 noise): rows, no repairs", "[csv]") {
  const std::string text = read_testdata("real/spx_daily_1990_2018.csv");
  const auto p = parse_price_csv(text, "spx_daily_1990_2018.csv");
  CHECK(p.report.format == PriceFormat::kYahoo);
  CHECK(p.report.rows == 7307);
  CHECK(p.report.warnings.empty());
  CHECK(p.series.close[0] == 359.69000244140625);  // first row, as written
  CHECK(p.series.volume[0] == 162070000.0);
  CHECK(p.report.to_json()["format"] == "yahoo");
  CHECK(p.report.to_json()["last"] == "2018-12-31");
}

TEST_CASE("prices parse bit-identically to strtod (exact fast path for short decimals)", "[csv]") {
  // Random plain decimals of 1..17 digits with the point anywhere: the reader's fast path (up to
  // 15 digits) and its fallback must both agree with strtod exactly.
  vixray::Rng rng(20240611);
  std::string csv = "date,value\n";
  std::vector<std::string> texts;
  vixray::Day day = day_of("2000-01-03");
  for (int i = 0; i < 3000; ++i) {
    const auto digits = static_cast<int>(1 + rng.below(17));
    std::string t;
    for (int d = 0; d < digits; ++d) t.push_back(static_cast<char>('0' + rng.below(10)));
    if (t.find_first_not_of('0') == std::string::npos) t.back() = '7';  // positive
    t.insert(rng.below(static_cast<uint64_t>(digits) + 1), ".");
    if (t == ".") t = "1.";
    texts.push_back(t);
    csv += vixray::format_iso(day++) + "," + t + "\n";
  }
  const auto p = parse_price_csv(csv, "random.csv");
  REQUIRE(p.series.size() == 3000);
  int64_t mismatches = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    const double expected = std::strtod(texts[i].c_str(), nullptr);
    mismatches += std::memcmp(&expected, &p.series.close[i], sizeof expected) != 0;
  }
  CHECK(mismatches == 0);
}
