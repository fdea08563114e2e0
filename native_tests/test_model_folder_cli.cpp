// `vixray train --out DIR` (a model folder, docs/LIFECYCLE.md) end to end on cheap trainings (a
// three-year simulated market, 5 trees a detector): the folder's files and fields, the history
// chained across trainings with the other files carried over, a single-file --out unchanged,
// refusals (--history, a broken history, a second writer) leaving the folder as it was, and a
// kill at every kill point leaving the old folder or the complete new one.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_helpers.hpp"
#include "folder_lock.hpp"

namespace fs = std::filesystem;

namespace {

using Folder = std::map<std::string, std::string>;  // name -> bytes ("-> target" for a link)

Folder folder_of(const std::string& dir) {
  Folder f;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    f[name] =
        e.is_symlink() ? "-> " + fs::read_symlink(e.path()).string() : read_text(e.path().string());
  }
  return f;
}

void put_folder(const Folder& f, const std::string& dir) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [name, text] : f) {
    if (text.rfind("-> ", 0) == 0)
      fs::create_symlink(text.substr(3), fs::path(dir) / name);
    else
      write_text((fs::path(dir) / name).string(), text);
  }
}

// Leftovers of killed runs beside `dir` (".NAME.vixray-new-*", ".NAME.vixray-old-*"; the lock
// file ".NAME.vixray-lock" stays by design).
std::set<std::string> leftovers(const std::string& dir) {
  std::set<std::string> out;
  const std::string name = fs::path(dir).filename().string();
  for (const auto& e : fs::directory_iterator(fs::path(dir).parent_path())) {
    const std::string file = e.path().filename().string();
    if (file.rfind("." + name + ".vixray-new-", 0) == 0 ||
        file.rfind("." + name + ".vixray-old-", 0) == 0)
      out.insert(file);
  }
  return out;
}

size_t lines_of(const std::string& text) {
  size_t n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

const std::string kClock = "SOURCE_DATE_EPOCH=1767225600 ";
const std::string kMonitoring = "{\"monitored_at\":\"x\",\"previous_sha256\":\"0\"}\n";

// The old folder (seed 1, with a monitoring history the trainings must carry over), the new one
// a second training (seed 2) makes of it, and the arguments of that training.
struct Folders {
  TempDir dir;
  std::string settings;
  Folder old_files, new_files;
  Folders() {
    settings = write_fast_settings(dir, "fast_settings.json");
    const std::string m = dir / "m";
    REQUIRE(run_cli(args(1, m + "/"), dir, kClock).status == 0);
    write_text(m + "/monitoring_history.jsonl", kMonitoring);
    old_files = folder_of(m);
    REQUIRE(run_cli(args(2, m), dir, kClock).status == 0);
    new_files = folder_of(m);
  }
  std::string args(int seed, const std::string& out) const {
    return "train --sim-seed " + std::to_string(seed) +
           " --sim-start 2005-01-03 --sim-end 2007-12-31 --settings " + settings + " --out " + out;
  }
};

const Folders& folders() {
  static const Folders f;
  return f;
}

nlohmann::json json_of(const Folder& f, const std::string& name) {
  return nlohmann::json::parse(f.at(name));
}

// Checks a folder is a complete model folder of `trainings` trainings.
void check_complete(const Folder& f, size_t trainings, const TempDir& dir) {
  CHECK(f.size() == 7);  // the six files of train + the carried monitoring history
  CHECK(f.at("latest.json") == "-> model_a.json");
  CHECK(f.at("monitoring_history.jsonl") == kMonitoring);
  const auto a = json_of(f, "model_a.json"), b = json_of(f, "model_b.json");
  const auto v = json_of(f, "validation_baseline.json");
  const auto d = json_of(f, "dual_model_baseline.json");
  CHECK(v["bundle_sha256"] == a["content_sha256"]);
  CHECK(d["model_a"]["bundle_sha256"] == a["content_sha256"]);
  CHECK(d["model_b"]["bundle_sha256"] == b["content_sha256"]);
  CHECK(a["training_data"]["split"]["role"] == "A");
  CHECK(b["training_data"]["split"]["role"] == "B");
  const std::string history = f.at("training_history.jsonl");
  CHECK(lines_of(history) == trainings);
  const size_t before_last = history.rfind('\n', history.size() - 2);
  const auto last =
      nlohmann::json::parse(history.substr(before_last == std::string::npos ? 0 : before_last + 1));
  CHECK(last["bundle_sha256"] == a["content_sha256"]);
  CHECK(last["bundles"][1]["sha256"] == b["content_sha256"]);
  CHECK(last["model_b"].dump() == d["model_b"].dump());  // dump: a NaN (null) != itself
  write_text(dir / "check_history.jsonl", history);
  CHECK(run_cli("history verify " + (dir / "check_history.jsonl"), dir).status == 0);
}

}  // namespace

TEST_CASE("train --out DIR/ writes the model folder", "[model_folder][cli]") {
  const Folders& f = folders();
  TempDir dir;
  put_folder(f.new_files, dir / "m");
  check_complete(f.new_files, 2, dir);
  // latest.json resolves to Model A's bundle inside the folder.
  CHECK(read_text(dir / "m/latest.json") == f.new_files.at("model_a.json"));
  const auto v = json_of(f.new_files, "validation_baseline.json");
  CHECK(v["format"] == "vixray-validation-baseline");
  CHECK(v["kind"] == "market");
  CHECK(v["timestamp"] == "2026-01-01T00:00:00Z");
  CHECK(v["metrics"]["events"].is_object());  // simulated data: the simulator's events
  const auto d = json_of(f.new_files, "dual_model_baseline.json");
  CHECK(d["model_b"]["test_samples"] == 30);
  CHECK(d["model_a"]["training_samples"].get<int64_t>() +
            d["model_a"]["validation_samples"].get<int64_t>() ==
        d["model_b"]["training_samples"].get<int64_t>() + 30);
  // The first training of a new folder starts the chain.
  const std::string first = f.old_files.at("training_history.jsonl");
  CHECK(nlohmann::json::parse(first)["previous_sha256"] == "0");
  CHECK(f.new_files.at("training_history.jsonl").rfind(first, 0) == 0);  // appended
}

TEST_CASE("train --out FILE keeps writing one bundle, no folder", "[model_folder][cli]") {
  const Folders& f = folders();
  TempDir dir;
  const std::string base =
      "train --sim-start 2005-01-03 --sim-end 2007-12-31 --settings " + f.settings + " --out ";
  REQUIRE(run_cli(base + (dir / "single.json"), dir, kClock).status == 0);
  // --history still works beside a single file, and leaves the bundle's bytes alone.
  const Run with_history =
      run_cli(base + (dir / "again.json") + " --history " + (dir / "h.jsonl"), dir, kClock);
  REQUIRE(with_history.status == 0);
  CHECK(read_text(dir / "single.json") == read_text(dir / "again.json"));
  const auto bundle = nlohmann::json::parse(read_text(dir / "single.json"));
  CHECK_FALSE(bundle["training_data"].contains("split"));
  CHECK(lines_of(read_text(dir / "h.jsonl")) == 1);
  // An existing file is replaced as before (not taken for a folder).
  REQUIRE(run_cli(base + (dir / "single.json"), dir, kClock).status == 0);
  CHECK(fs::is_regular_file(dir / "single.json"));
}

TEST_CASE("train --out DIR refuses --history and a broken history, folder unchanged",
          "[model_folder][cli][errors]") {
  const Folders& f = folders();
  TempDir dir;
  const std::string m = dir / "m";
  put_folder(f.old_files, m);
  Run run = run_cli(f.args(2, m) + " --history " + (dir / "h.jsonl"), dir);
  CHECK(run.status == 1);
  CHECK(run.err.find("--history: not with a model folder") != std::string::npos);
  CHECK(folder_of(m) == f.old_files);
  CHECK_FALSE(fs::exists(dir / "h.jsonl"));
  // A torn last line (an interrupted write): refused naming the file and line.
  Folder broken = f.old_files;
  broken["training_history.jsonl"] += "{\"trained_at\":";
  put_folder(broken, m);
  run = run_cli(f.args(2, m), dir);
  CHECK(run.status == 1);
  CHECK(run.err.find(m + "/training_history.jsonl:2: ") != std::string::npos);
  CHECK(folder_of(m) == broken);
  CHECK(leftovers(m).empty());
}

TEST_CASE("train --out DIR is refused while another process holds the folder",
          "[model_folder][cli][lock]") {
  const Folders& f = folders();
  TempDir dir;
  const std::string m = dir / "m";
  put_folder(f.old_files, m);
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  const pid_t holder = ::fork();
  REQUIRE(holder >= 0);
  if (holder == 0) {  // the child holds the lock until it is killed
    ::close(ready[0]);
    vixray::cli::FolderLock lock(m, "monitor");
    const char byte = 1;
    if (::write(ready[1], &byte, 1) != 1) ::_exit(2);
    for (;;) ::pause();
  }
  ::close(ready[1]);
  char byte = 0;
  REQUIRE(::read(ready[0], &byte, 1) == 1);
  ::close(ready[0]);
  const Run refused = run_cli(f.args(2, m), dir, kClock);
  CHECK(refused.status == 1);
  CHECK(refused.err.find("another vixray process is writing this folder (monitor pid " +
                         std::to_string(holder) + ")") != std::string::npos);
  CHECK(folder_of(m) == f.old_files);
  // The kernel drops a killed holder's lock: the next train goes through.
  ::kill(holder, SIGKILL);
  ::waitpid(holder, nullptr, 0);
  REQUIRE(run_cli(f.args(2, m), dir, kClock).status == 0);
  CHECK(folder_of(m) == f.new_files);
}

TEST_CASE("train --out DIR is whole or not written at every kill point",
          "[model_folder][cli][kill]") {
  const Folders& f = folders();
  check_complete(f.old_files, 1, f.dir);
  TempDir dir;
  const std::string m = dir / "m";
  std::vector<std::pair<std::string, std::string>> points;  // (prefix, kill point)
  points.emplace_back("", "train:after-lock");
  for (int k = 1; k <= 6; ++k) points.emplace_back("", "train:after-file-" + std::to_string(k));
  points.emplace_back("", "train:after-link-latest.json");
  points.emplace_back("", "train:before-swap");
  points.emplace_back("", "train:after-swap");
  points.emplace_back("VIXRAY_TEST_NO_EXCHANGE=1 ", "train:between-renames");
  int whole_old = 0, whole_new = 0, absent = 0;
  for (const auto& [prefix, point] : points) {
    CAPTURE(prefix, point);
    put_folder(f.old_files, m);
    const Run run =
        run_cli(f.args(2, m), dir, kClock + prefix + "VIXRAY_TEST_KILL_AT=" + point + " ");
    CHECK(run.status != 0);  // killed (SIGKILL)
    if (!fs::exists(m)) {
      CHECK(point == "train:between-renames");  // the old folder is whole beside it
      ++absent;
      continue;
    }
    const Folder now = folder_of(m);
    CHECK((now == f.old_files || now == f.new_files));
    whole_old += now == f.old_files;
    whole_new += now == f.new_files;
  }
  CHECK(whole_old == 9);  // killed before the swap
  CHECK(whole_new == 1);  // after it
  CHECK(absent == 1);
  // The next training removes the leftovers and publishes whole.
  put_folder(f.old_files, m);
  REQUIRE(run_cli(f.args(2, m), dir, kClock).status == 0);
  CHECK(leftovers(m).empty());
  CHECK(folder_of(m) == f.new_files);
  check_complete(folder_of(m), 2, dir);
}
