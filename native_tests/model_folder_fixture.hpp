// A model folder for the monitor's and history verify's CLI tests, built from today's
// single-file trainings (a short simulated market, 5 trees a detector): model_a.json trained to
// 2007-06-29, model_b.json to 2007-12-31, the two baselines written by hand with the fields
// monitor reads (docs/LIFECYCLE.md), and a one-line training history naming both bundles.
// Monitoring 2005-2008 then has the 2008 days as new days. Built once per test process.
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
    auto catalogue = nlohmann::json::parse(
        read_text(std::string(VIXRAY_SOURCE_DIR) + "/models/detector_catalogue.json"));
    catalogue["settings"]["forest"]["default"]["n_trees"] = 5;
    catalogue["settings"]["thresholds"]["default"]["bootstrap_resamples"] = 10;
    settings = dir / "fast_settings.json";
    write_text(settings, catalogue.dump());
    for (const char* end : {"2007-06-29", "2007-12-31"}) {
      const Run run =
          run_cli("train --sim-start 2005-01-03 --sim-end " + std::string(end) + " --settings " +
                      settings + " --out " + dir / (std::string(end) + ".json"),
                  dir);
      REQUIRE(run.status == 0);
    }
    sha_a = seal_of(dir / "2007-06-29.json");
    sha_b = seal_of(dir / "2007-12-31.json");
    const nlohmann::json bundles = {{{"file", "model_a.json"}, {"role", "A"}, {"sha256", sha_a}},
                                    {{"file", "model_b.json"}, {"role", "B"}, {"sha256", sha_b}}};
    training_line = nlohmann::json{{"trained_at", "2026-12-03T00:00:00Z"},
                                   {"kind", "market"},
                                   {"bundles", bundles},
                                   {"bundle_sha256", sha_a},
                                   {"previous_sha256", "0"}}
                        .dump() +
                    "\n";
  }

  static std::string seal_of(const std::string& path) {
    return nlohmann::json::parse(read_text(path))["content_sha256"].get<std::string>();
  }

  nlohmann::json validation_baseline() const {
    return {{"format", "vixray-validation-baseline"},
            {"format_version", "1.0"},
            {"kind", "market"},
            {"model", "model_a.json"},
            {"bundle_sha256", sha_a},
            {"metrics", {{"flag_rate", 0.08}, {"expected_flag_rate", 0.08}}},
            {"score_bins",
             {{"edges", {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}},
              {"shares", {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}}}}};
  }

  nlohmann::json dual_baseline() const {
    return {
        {"format", "vixray-dual-model-baseline"},
        {"format_version", "1.0"},
        {"kind", "market"},
        {"model_a", {{"file", "model_a.json"}, {"bundle_sha256", sha_a}}},
        {"model_b",
         {{"file", "model_b.json"}, {"bundle_sha256", sha_b}, {"test_date_end", "2007-12-31"}}}};
  }

  /// Writes a fresh model folder at `path` (no monitoring history).
  void make_folder(const std::string& path) const {
    namespace fs = std::filesystem;
    fs::create_directories(path);
    fs::copy_file(dir / "2007-06-29.json", path + "/model_a.json",
                  fs::copy_options::overwrite_existing);
    fs::copy_file(dir / "2007-12-31.json", path + "/model_b.json",
                  fs::copy_options::overwrite_existing);
    write_text(path + "/validation_baseline.json", validation_baseline().dump(2));
    write_text(path + "/dual_model_baseline.json", dual_baseline().dump(2));
    write_text(path + "/training_history.jsonl", training_line);
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
