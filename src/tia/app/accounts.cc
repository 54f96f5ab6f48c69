#include "tia/app/accounts.h"

#include <algorithm>

#include "tia/app/access.h"
#include "tia/auth/passwords.h"
#include "tia/base/uuid.h"
#include "tia/storage/repositories.h"

namespace tia::app {
namespace {

using auth::Role;
using storage::Connection;

constexpr int64_t kCacheTtlMs = 10'000;
constexpr int64_t kTouchEveryMs = 60'000;
constexpr int64_t kSweepEveryMs = 60'000;

Error Unauthenticated() { return Error{ErrorCode::kUnauthenticated, "sign in first", {}, 0}; }

}  // namespace

Result<std::string> NormaliseEmail(const std::string& email, const std::string& field) {
  std::string e = email;
  auto not_space = [](unsigned char ch) { return !std::isspace(ch); };
  e.erase(e.begin(), std::find_if(e.begin(), e.end(), not_space));
  e.erase(std::find_if(e.rbegin(), e.rend(), not_space).base(), e.end());
  std::transform(e.begin(), e.end(), e.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto at = e.find('@');
  if (e.size() > 254 || at == std::string::npos || at == 0 || at + 1 >= e.size() ||
      e.find('@', at + 1) != std::string::npos ||
      std::any_of(e.begin(), e.end(),
                  [](unsigned char c) { return std::isspace(c) || c < 0x20; })) {
    return Invalid(field, "must be an e-mail address");
  }
  return e;
}

Result<void> Accounts::Audit(const Caller& caller, std::optional<int64_t> actor,
                             const std::string& role, std::optional<int64_t> hospital,
                             const std::string& action, const std::string& outcome) {
  storage::AuditEvent e{
      s_.clock->NowMs(), actor, role, hospital, actor, action, "account", outcome, caller.client_ip,
      caller.request_id};
  return s_.db->Write([&](Connection& c) { return storage::audit::Append(c, e); });
}

Result<Json> Accounts::UserView(const storage::UserRow& u) {
  Json out = {{"id", u.public_id},
              {"email", u.email},
              {"phone", u.phone ? Json(*u.phone) : Json()},
              {"display_name", u.display_name},
              {"role", u.role},
              {"hospital", nullptr}};
  if (u.hospital_id) {
    TIA_ASSIGN_OR_RETURN(auto h, s_.db->Read([&](Connection& c) {
      return storage::hospitals::ById(c, *u.hospital_id);
    }));
    if (h) out["hospital"] = {{"code", h->code}, {"name", h->name}};
  }
  return out;
}

Result<NewSession> Accounts::StartSession(const storage::UserRow& user, const Caller& caller) {
  const int64_t now = s_.clock->NowMs();
  const Role role = auth::RoleFromName(user.role).value_or(Role::kMother);
  const bool staff = auth::IsStaff(role);
  NewSession out;
  out.token = auth::RandomToken(32);
  out.csrf_token = auth::RandomToken(24);
  storage::SessionRow row{
      auth::TokenHash(out.token),
      user.id,
      out.csrf_token,
      now,
      now,
      now,
      staff ? s_.settings.staff_idle_ms : s_.settings.mother_idle_ms,
      now + (staff ? s_.settings.staff_absolute_ms : s_.settings.mother_absolute_ms),
      false};
  out.expires_at = row.expires_at;
  storage::AuditEvent audit{now,     user.id,   user.role, user.hospital_id, user.id,
                            "login", "account", "success", caller.client_ip, caller.request_id};
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_TRY(storage::users::SetLoginState(c, user.id, 0, 0));
    TIA_TRY(storage::sessions::Insert(c, row));
    return storage::audit::Append(c, audit);
  }));
  TIA_ASSIGN_OR_RETURN(out.user, UserView(user));
  return out;
}

Result<NewSession> Accounts::RegisterMother(const Json& body, const Caller& caller) {
  domain::FieldReader r(body, "");
  auto email = r.String("email", 254, true);
  auto password = r.String("password", kMaxPasswordBytes, true);
  auto name = r.String("display_name", 100, true);
  auto code = r.String("hospital_code", 64, true);
  std::optional<std::string> consent_version;
  if (const Json* consent = r.Object("consent", true)) {
    domain::FieldReader cr(*consent, "/consent");
    consent_version = cr.String("text_version", 64, true);
    auto accepted = cr.Bool("accepted", true);
    if (accepted && !*accepted)
      cr.FailAt("accepted", "must be true: Tia stores care data only with consent");
    if (consent_version && *consent_version != s_.settings.consent_text_version) {
      cr.FailAt("text_version",
                "must be the current consent text, " + s_.settings.consent_text_version);
    }
    r.Merge(cr);
  }
  TIA_TRY(r.Finish());
  TIA_ASSIGN_OR_RETURN(std::string norm, NormaliseEmail(*email, "/email"));
  if (name->empty()) return Invalid("/display_name", "must not be empty");
  TIA_TRY(auth::CheckPasswordPolicy(*password, "/password"));
  TIA_ASSIGN_OR_RETURN(auto hospital, s_.db->Read([&](Connection& c) {
    return storage::hospitals::ByCode(c, *code);
  }));
  if (!hospital) return Invalid("/hospital_code", "is not a hospital using Tia");
  TIA_ASSIGN_OR_RETURN(std::string hash, auth::HashPassword(*password));
  storage::UserRow user{0,    NewUuid(), norm, *name,        "mother",    hospital->id,
                        hash, 0,         0,    std::nullopt, std::nullopt};
  const int64_t now = s_.clock->NowMs();
  auto written = s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto existing, storage::users::ByEmail(c, norm));
    if (existing) return Fail(ErrorCode::kConflict, "an account with this e-mail exists", "/email");
    TIA_ASSIGN_OR_RETURN(user, storage::users::Insert(c, user, now));
    return storage::consents::Insert(c, user.id, "care_data", *consent_version, "app", now);
  });
  TIA_TRY(written);
  return StartSession(user, caller);
}

Result<NewSession> Accounts::RegisterCaregiver(const Json& body, const Caller& caller) {
  domain::FieldReader r(body, "");
  auto code = r.String("invite_code", 100, true);
  auto email = r.String("email", 254, true);
  auto password = r.String("password", kMaxPasswordBytes, true);
  auto name = r.String("display_name", 100, true);
  TIA_TRY(r.Finish());
  TIA_ASSIGN_OR_RETURN(std::string norm, NormaliseEmail(*email, "/email"));
  if (name->empty()) return Invalid("/display_name", "must not be empty");
  TIA_TRY(auth::CheckPasswordPolicy(*password, "/password"));
  TIA_ASSIGN_OR_RETURN(std::string hash, auth::HashPassword(*password));
  const int64_t now = s_.clock->NowMs();
  // Typed as it was read: any case, with spaces or a dash. A long code issued before the short ones
  // is looked up as given.
  const std::string invite_hash = auth::TokenHash(auth::NormaliseCode(*code));
  const std::string legacy_hash = auth::TokenHash(*code);
  storage::UserRow user{0,    NewUuid(), norm, *name,        "caregiver", std::nullopt,
                        hash, 0,         0,    std::nullopt, std::nullopt};
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto grant, storage::grants::ByInviteHash(c, invite_hash));
    if (!grant) {
      TIA_ASSIGN_OR_RETURN(grant, storage::grants::ByInviteHash(c, legacy_hash));
    }
    if (!grant || grant->accepted_at || grant->revoked_at || grant->invite_expires_at < now) {
      return Invalid("/invite_code", "is not a valid invitation (it may be used or expired)");
    }
    TIA_ASSIGN_OR_RETURN(auto existing, storage::users::ByEmail(c, norm));
    if (existing) return Fail(ErrorCode::kConflict, "an account with this e-mail exists", "/email");
    TIA_ASSIGN_OR_RETURN(user, storage::users::Insert(c, user, now));
    return storage::grants::Accept(c, grant->id, user.id, now);
  }));
  return StartSession(user, caller);
}

Result<NewSession> Accounts::Login(const Json& body, const Caller& caller) {
  domain::FieldReader r(body, "");
  auto email = r.String("email", 254, true);
  auto password = r.String("password", kMaxPasswordBytes, true);
  TIA_TRY(r.Finish());
  auto norm = NormaliseEmail(*email, "/email");
  std::optional<storage::UserRow> user;
  if (norm) {
    TIA_ASSIGN_OR_RETURN(
        user, s_.db->Read([&](Connection& c) { return storage::users::ByEmail(c, *norm); }));
    if (user && user->deactivated_at) user.reset();  // turned off by the administrator: unknown
  }
  const int64_t now = s_.clock->NowMs();
  if (user) {
    TIA_TRY(NotLockedOut(*user, caller));
  }
  // Verify even for an unknown e-mail, so both answers take the same time.
  const bool match =
      auth::VerifyPassword(user ? user->password_hash : auth::DecoyHash(), *password);
  if (!user || !match) {
    if (user) {
      const int64_t failed = user->failed_logins + 1;
      const bool lock = failed >= s_.settings.max_failed_logins;
      storage::AuditEvent e{now,
                            user->id,
                            user->role,
                            user->hospital_id,
                            user->id,
                            "login",
                            "account",
                            lock ? "failure_locked" : "failure",
                            caller.client_ip,
                            caller.request_id};
      TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
        TIA_TRY(storage::users::SetLoginState(c, user->id, lock ? 0 : failed,
                                              lock ? now + s_.settings.lockout_ms : 0));
        return storage::audit::Append(c, e);
      }));
    } else {
      (void)Audit(caller, std::nullopt, "", std::nullopt, "login", "failure_unknown_account");
    }
    return Fail(ErrorCode::kUnauthenticated, "the e-mail or password is wrong");
  }
  return StartSession(*user, caller);
}

Result<void> Accounts::NotLockedOut(const storage::UserRow& user, const Caller& caller) {
  const int64_t now = s_.clock->NowMs();
  if (user.locked_until <= now) return Ok();
  (void)Audit(caller, user.id, user.role, user.hospital_id, "login", "locked");
  Error e{ErrorCode::kTooManyRequests, "too many failed sign-ins; try again later", {}, 0};
  e.retry_after_s = static_cast<int>((user.locked_until - now + 999) / 1000);
  return tl::unexpected(e);
}

Result<void> Accounts::Logout(const Caller& caller) {
  if (!caller.principal) return tl::unexpected(Unauthenticated());
  {
    std::lock_guard lock(mu_);
    cache_.erase(caller.session_hash);
  }
  const auto e = AuditOf(s_, caller, "logout", "account", "success", caller.principal->user_id);
  return s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_TRY(storage::sessions::Revoke(c, caller.session_hash));
    return storage::audit::Append(c, e);
  });
}

Result<void> Accounts::Reauthenticate(const Json& body, const Caller& caller) {
  if (!caller.principal) return tl::unexpected(Unauthenticated());
  domain::FieldReader r(body, "");
  auto password = r.String("password", kMaxPasswordBytes, true);
  TIA_TRY(r.Finish());
  TIA_ASSIGN_OR_RETURN(auto user, s_.db->Read([&](Connection& c) {
    return storage::users::ById(c, caller.principal->user_id);
  }));
  if (!user || !auth::VerifyPassword(user->password_hash, *password)) {
    (void)Audit(caller, caller.principal->user_id, auth::RoleName(caller.principal->role),
                caller.principal->hospital_id, "reauthenticate", "failure");
    return Invalid("/password", "is wrong");
  }
  const int64_t now = s_.clock->NowMs();
  TIA_TRY(s_.db->Write([&](Connection& c) {
    return storage::sessions::Reauthenticated(c, caller.session_hash, now);
  }));
  std::lock_guard lock(mu_);
  cache_.erase(caller.session_hash);
  return Ok();
}

Result<void> Accounts::ChangePassword(const Json& body, const Caller& caller) {
  if (!caller.principal) return tl::unexpected(Unauthenticated());
  domain::FieldReader r(body, "");
  auto current = r.String("current_password", kMaxPasswordBytes, true);
  auto next = r.String("new_password", kMaxPasswordBytes, true);
  TIA_TRY(r.Finish());
  TIA_TRY(auth::CheckPasswordPolicy(*next, "/new_password"));
  TIA_ASSIGN_OR_RETURN(auto user, s_.db->Read([&](Connection& c) {
    return storage::users::ById(c, caller.principal->user_id);
  }));
  if (!user || !auth::VerifyPassword(user->password_hash, *current)) {
    return Invalid("/current_password", "is wrong");
  }
  TIA_ASSIGN_OR_RETURN(std::string hash, auth::HashPassword(*next));
  const int64_t now = s_.clock->NowMs();
  const auto e = AuditOf(s_, caller, "password_change", "account", "success", user->id);
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_TRY(storage::users::SetPassword(c, user->id, hash, now));
    TIA_TRY(storage::sessions::RevokeAllOf(c, user->id, caller.session_hash));
    return storage::audit::Append(c, e);
  }));
  ForgetCachedSessions(user->id, caller.session_hash);
  return Ok();
}

void Accounts::ForgetCachedSessions(int64_t user_id, const std::string& keep_hash) {
  std::lock_guard lock(mu_);
  std::erase_if(cache_, [&](const auto& kv) {
    return kv.second.row.user_id == user_id && kv.first != keep_hash;
  });
}

Result<Caller> Accounts::Authenticate(const std::string& token, Caller base) {
  if (token.empty() || token.size() > 128) return tl::unexpected(Unauthenticated());
  const std::string hash = auth::TokenHash(token);
  const int64_t now = s_.clock->NowMs();
  std::unique_lock lock(mu_);
  if (now - last_sweep_ms_ > kSweepEveryMs) {
    // Entries past their TTL would be reloaded anyway: drop them so the cache holds only
    // sessions in use.
    std::erase_if(cache_,
                  [now](const auto& kv) { return now - kv.second.loaded_at > kCacheTtlMs; });
    last_sweep_ms_ = now;
  }
  auto it = cache_.find(hash);
  if (it == cache_.end() || now - it->second.loaded_at > kCacheTtlMs) {
    lock.unlock();
    TIA_ASSIGN_OR_RETURN(
        auto row, s_.db->Read([&](Connection& c) { return storage::sessions::ByHash(c, hash); }));
    if (!row || row->revoked) {
      std::lock_guard relock(mu_);
      cache_.erase(hash);
      return tl::unexpected(Unauthenticated());
    }
    TIA_ASSIGN_OR_RETURN(auto user, s_.db->Read([&](Connection& c) {
      return storage::users::ById(c, row->user_id);
    }));
    if (!user || user->deactivated_at) return tl::unexpected(Unauthenticated());
    CachedSession fresh{
        *row,
        {user->id, auth::RoleFromName(user->role).value_or(Role::kMother), user->hospital_id},
        user->public_id,
        now,
        row->last_seen_at};
    lock.lock();
    auto [pos, inserted] = cache_.insert_or_assign(hash, std::move(fresh));
    it = pos;
  }
  CachedSession& cs = it->second;
  if (cs.row.revoked || now >= cs.row.expires_at ||
      now - cs.row.last_seen_at > cs.row.idle_timeout_ms) {
    cache_.erase(it);
    return tl::unexpected(Unauthenticated());
  }
  cs.row.last_seen_at = std::max(cs.row.last_seen_at, now);
  const bool persist = now - cs.persisted_seen_at > kTouchEveryMs;
  if (persist) cs.persisted_seen_at = now;
  base.principal = cs.principal;
  base.public_id = cs.public_id;
  base.session_hash = hash;
  base.authenticated_at = cs.row.authenticated_at;
  lock.unlock();
  if (persist) {
    // Only the idle clock: not worth holding the request for; a lost touch costs nothing.
    s_.db->WriteAsync([hash, now](Connection& c) { return storage::sessions::Touch(c, hash, now); },
                      nullptr);
  }
  return base;
}

size_t Accounts::cached_sessions() {
  std::lock_guard lock(mu_);
  return cache_.size();
}

std::string Accounts::CsrfOf(const std::string& session_hash) {
  std::lock_guard lock(mu_);
  auto it = cache_.find(session_hash);
  return it == cache_.end() ? std::string() : it->second.row.csrf_token;
}

Result<Json> Accounts::Me(const Caller& caller) {
  if (!caller.principal) return tl::unexpected(Unauthenticated());
  TIA_ASSIGN_OR_RETURN(auto user, s_.db->Read([&](Connection& c) {
    return storage::users::ById(c, caller.principal->user_id);
  }));
  if (!user) return tl::unexpected(Unauthenticated());
  TIA_ASSIGN_OR_RETURN(Json out, UserView(*user));
  if (caller.principal->role == Role::kCaregiver) {
    Json shared = Json::array();
    TIA_ASSIGN_OR_RETURN(auto grants, s_.db->Read([&](Connection& c) {
      return storage::grants::OfCaregiver(c, user->id);
    }));
    for (const auto& g : grants) {
      TIA_ASSIGN_OR_RETURN(auto mother, s_.db->Read([&](Connection& c) {
        return storage::users::ById(c, g.mother_id);
      }));
      if (mother) {
        shared.push_back({{"mother_id", mother->public_id},
                          {"display_name", mother->display_name},
                          {"scope", g.scope}});
      }
    }
    out["shared_with_me"] = shared;
  }
  return out;
}

Result<Json> Accounts::Hospitals() {
  TIA_ASSIGN_OR_RETURN(auto rows,
                       s_.db->Read([](Connection& c) { return storage::hospitals::All(c); }));
  Json out = Json::array();
  for (const auto& h : rows) out.push_back({{"code", h.code}, {"name", h.name}});
  return Json{{"items", out}};
}

Result<storage::HospitalRow> Accounts::AddHospital(const std::string& code,
                                                   const std::string& name) {
  storage::HospitalRow out;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto existing, storage::hospitals::ByCode(c, code));
    if (existing) {
      out = *existing;
      return Ok();
    }
    TIA_ASSIGN_OR_RETURN(out, storage::hospitals::Insert(c, code, name, s_.clock->NowMs()));
    return Ok();
  }));
  return out;
}

Result<storage::UserRow> Accounts::AddUser(const std::string& email, const std::string& password,
                                           const std::string& display_name, Role role,
                                           std::optional<int64_t> hospital_id) {
  TIA_ASSIGN_OR_RETURN(std::string norm, NormaliseEmail(email, "email"));
  TIA_TRY(auth::CheckPasswordPolicy(password, "password"));
  if ((role == Role::kClinician || role == Role::kHospitalAdmin || role == Role::kMother) &&
      !hospital_id) {
    return Invalid("hospital", "is required for this role");
  }
  TIA_ASSIGN_OR_RETURN(std::string hash, auth::HashPassword(password));
  storage::UserRow user{0,    NewUuid(), norm, display_name, auth::RoleName(role), hospital_id,
                        hash, 0,         0,    std::nullopt, std::nullopt};
  const int64_t now = s_.clock->NowMs();
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto existing, storage::users::ByEmail(c, norm));
    if (existing) return Fail(ErrorCode::kConflict, "an account with this e-mail exists", "email");
    TIA_ASSIGN_OR_RETURN(user, storage::users::Insert(c, user, now));
    if (role == Role::kMother) {
      return storage::consents::Insert(c, user.id, "care_data", s_.settings.consent_text_version,
                                       "staff_recorded", now);
    }
    return Ok();
  }));
  return user;
}

}  // namespace tia::app
