#include "train_folder.hpp"

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>
#include <vector>

#include "bundle_file.hpp"
#include "console.hpp"
#include "files.hpp"
#include "model_folder.hpp"
#include "threads.hpp"
#include "vixray/analysis/model_ab.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/data/price_files.hpp"
#include "vixray/ensemble/model_folder_names.hpp"

namespace vixray::cli {

namespace {

using nlohmann::json;

std::string bundle_of(const AbModel& m, const std::string& role, json training_data,
                      const std::string& path) {
  training_data["split"] = ab_split_json(m, role);
  std::string text = bundle_text(m.model, {{"training_data", training_data}});
  check_written_size(path, text.size(), InputKind::kJson);
  return text;
}

std::string seal_of(const std::string& bundle) {
  return parse_json_fast(bundle)["content_sha256"].get<std::string>();
}

void print_model(const char* name, const AbModel& m, const char* held) {
  const AbMetrics& x = m.metrics;
  std::printf("  model %s: trained %zu days %s .. %s, %s %zu days %s .. %s\n", name,
              m.training_rows.size(), m.training_date_start.c_str(), m.training_date_end.c_str(),
              held, m.holdout_rows.size(), m.holdout_date_start.c_str(),
              m.holdout_date_end.c_str());
  std::printf(
      "    flag rate %.4f (expected %.4f, training %.4f)  psi %.4f  calibration error %.4f\n",
      x.flag_rate, x.expected_flag_rate, x.training_flag_rate, x.psi, x.calibration_error);
  if (x.events)
    std::printf("    events %lld, detected %lld, recall %.3f, precision %.3f\n",
                static_cast<long long>(x.events->events),
                static_cast<long long>(x.events->detected), x.events->recall, x.events->precision);
}

}  // namespace

void train_model_folder(const TrainFolderArgs& o, const std::string& now) {
  if (!o.history.empty())
    throw Error("--history: not with a model folder (--out " + o.out + "): its history is " +
                kTrainingHistoryFile + " inside the folder; drop --history");
  // Locked, writable and with an intact history before the long work.
  ModelFolderWriter writer(o.out, "train");
  const Stopwatch watch;
  progress("reading market data");
  const MarketInputs inputs = read_inputs(o.data);
  const AlignedPrices market = read_price_csvs(inputs.series, kMinTrainingOverlapDays);
  const EnsembleSettings settings = read_settings(o.settings, o.market, o.asset_class);
  std::optional<std::vector<MarketEvent>> events;
  if (inputs.simulated && inputs.simulated->embed_events)
    events = simulate(*inputs.simulated).events;
  progress("training models A and B on " + std::to_string(market.frame.rows()) + " days");
  const MarketAB ab =
      train_market_ab(market.frame, settings, events ? &*events : nullptr,
                      thread_runner(o.threads > 0 ? o.threads : hardware_threads()));
  const json training_data = {{"source", inputs.provenance},
                              {"trained_at", now},
                              {"rows", market.frame.rows()},
                              {"columns", market.frame.names()},
                              {"report", market.report}};
  const std::string a =
      bundle_of(ab.a, "A", training_data, (std::filesystem::path(o.out) / kModelAFile).string());
  const std::string b =
      bundle_of(ab.b, "B", training_data, (std::filesystem::path(o.out) / kModelBFile).string());
  const std::string sha_a = seal_of(a), sha_b = seal_of(b);
  progress("writing " + o.out);
  const ModelFolderWriter::Published published = writer.publish(
      {{kModelAFile, a},
       {kModelBFile, b},
       {kValidationBaselineFile, validation_baseline_json(ab, now, sha_a).dump(2) + "\n"},
       {kDualModelBaselineFile, dual_model_baseline_json(ab, now, sha_a, sha_b).dump(2) + "\n"}},
      ab_history_entry(ab, now, inputs.provenance, sha_a, sha_b));
  progress_done();
  std::printf("model folder %s: models A and B on %zu training days after warm-up in %.2f s\n",
              o.out.c_str(), ab.split.rows.size(), watch.seconds());
  print_model("A", ab.a, "validated on");
  print_model("B", ab.b, "tested on");
  std::printf("history: %s line %zu, anchor %s\n", kTrainingHistoryFile, published.history_line,
              published.history_anchor.c_str());
  std::printf("latest.json -> model_a.json (%s)\n", sha_a.c_str());
}

}  // namespace vixray::cli
