// The parts of app::Scheduling share these: who is asking, the hospital's settings, time in a
// zone, and the rows a booking refers to (see scheduling_parts.h).
#include "tia/app/access.h"
#include "tia/app/scheduling_parts.h"
#include "tia/base/uuid.h"

namespace tia::app {

using namespace sched;  // NOLINT(google-build-using-namespace): the parts of one class

namespace sched {

using domain::kDefaultZone;

Error NotFound() { return Error{ErrorCode::kNotFound, "not found", "", 0}; }

bool IsStaff(const Caller& c) {
  return c.principal &&
         (c.principal->role == Role::kClinician || c.principal->role == Role::kHospitalAdmin) &&
         c.principal->hospital_id;
}

// The hospital a staff member works for; others get 404 (they may not know the route exists).
Result<int64_t> StaffHospital(const Caller& c, bool admin_only) {
  if (!IsStaff(c)) return tl::unexpected(NotFound());
  if (admin_only && c.principal->role != Role::kHospitalAdmin) {
    return Fail(ErrorCode::kForbidden,
                "only the hospital's administrators change its configuration");
  }
  return *c.principal->hospital_id;
}

// The hospital of a mother or staff member.
Result<int64_t> HospitalOf(const Caller& c) {
  if (!c.principal || !c.principal->hospital_id) return tl::unexpected(NotFound());
  if (c.principal->role == Role::kCaregiver) return tl::unexpected(NotFound());
  return *c.principal->hospital_id;
}

Result<Json> SettingsOf(Connection& c, int64_t hospital) {
  TIA_ASSIGN_OR_RETURN(auto body, storage::hospital_settings::Get(c, hospital));
  if (!body) return Json(nullptr);
  return domain::ParseStored(*body);
}

const date::time_zone* ZoneOf(const Json& settings) {
  const std::string name =
      settings.is_object() ? settings.value("time_zone", kDefaultZone) : kDefaultZone;
  const auto* zone = domain::ZoneNamed(name);
  return zone ? zone : domain::ZoneNamed(kDefaultZone);
}

std::string InZone(const date::time_zone* zone, int64_t ms) {
  const auto sys = date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{ms}};
  const auto off = zone->get_info(date::floor<std::chrono::seconds>(sys)).offset;
  return FormatRfc3339({ms, static_cast<int>(off.count() / 60)});
}

std::string LocalMinute(const date::time_zone* zone, int64_t ms) {
  std::string t = InZone(zone, ms).substr(0, 16);
  t[10] = ' ';
  return t;
}

std::string RoleName(const Caller& c) { return std::string(auth::RoleName(c.principal->role)); }

// Is the hotline open at `now` by its hours (none listed: around the clock)?
bool HotlineOpen(const Json& settings, int64_t now) {
  return domain::InWeeklyHours(settings.at("hotline").at("hours"), ZoneOf(settings), now);
}

// A mother acting for herself with a client-chosen id: her user id and her hospital.
Result<std::pair<int64_t, int64_t>> SelfBooking(const Caller& caller, const std::string& id) {
  if (!caller.principal || caller.principal->role != Role::kMother ||
      !caller.principal->hospital_id) {
    return tl::unexpected(NotFound());
  }
  if (!IsCanonicalUuid(id)) return Invalid("/id", "must be a lowercase UUID chosen by the client");
  return std::make_pair(caller.principal->user_id, *caller.principal->hospital_id);
}

// The mother's latest symptom check of the last day, when it was an emergency.
Result<bool> EmergencyNow(Connection& c, int64_t mother_id, int64_t now) {
  TIA_ASSIGN_OR_RETURN(auto recent,
                       storage::symptom_checks::Recent(c, mother_id, now - kEmergencyBlockMs, 1));
  return !recent.empty() && recent.front().disposition == "emergency";
}

Result<Config> Referenced(Connection& c, storage::ConfigKind kind, int64_t id) {
  TIA_ASSIGN_OR_RETURN(auto row, storage::config::ById(c, kind, id));
  if (!row) return Fail(ErrorCode::kInternal, "a booking refers to configuration that is gone");
  TIA_ASSIGN_OR_RETURN(Json body, domain::ParseStored(row->body));
  return Config{std::move(*row), std::move(body)};
}

Result<BookingStatus> StatusOf(const BookingRow& b) {
  auto status = domain::ParseBookingStatus(b.status);
  if (!status) return Fail(ErrorCode::kInternal, "a booking has a status the table does not know");
  return *status;
}

}  // namespace sched

}  // namespace tia::app
