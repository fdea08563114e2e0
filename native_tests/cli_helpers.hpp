// Helpers for tests that read files or run the built `vixray` CLI (VIXRAY_CLI_PATH): a temporary
// folder per test case, file read/write, and a run that captures the exit code, stdout and stderr.
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

namespace vixray::test {

namespace fs = std::filesystem;

// A fresh directory per test case (ctest runs test cases as parallel processes), removed after.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("vixray_cli_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/// A file of the repository's testdata/ folder (path relative to it); throws naming the path if
/// it cannot be read, so a test fails rather than skips when its data is missing.
inline std::string read_testdata(const std::string& relative) {
  const std::string path = std::string(VIXRAY_TESTDATA_DIR) + "/" + relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("test data " + path + " cannot be read");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

/// The built-in catalogue with 5 trees a detector and 10 bootstrap resamples, written to
/// DIR/NAME: the settings of the CLI tests' cheap trainings. Returns the file's path.
inline std::string write_fast_settings(const TempDir& dir,
                                       const std::string& name = "fast_settings.json") {
  auto catalogue = nlohmann::json::parse(
      read_text(std::string(VIXRAY_SOURCE_DIR) + "/models/detector_catalogue.json"));
  catalogue["settings"]["forest"]["default"]["n_trees"] = 5;
  catalogue["settings"]["thresholds"]["default"]["bootstrap_resamples"] = 10;
  const std::string path = dir / name;
  write_text(path, catalogue.dump());
  return path;
}

struct Run {
  int status;  // exit code, or -1 if the process did not exit normally (a crash)
  std::string out, err;
};

// Runs `vixray ARGS` (ARGS is shell text; paths here never contain quotes) with stdout and
// stderr captured in files of `dir`. `prefix` is shell text put before the command (environment
// variables such as "VIXRAY_TEST_KILL_AT=export:before-swap ", or "ulimit -f 64; ").
inline Run run_cli(const std::string& args, const TempDir& dir, const std::string& prefix = "") {
  const std::string out = dir / "stdout.txt", err = dir / "stderr.txt";
  const std::string command =
      prefix + "'" + VIXRAY_CLI_PATH + "' " + args + " >'" + out + "' 2>'" + err + "'";
  const int raw = std::system(command.c_str());
  Run run;
  run.status = (raw != -1 && WIFEXITED(raw)) ? WEXITSTATUS(raw) : -1;
  run.out = read_text(out);
  run.err = read_text(err);
  return run;
}

}  // namespace vixray::test

// The helpers every CLI test uses, by their short names: declared here once, not in each file.
using vixray::test::read_text;
using vixray::test::Run;
using vixray::test::run_cli;
using vixray::test::TempDir;
using vixray::test::write_text;
