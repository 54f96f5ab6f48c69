// tia/domain/booking_status.h — the states of a booking and the one table of moves between them.
//
// Every change of a booking's status goes through MayMove; the table is also what `tia
// booking-states` prints, what docs/booking.md shows and what the API tests walk, so the rule, the
// document and the tests cannot drift apart. A move in place (a reschedule) keeps the status.
//
//   if (!MayMove(BookingStatus::kBooked, BookingStatus::kArrived, Actor::kStaff)) ...
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace tia::domain {

enum class BookingStatus : unsigned char {
  kHeld,       // a slot held for a few minutes (or a waitlist offer) until she confirms
  kRequested,  // asked for; the service needs a clinician's approval
  kBooked,     // confirmed
  kArrived,    // she is at the clinic
  kFulfilled,  // seen
  kCancelled,  // by her, by staff, or an offer that expired
  kNoShow,     // did not come (recorded only after the start)
};

// Who makes a move: the mother, the hospital's staff, or the server itself (an offer expiring).
enum class Actor : unsigned char { kMother, kStaff, kSystem };

struct BookingMove {
  BookingStatus from;
  BookingStatus to;
  Actor by;
  std::string_view why;  // what the move is, in the table's words
};

// Every allowed move. A pair not listed is refused (409 naming /status).
const std::vector<BookingMove>& BookingMoves();
bool MayMove(BookingStatus from, BookingStatus to, Actor by);
// Statuses a booking can be moved in place (a new time, another provider) from.
bool MayReschedule(BookingStatus status);

std::string_view NameOf(BookingStatus status);  // "no_show"
std::optional<BookingStatus> ParseBookingStatus(std::string_view name);
std::string_view NameOf(Actor actor);  // "mother", "staff", "system"
// Every status, in the order above.
const std::vector<BookingStatus>& BookingStatuses();

}  // namespace tia::domain
