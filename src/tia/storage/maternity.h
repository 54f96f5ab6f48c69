// tia/storage/maternity.h — repositories for the maternity programme
// (migrations/*/0015_maternity.sql): settings, packages and their versions, registrations of a
// pregnancy with their deposits, and classes (courses, sessions, enrolments, seats). Plain SQL
// shared by SQLite and PostgreSQL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tia/storage/connection.h"

namespace tia::storage::maternity {

Result<std::optional<std::string>> SettingsOf(Connection& c, int64_t hospital_id);
Result<void> PutSettings(Connection& c, int64_t hospital_id, const std::string& body, int64_t now,
                         int64_t by);

struct PackageRow {
  int64_t id = 0;
  int64_t hospital_id = 0;
  std::string public_id;
  std::string code;
  int64_t current_version = 0;
  int64_t updated_at = 0;
};

struct PackageVersionRow {
  int64_t id = 0;
  int64_t package_id = 0;
  int64_t number = 0;
  std::string body;
  int64_t created_at = 0;
  int64_t created_by = 0;
};

Result<std::optional<PackageRow>> PackageByPublicId(Connection& c, const std::string& id);
Result<std::optional<PackageRow>> PackageByCode(Connection& c, int64_t hospital_id,
                                                const std::string& code);
Result<std::vector<PackageRow>> PackagesOf(Connection& c, int64_t hospital_id);
Result<PackageRow> InsertPackage(Connection& c, const PackageRow& p);
// Adds version `v.number` and makes it the package's current one.
Result<PackageVersionRow> AddPackageVersion(Connection& c, const PackageVersionRow& v, int64_t now);
Result<std::optional<PackageVersionRow>> PackageVersion(Connection& c, int64_t package_id,
                                                        int64_t number);
Result<std::optional<PackageVersionRow>> PackageVersionById(Connection& c, int64_t id);

struct PregnancyRow {
  int64_t id = 0;
  std::string public_id;
  int64_t hospital_id = 0;
  int64_t mother_id = 0;
  std::string status;                  // submitted, needs_info, confirmed, withdrawn
  std::optional<std::string> outcome;  // birth, loss
  int32_t due_date = 0;
  std::string body;  // the canonical registration
  int64_t package_version_id = 0;
  std::optional<std::string> staff_note;
  std::optional<std::string> birth_file;  // JSON: opened_at, opened_by, checklist
  std::optional<std::string> birth;       // JSON: the recorded birth and what it created
  std::optional<int64_t> ended_at;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t version = 1;
};

Result<std::optional<PregnancyRow>> PregnancyByPublicId(Connection& c, const std::string& id);
// Her newest registration that was not withdrawn (open, or ended by a birth or a loss).
Result<std::optional<PregnancyRow>> CurrentPregnancy(Connection& c, int64_t mother_id);
Result<PregnancyRow> InsertPregnancy(Connection& c, const PregnancyRow& p);
// Writes every changeable column; compare-and-set on the version (false: changed meanwhile).
Result<bool> UpdatePregnancy(Connection& c, const PregnancyRow& p, int64_t now);
// The hospital's registrations due in [from, to] (days), withdrawn ones left out, by due date.
Result<std::vector<PregnancyRow>> PregnanciesDue(Connection& c, int64_t hospital_id, int32_t from,
                                                 int32_t to);

struct DepositRow {
  int64_t id = 0;
  int64_t pregnancy_id = 0;
  int64_t amount_vnd = 0;
  std::string method;
  std::string reference;
  int64_t recorded_at = 0;
  int64_t recorded_by = 0;
};
Result<DepositRow> InsertDeposit(Connection& c, const DepositRow& d);
Result<std::vector<DepositRow>> DepositsOf(Connection& c, int64_t pregnancy_id);

// --- classes and courses ---
struct CourseRow {
  int64_t id = 0;
  std::string public_id;
  int64_t hospital_id = 0;
  std::string body;    // the course without its sessions (domain::ValidateCourse)
  std::string status;  // open, cancelled
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct SessionRow {
  int64_t id = 0;
  std::string public_id;
  int64_t course_id = 0;
  int64_t seq = 0;  // 1, 2, ... in time order
  int64_t start_at = 0;
  int64_t end_at = 0;
  int64_t room_seats = 0;
  int64_t online_seats = 0;
  int64_t min_to_run = 0;
  std::string body;    // title, place, leader, online_url
  std::string status;  // scheduled, cancelled
};

struct EnrolmentRow {
  int64_t id = 0;
  std::string public_id;
  int64_t course_id = 0;
  int64_t mother_id = 0;
  std::string mode;  // room, online
  int64_t companions = 0;
  std::optional<std::string> companion_name;
  std::string status;  // enrolled, cancelled
  std::string request_hash;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// A seat (or a place on the waitlist) of one enrolment in one session, with who holds it.
struct SeatRow {
  int64_t id = 0;
  int64_t enrolment_id = 0;
  int64_t session_id = 0;
  std::string pool;  // room, online
  int64_t seats = 1;
  std::string status;  // seated, waiting, cancelled
  std::optional<bool> attended;
  int64_t queued_at = 0;
  int64_t updated_at = 0;
  // From the enrolment (read only).
  int64_t mother_id = 0;
  std::string enrolment_public_id;
  int64_t companions = 0;
  std::optional<std::string> companion_name;
};

Result<std::optional<CourseRow>> CourseByPublicId(Connection& c, const std::string& id);
Result<std::optional<CourseRow>> CourseById(Connection& c, int64_t id);
Result<std::vector<CourseRow>> CoursesOf(Connection& c, int64_t hospital_id);
Result<CourseRow> InsertCourse(Connection& c, const CourseRow& row);
Result<void> UpdateCourse(Connection& c, const CourseRow& row);
// Serialises enrolments in one course across server processes (PostgreSQL row lock; SQLite's
// single writer already does).
Result<void> LockCourse(Connection& c, int64_t course_id);

Result<std::vector<SessionRow>> SessionsOf(Connection& c, int64_t course_id);
Result<SessionRow> InsertSession(Connection& c, const SessionRow& row);
Result<void> UpdateSession(Connection& c, const SessionRow& row);
Result<void> DeleteSessions(Connection& c, int64_t course_id);

Result<std::optional<EnrolmentRow>> LiveEnrolment(Connection& c, int64_t course_id,
                                                  int64_t mother_id);
Result<std::vector<EnrolmentRow>> LiveEnrolmentsOf(Connection& c, int64_t mother_id);
Result<int64_t> EnrolmentCount(Connection& c, int64_t course_id);
Result<EnrolmentRow> InsertEnrolment(Connection& c, const EnrolmentRow& row);
Result<void> SetEnrolmentStatus(Connection& c, int64_t id, const std::string& status, int64_t now);

// A session's seats and waitlist (cancelled ones left out), in the order they were asked for.
Result<std::vector<SeatRow>> SeatsIn(Connection& c, int64_t session_id);
Result<std::vector<SeatRow>> SeatsOf(Connection& c, int64_t enrolment_id);
Result<SeatRow> InsertSeat(Connection& c, const SeatRow& row);
Result<void> UpdateSeat(Connection& c, const SeatRow& row);

// --- one tap pauses everything ---
struct PauseRow {
  int64_t id = 0;
  int64_t mother_id = 0;
  std::string reason;  // pregnancy_loss, hospital_stay, break
  int64_t started_at = 0;
  std::optional<int64_t> ended_at;
};
Result<PauseRow> InsertPause(Connection& c, const PauseRow& p);
// Her newest pause (ended or not), and her newest of one reason.
Result<std::optional<PauseRow>> LatestPause(Connection& c, int64_t mother_id);
Result<std::optional<PauseRow>> LatestPauseFor(Connection& c, int64_t mother_id,
                                               const std::string& reason);
Result<void> EndPause(Connection& c, int64_t id, int64_t at);

}  // namespace tia::storage::maternity
