// `vixray simulate`: writes the simulated market (the embedded default data) as CSV files in
// the real formats, and with --compare checks it against real VIX / S&P 500 history.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "console.hpp"
#include "files.hpp"
#include "options.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/dates.hpp"
#include "vixray/data/price_csv.hpp"
#include "vixray/sim/realism.hpp"
#include "vixray/sim/simulate.hpp"
#include "vixray/sim/simulated_tickers.hpp"

namespace vixray::cli {
namespace {

struct SimulateOptions {
  uint64_t seed = 42;
  std::string start = "1990-01-02";
  std::string end = "2025-12-31";
  std::string out;
  std::string compare;
  bool no_events = false;
};

struct CloseSeries {
  std::vector<Day> dates;
  std::vector<double> close;
};

// Minimal loader of a real daily file (CBOE or Yahoo header): the first column as the date and
// the column named "close" (any case). Only for --compare; the full readers with the quirk
// reports live in the core's market CSV readers.
// Closes of a real history file, read by the shared market CSV reader (format from the header).
CloseSeries load_real_close_series(const std::string& path) {
  ParsedPrices parsed = parse_price_csv(read_file(path, InputKind::kCsv), path);
  return CloseSeries{std::move(parsed.series.dates), std::move(parsed.series.close)};
}

Day parse_option_date(const std::string& option, const std::string& text) {
  Day day = 0;
  if (!parse_date(text, day))
    throw Error(option + ": expected a date YYYY-MM-DD, got \"" + text + "\"");
  return day;
}

// Realism statistics of the days in [first, last] present in both series.
RealismStats stats_on_common_days(const CloseSeries& vix, const CloseSeries& spx, Day first,
                                  Day last) {
  std::map<Day, double> spx_by_day;
  for (size_t i = 0; i < spx.dates.size(); ++i) spx_by_day[spx.dates[i]] = spx.close[i];
  std::vector<Day> dates;
  std::vector<double> vix_close, spx_close;
  for (size_t i = 0; i < vix.dates.size(); ++i) {
    const Day day = vix.dates[i];
    if (day < first || day > last) continue;
    const auto it = spx_by_day.find(day);
    if (it == spx_by_day.end()) continue;
    dates.push_back(day);
    vix_close.push_back(vix.close[i]);
    spx_close.push_back(it->second);
  }
  return compute_realism_stats(dates, vix_close, spx_close);
}

void run_simulate(const SimulateOptions& o) {
  if (o.out.empty() && o.compare.empty())
    throw Error("simulate: nothing to do; give --out DIR and/or --compare REAL_DIR");
  SimulationParams params;
  params.seed = o.seed;
  params.start = parse_option_date("--start", o.start);
  params.end = parse_option_date("--end", o.end);
  params.embed_events = !o.no_events;
  const Stopwatch watch;
  const SimulatedMarket market = simulate(params);
  const double seconds = watch.seconds();
  std::fprintf(stderr, "simulate: seed %llu, %s .. %s, %zu trading days, %zu events (%.3f s)\n",
               static_cast<unsigned long long>(o.seed), format_iso(params.start).c_str(),
               format_iso(params.end).c_str(), market.dates.size(), market.events.size(), seconds);
  if (!o.out.empty()) {
    make_directory(o.out);
    const std::string dir = o.out + "/";
    write_file(dir + "vix.csv", write_cboe_csv(market.dates, market.vix));
    write_file(dir + "spx.csv", write_yahoo_csv(market.dates, market.spx));
    write_file(dir + "vix9d.csv", write_cboe_csv(market.dates, market.vix9d));
    write_file(dir + "vix3m.csv", write_cboe_csv(market.dates, market.vix3m));
    write_file(dir + "vvix.csv", write_cboe_csv(market.dates, market.vvix));
    write_file(dir + "skew.csv", write_cboe_csv(market.dates, market.skew));
    write_file(dir + "events.csv", write_events_csv(market.events));
    std::fprintf(stderr, "simulate: wrote 7 files to %s\n", o.out.c_str());
  }
  if (!o.compare.empty()) {
    // The real files cover 1990-2018: both sides are judged on that window.
    const Day first = days_from_civil(1990, 1, 2), last = days_from_civil(2018, 12, 31);
    const CloseSeries real_vix = load_real_close_series(o.compare + "/vix_daily_1990_2018.csv");
    const CloseSeries real_spx = load_real_close_series(o.compare + "/spx_daily_1990_2018.csv");
    const RealismStats real = stats_on_common_days(real_vix, real_spx, first, last);
    const CloseSeries sim_vix{market.dates, market.vix.close};
    const CloseSeries sim_spx{market.dates, market.spx.close};
    const RealismStats sim = stats_on_common_days(sim_vix, sim_spx, first, last);
    std::printf("simulated (seed %llu) %s .. %s, %lld days vs real %s .. %s, %lld days\n",
                static_cast<unsigned long long>(o.seed), format_iso(sim.first).c_str(),
                format_iso(sim.last).c_str(), static_cast<long long>(sim.days),
                format_iso(real.first).c_str(), format_iso(real.last).c_str(),
                static_cast<long long>(real.days));
    const auto checks = compare_realism(sim, real);
    std::cout << format_realism_table(checks) << std::flush;
    const auto failed =
        std::count_if(checks.begin(), checks.end(), [](const RealismCheck& c) { return !c.pass; });
    if (failed > 0)
      throw Error("simulate --compare: " + std::to_string(failed) + " of " +
                  std::to_string(checks.size()) + " realism checks failed");
  }
}

struct TickerSimOptions {
  uint64_t seed = 42;
  std::string out;
};

constexpr const char* kTickersReadme =
    "# Simulated tickers (not market data)\n\n"
    "Written by `vixray simulate tickers`: every ticker here is simulated (SIMA, SIMB, 9901.T,\n"
    "9902.T, SIMC.BK, SIMD.BK), daily (1d/) and 5-minute (5m/) bars in the CSV format yfinance\n"
    "writes, inside the sessions of New York, Tokyo and Bangkok. ticker_events.csv lists the "
    "embedded patterns\n"
    "(the ground truth of `vixray backtest tickers`). See core/include/vixray/sim/"
    "simulated_tickers.hpp.\n";

void run_simulate_tickers(const TickerSimOptions& o) {
  TickerSimParams params;
  params.seed = o.seed;
  const Stopwatch watch;
  const SimulatedTickers sim = simulate_tickers(params);
  // One folder per interval, files named by the ticker alone: "9901.T.csv" routes to JP by its
  // suffix as a downloaded file does.
  const std::string dir = o.out + "/";
  make_directory(o.out);
  make_directory(dir + "1d");
  make_directory(dir + "5m");
  int64_t bars = 0;
  for (const SimulatedTicker& t : sim.tickers) {
    const int32_t decimals = simulated_price_decimals(t.market);
    write_file(dir + "1d/" + t.ticker + ".csv", write_yfinance_csv(t.daily, decimals));
    write_file(dir + "5m/" + t.ticker + ".csv", write_yfinance_csv(t.intraday, decimals));
    bars += t.daily.size() + t.intraday.size();
  }
  write_file(dir + "ticker_events.csv", write_ticker_events_csv(sim.events));
  write_file(dir + "README.md", kTickersReadme);
  std::fprintf(stderr,
               "simulate tickers: seed %llu, %zu tickers, %lld bars, %zu patterns; wrote %zu files "
               "to %s (%.3f s)\n",
               static_cast<unsigned long long>(o.seed), sim.tickers.size(),
               static_cast<long long>(bars), sim.events.size(), 2 * sim.tickers.size() + 2,
               o.out.c_str(), watch.seconds());
}

}  // namespace

void register_simulate_commands(CLI::App& app, Action& action) {
  auto options = std::make_shared<SimulateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "simulate",
      "write a simulated market (VIX, S&P 500, VIX9D, VIX3M, VVIX, SKEW, events) "
      "and/or compare it with real history");
  add_seed_option(cmd, "--seed", options->seed, "random seed")->default_val(42);
  cmd->add_option("--start", options->start, "first day (YYYY-MM-DD)")->default_val("1990-01-02");
  cmd->add_option("--end", options->end, "last day (YYYY-MM-DD)")->default_val("2025-12-31");
  cmd->add_option("--out", options->out, "directory for the CSV files (created if missing)");
  cmd->add_option("--compare", options->compare,
                  "directory holding vix_daily_1990_2018.csv and spx_daily_1990_2018.csv: print "
                  "the realism checks on 1990-2018 and fail if one fails");
  cmd->add_flag("--no-events", options->no_events,
                "the model alone, without the scheduled episodes (events.csv has only a header)");
  auto tickers_options = std::make_shared<TickerSimOptions>();
  CLI::App* tickers = cmd->add_subcommand(
      "tickers",
      "write simulated tickers (US SIMA/SIMB, JP 9901.T/9902.T, TH SIMC.BK/SIMD.BK) as yfinance "
      "CSV "
      "files DIR/1d/<ticker>.csv and DIR/5m/<ticker>.csv, and their labelled patterns "
      "(DIR/ticker_events.csv)");
  add_seed_option(tickers, "--seed", tickers_options->seed, "random seed")->default_val(42);
  tickers->add_option("--out", tickers_options->out, "directory for the files (created if missing)")
      ->required();
  tickers->callback([tickers_options, &action] {
    action = [tickers_options] { run_simulate_tickers(*tickers_options); };
  });
  // CLI11 runs this callback after the subcommand's: keep the subcommand's action.
  cmd->callback([options, tickers, &action] {
    if (tickers->parsed()) return;
    action = [options] { run_simulate(*options); };
  });
}

}  // namespace vixray::cli
