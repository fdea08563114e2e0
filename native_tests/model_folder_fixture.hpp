// A model folder for the monitor's and history verify's CLI tests: one `vixray train --out DIR/`
// on a short simulated market (2005-2007, 5 trees a detector), so Model B's test rows end on
// 2007-12-31 and monitoring 2005-2008 has the 2008 days as new days. Trained once per test
// process; each test copies it.
#pragma once
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_helpers.hpp"

namespace vixray::test {

struct ModelFolderFixture {
  TempDir dir;
  std::string settings, sha_a, sha_b;
  std::string training_line;  // the training history's one line, with its newline

  ModelFolderFixture() {
    settings = write_fast_settings(dir, "fast_settings.json");
    const Run run = run_cli("train --sim-start 2005-01-03 --sim-end 2007-12-31 --settings " +
                                settings + " --out " + trained() + "/",
                            dir);
    INFO(run.err);
    REQUIRE(run.status == 0);
    sha_a = seal_of(trained() + "/model_a.json");
    sha_b = seal_of(trained() + "/model_b.json");
    training_line = read_text(trained() + "/training_history.jsonl");
  }

  std::string trained() const { return dir / "trained"; }

  static std::string seal_of(const std::string& path) {
    return nlohmann::json::parse(read_text(path))["content_sha256"].get<std::string>();
  }

  nlohmann::json validation_baseline() const {
    return nlohmann::json::parse(read_text(trained() + "/validation_baseline.json"));
  }

  /// Copies the trained folder to `path` (no monitoring history).
  void make_folder(const std::string& path) const {
    std::filesystem::copy(
        trained(), path,
        std::filesystem::copy_options::recursive | std::filesystem::copy_options::copy_symlinks);
  }

  /// The arguments of a monitor run over the folder (2008 is new).
  static std::string monitor_args(const std::string& folder, const std::string& more = "") {
    return "monitor --models " + folder + " --sim-start 2005-01-03 --sim-end 2008-12-31" +
           (more.empty() ? "" : " " + more);
  }
};

inline const ModelFolderFixture& model_folder_fixture() {
  static const ModelFolderFixture f;
  return f;
}

inline std::vector<std::string> jsonl_lines(const std::string& text) {
  std::vector<std::string> lines;
  for (size_t start = 0; start < text.size();) {
    const size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    start = end == std::string::npos ? text.size() : end + 1;
  }
  return lines;
}

}  // namespace vixray::test
