#include "tia/domain/export_csv.h"

#include <gtest/gtest.h>

namespace tia::domain {
namespace {

const std::string kBom = "\xEF\xBB\xBF";

TEST(ExportCsv, AFeedHasMinutesPerSideWithoutItsPausesAndTheTopUps) {
  const Json feed = {
      {"occurred_at", "2026-12-07T09:00:00+07:00"},
      {"segments",
       {{{"type", "breast"},
         {"side", "left"},
         {"start", "2026-12-07T09:00:00+07:00"},
         {"end", "2026-12-07T09:20:00+07:00"},
         {"pauses",
          {{{"start", "2026-12-07T09:05:00+07:00"}, {"end", "2026-12-07T09:08:00+07:00"}}}}},
        {{"type", "bottle"}, {"milk", "formula"}, {"volume_ml", 30}}}}};
  const std::string csv = CsvOf(RecordKind::kFeed, {{"f-1", feed}});
  const std::string header =
      "id,occurred_at,infant_id,left_minutes,right_minutes,bottle_ml,bottle_milk,segments,note\r\n";
  ASSERT_EQ(csv.substr(0, kBom.size() + header.size()), kBom + header);
  const std::string row = csv.substr(kBom.size() + header.size());
  EXPECT_EQ(row.substr(0, row.find(",\"[")), "f-1,2026-12-07T09:00:00+07:00,,17,0,30,formula");
  EXPECT_NE(row.find("\"\"side\"\":\"\"left\"\""), std::string::npos) << row;  // quotes doubled
}

TEST(ExportCsv, TextIsQuotedAndNeverAFormula) {
  const Json note = {{"occurred_at", "2026-12-07T09:00:00+07:00"},
                     {"text", "=HYPERLINK(\"x\"), then\nmore"}};
  const std::string csv = CsvOf(RecordKind::kNote, {{"n-1", note}});
  EXPECT_EQ(csv, kBom +
                     "id,occurred_at,text\r\nn-1,2026-12-07T09:00:00+07:00,\"'=HYPERLINK(\"\"x\"\")"
                     ", then\nmore\"\r\n");
}

TEST(ExportCsv, ABreastCheckHasAColumnPerSideAndFinding) {
  const Json check = {{"occurred_at", "2026-12-07T09:00:00+07:00"},
                      {"left",
                       {{"pain", 6},
                        {"locations", {{{"clock", 2}}, {{"clock", 3}}}},
                        {"redness", "focal"},
                        {"warmth", true},
                        {"nipple", {"sore", "cracked"}}}}};
  const auto columns = CsvColumns(RecordKind::kBreastCheck);
  ASSERT_EQ(columns.size(), 2 + 9 * 2 + 1U);
  EXPECT_EQ(columns[2], "left_pain");
  EXPECT_EQ(columns[11], "right_pain");
  const std::string csv = CsvOf(RecordKind::kBreastCheck, {{"b-1", check}});
  EXPECT_NE(csv.find("b-1,2026-12-07T09:00:00+07:00,6,2;3,,,focal,true,sore;cracked,,,,,"),
            std::string::npos)
      << csv;
}

TEST(ExportCsv, EveryKindHasItsIdFirst) {
  for (const auto& k : RecordKinds()) {
    EXPECT_EQ(CsvColumns(k.kind).front(), "id") << k.name;
    EXPECT_EQ(CsvOf(k.kind, {}).substr(0, kBom.size() + 2), kBom + "id") << k.name;
  }
}

}  // namespace
}  // namespace tia::domain
