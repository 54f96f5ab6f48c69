// tia/domain/article.h — the health library's articles: what an article and a version are, the
// review workflow's states and transitions, and the canonical bodies staff send. Pure.
//
// An article (a slug, a kind, a topic, tags, an audience, the related articles) has numbered
// versions. A version carries, per language (vi, en), a title, summary and Markdown body, plus
// the numbered references with the date each was accessed; both languages share the version (one
// clinical content). Its life (research/knowledge-programme-interop.md (a), NHS "Standard for
// creating health content"):
//
//   draft --submit--> in_review --approve--> approved --publish--> published --(newer)-->
//   superseded
//                         └----return (with a reason)----> draft
//
// Only a draft changes. The approver is a clinician who is not the version's author; she says
// which languages she reviewed (an unreviewed translation is shown with a notice) and when the
// next review is due (at most three years on). A published or superseded version never changes and
// stays readable.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tia/base/result.h"
#include "tia/domain/json_reader.h"

namespace tia::domain {

enum class ArticleStatus { kDraft, kInReview, kApproved, kPublished, kSuperseded };
enum class ArticleAction { kSubmit, kReturn, kApprove, kPublish, kSupersede };

std::string_view StatusName(ArticleStatus s);
std::optional<ArticleStatus> ParseArticleStatus(std::string_view s);
std::string_view ActionName(ArticleAction a);
// The one transition table: the state `a` leads to from `from`, or kConflict naming both.
Result<ArticleStatus> Transition(ArticleStatus from, ArticleAction a);

// The library's topics, with their names (a fixed list, so every page and filter agrees).
struct Topic {
  std::string_view id;
  std::string_view name_vi;
  std::string_view name_en;
};
const std::vector<Topic>& Topics();
const Topic* FindTopic(std::string_view id);

inline constexpr std::string_view kLanguages[] = {"vi", "en"};
// Review cycle: a page is reviewed again at most three years after its last review.
inline constexpr int kMaxReviewMonths = 36;

// Article metadata: {slug, kind "article"|"week", topic, tags [<=10], audience
// "mother"|"clinician", condition? (a protocol condition the care engine's results link from),
// related [<=6 slugs], week? {stage "pregnancy"|"postpartum", number} (kind "week": pregnancy
// 4-42, postpartum 1-12)}. Slugs: 3-80 of a-z, 0-9 and '-', not a word the site's paths use.
Result<Json> ValidateArticleMeta(const Json& in);
// A version's content: {texts {vi?, en? each {title 1..200, summary 1..600, body 1..60000}} (at
// least one language), references [<=40 of {title 1..300, publisher? <=200, url? http(s) <=500,
// accessed date}], size? (a week card's baby size) {measure "crown_rump_length" |
// "head_heel_length" | "estimated_weight", length_mm? (required for a length), weight_g?
// (required for a weight), source 1..300}}.
Result<Json> ValidateVersionContent(const Json& in);
// Approval: {languages [subset of the version's languages, at least one], next_review_due? date
// after `today` and at most kMaxReviewMonths after it (default: exactly that)}. Returns
// {languages, next_review_due "YYYY-MM-DD"}.
Result<Json> ValidateApproval(const Json& in, const Json& content, int32_t today);

// A slug for a week card: "pregnancy-week-20", "postpartum-week-3".
std::string WeekSlug(std::string_view stage, int number);

// A line-by-line diff of two texts (for comparing versions): each line with "+", "-" or " ".
Json LineDiff(std::string_view before, std::string_view after);

}  // namespace tia::domain
