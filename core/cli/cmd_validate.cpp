// `vixray validate DIR`: checks the seed-000 rules across the exported files.
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include "commands.hpp"
#include "files.hpp"
#include "vixray/analysis/seed000_contracts.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"

namespace vixray::cli {
namespace {

void run_validate(const std::string& dir) {
  if (!std::filesystem::is_directory(dir)) throw Error(dir + ": not a directory");
  std::map<std::string, nlohmann::json> files;
  for (const auto& name : kContractFiles) {
    const std::string path = (std::filesystem::path(dir) / name).string();
    if (!std::filesystem::exists(path)) continue;  // reported as missing by the rules
    const std::string text = read_file(path);
    nlohmann::json doc = parse_json_fast(text);
    if (doc.is_discarded()) throw Error(path + ": not valid JSON");
    files[name] = std::move(doc);
  }
  const std::vector<std::string> violations = validate_contracts(files);
  if (violations.empty()) {
    std::cout << dir << ": " << files.size() << " files valid (seed-000 rules)\n";
    return;
  }
  for (size_t i = 1; i < violations.size(); ++i) std::cerr << dir << "/" << violations[i] << "\n";
  throw Error(dir + "/" + violations.front() +
              (violations.size() > 1
                   ? " (and " + std::to_string(violations.size() - 1) + " more, listed above)"
                   : ""));
}

}  // namespace

void register_validate_commands(CLI::App& app, Action& action) {
  auto dir = std::make_shared<std::string>();
  auto* validate = app.add_subcommand(
      "validate", "check exported JSON files against every seed-000 validation rule");
  validate->add_option("dir", *dir, "folder written by `vixray export`")->required();
  validate->callback([dir, &action] { action = [dir] { run_validate(*dir); }; });
}

}  // namespace vixray::cli
