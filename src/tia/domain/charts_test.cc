#include "tia/domain/charts.h"

#include <gtest/gtest.h>

#include "tia/domain/test_records.h"

namespace tia::domain {
namespace {

using testing::kNow;
using testing::Rec;

TEST(Charts, EveryDateOfTheWindowInTheMothersOwnDates) {
  // 00:30 on the 25th in +07:00 is still the 24th in UTC: it belongs to her 25th.
  std::vector<StoredRecord> recs = {
      Rec(RecordKind::kFeed, R"({"occurred_at": "2026-11-25T00:30:00+07:00", "segments": [
        {"type": "breast", "side": "left", "start": "2026-11-25T00:30:00+07:00", "end": "2026-11-25T00:50:00+07:00",
         "pauses": [{"start": "2026-11-25T00:40:00+07:00", "end": "2026-11-25T00:45:00+07:00"}]},
        {"type": "breast", "side": "right", "start": "2026-11-25T00:50:00+07:00", "end": "2026-11-25T01:00:00+07:00"},
        {"type": "bottle", "milk": "formula", "volume_ml": 30}]})"),
      Rec(RecordKind::kFeed, R"({"occurred_at": "2026-11-25T03:30:00+07:00", "segments": [
        {"type": "breast", "side": "right", "start": "2026-11-25T03:30:00+07:00", "end": "2026-11-25T03:42:00+07:00"}]})"),
      Rec(RecordKind::kFeed, R"({"occurred_at": "2026-11-23T22:00:00+07:00", "segments": [
        {"type": "breast", "side": "left", "start": "2026-11-23T22:00:00+07:00", "end": "2026-11-23T22:10:00+07:00"}]})"),
      Rec(RecordKind::kPump,
          R"({"occurred_at": "2026-11-24T08:00:00+07:00", "method": "electric_double",
        "left_ml": 50, "right_ml": 20})"),
      Rec(RecordKind::kPump,
          R"({"occurred_at": "2026-11-24T09:00:00+07:00", "method": "hand_expression",
        "total_ml": 15})"),
      Rec(RecordKind::kTemperature,
          R"({"occurred_at": "2026-11-25T06:00:00+07:00", "temp_c": 38.6})"),
      Rec(RecordKind::kTemperature,
          R"({"occurred_at": "2026-11-24T06:00:00+07:00", "temp_c": 37.1})"),
      Rec(RecordKind::kBreastCheck, R"({"occurred_at": "2026-11-25T06:00:00+07:00",
        "left": {"pain": 6, "locations": [{"clock": 2}, {"clock": 3}], "lump": {}, "redness": "focal"},
        "right": {"pain": 0}})"),
      Rec(RecordKind::kNappy,
          R"({"occurred_at": "2026-11-25T05:00:00+07:00", "wet": true, "dirty": true})"),
      Rec(RecordKind::kNappy, R"({"occurred_at": "2026-11-25T07:00:00+07:00", "wet": true})"),
      // Outside a 3-day window: the 22nd.
      Rec(RecordKind::kFeed, R"({"occurred_at": "2026-11-22T12:00:00+07:00", "segments": [
        {"type": "bottle", "milk": "formula", "volume_ml": 60}]})"),
  };
  Json c = Charts(recs, kNow, 3);
  EXPECT_EQ(c["from"], "2026-11-23");
  EXPECT_EQ(c["to"], "2026-11-25");
  ASSERT_EQ(c["per_day"].size(), 3u);
  const Json& d23 = c["per_day"][0];
  const Json& d24 = c["per_day"][1];
  const Json& d25 = c["per_day"][2];
  EXPECT_EQ(d23["feeds"], 1);
  EXPECT_EQ(d24["feeds"], 0);
  EXPECT_DOUBLE_EQ(d24["pump_left_ml"].get<double>(), 50.0);
  EXPECT_DOUBLE_EQ(d24["pump_right_ml"].get<double>(), 20.0);
  EXPECT_DOUBLE_EQ(d24["pump_unsided_ml"].get<double>(), 15.0);
  EXPECT_EQ(d25["feeds"], 2);
  EXPECT_EQ(d25["left_feeds"], 1);
  EXPECT_EQ(d25["right_feeds"], 2);
  EXPECT_DOUBLE_EQ(d25["left_minutes"].get<double>(), 15.0);  // 20 min less a 5 min pause
  EXPECT_DOUBLE_EQ(d25["right_minutes"].get<double>(), 22.0);
  EXPECT_DOUBLE_EQ(d25["bottle_ml"].get<double>(), 30.0);
  EXPECT_EQ(d25["wet_nappies"], 2);
  EXPECT_EQ(d25["dirty_nappies"], 1);
  EXPECT_EQ(d24["wet_nappies"], 0);
  // Intervals between feed starts, oldest first: 23rd 22:00 -> 25th 00:30 -> 03:30.
  ASSERT_EQ(c["feed_intervals"].size(), 2u);
  EXPECT_DOUBLE_EQ(c["feed_intervals"][0]["hours"].get<double>(), 26.5);
  EXPECT_DOUBLE_EQ(c["feed_intervals"][1]["hours"].get<double>(), 3.0);
  EXPECT_EQ(c["feed_intervals"][1]["at"], "2026-11-25T03:30:00+07:00");
  ASSERT_EQ(c["temperatures"].size(), 2u);
  EXPECT_DOUBLE_EQ(c["temperatures"][0]["temp_c"].get<double>(), 37.1);
  ASSERT_EQ(c["breast_checks"].size(), 2u);
  EXPECT_EQ(c["breast_checks"][0]["side"], "left");
  EXPECT_EQ(c["breast_checks"][0]["pain"], 6);
  EXPECT_EQ(c["breast_checks"][0]["clock"], Json::array({2, 3}));
  EXPECT_EQ(c["breast_checks"][0]["lump"], true);
  EXPECT_EQ(c["breast_checks"][1]["lump"], false);
  EXPECT_TRUE(c["breast_checks"][1]["redness"].is_null());
}

TEST(Charts, EmptyLogGivesZerosForEveryDate) {
  Json c = Charts({}, kNow, 14);
  ASSERT_EQ(c["per_day"].size(), 14u);
  EXPECT_EQ(c["to"], "2026-11-25");  // UTC date of now when nothing says her offset
  for (const auto& d : c["per_day"]) EXPECT_EQ(d["feeds"], 0);
  EXPECT_TRUE(c["feed_intervals"].empty());
}

}  // namespace
}  // namespace tia::domain
