// Fuzz target: any bytes as another tracker's export (CSV, or an XLSX workbook), read as Baby Buddy
// and as Huckleberry. Properties: never crashes or hangs; a refused file names "/file"; every
// planned record validates as the record API would take it; every skipped row has a line inside
// the file and a reason.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "tia/domain/imports.h"
#include "tia/domain/scheduling.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view file(reinterpret_cast<const char*>(data), size);
  const int64_t now = 1'796'630'400'000;  // 2026-12-07
  for (const char* format : {"babybuddy", "huckleberry"}) {
    tia::domain::imports::Options o{format, tia::domain::ZoneNamed("Asia/Ho_Chi_Minh"), "oz", "f",
                                    "lb"};
    auto plan = tia::domain::imports::PlanImport(file, o, now);
    if (!plan) {
      if (plan.error().field != "/file" && !plan.error().field.empty()) std::abort();
      continue;
    }
    for (const auto& r : plan->records) {
      if (!tia::domain::ValidateRecord(r.kind, r.body, now)) std::abort();
      if (r.key.empty() || r.line < 2) std::abort();
    }
    for (const auto& s : plan->skipped) {
      if (s.reason.empty() || s.line < 2) std::abort();
    }
  }
  return 0;
}
