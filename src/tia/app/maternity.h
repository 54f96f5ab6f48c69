// tia/app/maternity.h — the hospital's maternity programme: its settings (the antenatal schedule
// template, the birth file's checklist, postnatal care), packages as versioned entitlements, and a
// mother's registered pregnancy from the online form to the birth (domain/maternity.h).
//
// A package is edited by an administrator; each change that alters it is a new version, and a
// registration keeps the version she chose. A mother registers (and amends while the hospital has
// not confirmed); staff confirm or ask for more, record the deposit (payment happens elsewhere:
// app::DepositGateway), open the birth file from 36 weeks and tick its checklist. Her view
// carries her dating, her antenatal contacts with what she booked, and what of the package is
// used. Every staff read of a mother's file is audited; anyone who may not read it gets 404.
//
//   TIA_ASSIGN_OR_RETURN(Json file, app.maternity.Pregnancy(caller, mother_id));
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "tia/app/context.h"
#include "tia/app/events.h"
#include "tia/domain/json_reader.h"
#include "tia/storage/connection.h"

namespace tia::app {

using domain::Json;

// Where a deposit is taken. Tia records what was paid; the money moves elsewhere.
class DepositGateway {
 public:
  virtual ~DepositGateway() = default;
  // Records a deposit for a registration and gives the gateway's reference for it.
  virtual Result<std::string> Record(const std::string& pregnancy_id, int64_t amount_vnd,
                                     const std::string& method) = 0;
};

// The default: writes a line to the server log (the registration id, amount and method; no
// health data) and gives a reference of its own.
class LoggingDepositGateway final : public DepositGateway {
 public:
  Result<std::string> Record(const std::string& pregnancy_id, int64_t amount_vnd,
                             const std::string& method) override;
};

class Maternity {
 public:
  // `hub` carries "booking" events for the visits the birth books (the staff's day view updates).
  Maternity(Services& s, EventHub& hub)
      : s_(s), hub_(hub), gateway_(std::make_unique<LoggingDepositGateway>()) {}
  void SetGateway(std::unique_ptr<DepositGateway> g) { gateway_ = std::move(g); }

  // --- the hospital (administrators write; staff read) ---
  Result<Json> Settings(const Caller& caller);
  Result<Json> PutSettings(const Caller& caller, const Json& body);
  // Staff: every package with its current version; a mother: her hospital's active ones.
  Result<Json> Packages(const Caller& caller, const std::string& lang);
  // A package's current version, or version `number`.
  Result<Json> Package(const Caller& caller, const std::string& code,
                       std::optional<int64_t> number);
  // Administrators: creates the package or, when the body differs from the current version, adds
  // a version. {package, created, changed}.
  Result<std::pair<int, Json>> PutPackage(const Caller& caller, const std::string& code,
                                          const Json& body);

  // --- anyone: the public pages ---
  // {hospital {code, name}, contact, lang, items [...]} of the active packages, or one package.
  Result<Json> PublicPackages(const std::string& hospital, const std::string& lang);
  Result<Json> PublicPackage(const std::string& hospital, const std::string& code,
                             const std::string& lang);

  // --- her registration ---
  // A mother registers her pregnancy, or amends it until the hospital confirms it (an amendment
  // after "ask for more" sends it back to the hospital). 201 when created.
  Result<std::pair<int, Json>> Register(const Caller& caller, const std::string& mother,
                                        const Json& body);
  // Her file: dating, stage, package with what is used, contacts, birth file, deposits, outcome;
  // null when she has none. 404 when the caller may not read her record; staff reads are audited.
  Result<Json> Pregnancy(const Caller& caller, const std::string& mother);
  // Staff: registrations due in a month ("2027-06"; with none, every open one and those that ended
  // in the last 30 days), by due date.
  Result<Json> Registrations(const Caller& caller, const std::string& month);
  // Staff: "confirm", "ask" {note}, "deposit" {amount_vnd, method, reference?},
  // "open_birth_file", "check" {code, done}. Audited as pregnancy:<id>.
  Result<Json> Act(const Caller& caller, const std::string& id, const std::string& action,
                   const Json& body);

  // --- the birth, and one tap that pauses everything ---
  // Staff record the birth: {born_at, mode, babies [{name?, sex?, weight_g}], note?}. Once: the
  // babies become infant records in her log with their birth weight, the registration ends with
  // the birth (her app switches to the weeks after it), and the postnatal care is booked — the
  // discharge nutrition and breastfeeding consultation, and the re-examination of mother and baby
  // together (two providers at one start) on the settings' day. What cannot be booked is named in
  // the file for staff. The same body again answers as the first time; another body is 409.
  Result<Json> RecordBirth(const Caller& caller, const std::string& id, const Json& body);
  // The mother, one tap: {reason "pregnancy_loss"|"hospital_stay"|"break"}. Her pending reminders
  // stop (bookings, classes: her class places ahead are given up), and her app shows support
  // instead of pregnancy and baby content; a loss also ends an open registration, and no week
  // card shows for that pregnancy again. Pausing while paused answers the pause there is.
  Result<Json> Pause(const Caller& caller, const std::string& mother, const Json& body);
  Result<Json> Resume(const Caller& caller, const std::string& mother);

  // --- classes and courses (a class is a course of one session) ---
  // Administrators: creates or edits a course with its sessions (domain::ValidateCourse). Once
  // anyone enrolled, its sessions stay the same in number and no pool shrinks below its seated
  // seats; times and texts may change (the reminders follow). {course, created}.
  Result<std::pair<int, Json>> PutCourse(const Caller& caller, const std::string& id,
                                         const Json& body);
  // The hospital's open courses with their sessions and seats left in each pool; for a mother,
  // whether her due date is in the course's cohort and her enrolment with each seat's state.
  Result<Json> Courses(const Caller& caller);
  Result<Json> Course(const Caller& caller, const std::string& id);
  // A mother enrols once in the whole course: {mode "room"|"online", companions 0..allowed,
  // companion_name?}. Each session seats her (a companion takes a seat in the room) or puts her
  // on that session's waitlist. Closed once the course has started. The same body again answers
  // as the first time (200); another body while enrolled is 409.
  Result<std::pair<int, Json>> Enrol(const Caller& caller, const std::string& id, const Json& body);
  // Gives up her seats ({session?: seq} for one session). A freed seat goes to that session's
  // waitlist in order, only while the course has not started.
  Result<Json> Unenrol(const Caller& caller, const std::string& id, const Json& body);
  // Her sessions as an iCalendar file (lang "vi" or "en").
  Result<std::string> CourseCalendar(const Caller& caller, const std::string& id,
                                     const std::string& lang);
  // Staff: a session's roster (seated with companions and attendance, the waitlist, seats per
  // pool, whether it reaches its minimum); every mother listed is an audited read.
  Result<Json> Roster(const Caller& caller, const std::string& id, int64_t seq);
  // Staff: {items [{enrolment_id, attended}]} for seated people of a session.
  Result<Json> Attendance(const Caller& caller, const std::string& id, int64_t seq,
                          const Json& body);
  // Staff: cancels a session ({reason}); the people seated are told.
  Result<Json> CancelSession(const Caller& caller, const std::string& id, int64_t seq,
                             const Json& body);

  // Changes with every package edit through this object (the public pages' cache keys on it).
  int64_t generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  Services& s_;
  EventHub& hub_;
  std::unique_ptr<DepositGateway> gateway_;
  std::atomic<int64_t> generation_{0};
};

// For booking (app/scheduling): whether a booking of this service by this mother is outside her
// registered package (her package's entitlements for it are used up, or it has none), with the
// problem to answer unless she confirmed it. Services marked same_day (the care pathway's urgent
// visits) are never held back. nullopt: nothing to confirm.
Result<std::optional<Error>> OutOfPackage(storage::Connection& c, int64_t mother_id,
                                          const Json& service, int64_t now);

}  // namespace tia::app
