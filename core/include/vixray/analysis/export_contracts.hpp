// The rules that make an export folder one export: the eight seed-000 files, market.json,
// analysis.json and model.json written by one `vixray export` run. Pure: parsed JSON and the
// SHA-256 digests the caller computed (the CLI hashes with OpenSSL) in, violations out.
//
// The export id is the SHA-256 of export_id_input(): the model's content hash followed by
// market.json's bytes, so identical inputs give identical ids (and, with a fixed clock,
// identical folders). Every file of the folder but market.json and model.json carries it as
// "export_id".
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace vixray {

/// The files of an export besides the eight seed-000 ones (kContractFiles).
extern const std::vector<std::string> kExportDataFiles;  // market.json, analysis.json, model.json
/// Files an export may have (`export --models`: model_health.json); they carry the export id.
extern const std::vector<std::string> kExportOptionalFiles;

/// The bytes whose SHA-256 is the export id.
std::string export_id_input(const std::string& model_content_sha256,
                            const std::string& market_json_text);

/// Sets "export_id" in every document that carries it (all but market.json and model.json).
void set_export_id(std::map<std::string, nlohmann::json>& documents, const std::string& export_id);

/// Digests of the folder computed by the caller from the bytes: SHA-256 of the bundle's
/// canonical_content() and the export id of model.json and market.json (empty when either file
/// is missing: the export ids are then not checked).
struct ExportDigests {
  std::string model_content_sha256;
  std::string export_id;
};

/// Checks that the files (keyed by file name) belong to one export: model.json's content_sha256
/// matches its content; every export_id equals the folder's; analysis.json covers market.json's
/// dates; the seed-000 histories end on the last market date and are a suffix of analysis.json's
/// dates; the report and market state are dated the last day; anomaly_metadata.json's training
/// facts and thresholds are the model's. Violations read "file: field: what is wrong".
std::vector<std::string> validate_export_consistency(
    const std::map<std::string, nlohmann::json>& files, const ExportDigests& digests);

}  // namespace vixray
