// CSV reading shared by every reader (the missing-value list), and numeric CSV tables: the accepted
// dialect (BOM, CRLF, RFC 4180 quotes, trailing blank lines) and rejections that name the source,
// the line and the column.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "vixray/analysis/feature_table.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/csv.hpp"
#include "vixray/data/frame_csv.hpp"
#include "vixray/data/numeric_table.hpp"
#include "vixray/data/price_csv.hpp"

using vixray::parse_numeric_table;

TEST_CASE("a plain table parses with its header", "[table]") {
  const auto t = parse_numeric_table("a,b,c\n1,2,3\n-4.5,1e3,0\n", "t.csv");
  REQUIRE(t.columns == std::vector<std::string>{"a", "b", "c"});
  REQUIRE(t.values.rows() == 2);
  REQUIRE(t.values.cols() == 3);
  CHECK(t.values(0, 2) == 3.0);
  CHECK(t.values(1, 0) == -4.5);
  CHECK(t.values(1, 1) == 1000.0);
  CHECK(t.column_index("b", "t.csv") == 1);
  CHECK_THROWS_WITH(t.column_index("z", "t.csv"), Catch::Contains("t.csv") &&
                                                      Catch::Contains("\"z\"") &&
                                                      Catch::Contains("a, b, c"));
  const auto without = t.without_column(1);
  CHECK(without.columns == std::vector<std::string>{"a", "c"});
  CHECK(without.values(1, 1) == 0.0);
}

TEST_CASE("a UTF-8 BOM and CRLF line ends are accepted", "[table]") {
  const auto t = parse_numeric_table("\xEF\xBB\xBFx,y\r\n1,2\r\n3,4\r\n", "bom.csv");
  CHECK(t.columns == std::vector<std::string>{"x", "y"});  // no BOM glued to "x"
  REQUIRE(t.values.rows() == 2);
  CHECK(t.values(1, 1) == 4.0);  // no '\r' glued to the last field
  // Without a final line end, too.
  CHECK(parse_numeric_table("x\r\n5", "s").values(0, 0) == 5.0);
}

TEST_CASE("quoted fields with escapes and commas and quoted numbers", "[table]") {
  const auto t = parse_numeric_table("\"a,b\",\"say \"\"hi\"\"\",c\n\"1.5\",2,\" 3 \"\n", "q.csv");
  CHECK(t.columns == std::vector<std::string>{"a,b", "say \"hi\"", "c"});
  CHECK(t.values(0, 0) == 1.5);
  CHECK(t.values(0, 2) == 3.0);
  const auto fields = vixray::split_csv_record("\"x,\"\"y\"\"\",,z", "r", 1);
  CHECK(fields == std::vector<std::string>{"x,\"y\"", "", "z"});
  CHECK_THROWS_WITH(
      vixray::split_csv_record("1,\"open", "r.csv", 7),
      Catch::Contains("r.csv:7") && Catch::Contains("column 2") && Catch::Contains("unterminated"));
}

TEST_CASE("trailing blank lines are accepted but a blank line inside is an error", "[table]") {
  CHECK(parse_numeric_table("a\n1\n2\n\n\r\n  \n", "t").values.rows() == 2);
  CHECK_THROWS_WITH(parse_numeric_table("a\n1\n\n2\n", "gap.csv"),
                    Catch::Contains("gap.csv:3") && Catch::Contains("blank line"));
}

TEST_CASE("a ragged row names the line and both counts", "[table]") {
  CHECK_THROWS_WITH(parse_numeric_table("a,b,c\n1,2,3\n4,5\n", "ragged.csv"),
                    Catch::Contains("ragged.csv:3") && Catch::Contains("expected 3 fields") &&
                        Catch::Contains("got 2"));
  CHECK_THROWS_WITH(
      parse_numeric_table("a,b\n1,2,3\n", "long.csv"),
      Catch::Contains("long.csv:2") && Catch::Contains("expected 2") && Catch::Contains("got 3"));
}

TEST_CASE("a non-numeric field names the line and the column number and name", "[table]") {
  CHECK_THROWS_WITH(parse_numeric_table("a,b,c\n1,2,3\n4,abc,6\n", "bad.csv"),
                    Catch::Contains("bad.csv:3") && Catch::Contains("column 2") &&
                        Catch::Contains("(\"b\")") && Catch::Contains("\"abc\""));
  // Empty fields, NaN and infinities are not finite numbers either.
  CHECK_THROWS_WITH(parse_numeric_table("a,b\n1,\n", "e.csv"),
                    Catch::Contains("e.csv:2") && Catch::Contains("column 2"));
  CHECK_THROWS_WITH(parse_numeric_table("a\nnan\n", "n.csv"), Catch::Contains("n.csv:2"));
  CHECK_THROWS_WITH(parse_numeric_table("a\n-inf\n", "i.csv"), Catch::Contains("i.csv:2"));
  CHECK_THROWS_WITH(parse_numeric_table("a\n1e999\n", "o.csv"), Catch::Contains("o.csv:2"));
  CHECK_THROWS_WITH(parse_numeric_table("a\n12abc\n", "j.csv"), Catch::Contains("\"12abc\""));
}

TEST_CASE("an empty file and a header-only file are refused", "[table]") {
  CHECK_THROWS_WITH(parse_numeric_table("", "empty.csv"),
                    Catch::Contains("empty.csv") && Catch::Contains("empty file"));
  CHECK_THROWS_WITH(parse_numeric_table("\n\n", "blank.csv"), Catch::Contains("empty file"));
  CHECK_THROWS_WITH(parse_numeric_table("\xEF\xBB\xBF", "bom.csv"), Catch::Contains("empty file"));
  CHECK_THROWS_WITH(parse_numeric_table("a,b\n", "head.csv"),
                    Catch::Contains("head.csv") && Catch::Contains("no data rows"));
  CHECK_THROWS_WITH(parse_numeric_table("a,,c\n1,2,3\n", "h.csv"),
                    Catch::Contains("h.csv:1") && Catch::Contains("empty column name"));
}

TEST_CASE("parse_double takes whole finite numbers only", "[table]") {
  double v = 0.0;
  CHECK(vixray::parse_double(" 2.5 ", v));
  CHECK(v == 2.5);
  CHECK(vixray::parse_double("-1e-3", v));
  CHECK(v == -0.001);
  CHECK_FALSE(vixray::parse_double("", v));
  CHECK_FALSE(vixray::parse_double("1.2.3", v));
  CHECK_FALSE(vixray::parse_double("inf", v));
  CHECK_FALSE(vixray::parse_double(std::string(100, '1'), v));
}

TEST_CASE("one list of missing-value markers, the same in every CSV reader", "[csv][missing]") {
  for (const char* missing :
       {"", " ", ".", "-", "NaN", "nan", "NA", "n/a", "N/A", "#N/A", "null", "NULL", " null\t"})
    CHECK(vixray::is_missing_value(missing));
  for (const char* value : {"0", "1.5", "-1", "None", "n.a.", "<null>", "NaNa", "inf"})
    CHECK_FALSE(vixray::is_missing_value(value));
  // The three readers of numbers in CSV read "N/A" and "null" as a missing value alike.
  const vixray::Frame frame =
      vixray::parse_frame_csv("date,a\n2020-01-02,N/A\n2020-01-03,null\n2020-01-06,1\n", "f.csv");
  CHECK(std::isnan(frame.column("a")[0]));
  CHECK(std::isnan(frame.column("a")[1]));
  const vixray::FeatureTable table = vixray::parse_feature_table_csv(
      "date,vix.close,spx.close,f\n2020-01-02,20,3000,N/A\n2020-01-03,21,3001,null\n", "t.csv");
  CHECK(std::isnan(table.features(0, 0)));
  CHECK(std::isnan(table.features(1, 0)));
  const auto prices = vixray::parse_price_csv(
      "Date,Close\n2020-01-02,N/A\n2020-01-03,null\n2020-01-06,3000\n", "p.csv");
  CHECK(prices.series.size() == 1);
  CHECK(prices.report.count("missing_close") == 2);
}
