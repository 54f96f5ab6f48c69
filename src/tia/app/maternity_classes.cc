// Classes and courses (app/maternity.h): capacity per session in two pools (the room and online),
// a companion's seat, a waitlist per session that never promotes anyone once the course started,
// cohorts by due date, reminders, .ics, the roster, the sign-in sheet and attendance.
#include <fmt/format.h>

#include <set>

#include "tia/app/access.h"
#include "tia/app/maternity_parts.h"
#include "tia/app/scheduling_parts.h"
#include "tia/auth/passwords.h"
#include "tia/base/uuid.h"
#include "tia/domain/icalendar.h"
#include "tia/domain/maternity.h"
#include "tia/domain/pregnancy.h"
#include "tia/domain/scheduling.h"
#include "tia/storage/repositories.h"

namespace tia::app {

namespace store = storage::maternity;
using storage::Connection;
using store::CourseRow;
using store::EnrolmentRow;
using store::SeatRow;
using store::SessionRow;

Result<std::optional<mat::Reader>> mat::ReaderOf(Connection& c, int64_t mother_id) {
  return msg::AudienceOf(c, mother_id);
}

Result<void> mat::Tell(Connection& c, const Reader& to, const std::string& kind, int64_t due,
                       int64_t expires, const std::string& subject, const std::string& text,
                       const std::string& sms) {
  msg::Message m;
  m.kind = kind;
  m.due_at = due;
  m.expires_at = expires;
  m.subject = subject;
  m.text = text + "\n\nTia";
  m.sms = sms;
  return msg::Send(c, to, m);
}

namespace {

constexpr int64_t kReminderBeforeMs = 24 * kHourMs;

// A course of the caller's hospital, or kNotFound.
Result<CourseRow> CourseOf(Connection& c, int64_t hospital, const std::string& id) {
  TIA_ASSIGN_OR_RETURN(auto row, store::CourseByPublicId(c, id));
  if (!row || row->hospital_id != hospital) return tl::unexpected(sched::NotFound());
  return *row;
}

Result<SessionRow> SessionOf(Connection& c, const CourseRow& course, int64_t seq) {
  TIA_ASSIGN_OR_RETURN(auto sessions, store::SessionsOf(c, course.id));
  for (auto& s : sessions) {
    if (s.seq == seq) return s;
  }
  return tl::unexpected(sched::NotFound());
}

int64_t FirstStart(const std::vector<SessionRow>& sessions) {
  int64_t first = std::numeric_limits<int64_t>::max();
  for (const auto& s : sessions) {
    if (s.status == "scheduled") first = std::min(first, s.start_at);
  }
  return first;
}

int64_t Capacity(const SessionRow& s, const std::string& pool) {
  return pool == "room" ? s.room_seats : s.online_seats;
}

int64_t Seated(const std::vector<SeatRow>& seats, const std::string& pool) {
  int64_t n = 0;
  for (const auto& s : seats) {
    if (s.status == "seated" && s.pool == pool) n += s.seats;
  }
  return n;
}

// Her due date for a course's cohort: her open registration's, else her profile's.
Result<std::optional<int32_t>> DueDateOf(Connection& c, int64_t mother_id) {
  TIA_ASSIGN_OR_RETURN(auto p, store::CurrentPregnancy(c, mother_id));
  if (p && !p->outcome) return std::optional<int32_t>(p->due_date);
  TIA_ASSIGN_OR_RETURN(auto row, storage::records::Get(c, mother_id, "profile"));
  if (!row || row->deleted) return std::optional<int32_t>();
  TIA_ASSIGN_OR_RETURN(Json profile, domain::ParseStored(row->body));
  if (profile.contains("due_date")) return ParseDate(profile["due_date"].get<std::string>());
  if (profile.contains("last_period_date")) {
    return std::optional<int32_t>(*ParseDate(profile["last_period_date"].get<std::string>()) +
                                  domain::kPregnancyDays);
  }
  return std::optional<int32_t>();
}

bool InCohort(const Json& course, std::optional<int32_t> due) {
  if (!course.contains("cohort")) return true;
  if (!due) return false;
  return *due >= *ParseDate(course["cohort"]["due_from"].get<std::string>()) &&
         *due <= *ParseDate(course["cohort"]["due_to"].get<std::string>());
}

// --- what she is told: the seat, its reminder, a promotion, a cancelled session ---
// (through mat::ReaderOf and mat::Tell)
std::string ReminderKind(const SessionRow& s) { return "class_reminder:" + s.public_id; }

struct ClassContext {
  const CourseRow* course = nullptr;
  Json body;  // the course's
  const date::time_zone* zone = nullptr;
  std::string hospital;
};

std::string TitleIn(const Json& texts, bool vi) {
  return texts.value(vi ? "vi" : "en", std::string());
}

// The seat's reminder a day before (when that is still ahead), and, when `now_message` names one,
// a message now ("seated" on enrolling, "promoted" from the waitlist).
Result<void> TellSeat(Connection& c, const ClassContext& cc, const SessionRow& s,
                      const SeatRow& seat, int64_t now, const char* now_message) {
  TIA_ASSIGN_OR_RETURN(auto to, mat::ReaderOf(c, seat.mother_id));
  if (!to) return Ok();
  TIA_ASSIGN_OR_RETURN(const Json sbody, domain::ParseStored(s.body));
  const std::string when = sched::LocalMinute(cc.zone, s.start_at);
  const std::string course = TitleIn(cc.body["title"], to->vi);
  const std::string title = TitleIn(sbody["title"], to->vi);
  const std::string where = seat.pool == "online" ? (to->vi ? "trực tuyến (đường dẫn trong Tia)"
                                                            : "online (the link is in Tia)")
                                                  : sbody.value("place", cc.hospital);
  const std::string text =
      to->vi
          ? fmt::format("{}: {} — {}, {}.\nMở Tia để xem hoặc hủy chỗ.", course, title, when, where)
          : fmt::format("{}: {} — {}, {}.\nOpen Tia to see it or to give up your place.", course,
                        title, when, where);
  const std::string sms = to->vi ? fmt::format("Tia: lop hoc luc {}. Mo Tia de xem.", when)
                                 : fmt::format("Tia: class on {}. Open Tia to see it.", when);
  if (now_message) {
    const bool promoted = std::string_view(now_message) == "promoted";
    const std::string subject =
        to->vi
            ? (promoted ? "Tia: bạn đã có chỗ trong lớp " : "Tia: đã đăng ký lớp ") + when
            : (promoted ? "Tia: you have a place in the class on " : "Tia: class booked ") + when;
    TIA_TRY(mat::Tell(c, *to, std::string("class_") + now_message + ":" + s.public_id, now,
                      s.start_at, subject, text, sms));
  }
  if (s.start_at - kReminderBeforeMs > now) {
    const std::string subject =
        (to->vi ? "Tia: nhắc lịch lớp học " : "Tia: class reminder ") + when;
    TIA_TRY(mat::Tell(c, *to, ReminderKind(s), s.start_at - kReminderBeforeMs, s.start_at, subject,
                      text, sms));
  }
  return Ok();
}

Result<ClassContext> ContextOf(Connection& c, const CourseRow& course) {
  ClassContext cc;
  cc.course = &course;
  TIA_ASSIGN_OR_RETURN(cc.body, domain::ParseStored(course.body));
  TIA_ASSIGN_OR_RETURN(Json hs, sched::SettingsOf(c, course.hospital_id));
  cc.zone = sched::ZoneOf(hs);
  TIA_ASSIGN_OR_RETURN(auto h, storage::hospitals::ById(c, course.hospital_id));
  cc.hospital = h ? h->name : "";
  return cc;
}

// Seats of a session freed: the waitlist moves up in order while the course has not started.
Result<void> PromoteWaiting(Connection& c, const ClassContext& cc, const SessionRow& s,
                            int64_t course_start, int64_t now) {
  if (now >= course_start || s.status != "scheduled") return Ok();
  TIA_ASSIGN_OR_RETURN(auto seats, store::SeatsIn(c, s.id));
  for (const std::string pool : {"room", "online"}) {
    std::vector<SeatRow*> waiting;
    std::vector<int> sizes;
    for (auto& seat : seats) {
      if (seat.status == "waiting" && seat.pool == pool) {
        waiting.push_back(&seat);
        sizes.push_back(static_cast<int>(seat.seats));
      }
    }
    const int free = static_cast<int>(Capacity(s, pool) - Seated(seats, pool));
    for (size_t i : domain::Promote(free, sizes)) {
      SeatRow& seat = *waiting[i];
      seat.status = "seated";
      seat.updated_at = now;
      TIA_TRY(store::UpdateSeat(c, seat));
      TIA_TRY(TellSeat(c, cc, s, seat, now, "promoted"));
    }
  }
  return Ok();
}

// A course as the caller sees it; `mine`: her enrolment and seats, when she is a mother.
Result<Json> CourseJson(Connection& c, const CourseRow& course, std::optional<int64_t> mother,
                        int64_t now) {
  TIA_ASSIGN_OR_RETURN(ClassContext cc, ContextOf(c, course));
  TIA_ASSIGN_OR_RETURN(auto sessions, store::SessionsOf(c, course.id));
  std::optional<EnrolmentRow> enrolment;
  std::vector<SeatRow> own;
  std::optional<int32_t> due;
  if (mother) {
    TIA_ASSIGN_OR_RETURN(enrolment, store::LiveEnrolment(c, course.id, *mother));
    if (enrolment) {
      TIA_ASSIGN_OR_RETURN(own, store::SeatsOf(c, enrolment->id));
    }
    TIA_ASSIGN_OR_RETURN(due, DueDateOf(c, *mother));
  }
  const int64_t start = FirstStart(sessions);
  Json list = Json::array();
  for (const auto& s : sessions) {
    TIA_ASSIGN_OR_RETURN(Json sbody, domain::ParseStored(s.body));
    TIA_ASSIGN_OR_RETURN(auto seats, store::SeatsIn(c, s.id));
    const int64_t room = Seated(seats, "room"), online = Seated(seats, "online");
    Json mine = nullptr;
    for (const auto& seat : own) {
      if (seat.session_id != s.id || seat.status == "cancelled") continue;
      mine = {{"status", seat.status},
              {"pool", seat.pool},
              {"seats", seat.seats},
              {"attended", seat.attended ? Json(*seat.attended) : Json(nullptr)}};
    }
    const bool online_seated =
        mine.is_object() && mine["status"] == "seated" && mine["pool"] == "online";
    int64_t people = 0;
    for (const auto& seat : seats) people += seat.status == "seated" ? 1 : 0;
    list.push_back(
        {{"seq", s.seq},
         {"title", sbody["title"]},
         {"start", sched::InZone(cc.zone, s.start_at)},
         {"end", sched::InZone(cc.zone, s.end_at)},
         {"place", sbody.value("place", cc.hospital)},
         {"leader", sbody.contains("leader") ? sbody["leader"] : Json(nullptr)},
         {"status", s.status},
         {"room_seats", s.room_seats},
         {"online_seats", s.online_seats},
         {"room_left", std::max<int64_t>(0, s.room_seats - room)},
         {"online_left", std::max<int64_t>(0, s.online_seats - online)},
         {"min_to_run", s.min_to_run},
         {"below_minimum", people < s.min_to_run},
         {"online_url",
          online_seated || !mother ? sbody.value("online_url", Json(nullptr)) : Json(nullptr)},
         {"mine", mine}});
  }
  Json out = cc.body;
  out["id"] = course.public_id;
  out["status"] = course.status;
  out["starts_at"] = start == std::numeric_limits<int64_t>::max()
                         ? Json(nullptr)
                         : Json(sched::InZone(cc.zone, start));
  out["started"] = now >= start;
  out["sessions"] = list;
  if (mother) {
    out["eligible"] = InCohort(cc.body, due);
    out["enrolment"] =
        enrolment
            ? Json{{"id", enrolment->public_id},
                   {"mode", enrolment->mode},
                   {"companions", enrolment->companions},
                   {"companion_name",
                    enrolment->companion_name ? Json(*enrolment->companion_name) : Json(nullptr)}}
            : Json(nullptr);
  }
  return out;
}

std::optional<int64_t> MotherOf(const Caller& caller) {
  if (caller.principal && caller.principal->role == auth::Role::kMother) {
    return caller.principal->user_id;
  }
  return std::nullopt;
}

}  // namespace

Result<void> mat::GiveUpClasses(Connection& c, int64_t mother_id, int64_t now) {
  TIA_ASSIGN_OR_RETURN(auto enrolments, store::LiveEnrolmentsOf(c, mother_id));
  for (const auto& e : enrolments) {
    TIA_ASSIGN_OR_RETURN(auto course, store::CourseById(c, e.course_id));
    if (!course) continue;
    TIA_TRY(store::LockCourse(c, course->id));
    TIA_ASSIGN_OR_RETURN(ClassContext cc, ContextOf(c, *course));
    TIA_ASSIGN_OR_RETURN(auto sessions, store::SessionsOf(c, course->id));
    TIA_ASSIGN_OR_RETURN(auto seats, store::SeatsOf(c, e.id));
    std::set<int64_t> freed;
    for (auto& seat : seats) {
      const auto s = std::find_if(sessions.begin(), sessions.end(),
                                  [&](const SessionRow& x) { return x.id == seat.session_id; });
      if (seat.status == "cancelled" || s == sessions.end() || s->start_at <= now) continue;
      if (seat.status == "seated") freed.insert(s->id);
      seat.status = "cancelled";
      seat.updated_at = now;
      TIA_TRY(store::UpdateSeat(c, seat));
      TIA_TRY(storage::outbox::CancelForAccount(c, mother_id, ReminderKind(*s)));
    }
    TIA_TRY(store::SetEnrolmentStatus(c, e.id, "cancelled", now));
    for (const auto& s : sessions) {
      if (freed.contains(s.id)) TIA_TRY(PromoteWaiting(c, cc, s, FirstStart(sessions), now));
    }
  }
  return Ok();
}

Result<std::pair<int, Json>> Maternity::PutCourse(const Caller& caller, const std::string& id,
                                                  const Json& body) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, sched::StaffHospital(caller, true));
  if (!IsCanonicalUuid(id)) return Invalid("/id", "must be a lowercase UUID chosen by the client");
  TIA_ASSIGN_OR_RETURN(domain::CourseIn in, domain::ValidateCourse(body));
  const int64_t now = s_.clock->NowMs();
  std::pair<int, Json> out;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto existing, store::CourseByPublicId(c, id));
    if (existing && existing->hospital_id != hospital) return tl::unexpected(sched::NotFound());
    CourseRow course;
    if (existing) {
      course = *existing;
      TIA_TRY(store::LockCourse(c, course.id));
      course.body = in.body.dump();
      course.updated_at = now;
      TIA_TRY(store::UpdateCourse(c, course));
    } else {
      course = {0, id, hospital, in.body.dump(), "open", now, now};
      TIA_ASSIGN_OR_RETURN(course, store::InsertCourse(c, course));
    }
    TIA_ASSIGN_OR_RETURN(int64_t enrolments, store::EnrolmentCount(c, course.id));
    TIA_ASSIGN_OR_RETURN(auto sessions, store::SessionsOf(c, course.id));
    if (enrolments == 0) {
      TIA_TRY(store::DeleteSessions(c, course.id));
      for (size_t i = 0; i < in.sessions.size(); ++i) {
        const auto& s = in.sessions[i];
        SessionRow row{0,
                       NewUuid(),
                       course.id,
                       static_cast<int64_t>(i + 1),
                       s.start_ms,
                       s.end_ms,
                       s.room_seats,
                       s.online_seats,
                       s.min_to_run,
                       s.body.dump(),
                       "scheduled"};
        TIA_TRY(store::InsertSession(c, row));
      }
    } else {
      if (sessions.size() != in.sessions.size()) {
        return Fail(ErrorCode::kConflict,
                    "people are enrolled: keep the same sessions, or cancel one", "/sessions");
      }
      TIA_ASSIGN_OR_RETURN(ClassContext cc, ContextOf(c, course));
      for (size_t i = 0; i < sessions.size(); ++i) {
        SessionRow& row = sessions[i];
        const auto& s = in.sessions[i];
        TIA_ASSIGN_OR_RETURN(auto seats, store::SeatsIn(c, row.id));
        const std::string at = "/sessions/" + std::to_string(i);
        if (s.room_seats < Seated(seats, "room")) {
          return Fail(ErrorCode::kConflict, "fewer seats than people already seated",
                      at + "/room_seats");
        }
        if (s.online_seats < Seated(seats, "online")) {
          return Fail(ErrorCode::kConflict, "fewer seats than people already seated",
                      at + "/online_seats");
        }
        const bool moved = row.start_at != s.start_ms;
        row.start_at = s.start_ms;
        row.end_at = s.end_ms;
        row.room_seats = s.room_seats;
        row.online_seats = s.online_seats;
        row.min_to_run = s.min_to_run;
        row.body = s.body.dump();
        TIA_TRY(store::UpdateSession(c, row));
        if (moved) {
          for (const auto& seat : seats) {
            if (seat.status != "seated") continue;
            TIA_TRY(storage::outbox::CancelForAccount(c, seat.mother_id, ReminderKind(row)));
            TIA_TRY(TellSeat(c, cc, row, seat, now, nullptr));
          }
        }
      }
      TIA_ASSIGN_OR_RETURN(auto updated, store::SessionsOf(c, course.id));
      for (const auto& row : updated) {
        TIA_TRY(PromoteWaiting(c, cc, row, FirstStart(updated), now));
      }
    }
    TIA_TRY(storage::audit::Append(c, AuditOf(s_, caller, existing ? "update" : "create",
                                              "course:" + id, "success", std::nullopt)));
    TIA_ASSIGN_OR_RETURN(Json view, CourseJson(c, course, std::nullopt, now));
    out = {existing ? 200 : 201, {{"course", view}, {"created", !existing}}};
    return Ok();
  }));
  return out;
}

Result<Json> Maternity::Courses(const Caller& caller) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, sched::HospitalOf(caller));
  const int64_t now = s_.clock->NowMs();
  return s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(auto rows, store::CoursesOf(c, hospital));
    Json items = Json::array();
    for (const auto& course : rows) {
      if (course.status != "open") continue;
      TIA_ASSIGN_OR_RETURN(Json j, CourseJson(c, course, MotherOf(caller), now));
      items.push_back(std::move(j));
    }
    return Json{{"items", items}};
  });
}

Result<Json> Maternity::Course(const Caller& caller, const std::string& id) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, sched::HospitalOf(caller));
  const int64_t now = s_.clock->NowMs();
  return s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(CourseRow course, CourseOf(c, hospital, id));
    return CourseJson(c, course, MotherOf(caller), now);
  });
}

Result<std::pair<int, Json>> Maternity::Enrol(const Caller& caller, const std::string& id,
                                              const Json& body) {
  const auto mother = MotherOf(caller);
  if (!mother || !caller.principal->hospital_id) {
    return Fail(ErrorCode::kForbidden, "only a mother enrols in a course");
  }
  const int64_t hospital = *caller.principal->hospital_id;
  domain::FieldReader r(body, "");
  auto mode = r.Enum("mode", {"room", "online"}, true);
  auto companions = r.Integer("companions", 0, 3).value_or(0);
  auto companion_name = r.String("companion_name", 100);
  TIA_TRY(r.Finish());
  Json canon = {{"mode", *mode}, {"companions", companions}};
  if (companion_name) canon["companion_name"] = *companion_name;
  const std::string hash = auth::TokenHash(canon.dump());
  const int64_t now = s_.clock->NowMs();
  std::pair<int, Json> out;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(CourseRow course, CourseOf(c, hospital, id));
    TIA_TRY(store::LockCourse(c, course.id));
    TIA_ASSIGN_OR_RETURN(auto live, store::LiveEnrolment(c, course.id, *mother));
    if (live) {
      if (live->request_hash != hash) {
        return Fail(ErrorCode::kConflict,
                    "you are enrolled in this course; give up your place to change it", "/mode");
      }
      TIA_ASSIGN_OR_RETURN(Json view, CourseJson(c, course, mother, now));
      out = {200, view};
      return Ok();
    }
    TIA_ASSIGN_OR_RETURN(ClassContext cc, ContextOf(c, course));
    TIA_ASSIGN_OR_RETURN(auto sessions, store::SessionsOf(c, course.id));
    if (course.status != "open") return Fail(ErrorCode::kConflict, "this course was cancelled");
    if (now >= FirstStart(sessions)) {
      return Fail(ErrorCode::kConflict, "the course has started; enrolment is closed");
    }
    if (companions > cc.body["companions_allowed"].get<int64_t>()) {
      return Invalid("/companions", fmt::format("this course takes at most {} companions",
                                                cc.body["companions_allowed"].get<int64_t>()));
    }
    TIA_ASSIGN_OR_RETURN(auto due, DueDateOf(c, *mother));
    if (!InCohort(cc.body, due)) {
      return Fail(ErrorCode::kConflict,
                  fmt::format("this course is for due dates from {} to {}",
                              cc.body["cohort"]["due_from"].get<std::string>(),
                              cc.body["cohort"]["due_to"].get<std::string>()),
                  "/course");
    }
    EnrolmentRow e{0,          NewUuid(), course.id, *mother, *mode, companions, companion_name,
                   "enrolled", hash,      now,       now};
    TIA_ASSIGN_OR_RETURN(e, store::InsertEnrolment(c, e));
    const int64_t need = domain::SeatsFor(*mode, static_cast<int>(companions));
    const int64_t limit = cc.body["waitlist_limit"].get<int64_t>();
    bool any_pool = false;
    for (const auto& s : sessions) {
      if (s.status != "scheduled" || s.start_at <= now) continue;
      if (Capacity(s, *mode) == 0) continue;
      any_pool = true;
      TIA_ASSIGN_OR_RETURN(auto seats, store::SeatsIn(c, s.id));
      int64_t waiting = 0;
      for (const auto& seat : seats) waiting += seat.status == "waiting" ? 1 : 0;
      SeatRow seat;
      seat.enrolment_id = e.id;
      seat.session_id = s.id;
      seat.pool = *mode;
      seat.seats = need;
      seat.queued_at = seat.updated_at = now;
      seat.mother_id = *mother;
      if (Seated(seats, *mode) + need <= Capacity(s, *mode)) {
        seat.status = "seated";
      } else if (waiting < limit) {
        seat.status = "waiting";
      } else {
        return Fail(ErrorCode::kConflict,
                    fmt::format("session {} is full and so is its waitlist", s.seq), "/mode");
      }
      TIA_ASSIGN_OR_RETURN(seat, store::InsertSeat(c, seat));
      if (seat.status == "seated") TIA_TRY(TellSeat(c, cc, s, seat, now, "seated"));
    }
    if (!any_pool) {
      return Fail(ErrorCode::kConflict,
                  *mode == "room" ? "this course has no seats in the room"
                                  : "this course has no seats online",
                  "/mode");
    }
    TIA_TRY(storage::audit::Append(
        c, AuditOf(s_, caller, "enrol", "course:" + course.public_id, "success", *mother)));
    TIA_ASSIGN_OR_RETURN(Json view, CourseJson(c, course, mother, now));
    out = {201, view};
    return Ok();
  }));
  return out;
}

Result<Json> Maternity::Unenrol(const Caller& caller, const std::string& id, const Json& body) {
  const auto mother = MotherOf(caller);
  if (!mother || !caller.principal->hospital_id) return tl::unexpected(sched::NotFound());
  const int64_t hospital = *caller.principal->hospital_id;
  domain::FieldReader r(body, "");
  auto only = r.Integer("session", 1, 20);
  TIA_TRY(r.Finish());
  const int64_t now = s_.clock->NowMs();
  Json out;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(CourseRow course, CourseOf(c, hospital, id));
    TIA_TRY(store::LockCourse(c, course.id));
    TIA_ASSIGN_OR_RETURN(auto e, store::LiveEnrolment(c, course.id, *mother));
    if (!e) return Fail(ErrorCode::kConflict, "you are not enrolled in this course");
    TIA_ASSIGN_OR_RETURN(ClassContext cc, ContextOf(c, course));
    TIA_ASSIGN_OR_RETURN(auto sessions, store::SessionsOf(c, course.id));
    TIA_ASSIGN_OR_RETURN(auto seats, store::SeatsOf(c, e->id));
    std::set<int64_t> freed;
    bool changed = false, left = false;
    for (auto& seat : seats) {
      const auto s = std::find_if(sessions.begin(), sessions.end(),
                                  [&](const SessionRow& x) { return x.id == seat.session_id; });
      if (seat.status == "cancelled" || s == sessions.end()) continue;
      if ((only && s->seq != *only) || s->start_at <= now) {
        left = left || s->start_at > now;
        continue;
      }
      if (seat.status == "seated") freed.insert(s->id);
      seat.status = "cancelled";
      seat.updated_at = now;
      TIA_TRY(store::UpdateSeat(c, seat));
      TIA_TRY(storage::outbox::CancelForAccount(c, *mother, ReminderKind(*s)));
      changed = true;
    }
    if (!changed) {
      return Fail(ErrorCode::kConflict,
                  only ? "you have no place in that session to give up"
                       : "there is no session ahead to give up",
                  only ? "/session" : "");
    }
    if (!left) TIA_TRY(store::SetEnrolmentStatus(c, e->id, "cancelled", now));
    const int64_t start = FirstStart(sessions);
    for (const auto& s : sessions) {
      if (freed.contains(s.id)) TIA_TRY(PromoteWaiting(c, cc, s, start, now));
    }
    TIA_TRY(storage::audit::Append(
        c, AuditOf(s_, caller, "unenrol", "course:" + course.public_id, "success", *mother)));
    TIA_ASSIGN_OR_RETURN(out, CourseJson(c, course, mother, now));
    return Ok();
  }));
  return out;
}

Result<std::string> Maternity::CourseCalendar(const Caller& caller, const std::string& id,
                                              const std::string& lang) {
  const auto mother = MotherOf(caller);
  if (!mother || !caller.principal->hospital_id) return tl::unexpected(sched::NotFound());
  const bool vi = lang == "vi";
  const int64_t now = s_.clock->NowMs();
  return s_.db->Read([&](Connection& c) -> Result<std::string> {
    TIA_ASSIGN_OR_RETURN(CourseRow course, CourseOf(c, *caller.principal->hospital_id, id));
    TIA_ASSIGN_OR_RETURN(auto e, store::LiveEnrolment(c, course.id, *mother));
    if (!e) return tl::unexpected(sched::NotFound());
    TIA_ASSIGN_OR_RETURN(ClassContext cc, ContextOf(c, course));
    TIA_ASSIGN_OR_RETURN(auto sessions, store::SessionsOf(c, course.id));
    TIA_ASSIGN_OR_RETURN(auto seats, store::SeatsOf(c, e->id));
    std::vector<domain::CalendarEvent> events;
    for (const auto& s : sessions) {
      const auto seat = std::find_if(seats.begin(), seats.end(),
                                     [&](const SeatRow& x) { return x.session_id == s.id; });
      if (seat == seats.end()) continue;
      TIA_ASSIGN_OR_RETURN(Json sbody, domain::ParseStored(s.body));
      domain::CalendarEvent ev;
      ev.uid = s.public_id + "-" + e->public_id + "@tia";
      ev.stamp_ms = now;
      ev.start_ms = s.start_at;
      ev.end_ms = s.end_at;
      ev.summary = TitleIn(cc.body["title"], vi) + ": " + TitleIn(sbody["title"], vi);
      ev.location = seat->pool == "online" ? (vi ? "Trực tuyến" : "Online")
                                           : sbody.value("place", cc.hospital);
      ev.description = seat->status == "waiting"
                           ? (vi ? "Bạn đang trong danh sách chờ." : "You are on the waitlist.")
                           : cc.hospital;
      ev.status = s.status == "cancelled" || seat->status == "cancelled" ? "CANCELLED"
                  : seat->status == "waiting"                            ? "TENTATIVE"
                                                                         : "CONFIRMED";
      ev.sequence = seat->updated_at / 1000;
      events.push_back(std::move(ev));
    }
    return domain::Calendar("-//Tia//Classes//EN", events);
  });
}

namespace {

// The people of a session, seated then waiting; each one's read audited for staff.
Result<Json> RosterJson(Connection& c, const SessionRow& s, const ClassContext& cc) {
  TIA_ASSIGN_OR_RETURN(auto seats, store::SeatsIn(c, s.id));
  TIA_ASSIGN_OR_RETURN(Json sbody, domain::ParseStored(s.body));
  Json seated = Json::array(), waiting = Json::array();
  int64_t people = 0;
  for (const auto& seat : seats) {
    TIA_ASSIGN_OR_RETURN(auto user, storage::users::ById(c, seat.mother_id));
    Json row = {
        {"enrolment_id", seat.enrolment_public_id},
        {"mother", {{"id", user ? user->public_id : ""}, {"name", user ? user->display_name : ""}}},
        {"pool", seat.pool},
        {"seats", seat.seats},
        {"companions", seat.companions},
        {"companion_name", seat.companion_name ? Json(*seat.companion_name) : Json()},
        {"attended", seat.attended ? Json(*seat.attended) : Json(nullptr)}};
    if (seat.status == "seated") {
      people += 1;
      seated.push_back(std::move(row));
    } else {
      waiting.push_back(std::move(row));
    }
  }
  return Json{{"course", {{"id", cc.course->public_id}, {"title", cc.body["title"]}}},
              {"seq", s.seq},
              {"title", sbody["title"]},
              {"start", sched::InZone(cc.zone, s.start_at)},
              {"end", sched::InZone(cc.zone, s.end_at)},
              {"place", sbody.value("place", cc.hospital)},
              {"status", s.status},
              {"room", {{"seats", s.room_seats}, {"taken", Seated(seats, "room")}}},
              {"online", {{"seats", s.online_seats}, {"taken", Seated(seats, "online")}}},
              {"min_to_run", s.min_to_run},
              {"below_minimum", people < s.min_to_run},
              {"seated", seated},
              {"waiting", waiting}};
}

}  // namespace

Result<Json> Maternity::Roster(const Caller& caller, const std::string& id, int64_t seq) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, sched::StaffHospital(caller, false));
  Json out;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(CourseRow course, CourseOf(c, hospital, id));
    TIA_ASSIGN_OR_RETURN(SessionRow s, SessionOf(c, course, seq));
    TIA_ASSIGN_OR_RETURN(ClassContext cc, ContextOf(c, course));
    TIA_ASSIGN_OR_RETURN(out, RosterJson(c, s, cc));
    TIA_ASSIGN_OR_RETURN(auto seats, store::SeatsIn(c, s.id));
    for (const auto& seat : seats) {
      TIA_TRY(storage::audit::Append(
          c, AuditOf(s_, caller, "read", "roster:" + s.public_id, "success", seat.mother_id)));
    }
    return Ok();
  }));
  return out;
}

Result<Json> Maternity::Attendance(const Caller& caller, const std::string& id, int64_t seq,
                                   const Json& body) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, sched::StaffHospital(caller, false));
  domain::FieldReader r(body, "");
  std::vector<std::pair<std::string, bool>> marks;
  if (const Json* arr = r.Array("items", 500, true)) {
    for (size_t i = 0; i < arr->size() && r.ok(); ++i) {
      domain::FieldReader x((*arr)[i], r.PointerTo("items") + "/" + std::to_string(i));
      auto e = x.Uuid("enrolment_id", true);
      auto attended = x.Bool("attended", true);
      r.Merge(x);
      if (e && attended) marks.emplace_back(*e, *attended);
    }
  }
  TIA_TRY(r.Finish());
  const int64_t now = s_.clock->NowMs();
  Json out;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(CourseRow course, CourseOf(c, hospital, id));
    TIA_ASSIGN_OR_RETURN(SessionRow s, SessionOf(c, course, seq));
    if (s.status != "scheduled") return Fail(ErrorCode::kConflict, "this session was cancelled");
    TIA_ASSIGN_OR_RETURN(auto seats, store::SeatsIn(c, s.id));
    for (size_t i = 0; i < marks.size(); ++i) {
      auto seat = std::find_if(seats.begin(), seats.end(), [&](const SeatRow& x) {
        return x.enrolment_public_id == marks[i].first && x.status == "seated";
      });
      if (seat == seats.end()) {
        return Invalid("/items/" + std::to_string(i) + "/enrolment_id",
                       "has no seat in this session");
      }
      seat->attended = marks[i].second;
      seat->updated_at = now;
      TIA_TRY(store::UpdateSeat(c, *seat));
      TIA_TRY(storage::audit::Append(c, AuditOf(s_, caller, "attendance", "roster:" + s.public_id,
                                                "success", seat->mother_id)));
    }
    TIA_ASSIGN_OR_RETURN(ClassContext cc, ContextOf(c, course));
    TIA_ASSIGN_OR_RETURN(out, RosterJson(c, s, cc));
    return Ok();
  }));
  return out;
}

Result<Json> Maternity::CancelSession(const Caller& caller, const std::string& id, int64_t seq,
                                      const Json& body) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, sched::StaffHospital(caller, false));
  domain::FieldReader r(body, "");
  auto reason = r.String("reason", 500, true);
  if (reason && reason->empty()) r.FailAt("reason", "must say why");
  TIA_TRY(r.Finish());
  const int64_t now = s_.clock->NowMs();
  Json out;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(CourseRow course, CourseOf(c, hospital, id));
    TIA_TRY(store::LockCourse(c, course.id));
    TIA_ASSIGN_OR_RETURN(SessionRow s, SessionOf(c, course, seq));
    if (s.status == "cancelled") return Fail(ErrorCode::kConflict, "this session was cancelled");
    s.status = "cancelled";
    TIA_TRY(store::UpdateSession(c, s));
    TIA_ASSIGN_OR_RETURN(ClassContext cc, ContextOf(c, course));
    TIA_ASSIGN_OR_RETURN(auto seats, store::SeatsIn(c, s.id));
    const std::string when = sched::LocalMinute(cc.zone, s.start_at);
    for (const auto& seat : seats) {
      TIA_TRY(storage::outbox::CancelForAccount(c, seat.mother_id, ReminderKind(s)));
      if (seat.status != "seated") continue;
      TIA_ASSIGN_OR_RETURN(auto to, mat::ReaderOf(c, seat.mother_id));
      if (!to) continue;
      TIA_TRY(mat::Tell(c, *to, "class_cancelled:" + s.public_id, now, s.start_at,
                        (to->vi ? "Tia: lớp học đã hủy " : "Tia: class cancelled ") + when,
                        (to->vi ? "Buổi học lúc " + when + " đã bị hủy: "
                                : "The class on " + when + " was cancelled: ") +
                            *reason,
                        to->vi ? "Tia: lop hoc luc " + when + " da huy."
                               : "Tia: class on " + when + " cancelled."));
    }
    TIA_TRY(storage::audit::Append(
        c, AuditOf(s_, caller, "cancel", "session:" + s.public_id, "success", std::nullopt)));
    TIA_ASSIGN_OR_RETURN(out, RosterJson(c, s, cc));
    return Ok();
  }));
  return out;
}

}  // namespace tia::app
