#include "tia/storage/maternity.h"

#include "tia/storage/sql_helpers.h"

namespace tia::storage::maternity {
namespace {

constexpr std::string_view kPackage =
    "SELECT id, hospital_id, public_id, code, current_version, updated_at FROM packages ";
PackageRow ToPackage(const Row& r) {
  return {r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Int(4), r.Int(5)};
}

constexpr std::string_view kVersion =
    "SELECT id, package_id, number, body, created_at, created_by FROM package_versions ";
PackageVersionRow ToVersion(const Row& r) {
  return {r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Int(4), r.Int(5)};
}

constexpr std::string_view kPregnancy =
    "SELECT id, public_id, hospital_id, mother_id, status, outcome, due_date, body, "
    "package_version_id, staff_note, birth_file, birth, ended_at, created_at, updated_at, version "
    "FROM pregnancies ";
PregnancyRow ToPregnancy(const Row& r) {
  PregnancyRow p;
  p.id = r.Int(0);
  p.public_id = r.Text(1);
  p.hospital_id = r.Int(2);
  p.mother_id = r.Int(3);
  p.status = r.Text(4);
  p.outcome = OptText(r, 5);
  p.due_date = static_cast<int32_t>(r.Int(6));
  p.body = r.Text(7);
  p.package_version_id = r.Int(8);
  p.staff_note = OptText(r, 9);
  p.birth_file = OptText(r, 10);
  p.birth = OptText(r, 11);
  p.ended_at = OptInt(r, 12);
  p.created_at = r.Int(13);
  p.updated_at = r.Int(14);
  p.version = r.Int(15);
  return p;
}

std::string Sql(std::string_view head, std::string_view tail) {
  return std::string(head) + std::string(tail);
}

}  // namespace

Result<std::optional<std::string>> SettingsOf(Connection& c, int64_t hospital_id) {
  return First<std::string>(
      c.Query("SELECT body FROM maternity_settings WHERE hospital_id = $1", {hospital_id}),
      [](const Row& r) { return r.Text(0); });
}

Result<void> PutSettings(Connection& c, int64_t hospital_id, const std::string& body, int64_t now,
                         int64_t by) {
  return Exec(c,
              "INSERT INTO maternity_settings (hospital_id, body, updated_at, updated_by) VALUES "
              "($1, $2, $3, $4) ON CONFLICT (hospital_id) DO UPDATE SET body = excluded.body, "
              "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
              {hospital_id, body, now, by});
}

Result<std::optional<PackageRow>> PackageByPublicId(Connection& c, const std::string& id) {
  return First<PackageRow>(c.Query(Sql(kPackage, "WHERE public_id = $1"), {id}), ToPackage);
}
Result<std::optional<PackageRow>> PackageByCode(Connection& c, int64_t hospital_id,
                                                const std::string& code) {
  return First<PackageRow>(
      c.Query(Sql(kPackage, "WHERE hospital_id = $1 AND code = $2"), {hospital_id, code}),
      ToPackage);
}
Result<std::vector<PackageRow>> PackagesOf(Connection& c, int64_t hospital_id) {
  return All<PackageRow>(
      c.Query(Sql(kPackage, "WHERE hospital_id = $1 ORDER BY id"), {hospital_id}), ToPackage);
}
Result<PackageRow> InsertPackage(Connection& c, const PackageRow& p) {
  return Inserted(c,
                  "INSERT INTO packages (hospital_id, public_id, code, current_version, "
                  "updated_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                  {p.hospital_id, p.public_id, p.code, p.current_version, p.updated_at}, p);
}
Result<PackageVersionRow> AddPackageVersion(Connection& c, const PackageVersionRow& v,
                                            int64_t now) {
  TIA_ASSIGN_OR_RETURN(auto row,
                       Inserted(c,
                                "INSERT INTO package_versions (package_id, number, "
                                "body, created_at, created_by) VALUES ($1, $2, $3, $4, "
                                "$5) RETURNING id",
                                {v.package_id, v.number, v.body, v.created_at, v.created_by}, v));
  TIA_TRY(Exec(c, "UPDATE packages SET current_version = $2, updated_at = $3 WHERE id = $1",
               {v.package_id, v.number, now}));
  return row;
}
Result<std::optional<PackageVersionRow>> PackageVersion(Connection& c, int64_t package_id,
                                                        int64_t number) {
  return First<PackageVersionRow>(
      c.Query(Sql(kVersion, "WHERE package_id = $1 AND number = $2"), {package_id, number}),
      ToVersion);
}
Result<std::optional<PackageVersionRow>> PackageVersionById(Connection& c, int64_t id) {
  return First<PackageVersionRow>(c.Query(Sql(kVersion, "WHERE id = $1"), {id}), ToVersion);
}

Result<std::optional<PregnancyRow>> PregnancyByPublicId(Connection& c, const std::string& id) {
  return First<PregnancyRow>(c.Query(Sql(kPregnancy, "WHERE public_id = $1"), {id}), ToPregnancy);
}
Result<std::optional<PregnancyRow>> CurrentPregnancy(Connection& c, int64_t mother_id) {
  return First<PregnancyRow>(
      c.Query(Sql(kPregnancy,
                  "WHERE mother_id = $1 AND status <> 'withdrawn' ORDER BY created_at DESC, id "
                  "DESC LIMIT 1"),
              {mother_id}),
      ToPregnancy);
}
Result<PregnancyRow> InsertPregnancy(Connection& c, const PregnancyRow& p) {
  return Inserted(c,
                  "INSERT INTO pregnancies (public_id, hospital_id, mother_id, status, due_date, "
                  "body, package_version_id, created_at, updated_at, version) VALUES ($1, $2, "
                  "$3, $4, $5, $6, $7, $8, $9, 1) RETURNING id",
                  {p.public_id, p.hospital_id, p.mother_id, p.status, int64_t{p.due_date}, p.body,
                   p.package_version_id, p.created_at, p.updated_at},
                  p);
}
Result<bool> UpdatePregnancy(Connection& c, const PregnancyRow& p, int64_t now) {
  TIA_ASSIGN_OR_RETURN(
      int64_t n,
      c.Execute("UPDATE pregnancies SET status = $3, outcome = $4, due_date = $5, body = $6, "
                "package_version_id = $7, staff_note = $8, birth_file = $9, birth = $10, "
                "ended_at = $11, updated_at = $12, version = version + 1 WHERE id = $1 AND "
                "version = $2",
                {p.id, p.version, p.status, Opt(p.outcome), int64_t{p.due_date}, p.body,
                 p.package_version_id, Opt(p.staff_note), Opt(p.birth_file), Opt(p.birth),
                 Opt(p.ended_at), now}));
  return n == 1;
}
Result<std::vector<PregnancyRow>> PregnanciesDue(Connection& c, int64_t hospital_id, int32_t from,
                                                 int32_t to) {
  return All<PregnancyRow>(
      c.Query(Sql(kPregnancy,
                  "WHERE hospital_id = $1 AND due_date >= $2 AND due_date <= $3 AND status <> "
                  "'withdrawn' ORDER BY due_date, id"),
              {hospital_id, int64_t{from}, int64_t{to}}),
      ToPregnancy);
}

Result<DepositRow> InsertDeposit(Connection& c, const DepositRow& d) {
  return Inserted(
      c,
      "INSERT INTO deposits (pregnancy_id, amount_vnd, method, reference, "
      "recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {d.pregnancy_id, d.amount_vnd, d.method, d.reference, d.recorded_at, d.recorded_by}, d);
}
Result<std::vector<DepositRow>> DepositsOf(Connection& c, int64_t pregnancy_id) {
  return All<DepositRow>(
      c.Query("SELECT id, pregnancy_id, amount_vnd, method, reference, recorded_at, recorded_by "
              "FROM deposits WHERE pregnancy_id = $1 ORDER BY id",
              {pregnancy_id}),
      [](const Row& r) {
        return DepositRow{r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Text(4), r.Int(5), r.Int(6)};
      });
}

namespace {

constexpr std::string_view kCourse =
    "SELECT id, public_id, hospital_id, body, status, created_at, updated_at FROM courses ";
CourseRow ToCourse(const Row& r) {
  return {r.Int(0), r.Text(1), r.Int(2), r.Text(3), r.Text(4), r.Int(5), r.Int(6)};
}

constexpr std::string_view kSession =
    "SELECT id, public_id, course_id, seq, start_at, end_at, room_seats, online_seats, "
    "min_to_run, body, status FROM class_sessions ";
SessionRow ToSession(const Row& r) {
  return {r.Int(0), r.Text(1), r.Int(2), r.Int(3),  r.Int(4),  r.Int(5),
          r.Int(6), r.Int(7),  r.Int(8), r.Text(9), r.Text(10)};
}

constexpr std::string_view kEnrolment =
    "SELECT id, public_id, course_id, mother_id, mode, companions, companion_name, status, "
    "request_hash, created_at, updated_at FROM enrolments ";
EnrolmentRow ToEnrolment(const Row& r) {
  return {r.Int(0),      r.Text(1), r.Int(2),  r.Int(3), r.Text(4), r.Int(5),
          OptText(r, 6), r.Text(7), r.Text(8), r.Int(9), r.Int(10)};
}

constexpr std::string_view kSeat =
    "SELECT s.id, s.enrolment_id, s.session_id, s.pool, s.seats, s.status, s.attended, "
    "s.queued_at, s.updated_at, e.mother_id, e.public_id, e.companions, e.companion_name FROM "
    "session_seats s JOIN enrolments e ON e.id = s.enrolment_id ";
SeatRow ToSeat(const Row& r) {
  SeatRow s;
  s.id = r.Int(0);
  s.enrolment_id = r.Int(1);
  s.session_id = r.Int(2);
  s.pool = r.Text(3);
  s.seats = r.Int(4);
  s.status = r.Text(5);
  if (!r.IsNull(6)) s.attended = r.Int(6) != 0;
  s.queued_at = r.Int(7);
  s.updated_at = r.Int(8);
  s.mother_id = r.Int(9);
  s.enrolment_public_id = r.Text(10);
  s.companions = r.Int(11);
  s.companion_name = OptText(r, 12);
  return s;
}

}  // namespace

Result<std::optional<CourseRow>> CourseByPublicId(Connection& c, const std::string& id) {
  return First<CourseRow>(c.Query(Sql(kCourse, "WHERE public_id = $1"), {id}), ToCourse);
}
Result<std::optional<CourseRow>> CourseById(Connection& c, int64_t id) {
  return First<CourseRow>(c.Query(Sql(kCourse, "WHERE id = $1"), {id}), ToCourse);
}
Result<std::vector<CourseRow>> CoursesOf(Connection& c, int64_t hospital_id) {
  return All<CourseRow>(c.Query(Sql(kCourse, "WHERE hospital_id = $1 ORDER BY id"), {hospital_id}),
                        ToCourse);
}
Result<CourseRow> InsertCourse(Connection& c, const CourseRow& row) {
  return Inserted(
      c,
      "INSERT INTO courses (public_id, hospital_id, body, status, created_at, "
      "updated_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {row.public_id, row.hospital_id, row.body, row.status, row.created_at, row.updated_at}, row);
}
Result<void> UpdateCourse(Connection& c, const CourseRow& row) {
  return Exec(c, "UPDATE courses SET body = $2, status = $3, updated_at = $4 WHERE id = $1",
              {row.id, row.body, row.status, row.updated_at});
}
Result<void> LockCourse(Connection& c, int64_t course_id) {
  if (c.dialect() != Dialect::kPostgres) return Ok();
  TIA_TRY(c.Query("SELECT id FROM courses WHERE id = $1 FOR UPDATE", {course_id}));
  return Ok();
}

Result<std::vector<SessionRow>> SessionsOf(Connection& c, int64_t course_id) {
  return All<SessionRow>(c.Query(Sql(kSession, "WHERE course_id = $1 ORDER BY seq"), {course_id}),
                         ToSession);
}
Result<SessionRow> InsertSession(Connection& c, const SessionRow& row) {
  return Inserted(c,
                  "INSERT INTO class_sessions (public_id, course_id, seq, start_at, end_at, "
                  "room_seats, online_seats, min_to_run, body, status) VALUES ($1, $2, $3, $4, "
                  "$5, $6, $7, $8, $9, $10) RETURNING id",
                  {row.public_id, row.course_id, row.seq, row.start_at, row.end_at, row.room_seats,
                   row.online_seats, row.min_to_run, row.body, row.status},
                  row);
}
Result<void> UpdateSession(Connection& c, const SessionRow& row) {
  return Exec(c,
              "UPDATE class_sessions SET start_at = $2, end_at = $3, room_seats = $4, "
              "online_seats = $5, min_to_run = $6, body = $7, status = $8 WHERE id = $1",
              {row.id, row.start_at, row.end_at, row.room_seats, row.online_seats, row.min_to_run,
               row.body, row.status});
}
Result<void> DeleteSessions(Connection& c, int64_t course_id) {
  return Exec(c, "DELETE FROM class_sessions WHERE course_id = $1", {course_id});
}

Result<std::optional<EnrolmentRow>> LiveEnrolment(Connection& c, int64_t course_id,
                                                  int64_t mother_id) {
  return First<EnrolmentRow>(
      c.Query(Sql(kEnrolment, "WHERE course_id = $1 AND mother_id = $2 AND status = 'enrolled'"),
              {course_id, mother_id}),
      ToEnrolment);
}
Result<std::vector<EnrolmentRow>> LiveEnrolmentsOf(Connection& c, int64_t mother_id) {
  return All<EnrolmentRow>(
      c.Query(Sql(kEnrolment, "WHERE mother_id = $1 AND status = 'enrolled' ORDER BY id"),
              {mother_id}),
      ToEnrolment);
}
Result<int64_t> EnrolmentCount(Connection& c, int64_t course_id) {
  TIA_ASSIGN_OR_RETURN(
      Rows rows, c.Query("SELECT COUNT(*) FROM enrolments WHERE course_id = $1", {course_id}));
  return rows.front().Int(0);
}
Result<EnrolmentRow> InsertEnrolment(Connection& c, const EnrolmentRow& row) {
  return Inserted(
      c,
      "INSERT INTO enrolments (public_id, course_id, mother_id, mode, companions, "
      "companion_name, status, request_hash, created_at, updated_at) VALUES ($1, $2, "
      "$3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
      {row.public_id, row.course_id, row.mother_id, row.mode, row.companions,
       Opt(row.companion_name), row.status, row.request_hash, row.created_at, row.updated_at},
      row);
}
Result<void> SetEnrolmentStatus(Connection& c, int64_t id, const std::string& status, int64_t now) {
  return Exec(c, "UPDATE enrolments SET status = $2, updated_at = $3 WHERE id = $1",
              {id, status, now});
}

Result<std::vector<SeatRow>> SeatsIn(Connection& c, int64_t session_id) {
  return All<SeatRow>(c.Query(Sql(kSeat,
                                  "WHERE s.session_id = $1 AND s.status <> 'cancelled' ORDER BY "
                                  "s.queued_at, s.id"),
                              {session_id}),
                      ToSeat);
}
Result<std::vector<SeatRow>> SeatsOf(Connection& c, int64_t enrolment_id) {
  return All<SeatRow>(
      c.Query(Sql(kSeat, "WHERE s.enrolment_id = $1 ORDER BY s.session_id"), {enrolment_id}),
      ToSeat);
}
Result<SeatRow> InsertSeat(Connection& c, const SeatRow& row) {
  return Inserted(c,
                  "INSERT INTO session_seats (enrolment_id, session_id, pool, seats, status, "
                  "queued_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                  {row.enrolment_id, row.session_id, row.pool, row.seats, row.status, row.queued_at,
                   row.updated_at},
                  row);
}
Result<void> UpdateSeat(Connection& c, const SeatRow& row) {
  return Exec(c,
              "UPDATE session_seats SET status = $2, attended = $3, updated_at = $4 WHERE id = $1",
              {row.id, row.status, row.attended ? Value{int64_t{*row.attended ? 1 : 0}} : Value{},
               row.updated_at});
}

namespace {
constexpr std::string_view kPause =
    "SELECT id, mother_id, reason, started_at, ended_at FROM care_pauses ";
PauseRow ToPause(const Row& r) { return {r.Int(0), r.Int(1), r.Text(2), r.Int(3), OptInt(r, 4)}; }
}  // namespace

Result<PauseRow> InsertPause(Connection& c, const PauseRow& p) {
  return Inserted(c,
                  "INSERT INTO care_pauses (mother_id, reason, started_at) VALUES ($1, $2, $3) "
                  "RETURNING id",
                  {p.mother_id, p.reason, p.started_at}, p);
}
Result<std::optional<PauseRow>> LatestPause(Connection& c, int64_t mother_id) {
  return First<PauseRow>(
      c.Query(Sql(kPause, "WHERE mother_id = $1 ORDER BY started_at DESC, id DESC LIMIT 1"),
              {mother_id}),
      ToPause);
}
Result<std::optional<PauseRow>> LatestPauseFor(Connection& c, int64_t mother_id,
                                               const std::string& reason) {
  return First<PauseRow>(
      c.Query(Sql(kPause,
                  "WHERE mother_id = $1 AND reason = $2 ORDER BY started_at DESC, id DESC "
                  "LIMIT 1"),
              {mother_id, reason}),
      ToPause);
}
Result<void> EndPause(Connection& c, int64_t id, int64_t at) {
  return Exec(c, "UPDATE care_pauses SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL",
              {id, at});
}

}  // namespace tia::storage::maternity
