#include "tia/domain/maternity.h"

#include <gtest/gtest.h>

#include "tia/domain/pregnancy.h"

namespace tia::domain {
namespace {

int32_t Day(const char* s) { return *ParseDate(s); }

DatingInput In(std::optional<int32_t> due, std::optional<int32_t> lmp,
               std::optional<ScanDating> scan = std::nullopt) {
  DatingInput in;
  in.due = due;
  in.last_period = lmp;
  in.scan = scan;
  return in;
}

Dates Due(int32_t due) {
  Dates d;
  d.due = due;
  return d;
}

TEST(Gestation, ParsesAndFormatsWeeksAndDays) {
  EXPECT_EQ(ParseGestation("26+4"), 186);
  EXPECT_EQ(FormatGestation(186), "26+4");
  EXPECT_EQ(ParseGestation("36"), 252);
  EXPECT_EQ(ParseGestation("44+6"), 314);
  EXPECT_EQ(ParseGestation("45+0"), std::nullopt);
  EXPECT_EQ(ParseGestation("12+7"), std::nullopt);
  EXPECT_EQ(ParseGestation("+3"), std::nullopt);
  EXPECT_EQ(ParseGestation("12+"), std::nullopt);
  EXPECT_EQ(ParseGestation("1a"), std::nullopt);
}

TEST(Dating, LastPeriodGivesTheDueDateAnd186DaysIs26Plus4) {
  const int32_t lmp = Day("2026-06-04");
  auto d = DatePregnancy(In(std::nullopt, lmp));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->due, lmp + 280);
  EXPECT_EQ(d->dated_from, std::string_view("last_period"));
  auto s = StageOn(lmp + 186, Due(d->due));
  EXPECT_EQ(s->weeks, 26);
  EXPECT_EQ(s->days, 4);
}

TEST(Dating, ADueDateWinsOverALastPeriod) {
  auto d = DatePregnancy(In(Day("2027-03-01"), Day("2026-05-01")));
  EXPECT_EQ(d->due, Day("2027-03-01"));
  EXPECT_EQ(d->dated_from, std::string_view("due_date"));
}

TEST(Dating, NothingToDateByNamesTheField) {
  auto d = DatePregnancy(In(std::nullopt, std::nullopt));
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().field, "/due_date");
}

TEST(Dating, AScanAloneDatesThePregnancy) {
  const int32_t scan = Day("2026-12-07");
  auto d = DatePregnancy(In(std::nullopt, std::nullopt, ScanDating{scan, 12 * 7 + 3}));
  EXPECT_EQ(d->due, scan + 280 - 87);
  EXPECT_EQ(d->dated_from, std::string_view("scan"));
}

// The scan re-dates only beyond ACOG CO 700's margin for the age at the scan.
TEST(Dating, TheScanWinsOnlyBeyondTheMarginForItsAge) {
  struct Case {
    int gestation, margin;
  } cases[] = {{8 * 7 + 6, 5},   {9 * 7, 7},   {13 * 7 + 6, 7},  {15 * 7 + 6, 7}, {16 * 7, 10},
               {21 * 7 + 6, 10}, {22 * 7, 14}, {27 * 7 + 6, 14}, {28 * 7, 21}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.gestation);
    EXPECT_EQ(ScanMarginDays(c.gestation), c.margin);
    const int32_t lmp = Day("2026-09-01");
    const int32_t own_due = lmp + 280;
    // The scan measures c.gestation on a day her dates put `margin` days later: her dates stay.
    auto at_margin =
        DatePregnancy(In(std::nullopt, lmp, ScanDating{lmp + c.gestation + c.margin, c.gestation}));
    EXPECT_EQ(at_margin->due, own_due);
    EXPECT_EQ(at_margin->dated_from, std::string_view("last_period"));
    EXPECT_EQ(at_margin->difference_days, c.margin);
    // One day more: the scan wins, either way.
    auto beyond = DatePregnancy(
        In(std::nullopt, lmp, ScanDating{lmp + c.gestation + c.margin + 1, c.gestation}));
    EXPECT_EQ(beyond->due, own_due + c.margin + 1);
    EXPECT_EQ(beyond->dated_from, std::string_view("scan"));
    auto earlier = DatePregnancy(
        In(std::nullopt, lmp, ScanDating{lmp + c.gestation - c.margin - 1, c.gestation}));
    EXPECT_EQ(earlier->due, own_due - c.margin - 1);
  }
}

const PlannedContact* Find(const std::vector<PlannedContact>& cs, const std::string& code) {
  for (const auto& c : cs)
    if (c.code == code) return &c;
  return nullptr;
}

TEST(Schedule, TheDefaultTemplateGivesTheMilestonesOnHerDates) {
  const int32_t due = Day("2027-06-14");
  const int32_t day0 = due - 280;
  auto cs = PlanContacts(DefaultMaternitySettings(), due, 1);
  const auto* nuchal = Find(cs, "nuchal");
  ASSERT_NE(nuchal, nullptr);
  EXPECT_EQ(nuchal->from_date, day0 + 77);
  EXPECT_EQ(nuchal->to_date, day0 + 13 * 7 + 6);
  EXPECT_EQ(nuchal->service_code, "antenatal-scan");
  EXPECT_EQ(Find(cs, "morphology")->from_gestation, 140);
  EXPECT_EQ(Find(cs, "glucose")->to_gestation, 28 * 7 + 6);
  EXPECT_EQ(Find(cs, "ctg-birth-file")->from_date, day0 + 252);
  EXPECT_EQ(BirthFileOpens(DefaultMaternitySettings(), due), day0 + 252);
  for (size_t i = 1; i < cs.size(); ++i) EXPECT_LE(cs[i - 1].from_gestation, cs[i].from_gestation);
}

TEST(Schedule, WeeklyFrom37ThroughWeek41AndNothingAt42) {
  const int32_t due = Day("2027-06-14");
  auto cs = PlanContacts(DefaultMaternitySettings(), due, 1);
  for (int w = 37; w <= 41; ++w) {
    const auto* c = Find(cs, "weekly-" + std::to_string(w));
    ASSERT_NE(c, nullptr) << w;
    EXPECT_EQ(c->from_gestation, w * 7);
    EXPECT_EQ(c->to_gestation, w * 7 + 6);
  }
  EXPECT_EQ(Find(cs, "weekly-42"), nullptr);
  // Week 40+0 is the due date itself; 42+0 is still a pregnancy on the clock (no birth recorded).
  EXPECT_EQ(Find(cs, "weekly-40")->from_date, due);
  auto at42 = StageOn(due + 14, Due(due));
  EXPECT_EQ(at42->weeks, 42);
  EXPECT_EQ(at42->card_week, 42);
}

TEST(Schedule, TwinsGetGrowthScansEveryFourWeeksAndNotTheSingletonOne) {
  const int32_t due = Day("2027-06-14");
  auto twins = PlanContacts(DefaultMaternitySettings(), due, 2);
  EXPECT_EQ(Find(twins, "growth"), nullptr);
  ASSERT_NE(Find(twins, "twin-growth-24"), nullptr);
  EXPECT_EQ(Find(twins, "twin-growth-24")->to_gestation, 27 * 7 + 6);
  ASSERT_NE(Find(twins, "twin-growth-28"), nullptr);
  ASSERT_NE(Find(twins, "twin-growth-32"), nullptr);
  EXPECT_EQ(Find(twins, "twin-growth-32")->to_gestation, 35 * 7 + 6);
  EXPECT_EQ(Find(twins, "twin-growth-36"), nullptr);
  auto one = PlanContacts(DefaultMaternitySettings(), due, 1);
  EXPECT_NE(Find(one, "growth"), nullptr);
  EXPECT_EQ(Find(one, "twin-growth-24"), nullptr);
}

TEST(Settings, TheDefaultIsValidAndErrorsNameTheField) {
  auto ok = ValidateMaternitySettings(DefaultMaternitySettings());
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(*ok, DefaultMaternitySettings());
  Json bad = DefaultMaternitySettings();
  bad["antenatal_schedule"][2]["to"] = "10+0";
  EXPECT_EQ(ValidateMaternitySettings(bad).error().field, "/antenatal_schedule/2/to");
  bad = DefaultMaternitySettings();
  bad["antenatal_schedule"][1]["code"] = "confirm";
  EXPECT_EQ(ValidateMaternitySettings(bad).error().field, "/antenatal_schedule/1/code");
  bad = DefaultMaternitySettings();
  bad["postnatal"]["reexamination_day"] = 60;
  EXPECT_EQ(ValidateMaternitySettings(bad).error().field, "/postnatal/reexamination_day");
}

Json Package() {
  return {{"code", "painless"},
          {"kind", "birth"},
          {"name", {{"vi", "Sinh không đau"}, {"en", "Painless birth"}}},
          {"price_vnd", 18000000},
          {"deposit_vnd", 10000000},
          {"entitlements",
           {{{"kind", "antenatal_visit"},
             {"label", {{"vi", "Khám thai"}, {"en", "Antenatal visits"}}},
             {"count", 2},
             {"service_codes", {"antenatal-visit"}}},
            {{"kind", "scan"},
             {"label", {{"vi", "Siêu âm"}, {"en", "Scans"}}},
             {"count", 1},
             {"service_codes", {"antenatal-scan", "antenatal-visit"}}},
            {{"kind", "room"},
             {"label", {{"vi", "Phòng 1 giường"}, {"en", "Single room"}}},
             {"count", 1},
             {"beds", 1},
             {"nights", 3}}}},
          {"excluded", {{{"vi", "Thuốc ngoài danh mục"}, {"en", "Medicines outside the list"}}}}};
}

TEST(Packages, ValidateAndCountWhatIsUsed) {
  auto p = ValidatePackage(Package());
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ((*p)["active"], true);
  auto use = UsageOf(*p, {"antenatal-visit", "antenatal-visit", "antenatal-visit"});
  EXPECT_EQ(use[0].used, 2);
  EXPECT_EQ(use[1].used, 1);  // the third visit takes the entitlement that also lists it
  EXPECT_EQ(use[2].used, 0);
  EXPECT_TRUE(InPackage(*p, {"antenatal-visit"}, "antenatal-visit"));
  EXPECT_FALSE(
      InPackage(*p, {"antenatal-visit", "antenatal-visit", "antenatal-scan"}, "antenatal-visit"));
  EXPECT_FALSE(InPackage(*p, {}, "lactation"));
}

TEST(Packages, CourseEnrolmentsTakeTheClassEntitlementsOnly) {
  Json body = Package();
  body["entitlements"].push_back({{"kind", "class"},
                                  {"label", {{"vi", "Lớp tiền sản"}, {"en", "Antenatal classes"}}},
                                  {"count", 1}});
  auto p = ValidatePackage(body);
  ASSERT_TRUE(p) << p.error().message;
  auto use = UsageOf(*p, {kClassEnrolment, "antenatal-visit", kClassEnrolment});
  EXPECT_EQ(use[0].used, 1);
  EXPECT_EQ(use[1].used, 0);  // an enrolment never takes a visit's or a scan's place
  EXPECT_EQ(use[3].used, 1);  // the second enrolment finds the one class used
  // Without a class entitlement, an enrolment uses nothing.
  EXPECT_EQ(UsageOf(ValidatePackage(Package()).value(), {kClassEnrolment})[0].used, 0);
}

TEST(Packages, ErrorsNameTheField) {
  Json bad = Package();
  bad["name"].erase("en");
  EXPECT_EQ(ValidatePackage(bad).error().field, "/name/en");
  bad = Package();
  bad["deposit_vnd"] = 20000000;
  EXPECT_EQ(ValidatePackage(bad).error().field, "/deposit_vnd");
  bad = Package();
  bad["entitlements"][0]["beds"] = 2;
  EXPECT_EQ(ValidatePackage(bad).error().field, "/entitlements/0/beds");
  bad = Package();
  bad["code"] = "Painless Birth";
  EXPECT_EQ(ValidatePackage(bad).error().field, "/code");
}

Json Registration() {
  return {{"last_period_date", "2026-09-14"},
          {"package_id", "0b7f0a52-6a43-4f6e-9a4c-2d8f7a9d1c11"},
          {"contact", {{"phone", "0901 234 567"}}},
          {"consent", {{"programme", true}, {"version", "programme-2026-12"}}}};
}

TEST(Registration, ValidatesDatesContactAndConsent) {
  const int32_t today = Day("2026-12-07");
  auto ok = ValidateRegistration(Registration(), today);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ((*ok)["contact"]["phone"], "0901234567");
  EXPECT_EQ((*ok)["fetuses"], 1);
  Json bad = Registration();
  bad.erase("last_period_date");
  EXPECT_EQ(ValidateRegistration(bad, today).error().field, "/due_date");
  bad = Registration();
  bad["consent"]["programme"] = false;
  EXPECT_EQ(ValidateRegistration(bad, today).error().field, "/consent/programme");
  bad = Registration();
  bad["scan"] = {{"date", "2026-12-08"}, {"gestation", "12+0"}};
  EXPECT_EQ(ValidateRegistration(bad, today).error().field, "/scan/date");
  bad = Registration();
  bad["last_period_date"] = "2026-12-08";
  EXPECT_EQ(ValidateRegistration(bad, today).error().field, "/last_period_date");
  bad = Registration();
  bad["fetuses"] = 5;
  EXPECT_EQ(ValidateRegistration(bad, today).error().field, "/fetuses");
}

TEST(Birth, ValidatesBabiesAndTime) {
  const int64_t now = ParseRfc3339("2027-06-10T08:00:00+07:00")->utc_ms;
  Json b = {{"born_at", "2027-06-10T03:10:00+07:00"},
            {"mode", "vaginal"},
            {"babies", {{{"weight_g", 2650}, {"sex", "female"}}, {{"weight_g", 2480}}}}};
  auto ok = ValidateBirth(b, now);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ((*ok)["babies"].size(), 2u);
  Json bad = b;
  bad["babies"][1]["weight_g"] = 100;
  EXPECT_EQ(ValidateBirth(bad, now).error().field, "/babies/1/weight_g");
  bad = b;
  bad["born_at"] = "2027-06-10T09:00:00+07:00";
  EXPECT_EQ(ValidateBirth(bad, now).error().field, "/born_at");
  bad = b;
  bad["babies"] = Json::array();
  EXPECT_EQ(ValidateBirth(bad, now).error().field, "/babies");
}

Json Course() {
  return {{"title", {{"vi", "Lớp tiền sản số 66"}, {"en", "Antenatal course 66"}}},
          {"cohort", {{"due_from", "2027-06-01"}, {"due_to", "2027-06-30"}}},
          {"sessions",
           {{{"title", {{"vi", "Chuyển dạ"}, {"en", "Labour"}}},
             {"start", "2027-03-06T09:00:00+07:00"},
             {"end", "2027-03-06T11:00:00+07:00"},
             {"room_seats", 40},
             {"online_seats", 100},
             {"online_url", "https://meet.example.org/lop-66"}},
            {{"title", {{"vi", "Chăm sóc bé"}, {"en", "Caring for the baby"}}},
             {"start", "2027-03-13T09:00:00+07:00"},
             {"end", "2027-03-13T11:00:00+07:00"},
             {"room_seats", 40},
             {"min_to_run", 5}}}}};
}

TEST(Courses, ValidateSessionsInOrderWithTheirPools) {
  auto c = ValidateCourse(Course());
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->sessions.size(), 2u);
  EXPECT_EQ(c->sessions[0].online_seats, 100);
  EXPECT_EQ(c->sessions[1].min_to_run, 5);
  EXPECT_EQ(c->body["companions_allowed"], 1);
  EXPECT_EQ(c->body["cohort"]["due_to"], "2027-06-30");
  Json bad = Course();
  bad["sessions"][1]["start"] = "2027-03-06T10:00:00+07:00";
  bad["sessions"][1]["end"] = "2027-03-06T12:00:00+07:00";
  EXPECT_EQ(ValidateCourse(bad).error().field, "/sessions/1/start");
  bad = Course();
  bad["sessions"][0].erase("online_url");
  EXPECT_EQ(ValidateCourse(bad).error().field, "/sessions/0/online_url");
  bad = Course();
  bad["sessions"][1]["room_seats"] = 0;
  EXPECT_EQ(ValidateCourse(bad).error().field, "/sessions/1/room_seats");
  bad = Course();
  bad["cohort"]["due_to"] = "2027-05-01";
  EXPECT_EQ(ValidateCourse(bad).error().field, "/cohort/due_to");
}

TEST(Courses, ACompanionTakesASeatInTheRoomNotOnline) {
  EXPECT_EQ(SeatsFor("room", 0), 1);
  EXPECT_EQ(SeatsFor("room", 1), 2);
  EXPECT_EQ(SeatsFor("online", 2), 1);
}

TEST(Courses, PromotionTakesWaitingRequestsInOrderThatFit) {
  EXPECT_EQ(Promote(2, {2, 1, 1}), (std::vector<size_t>{0}));
  EXPECT_EQ(Promote(2, {3, 1, 1}), (std::vector<size_t>{1, 2}));
  EXPECT_EQ(Promote(0, {1}), (std::vector<size_t>{}));
  EXPECT_EQ(Promote(5, {}), (std::vector<size_t>{}));
}

}  // namespace
}  // namespace tia::domain
