// The birth switches her Tia, and one tap pauses everything (app/maternity.h): the babies in her
// log, the postnatal bookings, the end of her registration, support instead of baby content.
#include <fmt/format.h>

#include "tia/app/access.h"
#include "tia/app/maternity_parts.h"
#include "tia/app/scheduling_parts.h"
#include "tia/auth/passwords.h"
#include "tia/domain/maternity.h"
#include "tia/domain/pregnancy.h"
#include "tia/domain/records.h"
#include "tia/storage/repositories.h"

namespace tia::app {

namespace store = storage::maternity;
using storage::Connection;
using store::PregnancyRow;

namespace mat {

Result<ProgrammeState> ProgrammeOf(Connection& c, int64_t mother_id, const date::time_zone* zone) {
  ProgrammeState st;
  TIA_ASSIGN_OR_RETURN(auto p, store::CurrentPregnancy(c, mother_id));
  TIA_ASSIGN_OR_RETURN(auto loss, store::LatestPauseFor(c, mother_id, "pregnancy_loss"));
  TIA_ASSIGN_OR_RETURN(auto latest, store::LatestPause(c, mother_id));
  if (latest && !latest->ended_at) st.pause = latest;
  // A loss stands until she registers a pregnancy after it.
  st.loss = loss && (!p || p->created_at < loss->started_at);
  if (p && p->outcome == std::optional<std::string>("loss")) st.loss = true;
  if (p && !p->outcome && !st.loss) st.due_date = p->due_date;
  if (p && p->birth && p->outcome == std::optional<std::string>("birth")) {
    TIA_ASSIGN_OR_RETURN(Json birth, domain::ParseStored(*p->birth));
    const auto at = ParseRfc3339(birth["request"]["born_at"].get<std::string>());
    if (at) st.birth_date = domain::LocalDateOf(zone, at->utc_ms);
    st.birth_mode = birth["request"]["mode"].get<std::string>();
  }
  return st;
}

}  // namespace mat

namespace {

// A stable UUID for something the server creates once from a name ("<pregnancy>:baby:1"): a
// resend derives the same id, so nothing is created twice. RFC 9562 version 8 (custom).
std::string DerivedUuid(const std::string& name) {
  std::string hex = auth::TokenHash(name).substr(0, 32);
  hex[12] = '8';
  hex[16] = "89ab"[hex[16] % 4];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

// Every active provider offering the service (by code), with the service loaded.
Result<std::vector<sched::Loaded>> Offering(Connection& c, int64_t hospital,
                                            const mat::ServiceCodes& codes,
                                            const std::string& code) {
  std::vector<sched::Loaded> out;
  const auto svc = codes.by_code.find(code);
  if (code.empty() || svc == codes.by_code.end()) return out;
  TIA_ASSIGN_OR_RETURN(
      auto row, storage::config::ByPublicId(c, storage::ConfigKind::kService, svc->second.first));
  TIA_ASSIGN_OR_RETURN(auto providers,
                       storage::config::OfHospital(c, storage::ConfigKind::kProvider, hospital));
  for (const auto& p : providers) {
    TIA_ASSIGN_OR_RETURN(Json body, domain::ParseStored(p.body));
    const Json& offered = body["service_ids"];
    if (!body.value("active", true) ||
        std::find(offered.begin(), offered.end(), Json(svc->second.first)) == offered.end()) {
      continue;
    }
    sched::Loaded l{*row, p, svc->second.second, std::move(body), {}};
    TIA_ASSIGN_OR_RETURN(l.rooms, sched::RoomsOf(c, l.service, l.service_body));
    out.push_back(std::move(l));
  }
  return out;
}

struct Candidate {
  const sched::Loaded* l = nullptr;
  int64_t start = 0;
};

// Free starts of each provider offering `code` on local dates [from, to], at or after `not_before`.
Result<std::vector<Candidate>> Starts(Connection& c, const std::vector<sched::Loaded>& offering,
                                      const Json& settings, int32_t from, int32_t to,
                                      int64_t not_before, int64_t now) {
  std::vector<Candidate> out;
  for (const auto& l : offering) {
    TIA_ASSIGN_OR_RETURN(auto slots, sched::FreeSlots(c, l, settings, from, to, now));
    for (const auto& s : slots) {
      if (s.start_ms >= not_before) out.push_back({&l, s.start_ms});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Candidate& a, const Candidate& b) { return a.start < b.start; });
  return out;
}

// Books `l` at `start` for her, made by staff, with a stable id; the booking as the file shows it.
Result<Json> BookFor(Connection& c, const sched::Loaded& l, const Json& settings, int64_t start,
                     const PregnancyRow& p, const std::string& name, const Json& subjects,
                     const std::optional<std::string>& infant, const std::string& note,
                     int64_t actor, int64_t now) {
  TIA_TRY(sched::LockResources(c, l));
  storage::BookingRow b;
  TIA_TRY(sched::PlaceAt(c, l, settings, start, now, b));
  b.public_id = DerivedUuid(p.public_id + ":" + name);
  b.hospital_id = p.hospital_id;
  b.mother_id = p.mother_id;
  b.status = "booked";
  Json canon = {{"service_id", l.service.public_id},
                {"provider_id", l.provider.public_id},
                {"start", FormatUtc(start)},
                {"subjects", subjects},
                {"note", note},
                {"hold", false}};
  if (infant) canon["infant_id"] = *infant;
  b.body = canon.dump();
  b.request_hash = auth::TokenHash(canon.dump());
  b.created_at = b.updated_at = now;
  b.created_by = actor;
  TIA_ASSIGN_OR_RETURN(b, storage::bookings::Insert(c, b));
  TIA_TRY(storage::bookings::AddEvent(c, b.id,
                                      {now, actor, "staff", std::nullopt, b.status, std::nullopt}));
  TIA_TRY(sched::EnqueueMessages(c, b, now));
  return Json{{"id", b.public_id},
              {"start", sched::InZone(sched::ZoneOf(settings), start)},
              {"service", l.service_body["name"]},
              {"provider", l.provider_body.value("name", "")}};
}

}  // namespace

Result<Json> Maternity::RecordBirth(const Caller& caller, const std::string& id, const Json& body) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, sched::StaffHospital(caller, false));
  const int64_t now = s_.clock->NowMs();
  TIA_ASSIGN_OR_RETURN(Json request, domain::ValidateBirth(body, now));
  const std::string hash = auth::TokenHash(request.dump());
  const int64_t actor = caller.principal->user_id;
  Json out;
  std::vector<std::string> booked;  // announced once committed
  std::pair<int64_t, int64_t> whose{0, 0};
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    booked.clear();
    TIA_ASSIGN_OR_RETURN(auto found, store::PregnancyByPublicId(c, id));
    if (!found || found->hospital_id != hospital) return tl::unexpected(sched::NotFound());
    PregnancyRow p = *found;
    if (p.outcome == std::optional<std::string>("birth") && p.birth) {
      TIA_ASSIGN_OR_RETURN(Json stored, domain::ParseStored(*p.birth));
      if (stored.value("request_hash", "") != hash) {
        return Fail(ErrorCode::kConflict, "the birth is already recorded", "/born_at");
      }
      TIA_ASSIGN_OR_RETURN(out, mat::FileJsonOf(c, p, now));
      return Ok();
    }
    if (p.outcome) return Fail(ErrorCode::kConflict, "this pregnancy has ended", "/status");
    if (p.status == "withdrawn") {
      return Fail(ErrorCode::kConflict, "this registration was withdrawn", "/status");
    }
    TIA_ASSIGN_OR_RETURN(Json hs, sched::SettingsOf(c, hospital));
    const auto* zone = sched::ZoneOf(hs);
    const int64_t born = ParseRfc3339(request["born_at"].get<std::string>())->utc_ms;
    const int32_t born_day = domain::LocalDateOf(zone, born);
    const int gestation_weeks = (domain::kPregnancyDays - (p.due_date - born_day)) / 7;
    // The babies, in her log with their birth weight.
    Json babies = Json::array();
    std::optional<std::string> first_infant;
    for (size_t i = 0; i < request["babies"].size(); ++i) {
      const Json& in = request["babies"][i];
      Json infant = {{"birth_date", FormatDate(born_day)}, {"birth_weight_g", in["weight_g"]}};
      if (in.contains("name")) infant["name"] = in["name"];
      if (gestation_weeks >= 22 && gestation_weeks <= 44) {
        infant["gestation_weeks"] = gestation_weeks;
      }
      TIA_ASSIGN_OR_RETURN(auto valid,
                           domain::ValidateRecord(domain::RecordKind::kInfant, infant, now));
      const std::string infant_id = DerivedUuid(p.public_id + ":baby:" + std::to_string(i + 1));
      const std::string canonical = valid.body.dump();
      storage::RecordRow row{
          p.mother_id, infant_id, "infant",  valid.occurred_at,          now,   now,
          1,           false,     canonical, auth::TokenHash(canonical), actor, actor};
      TIA_TRY(storage::records::InsertIfAbsent(c, row));
      if (!first_infant) first_infant = infant_id;
      Json b = {{"infant_id", infant_id}, {"weight_g", in["weight_g"]}};
      if (in.contains("name")) b["name"] = in["name"];
      if (in.contains("sex")) b["sex"] = in["sex"];
      babies.push_back(std::move(b));
    }
    // The postnatal care the hospital gives every mother, booked now.
    TIA_ASSIGN_OR_RETURN(Json settings, mat::SettingsOf(c, hospital));
    const Json& post = settings["postnatal"];
    TIA_ASSIGN_OR_RETURN(mat::ServiceCodes codes, mat::ServiceCodesOf(c, hospital));
    Json bookings = Json::object();
    {
      // Before discharge: the first free time from six hours after the birth, within 3 days.
      TIA_ASSIGN_OR_RETURN(auto offering,
                           Offering(c, hospital, codes, post.value("discharge_service", "")));
      TIA_ASSIGN_OR_RETURN(auto starts, Starts(c, offering, hs, born_day, born_day + 3,
                                               std::max(now, born + 6 * kHourMs), now));
      if (starts.empty()) {
        bookings["discharge"] = {{"unscheduled", offering.empty() ? "no_service" : "no_free_time"}};
      } else {
        TIA_ASSIGN_OR_RETURN(bookings["discharge"],
                             BookFor(c, *starts.front().l, hs, starts.front().start, p, "discharge",
                                     Json::array({"mother", "baby"}), first_infant,
                                     "postnatal:discharge", actor, now));
      }
    }
    {
      // Mother and baby together: an obstetrician and a paediatrician at one start, on the
      // configured day (or the next 3 days when that one is full).
      TIA_ASSIGN_OR_RETURN(
          auto for_mother,
          Offering(c, hospital, codes, post.value("reexamination_mother_service", "")));
      TIA_ASSIGN_OR_RETURN(auto for_baby, Offering(c, hospital, codes,
                                                   post.value("reexamination_baby_service", "")));
      const int32_t day = born_day + post["reexamination_day"].get<int32_t>();
      TIA_ASSIGN_OR_RETURN(auto ms, Starts(c, for_mother, hs, day, day + 3, now, now));
      TIA_ASSIGN_OR_RETURN(auto bs, Starts(c, for_baby, hs, day, day + 3, now, now));
      std::optional<std::pair<Candidate, Candidate>> both;
      for (const auto& m : ms) {
        for (const auto& b : bs) {
          if (b.start == m.start && b.l->provider.id != m.l->provider.id) {
            both = std::make_pair(m, b);
            break;
          }
        }
        if (both) break;
      }
      if (!both) {
        bookings["reexamination"] = {{"unscheduled", for_mother.empty() || for_baby.empty()
                                                         ? "no_service"
                                                         : "no_free_time"}};
      } else {
        Json re = Json::object();
        TIA_ASSIGN_OR_RETURN(
            re["mother"],
            BookFor(c, *both->first.l, hs, both->first.start, p, "reexamination:mother",
                    Json::array({"mother"}), std::nullopt, "postnatal:reexamination", actor, now));
        TIA_ASSIGN_OR_RETURN(
            re["baby"],
            BookFor(c, *both->second.l, hs, both->second.start, p, "reexamination:baby",
                    Json::array({"baby"}), first_infant, "postnatal:reexamination", actor, now));
        bookings["reexamination"] = re;
      }
    }
    for (const Json* v : {&bookings["discharge"], &bookings["reexamination"]}) {
      for (const Json* b : {v, v->contains("mother") ? &(*v)["mother"] : nullptr,
                            v->contains("baby") ? &(*v)["baby"] : nullptr}) {
        if (b && b->contains("id")) booked.push_back((*b)["id"].get<std::string>());
      }
    }
    whose = {p.hospital_id, p.mother_id};
    TIA_TRY(mat::StopContactReminders(c, p));
    p.outcome = "birth";
    p.ended_at = born;
    p.birth = Json{{"request", request},
                   {"request_hash", hash},
                   {"recorded_at", FormatUtc(now)},
                   {"gestation",
                    domain::FormatGestation(domain::kPregnancyDays - (p.due_date - born_day))},
                   {"babies", babies},
                   {"bookings", bookings}}
                  .dump();
    TIA_ASSIGN_OR_RETURN(bool saved, store::UpdatePregnancy(c, p, now));
    if (!saved) return Fail(ErrorCode::kConflict, "the registration changed meanwhile; reload it");
    p.version += 1;
    TIA_TRY(storage::audit::Append(
        c, AuditOf(s_, caller, "birth", "pregnancy:" + p.public_id, "success", p.mother_id)));
    TIA_ASSIGN_OR_RETURN(out, mat::FileJsonOf(c, p, now));
    return Ok();
  }));
  for (const auto& b : booked) {
    const std::string event = Json{{"type", "booking"}, {"id", b}, {"change", "booked"}}.dump();
    hub_.Publish(EventHub::HospitalChannel(whose.first), event);
    hub_.Publish(EventHub::MotherChannel(whose.second), event);
  }
  return out;
}

namespace {

Json PauseJson(const store::PauseRow& p) {
  return {{"reason", p.reason}, {"since", FormatUtc(p.started_at)}};
}

}  // namespace

Result<Json> Maternity::Pause(const Caller& caller, const std::string& mother, const Json& body) {
  TIA_ASSIGN_OR_RETURN(Subject subject,
                       ResolveSubject(s_, caller, mother, auth::Action::kWriteMotherData, "pause"));
  if (caller.principal->user_id != subject.mother_id) {
    return Fail(ErrorCode::kForbidden, "only the mother pauses her own care");
  }
  domain::FieldReader r(body, "");
  auto reason = r.Enum("reason", {"pregnancy_loss", "hospital_stay", "break"}, true);
  TIA_TRY(r.Finish());
  const int64_t now = s_.clock->NowMs();
  Json out;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto current, store::LatestPause(c, subject.mother_id));
    store::PauseRow pause;
    if (current && !current->ended_at && current->reason == *reason) {
      pause = *current;  // a second tap changes nothing
    } else {
      if (current && !current->ended_at) TIA_TRY(store::EndPause(c, current->id, now));
      pause = {0, subject.mother_id, *reason, now, std::nullopt};
      TIA_ASSIGN_OR_RETURN(pause, store::InsertPause(c, pause));
      // Her pending reminders stop: bookings ahead keep their place (she may still need them)
      // but send nothing more; class places ahead are given up.
      TIA_ASSIGN_OR_RETURN(auto bookings, storage::bookings::OfMother(c, subject.mother_id));
      for (const auto& b : bookings) {
        if (b.start_at > now) TIA_TRY(storage::outbox::CancelPending(c, b.id));
      }
      TIA_TRY(mat::GiveUpClasses(c, subject.mother_id, now));
      TIA_ASSIGN_OR_RETURN(auto p, store::CurrentPregnancy(c, subject.mother_id));
      if (p) TIA_TRY(mat::StopContactReminders(c, *p));
      if (*reason == "pregnancy_loss") {
        if (p && !p->outcome) {
          p->outcome = "loss";
          p->ended_at = now;
          TIA_ASSIGN_OR_RETURN(bool saved, store::UpdatePregnancy(c, *p, now));
          if (!saved) {
            return Fail(ErrorCode::kConflict, "the registration changed meanwhile; reload it");
          }
        }
      }
      TIA_TRY(storage::audit::Append(
          c, AuditOf(s_, caller, "pause", "pause", "success", subject.mother_id)));
    }
    out = {{"pause", PauseJson(pause)}};
    return Ok();
  }));
  return out;
}

Result<Json> Maternity::Resume(const Caller& caller, const std::string& mother) {
  TIA_ASSIGN_OR_RETURN(Subject subject,
                       ResolveSubject(s_, caller, mother, auth::Action::kWriteMotherData, "pause"));
  if (caller.principal->user_id != subject.mother_id) {
    return Fail(ErrorCode::kForbidden, "only the mother pauses her own care");
  }
  const int64_t now = s_.clock->NowMs();
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto current, store::LatestPause(c, subject.mother_id));
    if (!current || current->ended_at) return Ok();
    TIA_TRY(store::EndPause(c, current->id, now));
    TIA_ASSIGN_OR_RETURN(auto p, store::CurrentPregnancy(c, subject.mother_id));
    if (p && !p->outcome && p->status == "confirmed") {
      TIA_TRY(mat::RequeueContactReminders(c, *p, now));
    }
    return storage::audit::Append(
        c, AuditOf(s_, caller, "resume", "pause", "success", subject.mother_id));
  }));
  return Json{{"pause", nullptr}};
}

}  // namespace tia::app
