// tia/app/accounts.h — registration, login, sessions, sharing with caregivers, staff accounts.
//
// Sessions are opaque random tokens; only their BLAKE2b hash is stored, so they can be revoked
// and a database leak yields none. Authenticate() is on every request's path, so sessions are
// cached in memory for a few seconds (revocation by another server process is seen within that).
// Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>

#include "tia/app/context.h"
#include "tia/domain/json_reader.h"
#include "tia/storage/repositories.h"

namespace tia::app {

using domain::Json;

// The longest password read (bytes); longer is refused, never truncated.
inline constexpr size_t kMaxPasswordBytes = 1024;
// A one-time code works this long; another goes to the same number or address after this wait.
inline constexpr int64_t kCodeValidMs = 10 * kMinuteMs;
inline constexpr int64_t kCodeResendMs = kMinuteMs;

struct NewSession {
  std::string token;  // give to the client once; never stored
  std::string csrf_token;
  int64_t expires_at = 0;
  Json user;  // the user's public view
};

// How a code goes out when not as asked by the public: worded otherwise (staff_invite,
// staff_reset), valid longer, and not held back by the per-target limits (an administrator's
// deliberate act).
struct CodeSend {
  std::string message;  // empty: the purpose's own words
  int64_t valid_ms = kCodeValidMs;
  bool throttled = true;
};
class Accounts {
 public:
  explicit Accounts(Services& s) : s_(s) {}

  // Creates a mother account with her consent record, and signs her in.
  // Body: {email, password, display_name, hospital_code, consent: {text_version, accepted: true}}.
  Result<NewSession> RegisterMother(const Json& body, const Caller& caller);
  // Body: {invite_code, email, password, display_name}: a caregiver account bound to the invite.
  Result<NewSession> RegisterCaregiver(const Json& body, const Caller& caller);
  // Body: {email, password}. Unknown e-mail and wrong password answer the same, in the same time.
  Result<NewSession> Login(const Json& body, const Caller& caller);
  Result<void> Logout(const Caller& caller);
  // Body: {password}: refreshes authenticated_at for export, erase and password change.
  Result<void> Reauthenticate(const Json& body, const Caller& caller);
  // Body: {current_password, new_password}: revokes every other session.
  Result<void> ChangePassword(const Json& body, const Caller& caller);

  // One-time codes (account_codes.cc): 6 digits, valid 10 minutes, 5 tries, used once; at most
  // one a minute and five an hour to the same number or address. Asking answers the same whether
  // or not an account has that number or address, and the message goes out through the outbox.
  // Body: {phone}: a sign-in code by SMS to the number she confirmed.
  Result<void> SendSignInCode(const Json& body, const Caller& caller);
  // Body: {phone, code}: signs her in.
  Result<NewSession> SignInWithCode(const Json& body, const Caller& caller);
  // Body: {email} or {phone}: a code to choose a new password, by e-mail or SMS.
  Result<void> SendPasswordResetCode(const Json& body, const Caller& caller);
  // Body: {email} or {phone}, code, new_password: sets it, ends every session, signs her in.
  Result<NewSession> ResetPassword(const Json& body, const Caller& caller);
  // Body: {phone, password}: a code to confirm the number she will sign in with.
  Result<void> SendPhoneCode(const Json& body, const Caller& caller);
  // Body: {phone, code}: the number is hers to sign in with; her view (as Me).
  Result<Json> ConfirmPhone(const Json& body, const Caller& caller);
  Result<void> RemovePhone(const Caller& caller);

  // Staff accounts, by their hospital's administrator (staff_accounts.cc); every change audited.
  // {items: [{id, email, display_name, role, active, phone}]}.
  Result<Json> ListStaff(const Caller& caller);
  // Body {email, display_name, role}: an account without a usable password, and an e-mail with a
  // code (valid 7 days) to choose one through "forgot your password". 201 with the account.
  Result<Json> InviteStaff(const Caller& caller, const Json& body);
  // Body {role?, active?}: another role, or deactivated (sessions end; sign-in refused) or back.
  // Not for her own account.
  Result<Json> UpdateStaff(const Caller& caller, const std::string& id, const Json& body);
  // Ends the account's sessions and e-mails a code to choose a new password (valid 24 hours).
  Result<void> ResetStaffPassword(const Caller& caller, const std::string& id);

  // Erases the mother's account and everything she owns (right to erasure). The mother only,
  // with a sign-in confirmed in the last few minutes. Leaves a pseudonymous audit row.
  Result<void> EraseMother(const Caller& caller, const std::string& mother_public_id);

  // The caller for a raw session token, or kUnauthenticated.
  Result<Caller> Authenticate(const std::string& token, Caller base);
  // Sessions held in memory now (for tests and metrics).
  size_t cached_sessions();
  // The CSRF token of the session (for the cookie check).
  std::string CsrfOf(const std::string& session_hash);

  Result<Json> Me(const Caller& caller);
  Result<Json> Hospitals();

  // Caregiver sharing (the mother only). Body: {scope: "baby"|"baby_and_mother"}.
  // `idempotency_key` (the Idempotency-Key header) is required: a resend with the same key gets
  // the first answer, the same key with another body is kUnprocessable.
  Result<Json> Invite(const Caller& caller, const std::string& mother_public_id, const Json& body,
                      const std::string& idempotency_key);
  Result<Json> ListCaregivers(const Caller& caller, const std::string& mother_public_id);
  Result<void> RevokeCaregiver(const Caller& caller, const std::string& mother_public_id,
                               const std::string& grant_id);

  // Staff and tenants, for the CLI and the demo.
  Result<storage::HospitalRow> AddHospital(const std::string& code, const std::string& name);
  Result<storage::UserRow> AddUser(const std::string& email, const std::string& password,
                                   const std::string& display_name, auth::Role role,
                                   std::optional<int64_t> hospital_id);

 private:
  struct CachedSession {
    storage::SessionRow row;
    auth::Principal principal;
    std::string public_id;
    int64_t loaded_at = 0;
    int64_t persisted_seen_at = 0;
  };

  Result<NewSession> StartSession(const storage::UserRow& user, const Caller& caller);
  // Drops the user's sessions from the cache, but `keep_hash` (revoked ones must not linger).
  void ForgetCachedSessions(int64_t user_id, const std::string& keep_hash);
  // kTooManyRequests (with Retry-After) while failed sign-ins keep the account locked.
  Result<void> NotLockedOut(const storage::UserRow& user, const Caller& caller);
  Result<void> Audit(const Caller& caller, std::optional<int64_t> actor, const std::string& role,
                     std::optional<int64_t> hospital, const std::string& action,
                     const std::string& outcome);
  Result<Json> UserView(const storage::UserRow& u);
  // Makes a code for `user` and queues its message to `target` (e-mail or phone), unless one went
  // there in the last minute or five in the last hour.
  Result<void> IssueCode(const storage::UserRow& user, const std::string& purpose,
                         const std::string& target, const Caller& caller, const CodeSend& how = {});
  // Checks a typed code against the live one for this purpose and target; uses it when it is
  // right, counts a try when it is wrong. The code's owner, or an error at /code.
  Result<int64_t> RedeemCode(const std::string& purpose, const std::string& target,
                             const std::string& typed, ErrorCode wrong);

  Services& s_;
  std::mutex mu_;
  std::unordered_map<std::string, CachedSession> cache_;
  int64_t last_sweep_ms_ = 0;
};

// A phone number as stored, E.164: "0901 234 567" and "+84 90 123 4567" -> "+84901234567" (a
// number starting 0 is Vietnamese). An error names `field` when it is not a phone number.
Result<std::string> NormalisePhone(const std::string& phone, const std::string& field);

// Lower-cased, trimmed e-mail; an error names `field` when it is not plausibly an address.
Result<std::string> NormaliseEmail(const std::string& email, const std::string& field);

}  // namespace tia::app
