// `vixray forest fit|score|eval`: a generic Isolation Forest on any numeric CSV.
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "commands.hpp"
#include "files.hpp"
#include "options.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/csv.hpp"
#include "vixray/data/numeric_table.hpp"
#include "vixray/forest/forest.hpp"
#include "vixray/forest/limits.hpp"
#include "vixray/forest/metrics.hpp"
#include "vixray/sim/synthetic.hpp"

namespace vixray::cli {
namespace {

struct ForestOptions {
  std::string csv, out, model, label_col;
  int32_t trees = 100;
  std::string sample_size = "auto";
  uint64_t seed = 42;
  std::string contamination = "auto";
};

struct Dataset {
  NumericTable features;
  std::vector<double> labels;  // empty without a label column
};

Dataset read_dataset(const std::string& path, const std::string& label_col) {
  Dataset data;
  NumericTable table = parse_numeric_table(read_file(path, InputKind::kCsv), path);
  if (label_col.empty()) {
    data.features = std::move(table);
    return data;
  }
  const int64_t label_index = table.column_index(label_col, path);
  for (Eigen::Index r = 0; r < table.values.rows(); ++r)
    data.labels.push_back(table.values(r, label_index));  // a row-major column is strided
  data.features = table.without_column(label_index);
  if (data.features.columns.empty()) throw Error(path + ": no feature columns besides the label");
  return data;
}

// A model file, with its path in front of any error of the model text.
IsolationForest load_model(const std::string& path) {
  const std::string text = read_file(path);
  try {
    return IsolationForest::load(text);
  } catch (const Error& e) {
    throw Error(path + ": " + e.what());
  }
}

ForestParams params_of(const ForestOptions& o) {
  ForestParams p;
  p.n_trees = o.trees;
  p.seed = o.seed;
  if (o.sample_size != "auto") {
    double v = 0;
    if (!parse_double(o.sample_size, v) || !(v >= 1 && v <= kMaxSampleSize) ||
        v != static_cast<int32_t>(v))
      throw Error("--sample-size: expected \"auto\" or a whole number 1 to " +
                  std::to_string(kMaxSampleSize) + ", got \"" + o.sample_size + "\"");
    p.sample_size = static_cast<int32_t>(v);
  }
  if (o.contamination != "auto") {
    double v = 0;
    if (!parse_double(o.contamination, v))
      throw Error("--contamination: expected \"auto\" or a number in (0, 0.5], got \"" +
                  o.contamination + "\"");
    p.contamination = v;
  }
  return p;
}

// The model's feature columns from the table, by name, in the model's order.
RowMatrix model_columns(const IsolationForest& forest, const NumericTable& table,
                        const std::string& path) {
  RowMatrix x(table.values.rows(), forest.n_features());
  for (int32_t f = 0; f < forest.n_features(); ++f) {
    const auto& name = forest.feature_names()[static_cast<size_t>(f)];
    x.col(f) = table.values.col(table.column_index(name, path));
  }
  return x;
}

void add_fit_options(CLI::App* cmd, ForestOptions& o) {
  cmd->add_option("--trees", o.trees, "number of trees")
      ->default_val(100)
      ->check(CLI::Range(1, kMaxTrees));
  cmd->add_option("--sample-size", o.sample_size, "subsample size psi per tree, or auto")
      ->default_val("auto");
  add_seed_option(cmd, "--seed", o.seed, "random seed")->default_val(42);
  cmd->add_option("--contamination", o.contamination,
                  "expected share of outliers in (0, 0.5], or auto (offset 0.5)")
      ->default_val("auto");
}

void run_fit(const ForestOptions& o) {
  const ForestParams params = params_of(o);  // options checked before the data is read
  Dataset data = read_dataset(o.csv, o.label_col);
  IsolationForest forest =
      IsolationForest::fit(data.features.values, params, data.features.columns);
  const std::string text = forest.dump() + "\n";
  check_written_size(o.out, text.size(), InputKind::kJson);
  write_file(o.out, text);
  std::cout << "trained " << forest.n_trees() << " trees (psi=" << forest.sample_size() << ", "
            << forest.n_nodes() << " nodes) on " << data.features.values.rows() << " x "
            << forest.n_features() << " from " << o.csv << " -> " << o.out << "\n";
}

void run_score(const ForestOptions& o) {
  const IsolationForest forest = load_model(o.model);
  Dataset data = read_dataset(o.csv, o.label_col);
  const RowMatrix x = model_columns(forest, data.features, o.csv);
  const Vector scores = forest.score_samples(x);
  std::string text = "score,decision,prediction\n";
  char line[96];
  for (Eigen::Index i = 0; i < scores.size(); ++i) {
    const double decision = forest.offset() - scores[i];
    std::snprintf(line, sizeof line, "%.17g,%.17g,%d\n", scores[i], decision,
                  decision < 0.0 ? -1 : 1);
    text += line;
  }
  write_file(o.out, text);
  std::cout << "scored " << scores.size() << " rows from " << o.csv << " -> " << o.out << "\n";
}

void run_eval(const ForestOptions& o) {
  if (o.label_col.empty()) throw Error("--label-col: eval needs the name of the label column");
  const ForestParams params = params_of(o);
  Dataset data = read_dataset(o.csv, o.label_col);
  const IsolationForest forest =
      o.model.empty() ? IsolationForest::fit(data.features.values, params, data.features.columns)
                      : load_model(o.model);
  const RowMatrix x = model_columns(forest, data.features, o.csv);
  const Vector scores = forest.score_samples(x);
  const std::vector<double> score_list(scores.data(), scores.data() + scores.size());
  const double auc = roc_auc(score_list, data.labels);
  int64_t positives = 0, flagged = 0, hits = 0;
  for (size_t i = 0; i < score_list.size(); ++i) {
    const bool positive = data.labels[i] != 0.0;
    const bool outlier = score_list[i] > forest.offset();
    positives += positive;
    flagged += outlier;
    hits += positive && outlier;
  }
  std::printf("rows=%lld positives=%lld roc_auc=%.4f flagged=%lld precision=%.4f recall=%.4f\n",
              static_cast<long long>(score_list.size()), static_cast<long long>(positives), auc,
              static_cast<long long>(flagged),
              flagged ? static_cast<double>(hits) / static_cast<double>(flagged) : 0.0,
              positives ? static_cast<double>(hits) / static_cast<double>(positives) : 0.0);
}

struct GenerateOptions {
  int64_t rows = 9000, cols = 8;
  double outlier_share = 0.05;
  int32_t clusters = 3;
  uint64_t seed = 42;
  std::string out;
};

void run_generate(const GenerateOptions& o) {
  const LabelledData data =
      make_clusters_with_outliers(o.rows, o.cols, o.outlier_share, o.clusters, o.seed);
  std::string text;
  for (int64_t c = 0; c < o.cols; ++c) text += "f" + std::to_string(c) + ",";
  text += "label\n";
  char number[32];
  for (Eigen::Index r = 0; r < data.x.rows(); ++r) {
    for (Eigen::Index c = 0; c < data.x.cols(); ++c) {
      std::snprintf(number, sizeof number, "%.17g,", data.x(r, c));
      text += number;
    }
    text += data.labels[static_cast<size_t>(r)] != 0.0 ? "1\n" : "0\n";
  }
  write_file(o.out, text);
  std::cout << "generated " << o.rows << " x " << o.cols << " (" << o.clusters << " clusters, "
            << o.outlier_share * 100 << "% outliers, seed " << o.seed << ") -> " << o.out << "\n";
}

}  // namespace

void register_forest_commands(CLI::App& app, Action& action) {
  // One options object per subcommand: a default of one (eval's --label-col label) must not
  // leak into another (score without --label-col).
  auto* forest = app.add_subcommand("forest", "a single Isolation Forest on any numeric CSV");
  forest->require_subcommand(1);

  auto* fit = forest->add_subcommand("fit", "train a forest on a numeric CSV with a header");
  auto options = std::make_shared<ForestOptions>();
  fit->add_option("--csv", options->csv, "training data (header + numbers)")->required();
  fit->add_option("--label-col", options->label_col, "column to leave out (e.g. label)");
  fit->add_option("--out", options->out, "model file to write (JSON)")->required();
  add_fit_options(fit, *options);
  fit->callback([options, &action] { action = [options] { run_fit(*options); }; });

  auto* score = forest->add_subcommand("score", "score a CSV with a trained forest");
  options = std::make_shared<ForestOptions>();
  score->add_option("--model", options->model, "forest model (JSON)")->required();
  score->add_option("--csv", options->csv, "data with the model's feature columns")->required();
  score->add_option("--label-col", options->label_col, "column to ignore (e.g. label)");
  score->add_option("--out", options->out, "scores CSV to write (score,decision,prediction)")
      ->required();
  score->callback([options, &action] { action = [options] { run_score(*options); }; });

  auto* eval = forest->add_subcommand(
      "eval", "ROC AUC against a label column (fits on the data unless --model is given)");
  options = std::make_shared<ForestOptions>();
  eval->add_option("--csv", options->csv, "data with a label column")->required();
  eval->add_option("--label-col", options->label_col, "label column (1 = outlier)")
      ->default_val("label");
  eval->add_option("--model", options->model, "forest model (JSON); omit to fit on --csv");
  add_fit_options(eval, *options);
  eval->callback([options, &action] { action = [options] { run_eval(*options); }; });

  auto generated = std::make_shared<GenerateOptions>();
  auto* generate = forest->add_subcommand(
      "generate", "write labelled test data: Gaussian clusters plus uniform outliers");
  generate->add_option("--rows", generated->rows, "rows")->default_val(9000);
  generate->add_option("--cols", generated->cols, "feature columns")->default_val(8);
  generate->add_option("--outliers", generated->outlier_share, "share of outliers in [0, 1)")
      ->default_val(0.05);
  generate->add_option("--clusters", generated->clusters, "number of inlier clusters")
      ->default_val(3);
  add_seed_option(generate, "--seed", generated->seed, "random seed")->default_val(42);
  generate->add_option("--out", generated->out, "CSV to write (f0..fN, label)")->required();
  generate->callback([generated, &action] { action = [generated] { run_generate(*generated); }; });
}

}  // namespace vixray::cli
