#include "tia/domain/booking_status.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace tia::domain {
namespace {

TEST(BookingStatus, EveryNameReadsBackAndNoOtherNameReads) {
  std::set<std::string_view> names;
  for (auto s : BookingStatuses()) {
    EXPECT_EQ(ParseBookingStatus(NameOf(s)), s);
    names.insert(NameOf(s));
  }
  EXPECT_EQ(names.size(), 7U);
  EXPECT_FALSE(ParseBookingStatus("Booked"));
  EXPECT_FALSE(ParseBookingStatus(""));
}

TEST(BookingStatus, TheTableIsTheOnlyWayAndEndStatesLeadNowhere) {
  EXPECT_TRUE(MayMove(BookingStatus::kBooked, BookingStatus::kArrived, Actor::kStaff));
  EXPECT_FALSE(MayMove(BookingStatus::kBooked, BookingStatus::kArrived, Actor::kMother));
  EXPECT_FALSE(MayMove(BookingStatus::kBooked, BookingStatus::kFulfilled, Actor::kStaff));
  EXPECT_TRUE(MayMove(BookingStatus::kHeld, BookingStatus::kCancelled, Actor::kSystem));
  EXPECT_FALSE(MayMove(BookingStatus::kBooked, BookingStatus::kCancelled, Actor::kSystem));
  for (auto end : {BookingStatus::kFulfilled, BookingStatus::kCancelled, BookingStatus::kNoShow}) {
    for (const auto& m : BookingMoves()) EXPECT_NE(m.from, end) << NameOf(end);
    EXPECT_FALSE(MayReschedule(end));
  }
  // No move is listed twice, and none goes nowhere.
  std::set<std::tuple<int, int, int>> seen;
  for (const auto& m : BookingMoves()) {
    EXPECT_NE(m.from, m.to);
    EXPECT_TRUE(
        seen.insert({static_cast<int>(m.from), static_cast<int>(m.to), static_cast<int>(m.by)})
            .second);
  }
}

}  // namespace
}  // namespace tia::domain
