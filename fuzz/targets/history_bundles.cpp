// The histories of a model folder as `vixray history verify DIR` reads them (cmd_history.cpp): the
// input is training_history.jsonl, the byte 0x1E, then monitoring_history.jsonl (fuzz_target.hpp,
// split_in_two). Each text goes through verify_history (with a 64-bit FNV-1a hash standing in for
// SHA-256: the fuzzer could never match a real one) and its lines through check_history_bundles
// (ensemble/history_bundles.hpp), against three folders: the bundles the last training line names,
// none, and those with one hash changed. A problem must name a line of a history or a bundle of
// the folder. An intact history with a line appended (history_line) must stay intact.
#include "vixray/ensemble/history_bundles.hpp"

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "fuzz_target.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/ensemble/training_history.hpp"

namespace {

constexpr const char* kTraining = "training_history.jsonl";
constexpr const char* kMonitoring = "monitoring_history.jsonl";

std::string fnv1a(std::string_view bytes) {
  uint64_t h = 1469598103934665603ULL;
  for (const char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

// Checks the links (the result is not needed: the bundle checks run on every line, a superset of
// the intact histories the CLI passes) and parses each line as the CLI does.
std::vector<nlohmann::json> history_lines(std::string_view text) {
  const vixray::HistoryCheck check = vixray::verify_history(text, fnv1a);
  if (check.ok()) {
    const std::string next = vixray::history_line(nlohmann::json{{"bundles", 0}}, check);
    const std::string longer = std::string(text) + next;
    const vixray::HistoryCheck again = vixray::verify_history(longer, fnv1a);
    if (!again.ok() || again.hashes.size() != check.hashes.size() + 1)
      vixray::fuzz::fail("history_bundles", "an intact history with a line appended is not intact");
  }
  std::vector<nlohmann::json> lines;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(vixray::parse_json_fast(text.substr(start, end - start)));
    start = end + 1;
  }
  return lines;
}

void check(const std::vector<nlohmann::json>& training,
           const std::vector<nlohmann::json>& monitoring,
           const std::map<std::string, std::string>& present) {
  const vixray::HistoryBundlesCheck r =
      vixray::check_history_bundles(training, monitoring, present, kTraining, kMonitoring);
  if (r.ok()) return;
  const bool in_training = r.file == kTraining && r.line >= 1 && r.line <= training.size();
  const bool in_monitoring = r.file == kMonitoring && r.line >= 1 && r.line <= monitoring.size();
  const bool a_bundle = present.count(r.file) == 1 && r.line == 0;
  if (!in_training && !in_monitoring && !a_bundle)
    vixray::fuzz::fail("history_bundles", "a problem names no line of a history nor a bundle");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto [training_text, monitoring_text] =
      vixray::fuzz::split_in_two(vixray::fuzz::text_of(data, size));
  std::vector<nlohmann::json> training = history_lines(training_text);
  std::vector<nlohmann::json> monitoring = history_lines(monitoring_text);
  std::map<std::string, std::string> written;
  if (!training.empty()) {
    try {
      for (const auto& ref : vixray::line_bundles(training.back(), "last line"))
        written[ref.file] = ref.sha256;
    } catch (const vixray::Error&) {
    }
  }
  check(training, monitoring, written);
  check(training, monitoring, {});
  if (!written.empty()) {
    std::map<std::string, std::string> replaced = written;
    replaced.begin()->second += "0";
    check(training, monitoring, replaced);
  }
  for (auto& line : training) vixray::release_json(line);
  for (auto& line : monitoring) vixray::release_json(line);
  return 0;
}
