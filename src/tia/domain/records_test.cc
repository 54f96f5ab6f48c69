#include "tia/domain/records.h"

#include <gtest/gtest.h>

namespace tia::domain {
namespace {

const int64_t kNow = ParseRfc3339("2026-11-25T10:00:00+07:00")->utc_ms;

Json TwoSidedFeed() {
  return Json::parse(R"({
    "occurred_at": "2026-11-25T09:00:00+07:00",
    "segments": [
      {"type": "breast", "side": "left", "start": "2026-11-25T09:00:00+07:00",
       "end": "2026-11-25T09:15:00+07:00",
       "pauses": [{"start": "2026-11-25T09:05:00+07:00", "end": "2026-11-25T09:07:00+07:00"}]},
      {"type": "breast", "side": "right", "start": "2026-11-25T09:16:00+07:00",
       "end": "2026-11-25T09:26:00+07:00"},
      {"type": "bottle", "milk": "expressed_breast_milk", "volume_oz": 1}
    ]})");
}

std::string FieldOf(RecordKind kind, const Json& j) {
  auto r = ValidateRecord(kind, j, kNow);
  return r ? "<ok>" : r.error().field;
}

TEST(Records, FeedWithPauseAndTopUpIsCanonical) {
  auto r = ValidateRecord(RecordKind::kFeed, TwoSidedFeed(), kNow);
  ASSERT_TRUE(r) << r.error().field << " " << r.error().message;
  const Json& b = r->body;
  EXPECT_EQ(b["segments"].size(), 3u);
  EXPECT_EQ(b["segments"][0]["pauses"].size(), 1u);
  EXPECT_EQ(b["segments"][1]["pauses"].size(), 0u);
  EXPECT_DOUBLE_EQ(b["segments"][2]["volume_ml"].get<double>(), 29.6);  // 1 oz, shown in mL
  EXPECT_FALSE(b["segments"][2].contains("volume_oz"));
  EXPECT_EQ(r->occurred_at.offset_min, 420);
}

TEST(Records, FeedErrorsNameTheField) {
  Json j = TwoSidedFeed();
  j["segments"][0]["end"] = "2026-11-25T08:59:00+07:00";
  EXPECT_EQ(FieldOf(RecordKind::kFeed, j), "/segments/0/end");

  j = TwoSidedFeed();
  j["segments"][2]["volume_ml"] = -5;
  j["segments"][2].erase("volume_oz");
  EXPECT_EQ(FieldOf(RecordKind::kFeed, j), "/segments/2/volume_ml");

  j = TwoSidedFeed();
  j["segments"][0]["pauses"][0]["end"] = "2026-11-25T09:20:00+07:00";
  EXPECT_EQ(FieldOf(RecordKind::kFeed, j), "/segments/0/pauses/0/end");

  j = TwoSidedFeed();
  j["segments"][1]["colour"] = "blue";
  EXPECT_EQ(FieldOf(RecordKind::kFeed, j), "/segments/1/colour");

  j = TwoSidedFeed();
  j["occurred_at"] = "2026-11-25T10:06:00+07:00";  // 6 minutes ahead of the server
  EXPECT_EQ(FieldOf(RecordKind::kFeed, j), "/occurred_at");

  j = TwoSidedFeed();
  j["segments"][1]["side"] = "middle";
  EXPECT_EQ(FieldOf(RecordKind::kFeed, j), "/segments/1/side");

  j = TwoSidedFeed();
  std::swap(j["segments"][0], j["segments"][1]);
  EXPECT_EQ(FieldOf(RecordKind::kFeed, j), "/segments/1/start");
}

TEST(Records, FourMinutesAheadIsAllowedAsClockSkew) {
  Json j = {{"occurred_at", "2026-11-25T10:04:00+07:00"}, {"temp_c", 37.2}};
  EXPECT_EQ(FieldOf(RecordKind::kTemperature, j), "<ok>");
}

TEST(Records, TemperatureRangeAndUnits) {
  Json j = {{"occurred_at", "2026-11-25T09:00:00+07:00"}, {"temp_f", 101.3}};
  auto r = ValidateRecord(RecordKind::kTemperature, j, kNow);
  ASSERT_TRUE(r);
  EXPECT_DOUBLE_EQ(r->body["temp_c"].get<double>(), 38.5);
  EXPECT_FALSE(r->body.contains("temp_f"));
  // The stored body is valid input and validates to itself (found by the fuzzer).
  auto again = ValidateRecord(RecordKind::kTemperature, r->body, kNow);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->body, r->body);
  for (double bad : {29.9, 45.1}) {
    j = {{"occurred_at", "2026-11-25T09:00:00+07:00"}, {"temp_c", bad}};
    EXPECT_EQ(FieldOf(RecordKind::kTemperature, j), "/temp_c") << bad;
  }
  j = {{"occurred_at", "2026-11-25T09:00:00+07:00"}, {"temp_c", "38"}};
  EXPECT_EQ(FieldOf(RecordKind::kTemperature, j), "/temp_c");
  j = {{"occurred_at", "2026-11-25T09:00:00+07:00"}, {"temp_c", 38}, {"temp_f", 100}};
  EXPECT_EQ(FieldOf(RecordKind::kTemperature, j), "/temp_f");
}

TEST(Records, BreastCheckPerSide) {
  Json j = Json::parse(R"({"occurred_at": "2026-11-25T09:00:00+07:00",
    "left": {"pain": 6, "locations": [{"clock": 2, "distance_cm": 4}],
             "lump": {"size_cm": 2.5, "feel": "tender_firm"}, "redness": "focal", "warmth": true,
             "nipple": ["sore", "white_spot"], "milk_flow": "reduced"}})");
  ASSERT_EQ(FieldOf(RecordKind::kBreastCheck, j), "<ok>");
  j["left"]["pain"] = 11;
  EXPECT_EQ(FieldOf(RecordKind::kBreastCheck, j), "/left/pain");
  j["left"]["pain"] = 6;
  j["left"]["locations"][0]["clock"] = 13;
  EXPECT_EQ(FieldOf(RecordKind::kBreastCheck, j), "/left/locations/0/clock");
  j["left"]["locations"][0]["clock"] = 2;
  j["left"]["nipple"] = {"sore", "sore"};
  EXPECT_EQ(FieldOf(RecordKind::kBreastCheck, j), "/left/nipple/1");
  j = {{"occurred_at", "2026-11-25T09:00:00+07:00"}};
  EXPECT_EQ(FieldOf(RecordKind::kBreastCheck, j), "/left");
}

TEST(Records, PumpPerSideOrTotal) {
  Json j = {{"occurred_at", "2026-11-25T09:00:00+07:00"},
            {"method", "electric_double"},
            {"left_ml", 60},
            {"right_ml", 45},
            {"duration_min", 15}};
  EXPECT_EQ(FieldOf(RecordKind::kPump, j), "<ok>");
  j["total_ml"] = 105;
  EXPECT_EQ(FieldOf(RecordKind::kPump, j), "/total_ml");
  j = {{"occurred_at", "2026-11-25T09:00:00+07:00"}, {"method", "hand_expression"}};
  EXPECT_EQ(FieldOf(RecordKind::kPump, j), "/left_ml");
  j = {
      {"occurred_at", "2026-11-25T09:00:00+07:00"}, {"method", "electric_double"}, {"left_ml", -1}};
  EXPECT_EQ(FieldOf(RecordKind::kPump, j), "/left_ml");
}

TEST(Records, CareActionNeedsMedicineForDrugs) {
  Json j = {{"occurred_at", "2026-11-25T09:00:00+07:00"}, {"action", "pain_relief"}};
  EXPECT_EQ(FieldOf(RecordKind::kCareAction, j), "/medicine");
  j["medicine"] = "ibuprofen";
  j["dose_mg"] = 400;
  EXPECT_EQ(FieldOf(RecordKind::kCareAction, j), "<ok>");
  j = {{"occurred_at", "2026-11-25T09:00:00+07:00"}, {"action", "cold_pack"}, {"dose_mg", 5}};
  EXPECT_EQ(FieldOf(RecordKind::kCareAction, j), "/dose_mg");
}

TEST(Records, WrongTopLevelShapes) {
  EXPECT_EQ(FieldOf(RecordKind::kNote, Json::array()), "");
  EXPECT_EQ(FieldOf(RecordKind::kNote, Json{{"occurred_at", 5}, {"text", "x"}}), "/occurred_at");
  EXPECT_EQ(FieldOf(RecordKind::kNote, Json{{"occurred_at", "2026-11-25T09:00:00"}, {"text", "x"}}),
            "/occurred_at");
  EXPECT_EQ(FieldOf(RecordKind::kNappy, Json{{"occurred_at", "2026-11-25T01:00:00Z"}}), "/wet");
  EXPECT_EQ(FieldOf(RecordKind::kInfantConcern,
                    Json{{"occurred_at", "2026-11-25T01:00:00Z"}, {"concerns", Json::array()}}),
            "/concerns");
}

TEST(Records, ProfileUnitsAndDates) {
  Json j = Json::parse(R"({"baby_birth_date": "2026-11-18", "first_baby": true,
    "delivery_type": "caesarean", "delivery_date": "2026-11-18", "time_zone": "Asia/Ho_Chi_Minh",
    "language": "vi", "units": {"volume": "ml", "temperature": "c"}})");
  EXPECT_EQ(FieldOf(RecordKind::kProfile, j), "<ok>");
  j["units"]["volume"] = "cups";
  EXPECT_EQ(FieldOf(RecordKind::kProfile, j), "/units/volume");
  j["units"] = {{"weight", "kg"}};
  EXPECT_EQ(FieldOf(RecordKind::kProfile, j), "/units/weight");
}

TEST(Json, DepthLimitRefusesBeforeParsing) {
  std::string deep(40, '[');
  deep += std::string(40, ']');
  auto r = ParseJsonBody(deep);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("nested"), std::string::npos);
  EXPECT_TRUE(ParseJsonBody(R"({"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["})"));
  EXPECT_FALSE(ParseJsonBody("{\"a\": 1"));
  // Found by the fuzz corpus: nlohmann throws out_of_range, not parse_error, for this.
  auto huge = ParseJsonBody(R"({"temp_c": 1e400})");
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().code, ErrorCode::kInvalidArgument);
}

TEST(ParseStored, DamagedStoredTextIsAnInternalErrorNamingNothing) {
  auto ok = ParseStored(R"({"temp_c": 38.4})");
  ASSERT_TRUE(ok);
  EXPECT_EQ((*ok)["temp_c"], 38.4);
  for (const char* damaged : {"", "{\"temp_c\": 38.4", "1e400", "{\"a\":}"}) {
    auto r = ParseStored(damaged);
    ASSERT_FALSE(r) << damaged;
    EXPECT_EQ(r.error().code, ErrorCode::kInternal);
    EXPECT_EQ(r.error().message.find("38.4"), std::string::npos);  // no content in the message
  }
}

}  // namespace
}  // namespace tia::domain
