#include "folder_files.hpp"

#include <nlohmann/json.hpp>

#include "files.hpp"
#include "vixray/analysis/model_baselines.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"

namespace vixray::cli {
namespace {

using nlohmann::json;

json read_baseline(const std::string& path) {
  json document = parse_json_fast(read_file(path));
  if (document.is_discarded() || !document.is_object())
    throw Error(path + ": expected a JSON object (a baseline of vixray train --out DIR)");
  return document;
}

void read_validation(const std::string& dir, ModelFolder& f) {
  const std::string path = model_folder_file(dir, kValidationBaselineFile);
  const ValidationBaseline v = read_validation_baseline(read_baseline(path), path, f.sha256_a);
  f.baseline = v.baseline;
  f.reference = v.reference;
}

void read_dual(const std::string& dir, ModelFolder& f) {
  const std::string path = model_folder_file(dir, kDualModelBaselineFile);
  f.training_end = read_dual_model_baseline(read_baseline(path), path, f.sha256_a, f.sha256_b);
}

}  // namespace

std::string model_folder_file(const std::string& dir, const char* name) {
  return dir.empty() || dir.back() == '/' ? dir + name : dir + "/" + name;
}

ModelFolder read_model_folder(const std::string& dir) {
  ModelFolder f;
  f.a = read_bundle(model_folder_file(dir, kModelAFile));
  f.b = read_bundle(model_folder_file(dir, kModelBFile));
  f.sha256_a = f.a.document.at("content_sha256").get<std::string>();
  f.sha256_b = f.b.document.at("content_sha256").get<std::string>();
  read_validation(dir, f);
  read_dual(dir, f);
  return f;
}

}  // namespace vixray::cli
