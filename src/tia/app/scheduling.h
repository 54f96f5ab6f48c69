// tia/app/scheduling.h — the hospital's configuration and booking, as use cases.
//
// Admins of a hospital configure it (hotline and hours, emergency number, holidays), its services
// and providers with their working plans. Mothers of that hospital see active services, their
// free slots and book; staff see the day's bookings and move them through their states. Every
// rule is enforced here, on the command, never only on a page: a start must be one of the slots
// computed at that moment (plan, breaks, holidays, notice, horizon, buffers, capacity), the
// cancel window holds for mothers, an emergency symptom-check result closes self-booking. Two
// requests for the last seat cannot both get it: the check and the insert run in one write
// transaction, serialised per provider. A cancelled booking is kept with its history.
// Thread-safe.
#pragma once

#include <string>

#include "tia/app/context.h"
#include "tia/app/events.h"
#include "tia/domain/json_reader.h"
#include "tia/storage/scheduling.h"

namespace tia::app {

using storage::ConfigKind;  // what an admin configures: services, providers, rooms

using domain::Json;

struct ContactDefaults {
  std::string hotline;           // from configuration until the hospital sets its own
  std::string emergency_number;  // 115 in Viet Nam
};

struct BookingReply {
  bool created = false;
  Json json;
};

class Scheduling {
 public:
  // `hub` gets a "booking" event (ids only) for the hospital's clinicians and the mother whenever
  // a booking is made or changes, so that open day lists and appointment screens refetch.
  Scheduling(Services& s, EventHub& hub, ContactDefaults defaults)
      : s_(s), hub_(hub), defaults_(std::move(defaults)) {}

  // The hotline (with whether it is open now) and the emergency number: the caller's hospital's
  // when she has one and it is configured, else the configured defaults.
  Result<Json> Contact(const Caller& caller);

  Result<Json> GetSettings(const Caller& caller);
  Result<Json> PutSettings(const Caller& caller, const Json& body);
  // kind: services, providers or rooms (not reply templates: app/consultations has those).
  Result<Json> ListConfig(const Caller& caller, storage::ConfigKind kind);
  Result<Json> PutConfig(const Caller& caller, storage::ConfigKind kind, const std::string& id,
                         const Json& body);

  // Active services of the caller's hospital (a mother's or staff's).
  Result<Json> OfferedServices(const Caller& caller);
  // Free slots per provider for `days` local dates from `from` (YYYY-MM-DD; today when empty).
  Result<Json> Slots(const Caller& caller, const std::string& service_id, const std::string& from,
                     int days);

  // body: {service_id, provider_id, start, subjects ["mother", "baby"], infant_id?, note?,
  // hold?, out_of_package?}. A mother books for herself. With a registered pregnancy, a service
  // her package does not include (or whose visits are used up) is refused (409 /out_of_package)
  // until she books again with out_of_package true. Same id + same body: the stored booking again.
  Result<BookingReply> Book(const Caller& caller, const std::string& id, const Json& body);
  Result<Json> Confirm(const Caller& caller, const std::string& id);
  Result<Json> Cancel(const Caller& caller, const std::string& id, const Json& body);
  // Moves a requested or booked booking to another free start {start, provider_id?, reason?},
  // keeping its id, history and calendar identity (the .ics SEQUENCE goes up). A mother moves
  // her own until the service's reschedule window; staff any time, with a reason. The old time
  // goes to the waitlist; the reminders are sent again for the new time.
  Result<Json> Reschedule(const Caller& caller, const std::string& id, const Json& body);
  // Staff: {status: booked | arrived | fulfilled | no_show, reason?}.
  Result<Json> SetStatus(const Caller& caller, const std::string& id, const Json& body);
  Result<Json> Get(const Caller& caller, const std::string& id);
  // An iCalendar file with the booking (lang "en" or "vi" for its texts).
  Result<std::string> CalendarFile(const Caller& caller, const std::string& id,
                                   const std::string& lang);
  // Staff: a provider's bookings from a week ago to 60 days ahead as one calendar (audited).
  Result<std::string> ProviderCalendar(const Caller& caller, const std::string& provider_id);
  // A capability URL for a calendar app that cannot sign in: admins create one per provider
  // (the token is returned once, only its hash is kept; creating one revokes the earlier ones)
  // or revoke them all. The feed it opens names the service, room and status of each booking,
  // never the mother.
  Result<Json> CreateFeed(const Caller& caller, const std::string& provider_id);
  Result<Json> RevokeFeeds(const Caller& caller, const std::string& provider_id);
  Result<std::string> FeedCalendar(const std::string& token);
  // A mother: hers. Staff: the hospital's from `from` for `days` local dates.
  Result<Json> List(const Caller& caller, const std::string& from, int days);

  // The waitlist. body: {service_id, from, to (local dates, at most 14 days), provider_id?}.
  // Refused while the range still has free times (book one of those instead).
  Result<BookingReply> JoinWaitlist(const Caller& caller, const std::string& id, const Json& body);
  Result<Json> Waitlist(const Caller& caller);
  Result<Json> Withdraw(const Caller& caller, const std::string& id);
  // Offers whose hold ran out pass to the next one waiting. Run by the background worker.
  Result<int> ExpireOffers();

 private:
  void Announce(const storage::BookingRow& b, const char* change);

  Services& s_;
  EventHub& hub_;
  ContactDefaults defaults_;
};

}  // namespace tia::app
