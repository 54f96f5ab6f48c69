#include "tia/storage/library.h"

#include "tia/storage/sql_helpers.h"

namespace tia::storage::library {
namespace {

PersonRow ToPerson(const Row& r) {
  return {r.Int(0), r.Text(1), r.Int(2), OptInt(r, 3), r.Text(4)};
}
constexpr char kPerson[] =
    "SELECT id, public_id, hospital_id, user_id, profile FROM library_people ";

ArticleRow ToArticle(const Row& r, size_t at = 0) {
  return {r.Int(at), r.Int(at + 1), r.Text(at + 2), r.Text(at + 3), r.Int(at + 4), r.Int(at + 5)};
}
constexpr char kArticleCols[] = "a.id, a.hospital_id, a.slug, a.meta, a.created_at, a.updated_at";

VersionRow ToVersion(const Row& r, size_t at = 0) {
  VersionRow v;
  v.id = r.Int(at);
  v.article_id = r.Int(at + 1);
  v.number = r.Int(at + 2);
  v.status = r.Text(at + 3);
  v.content = r.Text(at + 4);
  v.author_person_id = r.Int(at + 5);
  v.created_by = OptInt(r, at + 6);
  v.reviewer_person_id = OptInt(r, at + 7);
  v.reviewed_by = OptInt(r, at + 8);
  v.reviewed_languages = OptText(r, at + 9);
  v.review_note = OptText(r, at + 10);
  v.next_review_due = OptText(r, at + 11);
  v.created_at = r.Int(at + 12);
  v.submitted_at = OptInt(r, at + 13);
  v.reviewed_at = OptInt(r, at + 14);
  v.published_at = OptInt(r, at + 15);
  v.superseded_at = OptInt(r, at + 16);
  return v;
}
constexpr char kVersionCols[] =
    "v.id, v.article_id, v.number, v.status, v.content, v.author_person_id, v.created_by, "
    "v.reviewer_person_id, v.reviewed_by, v.reviewed_languages, v.review_note, v.next_review_due, "
    "v.created_at, v.submitted_at, v.reviewed_at, v.published_at, v.superseded_at";

std::string VersionQuery(const std::string& where) {
  return std::string("SELECT ") + kVersionCols + " FROM article_versions v " + where;
}

std::string PublishedQuery(const std::string& where) {
  return std::string("SELECT ") + kArticleCols + ", " + kVersionCols +
         " FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.status = "
         "'published' " +
         where;
}

PublishedRow ToPublished(const Row& r) { return {ToArticle(r, 0), ToVersion(r, 6)}; }

}  // namespace

Result<PersonRow> InsertPerson(Connection& c, const PersonRow& p, int64_t now) {
  return Inserted(c,
                  "INSERT INTO library_people (public_id, hospital_id, user_id, profile, "
                  "updated_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                  {p.public_id, p.hospital_id, Opt(p.user_id), p.profile, now}, p);
}
Result<void> UpdatePerson(Connection& c, int64_t id, const std::string& profile, int64_t now) {
  return Exec(c, "UPDATE library_people SET profile = $2, updated_at = $3 WHERE id = $1",
              {id, profile, now});
}
Result<std::optional<PersonRow>> PersonByPublicId(Connection& c, int64_t hospital_id,
                                                  const std::string& public_id) {
  return First<PersonRow>(
      c.Query(std::string(kPerson) + "WHERE hospital_id = $1 AND public_id = $2",
              {hospital_id, public_id}),
      ToPerson);
}
Result<std::optional<PersonRow>> PersonById(Connection& c, int64_t id) {
  return First<PersonRow>(c.Query(std::string(kPerson) + "WHERE id = $1", {id}), ToPerson);
}
Result<std::optional<PersonRow>> PersonOfUser(Connection& c, int64_t hospital_id, int64_t user_id) {
  return First<PersonRow>(c.Query(std::string(kPerson) + "WHERE hospital_id = $1 AND user_id = $2",
                                  {hospital_id, user_id}),
                          ToPerson);
}
Result<std::vector<PersonRow>> People(Connection& c, int64_t hospital_id) {
  return All<PersonRow>(
      c.Query(std::string(kPerson) + "WHERE hospital_id = $1 ORDER BY id", {hospital_id}),
      ToPerson);
}

Result<ArticleRow> InsertArticle(Connection& c, const ArticleRow& a) {
  return Inserted(c,
                  "INSERT INTO articles (hospital_id, slug, meta, created_at, updated_at) "
                  "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                  {a.hospital_id, a.slug, a.meta, a.created_at, a.updated_at}, a);
}
Result<void> UpdateArticleMeta(Connection& c, int64_t id, const std::string& meta, int64_t now) {
  return Exec(c, "UPDATE articles SET meta = $2, updated_at = $3 WHERE id = $1", {id, meta, now});
}
Result<std::optional<ArticleRow>> ArticleBySlug(Connection& c, int64_t hospital_id,
                                                const std::string& slug) {
  return First<ArticleRow>(c.Query(std::string("SELECT ") + kArticleCols +
                                       " FROM articles a WHERE a.hospital_id = $1 AND a.slug = $2",
                                   {hospital_id, slug}),
                           [](const Row& r) { return ToArticle(r); });
}
Result<std::vector<ArticleRow>> Articles(Connection& c, int64_t hospital_id) {
  return All<ArticleRow>(c.Query(std::string("SELECT ") + kArticleCols +
                                     " FROM articles a WHERE a.hospital_id = $1 ORDER BY a.slug",
                                 {hospital_id}),
                         [](const Row& r) { return ToArticle(r); });
}

Result<VersionRow> InsertVersion(Connection& c, const VersionRow& v) {
  return Inserted(c,
                  "INSERT INTO article_versions (article_id, number, status, content, "
                  "author_person_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
                  "RETURNING id",
                  {v.article_id, v.number, v.status, v.content, v.author_person_id,
                   Opt(v.created_by), v.created_at},
                  v);
}
Result<std::optional<VersionRow>> Version(Connection& c, int64_t article_id, int64_t number) {
  return First<VersionRow>(
      c.Query(VersionQuery("WHERE v.article_id = $1 AND v.number = $2"), {article_id, number}),
      [](const Row& r) { return ToVersion(r); });
}
Result<std::optional<VersionRow>> VersionById(Connection& c, int64_t id) {
  return First<VersionRow>(c.Query(VersionQuery("WHERE v.id = $1"), {id}),
                           [](const Row& r) { return ToVersion(r); });
}
Result<std::vector<VersionRow>> Versions(Connection& c, int64_t article_id) {
  return All<VersionRow>(
      c.Query(VersionQuery("WHERE v.article_id = $1 ORDER BY v.number DESC"), {article_id}),
      [](const Row& r) { return ToVersion(r); });
}
Result<std::vector<VersionRow>> VersionsInHospital(Connection& c, int64_t hospital_id) {
  return All<VersionRow>(
      c.Query(VersionQuery("JOIN articles a ON a.id = v.article_id WHERE a.hospital_id = $1 "
                           "ORDER BY v.article_id, v.number DESC"),
              {hospital_id}),
      [](const Row& r) { return ToVersion(r); });
}
Result<int64_t> NextVersionNumber(Connection& c, int64_t article_id) {
  TIA_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query("SELECT COALESCE(MAX(number), 0) + 1 FROM article_versions WHERE article_id = $1",
              {article_id}));
  return rows.front().Int(0);
}
Result<void> UpdateDraft(Connection& c, int64_t id, const std::string& content) {
  return Exec(c, "UPDATE article_versions SET content = $2 WHERE id = $1", {id, content});
}
Result<void> UpdateState(Connection& c, const VersionRow& v) {
  return Exec(c,
              "UPDATE article_versions SET status = $2, reviewer_person_id = $3, reviewed_by = $4, "
              "reviewed_languages = $5, review_note = $6, next_review_due = $7, submitted_at = $8, "
              "reviewed_at = $9, published_at = $10, superseded_at = $11 WHERE id = $1",
              {v.id, v.status, Opt(v.reviewer_person_id), Opt(v.reviewed_by),
               Opt(v.reviewed_languages), Opt(v.review_note), Opt(v.next_review_due),
               Opt(v.submitted_at), Opt(v.reviewed_at), Opt(v.published_at), Opt(v.superseded_at)});
}

Result<std::optional<PublishedRow>> Published(Connection& c, int64_t article_id) {
  return First<PublishedRow>(c.Query(PublishedQuery("WHERE a.id = $1"), {article_id}), ToPublished);
}
Result<std::vector<PublishedRow>> PublishedIn(Connection& c, std::optional<int64_t> hospital_id) {
  if (!hospital_id) {
    return All<PublishedRow>(c.Query(PublishedQuery("ORDER BY a.hospital_id, a.slug")),
                             ToPublished);
  }
  return All<PublishedRow>(
      c.Query(PublishedQuery("WHERE a.hospital_id = $1 ORDER BY a.slug"), {*hospital_id}),
      ToPublished);
}

Result<void> Index(Connection& c, int64_t hospital_id, const SearchRow& row,
                   const std::string& words) {
  return Exec(
      c,
      "INSERT INTO article_search (words, title, summary, body, version_id, hospital_id, "
      "lang, slug) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {words, row.title, row.summary, row.body, row.version_id, hospital_id, row.lang, row.slug});
}
Result<void> Unindex(Connection& c, int64_t version_id) {
  return Exec(c, "DELETE FROM article_search WHERE version_id = $1", {version_id});
}

Result<std::vector<SearchRow>> SearchCandidates(Connection& c, int64_t hospital_id,
                                                const std::string& lang,
                                                const std::vector<std::string>& tokens,
                                                int64_t limit) {
  // Tokens are [a-z0-9]+ (domain::Tokens), so they need no escaping in either query language.
  // Both read "every token is the prefix of some word": FTS5 `"t1"* "t2"*` (an implicit AND) and
  // to_tsquery('t1:* & t2:*').
  std::string match;
  const bool sqlite = c.dialect() == Dialect::kSqlite;
  for (const auto& t : tokens) {
    if (!match.empty()) match += sqlite ? " " : " & ";
    match += sqlite ? "\"" + t + "\"*" : t + ":*";
  }
  const char* sql =
      sqlite
          ? "SELECT version_id, lang, slug, title, summary, body FROM article_search WHERE "
            "article_search MATCH $1 AND hospital_id = $2 AND lang = $3 ORDER BY version_id "
            "LIMIT $4"
          : "SELECT version_id, lang, slug, title, summary, body FROM article_search WHERE tsv @@ "
            "to_tsquery('simple'::regconfig, $1) AND hospital_id = $2 AND lang = $3 ORDER BY "
            "version_id LIMIT $4";
  return All<SearchRow>(c.Query(sql, {match, hospital_id, lang, limit}), [](const Row& r) {
    return SearchRow{r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
  });
}

namespace {
constexpr char kQuestion[] =
    "SELECT q.id, q.public_id, q.hospital_id, q.article_id, q.asker_user_id, q.body, q.status, "
    "q.reason, q.moderated_by, q.moderated_at, q.answer, q.answered_by, q.answered_at, "
    "q.created_at, a.slug FROM article_questions q JOIN articles a ON a.id = q.article_id ";
QuestionRow ToQuestion(const Row& r) {
  return {r.Int(0),       r.Text(1),     r.Int(2),      r.Int(3),     r.Int(4),
          r.Text(5),      r.Text(6),     OptText(r, 7), OptInt(r, 8), OptInt(r, 9),
          OptText(r, 10), OptInt(r, 11), OptInt(r, 12), r.Int(13),    r.Text(14)};
}
}  // namespace

Result<QuestionRow> InsertQuestion(Connection& c, const QuestionRow& q) {
  return Inserted(
      c,
      "INSERT INTO article_questions (public_id, hospital_id, article_id, "
      "asker_user_id, body, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
      "RETURNING id",
      {q.public_id, q.hospital_id, q.article_id, q.asker_user_id, q.body, q.status, q.created_at},
      q);
}
Result<std::optional<QuestionRow>> QuestionByPublicId(Connection& c, int64_t hospital_id,
                                                      const std::string& public_id) {
  return First<QuestionRow>(
      c.Query(std::string(kQuestion) + "WHERE q.hospital_id = $1 AND q.public_id = $2",
              {hospital_id, public_id}),
      ToQuestion);
}
Result<std::vector<QuestionRow>> QuestionsOn(Connection& c, int64_t article_id,
                                             const std::string& status) {
  return All<QuestionRow>(
      c.Query(std::string(kQuestion) +
                  "WHERE q.article_id = $1 AND q.status = $2 ORDER BY q.created_at, q.id",
              {article_id, status}),
      ToQuestion);
}
Result<std::vector<QuestionRow>> QuestionsBy(Connection& c, int64_t article_id, int64_t user_id) {
  return All<QuestionRow>(
      c.Query(std::string(kQuestion) +
                  "WHERE q.article_id = $1 AND q.asker_user_id = $2 ORDER BY q.created_at DESC, "
                  "q.id DESC",
              {article_id, user_id}),
      ToQuestion);
}
Result<std::vector<QuestionRow>> QuestionQueue(Connection& c, int64_t hospital_id,
                                               const std::string& status, int limit) {
  return All<QuestionRow>(
      c.Query(std::string(kQuestion) +
                  "WHERE q.hospital_id = $1 AND ($2 = '' OR q.status = $2) ORDER BY "
                  "q.created_at, q.id LIMIT $3",
              {hospital_id, status, int64_t{limit}}),
      ToQuestion);
}
Result<AskedSince> QuestionsAskedSince(Connection& c, int64_t user_id, int64_t since) {
  TIA_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT COUNT(*), COALESCE(MIN(created_at), 0) FROM "
                                          "article_questions WHERE asker_user_id = $1 AND "
                                          "created_at > $2",
                                          {user_id, since}));
  return AskedSince{rows.front().Int(0), rows.front().Int(1)};
}
Result<void> UpdateQuestion(Connection& c, const QuestionRow& q) {
  return Exec(c,
              "UPDATE article_questions SET status = $2, reason = $3, moderated_by = $4, "
              "moderated_at = $5, answer = $6, answered_by = $7, answered_at = $8 WHERE id = $1",
              {q.id, q.status, Opt(q.reason), Opt(q.moderated_by), Opt(q.moderated_at),
               Opt(q.answer), Opt(q.answered_by), Opt(q.answered_at)});
}

}  // namespace tia::storage::library
