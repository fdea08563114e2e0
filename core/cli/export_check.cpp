#include "export_check.hpp"

#include <nlohmann/json.hpp>

#include "bundle_file.hpp"
#include "vixray/analysis/export_contracts.hpp"
#include "vixray/analysis/seed000_contracts.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/ensemble/model_io.hpp"

namespace vixray::cli {

std::string export_id_of(const std::string& model_content_sha256, const std::string& market_text) {
  return sha256_hex(export_id_input(model_content_sha256, market_text));
}

std::vector<std::string> check_export_files(const std::map<std::string, std::string>& texts) {
  std::vector<std::string> problems;
  std::map<std::string, nlohmann::json> files;
  for (const auto& [name, text] : texts) {
    nlohmann::json document = parse_json_fast(text);
    if (document.is_discarded())
      problems.push_back(name + ": not valid JSON (corrupt or truncated, " +
                         std::to_string(text.size()) + " bytes)");
    else
      files[name] = std::move(document);
  }
  ExportDigests digests;
  const auto model = files.find("model.json");
  if (model != files.end()) {
    digests.model_content_sha256 = sha256_hex(canonical_content(model->second));
    const auto market = texts.find("market.json");
    if (market != texts.end() && files.count("market.json"))
      digests.export_id = export_id_of(digests.model_content_sha256, market->second);
  }
  for (auto& v : validate_contracts(files)) problems.push_back(std::move(v));
  for (auto& v : validate_export_consistency(files, digests)) problems.push_back(std::move(v));
  return problems;
}

}  // namespace vixray::cli
