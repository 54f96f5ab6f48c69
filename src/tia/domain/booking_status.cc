#include "tia/domain/booking_status.h"

#include <algorithm>
#include <array>

namespace tia::domain {

namespace {

using S = BookingStatus;

constexpr std::array<std::string_view, 7> kNames = {"held",      "requested", "booked", "arrived",
                                                    "fulfilled", "cancelled", "no_show"};

}  // namespace

const std::vector<BookingMove>& BookingMoves() {
  static const std::vector<BookingMove> moves = {
      {S::kHeld, S::kBooked, Actor::kMother, "she confirms a held slot"},
      {S::kHeld, S::kRequested, Actor::kMother,
       "she confirms a held slot of a service that needs approval"},
      {S::kHeld, S::kCancelled, Actor::kMother, "she lets a held slot go"},
      {S::kHeld, S::kCancelled, Actor::kStaff, "staff cancel a held slot"},
      {S::kHeld, S::kCancelled, Actor::kSystem, "a waitlist offer expires"},
      {S::kRequested, S::kBooked, Actor::kStaff, "a clinician approves the request"},
      {S::kRequested, S::kCancelled, Actor::kMother, "she cancels (before the cancel window)"},
      {S::kRequested, S::kCancelled, Actor::kStaff, "staff cancel, giving a reason"},
      {S::kBooked, S::kCancelled, Actor::kMother, "she cancels (before the cancel window)"},
      {S::kBooked, S::kCancelled, Actor::kStaff, "staff cancel, giving a reason"},
      {S::kBooked, S::kArrived, Actor::kStaff, "she has arrived"},
      {S::kBooked, S::kNoShow, Actor::kStaff, "she did not come (after the start)"},
      {S::kArrived, S::kFulfilled, Actor::kStaff, "she has been seen"},
  };
  return moves;
}

bool MayMove(BookingStatus from, BookingStatus to, Actor by) {
  const auto& moves = BookingMoves();
  return std::any_of(moves.begin(), moves.end(), [&](const BookingMove& m) {
    return m.from == from && m.to == to && m.by == by;
  });
}

bool MayReschedule(BookingStatus status) { return status == S::kRequested || status == S::kBooked; }

std::string_view NameOf(BookingStatus status) { return kNames[static_cast<size_t>(status)]; }

std::optional<BookingStatus> ParseBookingStatus(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<BookingStatus>(i);
  }
  return std::nullopt;
}

std::string_view NameOf(Actor actor) {
  switch (actor) {
    case Actor::kMother:
      return "mother";
    case Actor::kStaff:
      return "staff";
    case Actor::kSystem:
      return "system";
  }
  return "system";
}

const std::vector<BookingStatus>& BookingStatuses() {
  static const std::vector<BookingStatus> all = {
      S::kHeld, S::kRequested, S::kBooked, S::kArrived, S::kFulfilled, S::kCancelled, S::kNoShow};
  return all;
}

}  // namespace tia::domain
