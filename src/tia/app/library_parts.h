// tia/app/library_parts.h — what the two halves of app::Library share (internal to app/):
// library.cc (staff: writing, review, people) and library_public.cc (anyone: pages, search).
#pragma once

#include <optional>
#include <string>

#include "tia/app/library.h"
#include "tia/storage/library.h"

namespace tia::app::lib {

using storage::Connection;
using storage::library::ArticleRow;
using storage::library::PersonRow;
using storage::library::VersionRow;

// A person's byline in `lang`: {id, name, credentials, role, bio, photo}.
Json PersonView(const PersonRow& p, const std::string& lang);
// Today's date in the hospital's time zone (days since 1970-01-01).
Result<int32_t> HospitalToday(Connection& c, int64_t hospital_id, int64_t now);
// The approved questions under an article with their answers, oldest first (what its page shows).
Result<Json> ApprovedQuestions(Connection& c, int64_t article_id, const std::string& lang);
// The published article for a protocol condition in the hospital, pinned to its current version:
// {hospital, slug, version, title {vi?, en?}}, or nullopt.
Result<std::optional<Json>> ArticleForCondition(Connection& c, int64_t hospital_id,
                                                const std::string& condition);
// Is a version's next review due before `today`?
bool Overdue(const VersionRow& v, int32_t today);

}  // namespace tia::app::lib
