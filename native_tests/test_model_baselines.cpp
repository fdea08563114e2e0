// Reading a model folder's baselines (analysis/model_baselines.hpp) from small hand-made
// documents with the fields vixray train --out DIR/ writes (analysis/model_ab.hpp): the values the
// monitor gets, and an error naming the document and the field for each refusal.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "vixray/analysis/model_baselines.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/dates.hpp"

using nlohmann::json;

namespace {

const std::string kBaselineShaA(64, 'a'), kBaselineShaB(64, 'b');

json validation_baseline_doc(double flag_rate) {
  return {{"format", "vixray-validation-baseline"},
          {"format_version", "1.0"},
          {"kind", "market"},
          {"bundle_sha256", kBaselineShaA},
          {"metrics", {{"flag_rate", flag_rate}, {"expected_flag_rate", 0.08}}},
          {"score_bins", {{"edges", {0.2, 0.4}}, {"shares", {0.5, 0.25, 0.25}}}}};
}

json dual_baseline_doc() {
  return {{"format", "vixray-dual-model-baseline"},
          {"format_version", "1.0"},
          {"model_a", {{"bundle_sha256", kBaselineShaA}}},
          {"model_b", {{"bundle_sha256", kBaselineShaB}, {"test_date_end", "2009-12-31"}}}};
}

std::string validation_baseline_error(const json& document) {
  try {
    (void)vixray::read_validation_baseline(document, "v.json", kBaselineShaA);
  } catch (const vixray::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("model baselines: the rate, the bins and the training end the monitor reads",
          "[model_baselines]") {
  const vixray::ValidationBaseline v =
      vixray::read_validation_baseline(validation_baseline_doc(0.05), "v", kBaselineShaA);
  CHECK(v.baseline.flag_rate == 0.05);
  CHECK_FALSE(v.baseline.expected);
  CHECK(v.reference.edges == std::vector<double>{0.2, 0.4});
  CHECK(v.reference.shares == std::vector<double>{0.5, 0.25, 0.25});
  // A validation rate of 0: drift is measured against the expected rate.
  const vixray::ValidationBaseline zero =
      vixray::read_validation_baseline(validation_baseline_doc(0.0), "v", kBaselineShaA);
  CHECK(zero.baseline.flag_rate == 0.08);
  CHECK(zero.baseline.expected);
  CHECK(vixray::read_dual_model_baseline(dual_baseline_doc(), "d", kBaselineShaA, kBaselineShaB) ==
        vixray::days_from_civil(2009, 12, 31));
}

TEST_CASE("model baselines: each refusal names the document and the field", "[model_baselines]") {
  json doc = validation_baseline_doc(0.05);
  doc["score_bins"]["shares"] = {0.5, 0.5};
  CHECK(validation_baseline_error(doc) ==
        "v.json.score_bins.shares: expected 3 shares (one more than the edges), got 2");
  doc = validation_baseline_doc(0.05);
  doc["score_bins"]["edges"] = {0.4, 0.4};
  CHECK(validation_baseline_error(doc) ==
        "v.json.score_bins.edges: expected ascending distinct numbers");
  doc = validation_baseline_doc(0.0);
  doc["metrics"]["expected_flag_rate"] = 0.0;
  CHECK_THAT(validation_baseline_error(doc),
             Catch::StartsWith("v.json.metrics.expected_flag_rate: "));
  doc = validation_baseline_doc(0.05);
  doc["kind"] = "ticker";
  CHECK_THAT(validation_baseline_error(doc), Catch::StartsWith("v.json.kind: expected \"market\""));
  doc = validation_baseline_doc(0.05);
  doc.erase("metrics");
  CHECK(validation_baseline_error(doc) == "v.json: missing field \"metrics\"");
  CHECK_THROWS_WITH(
      vixray::read_validation_baseline(validation_baseline_doc(0.05), "v.json", kBaselineShaB),
      Catch::StartsWith("v.json.bundle_sha256: is " + kBaselineShaA));
  json d = dual_baseline_doc();
  d["model_b"]["test_date_end"] = "2009-02-29";
  CHECK_THROWS_WITH(vixray::read_dual_model_baseline(d, "d.json", kBaselineShaA, kBaselineShaB),
                    "d.json.model_b.test_date_end: expected a date YYYY-MM-DD, got \"2009-02-29\"");
  CHECK_THROWS_WITH(
      vixray::read_dual_model_baseline(dual_baseline_doc(), "d.json", kBaselineShaA, kBaselineShaA),
      Catch::StartsWith("d.json.model_b.bundle_sha256: is " + kBaselineShaB));
}
