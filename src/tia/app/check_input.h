// tia/app/check_input.h — what the care log already knows, turned into engine input.
//
// A symptom check asks only what the log cannot tell. The answers the mother gives always win;
// for every field she did not answer, the log may supply a value (her latest temperature, when
// her antibiotics started, days since birth, wet nappies, earlier episodes at the same place, the
// trend since her last check), and each such value is recorded with where it came from. Pure: the
// caller reads the records; nothing here does I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tia/domain/summary.h"
#include "tia/engine/signals.h"
#include "tia/storage/repositories.h"

namespace tia::app {

using domain::Json;

struct LogFacts {
  int64_t now_ms = 0;
  std::optional<Json> profile;                   // canonical profile body
  std::vector<domain::StoredRecord> records;     // live records of the last 90 days
  std::vector<storage::SymptomCheckRow> checks;  // earlier checks of the last 90 days, newest first
  const storage::SymptomCheckRow* previous = nullptr;  // the check this one is compared with
};

struct AssembledInput {
  Json input;       // every engine field, answers first, then the log
  Json provenance;  // field -> {"value", "from"} for each value the log supplied
};

// `answers` must already be a valid partial engine input (DecodeInput accepted it).
AssembledInput AssembleInput(const Json& answers, const LogFacts& facts);

// The records as the risk-signal engine sees them.
engine::LogView LogViewOf(const LogFacts& facts);

// Days since birth from the profile (baby's birth date, else delivery date); nullopt if unknown.
std::optional<int> DaysPostpartum(const std::optional<Json>& profile, int64_t now_ms);

}  // namespace tia::app
