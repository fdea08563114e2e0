// Model A and Model B of a ticker model into a model folder (ticker_folder.hpp).
#include <cmath>
#include <cstdio>
#include <utility>

#include "bundle_file.hpp"
#include "clock.hpp"
#include "console.hpp"
#include "files.hpp"
#include "ticker_folder.hpp"
#include "vixray/analysis/ticker_ab.hpp"
#include "vixray/data/json_read.hpp"
#include "vixray/ensemble/model_folder_names.hpp"
#include "vixray/sim/simulated_tickers.hpp"

namespace vixray::cli {
namespace {

using nlohmann::json;

json source_of(const TickerFolderInputs& in) {
  json files = json::array();
  for (const TickerFile& f : in.files)
    files.push_back({{"path", f.path},
                     {"ticker", f.parsed.bars.ticker},
                     {"market", f.market},
                     {"bars", f.parsed.bars.size()},
                     {"first", format_bar_time(f.parsed.bars.time.front(), f.check.daily)},
                     {"last", format_bar_time(f.parsed.bars.time.back(), f.check.daily)}});
  return json{{"files", std::move(files)},
              {"settings", in.settings_path.empty() ? json(nullptr) : json(in.settings_path)},
              {"events", in.events_path.empty() ? json(nullptr) : json(in.events_path)}};
}

std::string figure(const json& v) {
  if (!v.is_number()) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", v.get<double>());
  return buffer;
}

void print_role(const TickerRole& role, const std::string& holdout) {
  const json& m = role.metrics;
  std::printf("model %s: %lld training rows %s .. %s, %lld %s rows %s .. %s\n", role.role.c_str(),
              static_cast<long long>(role.training_samples),
              format_bar_time(role.training_start, role.model.daily).c_str(),
              format_bar_time(role.training_end, role.model.daily).c_str(),
              static_cast<long long>(role.holdout_samples), holdout.c_str(),
              format_bar_time(role.holdout_start, role.model.daily).c_str(),
              format_bar_time(role.holdout_end, role.model.daily).c_str());
  std::printf("  flag rate %s (expected %s, training %s)  psi %s  calibration error %s\n",
              figure(m["flag_rate"]).c_str(), figure(m["expected_flag_rate"]).c_str(),
              figure(m["training_flag_rate"]).c_str(), figure(m["psi"]).c_str(),
              figure(m["calibration_error"]).c_str());
  const json& e = m["events"];
  if (e.is_object())
    std::printf("  events %lld, detected %lld, recall %s, precision %s (%lld flags)\n",
                e["events"].get<long long>(), e["detected"].get<long long>(),
                figure(e["recall"]).c_str(), figure(e["precision"]).c_str(),
                e["flags"].get<long long>());
}

}  // namespace

void train_ticker_folder(ModelFolderWriter& writer, const std::string& dir,
                         const TickerFolderInputs& inputs, const TickerSettings& settings) {
  std::vector<TickerEvent> events;
  if (!inputs.events_path.empty())
    events =
        parse_ticker_events_csv(read_file(inputs.events_path, InputKind::kCsv), inputs.events_path);
  const Stopwatch watch;
  const TickerAb ab =
      train_ticker_ab(inputs.training, settings, inputs.events_path.empty() ? nullptr : &events);
  const std::string trained_at = now_iso();
  const auto bundle = [](const TickerRole& role) {
    json doc = ticker_model_to_json(role.model);
    doc["split"] = ticker_split_json(role);
    return sealed_json_text(std::move(doc));
  };
  const std::string text_a = bundle(ab.a), text_b = bundle(ab.b);
  const std::string sha_a = parse_json_fast(text_a)["content_sha256"];
  const std::string sha_b = parse_json_fast(text_b)["content_sha256"];
  const auto doc_text = [](const json& doc) { return doc.dump(2) + "\n"; };
  const std::vector<std::pair<std::string, std::string>> files = {
      {kModelAFile, text_a},
      {kModelBFile, text_b},
      {kValidationBaselineFile, doc_text(ticker_validation_baseline(ab, sha_a, trained_at))},
      {kDualModelBaselineFile, doc_text(ticker_dual_model_baseline(ab, sha_a, sha_b, trained_at))}};
  const auto published =
      writer.publish(files, ticker_training_entry(ab, sha_a, sha_b, trained_at, source_of(inputs)));
  std::printf("trained Model A and Model B (%d trees, sample_size %d) in %lld ms -> %s\n",
              settings.n_trees, settings.sample_size, static_cast<long long>(watch.milliseconds()),
              dir.c_str());
  print_role(ab.a, "validation");
  print_role(ab.b, "test");
  std::printf("history: %s line %zu, anchor %s\n", kTrainingHistoryFile, published.history_line,
              published.history_anchor.c_str());
}

}  // namespace vixray::cli
