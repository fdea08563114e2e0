// The bundle rules of a model folder's histories (docs/LIFECYCLE.md, "Verification"), on lines
// already parsed and hash-checked (verify_history): the bundles of the training history's last
// line must be the bundle files present, and every monitoring line must name bundles some
// training line recorded. Pure: the CLI reads the files and computes each present bundle's
// content_sha256 (after checking its seal).
#pragma once
#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace vixray {

struct BundleRef {
  std::string file;    // "model_a.json"
  std::string sha256;  // the bundle's content_sha256
};

/// The "bundles" of a history line ([{"file", "sha256", ...}, ...]); throws vixray::Error naming
/// `where` (e.g. "training_history.jsonl:3") and the field when it is missing or malformed.
std::vector<BundleRef> line_bundles(const nlohmann::json& line, const std::string& where);

struct HistoryBundlesCheck {
  std::string file;     // the file the problem is in: a history's name, or a bundle file's
  size_t line = 0;      // 1-based line of that history (0 for a bundle file)
  std::string message;  // what is wrong ("" when nothing is)
  bool ok() const { return message.empty(); }
};

/// Checks the histories' lines (in file order) against the bundles present (file name ->
/// content_sha256). `training_name` and `monitoring_name` are the histories' file names, used in
/// the result. The first problem found, in this order: a malformed "bundles"; a bundle present
/// with no training line at all; a bundle of the last training line missing or different (a
/// bundle replaced without a training); a bundle present that the last training did not write;
/// a monitoring line naming a bundle no training line recorded.
HistoryBundlesCheck check_history_bundles(const std::vector<nlohmann::json>& training,
                                          const std::vector<nlohmann::json>& monitoring,
                                          const std::map<std::string, std::string>& present,
                                          const std::string& training_name,
                                          const std::string& monitoring_name);

}  // namespace vixray
