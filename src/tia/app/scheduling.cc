#include "tia/app/scheduling.h"

#include <date/tz.h>

#include <algorithm>
#include <array>
#include <map>

#include "tia/app/access.h"
#include "tia/auth/passwords.h"
#include "tia/base/uuid.h"
#include "tia/domain/icalendar.h"
#include "tia/domain/scheduling.h"
#include "tia/storage/scheduling.h"

namespace tia::app {
namespace {

using auth::Role;
using storage::BookingRow;
using storage::ConfigKind;
using storage::ConfigRow;
using storage::Connection;

constexpr int64_t kHoldMs = 5 * kMinuteMs;
// How long an emergency result closes self-booking: the result asks her to call now; a day later
// she books like anyone else (and a newer check that is not an emergency reopens it at once).
constexpr int64_t kEmergencyBlockMs = 24 * kHourMs;
constexpr int kMaxSlotDays = 31;
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

Json SettingsOr(const std::optional<std::string>& body) {
  return body ? Json::parse(*body) : Json(nullptr);
}

const date::time_zone* ZoneOf(const Json& settings) {
  const std::string name =
      settings.is_object() ? settings.value("time_zone", kDefaultZone) : kDefaultZone;
  const auto* zone = domain::ZoneNamed(name);
  return zone ? zone : domain::ZoneNamed(kDefaultZone);
}

struct Loaded {
  ConfigRow service, provider;
  Json service_body, provider_body;
  std::vector<ConfigRow> rooms;  // active rooms the service may use, in its order; none: needs none
};

// The rooms a service lists, those that exist, belong to its hospital and are active.
Result<std::vector<ConfigRow>> RoomsOf(Connection& c, const ConfigRow& service,
                                       const Json& service_body) {
  std::vector<ConfigRow> rooms;
  for (const auto& id : service_body.value("room_ids", Json::array())) {
    TIA_ASSIGN_OR_RETURN(auto room,
                         storage::config::ByPublicId(c, ConfigKind::kRoom, id.get<std::string>()));
    if (room && room->hospital_id == service.hospital_id &&
        Json::parse(room->body).value("active", true)) {
      rooms.push_back(std::move(*room));
    }
  }
  return rooms;
}

bool NeedsRoom(const Json& service_body) {
  return !service_body.value("room_ids", Json::array()).empty();
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
Result<void> LockResources(Connection& c, const Loaded& l, int64_t other_provider = 0) {
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

// An instant as RFC 3339 in the offset `zone` has at that instant.
std::string InZone(const date::time_zone* zone, int64_t ms) {
  const auto sys = date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{ms}};
  const auto off = zone->get_info(date::floor<std::chrono::seconds>(sys)).offset;
  return FormatRfc3339({ms, static_cast<int>(off.count() / 60)});
}

Json BookingJson(const BookingRow& b, const Json& service, const Json& provider,
                 const std::string& service_pid, const std::string& provider_pid,
                 const std::vector<storage::BookingEventRow>* events) {
  const auto* zone = domain::PlanOf(provider).zone;
  auto local = [&](int64_t ms) { return InZone(zone, ms); };
  const Json body = Json::parse(b.body);
  const auto rules = domain::RulesOf(service);
  Json out = {
      {"id", b.public_id},
      {"status", b.status},
      {"service",
       {{"id", service_pid}, {"name", service.at("name")}, {"modality", service.at("modality")}}},
      {"provider", {{"id", provider_pid}, {"name", provider.at("name")}}},
      {"room", nullptr},
      {"start", local(b.start_at)},
      {"end", local(b.end_at)},
      {"subjects", body.at("subjects")},
      {"cancel_until", local(b.start_at - rules.cancel_window_min * kMinuteMs)},
      {"reschedule_until", local(b.start_at - rules.reschedule_window_min * kMinuteMs)},
      {"hold_expires_at", b.hold_expires_at ? Json(FormatUtc(*b.hold_expires_at)) : Json(nullptr)},
      {"created_at", FormatUtc(b.created_at)},
      {"version", b.version}};
  if (body.contains("infant_id")) out["infant_id"] = body["infant_id"];
  if (body.contains("note")) out["note"] = body["note"];
  if (events) {
    Json h = Json::array();
    for (const auto& e : *events) {
      h.push_back({{"at", FormatUtc(e.at)},
                   {"by", e.actor_role},
                   {"from", e.from_status ? Json(*e.from_status) : Json(nullptr)},
                   {"to", e.to_status},
                   {"reason", e.reason ? Json(*e.reason) : Json(nullptr)}});
    }
    out["history"] = h;
  }
  return out;
}

// A booking with its service and provider, for showing it.
Result<Json> ShowBooking(Connection& c, const BookingRow& b, bool with_history) {
  TIA_ASSIGN_OR_RETURN(auto svc, storage::config::ById(c, ConfigKind::kService, b.service_id));
  TIA_ASSIGN_OR_RETURN(auto prov, storage::config::ById(c, ConfigKind::kProvider, b.provider_id));
  std::vector<storage::BookingEventRow> events;
  if (with_history) {
    TIA_ASSIGN_OR_RETURN(events, storage::bookings::Events(c, b.id));
  }
  Json out = BookingJson(b, Json::parse(svc->body), Json::parse(prov->body), svc->public_id,
                         prov->public_id, with_history ? &events : nullptr);
  if (b.room_id) {
    TIA_ASSIGN_OR_RETURN(auto room, storage::config::ById(c, ConfigKind::kRoom, *b.room_id));
    if (room) out["room"] = {{"id", room->public_id}, {"name", Json::parse(room->body)["name"]}};
  }
  if (with_history) {  // what she is told and when: the confirmation and the reminders
    TIA_ASSIGN_OR_RETURN(auto messages, storage::outbox::OfBooking(c, b.id));
    Json list = Json::array();
    for (const auto& m : messages) {
      list.push_back({{"kind", m.kind},
                      {"channel", m.channel},
                      {"due_at", FormatUtc(m.due_at)},
                      {"status", m.status}});
    }
    out["messages"] = list;
  }
  return out;
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

// Service and provider by public id, both of `hospital`, active, the provider offering it.
Result<Loaded> LoadPair(Connection& c, int64_t hospital, const std::string& service_id,
                        const std::string& provider_id) {
  Loaded l;
  TIA_ASSIGN_OR_RETURN(auto svc, storage::config::ByPublicId(c, ConfigKind::kService, service_id));
  if (!svc || svc->hospital_id != hospital)
    return Invalid("/service_id", "is not a service of your hospital");
  l.service = *svc;
  l.service_body = Json::parse(svc->body);
  if (!l.service_body.value("active", true)) return Invalid("/service_id", "is not offered now");
  TIA_ASSIGN_OR_RETURN(auto prov,
                       storage::config::ByPublicId(c, ConfigKind::kProvider, provider_id));
  if (!prov || prov->hospital_id != hospital)
    return Invalid("/provider_id", "is not a provider of your hospital");
  l.provider = *prov;
  l.provider_body = Json::parse(prov->body);
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
                                            const std::string& exclude_booking = "") {
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
  if (!NeedsRoom(l.service_body) || slots.empty()) return slots;
  std::vector<domain::RoomLoad> rooms;  // none usable: no slot
  for (const auto& room : l.rooms) {
    TIA_ASSIGN_OR_RETURN(auto taken, storage::bookings::BusyInRoom(c, room.id, lo, hi, now));
    TIA_ASSIGN_OR_RETURN(auto room_busy, busy_of(taken));
    rooms.push_back(
        {room.public_id, Json::parse(room.body).value("capacity", 1), std::move(room_busy)});
  }
  return domain::PlaceInRooms(std::move(slots), rules, l.service.public_id, rooms);
}

Result<int32_t> ParseFrom(const std::string& from, const date::time_zone* zone, int64_t now) {
  if (from.empty()) return domain::LocalDateOf(zone, now);
  auto d = ParseDate(from);
  if (!d) return Invalid("from", "must be a date as YYYY-MM-DD");
  return *d;
}

// Who may see a booking: the mother herself, or staff of its hospital (audited by the caller).
Result<BookingRow> Visible(Connection& c, const Caller& caller, const std::string& id) {
  TIA_ASSIGN_OR_RETURN(auto b, storage::bookings::ByPublicId(c, id));
  if (!b) return tl::unexpected(NotFound());
  const auto& p = *caller.principal;
  const bool own = p.role == Role::kMother && p.user_id == b->mother_id;
  const bool staff = IsStaff(caller) && *p.hospital_id == b->hospital_id;
  if (!own && !staff) return tl::unexpected(NotFound());
  return *b;
}

// Reminder offsets before the start (not clinical: when people plan their day).
constexpr std::array<std::pair<const char*, int64_t>, 2> kReminders = {
    {{"reminder_24h", 24 * kHourMs}, {"reminder_2h", 2 * kHourMs}}};

// The confirmation (now) and the reminders still ahead, for a booking that became booked or
// requested, in the mother's language, by e-mail to her account's address. The text names the
// hospital, the time and the provider, never the reason for the visit.
Result<void> EnqueueMessages(Connection& c, const BookingRow& b, int64_t now, bool moved = false) {
  TIA_ASSIGN_OR_RETURN(auto mother, storage::users::ById(c, b.mother_id));
  TIA_ASSIGN_OR_RETURN(auto hospital, storage::hospitals::ById(c, b.hospital_id));
  TIA_ASSIGN_OR_RETURN(auto prov, storage::config::ById(c, ConfigKind::kProvider, b.provider_id));
  TIA_ASSIGN_OR_RETURN(auto profile, storage::records::Get(c, b.mother_id, "profile"));
  if (!mother) return Ok();
  const bool vi = !profile || Json::parse(profile->body).value("language", "vi") == "vi";
  const Json provider = Json::parse(prov->body);
  std::string when = InZone(domain::PlanOf(provider).zone, b.start_at).substr(0, 16);
  when[10] = ' ';
  const std::string place = hospital ? hospital->name : "";
  const std::string who = provider["name"].get<std::string>();
  auto message = [&](const std::string& kind, int64_t due, bool reminder) {
    storage::OutboxRow m;
    m.booking_id = b.id;
    m.kind = kind;
    m.channel = "email";
    m.recipient = mother->email;
    m.due_at = due;
    if (vi) {
      m.subject = std::string(reminder ? "Tia: nhắc lịch hẹn "
                              : moved  ? "Tia: lịch hẹn đã dời sang "
                                       : "Tia: đã đặt lịch hẹn ") +
                  when;
      m.body = "Bạn có lịch hẹn tại " + place + " vào " + when + " (" + who +
               ").\nMở Tia để xem hoặc hủy lịch hẹn.\n\nTia";
    } else {
      m.subject = std::string(reminder ? "Tia: reminder of your appointment "
                              : moved  ? "Tia: appointment moved to "
                                       : "Tia: appointment booked ") +
                  when;
      m.body = "Your appointment at " + place + " is on " + when + " (" + who +
               ").\nOpen Tia to see it or to cancel it.\n\nTia";
    }
    return storage::outbox::Enqueue(c, m);
  };
  // A text message too when her profile has a phone number: the same words, without a subject.
  const std::string phone =
      profile ? Json::parse(profile->body).value("phone", std::string()) : std::string();
  auto both = [&](const std::string& kind, int64_t due, bool reminder) -> Result<void> {
    TIA_TRY(message(kind, due, reminder));
    if (phone.empty()) return Ok();
    storage::OutboxRow m;
    m.booking_id = b.id;
    m.kind = kind;
    m.channel = "sms";
    m.recipient = phone;
    m.due_at = due;
    m.subject = "";
    m.body =
        vi ? "Tia: lich hen tai " + place + " luc " + when + ". Mo Tia de xem hoac huy."
           : "Tia: appointment at " + place + " on " + when + ". Open Tia to see or cancel it.";
    return storage::outbox::Enqueue(c, m);
  };
  TIA_TRY(both(moved ? "rescheduled" : "confirmation", now, false));
  for (const auto& [kind, before] : kReminders) {
    if (b.start_at - before > now) TIA_TRY(both(kind, b.start_at - before, true));
  }
  return Ok();
}

const char* CalendarStatus(const std::string& status) {
  if (status == "cancelled" || status == "no_show") return "CANCELLED";
  if (status == "held" || status == "requested") return "TENTATIVE";
  return "CONFIRMED";
}

// One booking as a calendar event; `who` is added to the title for staff calendars.
Result<domain::CalendarEvent> EventOf(Connection& c, const BookingRow& b, const std::string& lang,
                                      const std::string& who, int64_t now) {
  TIA_ASSIGN_OR_RETURN(auto svc, storage::config::ById(c, ConfigKind::kService, b.service_id));
  TIA_ASSIGN_OR_RETURN(auto prov, storage::config::ById(c, ConfigKind::kProvider, b.provider_id));
  TIA_ASSIGN_OR_RETURN(auto hospital, storage::hospitals::ById(c, b.hospital_id));
  const Json service = Json::parse(svc->body);
  const Json provider = Json::parse(prov->body);
  const auto rules = domain::RulesOf(service);
  const bool vi = lang == "vi";
  domain::CalendarEvent e;
  e.uid = b.public_id + "@tia";
  e.stamp_ms = now;
  e.start_ms = b.start_at;
  e.end_ms = b.end_at;
  e.summary =
      service["name"][vi ? "vi" : "en"].get<std::string>() + (who.empty() ? "" : " - " + who);
  const std::string until =
      InZone(domain::PlanOf(provider).zone, b.start_at - rules.cancel_window_min * kMinuteMs);
  e.description =
      provider["name"].get<std::string>() + ". " +
      (vi ? "Hủy trực tuyến đến " : "Cancel online until ") +
      until.substr(0, 16).replace(10, 1, " ") +
      (vi ? "; sau đó vui lòng gọi bệnh viện." : "; after that, please call the hospital.");
  std::string place = hospital ? hospital->name : "";
  if (b.room_id) {
    TIA_ASSIGN_OR_RETURN(auto room, storage::config::ById(c, ConfigKind::kRoom, *b.room_id));
    if (room) place += ", " + Json::parse(room->body)["name"].get<std::string>();
  }
  e.location = service["modality"] == "in_person" ? place
               : service["modality"] == "video"   ? (vi ? "Gọi video" : "Video call")
                                                  : (vi ? "Gọi điện thoại" : "Phone call");
  e.status = CalendarStatus(b.status);
  e.sequence = b.version;
  return e;
}

// The hold a waitlist offer gives her to confirm.
constexpr int64_t kOfferMs = 30 * kMinuteMs;
constexpr int kMaxWaitDays = 14;

Result<void> EnqueueOffer(Connection& c, const BookingRow& b) {
  TIA_ASSIGN_OR_RETURN(auto mother, storage::users::ById(c, b.mother_id));
  TIA_ASSIGN_OR_RETURN(auto prov, storage::config::ById(c, ConfigKind::kProvider, b.provider_id));
  TIA_ASSIGN_OR_RETURN(auto profile, storage::records::Get(c, b.mother_id, "profile"));
  if (!mother) return Ok();
  const bool vi = !profile || Json::parse(profile->body).value("language", "vi") == "vi";
  const auto* zone = domain::PlanOf(Json::parse(prov->body)).zone;
  std::string when = InZone(zone, b.start_at).substr(0, 16);
  when[10] = ' ';
  const std::string until = InZone(zone, *b.hold_expires_at).substr(11, 5);
  storage::OutboxRow m;
  m.booking_id = b.id;
  m.kind = "waitlist_offer";
  m.channel = "email";
  m.recipient = mother->email;
  m.due_at = b.created_at;
  m.subject = vi ? "Tia: có chỗ trống " + when : "Tia: a place is free " + when;
  m.body =
      vi ? "Có chỗ trống vào " + when + ". Mở Tia và xác nhận trước " + until + ".\n\nTia"
         : "A place is free on " + when + ". Open Tia and confirm it before " + until + ".\n\nTia";
  return storage::outbox::Enqueue(c, m);
}

// A booking was cancelled (or an offer expired): its start goes to the first one waiting for it,
// as a held booking she confirms within kOfferMs. Runs in the caller's write transaction.
Result<void> OfferFreedSlot(Connection& c, const BookingRow& freed, const Json& settings,
                            int64_t now) {
  if (freed.start_at <= now) return Ok();
  TIA_ASSIGN_OR_RETURN(auto svc, storage::config::ById(c, ConfigKind::kService, freed.service_id));
  TIA_ASSIGN_OR_RETURN(auto prov,
                       storage::config::ById(c, ConfigKind::kProvider, freed.provider_id));
  Loaded l{*svc, *prov, Json::parse(svc->body), Json::parse(prov->body), {}};
  TIA_ASSIGN_OR_RETURN(l.rooms, RoomsOf(c, l.service, l.service_body));
  const auto* zone = domain::PlanOf(l.provider_body).zone;
  const int32_t day = domain::LocalDateOf(zone, freed.start_at);
  TIA_ASSIGN_OR_RETURN(auto waiting, storage::waitlist::Waiting(c, svc->id, prov->id, day));
  if (waiting.empty()) return Ok();
  TIA_TRY(LockResources(c, l));  // a booking racing for the freed time waits for this offer
  TIA_ASSIGN_OR_RETURN(auto slots, FreeSlots(c, l, settings, day, day, now));
  const auto slot = SlotAt(slots, freed.start_at);
  if (!slot) return Ok();
  const auto& w = waiting.front();
  BookingRow b = freed;
  b.room_id = RoomRow(l, *slot);
  b.id = 0;
  b.public_id = NewUuid();
  b.mother_id = w.mother_id;
  b.status = "held";
  b.hold_expires_at = now + kOfferMs;
  b.body = Json{{"service_id", svc->public_id},
                {"provider_id", prov->public_id},
                {"start", FormatUtc(freed.start_at)},
                {"subjects", {"mother"}},
                {"hold", true},
                {"waitlist", w.public_id}}
               .dump();
  b.request_hash = auth::TokenHash(b.body);
  b.created_at = b.updated_at = now;
  b.created_by = w.mother_id;
  b.version = 1;
  TIA_ASSIGN_OR_RETURN(b, storage::bookings::Insert(c, b));
  TIA_TRY(storage::bookings::AddEvent(c, b.id,
                                      {now, w.mother_id, "waitlist", std::nullopt, "held",
                                       std::string("offered from the waitlist")}));
  TIA_TRY(storage::waitlist::SetStatus(c, w.id, "offered", b.id, now));
  return EnqueueOffer(c, b);
}

Json WaitJson(Connection& c, const storage::WaitlistRow& w) {
  Json out = {{"id", w.public_id},
              {"status", w.status},
              {"from", FormatDate(w.from_date)},
              {"to", FormatDate(w.to_date)},
              {"created_at", FormatUtc(w.created_at)},
              {"offer", nullptr}};
  if (auto svc = storage::config::ById(c, ConfigKind::kService, w.service_id); svc && *svc) {
    out["service"] = {{"id", (*svc)->public_id}, {"name", Json::parse((*svc)->body)["name"]}};
  }
  if (w.booking_id && w.status == "offered") {
    if (auto b = storage::bookings::ById(c, *w.booking_id); b && *b) {
      out["offer"] = {
          {"booking_id", (*b)->public_id},
          {"start", FormatUtc((*b)->start_at)},
          {"confirm_before",
           (*b)->hold_expires_at ? Json(FormatUtc(*(*b)->hold_expires_at)) : Json(nullptr)}};
    }
  }
  return out;
}

}  // namespace

Result<std::string> Scheduling::CalendarFile(const Caller& caller, const std::string& id,
                                             const std::string& lang) {
  if (!caller.principal) return tl::unexpected(NotFound());
  if (lang != "en" && lang != "vi") return Invalid("lang", "must be en or vi");
  const int64_t now = s_.clock->NowMs();
  using Shown = std::pair<domain::CalendarEvent, int64_t>;
  TIA_ASSIGN_OR_RETURN(auto shown, s_.db->Read([&](Connection& c) -> Result<Shown> {
    TIA_ASSIGN_OR_RETURN(BookingRow b, Visible(c, caller, id));
    TIA_ASSIGN_OR_RETURN(auto e, EventOf(c, b, lang, "", now));
    return Shown{e, b.mother_id};
  }));
  if (IsStaff(caller)) {
    const auto e = AuditOf(s_, caller, "read", "booking", "success", shown.second);
    TIA_TRY(s_.db->Write([&](Connection& c) { return storage::audit::Append(c, e); }));
  }
  return domain::Calendar("-//Tia//Booking//EN", {shown.first});
}

Result<std::string> Scheduling::ProviderCalendar(const Caller& caller,
                                                 const std::string& provider_id) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, StaffHospital(caller, false));
  const int64_t now = s_.clock->NowMs();
  TIA_ASSIGN_OR_RETURN(
      auto events, s_.db->Read([&](Connection& c) -> Result<std::vector<domain::CalendarEvent>> {
        TIA_ASSIGN_OR_RETURN(auto prov,
                             storage::config::ByPublicId(c, ConfigKind::kProvider, provider_id));
        if (!prov || prov->hospital_id != hospital) return tl::unexpected(NotFound());
        TIA_ASSIGN_OR_RETURN(auto rows, storage::bookings::OfProvider(c, prov->id, now - 7 * kDayMs,
                                                                      now + 60 * kDayMs));
        std::vector<domain::CalendarEvent> out;
        for (const auto& b : rows) {
          TIA_ASSIGN_OR_RETURN(auto m, storage::users::ById(c, b.mother_id));
          TIA_ASSIGN_OR_RETURN(auto e, EventOf(c, b, "en", m ? m->display_name : "", now));
          out.push_back(std::move(e));
        }
        return out;
      }));
  const auto e = AuditOf(s_, caller, "read", "provider_calendar", "success", std::nullopt);
  TIA_TRY(s_.db->Write([&](Connection& c) { return storage::audit::Append(c, e); }));
  return domain::Calendar("-//Tia//Provider calendar//EN", events);
}

Result<Json> Scheduling::CreateFeed(const Caller& caller, const std::string& provider_id) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, StaffHospital(caller, true));
  const int64_t now = s_.clock->NowMs();
  const std::string token = auth::RandomToken(32);
  const auto audit = AuditOf(s_, caller, "create", "calendar_feed", "success", std::nullopt);
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto prov,
                         storage::config::ByPublicId(c, ConfigKind::kProvider, provider_id));
    if (!prov || prov->hospital_id != hospital) return tl::unexpected(NotFound());
    TIA_TRY(storage::calendar_feeds::RevokeAll(c, prov->id, now));
    TIA_TRY(storage::calendar_feeds::Create(c, prov->id, auth::TokenHash(token), now,
                                            caller.principal->user_id));
    return storage::audit::Append(c, audit);
  }));
  return Json{{"provider_id", provider_id},
              {"path", "/api/v1/calendar-feeds/" + token + ".ics"},
              {"created_at", FormatUtc(now)}};
}

Result<Json> Scheduling::RevokeFeeds(const Caller& caller, const std::string& provider_id) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, StaffHospital(caller, true));
  const int64_t now = s_.clock->NowMs();
  const auto audit = AuditOf(s_, caller, "delete", "calendar_feed", "success", std::nullopt);
  int64_t revoked = 0;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto prov,
                         storage::config::ByPublicId(c, ConfigKind::kProvider, provider_id));
    if (!prov || prov->hospital_id != hospital) return tl::unexpected(NotFound());
    TIA_ASSIGN_OR_RETURN(revoked, storage::calendar_feeds::RevokeAll(c, prov->id, now));
    return storage::audit::Append(c, audit);
  }));
  return Json{{"provider_id", provider_id}, {"revoked", revoked}};
}

Result<std::string> Scheduling::FeedCalendar(const std::string& token) {
  if (token.size() != 43) return tl::unexpected(NotFound());  // 32 bytes, base64url
  const int64_t now = s_.clock->NowMs();
  TIA_ASSIGN_OR_RETURN(
      auto events, s_.db->Read([&](Connection& c) -> Result<std::vector<domain::CalendarEvent>> {
        TIA_ASSIGN_OR_RETURN(auto provider,
                             storage::calendar_feeds::ProviderOf(c, auth::TokenHash(token)));
        if (!provider) return tl::unexpected(NotFound());
        TIA_ASSIGN_OR_RETURN(auto rows, storage::bookings::OfProvider(
                                            c, *provider, now - 7 * kDayMs, now + 60 * kDayMs));
        std::vector<domain::CalendarEvent> out;
        for (const auto& b : rows) {  // no names: the URL travels through calendar services
          TIA_ASSIGN_OR_RETURN(auto e, EventOf(c, b, "en", "", now));
          out.push_back(std::move(e));
        }
        return out;
      }));
  return domain::Calendar("-//Tia//Provider calendar//EN", events);
}

Result<Json> Scheduling::Contact(const Caller& caller) {
  Json settings = nullptr;
  if (caller.principal && caller.principal->hospital_id) {
    TIA_ASSIGN_OR_RETURN(auto body, s_.db->Read([&](Connection& c) {
      return storage::hospital_settings::Get(c, *caller.principal->hospital_id);
    }));
    settings = SettingsOr(body);
  }
  if (settings.is_null()) {
    return Json{{"hotline", defaults_.hotline.empty() ? Json(nullptr) : Json(defaults_.hotline)},
                {"hotline_open_now", !defaults_.hotline.empty()},
                {"emergency", defaults_.emergency_number}};
  }
  return Json{{"hotline", settings["hotline"]["number"]},
              {"hotline_hours", settings["hotline"]["hours"]},
              {"hotline_open_now", HotlineOpen(settings, s_.clock->NowMs())},
              {"emergency", settings["emergency_number"]}};
}

Result<Json> Scheduling::GetSettings(const Caller& caller) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, StaffHospital(caller, false));
  TIA_ASSIGN_OR_RETURN(auto body, s_.db->Read([&](Connection& c) {
    return storage::hospital_settings::Get(c, hospital);
  }));
  return SettingsOr(body);
}

Result<Json> Scheduling::PutSettings(const Caller& caller, const Json& body) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, StaffHospital(caller, true));
  TIA_ASSIGN_OR_RETURN(Json valid, domain::ValidateHospitalSettings(body));
  const auto audit = AuditOf(s_, caller, "update", "hospital_settings", "success", std::nullopt);
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_TRY(storage::hospital_settings::Put(c, hospital, valid.dump(), s_.clock->NowMs(),
                                            caller.principal->user_id));
    return storage::audit::Append(c, audit);
  }));
  return valid;
}

Result<Json> Scheduling::ListConfig(const Caller& caller, ConfigKind kind) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, StaffHospital(caller, false));
  TIA_ASSIGN_OR_RETURN(auto rows, s_.db->Read([&](Connection& c) {
    return storage::config::OfHospital(c, kind, hospital);
  }));
  Json items = Json::array();
  for (const auto& r : rows) {
    Json j = Json::parse(r.body);
    j["id"] = r.public_id;
    j["updated_at"] = FormatUtc(r.updated_at);
    items.push_back(std::move(j));
  }
  return Json{{"items", items}};
}

namespace {

const char* ConfigName(ConfigKind kind) {
  switch (kind) {
    case ConfigKind::kService:
      return "service";
    case ConfigKind::kProvider:
      return "provider";
    case ConfigKind::kRoom:
      return "room";
    case ConfigKind::kReplyTemplate:
      return "reply_template";
  }
  return "service";
}

// Every id listed under `key` names a `kind` of this hospital.
Result<void> OwnedIds(Connection& c, const Json& body, const char* key, ConfigKind kind,
                      int64_t hospital) {
  const Json& ids = body[key];
  for (size_t i = 0; i < ids.size(); ++i) {
    TIA_ASSIGN_OR_RETURN(auto row, storage::config::ByPublicId(c, kind, ids[i].get<std::string>()));
    if (!row || row->hospital_id != hospital) {
      return Invalid(std::string("/") + key + "/" + std::to_string(i),
                     std::string("is not a ") + ConfigName(kind) + " of this hospital");
    }
  }
  return Ok();
}

}  // namespace

Result<Json> Scheduling::PutConfig(const Caller& caller, ConfigKind kind, const std::string& id,
                                   const Json& body) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, StaffHospital(caller, true));
  if (!IsCanonicalUuid(id)) return Invalid("/id", "must be a lowercase UUID chosen by the client");
  TIA_ASSIGN_OR_RETURN(Json valid, kind == ConfigKind::kService    ? domain::ValidateService(body)
                                   : kind == ConfigKind::kProvider ? domain::ValidateProvider(body)
                                                                   : domain::ValidateRoom(body));
  const int64_t now = s_.clock->NowMs();
  const auto audit = AuditOf(s_, caller, "update", ConfigName(kind), "success", std::nullopt);
  ConfigRow row;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto existing, storage::config::ByPublicId(c, kind, id));
    if (existing && existing->hospital_id != hospital) return tl::unexpected(NotFound());
    if (kind == ConfigKind::kProvider) {
      TIA_TRY(OwnedIds(c, valid, "service_ids", ConfigKind::kService, hospital));
    }
    if (kind == ConfigKind::kService) {
      TIA_TRY(OwnedIds(c, valid, "room_ids", ConfigKind::kRoom, hospital));
    }
    TIA_ASSIGN_OR_RETURN(row, storage::config::Put(c, kind, hospital, id, valid.dump(), now,
                                                   caller.principal->user_id));
    return storage::audit::Append(c, audit);
  }));
  valid["id"] = row.public_id;
  valid["updated_at"] = FormatUtc(row.updated_at);
  return valid;
}

Result<Json> Scheduling::OfferedServices(const Caller& caller) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, HospitalOf(caller));
  TIA_ASSIGN_OR_RETURN(auto rows, s_.db->Read([&](Connection& c) {
    return storage::config::OfHospital(c, ConfigKind::kService, hospital);
  }));
  Json items = Json::array();
  for (const auto& r : rows) {
    Json j = Json::parse(r.body);
    if (!j.value("active", true)) continue;
    items.push_back({{"id", r.public_id},
                     {"name", j["name"]},
                     {"kind", j["kind"]},
                     {"modality", j["modality"]},
                     {"duration_min", j["duration_min"]},
                     {"capacity", j["capacity"]},
                     {"same_day", j["same_day"]},
                     {"requires_approval", j["requires_approval"]},
                     {"cancel_window_min", j["cancel_window_min"]}});
  }
  return Json{{"items", items}};
}

Result<Json> Scheduling::Slots(const Caller& caller, const std::string& service_id,
                               const std::string& from, int days) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, HospitalOf(caller));
  if (days < 1 || days > kMaxSlotDays)
    return Invalid("days", "must be a whole number from 1 to 31");
  const int64_t now = s_.clock->NowMs();
  return s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_TRY(c.BeginRead());
    TIA_ASSIGN_OR_RETURN(auto settings_body, storage::hospital_settings::Get(c, hospital));
    const Json settings = SettingsOr(settings_body);
    TIA_ASSIGN_OR_RETURN(auto svc,
                         storage::config::ByPublicId(c, ConfigKind::kService, service_id));
    if (!svc || svc->hospital_id != hospital) return tl::unexpected(NotFound());
    const Json service = Json::parse(svc->body);
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
      Loaded l{*svc, p, service, Json::parse(p.body), rooms};
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

Result<BookingReply> Scheduling::Book(const Caller& caller, const std::string& id,
                                      const Json& body) {
  TIA_ASSIGN_OR_RETURN(auto who, SelfBooking(caller, id));
  const auto [mother, hospital] = who;
  domain::FieldReader r(body, "");
  Json canon = Json::object();
  auto service_id = r.Uuid("service_id", true);
  auto provider_id = r.Uuid("provider_id", true);
  auto start = r.Time("start", true);
  Json subjects = Json::array();
  if (const Json* arr = r.Array("subjects", 2)) {
    for (size_t i = 0; i < arr->size(); ++i) {
      const Json& v = (*arr)[i];
      if (v != "mother" && v != "baby") {
        r.FailAtPointer("/subjects/" + std::to_string(i), "must be mother or baby");
      } else if (std::find(subjects.begin(), subjects.end(), v) != subjects.end()) {
        r.FailAtPointer("/subjects/" + std::to_string(i), "is listed twice");
      } else {
        subjects.push_back(v);
      }
    }
    if (arr->empty()) r.FailAt("subjects", "must name mother, baby or both");
  } else {
    subjects.push_back("mother");
  }
  auto infant = r.Uuid("infant_id");
  auto note = r.String("note", 1000);
  const bool hold = r.Bool("hold").value_or(false);
  TIA_TRY(r.Finish());
  canon["service_id"] = *service_id;
  canon["provider_id"] = *provider_id;
  canon["start"] = FormatUtc(start->utc_ms);
  canon["subjects"] = subjects;
  if (infant) canon["infant_id"] = *infant;
  if (note) canon["note"] = *note;
  canon["hold"] = hold;
  const std::string hash = auth::TokenHash(canon.dump());
  const int64_t now = s_.clock->NowMs();

  BookingReply reply;
  std::optional<BookingRow> made;  // announced once committed (not for a resend)
  TIA_ASSIGN_OR_RETURN(auto settings_body, s_.db->Read([&](Connection& c) {
    return storage::hospital_settings::Get(c, hospital);
  }));
  const Json settings = SettingsOr(settings_body);
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto existing, storage::bookings::ByPublicId(c, id));
    if (existing) {
      if (existing->mother_id != mother) return tl::unexpected(NotFound());
      if (existing->request_hash != hash) {
        return Fail(ErrorCode::kConflict, "this booking id was already used for another booking",
                    "/id");
      }
      TIA_ASSIGN_OR_RETURN(reply.json, ShowBooking(c, *existing, true));
      reply.created = true;  // a resend of the create answers as the create did
      return Ok();
    }
    if (infant) TIA_TRY(RequireOwnInfant(c, mother, *infant));
    TIA_ASSIGN_OR_RETURN(bool emergency, EmergencyNow(c, mother, now));
    if (emergency) {
      return Fail(ErrorCode::kConflict,
                  "your last symptom check needs emergency care: call the emergency number now; "
                  "booking online is closed until a clinician has seen you",
                  "/service_id");
    }
    TIA_ASSIGN_OR_RETURN(Loaded l, LoadPair(c, hospital, *service_id, *provider_id));
    TIA_TRY(LockResources(c, l));
    const auto plan = domain::PlanOf(l.provider_body);
    const int32_t day = domain::LocalDateOf(plan.zone, start->utc_ms);
    TIA_ASSIGN_OR_RETURN(auto slots, FreeSlots(c, l, settings, day, day, now));
    const auto slot = SlotAt(slots, start->utc_ms);
    if (!slot) {
      return Fail(
          ErrorCode::kConflict,
          "this time is not free (taken, outside the plan, or too soon); choose another slot",
          "/start");
    }
    const auto rules = domain::RulesOf(l.service_body);
    const auto busy = domain::BusyOf(rules, l.service.public_id, start->utc_ms);
    BookingRow b;
    b.public_id = id;
    b.hospital_id = hospital;
    b.mother_id = mother;
    b.service_id = l.service.id;
    b.provider_id = l.provider.id;
    b.start_at = start->utc_ms;
    b.end_at = start->utc_ms + rules.duration_min * kMinuteMs;
    b.busy_from = busy.from_ms;
    b.busy_to = busy.to_ms;
    b.room_id = RoomRow(l, *slot);
    b.status = hold                                               ? "held"
               : l.service_body.value("requires_approval", false) ? "requested"
                                                                  : "booked";
    if (hold) b.hold_expires_at = now + kHoldMs;
    b.body = canon.dump();
    b.request_hash = hash;
    b.created_at = b.updated_at = now;
    b.created_by = mother;
    TIA_ASSIGN_OR_RETURN(b, storage::bookings::Insert(c, b));
    TIA_TRY(storage::bookings::AddEvent(
        c, b.id, {now, mother, "mother", std::nullopt, b.status, std::nullopt}));
    if (!hold) TIA_TRY(EnqueueMessages(c, b, now));
    TIA_ASSIGN_OR_RETURN(reply.json, ShowBooking(c, b, true));
    reply.created = true;
    made = b;
    return Ok();
  }));
  if (made) Announce(*made, "booked");
  return reply;
}

void Scheduling::Announce(const BookingRow& b, const char* change) {
  const std::string event =
      Json{{"type", "booking"}, {"id", b.public_id}, {"change", change}}.dump();
  hub_.Publish(EventHub::HospitalChannel(b.hospital_id), event);
  hub_.Publish(EventHub::MotherChannel(b.mother_id), event);
}

namespace {

// Moves a booking from one of `from` to `to` and records who, when and why. Runs in `c`.
Result<BookingRow> Transition(Connection& c, BookingRow b, const std::vector<std::string>& from,
                              const std::string& to, const Caller& caller,
                              std::optional<std::string> reason, int64_t now) {
  const bool allowed = std::find(from.begin(), from.end(), b.status) != from.end();
  if (!allowed) {
    return Fail(ErrorCode::kConflict, "a booking that is " + b.status + " cannot become " + to,
                "/status");
  }
  TIA_ASSIGN_OR_RETURN(bool changed, storage::bookings::SetStatus(c, b, to, now));
  if (!changed)
    return Fail(ErrorCode::kConflict, "the booking changed meanwhile; reload it", "/status");
  TIA_TRY(storage::bookings::AddEvent(
      c, b.id,
      {now, caller.principal->user_id, RoleName(caller), b.status, to, std::move(reason)}));
  b.status = to;
  b.version += 1;
  b.hold_expires_at.reset();
  return b;
}

// Staff say why they change a mother's booking; she need not.
Result<void> StaffGiveAReason(bool staff, const std::optional<std::string>& reason,
                              const std::string& what) {
  if (staff && (!reason || reason->empty()))
    return Invalid("/reason", "staff give a reason when they " + what);
  return Ok();
}

// Whether a mother's window for changing `b` online (`window_min` before its start) has closed.
bool PastWindow(const BookingRow& b, int window_min, int64_t now) {
  return now > b.start_at - window_min * kMinuteMs;
}

}  // namespace

Result<Json> Scheduling::Confirm(const Caller& caller, const std::string& id) {
  if (!caller.principal) return tl::unexpected(NotFound());
  const int64_t now = s_.clock->NowMs();
  Json out;
  std::optional<BookingRow> changed;  // announced once committed
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(BookingRow b, Visible(c, caller, id));
    if (caller.principal->user_id != b.mother_id) return tl::unexpected(NotFound());
    if (b.status != "held")
      return Fail(ErrorCode::kConflict, "only a held slot can be confirmed", "/status");
    if (*b.hold_expires_at <= now) {
      return Fail(ErrorCode::kConflict, "the hold has expired; choose the slot again", "/status");
    }
    TIA_ASSIGN_OR_RETURN(auto svc, storage::config::ById(c, ConfigKind::kService, b.service_id));
    const std::string to =
        Json::parse(svc->body).value("requires_approval", false) ? "requested" : "booked";
    TIA_ASSIGN_OR_RETURN(b, Transition(c, b, {"held"}, to, caller, std::nullopt, now));
    TIA_TRY(EnqueueMessages(c, b, now));
    TIA_ASSIGN_OR_RETURN(auto entry, storage::waitlist::ByBooking(c, b.id));
    if (entry) TIA_TRY(storage::waitlist::SetStatus(c, entry->id, "booked", std::nullopt, now));
    changed = b;
    TIA_ASSIGN_OR_RETURN(out, ShowBooking(c, b, true));
    return Ok();
  }));
  Announce(*changed, "confirmed");
  return out;
}

Result<Json> Scheduling::Cancel(const Caller& caller, const std::string& id, const Json& body) {
  if (!caller.principal) return tl::unexpected(NotFound());
  domain::FieldReader r(body, "");
  auto reason = r.String("reason", 500);
  TIA_TRY(r.Finish());
  const bool staff = IsStaff(caller);
  TIA_TRY(StaffGiveAReason(staff, reason, "cancel"));
  const int64_t now = s_.clock->NowMs();
  Json out;
  std::optional<BookingRow> changed;  // announced once committed
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(BookingRow b, Visible(c, caller, id));
    if (!staff) {
      TIA_ASSIGN_OR_RETURN(auto svc, storage::config::ById(c, ConfigKind::kService, b.service_id));
      const auto rules = domain::RulesOf(Json::parse(svc->body));
      if (b.status != "held" && PastWindow(b, rules.cancel_window_min, now)) {
        return Fail(ErrorCode::kConflict,
                    "it is too close to the start to cancel online; please call the hospital", "");
      }
    }
    TIA_ASSIGN_OR_RETURN(
        b, Transition(c, b, {"held", "requested", "booked"}, "cancelled", caller, reason, now));
    TIA_TRY(storage::outbox::CancelPending(c, b.id));
    TIA_ASSIGN_OR_RETURN(auto settings_body, storage::hospital_settings::Get(c, b.hospital_id));
    TIA_TRY(OfferFreedSlot(c, b, SettingsOr(settings_body), now));
    if (staff) {
      TIA_TRY(storage::audit::Append(
          c, AuditOf(s_, caller, "update", "booking", "success", b.mother_id)));
    }
    changed = b;
    TIA_ASSIGN_OR_RETURN(out, ShowBooking(c, b, true));
    return Ok();
  }));
  Announce(*changed, "cancelled");
  return out;
}

Result<Json> Scheduling::Reschedule(const Caller& caller, const std::string& id, const Json& body) {
  if (!caller.principal) return tl::unexpected(NotFound());
  domain::FieldReader r(body, "");
  auto start = r.Time("start", true);
  auto provider_id = r.Uuid("provider_id");
  auto reason = r.String("reason", 500);
  TIA_TRY(r.Finish());
  const bool staff = IsStaff(caller);
  TIA_TRY(StaffGiveAReason(staff, reason, "move a booking"));
  const int64_t now = s_.clock->NowMs();
  Json out;
  std::optional<BookingRow> announce;  // announced once committed
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(BookingRow b, Visible(c, caller, id));
    if (b.status != "requested" && b.status != "booked") {
      return Fail(ErrorCode::kConflict, "a booking that is " + b.status + " cannot be moved",
                  "/status");
    }
    TIA_ASSIGN_OR_RETURN(auto svc, storage::config::ById(c, ConfigKind::kService, b.service_id));
    TIA_ASSIGN_OR_RETURN(auto prov, storage::config::ById(c, ConfigKind::kProvider, b.provider_id));
    const auto rules = domain::RulesOf(Json::parse(svc->body));
    if (!staff) {
      if (PastWindow(b, rules.reschedule_window_min, now)) {
        return Fail(ErrorCode::kConflict,
                    "it is too close to the start to move it online; please call the hospital", "");
      }
      TIA_ASSIGN_OR_RETURN(bool emergency, EmergencyNow(c, b.mother_id, now));
      if (emergency) {
        return Fail(ErrorCode::kConflict,
                    "your last symptom check needs emergency care: call the emergency number "
                    "now; booking online is closed until a clinician has seen you",
                    "/start");
      }
    }
    const std::string to_provider = provider_id.value_or(prov->public_id);
    if (start->utc_ms == b.start_at && to_provider == prov->public_id)
      return Invalid("/start", "is already this booking's time");
    TIA_ASSIGN_OR_RETURN(Loaded l, LoadPair(c, b.hospital_id, svc->public_id, to_provider));
    TIA_TRY(LockResources(c, l, b.provider_id));
    TIA_ASSIGN_OR_RETURN(auto settings_body, storage::hospital_settings::Get(c, b.hospital_id));
    const Json settings = SettingsOr(settings_body);
    const auto* zone = domain::PlanOf(l.provider_body).zone;
    const int32_t day = domain::LocalDateOf(zone, start->utc_ms);
    TIA_ASSIGN_OR_RETURN(auto slots, FreeSlots(c, l, settings, day, day, now, b.public_id));
    const auto slot = SlotAt(slots, start->utc_ms);
    if (!slot) {
      return Fail(
          ErrorCode::kConflict,
          "this time is not free (taken, outside the plan, or too soon); choose another slot",
          "/start");
    }
    BookingRow moved = b;
    const auto busy = domain::BusyOf(rules, svc->public_id, start->utc_ms);
    moved.start_at = start->utc_ms;
    moved.end_at = start->utc_ms + rules.duration_min * kMinuteMs;
    moved.busy_from = busy.from_ms;
    moved.busy_to = busy.to_ms;
    moved.provider_id = l.provider.id;
    moved.room_id = RoomRow(l, *slot);
    TIA_ASSIGN_OR_RETURN(bool changed, storage::bookings::Move(c, b, moved, now));
    if (!changed)
      return Fail(ErrorCode::kConflict, "the booking changed meanwhile; reload it", "/status");
    moved.version += 1;
    auto local = [&](int64_t ms) {
      std::string t = InZone(zone, ms).substr(0, 16);
      t[10] = ' ';
      return t;
    };
    std::string why = "moved from " + local(b.start_at) + " to " + local(moved.start_at);
    if (moved.provider_id != b.provider_id)
      why += " with " + l.provider_body["name"].get<std::string>();
    if (reason && !reason->empty()) why += ": " + *reason;
    TIA_TRY(storage::bookings::AddEvent(
        c, b.id, {now, caller.principal->user_id, RoleName(caller), b.status, b.status, why}));
    TIA_TRY(storage::outbox::CancelPending(c, b.id));
    TIA_TRY(EnqueueMessages(c, moved, now, true));
    TIA_TRY(OfferFreedSlot(c, b, settings, now));
    if (staff) {
      TIA_TRY(storage::audit::Append(
          c, AuditOf(s_, caller, "update", "booking", "success", b.mother_id)));
    }
    announce = moved;
    TIA_ASSIGN_OR_RETURN(out, ShowBooking(c, moved, true));
    return Ok();
  }));
  Announce(*announce, "moved");
  return out;
}

Result<Json> Scheduling::SetStatus(const Caller& caller, const std::string& id, const Json& body) {
  if (!IsStaff(caller)) return tl::unexpected(NotFound());
  domain::FieldReader r(body, "");
  auto to = r.Enum("status", {"booked", "arrived", "fulfilled", "no_show"}, true);
  auto reason = r.String("reason", 500);
  TIA_TRY(r.Finish());
  const int64_t now = s_.clock->NowMs();
  Json out;
  std::optional<BookingRow> changed;  // announced once committed
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(BookingRow b, Visible(c, caller, id));
    std::vector<std::string> from = {"requested"};
    if (*to == "arrived") from = {"booked"};
    if (*to == "fulfilled") from = {"arrived"};
    if (*to == "no_show") {
      from = {"booked"};
      if (now < b.start_at)
        return Fail(ErrorCode::kConflict, "a no-show is recorded only after the start", "/status");
    }
    TIA_ASSIGN_OR_RETURN(b, Transition(c, b, from, *to, caller, reason, now));
    TIA_TRY(storage::audit::Append(
        c, AuditOf(s_, caller, "update", "booking", "success", b.mother_id)));
    changed = b;
    TIA_ASSIGN_OR_RETURN(out, ShowBooking(c, b, true));
    return Ok();
  }));
  Announce(*changed, "status");
  return out;
}

Result<Json> Scheduling::Get(const Caller& caller, const std::string& id) {
  if (!caller.principal) return tl::unexpected(NotFound());
  TIA_ASSIGN_OR_RETURN(auto shown,
                       s_.db->Read([&](Connection& c) -> Result<std::pair<Json, int64_t>> {
                         TIA_ASSIGN_OR_RETURN(BookingRow b, Visible(c, caller, id));
                         TIA_ASSIGN_OR_RETURN(Json j, ShowBooking(c, b, true));
                         return std::make_pair(j, b.mother_id);
                       }));
  if (IsStaff(caller)) {
    const auto e = AuditOf(s_, caller, "read", "booking", "success", shown.second);
    TIA_TRY(s_.db->Write([&](Connection& c) { return storage::audit::Append(c, e); }));
  }
  return shown.first;
}

Result<Json> Scheduling::List(const Caller& caller, const std::string& from, int days) {
  if (!caller.principal) return tl::unexpected(NotFound());
  const int64_t now = s_.clock->NowMs();
  if (caller.principal->role == Role::kMother) {
    return s_.db->Read([&](Connection& c) -> Result<Json> {
      TIA_ASSIGN_OR_RETURN(auto rows, storage::bookings::OfMother(c, caller.principal->user_id));
      Json items = Json::array();
      for (const auto& b : rows) {
        if (b.status == "held" && b.hold_expires_at && *b.hold_expires_at <= now) continue;
        TIA_ASSIGN_OR_RETURN(Json j, ShowBooking(c, b, false));
        items.push_back(std::move(j));
      }
      return Json{{"items", items}};
    });
  }
  TIA_ASSIGN_OR_RETURN(int64_t hospital, StaffHospital(caller, false));
  if (days < 1 || days > kMaxSlotDays)
    return Invalid("days", "must be a whole number from 1 to 31");
  TIA_ASSIGN_OR_RETURN(Json out, s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(auto settings_body, storage::hospital_settings::Get(c, hospital));
    const auto* zone = ZoneOf(SettingsOr(settings_body));
    TIA_ASSIGN_OR_RETURN(int32_t first, ParseFrom(from, zone, now));
    const int64_t lo = domain::InstantOf(zone, first, 0).value_or(now);
    const int64_t hi = domain::InstantOf(zone, first + days, 0).value_or(now);
    TIA_ASSIGN_OR_RETURN(auto rows, storage::bookings::OfHospital(c, hospital, lo, hi));
    Json items = Json::array();
    for (const auto& b : rows) {
      TIA_ASSIGN_OR_RETURN(Json j, ShowBooking(c, b, false));
      TIA_ASSIGN_OR_RETURN(auto m, storage::users::ById(c, b.mother_id));
      if (m) j["mother"] = {{"id", m->public_id}, {"display_name", m->display_name}};
      items.push_back(std::move(j));
    }
    return Json{{"from", FormatDate(first)}, {"days", days}, {"items", items}};
  }));
  const auto e = AuditOf(s_, caller, "read", "booking_list", "success", std::nullopt);
  TIA_TRY(s_.db->Write([&](Connection& c) { return storage::audit::Append(c, e); }));
  return out;
}

Result<BookingReply> Scheduling::JoinWaitlist(const Caller& caller, const std::string& id,
                                              const Json& body) {
  TIA_ASSIGN_OR_RETURN(auto who, SelfBooking(caller, id));
  const auto [mother, hospital] = who;
  domain::FieldReader r(body, "");
  auto service_id = r.Uuid("service_id", true);
  auto provider_id = r.Uuid("provider_id");
  auto from = r.Date("from", true);
  auto to = r.Date("to", true);
  TIA_TRY(r.Finish());
  if (*to < *from) return Invalid("/to", "must not be before from");
  if (*to - *from >= kMaxWaitDays) return Invalid("/to", "the range may be at most 14 days");
  const int64_t now = s_.clock->NowMs();
  BookingReply reply;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto existing, storage::waitlist::ByPublicId(c, id));
    if (existing) {
      if (existing->mother_id != mother) return tl::unexpected(NotFound());
      reply.json = WaitJson(c, *existing);
      reply.created = true;
      return Ok();
    }
    TIA_ASSIGN_OR_RETURN(bool emergency, EmergencyNow(c, mother, now));
    if (emergency) {
      return Fail(ErrorCode::kConflict,
                  "your last symptom check needs emergency care: call the emergency number now",
                  "/service_id");
    }
    TIA_ASSIGN_OR_RETURN(auto settings_body, storage::hospital_settings::Get(c, hospital));
    const Json settings = SettingsOr(settings_body);
    if (*from < domain::LocalDateOf(ZoneOf(settings), now))
      return Invalid("/from", "must not be in the past");
    TIA_ASSIGN_OR_RETURN(auto svc,
                         storage::config::ByPublicId(c, ConfigKind::kService, *service_id));
    if (!svc || svc->hospital_id != hospital)
      return Invalid("/service_id", "is not a service of your hospital");
    TIA_ASSIGN_OR_RETURN(auto providers,
                         storage::config::OfHospital(c, ConfigKind::kProvider, hospital));
    std::optional<int64_t> provider_row;
    for (const auto& p : providers) {
      const Json pb = Json::parse(p.body);
      const auto& offered = pb["service_ids"];
      if (std::find(offered.begin(), offered.end(), Json(*service_id)) == offered.end()) continue;
      if (provider_id && p.public_id != *provider_id) continue;
      if (provider_id) provider_row = p.id;
      Loaded l{*svc, p, Json::parse(svc->body), pb, {}};
      TIA_ASSIGN_OR_RETURN(l.rooms, RoomsOf(c, l.service, l.service_body));
      TIA_ASSIGN_OR_RETURN(auto slots, FreeSlots(c, l, settings, *from, *to, now));
      if (!slots.empty()) {
        return Fail(ErrorCode::kConflict, "there are free times in these days: book one of them",
                    "/from");
      }
    }
    if (provider_id && !provider_row) return Invalid("/provider_id", "does not offer this service");
    storage::WaitlistRow w;
    w.public_id = id;
    w.hospital_id = hospital;
    w.mother_id = mother;
    w.service_id = svc->id;
    w.provider_id = provider_row;
    w.from_date = *from;
    w.to_date = *to;
    w.status = "waiting";
    w.created_at = w.updated_at = now;
    TIA_ASSIGN_OR_RETURN(w, storage::waitlist::Insert(c, w));
    reply.json = WaitJson(c, w);
    reply.created = true;
    return Ok();
  }));
  return reply;
}

Result<Json> Scheduling::Waitlist(const Caller& caller) {
  if (!caller.principal || caller.principal->role != Role::kMother)
    return tl::unexpected(NotFound());
  return s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(auto rows, storage::waitlist::OfMother(c, caller.principal->user_id));
    Json items = Json::array();
    for (const auto& w : rows) items.push_back(WaitJson(c, w));
    return Json{{"items", items}};
  });
}

Result<Json> Scheduling::Withdraw(const Caller& caller, const std::string& id) {
  if (!caller.principal) return tl::unexpected(NotFound());
  const int64_t now = s_.clock->NowMs();
  Json out;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto w, storage::waitlist::ByPublicId(c, id));
    if (!w || w->mother_id != caller.principal->user_id) return tl::unexpected(NotFound());
    if (w->status != "waiting") {
      return Fail(ErrorCode::kConflict, "only a waiting entry can be withdrawn", "/status");
    }
    TIA_TRY(storage::waitlist::SetStatus(c, w->id, "withdrawn", std::nullopt, now));
    w->status = "withdrawn";
    out = WaitJson(c, *w);
    return Ok();
  }));
  return out;
}

Result<int> Scheduling::ExpireOffers() {
  const int64_t now = s_.clock->NowMs();
  int expired = 0;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto offers, storage::waitlist::ExpiredOffers(c, now));
    for (const auto& w : offers) {
      TIA_ASSIGN_OR_RETURN(auto b, storage::bookings::ById(c, *w.booking_id));
      TIA_ASSIGN_OR_RETURN(bool changed, storage::bookings::SetStatus(c, *b, "cancelled", now));
      if (!changed) continue;
      TIA_TRY(storage::bookings::AddEvent(c, b->id,
                                          {now, w.mother_id, "waitlist", std::string("held"),
                                           "cancelled", std::string("offer expired")}));
      TIA_TRY(storage::outbox::CancelPending(c, b->id));
      TIA_TRY(storage::waitlist::SetStatus(c, w.id, "expired", std::nullopt, now));
      TIA_ASSIGN_OR_RETURN(auto settings_body, storage::hospital_settings::Get(c, b->hospital_id));
      TIA_TRY(OfferFreedSlot(c, *b, SettingsOr(settings_body), now));
      ++expired;
    }
    return Ok();
  }));
  return expired;
}

}  // namespace tia::app
