// A forest model (vixray-forest JSON, forms 1.0 and 2.0) as `vixray forest score` and the page's
// Forest.fromJSON read it; a forest that loads must score rows (including NaN) and survive its
// own writers.
#include <cmath>
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
    vixray::RowMatrix rows(3, forest.n_features());
    for (Eigen::Index c = 0; c < rows.cols(); ++c) {
      rows(0, c) = 0.0;
      rows(1, c) = static_cast<double>(c) - 1.5;
      rows(2, c) = (c % 2 == 0) ? std::numeric_limits<double>::quiet_NaN() : 1e300;
    }
    const vixray::Vector scores = forest.score_samples(rows);
    (void)forest.predict(rows);
    for (Eigen::Index r = 0; r < scores.size(); ++r)
      if (!(scores(r) > 0.0 && scores(r) <= 1.0))
        vixray::fuzz::fail("forest_json", "a score outside (0, 1]");
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
