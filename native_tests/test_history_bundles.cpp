// The bundle rules of a model folder's histories (ensemble/history_bundles.hpp) on hand-made
// lines, and `vixray history verify DIR` on a small model folder (model_folder_fixture.hpp)
// tampered with in every way: an edited, removed, inserted, reordered or torn history line, a
// swapped bundle, a bundle edited (its seal broken), a monitoring line naming an unknown bundle.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "bundle_file.hpp"
#include "cli_helpers.hpp"
#include "model_folder_fixture.hpp"
#include "vixray/ensemble/history_bundles.hpp"

using nlohmann::json;
using vixray::test::jsonl_lines;
using vixray::test::ModelFolderFixture;

namespace {

json bundles_line(const std::string& a, const std::string& b) {
  return {{"bundles",
           {{{"file", "model_a.json"}, {"role", "A"}, {"sha256", a}},
            {{"file", "model_b.json"}, {"role", "B"}, {"sha256", b}}}}};
}

vixray::HistoryBundlesCheck bundles_check(const std::vector<json>& training,
                                          const std::vector<json>& monitoring,
                                          const std::map<std::string, std::string>& present) {
  return vixray::check_history_bundles(training, monitoring, present, "training_history.jsonl",
                                       "monitoring_history.jsonl");
}

}  // namespace

TEST_CASE("history bundles: the last training's bundles are the files present",
          "[history_bundles]") {
  const std::map<std::string, std::string> present = {{"model_a.json", "a2"},
                                                      {"model_b.json", "b2"}};
  const std::vector<json> training = {bundles_line("a1", "b1"), bundles_line("a2", "b2")};
  // Monitoring lines may name the bundles of any training (older ones included).
  CHECK(
      bundles_check(training, {bundles_line("a1", "b1"), bundles_line("a2", "b2")}, present).ok());
  CHECK(bundles_check({}, {}, {}).ok());  // an empty folder
  // model_a.json replaced by the earlier training's bundle without a training line.
  auto r = bundles_check(training, {}, {{"model_a.json", "a1"}, {"model_b.json", "b2"}});
  CHECK(r.file == "training_history.jsonl");
  CHECK(r.line == 2);
  CHECK(r.message.find("model_a.json is not the bundle the last training wrote") !=
        std::string::npos);
  // A bundle of the last training missing.
  r = bundles_check(training, {}, {{"model_a.json", "a2"}});
  CHECK(r.line == 2);
  CHECK(r.message.find("model_b.json") != std::string::npos);
  CHECK(r.message.find("missing") != std::string::npos);
  // A bundle the last training did not write.
  r = bundles_check({json{{"bundles", {{{"file", "model_a.json"}, {"sha256", "a2"}}}}}}, {},
                    present);
  CHECK(r.message.find("model_b.json") != std::string::npos);
  CHECK(r.message.find("did not write it") != std::string::npos);
  // Bundles present, no training.
  r = bundles_check({}, {}, present);
  CHECK(r.file == "model_a.json");
  CHECK(r.line == 0);
}

TEST_CASE("history bundles: a monitoring line must name recorded bundles", "[history_bundles]") {
  const std::map<std::string, std::string> present = {{"model_a.json", "a1"},
                                                      {"model_b.json", "b1"}};
  const auto r = bundles_check({bundles_line("a1", "b1")},
                               {bundles_line("a1", "b1"), bundles_line("a1", "bX")}, present);
  CHECK(r.file == "monitoring_history.jsonl");
  CHECK(r.line == 2);
  CHECK(r.message.find("names model_b.json with content_sha256 bX") != std::string::npos);
}

TEST_CASE("history bundles: a line without bundles is named", "[history_bundles]") {
  auto r = bundles_check({json{{"bundle_sha256", "a1"}}}, {}, {});
  CHECK(r.file == "training_history.jsonl");
  CHECK(r.line == 1);
  CHECK(r.message.find("missing field \"bundles\"") != std::string::npos);
  r = bundles_check({bundles_line("a1", "b1")},
                    {bundles_line("a1", "b1"), json{{"bundles", {{{"file", 3}}}}}},
                    {{"model_a.json", "a1"}, {"model_b.json", "b1"}});
  CHECK(r.file == "monitoring_history.jsonl");
  CHECK(r.line == 2);
  CHECK(r.message.find("line 2.bundles[0].file") != std::string::npos);
}

namespace {

// A folder with two monitoring lines.
std::string monitored_folder(const TempDir& dir) {
  const std::string folder = dir / "models";
  vixray::test::model_folder_fixture().make_folder(folder);
  for (int i = 0; i < 2; ++i)
    REQUIRE(run_cli(ModelFolderFixture::monitor_args(folder, "--windows 5"), dir).status != 1);
  return folder;
}

Run verify_folder(const std::string& folder, const TempDir& dir) {
  return run_cli("history verify " + folder, dir);
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

}  // namespace

TEST_CASE("history verify DIR catches every kind of tampering", "[history_bundles]") {
  TempDir dir;
  const std::string folder = monitored_folder(dir);
  const std::string monitoring = folder + "/monitoring_history.jsonl";
  const std::string training = folder + "/training_history.jsonl";
  Run run = verify_folder(folder, dir);
  INFO(run.err);
  REQUIRE(run.status == 0);
  CHECK(run.out.find("training history 1 line(s)") != std::string::npos);
  CHECK(run.out.find("monitoring history 2 line(s)") != std::string::npos);
  const std::string good = read_text(monitoring);
  const auto lines = jsonl_lines(good);
  REQUIRE(lines.size() == 2);
  auto expect_error = [&](const std::string& where) {
    const Run r = verify_folder(folder, dir);
    CHECK(r.status == 1);
    CHECK(r.err.find(where) != std::string::npos);
    return r;
  };
  SECTION("an edited line") {
    auto entry = json::parse(lines[0]);
    entry["recommendation"] = "USE MODEL B";
    write_text(monitoring, joined({entry.dump(), lines[1]}));
    expect_error(monitoring + ":2");
  }
  SECTION("a removed line") {
    write_text(monitoring, joined({lines[1]}));
    expect_error(monitoring + ":1");
  }
  SECTION("an inserted line") {
    write_text(monitoring, joined({lines[0], lines[0], lines[1]}));
    expect_error(monitoring + ":2");
  }
  SECTION("reordered lines") {
    write_text(monitoring, joined({lines[1], lines[0]}));
    expect_error(monitoring + ":1");
  }
  SECTION("a torn last line") {
    write_text(monitoring, good + lines[1].substr(0, 40));
    expect_error(monitoring + ":3");
  }
  SECTION("an edited training line") {
    // Two trainings of the same bundles; the first line edited breaks the second's link.
    const std::string first = jsonl_lines(read_text(training))[0];
    auto second = json::parse(first);
    second["previous_sha256"] = vixray::cli::sha256_hex(first);
    write_text(training, joined({first, second.dump()}));
    REQUIRE(verify_folder(folder, dir).status == 0);
    auto edited = json::parse(first);
    edited["trained_at"] = "2020-01-01T00:00:00Z";
    write_text(training, joined({edited.dump(), second.dump()}));
    expect_error(training + ":2");
  }
  SECTION("a swapped bundle") {
    std::filesystem::copy_file(folder + "/model_b.json", folder + "/model_a.json",
                               std::filesystem::copy_options::overwrite_existing);
    const Run r = expect_error(training + ":1");
    CHECK(r.err.find("model_a.json is not the bundle the last training wrote") !=
          std::string::npos);
  }
  SECTION("a bundle edited") {
    auto bundle = json::parse(read_text(folder + "/model_a.json"));
    bundle["training_data"]["rows"] = 1;
    write_text(folder + "/model_a.json", bundle.dump());
    const Run r = expect_error(folder + "/model_a.json");
    CHECK(r.err.find("content_sha256") != std::string::npos);
  }
  SECTION("a monitoring line naming an unknown bundle") {
    auto entry = json::parse(lines[1]);
    entry["bundles"][1]["sha256"] = std::string(64, 'e');
    entry["previous_sha256"] = vixray::cli::sha256_hex(lines[0]);
    write_text(monitoring, joined({lines[0], entry.dump()}));
    const Run r = expect_error(monitoring + ":2");
    CHECK(r.err.find("a bundle no line of training_history.jsonl recorded") != std::string::npos);
  }
  SECTION("--anchor is for one file") {
    CHECK(run_cli("history verify " + folder + " --anchor " + std::string(64, 'a'), dir).status ==
          1);
  }
}
