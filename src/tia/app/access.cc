#include "tia/app/access.h"

#include "tia/storage/repositories.h"

namespace tia::app {

using auth::Action;
using auth::Decision;
using auth::Role;

storage::AuditEvent AuditOf(const Services& s, const Caller& caller, std::string action,
                            std::string resource, std::string outcome,
                            std::optional<int64_t> subject) {
  const auth::Principal& p = *caller.principal;
  return {s.clock->NowMs(), p.user_id,         auth::RoleName(p.role), p.hospital_id,
          subject,          std::move(action), std::move(resource),    std::move(outcome),
          caller.client_ip, caller.request_id};
}

auth::Action ReadAction(bool baby_event) {
  return baby_event ? Action::kReadBabyEvents : Action::kReadMotherData;
}
auth::Action WriteAction(bool baby_event) {
  return baby_event ? Action::kWriteBabyEvents : Action::kWriteMotherData;
}

namespace {

const char* ActionVerb(Action a) {
  switch (a) {
    case Action::kReadBabyEvents:
    case Action::kReadMotherData:
      return "read";
    case Action::kWriteBabyEvents:
    case Action::kWriteMotherData:
      return "write";
    case Action::kManageSharing:
      return "share";
    case Action::kExport:
      return "export";
  }
  return "access";
}

}  // namespace

Result<Subject> ResolveSubject(Services& s, const Caller& caller,
                               const std::string& mother_public_id, Action action,
                               const std::string& resource) {
  if (!caller.principal) return Fail(ErrorCode::kUnauthenticated, "sign in first");
  const auth::Principal& who = *caller.principal;
  // The hot path: a mother on her own record needs no lookup.
  if (who.role == Role::kMother && mother_public_id == caller.public_id) {
    return Subject{who.user_id, caller.public_id, who.hospital_id};
  }
  auth::Relation rel;
  Subject subject;
  TIA_ASSIGN_OR_RETURN(auto mother, s.db->Read([&](storage::Connection& c) {
    return storage::users::ByPublicId(c, mother_public_id);
  }));
  if (mother && mother->role == "mother") {
    rel.mother_id = mother->id;
    rel.mother_hospital_id = mother->hospital_id;
    subject = {mother->id, mother->public_id, mother->hospital_id};
    if (who.role == Role::kCaregiver) {
      TIA_ASSIGN_OR_RETURN(auto grant, s.db->Read([&](storage::Connection& c) {
        return storage::grants::Active(c, mother->id, who.user_id);
      }));
      if (grant) rel.caregiver_scope = grant->scope;
    }
  } else {
    rel.mother_id = -1;  // nobody's record: every decision below is "not found"
  }
  const Decision d = rel.mother_id < 0 ? Decision::kNotFound : auth::Decide(who, rel, action);
  const bool staff = auth::IsStaff(who.role);
  if (staff || d != Decision::kAllow) {
    const auto e = AuditOf(
        s, caller, ActionVerb(action), resource, d == Decision::kAllow ? "success" : "denied",
        rel.mother_id < 0 ? std::nullopt : std::optional<int64_t>(rel.mother_id));
    if (staff) {
      // The audit row is durable before any health data leaves the server.
      TIA_TRY(s.db->Write([&](storage::Connection& c) { return storage::audit::Append(c, e); }));
    } else {
      // A refusal returns no data; its audit row need not hold the answer back.
      s.db->WriteAsync([e](storage::Connection& c) { return storage::audit::Append(c, e); },
                       nullptr);
    }
  }
  if (d == Decision::kNotFound) return Fail(ErrorCode::kNotFound, "not found");
  if (d == Decision::kForbidden) {
    return Fail(ErrorCode::kForbidden, "your role cannot do this to this record");
  }
  return subject;
}

}  // namespace tia::app
