#include "tia/app/check_input.h"

#include <gtest/gtest.h>

namespace tia::app {
namespace {

constexpr int64_t kNow = 1'800'000'000'000;

domain::StoredRecord Rec(domain::RecordKind k, int64_t minutes_ago, Json body) {
  return {k, Timestamp{kNow - minutes_ago * kMinuteMs, 0}, std::move(body)};
}

storage::SymptomCheckRow Check(int64_t days_ago, Json input,
                               std::string condition = "ductal_narrowing") {
  storage::SymptomCheckRow r;
  r.created_at = kNow - days_ago * kDayMs;
  r.input = input.dump();
  r.condition = std::move(condition);
  return r;
}

TEST(CheckInput, AnswersWinAndTheLogFillsTheRestWithItsSource) {
  LogFacts f;
  f.now_ms = kNow;
  f.records = {Rec(domain::RecordKind::kTemperature, 30, {{"temp_c", 38.4}, {"chills", true}}),
               Rec(domain::RecordKind::kTemperature, 600, {{"temp_c", 37.1}}),
               Rec(domain::RecordKind::kCareAction, 25 * 60, {{"action", "antibiotic_started"}})};
  auto a = AssembleInput(Json{{"current_temp_c", 37.8}, {"symptom_hours", 20}}, f);
  EXPECT_EQ(a.input["current_temp_c"], 37.8);  // her answer, not the log's 38.4
  EXPECT_FALSE(a.provenance.contains("current_temp_c"));
  EXPECT_EQ(a.input["chills"], true);
  EXPECT_EQ(a.input["on_antibiotics"], true);
  EXPECT_DOUBLE_EQ(a.input["antibiotic_hours"].get<double>(), 25.0);
  EXPECT_NE(a.provenance["antibiotic_hours"]["from"].get<std::string>().find("antibiotics started"),
            std::string::npos);
  EXPECT_DOUBLE_EQ(a.input["max_temp_c"].get<double>(), 38.4);
  EXPECT_DOUBLE_EQ(a.input["min_temp_c"].get<double>(), 37.1);
  // A reading older than 4 hours is not "current".
  f.records.erase(f.records.begin());
  auto b = AssembleInput(Json{{"symptom_hours", 20}}, f);
  EXPECT_FALSE(b.input.contains("current_temp_c"));
}

TEST(CheckInput, NappiesCountOnlyWhenNappiesAreLogged) {
  LogFacts f;
  f.now_ms = kNow;
  EXPECT_FALSE(AssembleInput(Json::object(), f).input.contains("infant_wet_nappies_24h"));
  f.records = {Rec(domain::RecordKind::kNappy, 60, {{"wet", true}, {"dirty", false}}),
               Rec(domain::RecordKind::kNappy, 120, {{"wet", false}, {"dirty", true}}),
               Rec(domain::RecordKind::kNappy, 30 * 60, {{"wet", true}, {"dirty", false}}),
               Rec(domain::RecordKind::kInfantConcern, 90, {{"concerns", {"not_latching"}}})};
  auto a = AssembleInput(Json::object(), f);
  EXPECT_EQ(a.input["infant_wet_nappies_24h"], 1);
  EXPECT_EQ(a.input["infant_feeding_effectively"], false);
}

TEST(CheckInput, EarlierEpisodesAtTheSameSideAndTheTrendSinceTheLastCheck) {
  LogFacts f;
  f.now_ms = kNow;
  const Json right = {
      {"affected_side", "right"}, {"focal_tender_area", true}, {"redness_extent", "none"}};
  f.checks = {Check(1, right), Check(20, right), Check(21, right), Check(40, right),
              Check(50, {{"affected_side", "left"}, {"focal_tender_area", true}})};
  f.previous = &f.checks[0];
  Json answers = {{"affected_side", "right"},
                  {"focal_tender_area", true},
                  {"redness_extent", "focal"},
                  {"symptom_hours", 30}};
  auto a = AssembleInput(answers, f);
  // Days 20 and 21 are one episode, day 40 another; day 1 is this episode; the left side is not
  // counted.
  EXPECT_EQ(a.input["prior_episodes_same_site_3_months"], 2);
  EXPECT_EQ(a.input["trend"], "worsening");  // redness appeared since the last check
  answers["trend"] = "improving";
  EXPECT_EQ(AssembleInput(answers, f).input["trend"], "improving");  // she said so
}

TEST(CheckInput, DaysPostpartumFromTheProfile) {
  const int64_t day = kNow / kDayMs;
  Json p = {{"baby_birth_date", FormatDate(static_cast<int32_t>(day - 9))}};
  EXPECT_EQ(DaysPostpartum(p, kNow), 9);
  EXPECT_EQ(DaysPostpartum(std::nullopt, kNow), std::nullopt);
  LogFacts f;
  f.now_ms = kNow;
  f.profile = Json{{"baby_birth_date", FormatDate(static_cast<int32_t>(day - 20))},
                   {"delivery_type", "caesarean"}};
  auto a = AssembleInput(Json::object(), f);
  EXPECT_EQ(a.input["days_postpartum"], 20);
  EXPECT_EQ(a.input["caesarean_or_surgery_last_6_weeks"], true);
}

}  // namespace
}  // namespace tia::app
