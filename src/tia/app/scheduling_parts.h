// tia/app/scheduling_parts.h — what the parts of app::Scheduling share (internal to app/).
//
// Scheduling is one class with one header (app/scheduling.h); its parts live in one file each:
// scheduling_config.cc (hospital settings, services, providers, rooms, contact),
// scheduling_slots.cc (free slots and the resources a booking locks), scheduling_booking.cc (book,
// confirm, cancel, move, status, lists), scheduling_waitlist.cc, scheduling_calendars.cc (iCalendar
// files and feeds) and scheduling_messages.cc (confirmations, reminders, offers through the
// outbox). The helpers they share are declared here; each is defined in the part it belongs to.
#pragma once

#include <date/tz.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tia/app/scheduling.h"
#include "tia/domain/booking_status.h"
#include "tia/domain/icalendar.h"
#include "tia/domain/scheduling.h"
#include "tia/storage/scheduling.h"

namespace tia::app::sched {

using auth::Role;
using domain::BookingStatus;
using storage::BookingRow;
using storage::ConfigRow;
using storage::Connection;

// How long a slot is held while she confirms it.
constexpr int64_t kHoldMs = 5 * kMinuteMs;
// How long an emergency result closes self-booking: the result asks her to call now; a day later
// she books like anyone else (and a newer check that is not an emergency reopens it at once).
constexpr int64_t kEmergencyBlockMs = 24 * kHourMs;
constexpr int kMaxSlotDays = 31;
// The hold a waitlist offer gives her to confirm, and the longest range she may wait for.
constexpr int64_t kOfferMs = 30 * kMinuteMs;
constexpr int kMaxWaitDays = 14;

// --- scheduling_common.cc: who is asking, the hospital's settings, rows a booking refers to ---
Error NotFound();
bool IsStaff(const Caller& c);
// The hospital a staff member works for; others get 404 (they may not know the route exists).
Result<int64_t> StaffHospital(const Caller& c, bool admin_only);
// The hospital of a mother or staff member.
Result<int64_t> HospitalOf(const Caller& c);
// A mother acting for herself with a client-chosen id: her user id and her hospital.
Result<std::pair<int64_t, int64_t>> SelfBooking(const Caller& caller, const std::string& id);
std::string RoleName(const Caller& c);
// The hospital's settings (null when it has none), read in `c`.
Result<Json> SettingsOf(Connection& c, int64_t hospital);
const date::time_zone* ZoneOf(const Json& settings);
// Is the hotline open at `now` by its hours (none listed: around the clock)?
bool HotlineOpen(const Json& settings, int64_t now);
// An instant as RFC 3339 in the offset `zone` has at that instant.
std::string InZone(const date::time_zone* zone, int64_t ms);
// An instant as "YYYY-MM-DD HH:MM" local to `zone`, for messages and history.
std::string LocalMinute(const date::time_zone* zone, int64_t ms);
// The mother's latest symptom check of the last day, when it was an emergency.
Result<bool> EmergencyNow(Connection& c, int64_t mother_id, int64_t now);
// A service, provider or room a booking refers to, with its body. Rows are deactivated, never
// deleted: a missing one is damage, answered as kInternal (logged without health data).
struct Config {
  ConfigRow row;
  Json body;
};
Result<Config> Referenced(Connection& c, storage::ConfigKind kind, int64_t id);
// A booking's status as the enum; kInternal for a stored name the table does not know.
Result<BookingStatus> StatusOf(const BookingRow& b);

// --- scheduling_slots.cc ---
struct Loaded {
  ConfigRow service, provider;
  Json service_body, provider_body;
  std::vector<ConfigRow> rooms;  // active rooms the service may use, in its order; none: needs none
};
// The rooms a service lists, those that exist, belong to its hospital and are active.
Result<std::vector<ConfigRow>> RoomsOf(Connection& c, const ConfigRow& service,
                                       const Json& service_body);
// The row id of the room a slot names (none when it names none).
std::optional<int64_t> RoomRow(const Loaded& l, const domain::Slot& slot);
// Serialises bookings that could compete with one for `l`: its provider (and `other_provider`,
// when a booking moves between two), in id order, then its rooms by id.
Result<void> LockResources(Connection& c, const Loaded& l, int64_t other_provider = 0);
// The free slot starting at `start`, if there is one.
std::optional<domain::Slot> SlotAt(const std::vector<domain::Slot>& slots, int64_t start);
// Service and provider by public id, both of `hospital`, active, the provider offering it.
Result<Loaded> LoadPair(Connection& c, int64_t hospital, const std::string& service_id,
                        const std::string& provider_id);
// Free slots of one provider for a service on local dates [from, to], read in `c`.
Result<std::vector<domain::Slot>> FreeSlots(Connection& c, const Loaded& l, const Json& settings,
                                            int32_t from, int32_t to, int64_t now,
                                            const std::string& exclude_booking = "");
// ?from=YYYY-MM-DD, today in `zone` when empty.
Result<int32_t> ParseFrom(const std::string& from, const date::time_zone* zone, int64_t now);
// Places a booking of `l` at `start` on `b` (start, end, busy span, provider, room) when `start`
// is a free slot; kConflict naming /start otherwise. `exclude_booking` is the booking being moved.
Result<void> PlaceAt(Connection& c, const Loaded& l, const Json& settings, int64_t start,
                     int64_t now, BookingRow& b, const std::string& exclude_booking = "");
// The refusal while her latest symptom check is an emergency (EmergencyNow), naming `field`.
Error EmergencyClosed(const std::string& field);

// --- scheduling_booking.cc ---
// A booking with its service and provider (and, `with_history`, its changes and messages).
Result<Json> ShowBooking(Connection& c, const BookingRow& b, bool with_history);
// Who may see a booking: the mother herself, or staff of its hospital (audited by the caller).
Result<BookingRow> Visible(Connection& c, const Caller& caller, const std::string& id);

// --- scheduling_messages.cc ---
// The confirmation (now) and the reminders still ahead, for a booking that became booked or
// requested (or `moved`), in her language, by e-mail and, with a phone number, by text.
Result<void> EnqueueMessages(Connection& c, const BookingRow& b, int64_t now, bool moved = false);
// The message offering her a freed place from the waitlist.
Result<void> EnqueueOffer(Connection& c, const BookingRow& b);

// --- scheduling_waitlist.cc ---
// A booking was cancelled (or an offer expired): its start goes to the first one waiting for it,
// as a held booking she confirms within kOfferMs. Runs in the caller's write transaction.
Result<void> OfferFreedSlot(Connection& c, const BookingRow& freed, const Json& settings,
                            int64_t now);

}  // namespace tia::app::sched
