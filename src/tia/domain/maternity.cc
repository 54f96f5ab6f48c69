#include "tia/domain/maternity.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "tia/domain/pregnancy.h"
#include "tia/domain/records.h"

namespace tia::domain {
namespace {

constexpr size_t kMaxName = 200;
constexpr size_t kMaxCode = 40;
constexpr int kLastGestation = 44 * 7 + 6;

template <class T>
void PutOpt(Json& out, std::string_view key, const std::optional<T>& v) {
  if (v) out[std::string(key)] = *v;
}

// {vi, en}, both required unless `optional`.
void ReadBilingual(FieldReader& r, Json& out, std::string_view key, size_t max, bool required) {
  const Json* v = r.Object(key, required);
  if (!v) return;
  FieldReader t(*v, r.PointerTo(key));
  Json o = Json::object();
  for (const char* lang : {"vi", "en"}) {
    auto s = t.String(lang, max, true);
    if (s && s->empty()) t.FailAt(lang, "must not be empty");
    PutOpt(o, lang, s);
  }
  r.Merge(t);
  out[std::string(key)] = o;
}

std::optional<std::string> ReadCode(FieldReader& r, std::string_view key, bool required) {
  auto code = r.String(key, kMaxCode, required);
  if (!code) return code;
  const bool ok = !code->empty() && std::all_of(code->begin(), code->end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
  if (!ok) r.FailAt(key, "must be lowercase letters, digits, '-' or '_'");
  return code;
}

std::optional<int> ReadGestation(FieldReader& r, std::string_view key, bool required) {
  auto text = r.String(key, 8, required);
  if (!text) return std::nullopt;
  auto days = ParseGestation(*text);
  if (!days) r.FailAt(key, "must be weeks+days of pregnancy such as \"11+0\", up to \"44+6\"");
  return days;
}

// An array of objects, each read by `each(reader, out)`.
template <class F>
Json ReadList(FieldReader& r, std::string_view key, size_t max, bool required, F each) {
  Json list = Json::array();
  if (const Json* arr = r.Array(key, max, required)) {
    for (size_t i = 0; i < arr->size() && r.ok(); ++i) {
      FieldReader x((*arr)[i], r.PointerTo(key) + "/" + std::to_string(i));
      Json o = Json::object();
      each(x, o);
      r.Merge(x);
      list.push_back(std::move(o));
    }
  }
  return list;
}

Json ReadCodes(FieldReader& r, std::string_view key, size_t max) {
  Json codes = Json::array();
  if (const Json* arr = r.Array(key, max)) {
    for (size_t i = 0; i < arr->size(); ++i) {
      const Json& v = (*arr)[i];
      const std::string at = r.PointerTo(key) + "/" + std::to_string(i);
      if (!v.is_string() || v.get_ref<const std::string&>().empty() ||
          v.get_ref<const std::string&>().size() > kMaxCode) {
        r.FailAtPointer(at, "must be a service code");
        break;
      }
      codes.push_back(v);
    }
  }
  return codes;
}

void ReadTemplateEntry(FieldReader& x, Json& o) {
  PutOpt(o, "code", ReadCode(x, "code", true));
  ReadBilingual(x, o, "name", kMaxName, true);
  auto from = ReadGestation(x, "from", true);
  auto to = ReadGestation(x, "to", true);
  if (from && to && *to < *from) x.FailAt("to", "must not be before \"from\"");
  if (from) o["from"] = FormatGestation(*from);
  if (to) o["to"] = FormatGestation(*to);
  PutOpt(o, "every_days", x.Integer("every_days", 1, 28));
  PutOpt(o, "service_code", ReadCode(x, "service_code", false));
  o["applies_to"] = x.Enum("applies_to", {"all", "singleton", "multiple"}).value_or("all");
}

Json Text(const char* vi, const char* en) { return Json{{"vi", vi}, {"en", en}}; }

Json Entry(const char* code, const char* vi, const char* en, const char* from, const char* to,
           const char* service, const char* applies = "all", int every = 0) {
  Json e = {{"code", code}, {"name", Text(vi, en)},    {"from", from},
            {"to", to},     {"service_code", service}, {"applies_to", applies}};
  if (every > 0) e["every_days"] = every;
  return e;
}

Json Check(const char* code, const char* vi, const char* en) {
  return Json{{"code", code}, {"label", Text(vi, en)}};
}

}  // namespace

std::optional<int> ParseGestation(std::string_view text) {
  const size_t plus = text.find('+');
  auto number = [](std::string_view s) -> std::optional<int> {
    int v = 0;
    if (s.empty() || s.size() > 2) return std::nullopt;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
  };
  auto weeks = number(text.substr(0, plus));
  auto days =
      plus == std::string_view::npos ? std::optional<int>(0) : number(text.substr(plus + 1));
  if (!weeks || !days || *days > 6) return std::nullopt;
  const int total = *weeks * 7 + *days;
  if (total > kLastGestation) return std::nullopt;
  return total;
}

std::string FormatGestation(int days) {
  return std::to_string(days / 7) + "+" + std::to_string(days % 7);
}

int ScanMarginDays(int gestation) {
  if (gestation < 9 * 7) return 5;
  if (gestation < 16 * 7) return 7;
  if (gestation < 22 * 7) return 10;
  if (gestation < 28 * 7) return 14;
  return 21;
}

Result<Dating> DatePregnancy(const DatingInput& in) {
  Dating d;
  std::optional<int32_t> own;
  if (in.due) {
    own = *in.due;
    d.dated_from = "due_date";
  } else if (in.last_period) {
    own = *in.last_period + kPregnancyDays;
    d.dated_from = "last_period";
  }
  if (!in.scan) {
    if (!own) {
      return tl::unexpected(Error{ErrorCode::kInvalidArgument,
                                  "give a due date, the first day of your last period, or a "
                                  "dating scan",
                                  "/due_date", 0});
    }
    d.due = *own;
    return d;
  }
  const int32_t by_scan = in.scan->date + kPregnancyDays - in.scan->gestation;
  if (!own) {
    d.due = by_scan;
    d.dated_from = "scan";
    return d;
  }
  d.difference_days = by_scan - *own;
  d.margin_days = ScanMarginDays(in.scan->gestation);
  if (std::abs(*d.difference_days) > *d.margin_days) {
    d.due = by_scan;
    d.dated_from = "scan";
  } else {
    d.due = *own;
  }
  return d;
}

Result<Json> ValidateMaternitySettings(const Json& in) {
  FieldReader r(in, "");
  Json out = Json::object();
  out["antenatal_schedule"] = ReadList(r, "antenatal_schedule", 60, true, ReadTemplateEntry);
  std::set<std::string> codes;
  for (size_t i = 0; i < out["antenatal_schedule"].size() && r.ok(); ++i) {
    if (!codes.insert(out["antenatal_schedule"][i]["code"].get<std::string>()).second) {
      r.FailAtPointer("/antenatal_schedule/" + std::to_string(i) + "/code", "is used twice");
    }
  }
  if (const Json* bf = r.Object("birth_file", true)) {
    FieldReader b(*bf, r.PointerTo("birth_file"));
    Json o = Json::object();
    if (auto from = ReadGestation(b, "from", true)) o["from"] = FormatGestation(*from);
    o["checklist"] = ReadList(b, "checklist", 40, true, [](FieldReader& x, Json& c) {
      PutOpt(c, "code", ReadCode(x, "code", true));
      ReadBilingual(x, c, "label", kMaxName, true);
    });
    r.Merge(b);
    out["birth_file"] = o;
  }
  if (const Json* pn = r.Object("postnatal", true)) {
    FieldReader p(*pn, r.PointerTo("postnatal"));
    Json o = Json::object();
    PutOpt(o, "discharge_service", ReadCode(p, "discharge_service", false));
    o["reexamination_day"] = p.Integer("reexamination_day", 1, 42, true).value_or(7);
    PutOpt(o, "reexamination_mother_service", ReadCode(p, "reexamination_mother_service", false));
    PutOpt(o, "reexamination_baby_service", ReadCode(p, "reexamination_baby_service", false));
    r.Merge(p);
    out["postnatal"] = o;
  }
  TIA_TRY(r.Finish());
  return out;
}

const Json& DefaultMaternitySettings() {
  // Contacts: the Vietnamese antenatal milestones (docs/maternity.md: Ministry of Health
  // guidance as hospitals publish it); twins: NICE NG137 (growth scans every 4 weeks from 24).
  // Re-examination: WHO 2022 postnatal care recommends a contact between days 7 and 14.
  static const Json settings = {
      {"antenatal_schedule",
       Json::array({
           Entry("confirm", "Khám xác định thai", "Confirming the pregnancy", "5+0", "8+6",
                 "antenatal-visit"),
           Entry("nuchal", "Siêu âm độ mờ da gáy và xét nghiệm Double test",
                 "Nuchal translucency scan and double test", "11+0", "13+6", "antenatal-scan"),
           Entry("triple-test", "Xét nghiệm Triple test", "Triple test", "16+0", "18+6",
                 "antenatal-visit"),
           Entry("morphology", "Siêu âm hình thái thai nhi", "Morphology scan", "20+0", "24+6",
                 "antenatal-scan"),
           Entry("glucose", "Nghiệm pháp dung nạp đường huyết", "Glucose tolerance test", "24+0",
                 "28+6", "antenatal-visit"),
           Entry("tetanus", "Tiêm phòng uốn ván", "Tetanus vaccination", "20+0", "28+6",
                 "antenatal-visit"),
           Entry("twin-growth", "Siêu âm theo dõi phát triển song thai", "Twin growth scan", "24+0",
                 "35+6", "antenatal-scan", "multiple", 28),
           Entry("growth", "Siêu âm đánh giá tăng trưởng", "Growth scan", "30+0", "32+6",
                 "antenatal-scan", "singleton"),
           Entry("ctg-birth-file", "Đo monitor tim thai (CTG) và làm hồ sơ sinh",
                 "CTG and opening the birth file", "36+0", "36+6", "antenatal-visit"),
           Entry("weekly", "Khám thai hằng tuần", "Weekly antenatal check", "37+0", "41+6",
                 "antenatal-visit", "all", 7),
       })},
      {"birth_file",
       {{"from", "36+0"},
        {"checklist",
         Json::array({
             Check("identity", "Căn cước công dân và thẻ bảo hiểm y tế",
                   "Identity card and health insurance card"),
             Check("antenatal-record", "Sổ khám thai và kết quả xét nghiệm",
                   "Antenatal record and test results"),
             Check("blood-group", "Nhóm máu và Rh", "Blood group and Rh"),
             Check("screening", "Kết quả xét nghiệm viêm gan B, HIV, giang mai",
                   "Hepatitis B, HIV and syphilis results"),
             Check("deposit", "Đặt cọc", "Deposit recorded"),
             Check("companion", "Người thân đi cùng khi sinh", "Birth companion named"),
             Check("bag", "Chuẩn bị đồ đi sinh", "Hospital bag ready"),
         })}}},
      {"postnatal",
       {{"discharge_service", "nutrition-breastfeeding"},
        {"reexamination_day", 7},
        {"reexamination_mother_service", "reexam-mother"},
        {"reexamination_baby_service", "reexam-baby"}}},
  };
  return settings;
}

std::vector<PlannedContact> PlanContacts(const Json& settings, int32_t due, int fetuses) {
  std::vector<PlannedContact> out;
  const int32_t conception_day = due - kPregnancyDays;  // gestational day 0
  for (const Json& e : settings.at("antenatal_schedule")) {
    const std::string applies = e.value("applies_to", "all");
    if ((applies == "singleton" && fetuses > 1) || (applies == "multiple" && fetuses < 2)) continue;
    const int from = *ParseGestation(e.at("from").get<std::string>());
    const int to = *ParseGestation(e.at("to").get<std::string>());
    const int every = e.value("every_days", 0);
    auto add = [&](int a, int b, std::string code) {
      PlannedContact c;
      c.code = std::move(code);
      c.name = e.at("name");
      c.service_code = e.value("service_code", "");
      c.from_gestation = a;
      c.to_gestation = b;
      c.from_date = conception_day + a;
      c.to_date = conception_day + b;
      out.push_back(std::move(c));
    };
    const std::string code = e.at("code").get<std::string>();
    if (every <= 0) {
      add(from, to, code);
      continue;
    }
    for (int a = from; a <= to; a += every) {
      add(a, std::min(to, a + every - 1), code + "-" + std::to_string(a / 7));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const PlannedContact& a, const PlannedContact& b) {
    return a.from_gestation < b.from_gestation;
  });
  return out;
}

int32_t BirthFileOpens(const Json& settings, int32_t due) {
  const int from = *ParseGestation(settings.at("birth_file").at("from").get<std::string>());
  return due - kPregnancyDays + from;
}

Result<Json> ValidatePackage(const Json& in) {
  FieldReader r(in, "");
  Json out = Json::object();
  PutOpt(out, "code", ReadCode(r, "code", true));
  PutOpt(out, "kind", r.Enum("kind", {"antenatal", "birth", "stay"}, true));
  ReadBilingual(r, out, "name", kMaxName, true);
  ReadBilingual(r, out, "summary", 2000, false);
  out["price_vnd"] = r.Integer("price_vnd", 0, 10'000'000'000, true).value_or(0);
  out["deposit_vnd"] = r.Integer("deposit_vnd", 0, 10'000'000'000).value_or(0);
  if (out["deposit_vnd"].get<int64_t>() > out["price_vnd"].get<int64_t>()) {
    r.FailAt("deposit_vnd", "must not be more than the price");
  }
  out["entitlements"] = ReadList(r, "entitlements", 40, true, [](FieldReader& x, Json& e) {
    PutOpt(e, "kind",
           x.Enum("kind",
                  {"antenatal_visit", "scan", "test", "class", "room", "consultation",
                   "reexamination", "vaccination", "other"},
                  true));
    ReadBilingual(x, e, "label", kMaxName, true);
    e["count"] = x.Integer("count", 1, 100, true).value_or(1);
    e["service_codes"] = ReadCodes(x, "service_codes", 20);
    PutOpt(e, "beds", x.Integer("beds", 1, 8));
    PutOpt(e, "nights", x.Integer("nights", 1, 30));
    if (e.value("kind", "") != "room" && (e.contains("beds") || e.contains("nights"))) {
      x.FailAt(e.contains("beds") ? "beds" : "nights", "belongs to a room");
    }
  });
  out["excluded"] = ReadList(r, "excluded", 40, false, [](FieldReader& x, Json& e) {
    for (const char* lang : {"vi", "en"}) {
      auto s = x.String(lang, kMaxName, true);
      if (s && s->empty()) x.FailAt(lang, "must not be empty");
      PutOpt(e, lang, s);
    }
  });
  out["active"] = r.Bool("active").value_or(true);
  TIA_TRY(r.Finish());
  return out;
}

std::vector<EntitlementUse> UsageOf(const Json& package, const std::vector<std::string>& used) {
  std::vector<EntitlementUse> out;
  const Json& ents = package.at("entitlements");
  for (size_t i = 0; i < ents.size(); ++i) out.push_back({i, ents[i].at("count").get<int>(), 0});
  for (const std::string& code : used) {
    for (auto& u : out) {
      const Json& codes = ents[u.index].at("service_codes");
      const bool fits = code == kClassEnrolment
                            ? ents[u.index].at("kind") == "class"
                            : std::find(codes.begin(), codes.end(), code) != codes.end();
      if (u.used < u.count && fits) {
        ++u.used;
        break;
      }
    }
  }
  return out;
}

bool InPackage(const Json& package, const std::vector<std::string>& used,
               const std::string& service_code) {
  std::vector<std::string> with = used;
  with.push_back(service_code);
  int before = 0, after = 0;
  for (const auto& u : UsageOf(package, used)) before += u.used;
  for (const auto& u : UsageOf(package, with)) after += u.used;
  return after > before;
}

Result<Json> ValidateRegistration(const Json& in, int32_t today) {
  FieldReader r(in, "");
  Json out = Json::object();
  if (auto due = r.Date("due_date")) {
    out["due_date"] = FormatDate(*due);
    if (*due > today + kPregnancyDays) {
      r.FailAt("due_date", "must be at most 280 days (40 weeks) from today");
    }
    if (*due < today - 3 * 7) r.FailAt("due_date", "must not be more than 3 weeks ago");
  }
  if (auto lmp = r.Date("last_period_date")) {
    out["last_period_date"] = FormatDate(*lmp);
    if (*lmp > today) r.FailAt("last_period_date", "must not be in the future");
    if (*lmp < today - kPregnancyDays - 3 * 7) {
      r.FailAt("last_period_date", "must be within the last 43 weeks");
    }
  }
  if (const Json* s = r.Object("scan")) {
    FieldReader sr(*s, r.PointerTo("scan"));
    Json so = Json::object();
    auto date = sr.Date("date", true);
    if (date) {
      so["date"] = FormatDate(*date);
      if (*date > today) sr.FailAt("date", "must not be in the future");
    }
    if (auto g = ReadGestation(sr, "gestation", true)) {
      so["gestation"] = FormatGestation(*g);
      if (*g < 6 * 7) sr.FailAt("gestation", "a dating scan measures from 6+0 weeks");
    }
    r.Merge(sr);
    out["scan"] = so;
  }
  out["fetuses"] = r.Integer("fetuses", 1, 4).value_or(1);
  PutOpt(out, "package_id", r.Uuid("package_id", true));
  PutOpt(out, "preferred_provider_id", r.Uuid("preferred_provider_id"));
  if (const Json* c = r.Object("contact", true)) {
    FieldReader cr(*c, r.PointerTo("contact"));
    Json co = Json::object();
    if (auto phone = cr.String("phone", 30, true)) {
      auto digits = NormalisePhone(*phone);
      if (!digits) cr.FailAt("phone", "must be a phone number of 8 to 15 digits");
      co["phone"] = digits.value_or("");
    }
    if (auto email = cr.String("email", 254)) {
      if (email->find('@') == std::string::npos || email->front() == '@' || email->back() == '@') {
        cr.FailAt("email", "must be an e-mail address");
      }
      co["email"] = *email;
    }
    r.Merge(cr);
    out["contact"] = co;
  }
  if (const Json* c = r.Object("consent", true)) {
    FieldReader cr(*c, r.PointerTo("consent"));
    auto programme = cr.Bool("programme", true);
    if (programme && !*programme) {
      cr.FailAt("programme", "must be true: the hospital keeps these details to care for you");
    }
    auto version = cr.String("version", 60, true);
    r.Merge(cr);
    out["consent"] = {{"programme", true}, {"version", version.value_or("")}};
  }
  if (auto note = r.String("note", 1000)) out["note"] = *note;
  if (r.ok() && !out.contains("due_date") && !out.contains("last_period_date") &&
      !out.contains("scan")) {
    r.FailAt("due_date", "give a due date, the first day of your last period, or a dating scan");
  }
  TIA_TRY(r.Finish());
  const Dating d = *DatePregnancy(DatingOf(out));
  if (d.due < today - 3 * 7 || d.due > today + kPregnancyDays) {
    return tl::unexpected(Error{ErrorCode::kInvalidArgument,
                                "dates to a due date that is not a current pregnancy",
                                out.contains("scan") ? "/scan/date" : "/last_period_date", 0});
  }
  return out;
}

DatingInput DatingOf(const Json& reg) {
  DatingInput in;
  if (reg.contains("due_date")) in.due = ParseDate(reg["due_date"].get<std::string>());
  if (reg.contains("last_period_date")) {
    in.last_period = ParseDate(reg["last_period_date"].get<std::string>());
  }
  if (reg.contains("scan")) {
    in.scan = ScanDating{*ParseDate(reg["scan"]["date"].get<std::string>()),
                         *ParseGestation(reg["scan"]["gestation"].get<std::string>())};
  }
  return in;
}

Result<Json> ValidateBirth(const Json& in, int64_t now_ms) {
  FieldReader r(in, "");
  Json out = Json::object();
  if (auto at = r.Time("born_at", true)) {
    out["born_at"] = FormatRfc3339(*at);
    if (at->utc_ms > now_ms + 5 * kMinuteMs) r.FailAt("born_at", "must not be in the future");
  }
  PutOpt(out, "mode", r.Enum("mode", {"vaginal", "assisted", "caesarean"}, true));
  out["babies"] = ReadList(r, "babies", 4, true, [](FieldReader& x, Json& b) {
    PutOpt(b, "name", x.String("name", 100));
    PutOpt(b, "sex", x.Enum("sex", {"female", "male"}));
    PutOpt(b, "weight_g", x.Integer("weight_g", 300, 7000, true));
  });
  if (r.ok() && out["babies"].empty()) r.FailAt("babies", "must name at least one baby");
  if (auto note = r.String("note", 1000)) out["note"] = *note;
  TIA_TRY(r.Finish());
  return out;
}

Result<CourseIn> ValidateCourse(const Json& in) {
  FieldReader r(in, "");
  CourseIn out;
  Json& b = out.body = Json::object();
  ReadBilingual(r, b, "title", kMaxName, true);
  PutOpt(b, "number", r.String("number", 20));
  ReadBilingual(r, b, "description", 2000, false);
  b["audience"] = r.Enum("audience", {"pregnancy", "postpartum", "all"}).value_or("pregnancy");
  if (const Json* co = r.Object("cohort")) {
    FieldReader cr(*co, r.PointerTo("cohort"));
    auto from = cr.Date("due_from", true);
    auto to = cr.Date("due_to", true);
    if (from && to && *to < *from) cr.FailAt("due_to", "must not be before due_from");
    if (from && to) b["cohort"] = {{"due_from", FormatDate(*from)}, {"due_to", FormatDate(*to)}};
    r.Merge(cr);
  }
  b["companions_allowed"] = r.Integer("companions_allowed", 0, 3).value_or(1);
  b["waitlist_limit"] = r.Integer("waitlist_limit", 0, 500).value_or(30);
  if (const Json* arr = r.Array("sessions", 20, true)) {
    if (arr->empty()) r.FailAt("sessions", "must hold at least one session");
    for (size_t i = 0; i < arr->size() && r.ok(); ++i) {
      FieldReader x((*arr)[i], r.PointerTo("sessions") + "/" + std::to_string(i));
      CourseSessionIn ses;
      ses.body = Json::object();
      ReadBilingual(x, ses.body, "title", kMaxName, true);
      auto start = x.Time("start", true);
      auto end = x.Time("end", true);
      if (start && end && end->utc_ms <= start->utc_ms) x.FailAt("end", "must be after start");
      if (start && end && end->utc_ms - start->utc_ms > 12 * kHourMs) {
        x.FailAt("end", "must be within 12 hours of start");
      }
      if (start) ses.start_ms = start->utc_ms;
      if (end) ses.end_ms = end->utc_ms;
      ses.room_seats = static_cast<int>(x.Integer("room_seats", 0, 500, true).value_or(0));
      ses.online_seats = static_cast<int>(x.Integer("online_seats", 0, 500).value_or(0));
      ses.min_to_run = static_cast<int>(x.Integer("min_to_run", 0, 500).value_or(0));
      if (x.ok() && ses.room_seats + ses.online_seats == 0) {
        x.FailAt("room_seats", "a session needs seats in the room or online");
      }
      PutOpt(ses.body, "place", x.String("place", kMaxName));
      PutOpt(ses.body, "leader", x.String("leader", kMaxName));
      if (auto url = x.String("online_url", 500)) {
        if (!url->starts_with("https://")) x.FailAt("online_url", "must be an https:// address");
        ses.body["online_url"] = *url;
      }
      if (x.ok() && ses.online_seats > 0 && !ses.body.contains("online_url")) {
        x.FailAt("online_url", "is needed for seats online");
      }
      if (x.ok() && !out.sessions.empty() && ses.start_ms < out.sessions.back().end_ms) {
        x.FailAt("start", "must be after the session before ends");
      }
      r.Merge(x);
      out.sessions.push_back(std::move(ses));
    }
  }
  TIA_TRY(r.Finish());
  return out;
}

int SeatsFor(std::string_view pool, int companions) { return pool == "room" ? 1 + companions : 1; }

std::vector<size_t> Promote(int free, const std::vector<int>& waiting) {
  std::vector<size_t> out;
  for (size_t i = 0; i < waiting.size() && free > 0; ++i) {
    if (waiting[i] <= free) {
      out.push_back(i);
      free -= waiting[i];
    }
  }
  return out;
}

}  // namespace tia::domain
