// tia/domain/summary.h — what the care log says now, computed over a mother's recent records.
//
// Used by the app's home screen and, later, as the log's half of the symptom check's input.
// Pure: the caller loads the records (last 7 days are enough) and passes the server clock.
//
//   Json s = Summarise(records, now_ms);
//   s["last_milk_removal"]["left"]["hours_ago"]
#pragma once

#include <cstdint>
#include <vector>

#include "tia/base/time.h"
#include "tia/domain/records.h"

namespace tia::domain {

struct StoredRecord {
  RecordKind kind;
  Timestamp occurred_at;
  Json body;  // canonical, as stored
};

// How far back the summary looks.
inline constexpr int64_t kSummaryWindowMs = 7 * kDayMs;

// Keys: last_milk_removal {left,right: {at, hours_ago, source}}, feeds_24h, per_side_24h
// {left,right: {breast_minutes, segments}}, bottle_ml_24h {by milk kind}, pump_per_day
// [{date, left_ml, right_ml, unsided_ml, total_ml}] (the mother's local dates, newest first),
// temperature {latest, highest_72h}, antibiotic {started_at, hours, medicine} or null,
// nappies_24h {wet, dirty}.
Json Summarise(const std::vector<StoredRecord>& records, int64_t now_ms);

}  // namespace tia::domain
