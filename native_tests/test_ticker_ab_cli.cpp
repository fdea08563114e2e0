// `vixray ticker train --out DIR/` end to end: the model folder's files, seals and links, the
// history `vixray history verify` accepts, the single-file --out unchanged, and SIGKILL at every
// kill point of the folder writer over an existing good folder (old intact or new complete).
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "bundle_file.hpp"
#include "cli_helpers.hpp"
#include "ticker_fixtures.hpp"

using namespace vixray::test;
using Catch::Contains;
using nlohmann::json;

namespace {

const char* kAbCliSettings = R"({"format":"vixray-settings","settings":{
  "n_trees":{"default":10},"sample_size":{"default":64}}})";
const std::string kAbClock = "SOURCE_DATE_EPOCH=1764720000 ";

// AAPL.csv and MSFT.csv of `days` weekdays, and settings.json, in `dir`.
void ab_write_inputs(const TempDir& dir, int32_t days) {
  BarRecipe r;
  r.days = days;
  BarRecipe s;
  s.ticker = "MSFT";
  s.days = days;
  s.seed = 5;
  s.price = 400.0;
  write_text(dir / "AAPL.csv", bars_csv(make_bars(r)));
  write_text(dir / "MSFT.csv", bars_csv(make_bars(s)));
  write_text(dir / "settings.json", kAbCliSettings);
}

std::string ab_train_args(const TempDir& dir, const std::string& out) {
  return "ticker train --csv '" + dir / "AAPL.csv" + "' --csv '" + dir / "MSFT.csv" +
         "' --settings '" + dir / "settings.json" + "' --out '" + out + "'";
}

// Name -> bytes (a link: "-> target") of every entry of a folder.
using AbFolder = std::map<std::string, std::string>;
AbFolder ab_folder(const std::string& path) {
  AbFolder out;
  for (const auto& e : fs::directory_iterator(path)) {
    const std::string name = e.path().filename().string();
    out[name] =
        e.is_symlink() ? "-> " + fs::read_symlink(e.path()).string() : read_text(e.path().string());
  }
  return out;
}

int ab_lines(const std::string& text) {
  int n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

}  // namespace

TEST_CASE("ticker train --out DIR/ writes the model folder", "[ticker_ab][cli]") {
  TempDir dir;
  ab_write_inputs(dir, 3);
  const std::string out = dir / "models/";
  Run run = run_cli(ab_train_args(dir, out), dir, kAbClock);
  REQUIRE(run.status == 0);
  CHECK_THAT(run.out, Contains("model A:") && Contains("model B:") && Contains("line 1"));
  const AbFolder f = ab_folder(out);
  CHECK(f.size() == 6);
  CHECK(f.at("latest.json") == "-> model_a.json");
  const json a = vixray::cli::read_sealed_json(out + "model_a.json", "ticker model");
  const json b = vixray::cli::read_sealed_json(out + "model_b.json", "ticker model");
  CHECK(a.at("split").at("role") == "A");
  CHECK(b.at("split").at("role") == "B");
  CHECK(b.at("split").at("holdout_samples") == 60);
  const json v = json::parse(f.at("validation_baseline.json"));
  CHECK(v.at("kind") == "ticker");
  CHECK(v.at("market") == "US");
  CHECK(v.at("interval") == "5m");
  CHECK(v.at("timestamp") == "2025-12-03T00:00:00Z");
  CHECK(v.at("bundle_sha256") == a.at("content_sha256"));
  CHECK(v.at("training_samples") == a.at("training_rows"));
  CHECK(v.at("metrics").at("events").is_null());
  const json d = json::parse(f.at("dual_model_baseline.json"));
  CHECK(d.at("model_b").at("bundle_sha256") == b.at("content_sha256"));
  CHECK(d.at("model_b").at("training_samples") == b.at("training_rows"));
  const json h = json::parse(f.at("training_history.jsonl"));
  CHECK(h.at("previous_sha256") == "0");
  CHECK(h.at("bundle_sha256") == a.at("content_sha256"));
  CHECK(h.at("bundles").at(1).at("sha256") == b.at("content_sha256"));
  CHECK(h.at("source").at("files").size() == 2);
  run = run_cli("history verify '" + out + "training_history.jsonl'", dir);
  CHECK(run.status == 0);
  CHECK_THAT(run.out, Contains("1 line(s), every link intact"));
  // A second training appends to the history; the folder stays whole.
  ab_write_inputs(dir, 4);
  REQUIRE(run_cli(ab_train_args(dir, out), dir, kAbClock).status == 0);
  run = run_cli("history verify '" + out + "training_history.jsonl'", dir);
  CHECK(run.status == 0);
  CHECK_THAT(run.out, Contains("2 line(s), every link intact"));
}

TEST_CASE("ticker train: a single-file --out keeps its meaning; --events needs a folder",
          "[ticker_ab][cli]") {
  TempDir dir;
  ab_write_inputs(dir, 3);
  REQUIRE(run_cli(ab_train_args(dir, dir / "one.json"), dir).status == 0);
  const json one = vixray::cli::read_sealed_json(dir / "one.json", "ticker model");
  CHECK_FALSE(one.contains("split"));
  CHECK(one.at("tickers").at(0).at("bars") == 234);  // every bar: 3 days x 78
  const Run run = run_cli(ab_train_args(dir, dir / "two.json") + " --events x.csv", dir);
  CHECK(run.status == 1);
  CHECK_THAT(run.err, Contains("--events") && Contains("model folder"));
  CHECK_FALSE(fs::exists(dir / "two.json"));
}

TEST_CASE("ticker train --out DIR/ with labelled events", "[ticker_ab][cli]") {
  TempDir dir;
  ab_write_inputs(dir, 3);
  // One 5-minute pattern of AAPL near its last bar (inside A's validation and B's test rows).
  write_text(dir / "events.csv",
             "ticker,interval,kind,start,end\n"
             "AAPL,5m,volume_surge,2024-03-06T20:30:00Z,2024-03-06T20:45:00Z\n");
  const Run run = run_cli(ab_train_args(dir, dir / "m/") + " --events '" + dir / "events.csv" + "'",
                          dir, kAbClock);
  REQUIRE(run.status == 0);
  const json d = json::parse(read_text(dir / "m/dual_model_baseline.json"));
  CHECK(d.at("model_a").at("metrics").at("events").at("events") == 1);
  CHECK(d.at("model_b").at("metrics").at("events").at("events") == 1);
}

TEST_CASE("ticker train --out DIR/ killed at every point: old folder whole or new complete",
          "[ticker_ab][cli][kill]") {
  TempDir dir;
  ab_write_inputs(dir, 3);
  const std::string out = dir / "models";
  REQUIRE(run_cli(ab_train_args(dir, out + "/"), dir, kAbClock).status == 0);
  const AbFolder old_folder = ab_folder(out);
  // The folder a complete second training makes (4 days of bars), from a copy of the old one.
  ab_write_inputs(dir, 4);
  const std::string ref = dir / "reference";
  fs::copy(out, ref, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  REQUIRE(run_cli(ab_train_args(dir, ref), dir, kAbClock).status == 0);
  const AbFolder new_folder = ab_folder(ref);
  REQUIRE(new_folder.size() == old_folder.size());
  CHECK(new_folder.at("model_a.json") != old_folder.at("model_a.json"));
  std::vector<std::string> points = {"after-lock", "after-link-latest.json", "before-swap",
                                     "after-swap"};
  for (int k = 1; k <= 5; ++k) points.push_back("after-file-" + std::to_string(k));
  int whole_old = 0, whole_new = 0;
  for (const std::string& point : points) {
    CAPTURE(point);
    const Run run = run_cli(ab_train_args(dir, out), dir,
                            kAbClock + "VIXRAY_TEST_KILL_AT=ticker-train:" + point + " ");
    CHECK(run.status != 0);
    const AbFolder now = ab_folder(out);
    CHECK((now == old_folder || now == new_folder));
    whole_old += now == old_folder;
    whole_new += now == new_folder;
    CHECK(ab_lines(now.at("training_history.jsonl")) == (now == old_folder ? 1 : 2));
    // Back to the old folder for the next point.
    fs::remove_all(out);
    fs::create_directories(out);
    for (const auto& [name, text] : old_folder)
      if (name == "latest.json")
        fs::create_symlink("model_a.json", out + "/latest.json");
      else
        write_text(out + "/" + name, text);
  }
  CHECK(whole_new == 1);  // after-swap
  CHECK(whole_old == static_cast<int>(points.size()) - 1);
  // The next training removes the killed runs' leftovers and publishes whole.
  REQUIRE(run_cli(ab_train_args(dir, out), dir, kAbClock).status == 0);
  CHECK(ab_folder(out) == new_folder);
  CHECK(run_cli("history verify '" + out + "/training_history.jsonl'", dir).status == 0);
}

TEST_CASE("monitor --csv on a ticker folder: the bars after Model B's test, pooled",
          "[ticker_ab][cli][monitor]") {
  TempDir dir;
  ab_write_inputs(dir, 3);
  const std::string out = dir / "models";
  REQUIRE(run_cli(ab_train_args(dir, out + "/"), dir, kAbClock).status == 0);
  ab_write_inputs(dir, 4);  // the same walks, one day longer: 78 new bars per ticker
  const Run run = run_cli("monitor --models '" + out + "' --csv '" + dir / "AAPL.csv" +
                              "' --csv '" + dir / "MSFT.csv" + "' --json '" + dir / "m.json" + "'",
                          dir, kAbClock);
  INFO(run.out << run.err);
  CHECK((run.status == 0 || run.status == 10 || run.status == 11 || run.status == 12));
  CHECK_THAT(run.out, Contains("new bars: 156"));
  const json m = json::parse(read_text(dir / "m.json"));
  CHECK(m.at("kind") == "ticker");
  CHECK(m.at("market") == "US");
  // Default windows: 78 bars (one New York session of 5-minute bars) and all 156 new bars; 390
  // and 1638 are longer than the new bars and left out.
  REQUIRE(m.at("windows").size() == 2);
  CHECK(m.at("windows").at(0).at("days") == 78);
  CHECK(m.at("windows").at(1).at("days") == 156);
  CHECK(run_cli("history verify '" + out + "/monitoring_history.jsonl'", dir).status == 0);
  // Market data and ticker bars do not mix.
  CHECK(run_cli("monitor --models '" + out + "' --csv '" + dir / "AAPL.csv" + "' --spx x.csv", dir)
            .status == 1);
}
