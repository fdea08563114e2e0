// `vixray history verify FILE [--anchor HEX]`: checks every link of a training history (the
// JSONL file `train --history` appends to) and names the first broken line; on success prints
// one line with the anchor (the SHA-256 of the last line), which whoever keeps it can later give
// as --anchor to catch an edited or removed last line. Given a model folder (train --out DIR),
// checks both of its histories and its bundles (docs/LIFECYCLE.md, "Verification").

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bundle_file.hpp"
#include "commands.hpp"
#include "files.hpp"
#include "folder_files.hpp"
#include "history_file.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/ensemble/history_bundles.hpp"

namespace vixray::cli {
namespace {

struct HistoryOptions {
  std::string file, anchor;
};

// The lines of an intact history (a missing file is an empty history); throws naming PATH:LINE.
std::vector<nlohmann::json> intact_lines(const std::string& path, HistoryCheck& check) {
  std::vector<nlohmann::json> lines;
  if (!std::filesystem::exists(path)) return lines;
  const std::string text = read_file(path);
  check = verify_history_text(text);
  if (!check.ok()) throw Error(history_error(path, check));
  for (size_t start = 0; start < text.size();) {
    const size_t end = text.find('\n', start);
    lines.push_back(parse_json_fast(std::string_view(text).substr(start, end - start)));
    start = end + 1;
  }
  return lines;
}

std::string described(const HistoryCheck& check) {
  return check.hashes.empty()
             ? "empty"
             : std::to_string(check.hashes.size()) + " line(s), anchor " + check.anchor();
}

void run_folder_verify(const std::string& dir) {
  HistoryCheck training_check, monitoring_check;
  const auto training = intact_lines(model_folder_file(dir, kTrainingHistoryFile), training_check);
  const auto monitoring =
      intact_lines(model_folder_file(dir, kMonitoringHistoryFile), monitoring_check);
  std::map<std::string, std::string> present;
  for (const char* name : {kModelAFile, kModelBFile}) {
    const std::string path = model_folder_file(dir, name);
    if (std::filesystem::exists(path))
      present[name] =
          read_sealed_json(path, "model bundle").at("content_sha256").get<std::string>();
  }
  const HistoryBundlesCheck bundles = check_history_bundles(
      training, monitoring, present, kTrainingHistoryFile, kMonitoringHistoryFile);
  if (!bundles.ok())
    throw Error(model_folder_file(dir, bundles.file.c_str()) +
                (bundles.line > 0 ? ":" + std::to_string(bundles.line) : std::string()) + ": " +
                bundles.message);
  std::printf("%s: training history %s; monitoring history %s; every link intact\n", dir.c_str(),
              described(training_check).c_str(), described(monitoring_check).c_str());
  std::printf(
      "%s: %zu bundle(s) sealed, written by the last training, and every monitoring line "
      "names recorded bundles\n",
      dir.c_str(), present.size());
}

void run_history_verify(const HistoryOptions& o) {
  if (std::filesystem::is_directory(o.file)) {
    if (!o.anchor.empty())
      throw Error("--anchor: applies to one history FILE, not to a model folder (" + o.file + ")");
    run_folder_verify(o.file);
    return;
  }
  if (!o.anchor.empty() &&
      (o.anchor.size() != 64 ||
       o.anchor.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos))
    throw Error("--anchor: expected a SHA-256 (64 hex digits), got " +
                std::to_string(o.anchor.size()) + " characters");
  const HistoryCheck check = verify_history_text(read_file(o.file));
  if (!check.ok()) throw Error(history_error(o.file, check));
  const size_t lines = check.hashes.size();
  std::string kept;
  if (!o.anchor.empty()) {
    const size_t j = anchor_line(check, o.anchor);
    if (j == 0)
      throw Error(o.file +
                  ": --anchor is the SHA-256 of no line (the line it was kept for was "
                  "edited or removed)");
    kept = j == lines ? "; --anchor is line " + std::to_string(j) + ", the last"
                      : "; --anchor is line " + std::to_string(j) + " (" +
                            std::to_string(lines - j) + " line(s) appended after it)";
  }
  if (lines == 0) {
    std::printf("%s: empty history, nothing to check%s\n", o.file.c_str(), kept.c_str());
    return;
  }
  std::printf("%s: %zu line(s), every link intact; anchor %s%s\n", o.file.c_str(), lines,
              check.anchor().c_str(), kept.c_str());
}

}  // namespace

void register_history_commands(CLI::App& app, Action& action) {
  auto* history = app.add_subcommand(
      "history", "check a training history (train --history) or a model folder's histories");
  history->require_subcommand(1);
  auto options = std::make_shared<HistoryOptions>();
  auto* verify = history->add_subcommand(
      "verify",
      "check every link of a training history and name the first edited, removed, inserted, "
      "reordered or torn line; prints the anchor (SHA-256 of the last line). Given a model "
      "folder: both histories, and the bundles against them");
  verify->add_option("FILE", options->file, "history (JSONL) or model folder (train --out DIR)")
      ->required();
  verify->add_option("--anchor", options->anchor,
                     "an anchor kept earlier (printed by train): fails unless it is the SHA-256 "
                     "of a line, catching an edited or removed last line");
  verify->callback([options, &action] { action = [options] { run_history_verify(*options); }; });
}

}  // namespace vixray::cli
