#include "tia/engine/signal_specs.h"

namespace tia::engine {

const std::vector<SignalShape>& SignalShapes() {
  static const std::vector<SignalShape> shapes = {
      {"long_gap_one_side", {"newborn_days", "newborn_gap_hours", "older_gap_hours"}},
      {"abrupt_fall_in_milk_removal", {"baseline_days", "min_baseline_per_day", "fall_fraction"}},
      {"one_sided_pump_fall",
       {"recent_days", "baseline_days", "fall_fraction", "other_side_fall_fraction"}},
      {"pumping_after_feeds", {"days", "window_minutes", "fraction", "min_feeds"}},
      {"repeated_sore_spot", {"window_days", "episode_gap_days", "min_episodes"}},
      {"fever_reading", {"fever_c", "within_hours"}},
      {"cracked_nipples", {"within_hours"}},
  };
  return shapes;
}

const SignalShape* FindSignalShape(std::string_view id) {
  for (const auto& s : SignalShapes()) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

}  // namespace tia::engine
