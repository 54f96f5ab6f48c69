// Accounts: sharing a mother's record with caregivers (invite, list, revoke).
#include "tia/app/access.h"
#include "tia/app/accounts.h"
#include "tia/auth/passwords.h"
#include "tia/base/uuid.h"
#include "tia/storage/repositories.h"

namespace tia::app {

using storage::Connection;

Result<Json> Accounts::Invite(const Caller& caller, const std::string& mother_public_id,
                              const Json& body) {
  domain::FieldReader r(body, "");
  auto scope = r.Enum("scope", {"baby", "baby_and_mother"});
  TIA_TRY(r.Finish());
  TIA_ASSIGN_OR_RETURN(Subject subject, ResolveSubject(s_, caller, mother_public_id,
                                                       auth::Action::kManageSharing, "caregivers"));
  const int64_t now = s_.clock->NowMs();
  const std::string code = auth::RandomToken(16);
  storage::GrantRow grant{0, NewUuid(), subject.mother_id, std::nullopt, scope.value_or("baby"),
                          now, now + s_.settings.invite_valid_ms, std::nullopt, std::nullopt};
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(grant, storage::grants::Insert(c, grant, auth::TokenHash(code)));
    return Ok();
  }));
  return Json{{"id", grant.public_id},
              {"scope", grant.scope},
              {"invite_code", code},
              {"expires_at", FormatUtc(grant.invite_expires_at)}};
}

Result<Json> Accounts::ListCaregivers(const Caller& caller, const std::string& mother_public_id) {
  TIA_ASSIGN_OR_RETURN(Subject subject, ResolveSubject(s_, caller, mother_public_id,
                                                       auth::Action::kManageSharing, "caregivers"));
  TIA_ASSIGN_OR_RETURN(auto grants, s_.db->Read([&](Connection& c) {
    return storage::grants::OfMother(c, subject.mother_id);
  }));
  Json items = Json::array();
  for (const auto& g : grants) {
    Json item = {{"id", g.public_id},
                 {"scope", g.scope},
                 {"created_at", FormatUtc(g.created_at)},
                 {"status", g.revoked_at ? "revoked" : g.accepted_at ? "active" : "invited"},
                 {"caregiver", nullptr}};
    if (g.caregiver_id) {
      TIA_ASSIGN_OR_RETURN(auto cg, s_.db->Read([&](Connection& c) {
        return storage::users::ById(c, *g.caregiver_id);
      }));
      if (cg) item["caregiver"] = {{"id", cg->public_id}, {"display_name", cg->display_name}};
    }
    items.push_back(std::move(item));
  }
  return Json{{"items", items}};
}

Result<void> Accounts::RevokeCaregiver(const Caller& caller, const std::string& mother_public_id,
                                       const std::string& grant_id) {
  TIA_ASSIGN_OR_RETURN(Subject subject, ResolveSubject(s_, caller, mother_public_id,
                                                       auth::Action::kManageSharing, "caregivers"));
  int64_t changed = 0;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(changed, storage::grants::Revoke(c, subject.mother_id, grant_id,
                                                          s_.clock->NowMs()));
    return Ok();
  }));
  if (changed == 0) return Fail(ErrorCode::kNotFound, "not found");
  return Ok();
}

}  // namespace tia::app
