// A forest model (vixray-forest JSON, forms 1.0 and 2.0) as `vixray forest score` and the page's
// Forest.fromJSON read it; a forest that loads must score rows, give the same path lengths walked
// without its layout (a few rows, before it is laid out) as with the scalar kernel, refuse a NaN,
// and survive its own writers.
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "fuzz_target.hpp"
#include "vixray/base/error.hpp"
#include "vixray/forest/forest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const vixray::IsolationForest forest =
        vixray::IsolationForest::load(vixray::fuzz::text_of(data, size));
    if (forest.n_features() <= 0 || forest.n_features() > 4096) return 0;
    vixray::RowMatrix rows(4, forest.n_features());
    for (Eigen::Index c = 0; c < rows.cols(); ++c) {
      rows(0, c) = 0.0;
      rows(1, c) = static_cast<double>(c) - 1.5;
      rows(2, c) = (c % 2 == 0) ? -1e300 : 1e300;
      rows(3, c) = 0.0;
    }
    // Row 3 sits on thresholds: the last one the forest splits each feature at.
    for (int64_t k = 0; k < forest.n_nodes(); ++k)
      if (forest.node_feature()[static_cast<size_t>(k)] >= 0)
        rows(3, forest.node_feature()[static_cast<size_t>(k)]) =
            forest.node_threshold()[static_cast<size_t>(k)];
    // Fresh from the reader, not laid out: kAuto walks these rows without the layout.
    double walked[4] = {-1.0, -1.0, -1.0, -1.0};
    double scalar[4] = {-2.0, -2.0, -2.0, -2.0};
    forest.mean_path_length(vixray::view_of(rows), walked, vixray::ForestKernel::kAuto);
    forest.mean_path_length(vixray::view_of(rows), scalar, vixray::ForestKernel::kScalar);
    if (std::memcmp(walked, scalar, sizeof walked) != 0)
      vixray::fuzz::fail("forest_json", "the walk without a layout differs from the scalar kernel");
    const vixray::Vector scores = forest.score_samples(rows);
    (void)forest.predict(rows);
    for (Eigen::Index r = 0; r < scores.size(); ++r)
      if (!(scores(r) > 0.0 && scores(r) <= 1.0))
        vixray::fuzz::fail("forest_json", "a score outside (0, 1]");
    rows(2, 0) = std::numeric_limits<double>::quiet_NaN();
    bool refused = false;
    try {
      (void)forest.score_samples(rows);
    } catch (const vixray::Error&) {
      refused = true;
    }
    if (!refused) vixray::fuzz::fail("forest_json", "a NaN row was scored");
    const vixray::IsolationForest again = vixray::IsolationForest::load(forest.dump());
    if (again.n_nodes() != forest.n_nodes())
      vixray::fuzz::fail("forest_json", "a written forest reads back with other nodes");
    // The bundles' form 2.0 (typed arrays) must read back to the same 1.0 document.
    const vixray::IsolationForest packed =
        vixray::IsolationForest::from_json(forest.to_json(vixray::BundleForm::kPacked2));
    if (packed.to_json() != forest.to_json())
      vixray::fuzz::fail("forest_json", "a forest differs after a round trip through form 2.0");
  } catch (const vixray::Error&) {
  }
  return 0;
}
