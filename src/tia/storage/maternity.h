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

}  // namespace tia::storage::maternity
