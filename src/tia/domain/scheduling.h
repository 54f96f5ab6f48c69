// tia/domain/scheduling.h — the hospital's bookable services, providers' working plans, and the
// slots they give. Pure: no I/O, no clock of its own.
//
// Slots are computed, never stored: a provider's weekly plan for each of her local dates (or that
// date's exception), minus breaks and the hospital's holidays, stepped by the service's step,
// each slot checked against the service's notice and horizon and against what is already booked
// or held (each with its buffers). The grid is laid in the provider's IANA time zone, so a slot at
// 09:00 stays at 09:00 local across a daylight-saving change; a local time that does not exist
// that day is skipped, one that exists twice takes the earlier instant. The booking command calls
// the same function, so what is offered and what may be booked cannot drift apart.
//
//   auto plan = PlanOf(provider_body);
//   auto slots = ComputeSlots(*plan, holidays, RulesOf(service_body), service_id, busy,
//                             from_date, to_date, now_ms);
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tia/base/result.h"
#include "tia/domain/json_reader.h"

namespace date {
class time_zone;
}

namespace tia::domain {

// Working hours of one local day, in minutes after midnight; breaks inside them.
struct DayHours {
  int start_min = 0;
  int end_min = 0;
  std::vector<std::pair<int, int>> breaks;
};

struct ProviderPlan {
  const date::time_zone* zone = nullptr;
  std::array<std::optional<DayHours>, 7> weekly;          // Monday first; nullopt: not working
  std::map<int32_t, std::optional<DayHours>> exceptions;  // local date -> that day's hours (or off)
};

struct ServiceRules {
  int duration_min = 30;
  int step_min = 30;
  int buffer_before_min = 0;
  int buffer_after_min = 0;
  int capacity = 1;  // more than 1: a class or group; bookings at the same start share it
  int min_notice_min = 0;
  int max_days_ahead = 30;
  int cancel_window_min = 0;      // a mother may cancel until this long before the start
  int reschedule_window_min = 0;  // the same for moving it
};

// Time a provider is taken: a booking or a live hold, its buffers included.
struct Busy {
  int64_t from_ms = 0;
  int64_t to_ms = 0;
  std::string service_id;
  int64_t start_ms = 0;  // the booking's own start (seats of a class are counted by it)
};

struct Slot {
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  int seats_left = 0;
  std::string room_id;  // the room it would take, when its service needs one
};

// A room with what already takes it.
struct RoomLoad {
  std::string room_id;
  int capacity = 1;
  std::vector<Busy> busy;
};

// Canonical bodies, every error naming its field.
// Service: code, name {en, vi}, kind, modality, duration_min, step_min, buffer_before_min,
// buffer_after_min, capacity, min_notice_min, max_days_ahead, cancel_window_min,
// reschedule_window_min, requires_approval, same_day, active, room_ids [uuid] (held in one of
// these rooms; empty: needs none).
Result<Json> ValidateService(const Json& in);
// Room: name, capacity (people it seats, 1..500), active.
Result<Json> ValidateRoom(const Json& in);
// Provider: name, title, time_zone (IANA), service_ids [uuid], weekly {mon..sun: {start, end,
// breaks [{start, end}]}} ("HH:MM"), exceptions [{date, off} | {date, start, end, breaks}], active.
Result<Json> ValidateProvider(const Json& in);
// Hospital: time_zone, emergency_number, hotline {number, hours [{days [1..7], start, end}]},
// holidays [{date, name}], consultation {hours (as the hotline's), routine_reply_hours 1..168}.
// Hours left empty mean around the clock.
Result<Json> ValidateHospitalSettings(const Json& in);

ServiceRules RulesOf(const Json& service);
ProviderPlan PlanOf(const Json& provider);  // the body must have passed ValidateProvider
std::set<int32_t> HolidaysOf(const Json& settings);

// The zone of a hospital (or a mother) that has not set one: Tia's first hospitals are in Viet Nam.
inline constexpr char kDefaultZone[] = "Asia/Ho_Chi_Minh";

// The IANA zone of this name, or nullptr.
const date::time_zone* ZoneNamed(const std::string& name);
// 1 (Monday) to 7 (Sunday) of a date (days since 1970-01-01).
int WeekdayOf(int32_t day);
// Whether `at` falls in weekly hours ([{days, start, end}] as validated; empty: always).
bool InWeeklyHours(const Json& hours, const date::time_zone* zone, int64_t at);
// `from` when it is inside the hours, else the start of the next window (within a week).
int64_t NextInWeeklyHours(const Json& hours, const date::time_zone* zone, int64_t from);

// The local date of an instant in a zone, and the instant of a local date and minute (nullopt
// when that local time does not exist that day).
int32_t LocalDateOf(const date::time_zone* zone, int64_t utc_ms);
std::optional<int64_t> InstantOf(const date::time_zone* zone, int32_t date, int minute);

// Free slots of `service_id` with this provider on her local dates [from_date, to_date].
std::vector<Slot> ComputeSlots(const ProviderPlan& plan, const std::set<int32_t>& holidays,
                               const ServiceRules& rules, const std::string& service_id,
                               const std::vector<Busy>& busy, int32_t from_date, int32_t to_date,
                               int64_t now_ms);

// Keeps the slots for which one of `rooms` is free too, each naming its room and with its seats
// capped by the room's. A room is free for a slot when nothing else overlaps its busy window;
// bookings of the same class at the same start share it up to the room's capacity. A room that
// already holds that class is chosen first, so a class stays together; otherwise the first
// free room in the order given.
std::vector<Slot> PlaceInRooms(std::vector<Slot> slots, const ServiceRules& rules,
                               const std::string& service_id, const std::vector<RoomLoad>& rooms);

// The busy window a booking of `rules` starting at `start_ms` takes, buffers included.
Busy BusyOf(const ServiceRules& rules, const std::string& service_id, int64_t start_ms);

}  // namespace tia::domain
