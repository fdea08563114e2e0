// `vixray export --out DIR` writes whole or not at all, and `vixray validate` sees a folder mixed
// from two exports: kills at every deterministic kill point of the write phase and the swap
// (VIXRAY_TEST_KILL_AT), the fallback without RENAME_EXCHANGE (VIXRAY_TEST_NO_EXCHANGE), a full
// disk (ulimit -f, SIGXFSZ ignored: write() fails with EFBIG), an export whose own output breaks
// the rules (VIXRAY_TEST_BREAK_EXPORT), and the CLI's file errors keeping errno.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_helpers.hpp"
#include "files.hpp"
#include "vixray/base/error.hpp"

namespace fs = std::filesystem;

namespace {

using Folder = std::map<std::string, std::string>;  // file name -> bytes

Folder folder_of(const std::string& dir) {
  Folder f;
  for (const auto& e : fs::directory_iterator(dir))
    f[e.path().filename().string()] = read_text(e.path().string());
  return f;
}

void put_folder(const Folder& f, const std::string& dir) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [name, text] : f) write_text((fs::path(dir) / name).string(), text);
}

// Entries of the folder holding `dir` whose names start with ".<dir's name>.vixray-".
std::set<std::string> siblings(const std::string& dir) {
  std::set<std::string> out;
  const std::string prefix = "." + fs::path(dir).filename().string() + ".vixray-";
  for (const auto& e : fs::directory_iterator(fs::path(dir).parent_path()))
    if (e.path().filename().string().rfind(prefix, 0) == 0)
      out.insert(e.path().filename().string());
  return out;
}

// The export's clock fixed (its timestamp), so a run's files can be compared with a snapshot.
const std::string kFixedClock = "SOURCE_DATE_EPOCH=1767225600 ";

// A short simulated model, an old export (the model's own data) and the arguments of a new one
// (another simulated history: every file differs).
struct Exports {
  TempDir dir;
  std::string model, new_args;
  Folder old_files, new_files;
  Exports() {
    model = dir / "model.json";
    REQUIRE(
        run_cli("train --sim-start 2006-01-02 --sim-end 2009-12-31 --out " + model, dir).status ==
        0);
    const std::string sim = dir / "sim7";
    REQUIRE(
        run_cli("simulate --seed 7 --start 2006-01-02 --end 2010-03-31 --out " + sim, dir).status ==
        0);
    new_args = "export --model " + model;
    for (const char* s : {"spx", "vix", "vix9d", "vix3m", "vvix", "skew"})
      new_args += std::string(" --") + s + " " + sim + "/" + s + ".csv";
    REQUIRE(
        run_cli("export --model " + model + " --out " + (dir / "old"), dir, kFixedClock).status ==
        0);
    REQUIRE(run_cli(new_args + " --out " + (dir / "new"), dir, kFixedClock).status == 0);
    old_files = folder_of(dir / "old");
    new_files = folder_of(dir / "new");
  }
};

const Exports& exports() {
  static const Exports e;
  return e;
}

}  // namespace

TEST_CASE("write_file keeps the reason of a failed replace (not 'Success')", "[export][files]") {
  TempDir dir;
  // Renaming a file onto a folder that holds a file fails with EISDIR; the old code reused the
  // rename's error_code for the cleanup and printed "cannot replace the file (Success)".
  fs::create_directories(dir / "target");
  write_text(dir / "target/inside", "x");
  try {
    vixray::cli::write_file(dir / "target", "new");
    FAIL("write_file replaced a folder");
  } catch (const vixray::Error& e) {
    const std::string what = e.what();
    CHECK(what.find("cannot replace the file") != std::string::npos);
    CHECK(what.find("Success") == std::string::npos);
    CHECK(what.find("Is a directory") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(dir / "target.tmp-vixray"));
  CHECK(read_text(dir / "target/inside") == "x");
}

TEST_CASE("export is whole or not written at every kill point", "[export][cli][kill]") {
  const auto& e = exports();
  REQUIRE(e.old_files.size() == 11);
  REQUIRE(e.new_files.size() == 11);
  // Every file differs but model.json (the same model scores both histories).
  for (const auto& [name, text] : e.old_files)
    if (name != "model.json") CHECK(e.new_files.at(name) != text);
  TempDir dir;
  const std::string out = dir / "out";
  std::vector<std::pair<std::string, std::string>> points;  // (prefix, kill point)
  for (int k = 1; k <= 11; ++k) points.emplace_back("", "export:after-file-" + std::to_string(k));
  points.emplace_back("", "export:before-swap");
  points.emplace_back("", "export:after-swap");
  // Without RENAME_EXCHANGE (two renames): between them the folder is absent, never mixed.
  points.emplace_back("VIXRAY_TEST_NO_EXCHANGE=1 ", "export:before-swap");
  points.emplace_back("VIXRAY_TEST_NO_EXCHANGE=1 ", "export:between-renames");
  points.emplace_back("VIXRAY_TEST_NO_EXCHANGE=1 ", "export:after-swap");
  int tries = 0, whole_old = 0, whole_new = 0, absent = 0;
  for (const auto& [prefix, point] : points) {
    CAPTURE(prefix, point);
    put_folder(e.old_files, out);
    const Run run = run_cli(e.new_args + " --out " + out, dir,
                            kFixedClock + prefix + "VIXRAY_TEST_KILL_AT=" + point + " ");
    ++tries;
    CHECK(run.status != 0);              // killed (SIGKILL)
    CHECK_FALSE(siblings(out).empty());  // a leftover of the killed run
    if (!fs::exists(out)) {
      // Only in the fallback's window; the old export is whole beside it.
      CHECK(point == "export:between-renames");
      ++absent;
      continue;
    }
    const Folder now = folder_of(out);
    CHECK((now == e.old_files || now == e.new_files));
    whole_old += now == e.old_files;
    whole_new += now == e.new_files;
    CHECK(run_cli("validate " + out, dir).status == 0);
  }
  CHECK(tries == 16);
  CHECK(whole_old == 13);  // 11 files + before-swap, twice
  CHECK(whole_new == 2);   // after the swap, with and without RENAME_EXCHANGE
  CHECK(absent == 1);
  // The next export removes the leftovers of killed runs and publishes whole.
  REQUIRE(run_cli(e.new_args + " --out " + out, dir, kFixedClock).status == 0);
  CHECK(siblings(out).empty());
  CHECK(folder_of(out) == e.new_files);
  CHECK(run_cli("validate " + out, dir).status == 0);
}

namespace {

// The new export run over a folder holding the old one, `prefix` before the command: it must
// fail (exit 1) and leave the old folder byte-identical, nothing beside it. Its error text.
std::string failed_over_old(const Exports& e, const TempDir& dir, const std::string& prefix) {
  const std::string out = dir / "out";
  put_folder(e.old_files, out);
  const Run run = run_cli(e.new_args + " --out " + out, dir, prefix);
  CHECK(run.status == 1);
  CHECK(folder_of(out) == e.old_files);
  CHECK(siblings(out).empty());
  return run.err;
}

}  // namespace

TEST_CASE("export on a full disk fails and leaves the old folder untouched", "[export][cli]") {
  TempDir dir;
  // 200 KB per file: analysis.json (~600 KB) cannot be written; write() returns EFBIG.
  const std::string err = failed_over_old(exports(), dir, "trap '' XFSZ; ulimit -f 200; ");
  CHECK(err.find("analysis.json: write failed (File too large)") != std::string::npos);
}

TEST_CASE("export refuses its own output when it breaks the rules of validate",
          "[export][cli][errors]") {
  const auto& e = exports();
  TempDir dir;
  const std::string err = failed_over_old(e, dir, "VIXRAY_TEST_BREAK_EXPORT=1 ");
  CHECK(err.find("the folder was left as it was: anomaly_report.json: classification/"
                 "thresholds") != std::string::npos);
  // A new folder is not created either.
  CHECK(run_cli(e.new_args + " --out " + (dir / "fresh"), dir, "VIXRAY_TEST_BREAK_EXPORT=1 ")
            .status == 1);
  CHECK_FALSE(fs::exists(dir / "fresh"));
}

TEST_CASE("validate refuses a folder mixed from two exports, whichever file is foreign",
          "[export][cli][errors]") {
  const auto& e = exports();
  TempDir dir;
  const std::string out = dir / "out";
  int refused = 0;
  for (const auto& [name, text] : e.new_files) {
    if (name == "model.json") continue;  // the same bundle in both (tampered below)
    CAPTURE(name);
    Folder mixed = e.old_files;
    mixed[name] = text;
    put_folder(mixed, out);
    const Run run = run_cli("validate " + out, dir);
    CHECK(run.status == 1);
    refused += run.status == 1;
  }
  CHECK(refused == 10);
  // The bundle's checksum: model.json edited in place.
  Folder tampered = e.old_files;
  const size_t at = tampered["model.json"].find("\"forward_return_horizon\":10");
  REQUIRE(at != std::string::npos);
  tampered["model.json"].replace(at, 27, "\"forward_return_horizon\":11");
  put_folder(tampered, out);
  const Run run = run_cli("validate " + out, dir);
  CHECK(run.status == 1);
  CHECK(run.err.find("model.json: content_sha256: the bundle says") != std::string::npos);
}

TEST_CASE("identical inputs give identical export folders", "[export][cli]") {
  const auto& e = exports();
  TempDir dir;
  REQUIRE(run_cli(e.new_args + " --out " + (dir / "a"), dir, kFixedClock).status == 0);
  REQUIRE(run_cli(e.new_args + " --out " + (dir / "b"), dir, kFixedClock).status == 0);
  CHECK(folder_of(dir / "a") == folder_of(dir / "b"));
  const auto report = nlohmann::json::parse(read_text(dir / "a/anomaly_report.json"));
  CHECK(report["export_id"].get<std::string>().size() == 64);
}
