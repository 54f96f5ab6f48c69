// Booking and its changes: book (or hold), confirm, cancel, move, the clinic's status changes
// (through the one table of domain/booking_status.h), one booking, and the lists.
#include <algorithm>

#include "tia/app/access.h"
#include "tia/app/maternity.h"
#include "tia/app/scheduling_parts.h"
#include "tia/auth/passwords.h"

namespace tia::app {

using namespace sched;  // NOLINT(google-build-using-namespace): the parts of one class

using storage::ConfigKind;

namespace {

Result<Json> BookingJson(const BookingRow& b, const Json& service, const Json& provider,
                         const std::string& service_pid, const std::string& provider_pid,
                         const std::vector<storage::BookingEventRow>* events) {
  const auto* zone = domain::PlanOf(provider).zone;
  auto local = [&](int64_t ms) { return InZone(zone, ms); };
  TIA_ASSIGN_OR_RETURN(const Json body, domain::ParseStored(b.body));
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

}  // namespace

namespace sched {

Result<Json> ShowBooking(Connection& c, const BookingRow& b, bool with_history) {
  TIA_ASSIGN_OR_RETURN(auto svc, Referenced(c, ConfigKind::kService, b.service_id));
  TIA_ASSIGN_OR_RETURN(auto prov, Referenced(c, ConfigKind::kProvider, b.provider_id));
  std::vector<storage::BookingEventRow> events;
  if (with_history) {
    TIA_ASSIGN_OR_RETURN(events, storage::bookings::Events(c, b.id));
  }
  TIA_ASSIGN_OR_RETURN(Json out, BookingJson(b, svc.body, prov.body, svc.row.public_id,
                                             prov.row.public_id, with_history ? &events : nullptr));
  if (b.room_id) {
    TIA_ASSIGN_OR_RETURN(auto room, storage::config::ById(c, ConfigKind::kRoom, *b.room_id));
    if (room) {
      TIA_ASSIGN_OR_RETURN(const Json body, domain::ParseStored(room->body));
      out["room"] = {{"id", room->public_id}, {"name", body["name"]}};
    }
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

}  // namespace sched

Result<BookingReply> Scheduling::Book(const Caller& caller, const std::string& id,
                                      const Json& body) {
  TIA_ASSIGN_OR_RETURN(auto who, SelfBooking(caller, id));
  const int64_t mother = who.first;  // plain names: the lambdas below capture them
  const int64_t hospital = who.second;
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
  const bool out_of_package = r.Bool("out_of_package").value_or(false);
  TIA_TRY(r.Finish());
  canon["service_id"] = *service_id;
  canon["provider_id"] = *provider_id;
  canon["start"] = FormatUtc(start->utc_ms);
  canon["subjects"] = subjects;
  if (infant) canon["infant_id"] = *infant;
  if (note) canon["note"] = *note;
  canon["hold"] = hold;
  if (out_of_package) canon["out_of_package"] = true;
  const std::string hash = auth::TokenHash(canon.dump());
  const int64_t now = s_.clock->NowMs();

  BookingReply reply;
  std::optional<BookingRow> made;  // announced once committed (not for a resend)
  TIA_ASSIGN_OR_RETURN(const Json settings,
                       s_.db->Read([&](Connection& c) { return SettingsOf(c, hospital); }));
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
    if (emergency) return tl::unexpected(EmergencyClosed("/service_id"));
    TIA_ASSIGN_OR_RETURN(Loaded l, LoadPair(c, hospital, *service_id, *provider_id));
    if (!out_of_package) {
      TIA_ASSIGN_OR_RETURN(auto outside, OutOfPackage(c, mother, l.service_body, now));
      if (outside) return tl::unexpected(*outside);
    }
    TIA_TRY(LockResources(c, l));
    BookingRow b;
    TIA_TRY(PlaceAt(c, l, settings, start->utc_ms, now, b));
    b.public_id = id;
    b.hospital_id = hospital;
    b.mother_id = mother;
    b.status = NameOf(hold                                               ? BookingStatus::kHeld
                      : l.service_body.value("requires_approval", false) ? BookingStatus::kRequested
                                                                         : BookingStatus::kBooked);
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
// The one way a status changes: only a move the table of domain/booking_status.h allows `by`.
Result<BookingRow> Transition(Connection& c, BookingRow b, BookingStatus to_status,
                              domain::Actor by, const Caller& caller,
                              std::optional<std::string> reason, int64_t now) {
  TIA_ASSIGN_OR_RETURN(BookingStatus from, StatusOf(b));
  const std::string to(NameOf(to_status));
  if (!domain::MayMove(from, to_status, by)) {
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
    if (b.status != NameOf(BookingStatus::kHeld))
      return Fail(ErrorCode::kConflict, "only a held slot can be confirmed", "/status");
    if (!b.hold_expires_at || *b.hold_expires_at <= now) {
      return Fail(ErrorCode::kConflict, "the hold has expired; choose the slot again", "/status");
    }
    TIA_ASSIGN_OR_RETURN(auto svc, Referenced(c, ConfigKind::kService, b.service_id));
    const BookingStatus to = svc.body.value("requires_approval", false) ? BookingStatus::kRequested
                                                                        : BookingStatus::kBooked;
    TIA_ASSIGN_OR_RETURN(b,
                         Transition(c, b, to, domain::Actor::kMother, caller, std::nullopt, now));
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
      TIA_ASSIGN_OR_RETURN(auto svc, Referenced(c, ConfigKind::kService, b.service_id));
      const auto rules = domain::RulesOf(svc.body);
      if (b.status != NameOf(BookingStatus::kHeld) && PastWindow(b, rules.cancel_window_min, now)) {
        return Fail(ErrorCode::kConflict,
                    "it is too close to the start to cancel online; please call the hospital", "");
      }
    }
    TIA_ASSIGN_OR_RETURN(
        b, Transition(c, b, BookingStatus::kCancelled,
                      staff ? domain::Actor::kStaff : domain::Actor::kMother, caller, reason, now));
    TIA_TRY(storage::outbox::CancelPending(c, b.id));
    TIA_ASSIGN_OR_RETURN(const Json settings, SettingsOf(c, b.hospital_id));
    TIA_TRY(OfferFreedSlot(c, b, settings, now));
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
    TIA_ASSIGN_OR_RETURN(BookingStatus status, StatusOf(b));
    if (!domain::MayReschedule(status)) {
      return Fail(ErrorCode::kConflict, "a booking that is " + b.status + " cannot be moved",
                  "/status");
    }
    TIA_ASSIGN_OR_RETURN(auto svc, Referenced(c, ConfigKind::kService, b.service_id));
    TIA_ASSIGN_OR_RETURN(auto prov, Referenced(c, ConfigKind::kProvider, b.provider_id));
    const auto rules = domain::RulesOf(svc.body);
    if (!staff) {
      if (PastWindow(b, rules.reschedule_window_min, now)) {
        return Fail(ErrorCode::kConflict,
                    "it is too close to the start to move it online; please call the hospital", "");
      }
      TIA_ASSIGN_OR_RETURN(bool emergency, EmergencyNow(c, b.mother_id, now));
      if (emergency) return tl::unexpected(EmergencyClosed("/start"));
    }
    const std::string to_provider = provider_id.value_or(prov.row.public_id);
    if (start->utc_ms == b.start_at && to_provider == prov.row.public_id)
      return Invalid("/start", "is already this booking's time");
    TIA_ASSIGN_OR_RETURN(Loaded l, LoadPair(c, b.hospital_id, svc.row.public_id, to_provider));
    TIA_TRY(LockResources(c, l, b.provider_id));
    TIA_ASSIGN_OR_RETURN(const Json settings, SettingsOf(c, b.hospital_id));
    const auto* zone = domain::PlanOf(l.provider_body).zone;
    BookingRow moved = b;
    TIA_TRY(PlaceAt(c, l, settings, start->utc_ms, now, moved, b.public_id));
    TIA_ASSIGN_OR_RETURN(bool changed, storage::bookings::Move(c, b, moved, now));
    if (!changed)
      return Fail(ErrorCode::kConflict, "the booking changed meanwhile; reload it", "/status");
    moved.version += 1;
    std::string why =
        "moved from " + LocalMinute(zone, b.start_at) + " to " + LocalMinute(zone, moved.start_at);
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
    const BookingStatus to_status = *domain::ParseBookingStatus(*to);
    if (to_status == BookingStatus::kNoShow && now < b.start_at)
      return Fail(ErrorCode::kConflict, "a no-show is recorded only after the start", "/status");
    TIA_ASSIGN_OR_RETURN(b,
                         Transition(c, b, to_status, domain::Actor::kStaff, caller, reason, now));
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
        if (b.status == NameOf(BookingStatus::kHeld) && b.hold_expires_at &&
            *b.hold_expires_at <= now) {
          continue;
        }
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
    TIA_ASSIGN_OR_RETURN(const Json settings, SettingsOf(c, hospital));
    const auto* zone = ZoneOf(settings);
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

}  // namespace tia::app
