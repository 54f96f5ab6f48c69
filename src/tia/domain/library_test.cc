// The library's pure pieces: Vietnamese folding and ranking, safe Markdown, the review workflow.
#include <gtest/gtest.h>

#include "tia/base/time.h"
#include "tia/domain/article.h"
#include "tia/domain/markdown.h"
#include "tia/domain/pregnancy.h"
#include "tia/domain/question.h"
#include "tia/domain/search_text.h"

namespace tia::domain {
namespace {

using Strings = std::vector<std::string>;

TEST(SearchText, FoldsTonesAndTheVietnameseD) {
  EXPECT_EQ(Folded("Tắc tia sữa: ĐAU"), "tac tia sua: dau");
  EXPECT_EQ(Tokens("đường, Đường; dương"), (Strings{"duong", "duong", "duong"}));
  EXPECT_EQ(Tokens("Ức chế, ưu tiên - Ở cữ 39°C"),
            (Strings{"uc", "che", "uu", "tien", "o", "cu", "39", "c"}));
  // Decomposed input (NFD, as some keyboards send it) folds the same.
  EXPECT_EQ(Tokens("ta\xCC\x86\xCC\x81"
                   "c"),
            (Strings{"tac"}));
  EXPECT_EQ(ExactWords("Tắc TIA sữa"), (Strings{"tắc", "tia", "sữa"}));
  EXPECT_EQ(IndexText("  Đau   vú!  "), "dau vu");
}

TEST(SearchText, FindsWithoutDiacriticsAndRanksHerDiacriticsFirst) {
  const SearchQuery plain = ParseQuery("tac tia sua");
  EXPECT_GT(SearchScore(plain, "Tắc tia sữa", "", ""), 0);
  EXPECT_EQ(SearchScore(plain, "Sữa mẹ", "", "tia"), 0) << "every word must match";
  const SearchQuery d = ParseQuery("dau");
  EXPECT_GT(SearchScore(d, "Đau vú", "", ""), 0);
  const SearchQuery road = ParseQuery("đường");
  // duong, dương, đương and đường are different words: the one she typed ranks first.
  const double exact = SearchScore(road, "Đường huyết", "", "");
  const double other = SearchScore(road, "Dương tính", "", "");
  EXPECT_GT(other, 0);
  EXPECT_GT(exact, other);
  // Title above summary above body.
  const SearchQuery lump = ParseQuery("cục");
  EXPECT_GT(SearchScore(lump, "Cục ở vú", "", ""), SearchScore(lump, "Vú", "Cục ở vú", ""));
  EXPECT_GT(SearchScore(lump, "Vú", "Cục ở vú", ""), SearchScore(lump, "Vú", "", "Cục ở vú"));
}

TEST(SearchText, TheLastWordIsAPrefixAsSheTypes) {
  const SearchQuery q = ParseQuery("tac ti");
  EXPECT_EQ(q.tokens, (Strings{"tac", "ti"}));
  EXPECT_GT(SearchScore(q, "Tắc tia sữa", "", ""), 0);
  EXPECT_GT(SearchScore(q, "Tắc tia sữa", "", ""),
            SearchScore(ParseQuery("ta ti"), "Tắc tia sữa", "", ""));
  EXPECT_TRUE(ParseQuery(" ,.; ").tokens.empty());
  EXPECT_EQ(ParseQuery("a b c d e f g h i j", 8).tokens.size(), 8u);
}

TEST(SearchText, SnippetsStartNearTheHit) {
  const std::string text = std::string(300, 'x') + " tắc tia sữa là khi " + std::string(300, 'y');
  const std::string s = Snippet(ParseQuery("tac"), text, 80);
  EXPECT_NE(s.find("tắc tia sữa"), std::string::npos) << s;
  EXPECT_LE(s.size(), 80u + 2 * sizeof("… "));
}

TEST(Markdown, RendersCommonMarkAndDropsWhatIsNotSafe) {
  EXPECT_EQ(MarkdownToHtml("# Signs\n\nCold **helps**.\n\n### Why"),
            "<h2>Signs</h2>\n<p>Cold <strong>helps</strong>.</p>\n<h3>Why</h3>\n");
  const std::string evil = MarkdownToHtml(
      "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)> "
      "![i](data:text/html;base64,PHNjcmlwdD4=)");
  EXPECT_EQ(evil.find("<script"), std::string::npos) << evil;
  EXPECT_EQ(evil.find("javascript:"), std::string::npos) << evil;
  EXPECT_EQ(evil.find("onerror"), std::string::npos) << evil;
  EXPECT_EQ(evil.find("data:text/html"), std::string::npos) << evil;
  EXPECT_NE(MarkdownToHtml("[NHS](https://www.nhs.uk/)").find("href=\"https://www.nhs.uk/\""),
            std::string::npos);
  EXPECT_EQ(MarkdownToText("## Đau *vú*\n\n- lạnh"), "Đau vú\n\n  - lạnh\n");
}

TEST(ArticleWorkflow, OnlyTheTableTransitions) {
  using S = ArticleStatus;
  using A = ArticleAction;
  EXPECT_EQ(*Transition(S::kDraft, A::kSubmit), S::kInReview);
  EXPECT_EQ(*Transition(S::kInReview, A::kReturn), S::kDraft);
  EXPECT_EQ(*Transition(S::kInReview, A::kApprove), S::kApproved);
  EXPECT_EQ(*Transition(S::kApproved, A::kPublish), S::kPublished);
  EXPECT_EQ(*Transition(S::kPublished, A::kSupersede), S::kSuperseded);
  for (A a : {A::kSubmit, A::kReturn, A::kApprove, A::kPublish}) {
    auto r = Transition(S::kPublished, a);
    ASSERT_FALSE(r) << "a published version never changes";
    EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  }
  EXPECT_FALSE(Transition(S::kDraft, A::kApprove));
  EXPECT_FALSE(Transition(S::kDraft, A::kPublish));
  EXPECT_FALSE(Transition(S::kSuperseded, A::kPublish));
  for (auto name : {"draft", "in_review", "approved", "published", "superseded"}) {
    EXPECT_EQ(StatusName(*ParseArticleStatus(name)), name);
  }
  EXPECT_FALSE(ParseArticleStatus("deleted"));
}

TEST(ArticleWorkflow, MetaNamesTheFieldItRefuses) {
  Json ok = {
      {"slug", "tac-tia-sua"},          {"kind", "article"}, {"topic", "breast-problems"},
      {"audience", "mother"},           {"tags", {"vú"}},    {"condition", "ductal_narrowing"},
      {"related", {"ngua-tac-tia-sua"}}};
  ASSERT_TRUE(ValidateArticleMeta(ok)) << ValidateArticleMeta(ok).error().message;
  auto field = [&](const Json& j) { return ValidateArticleMeta(j).error().field; };
  Json j = ok;
  j["slug"] = "Tắc";
  EXPECT_EQ(field(j), "/slug");
  j = ok;
  j["slug"] = "search";
  EXPECT_EQ(field(j), "/slug");
  j = ok;
  j["topic"] = "gossip";
  EXPECT_EQ(field(j), "/topic");
  j = ok;
  j["related"] = {"tac-tia-sua"};
  EXPECT_EQ(field(j), "/related/0");
  j = ok;
  j["extra"] = 1;
  EXPECT_EQ(field(j), "/extra");
  j = ok;
  j["kind"] = "week";
  EXPECT_EQ(field(j), "/week");
  j["slug"] = "pregnancy-week-20";
  j["week"] = {{"stage", "pregnancy"}, {"number", 3}};
  EXPECT_EQ(field(j), "/week/number");
  j["week"] = {{"stage", "postpartum"}, {"number", 13}};
  EXPECT_EQ(field(j), "/week/number");
  j["week"] = {{"stage", "pregnancy"}, {"number", 20}};
  EXPECT_TRUE(ValidateArticleMeta(j));
  j["week"]["number"] = 21;
  EXPECT_EQ(field(j), "/slug");
}

TEST(ArticleWorkflow, ContentAndReferences) {
  Json c = {
      {"texts", {{"vi", {{"title", "Tắc tia sữa"}, {"summary", "Tóm tắt"}, {"body", "Nội dung"}}}}},
      {"references",
       {{{"title", "ABM #36"}, {"url", "https://abm.example/36"}, {"accessed", "2026-11-01"}}}}};
  auto ok = ValidateVersionContent(c);
  ASSERT_TRUE(ok) << ok.error().field << " " << ok.error().message;
  EXPECT_EQ((*ok)["references"][0]["accessed"], "2026-11-01");
  auto field = [](const Json& j) { return ValidateVersionContent(j).error().field; };
  Json j = c;
  j["texts"]["vi"]["title"] = "  ";
  EXPECT_EQ(field(j), "/texts/vi/title");
  j = c;
  j["texts"]["fr"] = j["texts"]["vi"];
  EXPECT_EQ(field(j), "/texts/fr");
  j = c;
  j["texts"] = Json::object();
  EXPECT_EQ(field(j), "/texts");
  j = c;
  j["references"][0]["url"] = "javascript:alert(1)";
  EXPECT_EQ(field(j), "/references/0/url");
  j = c;
  j["references"][0].erase("accessed");
  EXPECT_EQ(field(j), "/references/0/accessed");
}

TEST(ArticleWorkflow, ReviewDueAtMostThreeYearsOn) {
  const Json content = {{"texts", {{"vi", Json::object()}}}};
  const int32_t today = *ParseDate("2026-02-28");
  auto a = ValidateApproval({{"languages", {"vi"}}}, content, today);
  ASSERT_TRUE(a);
  EXPECT_EQ((*a)["next_review_due"], "2029-02-28");
  EXPECT_EQ(*ValidateApproval({{"languages", {"vi"}}}, content, *ParseDate("2028-02-29")),
            (Json{{"languages", {"vi"}}, {"next_review_due", "2031-02-28"}}));
  EXPECT_TRUE(
      ValidateApproval({{"languages", {"vi"}}, {"next_review_due", "2029-02-28"}}, content, today));
  EXPECT_EQ(
      ValidateApproval({{"languages", {"vi"}}, {"next_review_due", "2029-03-01"}}, content, today)
          .error()
          .field,
      "/next_review_due");
  EXPECT_EQ(
      ValidateApproval({{"languages", {"vi"}}, {"next_review_due", "2026-02-28"}}, content, today)
          .error()
          .field,
      "/next_review_due");
  EXPECT_EQ(ValidateApproval({{"languages", {"en"}}}, content, today).error().field,
            "/languages/0");
  EXPECT_EQ(ValidateApproval({{"languages", Json::array()}}, content, today).error().field,
            "/languages");
}

TEST(ArticleWorkflow, LineDiff) {
  const Json d = LineDiff("a\nheat helps\nc", "a\ncold helps\nc\nd");
  ASSERT_EQ(d.size(), 5u);
  EXPECT_EQ(d[0], (Json{{"op", " "}, {"line", "a"}}));
  EXPECT_EQ(d[1]["op"], "+");
  EXPECT_EQ(d[1]["line"], "cold helps");
  EXPECT_EQ(d[2]["op"], "-");
  EXPECT_EQ(d[2]["line"], "heat helps");
  EXPECT_EQ(d[4], (Json{{"op", "+"}, {"line", "d"}}));
}

Dates On(std::optional<int32_t> due, std::optional<int32_t> last_period = std::nullopt,
         std::optional<int32_t> birth = std::nullopt) {
  Dates d;
  d.due = due;
  d.last_period = last_period;
  d.birth = birth;
  return d;
}

// research/knowledge-programme-interop.md (c): EDD = LMP + 280; 186 days is 26 weeks 4 days.
TEST(Pregnancy, GestationalAgeFromTheLastPeriodOrTheDueDate) {
  const int32_t lmp = *ParseDate("2026-06-04");
  const int32_t today = lmp + 186;
  auto by_lmp = StageOn(today, On(std::nullopt, lmp));
  ASSERT_TRUE(by_lmp);
  EXPECT_EQ(by_lmp->stage, Stage::kPregnancy);
  EXPECT_EQ(by_lmp->weeks, 26);
  EXPECT_EQ(by_lmp->days, 4);
  EXPECT_EQ(by_lmp->card_week, 26);
  EXPECT_EQ(by_lmp->due, lmp + 280);
  EXPECT_EQ(FormatDate(by_lmp->due), "2027-03-11");
  EXPECT_EQ(by_lmp->dated_from, "last_period");
  // The same pregnancy dated by its due date gives the same age.
  auto by_due = StageOn(today, On(lmp + 280));
  ASSERT_TRUE(by_due);
  EXPECT_EQ(by_due->day_count, 186);
  EXPECT_EQ(by_due->dated_from, "due_date");
  // A due date wins over a period that disagrees with it (the scan dates the pregnancy).
  auto both = StageOn(today, On(lmp + 287, lmp));
  EXPECT_EQ(both->weeks, 25);
  EXPECT_EQ(both->days, 4);
}

TEST(Pregnancy, WeekBoundariesAndTheCardsRange) {
  const int32_t due = *ParseDate("2027-04-20");
  auto at = [&](int ga_days) { return StageOn(due - 280 + ga_days, On(due)); };
  // 20 weeks 3 days reads the week-20 card; 20w6d still does; 21w0d moves on.
  EXPECT_EQ(at(143)->card_week, 20);
  EXPECT_EQ(at(143)->days, 3);
  EXPECT_EQ(at(146)->card_week, 20);
  EXPECT_EQ(at(147)->card_week, 21);
  EXPECT_EQ(at(147)->days, 0);
  // The first card is week 4; 3w6d has none yet.
  EXPECT_EQ(at(27)->card_week, std::nullopt);
  EXPECT_EQ(at(28)->card_week, 4);
  // Week 42 is the last; from 43w0d there is no card until the birth is recorded.
  EXPECT_EQ(at(42 * 7 + 6)->card_week, 42);
  EXPECT_EQ(at(43 * 7)->card_week, std::nullopt);
  EXPECT_EQ(at(43 * 7)->weeks, 43);
  // Day 0 of the pregnancy is dated; before it there is nothing to show.
  EXPECT_EQ(at(0)->weeks, 0);
  EXPECT_FALSE(at(-1));
  EXPECT_FALSE(StageOn(due, On(std::nullopt)));
}

TEST(Pregnancy, AfterTheBirthTheClockCountsPostpartumWeeks) {
  const int32_t birth = *ParseDate("2026-11-30");
  const Dates d = On(birth + 10, std::nullopt, birth);
  auto at = [&](int day) { return StageOn(birth + day, d); };
  EXPECT_EQ(at(0)->stage, Stage::kPostpartum);
  EXPECT_EQ(at(0)->card_week, 1);
  EXPECT_EQ(at(6)->card_week, 1);
  EXPECT_EQ(at(7)->card_week, 2);
  EXPECT_EQ(at(7)->weeks, 1);
  EXPECT_EQ(at(7)->days, 0);
  EXPECT_EQ(at(83)->card_week, 12);
  EXPECT_EQ(at(84)->card_week, std::nullopt);
  EXPECT_EQ(at(84)->dated_from, "birth");
  // A birth date in the future (a typo) does not end the pregnancy early.
  auto before = StageOn(birth - 1, d);
  EXPECT_EQ(before->stage, Stage::kPregnancy);
}

TEST(Questions, WarningWordsAndPersonalDetailsAreHeldWithOrWithoutDiacritics) {
  EXPECT_EQ(ScreenQuestion("Mẹ bị sốt 39 độ, có mủ ở vú"), (Strings{"fever", "pus"}));
  EXPECT_EQ(ScreenQuestion("me bi sot 39 do, co mu o vu"), (Strings{"fever", "pus"}));
  EXPECT_EQ(ScreenQuestion("Nhiệt độ 38,5°C có sao không?"), (Strings{"fever"}));
  EXPECT_EQ(ScreenQuestion("Sữa có lẫn máu thì sao?"), (Strings{"blood"}));
  EXPECT_EQ(ScreenQuestion("Vú có cục cứng"), (Strings{"lump"}));
  EXPECT_EQ(ScreenQuestion("Bé nhà em bỏ bú từ sáng"),
            (Strings{"baby_not_feeding", "personal_health"}));
  EXPECT_EQ(ScreenQuestion("My baby won't feed and my breast is red"),
            (Strings{"baby_not_feeding", "personal_health"}));
  EXPECT_EQ(ScreenQuestion("Gọi cho tôi: 0912 345 678"), (Strings{"contact_details"}));
  EXPECT_EQ(ScreenQuestion("write to lan@example.org"), (Strings{"contact_details"}));
  // Everyday words that fold like warning words are not held: "mau" (quick) is not "máu".
  EXPECT_EQ(ScreenQuestion("Làm sao để sữa về mau hơn?"), Strings{});
  EXPECT_EQ(ScreenQuestion("Chườm lạnh bao lâu thì đủ?"), Strings{});
  EXPECT_EQ(ScreenQuestion("How long should a cold pack stay on?"), Strings{});
  EXPECT_EQ(ScreenQuestion("Tuần 39 có nên đi bộ nhiều không?"), Strings{});
}

TEST(Questions, ModerationTransitions) {
  EXPECT_EQ(*QuestionTransition(QuestionStatus::kPending, "approve"), QuestionStatus::kApproved);
  EXPECT_EQ(*QuestionTransition(QuestionStatus::kApproved, "reject"), QuestionStatus::kRejected);
  EXPECT_EQ(*QuestionTransition(QuestionStatus::kSpam, "approve"), QuestionStatus::kApproved);
  EXPECT_EQ(QuestionTransition(QuestionStatus::kApproved, "approve").error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(QuestionTransition(QuestionStatus::kPending, "publish").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(ParseQuestionStatus("spam"), QuestionStatus::kSpam);
  EXPECT_EQ(ParseQuestionStatus("held"), std::nullopt);
}

}  // namespace
}  // namespace tia::domain
