// The publisher's commands end to end: `vixray train` (simulator or files), `vixray export`,
// `vixray validate`, and their refusals of bad input: one line naming file/line/field, a
// non-zero exit, nothing overwritten.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "bundle_file.hpp"  // the CLI's SHA-256, to forge a bundle whose checksum matches
#include "cli_helpers.hpp"
#include "vixray/data/json_fields.hpp"
#include "vixray/ensemble/model_io.hpp"

namespace {

// One short simulated model shared by the cases (training is the slow part).
struct Trained {
  TempDir dir;
  std::string model, csv_dir;
  Trained() {
    model = dir / "model.json";
    csv_dir = dir / "sim";
    const Run train = run_cli("train --sim-start 2004-01-02 --sim-end 2009-12-31 --out " + model +
                                  " --history " + (dir / "history.jsonl"),
                              dir);
    REQUIRE(train.status == 0);
    REQUIRE(run_cli("simulate --seed 42 --start 2004-01-02 --end 2009-12-31 --out " + csv_dir, dir)
                .status == 0);
  }
};

const Trained& trained() {
  static const Trained t;
  return t;
}

bool one_error_line(const Run& run) {
  return run.status != 0 && run.err.rfind("vixray: error: ", 0) == 0 &&
         run.err.find('\n') == run.err.size() - 1;
}

}  // namespace

TEST_CASE("train writes a verified bundle with provenance and a hash-chained history",
          "[market][cli]") {
  const auto& t = trained();
  const auto bundle = nlohmann::json::parse(read_text(t.model));
  CHECK(bundle["format"] == "vixray-model");
  CHECK(bundle["training_data"]["source"]["kind"] == "simulated");
  CHECK(bundle["training_data"]["source"]["start"] == "2004-01-02");
  const std::string sha = bundle["content_sha256"].get<std::string>();
  CHECK(sha.size() == 64);
  CHECK(sha.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(bundle["detectors"].size() == 15);
  const std::string history = read_text(t.dir / "history.jsonl");
  const auto line = nlohmann::json::parse(history.substr(0, history.find('\n')));
  CHECK(line["previous_sha256"] == "0");  // first line of the chain
  CHECK(line["bundle_sha256"] == bundle["content_sha256"]);
}

TEST_CASE("export from the model's own data and from files gives valid seed-000 files",
          "[market][cli]") {
  const auto& t = trained();
  TempDir dir;
  const Run own = run_cli("export --model " + t.model + " --out " + (dir / "own"), dir);
  REQUIRE(own.status == 0);
  CHECK(own.out.find("level") != std::string::npos);
  CHECK(run_cli("validate " + (dir / "own"), dir).status == 0);
  // The same data given as the files `vixray simulate` writes: the same Analysis.
  const std::string files = " --spx " + t.csv_dir + "/spx.csv --vix " + t.csv_dir + "/vix.csv" +
                            " --vix9d " + t.csv_dir + "/vix9d.csv --vix3m " + t.csv_dir +
                            "/vix3m.csv --vvix " + t.csv_dir + "/vvix.csv --skew " + t.csv_dir +
                            "/skew.csv";
  REQUIRE(run_cli("export --model " + t.model + files + " --out " + (dir / "files"), dir).status ==
          0);
  // The same Analysis; the export ids differ (market.json records where its prices came from).
  auto own_analysis = nlohmann::json::parse(read_text(dir / "own/analysis.json"));
  auto files_analysis = nlohmann::json::parse(read_text(dir / "files/analysis.json"));
  CHECK(own_analysis["export_id"] != files_analysis["export_id"]);
  own_analysis.erase("export_id");
  files_analysis.erase("export_id");
  CHECK(own_analysis.dump() == files_analysis.dump());
}

TEST_CASE("export refuses a tampered bundle, a newer format and missing series",
          "[market][cli][errors]") {
  const auto& t = trained();
  TempDir dir;
  write_text(dir / "out.keep", "keep");
  SECTION("a bundle whose checksum does not match") {
    std::string text = read_text(t.model);
    const size_t at = text.find("\"forward_return_horizon\":10");
    REQUIRE(at != std::string::npos);
    text.replace(at, 27, "\"forward_return_horizon\":11");
    write_text(dir / "tampered.json", text);
    const Run run =
        run_cli("export --model " + (dir / "tampered.json") + " --out " + (dir / "x"), dir);
    CHECK(one_error_line(run));
    CHECK(run.err.find("tampered.json: content_sha256") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "x"));
  }
  SECTION("a model from a newer format (checksum matching its content)") {
    auto doc = nlohmann::json::parse(read_text(t.model));
    doc["format_version"] = "3.0";  // this build reads 1.x and 2.x
    doc["content_sha256"] = vixray::cli::sha256_hex(vixray::canonical_content(doc));
    write_text(dir / "newer.json", doc.dump());
    const Run run =
        run_cli("export --model " + (dir / "newer.json") + " --out " + (dir / "x"), dir);
    CHECK(one_error_line(run));
    CHECK(run.err.find("newer.json") != std::string::npos);
    CHECK(run.err.find("3.0") != std::string::npos);
    CHECK(run.err.find("(" +
                       vixray::format_version_text(vixray::kModelFormatMajor,
                                                   vixray::kModelFormatMinor) +
                       ")") != std::string::npos);  // this build's version
    CHECK_FALSE(std::filesystem::exists(dir / "x"));
  }
  SECTION("market files without the VIX (every model reads it)") {
    const Run run = run_cli(
        "export --model " + t.model + " --spx " + t.csv_dir + "/spx.csv --out " + (dir / "x"), dir);
    CHECK(one_error_line(run));
    CHECK(run.err.find("--vix: the VIX file is required") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "x"));
  }
  SECTION("a broken price file names file and line") {
    std::string vix = read_text(t.csv_dir + "/vix.csv");
    const size_t line3 = vix.find('\n', vix.find('\n', vix.find('\n') + 1) + 1);  // end of line 3
    vix.insert(line3, "x");
    write_text(dir / "vix.csv", vix);
    const Run run = run_cli("export --model " + t.model + " --spx " + t.csv_dir +
                                "/spx.csv --vix " + (dir / "vix.csv") + " --out " + (dir / "x"),
                            dir);
    CHECK(one_error_line(run));
    CHECK(run.err.find("vix.csv:3") != std::string::npos);
  }
  CHECK(read_text(dir / "out.keep") == "keep");
}

TEST_CASE("train fails before work on a missing output folder and leaves an existing model",
          "[market][cli][errors]") {
  TempDir dir;
  const Run run = run_cli("train --out " + (dir / "no/such/dir/model.json"), dir);
  CHECK(one_error_line(run));
  CHECK(run.err.find("does not exist") != std::string::npos);
  write_text(dir / "model.json", "previous");
  write_text(dir / "bad.csv",
             "Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,1,2,1,x,1,5\n");
  const Run bad = run_cli("train --spx " + (dir / "bad.csv") + " --vix " + (dir / "bad.csv") +
                              " --out " + (dir / "model.json"),
                          dir);
  CHECK(one_error_line(bad));
  CHECK(bad.err.find("bad.csv:2") != std::string::npos);
  CHECK(read_text(dir / "model.json") == "previous");
}

TEST_CASE("validate names the file and field of a broken export", "[market][cli][errors]") {
  const auto& t = trained();
  TempDir dir;
  REQUIRE(run_cli("export --model " + t.model + " --out " + (dir / "e"), dir).status == 0);
  auto report = nlohmann::json::parse(read_text(dir / "e/anomaly_report.json"));
  report["classification"]["thresholds"]["high"] = 2.0;
  write_text(dir / "e/anomaly_report.json", report.dump());
  const Run run = run_cli("validate " + (dir / "e"), dir);
  CHECK(run.status != 0);
  CHECK(run.err.find("anomaly_report.json: classification/thresholds") != std::string::npos);
}

namespace {

// spx.csv of the simulator with line `from_end` (1 = the last) changed by `edit` (the fields
// Date,Open,High,Low,Close,Adj Close,Volume).
std::string edited_spx(const std::string& text, size_t from_end,
                       void (*edit)(std::vector<std::string>&)) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::string& line = lines.at(lines.size() - from_end);
  std::vector<std::string> fields;
  std::istringstream cells(line);
  for (std::string cell; std::getline(cells, cell, ',');) fields.push_back(cell);
  REQUIRE(fields.size() == 7);
  edit(fields);
  line.clear();
  for (const auto& f : fields) line += (line.empty() ? "" : ",") + f;
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::string last_date(const std::string& csv) {
  const size_t end = csv.find_last_not_of('\n');
  const size_t start = csv.rfind('\n', end) + 1;
  return csv.substr(start, csv.find(',', start) - start);
}

}  // namespace

// Issue 11, defect 2 and item 7: a reader's two files, an empty Volume, a close-only row (both
// repairs the readers document) are scored by the detectors the data feeds. Before, the two
// files were refused, and the repaired last row left that day's score null: `validate` refused
// the export, and anomaly_report.json was dated the day before (a stale HIGH published as today).
TEST_CASE("export scores partial days: two files, an empty Volume, a close-only last row",
          "[market][cli][partial]") {
  const auto& t = trained();
  TempDir dir;
  const std::string spx = read_text(t.csv_dir + "/spx.csv");
  const std::string others = " --vix " + t.csv_dir + "/vix.csv --vix9d " + t.csv_dir +
                             "/vix9d.csv --vix3m " + t.csv_dir + "/vix3m.csv --vvix " + t.csv_dir +
                             "/vvix.csv --skew " + t.csv_dir + "/skew.csv";
  struct Case {
    const char* name;
    std::string spx_text, options;
    std::vector<std::string> missing;  // the report's classification/partial/missing_inputs
  };
  const std::vector<Case> cases = {
      {"two", spx, " --vix " + t.csv_dir + "/vix.csv", {"VVIX", "VIX3M", "VIX9D", "SKEW"}},
      {"no_volume", edited_spx(spx, 1, [](std::vector<std::string>& f) { f[6] = ""; }), others, {}},
      {"close_only",
       edited_spx(spx, 1, [](std::vector<std::string>& f) { f[1] = f[2] = f[3] = f[4]; }),
       others,
       {"S&P 500 open/high/low", "S&P 500 volume"}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const std::string spx_file = dir / (std::string(c.name) + "_spx.csv");
    const std::string out = dir / c.name;
    write_text(spx_file, c.spx_text);
    const Run run = run_cli(
        "export --model " + t.model + " --spx " + spx_file + c.options + " --out " + out, dir);
    REQUIRE(run.status == 0);
    CHECK(run_cli("validate " + out, dir).status == 0);
    const auto report = nlohmann::json::parse(read_text(out + "/anomaly_report.json"));
    const auto state = nlohmann::json::parse(read_text(out + "/market_state.json"));
    // Today is the last day of the data, in every file.
    CHECK(report["date"] == last_date(c.spx_text));
    CHECK(state.dump().find(last_date(c.spx_text)) != std::string::npos);
    const auto& partial = report["classification"]["partial"];
    REQUIRE(partial.is_object());
    CHECK(report["ensemble"]["n_detectors"] == partial["detectors_scored"]);
    CHECK(partial["detectors_scored"].get<int>() < 15);
    CHECK(partial["missing_inputs"] == nlohmann::json(c.missing));
    CHECK(report["classification"]["thresholds"] ==
          nlohmann::json{{"moderate", partial["thresholds"]["moderate"]},
                         {"high", partial["thresholds"]["high"]},
                         {"critical", partial["thresholds"]["critical"]}});
    const auto analysis = nlohmann::json::parse(read_text(out + "/analysis.json"));
    CHECK(analysis["detectors_scored"].back() == partial["detectors_scored"]);
  }
  // An empty Volume earlier in the file: that day is partial, today is whole.
  const std::string mid = dir / "mid_spx.csv";
  write_text(mid, edited_spx(spx, 30, [](std::vector<std::string>& f) { f[6] = ""; }));
  REQUIRE(
      run_cli("export --model " + t.model + " --spx " + mid + others + " --out " + (dir / "mid"),
              dir)
          .status == 0);
  CHECK(run_cli("validate " + (dir / "mid"), dir).status == 0);
  const auto analysis = nlohmann::json::parse(read_text(dir / "mid/analysis.json"));
  const auto& scored = analysis["detectors_scored"];
  CHECK(scored[scored.size() - 30].get<int>() < 15);
  CHECK(scored.back() == 15);
  CHECK(!analysis["ensemble"]["score"][scored.size() - 30].is_null());
}
