#include "tia/app/access.h"

#include "tia/auth/passwords.h"
#include "tia/base/uuid.h"
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
    if (who.role == Role::kClinician && who.hospital_id != mother->hospital_id) {
      TIA_ASSIGN_OR_RETURN(auto glass, s.db->Read([&](storage::Connection& c) {
        return storage::break_glass::Active(c, who.user_id, mother->id, s.clock->NowMs());
      }));
      rel.break_glass = glass.has_value();
    }
  } else {
    rel.mother_id = -1;  // nobody's record: every decision below is "not found"
  }
  const Decision d = rel.mother_id < 0 ? Decision::kNotFound : auth::Decide(who, rel, action);
  const bool staff = auth::IsStaff(who.role);
  if (staff || d != Decision::kAllow) {
    // A read under break-glass access is flagged by its outcome.
    const char* outcome = d != Decision::kAllow ? "denied"
                          : rel.break_glass && who.hospital_id != rel.mother_hospital_id
                              ? "break_glass"
                              : "success";
    const auto e =
        AuditOf(s, caller, ActionVerb(action), resource, outcome,
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

Result<Json> BreakGlass(Services& s, const Caller& caller, const std::string& mother_public_id,
                        const Json& body) {
  if (!caller.principal || caller.principal->role != Role::kClinician ||
      !caller.principal->hospital_id) {
    return Fail(ErrorCode::kNotFound, "not found");
  }
  domain::FieldReader r(body, "");
  auto reason = r.String("reason", 500, true);
  if (reason && reason->find_first_not_of(" \t\r\n") == std::string::npos) {
    r.FailAt("reason", "must say why you need her record now");
  }
  const int64_t minutes = r.Integer("minutes", 1, 60).value_or(60);
  TIA_TRY(r.Finish());
  TIA_ASSIGN_OR_RETURN(auto mother, s.db->Read([&](storage::Connection& c) {
    return storage::users::ByPublicId(c, mother_public_id);
  }));
  const int64_t now = s.clock->NowMs();
  if (!mother || mother->role != "mother") {
    const auto e = AuditOf(s, caller, "break_glass", "mother", "denied", std::nullopt);
    TIA_TRY(s.db->Write([&](storage::Connection& c) { return storage::audit::Append(c, e); }));
    return Fail(ErrorCode::kNotFound, "not found");
  }
  if (mother->hospital_id == caller.principal->hospital_id) {
    return Fail(ErrorCode::kConflict,
                "she is registered with your hospital: you can read her record without this");
  }
  storage::BreakGlassRow g;
  g.public_id = NewUuid();
  g.clinician_id = caller.principal->user_id;
  g.mother_id = mother->id;
  g.mother_hospital_id = mother->hospital_id;
  g.reason = *reason;
  g.granted_at = now;
  g.expires_at = now + minutes * kMinuteMs;
  g.client_ip = caller.client_ip;
  const auto e = AuditOf(s, caller, "break_glass", "mother", "break_glass", mother->id);
  TIA_TRY(s.db->Write([&](storage::Connection& c) -> Result<void> {
    TIA_TRY(storage::break_glass::Insert(c, g));
    return storage::audit::Append(c, e);
  }));
  return Json{{"id", g.public_id},
              {"mother_id", mother->public_id},
              {"reason", g.reason},
              {"granted_at", FormatUtc(g.granted_at)},
              {"expires_at", FormatUtc(g.expires_at)}};
}

Result<Json> BreakGlassGrants(Services& s, const Caller& caller) {
  if (!caller.principal || caller.principal->role != Role::kHospitalAdmin ||
      !caller.principal->hospital_id) {
    return Fail(ErrorCode::kNotFound, "not found");
  }
  TIA_ASSIGN_OR_RETURN(auto rows, s.db->Read([&](storage::Connection& c) {
    return storage::break_glass::OnHospital(c, *caller.principal->hospital_id, 200);
  }));
  const int64_t now = s.clock->NowMs();
  Json items = Json::array();
  for (const auto& g : rows) {
    items.push_back(
        {{"id", g.public_id},
         {"mother_id", g.mother_public_id},
         {"clinician", {{"name", g.clinician_name}, {"hospital", g.clinician_hospital}}},
         {"reason", g.reason},
         {"granted_at", FormatUtc(g.granted_at)},
         {"expires_at", FormatUtc(g.expires_at)},
         {"active", g.expires_at > now}});
  }
  return Json{{"items", items}};
}

Result<void> RequireOwnInfant(storage::Connection& c, int64_t mother_id,
                              const std::string& infant_id) {
  TIA_ASSIGN_OR_RETURN(auto found, storage::records::Get(c, mother_id, infant_id));
  if (!found || found->kind != "infant" || found->deleted) {
    return Invalid("/infant_id", "is not one of this mother's infants");
  }
  return Ok();
}

}  // namespace tia::app
