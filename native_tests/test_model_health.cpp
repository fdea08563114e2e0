// model_health.json: the core's document builder on a hand-made model folder
// (model_folder_fixture.hpp, per docs/LIFECYCLE.md), and `vixray export --models DIR` end to end
// on a cheap training (2005-2007 simulated, 5 trees a detector).
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_helpers.hpp"
#include "model_health_fixture.hpp"
#include "vixray/analysis/model_health.hpp"
#include "vixray/base/error.hpp"

using nlohmann::json;
using namespace vixray;
using namespace vixray::test;

namespace {

const std::string kShaA(64, 'a'), kShaB(64, 'b');

std::string three_runs() {
  return fixture_history({fixture_monitoring_line(0, kShaA, kShaB),
                          fixture_monitoring_line(1, kShaA, kShaB),
                          fixture_monitoring_line(2, kShaA, kShaB)});
}

ModelHealthInputs fixture_inputs(const std::string& monitoring_text) {
  ModelHealthInputs in;
  in.dual_baseline = fixture_dual_baseline(kShaA, kShaB);
  in.monitoring_text = monitoring_text;
  in.monitoring = history_state("monitoring_history.jsonl", true,
                                verify_history(monitoring_text, [](std::string_view line) {
                                  return cli::sha256_hex(std::string(line));
                                }));
  in.training = history_state("training_history.jsonl", false, HistoryCheck{});
  in.alerts = {{"days", 10}, {"alarm_days", 0}, {"detectors", json::array()}};
  in.export_id = std::string(64, 'e');
  return in;
}

}  // namespace

TEST_CASE("model health: A vs B side by side, one monitoring entry per line, the latest rule",
          "[model_health]") {
  const json doc = model_health_document(fixture_inputs(three_runs()));
  CHECK(doc["format"] == "vixray-model-health");
  CHECK(doc["export_id"] == std::string(64, 'e'));
  const json& a = doc["models"]["model_a"];
  const json& b = doc["models"]["model_b"];
  CHECK(a["role"] == "A");
  CHECK(a["training"] ==
        json{{"samples", 675}, {"date_start", "2005-03-01"}, {"date_end", "2007-08-24"}});
  CHECK(a["holdout"] == json{{"name", "validation"},
                             {"samples", 75},
                             {"date_start", "2007-08-27"},
                             {"date_end", "2007-12-31"}});
  CHECK(b["holdout"] == json{{"name", "test"},
                             {"samples", 30},
                             {"date_start", "2007-11-16"},
                             {"date_end", "2007-12-31"}});
  CHECK(b["metrics"] == fixture_metrics(0.1, 0.2));  // passed through as written
  REQUIRE(doc["monitoring"].size() == 3);
  const json& run = doc["monitoring"][1];
  CHECK(run["line"] == 2);
  CHECK(run["recommendation"] == "RETRAIN");
  CHECK(run["drift"] == json{{"model_a", 0.2}, {"model_b", 0.3}});
  CHECK(run["psi"] == json{{"model_a", 0.05}, {"model_b", 0.04}});
  CHECK(run["model_b_win_rate"] == 0.5);
  CHECK(run["windows"].size() == 2);
  CHECK(doc["latest_recommendation"]["recommendation"] == "USE MODEL A");
  CHECK(doc["latest_recommendation"]["line"] == 3);
  CHECK(doc["latest_recommendation"]["exit_code"] == 0);
  CHECK(doc["rules"] ==
        json{{"watch_drift", 0.05}, {"retrain_drift", 0.10}, {"prefer_b_win_rate", 0.75}});
  CHECK(doc["history"]["monitoring"]["ok"] == true);
  CHECK(doc["history"]["monitoring"]["lines"] == 3);
  CHECK(doc["history"]["monitoring"]["anchor"].get<std::string>().size() == 64);
  CHECK(doc["history"]["training"]["present"] == false);
  CHECK(doc["alerts"]["days"] == 10);
}

TEST_CASE("model health: no monitoring yet, a torn line left out, a missing field named",
          "[model_health]") {
  SECTION("no monitoring history: no entries, no recommendation") {
    const json doc = model_health_document(fixture_inputs(""));
    CHECK(doc["monitoring"].empty());
    CHECK(doc["latest_recommendation"].is_null());
  }
  SECTION("a torn last line: the complete lines only, the history not ok at line 3") {
    std::string text = three_runs();
    text.resize(text.size() - 20);
    const json doc = model_health_document(fixture_inputs(text));
    CHECK(doc["monitoring"].size() == 2);
    CHECK(doc["latest_recommendation"]["recommendation"] == "RETRAIN");
    CHECK(doc["history"]["monitoring"]["ok"] == false);
    CHECK(doc["history"]["monitoring"]["line"] == 3);
    CHECK(doc["history"]["monitoring"]["anchor"] == "");
  }
  SECTION("a monitoring line without its drift: file, line and field") {
    json line = fixture_monitoring_line(0, kShaA, kShaB);
    line["drift"].erase("model_b");
    CHECK_THROWS_WITH(model_health_document(fixture_inputs(fixture_history({line}))),
                      "monitoring_history.jsonl:1.drift: missing field \"model_b\"");
  }
  SECTION("a baseline without Model B's test samples") {
    ModelHealthInputs in = fixture_inputs("");
    in.dual_baseline["model_b"].erase("test_samples");
    CHECK_THROWS_WITH(model_health_document(in),
                      "dual_model_baseline.json.model_b: missing field \"test_samples\"");
  }
}

namespace {

// A model folder around one cheap training (Model A and B the same bundle: the folder checks of
// `history verify` are not what is tested here), with the fixture's baseline and histories.
struct HealthFolder {
  TempDir dir;
  std::string models;
  HealthFolder() {
    write_fast_settings(dir, "fast_settings.json");
    models = dir / "models";
    fs::create_directories(models);
    const Run run = run_cli("train --sim-start 2005-01-03 --sim-end 2007-12-31 --settings " +
                                (dir / "fast_settings.json") + " --out " + models + "/model_a.json",
                            dir);
    REQUIRE(run.status == 0);
    fs::copy_file(models + "/model_a.json", models + "/model_b.json");
    fs::create_symlink("model_a.json", models + "/latest.json");
    const std::string sha = json::parse(read_text(models + "/model_a.json"))["content_sha256"];
    write_text(models + "/dual_model_baseline.json", fixture_dual_baseline(sha, sha).dump(2));
    json trained = {{"trained_at", "2026-12-03T00:00:00Z"},
                    {"kind", "market"},
                    {"bundles",
                     {{{"file", "model_a.json"}, {"role", "A"}, {"sha256", sha}},
                      {{"file", "model_b.json"}, {"role", "B"}, {"sha256", sha}}}},
                    {"bundle_sha256", sha}};
    write_text(models + "/training_history.jsonl", fixture_history({trained, trained}));
    write_text(models + "/monitoring_history.jsonl",
               fixture_history(
                   {fixture_monitoring_line(0, sha, sha), fixture_monitoring_line(1, sha, sha)}));
  }
};

const HealthFolder& health_folder() {
  static const HealthFolder f;
  return f;
}

}  // namespace

TEST_CASE("export --models writes model_health.json with the export's id, and validate passes",
          "[model_health][cli]") {
  const auto& f = health_folder();
  TempDir dir;
  const Run run = run_cli("export --models " + f.models + " --out " + (dir / "site"), dir);
  REQUIRE(run.status == 0);
  CHECK(run.out.find("model_health.json") != std::string::npos);
  const json health = json::parse(read_text(dir / "site/model_health.json"));
  const json report = json::parse(read_text(dir / "site/anomaly_report.json"));
  CHECK(health["export_id"] == report["export_id"]);
  // latest.json (Model A) is the model exported.
  CHECK(read_text(dir / "site/model.json") == read_text(f.models + "/model_a.json"));
  CHECK(health["monitoring"].size() == 2);
  CHECK(health["latest_recommendation"]["recommendation"] == "RETRAIN");
  CHECK(health["history"]["training"]["ok"] == true);
  CHECK(health["history"]["training"]["lines"] == 2);
  CHECK(health["history"]["monitoring"]["ok"] == true);
  CHECK(run_cli("validate " + (dir / "site"), dir).status == 0);

  SECTION("a model_health.json of another export is refused by validate") {
    json other = health;
    other["export_id"] = std::string(64, '0');
    write_text(dir / "site/model_health.json", other.dump());
    const Run bad = run_cli("validate " + (dir / "site"), dir);
    CHECK(bad.status == 1);
    CHECK(bad.err.find("model_health.json: export_id") != std::string::npos);
  }
  SECTION("without --models the folder has no model_health.json") {
    const Run plain =
        run_cli("export --model " + f.models + "/model_a.json --out " + (dir / "plain"), dir);
    REQUIRE(plain.status == 0);
    CHECK_FALSE(fs::exists(dir / "plain/model_health.json"));
  }
}

TEST_CASE(
    "export --models: a tampered history is named by file and line; errors leave the "
    "folder as it was",
    "[model_health][cli]") {
  const auto& f = health_folder();
  TempDir dir;
  const std::string copy = dir / "models";
  fs::copy(f.models, copy, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  SECTION("an edited training line") {
    std::string text = read_text(copy + "/training_history.jsonl");
    text.replace(text.find("2026-12-03"), 4, "2025");  // line 1 edited: line 2's link breaks
    write_text(copy + "/training_history.jsonl", text);
    const Run run = run_cli("export --models " + copy + " --out " + (dir / "site"), dir);
    REQUIRE(run.status == 0);  // the export shows the broken history, it does not hide it
    const json h = json::parse(read_text(dir / "site/model_health.json"))["history"]["training"];
    CHECK(h["ok"] == false);
    CHECK(h["file"] == "training_history.jsonl");
    CHECK(h["line"] == 2);
    CHECK_FALSE(h["message"].get<std::string>().empty());
  }
  SECTION("a monitoring line naming a bundle no training recorded (chain intact)") {
    const std::string sha = json::parse(read_text(copy + "/model_a.json"))["content_sha256"];
    write_text(copy + "/monitoring_history.jsonl",
               fixture_history({fixture_monitoring_line(0, sha, sha),
                                fixture_monitoring_line(1, std::string(64, 'f'), sha)}));
    const Run run = run_cli("export --models " + copy + " --out " + (dir / "site"), dir);
    REQUIRE(run.status == 0);
    const json h = json::parse(read_text(dir / "site/model_health.json"))["history"];
    CHECK(h["training"]["ok"] == true);
    CHECK(h["monitoring"]["ok"] == false);
    CHECK(h["monitoring"]["line"] == 2);
    CHECK_FALSE(h["monitoring"]["message"].get<std::string>().empty());
  }
  SECTION("no dual baseline: one line naming the file, nothing written") {
    fs::remove(copy + "/dual_model_baseline.json");
    const Run run = run_cli("export --models " + copy + " --out " + (dir / "site"), dir);
    CHECK(run.status == 1);
    CHECK(run.err.find(copy + "/dual_model_baseline.json: missing") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "site"));
  }
  SECTION("neither --model nor --models: a usage error") {
    const Run run = run_cli("export --out " + (dir / "site"), dir);
    CHECK(run.status != 0);
    CHECK(run.err.find("--model or --models") != std::string::npos);
  }
}
