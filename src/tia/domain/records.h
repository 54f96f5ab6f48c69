// tia/domain/records.h — the mother's care log: the kinds of record and their validation.
//
// Every record a phone creates carries a client UUID and `occurred_at` (the phone's time, with
// its UTC offset). Validation turns a client's JSON into the record's canonical body: units
// converted to mL and °C at this edge (a value given in oz or °F is converted, never guessed),
// times normalised, unknown fields refused. The canonical body is what is stored, compared for
// idempotency and returned. Pure: no I/O.
//
//   auto rec = ValidateRecord(RecordKind::kFeed, body, clock.NowMs());
//   if (!rec) return problem(rec.error());   // error().field is e.g. "/segments/0/end"
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tia/base/result.h"
#include "tia/base/time.h"
#include "tia/domain/json_reader.h"

namespace tia::domain {

enum class RecordKind {
  kProfile,
  kInfant,
  kFeed,
  kPump,
  kBreastCheck,
  kTemperature,
  kCareAction,
  kNappy,
  kInfantConcern,
  kInfantWeight,
  kNote,
};

struct KindInfo {
  RecordKind kind;
  std::string_view name;        // stored in records.kind and shown as "kind"
  std::string_view collection;  // the URL segment: /api/v1/mothers/{id}/<collection>/{record_id}
  bool baby_event;              // shared with a caregiver whose scope is "baby"
};

// The kinds that have a collection of records (all but the profile), in a stable order.
const std::vector<KindInfo>& RecordKinds();
const KindInfo& InfoOf(RecordKind kind);
std::optional<KindInfo> KindByName(std::string_view name);

// How far in the future a client time may be (clock skew allowance, research 2.6).
inline constexpr int64_t kFutureSkewMs = 5 * kMinuteMs;

struct ValidRecord {
  RecordKind kind;
  Timestamp occurred_at;
  Json body;                            // canonical
  std::vector<std::string> infant_ids;  // infants it refers to, to check they exist
};

// Validates `input` as a record of `kind`. `now_ms` is the server clock, for the future check.
Result<ValidRecord> ValidateRecord(RecordKind kind, const Json& input, int64_t now_ms);

// A phone number as typed (digits with spaces, dashes or dots; "+" only first) stored as "+" (when
// given) and its digits; nullopt when it is not 8 to 15 digits.
std::optional<std::string> NormalisePhone(std::string_view typed);

// The mL a volume field holds: `<name>_ml`, or `<name>_oz` converted. At most one of the two.
std::optional<double> ReadVolume(FieldReader& r, std::string_view name, double max_ml,
                                 bool required);

inline constexpr double kMlPerOz = 29.5735;

}  // namespace tia::domain
