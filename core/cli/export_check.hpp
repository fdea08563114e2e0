// Every rule `vixray validate` applies to an export folder, on the files' bytes: the seed-000
// contracts and the consistency of the folder (one export). `vixray export` runs the same checks
// on its new files, in memory, before it swaps them in.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace vixray::cli {

/// SHA-256 (hex) of the model's content hash followed by market.json's bytes.
std::string export_id_of(const std::string& model_content_sha256, const std::string& market_text);

/// The violations ("file: field: what is wrong") of the files, keyed by file name; empty = valid.
std::vector<std::string> check_export_files(const std::map<std::string, std::string>& texts);

}  // namespace vixray::cli
