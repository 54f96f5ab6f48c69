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

// The schema is the project's contract document, docs/engine-input.md: the same field names, no
// more and no fewer, and the document is the current output of InputContractMarkdown() (regenerate
// with `build/asan/tia triage --contract > docs/engine-input.md`).
TEST(EngineInput, SchemaMatchesTheContractDocument) {
  std::ifstream in(TIA_CONTRACT_PATH);
  ASSERT_TRUE(in) << "cannot read " << TIA_CONTRACT_PATH;
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  std::set<std::string> contract;
  std::istringstream lines(doc);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("| `")) continue;
    contract.insert(line.substr(3, line.find('`', 3) - 3));
  }
  std::set<std::string> ours;
  for (const auto& f : InputSchema()) ours.insert(std::string(f.name));
  EXPECT_EQ(ours.size(), InputSchema().size()) << "a field is listed twice";
  EXPECT_EQ(ours, contract);
  EXPECT_EQ(doc, InputContractMarkdown())
      << "docs/engine-input.md is stale: run tia triage --contract > docs/engine-input.md";
  for (const auto& f : InputSchema()) EXPECT_FALSE(f.meaning.empty()) << f.name;
}

}  // namespace
}  // namespace tia::engine
