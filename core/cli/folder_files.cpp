#include "folder_files.hpp"

#include <nlohmann/json.hpp>

#include "files.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_fields.hpp"
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

// The bundle a baseline's section names must be the folder's bundle.
void check_names_bundle(const JsonFields& section, const std::string& sha256, const char* file) {
  const std::string named = section.string("bundle_sha256");
  if (named != sha256)
    throw Error(section.place("bundle_sha256") + ": is " + named + " but " + file +
                "'s content_sha256 is " + sha256 +
                ": the baseline describes another model (retrain the folder)");
}

ScoreBins read_score_bins(const JsonFields& bins) {
  ScoreBins r{bins.numbers("edges"), bins.numbers("shares")};
  for (size_t k = 1; k < r.edges.size(); ++k)
    if (!(r.edges[k - 1] < r.edges[k]))
      throw Error(bins.place("edges") + ": expected ascending distinct numbers");
  if (r.shares.size() != r.edges.size() + 1)
    throw Error(bins.place("shares") + ": expected " + std::to_string(r.edges.size() + 1) +
                " shares (one more than the edges), got " + std::to_string(r.shares.size()));
  return r;
}

void read_validation(const std::string& dir, ModelFolder& f) {
  const std::string path = model_folder_file(dir, kValidationBaselineFile);
  const json document = read_baseline(path);
  const JsonFields doc(document, path);
  check_format_version(doc, "vixray-validation-baseline", 1, 0);
  if (doc.string("kind") != "market")
    throw Error(doc.place("kind") + ": expected \"market\" (vixray monitor reads market folders)");
  check_names_bundle(doc, f.sha256_a, kModelAFile);
  const JsonFields metrics = doc.object("metrics");
  f.baseline = monitor_baseline(metrics.number("flag_rate"), metrics.number("expected_flag_rate"));
  if (!(f.baseline.flag_rate > 0.0))
    throw Error(metrics.place("expected_flag_rate") +
                ": the validation flag rate is 0, so drift needs an expected rate > 0");
  f.reference = read_score_bins(doc.object("score_bins"));
}

void read_dual(const std::string& dir, ModelFolder& f) {
  const std::string path = model_folder_file(dir, kDualModelBaselineFile);
  const json document = read_baseline(path);
  const JsonFields doc(document, path);
  check_format_version(doc, "vixray-dual-model-baseline", 1, 0);
  const JsonFields a = doc.object("model_a"), b = doc.object("model_b");
  check_names_bundle(a, f.sha256_a, kModelAFile);
  check_names_bundle(b, f.sha256_b, kModelBFile);
  const std::string end = b.string("test_date_end");
  if (!parse_date(end, f.training_end))
    throw Error(b.place("test_date_end") + ": expected a date YYYY-MM-DD, got \"" + end + "\"");
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
