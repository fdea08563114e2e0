#include "vixray/analysis/alerts.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <utility>

#include "vixray/analysis/ticker_scores.hpp"
#include "vixray/base/error.hpp"
#include "vixray/ensemble/labels.hpp"

namespace vixray {

using nlohmann::json;

namespace {

// "41.2%"
std::string alert_percent(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * share);
  return buffer;
}

// "Detector vol_spike (Volatility spike)"; the label is left out when it is the name.
std::string alert_group_name(const std::string& what, const std::string& name,
                             const std::string& label) {
  return what + " " + name + (label.empty() || label == name ? "" : " (" + label + ")");
}

// Groups of tickers by a key, in order of first appearance (given keys first).
struct TickerGroups {
  std::vector<TickerAlertGroup> rows;
  std::map<std::string, size_t> index;
  TickerAlertGroup& operator[](const std::string& name) {
    const auto [it, added] = index.emplace(name, rows.size());
    if (added) rows.push_back(TickerAlertGroup{name});
    return rows[it->second];
  }
};

// Shares and rates of `groups`; the warnings of groups with no flagged bar when `what` is given.
std::vector<TickerAlertGroup> ticker_shares(TickerGroups groups, int64_t flagged,
                                            const std::string& what,
                                            std::vector<std::string>& warnings) {
  std::vector<AlertGroup> counts;
  for (const auto& g : groups.rows) counts.push_back({what, g.name, g.name, g.flagged});
  AlertShares shares =
      alert_shares(counts, flagged, std::numeric_limits<double>::infinity(), "flagged bars");
  for (size_t k = 0; k < groups.rows.size(); ++k) {
    auto& g = groups.rows[k];
    g.share = shares.share[k];
    g.rate = g.bars > 0 ? static_cast<double>(g.flagged) / static_cast<double>(g.bars) : 0.0;
  }
  if (!what.empty() && flagged > 0)
    warnings.insert(warnings.end(), shares.warnings.begin(), shares.warnings.end());
  return std::move(groups.rows);
}

json ticker_groups_to_json(const std::vector<TickerAlertGroup>& groups) {
  json out = json::array();
  for (const auto& g : groups)
    out.push_back({{"name", g.name},
                   {"bars", g.bars},
                   {"flagged", g.flagged},
                   {"share", g.share},
                   {"rate", g.rate}});
  return out;
}

}  // namespace

AlertShares alert_shares(const std::vector<AlertGroup>& groups, int64_t total, double max_share,
                         const std::string& unit) {
  AlertShares out;
  out.share.assign(groups.size(), 0.0);
  if (total <= 0) return out;
  const std::string of_total = " of the " + std::to_string(total) + " " + unit;
  for (size_t k = 0; k < groups.size(); ++k) {
    const double share = static_cast<double>(groups[k].alerts) / static_cast<double>(total);
    out.share[k] = share;
    if (out.max_index < 0 || share > out.max_share) {
      out.max_share = share;
      out.max_index = static_cast<int64_t>(k);
    }
  }
  for (size_t k = 0; k < groups.size(); ++k)
    if (out.share[k] > max_share)
      out.warnings.push_back(alert_group_name(groups[k].what, groups[k].name, groups[k].label) +
                             " has " + alert_percent(out.share[k]) + of_total + ", over the " +
                             alert_percent(max_share) + " allowed.");
  for (const auto& g : groups)
    if (g.alerts == 0)
      out.warnings.push_back(alert_group_name(g.what, g.name, g.label) + " has none" + of_total +
                             ".");
  return out;
}

AlertDistribution alert_distribution(const Analysis& analysis, const EnsembleModel& model,
                                     double max_share) {
  const size_t n = analysis.dates.size(), d = analysis.detector_names.size();
  if (analysis.level.size() != n || analysis.detector_scores.size() != n * d ||
      analysis.detector_domains.size() != d)
    throw Error("alert_distribution: the analysis has " + std::to_string(n) + " days and " +
                std::to_string(d) + " detectors but columns of another size");
  const ModelLabels labels = model_labels(model);
  AlertDistribution out;
  out.max_share_allowed = max_share;
  std::vector<AlertGroup> groups(d);
  for (size_t k = 0; k < d; ++k)
    groups[k] = {"Detector", analysis.detector_names[k],
                 ModelLabels::of(labels.detectors, analysis.detector_names[k]), 0};
  for (size_t t = 0; t < n; ++t) {
    const Level level = analysis.level[t];
    if (level != Level::kUnavailable) ++out.days;
    if (level != Level::kHigh && level != Level::kCritical) continue;
    ++out.alarm_days;
    int64_t top = -1;
    for (size_t k = 0; k < d; ++k) {
      const double s = analysis.detector_scores[t * d + k];
      if (!std::isnan(s) && (top < 0 || s > analysis.detector_scores[t * d + size_t(top)]))
        top = static_cast<int64_t>(k);
    }
    if (top >= 0) ++groups[size_t(top)].alerts;
  }
  AlertShares shares = alert_shares(groups, out.alarm_days, max_share, "alarm days");
  for (size_t k = 0; k < d; ++k)
    out.detectors.push_back({groups[k].name, analysis.detector_domains[k], groups[k].label,
                             groups[k].alerts, shares.share[k]});
  out.max_share = shares.max_share;
  if (shares.max_index >= 0) out.max_detector = groups[size_t(shares.max_index)].name;
  if (out.alarm_days == 0)
    out.warnings.push_back("No alarm: none of the " + std::to_string(out.days) +
                           " days with a score reached HIGH or CRITICAL.");
  else
    out.warnings = std::move(shares.warnings);
  return out;
}

json alert_distribution_to_json(const AlertDistribution& a) {
  json detectors = json::array();
  for (const auto& d : a.detectors)
    detectors.push_back({{"detector", d.detector},
                         {"domain", d.domain},
                         {"label", d.label},
                         {"alarm_days", d.alarm_days},
                         {"share", d.share}});
  return {{"days", a.days},
          {"alarm_days", a.alarm_days},
          {"max_share_allowed", a.max_share_allowed},
          {"max_share", a.max_share},
          {"max_detector", a.max_detector},
          {"detectors", detectors},
          {"warnings", a.warnings}};
}

TickerAlertDistribution ticker_alert_distribution(
    const json& anomalies, const std::map<std::string, std::string>& asset_class_of) {
  check_ticker_anomalies(anomalies);
  TickerGroups markets, classes, tickers;
  for (const auto& m : anomalies["models"]) markets[m["market"].get<std::string>()];
  std::map<std::string, int64_t> flagged_of;
  for (const auto& a : anomalies["anomalies"]) ++flagged_of[a["ticker"].get<std::string>()];
  TickerAlertDistribution out;
  for (const auto& t : anomalies["tickers"]) {
    const std::string name = t["ticker"].get<std::string>();
    const auto known = asset_class_of.find(name);
    const int64_t bars = t["bars"].get<int64_t>();
    const int64_t flagged = flagged_of.count(name) ? flagged_of.at(name) : 0;
    for (TickerAlertGroup* g :
         {&markets[t["market"].get<std::string>()],
          &classes[known == asset_class_of.end() ? "unknown" : known->second], &tickers[name]}) {
      g->bars += bars;
      g->flagged += flagged;
    }
    out.bars += bars;
    out.flagged += flagged;
  }
  for (const auto& entry : asset_class_of) classes[entry.second];
  if (out.flagged == 0)
    out.warnings.push_back("No alert: none of the " + std::to_string(out.bars) +
                           " bars was flagged.");
  out.markets = ticker_shares(std::move(markets), out.flagged, "Market", out.warnings);
  out.asset_classes = ticker_shares(std::move(classes), out.flagged, "Asset class", out.warnings);
  out.tickers = ticker_shares(std::move(tickers), out.flagged, "", out.warnings);
  return out;
}

json ticker_alert_distribution_to_json(const TickerAlertDistribution& d) {
  return {{"bars", d.bars},
          {"flagged", d.flagged},
          {"markets", ticker_groups_to_json(d.markets)},
          {"asset_classes", ticker_groups_to_json(d.asset_classes)},
          {"tickers", ticker_groups_to_json(d.tickers)},
          {"warnings", d.warnings}};
}

}  // namespace vixray
