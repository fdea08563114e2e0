#include "market_inputs.hpp"

#include "bundle_file.hpp"
#include "files.hpp"
#include "options.hpp"
#include "vixray/base/error.hpp"
#include "vixray/sim/simulate.hpp"
#include "vixray/sim/simulated_series.hpp"

namespace vixray::cli {

using nlohmann::json;

void add_data_options(CLI::App* cmd, DataOptions& o) {
  cmd->add_option("--spx", o.spx, "S&P 500 daily prices (Yahoo, Stooq, CBOE or date,value CSV)");
  cmd->add_option("--vix", o.vix, "CBOE VIX daily history");
  cmd->add_option("--vix9d", o.vix9d, "optional VIX9D history");
  cmd->add_option("--vix3m", o.vix3m, "optional VIX3M history");
  cmd->add_option("--vvix", o.vvix, "optional VVIX history");
  cmd->add_option("--skew", o.skew, "optional CBOE SKEW history");
  add_seed_option(cmd, "--sim-seed", o.sim_seed, "simulator seed when no files are given")
      ->default_val(42);
  cmd->add_option("--sim-start", o.sim_start, "simulated first day")->default_val("1990-01-02");
  cmd->add_option("--sim-end", o.sim_end, "simulated last day")->default_val("2025-12-31");
}

bool has_files(const DataOptions& o) {
  return !(o.spx.empty() && o.vix.empty() && o.vix9d.empty() && o.vix3m.empty() && o.vvix.empty() &&
           o.skew.empty());
}

Day date_option(const std::string& option, const std::string& text) {
  Day day = 0;
  if (!parse_date(text, day))
    throw Error(option + ": expected a date YYYY-MM-DD, got \"" + text + "\"");
  return day;
}

std::string MarketInputs::describe() const {
  if (simulated)
    return "simulated market, seed " + std::to_string(simulated->seed) + ", " +
           format_iso(simulated->start) + " .. " + format_iso(simulated->end) +
           " (through the CSV readers)";
  std::string text;
  for (const auto& s : series) text += (text.empty() ? "" : ", ") + s.name + " " + s.source;
  return text;
}

MarketInputs read_inputs(const DataOptions& o) {
  MarketInputs in;
  if (!has_files(o)) {
    SimulationParams params;
    params.seed = o.sim_seed;
    params.start = date_option("--sim-start", o.sim_start);
    params.end = date_option("--sim-end", o.sim_end);
    if (params.end <= params.start) throw Error("--sim-end: must be after --sim-start");
    in.provenance = {{"kind", "simulated"},
                     {"seed", o.sim_seed},
                     {"start", format_iso(params.start)},
                     {"end", format_iso(params.end)}};
    in.series = simulated_series(params);
    in.simulated = params;
    return in;
  }
  if (o.spx.empty()) throw Error("--spx: the S&P 500 file is required when files are given");
  if (o.vix.empty()) throw Error("--vix: the VIX file is required when files are given");
  json files = json::object();
  for (const auto& [name, path] :
       std::vector<std::pair<std::string, std::string>>{{"spx", o.spx},
                                                        {"vix", o.vix},
                                                        {"vix9d", o.vix9d},
                                                        {"vix3m", o.vix3m},
                                                        {"vvix", o.vvix},
                                                        {"skew", o.skew}}) {
    if (path.empty()) continue;
    in.series.push_back({name, path, read_file(path, InputKind::kCsv)});
    files[name] = {{"path", path}, {"sha256", sha256_hex(in.series.back().text)}};
  }
  in.provenance = {{"kind", "files"}, {"files", files}};
  return in;
}

MarketInputs read_inputs_of_bundle(const json& bundle, const std::string& path) {
  const json data = bundle.value("training_data", json::object()).value("source", json());
  if (!data.is_object())
    throw Error(path + ": training_data.source: missing; give the data with --spx/--vix");
  DataOptions o;
  if (data.value("kind", "") == "simulated") {
    o.sim_seed = data.value("seed", uint64_t{42});
    o.sim_start = data.value("start", o.sim_start);
    o.sim_end = data.value("end", o.sim_end);
  } else {
    const json files = data.value("files", json::object());
    auto file = [&](const char* name) {
      return files.contains(name) ? files[name].value("path", std::string()) : std::string();
    };
    o.spx = file("spx"), o.vix = file("vix"), o.vix9d = file("vix9d"), o.vix3m = file("vix3m");
    o.vvix = file("vvix"), o.skew = file("skew");
  }
  return read_inputs(o);
}

}  // namespace vixray::cli
