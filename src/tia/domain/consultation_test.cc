#include "tia/domain/consultation.h"

#include <gtest/gtest.h>

#include "tia/domain/scheduling.h"

namespace tia::domain {
namespace {

int64_t At(const char* rfc3339) { return ParseRfc3339(rfc3339)->utc_ms; }

const Json kTeam = Json::parse(R"({"hours": [{"days": [1,2,3,4,5,6,7], "start": "07:00",
                                              "end": "21:00"}], "routine_reply_hours": 48})");

TEST(Consultation, PriorityComesFromTheResultAndAnEmergencyIsNeverQueued) {
  EXPECT_EQ(PriorityOf(std::string("emergency")), std::nullopt);
  EXPECT_EQ(PriorityOf(std::string("same_day")), "same_day");
  EXPECT_EQ(PriorityOf(std::string("contact_24h")), "contact_24h");
  EXPECT_EQ(PriorityOf(std::string("self_care")), "routine");
  EXPECT_EQ(PriorityOf(std::nullopt), "routine");
  EXPECT_LT(PriorityRank("same_day"), PriorityRank("contact_24h"));
  EXPECT_LT(PriorityRank("contact_24h"), PriorityRank("routine"));
  EXPECT_EQ(ReplyWindowMin("same_day", 48), 120);
  EXPECT_EQ(ReplyWindowMin("contact_24h", 48), 24 * 60);
  EXPECT_EQ(ReplyWindowMin("routine", 72), 72 * 60);
}

TEST(Consultation, ClockRunsFromNowInHoursAndFromTheNextOpeningAtNight) {
  const auto* hcm = ZoneNamed("Asia/Ho_Chi_Minh");
  ASSERT_NE(hcm, nullptr);
  auto day = ClockFor("same_day", kTeam, hcm, At("2026-11-27T10:15:00+07:00"));
  EXPECT_FALSE(day.out_of_hours);
  EXPECT_EQ(day.starts_at, At("2026-11-27T10:15:00+07:00"));
  EXPECT_EQ(day.deadline_at, At("2026-11-27T12:15:00+07:00"));

  auto night = ClockFor("same_day", kTeam, hcm, At("2026-11-27T23:30:00+07:00"));
  EXPECT_TRUE(night.out_of_hours);
  EXPECT_EQ(night.starts_at, At("2026-11-28T07:00:00+07:00"));
  EXPECT_EQ(night.deadline_at, At("2026-11-28T09:00:00+07:00"));

  auto early = ClockFor("contact_24h", kTeam, hcm, At("2026-11-27T06:59:00+07:00"));
  EXPECT_TRUE(early.out_of_hours);
  EXPECT_EQ(early.starts_at, At("2026-11-27T07:00:00+07:00"));
  EXPECT_EQ(early.deadline_at, At("2026-11-28T07:00:00+07:00"));

  // Hours end at 21:00: 21:00 itself is out.
  EXPECT_TRUE(ClockFor("routine", kTeam, hcm, At("2026-11-27T21:00:00+07:00")).out_of_hours);
}

TEST(Consultation, WeekdayHoursSkipTheWeekendAndEmptyHoursMeanAlways) {
  const auto* hcm = ZoneNamed("Asia/Ho_Chi_Minh");
  Json weekdays = kTeam;
  weekdays["hours"][0]["days"] = {1, 2, 3, 4, 5};
  // Friday 2026-11-27 22:00 -> Monday 2026-11-30 07:00.
  auto c = ClockFor("routine", weekdays, hcm, At("2026-11-27T22:00:00+07:00"));
  EXPECT_EQ(c.starts_at, At("2026-11-30T07:00:00+07:00"));
  EXPECT_EQ(c.deadline_at, At("2026-12-02T07:00:00+07:00"));

  Json always = kTeam;
  always["hours"] = Json::array();
  auto a = ClockFor("same_day", always, hcm, At("2026-11-27T03:00:00+07:00"));
  EXPECT_FALSE(a.out_of_hours);
  EXPECT_EQ(a.deadline_at, At("2026-11-27T05:00:00+07:00"));
}

TEST(Consultation, BodiesAreCanonicalAndErrorsNameTheField) {
  auto ok = ValidateOpening(Json{{"message", "Left breast red since this morning"}});
  ASSERT_TRUE(ok);
  EXPECT_EQ((*ok)["subject"], "mother");

  auto blank = ValidateOpening(Json{{"message", "   "}});
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().field, "/message");
  auto baby = ValidateOpening(Json{{"message", "latch"}, {"subject", "baby"}});
  ASSERT_FALSE(baby);
  EXPECT_EQ(baby.error().field, "/infant_id");
  auto extra = ValidateMessage(Json{{"text", "hi"}, {"photo", "x"}});
  ASSERT_FALSE(extra);
  EXPECT_EQ(extra.error().field, "/photo");

  auto close = ValidateCloseOut(Json::parse(R"({"outcome": "self_care", "message": "Keep feeding",
      "care_plan": {"summary": "Inflammatory mastitis settling", "steps": ["Feed on demand", ""]}})"));
  ASSERT_FALSE(close);
  EXPECT_EQ(close.error().field, "/care_plan/steps/1");
  auto outcome = ValidateCloseOut(
      Json::parse(R"({"outcome": "massage", "message": "x", "care_plan": {"summary": "y"}})"));
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().field, "/outcome");

  auto t =
      ValidateReplyTemplate(Json{{"title", "Ice"}, {"text", "Cold packs"}, {"language", "vi"}});
  ASSERT_TRUE(t);
  EXPECT_EQ((*t)["active"], true);
}

}  // namespace
}  // namespace tia::domain
