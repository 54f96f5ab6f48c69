// tia/storage/library.h — the health library's rows: people, articles, versions, and the search
// index of published text (migrations 0013). The review workflow's rules live in
// domain/article.h and app/library.h; these functions only read and write.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tia/storage/connection.h"

namespace tia::storage::library {

struct PersonRow {
  int64_t id = 0;
  std::string public_id;
  int64_t hospital_id = 0;
  std::optional<int64_t> user_id;
  std::string profile;  // JSON
};

struct ArticleRow {
  int64_t id = 0;
  int64_t hospital_id = 0;
  std::string slug;
  std::string meta;  // JSON
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct VersionRow {
  int64_t id = 0;
  int64_t article_id = 0;
  int64_t number = 0;
  std::string status;
  std::string content;  // JSON
  int64_t author_person_id = 0;
  std::optional<int64_t> created_by;
  std::optional<int64_t> reviewer_person_id;
  std::optional<int64_t> reviewed_by;
  std::optional<std::string> reviewed_languages;
  std::optional<std::string> review_note;
  std::optional<std::string> next_review_due;
  int64_t created_at = 0;
  std::optional<int64_t> submitted_at;
  std::optional<int64_t> reviewed_at;
  std::optional<int64_t> published_at;
  std::optional<int64_t> superseded_at;
};

// An article with its current published version.
struct PublishedRow {
  ArticleRow article;
  VersionRow version;
};

Result<PersonRow> InsertPerson(Connection& c, const PersonRow& p, int64_t now);
Result<void> UpdatePerson(Connection& c, int64_t id, const std::string& profile, int64_t now);
Result<std::optional<PersonRow>> PersonByPublicId(Connection& c, int64_t hospital_id,
                                                  const std::string& public_id);
Result<std::optional<PersonRow>> PersonById(Connection& c, int64_t id);
Result<std::optional<PersonRow>> PersonOfUser(Connection& c, int64_t hospital_id, int64_t user_id);
Result<std::vector<PersonRow>> People(Connection& c, int64_t hospital_id);

Result<ArticleRow> InsertArticle(Connection& c, const ArticleRow& a);
Result<void> UpdateArticleMeta(Connection& c, int64_t id, const std::string& meta, int64_t now);
Result<std::optional<ArticleRow>> ArticleBySlug(Connection& c, int64_t hospital_id,
                                                const std::string& slug);
Result<std::vector<ArticleRow>> Articles(Connection& c, int64_t hospital_id);

Result<VersionRow> InsertVersion(Connection& c, const VersionRow& v);
Result<std::optional<VersionRow>> Version(Connection& c, int64_t article_id, int64_t number);
Result<std::optional<VersionRow>> VersionById(Connection& c, int64_t id);
// Every version of an article, newest first.
Result<std::vector<VersionRow>> Versions(Connection& c, int64_t article_id);
// Every version of the hospital's articles (for the staff list), newest first per article.
Result<std::vector<VersionRow>> VersionsInHospital(Connection& c, int64_t hospital_id);
Result<int64_t> NextVersionNumber(Connection& c, int64_t article_id);
// Writes a draft's content (the database refuses any other status).
Result<void> UpdateDraft(Connection& c, int64_t id, const std::string& content);
// Writes the whole workflow state of a version (status, reviewer, dates).
Result<void> UpdateState(Connection& c, const VersionRow& v);

// The current published version of one article, and of all the hospital's (or every hospital's,
// with nullopt) articles.
Result<std::optional<PublishedRow>> Published(Connection& c, int64_t article_id);
Result<std::vector<PublishedRow>> PublishedIn(Connection& c, std::optional<int64_t> hospital_id);

// The search index (one row per published version and language).
struct SearchRow {
  int64_t version_id = 0;
  std::string lang;
  std::string slug;
  std::string title;
  std::string summary;
  std::string body;
};
Result<void> Index(Connection& c, int64_t hospital_id, const SearchRow& row,
                   const std::string& words);
Result<void> Unindex(Connection& c, int64_t version_id);
// Rows of the hospital in `lang` whose words contain a word starting with each token (tokens are
// folded ASCII words, domain::Tokens); at most `limit`.
Result<std::vector<SearchRow>> SearchCandidates(Connection& c, int64_t hospital_id,
                                                const std::string& lang,
                                                const std::vector<std::string>& tokens,
                                                int64_t limit);

// Questions from readers (migration 0014).
struct QuestionRow {
  int64_t id = 0;
  std::string public_id;
  int64_t hospital_id = 0;
  int64_t article_id = 0;
  int64_t asker_user_id = 0;
  std::string body;
  std::string status;
  std::optional<std::string> reason;
  std::optional<int64_t> moderated_by;
  std::optional<int64_t> moderated_at;
  std::optional<std::string> answer;
  std::optional<int64_t> answered_by;
  std::optional<int64_t> answered_at;
  int64_t created_at = 0;
  std::string article_slug;  // read with the row, never written
};
Result<QuestionRow> InsertQuestion(Connection& c, const QuestionRow& q);
Result<std::optional<QuestionRow>> QuestionByPublicId(Connection& c, int64_t hospital_id,
                                                      const std::string& public_id);
// An article's questions in `status`, oldest first.
Result<std::vector<QuestionRow>> QuestionsOn(Connection& c, int64_t article_id,
                                             const std::string& status);
// What one reader asked under an article, newest first.
Result<std::vector<QuestionRow>> QuestionsBy(Connection& c, int64_t article_id, int64_t user_id);
// The hospital's questions in `status` (every status when empty), oldest first, at most `limit`.
Result<std::vector<QuestionRow>> QuestionQueue(Connection& c, int64_t hospital_id,
                                               const std::string& status, int limit);
// How many questions a reader asked after `since`, and when the oldest of them was asked (for the
// hourly limit).
struct AskedSince {
  int64_t count = 0;
  int64_t oldest = 0;
};
Result<AskedSince> QuestionsAskedSince(Connection& c, int64_t user_id, int64_t since);
// Writes the moderation state and the answer.
Result<void> UpdateQuestion(Connection& c, const QuestionRow& q);

}  // namespace tia::storage::library
