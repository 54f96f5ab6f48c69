// tia/domain/imports.h — what a mother logged in another tracker, as Tia records (docs/imports.md).
//
// Baby Buddy exports one CSV (or XLSX) file per kind of entry (feeding, pumping, temperature,
// diaper change, weight, child), with times without a zone and amounts without units; Huckleberry
// exports one CSV of every entry (`Type,Start,End,Duration,Start Condition,Start Location,End
// Condition,Notes`), with per-side breast times like `00:24R` and amounts like `120ml` or `3 oz`.
// She says which zone the times are in and which units the bare amounts are; each row becomes a
// record as the record API takes it, or is skipped with its reason. Nothing here stores anything:
// the plan is shown first (a dry run), and storing it is app/imports.h.
//
//   auto plan = PlanImport(file, {"huckleberry", ZoneNamed("Asia/Ho_Chi_Minh")}, now);
//   for (const auto& r : plan->records) ...   plan->skipped: {line, reason}
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tia/domain/records.h"

namespace date {
class time_zone;
}

namespace tia::domain::imports {

struct Options {
  std::string format;                     // babybuddy, huckleberry
  const date::time_zone* zone = nullptr;  // the zone the file's times were logged in
  std::string volume_unit = "ml";         // Baby Buddy's bare amounts: ml, oz
  std::string temperature_unit = "c";     // Baby Buddy's temperatures: c, f
  std::string weight_unit = "kg";         // Baby Buddy's weights: kg, lb
};

struct Planned {
  RecordKind kind;
  std::string key;  // the row itself (format, kind, its id or cells): the record id derives from it
  Json body;        // as the record API takes it (validated)
  int64_t line = 0;   // where it starts in the file
  std::string child;  // Baby Buddy's child (its key), whose infant it is when she has that infant
};

struct Skipped {
  int64_t line = 0;
  std::string reason;              // in English; a refused record's is "<field>: <message>"
  std::vector<std::string> cells;  // the row as it was
};

struct Plan {
  std::string source;  // "babybuddy feeding", "huckleberry", ...
  std::vector<std::string> header;
  std::vector<Planned> records;
  std::vector<Skipped> skipped;
};

// `file` is CSV, or an XLSX workbook whose first sheet is read as CSV (domain/xlsx.h: Excel's
// date serials become dates). kInvalidArgument (field "/file") naming the line and column for a
// file that is not CSV, or not the format it says; each row that cannot become a record is
// skipped with its reason.
Result<Plan> PlanImport(std::string_view file, const Options& o, int64_t now_ms);

// The rejected rows as a file to fix and import again: UTF-8 with a BOM, the file's header and a
// `reason` column, each skipped row as it was with its reason as `say` words it.
std::string RejectedCsv(const Plan& plan,
                        const std::function<std::string(const std::string&)>& say);

// A record id (a UUID, version 8) from a hex digest of at least 32 digits (app/imports.cc hashes
// the mother and the row with BLAKE2b): the same row of the same mother gives the same id, so
// importing a file again adds nothing.
std::string IdFromDigest(std::string_view hex);

}  // namespace tia::domain::imports
