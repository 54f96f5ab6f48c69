#include "tia/domain/zalo.h"

#include <gtest/gtest.h>

namespace tia::domain::zalo {
namespace {

Json Reminder() {
  return {{"template_id", "231245"},
          {"text", "Chào <name>, bạn có lịch hẹn tại <hospital> lúc <time>."},
          {"params",
           {{"name", {{"value", "name"}, {"max", 30}}},
            {"hospital", {{"value", "hospital"}, {"max", 100}}},
            {"time", {{"value", "time"}, {"max", 20}}}}}};
}

Json WithTemplate(const Json& t) {
  return {{"enabled", true}, {"access_token", "tok-123"}, {"templates", {{"reminder", t}}}};
}

std::string FieldOf(const Json& body) {
  auto r = ValidateSettings(body);
  return r ? "" : r.error().field;
}

TEST(Zalo, SettingsAreCanonicalAndKeepTheTokenApart) {
  auto s = ValidateSettings(WithTemplate(Reminder()));
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->token, "tok-123");
  EXPECT_FALSE(s->body.contains("access_token"));
  EXPECT_EQ(s->body["templates"]["reminder"]["params"]["time"]["max"], 20);
  EXPECT_TRUE(s->body["enabled"].get<bool>());
}

TEST(Zalo, EachMistakeNamesItsField) {
  Json t = Reminder();
  t["params"].erase("time");  // the text has <time>
  EXPECT_EQ(FieldOf(WithTemplate(t)), "/templates/reminder/params");
  t = Reminder();
  t["params"]["extra"] = {{"value", "name"}, {"max", 10}};  // not in the text
  EXPECT_EQ(FieldOf(WithTemplate(t)), "/templates/reminder/params");
  t = Reminder();
  t["params"]["time"]["value"] = "code";  // a reminder has no code
  EXPECT_EQ(FieldOf(WithTemplate(t)), "/templates/reminder/params/time/value");
  t = Reminder();
  t["params"]["time"]["max"] = 0;
  EXPECT_EQ(FieldOf(WithTemplate(t)), "/templates/reminder/params/time/max");
  t = Reminder();
  t["params"]["hospital"]["max"] = 390;  // with the text, longer than 400 characters
  EXPECT_EQ(FieldOf(WithTemplate(t)), "/templates/reminder/params");
  t = Reminder();
  t["text"] = "Chào <Name>";
  EXPECT_EQ(FieldOf(WithTemplate(t)), "/templates/reminder/text");
  t = Reminder();
  t["template_id"] = "23 12";
  EXPECT_EQ(FieldOf(WithTemplate(t)), "/templates/reminder/template_id");
  Json body = WithTemplate(Reminder());
  body["templates"]["birthday"] = Reminder();  // not a purpose
  EXPECT_EQ(FieldOf(body), "/templates/birthday");
  body = WithTemplate(Reminder());
  body["access_token"] = "two words";
  EXPECT_EQ(FieldOf(body), "/access_token");
}

TEST(Zalo, FillsTheTemplateWithinEachParametersLength) {
  const std::map<std::string, std::string> values = {
      {"name", "Lan"}, {"hospital", "Bệnh viện Từ Dũ"}, {"time", "09:30 12/12/2026"}};
  auto f = Fill(Reminder(), values);
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->template_id, "231245");
  EXPECT_EQ(f->data,
            (Json{{"name", "Lan"}, {"hospital", "Bệnh viện Từ Dũ"}, {"time", "09:30 12/12/2026"}}));
  EXPECT_EQ(f->text, "Chào Lan, bạn có lịch hẹn tại Bệnh viện Từ Dũ lúc 09:30 12/12/2026.");
  // Characters, not bytes: 30 Vietnamese letters fit a 30-character parameter.
  auto many = values;
  many["name"] = "";
  for (int i = 0; i < 30; ++i) many["name"] += "ữ";
  EXPECT_TRUE(Fill(Reminder(), many));
  many["name"] += "a";
  auto too_long = Fill(Reminder(), many);
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().field, "/params/name");
  auto missing = values;
  missing.erase("time");
  EXPECT_EQ(Fill(Reminder(), missing).error().field, "/params/time");
}

TEST(Zalo, OnlyVietnameseNumbersInZalosForm) {
  EXPECT_EQ(ZaloPhone("+84901234567"), "84901234567");
  EXPECT_EQ(ZaloPhone("0901234567"), "84901234567");
  EXPECT_EQ(ZaloPhone("090123456"), std::nullopt);
  EXPECT_EQ(ZaloPhone("+6591234567"), std::nullopt);
  EXPECT_EQ(ZaloPhone("+8490123456"), std::nullopt);
  EXPECT_EQ(ZaloPhone(""), std::nullopt);
}

TEST(Zalo, ErrorCodesSayWhatTheyMean) {
  EXPECT_EQ(MeaningOf(-108), "phone number not valid");
  EXPECT_EQ(MeaningOf(-999), "Zalo error -999");
  EXPECT_TRUE(IsTransient(-100));
  EXPECT_FALSE(IsTransient(-115));
}

}  // namespace
}  // namespace tia::domain::zalo
