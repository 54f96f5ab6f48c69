// tia/domain/maternity.h — the hospital's maternity programme as pure rules: dating a pregnancy
// from her dates and a dating scan, the antenatal schedule a hospital's template gives for a due
// date, packages as entitlements and what of them is used, and the bodies a registration, a
// package, the programme's settings and a birth may have. No I/O, no clock of its own: dates are
// days since 1970-01-01 in her calendar.
//
// Dating (docs/maternity.md): EDD = LMP + 280 days; a scan dates by gestational age at the scan,
// EDD = scan date + 280 - age. When a scan and her dates disagree by more than ACOG Committee
// Opinion 700's margin for the age at the scan (5 days before 9+0, 7 to 15+6, 10 to 21+6, 14 to
// 27+6, 21 after), the scan's date wins; otherwise her own dates stand.
//
//   auto d = DatePregnancy({.last_period = lmp, .scan = ScanDating{scan_day, 12 * 7 + 3}});
//   auto contacts = PlanContacts(settings, d->due, 1);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tia/base/result.h"
#include "tia/domain/json_reader.h"

namespace tia::domain {

// "26+4" (weeks+days) or "26" (26+0) -> days of gestation; nullopt when malformed or past 44+6.
std::optional<int> ParseGestation(std::string_view text);
std::string FormatGestation(int days);  // 186 -> "26+4"

struct ScanDating {
  int32_t date = 0;   // the day of the scan
  int gestation = 0;  // gestational age the scan measured that day, in days
};

struct DatingInput {
  std::optional<int32_t> due;          // a due date she was given
  std::optional<int32_t> last_period;  // the first day of her last period
  std::optional<ScanDating> scan;
};

struct Dating {
  int32_t due = 0;
  std::string_view dated_from;         // "scan", "due_date" or "last_period"
  std::optional<int> difference_days;  // scan EDD minus her dates' EDD, when both exist
  std::optional<int> margin_days;      // the margin for the scan's age, when both exist
};

// The margin (days) beyond which a scan at `gestation` days re-dates a pregnancy (ACOG CO 700).
int ScanMarginDays(int gestation);
// The due date by her dates and a scan; kInvalidArgument naming "due_date" when nothing dates it.
Result<Dating> DatePregnancy(const DatingInput& in);

// --- the programme's settings: schedule template, birth file, postnatal care ---
// {antenatal_schedule [{code, name {vi, en}, from "W+D", to "W+D", every_days?, service_code?,
//   applies_to "all"|"singleton"|"multiple"}], birth_file {from "W+D", checklist [{code,
//   label {vi, en}}]}, postnatal {discharge_service?, reexamination_day 1..42,
//   reexamination_mother_service?, reexamination_baby_service?}}. Service codes name the
// hospital's bookable services; unknown ones are the caller's check.
Result<Json> ValidateMaternitySettings(const Json& in);
// What a hospital has until it sets its own (docs/maternity.md lists the sources).
const Json& DefaultMaternitySettings();

// One antenatal contact of her schedule, from the template: days of gestation and her dates.
struct PlannedContact {
  std::string code;  // the template's code, with "-<week>" for a repeated entry ("weekly-38")
  Json name;         // {vi, en}
  std::string service_code;
  int from_gestation = 0, to_gestation = 0;
  int32_t from_date = 0, to_date = 0;
};
// The contacts of the template for a pregnancy due on `due` with `fetuses` babies, in order of
// their windows. An entry repeated every N days gives one contact per step, each window N days
// long (capped by the entry's end).
std::vector<PlannedContact> PlanContacts(const Json& settings, int32_t due, int fetuses);
// The day the birth file may open (the settings' birth_file.from).
int32_t BirthFileOpens(const Json& settings, int32_t due);

// --- packages ---
// {code, kind "antenatal"|"birth"|"stay", name {vi, en}, summary? {vi, en}, price_vnd,
//  deposit_vnd?, entitlements [{kind, label {vi, en}, count, service_codes [..], beds?, nights?}],
//  excluded [{vi, en}], active}. Both languages are required: the pages are read in both.
Result<Json> ValidatePackage(const Json& in);

struct EntitlementUse {
  size_t index = 0;  // in the package's entitlements
  int count = 0;
  int used = 0;
};
// What a course enrolment is in the list of uses below: it takes a place of a "class" entitlement.
inline constexpr const char* kClassEnrolment = "@class";
// How the bookings of these service codes (one per booking, in the order they were made) and her
// course enrolments (kClassEnrolment) use the package: each takes the first entitlement listing its
// code (an enrolment: the first of kind "class") that still has room.
std::vector<EntitlementUse> UsageOf(const Json& package, const std::vector<std::string>& used);
// Whether one more booking of `service_code` fits what the package still includes.
bool InPackage(const Json& package, const std::vector<std::string>& used,
               const std::string& service_code);

// --- registering, and the birth ---
// {due_date?, last_period_date?, scan? {date, gestation "W+D"}, fetuses 1..4, package_id,
//  preferred_provider_id?, contact {phone, email?}, consent {programme true, version}, note?}.
// `today` is her local date: a last period or scan in the future is refused.
Result<Json> ValidateRegistration(const Json& in, int32_t today);
DatingInput DatingOf(const Json& registration);
// {born_at (RFC 3339), mode "vaginal"|"assisted"|"caesarean", babies [{name?, sex?
//  "female"|"male", weight_g 300..7000}] (1..4), note?}; not after `now_ms`.
Result<Json> ValidateBirth(const Json& in, int64_t now_ms);

// --- classes and courses ---
// A course is a series of sessions she enrols in once (a single class is a course of one session):
// {title {vi, en}, number?, description? {vi, en}, audience "pregnancy"|"postpartum"|"all",
//  cohort? {due_from, due_to}, companions_allowed 0..3 (default 1), waitlist_limit 0..500
//  (default 30), sessions [{title {vi, en}, start, end, room_seats, online_seats, min_to_run,
//  place?, online_url? (https), leader?}] (1..20, in time order, not overlapping)}.
// Returns the course body (without sessions) and the sessions, each with start/end as instants.
struct CourseSessionIn {
  Json body;  // title, place, online_url, leader
  int64_t start_ms = 0, end_ms = 0;
  int room_seats = 0, online_seats = 0, min_to_run = 0;
};
struct CourseIn {
  Json body;
  std::vector<CourseSessionIn> sessions;
};
Result<CourseIn> ValidateCourse(const Json& in);

// Seats one enrolment takes in a session's pool: in the room, she and each companion; online, one
// screen for them all.
int SeatsFor(std::string_view pool, int companions);
// Which of the waiting requests (seats each, oldest first) a pool with `free` seats takes: in
// order, each that still fits (a larger one that does not fit does not block a smaller one behind).
std::vector<size_t> Promote(int free, const std::vector<int>& waiting);

}  // namespace tia::domain
