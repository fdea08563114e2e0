// A partial day (ensemble/subsets.hpp): which detectors scored it, which could not, and which
// series or fields would add them. Read by analysis.json ("today"."partial"), the seed-000
// anomaly report, the page's upload panel and the report, so all say the same.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vixray/ensemble/thresholds.hpp"

namespace vixray {

struct Analysis;
struct EnsembleModel;

struct PartialDay {
  bool partial = false;                 // some detector did not take part
  int32_t detectors = 0;                // the model's active detectors
  std::vector<std::string> scored;      // the detectors the day's ensemble combines
  std::vector<std::string> not_scored;  // the others
  std::vector<std::string> scored_labels, not_scored_labels;  // the same, as people read them
  std::vector<std::string> missing;             // the inputs that would add them ("VVIX", ...)
  std::vector<std::string> read_by_not_scored;  // every optional input those detectors read
  std::vector<std::string> domains_not_scored;  // domains without a score that day
  Thresholds thresholds;                        // those the day's level follows
};

/// Day t of `a` (computed with `model`): its detectors, and the inputs the unscored ones read
/// that the scored ones do not (empty when the model carries no feature spec).
PartialDay partial_day(const EnsembleModel& model, const Analysis& a, size_t t);

/// {"detectors_scored", "detectors", "scored", "not_scored", "missing_inputs",
///  "domains_not_scored", "thresholds", "text"}: null for a day every detector scored.
nlohmann::json partial_day_json(const PartialDay& p);

/// One sentence for a reader: "Scored by 9 of 15 detectors (...); VVIX, VIX9D files would add
/// the other 6: ...". Empty for a whole day.
std::string partial_day_text(const PartialDay& p);

}  // namespace vixray
