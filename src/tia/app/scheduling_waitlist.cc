// The waitlist: she waits for a full range of days; a freed place is offered to the first one
// waiting as a held booking she confirms in time, or it passes to the next.
#include <algorithm>

#include "tia/app/access.h"
#include "tia/app/scheduling_parts.h"
#include "tia/auth/passwords.h"
#include "tia/base/uuid.h"

namespace tia::app {

using namespace sched;  // NOLINT(google-build-using-namespace): the parts of one class

using storage::ConfigKind;

namespace sched {

// A booking was cancelled (or an offer expired): its start goes to the first one waiting for it,
// as a held booking she confirms within kOfferMs. Runs in the caller's write transaction.
Result<void> OfferFreedSlot(Connection& c, const BookingRow& freed, const Json& settings,
                            int64_t now) {
  if (freed.start_at <= now) return Ok();
  TIA_ASSIGN_OR_RETURN(auto svc, Referenced(c, ConfigKind::kService, freed.service_id));
  TIA_ASSIGN_OR_RETURN(auto prov, Referenced(c, ConfigKind::kProvider, freed.provider_id));
  Loaded l{svc.row, prov.row, svc.body, prov.body, {}};
  TIA_ASSIGN_OR_RETURN(l.rooms, RoomsOf(c, l.service, l.service_body));
  const auto* zone = domain::PlanOf(l.provider_body).zone;
  const int32_t day = domain::LocalDateOf(zone, freed.start_at);
  TIA_ASSIGN_OR_RETURN(auto waiting, storage::waitlist::Waiting(c, svc.row.id, prov.row.id, day));
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
  b.status = NameOf(BookingStatus::kHeld);
  b.hold_expires_at = now + kOfferMs;
  b.body = Json{{"service_id", svc.row.public_id},
                {"provider_id", prov.row.public_id},
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

}  // namespace sched

namespace {

Result<Json> WaitJson(Connection& c, const storage::WaitlistRow& w) {
  Json out = {{"id", w.public_id},
              {"status", w.status},
              {"from", FormatDate(w.from_date)},
              {"to", FormatDate(w.to_date)},
              {"created_at", FormatUtc(w.created_at)},
              {"offer", nullptr}};
  TIA_ASSIGN_OR_RETURN(auto svc, Referenced(c, ConfigKind::kService, w.service_id));
  out["service"] = {{"id", svc.row.public_id}, {"name", svc.body["name"]}};
  if (w.booking_id && w.status == "offered") {
    TIA_ASSIGN_OR_RETURN(auto b, storage::bookings::ById(c, *w.booking_id));
    if (b) {
      out["offer"] = {{"booking_id", b->public_id},
                      {"start", FormatUtc(b->start_at)},
                      {"confirm_before",
                       b->hold_expires_at ? Json(FormatUtc(*b->hold_expires_at)) : Json(nullptr)}};
    }
  }
  return out;
}

}  // namespace

Result<BookingReply> Scheduling::JoinWaitlist(const Caller& caller, const std::string& id,
                                              const Json& body) {
  TIA_ASSIGN_OR_RETURN(auto who, SelfBooking(caller, id));
  const int64_t mother = who.first;  // plain names: the lambdas below capture them
  const int64_t hospital = who.second;
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
      TIA_ASSIGN_OR_RETURN(reply.json, WaitJson(c, *existing));
      reply.created = true;
      return Ok();
    }
    TIA_ASSIGN_OR_RETURN(bool emergency, EmergencyNow(c, mother, now));
    if (emergency) return tl::unexpected(EmergencyClosed("/service_id"));
    TIA_ASSIGN_OR_RETURN(const Json settings, SettingsOf(c, hospital));
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
      TIA_ASSIGN_OR_RETURN(const Json pb, domain::ParseStored(p.body));
      const auto& offered = pb["service_ids"];
      if (std::find(offered.begin(), offered.end(), Json(*service_id)) == offered.end()) continue;
      if (provider_id && p.public_id != *provider_id) continue;
      if (provider_id) provider_row = p.id;
      TIA_ASSIGN_OR_RETURN(Json service_body, domain::ParseStored(svc->body));
      Loaded l{*svc, p, std::move(service_body), pb, {}};
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
    TIA_ASSIGN_OR_RETURN(reply.json, WaitJson(c, w));
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
    for (const auto& w : rows) {
      TIA_ASSIGN_OR_RETURN(Json shown, WaitJson(c, w));
      items.push_back(std::move(shown));
    }
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
    TIA_ASSIGN_OR_RETURN(out, WaitJson(c, *w));
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
      if (!w.booking_id) continue;  // an offer always names its booking; nothing to expire
      TIA_ASSIGN_OR_RETURN(auto b, storage::bookings::ById(c, *w.booking_id));
      if (!b) continue;
      TIA_ASSIGN_OR_RETURN(BookingStatus status, StatusOf(*b));
      if (!domain::MayMove(status, BookingStatus::kCancelled, domain::Actor::kSystem)) continue;
      TIA_ASSIGN_OR_RETURN(
          bool changed,
          storage::bookings::SetStatus(c, *b, std::string(NameOf(BookingStatus::kCancelled)), now));
      if (!changed) continue;
      TIA_TRY(storage::bookings::AddEvent(c, b->id,
                                          {now, w.mother_id, "waitlist", std::string("held"),
                                           "cancelled", std::string("offer expired")}));
      TIA_TRY(storage::outbox::CancelPending(c, b->id));
      TIA_TRY(storage::waitlist::SetStatus(c, w.id, "expired", std::nullopt, now));
      TIA_ASSIGN_OR_RETURN(const Json settings, SettingsOf(c, b->hospital_id));
      TIA_TRY(OfferFreedSlot(c, *b, settings, now));
      ++expired;
    }
    return Ok();
  }));
  return expired;
}

}  // namespace tia::app
