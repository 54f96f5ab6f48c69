#include "tia/domain/summary.h"

#include <gtest/gtest.h>

#include "tia/domain/test_records.h"

namespace tia::domain {
namespace {

using testing::kNow;
using testing::Rec;

TEST(Summary, ComputesPerSideAndTotals) {
  std::vector<StoredRecord> recs = {
      Rec(RecordKind::kFeed, R"({"occurred_at": "2026-11-25T07:00:00+07:00", "segments": [
        {"type": "breast", "side": "left", "start": "2026-11-25T07:00:00+07:00", "end": "2026-11-25T07:20:00+07:00",
         "pauses": [{"start": "2026-11-25T07:10:00+07:00", "end": "2026-11-25T07:15:00+07:00"}]},
        {"type": "bottle", "milk": "formula", "volume_ml": 30}]})"),
      Rec(RecordKind::kFeed, R"({"occurred_at": "2026-11-24T08:00:00+07:00", "segments": [
        {"type": "breast", "side": "right", "start": "2026-11-24T08:00:00+07:00", "end": "2026-11-24T08:12:00+07:00"}]})"),
      Rec(RecordKind::kPump,
          R"({"occurred_at": "2026-11-25T08:00:00+07:00", "method": "electric_double",
        "left_ml": 50, "right_ml": 20, "duration_min": 15})"),
      Rec(RecordKind::kPump,
          R"({"occurred_at": "2026-11-24T23:30:00+07:00", "method": "hand_expression",
        "total_ml": 15})"),
      Rec(RecordKind::kTemperature,
          R"({"occurred_at": "2026-11-25T06:00:00+07:00", "temp_c": 38.6})"),
      Rec(RecordKind::kTemperature,
          R"({"occurred_at": "2026-11-25T09:00:00+07:00", "temp_c": 37.4})"),
      Rec(RecordKind::kCareAction,
          R"({"occurred_at": "2026-11-24T22:00:00+07:00", "action": "antibiotic_started",
        "medicine": "flucloxacillin"})"),
      Rec(RecordKind::kNappy,
          R"({"occurred_at": "2026-11-25T05:00:00+07:00", "wet": true, "dirty": true})"),
      Rec(RecordKind::kNappy, R"({"occurred_at": "2026-11-25T06:00:00+07:00", "wet": true})"),
  };
  Json s = Summarise(recs, kNow);
  EXPECT_EQ(s["feeds_24h"], 1);  // the 2026-11-24T08:00 feed is 26 h old
  EXPECT_DOUBLE_EQ(s["per_side_24h"]["left"]["breast_minutes"].get<double>(), 15.0);
  EXPECT_EQ(s["per_side_24h"]["right"]["segments"], 0);
  EXPECT_DOUBLE_EQ(s["bottle_ml_24h"]["formula"].get<double>(), 30.0);
  // Left: pump ended 08:15 (after the 07:20 feed) -> 1.75 h ago. Right: same pump.
  EXPECT_EQ(s["last_milk_removal"]["left"]["source"], "pump");
  EXPECT_DOUBLE_EQ(s["last_milk_removal"]["left"]["hours_ago"].get<double>(), 1.8);
  EXPECT_EQ(s["pump_per_day"].size(), 2u);
  EXPECT_EQ(s["pump_per_day"][0]["date"], "2026-11-25");  // the mother's local date
  EXPECT_DOUBLE_EQ(s["pump_per_day"][0]["left_ml"].get<double>(), 50.0);
  EXPECT_EQ(s["pump_per_day"][1]["date"], "2026-11-24");
  EXPECT_DOUBLE_EQ(s["pump_per_day"][1]["unsided_ml"].get<double>(), 15.0);
  EXPECT_DOUBLE_EQ(s["temperature"]["latest"]["temp_c"].get<double>(), 37.4);
  EXPECT_DOUBLE_EQ(s["temperature"]["highest_72h"]["temp_c"].get<double>(), 38.6);
  EXPECT_DOUBLE_EQ(s["antibiotic"]["hours"].get<double>(), 12.0);
  EXPECT_EQ(s["nappies_24h"]["wet"], 2);
  EXPECT_EQ(s["nappies_24h"]["dirty"], 1);
}

TEST(Summary, EmptyLogHasNullsNotZeros) {
  Json s = Summarise({}, kNow);
  EXPECT_TRUE(s["last_milk_removal"]["left"].is_null());
  EXPECT_TRUE(s["temperature"]["latest"].is_null());
  EXPECT_TRUE(s["antibiotic"].is_null());
  EXPECT_EQ(s["feeds_24h"], 0);
}

}  // namespace
}  // namespace tia::domain
