#include "tia/domain/imports.h"

#include <gtest/gtest.h>

#include "tia/domain/scheduling.h"

namespace tia::domain::imports {
namespace {

constexpr int64_t kNow = 1796630400000;  // 2026-12-07T08:00:00Z

Options Huck() { return {"huckleberry", ZoneNamed("Asia/Ho_Chi_Minh"), "ml", "c", "kg"}; }
Options Bb(std::string volume = "ml", std::string temp = "c") {
  return {"babybuddy", ZoneNamed("Asia/Ho_Chi_Minh"), std::move(volume), std::move(temp), "kg"};
}

constexpr const char* kHuckHeader =
    "Type,Start,End,Duration,Start Condition,Start Location,End Condition,Notes\n";

Plan Must(std::string_view file, const Options& o) {
  auto p = PlanImport(file, o, kNow);
  EXPECT_TRUE(p) << p.error().message;
  return p ? *p : Plan{};
}

TEST(Imports, HuckleberryBreastSidesInOrderWithTheirMinutes) {
  const std::string file = std::string(kHuckHeader) +
                           "Feed,2026-11-20 06:10,2026-11-20 06:59,00:49,00:24R,Breast,00:25L,\n";
  Plan p = Must(file, Huck());
  ASSERT_EQ(p.records.size(), 1u);
  const Json& segs = p.records[0].body["segments"];
  EXPECT_EQ(p.records[0].body["occurred_at"], "2026-11-20T06:10:00+07:00");
  EXPECT_EQ(segs[0]["side"], "right");
  EXPECT_EQ(segs[0]["end"], "2026-11-20T06:34:00+07:00");
  EXPECT_EQ(segs[1]["side"], "left");
  EXPECT_EQ(segs[1]["start"], "2026-11-20T06:34:00+07:00");
  EXPECT_EQ(segs[1]["end"], "2026-11-20T06:59:00+07:00");
}

TEST(Imports, TwoPartDurationsAreReadTheWayTheRowsOwnTimesAllow) {
  // 12:30 in a 12-minute feed is minutes and seconds; in a two-hour span it is hours.
  const std::string file = std::string(kHuckHeader) +
                           "Feed,2026-11-20 15:00,2026-11-20 15:12,12:30,12:30L,Breast,,\n"
                           "Pump,2026-11-20 10:00,2026-11-20 12:00,01:30,60ml,,2 oz,\n";
  Plan p = Must(file, Huck());
  ASSERT_EQ(p.records.size(), 2u);
  EXPECT_EQ(p.records[0].body["segments"][0]["end"], "2026-11-20T15:12:30+07:00");
  EXPECT_EQ(p.records[1].body["duration_min"], 90);
  EXPECT_EQ(p.records[1].body["left_ml"], 60.0);
  EXPECT_EQ(p.records[1].body["right_oz"], 2.0);  // Tia converts oz as everywhere (59.1 mL)
  auto valid = ValidateRecord(RecordKind::kPump, p.records[1].body, kNow);
  ASSERT_TRUE(valid);
  EXPECT_DOUBLE_EQ(valid->body["right_ml"].get<double>(), 59.1);
}

TEST(Imports, UsDatesBottlesAndNappies) {
  const std::string file =
      std::string(kHuckHeader) +
      "Feed,11/20/2026 12:05 PM,11/20/2026 12:20 PM,00:15,Formula,Bottle,3 oz,\n"
      "Diaper,2026-11-20 07:00,,Yellow,Loose,,\"Both, poo:large\",\n"
      "Diaper,2026-11-20 10:30,,,,,Pee:medium,\n";
  Plan p = Must(file, Huck());
  ASSERT_EQ(p.records.size(), 3u);
  EXPECT_EQ(p.records[0].body["occurred_at"], "2026-11-20T12:05:00+07:00");
  EXPECT_EQ(p.records[0].body["segments"][0]["volume_oz"], 3.0);
  EXPECT_EQ(p.records[0].body["segments"][0]["milk"], "formula");
  EXPECT_EQ(p.records[1].body["wet"], true);
  EXPECT_EQ(p.records[1].body["dirty"], true);
  EXPECT_EQ(p.records[1].body["stool_colour"], "yellow");
  EXPECT_EQ(p.records[2].body["wet"], true);
  EXPECT_EQ(p.records[2].body["dirty"], false);
}

TEST(Imports, EveryRowNotImportedHasItsReasonAndIsInTheRejectedFile) {
  const std::string file = std::string(kHuckHeader) +
                           "Feed,2026-11-20 06:10,2026-11-20 06:59,00:49,00:24R,Breast,00:25L,\n"
                           "Sleep,2026-11-20 13:00,2026-11-20 14:30,01:30,,,,\n"
                           "Feed,2026-11-20 06:10,2026-11-20 06:59,00:49,00:24R,Breast,00:25L,\n"
                           "Feed,2026-13-45 09:00,,,00:10L,Breast,,\n";
  Plan p = Must(file, Huck());
  EXPECT_EQ(p.records.size(), 1u);
  ASSERT_EQ(p.skipped.size(), 3u);
  EXPECT_EQ(p.skipped[0].line, 3);
  EXPECT_EQ(p.skipped[1].reason, "the same entry as line 2");
  EXPECT_EQ(p.skipped[2].line, 5);
  EXPECT_NE(p.skipped[2].reason.find("is not a date and time"), std::string::npos);
  const std::string csv = RejectedCsv(p, [](const std::string& r) { return "(" + r + ")"; });
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find(",reason\r\n"), std::string::npos);
  EXPECT_NE(
      csv.find("Sleep,2026-11-20 13:00,2026-11-20 14:30,01:30,,,,,\"(\"\"Sleep\"\" entries are"),
      std::string::npos)
      << csv;
}

TEST(Imports, AMalformedFileNamesTheLineAndColumn) {
  const std::string file = std::string(kHuckHeader) +
                           "Feed,2026-11-20 06:10,2026-11-20 06:59,00:49,\"00:24R,Breast,00:25L,\n";
  auto p = PlanImport(file, Huck(), kNow);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().field, "/file");
  EXPECT_EQ(p.error().message, "line 2, column 5: a quoted cell is never closed");
  auto short_row = PlanImport(std::string(kHuckHeader) + "Feed,2026-11-20 06:10\n", Huck(), kNow);
  ASSERT_FALSE(short_row);
  EXPECT_EQ(short_row.error().message, "line 2, column 3: 2 cells where the header has 8");
  auto other = PlanImport("a,b\n1,2\n", Huck(), kNow);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().message.substr(0, 31), "line 1, column 1: not a Huckleb");
}

TEST(Imports, BabyBuddyFeedingsWithBareAmountsInHerUnit) {
  const std::string file =
      "id,child_id,child_first_name,child_last_name,start,end,type,method,amount,notes\n"
      "11,1,An,Nguyen,2026-11-21 05:00:00,2026-11-21 05:20:00,breast milk,left breast,,\n"
      "12,1,An,Nguyen,2026-11-21 08:00:00,2026-11-21 08:30:00,breast milk,both breasts,,\n"
      "13,1,An,Nguyen,2026-11-21 11:00:00,2026-11-21 11:15:00,formula,bottle,4,\n"
      "14,1,An,Nguyen,2026-11-21 14:00:00,2026-11-21 14:20:00,solid food,parent fed,,\n";
  Plan p = Must(file, Bb("oz"));
  EXPECT_EQ(p.source, "babybuddy feeding");
  ASSERT_EQ(p.records.size(), 3u);
  EXPECT_EQ(p.records[0].child, "babybuddy:child:1");
  EXPECT_EQ(p.records[0].key, "babybuddy feeding:11");
  EXPECT_EQ(p.records[1].body["segments"][0]["end"], "2026-11-21T08:15:00+07:00");
  EXPECT_NE(p.records[1].body["note"].get<std::string>().find("split in half"), std::string::npos);
  EXPECT_EQ(p.records[2].body["segments"][0]["volume_oz"], 4.0);
  ASSERT_EQ(p.skipped.size(), 1u);
  EXPECT_EQ(p.skipped[0].reason, "solid food is not something Tia logs");
}

TEST(Imports, BabyBuddysOtherFiles) {
  Plan t = Must(
      "id,child_id,child_first_name,child_last_name,temperature,time,notes,tags\n"
      "21,1,An,Nguyen,100.4,2026-11-21 10:00:00,,\n"
      "22,1,An,Nguyen,120,2026-11-21 12:00:00,,\n",
      Bb("ml", "f"));
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].body["temp_f"], 100.4);
  ASSERT_EQ(t.skipped.size(), 1u);  // 120 °F is not a body temperature
  EXPECT_EQ(t.skipped[0].reason.substr(0, 8), "/temp_f:");
  Plan w = Must("child_id,weight,date,notes\n1,3.45,2026-11-20,clinic\n", Bb());
  ASSERT_EQ(w.records.size(), 1u);
  EXPECT_EQ(w.records[0].body["weight_g"], 3450);
  EXPECT_EQ(w.records[0].body["occurred_at"], "2026-11-20T00:00:00+07:00");
  Plan d = Must("child_id,time,wet,solid,color,amount\n1,2026-11-21 09:30:00,0,1,black,\n", Bb());
  EXPECT_EQ(d.records[0].body["stool_colour"], "black_green");
  Plan c = Must("id,first_name,last_name,birth_date,birth_time\n1,An,Nguyen,2026-11-14,\n", Bb());
  EXPECT_EQ(c.records[0].key, "babybuddy:child:1");
  EXPECT_EQ(c.records[0].body["name"], "An Nguyen");
  Plan pump = Must("child_id,amount,time\n1,90,2026-11-21 09:00:00\n", Bb());
  EXPECT_EQ(pump.records[0].body["total_ml"], 90.0);
}

TEST(Imports, IdsFromADigestAreVersion8Uuids) {
  EXPECT_EQ(IdFromDigest("0123456789abcdef0123456789ABCDEF99"),
            "01234567-89ab-8def-8123-456789abcdef");
  EXPECT_EQ(IdFromDigest("ffffffffffffffffffffffffffffffff"),
            "ffffffff-ffff-8fff-bfff-ffffffffffff");
}

}  // namespace
}  // namespace tia::domain::imports
