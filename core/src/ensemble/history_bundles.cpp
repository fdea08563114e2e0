#include "vixray/ensemble/history_bundles.hpp"

#include <set>

#include "vixray/base/error.hpp"
#include "vixray/data/json_fields.hpp"

namespace vixray {
namespace {

std::string short_hash(const std::string& sha256) { return sha256.substr(0, 12) + "…"; }

HistoryBundlesCheck problem(const std::string& file, size_t line, const std::string& message) {
  return {file, line, message};
}

}  // namespace

std::vector<BundleRef> line_bundles(const nlohmann::json& line, const std::string& where) {
  const JsonFields fields(line, where);
  const nlohmann::json& bundles = fields.array("bundles");
  std::vector<BundleRef> refs;
  for (size_t i = 0; i < bundles.size(); ++i) {
    const JsonFields b(bundles[i], item_place(fields.place("bundles"), i));
    refs.push_back({b.string("file"), b.string("sha256")});
  }
  return refs;
}

HistoryBundlesCheck check_history_bundles(const std::vector<nlohmann::json>& training,
                                          const std::vector<nlohmann::json>& monitoring,
                                          const std::map<std::string, std::string>& present,
                                          const std::string& training_name,
                                          const std::string& monitoring_name) {
  std::vector<std::vector<BundleRef>> trained, monitored;
  try {
    for (size_t i = 0; i < training.size(); ++i)
      trained.push_back(line_bundles(training[i], "line " + std::to_string(i + 1)));
  } catch (const Error& e) {
    return problem(training_name, trained.size() + 1, e.what());
  }
  try {
    for (size_t i = 0; i < monitoring.size(); ++i)
      monitored.push_back(line_bundles(monitoring[i], "line " + std::to_string(i + 1)));
  } catch (const Error& e) {
    return problem(monitoring_name, monitored.size() + 1, e.what());
  }
  if (trained.empty()) {
    if (!present.empty())
      return problem(present.begin()->first, 0,
                     "present, but " + training_name + " records no training that wrote it");
  } else {
    const size_t last = trained.size();
    for (const auto& ref : trained.back()) {
      const auto it = present.find(ref.file);
      if (it == present.end())
        return problem(training_name, last,
                       "the last training wrote " + ref.file + " (" + short_hash(ref.sha256) +
                           "), which is missing from the folder");
      if (it->second != ref.sha256)
        return problem(training_name, last,
                       ref.file +
                           " is not the bundle the last training wrote: its "
                           "content_sha256 is " +
                           it->second + ", this line recorded " + ref.sha256 +
                           " (the file was replaced without a training)");
    }
    for (const auto& [file, sha256] : present) {
      bool written = false;
      for (const auto& ref : trained.back()) written = written || ref.file == file;
      if (!written)
        return problem(training_name, last,
                       file + " (" + short_hash(sha256) +
                           ") is in the folder but the last training did not write it");
    }
  }
  std::set<std::string> recorded;
  for (const auto& refs : trained)
    for (const auto& ref : refs) recorded.insert(ref.sha256);
  for (size_t i = 0; i < monitored.size(); ++i)
    for (const auto& ref : monitored[i])
      if (recorded.count(ref.sha256) == 0)
        return problem(monitoring_name, i + 1,
                       "names " + ref.file + " with content_sha256 " + ref.sha256 +
                           ", a bundle no line of " + training_name + " recorded");
  return {};
}

}  // namespace vixray
