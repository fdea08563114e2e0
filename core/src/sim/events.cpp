// The episodes the simulator embeds: their names and their seeded schedule.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "internal.hpp"
#include "vixray/sim/simulate.hpp"

namespace vixray {
namespace sim_internal {
namespace {

// How each kind is scheduled: one event per `years_per_event` years of range (at least one),
// a duration in trading days drawn in [min_days, max_days], and `slack` days kept free after
// it (a crash is extended until its drawdown and VIX targets are reached).
struct KindPlan {
  EventKind kind;
  double years_per_event;
  int64_t min_days, max_days, slack;
};

const KindPlan kPlans[] = {
    {EventKind::kCrash, 9.0, 30, 70, 40},     {EventKind::kFlashCrash, 10.0, 6, 10, 0},
    {EventKind::kVolSpike, 6.0, 10, 25, 0},   {EventKind::kBearGrind, 15.0, 120, 250, 0},
    {EventKind::kVolumeSurge, 6.0, 5, 15, 0}, {EventKind::kGapMove, 4.0, 1, 1, 0},
    {EventKind::kCalm, 10.0, 120, 200, 0},
};

}  // namespace

std::vector<PlannedEvent> schedule_events(int64_t n_days, Rng& rng) {
  std::vector<PlannedEvent> out;
  const int64_t warmup = std::min<int64_t>(60, n_days / 10);
  const int64_t usable = n_days - warmup - 5;
  const double years = static_cast<double>(n_days) / kTradingDaysPerYear;
  // Each kind is spread evenly over the range (stratified: its i-th of c events lands in the
  // i-th c-th of the range, jittered), so a seed cannot bunch all crashes in one decade.
  std::vector<std::pair<double, const KindPlan*>> keyed;
  for (const KindPlan& plan : kPlans) {
    const auto count =
        std::max<int64_t>(1, static_cast<int64_t>(std::nearbyint(years / plan.years_per_event)));
    for (int64_t i = 0; i < count; ++i) {
      const double key =
          (static_cast<double>(i) + 0.2 + 0.6 * rng.uniform()) / static_cast<double>(count);
      keyed.push_back({key, &plan});
    }
  }
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const KindPlan*> kinds;
  for (const auto& [key, plan] : keyed) kinds.push_back(plan);
  const auto n_events = static_cast<int64_t>(kinds.size());
  if (usable <= 0) return out;
  const int64_t segment = usable / n_events;
  for (int64_t i = 0; i < n_events; ++i) {
    const KindPlan& plan = *kinds[static_cast<size_t>(i)];
    const double severity = rng.uniform();
    const double sign = rng.uniform() < 0.7 ? -1.0 : 1.0;
    const auto wanted =
        plan.min_days +
        static_cast<int64_t>(rng.below(static_cast<uint64_t>(plan.max_days - plan.min_days + 1)));
    const int64_t room = segment - 2 - plan.slack;  // 2 free days between neighbours
    if (room < plan.min_days) continue;             // the range is too short for this kind
    const int64_t duration = std::min(wanted, room);
    const int64_t offset =
        static_cast<int64_t>(rng.below(static_cast<uint64_t>(room - duration + 1)));
    PlannedEvent e;
    e.kind = plan.kind;
    e.start = warmup + i * segment + offset;
    e.duration = duration;
    e.max_end = e.start + duration - 1 + plan.slack;
    e.end = e.start + duration - 1;
    e.severity = severity;
    e.sign = sign;
    out.push_back(e);
  }
  return out;
}

}  // namespace sim_internal

const char* event_kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::kCrash:
      return "crash";
    case EventKind::kFlashCrash:
      return "flash_crash";
    case EventKind::kVolSpike:
      return "vol_spike";
    case EventKind::kBearGrind:
      return "bear_grind";
    case EventKind::kVolumeSurge:
      return "volume_surge";
    case EventKind::kGapMove:
      return "gap_move";
    case EventKind::kCalm:
      return "calm";
  }
  return "unknown";
}

std::vector<EventKind> all_event_kinds() {
  return {EventKind::kCrash,     EventKind::kFlashCrash,  EventKind::kVolSpike,
          EventKind::kBearGrind, EventKind::kVolumeSurge, EventKind::kGapMove,
          EventKind::kCalm};
}

}  // namespace vixray
