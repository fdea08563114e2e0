// The two baselines of a model folder as `vixray monitor` reads them (analysis/model_baselines.hpp,
// called by the CLI's read_model_folder): the input is validation_baseline.json, the byte 0x1E,
// then dual_model_baseline.json (fuzz_target.hpp, split_in_two). The folder's bundles are taken to
// be the ones the documents name (the fuzzer could never match a real SHA-256), so the readers get
// past the bundle checks. A training end that reads must write as the same date. Baselines that
// read must drive the monitor on a few new rows: a reference that passed the checks gives bins in
// range and a result, never another error.
#include "vixray/analysis/model_baselines.hpp"

#include <cmath>
#include <string>

#include "fuzz_target.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"

namespace {

// The string at document[key] (or document[section][key]), "" when there is none.
std::string named_sha256(const nlohmann::json& document, const char* section) {
  const nlohmann::json* at = &document;
  if (section != nullptr) {
    if (!at->is_object() || !at->contains(section)) return "";
    at = &(*at)[section];
  }
  if (!at->is_object() || !at->contains("bundle_sha256")) return "";
  const nlohmann::json& sha256 = (*at)["bundle_sha256"];
  return sha256.is_string() ? sha256.get<std::string>() : "";
}

void monitor_with(const vixray::ValidationBaseline& v) {
  if (!(v.baseline.flag_rate > 0.0) || !std::isfinite(v.baseline.flag_rate))
    vixray::fuzz::fail("model_baselines", "a baseline rate that is not a finite rate > 0 read");
  if (v.reference.shares.size() != v.reference.edges.size() + 1)
    vixray::fuzz::fail("model_baselines", "score bins without one share more than edges read");
  vixray::MonitorInput input;
  input.baseline = v.baseline;
  input.reference = v.reference;
  input.windows = {2, 5};
  const double scores[] = {0.0, 0.25, 0.5, 0.75, 1.0, -1.0, 1e300, NAN};
  for (const double s : scores) {
    if (std::isfinite(s) && vixray::score_bin(v.reference, s) > v.reference.edges.size())
      vixray::fuzz::fail("model_baselines", "score_bin outside the bins");
    input.model_a.scores.push_back(s);
    input.model_a.flags.push_back(s > 0.5 ? 1 : 0);
    input.model_b.scores.push_back(s);
    input.model_b.flags.push_back(s > 0.7 ? 1 : 0);
  }
  try {
    const vixray::MonitorResult result = vixray::monitor_models(input);
    vixray::MonitorRecord record;
    record.kind = "market";
    for (size_t i = 0; i < input.model_a.scores.size(); ++i)
      record.row_dates.push_back("2010-01-0" + std::to_string(i + 1));
    (void)vixray::monitoring_entry(input, result, record).dump();
  } catch (const vixray::Error&) {
    vixray::fuzz::fail("model_baselines", "baselines that read do not monitor");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto [validation_text, dual_text] =
      vixray::fuzz::split_in_two(vixray::fuzz::text_of(data, size));
  nlohmann::json validation = vixray::parse_json_fast(validation_text);
  nlohmann::json dual = vixray::parse_json_fast(dual_text);
  const std::string sha256_a = named_sha256(validation, nullptr);
  const std::string sha256_b = named_sha256(dual, "model_b");
  try {
    monitor_with(
        vixray::read_validation_baseline(validation, "validation_baseline.json", sha256_a));
  } catch (const vixray::Error&) {
  }
  try {
    const vixray::Day end =
        vixray::read_dual_model_baseline(dual, "dual_model_baseline.json", sha256_a, sha256_b);
    vixray::Day back = 0;
    if (!vixray::parse_date(vixray::format_iso(end), back) || back != end)
      vixray::fuzz::fail("model_baselines", "a training end that read does not write back");
  } catch (const vixray::Error&) {
  }
  // The ticker folder's readers (vixray monitor --csv): the same documents of kind "ticker".
  try {
    monitor_with(vixray::read_validation_baseline(validation, "validation_baseline.json", sha256_a,
                                                  "ticker"));
  } catch (const vixray::Error&) {
  }
  try {
    for (const auto& [ticker, end] :
         vixray::read_ticker_test_ends(dual, "dual_model_baseline.json", sha256_a, sha256_b))
      if (ticker.size() > dual_text.size() || end.size() > dual_text.size())
        vixray::fuzz::fail("model_baselines", "a ticker test end longer than its document");
  } catch (const vixray::Error&) {
  }
  vixray::release_json(validation);
  vixray::release_json(dual);
  return 0;
}
