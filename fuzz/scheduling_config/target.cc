// Fuzz target: any bytes as a hospital's configuration body — settings, a service, a provider —
// and, when a provider and a service both validate, a week of slots from them.
// Properties: never crashes; a refusal names a JSON pointer; a canonical body validates again to
// itself; every slot lies inside the computed week, after the notice, and has a seat left.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "tia/domain/scheduling.h"

using tia::domain::Json;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

template <class F>
std::optional<Json> Check(F validate, const Json& in) {
  auto r = validate(in);
  if (!r) {
    const auto& f = r.error().field;
    if (!f.empty() && f[0] != '/') std::abort();
    return std::nullopt;
  }
  auto again = validate(*r);
  if (!again || *again != *r) std::abort();
  return *r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = tia::domain::ParseJsonBody(text);
  if (!parsed) return 0;
  const int64_t now = 1'795'600'000'000;  // 2026-11-25
  auto settings = Check(tia::domain::ValidateHospitalSettings, *parsed);
  auto service =
      Check(tia::domain::ValidateService,
            parsed->is_object() && parsed->contains("service") ? (*parsed)["service"] : *parsed);
  auto provider =
      Check(tia::domain::ValidateProvider,
            parsed->is_object() && parsed->contains("provider") ? (*parsed)["provider"] : *parsed);
  if (!service || !provider) return 0;
  const auto plan = tia::domain::PlanOf(*provider);
  const auto rules = tia::domain::RulesOf(*service);
  const int32_t today = tia::domain::LocalDateOf(plan.zone, now);
  std::vector<tia::domain::Busy> busy = {tia::domain::BusyOf(rules, "s", now + 3 * tia::kHourMs)};
  const auto slots = tia::domain::ComputeSlots(
      plan, settings ? tia::domain::HolidaysOf(*settings) : std::set<int32_t>{}, rules, "s", busy,
      today, today + 6, now);
  for (const auto& s : slots) {
    if (s.start_ms < now + rules.min_notice_min * tia::kMinuteMs) std::abort();
    if (s.end_ms - s.start_ms != rules.duration_min * tia::kMinuteMs) std::abort();
    if (s.seats_left < 1 || s.seats_left > rules.capacity) std::abort();
    const int32_t day = tia::domain::LocalDateOf(plan.zone, s.start_ms);
    if (day < today || day > today + 6) std::abort();
  }
  return 0;
}
