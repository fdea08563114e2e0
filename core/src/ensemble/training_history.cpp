#include "vixray/ensemble/training_history.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "vixray/base/error.hpp"

namespace vixray {
namespace {

struct HistoryLines {
  std::vector<std::string_view> complete;  // lines ended by '\n', without it
  bool torn = false;                       // text after the last '\n' (no newline at the end)
};

HistoryLines split_history(std::string_view text) {
  HistoryLines lines;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.torn = true;
      break;
    }
    lines.complete.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

bool is_history_record(std::string_view text) {
  const nlohmann::json entry = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (!entry.is_object()) return false;
  const auto previous = entry.find("previous_sha256");
  return previous != entry.end() && previous->is_string();
}

// Where a whole record starts inside a line that is not JSON (0 if none): what an append leaves
// after an interrupted write, the record glued onto the torn line. Tries the first few '{'.
size_t glued_record(std::string_view line) {
  size_t at = 0;
  for (int tries = 0; tries < 64; ++tries) {
    at = line.find('{', at + 1);
    if (at == std::string_view::npos) return 0;
    if (is_history_record(line.substr(at))) return at;
  }
  return 0;
}

std::string history_line_text(size_t line) { return "line " + std::to_string(line); }

// The 1-based line other than `except` whose hash is `hex`, nearest to `near` first; 0 if none.
size_t line_with_hash(const std::vector<std::string>& hashes, const std::string& hex, size_t near,
                      size_t except) {
  size_t best = 0;
  for (size_t j = 1; j <= hashes.size(); ++j) {
    if (j == except || hashes[j - 1] != hex) continue;
    const auto distance = [near](size_t a) { return a > near ? a - near : near - a; };
    if (best == 0 || distance(j) < distance(best)) best = j;
  }
  return best;
}

HistoryCheck history_break_at(HistoryCheck check, HistoryBreak kind, size_t line,
                              std::string message) {
  check.kind = kind;
  check.line = line;
  check.message = std::move(message);
  return check;
}

// The break at line k (1-based, k >= 1) whose previous_sha256 `previous` is not what it should
// be: classified by which line, if any, it is the hash of.
HistoryCheck classify_link(HistoryCheck check, size_t k, const std::string& previous) {
  const size_t j = line_with_hash(check.hashes, previous, k - 1, k);
  if (k == 1) {
    if (j > 0)
      return history_break_at(std::move(check), HistoryBreak::reordered, k,
                              "previous_sha256 is the hash of " + history_line_text(j) +
                                  ", not \"0\" as on a first line (lines reordered)");
    return history_break_at(
        std::move(check), HistoryBreak::first_not_zero, k,
        "previous_sha256 is not \"0\" as on a first line (the first line(s) removed, "
        "or the start of the file cut off)");
  }
  if (previous == "0")
    return history_break_at(
        std::move(check), HistoryBreak::restarted, k,
        "previous_sha256 is \"0\", which only the first line may have (two histories "
        "joined, or a line inserted)");
  const std::string before = history_line_text(k - 1);
  if (j > k)
    return history_break_at(std::move(check), HistoryBreak::reordered, k,
                            "previous_sha256 does not match " + before + " but " +
                                history_line_text(j) + ", after it (lines reordered)");
  if (j > 0) {
    const std::string between =
        j + 1 == k - 1 ? history_line_text(j + 1)
                       : "lines " + std::to_string(j + 1) + ".." + std::to_string(k - 1);
    return history_break_at(std::move(check), HistoryBreak::inserted, k,
                            "previous_sha256 does not match " + before + " but " +
                                history_line_text(j) + " (" + between +
                                " inserted, or lines reordered)");
  }
  return history_break_at(std::move(check), HistoryBreak::mismatch, k,
                          "previous_sha256 does not match " + before + " (" + before +
                              " edited, or a line removed or inserted before " +
                              history_line_text(k) + ")");
}

}  // namespace

HistoryCheck verify_history(std::string_view text, const LineHash& hash) {
  const HistoryLines lines = split_history(text);
  HistoryCheck check;
  check.hashes.reserve(lines.complete.size());
  for (const std::string_view line : lines.complete) check.hashes.push_back(hash(line));
  for (size_t i = 0; i < lines.complete.size(); ++i) {
    const size_t k = i + 1;
    const std::string_view line = lines.complete[i];
    if (line.empty() || line == "\r")
      return history_break_at(std::move(check), HistoryBreak::blank, k, "empty line");
    const nlohmann::json entry = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
    if (entry.is_discarded() || !entry.is_object()) {
      const size_t glued = glued_record(line);
      return history_break_at(
          std::move(check), HistoryBreak::not_json, k,
          glued == 0 ? std::string("not a JSON object")
                     : "not a JSON object (a record glued at byte " + std::to_string(glued + 1) +
                           " onto a torn line: an append after an interrupted write)");
    }
    const auto previous = entry.find("previous_sha256");
    if (previous == entry.end() || !previous->is_string())
      return history_break_at(
          std::move(check), HistoryBreak::not_json, k,
          "previous_sha256: expected a string (the SHA-256 of the previous line, \"0\" "
          "on the first)");
    const std::string& link = previous->get_ref<const std::string&>();
    if (link != (k == 1 ? std::string("0") : check.hashes[i - 1]))
      return classify_link(std::move(check), k, link);
  }
  if (lines.torn)
    return history_break_at(std::move(check), HistoryBreak::torn, lines.complete.size() + 1,
                            "torn line (no newline at end of file: an interrupted write)");
  return check;
}

size_t anchor_line(const HistoryCheck& check, std::string_view anchor) {
  std::string hex(anchor);
  std::transform(hex.begin(), hex.end(), hex.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (size_t j = check.hashes.size(); j > 0; --j)
    if (check.hashes[j - 1] == hex) return j;
  return 0;
}

std::string history_line(nlohmann::json entry, const HistoryCheck& check) {
  if (!entry.is_object()) throw Error("history_line: expected a JSON object");
  if (!check.ok())
    throw Error("history_line: the history is broken at " + history_line_text(check.line));
  entry["previous_sha256"] = check.hashes.empty() ? std::string("0") : check.anchor();
  return entry.dump() + "\n";
}

}  // namespace vixray
