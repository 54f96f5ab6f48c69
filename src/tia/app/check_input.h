// tia/app/check_input.h — what the care log already knows, turned into engine input.
//
// A symptom check asks only what the log cannot tell. The answers the mother gives always win;
// for every field she did not answer, the log may supply a value (her latest temperature, when
// her antibiotics started, days since birth, wet nappies, earlier episodes at the same place,
// her profile's diabetes, breastfeeding and breast surgery, the baby's weight against the birth
// weight), and each such value is recorded with where it came from. The trend is never taken from
// the log: only she can say better, the same or worse. Pure: the caller reads the records;
// nothing here does I/O.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tia/domain/scheduling.h"
#include "tia/domain/summary.h"
#include "tia/engine/signals.h"
#include "tia/storage/repositories.h"

namespace tia::app {

using domain::Json;

struct LogFacts {
  int64_t now_ms = 0;
  std::optional<Json> profile;                        // canonical profile body
  std::vector<domain::StoredRecord> records;          // live records of the last 90 days
  std::vector<std::pair<std::string, Json>> infants;  // id -> body of each live infant record
  std::vector<storage::SymptomCheckRow> checks;  // earlier checks of the last 90 days, newest first
  const storage::SymptomCheckRow* previous = nullptr;  // the check this one is compared with
};

struct AssembledInput {
  Json input;       // every engine field, answers first, then the log
  Json provenance;  // field -> {"value", "from"} for each value the log supplied
};

// Every input the log or the profile can supply (`tia rules check` counts these as reachable
// without a question). The unit test checks it against what AssembleInput supplies.
const std::set<std::string>& LogSuppliedFields();

// `answers` must already be a valid partial engine input (DecodeInput accepted it).
AssembledInput AssembleInput(const Json& answers, const LogFacts& facts);

// The records as the risk-signal engine sees them.
engine::LogView LogViewOf(const LogFacts& facts);

// Days since birth from the profile (baby's birth date, else delivery date), counted in her own
// calendar (the profile's time zone, else the default zone); nullopt if unknown.
std::optional<int> DaysPostpartum(const std::optional<Json>& profile, int64_t now_ms);
// The zone her days are counted in.
const date::time_zone* ZoneOfProfile(const std::optional<Json>& profile);

}  // namespace tia::app
