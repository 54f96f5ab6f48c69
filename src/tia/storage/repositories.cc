#include "tia/storage/repositories.h"

#include "tia/storage/sql_helpers.h"

namespace tia::storage {
namespace {

HospitalRow ToHospital(const Row& r) { return {r.Int(0), r.Text(1), r.Text(2)}; }

constexpr std::string_view kUserCols =
    "id, public_id, email, display_name, role, hospital_id, password_hash, failed_logins, "
    "locked_until, phone, deactivated_at";
UserRow ToUser(const Row& r) {
  return {r.Int(0),  r.Text(1), r.Text(2), r.Text(3),     r.Text(4),    OptInt(r, 5),
          r.Text(6), r.Int(7),  r.Int(8),  OptText(r, 9), OptInt(r, 10)};
}

std::string UserQuery(std::string_view where) {
  return "SELECT " + std::string(kUserCols) + " FROM users WHERE " + std::string(where);
}

constexpr std::string_view kSessionCols =
    "token_hash, user_id, csrf_token, created_at, authenticated_at, last_seen_at, "
    "idle_timeout_ms, expires_at, revoked";
SessionRow ToSession(const Row& r) {
  return {r.Text(0), r.Int(1), r.Text(2), r.Int(3), r.Int(4),
          r.Int(5),  r.Int(6), r.Int(7),  r.Bool(8)};
}

constexpr std::string_view kGrantCols =
    "id, public_id, mother_id, caregiver_id, scope, created_at, invite_expires_at, accepted_at, "
    "revoked_at";
GrantRow ToGrant(const Row& r) {
  return {r.Int(0), r.Text(1), r.Int(2),     OptInt(r, 3), r.Text(4),
          r.Int(5), r.Int(6),  OptInt(r, 7), OptInt(r, 8)};
}
std::string GrantQuery(std::string_view where) {
  return "SELECT " + std::string(kGrantCols) + " FROM caregiver_grants WHERE " + std::string(where);
}

constexpr std::string_view kRecordCols =
    "mother_id, id, kind, occurred_at, occurred_offset, recorded_at, updated_at, version, "
    "deleted, body, body_hash, created_by, updated_by";
RecordRow ToRecord(const Row& r) {
  return {r.Int(0),  r.Text(1),  r.Text(2), Timestamp{r.Int(3), static_cast<int>(r.Int(4))},
          r.Int(5),  r.Int(6),   r.Int(7),  r.Bool(8),
          r.Text(9), r.Text(10), r.Int(11), r.Int(12)};
}
std::string RecordQuery(std::string_view where) {
  return "SELECT " + std::string(kRecordCols) + " FROM records WHERE " + std::string(where);
}

constexpr std::string_view kHistoryCols =
    "record_id, version, kind, occurred_at, occurred_offset, deleted, body, changed_at, changed_by";
HistoryRow ToHistory(const Row& r) {
  return {r.Text(0), r.Int(1),  r.Text(2), Timestamp{r.Int(3), static_cast<int>(r.Int(4))},
          r.Bool(5), r.Text(6), r.Int(7),  r.Int(8)};
}

constexpr std::string_view kAuditCols =
    "at, actor_id, actor_role, hospital_id, subject_id, action, resource, outcome, client_ip, "
    "request_id";
AuditEvent ToAudit(const Row& r) {
  return {r.Int(0),     OptInt(r, 1), r.IsNull(2) ? "" : r.Text(2),
          OptInt(r, 3), OptInt(r, 4), r.Text(5),
          r.Text(6),    r.Text(7),    r.Text(8),
          r.Text(9)};
}

}  // namespace

namespace hospitals {
Result<HospitalRow> Insert(Connection& c, const std::string& code, const std::string& name,
                           int64_t now) {
  TIA_ASSIGN_OR_RETURN(Rows rows, c.Query("INSERT INTO hospitals (code, name, created_at) VALUES "
                                          "($1, $2, $3) RETURNING id",
                                          {code, name, now}));
  return HospitalRow{rows.front().Int(0), code, name};
}
Result<std::optional<HospitalRow>> ByCode(Connection& c, const std::string& code) {
  return First<HospitalRow>(c.Query("SELECT id, code, name FROM hospitals WHERE code = $1", {code}),
                            ToHospital);
}
Result<std::optional<HospitalRow>> ById(Connection& c, int64_t id) {
  return First<HospitalRow>(c.Query("SELECT id, code, name FROM hospitals WHERE id = $1", {id}),
                            ToHospital);
}
Result<std::vector<HospitalRow>> All(Connection& c) {
  return storage::All<HospitalRow>(
      c.Query("SELECT id, code, name FROM hospitals ORDER BY name", {}), ToHospital);
}
}  // namespace hospitals

namespace users {
Result<UserRow> Insert(Connection& c, const UserRow& u, int64_t now) {
  return Inserted(
      c,
      "INSERT INTO users (public_id, email, display_name, role, hospital_id, "
      "password_hash, created_at, password_changed_at) VALUES ($1, $2, $3, $4, $5, $6, "
      "$7, $7) RETURNING id",
      {u.public_id, u.email, u.display_name, u.role, Opt(u.hospital_id), u.password_hash, now}, u);
}
Result<std::optional<UserRow>> ByEmail(Connection& c, const std::string& email) {
  return First<UserRow>(c.Query(UserQuery("email = $1"), {email}), ToUser);
}
Result<std::optional<UserRow>> ById(Connection& c, int64_t id) {
  return First<UserRow>(c.Query(UserQuery("id = $1"), {id}), ToUser);
}
Result<std::optional<UserRow>> ByPublicId(Connection& c, const std::string& public_id) {
  return First<UserRow>(c.Query(UserQuery("public_id = $1"), {public_id}), ToUser);
}
Result<std::vector<UserRow>> StaffOf(Connection& c, int64_t hospital_id) {
  return All<UserRow>(c.Query(UserQuery("hospital_id = $1 AND role IN ('clinician', "
                                        "'hospital_admin') ORDER BY display_name, id"),
                              {hospital_id}),
                      ToUser);
}
Result<void> SetRole(Connection& c, int64_t id, const std::string& role) {
  return Exec(c, "UPDATE users SET role = $2 WHERE id = $1", {id, role});
}
Result<void> SetDeactivated(Connection& c, int64_t id, std::optional<int64_t> at) {
  return Exec(c, "UPDATE users SET deactivated_at = $2 WHERE id = $1", {id, Opt(at)});
}
Result<std::optional<UserRow>> ByPhone(Connection& c, const std::string& phone) {
  return First<UserRow>(c.Query(UserQuery("phone = $1"), {phone}), ToUser);
}
Result<bool> SetPhone(Connection& c, int64_t id, const std::optional<std::string>& phone) {
  if (phone) {
    TIA_ASSIGN_OR_RETURN(auto holder, ByPhone(c, *phone));
    if (holder && holder->id != id) return false;
  }
  TIA_TRY(Exec(c, "UPDATE users SET phone = $2 WHERE id = $1", {id, Opt(phone)}));
  return true;
}
Result<void> SetLoginState(Connection& c, int64_t id, int64_t failed, int64_t locked_until) {
  return Exec(c, "UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1",
              {id, failed, locked_until});
}
Result<void> SetPassword(Connection& c, int64_t id, const std::string& hash, int64_t now) {
  return Exec(c, "UPDATE users SET password_hash = $2, password_changed_at = $3 WHERE id = $1",
              {id, hash, now});
}
Result<void> EraseMother(Connection& c, int64_t id) {
  for (const char* sql : {"DELETE FROM break_glass_grants WHERE mother_id = $1",
                          "DELETE FROM consultation_events WHERE consultation_id IN (SELECT id "
                          "FROM consultations WHERE mother_id = $1)",
                          "DELETE FROM consultation_photos WHERE consultation_id IN (SELECT id "
                          "FROM consultations WHERE mother_id = $1)",
                          "DELETE FROM consultation_messages WHERE consultation_id IN (SELECT id "
                          "FROM consultations WHERE mother_id = $1)",
                          "DELETE FROM consultations WHERE mother_id = $1",
                          "DELETE FROM waitlist_entries WHERE mother_id = $1",
                          "DELETE FROM outbox_messages WHERE booking_id IN (SELECT id FROM "
                          "bookings WHERE mother_id = $1)",
                          "DELETE FROM outbox_messages WHERE user_id = $1",
                          "DELETE FROM account_codes WHERE user_id = $1",
                          "DELETE FROM booking_events WHERE booking_id IN (SELECT id FROM "
                          "bookings WHERE mother_id = $1)",
                          "DELETE FROM bookings WHERE mother_id = $1",
                          "DELETE FROM record_history WHERE mother_id = $1",
                          "DELETE FROM records WHERE mother_id = $1",
                          "DELETE FROM symptom_checks WHERE mother_id = $1",
                          "DELETE FROM article_questions WHERE asker_user_id = $1",
                          "DELETE FROM session_seats WHERE enrolment_id IN (SELECT id FROM "
                          "enrolments WHERE mother_id = $1)",
                          "DELETE FROM enrolments WHERE mother_id = $1",
                          "DELETE FROM deposits WHERE pregnancy_id IN (SELECT id FROM "
                          "pregnancies WHERE mother_id = $1)",
                          "DELETE FROM pregnancies WHERE mother_id = $1",
                          "DELETE FROM care_pauses WHERE mother_id = $1",
                          "DELETE FROM consents WHERE user_id = $1",
                          "DELETE FROM caregiver_grants WHERE mother_id = $1",
                          "DELETE FROM sessions WHERE user_id = $1",
                          "DELETE FROM push_deliveries WHERE subscription_id IN (SELECT id FROM "
                          "push_subscriptions WHERE user_id = $1)",
                          "DELETE FROM push_subscriptions WHERE user_id = $1",
                          "DELETE FROM idempotency_keys WHERE user_id = $1",
                          "DELETE FROM users WHERE id = $1 AND role = 'mother'"}) {
    TIA_TRY(Exec(c, sql, {id}));
  }
  return Ok();
}
Result<std::vector<UserRow>> MothersOf(Connection& c, int64_t hospital_id, int limit) {
  return storage::All<UserRow>(
      c.Query(UserQuery("hospital_id = $1 AND role = 'mother' ORDER BY id DESC LIMIT $2"),
              {hospital_id, int64_t{limit}}),
      ToUser);
}
}  // namespace users

namespace codes {
namespace {
constexpr std::string_view kCodeCols =
    "id, user_id, purpose, target, code_hash, created_at, expires_at, attempts";
CodeRow ToCode(const Row& r) {
  return {r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5), r.Int(6), r.Int(7)};
}
}  // namespace
Result<CodeRow> Insert(Connection& c, const CodeRow& code) {
  return Inserted(
      c,
      "INSERT INTO account_codes (user_id, purpose, target, code_hash, created_at, "
      "expires_at, attempts) VALUES ($1, $2, $3, $4, $5, $6, 0) RETURNING id",
      {code.user_id, code.purpose, code.target, code.code_hash, code.created_at, code.expires_at},
      code);
}
Result<std::optional<CodeRow>> Live(Connection& c, const std::string& purpose,
                                    const std::string& target, int64_t now) {
  return First<CodeRow>(
      c.Query("SELECT " + std::string(kCodeCols) +
                  " FROM account_codes WHERE purpose = $1 AND target = $2 AND used_at IS NULL "
                  "AND expires_at > $3 ORDER BY created_at DESC, id DESC LIMIT 1",
              {purpose, target, now}),
      ToCode);
}
Result<int64_t> CountSince(Connection& c, const std::string& purpose, const std::string& target,
                           int64_t since) {
  TIA_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT COUNT(*) FROM account_codes WHERE purpose = $1 "
                                          "AND target = $2 AND created_at >= $3",
                                          {purpose, target, since}));
  return rows.front().Int(0);
}
Result<void> AddAttempt(Connection& c, int64_t id) {
  return Exec(c, "UPDATE account_codes SET attempts = attempts + 1 WHERE id = $1", {id});
}
Result<bool> Use(Connection& c, int64_t id, int64_t now) {
  TIA_ASSIGN_OR_RETURN(
      const int64_t n,
      c.Execute("UPDATE account_codes SET used_at = $2 WHERE id = $1 AND used_at IS NULL",
                {id, now}));
  return n == 1;
}
}  // namespace codes

namespace consents {
Result<void> Insert(Connection& c, int64_t user_id, const std::string& purpose,
                    const std::string& text_version, const std::string& method, int64_t now) {
  return Exec(c,
              "INSERT INTO consents (user_id, purpose, text_version, method, given_at) VALUES "
              "($1, $2, $3, $4, $5)",
              {user_id, purpose, text_version, method, now});
}
Result<domain::Json> Of(Connection& c, int64_t user_id) {
  TIA_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT purpose, text_version, method, given_at, "
                                          "withdrawn_at FROM consents WHERE user_id = $1 ORDER "
                                          "BY id",
                                          {user_id}));
  domain::Json out = domain::Json::array();
  for (const Row& r : rows) {
    out.push_back(
        {{"purpose", r.Text(0)},
         {"text_version", r.Text(1)},
         {"method", r.Text(2)},
         {"given_at", FormatUtc(r.Int(3))},
         {"withdrawn_at", r.IsNull(4) ? domain::Json() : domain::Json(FormatUtc(r.Int(4)))}});
  }
  return out;
}
}  // namespace consents

namespace sessions {
Result<void> Insert(Connection& c, const SessionRow& s) {
  return Exec(c,
              "INSERT INTO sessions (" + std::string(kSessionCols) +
                  ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
              {s.token_hash, s.user_id, s.csrf_token, s.created_at, s.authenticated_at,
               s.last_seen_at, s.idle_timeout_ms, s.expires_at, s.revoked});
}
Result<std::optional<SessionRow>> ByHash(Connection& c, const std::string& token_hash) {
  return First<SessionRow>(
      c.Query("SELECT " + std::string(kSessionCols) + " FROM sessions WHERE token_hash = $1",
              {token_hash}),
      ToSession);
}
Result<void> Touch(Connection& c, const std::string& token_hash, int64_t now) {
  return Exec(c,
              "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1 AND last_seen_at < $2",
              {token_hash, now});
}
Result<void> Reauthenticated(Connection& c, const std::string& token_hash, int64_t now) {
  return Exec(c,
              "UPDATE sessions SET authenticated_at = $2, last_seen_at = $2 WHERE token_hash = $1",
              {token_hash, now});
}
Result<void> Revoke(Connection& c, const std::string& token_hash) {
  return Exec(c, "UPDATE sessions SET revoked = $2 WHERE token_hash = $1", {token_hash, true});
}
Result<void> RevokeAllOf(Connection& c, int64_t user_id, const std::string& except_hash) {
  return Exec(c, "UPDATE sessions SET revoked = $3 WHERE user_id = $1 AND token_hash <> $2",
              {user_id, except_hash, true});
}
}  // namespace sessions

namespace grants {
Result<GrantRow> Insert(Connection& c, const GrantRow& g, const std::string& invite_hash) {
  return Inserted(
      c,
      "INSERT INTO caregiver_grants (public_id, mother_id, invite_hash, scope, "
      "created_at, invite_expires_at) VALUES ($1, $2, $3, $4, $5, $6) "
      "RETURNING id",
      {g.public_id, g.mother_id, invite_hash, g.scope, g.created_at, g.invite_expires_at}, g);
}
Result<std::optional<GrantRow>> ByInviteHash(Connection& c, const std::string& invite_hash) {
  return First<GrantRow>(c.Query(GrantQuery("invite_hash = $1"), {invite_hash}), ToGrant);
}
Result<void> Accept(Connection& c, int64_t grant_id, int64_t caregiver_id, int64_t now) {
  return Exec(c, "UPDATE caregiver_grants SET caregiver_id = $2, accepted_at = $3 WHERE id = $1",
              {grant_id, caregiver_id, now});
}
Result<int64_t> Revoke(Connection& c, int64_t mother_id, const std::string& public_id,
                       int64_t now) {
  return c.Execute(
      "UPDATE caregiver_grants SET revoked_at = $3 WHERE mother_id = $1 AND public_id = $2 AND "
      "revoked_at IS NULL",
      {mother_id, public_id, now});
}
Result<std::vector<GrantRow>> OfMother(Connection& c, int64_t mother_id) {
  return storage::All<GrantRow>(c.Query(GrantQuery("mother_id = $1 ORDER BY id"), {mother_id}),
                                ToGrant);
}
Result<std::vector<GrantRow>> OfCaregiver(Connection& c, int64_t caregiver_id) {
  return storage::All<GrantRow>(
      c.Query(GrantQuery("caregiver_id = $1 AND revoked_at IS NULL ORDER BY id"), {caregiver_id}),
      ToGrant);
}
Result<std::optional<GrantRow>> Active(Connection& c, int64_t mother_id, int64_t caregiver_id) {
  return First<GrantRow>(c.Query(GrantQuery("mother_id = $1 AND caregiver_id = $2 AND revoked_at "
                                            "IS NULL ORDER BY id DESC LIMIT 1"),
                                 {mother_id, caregiver_id}),
                         ToGrant);
}
}  // namespace grants

namespace records {
Result<std::optional<RecordRow>> Get(Connection& c, int64_t mother_id, const std::string& id) {
  return First<RecordRow>(c.Query(RecordQuery("mother_id = $1 AND id = $2"), {mother_id, id}),
                          ToRecord);
}
Result<bool> InsertIfAbsent(Connection& c, const RecordRow& r) {
  TIA_ASSIGN_OR_RETURN(
      int64_t n,
      c.Execute("INSERT INTO records (" + std::string(kRecordCols) +
                    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
                    "ON CONFLICT (mother_id, id) DO NOTHING",
                {r.mother_id, r.id, r.kind, r.occurred_at.utc_ms, int64_t{r.occurred_at.offset_min},
                 r.recorded_at, r.updated_at, r.version, r.deleted, r.body, r.body_hash,
                 r.created_by, r.updated_by}));
  return n == 1;
}
Result<void> Replace(Connection& c, const RecordRow& cur, const RecordRow& r) {
  TIA_TRY(Exec(c,
               "INSERT INTO record_history (mother_id, record_id, version, kind, occurred_at, "
               "occurred_offset, deleted, body, changed_at, changed_by) VALUES ($1, $2, $3, $4, "
               "$5, $6, $7, $8, $9, $10)",
               {cur.mother_id, cur.id, cur.version, cur.kind, cur.occurred_at.utc_ms,
                int64_t{cur.occurred_at.offset_min}, cur.deleted, cur.body, cur.updated_at,
                cur.updated_by}));
  TIA_ASSIGN_OR_RETURN(
      int64_t changed,
      c.Execute(
          "UPDATE records SET occurred_at = $3, occurred_offset = $4, updated_at = $5, "
          "version = $6, deleted = $7, body = $8, body_hash = $9, updated_by = $10 WHERE "
          "mother_id = $1 AND id = $2 AND version = $11",
          {r.mother_id, r.id, r.occurred_at.utc_ms, int64_t{r.occurred_at.offset_min}, r.updated_at,
           r.version, r.deleted, r.body, r.body_hash, r.updated_by, cur.version}));
  if (changed != 1) return Fail(ErrorCode::kConflict, "the record changed meanwhile; try again");
  return Ok();
}
Result<Page> List(Connection& c, int64_t mother_id, const std::string& kind,
                  std::optional<std::pair<int64_t, std::string>> before, int limit) {
  Result<Rows> rows =
      before ? c.Query(RecordQuery("mother_id = $1 AND kind = $2 AND deleted = $3 AND "
                                   "(occurred_at < $4 OR (occurred_at = $4 AND id < $5)) "
                                   "ORDER BY occurred_at DESC, id DESC LIMIT $6"),
                       {mother_id, kind, false, before->first, before->second, int64_t{limit + 1}})
             : c.Query(RecordQuery("mother_id = $1 AND kind = $2 AND deleted = $3 "
                                   "ORDER BY occurred_at DESC, id DESC LIMIT $4"),
                       {mother_id, kind, false, int64_t{limit + 1}});
  TIA_ASSIGN_OR_RETURN(auto all, storage::All<RecordRow>(std::move(rows), ToRecord));
  Page page;
  if (all.size() > static_cast<size_t>(limit)) {
    all.resize(static_cast<size_t>(limit));
    page.next = std::make_pair(all.back().occurred_at.utc_ms, all.back().id);
  }
  page.rows = std::move(all);
  return page;
}
Result<std::vector<RecordRow>> Since(Connection& c, int64_t mother_id, int64_t since_ms) {
  return storage::All<RecordRow>(
      c.Query(RecordQuery("mother_id = $1 AND deleted = $2 AND occurred_at >= $3 ORDER BY "
                          "occurred_at"),
              {mother_id, false, since_ms}),
      ToRecord);
}
Result<std::vector<RecordRow>> AllOf(Connection& c, int64_t mother_id) {
  return storage::All<RecordRow>(
      c.Query(RecordQuery("mother_id = $1 ORDER BY occurred_at, id"), {mother_id}), ToRecord);
}
Result<std::vector<HistoryRow>> History(Connection& c, int64_t mother_id, const std::string& id) {
  return storage::All<HistoryRow>(
      c.Query("SELECT " + std::string(kHistoryCols) +
                  " FROM record_history WHERE mother_id = $1 AND record_id = $2 ORDER BY version",
              {mother_id, id}),
      ToHistory);
}
Result<std::vector<HistoryRow>> AllHistoryOf(Connection& c, int64_t mother_id) {
  return storage::All<HistoryRow>(
      c.Query("SELECT " + std::string(kHistoryCols) +
                  " FROM record_history WHERE mother_id = $1 ORDER BY record_id, version",
              {mother_id}),
      ToHistory);
}
Result<int64_t> CountLive(Connection& c, int64_t mother_id) {
  TIA_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT COUNT(*) FROM records WHERE mother_id = $1 AND deleted = $2",
                               {mother_id, false}));
  return rows.front().Int(0);
}
}  // namespace records

namespace idempotency {
Result<std::optional<IdempotentReply>> Get(Connection& c, int64_t user_id, const std::string& key,
                                           int64_t not_before) {
  return First<IdempotentReply>(
      c.Query("SELECT fingerprint, status, body FROM idempotency_keys WHERE user_id = $1 AND key = "
              "$2 AND created_at >= $3",
              {user_id, key, not_before}),
      [](const Row& r) {
        return IdempotentReply{r.Text(0), r.Int(1), r.Text(2)};
      });
}
Result<void> Put(Connection& c, int64_t user_id, const std::string& key, const IdempotentReply& r,
                 int64_t now) {
  // An expired key of the same name is replaced.
  TIA_TRY(Exec(c, "DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2", {user_id, key}));
  return Exec(c,
              "INSERT INTO idempotency_keys (user_id, key, fingerprint, status, body, created_at) "
              "VALUES ($1, $2, $3, $4, $5, $6)",
              {user_id, key, r.fingerprint, r.status, r.body, now});
}
}  // namespace idempotency

namespace audit {
Result<void> Append(Connection& c, const AuditEvent& e) {
  return Exec(c,
              "INSERT INTO audit_events (" + std::string(kAuditCols) +
                  ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
              {e.at, Opt(e.actor_id), e.actor_role.empty() ? Value{} : Value{e.actor_role},
               Opt(e.hospital_id), Opt(e.subject_id), e.action, e.resource, e.outcome, e.client_ip,
               e.request_id});
}
Result<std::vector<AuditView>> Search(Connection& c, const AuditFilter& f) {
  std::string sql =
      "SELECT a.id, a.at, a.actor_id, a.actor_role, a.hospital_id, a.subject_id, a.action, "
      "a.resource, a.outcome, a.client_ip, a.request_id, ua.public_id, ua.display_name, "
      "us.public_id, us.display_name FROM audit_events a LEFT JOIN users ua ON ua.id = "
      "a.actor_id LEFT JOIN users us ON us.id = a.subject_id WHERE a.hospital_id = $1";
  Params p = {f.hospital_id};
  auto where = [&](const std::string& cond, Value v) {
    p.push_back(std::move(v));
    sql += " AND " + cond + " $" + std::to_string(p.size());
  };
  if (f.from) where("a.at >=", *f.from);
  if (f.to) where("a.at <", *f.to);
  if (!f.action.empty()) where("a.action =", f.action);
  if (!f.outcome.empty()) where("a.outcome =", f.outcome);
  if (f.actor_id) where("a.actor_id =", *f.actor_id);
  if (f.subject_id) where("a.subject_id =", *f.subject_id);
  if (f.before_id) where("a.id <", *f.before_id);
  p.emplace_back(int64_t{f.limit + 1});
  sql += " ORDER BY a.id DESC LIMIT $" + std::to_string(p.size());
  return storage::All<AuditView>(c.Query(sql, p), [](const Row& r) {
    AuditView v;
    v.id = r.Int(0);
    v.event = {r.Int(1),     OptInt(r, 2), r.IsNull(3) ? "" : r.Text(3),
               OptInt(r, 4), OptInt(r, 5), r.Text(6),
               r.Text(7),    r.Text(8),    r.Text(9),
               r.Text(10)};
    v.actor_public_id = OptText(r, 11).value_or("");
    v.actor_name = OptText(r, 12).value_or("");
    v.subject_public_id = OptText(r, 13).value_or("");
    v.subject_name = OptText(r, 14).value_or("");
    return v;
  });
}
Result<std::pair<std::vector<std::string>, std::vector<std::string>>> Facets(Connection& c,
                                                                             int64_t hospital_id) {
  std::pair<std::vector<std::string>, std::vector<std::string>> out;
  for (auto [col, into] : {std::pair{"action", &out.first}, std::pair{"outcome", &out.second}}) {
    TIA_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT DISTINCT ") + col +
                                                " FROM audit_events WHERE hospital_id = $1 "
                                                "ORDER BY 1",
                                            {hospital_id}));
    for (const Row& r : rows) into->push_back(r.Text(0));
  }
  return out;
}
Result<std::vector<AuditEvent>> AboutSubject(Connection& c, int64_t subject_id) {
  return storage::All<AuditEvent>(
      c.Query("SELECT " + std::string(kAuditCols) +
                  " FROM audit_events WHERE subject_id = $1 ORDER BY id",
              {subject_id}),
      ToAudit);
}
Result<std::vector<AuditEvent>> Recent(Connection& c, std::optional<int64_t> hospital_id,
                                       int limit) {
  if (hospital_id) {
    return storage::All<AuditEvent>(
        c.Query("SELECT " + std::string(kAuditCols) +
                    " FROM audit_events WHERE hospital_id = $1 ORDER BY id DESC LIMIT $2",
                {*hospital_id, int64_t{limit}}),
        ToAudit);
  }
  return storage::All<AuditEvent>(
      c.Query("SELECT " + std::string(kAuditCols) + " FROM audit_events ORDER BY id DESC LIMIT $1",
              {int64_t{limit}}),
      ToAudit);
}
}  // namespace audit

namespace symptom_checks {
namespace {
constexpr std::string_view kCheckCols =
    "mother_id, public_id, created_at, created_by, request_hash, answers, input, provenance, "
    "result, protocol_id, protocol_version, disposition, condition, recheck_due_at, recheck_of, "
    "escalation";

std::string CheckQuery(std::string_view where) {
  return "SELECT " + std::string(kCheckCols) + " FROM symptom_checks WHERE " + std::string(where);
}

SymptomCheckRow ToCheck(const Row& r) {
  SymptomCheckRow c;
  c.mother_id = r.Int(0);
  c.public_id = r.Text(1);
  c.created_at = r.Int(2);
  c.created_by = r.Int(3);
  c.request_hash = r.Text(4);
  c.answers = r.Text(5);
  c.input = r.Text(6);
  c.provenance = r.Text(7);
  c.result = r.Text(8);
  c.protocol_id = r.Text(9);
  c.protocol_version = r.Text(10);
  c.disposition = r.Text(11);
  c.condition = r.Text(12);
  if (!r.IsNull(13)) c.recheck_due_at = r.Int(13);
  if (!r.IsNull(14)) c.recheck_of = r.Text(14);
  if (!r.IsNull(15)) c.escalation = r.Text(15);
  return c;
}
}  // namespace

Result<bool> InsertIfAbsent(Connection& c, const SymptomCheckRow& r) {
  TIA_ASSIGN_OR_RETURN(
      int64_t n,
      c.Execute(
          "INSERT INTO symptom_checks (" + std::string(kCheckCols) +
              ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) "
              "ON CONFLICT (mother_id, public_id) DO NOTHING",
          {r.mother_id, r.public_id, r.created_at, r.created_by, r.request_hash, r.answers, r.input,
           r.provenance, r.result, r.protocol_id, r.protocol_version, r.disposition, r.condition,
           Opt(r.recheck_due_at), Opt(r.recheck_of), Opt(r.escalation)}));
  return n == 1;
}

Result<std::optional<SymptomCheckRow>> Get(Connection& c, int64_t mother_id,
                                           const std::string& public_id) {
  return First<SymptomCheckRow>(
      c.Query(CheckQuery("mother_id = $1 AND public_id = $2"), {mother_id, public_id}), ToCheck);
}

Result<std::vector<SymptomCheckRow>> Recent(Connection& c, int64_t mother_id, int64_t since_ms,
                                            int limit) {
  return All<SymptomCheckRow>(
      c.Query(CheckQuery(
                  "mother_id = $1 AND created_at >= $2 ORDER BY created_at DESC, id DESC LIMIT $3"),
              {mother_id, since_ms, int64_t{limit}}),
      ToCheck);
}

Result<std::vector<SymptomCheckRow>> EscalatedIn(Connection& c, int64_t hospital_id,
                                                 int64_t since_ms, int limit) {
  return All<SymptomCheckRow>(
      c.Query(CheckQuery("escalation IS NOT NULL AND created_at >= $2 AND mother_id IN "
                         "(SELECT id FROM users WHERE hospital_id = $1 AND role = 'mother') "
                         "ORDER BY created_at DESC, id DESC LIMIT $3"),
              {hospital_id, since_ms, int64_t{limit}}),
      ToCheck);
}
}  // namespace symptom_checks

namespace break_glass {
namespace {
constexpr std::string_view kCols =
    "g.public_id, g.clinician_id, g.mother_id, g.mother_hospital_id, g.reason, g.granted_at, "
    "g.expires_at, g.client_ip, u.display_name, COALESCE(h.name, ''), m.public_id FROM "
    "break_glass_grants g JOIN users u ON u.id = g.clinician_id LEFT JOIN hospitals h ON h.id = "
    "u.hospital_id JOIN users m ON m.id = g.mother_id";
BreakGlassRow ToGrant(const Row& r) {
  return {r.Text(0), r.Int(1),  r.Int(2),  OptInt(r, 3), r.Text(4), r.Int(5),
          r.Int(6),  r.Text(7), r.Text(8), r.Text(9),    r.Text(10)};
}
}  // namespace
Result<void> Insert(Connection& c, const BreakGlassRow& g) {
  return Exec(c,
              "INSERT INTO break_glass_grants (public_id, clinician_id, mother_id, "
              "mother_hospital_id, reason, granted_at, expires_at, client_ip) VALUES ($1, $2, $3, "
              "$4, $5, $6, $7, $8)",
              {g.public_id, g.clinician_id, g.mother_id, Opt(g.mother_hospital_id), g.reason,
               g.granted_at, g.expires_at, g.client_ip});
}
Result<std::optional<BreakGlassRow>> Active(Connection& c, int64_t clinician_id, int64_t mother_id,
                                            int64_t now) {
  return First<BreakGlassRow>(
      c.Query("SELECT " + std::string(kCols) +
                  " WHERE g.clinician_id = $1 AND g.mother_id = $2 AND g.expires_at > $3 ORDER BY "
                  "g.expires_at DESC LIMIT 1",
              {clinician_id, mother_id, now}),
      ToGrant);
}
Result<std::vector<BreakGlassRow>> OnHospital(Connection& c, int64_t hospital_id, int limit) {
  return All<BreakGlassRow>(
      c.Query("SELECT " + std::string(kCols) +
                  " WHERE g.mother_hospital_id = $1 ORDER BY g.granted_at DESC, g.id DESC LIMIT $2",
              {hospital_id, int64_t{limit}}),
      ToGrant);
}
}  // namespace break_glass

}  // namespace tia::storage
