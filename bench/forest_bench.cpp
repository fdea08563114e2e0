// Native timing of the Isolation Forest for `make bench` (bench/run.sh): fit time and
// score_samples throughput on one CSV, one thread, best of N runs, plus the ROC AUC.
// Times are CPU time of the process (the benchmark machine is shared, so wall-clock time
// measures the neighbours too); the wall-clock figures are printed beside them.
//
//   vixray_bench CSV LABEL_COL REPEATS [MODEL_OUT]
//
// Prints one line of key=value pairs (CPU seconds, rows per CPU second, wall seconds), then one
// `kernel=` line per scoring kernel (scalar, then the SIMD one this CPU runs: avx2; keys of their
// own, so bench/run.sh's fields of the first line stay), timed interleaved (scalar, SIMD,
// scalar, ...) so both see the same load: rows per CPU second, CPU nanoseconds per (row, tree)
// and whether the scores equal the scalar ones bit for bit (exit 1 if not). With
// MODEL_OUT it also writes the seed-42 model, so the WebAssembly benchmark scores exactly the same
// forest.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "bench_files.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/numeric_table.hpp"
#include "vixray/forest/forest.hpp"
#include "vixray/forest/metrics.hpp"

namespace {

// CPU seconds and wall seconds of one run.
struct Stopwatch {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  double cpu = cpu_now();
  static double cpu_now() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
  }
  double cpu_seconds() const { return cpu_now() - cpu; }
  double wall_seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: vixray_bench CSV LABEL_COL REPEATS [MODEL_OUT]\n";
    return 2;
  }
  try {
    const std::string path = argv[1], label_col = argv[2];
    const int repeats = std::max(1, std::atoi(argv[3]));
    const vixray::NumericTable table =
        vixray::parse_numeric_table(vixray::bench::read_text(path), path);
    const int64_t label = table.column_index(label_col, path);
    std::vector<double> labels;
    for (Eigen::Index r = 0; r < table.values.rows(); ++r) labels.push_back(table.values(r, label));
    const vixray::RowMatrix x = table.without_column(label).values;

    // Same settings as the scikit-learn side: 100 trees, psi 256, contamination "auto".
    vixray::ForestParams params;
    params.n_trees = 100;
    params.sample_size = static_cast<int32_t>(std::min<int64_t>(256, x.rows()));
    params.seed = 42;

    double best_fit = 1e300, best_fit_wall = 1e300;
    vixray::IsolationForest forest = vixray::IsolationForest::fit(x, params);  // warm-up
    for (int i = 0; i < repeats; ++i) {
      const Stopwatch watch;
      forest = vixray::IsolationForest::fit(x, params);
      best_fit = std::min(best_fit, watch.cpu_seconds());
      best_fit_wall = std::min(best_fit_wall, watch.wall_seconds());
    }
    std::vector<double> scores(static_cast<size_t>(x.rows()));
    const vixray::MatrixView view = vixray::view_of(x);
    double best_score = 1e300, best_score_wall = 1e300;
    forest.score_samples(view, scores.data());  // warm-up
    for (int i = 0; i < repeats; ++i) {
      const Stopwatch watch;
      forest.score_samples(view, scores.data());
      best_score = std::min(best_score, watch.cpu_seconds());
      best_score_wall = std::min(best_score_wall, watch.wall_seconds());
    }
    const double auc = vixray::roc_auc(scores, labels);

    // Scalar vs SIMD vs rank on the same rows, interleaved.
    const vixray::ForestKernel kernels[] = {
        vixray::ForestKernel::kScalar, vixray::ForestKernel::kSimd, vixray::ForestKernel::kRank,
        vixray::ForestKernel::kRankAvx512};
    constexpr int kKernels = 4;
    std::vector<double> kernel_scores[kKernels];
    double best_kernel[kKernels], best_kernel_wall[kKernels];
    for (int k = 0; k < kKernels; ++k) {
      best_kernel[k] = best_kernel_wall[k] = 1e300;
      kernel_scores[k].resize(scores.size());
      forest.score_samples(view, kernel_scores[k].data(), kernels[k]);  // warm-up
    }
    for (int i = 0; i < repeats; ++i) {
      for (int k = 0; k < kKernels; ++k) {
        const Stopwatch watch;
        forest.score_samples(view, kernel_scores[k].data(), kernels[k]);
        best_kernel[k] = std::min(best_kernel[k], watch.cpu_seconds());
        best_kernel_wall[k] = std::min(best_kernel_wall[k], watch.wall_seconds());
      }
    }
    bool identical = true;
    for (int k = 1; k < kKernels; ++k)
      identical = identical && std::memcmp(kernel_scores[0].data(), kernel_scores[k].data(),
                                           scores.size() * sizeof(double)) == 0;
    if (argc > 4) {
      std::ofstream out(argv[4], std::ios::binary);
      out << forest.dump() << "\n";
      if (!out) throw vixray::Error(std::string(argv[4]) + ": cannot write the model");
    }
    std::printf(
        "vixray rows=%lld cols=%lld fit_s=%.6f score_s=%.6f score_rows_per_s=%.0f "
        "auc=%.4f fit_wall_s=%.6f score_wall_s=%.6f nodes=%lld\n",
        static_cast<long long>(x.rows()), static_cast<long long>(x.cols()), best_fit, best_score,
        static_cast<double>(x.rows()) / best_score, auc, best_fit_wall, best_score_wall,
        static_cast<long long>(forest.n_nodes()));
    const double walks = static_cast<double>(x.rows()) * forest.n_trees();
    for (int k = 0; k < kKernels; ++k)
      std::printf(
          "kernel=%s kernel_s=%.6f kernel_rows_per_s=%.0f ns_per_row_tree=%.3f "
          "kernel_wall_s=%.6f speedup_vs_scalar=%.2f identical=%s\n",
          forest.kernel_name(kernels[k]), best_kernel[k],
          static_cast<double>(x.rows()) / best_kernel[k], 1e9 * best_kernel[k] / walks,
          best_kernel_wall[k], best_kernel[0] / best_kernel[k], identical ? "yes" : "NO");
    return identical ? 0 : 1;
  } catch (const vixray::Error& e) {
    std::cerr << "vixray_bench: error: " << e.what() << "\n";
    return 1;
  }
}
