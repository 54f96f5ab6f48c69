// Calendar files: one booking for her calendar, a provider's bookings for staff, and the
// provider's subscription feed (a capability URL: no names in it).
#include "tia/app/access.h"
#include "tia/app/scheduling_parts.h"
#include "tia/auth/passwords.h"

namespace tia::app {

using namespace sched;  // NOLINT(google-build-using-namespace): the parts of one class

namespace {

using storage::ConfigKind;

const char* CalendarStatus(BookingStatus status) {
  switch (status) {
    case BookingStatus::kCancelled:
    case BookingStatus::kNoShow:
      return "CANCELLED";
    case BookingStatus::kHeld:
    case BookingStatus::kRequested:
      return "TENTATIVE";
    case BookingStatus::kBooked:
    case BookingStatus::kArrived:
    case BookingStatus::kFulfilled:
      return "CONFIRMED";
  }
  return "CONFIRMED";
}

// One booking as a calendar event; `who` is added to the title for staff calendars.
Result<domain::CalendarEvent> EventOf(Connection& c, const BookingRow& b, const std::string& lang,
                                      const std::string& who, int64_t now) {
  TIA_ASSIGN_OR_RETURN(auto svc, Referenced(c, ConfigKind::kService, b.service_id));
  TIA_ASSIGN_OR_RETURN(auto prov, Referenced(c, ConfigKind::kProvider, b.provider_id));
  TIA_ASSIGN_OR_RETURN(auto hospital, storage::hospitals::ById(c, b.hospital_id));
  const Json& service = svc.body;
  const Json& provider = prov.body;
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
    if (room) {
      TIA_ASSIGN_OR_RETURN(const Json body, domain::ParseStored(room->body));
      place += ", " + body.value("name", std::string());
    }
  }
  e.location = service["modality"] == "in_person" ? place
               : service["modality"] == "video"   ? (vi ? "Gọi video" : "Video call")
                                                  : (vi ? "Gọi điện thoại" : "Phone call");
  TIA_ASSIGN_OR_RETURN(BookingStatus status, StatusOf(b));
  e.status = CalendarStatus(status);
  e.sequence = b.version;
  return e;
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

}  // namespace tia::app
