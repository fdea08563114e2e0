// `vixray history verify FILE [--anchor HEX]`: checks every link of a training history (the
// JSONL file `train --history` appends to) and names the first broken line; on success prints
// one line with the anchor (the SHA-256 of the last line), which whoever keeps it can later give
// as --anchor to catch an edited or removed last line.

#include <cstdio>
#include <memory>
#include <string>

#include "commands.hpp"
#include "files.hpp"
#include "history_file.hpp"
#include "vixray/base/error.hpp"

namespace vixray::cli {
namespace {

struct HistoryOptions {
  std::string file, anchor;
};

void run_history_verify(const HistoryOptions& o) {
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
  auto* history = app.add_subcommand("history", "check a training history (train --history)");
  history->require_subcommand(1);
  auto options = std::make_shared<HistoryOptions>();
  auto* verify = history->add_subcommand(
      "verify",
      "check every link of a training history and name the first edited, removed, inserted, "
      "reordered or torn line; prints the anchor (SHA-256 of the last line)");
  verify->add_option("FILE", options->file, "training history (JSONL)")->required();
  verify->add_option("--anchor", options->anchor,
                     "an anchor kept earlier (printed by train): fails unless it is the SHA-256 "
                     "of a line, catching an edited or removed last line");
  verify->callback([options, &action] { action = [options] { run_history_verify(*options); }; });
}

}  // namespace vixray::cli
