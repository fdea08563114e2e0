// `vixray monitor` end to end on a small model folder (model_folder_fixture.hpp): the table, the
// recommendation and its exit code, the appended monitoring line, errors naming file and field,
// a kill at every kill point (the history is the old one, or the old one plus one complete
// line), and a second writer refused while another process holds the folder.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_helpers.hpp"
#include "folder_lock.hpp"
#include "model_folder_fixture.hpp"

using vixray::test::jsonl_lines;
using vixray::test::ModelFolderFixture;

namespace {

int monitor_exit_code_of(const std::string& recommendation) {
  if (recommendation == "WATCH") return 10;
  if (recommendation == "USE MODEL B") return 11;
  if (recommendation == "RETRAIN") return 12;
  return recommendation == "USE MODEL A" ? 0 : -2;
}

}  // namespace

TEST_CASE("monitor scores the new days, recommends and appends a line", "[monitor_cli]") {
  const auto& f = vixray::test::model_folder_fixture();
  TempDir dir;
  const std::string folder = dir / "models";
  f.make_folder(folder);
  const Run run =
      run_cli(ModelFolderFixture::monitor_args(folder, "--json " + dir / "m.json"), dir);
  INFO(run.err);
  const std::string history = folder + "/monitoring_history.jsonl";
  const auto lines = jsonl_lines(read_text(history));
  REQUIRE(lines.size() == 1);
  const auto line = nlohmann::json::parse(lines[0]);
  // The exit code is the recommendation's (LIFECYCLE.md), and the line records both.
  CHECK(run.status == line["exit_code"].get<int>());
  CHECK(run.status == monitor_exit_code_of(line["recommendation"].get<std::string>()));
  CHECK(line["previous_sha256"] == "0");
  CHECK(line["bundles"][0]["sha256"] == f.sha_a);
  CHECK(line["bundles"][1]["sha256"] == f.sha_b);
  CHECK(line["baseline"] == nlohmann::json({{"flag_rate", 0.08}, {"source", "validation"}}));
  // New days: 2008's trading days, after Model B's test end 2007-12-31.
  CHECK(line["new_days"]["date_start"] == "2008-01-02");
  CHECK(line["new_days"]["date_end"] == "2008-12-31");
  CHECK(line["monitoring_date"] == "2008-12-31");
  REQUIRE(line["windows"].size() == 4);
  CHECK(line["windows"][0]["name"] == "last 5 days");
  CHECK(line["windows"][0]["date_end"] == "2008-12-31");
  CHECK(line["windows"][3]["name"] == "all new days");
  CHECK(line["windows"][3]["days"] == line["new_days"]["n"]);
  CHECK(line["drift"]["model_a"] == line["windows"][3]["model_a"]["drift"]);
  // The printed table and recommendation.
  CHECK(run.out.find("all new days") != std::string::npos);
  CHECK(run.out.find("recommendation: " + line["recommendation"].get<std::string>()) !=
        std::string::npos);
  CHECK(run.out.find("history: " + history + " line 1, anchor ") != std::string::npos);
  // --json holds the same record.
  auto written = nlohmann::json::parse(read_text(dir / "m.json"));
  auto recorded = line;
  recorded.erase("previous_sha256");
  CHECK(written == recorded);
  // A second run appends a second, chained line; other windows are an option.
  const Run again = run_cli(ModelFolderFixture::monitor_args(folder, "--windows 5,300"), dir);
  CHECK(again.status == run.status);
  const auto two = jsonl_lines(read_text(history));
  REQUIRE(two.size() == 2);
  CHECK(two[0] == lines[0]);
  CHECK(nlohmann::json::parse(two[1])["windows"].size() == 2);  // 300 > 2008's days: left out
  const Run verify = run_cli("history verify " + folder, dir);
  INFO(verify.err);
  CHECK(verify.status == 0);
  CHECK(verify.out.find("monitoring history 2 line(s)") != std::string::npos);
}

TEST_CASE("monitor thresholds decide the recommendation", "[monitor_cli]") {
  const auto& f = vixray::test::model_folder_fixture();
  TempDir dir;
  const std::string folder = dir / "models";
  f.make_folder(folder);
  // B must win every window with drift under 0 (impossible); A's drift exceeds 0 unless it is
  // exactly 0: RETRAIN (12), or with drift thresholds beyond any drift: USE MODEL A (0).
  Run run = run_cli(
      ModelFolderFixture::monitor_args(folder, "--retrain-drift 0 --watch-drift 0 --b-win-share 1"),
      dir);
  const auto line =
      nlohmann::json::parse(jsonl_lines(read_text(folder + "/monitoring_history.jsonl"))[0]);
  if (line["drift"]["model_a"].get<double>() > 1e-9) CHECK(run.status == 12);
  run = run_cli(ModelFolderFixture::monitor_args(
                    folder, "--retrain-drift 99 --watch-drift 99 --b-win-share 1"),
                dir);
  CHECK((run.status == 0 || run.status == 11));
}

TEST_CASE("monitor errors name the file and the field and write nothing", "[monitor_cli]") {
  const auto& f = vixray::test::model_folder_fixture();
  TempDir dir;
  const std::string folder = dir / "models";
  f.make_folder(folder);
  const std::string history = folder + "/monitoring_history.jsonl";
  // No day after the training data.
  Run run =
      run_cli("monitor --models " + folder + " --sim-start 2005-01-03 --sim-end 2007-12-31", dir);
  CHECK(run.status == 1);
  CHECK(run.err.find("no new days after 2007-12-31") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(history));
  // A baseline without a field monitor reads.
  auto baseline = f.validation_baseline();
  baseline["metrics"].erase("flag_rate");
  write_text(folder + "/validation_baseline.json", baseline.dump());
  run = run_cli(ModelFolderFixture::monitor_args(folder), dir);
  CHECK(run.status == 1);
  CHECK(run.err.find("validation_baseline.json.metrics: missing field \"flag_rate\"") !=
        std::string::npos);
  // A baseline of another model.
  baseline = f.validation_baseline();
  baseline["bundle_sha256"] = f.sha_b;
  write_text(folder + "/validation_baseline.json", baseline.dump());
  run = run_cli(ModelFolderFixture::monitor_args(folder), dir);
  CHECK(run.status == 1);
  CHECK(run.err.find("validation_baseline.json.bundle_sha256: is " + f.sha_b) != std::string::npos);
  // A zero validation rate: the expected rate is the baseline.
  baseline = f.validation_baseline();
  baseline["metrics"]["flag_rate"] = 0.0;
  baseline["metrics"]["expected_flag_rate"] = 0.05;
  write_text(folder + "/validation_baseline.json", baseline.dump());
  run = run_cli(ModelFolderFixture::monitor_args(folder), dir);
  CHECK(run.status != 1);
  CHECK(nlohmann::json::parse(read_text(history))["baseline"] ==
        nlohmann::json({{"flag_rate", 0.05}, {"source", "expected"}}));
  // A torn history is refused naming PATH:LINE, and left as it is.
  const std::string torn = read_text(history) + "{\"monitored_at\":";
  write_text(history, torn);
  run = run_cli(ModelFolderFixture::monitor_args(folder), dir);
  CHECK(run.status == 1);
  CHECK(run.err.find(history + ":2") != std::string::npos);
  CHECK(read_text(history) == torn);
  // A bad --windows is refused before anything.
  run = run_cli(ModelFolderFixture::monitor_args(folder, "--windows 5,x"), dir);
  CHECK(run.status == 1);
  CHECK(run.err.find("--windows") != std::string::npos);
}

TEST_CASE("a monitor killed at any point leaves the old history or the old plus one line",
          "[monitor_cli]") {
  const auto& f = vixray::test::model_folder_fixture();
  TempDir dir;
  const std::string good = dir / "good";
  f.make_folder(good);
  for (int i = 0; i < 2; ++i)
    REQUIRE(run_cli(ModelFolderFixture::monitor_args(good), dir).status != 1);
  const std::string old = read_text(good + "/monitoring_history.jsonl");
  REQUIRE(jsonl_lines(old).size() == 2);
  for (const char* point : {"monitor:locked", "monitor:before-append", "monitor:after-append"}) {
    INFO(point);
    const std::string folder = dir / (std::string("kill_") + (point + 8));
    std::filesystem::copy(good, folder);
    const Run run = run_cli(ModelFolderFixture::monitor_args(folder), dir,
                            std::string("VIXRAY_TEST_KILL_AT=") + point + " ");
    CHECK(run.status == 128 + SIGKILL);  // killed (the shell reports 128 + the signal)
    const std::string now = read_text(folder + "/monitoring_history.jsonl");
    if (std::string(point) == "monitor:after-append") {
      REQUIRE(now.size() > old.size());
      CHECK(now.compare(0, old.size(), old) == 0);
      CHECK(jsonl_lines(now).size() == 3);
    } else {
      CHECK(now == old);
    }
    const Run verify = run_cli("history verify " + folder, dir);
    INFO(verify.err);
    CHECK(verify.status == 0);
    // The lock died with its holder: the next monitor runs.
    CHECK(run_cli(ModelFolderFixture::monitor_args(folder), dir).status != 1);
  }
}

TEST_CASE("a second monitor is refused while another process holds the folder", "[monitor_cli]") {
  const auto& f = vixray::test::model_folder_fixture();
  TempDir dir;
  const std::string folder = dir / "models";
  f.make_folder(folder);
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {  // the holder: a training writing the folder, killed by the test
    vixray::cli::FolderLock lock(folder, "train");
    const char ok = 'y';
    if (::write(ready[1], &ok, 1) != 1) ::_exit(1);
    ::pause();
    ::_exit(0);
  }
  char ok = 0;
  REQUIRE(::read(ready[0], &ok, 1) == 1);
  const Run run = run_cli(ModelFolderFixture::monitor_args(folder), dir);
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  ::close(ready[0]);
  ::close(ready[1]);
  CHECK(run.status == 1);
  CHECK(run.err.find("another vixray process is writing this folder") != std::string::npos);
  CHECK(run.err.find("train pid " + std::to_string(child)) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(folder + "/monitoring_history.jsonl"));
}
