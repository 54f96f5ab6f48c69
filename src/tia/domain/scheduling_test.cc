#include "tia/domain/scheduling.h"

#include <gtest/gtest.h>

namespace tia::domain {
namespace {

const std::string kSvc = "11111111-1111-4111-8111-111111111111";
const std::string kOther = "22222222-2222-4222-8222-222222222222";

Json Service(int duration, int capacity = 1, int before = 0, int after = 0) {
  auto s = ValidateService({{"code", "lc"},
                            {"name", {{"en", "Lactation consult"}, {"vi", "Tư vấn"}}},
                            {"kind", "lactation_consult"},
                            {"modality", "in_person"},
                            {"duration_min", duration},
                            {"capacity", capacity},
                            {"buffer_before_min", before},
                            {"buffer_after_min", after},
                            {"max_days_ahead", 60}});
  EXPECT_TRUE(s) << (s ? "" : s.error().field + " " + s.error().message);
  return *s;
}

ProviderPlan Plan(const std::string& tz, Json exceptions = Json::array()) {
  Json day = {
      {"start", "08:00"}, {"end", "12:00"}, {"breaks", {{{"start", "10:00"}, {"end", "10:30"}}}}};
  auto p = ValidateProvider({{"name", "Hạnh"},
                             {"time_zone", tz},
                             {"service_ids", {kSvc}},
                             {"weekly", {{"mon", day}, {"tue", day}, {"sun", day}}},
                             {"exceptions", exceptions}});
  EXPECT_TRUE(p) << (p ? "" : p.error().field + " " + p.error().message);
  return PlanOf(*p);
}

int64_t At(const char* rfc3339) { return ParseRfc3339(rfc3339)->utc_ms; }
int32_t Day(const char* d) { return *ParseDate(d); }

TEST(Slots, PlanMinusBreaksInTheProvidersZone) {
  // Monday 2026-11-30 in Ho Chi Minh City; now is the Sunday before.
  auto slots = ComputeSlots(Plan("Asia/Ho_Chi_Minh"), {}, RulesOf(Service(30)), kSvc, {},
                            Day("2026-11-30"), Day("2026-11-30"), At("2026-11-29T08:00:00+07:00"));
  std::vector<std::string> starts;
  starts.reserve(slots.size());
  for (const auto& s : slots) starts.push_back(FormatRfc3339({s.start_ms, 7 * 60}));
  EXPECT_EQ(starts,
            (std::vector<std::string>{"2026-11-30T08:00:00+07:00", "2026-11-30T08:30:00+07:00",
                                      "2026-11-30T09:00:00+07:00", "2026-11-30T09:30:00+07:00",
                                      "2026-11-30T10:30:00+07:00", "2026-11-30T11:00:00+07:00",
                                      "2026-11-30T11:30:00+07:00"}));
}

TEST(Slots, BookingsWithBuffersHolidaysExceptionsAndNotice) {
  const auto rules = RulesOf(Service(30, 1, 0, 15));
  const auto now = At("2026-11-30T08:10:00+07:00");
  // A booking 09:00-09:30 plus 15 min after: 08:30 (ends 09:15 with its buffer) and 09:00, 09:30
  // are taken; 08:00 is before the notice (now 08:10).
  std::vector<Busy> busy = {BusyOf(rules, kOther, At("2026-11-30T09:00:00+07:00"))};
  auto slots = ComputeSlots(Plan("Asia/Ho_Chi_Minh"), {}, rules, kSvc, busy, Day("2026-11-30"),
                            Day("2026-11-30"), now);
  ASSERT_FALSE(slots.empty());
  EXPECT_EQ(slots.front().start_ms, At("2026-11-30T10:30:00+07:00"));
  // A holiday, and an exception that gives the Tuesday afternoon only.
  auto plan =
      Plan("Asia/Ho_Chi_Minh", {{{"date", "2026-12-01"}, {"start", "14:00"}, {"end", "15:00"}}});
  EXPECT_TRUE(ComputeSlots(plan, {Day("2026-11-30")}, rules, kSvc, {}, Day("2026-11-30"),
                           Day("2026-11-30"), now)
                  .empty());
  auto tue = ComputeSlots(plan, {}, rules, kSvc, {}, Day("2026-12-01"), Day("2026-12-01"), now);
  ASSERT_EQ(tue.size(), 2u);
  EXPECT_EQ(tue[0].start_ms, At("2026-12-01T14:00:00+07:00"));
  auto off = Plan("Asia/Ho_Chi_Minh", {{{"date", "2026-12-01"}, {"off", true}}});
  EXPECT_TRUE(
      ComputeSlots(off, {}, rules, kSvc, {}, Day("2026-12-01"), Day("2026-12-01"), now).empty());
}

TEST(Slots, AClassSharesItsSeatsAndIsFullAtCapacity) {
  const auto rules = RulesOf(Service(60, 3));
  const auto start = At("2026-11-30T08:00:00+07:00");
  std::vector<Busy> busy = {BusyOf(rules, kSvc, start), BusyOf(rules, kSvc, start)};
  auto slots = ComputeSlots(Plan("Asia/Ho_Chi_Minh"), {}, rules, kSvc, busy, Day("2026-11-30"),
                            Day("2026-11-30"), At("2026-11-29T00:00:00+07:00"));
  ASSERT_FALSE(slots.empty());
  EXPECT_EQ(slots[0].start_ms, start);
  EXPECT_EQ(slots[0].seats_left, 1);
  busy.push_back(BusyOf(rules, kSvc, start));
  slots = ComputeSlots(Plan("Asia/Ho_Chi_Minh"), {}, rules, kSvc, busy, Day("2026-11-30"),
                       Day("2026-11-30"), At("2026-11-29T00:00:00+07:00"));
  ASSERT_FALSE(slots.empty());
  EXPECT_NE(slots[0].start_ms, start);  // full
}

TEST(Slots, DaylightSavingKeepsLocalTimesAndSkipsTheMissingHour) {
  // Berlin, Sunday 2026-03-29: 02:00-03:00 does not exist. A Sunday plan from 01:00 to 04:00.
  Json day = {{"start", "01:00"}, {"end", "04:00"}, {"breaks", Json::array()}};
  auto p = ValidateProvider({{"name", "Anna"},
                             {"time_zone", "Europe/Berlin"},
                             {"service_ids", Json::array()},
                             {"weekly", {{"sun", day}}}});
  ASSERT_TRUE(p);
  const auto rules = RulesOf(Service(60));
  auto spring = ComputeSlots(PlanOf(*p), {}, rules, kSvc, {}, Day("2026-03-29"), Day("2026-03-29"),
                             At("2026-03-01T00:00:00Z"));
  std::vector<std::string> s;
  s.reserve(spring.size());
  for (const auto& x : spring) s.push_back(FormatUtc(x.start_ms));
  // 01:00 CET = 00:00Z; 02:00 does not exist; 03:00 CEST = 01:00Z.
  EXPECT_EQ(s, (std::vector<std::string>{"2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z"}));
  // Sunday 2026-10-25: 02:00-03:00 happens twice; 02:00 takes the first (CEST, 00:00Z).
  auto autumn = ComputeSlots(PlanOf(*p), {}, rules, kSvc, {}, Day("2026-10-25"), Day("2026-10-25"),
                             At("2026-10-01T00:00:00Z"));
  s.clear();
  for (const auto& x : autumn) s.push_back(FormatUtc(x.start_ms));
  EXPECT_EQ(s, (std::vector<std::string>{"2026-10-24T23:00:00Z", "2026-10-25T00:00:00Z",
                                         "2026-10-25T02:00:00Z"}));
  EXPECT_EQ(LocalDateOf(PlanOf(*p).zone, At("2026-10-24T23:30:00Z")), Day("2026-10-25"));
}

TEST(Scheduling, BadConfigurationNamesTheField) {
  auto bad_tz = ValidateProvider({{"name", "A"},
                                  {"time_zone", "Mars/Base"},
                                  {"service_ids", Json::array()},
                                  {"weekly", Json::object()}});
  ASSERT_FALSE(bad_tz);
  EXPECT_EQ(bad_tz.error().field, "/time_zone");
  auto bad_break = ValidateProvider({{"name", "A"},
                                     {"time_zone", "Asia/Ho_Chi_Minh"},
                                     {"service_ids", Json::array()},
                                     {"weekly",
                                      {{"mon",
                                        {{"start", "08:00"},
                                         {"end", "12:00"},
                                         {"breaks", {{{"start", "11:00"}, {"end", "13:00"}}}}}}}}});
  ASSERT_FALSE(bad_break);
  EXPECT_EQ(bad_break.error().field, "/weekly/mon/breaks/0/start");
  auto bad_clock = ValidateProvider({{"name", "A"},
                                     {"time_zone", "Asia/Ho_Chi_Minh"},
                                     {"service_ids", Json::array()},
                                     {"weekly", {{"tue", {{"start", "8am"}, {"end", "12:00"}}}}}});
  ASSERT_FALSE(bad_clock);
  EXPECT_EQ(bad_clock.error().field, "/weekly/tue/start");
  auto unknown = ValidateService({{"code", "x"},
                                  {"name", {{"en", "X"}, {"vi", "X"}}},
                                  {"kind", "other"},
                                  {"modality", "phone"},
                                  {"duration_min", 20},
                                  {"colour", "red"}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "/colour");
  auto hotline = ValidateHospitalSettings(
      {{"time_zone", "Asia/Ho_Chi_Minh"},
       {"emergency_number", "115"},
       {"hotline",
        {{"number", "1900 6868"},
         {"hours", {{{"days", {1, 8}}, {"start", "07:00"}, {"end", "19:00"}}}}}}});
  ASSERT_FALSE(hotline);
  EXPECT_EQ(hotline.error().field, "/hotline/hours/0/days/1");
}

TEST(Rooms, ASlotNeedsAFreeRoomAndNamesIt) {
  const auto rules = RulesOf(Service(30, 1, 0, 10));
  const std::vector<Slot> slots = {{At("2026-11-30T08:00:00+07:00"), 0, 1, ""},
                                   {At("2026-11-30T09:00:00+07:00"), 0, 1, ""}};
  // Room A is taken 08:00-08:40 by another service; room B 09:00-09:30 by the same service
  // (a consult: one at a time, even with room to seat two).
  RoomLoad a{"room-a", 1, {BusyOf(rules, kOther, At("2026-11-30T08:00:00+07:00"))}};
  RoomLoad b{"room-b", 2, {BusyOf(rules, kSvc, At("2026-11-30T09:00:00+07:00"))}};
  auto placed = PlaceInRooms(slots, rules, kSvc, {a, b});
  ASSERT_EQ(placed.size(), 2u);
  EXPECT_EQ(placed[0].room_id, "room-b");  // A is busy at 08:00
  EXPECT_EQ(placed[1].room_id, "room-a");  // B is busy at 09:00
  // Both rooms busy at 09:00: the slot is gone.
  a.busy.push_back(BusyOf(rules, kOther, At("2026-11-30T09:00:00+07:00")));
  placed = PlaceInRooms(slots, rules, kSvc, {a, b});
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_EQ(placed[0].start_ms, At("2026-11-30T08:00:00+07:00"));
  // Buffers count in rooms too: 08:30-09:10 (10 minutes after) touches 08:00-08:40 and 09:00.
  RoomLoad only{"room-a", 1, {BusyOf(rules, kOther, At("2026-11-30T08:30:00+07:00"))}};
  EXPECT_TRUE(PlaceInRooms(slots, rules, kSvc, {only}).empty());
}

TEST(Rooms, AClassStaysTogetherAndTheRoomCapsItsSeats) {
  const auto rules = RulesOf(Service(90, 12));
  const int64_t start = At("2026-12-02T14:00:00+07:00");
  const std::vector<Slot> slots = {{start, start + 90 * 60000, 12, ""}};
  RoomLoad hall{"hall", 20, {}};
  RoomLoad small{"small", 8, {}};
  for (int i = 0; i < 6; ++i) small.busy.push_back(BusyOf(rules, kSvc, start));
  auto placed = PlaceInRooms(slots, rules, kSvc, {hall, small});
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_EQ(placed[0].room_id, "small");  // where the class already is
  EXPECT_EQ(placed[0].seats_left, 2);     // the room seats 8, 6 taken
  for (int i = 0; i < 2; ++i) small.busy.push_back(BusyOf(rules, kSvc, start));
  placed = PlaceInRooms(slots, rules, kSvc, {hall, small});
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_EQ(placed[0].room_id, "hall");  // full: the next free room
  EXPECT_EQ(placed[0].seats_left, 12);   // the class's own capacity is the smaller
}

TEST(Rooms, RoomBodiesAreChecked) {
  auto room = ValidateRoom({{"name", "Phòng 3"}, {"capacity", 12}});
  ASSERT_TRUE(room);
  EXPECT_EQ((*room)["active"], true);
  auto zero = ValidateRoom({{"name", "Phòng 3"}, {"capacity", 0}});
  ASSERT_FALSE(zero);
  EXPECT_EQ(zero.error().field, "/capacity");
  auto unnamed = ValidateRoom({{"name", ""}});
  ASSERT_FALSE(unnamed);
  EXPECT_EQ(unnamed.error().field, "/name");
  Json svc = Service(30);
  svc["room_ids"] = {"33333333-3333-4333-8333-333333333333",
                     "33333333-3333-4333-8333-333333333333"};
  auto twice = ValidateService(svc);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().field, "/room_ids/1");
  svc["room_ids"] = {"room 3"};
  auto bad = ValidateService(svc);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "/room_ids/0");
}

}  // namespace
}  // namespace tia::domain
