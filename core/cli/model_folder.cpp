#include "model_folder.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "bundle_file.hpp"
#include "files.hpp"
#include "history_file.hpp"
#include "vixray/base/error.hpp"

namespace vixray::cli {

namespace fs = std::filesystem;

namespace {

std::string kill_prefix_of(std::string command) {
  std::replace(command.begin(), command.end(), ' ', '-');
  return command;
}

// The folder itself (DIR, or what DIR links to), "" when it does not exist yet.
fs::path existing_folder(const std::string& dir) {
  std::error_code ec;
  fs::path path(dir);
  if (path.filename().empty()) path = path.parent_path();
  if (!fs::is_directory(path, ec)) return {};
  return path;
}

// The current history text of DIR ("" when DIR or the file does not exist).
std::string read_history(const fs::path& folder) {
  if (folder.empty()) return "";
  const fs::path path = folder / kTrainingHistoryFile;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec))) return "";
  return read_file(path.string(), InputKind::kJson);
}

}  // namespace

bool is_model_folder_argument(const std::string& out) {
  if (!out.empty() && out.back() == '/') return true;
  std::error_code ec;
  return fs::is_directory(out, ec);
}

ModelFolderWriter::ModelFolderWriter(const std::string& dir, const std::string& command)
    : dir_(dir),
      kill_prefix_(kill_prefix_of(command)),
      lock_(dir, command),
      folder_(dir, kill_prefix_) {
  kill_point((kill_prefix_ + ":after-lock").c_str());
  history_text_ = read_history(existing_folder(dir_));
  history_ = verify_history_text(history_text_);
  if (!history_.ok())
    throw Error(history_error((fs::path(dir_) / kTrainingHistoryFile).string(), history_) +
                "; not writing the model folder (restore the history, or give a new --out)");
}

ModelFolderWriter::Published ModelFolderWriter::publish(
    const std::vector<std::pair<std::string, std::string>>& files,
    const nlohmann::json& history_entry, const std::string& latest_target) {
  // The history is read again under the lock (held since the constructor, so nothing cooperating
  // changed it; an edit by hand in between is caught here).
  const fs::path folder = existing_folder(dir_);
  history_text_ = read_history(folder);
  history_ = verify_history_text(history_text_);
  if (!history_.ok())
    throw Error(history_error((fs::path(dir_) / kTrainingHistoryFile).string(), history_) +
                "; not writing the model folder");
  const std::string line = history_line(history_entry, history_);
  std::set<std::string> replaced{kTrainingHistoryFile, kLatestLink};
  for (const auto& file : files) replaced.insert(file.first);
  std::vector<std::pair<std::string, std::string>> all = files;
  std::vector<std::pair<std::string, std::string>> links{{kLatestLink, latest_target}};
  if (!folder.empty()) {
    std::vector<fs::directory_entry> entries(fs::directory_iterator(folder), {});
    std::sort(entries.begin(), entries.end());
    for (const auto& entry : entries) {
      const std::string name = entry.path().filename().string();
      if (replaced.count(name) != 0) continue;
      if (entry.is_symlink())
        links.emplace_back(name, fs::read_symlink(entry.path()).string());
      else if (entry.is_regular_file())
        all.emplace_back(name, read_file(entry.path().string(), InputKind::kCsv));
      else
        throw Error(entry.path().string() +
                    ": not a file; a model folder holds only files (move it out of the folder)");
    }
  }
  all.emplace_back(kTrainingHistoryFile, history_text_ + line);
  folder_.publish(all, links);
  return {history_.hashes.size() + 1, sha256_hex(line.substr(0, line.size() - 1))};
}

}  // namespace vixray::cli
