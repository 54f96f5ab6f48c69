#include "tia/cli/demo.h"

#include <random>

#include "tia/auth/passwords.h"
#include "tia/base/uuid.h"
#include "tia/cli/library_seed.h"

namespace tia::cli {

namespace {

using domain::Json;
using domain::RecordKind;

std::string At(int64_t ms) { return FormatRfc3339({ms, 7 * 60}); }  // the demo mother is in Vietnam

// The demo hospital's hotline, services and two providers with their weekly plans.
Result<void> LoadDemoSchedule(app::UseCases& app, int64_t admin_id, int64_t hospital_id) {
  app::Caller admin;
  admin.principal = auth::Principal{admin_id, auth::Role::kHospitalAdmin, hospital_id};
  admin.client_ip = "127.0.0.1";
  admin.request_id = "demo";
  auto& sched = app.scheduling;
  TIA_TRY(
      sched.PutSettings(admin, {{"time_zone", "Asia/Ho_Chi_Minh"},
                                {"emergency_number", "115"},
                                {"hotline", {{"number", "1900 0000"}, {"hours", Json::array()}}},
                                {"holidays", Json::array()}}));
  auto room = [&](const char* name, int capacity) -> Result<std::string> {
    const std::string id = NewUuid();
    TIA_TRY(sched.PutConfig(admin, app::ConfigKind::kRoom, id,
                            {{"name", name}, {"capacity", capacity}}));
    return id;
  };
  TIA_ASSIGN_OR_RETURN(auto room1, room("Phòng tư vấn 1", 3));
  TIA_ASSIGN_OR_RETURN(auto room2, room("Phòng tư vấn 2", 3));
  TIA_ASSIGN_OR_RETURN(auto hall, room("Hội trường B", 30));
  const Json consult_rooms = {{"room_ids", {room1, room2}}};
  auto service = [&](const char* code, const char* en, const char* vi, const char* kind,
                     const char* modality, int minutes, const Json& extra) -> Result<std::string> {
    Json body = {{"code", code},
                 {"name", {{"en", en}, {"vi", vi}}},
                 {"kind", kind},
                 {"modality", modality},
                 {"duration_min", minutes},
                 {"min_notice_min", 60},
                 {"cancel_window_min", 120}};
    body.update(extra);
    const std::string id = NewUuid();
    TIA_TRY(sched.PutConfig(admin, app::ConfigKind::kService, id, body));
    return id;
  };
  TIA_ASSIGN_OR_RETURN(auto lc, service("lc", "Lactation consult", "Tư vấn nuôi con bằng sữa mẹ",
                                        "lactation_consult", "in_person", 30, consult_rooms));
  TIA_ASSIGN_OR_RETURN(auto video,
                       service("lc-video", "Lactation consult by video", "Tư vấn sữa mẹ qua video",
                               "lactation_consult", "video", 20, Json::object()));
  TIA_ASSIGN_OR_RETURN(auto same_day, service("same-day", "Same-day lactation clinic",
                                              "Phòng khám sữa mẹ trong ngày",
                                              "same_day_lactation_clinic", "in_person", 20,
                                              {{"same_day", true},
                                               {"min_notice_min", 15},
                                               {"max_days_ahead", 1},
                                               {"room_ids", {room1, room2}}}));
  TIA_ASSIGN_OR_RETURN(auto check, service("postpartum", "Postpartum check-up, mother and baby",
                                           "Tái khám sau sinh cho mẹ và bé", "postpartum_check",
                                           "in_person", 40, consult_rooms));
  TIA_ASSIGN_OR_RETURN(
      auto cls, service("class-bf", "Antenatal class: breastfeeding",
                        "Lớp tiền sản: nuôi con bằng sữa mẹ", "antenatal_class", "in_person", 90,
                        {{"capacity", 12}, {"step_min", 90}, {"room_ids", {hall}}}));
  TIA_ASSIGN_OR_RETURN(auto food, service("nutrition", "Nutrition consult", "Tư vấn dinh dưỡng",
                                          "nutrition_consult", "in_person", 30, Json::object()));
  // The maternity programme's visits (docs/maternity.md): antenatal visits and scans, the
  // nutrition and breastfeeding consultation before discharge, and the re-examination of mother
  // and baby (an obstetrician and a paediatrician at one visit).
  const Json ahead = {{"max_days_ahead", 120}};
  TIA_ASSIGN_OR_RETURN(auto visit, service("antenatal-visit", "Antenatal visit", "Khám thai",
                                           "other", "in_person", 20, ahead));
  TIA_ASSIGN_OR_RETURN(auto scan, service("antenatal-scan", "Antenatal scan", "Siêu âm thai",
                                          "other", "in_person", 20, ahead));
  TIA_ASSIGN_OR_RETURN(auto discharge,
                       service("nutrition-breastfeeding",
                               "Nutrition and breastfeeding consultation before discharge",
                               "Tư vấn dinh dưỡng và nuôi con bằng sữa mẹ trước xuất viện",
                               "nutrition_consult", "in_person", 30, {{"min_notice_min", 0}}));
  TIA_ASSIGN_OR_RETURN(auto re_mother,
                       service("reexam-mother", "Re-examination: mother", "Tái khám cho mẹ",
                               "postpartum_check", "in_person", 30, ahead));
  TIA_ASSIGN_OR_RETURN(auto re_baby,
                       service("reexam-baby", "Re-examination: baby", "Tái khám cho bé",
                               "postpartum_check", "in_person", 30, ahead));
  Json weekday = {
      {"start", "07:30"}, {"end", "16:30"}, {"breaks", {{{"start", "11:30"}, {"end", "13:00"}}}}};
  Json lan_week = Json::object();
  for (const char* d : {"mon", "tue", "wed", "thu", "fri", "sat"}) lan_week[d] = weekday;
  TIA_TRY(sched.PutConfig(admin, app::ConfigKind::kProvider, NewUuid(),
                          {{"name", "Nữ hộ sinh Lan"},
                           {"title", "IBCLC"},
                           {"time_zone", "Asia/Ho_Chi_Minh"},
                           {"service_ids", {lc, video, same_day, check}},
                           {"weekly", lan_week}}));
  Json hoa_week = Json::object();
  for (const char* d : {"mon", "tue", "wed", "thu", "fri"}) {
    hoa_week[d] = {{"start", "08:00"}, {"end", "16:00"}, {"breaks", Json::array()}};
  }
  TIA_TRY(sched.PutConfig(admin, app::ConfigKind::kProvider, NewUuid(),
                          {{"name", "Chuyên viên dinh dưỡng Hoa"},
                           {"time_zone", "Asia/Ho_Chi_Minh"},
                           {"service_ids", {cls, food, discharge}},
                           {"weekly", hoa_week}}));
  Json all_week = Json::object();
  for (const char* d : {"mon", "tue", "wed", "thu", "fri", "sat"}) all_week[d] = weekday;
  TIA_TRY(sched.PutConfig(admin, app::ConfigKind::kProvider, NewUuid(),
                          {{"name", "BS. Sản khoa Hương"},
                           {"title", "Bác sĩ sản khoa"},
                           {"time_zone", "Asia/Ho_Chi_Minh"},
                           {"service_ids", {visit, scan, re_mother}},
                           {"weekly", all_week}}));
  TIA_TRY(sched.PutConfig(admin, app::ConfigKind::kProvider, NewUuid(),
                          {{"name", "BS. Nhi khoa Tuấn"},
                           {"title", "Bác sĩ nhi khoa"},
                           {"time_zone", "Asia/Ho_Chi_Minh"},
                           {"service_ids", {re_baby}},
                           {"weekly", all_week}}));
  return Ok();
}

Json Both(const char* vi, const char* en) { return Json{{"vi", vi}, {"en", en}}; }

Json Entitlement(const char* kind, const char* vi, const char* en, int count, Json codes) {
  return Json{{"kind", kind}, {"label", Both(vi, en)}, {"count", count}, {"service_codes", codes}};
}

// The demo hospital's packages and its first antenatal course (the seed's topics), plus a class on
// breastfeeding and preventing blocked ducts. Prices are examples.
// What the demo's pregnant mother registers with and enrols in.
struct DemoProgramme {
  std::string painless_id, course_id;
};

Result<DemoProgramme> LoadDemoProgramme(app::UseCases& app, const app::Caller& admin, int64_t now) {
  DemoProgramme out;
  const Json visits =
      Entitlement("antenatal_visit", "Khám thai", "Antenatal visits", 8, {"antenatal-visit"});
  const Json scans = Entitlement("scan", "Siêu âm", "Scans", 4, {"antenatal-scan"});
  const Json discharge =
      Entitlement("consultation", "Tư vấn dinh dưỡng và nuôi con bằng sữa mẹ",
                  "Nutrition and breastfeeding consultation", 1, {"nutrition-breastfeeding"});
  const Json reexam =
      Entitlement("reexamination", "Tái khám mẹ và bé", "Re-examination of mother and baby", 2,
                  {"reexam-mother", "reexam-baby"});
  auto room = [](int beds, int nights) {
    Json r = Entitlement("room", beds == 1 ? "Phòng 1 giường" : "Phòng nhiều giường",
                         beds == 1 ? "Single room" : "Shared room", 1, Json::array());
    r["beds"] = beds;
    r["nights"] = nights;
    return r;
  };
  const Json excluded = Json::array(
      {Both("Thuốc và vật tư ngoài danh mục", "Medicines and supplies outside the list"),
       Both("Điều trị biến chứng", "Treating complications")});
  const Json packages = Json::array({
      {{"code", "standard"},
       {"kind", "birth"},
       {"name", Both("Sinh thường", "Standard birth")},
       {"price_vnd", 9'500'000},
       {"deposit_vnd", 5'000'000},
       {"entitlements", {visits, scans, discharge, reexam, room(4, 2)}},
       {"excluded", excluded}},
      {{"code", "painless"},
       {"kind", "birth"},
       {"name", Both("Sinh không đau", "Painless birth")},
       {"summary", Both("Gây tê ngoài màng cứng khi chuyển dạ", "An epidural in labour")},
       {"price_vnd", 15'500'000},
       {"deposit_vnd", 10'000'000},
       {"entitlements", {visits, scans, discharge, reexam, room(2, 2)}},
       {"excluded", excluded}},
      {{"code", "caesarean"},
       {"kind", "birth"},
       {"name", Both("Sinh mổ", "Caesarean birth")},
       {"price_vnd", 18'000'000},
       {"deposit_vnd", 10'000'000},
       {"entitlements", {visits, scans, discharge, reexam, room(2, 4)}},
       {"excluded", excluded}},
      {{"code", "one-room"},
       {"kind", "stay"},
       {"name", Both("Một mẹ một phòng", "One mother, one room")},
       {"price_vnd", 4'000'000},
       {"entitlements", {room(1, 3)}},
       {"excluded", Json::array()}},
  });
  for (const auto& p : packages) {
    TIA_ASSIGN_OR_RETURN(auto put,
                         app.maternity.PutPackage(admin, p["code"].get<std::string>(), p));
    if (p["code"] == "painless") out.painless_id = put.second["package"]["id"].get<std::string>();
  }
  // Saturdays 09:00 from the next one, in Ha Noi (UTC+7, no daylight saving).
  const int64_t local_day = (now + 7 * kHourMs) / kDayMs;
  const int64_t weekday = (local_day + 3) % 7;  // 0 Monday ... 5 Saturday (1970-01-01 a Thursday)
  const int64_t saturday = local_day + ((5 - weekday + 7) % 7 == 0 ? 7 : (5 - weekday + 7) % 7);
  auto at = [&](int64_t day, int hour) {
    return FormatRfc3339({day * kDayMs + hour * kHourMs - 7 * kHourMs, 7 * 60});
  };
  auto session = [&](int64_t day, const char* vi, const char* en, const char* leader) {
    return Json{{"title", Both(vi, en)},
                {"start", at(day, 9)},
                {"end", at(day, 11)},
                {"room_seats", 40},
                {"online_seats", 100},
                {"min_to_run", 10},
                {"place", "Hội trường B"},
                {"leader", leader},
                {"online_url", "https://meet.tudu.example/lop-tien-san"}};
  };
  Json course = {
      {"title", Both("Lớp tiền sản số 66", "Antenatal course 66")},
      {"number", "66"},
      {"description", Both("Miễn phí. Mời chồng hoặc người thân cùng tham dự.",
                           "Free. Bring your husband or a companion.")},
      {"companions_allowed", 1},
      {"sessions",
       {session(saturday, "Chuyển dạ và giảm đau khi sinh", "Labour and pain relief",
                "BS. Sản khoa Hương"),
        session(saturday + 7, "Rặn sinh và cách thở", "Pushing and breathing", "Nữ hộ sinh Lan"),
        session(saturday + 14, "Sau sinh: cơn co tử cung, chăm sóc vết khâu, tái khám",
                "After the birth: contractions, stitches, re-examination", "BS. Sản khoa Hương"),
        session(saturday + 21, "Chăm sóc bé: tắm bé, thay tã",
                "Caring for the baby: bathing, nappies", "Nữ hộ sinh Lan")}}};
  out.course_id = NewUuid();
  TIA_TRY(app.maternity.PutCourse(admin, out.course_id, course));
  Json bf = {{"title", Both("Nuôi con bằng sữa mẹ và phòng tắc tia sữa",
                            "Breastfeeding and preventing blocked ducts")},
             {"companions_allowed", 1},
             {"sessions",
              {{{"title", Both("Bú đúng khớp ngậm, cho bú theo nhu cầu, nhận biết tắc tia sữa",
                               "Latch, feeding on demand, spotting a blocked duct")},
                {"start", at(saturday, 14)},
                {"end", at(saturday, 16)},
                {"room_seats", 30},
                {"online_seats", 100},
                {"place", "Hội trường B"},
                {"leader", "Nữ hộ sinh Lan"},
                {"online_url", "https://meet.tudu.example/lop-sua-me"}}}}};
  TIA_TRY(app.maternity.PutCourse(admin, NewUuid(), bf));
  return out;
}

// Hương, 24 weeks pregnant: registered with the painless birth package, confirmed by the midwife,
// enrolled in course 66 with her husband. Her home shows the programme's card and her schedule.
Result<void> LoadDemoPregnancy(app::UseCases& app, DemoLogins& out, int64_t hospital_id,
                               const app::Caller& midwife, const DemoProgramme& programme) {
  out.pregnant_email = "pregnant@demo.tia";
  out.pregnant_password = auth::RandomToken(12);
  TIA_ASSIGN_OR_RETURN(auto her, app.accounts.AddUser(out.pregnant_email, out.pregnant_password,
                                                      "Hương", auth::Role::kMother, hospital_id));
  app::Caller caller;
  caller.principal = auth::Principal{her.id, auth::Role::kMother, hospital_id};
  caller.public_id = her.public_id;
  caller.client_ip = "127.0.0.1";
  caller.request_id = "demo";
  const int64_t now = app.services.clock->NowMs();
  const auto today = static_cast<int32_t>((now + 7 * kHourMs) / kDayMs);
  TIA_ASSIGN_OR_RETURN(auto reg,
                       app.maternity.Register(
                           caller, her.public_id,
                           {{"due_date", FormatDate(today + 16 * 7)},  // 24+0 today
                            {"package_id", programme.painless_id},
                            {"contact", {{"phone", "0901 555 024"}}},
                            {"consent", {{"programme", true}, {"version", "programme-2026-12"}}}}));
  TIA_TRY(
      app.maternity.Act(midwife, reg.second["id"].get<std::string>(), "confirm", Json::object()));
  TIA_TRY(app.maternity.Enrol(
      caller, programme.course_id,
      {{"mode", "room"}, {"companions", 1}, {"companion_name", "Anh Minh (chồng)"}}));
  return Ok();
}

}  // namespace

Result<DemoLogins> LoadDemo(app::UseCases& app) {
  DemoLogins out;
  out.hospital_code = "tudu";
  TIA_ASSIGN_OR_RETURN(auto hospital,
                       app.accounts.AddHospital(out.hospital_code, "Bệnh viện Từ Dũ (demo)"));
  out.clinician_email = "midwife@demo.tia";
  out.admin_email = "admin@demo.tia";
  out.mother_email = "mother@demo.tia";
  out.clinician_password = auth::RandomToken(12);
  out.admin_password = auth::RandomToken(12);
  out.mother_password = auth::RandomToken(12);
  TIA_ASSIGN_OR_RETURN(auto midwife,
                       app.accounts.AddUser(out.clinician_email, out.clinician_password,
                                            "Nữ hộ sinh Lan", auth::Role::kClinician, hospital.id));
  TIA_ASSIGN_OR_RETURN(
      auto admin, app.accounts.AddUser(out.admin_email, out.admin_password, "Quản trị viên Minh",
                                       auth::Role::kHospitalAdmin, hospital.id));
  TIA_TRY(LoadDemoSchedule(app, admin.id, hospital.id));
  {
    // The library's shipped articles, approved by the demo's midwife and published by its admin.
    auto staff = [&](int64_t id, auth::Role role) {
      app::Caller c;
      c.principal = auth::Principal{id, role, hospital.id};
      c.client_ip = "127.0.0.1";
      c.request_id = "demo";
      return c;
    };
    TIA_TRY(SeedAndPublish(app, hospital.id, staff(midwife.id, auth::Role::kClinician),
                           staff(admin.id, auth::Role::kHospitalAdmin)));
    TIA_ASSIGN_OR_RETURN(auto programme,
                         LoadDemoProgramme(app, staff(admin.id, auth::Role::kHospitalAdmin),
                                           app.services.clock->NowMs()));
    TIA_TRY(LoadDemoPregnancy(app, out, hospital.id, staff(midwife.id, auth::Role::kClinician),
                              programme));
  }
  TIA_ASSIGN_OR_RETURN(auto mother, app.accounts.AddUser(out.mother_email, out.mother_password,
                                                         "Mai", auth::Role::kMother, hospital.id));
  out.mother_phone = "+84901234567";
  TIA_TRY(app.services.db->Write([&](storage::Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(const bool set, storage::users::SetPhone(c, mother.id, out.mother_phone));
    if (!set) return Fail(ErrorCode::kConflict, "the demo phone number is taken");
    return Ok();
  }));
  app::Caller caller;
  caller.principal = auth::Principal{mother.id, auth::Role::kMother, hospital.id};
  caller.public_id = mother.public_id;
  caller.client_ip = "127.0.0.1";
  caller.request_id = "demo";
  auto& log = app.care_log;
  const int64_t now = app.services.clock->NowMs();
  const int64_t birth = now - 8 * kDayMs;
  auto put = [&](RecordKind kind, const Json& body, const std::string& id) -> Result<void> {
    TIA_TRY(log.Put(caller, mother.public_id, kind, id, body, std::nullopt));
    ++out.records;
    return Ok();
  };
  TIA_TRY(log.PutProfile(caller, mother.public_id,
                         {{"baby_birth_date", FormatDate(static_cast<int32_t>(birth / kDayMs))},
                          {"first_baby", true},
                          {"delivery_type", "caesarean"},
                          {"delivery_date", FormatDate(static_cast<int32_t>(birth / kDayMs))},
                          {"breast_surgery", false},
                          {"time_zone", "Asia/Ho_Chi_Minh"},
                          {"language", "vi"},
                          {"units", {{"volume", "ml"}, {"temperature", "c"}}}}));
  const std::string infant = NewUuid();
  TIA_TRY(put(RecordKind::kInfant,
              {{"name", "Bé An"},
               {"birth_date", FormatDate(static_cast<int32_t>(birth / kDayMs))},
               {"birth_weight_g", 3150},
               {"gestation_weeks", 39}},
              infant));

  std::mt19937 rng(20261125);
  auto jitter = [&](int max_min) {
    return static_cast<int64_t>(std::uniform_int_distribution<int>(0, max_min)(rng)) * kMinuteMs;
  };
  bool left_first = true;
  for (int64_t t = now - 7 * kDayMs; t < now - kHourMs; t += 150 * kMinuteMs + jitter(60)) {
    const int64_t first_len = 10 * kMinuteMs + jitter(8);
    const int64_t second_start = t + first_len + 2 * kMinuteMs;
    const int64_t second_len = 8 * kMinuteMs + jitter(8);
    Json first = {{"type", "breast"},
                  {"side", left_first ? "left" : "right"},
                  {"start", At(t)},
                  {"end", At(t + first_len)},
                  {"pauses", Json::array()}};
    if (jitter(3) == 0) {
      first["pauses"].push_back({{"start", At(t + 4 * kMinuteMs)}, {"end", At(t + 6 * kMinuteMs)}});
    }
    Json feed = {{"occurred_at", At(t)},
                 {"infant_id", infant},
                 {"segments",
                  {first,
                   {{"type", "breast"},
                    {"side", left_first ? "right" : "left"},
                    {"start", At(second_start)},
                    {"end", At(second_start + second_len)}}}}};
    if (jitter(5) == 0) {
      feed["segments"].push_back({{"type", "bottle"},
                                  {"milk", "expressed_breast_milk"},
                                  {"volume_ml", 30},
                                  {"start", At(second_start + second_len + kMinuteMs)}});
    }
    TIA_TRY(put(RecordKind::kFeed, feed, NewUuid()));
    if (jitter(2) == 0) {
      TIA_TRY(put(RecordKind::kNappy,
                  {{"occurred_at", At(t + 30 * kMinuteMs)},
                   {"infant_id", infant},
                   {"wet", true},
                   {"dirty", jitter(2) == 0}},
                  NewUuid()));
    }
    left_first = !left_first;
  }
  for (int day = 7; day >= 1; --day) {
    const int64_t morning = now - day * kDayMs + 2 * kHourMs;
    TIA_TRY(put(RecordKind::kPump,
                {{"occurred_at", At(morning)},
                 {"method", "electric_double"},
                 {"duration_min", 15},
                 {"left_ml", 40 + 5 * (7 - day)},
                 {"right_ml", day <= 2 ? 15 : 35 + 4 * (7 - day)}},
                NewUuid()));
    TIA_TRY(put(RecordKind::kTemperature,
                {{"occurred_at", At(morning + 30 * kMinuteMs)},
                 {"temp_c", day == 1 ? 38.3 : 36.8},
                 {"site", "axillary"},
                 {"chills", day == 1}},
                NewUuid()));
  }
  TIA_TRY(put(RecordKind::kBreastCheck,
              {{"occurred_at", At(now - 20 * kHourMs)},
               {"right",
                {{"pain", 5},
                 {"locations", {{{"clock", 10}, {"distance_cm", 4}}}},
                 {"lump", {{"size_cm", 3}, {"feel", "tender_firm"}}},
                 {"redness", "focal"},
                 {"warmth", true},
                 {"nipple", Json::array()},
                 {"milk_flow", "reduced"}}},
               {"left", {{"pain", 0}, {"redness", "none"}}}},
              NewUuid()));
  TIA_TRY(put(RecordKind::kCareAction,
              {{"occurred_at", At(now - 19 * kHourMs)},
               {"action", "cold_pack"},
               {"side", "right"},
               {"minutes", 10}},
              NewUuid()));
  TIA_TRY(put(RecordKind::kCareAction,
              {{"occurred_at", At(now - 18 * kHourMs)},
               {"action", "pain_relief"},
               {"medicine", "ibuprofen"},
               {"dose_mg", 400}},
              NewUuid()));
  TIA_TRY(put(RecordKind::kNote,
              {{"occurred_at", At(now - 18 * kHourMs)},
               {"text", "Right breast sore at 10 o'clock since last night."}},
              NewUuid()));
  // This morning's symptom check, and the question she sent the team from its result: the
  // clinician's queue is not empty in the demo.
  const std::string check = NewUuid();
  TIA_TRY(app.symptom_checks.Put(caller, mother.public_id, check,
                                 {{"answers", {{"current_temp_c", 38.3}, {"days_postpartum", 8}}}},
                                 engine::Lang::kEn));
  ++out.records;
  TIA_TRY(app.consultations.Open(
      caller, NewUuid(),
      {{"message",
        "Right breast red and sore at 10 o'clock, 38.3 this morning. Feeding is painful on that "
        "side. What should I do?"},
       {"symptom_check_id", check}}));
  return out;
}

}  // namespace tia::cli
