#include "tia/domain/records.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "tia/domain/pregnancy.h"
#include "tia/domain/scheduling.h"

namespace tia::domain {
namespace {

constexpr int64_t kMaxSegmentMs = 6 * kHourMs;  // input sanity, not a clinical threshold
constexpr size_t kMaxNote = 4000;

double Round1(double v) { return std::round(v * 10.0) / 10.0; }
double Round2(double v) { return std::round(v * 100.0) / 100.0; }

// Reads a time and refuses one more than kFutureSkewMs ahead of the server clock.
std::optional<Timestamp> ReadTime(FieldReader& r, std::string_view key, int64_t now_ms,
                                  bool required) {
  auto t = r.Time(key, required);
  if (t && t->utc_ms > now_ms + kFutureSkewMs) {
    r.FailAt(key, "is more than 5 minutes in the future; check the phone's clock");
    return std::nullopt;
  }
  return t;
}

void PutTime(Json& out, std::string_view key, const std::optional<Timestamp>& t) {
  if (t) out[std::string(key)] = FormatRfc3339(*t);
}

template <class T>
void PutOpt(Json& out, std::string_view key, const std::optional<T>& v) {
  if (v) out[std::string(key)] = *v;
}

void ReadNote(FieldReader& r, Json& out) { PutOpt(out, "note", r.String("note", kMaxNote)); }

void ReadInfant(FieldReader& r, Json& out, std::vector<std::string>& infants) {
  if (auto id = r.Uuid("infant_id")) {
    out["infant_id"] = *id;
    infants.push_back(*id);
  }
}

// Reads an array of distinct enum values.
std::optional<std::vector<std::string>> ReadEnumSet(FieldReader& r, std::string_view key,
                                                    std::initializer_list<std::string_view> allowed,
                                                    bool non_empty) {
  const Json* arr = r.Array(key, allowed.size(), non_empty);
  if (!arr) return std::nullopt;
  if (non_empty && arr->empty()) {
    r.FailAt(key, "must list at least one item");
    return std::nullopt;
  }
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (size_t i = 0; i < arr->size(); ++i) {
    const Json& v = (*arr)[i];
    bool ok = false;
    if (v.is_string()) {
      for (auto a : allowed) ok = ok || v.get_ref<const std::string&>() == a;
    }
    const std::string ptr = r.PointerTo(key) + "/" + std::to_string(i);
    if (!ok) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      r.FailAtPointer(ptr, "must be one of: " + list);
      return std::nullopt;
    }
    if (!seen.insert(v.get<std::string>()).second) {
      r.FailAtPointer(ptr, "is listed twice");
      return std::nullopt;
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

Result<ValidRecord> Done(FieldReader& r, RecordKind kind, Timestamp at, Json body,
                         std::vector<std::string> infants = {}) {
  TIA_TRY(r.Finish());
  return ValidRecord{kind, at, std::move(body), std::move(infants)};
}

Result<ValidRecord> Profile(FieldReader& r, int64_t now_ms) {
  Json out = Json::object();
  if (auto d = r.Date("baby_birth_date")) out["baby_birth_date"] = FormatDate(*d);
  PutOpt(out, "first_baby", r.Bool("first_baby"));
  PutOpt(out, "delivery_type", r.Enum("delivery_type", {"vaginal", "caesarean"}));
  if (auto d = r.Date("delivery_date")) out["delivery_date"] = FormatDate(*d);
  PutOpt(out, "breast_surgery", r.Bool("breast_surgery"));
  if (auto d = r.Date("breast_surgery_date")) {
    out["breast_surgery_date"] = FormatDate(*d);
    if (static_cast<int64_t>(*d) * kDayMs > now_ms + kDayMs) {
      r.FailAt("breast_surgery_date", "must not be in the future");
    }
  }
  PutOpt(out, "breast_implants", r.Bool("breast_implants"));
  // Asked once by the symptom check and kept here (the care engine's inputs `lactating` and
  // `immunocompromised_or_diabetes`).
  PutOpt(out, "breastfeeding", r.Bool("breastfeeding"));
  PutOpt(out, "diabetes", r.Bool("diabetes"));
  PutOpt(out, "weakened_immunity", r.Bool("weakened_immunity"));
  if (auto tz = r.String("time_zone", 64)) {
    // A zone of the zone database the server computes with (not only its shape: "Mars/Olympus" and
    // "Etc/GMT+99" look like names and are not zones).
    if (!ZoneNamed(*tz)) r.FailAt("time_zone", "must be an IANA time zone like Asia/Ho_Chi_Minh");
    out["time_zone"] = *tz;
  }
  // Dating a pregnancy (domain/pregnancy.h), in her calendar (the zone she gives, else Viet
  // Nam's): a due date is at most 280 days after today; the first day of the last period is not
  // after today.
  const auto due = r.Date("due_date");
  const auto last_period = r.Date("last_period_date");
  if (due || last_period) {
    const date::time_zone* zone = nullptr;
    if (out.contains("time_zone")) zone = ZoneNamed(out["time_zone"].get<std::string>());
    const int32_t today = LocalDateOf(zone ? zone : ZoneNamed(kDefaultZone), now_ms);
    if (due) {
      out["due_date"] = FormatDate(*due);
      if (*due > today + kPregnancyDays) {
        r.FailAt("due_date", "must be at most 280 days (40 weeks) from today");
      }
    }
    if (last_period) {
      out["last_period_date"] = FormatDate(*last_period);
      if (*last_period > today) r.FailAt("last_period_date", "must not be in the future");
    }
  }
  PutOpt(out, "language", r.Enum("language", {"vi", "en"}));
  if (auto phone = r.String("phone", 30)) {
    // For text-message reminders. Never guessed: a number that is not 8 to 15 digits is refused.
    auto digits = NormalisePhone(*phone);
    if (!digits) r.FailAt("phone", "must be a phone number of 8 to 15 digits");
    out["phone"] = digits.value_or("");
  }
  // The channels her messages go by (app/messaging.h); until she chooses: e-mail, and text
  // messages when a phone number is given. A text or Zalo message needs the number.
  if (const Json* ch = r.Array("message_channels", 3)) {
    Json chosen = Json::array();
    for (size_t i = 0; i < ch->size() && r.ok(); ++i) {
      const Json& v = (*ch)[i];
      const std::string at = r.PointerTo("message_channels") + "/" + std::to_string(i);
      if (!v.is_string() || (v != "email" && v != "sms" && v != "zalo")) {
        r.FailAtPointer(at, "must be email, sms or zalo");
      } else if (std::find(chosen.begin(), chosen.end(), v) != chosen.end()) {
        r.FailAtPointer(at, "is listed twice");
      }
      chosen.push_back(v);
    }
    if (r.ok() && chosen.empty()) r.FailAt("message_channels", "must name at least one channel");
    const bool by_phone = std::find(chosen.begin(), chosen.end(), "sms") != chosen.end() ||
                          std::find(chosen.begin(), chosen.end(), "zalo") != chosen.end();
    if (r.ok() && by_phone && !out.contains("phone")) {
      r.FailAt("message_channels", "needs a phone number for text and Zalo messages");
    }
    out["message_channels"] = chosen;
  }
  if (const Json* u = r.Object("units")) {
    FieldReader ur(*u, r.PointerTo("units"));
    Json units = Json::object();
    PutOpt(units, "volume", ur.Enum("volume", {"ml", "oz"}));
    PutOpt(units, "temperature", ur.Enum("temperature", {"c", "f"}));
    r.Merge(ur);
    out["units"] = units;
  }
  if (out.contains("delivery_date") && out.contains("baby_birth_date") &&
      out["delivery_date"] != out["baby_birth_date"] && r.ok()) {
    // Twins born either side of midnight are possible; only refuse a delivery after the birth.
    if (*ParseDate(out["delivery_date"].get<std::string>()) <
        *ParseDate(out["baby_birth_date"].get<std::string>()) - 1) {
      r.FailAt("delivery_date", "must not be before the baby's birth date");
    }
  }
  if (auto d = out.find("baby_birth_date"); d != out.end() && r.ok()) {
    if (static_cast<int64_t>(*ParseDate(d->get<std::string>())) * kDayMs > now_ms + kDayMs) {
      r.FailAt("baby_birth_date", "must not be in the future");
    }
  }
  return Done(r, RecordKind::kProfile, Timestamp{now_ms, 0}, std::move(out));
}

Result<ValidRecord> Infant(FieldReader& r, int64_t now_ms) {
  Json out = Json::object();
  PutOpt(out, "name", r.String("name", 100));
  auto birth = r.Date("birth_date", true);
  if (birth) {
    out["birth_date"] = FormatDate(*birth);
    if (static_cast<int64_t>(*birth) * kDayMs > now_ms + kDayMs) {
      r.FailAt("birth_date", "must not be in the future");
    }
  }
  PutOpt(out, "birth_weight_g", r.Integer("birth_weight_g", 300, 7000));
  PutOpt(out, "gestation_weeks", r.Integer("gestation_weeks", 22, 44));
  ReadNote(r, out);
  const Timestamp at{birth ? static_cast<int64_t>(*birth) * kDayMs : 0, 0};
  return Done(r, RecordKind::kInfant, at, std::move(out));
}

// One breast segment: side, start, end, pauses inside it.
Json BreastSegment(FieldReader& s, const Timestamp& feed_start, int64_t now_ms) {
  Json out = Json::object();
  out["type"] = "breast";
  PutOpt(out, "side", s.Enum("side", {"left", "right"}, true));
  auto start = ReadTime(s, "start", now_ms, true);
  auto end = ReadTime(s, "end", now_ms, true);
  if (start && start->utc_ms < feed_start.utc_ms) {
    s.FailAt("start", "must not be before the feed's occurred_at");
  }
  if (start && end && end->utc_ms <= start->utc_ms) s.FailAt("end", "must be after start");
  if (start && end && end->utc_ms - start->utc_ms > kMaxSegmentMs) {
    s.FailAt("end", "a segment longer than 6 hours is not plausible");
  }
  PutTime(out, "start", start);
  PutTime(out, "end", end);
  Json pauses = Json::array();
  if (const Json* arr = s.Array("pauses", 50)) {
    int64_t prev_end = start ? start->utc_ms : 0;
    for (size_t i = 0; i < arr->size() && s.ok(); ++i) {
      FieldReader p((*arr)[i], s.PointerTo("pauses") + "/" + std::to_string(i));
      auto ps = p.Time("start", true);
      auto pe = p.Time("end", true);
      if (ps && pe && pe->utc_ms <= ps->utc_ms) p.FailAt("end", "must be after start");
      if (ps && start && end && (ps->utc_ms < prev_end || ps->utc_ms > end->utc_ms)) {
        p.FailAt("start", "must fall inside the segment, after the previous pause");
      }
      if (pe && end && pe->utc_ms > end->utc_ms)
        p.FailAt("end", "must not be after the segment's end");
      s.Merge(p);
      if (pe) prev_end = pe->utc_ms;
      pauses.push_back(
          Json{{"start", ps ? FormatRfc3339(*ps) : ""}, {"end", pe ? FormatRfc3339(*pe) : ""}});
    }
  }
  out["pauses"] = pauses;
  return out;
}

Json BottleSegment(FieldReader& s, const Timestamp& feed_start, int64_t now_ms) {
  Json out = Json::object();
  out["type"] = "bottle";
  PutOpt(out, "milk", s.Enum("milk", {"expressed_breast_milk", "donor_milk", "formula"}, true));
  if (auto ml = ReadVolume(s, "volume", 500, true)) {
    if (*ml <= 0) s.FailAt("volume_ml", "must be more than 0");
    out["volume_ml"] = *ml;
  }
  auto start = ReadTime(s, "start", now_ms, false);
  if (start && start->utc_ms < feed_start.utc_ms) {
    s.FailAt("start", "must not be before the feed's occurred_at");
  }
  PutTime(out, "start", start);
  return out;
}

Result<ValidRecord> Feed(FieldReader& r, int64_t now_ms) {
  Json out = Json::object();
  std::vector<std::string> infants;
  auto at = ReadTime(r, "occurred_at", now_ms, true);
  PutTime(out, "occurred_at", at);
  ReadInfant(r, out, infants);
  Json segments = Json::array();
  const Json* arr = r.Array("segments", 50, true);
  if (arr && arr->empty()) r.FailAt("segments", "must have at least one segment");
  if (arr && at) {
    int64_t prev_start = at->utc_ms;
    for (size_t i = 0; i < arr->size() && r.ok(); ++i) {
      FieldReader s((*arr)[i], r.PointerTo("segments") + "/" + std::to_string(i));
      auto type = s.Enum("type", {"breast", "bottle"}, true);
      Json seg;
      if (type == "breast") seg = BreastSegment(s, *at, now_ms);
      if (type == "bottle") seg = BottleSegment(s, *at, now_ms);
      if (s.ok() && seg.contains("start")) {
        const int64_t st = ParseRfc3339(seg["start"].get<std::string>())->utc_ms;
        if (st < prev_start) s.FailAt("start", "segments must be in the order they happened");
        prev_start = st;
      }
      r.Merge(s);
      segments.push_back(std::move(seg));
    }
  }
  out["segments"] = segments;
  ReadNote(r, out);
  return Done(r, RecordKind::kFeed, at.value_or(Timestamp{}), std::move(out), std::move(infants));
}

Result<ValidRecord> Pump(FieldReader& r, int64_t now_ms) {
  Json out = Json::object();
  auto at = ReadTime(r, "occurred_at", now_ms, true);
  PutTime(out, "occurred_at", at);
  PutOpt(out, "method",
         r.Enum("method", {"electric_double", "electric_single", "manual_pump", "hand_expression"},
                true));
  PutOpt(out, "duration_min", r.Integer("duration_min", 1, 240));
  auto left = ReadVolume(r, "left", 1000, false);
  auto right = ReadVolume(r, "right", 1000, false);
  auto total = ReadVolume(r, "total", 2000, false);
  if (r.ok() && total && (left || right)) {
    r.FailAt("total_ml", "give total_ml, or left_ml and right_ml, not both");
  }
  if (r.ok() && !total && !left && !right) {
    r.FailAt("left_ml", "give left_ml and/or right_ml, or total_ml");
  }
  PutOpt(out, "left_ml", left);
  PutOpt(out, "right_ml", right);
  PutOpt(out, "total_ml", total);
  ReadNote(r, out);
  return Done(r, RecordKind::kPump, at.value_or(Timestamp{}), std::move(out));
}

Json BreastSide(FieldReader& s) {
  Json out = Json::object();
  PutOpt(out, "pain", s.Integer("pain", 0, 10));
  Json locations = Json::array();
  if (const Json* arr = s.Array("locations", 12)) {
    for (size_t i = 0; i < arr->size() && s.ok(); ++i) {
      FieldReader l((*arr)[i], s.PointerTo("locations") + "/" + std::to_string(i));
      Json loc = Json::object();
      PutOpt(loc, "clock", l.Integer("clock", 1, 12, true));
      PutOpt(loc, "distance_cm", l.Number("distance_cm", 0, 20));
      s.Merge(l);
      locations.push_back(std::move(loc));
    }
  }
  out["locations"] = locations;
  if (const Json* lump = s.Object("lump")) {
    FieldReader l(*lump, s.PointerTo("lump"));
    Json lo = Json::object();
    if (auto size = l.Number("size_cm", 0.1, 20)) lo["size_cm"] = Round1(*size);
    PutOpt(lo, "feel",
           l.Enum("feel", {"tender_firm", "fluctuant_tender", "soft_smooth_painless",
                           "hard_painless_irregular"}));
    s.Merge(l);
    out["lump"] = lo;
  }
  PutOpt(out, "redness", s.Enum("redness", {"none", "focal", "one_third_or_more"}));
  PutOpt(out, "warmth", s.Bool("warmth"));
  if (auto nipple = ReadEnumSet(s, "nipple",
                                {"sore", "cracked", "crack_pus_or_crust", "white_spot"}, false)) {
    out["nipple"] = *nipple;
  }
  PutOpt(out, "milk_flow", s.Enum("milk_flow", {"normal", "reduced", "none"}));
  PutOpt(out, "blood_in_milk", s.Bool("blood_in_milk"));
  return out;
}

Result<ValidRecord> BreastCheck(FieldReader& r, int64_t now_ms) {
  Json out = Json::object();
  auto at = ReadTime(r, "occurred_at", now_ms, true);
  PutTime(out, "occurred_at", at);
  bool any = false;
  for (std::string_view side : {"left", "right"}) {
    const Json* obj = r.Object(side);
    if (!obj) continue;
    any = true;
    FieldReader s(*obj, r.PointerTo(side));
    Json so = BreastSide(s);
    r.Merge(s);
    out[std::string(side)] = so;
  }
  if (r.ok() && !any) r.FailAt("left", "describe at least one side (left or right)");
  ReadNote(r, out);
  return Done(r, RecordKind::kBreastCheck, at.value_or(Timestamp{}), std::move(out));
}

Result<ValidRecord> Temperature(FieldReader& r, int64_t now_ms) {
  Json out = Json::object();
  auto at = ReadTime(r, "occurred_at", now_ms, true);
  PutTime(out, "occurred_at", at);
  // Range 30-45 °C: outside it the reading is a measuring error, not a body temperature.
  const bool has_c = r.Has("temp_c");
  const bool has_f = r.Has("temp_f");
  auto c = r.Number("temp_c", 30, 45);
  auto f = r.Number("temp_f", 86, 113);
  if (r.ok() && has_c && has_f) r.FailAt("temp_f", "give temp_c or temp_f, not both");
  if (r.ok() && !has_c && !has_f) r.FailAt("temp_c", "is required (or temp_f)");
  // Stored in °C to 0.01 so that a reading entered in °F shows back as the same °F to 0.1,
  // and so that the stored body validates to itself.
  if (c) out["temp_c"] = Round2(*c);
  if (f) out["temp_c"] = Round2((*f - 32.0) * 5.0 / 9.0);
  PutOpt(out, "site", r.Enum("site", {"oral", "axillary", "ear", "forehead", "other"}));
  PutOpt(out, "chills", r.Bool("chills"));
  PutOpt(out, "rigors", r.Bool("rigors"));
  PutOpt(out, "flu_like_aches", r.Bool("flu_like_aches"));
  PutOpt(out, "feels_very_unwell", r.Bool("feels_very_unwell"));
  ReadNote(r, out);
  return Done(r, RecordKind::kTemperature, at.value_or(Timestamp{}), std::move(out));
}

Result<ValidRecord> CareAction(FieldReader& r, int64_t now_ms) {
  Json out = Json::object();
  auto at = ReadTime(r, "occurred_at", now_ms, true);
  PutTime(out, "occurred_at", at);
  auto action = r.Enum(
      "action",
      {"cold_pack", "light_strokes_to_armpit", "rest", "pain_relief", "antibiotic_started"}, true);
  PutOpt(out, "action", action);
  PutOpt(out, "side", r.Enum("side", {"left", "right", "both"}));
  PutOpt(out, "minutes", r.Integer("minutes", 1, 600));
  const bool medicine_action = action == "pain_relief" || action == "antibiotic_started";
  auto medicine = r.String("medicine", 100, medicine_action);
  if (medicine && medicine->empty()) r.FailAt("medicine", "must not be empty");
  if (medicine && !medicine_action)
    r.FailAt("medicine", "only for pain_relief or antibiotic_started");
  PutOpt(out, "medicine", medicine);
  auto dose = r.Number("dose_mg", 0.001, 5000);
  if (dose && !medicine_action) r.FailAt("dose_mg", "only for pain_relief or antibiotic_started");
  PutOpt(out, "dose_mg", dose);
  ReadNote(r, out);
  return Done(r, RecordKind::kCareAction, at.value_or(Timestamp{}), std::move(out));
}

Result<ValidRecord> Nappy(FieldReader& r, int64_t now_ms) {
  Json out = Json::object();
  std::vector<std::string> infants;
  auto at = ReadTime(r, "occurred_at", now_ms, true);
  PutTime(out, "occurred_at", at);
  ReadInfant(r, out, infants);
  auto wet = r.Bool("wet");
  auto dirty = r.Bool("dirty");
  if (r.ok() && !wet.value_or(false) && !dirty.value_or(false)) {
    r.FailAt("wet", "a nappy entry needs wet or dirty (or both) to be true");
  }
  out["wet"] = wet.value_or(false);
  out["dirty"] = dirty.value_or(false);
  PutOpt(out, "stool_colour",
         r.Enum("stool_colour", {"black_green", "green", "yellow", "brown", "pale", "red"}));
  ReadNote(r, out);
  return Done(r, RecordKind::kNappy, at.value_or(Timestamp{}), std::move(out), std::move(infants));
}

Result<ValidRecord> InfantConcern(FieldReader& r, int64_t now_ms) {
  Json out = Json::object();
  std::vector<std::string> infants;
  auto at = ReadTime(r, "occurred_at", now_ms, true);
  PutTime(out, "occurred_at", at);
  ReadInfant(r, out, infants);
  if (auto c = ReadEnumSet(r, "concerns", {"not_latching", "very_sleepy", "yellow"}, true)) {
    out["concerns"] = *c;
  }
  ReadNote(r, out);
  return Done(r, RecordKind::kInfantConcern, at.value_or(Timestamp{}), std::move(out),
              std::move(infants));
}

Result<ValidRecord> InfantWeight(FieldReader& r, int64_t now_ms) {
  Json out = Json::object();
  std::vector<std::string> infants;
  auto at = ReadTime(r, "occurred_at", now_ms, true);
  PutTime(out, "occurred_at", at);
  ReadInfant(r, out, infants);
  // Grams only: a unitless weight broke other trackers' growth charts (mother-side.md 6.10).
  PutOpt(out, "weight_g", r.Integer("weight_g", 300, 15000, true));
  PutOpt(out, "scale", r.Enum("scale", {"clinic", "home"}));
  PutOpt(out, "naked", r.Bool("naked"));
  ReadNote(r, out);
  return Done(r, RecordKind::kInfantWeight, at.value_or(Timestamp{}), std::move(out),
              std::move(infants));
}

Result<ValidRecord> Note(FieldReader& r, int64_t now_ms) {
  Json out = Json::object();
  auto at = ReadTime(r, "occurred_at", now_ms, true);
  PutTime(out, "occurred_at", at);
  auto text = r.String("text", kMaxNote, true);
  if (text && text->empty()) r.FailAt("text", "must not be empty");
  PutOpt(out, "text", text);
  return Done(r, RecordKind::kNote, at.value_or(Timestamp{}), std::move(out));
}

}  // namespace

const std::vector<KindInfo>& RecordKinds() {
  static const std::vector<KindInfo> kinds = {
      {RecordKind::kInfant, "infant", "infants", true},
      {RecordKind::kFeed, "feed", "feeds", true},
      {RecordKind::kPump, "pump", "pumps", false},
      {RecordKind::kBreastCheck, "breast_check", "breast-checks", false},
      {RecordKind::kTemperature, "temperature", "temperatures", false},
      {RecordKind::kCareAction, "care_action", "care-actions", false},
      {RecordKind::kNappy, "nappy", "nappies", true},
      {RecordKind::kInfantConcern, "infant_concern", "infant-concerns", true},
      {RecordKind::kInfantWeight, "infant_weight", "infant-weights", true},
      {RecordKind::kNote, "note", "notes", false},
  };
  return kinds;
}

const KindInfo& InfoOf(RecordKind kind) {
  static const KindInfo profile{RecordKind::kProfile, "profile", "profile", false};
  if (kind == RecordKind::kProfile) return profile;
  for (const auto& k : RecordKinds()) {
    if (k.kind == kind) return k;
  }
  return profile;
}

std::optional<KindInfo> KindByName(std::string_view name) {
  if (name == "profile") return InfoOf(RecordKind::kProfile);
  for (const auto& k : RecordKinds()) {
    if (k.name == name) return k;
  }
  return std::nullopt;
}

std::optional<std::string> NormalisePhone(std::string_view typed) {
  std::string digits;
  for (size_t i = 0; i < typed.size(); ++i) {
    const char c = typed[i];
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '+' && i == 0)) {
      digits.push_back(c);
    } else if (c != ' ' && c != '-' && c != '.') {
      return std::nullopt;
    }
  }
  const size_t n = digits.size() - (digits.starts_with("+") ? 1 : 0);
  if (n < 8 || n > 15) return std::nullopt;
  return digits;
}

std::optional<double> ReadVolume(FieldReader& r, std::string_view name, double max_ml,
                                 bool required) {
  const std::string ml_key = std::string(name) + "_ml";
  const std::string oz_key = std::string(name) + "_oz";
  const bool has_ml = r.Has(ml_key);
  const bool has_oz = r.Has(oz_key);
  auto ml = r.Number(ml_key, 0, max_ml);
  auto oz = r.Number(oz_key, 0, max_ml / kMlPerOz);
  if (!r.ok()) return std::nullopt;
  if (has_ml && has_oz) {
    r.FailAt(oz_key, "give " + ml_key + " or " + oz_key + ", not both");
    return std::nullopt;
  }
  if (!has_ml && !has_oz) {
    if (required) r.FailAt(ml_key, "is required (or " + oz_key + ")");
    return std::nullopt;
  }
  if (ml) return Round1(*ml);
  return Round1(*oz * kMlPerOz);
}

Result<ValidRecord> ValidateRecord(RecordKind kind, const Json& input, int64_t now_ms) {
  FieldReader r(input, "");
  if (!r.ok()) return tl::unexpected(*r.error());
  switch (kind) {
    case RecordKind::kProfile:
      return Profile(r, now_ms);
    case RecordKind::kInfant:
      return Infant(r, now_ms);
    case RecordKind::kFeed:
      return Feed(r, now_ms);
    case RecordKind::kPump:
      return Pump(r, now_ms);
    case RecordKind::kBreastCheck:
      return BreastCheck(r, now_ms);
    case RecordKind::kTemperature:
      return Temperature(r, now_ms);
    case RecordKind::kCareAction:
      return CareAction(r, now_ms);
    case RecordKind::kNappy:
      return Nappy(r, now_ms);
    case RecordKind::kInfantConcern:
      return InfantConcern(r, now_ms);
    case RecordKind::kInfantWeight:
      return InfantWeight(r, now_ms);
    case RecordKind::kNote:
      return Note(r, now_ms);
  }
  return Fail(ErrorCode::kInternal, "unknown record kind");
}

}  // namespace tia::domain
