#include "tia/engine/input.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

namespace tia::engine {
namespace {

std::string FieldOf(const char* json) {
  auto r = DecodeInput(Json::parse(json));
  return r ? "<ok>" : r.error().field;
}

TEST(EngineInput, MissingFieldsTakeTheirNeutralValues) {
  auto in = DecodeInput(Json::object());
  ASSERT_TRUE(in);
  EXPECT_TRUE(in->Bool("lactating"));
  EXPECT_TRUE(in->IsNull("days_postpartum"));
  EXPECT_EQ(in->Number("maternal_age"), 30);
  EXPECT_EQ(in->Label("affected_side"), "none");
  EXPECT_EQ(in->Label("trend"), "unchanged");
  EXPECT_TRUE(in->IsNull("current_temp_c"));
  EXPECT_TRUE(in->Bool("infant_feeding_effectively"));
  EXPECT_FALSE(in->Bool("worried"));
}

TEST(EngineInput, ReadsGivenValues) {
  auto in = DecodeInput(Json::parse(
      R"({"current_temp_c": 38.4, "heart_rate": 104, "redness_extent": "focal", "days_postpartum": null})"));
  ASSERT_TRUE(in);
  EXPECT_DOUBLE_EQ(in->Number("current_temp_c"), 38.4);
  EXPECT_EQ(in->Number("heart_rate"), 104);
  EXPECT_EQ(in->Label("redness_extent"), "focal");
  EXPECT_TRUE(in->IsNull("days_postpartum"));
}

TEST(EngineInput, ErrorsNameTheField) {
  EXPECT_EQ(FieldOf(R"({"colour": "red"})"), "/colour");
  EXPECT_EQ(FieldOf(R"({"chills": "yes"})"), "/chills");
  EXPECT_EQ(FieldOf(R"({"chills": null})"), "/chills");
  EXPECT_EQ(FieldOf(R"({"trend": "better"})"), "/trend");
  EXPECT_EQ(FieldOf(R"({"heart_rate": 98.5})"), "/heart_rate");
  EXPECT_EQ(FieldOf(R"({"symptom_hours": -1})"), "/symptom_hours");
  EXPECT_EQ(FieldOf(R"({"prior_episodes_same_site_3_months": -1})"),
            "/prior_episodes_same_site_3_months");
  EXPECT_EQ(FieldOf(R"({"current_temp_c": "38"})"), "/current_temp_c");
  EXPECT_FALSE(DecodeInput(Json::array()));
  EXPECT_EQ(DecodeInput(Json::array()).error().field, "");
}

TEST(EngineInput, RangesAtTheirEdges) {
  EXPECT_EQ(FieldOf(R"({"current_temp_c": 25})"), "<ok>");
  EXPECT_EQ(FieldOf(R"({"current_temp_c": 24.9})"), "/current_temp_c");
  EXPECT_EQ(FieldOf(R"({"max_temp_c": 45})"), "<ok>");
  EXPECT_EQ(FieldOf(R"({"min_temp_c": 45.1})"), "/min_temp_c");
  EXPECT_EQ(FieldOf(R"({"heart_rate": 20})"), "<ok>");
  EXPECT_EQ(FieldOf(R"({"heart_rate": 19})"), "/heart_rate");
  EXPECT_EQ(FieldOf(R"({"heart_rate": 250})"), "<ok>");
  EXPECT_EQ(FieldOf(R"({"heart_rate": 251})"), "/heart_rate");
  EXPECT_EQ(FieldOf(R"({"hours_since_urine": 0})"), "<ok>");
  EXPECT_EQ(FieldOf(R"({"lump_size_cm": 0})"), "/lump_size_cm");
}

// The schema is the contract in clinical/EVIDENCE.md section 0: the same field names, no more
// (but `worried`, which the issue adds) and no fewer.
TEST(EngineInput, SchemaMatchesTheEvidenceContract) {
  std::ifstream in(TIA_EVIDENCE_PATH);
  ASSERT_TRUE(in) << "cannot read " << TIA_EVIDENCE_PATH;
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const auto start = doc.find("## 0. Input schema");
  const auto end = doc.find("### 0.6 Outputs");
  ASSERT_NE(start, std::string::npos);
  ASSERT_NE(end, std::string::npos);
  const std::string section = doc.substr(start, end - start);
  // Each table row's first cell names one field, or two ("`max_temp_c` / `min_temp_c`").
  std::set<std::string> contract;
  std::istringstream lines(section);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("| `")) continue;
    const std::string cell = line.substr(2, line.find(" |", 2) - 2);
    for (size_t open = cell.find('`'); open != std::string::npos; open = cell.find('`', open + 1)) {
      const size_t close = cell.find('`', open + 1);
      contract.insert(cell.substr(open + 1, close - open - 1));
      open = close;
    }
  }
  std::set<std::string> ours;
  for (const auto& f : InputSchema()) ours.insert(std::string(f.name));
  ours.erase("worried");
  EXPECT_EQ(contract.size(), 54u);
  EXPECT_EQ(ours, contract);
}

}  // namespace
}  // namespace tia::engine
