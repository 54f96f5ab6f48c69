// Questions from readers under a library article (domain/question.h): asked by a signed-in mother
// of the hospital, screened, held for moderation, answered by a clinician; every staff action
// audited. Who asked is never shown to anyone but herself.
#include <fmt/format.h>

#include <map>

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

std::string Stamp(int64_t ms) { return FormatRfc3339(Timestamp{ms, 0}); }

// Who answered, as the page shows it: her byline in the library, else her account's name; each
// answerer read once per request.
class Answerers {
 public:
  Answerers(lib::Connection& c, std::string lang) : c_(c), lang_(std::move(lang)) {}

  Result<Json> Of(const QuestionRow& q) {
    if (!q.answered_by) return Json(nullptr);
    auto it = seen_.find(*q.answered_by);
    if (it == seen_.end()) {
      TIA_ASSIGN_OR_RETURN(Json by, Read(q.hospital_id, *q.answered_by));
      it = seen_.emplace(*q.answered_by, std::move(by)).first;
    }
    return it->second;
  }

 private:
  Result<Json> Read(int64_t hospital_id, int64_t user_id) {
    Json by = {{"name", ""}, {"role", lang_ == "vi" ? "Nhân viên y tế" : "Clinician"}};
    TIA_ASSIGN_OR_RETURN(auto person, store::PersonOfUser(c_, hospital_id, user_id));
    const Json byline = person ? lib::PersonView(*person, lang_) : Json::object();
    if (!byline.value("name", "").empty()) {
      by["name"] = byline["name"];
      if (!byline.value("role", "").empty()) by["role"] = byline["role"];
      return by;
    }
    TIA_ASSIGN_OR_RETURN(auto user, storage::users::ById(c_, user_id));
    if (user) by["name"] = user->display_name;
    return by;
  }

  lib::Connection& c_;
  std::string lang_;
  std::map<int64_t, Json> seen_;
};

Result<Json> PublicView(Answerers& who, const QuestionRow& q) {
  Json answer = nullptr;
  if (q.answer) {
    TIA_ASSIGN_OR_RETURN(Json by, who.Of(q));
    answer = {{"text", *q.answer}, {"by", by}, {"answered_at", Stamp(q.answered_at.value_or(0))}};
  }
  return Json{
      {"id", q.public_id}, {"text", q.body}, {"asked_at", Stamp(q.created_at)}, {"answer", answer}};
}

// Her own question: its state and, when rejected, the reason (only she and the staff see it).
Result<Json> OwnView(Answerers& who, const QuestionRow& q) {
  TIA_ASSIGN_OR_RETURN(Json v, PublicView(who, q));
  v["status"] = q.status;
  v["reason"] = q.status == "rejected" && q.reason ? Json(*q.reason) : Json(nullptr);
  return v;
}

Result<Json> StaffView(Answerers& who, const QuestionRow& q) {
  TIA_ASSIGN_OR_RETURN(Json v, OwnView(who, q));
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

// Each of `rows` as `view` shows it.
template <typename View>
Result<Json> Views(Answerers& who, const std::vector<QuestionRow>& rows, View view) {
  Json items = Json::array();
  for (const auto& q : rows) {
    TIA_ASSIGN_OR_RETURN(Json v, view(who, q));
    items.push_back(std::move(v));
  }
  return items;
}

}  // namespace

Result<Json> lib::ApprovedQuestions(Connection& c, int64_t article_id, const std::string& lang) {
  TIA_ASSIGN_OR_RETURN(auto approved, store::QuestionsOn(c, article_id, "approved"));
  Answerers who(c, lang);
  return Views(who, approved, PublicView);
}

Result<std::pair<int, Json>> Library::Ask(const Caller& caller, const std::string& hospital,
                                          const std::string& slug, const Json& body) {
  const auth::Principal& who = *caller.principal;
  if (who.role != auth::Role::kMother) {
    return Fail(ErrorCode::kForbidden, "only a mother signed in to Tia can ask here");
  }
  TIA_ASSIGN_OR_RETURN(std::string text, domain::ValidateQuestion(body));
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
    TIA_ASSIGN_OR_RETURN(auto recent, store::QuestionsAskedSince(c, who.user_id, now - kHourMs));
    if (recent.count >= kQuestionsPerHour) {
      Error e{ErrorCode::kTooManyRequests,
              fmt::format("at most {} questions an hour; ask again later", kQuestionsPerHour),
              {},
              static_cast<int>((recent.oldest + kHourMs - now + 999) / 1000)};
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
    Answerers answerers(c, engine::LangCode(caller.lang));
    TIA_ASSIGN_OR_RETURN(Json view, OwnView(answerers, q));
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
    std::vector<QuestionRow> own;
    if (caller.principal && caller.principal->role == auth::Role::kMother) {
      TIA_ASSIGN_OR_RETURN(own, store::QuestionsBy(c, pa.article.id, caller.principal->user_id));
    }
    Answerers who(c, lang);
    TIA_ASSIGN_OR_RETURN(Json mine, Views(who, own, OwnView));
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
    Answerers who(c, lang);
    TIA_ASSIGN_OR_RETURN(Json items, Views(who, rows, StaffView));
    return Json{{"items", items}};
  });
}

Result<Json> Library::Moderate(const Caller& caller, const std::string& id,
                               const std::string& action, const Json& body,
                               const std::string& lang) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, sched::StaffHospital(caller, false));
  const bool answering = action == "answer";
  if (answering && caller.principal->role != auth::Role::kClinician) {
    return Fail(ErrorCode::kForbidden, "only a clinician answers questions");
  }
  TIA_ASSIGN_OR_RETURN(std::optional<std::string> text, domain::ValidateModeration(action, body));
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
    Answerers who(c, lang);
    TIA_ASSIGN_OR_RETURN(out, StaffView(who, q));
    return storage::audit::Append(c, AuditOf(s_, caller, "question_" + action,
                                             "question:" + q.public_id, "success", std::nullopt));
  }));
  Changed();
  return out;
}

}  // namespace tia::app
