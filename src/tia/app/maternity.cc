// The maternity programme: settings, packages and a mother's registered pregnancy
// (app/maternity.h).
#include "tia/app/maternity.h"

#include <fmt/format.h>

#include <map>

#include "tia/app/access.h"
#include "tia/app/maternity_parts.h"
#include "tia/app/scheduling_parts.h"
#include "tia/base/log.h"
#include "tia/base/uuid.h"
#include "tia/domain/maternity.h"
#include "tia/domain/pregnancy.h"
#include "tia/domain/scheduling.h"
#include "tia/storage/maternity.h"
#include "tia/storage/repositories.h"
#include "tia/storage/scheduling.h"

namespace tia::app {

namespace store = storage::maternity;
using storage::Connection;
using store::PackageRow;
using store::PackageVersionRow;
using store::PregnancyRow;

Result<std::string> LoggingDepositGateway::Record(const std::string& pregnancy_id,
                                                  int64_t amount_vnd, const std::string& method) {
  const std::string reference = "log-" + NewUuid();
  log::Info("maternity.deposit", {{"pregnancy", pregnancy_id},
                                  {"amount_vnd", std::to_string(amount_vnd)},
                                  {"method", method},
                                  {"reference", reference}});
  return reference;
}

namespace mat {

Result<Json> SettingsOf(Connection& c, int64_t hospital) {
  TIA_ASSIGN_OR_RETURN(auto body, store::SettingsOf(c, hospital));
  if (!body) return domain::DefaultMaternitySettings();
  return domain::ParseStored(*body);
}

Result<int32_t> Today(Connection& c, int64_t hospital, int64_t now) {
  TIA_ASSIGN_OR_RETURN(Json settings, sched::SettingsOf(c, hospital));
  return domain::LocalDateOf(sched::ZoneOf(settings), now);
}

Result<ServiceCodes> ServiceCodesOf(Connection& c, int64_t hospital) {
  TIA_ASSIGN_OR_RETURN(auto rows,
                       storage::config::OfHospital(c, storage::ConfigKind::kService, hospital));
  ServiceCodes out;
  for (const auto& r : rows) {
    TIA_ASSIGN_OR_RETURN(Json body, domain::ParseStored(r.body));
    const std::string code = body.value("code", "");
    out.by_id[r.id] = code;
    if (body.value("active", true)) out.by_code[code] = {r.public_id, body};
  }
  return out;
}

namespace {

bool Counts(const storage::BookingRow& b, int64_t now) {
  if (b.status == "held") return b.hold_expires_at && *b.hold_expires_at > now;
  return b.status != "cancelled" && b.status != "no_show";
}

Result<std::vector<storage::BookingRow>> BookingsSince(Connection& c, int64_t mother_id,
                                                       int64_t since, int64_t now) {
  TIA_ASSIGN_OR_RETURN(auto all, storage::bookings::OfMother(c, mother_id));
  std::vector<storage::BookingRow> out;
  for (auto& b : all) {
    if (b.created_at >= since && Counts(b, now)) out.push_back(std::move(b));
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
  return out;
}

}  // namespace

Result<PackageUse> UseOf(Connection& c, const PregnancyRow& p, int64_t now) {
  PackageUse u;
  TIA_ASSIGN_OR_RETURN(auto version, store::PackageVersionById(c, p.package_version_id));
  if (!version) return Fail(ErrorCode::kInternal, "a registration's package version is missing");
  u.version = *version;
  TIA_ASSIGN_OR_RETURN(u.body, domain::ParseStored(version->body));
  TIA_ASSIGN_OR_RETURN(u.codes, ServiceCodesOf(c, p.hospital_id));
  TIA_ASSIGN_OR_RETURN(u.bookings, BookingsSince(c, p.mother_id, p.created_at, now));
  for (const auto& b : u.bookings) u.used.push_back(u.codes.by_id[b.service_id]);
  TIA_ASSIGN_OR_RETURN(auto enrolments, store::LiveEnrolmentsOf(c, p.mother_id));
  std::vector<std::pair<int64_t, std::string>> uses;
  for (size_t i = 0; i < u.bookings.size(); ++i)
    uses.emplace_back(u.bookings[i].created_at, u.used[i]);
  for (const auto& e : enrolments) {
    if (e.created_at >= p.created_at) uses.emplace_back(e.created_at, domain::kClassEnrolment);
  }
  std::stable_sort(uses.begin(), uses.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [at, code] : uses) u.uses.push_back(std::move(code));
  return u;
}

}  // namespace mat

namespace {

using namespace mat;  // NOLINT(google-build-using-namespace): the parts of one class

Json PackageJson(const PackageRow& p, const PackageVersionRow& v, const Json& body) {
  Json out = body;
  out["id"] = p.public_id;
  out["version"] = v.number;
  out["current_version"] = p.current_version;
  out["updated_at"] = FormatUtc(v.created_at);
  return out;
}

Result<Json> CurrentPackage(Connection& c, const PackageRow& p) {
  TIA_ASSIGN_OR_RETURN(auto v, store::PackageVersion(c, p.id, p.current_version));
  if (!v) return Fail(ErrorCode::kInternal, "a package's current version is missing");
  TIA_ASSIGN_OR_RETURN(Json body, domain::ParseStored(v->body));
  return PackageJson(p, *v, body);
}

Result<Json> HospitalHeader(Connection& c, const storage::HospitalRow& h, const std::string& lang) {
  TIA_ASSIGN_OR_RETURN(Json settings, sched::SettingsOf(c, h.id));
  Json contact = {{"emergency", "115"}, {"hotline", nullptr}};
  if (settings.is_object()) {
    contact["emergency"] = settings.value("emergency_number", "115");
    if (settings.contains("hotline")) contact["hotline"] = settings["hotline"]["number"];
  }
  return Json{
      {"hospital", {{"code", h.code}, {"name", h.name}}}, {"lang", lang}, {"contact", contact}};
}

// What reading her file starts from: the programme's settings, the hospital's zone, its date now,
// and her registration.
struct Basis {
  Json settings;
  const date::time_zone* zone = nullptr;
  int32_t today = 0;
  Json reg;
};
Result<Basis> BasisOf(Connection& c, const PregnancyRow& p, int64_t now) {
  Basis b;
  TIA_ASSIGN_OR_RETURN(b.settings, SettingsOf(c, p.hospital_id));
  TIA_ASSIGN_OR_RETURN(Json hs, sched::SettingsOf(c, p.hospital_id));
  b.zone = sched::ZoneOf(hs);
  b.today = domain::LocalDateOf(b.zone, now);
  TIA_ASSIGN_OR_RETURN(b.reg, domain::ParseStored(p.body));
  return b;
}

std::string ContactKind(const PregnancyRow& p) { return "contact_due:" + p.public_id + ":"; }

// When Tia reminds her of each contact ahead (the e-mail of each), by contact code.
Result<std::map<std::string, Json>> ContactReminders(Connection& c, const PregnancyRow& p) {
  std::map<std::string, Json> out;
  const std::string prefix = ContactKind(p);
  TIA_ASSIGN_OR_RETURN(auto rows, storage::outbox::OfAccount(c, p.mother_id, prefix));
  for (const auto& m : rows) {
    if (m.channel != "email") continue;
    out[m.kind.substr(prefix.size())] = {{"at", FormatUtc(m.due_at)}, {"status", m.status}};
  }
  return out;
}

// A reminder when each contact's window opens (08:00 her hospital's time), by e-mail and by text
// to the phone she registered with; it is not sent once the window has closed.
Result<void> QueueContactReminders(Connection& c, const PregnancyRow& p, int64_t now) {
  TIA_ASSIGN_OR_RETURN(Basis b, BasisOf(c, p, now));
  const auto& [settings, zone, today, reg] = b;
  TIA_ASSIGN_OR_RETURN(auto reader, mat::ReaderOf(c, p.mother_id));
  if (!reader) return Ok();
  // Her registration's contact details, where she gave them, over her profile's.
  reader->email = reg["contact"].value("email", reader->email);
  reader->phone = reg["contact"].value("phone", reader->phone);
  const bool vi = reader->vi;
  for (const auto& pc : domain::PlanContacts(settings, p.due_date, reg.value("fetuses", 1))) {
    if (pc.from_date <= today) continue;
    const auto due = domain::InstantOf(zone, pc.from_date, 8 * 60);
    const auto expires = domain::InstantOf(zone, pc.to_date + 1, 0);
    if (!due || !expires) continue;
    const std::string name = pc.name.value(vi ? "vi" : "en", "");
    const std::string window = FormatDate(pc.from_date) + " – " + FormatDate(pc.to_date);
    std::string text = vi ? "Đến lúc " : "It is time for ";
    text += name;
    text += " (";
    text += window;
    text += vi ? "). Nếu chưa đặt lịch, hãy mở Tia để đặt lịch khám."
               : "). If you have not booked it yet, open Tia to book.";
    std::string sms = vi ? "Tia: den lich kham thai (" : "Tia: an antenatal visit is due (";
    sms += window;
    sms += vi ? "). Mo Tia de dat lich." : "). Open Tia to book.";
    TIA_TRY(mat::Tell(c, *reader, ContactKind(p) + pc.code, *due, *expires,
                      (vi ? "Tia: đến lúc " : "Tia: time for ") + name, text, sms));
  }
  return Ok();
}

// The contacts of her schedule with what she booked for each.
Json Contacts(const Json& settings, const PregnancyRow& p, int fetuses, int32_t today,
              const PackageUse& use, const date::time_zone* zone, int32_t registered,
              const std::map<std::string, Json>& reminders) {
  Json out = Json::array();
  std::vector<bool> taken(use.bookings.size(), false);
  for (const auto& pc : domain::PlanContacts(settings, p.due_date, fetuses)) {
    Json booking = nullptr;
    std::string status;
    for (size_t i = 0; i < use.bookings.size() && !pc.service_code.empty(); ++i) {
      const auto& b = use.bookings[i];
      const int32_t day = domain::LocalDateOf(zone, b.start_at);
      if (taken[i] || use.used[i] != pc.service_code || day < pc.from_date || day > pc.to_date) {
        continue;
      }
      taken[i] = true;
      booking = {
          {"id", b.public_id}, {"start", sched::InZone(zone, b.start_at)}, {"status", b.status}};
      status = b.status == "fulfilled" || b.status == "arrived" ? "done" : "booked";
      break;
    }
    if (status.empty()) {
      if (today > pc.to_date) {
        status = pc.to_date < registered ? "before_registration" : "missed";
      } else {
        status = today >= pc.from_date ? "due" : "upcoming";
      }
    }
    const auto svc = use.codes.by_code.find(pc.service_code);
    const auto reminder = reminders.find(pc.code);
    out.push_back(
        {{"code", pc.code},
         {"name", pc.name},
         {"from", FormatDate(pc.from_date)},
         {"to", FormatDate(pc.to_date)},
         {"from_gestation", domain::FormatGestation(pc.from_gestation)},
         {"to_gestation", domain::FormatGestation(pc.to_gestation)},
         {"status", status},
         {"booking", booking},
         {"service_id", svc == use.codes.by_code.end() ? Json(nullptr) : Json(svc->second.first)},
         {"reminder", reminder == reminders.end() ? Json(nullptr) : reminder->second}});
  }
  return out;
}

Result<Json> FileJson(Connection& c, const PregnancyRow& p, int64_t now) {
  TIA_ASSIGN_OR_RETURN(Basis b, BasisOf(c, p, now));
  const auto& [settings, zone, today, reg] = b;
  TIA_ASSIGN_OR_RETURN(PackageUse use, UseOf(c, p, now));
  TIA_ASSIGN_OR_RETURN(auto pkg, store::PackageByPublicId(c, reg.value("package_id", "")));
  const auto dating = domain::DatePregnancy(domain::DatingOf(reg));
  Json stage = nullptr;
  if (!p.outcome) {
    domain::Dates d;
    d.due = p.due_date;
    if (auto s = domain::StageOn(today, d)) {
      stage = {{"weeks", s->weeks}, {"days", s->days}, {"day_count", s->day_count}};
    }
  }
  Json package = PackageJson(pkg ? *pkg : PackageRow{}, use.version, use.body);
  if (pkg) package["current_version"] = pkg->current_version;
  const auto usage = domain::UsageOf(use.body, use.uses);
  for (const auto& u : usage) package["entitlements"][u.index]["used"] = u.used;
  int64_t paid = 0;
  Json deposits = Json::array();
  TIA_ASSIGN_OR_RETURN(auto rows, store::DepositsOf(c, p.id));
  for (const auto& d : rows) {
    paid += d.amount_vnd;
    deposits.push_back({{"amount_vnd", d.amount_vnd},
                        {"method", d.method},
                        {"reference", d.reference},
                        {"recorded_at", FormatUtc(d.recorded_at)}});
  }
  Json birth_file = nullptr;
  if (p.birth_file) {
    TIA_ASSIGN_OR_RETURN(birth_file, domain::ParseStored(*p.birth_file));
  }
  Json birth = nullptr;
  if (p.birth) {
    TIA_ASSIGN_OR_RETURN(birth, domain::ParseStored(*p.birth));
  }
  const int32_t registered = domain::LocalDateOf(zone, p.created_at);
  TIA_ASSIGN_OR_RETURN(auto reminders, ContactReminders(c, p));
  return Json{
      {"id", p.public_id},
      {"status", p.status},
      {"outcome", p.outcome ? Json(*p.outcome) : Json(nullptr)},
      {"staff_note", p.staff_note ? Json(*p.staff_note) : Json(nullptr)},
      {"registration", reg},
      {"today", FormatDate(today)},
      {"dating",
       {{"due_date", FormatDate(p.due_date)},
        {"dated_from", dating ? Json(dating->dated_from) : Json(nullptr)},
        {"difference_days",
         dating && dating->difference_days ? Json(*dating->difference_days) : Json(nullptr)},
        {"margin_days",
         dating && dating->margin_days ? Json(*dating->margin_days) : Json(nullptr)}}},
      {"stage", stage},
      {"package", package},
      {"contacts", p.outcome ? Json::array()
                             : Contacts(settings, p, reg.value("fetuses", 1), today, use, zone,
                                        registered, reminders)},
      {"birth_file_opens", FormatDate(domain::BirthFileOpens(settings, p.due_date))},
      {"birth_file", birth_file},
      {"deposits", deposits},
      {"deposit_paid_vnd", paid},
      {"birth", birth},
      {"created_at", FormatUtc(p.created_at)},
      {"version", p.version}};
}

}  // namespace

Result<Json> mat::FileJsonOf(Connection& c, const PregnancyRow& p, int64_t now) {
  return FileJson(c, p, now);
}

Result<void> mat::RequeueContactReminders(Connection& c, const PregnancyRow& p, int64_t now) {
  TIA_TRY(mat::StopContactReminders(c, p));
  return QueueContactReminders(c, p, now);
}

Result<void> mat::StopContactReminders(Connection& c, const PregnancyRow& p) {
  return storage::outbox::CancelForAccountPrefix(c, p.mother_id, ContactKind(p));
}

Result<Json> mat::ProgrammeSummary(Connection& c, const PregnancyRow& p, int64_t now) {
  TIA_ASSIGN_OR_RETURN(Json file, FileJson(c, p, now));
  Json next = nullptr;
  for (const auto& contact : file["contacts"]) {
    const std::string status = contact["status"];
    if (status == "due" || status == "upcoming" || status == "booked") {
      next = {{"name", contact["name"]},
              {"from", contact["from"]},
              {"to", contact["to"]},
              {"status", status},
              {"service_id", contact["service_id"]},
              {"booking", contact["booking"]}};
      break;
    }
  }
  Json postnatal = Json::array();
  if (file["birth"].is_object()) {
    const Json& b = file["birth"]["bookings"];
    auto add = [&](const char* kind, const Json& booking) {
      if (booking.is_object() && booking.contains("id")) {
        postnatal.push_back({{"kind", kind},
                             {"id", booking["id"]},
                             {"start", booking["start"]},
                             {"provider", booking["provider"]}});
      }
    };
    add("discharge", b["discharge"]);
    if (b["reexamination"].contains("mother")) {
      add("reexamination_mother", b["reexamination"]["mother"]);
      add("reexamination_baby", b["reexamination"]["baby"]);
    }
  }
  return Json{{"id", file["id"]},
              {"status", file["status"]},
              {"outcome", file["outcome"]},
              {"staff_note", file["staff_note"]},
              {"next", next},
              {"postnatal", postnatal}};
}

namespace {

Result<PregnancyRow> StaffPregnancy(Connection& c, int64_t hospital, const std::string& id) {
  TIA_ASSIGN_OR_RETURN(auto p, store::PregnancyByPublicId(c, id));
  if (!p || p->hospital_id != hospital) return tl::unexpected(sched::NotFound());
  return *p;
}

Result<void> Save(Connection& c, const PregnancyRow& p, int64_t now) {
  TIA_ASSIGN_OR_RETURN(bool saved, store::UpdatePregnancy(c, p, now));
  if (!saved) return Fail(ErrorCode::kConflict, "the registration changed meanwhile; reload it");
  return Ok();
}

}  // namespace

Result<Json> Maternity::Settings(const Caller& caller) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, sched::StaffHospital(caller, false));
  return s_.db->Read([&](Connection& c) { return SettingsOf(c, hospital); });
}

Result<Json> Maternity::PutSettings(const Caller& caller, const Json& body) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, sched::StaffHospital(caller, true));
  TIA_ASSIGN_OR_RETURN(Json canon, domain::ValidateMaternitySettings(body));
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_TRY(store::PutSettings(c, hospital, canon.dump(), s_.clock->NowMs(),
                               caller.principal->user_id));
    return storage::audit::Append(
        c, AuditOf(s_, caller, "update", "maternity_settings", "success", std::nullopt));
  }));
  return canon;
}

Result<Json> Maternity::Packages(const Caller& caller, const std::string& /*lang*/) {
  const bool staff = sched::IsStaff(caller);
  TIA_ASSIGN_OR_RETURN(int64_t hospital, sched::HospitalOf(caller));
  return s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(auto rows, store::PackagesOf(c, hospital));
    Json items = Json::array();
    for (const auto& p : rows) {
      TIA_ASSIGN_OR_RETURN(Json j, CurrentPackage(c, p));
      if (staff || j.value("active", true)) items.push_back(std::move(j));
    }
    return Json{{"items", items}};
  });
}

Result<Json> Maternity::Package(const Caller& caller, const std::string& code,
                                std::optional<int64_t> number) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, sched::HospitalOf(caller));
  return s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(auto p, store::PackageByCode(c, hospital, code));
    if (!p) return tl::unexpected(sched::NotFound());
    TIA_ASSIGN_OR_RETURN(auto v,
                         store::PackageVersion(c, p->id, number.value_or(p->current_version)));
    if (!v) return tl::unexpected(sched::NotFound());
    TIA_ASSIGN_OR_RETURN(Json body, domain::ParseStored(v->body));
    if (!sched::IsStaff(caller) && !number && !body.value("active", true)) {
      return tl::unexpected(sched::NotFound());
    }
    return PackageJson(*p, *v, body);
  });
}

Result<std::pair<int, Json>> Maternity::PutPackage(const Caller& caller, const std::string& code,
                                                   const Json& body) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, sched::StaffHospital(caller, true));
  TIA_ASSIGN_OR_RETURN(Json canon, domain::ValidatePackage(body));
  if (canon["code"] != code) return Invalid("/code", "must be the code in the address");
  const int64_t now = s_.clock->NowMs();
  std::pair<int, Json> out;
  bool changed = false;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto p, store::PackageByCode(c, hospital, code));
    const bool created = !p;
    if (!p) {
      PackageRow row{0, hospital, NewUuid(), code, 0, now};
      TIA_ASSIGN_OR_RETURN(p, store::InsertPackage(c, row));
    } else {
      TIA_ASSIGN_OR_RETURN(auto cur, store::PackageVersion(c, p->id, p->current_version));
      if (cur && cur->body == canon.dump()) {
        TIA_ASSIGN_OR_RETURN(Json j, CurrentPackage(c, *p));
        out = {200, {{"package", j}, {"created", false}, {"changed", false}}};
        return Ok();
      }
    }
    PackageVersionRow v{
        0, p->id, p->current_version + 1, canon.dump(), now, caller.principal->user_id};
    TIA_ASSIGN_OR_RETURN(v, store::AddPackageVersion(c, v, now));
    p->current_version = v.number;
    changed = true;
    out = {created ? 201 : 200,
           {{"package", PackageJson(*p, v, canon)}, {"created", created}, {"changed", true}}};
    return storage::audit::Append(c, AuditOf(s_, caller, created ? "create" : "update",
                                             "package:" + code, "success", std::nullopt));
  }));
  if (changed) generation_.fetch_add(1, std::memory_order_acq_rel);
  return out;
}

Result<Json> Maternity::PublicPackages(const std::string& hospital, const std::string& lang) {
  return s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(auto h, storage::hospitals::ByCode(c, hospital));
    if (!h || (lang != "vi" && lang != "en")) return tl::unexpected(sched::NotFound());
    TIA_ASSIGN_OR_RETURN(Json page, HospitalHeader(c, *h, lang));
    TIA_ASSIGN_OR_RETURN(auto rows, store::PackagesOf(c, h->id));
    Json items = Json::array();
    for (const auto& p : rows) {
      TIA_ASSIGN_OR_RETURN(Json j, CurrentPackage(c, p));
      if (j.value("active", true)) items.push_back(std::move(j));
    }
    page["items"] = items;
    return page;
  });
}

Result<Json> Maternity::PublicPackage(const std::string& hospital, const std::string& code,
                                      const std::string& lang) {
  return s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(auto h, storage::hospitals::ByCode(c, hospital));
    if (!h || (lang != "vi" && lang != "en")) return tl::unexpected(sched::NotFound());
    TIA_ASSIGN_OR_RETURN(auto p, store::PackageByCode(c, h->id, code));
    if (!p) return tl::unexpected(sched::NotFound());
    TIA_ASSIGN_OR_RETURN(Json j, CurrentPackage(c, *p));
    if (!j.value("active", true)) return tl::unexpected(sched::NotFound());
    TIA_ASSIGN_OR_RETURN(Json page, HospitalHeader(c, *h, lang));
    page["package"] = j;
    return page;
  });
}

Result<std::pair<int, Json>> Maternity::Register(const Caller& caller, const std::string& mother,
                                                 const Json& body) {
  TIA_ASSIGN_OR_RETURN(
      Subject subject,
      ResolveSubject(s_, caller, mother, auth::Action::kWriteMotherData, "pregnancy"));
  if (caller.principal->user_id != subject.mother_id || !subject.hospital_id) {
    return Fail(ErrorCode::kForbidden, "only the mother registers her pregnancy");
  }
  const int64_t mother_id = subject.mother_id, hospital = *subject.hospital_id;
  const int64_t now = s_.clock->NowMs();
  std::pair<int, Json> out;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(int32_t today, Today(c, hospital, now));
    TIA_ASSIGN_OR_RETURN(Json reg, domain::ValidateRegistration(body, today));
    TIA_ASSIGN_OR_RETURN(auto pkg, store::PackageByPublicId(c, reg["package_id"]));
    if (!pkg || pkg->hospital_id != hospital) {
      return Invalid("/package_id", "must be one of your hospital's packages");
    }
    TIA_ASSIGN_OR_RETURN(auto version, store::PackageVersion(c, pkg->id, pkg->current_version));
    TIA_ASSIGN_OR_RETURN(Json pbody, domain::ParseStored(version->body));
    if (reg.contains("preferred_provider_id")) {
      TIA_ASSIGN_OR_RETURN(auto prov, storage::config::ByPublicId(c, storage::ConfigKind::kProvider,
                                                                  reg["preferred_provider_id"]));
      if (!prov || prov->hospital_id != hospital) {
        return Invalid("/preferred_provider_id", "must be one of your hospital's doctors");
      }
    }
    const int32_t due = domain::DatePregnancy(domain::DatingOf(reg))->due;
    TIA_ASSIGN_OR_RETURN(auto current, store::CurrentPregnancy(c, mother_id));
    const bool open = current && !current->outcome;
    if (open && current->status == "confirmed") {
      return Fail(ErrorCode::kConflict,
                  "the hospital has confirmed your registration; ask them to change it", "/id");
    }
    if (!pbody.value("active", true) && !(open && current->package_version_id == version->id)) {
      return Invalid("/package_id", "this package is no longer offered");
    }
    PregnancyRow p;
    int code = 201;
    if (open) {
      p = *current;
      code = 200;
    } else {
      p.public_id = NewUuid();
      p.hospital_id = hospital;
      p.mother_id = mother_id;
      p.created_at = now;
    }
    // A resend of what is stored changes nothing (and keeps the version she chose).
    const bool same = open && p.body == reg.dump();
    if (!same) {
      p.status = "submitted";
      p.due_date = due;
      p.body = reg.dump();
      // Amending keeps the version she chose unless she chose another package.
      bool keep_version = false;
      if (open) {
        TIA_ASSIGN_OR_RETURN(auto chosen, store::PackageVersionById(c, p.package_version_id));
        keep_version = chosen && chosen->package_id == pkg->id;
      }
      if (!keep_version) p.package_version_id = version->id;
      p.updated_at = now;
      if (open) {
        TIA_TRY(Save(c, p, now));
        p.version += 1;
      } else {
        TIA_ASSIGN_OR_RETURN(p, store::InsertPregnancy(c, p));
      }
      TIA_TRY(storage::audit::Append(c, AuditOf(s_, caller, open ? "update" : "create",
                                                "pregnancy:" + p.public_id, "success", mother_id)));
    }
    TIA_ASSIGN_OR_RETURN(Json file, FileJson(c, p, now));
    out = {code, file};
    return Ok();
  }));
  return out;
}

Result<Json> Maternity::Pregnancy(const Caller& caller, const std::string& mother) {
  TIA_ASSIGN_OR_RETURN(Subject subject, ResolveSubject(s_, caller, mother,
                                                       auth::Action::kReadMotherData, "pregnancy"));
  const int64_t now = s_.clock->NowMs();
  return s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(auto p, store::CurrentPregnancy(c, subject.mother_id));
    if (!p) return Json(nullptr);
    return FileJson(c, *p, now);
  });
}

Result<Json> Maternity::Registrations(const Caller& caller, const std::string& month) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, sched::StaffHospital(caller, false));
  int32_t from = 0, to = std::numeric_limits<int32_t>::max();
  if (!month.empty()) {
    auto first = month.size() == 7 ? ParseDate(month + "-01") : std::nullopt;
    if (!first) return Invalid("month", "must be a month such as 2027-06");
    int y = 0;
    unsigned m = 0, d = 0;
    CivilFromDays(*first, y, m, d);
    from = *first;
    to = (m == 12 ? DaysFromCivil(y + 1, 1, 1) : DaysFromCivil(y, m + 1, 1)) - 1;
  }
  const int64_t now = s_.clock->NowMs();
  Json items = Json::array();
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto rows, store::PregnanciesDue(c, hospital, from, to));
    TIA_ASSIGN_OR_RETURN(int32_t today, Today(c, hospital, now));
    TIA_ASSIGN_OR_RETURN(Json settings, SettingsOf(c, hospital));
    for (const auto& p : rows) {
      // Without a month: the open ones, and those that ended in the last 30 days (the postnatal
      // weeks the team still follows).
      if (month.empty() && p.outcome && p.ended_at.value_or(0) < now - 30 * kDayMs) continue;
      TIA_ASSIGN_OR_RETURN(auto user, storage::users::ById(c, p.mother_id));
      TIA_ASSIGN_OR_RETURN(auto version, store::PackageVersionById(c, p.package_version_id));
      TIA_ASSIGN_OR_RETURN(Json pbody, domain::ParseStored(version ? version->body : "{}"));
      domain::Dates d;
      d.due = p.due_date;
      const auto stage = p.outcome ? std::nullopt : domain::StageOn(today, d);
      items.push_back(
          {{"id", p.public_id},
           {"mother",
            {{"id", user ? user->public_id : ""}, {"name", user ? user->display_name : ""}}},
           {"status", p.status},
           {"outcome", p.outcome ? Json(*p.outcome) : Json(nullptr)},
           {"due_date", FormatDate(p.due_date)},
           {"gestation", stage ? Json(domain::FormatGestation(stage->day_count)) : Json(nullptr)},
           {"package",
            {{"code", pbody.value("code", "")},
             {"name", pbody.value("name", Json())},
             {"version", version ? version->number : 0}}},
           {"birth_file_open", p.birth_file.has_value()},
           {"birth_file_due",
            !p.birth_file && !p.outcome && today >= domain::BirthFileOpens(settings, p.due_date)},
           {"created_at", FormatUtc(p.created_at)}});
      TIA_TRY(storage::audit::Append(
          c, AuditOf(s_, caller, "read", "pregnancy:" + p.public_id, "success", p.mother_id)));
    }
    return Ok();
  }));
  return Json{{"items", items}};
}

Result<Json> Maternity::Act(const Caller& caller, const std::string& id, const std::string& action,
                            const Json& body) {
  if (action == "birth") return RecordBirth(caller, id, body);
  TIA_ASSIGN_OR_RETURN(int64_t hospital, sched::StaffHospital(caller, false));
  const int64_t now = s_.clock->NowMs();
  domain::FieldReader r(body, "");
  std::optional<std::string> note, method, reference, item;
  std::optional<int64_t> amount;
  std::optional<bool> done;
  if (action == "ask") {
    note = r.String("note", 1000, true);
    if (note && note->empty()) r.FailAt("note", "must say what the hospital needs");
  } else if (action == "deposit") {
    amount = r.Integer("amount_vnd", 1, 10'000'000'000, true);
    method = r.Enum("method", {"cash", "card", "transfer"}, true);
  } else if (action == "check") {
    item = r.String("code", 40, true);
    done = r.Bool("done", true);
  } else if (action != "confirm" && action != "open_birth_file") {
    return tl::unexpected(sched::NotFound());
  }
  TIA_TRY(r.Finish());
  Json out;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(PregnancyRow p, StaffPregnancy(c, hospital, id));
    auto conflict = [&](const std::string& why) {
      return Fail(ErrorCode::kConflict, why, "/status");
    };
    if (p.status == "withdrawn") return conflict("this registration was withdrawn");
    if (action == "confirm") {
      if (p.status == "confirmed") return conflict("the registration is already confirmed");
      p.status = "confirmed";
      p.staff_note.reset();
      TIA_TRY(Save(c, p, now));
      TIA_TRY(QueueContactReminders(c, p, now));
    } else if (action == "ask") {
      if (p.status != "submitted")
        return conflict("only a submitted registration can be sent back");
      p.status = "needs_info";
      p.staff_note = note;
      TIA_TRY(Save(c, p, now));
    } else if (action == "deposit") {
      if (p.outcome) return conflict("this pregnancy has ended");
      TIA_ASSIGN_OR_RETURN(std::string ref, gateway_->Record(p.public_id, *amount, *method));
      TIA_TRY(store::InsertDeposit(
          c, {0, p.id, *amount, *method, ref, now, caller.principal->user_id}));
      // The checklist's deposit line follows what was recorded.
      if (p.birth_file) {
        TIA_ASSIGN_OR_RETURN(Json file, domain::ParseStored(*p.birth_file));
        for (auto& i : file["checklist"]) {
          if (i["code"] == "deposit" && i["done_at"].is_null()) i["done_at"] = FormatUtc(now);
        }
        p.birth_file = file.dump();
        TIA_TRY(Save(c, p, now));
      }
    } else if (action == "open_birth_file") {
      if (p.status != "confirmed") return conflict("confirm the registration first");
      if (p.outcome) return conflict("this pregnancy has ended");
      if (p.birth_file) return conflict("the birth file is already open");
      TIA_ASSIGN_OR_RETURN(Json settings, SettingsOf(c, hospital));
      TIA_ASSIGN_OR_RETURN(int32_t today, Today(c, hospital, now));
      const int32_t opens = domain::BirthFileOpens(settings, p.due_date);
      if (today < opens) {
        return conflict(fmt::format("the birth file opens at {} weeks, on {}",
                                    settings["birth_file"]["from"].get<std::string>(),
                                    FormatDate(opens)));
      }
      TIA_ASSIGN_OR_RETURN(auto deposits, store::DepositsOf(c, p.id));
      Json list = Json::array();
      for (const auto& i : settings["birth_file"]["checklist"]) {
        const bool paid = i["code"] == "deposit" && !deposits.empty();
        list.push_back({{"code", i["code"]},
                        {"label", i["label"]},
                        {"done_at", paid ? Json(FormatUtc(deposits.back().recorded_at)) : Json()}});
      }
      p.birth_file = Json{{"opened_at", FormatUtc(now)}, {"checklist", list}}.dump();
      TIA_TRY(Save(c, p, now));
    } else {  // check
      if (!p.birth_file) return conflict("open the birth file first");
      TIA_ASSIGN_OR_RETURN(Json file, domain::ParseStored(*p.birth_file));
      bool found = false;
      for (auto& i : file["checklist"]) {
        if (i["code"] != *item) continue;
        found = true;
        i["done_at"] = *done ? Json(FormatUtc(now)) : Json(nullptr);
      }
      if (!found) return Invalid("/code", "is not on the birth file's checklist");
      p.birth_file = file.dump();
      TIA_TRY(Save(c, p, now));
    }
    TIA_TRY(storage::audit::Append(
        c, AuditOf(s_, caller, action, "pregnancy:" + p.public_id, "success", p.mother_id)));
    TIA_ASSIGN_OR_RETURN(auto fresh, store::PregnancyByPublicId(c, id));
    TIA_ASSIGN_OR_RETURN(out, FileJson(c, *fresh, now));
    return Ok();
  }));
  return out;
}

Result<std::optional<Error>> OutOfPackage(Connection& c, int64_t mother_id, const Json& service,
                                          int64_t now) {
  if (service.value("same_day", false)) return std::nullopt;
  TIA_ASSIGN_OR_RETURN(auto p, store::CurrentPregnancy(c, mother_id));
  if (!p || p->status != "confirmed" || p->outcome == std::optional<std::string>("loss")) {
    return std::nullopt;
  }
  TIA_ASSIGN_OR_RETURN(PackageUse use, UseOf(c, *p, now));
  const std::string code = service.value("code", "");
  if (domain::InPackage(use.body, use.uses, code)) return std::nullopt;
  return Error{ErrorCode::kConflict,
               "this visit is not included in your package (or its visits are used up) and is "
               "billed separately; book again with out_of_package true to go ahead",
               "/out_of_package", 0};
}

}  // namespace tia::app
