// Limits, stated and enforced (docs/LIMITS.md): numbers read strictly, forest sizes bounded the
// same in fit and score, seeds checked, input sizes capped before reading, folders named as
// such, messages with control characters escaped, and a VIX file of other years refused. Each
// case failed on the code before these limits (commit 820301c).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "vixray/analysis/feature_table.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/csv.hpp"
#include "vixray/data/frame_csv.hpp"
#include "vixray/data/numeric_table.hpp"
#include "vixray/data/price_csv.hpp"
#include "vixray/data/price_files.hpp"
#include "vixray/ensemble/settings.hpp"
#include "vixray/forest/forest.hpp"
#include "vixray/forest/limits.hpp"

using vixray::test::read_testdata;

namespace {

// A failed command: non-zero exit, one stderr line starting "vixray: error:", no raw control
// character in it.
void check_limit_error(const Run& run) {
  CAPTURE(run.err);
  REQUIRE(!run.err.empty());
  CHECK(run.status > 0);
  CHECK(run.err.rfind("vixray: error: ", 0) == 0);
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  CHECK(std::none_of(run.err.begin(), run.err.end() - 1,
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }));
}

// Sets an environment variable for one scope (a test case runs in its own process under ctest).
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() { ::unsetenv(name_); }

 private:
  const char* name_;
};

// The lines of a real file whose date starts with one of `prefixes` (the header kept).
std::string years_of(const std::string& text, const std::vector<std::string>& prefixes) {
  std::istringstream lines(text);
  std::string line, out;
  std::getline(lines, line);
  out = line + "\n";
  while (std::getline(lines, line))
    for (const auto& p : prefixes)
      if (line.compare(0, p.size(), p) == 0) out += line + "\n";
  return out;
}

}  // namespace

TEST_CASE("printable_text escapes control characters and keeps UTF-8", "[limits]") {
  using vixray::printable_text;
  CHECK(printable_text("plain \"text\" \\ kept") == "plain \"text\" \\ kept");
  CHECK(printable_text("S&P 500 \xe2\x80\x93 Z\xc3\xbcrich") ==
        "S&P 500 \xe2\x80\x93 Z\xc3\xbcrich");
  CHECK(printable_text("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m");
  CHECK(printable_text("a\tb\nc\rd\x7f") == "a\\tb\\nc\\rd\\x7f");
  CHECK(printable_text(std::string("before\0after", 12)) == "before\\x00after");
  CHECK(printable_text("\xc2\x9b"
                       "2J") == "\\u009b2J");  // C1 CSI, a terminal escape
  CHECK(printable_text("bad \xff\xe3 end") == "bad \\xff\\xe3 end");
  CHECK(printable_text("\xe3\x81") == "\\xe3\\x81");  // a cut sequence
  const std::string once = printable_text("\x1b\x01");
  CHECK(printable_text(once) == once);
}

TEST_CASE("an Error keeps a NUL and an ESC of outside text escaped, not cut", "[limits]") {
  const char raw[] =
      "17\0"
      "5\x1b]0;x\x07";
  const vixray::Error e("f.csv:2: got \"" + std::string(raw, sizeof raw - 1) + "\" end");
  CHECK(std::string(e.what()) == "f.csv:2: got \"17\\x005\\x1b]0;x\\x07\" end");
  try {
    const char text[] =
        "Date,Close\n2020-01-02,17\0"
        "5\n";
    vixray::parse_price_csv(std::string(text, sizeof text - 1), "nul.csv");
    FAIL("no error");
  } catch (const vixray::Error& error) {
    CHECK(std::string(error.what()) ==
          "nul.csv:2: column 2 (\"Close\"): expected a number, got \"17\\x005\"");
  }
}

TEST_CASE("numbers are plain decimals only, in every CSV reader", "[limits]") {
  double v = 0;
  for (const char* good : {"2.5", " 2.5 ", "\t-1e-3", "17", "17.", ".5", "1E+3", "0", "-0.0",
                           "1e308", "2.2250738585072014e-308", "0e999"}) {
    INFO(good);
    CHECK(vixray::parse_double(good, v));
  }
  CHECK(vixray::parse_double("1E+3", v));
  CHECK(v == 1000.0);
  for (const char* bad :
       {"0x1p8", "0X10",  "-0x1p3", "inf",    "-inf",   "infinity", "nan", "NAN(1)", "+1",
        "+17.5", "1e999", "-1e999", "1e-400", "4e-320", "1 000",    "1\v", "\v1",    "\f1",
        "1.2.3", "1e",    "1e+",    ".",      "-",      "e5",       "- 1", "1,5"}) {
    INFO(bad);
    CHECK_FALSE(vixray::parse_double(bad, v));
  }
  // The readers: prices (fast path first), frames, feature tables, numeric tables.
  CHECK_THROWS_WITH(vixray::parse_price_csv("Date,Close\n2020-01-02,0x1p4\n", "p.csv"),
                    "p.csv:2: column 2 (\"Close\"): expected a number, got \"0x1p4\"");
  CHECK_THROWS_WITH(vixray::parse_price_csv("Date,Close\n2020-01-02,+17.5\n", "p.csv"),
                    Catch::Contains("expected a number, got \"+17.5\""));
  CHECK_THROWS_WITH(vixray::parse_price_csv("Date,Close\n2020-01-02,\"\v17\"\n", "p.csv"),
                    Catch::Contains("expected a number, got \"\\x0b17\""));
  CHECK_THROWS_WITH(vixray::parse_frame_csv("date,vix.close\n2020-01-02,0x1p4\n", "f.csv"),
                    Catch::Contains("f.csv:2"));
  CHECK_THROWS_WITH(vixray::parse_numeric_table("a,b\n1,0x1p8\n", "t.csv"),
                    Catch::Contains("t.csv:2"));
  CHECK_THROWS_WITH(vixray::parse_feature_table_csv(
                        "date,vix.close,spx.close,f\n2020-01-02,17,3000,infinity\n", "ft.csv"),
                    Catch::Contains("ft.csv:2"));
  // Missing-value markers are unchanged.
  CHECK(
      vixray::parse_frame_csv("date,vix.close\n2020-01-02,NaN\n2020-01-03,17\n", "f.csv").rows() ==
      2);
}

TEST_CASE("forest size is bounded the same in fit, the forest reader and settings", "[limits]") {
  vixray::RowMatrix x(8, 1);
  for (int r = 0; r < 8; ++r) x(r, 0) = r;
  vixray::ForestParams params;
  params.sample_size = 2;
  params.n_trees = vixray::kMaxTrees + 1;
  CHECK_THROWS_WITH(vixray::IsolationForest::fit(x, params),
                    "n_trees: expected 1 to 10000, got 10001");
  params.n_trees = 1;
  params.sample_size = vixray::kMaxSampleSize + 1;
  CHECK_THROWS_WITH(vixray::IsolationForest::fit(x, params), Catch::Contains("sample_size"));
  // The largest forest fit allows reads back (it was refused at 100001 trees before).
  params.n_trees = vixray::kMaxTrees;
  params.sample_size = 2;
  const auto forest = vixray::IsolationForest::fit(x, params);
  auto document = forest.to_json();
  CHECK(vixray::IsolationForest::from_json(document).n_trees() == vixray::kMaxTrees);
  document["n_trees"] = vixray::kMaxTrees + 1;
  CHECK_THROWS_WITH(vixray::IsolationForest::from_json(document),
                    Catch::Contains("forest.n_trees") && Catch::Contains("10000"));
  document["n_trees"] = vixray::kMaxTrees;
  document["sample_size"] = vixray::kMaxSampleSize + 1;
  CHECK_THROWS_WITH(vixray::IsolationForest::from_json(document),
                    Catch::Contains("forest.sample_size") && Catch::Contains("1048576"));
}

TEST_CASE("CLI: --trees and --sample-size past the limits fail at once", "[limits][cli]") {
  TempDir dir;
  const std::string data = dir / "data.csv", out = dir / "f.json";
  write_text(data, "a,b\n1,2\n3,4\n5,6\n7,8\n");
  for (const char* trees : {"100001", "2000000", "0"}) {
    const Run run = run_cli(
        std::string("forest fit --csv ") + data + " --trees " + trees + " --out " + out, dir);
    check_limit_error(run);
    CHECK_THAT(run.err, Catch::Contains("--trees") && Catch::Contains("10000"));
  }
  const Run psi = run_cli("forest fit --csv " + data + " --sample-size 1048577 --out " + out, dir);
  check_limit_error(psi);
  CHECK_THAT(psi.err, Catch::Contains("--sample-size") && Catch::Contains("1048576"));
  CHECK_FALSE(vixray::test::fs::exists(out));
}

TEST_CASE("CLI: a negative or out-of-range seed is refused by every command", "[limits][cli]") {
  TempDir dir;
  const std::string data = dir / "data.csv";
  write_text(data, "a,b\n1,2\n3,4\n5,6\n7,8\n");
  const std::string out = " --out " + (dir / "out");
  for (const std::string& command :
       {"forest fit --csv " + data + " --seed -1" + out, "forest generate --seed -1" + out,
        "forest fit --csv " + data + " --seed 18446744073709551616" + out,
        "forest fit --csv " + data + " --seed +5" + out, "simulate --seed -5" + out,
        "features synthetic --seed -1" + out, "ensemble generate --seed -1" + out,
        "train --sim-seed -1" + out}) {
    INFO(command);
    const Run run = run_cli(command, dir);
    check_limit_error(run);
    CHECK_THAT(run.err, Catch::Contains("seed") &&
                            Catch::Contains("expected a whole number 0 to 18446744073709551615"));
    CHECK_FALSE(vixray::test::fs::exists(dir / "out"));
  }
  const Run largest =
      run_cli("forest generate --rows 20 --cols 2 --seed 18446744073709551615" + out, dir);
  CHECK(largest.status == 0);
}

TEST_CASE("CLI: input files are capped before they are read", "[limits][cli]") {
  TempDir dir;
  const std::string big = dir / "big.csv", bundle = dir / "bundle.json";
  write_text(big, "Date,Close\n" + std::string(1200000, ' ') + "\n");
  write_text(bundle, "{\"pad\":\"" + std::string(1600000, 'x') + "\"}\n");
  {
    const ScopedEnv cap("VIXRAY_MAX_INPUT_MB", "1");
    const Run csv = run_cli("data inspect --spx " + big, dir);
    check_limit_error(csv);
    CHECK_THAT(csv.err, Catch::Contains("big.csv: 1.1 MB, larger than the 1 MB limit on a CSV "
                                        "input (VIXRAY_MAX_INPUT_MB raises it)"));
    // A bundle is refused for its size before it is parsed or hashed.
    const Run oversized = run_cli("export --model " + bundle + " --out " + (dir / "site"), dir);
    check_limit_error(oversized);
    CHECK_THAT(oversized.err,
               Catch::Contains("bundle.json: 1.5 MB, larger than the 1 MB limit on a "
                               "JSON input"));
    // A device is read in chunks and given up at the limit (it read without end before).
    const Run zero = run_cli("data inspect --spx /dev/zero", dir);
    check_limit_error(zero);
    CHECK_THAT(zero.err, Catch::Contains("/dev/zero: more than 1 MB read, past the 1 MB limit"));
  }
  {
    const ScopedEnv cap("VIXRAY_MAX_INPUT_MB", "-3");
    const Run bad = run_cli("data inspect --spx " + big, dir);
    check_limit_error(bad);
    CHECK_THAT(bad.err, Catch::Contains("VIXRAY_MAX_INPUT_MB: expected a whole number of "
                                        "megabytes 1 to 1048576, got \"-3\""));
  }
  // Under the default limits (256 MB CSV, 64 MB JSON) the same files are read: the CSV's error
  // is about its content.
  const Run read = run_cli("data inspect --spx " + big, dir);
  check_limit_error(read);
  CHECK_THAT(read.err, !Catch::Contains("MB"));
}

TEST_CASE("CLI: a folder given as a file is named a directory", "[limits][cli]") {
  TempDir dir;
  const Run run = run_cli("data inspect --spx " + dir.path().string(), dir);
  check_limit_error(run);
  CHECK_THAT(run.err, Catch::Contains(": is a directory; expected a file"));
  CHECK_THAT(run.err, !Catch::Contains("empty file"));
  const Run model =
      run_cli("forest score --model " + dir.path().string() + " --csv x --out y", dir);
  check_limit_error(model);
  CHECK_THAT(model.err, Catch::Contains("is a directory"));
}

TEST_CASE("CLI: control characters of a CSV are escaped in the error line", "[limits][cli]") {
  TempDir dir;
  const std::string header = dir / "header.csv", field = dir / "field.csv";
  write_text(header, "Date,Open,\x1b[31mRED\x1b[0m\tX,Low,Close\n2020-01-02,1,1,1,1\n");
  const Run run = run_cli("data inspect --primary vix --vix " + header, dir);
  check_limit_error(run);
  CHECK_THAT(run.err, Catch::Contains("\"Date,Open,\\x1b[31mRED\\x1b[0m\\tX,Low,Close\""));
  const char text[] =
      "Date,Close\n2020-01-02,17\0"
      "5\x1b]0;pwned\x07\n";
  write_text(field, std::string(text, sizeof text - 1));
  const Run nul = run_cli("data inspect --primary vix --vix " + field, dir);
  check_limit_error(nul);
  // Before: the line ended at the NUL ("got \"17").
  CHECK_THAT(nul.err, Catch::EndsWith("got \"17\\x005\\x1b]0;pwned\\x07\"\n"));
}

TEST_CASE("a series of other years is refused, naming both files and date ranges", "[limits]") {
  const std::string spx = read_testdata("real/spx_daily_1990_2018.csv");
  const std::string vix = read_testdata("real/vix_daily_1990_2018.csv");
  const std::string spx_2000 = years_of(spx, {"2000", "2001"});
  const std::vector<vixray::SeriesText> apart = {{"spx", "spx.csv", spx_2000},
                                                 {"vix", "vix.csv", years_of(vix, {"1990"})}};
  CHECK_THROWS_WITH(vixray::read_price_csvs(apart),
                    "vix.csv (vix, 1990-01-02 .. 1990-12-31) shares 0 trading days with spx.csv "
                    "(spx, 2000-01-03 .. 2001-12-31); expected at least 1 (files of the same "
                    "years)");
  // 20 shared days: scored, but too few to train on.
  const std::vector<vixray::SeriesText> short_overlap = {
      {"spx", "spx.csv", spx_2000}, {"vix", "vix.csv", years_of(vix, {"1999-12", "2000-01"})}};
  CHECK(vixray::read_price_csvs(short_overlap).frame.rows() == 500);
  CHECK_THROWS_WITH(vixray::read_price_csvs(short_overlap, vixray::kMinTrainingOverlapDays),
                    Catch::Contains("shares 20 trading days with spx.csv") &&
                        Catch::Contains("expected at least 252"));
}

TEST_CASE("CLI: train refuses a VIX file with no date overlap with the S&P", "[limits][cli]") {
  TempDir dir;
  const std::string spx = dir / "spx.csv", vix = dir / "vix.csv";
  write_text(spx, years_of(read_testdata("real/spx_daily_1990_2018.csv"), {"2000", "2001"}));
  write_text(vix, years_of(read_testdata("real/vix_daily_1990_2018.csv"), {"1990"}));
  const Run run =
      run_cli("train --spx " + spx + " --vix " + vix + " --out " + (dir / "model.json"), dir);
  check_limit_error(run);
  CHECK_THAT(run.err, Catch::Contains("vix.csv (vix, 1990-01-02 .. 1990-12-31) shares 0 trading "
                                      "days with ") &&
                          Catch::Contains("spx.csv (spx, 2000-01-03 .. 2001-12-31)"));
  CHECK_FALSE(vixray::test::fs::exists(dir / "model.json"));
}

// The validator lists every violation; a key from a file (here a domain named with ESC
// sequences) is escaped in each listed line as in the error line. Before, only the last line
// (the error) was escaped: the listed ones wrote the raw ESC to the terminal.
TEST_CASE("CLI: validate escapes control characters of the files in every line", "[limits][cli]") {
  TempDir dir;
  std::filesystem::create_directories(dir / "out");
  write_text(dir / "out/anomaly_report.json",
             R"({"domain_anomalies":{"\u001b[2Jx":{"score":2,"level":"\u001b[31m"}}})");
  const Run run = run_cli("validate " + (dir / "out"), dir);
  CHECK(run.status != 0);
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') > 2);  // listed lines, then the error
  CHECK(run.err.find('\x1b') == std::string::npos);
  CHECK_THAT(run.err, Catch::Contains("\\x1b[2Jx"));
}
