// The anomalies document and the STATE of `vixray ticker score`, and resuming from them
// (ticker_scores.hpp).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "vixray/analysis/review.hpp"
#include "vixray/analysis/ticker_scores.hpp"
#include "vixray/base/error.hpp"
#include "vixray/data/json_fields.hpp"

namespace vixray {

using nlohmann::json;

namespace {

constexpr const char* kAnomaliesFormat = "vixray-ticker-anomalies";
constexpr const char* kStateFormat = "vixray-ticker-state";
constexpr int64_t kMaxBars = int64_t{1} << 40;

json finite_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json anomaly_json(const TickerAnomaly& a, const std::vector<std::string>& names, bool daily) {
  json indicators = json::object();
  for (size_t k = 0; k < names.size() && k < a.indicators.size(); ++k)
    indicators[names[k]] = finite_or_null(a.indicators[k]);
  return json{{"ticker", a.ticker},      {"datetime", format_bar_time(a.time, daily)},
              {"close", a.close},        {"volume", finite_or_null(a.volume)},
              {"status", a.status},      {"note", a.note},
              {"score", a.score},        {"raw_score", a.raw_score},
              {"indicators", indicators}};
}

// What the previous document says about one ticker.
struct Previous {
  std::map<std::string, json> score_at;  // bar time -> score (number or null)
  std::vector<json> anomalies;           // in document order
  std::map<std::string, const json*> anomaly_at;
  const json* entry = nullptr;
};

std::map<std::string, Previous> read_previous(const json& previous) {
  std::map<std::string, Previous> out;
  if (previous.is_null()) return out;
  check_ticker_anomalies(previous);
  for (const auto& t : previous["tickers"]) {
    Previous& p = out[t["ticker"].get<std::string>()];
    p.entry = &t;
    const json& times = t["time"];
    for (size_t i = 0; i < times.size(); ++i)
      p.score_at[times[i].get<std::string>()] = t["score"][i];
  }
  for (const auto& a : previous["anomalies"]) {
    Previous& p = out[a["ticker"].get<std::string>()];
    p.anomalies.push_back(a);
    p.anomaly_at[a["datetime"].get<std::string>()] = &a;
  }
  return out;
}

json models_entry(const TickerModel& model, const std::string& sha) {
  return json{{"market", model.market},
              {"interval", interval_name(model.interval_s, model.daily)},
              {"content_sha256", sha}};
}

// One run's ticker entry; appends its anomalies.
json ticker_entry(const TickerRun& run, const Previous* previous, json& anomalies) {
  const Bars& bars = *run.bars;
  const TickerScores& scores = *run.scores;
  const bool daily = run.model->daily;
  const auto from = static_cast<size_t>(scores.from_row);
  json times = json::array(), score = json::array();
  std::set<std::string> earlier;
  for (size_t r = 0; r < bars.time.size(); ++r) {
    const std::string time = format_bar_time(bars.time[r], daily);
    times.push_back(time);
    if (r >= from) {
      score.push_back(finite_or_null(scores.score[r]));
      continue;
    }
    const json* prior = nullptr;
    if (previous) {
      const auto it = previous->score_at.find(time);
      if (it != previous->score_at.end()) prior = &it->second;
    }
    if (prior == nullptr)
      throw Error("ticker " + bars.ticker + ": the previous anomalies document has no score for " +
                  time + " (score the whole file: remove the state)");
    score.push_back(*prior);
    earlier.insert(time);
  }
  if (previous)
    for (const json& a : previous->anomalies)
      if (earlier.count(a["datetime"].get<std::string>())) anomalies.push_back(a);
  const auto names = run.model->spec.names();
  for (TickerAnomaly a : flagged_bars(*run.model, bars, scores)) {
    json record = anomaly_json(a, names, daily);
    if (previous) {
      const auto it = previous->anomaly_at.find(record["datetime"].get<std::string>());
      if (it != previous->anomaly_at.end()) {
        record["status"] = (*it->second)["status"];
        record["note"] = (*it->second)["note"];
      }
    }
    anomalies.push_back(std::move(record));
  }
  const bool any = !bars.time.empty();
  return json{{"ticker", bars.ticker},
              {"market", run.model->market},
              {"interval", interval_name(run.model->interval_s, daily)},
              {"model_sha256", run.model_sha256},
              {"bars", bars.size()},
              {"first", any ? json(times.front()) : json(nullptr)},
              {"last", any ? json(times.back()) : json(nullptr)},
              {"last_scored", any ? json(times.back()) : json(nullptr)},
              {"time", std::move(times)},
              {"score", std::move(score)}};
}

void add_model(json& models, const json& entry) {
  for (const auto& m : models)
    if (m["content_sha256"] == entry["content_sha256"]) return;
  models.push_back(entry);
}

}  // namespace

json ticker_anomalies_document(const std::vector<TickerRun>& runs, const json& previous) {
  if (runs.empty()) throw Error("ticker anomalies: expected at least one scored ticker");
  const auto before = read_previous(previous);
  json models = json::array(), tickers = json::array(), anomalies = json::array();
  std::set<std::string> scored;
  for (const auto& run : runs) {
    if (!scored.insert(run.bars->ticker).second)
      throw Error("ticker " + run.bars->ticker + ": given twice (one file per ticker)");
    add_model(models, models_entry(*run.model, run.model_sha256));
    const auto it = before.find(run.bars->ticker);
    tickers.push_back(ticker_entry(run, it == before.end() ? nullptr : &it->second, anomalies));
  }
  // Tickers of the previous run that this run did not score are kept as they were.
  for (const auto& [ticker, p] : before) {
    if (scored.count(ticker) || p.entry == nullptr) continue;
    for (const auto& m : previous["models"])
      if (m["content_sha256"] == (*p.entry)["model_sha256"]) add_model(models, m);
    tickers.push_back(*p.entry);
    for (const json& a : p.anomalies) anomalies.push_back(a);
  }
  return json{{"format", kAnomaliesFormat},    {"format_version", format_version_text(1, 0)},
              {"models", std::move(models)},   {"indicators", runs.front().model->spec.names()},
              {"tickers", std::move(tickers)}, {"anomalies", std::move(anomalies)}};
}

json ticker_anomalies_document(const TickerModel& model, const std::string& model_sha256,
                               const std::vector<Bars>& bars,
                               const std::vector<TickerScores>& scores, const json& previous) {
  if (bars.size() != scores.size())
    throw Error("ticker anomalies: " + std::to_string(bars.size()) + " bar sets but " +
                std::to_string(scores.size()) + " score sets");
  std::vector<TickerRun> runs;
  for (size_t i = 0; i < bars.size(); ++i)
    runs.push_back(TickerRun{&model, model_sha256, &bars[i], &scores[i]});
  return ticker_anomalies_document(runs, previous);
}

int64_t resume_row(const json& state, const Bars& bars, const std::string& model_sha256) {
  if (state.is_null()) return 0;
  check_ticker_state(state);
  const json& tickers = state["tickers"];
  if (!tickers.contains(bars.ticker)) return 0;
  const JsonFields t(tickers[bars.ticker], "state.tickers." + bars.ticker);
  if (!model_sha256.empty() && t.string("model_sha256") != model_sha256)
    throw Error(t.place("model_sha256") + ": scored by model " + t.string("model_sha256") +
                ", not by this model " + model_sha256 + " (remove the state to rescore)");
  const std::string text = t.string("last_scored");
  int64_t utc = 0;
  bool date_only = false;
  parse_bar_time(text, PosixTz::parse("UTC0"), utc, date_only);
  const auto it = std::lower_bound(bars.time.begin(), bars.time.end(), utc);
  if (it == bars.time.end() || *it != utc)
    throw Error(t.place("last_scored") + ": " + text + " is not a bar of the file of " +
                bars.ticker + " (the file changed; remove the state to rescore)");
  return static_cast<int64_t>(it - bars.time.begin()) + 1;
}

json ticker_state_document(const std::vector<TickerRun>& runs) {
  json tickers = json::object();
  for (const auto& run : runs) {
    const Bars& b = *run.bars;
    if (b.time.empty()) continue;
    tickers[b.ticker] = json{{"last_scored", format_bar_time(b.time.back(), run.model->daily)},
                             {"bars", b.size()},
                             {"model_sha256", run.model_sha256}};
  }
  return json{{"format", kStateFormat},
              {"format_version", format_version_text(1, 0)},
              {"tickers", std::move(tickers)}};
}

json ticker_state_document(const std::string& model_sha256, const std::vector<Bars>& bars) {
  json tickers = json::object();
  for (const auto& b : bars) {
    if (b.time.empty()) continue;
    tickers[b.ticker] = json{{"last_scored", format_bar_time(b.time.back(), b.daily)},
                             {"bars", b.size()},
                             {"model_sha256", model_sha256}};
  }
  return json{{"format", kStateFormat},
              {"format_version", format_version_text(1, 0)},
              {"tickers", std::move(tickers)}};
}

void check_ticker_state(const json& state) {
  const JsonFields s(state, "state");
  check_format_version(s, kStateFormat, 1, 0);
  const JsonFields tickers = s.object("tickers");
  for (const auto& [name, entry] : tickers.get_object().items()) {
    const JsonFields t(entry, tickers.place(name));
    int64_t utc = 0;
    bool date_only = false;
    const std::string last = t.string("last_scored");
    if (!parse_bar_time(last, PosixTz::parse("UTC0"), utc, date_only))
      throw Error(t.place("last_scored") + ": expected a bar time, got \"" + last + "\"");
    t.integer("bars", 1, kMaxBars);
    t.string("model_sha256");
  }
}

namespace {

void check_anomaly(const JsonFields& a) {
  a.string("ticker");
  a.string("datetime");
  a.number("close");
  if (!a.get("volume").is_null()) a.number("volume");
  const std::string status = a.string("status");
  if (!is_review_status(status))
    throw Error(a.place("status") + ": expected new, acknowledged or dismissed, got \"" + status +
                "\"");
  if (a.string("note").size() > kMaxNoteBytes)
    throw Error(a.place("note") + ": longer than " + std::to_string(kMaxNoteBytes) + " bytes");
  a.number("score");
  a.number("raw_score");
  const JsonFields indicators = a.object("indicators");
  for (const auto& [name, value] : indicators.get_object().items())
    if (!value.is_null()) read_number(value, indicators.place(name));
}

void check_ticker_entry(const JsonFields& t) {
  t.string("ticker");
  t.string("market");
  t.string("interval");
  t.string("model_sha256");
  const int64_t bars = t.integer("bars", 0, kMaxBars);
  const auto times = t.strings("time");
  const auto scores = t.numbers("score", true);
  if (static_cast<int64_t>(times.size()) != bars || static_cast<int64_t>(scores.size()) != bars)
    throw Error(t.where() + ": expected " + std::to_string(bars) + " times and scores, got " +
                std::to_string(times.size()) + " and " + std::to_string(scores.size()));
  for (const char* key : {"first", "last", "last_scored"})
    if (!t.get(key).is_null()) t.string(key);
}

}  // namespace

void check_ticker_anomalies(const json& anomalies) {
  const JsonFields d(anomalies, "anomalies");
  check_format_version(d, kAnomaliesFormat, 1, 0);
  const json& models = d.array("models");
  for (size_t i = 0; i < models.size(); ++i) {
    const JsonFields m(models[i], item_place(d.place("models"), i));
    m.string("market");
    m.string("interval");
    m.string("content_sha256");
  }
  d.strings("indicators");
  const json& tickers = d.array("tickers");
  for (size_t i = 0; i < tickers.size(); ++i)
    check_ticker_entry(JsonFields(tickers[i], item_place(d.place("tickers"), i)));
  const json& list = d.array("anomalies");
  for (size_t i = 0; i < list.size(); ++i)
    check_anomaly(JsonFields(list[i], item_place(d.place("anomalies"), i)));
}

}  // namespace vixray
