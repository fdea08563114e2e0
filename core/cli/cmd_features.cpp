// `vixray features compute|catalogue|synthetic|bench`: the feature library from the command
// line. Frames come in and features go out as wide CSV (core/include/vixray/data/frame_csv.hpp).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "console.hpp"
#include "files.hpp"
#include "options.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/frame_csv.hpp"
#include "vixray/features/feature_csv.hpp"
#include "vixray/features/features.hpp"
#include "vixray/sim/synthetic_frame.hpp"

namespace vixray::cli {
namespace {

struct FeaturesOptions {
  std::string frame, spec, catalogue, out;
  int64_t rows = 9000;
  int32_t repeat = 20;
  uint64_t seed = 42;
};

// The spec named by --spec (a JSON file) or --catalogue (market | ticker | ticker-relative);
// the market catalogue is restricted to the frame's columns when a frame is given.
FeatureSpec chosen_spec(const FeaturesOptions& o, const Frame* frame) {
  if (!o.spec.empty() && !o.catalogue.empty())
    throw Error("--spec and --catalogue: give one of them, not both");
  if (!o.spec.empty()) return parse_feature_spec(read_file(o.spec), o.spec);
  const std::string name = o.catalogue.empty() ? "market" : o.catalogue;
  if (name == "market")
    return frame ? market_feature_catalogue(*frame) : market_feature_catalogue();
  if (name == "ticker") return ticker_feature_catalogue(false);
  if (name == "ticker-relative") return ticker_feature_catalogue(true);
  throw Error("--catalogue: expected market, ticker or ticker-relative, got \"" + name + "\"");
}

void write_or_print(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::cout << text;
  } else {
    write_file(path, text);
  }
}

void run_compute(const FeaturesOptions& o) {
  const Frame frame = parse_frame_csv(read_file(o.frame, InputKind::kCsv), o.frame);
  const FeatureSpec spec = chosen_spec(o, &frame);
  const FeatureMatrix features = compute_features(frame, spec);
  write_file(o.out, format_feature_csv(frame.dates(), features));
  std::cout << "computed " << features.names.size() << " features on " << frame.rows()
            << " days from " << o.frame << " -> " << o.out << "\n";
}

void run_catalogue(const FeaturesOptions& o) {
  std::unique_ptr<Frame> frame;
  if (!o.frame.empty())
    frame = std::make_unique<Frame>(parse_frame_csv(read_file(o.frame, InputKind::kCsv), o.frame));
  write_or_print(o.out, dump_feature_spec(chosen_spec(o, frame.get())) + "\n");
}

void run_synthetic(const FeaturesOptions& o) {
  write_file(o.out, format_frame_csv(synthetic_market_frame(o.rows, o.seed)));
  std::cout << "wrote a synthetic frame of " << o.rows << " days (seed " << o.seed << ") -> "
            << o.out << "\n";
}

// Minimum and median of a set of timings (ms). The minimum is the least disturbed by other
// processes on the machine.
std::string timing(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  char text[96];
  std::snprintf(text, sizeof text, "min %.2f ms, median %.2f ms", ms.front(), ms[ms.size() / 2]);
  return text;
}

// Times compute_features on a frame (the synthetic one unless --frame is given; then parsing the
// frame CSV text is timed too, the file read is not) over --repeat runs.
void run_bench(const FeaturesOptions& o) {
  const int32_t runs = std::max(1, o.repeat);
  Frame frame;
  std::vector<double> parse_ms;
  if (o.frame.empty()) {
    frame = synthetic_market_frame(o.rows, o.seed);
  } else {
    const std::string text = read_file(o.frame, InputKind::kCsv);
    for (int32_t i = 0; i < runs; ++i) {
      const Stopwatch watch;
      frame = parse_frame_csv(text, o.frame);
      parse_ms.push_back(watch.milliseconds());
    }
  }
  const FeatureSpec spec = chosen_spec(o, &frame);
  std::vector<double> compute_ms;
  double checksum = 0.0;  // keeps the work observable
  for (int32_t i = 0; i < runs; ++i) {
    const Stopwatch watch;
    const FeatureMatrix features = compute_features(frame, spec);
    compute_ms.push_back(watch.milliseconds());
    checksum += features.values.rows() > 0 ? features.values(features.values.rows() - 1, 0) : 0;
  }
  std::printf("features bench: %zu features x %lld days (%s), %d runs\n", spec.features.size(),
              static_cast<long long>(frame.rows()), o.frame.empty() ? "synthetic" : o.frame.c_str(),
              runs);
  if (!parse_ms.empty()) std::printf("  parse frame CSV:  %s\n", timing(parse_ms).c_str());
  std::printf("  compute features: %s (checksum %.6g)\n", timing(compute_ms).c_str(), checksum);
}

}  // namespace

void register_features_commands(CLI::App& app, Action& action) {
  auto o = std::make_shared<FeaturesOptions>();
  auto* features = app.add_subcommand("features", "the feature library (FeatureSpec -> matrix)");
  features->require_subcommand(1);
  const auto add_spec_options = [o](CLI::App* cmd) {
    cmd->add_option("--spec", o->spec, "feature spec (JSON: {\"features\": [...]})");
    cmd->add_option("--catalogue", o->catalogue,
                    "built-in spec instead of --spec: market (default), ticker, ticker-relative");
  };

  auto* compute = features->add_subcommand(
      "compute", "compute features on a wide frame CSV (date,<series>.<field>,...)");
  compute->add_option("--frame", o->frame, "frame CSV (empty field = missing)")->required();
  add_spec_options(compute);
  compute->add_option("--out", o->out, "features CSV to write (date + one column per feature)")
      ->required();
  compute->callback([o, &action] { action = [o] { run_compute(*o); }; });

  auto* catalogue = features->add_subcommand(
      "catalogue", "print a built-in feature spec as JSON (market: restricted to --frame columns)");
  add_spec_options(catalogue);
  catalogue->add_option("--frame", o->frame, "frame CSV whose columns restrict the market spec");
  catalogue->add_option("--out", o->out, "JSON file to write (default: standard output)");
  catalogue->callback([o, &action] { action = [o] { run_catalogue(*o); }; });

  auto* synthetic = features->add_subcommand(
      "synthetic", "write a quick deterministic frame with every column (for tests, benchmarks)");
  synthetic->add_option("--rows", o->rows, "trading days")->default_val(9000);
  add_seed_option(synthetic, "--seed", o->seed, "random seed")->default_val(42);
  synthetic->add_option("--out", o->out, "frame CSV to write")->required();
  synthetic->callback([o, &action] { action = [o] { run_synthetic(*o); }; });

  auto* bench = features->add_subcommand(
      "bench", "time compute_features (synthetic frame of --rows days unless --frame is given)");
  bench->add_option("--rows", o->rows, "trading days of the synthetic frame")->default_val(9000);
  add_seed_option(bench, "--seed", o->seed, "random seed of the synthetic frame")->default_val(42);
  bench->add_option("--repeat", o->repeat, "timed runs")->default_val(20);
  bench->add_option("--frame", o->frame, "frame CSV to time instead of the synthetic frame");
  add_spec_options(bench);
  bench->callback([o, &action] { action = [o] { run_bench(*o); }; });
}

}  // namespace vixray::cli
