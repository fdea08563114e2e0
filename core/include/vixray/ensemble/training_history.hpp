// The training history: a JSONL file, one line per `vixray train --history`, each line a JSON
// object whose "previous_sha256" is the SHA-256 (hex) of the previous line's bytes (without its
// newline), "0" on the first line. A changed, removed, inserted or reordered line breaks a link;
// the SHA-256 of the last line (the anchor) is what a reader keeps to catch an edited last line.
//
// Pure functions on text: the caller reads and writes the file and passes the hash function in
// (the core has no SHA-256; the CLI passes OpenSSL's).
#pragma once
#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace vixray {

/// Hex digest of a line's bytes (the CLI's SHA-256).
using LineHash = std::function<std::string(std::string_view)>;

/// What the first broken line of a history is.
enum class HistoryBreak {
  none,            // every line links to the one before it
  torn,            // the last line has no newline: an interrupted write
  blank,           // an empty line
  not_json,        // not a JSON object with a string "previous_sha256"
  first_not_zero,  // the first line's previous_sha256 is not "0" (lines removed at the start)
  restarted,       // a later line's previous_sha256 is "0" (two histories joined, or inserted)
  mismatch,        // matches no line: the line before edited, or a line removed before this one
  inserted,        // points to an earlier line: the lines in between were inserted
  reordered,       // points to a later line: lines moved
};

struct HistoryCheck {
  HistoryBreak kind = HistoryBreak::none;
  size_t line = 0;                  // 1-based line of the first break (0 when none)
  std::string message;              // what is wrong, without the file name ("" when none)
  std::vector<std::string> hashes;  // hash of every complete line, in order
  bool ok() const { return kind == HistoryBreak::none; }
  /// The hash of the last line ("" for an empty history): the next line's previous_sha256.
  std::string anchor() const { return hashes.empty() ? std::string() : hashes.back(); }
};

/// Checks every link of a history text; stops at the first break.
HistoryCheck verify_history(std::string_view text, const LineHash& hash);

/// The 1-based line whose hash is `anchor` (hex, any case), 0 if none. A kept anchor found at
/// line j vouches for lines 1..j of an intact history (later lines were appended since); an
/// anchor found nowhere means the line it was kept for was edited or removed.
size_t anchor_line(const HistoryCheck& check, std::string_view anchor);

/// The line to append after an intact history: `entry` with previous_sha256 set to the history's
/// anchor ("0" when empty), as compact JSON plus "\n". Throws vixray::Error if `entry` is not an
/// object.
std::string history_line(nlohmann::json entry, const HistoryCheck& check);

}  // namespace vixray
