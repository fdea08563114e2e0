// The publisher's commands end to end: `vixray train` (simulator or files), `vixray export`,
// `vixray validate`, and their refusals of bad input: one line naming file/line/field, a
// non-zero exit, nothing overwritten.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bundle_file.hpp"  // the CLI's SHA-256, to forge a bundle whose checksum matches
#include "cli_helpers.hpp"
#include "vixray/data/json_fields.hpp"
#include "vixray/ensemble/model_io.hpp"

using vixray::test::read_text;
using vixray::test::Run;
using vixray::test::run_cli;
using vixray::test::TempDir;
using vixray::test::write_text;

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
    doc["format_version"] = "2.0";
    doc["content_sha256"] = vixray::cli::sha256_hex(vixray::canonical_content(doc));
    write_text(dir / "newer.json", doc.dump());
    const Run run =
        run_cli("export --model " + (dir / "newer.json") + " --out " + (dir / "x"), dir);
    CHECK(one_error_line(run));
    CHECK(run.err.find("newer.json") != std::string::npos);
    CHECK(run.err.find("2.0") != std::string::npos);
    CHECK(run.err.find("(" +
                       vixray::format_version_text(vixray::kModelFormatMajor,
                                                   vixray::kModelFormatMinor) +
                       ")") != std::string::npos);  // this build's version
    CHECK_FALSE(std::filesystem::exists(dir / "x"));
  }
  SECTION("market files lacking a series the model reads") {
    const Run run = run_cli("export --model " + t.model + " --spx " + t.csv_dir +
                                "/spx.csv --vix " + t.csv_dir + "/vix.csv --out " + (dir / "x"),
                            dir);
    CHECK(one_error_line(run));
    // Every absent series named, with the option that gives one.
    CHECK(run.err.find("no file gives vvix, vix9d, vix3m, skew") != std::string::npos);
    CHECK(run.err.find("--vvix FILE") != std::string::npos);
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
