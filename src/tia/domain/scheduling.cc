#include "tia/domain/scheduling.h"

#include <date/tz.h>

#include <algorithm>

#include "tia/base/uuid.h"

namespace tia::domain {
namespace {

constexpr std::array<const char*, 7> kWeekdays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr size_t kMaxName = 200;

template <class T>
void PutOpt(Json& out, std::string_view key, const std::optional<T>& v) {
  if (v) out[std::string(key)] = *v;
}

// "HH:MM" -> minutes after midnight; "24:00" allowed as an end.
std::optional<int> ReadClock(FieldReader& r, std::string_view key, bool required) {
  auto s = r.String(key, 5, required);
  if (!s) return std::nullopt;
  const bool shape = s->size() == 5 && (*s)[2] == ':' && std::isdigit((*s)[0]) &&
                     std::isdigit((*s)[1]) && std::isdigit((*s)[3]) && std::isdigit((*s)[4]);
  const int h = shape ? ((*s)[0] - '0') * 10 + ((*s)[1] - '0') : -1;
  const int m = shape ? ((*s)[3] - '0') * 10 + ((*s)[4] - '0') : -1;
  if (!shape || h > 24 || m > 59 || (h == 24 && m != 0)) {
    r.FailAt(key, "must be a time of day as HH:MM (00:00 to 24:00)");
    return std::nullopt;
  }
  return h * 60 + m;
}

std::string ClockText(int minutes) {  // 0..1440
  const int h = minutes / 60, m = minutes % 60;
  return {static_cast<char>('0' + h / 10), static_cast<char>('0' + h % 10), ':',
          static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10)};
}

const date::time_zone* Zone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

void ReadZone(FieldReader& r, Json& out, bool required) {
  if (auto tz = r.String("time_zone", 64, required)) {
    if (!Zone(*tz)) r.FailAt("time_zone", "must be an IANA time zone like Asia/Ho_Chi_Minh");
    out["time_zone"] = *tz;
  }
}

// {start, end, breaks: [{start, end}]}: breaks inside the hours, in order, not overlapping.
std::optional<Json> ReadHours(FieldReader& r) {
  auto start = ReadClock(r, "start", true);
  auto end = ReadClock(r, "end", true);
  if (start && end && *end <= *start) r.FailAt("end", "must be after start");
  Json breaks = Json::array();
  if (const Json* arr = r.Array("breaks", 10)) {
    int prev = start.value_or(0);
    for (size_t i = 0; i < arr->size() && r.ok(); ++i) {
      FieldReader b((*arr)[i], r.PointerTo("breaks") + "/" + std::to_string(i));
      auto bs = ReadClock(b, "start", true);
      auto be = ReadClock(b, "end", true);
      if (bs && be && *be <= *bs) b.FailAt("end", "must be after start");
      if (bs && end && (*bs < prev || *be > *end)) {
        b.FailAt("start", "breaks must lie inside the working hours, in order, not overlapping");
      }
      r.Merge(b);
      if (be) prev = *be;
      if (bs && be) breaks.push_back({{"start", ClockText(*bs)}, {"end", ClockText(*be)}});
    }
  }
  if (!r.ok() || !start || !end) return std::nullopt;
  return Json{{"start", ClockText(*start)}, {"end", ClockText(*end)}, {"breaks", breaks}};
}

int ClockOf(const Json& j) {
  const std::string& s = j.get_ref<const std::string&>();
  return ((s[0] - '0') * 10 + (s[1] - '0')) * 60 + (s[3] - '0') * 10 + (s[4] - '0');
}

DayHours HoursOf(const Json& j) {
  DayHours d{ClockOf(j.at("start")), ClockOf(j.at("end")), {}};
  for (const auto& b : j.at("breaks"))
    d.breaks.emplace_back(ClockOf(b.at("start")), ClockOf(b.at("end")));
  return d;
}

bool Overlaps(int64_t a0, int64_t a1, int64_t b0, int64_t b1) { return a0 < b1 && b0 < a1; }

// A list of distinct lowercase UUIDs (an empty array when absent and not required).
Json ReadIds(FieldReader& r, const char* key, size_t max, bool required, const char* what) {
  Json ids = Json::array();
  if (const Json* arr = r.Array(key, max, required)) {
    std::set<std::string> seen;
    for (size_t i = 0; i < arr->size(); ++i) {
      const Json& v = (*arr)[i];
      const std::string ptr = r.PointerTo(key) + "/" + std::to_string(i);
      if (!v.is_string() || !IsCanonicalUuid(v.get<std::string>())) {
        r.FailAtPointer(ptr, std::string("must be ") + what + " (a lowercase UUID)");
      } else if (!seen.insert(v.get<std::string>()).second) {
        r.FailAtPointer(ptr, "is listed twice");
      } else {
        ids.push_back(v);
      }
    }
  }
  return ids;
}

}  // namespace

Result<Json> ValidateService(const Json& in) {
  FieldReader r(in, "");
  Json out = Json::object();
  PutOpt(out, "code", r.String("code", 40, true));
  if (out.contains("code") && out["code"].get_ref<const std::string&>().empty()) {
    r.FailAt("code", "must not be empty");
  }
  if (const Json* name = r.Object("name", true)) {
    FieldReader n(*name, r.PointerTo("name"));
    Json no = Json::object();
    PutOpt(no, "en", n.String("en", kMaxName, true));
    PutOpt(no, "vi", n.String("vi", kMaxName, true));
    r.Merge(n);
    out["name"] = no;
  }
  PutOpt(out, "kind",
         r.Enum("kind",
                {"lactation_consult", "same_day_lactation_clinic", "postpartum_check",
                 "antenatal_class", "nutrition_consult", "other"},
                true));
  PutOpt(out, "modality", r.Enum("modality", {"in_person", "video", "phone"}, true));
  const ServiceRules d;
  auto put_int = [&](const char* key, int64_t min, int64_t max, int dflt) {
    out[key] = r.Integer(key, min, max).value_or(dflt);
  };
  out["duration_min"] = r.Integer("duration_min", 5, 8 * 60, true).value_or(0);
  put_int("step_min", 5, 8 * 60, out["duration_min"].get<int>());
  put_int("buffer_before_min", 0, 240, d.buffer_before_min);
  put_int("buffer_after_min", 0, 240, d.buffer_after_min);
  put_int("capacity", 1, 500, d.capacity);
  put_int("min_notice_min", 0, 60 * 24 * 30, d.min_notice_min);
  put_int("max_days_ahead", 0, 365, d.max_days_ahead);
  put_int("cancel_window_min", 0, 60 * 24 * 30, d.cancel_window_min);
  put_int("reschedule_window_min", 0, 60 * 24 * 30, d.reschedule_window_min);
  out["requires_approval"] = r.Bool("requires_approval").value_or(false);
  out["same_day"] = r.Bool("same_day").value_or(false);
  out["active"] = r.Bool("active").value_or(true);
  out["room_ids"] = ReadIds(r, "room_ids", 20, false, "a room id");
  TIA_TRY(r.Finish());
  return out;
}

Result<Json> ValidateRoom(const Json& in) {
  FieldReader r(in, "");
  Json out = Json::object();
  PutOpt(out, "name", r.String("name", kMaxName, true));
  if (out.contains("name") && out["name"].get_ref<const std::string&>().empty()) {
    r.FailAt("name", "must not be empty");
  }
  out["capacity"] = r.Integer("capacity", 1, 500).value_or(1);
  out["active"] = r.Bool("active").value_or(true);
  TIA_TRY(r.Finish());
  return out;
}

Result<Json> ValidateProvider(const Json& in) {
  FieldReader r(in, "");
  Json out = Json::object();
  PutOpt(out, "name", r.String("name", kMaxName, true));
  PutOpt(out, "title", r.String("title", kMaxName));
  ReadZone(r, out, true);
  out["service_ids"] = ReadIds(r, "service_ids", 100, true, "a service id");
  Json weekly = Json::object();
  if (const Json* w = r.Object("weekly", true)) {
    FieldReader wr(*w, r.PointerTo("weekly"));
    for (const char* day : kWeekdays) {
      if (const Json* h = wr.Object(day)) {
        FieldReader hr(*h, wr.PointerTo(day));
        auto hours = ReadHours(hr);
        wr.Merge(hr);
        if (hours) weekly[day] = *hours;
      }
    }
    r.Merge(wr);
  }
  out["weekly"] = weekly;
  Json exceptions = Json::array();
  if (const Json* arr = r.Array("exceptions", 400)) {
    std::set<int32_t> dates;
    for (size_t i = 0; i < arr->size() && r.ok(); ++i) {
      FieldReader e((*arr)[i], r.PointerTo("exceptions") + "/" + std::to_string(i));
      auto d = e.Date("date", true);
      if (d && !dates.insert(*d).second) e.FailAt("date", "has another exception already");
      Json eo = Json::object();
      if (d) eo["date"] = FormatDate(*d);
      if (e.Bool("off").value_or(false)) {
        eo["off"] = true;
      } else if (auto hours = ReadHours(e)) {
        eo.update(*hours);
      }
      r.Merge(e);
      exceptions.push_back(eo);
    }
  }
  out["exceptions"] = exceptions;
  out["active"] = r.Bool("active").value_or(true);
  TIA_TRY(r.Finish());
  return out;
}

namespace {

// "hours": [{days [1..7], start, end}] — empty: around the clock.
Json ReadWeeklyHours(FieldReader& hr) {
  Json hours = Json::array();
  if (const Json* arr = hr.Array("hours", 14)) {
    for (size_t i = 0; i < arr->size() && hr.ok(); ++i) {
      FieldReader x((*arr)[i], hr.PointerTo("hours") + "/" + std::to_string(i));
      Json days = Json::array();
      if (const Json* ds = x.Array("days", 7, true)) {
        for (size_t k = 0; k < ds->size(); ++k) {
          const Json& v = (*ds)[k];
          if (!v.is_number_integer() || v.get<int>() < 1 || v.get<int>() > 7) {
            x.FailAtPointer(x.PointerTo("days") + "/" + std::to_string(k),
                            "must be a weekday number, 1 (Monday) to 7 (Sunday)");
          } else {
            days.push_back(v);
          }
        }
      }
      auto start = ReadClock(x, "start", true);
      auto end = ReadClock(x, "end", true);
      if (start && end && *end <= *start) x.FailAt("end", "must be after start");
      hr.Merge(x);
      if (start && end) {
        hours.push_back({{"days", days}, {"start", ClockText(*start)}, {"end", ClockText(*end)}});
      }
    }
  }
  return hours;
}

}  // namespace

const date::time_zone* ZoneNamed(const std::string& name) { return Zone(name); }

int WeekdayOf(int32_t day) { return ((day % 7) + 7 + 3) % 7 + 1; }

bool InWeeklyHours(const Json& hours, const date::time_zone* zone, int64_t at) {
  if (hours.empty()) return true;
  const int32_t day = LocalDateOf(zone, at);
  const int weekday = WeekdayOf(day);
  const auto midnight = InstantOf(zone, day, 0).value_or(at);
  const int minute = static_cast<int>((at - midnight) / kMinuteMs);
  for (const auto& h : hours) {
    bool today = false;
    for (const auto& d : h.at("days")) today = today || d.get<int>() == weekday;
    if (today && minute >= ClockOf(h.at("start")) && minute < ClockOf(h.at("end"))) return true;
  }
  return false;
}

int64_t NextInWeeklyHours(const Json& hours, const date::time_zone* zone, int64_t from) {
  if (InWeeklyHours(hours, zone, from)) return from;
  const int32_t today = LocalDateOf(zone, from);
  std::optional<int64_t> best;
  for (int32_t day = today; day <= today + 7; ++day) {
    for (const auto& h : hours) {
      bool open = false;
      for (const auto& d : h.at("days")) open = open || d.get<int>() == WeekdayOf(day);
      if (!open) continue;
      const auto start = InstantOf(zone, day, ClockOf(h.at("start")));
      if (start && *start > from && (!best || *start < *best)) best = start;
    }
    if (best) return *best;
  }
  return from;  // no window at all: answer as soon as anyone can
}

Result<Json> ValidateHospitalSettings(const Json& in) {
  FieldReader r(in, "");
  Json out = Json::object();
  ReadZone(r, out, true);
  PutOpt(out, "emergency_number", r.String("emergency_number", 20, true));
  if (const Json* h = r.Object("hotline", true)) {
    FieldReader hr(*h, r.PointerTo("hotline"));
    Json ho = Json::object();
    PutOpt(ho, "number", hr.String("number", 40, true));
    ho["hours"] = ReadWeeklyHours(hr);
    r.Merge(hr);
    out["hotline"] = ho;
  }
  // When the lactation team answers remote consultations, and the reply window the hospital
  // publishes for questions without an urgent result (hours; 48 until it sets its own).
  Json consult = {{"hours", Json::array()}, {"routine_reply_hours", 48}};
  if (const Json* co = r.Object("consultation")) {
    FieldReader cr(*co, r.PointerTo("consultation"));
    consult["hours"] = ReadWeeklyHours(cr);
    if (auto h = cr.Integer("routine_reply_hours", 1, 168)) consult["routine_reply_hours"] = *h;
    r.Merge(cr);
  }
  out["consultation"] = consult;
  Json holidays = Json::array();
  if (const Json* arr = r.Array("holidays", 100)) {
    for (size_t i = 0; i < arr->size() && r.ok(); ++i) {
      FieldReader x((*arr)[i], r.PointerTo("holidays") + "/" + std::to_string(i));
      Json ho = Json::object();
      if (auto d = x.Date("date", true)) ho["date"] = FormatDate(*d);
      PutOpt(ho, "name", x.String("name", kMaxName));
      r.Merge(x);
      holidays.push_back(ho);
    }
  }
  out["holidays"] = holidays;
  TIA_TRY(r.Finish());
  return out;
}

ServiceRules RulesOf(const Json& s) {
  return ServiceRules{s.at("duration_min").get<int>(),
                      s.at("step_min").get<int>(),
                      s.at("buffer_before_min").get<int>(),
                      s.at("buffer_after_min").get<int>(),
                      s.at("capacity").get<int>(),
                      s.at("min_notice_min").get<int>(),
                      s.at("max_days_ahead").get<int>(),
                      s.at("cancel_window_min").get<int>(),
                      s.at("reschedule_window_min").get<int>()};
}

ProviderPlan PlanOf(const Json& p) {
  ProviderPlan plan;
  plan.zone = Zone(p.at("time_zone").get<std::string>());
  const Json& weekly = p.at("weekly");
  for (size_t i = 0; i < kWeekdays.size(); ++i) {
    if (weekly.contains(kWeekdays[i])) plan.weekly[i] = HoursOf(weekly.at(kWeekdays[i]));
  }
  for (const auto& e : p.at("exceptions")) {
    const int32_t d = *ParseDate(e.at("date").get<std::string>());
    if (e.value("off", false)) {
      plan.exceptions[d] = std::nullopt;
    } else {
      plan.exceptions[d] = HoursOf(e);
    }
  }
  return plan;
}

std::set<int32_t> HolidaysOf(const Json& settings) {
  std::set<int32_t> out;
  if (!settings.contains("holidays")) return out;
  for (const auto& h : settings.at("holidays"))
    out.insert(*ParseDate(h.at("date").get<std::string>()));
  return out;
}

int32_t LocalDateOf(const date::time_zone* zone, int64_t utc_ms) {
  const auto sys = date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{utc_ms}};
  const auto local = zone->to_local(sys);
  return static_cast<int32_t>(date::floor<date::days>(local).time_since_epoch().count());
}

std::optional<int64_t> InstantOf(const date::time_zone* zone, int32_t day, int minute) {
  const date::local_seconds lt = date::local_days{date::days{day}} + std::chrono::minutes{minute};
  const auto info = zone->get_info(lt);
  if (info.result == date::local_info::nonexistent) return std::nullopt;
  const auto sys = zone->to_sys(lt, date::choose::earliest);
  return std::chrono::duration_cast<std::chrono::milliseconds>(sys.time_since_epoch()).count();
}

Busy BusyOf(const ServiceRules& rules, const std::string& service_id, int64_t start_ms) {
  return Busy{start_ms - rules.buffer_before_min * kMinuteMs,
              start_ms + (rules.duration_min + rules.buffer_after_min) * kMinuteMs, service_id,
              start_ms};
}

std::vector<Slot> ComputeSlots(const ProviderPlan& plan, const std::set<int32_t>& holidays,
                               const ServiceRules& rules, const std::string& service_id,
                               const std::vector<Busy>& busy, int32_t from_date, int32_t to_date,
                               int64_t now_ms) {
  std::vector<Slot> out;
  if (!plan.zone) return out;
  const int64_t earliest = now_ms + rules.min_notice_min * kMinuteMs;
  const int64_t latest = now_ms + rules.max_days_ahead * kDayMs;
  for (int32_t day = from_date; day <= to_date; ++day) {
    if (holidays.count(day)) continue;
    std::optional<DayHours> hours;
    if (auto e = plan.exceptions.find(day); e != plan.exceptions.end()) {
      hours = e->second;
    } else {
      hours = plan.weekly[static_cast<size_t>(((day % 7) + 7 + 3) % 7)];  // 1970-01-01: Thursday
    }
    if (!hours) continue;
    for (int t = hours->start_min; t + rules.duration_min <= hours->end_min; t += rules.step_min) {
      const int t_end = t + rules.duration_min;
      const bool in_break =
          std::any_of(hours->breaks.begin(), hours->breaks.end(),
                      [&](const auto& b) { return t < b.second && b.first < t_end; });
      if (in_break) continue;
      const auto start = InstantOf(plan.zone, day, t);
      if (!start || *start < earliest || *start > latest) continue;
      const Busy mine = BusyOf(rules, service_id, *start);
      int taken = 0;
      bool blocked = false;
      for (const auto& b : busy) {
        if (!Overlaps(mine.from_ms, mine.to_ms, b.from_ms, b.to_ms)) continue;
        if (rules.capacity > 1 && b.service_id == service_id && b.start_ms == *start) {
          ++taken;  // a seat of the same class
        } else {
          blocked = true;
          break;
        }
      }
      if (blocked || taken >= rules.capacity) continue;
      out.push_back({*start, *start + rules.duration_min * kMinuteMs, rules.capacity - taken, {}});
    }
  }
  return out;
}

std::vector<Slot> PlaceInRooms(std::vector<Slot> slots, const ServiceRules& rules,
                               const std::string& service_id, const std::vector<RoomLoad>& rooms) {
  std::vector<Slot> out;
  for (Slot& slot : slots) {
    const Busy mine = BusyOf(rules, service_id, slot.start_ms);
    const RoomLoad* chosen = nullptr;
    int chosen_taken = 0;
    for (const auto& room : rooms) {
      int taken = 0;
      bool blocked = false;
      for (const auto& b : room.busy) {
        if (!Overlaps(mine.from_ms, mine.to_ms, b.from_ms, b.to_ms)) continue;
        if (rules.capacity > 1 && b.service_id == service_id && b.start_ms == slot.start_ms) {
          ++taken;  // a seat of the same class, in this room already
        } else {
          blocked = true;
          break;
        }
      }
      if (blocked || taken >= room.capacity) continue;
      if (!chosen || (taken > 0 && chosen_taken == 0)) {
        chosen = &room;
        chosen_taken = taken;
      }
      if (chosen_taken > 0) break;
    }
    if (!chosen) continue;
    slot.seats_left = std::min(slot.seats_left, chosen->capacity - chosen_taken);
    slot.room_id = chosen->room_id;
    out.push_back(std::move(slot));
  }
  return out;
}

}  // namespace tia::domain
