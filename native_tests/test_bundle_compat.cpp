// Format compatibility (treelite's serializer-compatibility habit): a model bundle of format 1.0,
// committed in testdata/bundles/ when 1.0 was the current format, still loads (its content hash
// checked as the CLI checks it) and scores the real 1990-2018 files to the figures recorded
// beside it (model-1.0.expected.json, written by `vixray export` of that commit). A change of the
// bundle format must keep a reader that passes this test.
#include <catch2/catch.hpp>
#include <string>

#include "bundle_file.hpp"
#include "cli_helpers.hpp"
#include "vixray/analysis/analysis_json.hpp"
#include "vixray/analysis/pipeline.hpp"
#include "vixray/data/price_files.hpp"
#include "vixray/ensemble/model_io.hpp"

using nlohmann::json;

TEST_CASE("a committed format-1.0 bundle loads and scores the real files as recorded",
          "[bundle][compat][real-data]") {
  const std::string path = VIXRAY_TESTDATA_DIR "/bundles/model-1.0.json";
  const std::string text = vixray::test::read_testdata("bundles/model-1.0.json");
  REQUIRE(text.find("\"format_version\":\"1.0\"") != std::string::npos);
  const vixray::cli::BundleFile bundle = vixray::cli::read_bundle(path);
  const json expected = json::parse(vixray::test::read_testdata("bundles/model-1.0.expected.json"));
  const vixray::AlignedPrices market =
      vixray::read_price_csvs({{"spx", "spx_daily_1990_2018.csv",
                                vixray::test::read_testdata("real/spx_daily_1990_2018.csv")},
                               {"vix", "vix_daily_1990_2018.csv",
                                vixray::test::read_testdata("real/vix_daily_1990_2018.csv")}});
  const json analysis =
      vixray::analysis_to_json(vixray::analyze_market(bundle.model, market.frame), bundle.model);
  // "partial" (format 1.2 on) is null: the 1.0 bundle has no subsets and the day is whole.
  json today = analysis["today"];
  CHECK(today["partial"].is_null());
  today.erase("partial");
  CHECK(today == expected["today"]);
  CHECK(analysis["level_counts"] == expected["level_counts"]);
  const json& scores = analysis["ensemble"]["score"];
  REQUIRE(scores.size() >= 10);
  CHECK(json(std::vector<json>(scores.end() - 10, scores.end())) ==
        expected["last_ensemble_scores"]);
}

TEST_CASE(
    "the format-1.0 bundle, read and written as 2.0, reads back to the same model and "
    "scores bit-identically",
    "[bundle][compat][real-data]") {
  const vixray::EnsembleModel v1 =
      vixray::load_model(vixray::test::read_testdata("bundles/model-1.0.json"));
  const json packed = vixray::model_to_json(v1);
  REQUIRE(packed["format_version"] == "2.0");
  REQUIRE(packed["detectors"][0]["forest"]["threshold"]["dtype"] == "float32");
  const vixray::EnsembleModel v2 = vixray::load_model(packed.dump());
  // Every field of the model, in the 1.x form (thresholds as shortest float32 decimals).
  CHECK(vixray::model_to_json(v2, vixray::BundleForm::kJson1) ==
        vixray::model_to_json(v1, vixray::BundleForm::kJson1));
  const vixray::AlignedPrices market =
      vixray::read_price_csvs({{"spx", "spx_daily_1990_2018.csv",
                                vixray::test::read_testdata("real/spx_daily_1990_2018.csv")},
                               {"vix", "vix_daily_1990_2018.csv",
                                vixray::test::read_testdata("real/vix_daily_1990_2018.csv")}});
  // The dump compares every double by its shortest round-trip text: bit-identical scores.
  CHECK(vixray::analysis_to_json(vixray::analyze_market(v2, market.frame), v2).dump() ==
        vixray::analysis_to_json(vixray::analyze_market(v1, market.frame), v1).dump());
}
