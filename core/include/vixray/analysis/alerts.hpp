// How a model's alarms are spread over its detectors (seed 004: "no single detector over 35%",
// every detector fires): each alarm day is attributed to one detector, and each detector's share
// of the alarm days is compared with the limit. `vixray alerts` prints it; the model-health panel
// shows it.
#pragma once
#include <cstdint>
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
/// `unit` names what is counted ("alarm days", "flagged bars").
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

}  // namespace vixray
