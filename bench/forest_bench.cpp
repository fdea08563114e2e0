// Native timing of the Isolation Forest for `make bench` (bench/run.sh): fit time and
// score_samples throughput on one CSV, one thread, best of N runs, plus the ROC AUC.
//
//   vixray_bench CSV LABEL_COL REPEATS [MODEL_OUT]
//
// Prints one line of key=value pairs (seconds, rows per second). With MODEL_OUT it also writes
// the seed-42 model, so the WebAssembly benchmark scores exactly the same forest.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "vixray/error.hpp"
#include "vixray/forest.hpp"
#include "vixray/metrics.hpp"
#include "vixray/table.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw vixray::Error(path + ": cannot open for reading");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: vixray_bench CSV LABEL_COL REPEATS [MODEL_OUT]\n";
    return 2;
  }
  try {
    const std::string path = argv[1], label_col = argv[2];
    const int repeats = std::max(1, std::atoi(argv[3]));
    const vixray::NumericTable table = vixray::parse_numeric_table(read_text(path), path);
    const int64_t label = table.column_index(label_col, path);
    std::vector<double> labels;
    for (Eigen::Index r = 0; r < table.values.rows(); ++r) labels.push_back(table.values(r, label));
    const vixray::RowMatrix x = table.without_column(label).values;

    // Same settings as the scikit-learn side: 100 trees, psi 256, contamination "auto".
    vixray::ForestParams params;
    params.n_trees = 100;
    params.sample_size = static_cast<int32_t>(std::min<int64_t>(256, x.rows()));
    params.seed = 42;

    double best_fit = 1e300;
    vixray::IsolationForest forest = vixray::IsolationForest::fit(x, params);  // warm-up
    for (int i = 0; i < repeats; ++i) {
      const auto start = Clock::now();
      forest = vixray::IsolationForest::fit(x, params);
      best_fit = std::min(best_fit, seconds_since(start));
    }
    std::vector<double> scores(static_cast<size_t>(x.rows()));
    const vixray::MatrixView view = vixray::view_of(x);
    double best_score = 1e300;
    forest.score_samples(view, scores.data());  // warm-up
    for (int i = 0; i < repeats; ++i) {
      const auto start = Clock::now();
      forest.score_samples(view, scores.data());
      best_score = std::min(best_score, seconds_since(start));
    }
    const double auc = vixray::roc_auc(scores, labels);
    if (argc > 4) {
      std::ofstream out(argv[4], std::ios::binary);
      out << forest.dump() << "\n";
      if (!out) throw vixray::Error(std::string(argv[4]) + ": cannot write the model");
    }
    std::printf("vixray rows=%lld cols=%lld fit_s=%.6f score_s=%.6f score_rows_per_s=%.0f "
                "auc=%.4f nodes=%lld\n",
                static_cast<long long>(x.rows()), static_cast<long long>(x.cols()), best_fit,
                best_score, static_cast<double>(x.rows()) / best_score, auc,
                static_cast<long long>(forest.n_nodes()));
    return 0;
  } catch (const vixray::Error& e) {
    std::cerr << "vixray_bench: error: " << e.what() << "\n";
    return 1;
  }
}
