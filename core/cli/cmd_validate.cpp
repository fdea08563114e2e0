// `vixray validate DIR`: checks the seed-000 rules across the exported files, that every file
// belongs to the same export (export id, dates, the model) and the bundle's checksum.
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include "commands.hpp"
#include "export_check.hpp"
#include "files.hpp"
#include "vixray/analysis/export_contracts.hpp"
#include "vixray/analysis/seed000_contracts.hpp"
#include "vixray/base/error.hpp"

namespace vixray::cli {
namespace {

void run_validate(const std::string& dir) {
  if (!std::filesystem::is_directory(dir)) throw Error(dir + ": not a directory");
  std::map<std::string, std::string> texts;
  std::vector<std::string> names = kContractFiles;
  names.insert(names.end(), kExportDataFiles.begin(), kExportDataFiles.end());
  names.insert(names.end(), kExportOptionalFiles.begin(), kExportOptionalFiles.end());
  for (const auto& name : names) {
    const std::string path = (std::filesystem::path(dir) / name).string();
    // A missing required file is reported by the rules; an optional one is simply absent.
    if (!std::filesystem::exists(path)) continue;
    texts[name] = read_file(path);
  }
  const std::vector<std::string> violations = check_export_files(texts);
  if (violations.empty()) {
    std::cout << dir << ": " << texts.size()
              << " files valid (seed-000 rules, one export, bundle checksum)\n";
    return;
  }
  for (size_t i = 1; i < violations.size(); ++i)
    std::cerr << printable_text(dir + "/" + violations[i]) << "\n";  // text from the files
  throw Error(dir + "/" + violations.front() +
              (violations.size() > 1
                   ? " (and " + std::to_string(violations.size() - 1) + " more, listed above)"
                   : ""));
}

}  // namespace

void register_validate_commands(CLI::App& app, Action& action) {
  auto dir = std::make_shared<std::string>();
  auto* validate = app.add_subcommand(
      "validate", "check an export folder: every seed-000 rule, one export, the bundle's checksum");
  validate->add_option("dir", *dir, "folder written by `vixray export`")->required();
  validate->callback([dir, &action] { action = [dir] { run_validate(*dir); }; });
}

}  // namespace vixray::cli
