// How a model's alarms are spread over its detectors (seed 004: "no single detector over 35%",
// every detector fires): each alarm day is attributed to one detector, and each detector's share
// of the alarm days is compared with the limit. `vixray alerts` prints it; the model-health panel
// shows it.
#pragma once
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vixray/analysis/analysis.hpp"
#include "vixray/ensemble/model.hpp"

namespace vixray {

struct DetectorAlerts {
  std::string detector, domain, label;
  int64_t alarm_days = 0;  // alarm days attributed to this detector
  double share = 0.0;      // alarm_days / AlertDistribution::alarm_days (0 when there is none)
};

struct AlertDistribution {
  int64_t days = 0;                       // days with an ensemble score
  int64_t alarm_days = 0;                 // days at HIGH or CRITICAL
  std::vector<DetectorAlerts> detectors;  // model order; every detector, also those with 0
  double max_share = 0.0;                 // the largest share (0 when there is no alarm)
  std::string max_detector;               // its detector (the first in model order on a tie)
  double max_share_allowed = 0.35;        // seed 004: "no single detector over 35%"
  std::vector<std::string> warnings;      // one sentence each (alert_distribution())
};

/// One group of alerts (a detector, a market, an asset class, a ticker) and its count.
struct AlertGroup {
  std::string what;  // "Detector", "Market", ... (the warnings' first word)
  std::string name, label;
  int64_t alerts = 0;
};
/// The shares of `total` alerts and their warnings, the one rule of every distribution here.
struct AlertShares {
  std::vector<double> share;  // per group: alerts / total (0 when total is 0)
  double max_share = 0.0;
  int64_t max_index = -1;  // the group with max_share (the first on a tie); -1 when total is 0
  /// Each group over `max_share` (strictly), then each group with no alert; none when total is 0
  /// (the caller says there is no alert at all).
  std::vector<std::string> warnings;
};
/// `unit` names what is counted ("alarm days", "flagged bars"); an infinite max_share warns of
/// no group over it.
AlertShares alert_shares(const std::vector<AlertGroup>& groups, int64_t total, double max_share,
                         const std::string& unit);

/// Each alarm day (level HIGH or CRITICAL) is attributed to the detector with the highest score
/// that day (ties: the first in model order; detectors without a score that day are skipped;
/// a day where none has a score is counted in alarm_days but attributed to no detector).
/// Warnings, in this order: no alarm at all (then no other warning); each detector whose share
/// is over `max_share` (strictly); each detector with no alarm day.
AlertDistribution alert_distribution(const Analysis& analysis, const EnsembleModel& model,
                                     double max_share = 0.35);

/// {"days","alarm_days","max_share_allowed","max_share","max_detector",
///  "detectors":[{"detector","domain","label","alarm_days","share"}],"warnings":[...]}
nlohmann::json alert_distribution_to_json(const AlertDistribution& distribution);

// ---- Ticker models: flagged bars per market, asset class and ticker ------------------------

struct TickerAlertGroup {
  std::string name;     // market, asset class or ticker
  int64_t bars = 0;     // bars of the group's tickers in the document
  int64_t flagged = 0;  // flagged bars (anomaly records)
  double share = 0.0;   // flagged / all flagged bars of the document (0 when there is none)
  double rate = 0.0;    // flagged / bars (0 when there is no bar)
};

struct TickerAlertDistribution {
  int64_t bars = 0, flagged = 0;
  std::vector<TickerAlertGroup> markets;        // the document's models in order, then others
  std::vector<TickerAlertGroup> asset_classes;  // in order of first appearance
  std::vector<TickerAlertGroup> tickers;        // document order
  /// No flagged bar at all (then no other warning); each market, then each asset class, with no
  /// flagged bar (alert_shares' rule; no share limit: seed 004's 35% is per detector).
  std::vector<std::string> warnings;
};

/// The flagged bars of a ticker anomalies document (ticker_scores.hpp, checked here) by market
/// (the tickers' "market"; every market of its "models" is given, with or without tickers), by
/// asset class (asset_class_of[ticker], "unknown" when missing; every asset class named in
/// asset_class_of is given) and by ticker. Throws naming the field of a malformed document.
TickerAlertDistribution ticker_alert_distribution(
    const nlohmann::json& anomalies, const std::map<std::string, std::string>& asset_class_of);

/// {"bars","flagged","markets":[{"name","bars","flagged","share","rate"}],"asset_classes":[...],
///  "tickers":[...],"warnings":[...]}
nlohmann::json ticker_alert_distribution_to_json(const TickerAlertDistribution& distribution);

}  // namespace vixray
