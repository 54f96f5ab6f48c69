// Questions from readers under a library article (domain/question.h): asked by a signed-in mother
// of the hospital, screened, held for moderation, answered by a clinician; every staff action
// audited. Who asked is never shown to anyone but herself.
#include <fmt/format.h>

#include "tia/app/access.h"
#include "tia/app/library_parts.h"
#include "tia/app/scheduling_parts.h"
#include "tia/base/uuid.h"
#include "tia/domain/question.h"
#include "tia/storage/repositories.h"

namespace tia::app {

namespace store = storage::library;
using domain::QuestionStatus;
using store::QuestionRow;

namespace {

constexpr int64_t kHourMs = 3'600'000;

size_t CharCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

size_t VisibleCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    n += (c & 0xC0) != 0x80 && c != ' ' && c != '\n' && c != '\t' && c != '\r';
  return n;
}

// A plain-text field of 1..max characters (at least `min_visible` that are not spaces).
Result<std::string> PlainText(const Json& body, const char* key, size_t min_visible, size_t max) {
  if (!body.is_object()) return Fail(ErrorCode::kInvalidArgument, "must be a JSON object", "");
  const std::string field = std::string("/") + key;
  if (!body.contains(key)) return Fail(ErrorCode::kInvalidArgument, "is required", field);
  if (!body[key].is_string()) return Fail(ErrorCode::kInvalidArgument, "must be text", field);
  for (const auto& [k, v] : body.items()) {
    if (k != key) return Fail(ErrorCode::kInvalidArgument, "is not a known field", "/" + k);
  }
  std::string text = body[key].get<std::string>();
  if (VisibleCount(text) < min_visible || CharCount(text) > max) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("must be {} to {} characters", min_visible, max), field);
  }
  return text;
}

std::string Stamp(int64_t ms) { return FormatRfc3339(Timestamp{ms, 0}); }

// Who answered, as the page shows it: her byline in the library, else her account's name.
Result<Json> Answerer(lib::Connection& c, const QuestionRow& q, const std::string& lang) {
  if (!q.answered_by) return Json(nullptr);
  TIA_ASSIGN_OR_RETURN(auto person, store::PersonOfUser(c, q.hospital_id, *q.answered_by));
  if (person) {
    Json p = lib::PersonView(*person, lang);
    if (!p["name"].get<std::string>().empty()) {
      return Json{{"name", p["name"]},
                  {"role", p["role"].get<std::string>().empty()
                               ? (lang == "vi" ? "Nhân viên y tế" : "Clinician")
                               : p["role"]}};
    }
  }
  TIA_ASSIGN_OR_RETURN(auto user, storage::users::ById(c, *q.answered_by));
  return Json{{"name", user ? user->display_name : std::string()},
              {"role", lang == "vi" ? "Nhân viên y tế" : "Clinician"}};
}

Result<Json> PublicView(lib::Connection& c, const QuestionRow& q, const std::string& lang) {
  Json answer = nullptr;
  if (q.answer) {
    TIA_ASSIGN_OR_RETURN(Json by, Answerer(c, q, lang));
    answer = {{"text", *q.answer}, {"by", by}, {"answered_at", Stamp(q.answered_at.value_or(0))}};
  }
  return Json{
      {"id", q.public_id}, {"text", q.body}, {"asked_at", Stamp(q.created_at)}, {"answer", answer}};
}

// Her own question: its state and, when rejected, the reason (only she and the staff see it).
Result<Json> OwnView(lib::Connection& c, const QuestionRow& q, const std::string& lang) {
  TIA_ASSIGN_OR_RETURN(Json v, PublicView(c, q, lang));
  v["status"] = q.status;
  v["reason"] = q.status == "rejected" && q.reason ? Json(*q.reason) : Json(nullptr);
  return v;
}

Result<Json> StaffView(lib::Connection& c, const QuestionRow& q, const std::string& lang) {
  TIA_ASSIGN_OR_RETURN(Json v, OwnView(c, q, lang));
  v["article"] = q.article_slug;
  v["moderated_at"] = q.moderated_at ? Json(Stamp(*q.moderated_at)) : Json(nullptr);
  return v;
}

struct PublishedArticle {
  storage::HospitalRow hospital;
  lib::ArticleRow article;
};

// The hospital and one of its published articles, or kNotFound.
Result<PublishedArticle> PublishedArticleOf(lib::Connection& c, const std::string& hospital,
                                            const std::string& slug) {
  TIA_ASSIGN_OR_RETURN(auto h, storage::hospitals::ByCode(c, hospital));
  if (!h) return tl::unexpected(sched::NotFound());
  TIA_ASSIGN_OR_RETURN(auto a, store::ArticleBySlug(c, h->id, slug));
  if (!a) return tl::unexpected(sched::NotFound());
  TIA_ASSIGN_OR_RETURN(auto p, store::Published(c, a->id));
  if (!p) return tl::unexpected(sched::NotFound());
  return PublishedArticle{*h, *a};
}

}  // namespace

Result<Json> lib::ApprovedQuestions(Connection& c, int64_t article_id, const std::string& lang) {
  Json items = Json::array();
  TIA_ASSIGN_OR_RETURN(auto approved, store::QuestionsOn(c, article_id, "approved"));
  for (const auto& q : approved) {
    TIA_ASSIGN_OR_RETURN(Json v, PublicView(c, q, lang));
    items.push_back(std::move(v));
  }
  return items;
}

Result<std::pair<int, Json>> Library::Ask(const Caller& caller, const std::string& hospital,
                                          const std::string& slug, const Json& body) {
  const auth::Principal& who = *caller.principal;
  if (who.role != auth::Role::kMother) {
    return Fail(ErrorCode::kForbidden, "only a mother signed in to Tia can ask here");
  }
  TIA_ASSIGN_OR_RETURN(std::string text, PlainText(body, "text", domain::kQuestionMinChars,
                                                   domain::kQuestionMaxChars));
  const int64_t now = s_.clock->NowMs();
  const std::vector<std::string> held = domain::ScreenQuestion(text);
  std::pair<int, Json> out;
  TIA_TRY(s_.db->Write([&](lib::Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(PublishedArticle pa, PublishedArticleOf(c, hospital, slug));
    if (who.hospital_id != pa.hospital.id) {
      return Fail(ErrorCode::kForbidden,
                  "ask your own hospital: questions here are for its mothers");
    }
    if (!held.empty()) {
      // Not stored: her words go to a private consultation instead (the audit keeps no text).
      out = {200, {{"status", "held"}, {"reasons", held}, {"consultation", {{"message", text}}}}};
      return storage::audit::Append(
          c, AuditOf(s_, caller, "question_held", "article:" + slug, "success", std::nullopt));
    }
    TIA_ASSIGN_OR_RETURN(auto recent, c.Query("SELECT COUNT(*), MIN(created_at) FROM "
                                              "article_questions WHERE asker_user_id = $1 AND "
                                              "created_at > $2",
                                              {who.user_id, now - kHourMs}));
    if (recent.front().Int(0) >= kQuestionsPerHour) {
      Error e{ErrorCode::kTooManyRequests,
              fmt::format("at most {} questions an hour; ask again later", kQuestionsPerHour),
              {},
              static_cast<int>((recent.front().Int(1) + kHourMs - now + 999) / 1000)};
      return tl::unexpected(e);
    }
    QuestionRow q;
    q.public_id = NewUuid();
    q.hospital_id = pa.hospital.id;
    q.article_id = pa.article.id;
    q.asker_user_id = who.user_id;
    q.body = text;
    q.status = std::string(domain::QuestionStatusName(QuestionStatus::kPending));
    q.created_at = now;
    TIA_ASSIGN_OR_RETURN(q, store::InsertQuestion(c, q));
    q.article_slug = slug;
    TIA_ASSIGN_OR_RETURN(Json view, OwnView(c, q, caller.lang == engine::Lang::kVi ? "vi" : "en"));
    out = {201, {{"status", "pending"}, {"question", view}}};
    return storage::audit::Append(
        c, AuditOf(s_, caller, "question_ask", "question:" + q.public_id, "success", std::nullopt));
  }));
  return out;
}

Result<Json> Library::Questions(const Caller& caller, const std::string& hospital,
                                const std::string& slug, const std::string& lang) {
  return s_.db->Read([&](lib::Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(PublishedArticle pa, PublishedArticleOf(c, hospital, slug));
    TIA_ASSIGN_OR_RETURN(Json items, lib::ApprovedQuestions(c, pa.article.id, lang));
    Json mine = Json::array();
    if (caller.principal && caller.principal->role == auth::Role::kMother) {
      TIA_ASSIGN_OR_RETURN(auto own,
                           store::QuestionsBy(c, pa.article.id, caller.principal->user_id));
      for (const auto& q : own) {
        TIA_ASSIGN_OR_RETURN(Json v, OwnView(c, q, lang));
        mine.push_back(std::move(v));
      }
    }
    return Json{{"items", items}, {"mine", mine}};
  });
}

Result<Json> Library::QuestionQueue(const Caller& caller, const std::string& status,
                                    const std::string& lang) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, sched::StaffHospital(caller, false));
  if (!status.empty() && !domain::ParseQuestionStatus(status)) {
    return Fail(ErrorCode::kInvalidArgument, "must be pending, approved, rejected or spam",
                "status");
  }
  return s_.db->Read([&](lib::Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(auto rows, store::QuestionQueue(c, hospital, status, 200));
    Json items = Json::array();
    for (const auto& q : rows) {
      TIA_ASSIGN_OR_RETURN(Json v, StaffView(c, q, lang));
      items.push_back(std::move(v));
    }
    return Json{{"items", items}};
  });
}

Result<Json> Library::Moderate(const Caller& caller, const std::string& id,
                               const std::string& action, const Json& body,
                               const std::string& lang) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, sched::StaffHospital(caller, false));
  const bool answering = action == "answer";
  if (!answering && action != "approve" && action != "reject" && action != "spam") {
    return tl::unexpected(sched::NotFound());
  }
  if (answering && caller.principal->role != auth::Role::kClinician) {
    return Fail(ErrorCode::kForbidden, "only a clinician answers questions");
  }
  std::optional<std::string> text;
  if (answering) {
    TIA_ASSIGN_OR_RETURN(text, PlainText(body, "text", 1, 4000));
  } else if (action == "reject") {
    TIA_ASSIGN_OR_RETURN(text, PlainText(body, "reason", 1, 500));
  } else if (!body.is_null() && !(body.is_object() && body.empty())) {
    return Fail(ErrorCode::kInvalidArgument, "must be an empty JSON object", "");
  }
  const int64_t now = s_.clock->NowMs();
  Json out;
  TIA_TRY(s_.db->Write([&](lib::Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto found, store::QuestionByPublicId(c, hospital, id));
    if (!found) return tl::unexpected(sched::NotFound());
    QuestionRow q = *found;
    if (answering) {
      if (q.status != "approved") {
        return Fail(ErrorCode::kConflict, "approve the question before answering it");
      }
      q.answer = text;
      q.answered_by = caller.principal->user_id;
      q.answered_at = now;
    } else {
      TIA_ASSIGN_OR_RETURN(QuestionStatus to, domain::QuestionTransition(
                                                  *domain::ParseQuestionStatus(q.status), action));
      q.status = std::string(domain::QuestionStatusName(to));
      q.reason = action == "reject" ? text : std::nullopt;
      q.moderated_by = caller.principal->user_id;
      q.moderated_at = now;
    }
    TIA_TRY(store::UpdateQuestion(c, q));
    TIA_ASSIGN_OR_RETURN(out, StaffView(c, q, lang));
    return storage::audit::Append(c, AuditOf(s_, caller, "question_" + action,
                                             "question:" + q.public_id, "success", std::nullopt));
  }));
  Changed();
  return out;
}

}  // namespace tia::app
