// tia/app/library.h — the hospital's health library: reviewed, versioned articles and week cards,
// the people who write and review them, and search that reads Vietnamese without diacritics.
//
// Staff (clinicians and administrators of the hospital) write: an article is created with its
// first draft; a draft is submitted, returned with a reason or approved by a clinician who did not
// write it (naming the languages she reviewed and when the next review is due), then published,
// which supersedes the version before it. Published and superseded versions never change and stay
// readable; every staff action is audited. Anyone reads what is published, without signing in.
//
// `generation()` changes whenever this process publishes, changes an article or a person: the
// public site's page cache (http/library_pages.h) keys on it. Thread-safe.
//
//   TIA_ASSIGN_OR_RETURN(Json page, app.library.Page("tudu", "tac-tia-sua", "vi", std::nullopt));
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tia/app/context.h"
#include "tia/domain/json_reader.h"
#include "tia/domain/search_text.h"

namespace tia::app {

using domain::Json;

class Library {
 public:
  explicit Library(Services& s, const engine::Protocol& p = engine::Protocol::Default())
      : s_(s), protocol_(p) {}

  // --- staff ---
  // Every article with its versions' states and whether its review is overdue.
  Result<Json> List(const Caller& caller);
  // {slug, kind, topic, audience, tags?, condition?, related?, week?, content {texts, references}}:
  // the article and its first draft, written by the caller.
  Result<Json> Create(const Caller& caller, const Json& body);
  // Changes the metadata (topic, tags, audience, condition, related); the slug and kind stay.
  Result<Json> UpdateMeta(const Caller& caller, const std::string& slug, const Json& body);
  // A new draft (content as in Create); kConflict while another version is still open.
  Result<Json> NewVersion(const Caller& caller, const std::string& slug, const Json& content);
  // Rewrites a draft; kConflict for any other status.
  Result<Json> EditDraft(const Caller& caller, const std::string& slug, int64_t number,
                         const Json& content);
  // "submit", "return" ({note}), "approve" ({languages, next_review_due?}), "publish".
  Result<Json> Act(const Caller& caller, const std::string& slug, int64_t number,
                   const std::string& action, const Json& body);
  Result<Json> StaffVersion(const Caller& caller, const std::string& slug, int64_t number);
  // Line-by-line differences of each language's title, summary and body, and of the references.
  Result<Json> Diff(const Caller& caller, const std::string& slug, int64_t from, int64_t to);
  Result<Json> People(const Caller& caller);
  // The caller's own byline ("me") or, for an administrator, anyone's: {name, credentials,
  // role {vi, en}, bio {vi, en}, photo (a URL path or https URL)}.
  Result<Json> PutPerson(const Caller& caller, const std::string& id, const Json& body);

  // Content the hospital starts with: each of `articles` ({meta, content}) whose slug is new is
  // created as version 1 written by a byline without an account (`author`, a profile as in
  // PutPerson) and submitted for review; a clinician must still approve it. Returns how many.
  Result<int> Seed(int64_t hospital_id, const Json& author, const std::vector<Json>& articles);

  // --- anyone ---
  // A published article (or one of its published versions) in `lang`, with everything its page
  // shows: byline, reviewer, dates, overdue and translation notices, references, related pages,
  // the hospital's numbers. kNotFound for anything unpublished.
  Result<Json> Page(const std::string& hospital, const std::string& slug, const std::string& lang,
                    std::optional<int64_t> version);
  // The published pages of the hospital (of one topic, when given), with the topics.
  Result<Json> Index(const std::string& hospital, const std::string& lang,
                     const std::string& topic);
  // A person's byline with the pages she wrote or reviewed.
  Result<Json> Person(const std::string& hospital, const std::string& lang, const std::string& id);
  // Published pages matching `q` (diacritics optional, the last word a prefix), best first.
  Result<Json> Search(const std::string& hospital, const std::string& lang, const std::string& q,
                      int limit);
  // Every hospital's published pages with their languages and last change (for sitemap.xml).
  Result<Json> SitemapEntries();

  // --- a mother (or whoever may read her record) ---
  // Where she is on the chained clock (domain/pregnancy.h), counted in her own calendar day, and
  // her hospital's published card for that week: {today, stage "pregnancy"|"postpartum"|null,
  // weeks, days, day_count, dated_from, due_date, card_week, card null|{hospital, slug, version,
  // title, summary, size}}. The dates come from her profile (due_date or last_period_date, then
  // baby_birth_date or delivery_date).
  Result<Json> Week(const Caller& caller, const std::string& mother, const std::string& lang);

  // --- questions from readers (domain/question.h) ---
  // A signed-in mother of the hospital asks under a published article: {text}. A question that
  // passes the screen waits for moderation: {status "pending", question}. One that carries warning
  // words or personal details is not stored: {status "held", reasons, consultation {message}} —
  // her text, for a private consultation. At most kQuestionsPerHour per mother (429).
  Result<std::pair<int, Json>> Ask(const Caller& caller, const std::string& hospital,
                                   const std::string& slug, const Json& body);
  // The approved questions of a published article with their answers (the answerer's name and
  // role; never who asked); `mine`: what the signed-in caller asked there, with a rejection's
  // reason, which only she sees.
  Result<Json> Questions(const Caller& caller, const std::string& hospital, const std::string& slug,
                         const std::string& lang);
  // Staff: the hospital's questions ("pending" by default; "" for all), oldest first.
  Result<Json> QuestionQueue(const Caller& caller, const std::string& status,
                             const std::string& lang);
  // Staff: "approve", "reject" ({reason}), "spam", or "answer" ({text}; a clinician, on an
  // approved question). Audited as "question:<id>".
  Result<Json> Moderate(const Caller& caller, const std::string& id, const std::string& action,
                        const Json& body, const std::string& lang);
  static constexpr int kQuestionsPerHour = 5;

  // Changes with every write to the library made through this object.
  int64_t generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  void Changed() { generation_.fetch_add(1, std::memory_order_acq_rel); }
  // The prepared form of a published text for ranking, read once per (version, language): a
  // published version never changes, so an entry never goes stale.
  std::shared_ptr<const domain::SearchDoc> Prepared(int64_t version_id, const std::string& lang,
                                                    const std::string& title,
                                                    const std::string& summary,
                                                    const std::string& body);

  Services& s_;
  const engine::Protocol& protocol_;
  std::atomic<int64_t> generation_{1};
  std::mutex prepared_mu_;
  std::map<std::pair<int64_t, std::string>, std::shared_ptr<const domain::SearchDoc>> prepared_;
};

}  // namespace tia::app
