#include "vixray/analysis/seed000_contracts.hpp"

#include <cmath>
#include <sstream>

namespace vixray {

const std::vector<std::string> kContractFiles = {"anomaly_report.json",
                                                 "historical_anomaly_scores.json",
                                                 "dashboard_data.json",
                                                 "market_state.json",
                                                 "regime_statistics.json",
                                                 "anomaly_metadata.json",
                                                 "anomaly_feature_attribution.json",
                                                 "vix_history.json"};

namespace {

using nlohmann::json;

class Checker {
 public:
  explicit Checker(const std::map<std::string, json>& files) : files_(files) {}

  const json* file(const std::string& name) {
    auto it = files_.find(name);
    if (it == files_.end()) {
      fail(name, "", "file is missing");
      return nullptr;
    }
    if (!it->second.is_object()) {
      fail(name, "", "expected a JSON object");
      return nullptr;
    }
    return &it->second;
  }

  // The value at a '/'-separated path, or nullptr (and a violation) if absent.
  const json* at(const std::string& name, const json& doc, const std::string& path) {
    try {
      return &doc.at(json::json_pointer("/" + path));
    } catch (const std::exception&) {
      fail(name, path, "missing");
      return nullptr;
    }
  }

  bool number(const std::string& name, const json& doc, const std::string& path, double& out) {
    const json* v = at(name, doc, path);
    if (!v) return false;
    if (!v->is_number()) {
      fail(name, path, "expected a number, got " + v->dump());
      return false;
    }
    out = v->get<double>();
    return true;
  }

  void unit(const std::string& name, const json& doc, const std::string& path) {
    double v = 0;
    if (number(name, doc, path, v) && !(v >= 0.0 && v <= 1.0))
      fail(name, path, "score " + num(v) + " is outside [0, 1]");
  }

  void fail(const std::string& name, const std::string& path, const std::string& what) {
    violations.push_back(name + ": " + (path.empty() ? "" : path + ": ") + what);
  }

  static std::string num(double v) {
    std::ostringstream s;
    s.precision(10);
    s << v;
    return s.str();
  }

  std::vector<std::string> violations;

 private:
  const std::map<std::string, json>& files_;
};

std::string level_for(double score, double moderate, double high, double critical) {
  if (score >= critical) return "CRITICAL";
  if (score >= high) return "HIGH";
  if (score >= moderate) return "MODERATE";
  return "NORMAL";
}

int regime_for(double vix, const std::vector<double>& bounds) {
  int code = 0;
  for (double b : bounds)
    if (vix >= b) ++code;
  return code;
}

const char* const kRegimeNames[4] = {"Low Vol", "Normal", "Elevated", "Crisis"};

const std::string kReport = "anomaly_report.json";

// The figures of anomaly_report.json the other files must repeat.
struct ReportFigures {
  double moderate = 0, high = 0, critical = 0;
  bool have_thresholds = false;
  // The model's own thresholds (anomaly_metadata.json repeats them): classification/thresholds,
  // or on a partial day (thresholds of the detectors that scored) classification/model_thresholds.
  double model_moderate = 0, model_high = 0, model_critical = 0;
  double score = -1;  // ensemble.score; -1 when the report is missing
};

// classification/thresholds: present and strictly increasing; every score in [0, 1].
void check_report_thresholds(Checker& c, const json& r, ReportFigures& f) {
  const std::string& R = kReport;
  // Each lookup reports its own violation, so all three run even when one fails.
  const bool has_moderate = c.number(R, r, "classification/thresholds/moderate", f.moderate);
  const bool has_high = c.number(R, r, "classification/thresholds/high", f.high);
  const bool has_critical = c.number(R, r, "classification/thresholds/critical", f.critical);
  f.have_thresholds = has_moderate && has_high && has_critical;
  if (f.have_thresholds && !(f.moderate < f.high && f.high < f.critical))
    c.fail(R, "classification/thresholds",
           "thresholds must be strictly increasing (moderate " + Checker::num(f.moderate) +
               ", high " + Checker::num(f.high) + ", critical " + Checker::num(f.critical) + ")");
  f.model_moderate = f.moderate, f.model_high = f.high, f.model_critical = f.critical;
  if (r.contains("classification") && r["classification"].contains("model_thresholds")) {
    const bool a = c.number(R, r, "classification/model_thresholds/moderate", f.model_moderate);
    const bool b = c.number(R, r, "classification/model_thresholds/high", f.model_high);
    const bool d = c.number(R, r, "classification/model_thresholds/critical", f.model_critical);
    f.have_thresholds = f.have_thresholds && a && b && d;
  }
  for (const char* p : {"classification/thresholds/moderate", "classification/thresholds/high",
                        "classification/thresholds/critical", "ensemble/score",
                        "ensemble/max_anomaly", "ensemble/min_anomaly"})
    c.unit(R, r, p);
}

// ensemble: min_anomaly <= score <= max_anomaly, and the level follows the thresholds.
void check_report_ensemble(Checker& c, const json& r, ReportFigures& f) {
  const std::string& R = kReport;
  double score = 0, lo = 0, hi = 0;
  if (c.number(R, r, "ensemble/score", score) && c.number(R, r, "ensemble/min_anomaly", lo) &&
      c.number(R, r, "ensemble/max_anomaly", hi) && !(lo <= score && score <= hi))
    c.fail(R, "ensemble",
           "score " + Checker::num(score) + " is not between min_anomaly " + Checker::num(lo) +
               " and max_anomaly " + Checker::num(hi));
  f.score = score;
  const json* level = c.at(R, r, "classification/level");
  if (f.have_thresholds && level && *level != level_for(score, f.moderate, f.high, f.critical))
    c.fail(R, "classification/level",
           level->dump() + " does not match score " + Checker::num(score) +
               " under the thresholds (expected " +
               level_for(score, f.moderate, f.high, f.critical) + ")");
}

// One entry of domain_anomalies; returns whether the domain scores at or above its HIGH
// threshold.
bool check_domain(Checker& c, const json& r, const std::string& key, const ReportFigures& f) {
  const std::string& R = kReport;
  const std::string base = "domain_anomalies/" + key;
  double s = 0;
  if (!c.number(R, r, base + "/score", s)) return false;
  c.unit(R, r, base + "/score");
  double pct = 0;
  if (c.number(R, r, base + "/percentile", pct) && !(pct >= 0 && pct <= 100))
    c.fail(R, base + "/percentile", Checker::num(pct) + " is outside [0, 100]");
  // A domain is classified by THE level rule with its own thresholds when the export gives
  // them (percentiles of that domain's training scores), else the ensemble's.
  double dm = f.moderate, dh = f.high, dc = f.critical;
  bool domain_thresholds = f.have_thresholds;
  if (r["domain_anomalies"][key].contains("thresholds")) {
    const bool a = c.number(R, r, base + "/thresholds/moderate", dm);
    const bool b = c.number(R, r, base + "/thresholds/high", dh);
    const bool d = c.number(R, r, base + "/thresholds/critical", dc);
    domain_thresholds = a && b && d;
    if (domain_thresholds && !(dm < dh && dh < dc))
      c.fail(R, base + "/thresholds", "thresholds must be strictly increasing");
  }
  const json* dl = c.at(R, r, base + "/level");
  if (domain_thresholds && dl && *dl != level_for(s, dm, dh, dc))
    c.fail(R, base + "/level",
           dl->dump() + " does not follow the level rule for score " + Checker::num(s) +
               " and the domain's thresholds (expected " + level_for(s, dm, dh, dc) + ")");
  return domain_thresholds && s >= dh;
}

// persistence: the count agrees with active_detectors, with the domains at HIGH and with the
// percentage; max_possible is the number of domains.
void check_persistence(Checker& c, const json& r, const json& domains, size_t domains_high,
                       const ReportFigures& f) {
  const std::string& R = kReport;
  const json* active = c.at(R, r, "persistence/active_detectors");
  double count = 0, max_possible = 0;
  if (!(active && c.number(R, r, "persistence/current_count", count) &&
        c.number(R, r, "persistence/max_possible", max_possible)))
    return;
  if (active->size() != static_cast<size_t>(count))
    c.fail(R, "persistence/current_count",
           Checker::num(count) + " but " + std::to_string(active->size()) +
               " active_detectors listed");
  if (f.have_thresholds && static_cast<size_t>(count) != domains_high)
    c.fail(R, "persistence/current_count",
           Checker::num(count) + " but " + std::to_string(domains_high) +
               " domains score at or above the high threshold");
  if (max_possible != static_cast<double>(domains.size()))
    c.fail(R, "persistence/max_possible",
           Checker::num(max_possible) + ", expected the number of domains (" +
               std::to_string(domains.size()) + ")");
  double pct = 0;
  if (c.number(R, r, "persistence/percentage", pct) && max_possible > 0 &&
      std::abs(pct - count / max_possible) > 1e-9)
    c.fail(R, "persistence/percentage",
           Checker::num(pct) + ", expected current_count / max_possible");
}

// anomaly_report.json: ranges, monotonic thresholds, identical level logic.
ReportFigures check_report(Checker& c) {
  const std::string& R = kReport;
  ReportFigures f;
  const json* r = c.file(R);
  if (!r) return f;
  check_report_thresholds(c, *r, f);
  check_report_ensemble(c, *r, f);
  if (const json* domains = c.at(R, *r, "domain_anomalies")) {
    size_t domains_high = 0;
    for (auto it = domains->begin(); it != domains->end(); ++it)
      if (check_domain(c, *r, it.key(), f)) ++domains_high;
    check_persistence(c, *r, *domains, domains_high, f);
  }
  c.unit(R, *r, "persistence/historical_stats/anomaly_rate");
  if (const json* top = c.at(R, *r, "top_anomalies")) {
    for (size_t i = 0; i + 1 < top->size(); ++i)
      if ((*top)[i].value("score", 0.0) < (*top)[i + 1].value("score", 0.0))
        c.fail(R, "top_anomalies",
               "not sorted by descending score at entry " + std::to_string(i + 1));
  }
  return f;
}

// Day i of historical_anomaly_scores.json (parallel arrays of n days): a score in [0, 1],
// increasing dates, a forward return exactly when a price 10 days later exists, and that return
// computed from spx_close. Returns false after the first violation (one is enough).
bool check_history_day(Checker& c, const json& dates, const json& scores, const json& close,
                       const json& forward, size_t i) {
  const std::string H = "historical_anomaly_scores.json";
  const size_t n = dates.size();
  const std::string idx = "[" + std::to_string(i) + "]";
  if (!scores[i].is_number() || !(scores[i].get<double>() >= 0.0) ||
      scores[i].get<double>() > 1.0) {
    c.fail(H, "ensemble_scores" + idx, scores[i].dump() + " is not a score in [0, 1]");
    return false;
  }
  if (i > 0 && !(dates[i].get<std::string>() > dates[i - 1].get<std::string>())) {
    c.fail(H, "dates" + idx, "dates must be strictly increasing");
    return false;
  }
  const bool last_ten = i + 10 >= n;
  if (last_ten != forward[i].is_null()) {
    c.fail(H, "spx_forward_10d" + idx,
           last_ten ? "must be null (no price 10 days later)"
                    : "must be a number (a price 10 days later exists)");
    return false;
  }
  if (last_ten) return true;
  const double expect = (close[i + 10].get<double>() / close[i].get<double>() - 1.0) * 100.0;
  if (std::abs(forward[i].get<double>() - expect) > 1e-9 * std::max(1.0, std::abs(expect))) {
    c.fail(H, "spx_forward_10d" + idx,
           Checker::num(forward[i].get<double>()) + ", expected " + Checker::num(expect) +
               " from spx_close");
    return false;
  }
  return true;
}

// historical_anomaly_scores.json: parallel arrays, ranges, forward returns, and the last score
// equal to the report's.
void check_history(Checker& c, double report_score) {
  const std::string H = "historical_anomaly_scores.json";
  const json* h = c.file(H);
  if (!h) return;
  const json* dates = c.at(H, *h, "dates");
  const json* scores = c.at(H, *h, "ensemble_scores");
  const json* close = c.at(H, *h, "spx_close");
  const json* forward = c.at(H, *h, "spx_forward_10d");
  if (!(dates && scores && close && forward)) return;
  const size_t n = dates->size();
  if (scores->size() != n || close->size() != n || forward->size() != n) {
    c.fail(H, "",
           "arrays are not parallel: dates " + std::to_string(n) + ", ensemble_scores " +
               std::to_string(scores->size()) + ", spx_close " + std::to_string(close->size()) +
               ", spx_forward_10d " + std::to_string(forward->size()));
    return;
  }
  for (size_t i = 0; i < n; ++i)
    if (!check_history_day(c, *dates, *scores, *close, *forward, i)) break;
  if (n > 0 && report_score >= 0 && (*scores)[n - 1].is_number() &&
      (*scores)[n - 1].get<double>() != report_score)
    c.fail(H, "ensemble_scores[last]",
           "differs from anomaly_report.json ensemble.score (" +
               Checker::num((*scores)[n - 1].get<double>()) + " vs " + Checker::num(report_score) +
               ")");
}

// anomaly_metadata.json: thresholds equal to the report's, percentiles 85/92/98.
void check_metadata(Checker& c, const ReportFigures& f) {
  const std::string M = "anomaly_metadata.json";
  const json* m = c.file(M);
  if (!m) return;
  double mm = 0, mh = 0, mc = 0;
  if (c.number(M, *m, "statistical_thresholds/moderate", mm) &&
      c.number(M, *m, "statistical_thresholds/high", mh) &&
      c.number(M, *m, "statistical_thresholds/critical", mc) && f.have_thresholds &&
      (mm != f.model_moderate || mh != f.model_high || mc != f.model_critical))
    c.fail(M, "statistical_thresholds", "differ from anomaly_report.json thresholds");
  if (const json* p = c.at(M, *m, "statistical_thresholds/percentiles"))
    if (*p != json::array({85, 92, 98}))
      c.fail(M, "statistical_thresholds/percentiles", p->dump() + ", expected [85,92,98]");
  if (const json* cov = c.at(M, *m, "detector_coverage"))
    for (auto it = cov->begin(); it != cov->end(); ++it) {
      const double expected = it->value("expected_features", 0.0);
      const double available = it->value("available_features", -1.0);
      if (available > expected || available < 0)
        c.fail(M, "detector_coverage/" + it.key(),
               "available_features must be in [0, expected_features]");
    }
}

// dashboard_data.json agrees with the report.
void check_dashboard(Checker& c, const std::map<std::string, json>& files, double report_score) {
  const std::string B = "dashboard_data.json";
  const json* b = c.file(B);
  if (!(b && files.count(kReport))) return;
  const json& r = files.at(kReport);
  double s = 0;
  if (c.number(B, *b, "anomaly_analysis/ensemble_score", s) && report_score >= 0 &&
      s != report_score)
    c.fail(B, "anomaly_analysis/ensemble_score", "differs from anomaly_report.json");
  const json* cls = c.at(B, *b, "anomaly_analysis/classification");
  if (cls && r.contains("classification") && *cls != r["classification"].value("level", ""))
    c.fail(B, "anomaly_analysis/classification", "differs from anomaly_report.json level");
  const json* pc = c.at(B, *b, "anomaly_analysis/persistence_count");
  if (pc && r.contains("persistence") && *pc != r["persistence"].value("current_count", -1))
    c.fail(B, "anomaly_analysis/persistence_count",
           "differs from anomaly_report.json persistence.current_count");
  c.unit(B, *b, "anomaly_analysis/ensemble_score");
}

// regime_statistics.json: the distribution adds up to 100%. Returns the VIX band edges it
// exports in "bands" (an addition to seed 000), empty when absent.
std::vector<double> check_regime_statistics(Checker& c) {
  std::vector<double> bounds;
  const json* reg = c.file("regime_statistics.json");
  if (!reg) return bounds;
  double total_pct = 0;
  if (const json* dist = c.at("regime_statistics.json", *reg, "regime_distribution"))
    for (auto it = dist->begin(); it != dist->end(); ++it)
      total_pct += it->value("percentage", 0.0);
  if (std::abs(total_pct - 100.0) > 0.5)
    c.fail("regime_statistics.json", "regime_distribution",
           "percentages add up to " + Checker::num(total_pct) + ", expected 100");
  if (reg->contains("bands") && (*reg)["bands"].is_array())
    for (const auto& b : (*reg)["bands"]) bounds.push_back(b.get<double>());
  return bounds;
}

// market_state.json's VIX and regime equal the last day of vix_history.json.
void check_market_state(Checker& c, const std::map<std::string, json>& files, const json& vix,
                        const json& regimes) {
  const auto it = files.find("market_state.json");
  if (it == files.end()) return;
  const json& ms = it->second;
  if (!vix.empty() && ms.contains("vix") && ms["vix"].value("current", -1.0) != vix.back())
    c.fail("market_state.json", "vix/current", "differs from the last vix_history.json value");
  if (!regimes.empty() && ms.contains("vix")) {
    const int code = regimes.back().get<int>();
    if (code >= 0 && code < 4 && ms["vix"].value("regime", "") != kRegimeNames[code])
      c.fail("market_state.json", "vix/regime",
             "\"" + ms["vix"].value("regime", "") + "\" but the last regime code is " +
                 std::to_string(code) + " (" + kRegimeNames[code] + ")");
  }
}

// vix_history.json: parallel arrays and regime codes consistent with the VIX bands.
void check_vix_history(Checker& c, const std::map<std::string, json>& files,
                       const std::vector<double>& bounds) {
  const std::string V = "vix_history.json";
  const json* v = c.file(V);
  if (!v) return;
  const json* dates = c.at(V, *v, "dates");
  const json* vix = c.at(V, *v, "vix");
  const json* regimes = c.at(V, *v, "regimes");
  if (!(dates && vix && regimes)) return;
  if (vix->size() != dates->size() || regimes->size() != dates->size()) {
    c.fail(V, "",
           "arrays are not parallel: dates " + std::to_string(dates->size()) + ", vix " +
               std::to_string(vix->size()) + ", regimes " + std::to_string(regimes->size()));
  } else if (bounds.size() == 3) {
    for (size_t i = 0; i < vix->size(); ++i) {
      const int expect = regime_for((*vix)[i].get<double>(), bounds);
      if ((*regimes)[i] != expect) {
        c.fail(V, "regimes[" + std::to_string(i) + "]",
               (*regimes)[i].dump() + " but VIX " + Checker::num((*vix)[i].get<double>()) +
                   " is in regime " + std::to_string(expect));
        break;
      }
    }
  }
  check_market_state(c, files, *vix, *regimes);
}

}  // namespace

std::vector<std::string> validate_contracts(const std::map<std::string, json>& files) {
  Checker c(files);
  const ReportFigures report = check_report(c);
  check_history(c, report.score);
  check_metadata(c, report);
  check_dashboard(c, files, report.score);
  c.file("market_state.json");
  const std::vector<double> bounds = check_regime_statistics(c);
  check_vix_history(c, files, bounds);
  c.file("anomaly_feature_attribution.json");
  return c.violations;
}

}  // namespace vixray
