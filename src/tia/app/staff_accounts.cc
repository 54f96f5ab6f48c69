// Staff accounts managed by their hospital's administrator: invite (an account and an e-mailed
// code to choose a password through "forgot your password"), change the role, deactivate or
// reactivate, and reset the password. Only the administrator of the same hospital; anyone else,
// and any account not of her hospital's staff, gets kNotFound. Every change is audited with the
// account as its subject.
#include "tia/app/access.h"
#include "tia/app/accounts.h"
#include "tia/auth/passwords.h"
#include "tia/base/uuid.h"

namespace tia::app {
namespace {

using storage::Connection;

constexpr int64_t kInviteValidMs = 7 * kDayMs;
constexpr int64_t kResetValidMs = kDayMs;

Error NotFound() { return Error{ErrorCode::kNotFound, "not found", {}, 0}; }

bool IsAdmin(const Caller& caller) {
  return caller.principal && caller.principal->role == auth::Role::kHospitalAdmin &&
         caller.principal->hospital_id;
}

Json StaffView(const storage::UserRow& u) {
  return {{"id", u.public_id},
          {"email", u.email},
          {"display_name", u.display_name},
          {"role", u.role},
          {"active", !u.deactivated_at.has_value()}};
}

}  // namespace

Result<Json> Accounts::ListStaff(const Caller& caller) {
  if (!IsAdmin(caller)) return tl::unexpected(NotFound());
  TIA_ASSIGN_OR_RETURN(auto rows, s_.db->Read([&](Connection& c) {
    return storage::users::StaffOf(c, *caller.principal->hospital_id);
  }));
  Json items = Json::array();
  for (const auto& u : rows) items.push_back(StaffView(u));
  return Json{{"items", items}};
}

Result<Json> Accounts::InviteStaff(const Caller& caller, const Json& body) {
  if (!IsAdmin(caller)) return tl::unexpected(NotFound());
  domain::FieldReader r(body, "");
  auto email = r.String("email", 254, true);
  auto name = r.String("display_name", 100, true);
  auto role = r.Enum("role", {"clinician", "hospital_admin"}, true);
  TIA_TRY(r.Finish());
  TIA_ASSIGN_OR_RETURN(const std::string norm, NormaliseEmail(*email, "/email"));
  if (name->empty()) return Invalid("/display_name", "must not be empty");
  // No one knows this password: she chooses hers with the code.
  TIA_ASSIGN_OR_RETURN(const std::string hash, auth::HashPassword(auth::RandomToken(32)));
  storage::UserRow user{
      0,    NewUuid(), norm, *name,        *role,       caller.principal->hospital_id,
      hash, 0,         0,    std::nullopt, std::nullopt};
  const int64_t now = s_.clock->NowMs();
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto existing, storage::users::ByEmail(c, norm));
    if (existing) return Fail(ErrorCode::kConflict, "an account with this e-mail exists", "/email");
    TIA_ASSIGN_OR_RETURN(user, storage::users::Insert(c, user, now));
    return storage::audit::Append(c, AuditOf(s_, caller, "invite", "staff", "success", user.id));
  }));
  TIA_TRY(IssueCode(user, "password_reset", user.email, caller,
                    {"staff_invite", kInviteValidMs, false}));
  return StaffView(user);
}

Result<Json> Accounts::UpdateStaff(const Caller& caller, const std::string& id, const Json& body) {
  if (!IsAdmin(caller)) return tl::unexpected(NotFound());
  domain::FieldReader r(body, "");
  auto role = r.Enum("role", {"clinician", "hospital_admin"});
  auto active = r.Bool("active");
  TIA_TRY(r.Finish());
  const int64_t now = s_.clock->NowMs();
  storage::UserRow out;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto u, storage::users::ByPublicId(c, id));
    if (!u || u->hospital_id != caller.principal->hospital_id ||
        (u->role != "clinician" && u->role != "hospital_admin")) {
      return tl::unexpected(NotFound());
    }
    if (u->id == caller.principal->user_id && (role || active)) {
      return Fail(ErrorCode::kConflict,
                  "you cannot change your own role or turn off your own account", "");
    }
    if (role && *role != u->role) {
      TIA_TRY(storage::users::SetRole(c, u->id, *role));
      TIA_TRY(storage::audit::Append(
          c, AuditOf(s_, caller, "role_" + *role, "staff", "success", u->id)));
      u->role = *role;
    }
    if (active && *active == u->deactivated_at.has_value()) {
      u->deactivated_at = *active ? std::optional<int64_t>() : std::optional<int64_t>(now);
      TIA_TRY(storage::users::SetDeactivated(c, u->id, u->deactivated_at));
      if (!*active) TIA_TRY(storage::sessions::RevokeAllOf(c, u->id, ""));
      TIA_TRY(storage::audit::Append(c, AuditOf(s_, caller, *active ? "reactivate" : "deactivate",
                                                "staff", "success", u->id)));
    }
    out = *u;
    return Ok();
  }));
  // A new role or a turned-off account takes effect on its next request, not after the cache.
  ForgetCachedSessions(out.id, "");
  return StaffView(out);
}

Result<void> Accounts::ResetStaffPassword(const Caller& caller, const std::string& id) {
  if (!IsAdmin(caller)) return tl::unexpected(NotFound());
  std::optional<storage::UserRow> user;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(user, storage::users::ByPublicId(c, id));
    if (!user || user->hospital_id != caller.principal->hospital_id ||
        (user->role != "clinician" && user->role != "hospital_admin") || user->deactivated_at) {
      return tl::unexpected(NotFound());
    }
    TIA_TRY(storage::sessions::RevokeAllOf(c, user->id, ""));
    return storage::audit::Append(
        c, AuditOf(s_, caller, "password_reset_sent", "staff", "success", user->id));
  }));
  ForgetCachedSessions(user->id, "");
  return IssueCode(*user, "password_reset", user->email, caller,
                   {"staff_reset", kResetValidMs, false});
}

}  // namespace tia::app
