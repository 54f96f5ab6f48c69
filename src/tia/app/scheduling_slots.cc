// Free slots: what a provider offers for a service, minus what is booked, placed in rooms; and
// the resources a booking locks while it takes a slot.
#include <algorithm>
#include <map>

#include "tia/app/access.h"
#include "tia/app/scheduling_parts.h"

namespace tia::app {

using namespace sched;  // NOLINT(google-build-using-namespace): the parts of one class

namespace sched {

using storage::ConfigKind;

// The rooms a service lists, those that exist, belong to its hospital and are active.
Result<std::vector<ConfigRow>> RoomsOf(Connection& c, const ConfigRow& service,
                                       const Json& service_body) {
  std::vector<ConfigRow> rooms;
  for (const auto& id : service_body.value("room_ids", Json::array())) {
    TIA_ASSIGN_OR_RETURN(auto room,
                         storage::config::ByPublicId(c, ConfigKind::kRoom, id.get<std::string>()));
    if (!room || room->hospital_id != service.hospital_id) continue;
    TIA_ASSIGN_OR_RETURN(const Json body, domain::ParseStored(room->body));
    if (body.value("active", true)) rooms.push_back(std::move(*room));
  }
  return rooms;
}

// The row id of the room a slot names (none when it names none).
std::optional<int64_t> RoomRow(const Loaded& l, const domain::Slot& slot) {
  for (const auto& r : l.rooms) {
    if (r.public_id == slot.room_id) return r.id;
  }
  return std::nullopt;
}

// Serialises bookings that could compete with one for `l`: its provider (and `other_provider`,
// when a booking moves between two), in id order, then its rooms by id.
Result<void> LockResources(Connection& c, const Loaded& l, int64_t other_provider) {
  if (other_provider && other_provider < l.provider.id) {
    TIA_TRY(storage::config::Lock(c, ConfigKind::kProvider, other_provider));
  }
  TIA_TRY(storage::config::Lock(c, ConfigKind::kProvider, l.provider.id));
  if (other_provider > l.provider.id) {
    TIA_TRY(storage::config::Lock(c, ConfigKind::kProvider, other_provider));
  }
  std::vector<int64_t> ids;
  for (const auto& r : l.rooms) ids.push_back(r.id);
  std::sort(ids.begin(), ids.end());
  for (int64_t id : ids) TIA_TRY(storage::config::Lock(c, ConfigKind::kRoom, id));
  return Ok();
}

// The free slot starting at `start`, if there is one.
std::optional<domain::Slot> SlotAt(const std::vector<domain::Slot>& slots, int64_t start) {
  for (const auto& s : slots) {
    if (s.start_ms == start) return s;
  }
  return std::nullopt;
}

// Service and provider by public id, both of `hospital`, active, the provider offering it.
Result<Loaded> LoadPair(Connection& c, int64_t hospital, const std::string& service_id,
                        const std::string& provider_id) {
  Loaded l;
  TIA_ASSIGN_OR_RETURN(auto svc, storage::config::ByPublicId(c, ConfigKind::kService, service_id));
  if (!svc || svc->hospital_id != hospital)
    return Invalid("/service_id", "is not a service of your hospital");
  l.service = *svc;
  TIA_ASSIGN_OR_RETURN(l.service_body, domain::ParseStored(svc->body));
  if (!l.service_body.value("active", true)) return Invalid("/service_id", "is not offered now");
  TIA_ASSIGN_OR_RETURN(auto prov,
                       storage::config::ByPublicId(c, ConfigKind::kProvider, provider_id));
  if (!prov || prov->hospital_id != hospital)
    return Invalid("/provider_id", "is not a provider of your hospital");
  l.provider = *prov;
  TIA_ASSIGN_OR_RETURN(l.provider_body, domain::ParseStored(prov->body));
  const auto& offered = l.provider_body.at("service_ids");
  if (!l.provider_body.value("active", true) ||
      std::find(offered.begin(), offered.end(), Json(service_id)) == offered.end()) {
    return Invalid("/provider_id", "does not offer this service");
  }
  TIA_ASSIGN_OR_RETURN(l.rooms, RoomsOf(c, l.service, l.service_body));
  return l;
}

// Free slots of one provider for a service on local dates [from, to], read in `c`.
Result<std::vector<domain::Slot>> FreeSlots(Connection& c, const Loaded& l, const Json& settings,
                                            int32_t from, int32_t to, int64_t now,
                                            const std::string& exclude_booking) {
  const auto plan = domain::PlanOf(l.provider_body);
  const int64_t lo = domain::InstantOf(plan.zone, from, 0).value_or(now) - kDayMs;
  const int64_t hi = domain::InstantOf(plan.zone, to, 0).value_or(now) + 2 * kDayMs;
  // What takes the time, each booking's service read once per service (a class's seats count by
  // it).
  std::map<int64_t, std::string> service_ids;
  auto busy_of = [&](const std::vector<BookingRow>& rows) -> Result<std::vector<domain::Busy>> {
    std::vector<domain::Busy> out;
    for (const auto& b : rows) {
      if (b.public_id == exclude_booking) continue;
      auto known = service_ids.find(b.service_id);
      if (known == service_ids.end()) {
        TIA_ASSIGN_OR_RETURN(auto svc,
                             storage::config::ById(c, ConfigKind::kService, b.service_id));
        known = service_ids.emplace(b.service_id, svc ? svc->public_id : "").first;
      }
      out.push_back({b.busy_from, b.busy_to, known->second, b.start_at});
    }
    return out;
  };
  TIA_ASSIGN_OR_RETURN(auto rows, storage::bookings::Busy(c, l.provider.id, lo, hi, now));
  TIA_ASSIGN_OR_RETURN(auto busy, busy_of(rows));
  const auto rules = domain::RulesOf(l.service_body);
  auto slots = domain::ComputeSlots(
      plan, domain::HolidaysOf(settings.is_object() ? settings : Json::object()), rules,
      l.service.public_id, busy, from, to, now);
  if (l.service_body.value("room_ids", Json::array()).empty() || slots.empty()) return slots;
  std::vector<domain::RoomLoad> rooms;  // none usable: no slot
  for (const auto& room : l.rooms) {
    TIA_ASSIGN_OR_RETURN(auto taken, storage::bookings::BusyInRoom(c, room.id, lo, hi, now));
    TIA_ASSIGN_OR_RETURN(auto room_busy, busy_of(taken));
    TIA_ASSIGN_OR_RETURN(const Json body, domain::ParseStored(room.body));
    rooms.push_back({room.public_id, body.value("capacity", 1), std::move(room_busy)});
  }
  return domain::PlaceInRooms(std::move(slots), rules, l.service.public_id, rooms);
}

Result<int32_t> ParseFrom(const std::string& from, const date::time_zone* zone, int64_t now) {
  if (from.empty()) return domain::LocalDateOf(zone, now);
  auto d = ParseDate(from);
  if (!d) return Invalid("from", "must be a date as YYYY-MM-DD");
  return *d;
}

Result<void> PlaceAt(Connection& c, const Loaded& l, const Json& settings, int64_t start,
                     int64_t now, BookingRow& b, const std::string& exclude_booking) {
  const int32_t day = domain::LocalDateOf(domain::PlanOf(l.provider_body).zone, start);
  TIA_ASSIGN_OR_RETURN(auto slots, FreeSlots(c, l, settings, day, day, now, exclude_booking));
  const auto slot = SlotAt(slots, start);
  if (!slot) {
    return Fail(ErrorCode::kConflict,
                "this time is not free (taken, outside the plan, or too soon); choose another slot",
                "/start");
  }
  const auto rules = domain::RulesOf(l.service_body);
  const auto busy = domain::BusyOf(rules, l.service.public_id, start);
  b.service_id = l.service.id;
  b.provider_id = l.provider.id;
  b.start_at = start;
  b.end_at = start + rules.duration_min * kMinuteMs;
  b.busy_from = busy.from_ms;
  b.busy_to = busy.to_ms;
  b.room_id = RoomRow(l, *slot);
  return Ok();
}

Error EmergencyClosed(const std::string& field) {
  return Error{ErrorCode::kConflict,
               "your last symptom check needs emergency care: call the emergency number now; "
               "booking online is closed until a clinician has seen you",
               field, 0};
}

}  // namespace sched

Result<Json> Scheduling::Slots(const Caller& caller, const std::string& service_id,
                               const std::string& from, int days) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, HospitalOf(caller));
  if (days < 1 || days > kMaxSlotDays)
    return Invalid("days", "must be a whole number from 1 to 31");
  const int64_t now = s_.clock->NowMs();
  return s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_TRY(c.BeginRead());
    TIA_ASSIGN_OR_RETURN(const Json settings, SettingsOf(c, hospital));
    TIA_ASSIGN_OR_RETURN(auto svc,
                         storage::config::ByPublicId(c, ConfigKind::kService, service_id));
    if (!svc || svc->hospital_id != hospital) return tl::unexpected(NotFound());
    TIA_ASSIGN_OR_RETURN(const Json service, domain::ParseStored(svc->body));
    if (!service.value("active", true)) return tl::unexpected(NotFound());
    if (caller.principal->role == Role::kMother) {
      TIA_ASSIGN_OR_RETURN(bool emergency, EmergencyNow(c, caller.principal->user_id, now));
      if (emergency) {
        TIA_ASSIGN_OR_RETURN(Json contact, Contact(caller));
        return Json{{"service_id", service_id},
                    {"blocked", {{"reason", "emergency_result"}, {"contact", contact}}},
                    {"providers", Json::array()}};
      }
    }
    TIA_ASSIGN_OR_RETURN(int32_t first, ParseFrom(from, ZoneOf(settings), now));
    TIA_ASSIGN_OR_RETURN(auto providers,
                         storage::config::OfHospital(c, ConfigKind::kProvider, hospital));
    TIA_ASSIGN_OR_RETURN(auto rooms, RoomsOf(c, *svc, service));
    Json out_providers = Json::array();
    for (const auto& p : providers) {
      TIA_ASSIGN_OR_RETURN(Json provider_body, domain::ParseStored(p.body));
      Loaded l{*svc, p, service, std::move(provider_body), rooms};
      const auto& offered = l.provider_body["service_ids"];
      if (!l.provider_body.value("active", true) ||
          std::find(offered.begin(), offered.end(), Json(service_id)) == offered.end()) {
        continue;
      }
      TIA_ASSIGN_OR_RETURN(auto slots, FreeSlots(c, l, settings, first, first + days - 1, now));
      const auto* zone = domain::PlanOf(l.provider_body).zone;
      Json js = Json::array();
      for (const auto& s : slots) {
        js.push_back({{"start", InZone(zone, s.start_ms)},
                      {"end", InZone(zone, s.end_ms)},
                      {"seats_left", s.seats_left}});
      }
      out_providers.push_back({{"id", p.public_id},
                               {"name", l.provider_body["name"]},
                               {"time_zone", l.provider_body["time_zone"]},
                               {"slots", js}});
    }
    return Json{{"service_id", service_id},
                {"from", FormatDate(first)},
                {"days", days},
                {"blocked", nullptr},
                {"providers", out_providers}};
  });
}

}  // namespace tia::app
