// tia/storage/repositories.h — the SQL of Tia, written once for both engines.
//
// Plain functions over a Connection, grouped by table. Each takes the connection it is given, so
// a use case can run several in one transaction (Database::Write). Row structs are plain data.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tia/domain/records.h"
#include "tia/storage/connection.h"

namespace tia::storage {

struct HospitalRow {
  int64_t id = 0;
  std::string code;
  std::string name;
};

struct UserRow {
  int64_t id = 0;
  std::string public_id;
  std::string email;
  std::string display_name;
  std::string role;
  std::optional<int64_t> hospital_id;
  std::string password_hash;
  int64_t failed_logins = 0;
  int64_t locked_until = 0;
  std::optional<std::string> phone;       // confirmed with a code; E.164
  std::optional<int64_t> deactivated_at;  // staff turned off by their administrator
};

struct SessionRow {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t authenticated_at = 0;
  int64_t last_seen_at = 0;
  int64_t idle_timeout_ms = 0;
  int64_t expires_at = 0;
  bool revoked = false;
};

struct GrantRow {
  int64_t id = 0;
  std::string public_id;
  int64_t mother_id = 0;
  std::optional<int64_t> caregiver_id;
  std::string scope;  // "baby" | "baby_and_mother"
  int64_t created_at = 0;
  int64_t invite_expires_at = 0;
  std::optional<int64_t> accepted_at;
  std::optional<int64_t> revoked_at;
};

struct RecordRow {
  int64_t mother_id = 0;
  std::string id;
  std::string kind;
  Timestamp occurred_at;
  int64_t recorded_at = 0;
  int64_t updated_at = 0;
  int64_t version = 0;
  bool deleted = false;
  std::string body;
  std::string body_hash;
  int64_t created_by = 0;
  int64_t updated_by = 0;
};

struct HistoryRow {
  std::string record_id;
  int64_t version = 0;
  std::string kind;
  Timestamp occurred_at;
  bool deleted = false;
  std::string body;
  int64_t changed_at = 0;
  int64_t changed_by = 0;
};

struct AuditEvent {
  int64_t at = 0;
  std::optional<int64_t> actor_id;
  std::string actor_role;
  std::optional<int64_t> hospital_id;
  std::optional<int64_t> subject_id;
  std::string action;    // create, read, update, delete, export, login, login_failed, logout, ...
  std::string resource;  // route template or record kind
  std::string outcome;   // success, denied, failure
  std::string client_ip;
  std::string request_id;
};

namespace hospitals {
Result<HospitalRow> Insert(Connection& c, const std::string& code, const std::string& name,
                           int64_t now);
Result<std::optional<HospitalRow>> ByCode(Connection& c, const std::string& code);
Result<std::optional<HospitalRow>> ById(Connection& c, int64_t id);
Result<std::vector<HospitalRow>> All(Connection& c);
}  // namespace hospitals

namespace users {
Result<UserRow> Insert(Connection& c, const UserRow& u, int64_t now);
Result<std::optional<UserRow>> ByEmail(Connection& c, const std::string& email);
Result<std::optional<UserRow>> ById(Connection& c, int64_t id);
Result<std::optional<UserRow>> ByPublicId(Connection& c, const std::string& public_id);
Result<std::optional<UserRow>> ByPhone(Connection& c, const std::string& phone);
// The hospital's clinicians and administrators, by name.
Result<std::vector<UserRow>> StaffOf(Connection& c, int64_t hospital_id);
Result<void> SetRole(Connection& c, int64_t id, const std::string& role);
Result<void> SetDeactivated(Connection& c, int64_t id, std::optional<int64_t> at);
// Sets (or with nullopt removes) the phone she signs in with; false when another account has it.
Result<bool> SetPhone(Connection& c, int64_t id, const std::optional<std::string>& phone);
Result<void> SetLoginState(Connection& c, int64_t id, int64_t failed, int64_t locked_until);
Result<void> SetPassword(Connection& c, int64_t id, const std::string& hash, int64_t now);
// Removes a mother and everything that is hers: records and their history, consents, sharing,
// sessions, idempotency keys, then her account. Audit rows keep her numeric id only.
Result<void> EraseMother(Connection& c, int64_t id);
// Mothers registered with a hospital, newest first.
Result<std::vector<UserRow>> MothersOf(Connection& c, int64_t hospital_id, int limit);
}  // namespace users

// One-time codes: signing in by phone, resetting a password, confirming a phone number. Only the
// code's hash is kept.
struct CodeRow {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string purpose;  // sign_in, password_reset, add_phone
  std::string target;   // the phone or e-mail it was sent to
  std::string code_hash;
  int64_t created_at = 0;
  int64_t expires_at = 0;
  int64_t attempts = 0;
};

namespace codes {
Result<CodeRow> Insert(Connection& c, const CodeRow& code);
// The newest code for this purpose and target that is not used and not expired at `now`.
Result<std::optional<CodeRow>> Live(Connection& c, const std::string& purpose,
                                    const std::string& target, int64_t now);
// Codes made for this purpose and target since `since` (throttling).
Result<int64_t> CountSince(Connection& c, const std::string& purpose, const std::string& target,
                           int64_t since);
Result<void> AddAttempt(Connection& c, int64_t id);
// Uses the code once: false when it was used already (a race between two tries).
Result<bool> Use(Connection& c, int64_t id, int64_t now);
}  // namespace codes

namespace consents {
Result<void> Insert(Connection& c, int64_t user_id, const std::string& purpose,
                    const std::string& text_version, const std::string& method, int64_t now);
// Each as {purpose, text_version, method, given_at, withdrawn_at}.
Result<domain::Json> Of(Connection& c, int64_t user_id);
}  // namespace consents

namespace sessions {
Result<void> Insert(Connection& c, const SessionRow& s);
Result<std::optional<SessionRow>> ByHash(Connection& c, const std::string& token_hash);
Result<void> Touch(Connection& c, const std::string& token_hash, int64_t now);
Result<void> Reauthenticated(Connection& c, const std::string& token_hash, int64_t now);
Result<void> Revoke(Connection& c, const std::string& token_hash);
Result<void> RevokeAllOf(Connection& c, int64_t user_id, const std::string& except_hash);
}  // namespace sessions

namespace grants {
Result<GrantRow> Insert(Connection& c, const GrantRow& g, const std::string& invite_hash);
Result<std::optional<GrantRow>> ByInviteHash(Connection& c, const std::string& invite_hash);
Result<void> Accept(Connection& c, int64_t grant_id, int64_t caregiver_id, int64_t now);
Result<int64_t> Revoke(Connection& c, int64_t mother_id, const std::string& public_id, int64_t now);
Result<std::vector<GrantRow>> OfMother(Connection& c, int64_t mother_id);
// Live grants held by a caregiver.
Result<std::vector<GrantRow>> OfCaregiver(Connection& c, int64_t caregiver_id);
// The live grant from `mother_id` to `caregiver_id`, if any.
Result<std::optional<GrantRow>> Active(Connection& c, int64_t mother_id, int64_t caregiver_id);
}  // namespace grants

namespace records {
Result<std::optional<RecordRow>> Get(Connection& c, int64_t mother_id, const std::string& id);
// Inserts unless (mother_id, id) exists; true when inserted.
Result<bool> InsertIfAbsent(Connection& c, const RecordRow& r);
// Moves the current version to history and writes `r` (whose version is one higher).
Result<void> Replace(Connection& c, const RecordRow& current, const RecordRow& r);
struct Page {
  std::vector<RecordRow> rows;
  std::optional<std::pair<int64_t, std::string>> next;  // (occurred_at, id) to continue before
};
// Live records of one kind, newest first, strictly before `before` when given.
Result<Page> List(Connection& c, int64_t mother_id, const std::string& kind,
                  std::optional<std::pair<int64_t, std::string>> before, int limit);
// Live records of every kind since `since_ms` (for summaries).
Result<std::vector<RecordRow>> Since(Connection& c, int64_t mother_id, int64_t since_ms);
// Every record, deleted ones too (for export).
Result<std::vector<RecordRow>> AllOf(Connection& c, int64_t mother_id);
Result<std::vector<HistoryRow>> History(Connection& c, int64_t mother_id, const std::string& id);
Result<std::vector<HistoryRow>> AllHistoryOf(Connection& c, int64_t mother_id);
Result<int64_t> CountLive(Connection& c, int64_t mother_id);
}  // namespace records

// One stored symptom-check result (immutable; see migrations/*/0003_symptom_checks.sql).
struct SymptomCheckRow {
  int64_t mother_id = 0;
  std::string public_id;
  int64_t created_at = 0;
  int64_t created_by = 0;
  std::string request_hash;
  std::string answers, input, provenance, result;  // JSON texts
  std::string protocol_id, protocol_version;
  std::string disposition, condition;
  std::optional<int64_t> recheck_due_at;
  std::optional<std::string> recheck_of;
  std::optional<std::string> escalation;  // JSON text
};

namespace symptom_checks {
// Inserts unless (mother_id, public_id) exists; true when inserted.
Result<bool> InsertIfAbsent(Connection& c, const SymptomCheckRow& r);
Result<std::optional<SymptomCheckRow>> Get(Connection& c, int64_t mother_id,
                                           const std::string& public_id);
// Newest first, created at or after `since_ms`, at most `limit`.
Result<std::vector<SymptomCheckRow>> Recent(Connection& c, int64_t mother_id, int64_t since_ms,
                                            int limit);
// Checks with an escalation, of mothers registered with `hospital_id`, newest first.
Result<std::vector<SymptomCheckRow>> EscalatedIn(Connection& c, int64_t hospital_id,
                                                 int64_t since_ms, int limit);
}  // namespace symptom_checks

struct IdempotentReply {
  std::string fingerprint;
  int64_t status = 0;
  std::string body;
};

namespace idempotency {
Result<std::optional<IdempotentReply>> Get(Connection& c, int64_t user_id, const std::string& key,
                                           int64_t not_before);
Result<void> Put(Connection& c, int64_t user_id, const std::string& key, const IdempotentReply& r,
                 int64_t now);
}  // namespace idempotency

struct BreakGlassRow {
  std::string public_id;
  int64_t clinician_id = 0;
  int64_t mother_id = 0;
  std::optional<int64_t> mother_hospital_id;
  std::string reason;
  int64_t granted_at = 0;
  int64_t expires_at = 0;
  std::string client_ip;
  std::string clinician_name, clinician_hospital, mother_public_id;  // joined on read
};

namespace break_glass {
Result<void> Insert(Connection& c, const BreakGlassRow& g);
// The clinician's grant on this mother that has not expired at `now`, if any.
Result<std::optional<BreakGlassRow>> Active(Connection& c, int64_t clinician_id, int64_t mother_id,
                                            int64_t now);
// Grants on the mothers of a hospital, newest first.
Result<std::vector<BreakGlassRow>> OnHospital(Connection& c, int64_t hospital_id, int limit);
}  // namespace break_glass

// What an administrator looks for in her hospital's audit log; empty means any.
struct AuditFilter {
  int64_t hospital_id = 0;
  std::optional<int64_t> from, to;  // at >= from, at < to (ms)
  std::string action, outcome;
  std::optional<int64_t> actor_id, subject_id;
  std::optional<int64_t> before_id;  // the next page: rows older than this one
  int limit = 100;
};
// An audit row as the log screen shows it: who acted and whom it concerned, by name.
struct AuditView {
  int64_t id = 0;
  AuditEvent event;
  std::string actor_public_id, actor_name, subject_public_id, subject_name;  // empty: none
};

namespace audit {
Result<void> Append(Connection& c, const AuditEvent& e);
// The hospital's rows matching `f`, newest first, at most f.limit + 1 (one more says "more").
Result<std::vector<AuditView>> Search(Connection& c, const AuditFilter& f);
// The actions and outcomes its rows have, for the filters' choices.
Result<std::pair<std::vector<std::string>, std::vector<std::string>>> Facets(Connection& c,
                                                                             int64_t hospital_id);
Result<std::vector<AuditEvent>> AboutSubject(Connection& c, int64_t subject_id);
Result<std::vector<AuditEvent>> Recent(Connection& c, std::optional<int64_t> hospital_id,
                                       int limit);
}  // namespace audit

}  // namespace tia::storage
