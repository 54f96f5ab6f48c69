// The care team's work on a consultation: take it, hand it over, return it to the pool, close it
// with a care plan; and the hospital's reply templates. Opening, reading and messages:
// consultations.cc.
#include "tia/app/consultations.h"
#include "tia/app/consultations_parts.h"
#include "tia/app/messaging.h"
#include "tia/app/push.h"
#include "tia/auth/passwords.h"
#include "tia/base/uuid.h"
#include "tia/domain/consultation.h"
#include "tia/domain/json_reader.h"
#include "tia/storage/scheduling.h"

namespace tia::app {

namespace {

using auth::Role;
using consult::Announce;
using consult::IsClinician;
using consult::LoadThread;
using consult::NotFound;
using consult::Thread;
using storage::Connection;
using storage::ConsultationEventRow;
using storage::ConsultationRow;
using storage::MessageRow;
namespace repo = storage::consultations;

}  // namespace

namespace {

// {reason}: why a claim, hand-over or return happened; required or not, never blank.
Result<std::optional<std::string>> ReasonOf(const Json& body, bool required) {
  const Json empty = Json::object();
  domain::FieldReader r(body.is_null() ? empty : body, "");
  auto reason = r.String("reason", 500, required);
  if (reason && reason->find_first_not_of(" \t\r\n") == std::string::npos) {
    r.FailAt("reason", "must say why");
  }
  TIA_TRY(r.Finish());
  return reason;
}

}  // namespace

Result<Json> Consultations::ChangeHolder(const Caller& caller, const std::string& id,
                                         const std::string& kind,
                                         const std::optional<std::string>& reason,
                                         const NextHolder& next) {
  const int64_t now = s_.clock->NowMs();
  ConsultationRow changed;
  bool same = false;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto row, repo::ByPublicId(c, id));
    if (row->status == "closed") return Fail(ErrorCode::kConflict, "this consultation is closed");
    TIA_ASSIGN_OR_RETURN(auto holder, next(c, *row));
    if (!holder) {
      same = true;
      return Ok();
    }
    row->assignee_id = *holder;
    row->updated_at = now;
    TIA_ASSIGN_OR_RETURN(bool ok, repo::Update(c, *row));
    if (!ok) return Fail(ErrorCode::kConflict, "someone changed it at the same moment; try again");
    TIA_TRY(repo::AddEvent(c, row->id,
                           {now, caller.principal->user_id, kind, *holder, reason, "", {}}));
    changed = *row;
    return Ok();
  }));
  if (!same) Announce(hub_, changed, kind);
  return Get(caller, id);
}

Result<Json> Consultations::Claim(const Caller& caller, const std::string& id, const Json& body) {
  if (!IsClinician(caller)) return tl::unexpected(NotFound());
  TIA_ASSIGN_OR_RETURN(Thread t, LoadThread(s_, caller, id, "consultation"));
  TIA_ASSIGN_OR_RETURN(auto reason, ReasonOf(body, false));
  const int64_t me = caller.principal->user_id;
  return ChangeHolder(caller, t.c.public_id, "claimed", reason,
                      [&](Connection&, const ConsultationRow& row) -> Result<Holder> {
                        if (row.assignee_id == me) return Holder();
                        if (row.assignee_id && !reason) {
                          return Fail(ErrorCode::kConflict,
                                      "another clinician holds this consultation; say why you "
                                      "take it over",
                                      "/reason");
                        }
                        return Holder(me);
                      });
}

Result<Json> Consultations::Assign(const Caller& caller, const std::string& id, const Json& body) {
  if (!IsClinician(caller)) return tl::unexpected(NotFound());
  TIA_ASSIGN_OR_RETURN(Thread t, LoadThread(s_, caller, id, "consultation"));
  domain::FieldReader r(body, "");
  auto to = r.String("clinician_id", 64, true);
  auto reason = r.String("reason", 500, true);
  if (reason && reason->find_first_not_of(" \t\r\n") == std::string::npos) {
    r.FailAt("reason", "must say why");
  }
  TIA_TRY(r.Finish());
  return ChangeHolder(
      caller, t.c.public_id, "assigned", reason,
      [&](Connection& c, const ConsultationRow& row) -> Result<Holder> {
        TIA_ASSIGN_OR_RETURN(auto target, storage::users::ByPublicId(c, *to));
        if (!target || target->role != "clinician" || target->hospital_id != row.hospital_id) {
          return Invalid("/clinician_id", "is not a clinician of this hospital");
        }
        return Holder(target->id);
      });
}

Result<Json> Consultations::Release(const Caller& caller, const std::string& id, const Json& body) {
  if (!IsClinician(caller)) return tl::unexpected(NotFound());
  TIA_ASSIGN_OR_RETURN(Thread t, LoadThread(s_, caller, id, "consultation"));
  TIA_ASSIGN_OR_RETURN(auto reason, ReasonOf(body, true));
  return ChangeHolder(caller, t.c.public_id, "returned", reason,
                      [&](Connection&, const ConsultationRow& row) -> Result<Holder> {
                        if (!row.assignee_id) {
                          return Fail(ErrorCode::kConflict, "it is already in the pool");
                        }
                        return Holder(std::optional<int64_t>());
                      });
}

Result<Json> Consultations::Close(const Caller& caller, const std::string& id, const Json& body) {
  if (!IsClinician(caller)) return tl::unexpected(NotFound());
  TIA_ASSIGN_OR_RETURN(Thread t, LoadThread(s_, caller, id, "consultation"));
  TIA_ASSIGN_OR_RETURN(Json valid, domain::ValidateCloseOut(body));
  const int64_t me = caller.principal->user_id;
  const int64_t now = s_.clock->NowMs();
  Json close_out = {{"outcome", valid["outcome"]}, {"care_plan", valid["care_plan"]}};
  if (valid["outcome"] == "refer_emergency") {
    TIA_ASSIGN_OR_RETURN(close_out["contact"], scheduling_.Contact(caller));
  }
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto row, repo::ByPublicId(c, id));
    if (row->status == "closed") return Fail(ErrorCode::kConflict, "this consultation is closed");
    MessageRow m;
    m.public_id = NewUuid();
    m.consultation_id = row->id;
    m.author_id = me;
    m.author_role = "clinician";
    m.kind = "close_out";
    m.body = Json{{"text", valid["message"]}, {"close_out", close_out}}.dump();
    m.request_hash = auth::TokenHash(m.body);
    m.created_at = now;
    TIA_TRY(repo::AddMessage(c, m));
    if (!row->first_reply_at) row->first_reply_at = now;
    if (!row->assignee_id) row->assignee_id = me;
    row->status = "closed";
    row->awaiting = "mother";
    row->closed_at = now;
    row->close_out = close_out.dump();
    row->updated_at = now;
    TIA_ASSIGN_OR_RETURN(bool ok, repo::Update(c, *row));
    if (!ok) return Fail(ErrorCode::kConflict, "someone changed it at the same moment; try again");
    TIA_TRY(repo::AddEvent(
        c, row->id,
        {now, me, "closed", std::nullopt, valid["outcome"].get<std::string>(), "", {}}));
    TIA_TRY(storage::audit::Append(
        c, AuditOf(s_, caller, "write", "consultation_close_out", "success", t.c.mother_id)));
    TIA_TRY(Push::QueueTeamReplied(c, row->mother_id, row->public_id, now));
    TIA_TRY(msg::TeamReplied(c, row->mother_id, row->public_id, now));
    t.c = *row;
    return Ok();
  }));
  Announce(hub_, t.c, "closed");
  if (s_.wake_sender) s_.wake_sender();
  return Get(caller, id);
}

Result<Json> Consultations::Templates(const Caller& caller) {
  if (!caller.principal || !auth::IsStaff(caller.principal->role) ||
      !caller.principal->hospital_id) {
    return tl::unexpected(NotFound());
  }
  TIA_ASSIGN_OR_RETURN(auto rows, s_.db->Read([&](Connection& c) {
    return storage::config::OfHospital(c, storage::ConfigKind::kReplyTemplate,
                                       *caller.principal->hospital_id);
  }));
  Json items = Json::array();
  for (const auto& r : rows) {
    TIA_ASSIGN_OR_RETURN(Json j, domain::ParseStored(r.body));
    j["id"] = r.public_id;
    items.push_back(std::move(j));
  }
  return Json{{"items", items}};
}

Result<Json> Consultations::PutTemplate(const Caller& caller, const std::string& id,
                                        const Json& body) {
  if (!caller.principal || !auth::IsStaff(caller.principal->role) ||
      !caller.principal->hospital_id) {
    return tl::unexpected(NotFound());
  }
  if (caller.principal->role != Role::kHospitalAdmin) {
    return Fail(ErrorCode::kForbidden, "only the hospital's administrators change its templates");
  }
  if (!IsCanonicalUuid(id)) return Invalid("/id", "must be a lowercase UUID");
  TIA_ASSIGN_OR_RETURN(Json valid, domain::ValidateReplyTemplate(body));
  const int64_t hospital = *caller.principal->hospital_id;
  const auto audit = AuditOf(s_, caller, "update", "reply_template", "success", std::nullopt);
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto existing,
                         storage::config::ByPublicId(c, storage::ConfigKind::kReplyTemplate, id));
    if (existing && existing->hospital_id != hospital) return tl::unexpected(NotFound());
    TIA_TRY(storage::config::Put(c, storage::ConfigKind::kReplyTemplate, hospital, id, valid.dump(),
                                 s_.clock->NowMs(), caller.principal->user_id));
    return storage::audit::Append(c, audit);
  }));
  valid["id"] = id;
  return valid;
}

}  // namespace tia::app
