// Versioned forest JSON: exact round trips, version handling, and corrupt input that must give a
// vixray::Error naming the field (never a crash; the ASan+UBSan run checks "never a crash").
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "vixray/base/error.hpp"
#include "vixray/forest/forest.hpp"
#include "vixray/sim/synthetic.hpp"

using nlohmann::json;
using vixray::IsolationForest;

namespace {

// A hand-written valid model: one tree over 2 features, psi = 8 (height limit 3).
//   node0 f0 <= 0.5 ? node1 : node2; node1 leaf (5 rows); node2 f1 <= 2 ? node3 : node4;
//   node3 leaf (1 row); node4 leaf (2 rows). Leaf sizes sum to 8 = sample_size.
const char* const kSmallModel =
    R"({"format":"vixray-forest","format_version":"1.0","n_features":2,)"
    R"("feature_names":["a","b"],"n_trees":1,"sample_size":8,"height_limit":3,"seed":0,)"
    R"("contamination":null,"offset":0.5,)"
    R"("trees":[{"feature":[0,-1,1,-1,-1],"threshold":[0.5,2],"leaf_size":[5,1,2]}]})";

json small_model() { return json::parse(kSmallModel); }

// The error message of loading `j`, or "" if it loaded.
std::string load_error(const json& j) {
  try {
    IsolationForest::load(j.dump());
  } catch (const vixray::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the small hand-written model loads", "[forest_io]") {
  const IsolationForest forest = IsolationForest::load(kSmallModel);
  CHECK(forest.n_trees() == 1);
  CHECK(forest.n_nodes() == 5);
  CHECK(forest.feature_names() == std::vector<std::string>{"a", "b"});
}

TEST_CASE("load(dump(m)) dumps identical text", "[forest_io]") {
  struct Shape {
    int64_t rows, cols;
    int32_t trees, sample_size;
    uint64_t seed;
    bool contaminated;
  };
  const Shape shapes[] = {
      {600, 3, 20, 0, 1, false},   {600, 3, 20, 0, 2, true},   {300, 1, 5, 64, 3, false},
      {1000, 7, 10, 256, 4, true}, {40, 12, 15, 17, 5, false}, {5, 2, 3, 0, 6, true},
  };
  for (const Shape& s : shapes) {
    CAPTURE(s.rows, s.cols, s.trees, s.sample_size, s.seed, s.contaminated);
    const auto data = vixray::make_clusters_with_outliers(s.rows, s.cols, 0.1, 2, s.seed);
    vixray::ForestParams p;
    p.n_trees = s.trees;
    p.sample_size = s.sample_size;
    p.seed = s.seed * 7919;
    if (s.contaminated) p.contamination = 0.1;
    const IsolationForest forest = IsolationForest::fit(data.x, p);
    const std::string text = forest.dump();
    const IsolationForest again = IsolationForest::load(text);
    CHECK(again.dump() == text);
    // Same scores bit for bit, and the same offset and contamination.
    const vixray::Vector a = forest.score_samples(data.x);
    const vixray::Vector b = again.score_samples(data.x);
    CHECK((a.array() == b.array()).all());
    CHECK(again.offset() == forest.offset());
    CHECK(again.contamination() == forest.contamination());
    CHECK(again.node_cover() == forest.node_cover());
  }
}

TEST_CASE("unknown fields are ignored", "[forest_io]") {
  json j = small_model();
  j["written_by"] = "a future vixray";
  j["extra"] = {{"nested", {1, 2, 3}}};
  j["trees"][0]["gain"] = {0.1, 0.2};
  const IsolationForest forest = IsolationForest::load(j.dump());
  CHECK(forest.dump() == IsolationForest::load(kSmallModel).dump());
  // A newer minor version of the same major is readable too.
  j["format_version"] = "1.7";
  CHECK_NOTHROW(IsolationForest::load(j.dump()));
}

TEST_CASE("a newer major format_version is refused naming both versions", "[forest_io]") {
  json j = small_model();
  j["format_version"] = "3.0";  // this build reads 1.x and 2.x
  const std::string message = load_error(j);
  CHECK_THAT(message,
             Catch::Contains("format_version") && Catch::Contains("3.0") && Catch::Contains("2.0"));
  j["format_version"] = "one";
  CHECK_THAT(load_error(j), Catch::Contains("format_version") && Catch::Contains("MAJOR.MINOR"));
  j["format_version"] = 1;
  CHECK_THAT(load_error(j), Catch::Contains("format_version"));
}

TEST_CASE("a wrong format string is refused", "[forest_io]") {
  json j = small_model();
  j["format"] = "sklearn-forest";
  CHECK_THAT(load_error(j), Catch::Contains("forest.format") && Catch::Contains("sklearn-forest") &&
                                Catch::Contains("vixray-forest"));
  j.erase("format");
  CHECK_THAT(load_error(j), Catch::Contains("missing field \"format\""));
  CHECK_THROWS_WITH(IsolationForest::load("[1,2,3]"), Catch::Contains("expected a JSON object"));
  CHECK_THROWS_WITH(IsolationForest::load(""), Catch::Contains("not valid JSON"));
}

TEST_CASE("every truncated prefix of a valid model throws vixray::Error", "[forest_io]") {
  // Two models: the hand-written one and a small trained one with contamination.
  const auto data = vixray::make_clusters_with_outliers(50, 2, 0.1, 1, 9);
  vixray::ForestParams p;
  p.n_trees = 2;
  p.sample_size = 8;
  p.contamination = 0.1;
  const std::string texts[] = {kSmallModel, IsolationForest::fit(data.x, p).dump()};
  for (const std::string& text : texts) {
    REQUIRE_NOTHROW(IsolationForest::load(text));
    for (size_t length = 0; length < text.size(); ++length) {
      CAPTURE(length);
      REQUIRE_THROWS_AS(IsolationForest::load(std::string_view(text).substr(0, length)),
                        vixray::Error);
    }
  }
}

TEST_CASE("corrupt fields give an error naming the field", "[forest_io]") {
  SECTION("wrong types") {
    json j = small_model();
    j["n_trees"] = "1";
    CHECK_THAT(load_error(j), Catch::Contains("forest.n_trees") && Catch::Contains("integer"));
    j = small_model();
    j["sample_size"] = 8.5;
    CHECK_THAT(load_error(j), Catch::Contains("forest.sample_size"));
    j = small_model();
    j["seed"] = -3;
    CHECK_THAT(load_error(j), Catch::Contains("forest.seed"));
    j = small_model();
    j["offset"] = "half";
    CHECK_THAT(load_error(j), Catch::Contains("forest.offset"));
    j = small_model();
    j["contamination"] = 0.9;
    CHECK_THAT(load_error(j), Catch::Contains("forest.contamination") && Catch::Contains("0.9"));
    j = small_model();
    j["feature_names"] = {"a", 7};
    CHECK_THAT(load_error(j), Catch::Contains("forest.feature_names"));
    j = small_model();
    j["feature_names"] = {"a"};
    CHECK_THAT(load_error(j), Catch::Contains("forest.feature_names") && Catch::Contains("2"));
    j = small_model();
    j["trees"] = json::object();
    CHECK_THAT(load_error(j), Catch::Contains("forest.trees"));
    j = small_model();
    j["trees"][0]["feature"] = "0,-1";
    CHECK_THAT(load_error(j), Catch::Contains("forest.trees[0]") && Catch::Contains("arrays"));
    j = small_model();
    j["trees"][0]["threshold"][1] = "2";
    CHECK_THAT(load_error(j), Catch::Contains("forest.trees[0].threshold[1]"));
    j = small_model();
    j["trees"][0]["threshold"][0] = 1e300;  // finite double, but no float32
    CHECK_THAT(load_error(j), Catch::Contains("forest.trees[0].threshold[0]"));
    j = small_model();
    j["trees"][0]["leaf_size"][2] = 2.5;
    CHECK_THAT(load_error(j), Catch::Contains("forest.trees[0].leaf_size[2]"));
    j = small_model();
    j["trees"][0].erase("leaf_size");
    CHECK_THAT(load_error(j), Catch::Contains("forest.trees[0]") && Catch::Contains("leaf_size"));
  }
  SECTION("out-of-range feature index") {
    json j = small_model();
    j["trees"][0]["feature"][2] = 2;  // only features 0 and 1 exist
    CHECK_THAT(load_error(j), Catch::Contains("forest.trees[0].feature[2]") &&
                                  Catch::Contains("below 2") && Catch::Contains("got 2"));
    j["trees"][0]["feature"][2] = -2;
    CHECK_THAT(load_error(j), Catch::Contains("forest.trees[0].feature[2]"));
    j = small_model();
    j["n_features"] = 0;
    CHECK_THAT(load_error(j), Catch::Contains("forest.n_features"));
  }
  SECTION("leaf sizes not summing to sample_size") {
    json j = small_model();
    j["trees"][0]["leaf_size"] = {5, 1, 1};
    CHECK_THAT(load_error(j), Catch::Contains("forest.trees[0].leaf_size") &&
                                  Catch::Contains("add up to 7") && Catch::Contains("8"));
    j["trees"][0]["leaf_size"] = {5, 1, 9};
    CHECK_THAT(load_error(j), Catch::Contains("forest.trees[0].leaf_size[2]"));
  }
  SECTION("depth beyond the height limit") {
    // Height limit 1 (sample_size 2), but the tree splits again at depth 1.
    json j = small_model();
    j["sample_size"] = 2;
    j["height_limit"] = 1;
    j["trees"][0]["leaf_size"] = {1, 0, 1};
    CHECK_THAT(load_error(j), Catch::Contains("forest.trees[0].feature[2]") &&
                                  Catch::Contains("depth 1") && Catch::Contains("height limit 1"));
    j = small_model();
    j["height_limit"] = 5;  // inconsistent with sample_size 8
    CHECK_THAT(load_error(j), Catch::Contains("forest.height_limit") && Catch::Contains("got 5"));
  }
  SECTION("tree shape") {
    json j = small_model();
    j["trees"][0]["feature"] = {0, -1};  // the right child is missing
    j["trees"][0]["threshold"] = {0.5};
    j["trees"][0]["leaf_size"] = {8};
    CHECK_THAT(load_error(j),
               Catch::Contains("forest.trees[0].feature") && Catch::Contains("truncated"));
    j["trees"][0]["feature"] = {-1, -1};  // a node after the tree is complete
    CHECK_THAT(load_error(j), Catch::Contains("forest.trees[0].feature"));
    j = small_model();
    j["trees"][0]["threshold"] = {0.5, 2, 3};
    CHECK_THAT(load_error(j),
               Catch::Contains("forest.trees[0]") && Catch::Contains("more entries"));
    j = small_model();
    j["trees"][0]["threshold"] = {0.5};
    CHECK_THAT(load_error(j), Catch::Contains("forest.trees[0].threshold"));
    j = small_model();
    j["trees"] = json::array();
    CHECK_THAT(load_error(j), Catch::Contains("forest.trees"));
  }
}
