// The training history on disk (`train --history`, `history verify`): read and checked through
// the core's verify_history with OpenSSL's SHA-256, and appended one whole line at a time.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "vixray/ensemble/training_history.hpp"

namespace vixray::cli {

/// verify_history with the CLI's SHA-256.
HistoryCheck verify_history_text(const std::string& text);
/// "PATH:LINE: what is wrong" for a broken history.
std::string history_error(const std::string& path, const HistoryCheck& check);
/// Throws naming PATH:LINE unless the history at `path` is intact (a missing file is an empty
/// history); run before training so a broken history stops the command before anything is
/// written.
void require_intact_history(const std::string& path);

struct AppendedLine {
  size_t line = 0;     // 1-based number of the new line
  std::string anchor;  // its SHA-256: what a reader keeps to catch a later edit
};

/// Appends `entry` (previous_sha256 set) as one line, under an exclusive lock: checks the chain
/// again, writes the whole line with one write() in O_APPEND mode (a short write is cut off
/// again) and fsyncs. Throws naming PATH:LINE on a broken history, leaving the file as it was.
AppendedLine append_history(const std::string& path, const nlohmann::json& entry);

}  // namespace vixray::cli
