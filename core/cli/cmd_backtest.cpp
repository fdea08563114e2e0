// `vixray backtest`: walk-forward quality of the ensemble on market files (known real stress
// episodes) or on the simulator (its embedded events), next to the naive rule "VIX >= 28".
// Prints a markdown report and optionally writes it (--out) and the figures as JSON (--json).

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include "bundle_file.hpp"
#include "commands.hpp"
#include "console.hpp"
#include "detection_report.hpp"
#include "files.hpp"
#include "market_inputs.hpp"
#include "vixray/analysis/backtest.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/price_files.hpp"
#include "vixray/ensemble/thresholds.hpp"
#include "vixray/sim/simulate.hpp"

namespace vixray::cli {
namespace {

using nlohmann::json;

struct BacktestCliOptions {
  DataOptions data;
  int32_t first_year = 0;  // 0: 1997 for files, 1996 for the simulator
  double vix_rule = 28.0;
  std::string settings, market, asset_class, out, json_out;
};

std::string fixed(double value, int digits) {
  if (!std::isfinite(value)) return "-";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

std::string percent(int64_t part, int64_t whole) {
  return whole > 0 ? fixed(100.0 * static_cast<double>(part) / static_cast<double>(whole), 1) + "%"
                   : "-";
}

std::string lag_text(const OnsetMatch& m) {
  if (m.lag == kNoAlarm) return "none";
  return (m.lag > 0 ? "+" : "") + std::to_string(m.lag);
}

std::string yes_no(bool value) { return value ? "**yes**" : "no"; }

// Which signal alarmed first within the episode window ("tie" when on the same day).
std::string first_of(const OnsetMatch& ensemble, const OnsetMatch& rule) {
  if (ensemble.lag == kNoAlarm && rule.lag == kNoAlarm) return "neither";
  if (rule.lag == kNoAlarm || (ensemble.lag != kNoAlarm && ensemble.lag < rule.lag))
    return "ensemble";
  if (ensemble.lag == kNoAlarm || rule.lag < ensemble.lag) return "rule";
  return "tie";
}

json stats_json(const AlarmStats& s) {
  return {{"days", s.days},
          {"alarm_days", s.alarm_days},
          {"episodes", s.episodes},
          {"false_episodes", s.false_episodes}};
}

json finite_or_null(double v) { return std::isfinite(v) ? json(v) : json(); }

json match_json(const OnsetMatch& m) {
  return {{"hit", m.hit}, {"lag", m.lag == kNoAlarm ? json() : json(m.lag)}};
}

// Rows of the onsets from index `first` on, with a total line; returns them as JSON.
json write_episode_table(std::ostringstream& md, const std::vector<OnsetResult>& onsets,
                         size_t first, const BacktestOptions& options) {
  md << "| episode | onset | VIX at onset | max score d0..d+" << options.hit_days
     << " | ensemble >= HIGH by d+" << options.hit_days << " | rule by d+" << options.hit_days
     << " | ensemble lag | rule lag | first |\n|---|---|---:|---:|---|---|---:|---:|---|\n";
  int64_t in_range = 0, ensemble_hits = 0, rule_hits = 0;
  json rows = json::array();
  for (size_t i = first; i < onsets.size(); ++i) {
    const OnsetResult& r = onsets[i];
    if (!r.in_range) continue;
    ++in_range;
    ensemble_hits += r.ensemble.hit;
    rule_hits += r.rule.hit;
    md << "| " << r.name << " | " << format_iso(r.onset_day) << " | " << fixed(r.vix_at_onset, 1)
       << " | " << fixed(r.max_score, 3) << " | " << yes_no(r.ensemble.hit) << " | "
       << yes_no(r.rule.hit) << " | " << lag_text(r.ensemble) << " | " << lag_text(r.rule) << " | "
       << first_of(r.ensemble, r.rule) << " |\n";
    rows.push_back({{"name", r.name},
                    {"onset", format_iso(r.onset_day)},
                    {"vix_at_onset", r.vix_at_onset},
                    {"max_score", r.max_score},
                    {"ensemble", match_json(r.ensemble)},
                    {"rule", match_json(r.rule)}});
  }
  md << "| **detected** | | | | **" << ensemble_hits << "/" << in_range << "** | **" << rule_hits
     << "/" << in_range << "** | | | |\n\n";
  return rows;
}

void write_false_alarm_table(std::ostringstream& md, const BacktestEvaluation& eval,
                             const BacktestOptions& options) {
  const double calm = static_cast<double>(eval.calm_years);
  md << "| signal | calm years | false episodes in calm years | per calm year | alarm days in "
        "calm years | all test days: alarm days | all: episodes | all: false episodes |\n"
     << "|---|---:|---:|---:|---:|---:|---:|---:|\n";
  auto row = [&](const char* name, const AlarmStats& c, const AlarmStats& a) {
    md << "| " << name << " | " << eval.calm_years << " | " << c.false_episodes << " | "
       << (calm > 0 ? fixed(static_cast<double>(c.false_episodes) / calm, 2) : "-") << " | "
       << c.alarm_days << " (" << percent(c.alarm_days, c.days) << ") | " << a.alarm_days << " ("
       << percent(a.alarm_days, a.days) << ") | " << a.episodes << " | " << a.false_episodes
       << " |\n";
  };
  row("ensemble (HIGH or CRITICAL)", eval.ensemble_calm, eval.ensemble_all);
  row(("rule (VIX close >= " + fixed(options.vix_rule, 0) + ")").c_str(), eval.rule_calm,
      eval.rule_all);
  md << "\n";
}

void write_year_table(std::ostringstream& md, const BacktestEvaluation& eval) {
  md << "| year | calm | trained to | HIGH threshold | max score | max VIX | ensemble alarm days "
        "| episodes (false) | rule alarm days | episodes (false) |\n"
     << "|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const YearResult& y : eval.years)
    md << "| " << y.year << " | " << (y.calm ? "calm" : "stress") << " | " << y.training_last_date
       << " | " << fixed(y.threshold_high, 3) << " | " << fixed(y.max_score, 3) << " | "
       << fixed(y.max_vix, 1) << " | " << y.ensemble.alarm_days << " | " << y.ensemble.episodes
       << " (" << y.ensemble.false_episodes << ") | " << y.rule.alarm_days << " | "
       << y.rule.episodes << " (" << y.rule.false_episodes << ") |\n";
  md << "\n";
}

// Which detectors drive the alarms: per detector, the share of its top-2% days (calibrated
// score >= 0.98) that fall in calm years, and its mean score on the ensemble's false-alarm
// days (alarm days in calm years) against its mean on alarm days inside stress windows.
void write_detector_table(std::ostringstream& md, const WalkForward& walk,
                          const BacktestEvaluation& eval) {
  const size_t n = walk.dates.size();
  const size_t n_detectors = walk.detector_names.size();
  std::vector<uint8_t> calm_day(n, 0);
  for (size_t i = 0; i < n; ++i) {
    int32_t year = 0, month = 0, day = 0;
    civil_from_days(walk.dates[i], year, month, day);
    for (const YearResult& y : eval.years)
      if (y.year == year) calm_day[i] = y.calm ? 1 : 0;
  }
  const std::vector<uint8_t> alarms = level_alarms(walk.level);
  int64_t false_days = 0, true_days = 0, low_vix_false = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!alarms[i]) continue;
    if (calm_day[i]) {
      ++false_days;
      low_vix_false += walk.vix_close[i] < 20.0;
    } else if (eval.stress_mask[i]) {
      ++true_days;
    }
  }
  md << "Top-2% days: test days with the detector's calibrated score >= 0.98 (of " << n
     << "); in calm years: of those, the ones in calm years. Mean score on false-alarm days: "
        "the "
     << false_days << " ensemble alarm days in calm years (" << low_vix_false
     << " of them with VIX close < 20); on stress alarm days: the " << true_days
     << " ensemble alarm days inside stress windows.\n\n"
     << "| detector | top-2% days | in calm years | mean score, false-alarm days | mean score, "
        "stress alarm days |\n|---|---:|---:|---:|---:|\n";
  for (size_t d = 0; d < n_detectors; ++d) {
    int64_t calm_top = 0;
    double false_sum = 0.0, true_sum = 0.0;
    int64_t false_n = 0, true_n = 0;
    for (size_t i = 0; i < n; ++i) {
      const double score = walk.detector_scores[i * n_detectors + d];
      if (!std::isfinite(score)) continue;
      if (score >= 0.98 && calm_day[i]) ++calm_top;
      if (!alarms[i]) continue;
      if (calm_day[i]) {
        false_sum += score;
        ++false_n;
      } else if (eval.stress_mask[i]) {
        true_sum += score;
        ++true_n;
      }
    }
    md << "| " << walk.detector_names[d] << " | " << walk.detector_alarm_days[d] << " | "
       << calm_top << " | " << (false_n ? fixed(false_sum / static_cast<double>(false_n), 3) : "-")
       << " | " << (true_n ? fixed(true_sum / static_cast<double>(true_n), 3) : "-") << " |\n";
  }
  md << "\n";
}

// The market read, the walk-forward run on it, and its timing.
struct BacktestRun {
  bool simulated = false;
  std::vector<MarketEvent> events;  // the simulator's embedded events (none for files)
  std::string source;
  AlignedPrices market;
  int32_t first_year = 0;
  WalkForward walk;
  double seconds = 0.0;  // reading and walk-forward
  // Wall time of the walk-forward's trainings and of its scoring (analyze_market of each year).
  double training_seconds = 0.0, scoring_seconds = 0.0;
};

// Reads the files (or simulates the market) and scores each test year with a model trained on
// the days before it; a progress line shows on a terminal only.
BacktestRun read_and_walk_forward(const BacktestCliOptions& o) {
  const Stopwatch watch;
  const MarketInputs inputs = read_inputs(o.data);
  BacktestRun run;
  run.simulated = inputs.simulated.has_value();
  if (run.simulated) run.events = simulate(*inputs.simulated).events;
  run.source = inputs.describe();
  run.market = read_price_csvs(inputs.series, kMinTrainingOverlapDays);
  const EnsembleSettings settings = read_settings(o.settings, o.market, o.asset_class);
  run.first_year = o.first_year != 0 ? o.first_year : (run.simulated ? 1996 : 1997);
  // Clock marks: a year's training runs from its progress call to its `trained` call, its
  // scoring from there to the next year's progress call (or the end).
  double mark = 0.0;
  bool scoring = false;
  const auto lap = [&] {
    const double now = watch.seconds(), seconds = now - mark;
    mark = now;
    return seconds;
  };
  run.walk = walk_forward(
      run.market.frame, settings, run.first_year,
      [&](int32_t year, int32_t i, int32_t n) {
        if (scoring) run.scoring_seconds += lap();
        lap();
        progress("walk-forward: training for " + std::to_string(year) + " (" +
                 std::to_string(i + 1) + "/" + std::to_string(n) + ")");
      },
      [&](int32_t, int32_t, int32_t) {
        run.training_seconds += lap();
        scoring = true;
      });
  if (scoring) run.scoring_seconds += lap();
  progress_done();
  run.seconds = watch.seconds();
  return run;
}

// The report's title and the definitions it uses; returns the JSON document's first fields.
json write_header(std::ostringstream& md, const BacktestRun& run, const BacktestOptions& options) {
  const WalkForward& walk = run.walk;
  const Frame& frame = run.market.frame;
  md << "## Walk-forward backtest: " << (run.simulated ? "simulated market" : "real history")
     << "\n\n"
     << "- data: " << run.source << " (" << frame.rows() << " days, "
     << format_iso(frame.dates().front()) << " .. " << format_iso(frame.dates().back()) << ")\n"
     << "- test years " << run.first_year << " .. " << walk.years.back().year << " ("
     << walk.dates.size() << " test days); each year scored by a model trained on all days "
     << "before it; " << walk.years.size() << " trainings in " << fixed(run.seconds, 1) << " s\n"
     << "- alarm: ensemble level HIGH or CRITICAL (the year's model thresholds); rule: VIX close "
     << ">= " << fixed(options.vix_rule, 0) << "\n"
     << "- detected: an alarm on the onset day or the " << options.hit_days
     << " trading days after it; lag: first alarm day in [onset - " << options.lookback
     << ", onset + " << options.horizon << "] minus the onset, in trading days (negative = "
     << "already on)\n"
     << "- stress window: onset - " << options.lookback << " .. onset + " << options.horizon
     << " trading days" << (run.simulated ? " (or to the event's end if later)" : "")
     << "; an alarm episode (run of consecutive alarm days) is false when it overlaps no stress "
     << "window; a calm year is a test year no stress window touches\n\n";
  return {{"format", "vixray-backtest"},
          {"source", run.source},
          {"first_test_year", run.first_year},
          {"test_days", walk.dates.size()},
          {"seconds", run.seconds},
          {"options",
           {{"vix_rule", options.vix_rule},
            {"hit_days", options.hit_days},
            {"lookback", options.lookback},
            {"horizon", options.horizon}}}};
}

// Recall of the simulator's events per kind; returns the rows as JSON.
json write_recall_by_kind_table(std::ostringstream& md, const EventEvaluation& ev,
                                const BacktestOptions& options) {
  md << "### Embedded events: recall by kind\n\n"
     << "early: an alarm in [start - " << options.hit_days << ", start + " << options.hit_days
     << "] trading days; during: an alarm in [start - " << options.hit_days << ", end + "
     << options.hit_days << "]. Calm stretches are not stress: alarm days inside them are "
     << "false alarms (last columns).\n\n"
     << "| kind | events | ensemble early | rule early | ensemble during | rule during | "
        "event days | ensemble alarm days | rule alarm days |\n"
     << "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  json kinds = json::array();
  for (const KindRecall& k : ev.by_kind) {
    const bool calm = k.kind == EventKind::kCalm;
    auto share = [&](int64_t part) {
      return calm ? std::string("n/a")
                  : std::to_string(part) + " (" + percent(part, k.events) + ")";
    };
    md << "| " << event_kind_name(k.kind) << " | " << k.events << " | " << share(k.ensemble_early)
       << " | " << share(k.rule_early) << " | " << share(k.ensemble_during) << " | "
       << share(k.rule_during) << " | " << k.days << " | " << k.ensemble_alarm_days << " ("
       << percent(k.ensemble_alarm_days, k.days) << ") | " << k.rule_alarm_days << " ("
       << percent(k.rule_alarm_days, k.days) << ") |\n";
    kinds.push_back({{"kind", event_kind_name(k.kind)},
                     {"events", k.events},
                     {"ensemble_early", k.ensemble_early},
                     {"rule_early", k.rule_early},
                     {"ensemble_during", k.ensemble_during},
                     {"rule_during", k.rule_during},
                     {"days", k.days},
                     {"ensemble_alarm_days", k.ensemble_alarm_days},
                     {"rule_alarm_days", k.rule_alarm_days}});
  }
  return kinds;
}

// One row per simulated event in the test years; returns the rows as JSON.
json write_event_table(std::ostringstream& md, const EventEvaluation& ev) {
  md << "\n### Embedded events\n\n"
     << "| kind | start | end | severity | ensemble early | rule early | ensemble lag | rule lag "
        "| first |\n|---|---|---|---:|---|---|---:|---:|---|\n";
  json rows = json::array();
  for (const EventResult& r : ev.events) {
    if (!r.in_range) continue;
    const bool calm = r.event.kind == EventKind::kCalm;
    md << "| " << event_kind_name(r.event.kind) << " | " << format_iso(r.event.start) << " | "
       << format_iso(r.event.end) << " | " << fixed(r.event.severity, 2) << " | "
       << (calm ? "n/a" : yes_no(r.ensemble_early)) << " | "
       << (calm ? "n/a" : yes_no(r.rule_early)) << " | "
       << (calm ? std::to_string(r.ensemble_alarm_days) + " alarm days" : lag_text(r.ensemble))
       << " | " << (calm ? std::to_string(r.rule_alarm_days) + " alarm days" : lag_text(r.rule))
       << " | " << (calm ? "" : first_of(r.ensemble, r.rule)) << " |\n";
    rows.push_back({{"kind", event_kind_name(r.event.kind)},
                    {"start", format_iso(r.event.start)},
                    {"end", format_iso(r.event.end)},
                    {"severity", r.event.severity},
                    {"ensemble_early", r.ensemble_early},
                    {"rule_early", r.rule_early},
                    {"ensemble_during", r.ensemble_during},
                    {"rule_during", r.rule_during},
                    {"ensemble", match_json(r.ensemble)},
                    {"rule", match_json(r.rule)},
                    {"ensemble_alarm_days", r.ensemble_alarm_days},
                    {"rule_alarm_days", r.rule_alarm_days}});
  }
  md << "\n";
  return rows;
}

// The episodes section: known real stress episodes (files) or the embedded events (simulator).
void write_episode_sections(std::ostringstream& md, json& doc, const BacktestRun& run,
                            const BacktestEvaluation& eval, const BacktestOptions& options) {
  if (!run.simulated) {
    md << "### Known stress episodes\n\n";
    doc["episodes"] = write_episode_table(md, eval.onsets, 0, options);
    return;
  }
  const EventEvaluation ev = evaluate_events(run.walk, run.events, options);
  doc["recall_by_kind"] = write_recall_by_kind_table(md, ev, options);
  doc["events"] = write_event_table(md, ev);
}

// {"ensemble": {"calm", "all"}, "rule": {"calm", "all"}} alarm statistics.
json false_alarms_json(const BacktestEvaluation& eval) {
  return {{"ensemble",
           {{"calm", stats_json(eval.ensemble_calm)}, {"all", stats_json(eval.ensemble_all)}}},
          {"rule", {{"calm", stats_json(eval.rule_calm)}, {"all", stats_json(eval.rule_all)}}}};
}

// Sensitivity (real history): the calm years of the primary list hold documented sell-offs; with
// those as stress windows too, how many of the "false" alarms remain?
void write_sensitivity(std::ostringstream& md, json& doc, const WalkForward& walk,
                       const BacktestOptions& options) {
  std::vector<StressEpisode> extended = known_real_episodes();
  const size_t known = extended.size();
  for (const StressEpisode& e : additional_real_episodes()) extended.push_back(e);
  const BacktestEvaluation more = evaluate_episodes(walk, extended, options);
  md << "### Sensitivity: further documented sell-offs in the calm years\n\n"
     << "Not part of the primary list; chosen from market history, not from model output.\n\n";
  doc["additional_episodes"] = write_episode_table(md, more.onsets, known, options);
  write_false_alarm_table(md, more, options);
  json false_alarms = false_alarms_json(more);
  false_alarms["calm_years"] = more.calm_years;
  doc["additional_false_alarms"] = false_alarms;
}

json years_json(const BacktestEvaluation& eval) {
  json years = json::array();
  for (const YearResult& y : eval.years)
    years.push_back({{"year", y.year},
                     {"calm", y.calm},
                     {"training_last_date", y.training_last_date},
                     {"threshold_high", y.threshold_high},
                     {"max_score", finite_or_null(y.max_score)},
                     {"max_vix", finite_or_null(y.max_vix)},
                     {"ensemble", stats_json(y.ensemble)},
                     {"rule", stats_json(y.rule)}});
  return years;
}

// Per test day, for further analysis: date, ensemble score, level (as a name), VIX close, then
// every detector's calibrated score (walk.detector_names order).
json days_json(const WalkForward& walk) {
  json days = json::array();
  const size_t n_detectors = walk.detector_names.size();
  for (size_t i = 0; i < walk.dates.size(); ++i) {
    json row = {format_iso(walk.dates[i]), finite_or_null(walk.ensemble_score[i]),
                level_name(walk.level[i]), finite_or_null(walk.vix_close[i])};
    for (size_t d = 0; d < n_detectors; ++d)
      row.push_back(finite_or_null(walk.detector_scores[i * n_detectors + d]));
    days.push_back(std::move(row));
  }
  json columns = {"date", "ensemble_score", "level", "vix_close"};
  for (const std::string& name : walk.detector_names) columns.push_back(name);
  return {{"columns", std::move(columns)}, {"rows", days}};
}

void run_backtest(const BacktestCliOptions& o) {
  if (!o.out.empty()) check_output_path(o.out);
  if (!o.json_out.empty()) check_output_path(o.json_out);
  const BacktestRun run = read_and_walk_forward(o);
  const WalkForward& walk = run.walk;
  BacktestOptions options;
  options.vix_rule = o.vix_rule;
  const std::vector<StressEpisode> episodes =
      run.simulated ? episodes_of_events(run.events) : known_real_episodes();
  const BacktestEvaluation eval = evaluate_episodes(walk, episodes, options);

  std::ostringstream md;
  json doc = write_header(md, run, options);
  write_episode_sections(md, doc, run, eval, options);
  md << "### False alarms\n\n";
  write_false_alarm_table(md, eval, options);
  write_detection_section(
      md, doc, eval, options,
      {walk.years.size(), run.training_seconds, walk.dates.size(), run.scoring_seconds});
  md << "### Per year\n\n";
  write_year_table(md, eval);
  md << "### Detectors\n\n";
  write_detector_table(md, walk, eval);
  if (!run.simulated) write_sensitivity(md, doc, walk, options);

  doc["calm_years"] = eval.calm_years;
  doc["false_alarms"] = false_alarms_json(eval);
  doc["years"] = years_json(eval);
  json detectors = json::object();
  for (size_t d = 0; d < walk.detector_names.size(); ++d)
    detectors[walk.detector_names[d]] = walk.detector_alarm_days[d];
  doc["detector_days_at_0_98"] = detectors;
  doc["days"] = days_json(walk);

  const std::string text = md.str();
  std::cout << text;
  if (!o.out.empty()) write_file(o.out, text);
  if (!o.json_out.empty()) write_file(o.json_out, doc.dump(2) + "\n");
}

}  // namespace

void register_backtest_commands(CLI::App& app, Action& action) {
  auto o = std::make_shared<BacktestCliOptions>();
  auto* cmd = app.add_subcommand(
      "backtest",
      "walk-forward quality: known stress episodes (files) or embedded events (simulator)");
  add_data_options(cmd, o->data);
  cmd->add_option("--first-year", o->first_year,
                  "first test year (default 1997 for files, 1996 for the simulator)");
  cmd->add_option("--vix-rule", o->vix_rule, "naive rule: alarm when VIX close >= this")
      ->default_val(28.0);
  cmd->add_option("--settings", o->settings,
                  "detector catalogue / settings JSON (default: the compiled-in catalogue)");
  cmd->add_option("--market", o->market, "settings context: market (overrides)");
  cmd->add_option("--asset-class", o->asset_class, "settings context: asset class");
  cmd->add_option("--out", o->out, "write the markdown report here");
  cmd->add_option("--json", o->json_out, "write the figures as JSON here");
  CLI::App* tickers = register_backtest_tickers(cmd, action);
  // CLI11 runs this callback after the subcommand's: keep the subcommand's action.
  cmd->callback([o, tickers, &action] {
    if (tickers->parsed()) return;
    action = [o] { run_backtest(*o); };
  });
}

}  // namespace vixray::cli
