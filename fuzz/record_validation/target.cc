// Fuzz target: any bytes as a request body, validated as every kind of care-log record.
// Property: never crashes; a refusal always names a field that is a JSON pointer ("" or "/...");
// an accepted record's canonical body validates again to itself (validation is idempotent).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "tia/domain/records.h"

using tia::domain::Json;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = tia::domain::ParseJsonBody(text);
  if (!parsed) return 0;
  const int64_t now = 1'795'600'000'000;  // 2026-11-25
  for (auto kind : {tia::domain::RecordKind::kProfile, tia::domain::RecordKind::kInfant,
                    tia::domain::RecordKind::kFeed, tia::domain::RecordKind::kPump,
                    tia::domain::RecordKind::kBreastCheck, tia::domain::RecordKind::kTemperature,
                    tia::domain::RecordKind::kCareAction, tia::domain::RecordKind::kNappy,
                    tia::domain::RecordKind::kInfantConcern, tia::domain::RecordKind::kInfantWeight,
                    tia::domain::RecordKind::kNote}) {
    auto r = tia::domain::ValidateRecord(kind, *parsed, now);
    if (!r) {
      const auto& f = r.error().field;
      if (!f.empty() && f[0] != '/') std::abort();
      continue;
    }
    auto again = tia::domain::ValidateRecord(kind, r->body, now);
    if (!again || again->body != r->body) std::abort();
  }
  return 0;
}
