// Format 2.0 of the bundles: the base64 codec, typed arrays in byte planes, and forests packed as
// typed arrays: exact round trips against the 1.0 form, and corrupt input that must give a
// one-line vixray::Error naming the field (never a crash).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vixray/base/base64.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/packed_array.hpp"
#include "vixray/forest/forest.hpp"
#include "vixray/sim/synthetic.hpp"

using nlohmann::json;
using vixray::Dtype;
using vixray::IsolationForest;

namespace {

std::string encode(const std::string& s) {
  return vixray::base64_encode(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

// The decoded text, or "bad at N".
std::string decode(const std::string& text) {
  std::vector<uint8_t> out;
  size_t bad_at = 0;
  if (!vixray::base64_decode(text, out, bad_at)) return "bad at " + std::to_string(bad_at);
  return std::string(out.begin(), out.end());
}

template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const vixray::Error& e) {
    return e.what();
  }
  return "";
}

// The hand-written forest of test_forest_io.cpp in form 2.0: one tree over 2 features, psi = 8:
//   node0 f0 <= 0.5 ? node1 : node2; node1 leaf (5 rows); node2 f1 <= 2 ? node3 : node4;
//   node3 leaf (1 row); node4 leaf (2 rows).
// By hand: feature int8 {0,-1,1,-1,-1} = bytes 00 ff 01 ff ff -> "AP8B//8="; threshold float32
// {0.5 = 0x3f000000, 2 = 0x40000000} as byte planes 00 00 | 00 00 | 00 00 | 3f 40 ->
// "AAAAAAAAP0A="; leaf_size uint8 {5,1,2} = 05 01 02 -> "BQEC".
json small_packed() {
  return json::parse(
      R"({"format":"vixray-forest","format_version":"2.0","n_features":2,)"
      R"("feature_names":["a","b"],"n_trees":1,"sample_size":8,"height_limit":3,"seed":0,)"
      R"("contamination":null,"offset":0.5,)"
      R"("feature":{"dtype":"int8","count":5,"base64":"AP8B//8="},)"
      R"("threshold":{"dtype":"float32","count":2,"base64":"AAAAAAAAP0A="},)"
      R"("leaf_size":{"dtype":"uint8","count":3,"base64":"BQEC"}})");
}

const char* const kSmallJson1 =
    R"({"format":"vixray-forest","format_version":"1.0","n_features":2,)"
    R"("feature_names":["a","b"],"n_trees":1,"sample_size":8,"height_limit":3,"seed":0,)"
    R"("contamination":null,"offset":0.5,)"
    R"("trees":[{"feature":[0,-1,1,-1,-1],"threshold":[0.5,2],"leaf_size":[5,1,2]}]})";

std::string load_error(const json& j) {
  return error_of([&] { IsolationForest::from_json(j); });
}

}  // namespace

TEST_CASE("base64: the RFC 4648 test vectors, and bad text refused", "[bundle][base64]") {
  // RFC 4648 section 10.
  const std::vector<std::pair<std::string, std::string>> vectors = {{"", ""},
                                                                    {"f", "Zg=="},
                                                                    {"fo", "Zm8="},
                                                                    {"foo", "Zm9v"},
                                                                    {"foob", "Zm9vYg=="},
                                                                    {"fooba", "Zm9vYmE="},
                                                                    {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, coded] : vectors) {
    CHECK(encode(plain) == coded);
    CHECK(decode(coded) == plain);
  }
  const std::string all = [] {
    std::string s;
    for (int i = 0; i < 256; ++i) s += static_cast<char>(i);
    return s;
  }();
  CHECK(decode(encode(all)) == all);
  CHECK(decode("Zm9") == "bad at 3");       // not a multiple of 4
  CHECK(decode("Zm9v!mFy") == "bad at 4");  // outside the alphabet
  CHECK(decode("Zg=v") == "bad at 2");      // '=' inside
  CHECK(decode("Zh==") == "bad at 1");      // 'h' leaves bits set past the last byte
  CHECK(decode("Zm9=") == "bad at 2");      // '9' leaves bits set past the last byte
  CHECK(decode("====") == "bad at 0");
  CHECK(decode("Zg==Zg==") == "bad at 2");  // padding before the end
}

TEST_CASE("packed arrays: byte planes, every dtype round trips, faults name the field",
          "[bundle][packed]") {
  // uint16 {0x0102, 0x0304}: little-endian low bytes 02 04, then high bytes 01 03.
  const json two = vixray::pack_array(Dtype::kUint16, {0x0102, 0x0304});
  CHECK(two == json{{"dtype", "uint16"}, {"count", 2}, {"base64", "AgQBAw=="}});
  const json doc = {{"a", two}};
  const vixray::JsonFields owner(doc, "doc");
  const vixray::PackedArray read(owner, "a", {Dtype::kUint16});
  REQUIRE(read.size() == 2);
  CHECK(read.integer(0) == 0x0102);
  CHECK(read.integer(1) == 0x0304);
  CHECK(read.place() == "doc.a");

  const json signed8 = {{"a", vixray::pack_array(Dtype::kInt8, {0xff, 0x7f, 0x80})}};
  const vixray::PackedArray s8(vixray::JsonFields(signed8, "d"), "a", {Dtype::kInt8});
  CHECK((std::vector<int64_t>{s8.integer(0), s8.integer(1), s8.integer(2)}) ==
        std::vector<int64_t>{-1, 127, -128});
  const json signed16 = {{"a", vixray::pack_array(Dtype::kInt16, {0xfffe})}};
  CHECK(vixray::PackedArray(vixray::JsonFields(signed16, "d"), "a", {Dtype::kInt16}).integer(0) ==
        -2);
  // float32 0x3fc00000 = 1.5; float64 0xc004000000000000 = -2.5.
  const json f32 = {{"a", vixray::pack_array(Dtype::kFloat32, {0x3fc00000})}};
  CHECK(vixray::PackedArray(vixray::JsonFields(f32, "d"), "a", {Dtype::kFloat32}).real(0) == 1.5);
  const json f64 = {{"a", vixray::pack_array(Dtype::kFloat64, {0xc004000000000000})}};
  CHECK(vixray::PackedArray(vixray::JsonFields(f64, "d"), "a", {Dtype::kFloat64}).real(0) == -2.5);

  auto fault = [](json a, std::initializer_list<Dtype> allowed, int64_t count = -1) {
    const json d = {{"a", std::move(a)}};
    return error_of(
        [&] { vixray::PackedArray(vixray::JsonFields(d, "doc"), "a", allowed, count); });
  };
  CHECK(fault(two, {Dtype::kUint16}, 3) == "doc.a.count: expected 3 values, got 2");
  CHECK(fault(two, {Dtype::kUint8, Dtype::kUint32}) ==
        "doc.a.dtype: expected \"uint8\" or \"uint32\", got \"uint16\"");
  json bad = two;
  bad["base64"] = "AgQB!w==";
  CHECK(fault(bad, {Dtype::kUint16}) == "doc.a.base64: not base64 at character 4 of 8");
  bad["base64"] = "AgQB";  // one plane and a half: 3 bytes for 2 x 2
  CHECK(fault(bad, {Dtype::kUint16}) ==
        "doc.a.base64: 3 bytes, expected count x width = 2 x 2 (truncated or extra planes)");
  bad["base64"] = 7;
  CHECK_THAT(fault(bad, {Dtype::kUint16}), Catch::StartsWith("doc.a.base64: expected a base64"));
  bad = two;
  bad["dtype"] = "float16";
  CHECK_THAT(fault(bad, {Dtype::kUint16}), Catch::Contains("doc.a.dtype"));
  bad = two;
  bad["count"] = -1;
  CHECK_THAT(fault(bad, {Dtype::kUint16}), Catch::StartsWith("doc.a.count"));
  CHECK_THAT(fault(json::array(), {Dtype::kUint16}), Catch::StartsWith("doc.a: expected"));
}

TEST_CASE("forest 2.0: the hand-packed small forest equals its 1.0 form", "[bundle][forest_io]") {
  const IsolationForest packed = IsolationForest::from_json(small_packed());
  const IsolationForest plain = IsolationForest::load(kSmallJson1);
  CHECK(packed.to_json() == plain.to_json());
  CHECK(plain.to_json(vixray::BundleForm::kPacked2) == small_packed());
  CHECK(packed.node_cover() == std::vector<int32_t>{8, 5, 3, 1, 2});
}

TEST_CASE("forest 2.0: trained forests round trip bit for bit and score identically",
          "[bundle][forest_io]") {
  // 12 features (int8), psi 300 (uint16 leaf sizes) and psi 64 (uint8).
  const auto data = vixray::make_clusters_with_outliers(600, 12, 0.05, 2, 11);
  for (int32_t psi : {64, 300}) {
    vixray::ForestParams params;
    params.n_trees = 20;
    params.sample_size = psi;
    params.seed = 5;
    const IsolationForest forest = IsolationForest::fit(data.x, params);
    const json packed = forest.to_json(vixray::BundleForm::kPacked2);
    CHECK(packed["leaf_size"]["dtype"] == (psi > 255 ? "uint16" : "uint8"));
    const IsolationForest back = IsolationForest::load(packed.dump());
    CHECK(back.to_json() == forest.to_json());
    CHECK(back.node_threshold() == forest.node_threshold());
    const vixray::Vector a = forest.score_samples(data.x), b = back.score_samples(data.x);
    CHECK(std::equal(a.data(), a.data() + a.size(), b.data()));
  }
}

TEST_CASE("forest 2.0: corrupt arrays give one-line errors naming the field",
          "[bundle][forest_io]") {
  json j = small_packed();
  j["feature"]["base64"] = "AP8C//8=";  // feature 2 at node 2: only 0 and 1 exist
  CHECK(load_error(j) == "forest.feature[2]: expected -1 or a feature index below 2, got 2");
  j["feature"]["base64"] = "AP7///8=";  // -2 at node 1
  CHECK(load_error(j) == "forest.feature[1]: expected -1 or a feature index below 2, got -2");
  j = small_packed();
  j["feature"] = vixray::pack_array(Dtype::kInt8, {0, 0xff, 1, 0xff});  // a right child missing
  CHECK(load_error(j) == "forest.feature: tree 0 is truncated (1 children missing)");
  j["feature"] = vixray::pack_array(Dtype::kInt8, {0, 0xff, 1, 0xff, 0xff, 0xff});
  CHECK(load_error(j) == "forest.feature: 1 nodes after the last of 1 trees");
  j = small_packed();
  j["threshold"] = vixray::pack_array(Dtype::kFloat32, {0x3f000000, 0x7fc00000});  // NaN
  CHECK(load_error(j) == "forest.threshold[1]: expected a finite float32, got nan");
  j["threshold"] = vixray::pack_array(Dtype::kFloat32, {0x3f000000});
  CHECK(load_error(j) == "forest.threshold: fewer thresholds than splits");
  j["threshold"] = vixray::pack_array(Dtype::kFloat32, {0x3f000000, 0x40000000, 0});
  CHECK(load_error(j) == "forest.threshold: 3 thresholds, the trees split 2 times");
  j["threshold"] = vixray::pack_array(Dtype::kFloat64, {0, 0});
  CHECK(load_error(j) == "forest.threshold.dtype: expected \"float32\", got \"float64\"");
  j = small_packed();
  j["leaf_size"] = vixray::pack_array(Dtype::kUint8, {5, 1, 9});
  CHECK(load_error(j) == "forest.leaf_size[2]: expected a count in [0, 8], got 9");
  j["leaf_size"] = vixray::pack_array(Dtype::kUint8, {5, 1, 1});
  CHECK(load_error(j) ==
        "forest.leaf_size: the sizes of tree 0 add up to 7, expected sample_size 8");
  j["leaf_size"] = vixray::pack_array(Dtype::kUint8, {5, 1});
  CHECK(load_error(j) == "forest.leaf_size: fewer sizes than leaves");
  j = small_packed();
  j["leaf_size"]["base64"] = "BQE";  // cut short
  CHECK(load_error(j) == "forest.leaf_size.base64: not base64 at character 3 of 3");
  j = small_packed();
  j["sample_size"] = 2;  // height limit 1, but node 2 splits at depth 1
  j["height_limit"] = 1;
  j["leaf_size"] = vixray::pack_array(Dtype::kUint8, {1, 0, 1});
  CHECK(load_error(j) ==
        "forest.feature[2]: a split at depth 1; expected a leaf at the height limit 1");
  j = small_packed();
  j.erase("threshold");
  CHECK(load_error(j) == "forest: missing field \"threshold\"");
  j = small_packed();
  j["format_version"] = "3.0";
  CHECK_THAT(load_error(j), Catch::Contains("newer than this build supports (2.0)"));
}
