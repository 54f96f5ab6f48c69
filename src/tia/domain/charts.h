// tia/domain/charts.h — a mother's log as day-by-day series for her charts and the clinician's
// printable summary.
//
// Pure: the caller loads the records of the window (plus a day either side for UTC offsets) and
// passes the server clock. Days are the mother's own local dates: each record is placed on the
// date its own UTC offset gives, and "today" is the date now in the offset of her newest record.
//
//   Json c = Charts(records, now_ms, 14);
//   c["per_day"][13]["left_minutes"]   // today
#pragma once

#include <cstdint>
#include <vector>

#include "tia/domain/summary.h"

namespace tia::domain {

inline constexpr int kMinChartDays = 1;
inline constexpr int kMaxChartDays = 90;

// Keys: days, from, to (local dates); per_day [{date, feeds, left_feeds, right_feeds,
// left_minutes, right_minutes, bottle_ml, pump_left_ml, pump_right_ml, pump_unsided_ml,
// wet_nappies, dirty_nappies}], oldest
// first, one entry for every date of the window (zeros on a day with nothing logged);
// feed_intervals [{at, hours}] (hours since the previous feed started); temperatures
// [{at, temp_c}]; breast_checks [{at, side, pain, clock[], lump, redness}] one per side described.
// Times keep the offset they were recorded in. `days` must be within [kMinChartDays,
// kMaxChartDays].
Json Charts(const std::vector<StoredRecord>& records, int64_t now_ms, int days);

}  // namespace tia::domain
