// Accounts: sharing a mother's record with caregivers (invite, list, revoke).
#include <algorithm>

#include "tia/app/access.h"
#include "tia/app/accounts.h"
#include "tia/auth/passwords.h"
#include "tia/base/log.h"
#include "tia/base/uuid.h"
#include "tia/storage/consultations.h"
#include "tia/storage/photo_store.h"
#include "tia/storage/repositories.h"

namespace tia::app {

using storage::Connection;

Result<Json> Accounts::Invite(const Caller& caller, const std::string& mother_public_id,
                              const Json& body, const std::string& idempotency_key) {
  constexpr int64_t kKeepKeysMs = 30 * kDayMs;
  TIA_ASSIGN_OR_RETURN(Subject subject, ResolveSubject(s_, caller, mother_public_id,
                                                       auth::Action::kManageSharing, "caregivers"));
  if (idempotency_key.empty()) {
    return Invalid("Idempotency-Key",
                   "is required: a fresh UUID per invitation, reused when resending");
  }
  if (idempotency_key.size() > 255 ||
      std::any_of(idempotency_key.begin(), idempotency_key.end(),
                  [](unsigned char c) { return c < 0x21 || c > 0x7e; })) {
    return Invalid("Idempotency-Key", "must be 1 to 255 printable characters");
  }
  domain::FieldReader r(body, "");
  auto scope = r.Enum("scope", {"baby", "baby_and_mother"});
  TIA_TRY(r.Finish());
  const int64_t now = s_.clock->NowMs();
  const int64_t user = caller.principal->user_id;
  const std::string fingerprint = auth::TokenHash("invite " + mother_public_id + " " + body.dump());
  Json out;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto seen,
                         storage::idempotency::Get(c, user, idempotency_key, now - kKeepKeysMs));
    if (seen) {
      if (seen->fingerprint != fingerprint) {
        return Fail(ErrorCode::kUnprocessable,
                    "this Idempotency-Key was used for a different request", "Idempotency-Key");
      }
      TIA_ASSIGN_OR_RETURN(out, domain::ParseStored(seen->body));
      return Ok();
    }
    // Short enough to read aloud or type from another phone; guessing is bounded by the sign-up
    // rate limit and the 7-day life of an invitation (31^8 codes).
    const std::string code = auth::ReadableCode();
    storage::GrantRow grant{0,
                            NewUuid(),
                            subject.mother_id,
                            std::nullopt,
                            scope.value_or("baby"),
                            now,
                            now + s_.settings.invite_valid_ms,
                            std::nullopt,
                            std::nullopt};
    TIA_ASSIGN_OR_RETURN(grant, storage::grants::Insert(c, grant, auth::TokenHash(code)));
    out = {{"id", grant.public_id},
           {"scope", grant.scope},
           {"invite_code", code},
           {"expires_at", FormatUtc(grant.invite_expires_at)}};
    // Kept so that a resend gets the same code; it lives no longer than the invitation would.
    return storage::idempotency::Put(c, user, idempotency_key, {fingerprint, 201, out.dump()}, now);
  }));
  return out;
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
                 {"status", g.revoked_at    ? "revoked"
                            : g.accepted_at ? "active"
                                            : "invited"},
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
    TIA_ASSIGN_OR_RETURN(
        changed, storage::grants::Revoke(c, subject.mother_id, grant_id, s_.clock->NowMs()));
    return Ok();
  }));
  if (changed == 0) return Fail(ErrorCode::kNotFound, "not found");
  return Ok();
}

}  // namespace tia::app

namespace tia::app {

Result<void> Accounts::EraseMother(const Caller& caller, const std::string& mother_public_id) {
  TIA_ASSIGN_OR_RETURN(Subject subject, ResolveSubject(s_, caller, mother_public_id,
                                                       auth::Action::kExport, "account"));
  const int64_t now = s_.clock->NowMs();
  if (now - caller.authenticated_at > s_.settings.reauth_window_ms) {
    return Fail(ErrorCode::kForbidden,
                "confirm your password first (POST /api/v1/auth/reauthenticate), then erase");
  }
  storage::AuditEvent e{now,     std::nullopt, "mother",  subject.hospital_id, subject.mother_id,
                        "erase", "account",    "success", caller.client_ip,    caller.request_id};
  std::vector<std::string> photo_files;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(photo_files,
                         storage::consultations::PhotoAddressesOfMother(c, subject.mother_id));
    TIA_TRY(storage::users::EraseMother(c, subject.mother_id));
    return storage::audit::Append(c, e);
  }));
  // Her photo files go after the rows that named them (the same picture may be in another
  // mother's thread: then it stays). A failure here leaves an unreadable orphan, logged.
  for (const auto& address : photo_files) {
    auto in_use = s_.db->Read(
        [&](Connection& c) { return storage::consultations::AddressInUse(c, address); });
    if (in_use && !*in_use && s_.photos) {
      if (auto r = s_.photos->Remove(address); !r) {
        log::Error("erase.photo_file", {{"error", r.error().message}});
      }
    }
  }
  std::lock_guard lock(mu_);
  std::erase_if(cache_, [&](const auto& kv) { return kv.second.row.user_id == subject.mother_id; });
  return Ok();
}

}  // namespace tia::app
