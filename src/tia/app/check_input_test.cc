#include "tia/app/check_input.h"

#include <gtest/gtest.h>

namespace tia::app {
namespace {

constexpr int64_t kNow = 1'800'000'000'000;

domain::StoredRecord Rec(domain::RecordKind k, int64_t minutes_ago, Json body) {
  return {k, Timestamp{kNow - minutes_ago * kMinuteMs, 0}, std::move(body)};
}

storage::SymptomCheckRow Check(int64_t days_ago, const Json& input,
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

TEST(CheckInput, EarlierEpisodesAtTheSameSideAndNoGuessedTrend) {
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
  // The trend is hers to say (paracetamol lowers a reading; a skipped question is not "better").
  EXPECT_FALSE(a.input.contains("trend"));
  EXPECT_FALSE(a.provenance.contains("trend"));
  answers["trend"] = "improving";
  EXPECT_EQ(AssembleInput(answers, f).input["trend"], "improving");  // she said so
}

TEST(CheckInput, DaysAreCountedInHerCalendar) {
  // 2026-12-05T17:05Z is 00:05 on 6 December in Ha Noi: a baby born on 24 November is 12 days old
  // there, though UTC's date still says 11.
  const int64_t now = ParseRfc3339("2026-12-05T17:05:00Z")->utc_ms;
  EXPECT_EQ(DaysPostpartum(Json{{"baby_birth_date", "2026-11-24"}}, now), 12);
  EXPECT_EQ(
      DaysPostpartum(Json{{"baby_birth_date", "2026-11-24"}, {"time_zone", "Europe/London"}}, now),
      11);
}

TEST(CheckInput, TheProfileAnswersWhatIsAskedOnce) {
  LogFacts f;
  f.now_ms = kNow;
  const int32_t today = domain::LocalDateOf(ZoneOfProfile(std::nullopt), kNow);
  f.profile = Json{{"breastfeeding", false},
                   {"diabetes", true},
                   {"breast_surgery", true},
                   {"breast_surgery_date", FormatDate(today - 100)}};
  auto a = AssembleInput(Json::object(), f);
  EXPECT_EQ(a.input["lactating"], false);
  EXPECT_EQ(a.input["immunocompromised_or_diabetes"], true);
  EXPECT_EQ(a.input["breast_implant_or_breast_surgery_last_12_months"], true);
  EXPECT_NE(a.provenance["lactating"]["from"].get<std::string>().find("profile"),
            std::string::npos);
  // Surgery more than a year ago does not count; surgery with no date does (the safe reading).
  (*f.profile)["breast_surgery_date"] = FormatDate(today - 400);
  EXPECT_EQ(
      AssembleInput(Json::object(), f).input["breast_implant_or_breast_surgery_last_12_months"],
      false);
  f.profile->erase("breast_surgery_date");
  EXPECT_EQ(
      AssembleInput(Json::object(), f).input["breast_implant_or_breast_surgery_last_12_months"],
      true);
  // Her answer wins over the profile.
  EXPECT_EQ(AssembleInput(Json{{"lactating", true}}, f).input["lactating"], true);
  // Nothing said: nothing supplied.
  f.profile = Json::object();
  auto none = AssembleInput(Json::object(), f);
  EXPECT_FALSE(none.input.contains("lactating"));
  EXPECT_FALSE(none.input.contains("immunocompromised_or_diabetes"));
}

TEST(CheckInput, TheBabysWeightAgainstTheBirthWeight) {
  LogFacts f;
  f.now_ms = kNow;
  EXPECT_FALSE(AssembleInput(Json::object(), f).input.contains("infant_weight_loss_percent"));
  f.infants = {{"a", {{"birth_weight_g", 3200}}}};
  f.records = {Rec(domain::RecordKind::kInfantWeight, 3 * 24 * 60, {{"weight_g", 2850}}),
               Rec(domain::RecordKind::kInfantWeight, 60, {{"weight_g", 2880}})};
  auto a = AssembleInput(Json::object(), f);
  // The latest weighing: (3200 - 2880) / 3200 = 10.0 %.
  EXPECT_DOUBLE_EQ(a.input["infant_weight_loss_percent"].get<double>(), 10.0);
  EXPECT_NE(a.provenance["infant_weight_loss_percent"]["from"].get<std::string>().find("3200 g"),
            std::string::npos);
  // Twins: the baby furthest below the birth weight counts.
  f.infants = {{"a", {{"birth_weight_g", 3200}}}, {"b", {{"birth_weight_g", 3000}}}};
  f.records = {
      Rec(domain::RecordKind::kInfantWeight, 60, {{"infant_id", "a"}, {"weight_g", 3300}}),
      Rec(domain::RecordKind::kInfantWeight, 50, {{"infant_id", "b"}, {"weight_g", 2670}})};
  EXPECT_DOUBLE_EQ(
      AssembleInput(Json::object(), f).input["infant_weight_loss_percent"].get<double>(), 11.0);
  // A weight far above birth weight reads as the floor of the accepted range.
  f.infants = {{"a", {{"birth_weight_g", 3000}}}};
  f.records = {
      Rec(domain::RecordKind::kInfantWeight, 60, {{"infant_id", "a"}, {"weight_g", 6500}})};
  EXPECT_DOUBLE_EQ(
      AssembleInput(Json::object(), f).input["infant_weight_loss_percent"].get<double>(), -50.0);
  // Her answer wins.
  EXPECT_EQ(
      AssembleInput(Json{{"infant_weight_loss_percent", 2}}, f).input["infant_weight_loss_percent"],
      2);
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

TEST(CheckInput, LogSuppliedFieldsIsWhatTheLogAndProfileCanFill) {
  // A log rich enough that every source speaks at once.
  LogFacts f;
  f.now_ms = kNow;
  const int32_t today = domain::LocalDateOf(ZoneOfProfile(std::nullopt), kNow);
  f.profile = Json{{"baby_birth_date", FormatDate(today - 10)},
                   {"delivery_type", "caesarean"},
                   {"breastfeeding", true},
                   {"diabetes", false},
                   {"breast_implants", true}};
  f.infants = {{"a", {{"birth_weight_g", 3200}}}};
  f.records = {
      Rec(domain::RecordKind::kBreastCheck, 30,
          {{"left",
            {{"pain", 4},
             {"locations", {{{"clock", 2}}}},
             {"redness", "focal"},
             {"lump", {{"feel", "tender_firm"}, {"size_cm", 2}}},
             {"nipple", {"cracked", "white_spot"}},
             {"blood_in_milk", true}}}}),
      Rec(domain::RecordKind::kTemperature, 20,
          {{"temp_c", 38.4},
           {"chills", true},
           {"rigors", true},
           {"flu_like_aches", true},
           {"feels_very_unwell", true}}),
      Rec(domain::RecordKind::kCareAction, 25 * 60, {{"action", "antibiotic_started"}}),
      Rec(domain::RecordKind::kCareAction, 10 * 60, {{"action", "cold_pack"}}),
      Rec(domain::RecordKind::kNappy, 120, {{"wet", true}}),
      Rec(domain::RecordKind::kInfantConcern, 90, {{"concerns", {"not_latching", "yellow"}}}),
      Rec(domain::RecordKind::kInfantWeight, 60, {{"weight_g", 3000}})};
  f.checks = {
      Check(5, {{"affected_side", "left"}, {"focal_tender_area", true}}, "inflammatory_mastitis")};
  auto a = AssembleInput(Json{{"symptom_hours", 30}}, f);
  std::set<std::string> got;
  for (auto it = a.provenance.begin(); it != a.provenance.end(); ++it) got.insert(it.key());
  EXPECT_EQ(got, LogSuppliedFields());
}

}  // namespace
}  // namespace tia::app
