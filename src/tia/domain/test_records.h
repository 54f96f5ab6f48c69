// tia/domain/test_records.h — for unit tests: stored records from JSON, validated as the API
// would validate them, at a fixed "now" (2026-11-25 10:00 in Ho Chi Minh City).
#pragma once

#include <gtest/gtest.h>

#include "tia/domain/summary.h"

namespace tia::domain::testing {

inline const int64_t kNow = ParseRfc3339("2026-11-25T10:00:00+07:00")->utc_ms;

inline StoredRecord Rec(RecordKind kind, const char* json) {
  auto v = ValidateRecord(kind, Json::parse(json), kNow);
  EXPECT_TRUE(v) << json << (v ? "" : v.error().field);
  return {kind, v->occurred_at, v->body};
}

}  // namespace tia::domain::testing
