// tia/app/maternity_parts.h — what the maternity programme's files share (internal to app/):
// maternity.cc (packages, registration), maternity_classes.cc and maternity_birth.cc.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tia/app/maternity.h"
#include "tia/app/messaging.h"
#include "tia/domain/scheduling.h"
#include "tia/storage/maternity.h"
#include "tia/storage/scheduling.h"

namespace tia::app::mat {

// The programme's settings of a hospital: its own, or the default.
Result<Json> SettingsOf(storage::Connection& c, int64_t hospital);
// Today in the hospital's time zone.
Result<int32_t> Today(storage::Connection& c, int64_t hospital, int64_t now);

struct ServiceCodes {
  std::map<int64_t, std::string> by_id;                         // row id -> code
  std::map<std::string, std::pair<std::string, Json>> by_code;  // active: code -> (id, body)
};
Result<ServiceCodes> ServiceCodesOf(storage::Connection& c, int64_t hospital);

// Her package version and what her bookings since the registration use of it.
struct PackageUse {
  storage::maternity::PackageVersionRow version;
  Json body;
  ServiceCodes codes;
  std::vector<storage::BookingRow> bookings;  // that count, oldest first
  std::vector<std::string> used;              // their service codes, in the same order
  // Those codes and her course enrolments (domain::kClassEnrolment) since she registered, in the
  // order they were made: what the package's entitlements count.
  std::vector<std::string> uses;
};
Result<PackageUse> UseOf(storage::Connection& c, const storage::maternity::PregnancyRow& p,
                         int64_t now);

// Her registration as her file shows it (Maternity::Pregnancy).
Result<Json> FileJsonOf(storage::Connection& c, const storage::maternity::PregnancyRow& p,
                        int64_t now);
// What her home shows of her registration: {id, status, outcome, staff_note, next (her next
// antenatal contact: name, from, to, status, service_id; or null), postnatal (the bookings the
// birth made: kind, id, start, provider)}.
Result<Json> ProgrammeSummary(storage::Connection& c, const storage::maternity::PregnancyRow& p,
                              int64_t now);
// Who a message of the programme goes to: her e-mail, her profile's phone, her language, and the
// channels she chose (app/messaging.h).
using Reader = msg::Audience;
Result<std::optional<Reader>> ReaderOf(storage::Connection& c, int64_t mother_id);
// One message by e-mail (`text`, signed), and by text (`sms`, unaccented), by the channels she
// chose; a text stands in for Zalo, which has no template for these.
Result<void> Tell(storage::Connection& c, const Reader& to, const std::string& kind, int64_t due,
                  int64_t expires, const std::string& subject, const std::string& text,
                  const std::string& sms);
// Her antenatal schedule's reminders not yet sent stop (the birth, a loss, a pause).
Result<void> StopContactReminders(storage::Connection& c,
                                  const storage::maternity::PregnancyRow& p);
// Her reminders of the contacts ahead, queued again (care resumed after a pause).
Result<void> RequeueContactReminders(storage::Connection& c,
                                     const storage::maternity::PregnancyRow& p, int64_t now);
// Gives up every class place of hers ahead (a pause): reminders stop, waitlists move up.
Result<void> GiveUpClasses(storage::Connection& c, int64_t mother_id, int64_t now);

// What the chained clock and the symptom check take from her programme: the birth her hospital
// recorded (its local date and mode), her registration's due date while it is open, and whether
// a pregnancy loss (not followed by a new registration) or a pause is in force.
struct ProgrammeState {
  std::optional<int32_t> birth_date;
  std::string birth_mode;  // vaginal, assisted, caesarean
  std::optional<int32_t> due_date;
  bool loss = false;
  std::optional<storage::maternity::PauseRow> pause;  // in force
};
Result<ProgrammeState> ProgrammeOf(storage::Connection& c, int64_t mother_id,
                                   const date::time_zone* zone);

}  // namespace tia::app::mat
