// ROC AUC on the ODDS benchmarks (testdata/odds), like for like with scikit-learn.
//
// Protocol (same as bench/sklearn_odds_seeds.py): fit on the whole file with 100 trees and
// psi = 256, score the same file, ROC AUC of the scores against `label`, averaged over seeds
// 1..10. The forests differ from scikit-learn's tree by tree (another RNG), so a single seed
// is not comparable; the mean over seeds is (seed-to-seed spread is up to 0.02 on pima).
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "cli_helpers.hpp"
#include "vixray/data/numeric_table.hpp"
#include "vixray/forest/forest.hpp"
#include "vixray/forest/metrics.hpp"

namespace {

// Seeds averaged per file (the whole test takes ~3 s natively, ~8 s under ASan+UBSan).
constexpr int kSeeds = 10;

struct OddsCase {
  const char* name;
  // scikit-learn 1.2.1 (Debian python3-sklearn), mean AUC over random_state 1..10, as printed
  // by `/usr/bin/python3 bench/sklearn_odds_seeds.py testdata/odds` on this machine.
  double sklearn_mean_seeds_1_10;
  // The single-seed (random_state=42) values listed in testdata/README.md.
  double sklearn_seed_42_readme;
};

constexpr OddsCase kCases[] = {
    {"shuttle", 0.9970, 0.9975}, {"mammography", 0.8581, 0.8689}, {"satellite", 0.7049, 0.7215},
    {"pima", 0.6725, 0.6923},    {"breastw", 0.9870, 0.9871},
};

double auc_for_seed(const vixray::NumericTable& features, const std::vector<double>& labels,
                    uint64_t seed) {
  vixray::ForestParams p;
  p.n_trees = 100;
  p.sample_size = 256;
  p.seed = seed;
  const auto forest = vixray::IsolationForest::fit(features.values, p);
  const vixray::Vector s = forest.score_samples(features.values);
  return vixray::roc_auc(std::vector<double>(s.data(), s.data() + s.size()), labels);
}

}  // namespace

TEST_CASE("ODDS ROC AUC: mean over seeds within 0.02 of scikit-learn's", "[odds][slow]") {
  for (const OddsCase& c : kCases) {
    const std::string path = std::string("odds/") + c.name + ".csv";
    const std::string text = vixray::test::read_testdata(path);
    const vixray::NumericTable table = vixray::parse_numeric_table(text, path);
    const int64_t label = table.column_index("label", path);
    std::vector<double> labels;
    for (Eigen::Index r = 0; r < table.values.rows(); ++r) labels.push_back(table.values(r, label));
    const vixray::NumericTable features = table.without_column(label);

    double sum = 0.0;
    for (uint64_t seed = 1; seed <= static_cast<uint64_t>(kSeeds); ++seed)
      sum += auc_for_seed(features, labels, seed);
    const double mean = sum / kSeeds;
    const double seed_42 = auc_for_seed(features, labels, 42);
    char line[200];
    std::snprintf(line, sizeof line,
                  "odds %-12s vixray mean(seeds 1..%d)=%.4f sklearn mean=%.4f | "
                  "vixray seed42=%.4f sklearn seed42 (README)=%.4f",
                  c.name, kSeeds, mean, c.sklearn_mean_seeds_1_10, seed_42,
                  c.sklearn_seed_42_readme);
    std::printf("%s\n", line);
    INFO(line);
    CHECK(mean == Approx(c.sklearn_mean_seeds_1_10).margin(0.02));
  }
}
