#include "tia/app/check_input.h"

#include <algorithm>
#include <cmath>

#include "tia/base/time.h"
#include "tia/domain/scheduling.h"

namespace tia::app {
namespace {

using domain::RecordKind;

constexpr int64_t kNowWindowMs = 4 * kHourMs;  // "current" = within the last 4 h (EVIDENCE 0.3)

double Round1(double v) { return std::round(v * 10) / 10; }

std::string When(int64_t ms) { return FormatRfc3339(Timestamp{ms, 0}); }

bool Mastitis(const std::string& condition) {
  static constexpr const char* kSpectrum[] = {
      "inflammatory_mastitis", "bacterial_mastitis", "recurrent_mastitis", "abscess", "phlegmon",
      "subacute_mastitis"};
  for (auto c : kSpectrum) {
    if (condition == c) return true;
  }
  return false;
}

int RednessRank(const std::string& r) {
  return r == "one_third_or_more" ? 2 : r == "focal" ? 1 : 0;
}

bool FocalSign(const Json& in) {
  return in.value("focal_tender_area", false) || in.value("redness_extent", "none") != "none" ||
         in.value("lump_present", false);
}

class Assembler {
 public:
  Assembler(const Json& answers, const LogFacts& f) : answers_(answers), f_(f), in_(answers) {}

  AssembledInput Run() {
    if (answers_.contains("symptom_hours")) {
      episode_start_ =
          f_.now_ms - static_cast<int64_t>(answers_["symptom_hours"].get<double>() * kHourMs);
    }
    Profile();
    BreastCheck();
    Temperatures();
    CareActions();
    Infant();
    InfantWeight();
    History();
    return {in_, prov_};
  }

 private:
  void Supply(const std::string& field, Json value, const std::string& from) {
    if (answers_.contains(field) || in_.contains(field)) return;
    prov_[field] = {{"value", value}, {"from", from}};
    in_[field] = std::move(value);
  }

  template <class F>
  void Each(RecordKind kind, int64_t since, F&& f) const {
    for (const auto& r : f_.records) {
      if (r.kind == kind && r.occurred_at.utc_ms >= since && r.occurred_at.utc_ms <= f_.now_ms)
        f(r);
    }
  }

  // What she told the app once and keeps in her profile (asked once, editable there).
  void Profile() {
    if (!f_.profile) return;
    const Json& p = *f_.profile;
    if (p.contains("breastfeeding")) {
      Supply("lactating", p["breastfeeding"].get<bool>(), "breastfeeding (profile)");
    }
    if (p.contains("diabetes") || p.contains("weakened_immunity")) {
      const bool yes = p.value("diabetes", false) || p.value("weakened_immunity", false);
      Supply("immunocompromised_or_diabetes", yes, "diabetes or weakened immunity (profile)");
    }
    BreastSurgery(p);
    auto days = DaysPostpartum(f_.profile, f_.now_ms);
    if (!days) return;
    Supply("days_postpartum", *days, "the birth date in the profile");
    if (p.value("delivery_type", "") == "caesarean" && *days <= 42) {
      Supply("caesarean_or_surgery_last_6_weeks", true,
             "a caesarean birth in the last 6 weeks (profile)");
    }
  }

  // An implant, or breast surgery in the last 12 months; surgery with no date counts (the safe
  // reading: the rule asks about the last year and she did not say when).
  void BreastSurgery(const Json& p) {
    const std::string field = "breast_implant_or_breast_surgery_last_12_months";
    if (p.value("breast_implants", false)) {
      Supply(field, true, "breast implants (profile)");
      return;
    }
    if (p.value("breast_surgery", false)) {
      if (!p.contains("breast_surgery_date")) {
        Supply(field, true, "breast surgery, date not given (profile)");
        return;
      }
      const auto d = ParseDate(p["breast_surgery_date"].get<std::string>());
      const int32_t today = domain::LocalDateOf(Zone(), f_.now_ms);
      if (d && today - *d <= 365) {
        Supply(field, true,
               "breast surgery on " + p["breast_surgery_date"].get<std::string>() + " (profile)");
      } else {
        Supply(field, false, "breast surgery more than 12 months ago (profile)");
      }
      return;
    }
    if (p.contains("breast_implants") && p.contains("breast_surgery")) {
      Supply(field, false, "no breast implants or breast surgery (profile)");
    }
  }

  const date::time_zone* Zone() const { return ZoneOfProfile(f_.profile); }

  // The latest breast check-in of the last 4 hours describes the breasts now.
  void BreastCheck() {
    const domain::StoredRecord* latest = nullptr;
    Each(RecordKind::kBreastCheck, f_.now_ms - kNowWindowMs, [&](const auto& r) {
      if (!latest || r.occurred_at.utc_ms > latest->occurred_at.utc_ms) latest = &r;
    });
    if (!latest) return;
    const std::string from = "breast check-in at " + When(latest->occurred_at.utc_ms);
    bool left = false, right = false, tender = false, bleb = false, blood = false;
    int redness = 0;
    std::string nipple = "none";
    const Json* lump = nullptr;
    for (const char* side : {"left", "right"}) {
      if (!latest->body.contains(side)) continue;
      const Json& s = latest->body[side];
      const bool pain = s.value("pain", 0) > 0;
      const int red = RednessRank(s.value("redness", "none"));
      const bool has_lump = s.contains("lump");
      if (pain || red > 0 || has_lump) (std::string(side) == "left" ? left : right) = true;
      tender = tender || (pain && !s.value("locations", Json::array()).empty());
      redness = std::max(redness, red);
      if (has_lump && !lump) lump = &s["lump"];
      for (const auto& n : s.value("nipple", Json::array())) {
        const std::string v = n.get<std::string>();
        if (v == "crack_pus_or_crust") nipple = "cracked_infected";
        if (v == "cracked" && nipple != "cracked_infected") nipple = "cracked";
        if (v == "sore" && nipple == "none") nipple = "sore";
        bleb = bleb || v == "white_spot";
      }
      blood = blood || s.value("blood_in_milk", false);
    }
    if (left || right)
      Supply("affected_side", left && right ? "both" : left ? "left" : "right", from);
    if (tender) Supply("focal_tender_area", true, from);
    static constexpr const char* kRedness[] = {"none", "focal", "one_third_or_more"};
    if (redness > 0) Supply("redness_extent", kRedness[redness], from);
    if (lump) {
      Supply("lump_present", true, from);
      if (lump->contains("feel")) Supply("lump_character", (*lump)["feel"], from);
      if (lump->contains("size_cm")) Supply("lump_size_cm", (*lump)["size_cm"], from);
    }
    if (nipple != "none") Supply("nipple_damage", nipple, from);
    if (bleb) Supply("nipple_bleb", true, from);
    if (blood) Supply("blood_in_milk", true, from);
  }

  void Temperatures() {
    const domain::StoredRecord* latest = nullptr;
    Each(RecordKind::kTemperature, f_.now_ms - kNowWindowMs, [&](const auto& r) {
      if (!latest || r.occurred_at.utc_ms > latest->occurred_at.utc_ms) latest = &r;
      for (const char* flag : {"chills", "rigors", "flu_like_aches", "feels_very_unwell"}) {
        if (r.body.value(flag, false)) {
          Supply(flag, true, "temperature entry at " + When(r.occurred_at.utc_ms));
        }
      }
    });
    if (latest) {
      Supply("current_temp_c", latest->body["temp_c"],
             "temperature logged at " + When(latest->occurred_at.utc_ms));
    }
    // Highest and lowest of this episode (or of the last 3 days when its start is not known).
    const int64_t since = episode_start_.value_or(f_.now_ms - 3 * kDayMs);
    std::optional<double> hi, lo;
    Each(RecordKind::kTemperature, since, [&](const auto& r) {
      const double t = r.body["temp_c"].template get<double>();
      hi = std::max(hi.value_or(t), t);
      lo = std::min(lo.value_or(t), t);
    });
    if (in_.contains("current_temp_c") && in_["current_temp_c"].is_number()) {
      const double t = in_["current_temp_c"].get<double>();
      if (hi) hi = std::max(*hi, t), lo = std::min(*lo, t);
    }
    if (hi) Supply("max_temp_c", *hi, "temperatures logged since " + When(since));
    if (lo) Supply("min_temp_c", *lo, "temperatures logged since " + When(since));
  }

  void CareActions() {
    std::optional<int64_t> antibiotic, care;
    Each(RecordKind::kCareAction, f_.now_ms - 14 * kDayMs, [&](const auto& r) {
      const std::string a = r.body.value("action", "");
      const int64_t at = r.occurred_at.utc_ms;
      if (a == "antibiotic_started") antibiotic = std::max(antibiotic.value_or(at), at);
      if (episode_start_ && at >= *episode_start_ &&
          (a == "cold_pack" || a == "light_strokes_to_armpit" || a == "rest" ||
           a == "pain_relief")) {
        care = std::min(care.value_or(at), at);
      }
    });
    if (antibiotic && !answers_.contains("antibiotic_hours")) {
      const std::string from = "antibiotics started at " + When(*antibiotic);
      Supply("on_antibiotics", true, from);
      if (in_.value("on_antibiotics", false)) {
        Supply("antibiotic_hours", Round1(static_cast<double>(f_.now_ms - *antibiotic) / kHourMs),
               from);
      }
    }
    if (care) {
      Supply("self_care_hours", Round1(static_cast<double>(f_.now_ms - *care) / kHourMs),
             "first self-care action of this episode at " + When(*care));
    }
  }

  void Infant() {
    bool nappies_logged = false;
    int wet = 0;
    Each(RecordKind::kNappy, f_.now_ms - 2 * kDayMs, [&](const auto& r) {
      nappies_logged = true;
      if (r.occurred_at.utc_ms >= f_.now_ms - kDayMs && r.body.value("wet", false)) ++wet;
    });
    if (nappies_logged)
      Supply("infant_wet_nappies_24h", wet, "wet nappies logged in the last 24 h");
    Each(RecordKind::kInfantConcern, f_.now_ms - kDayMs, [&](const auto& r) {
      const std::string from = "baby concern logged at " + When(r.occurred_at.utc_ms);
      for (const auto& c : r.body.value("concerns", Json::array())) {
        if (c == "very_sleepy" || c == "yellow") Supply("infant_sleepy_or_jaundiced", true, from);
        if (c == "not_latching") Supply("infant_feeding_effectively", false, from);
      }
    });
  }

  // How far the baby's latest logged weight is below the birth weight (protocol 1.1, NG75). With
  // twins, the baby furthest below counts.
  void InfantWeight() {
    std::optional<double> worst;
    std::string from;
    for (const auto& entry : f_.infants) {
      const auto& id = entry.first;  // captured below, so not a structured binding
      const auto& infant = entry.second;
      if (!infant.contains("birth_weight_g")) continue;
      const double birth = infant["birth_weight_g"].get<double>();
      const domain::StoredRecord* latest = nullptr;
      Each(RecordKind::kInfantWeight, 0, [&](const auto& r) {
        const bool mine =
            r.body.contains("infant_id") ? r.body["infant_id"] == id : f_.infants.size() == 1;
        if (mine && (!latest || r.occurred_at.utc_ms > latest->occurred_at.utc_ms)) latest = &r;
      });
      if (!latest) continue;
      const double w = latest->body["weight_g"].get<double>();
      const double pct = Round1((birth - w) / birth * 100);
      if (worst && pct <= *worst) continue;
      worst = pct;
      from = "birth weight " + Num(birth) + " g and " + Num(w) + " g logged at " +
             When(latest->occurred_at.utc_ms);
    }
    // Far above birth weight (an older baby) reads as the floor of the input's range; a loss of
    // more than half is not a plausible weighing and is left for her to answer.
    if (!worst || *worst > 50) return;
    Supply("infant_weight_loss_percent", std::max(*worst, -50.0), from);
  }

  static std::string Num(double v) { return std::to_string(static_cast<int64_t>(v)); }

  // Earlier checks: episodes at the same side and recent mastitis. The trend is never guessed:
  // paracetamol lowers a temperature and a skipped question is not an improvement, so only her
  // own answer says better, the same or worse (protocol 1.1 review).
  void History() {
    const int64_t current_from = episode_start_.value_or(f_.now_ms - 3 * kDayMs);
    const std::string side = in_.value("affected_side", "none");
    std::vector<int64_t> same_site;
    bool recent_mastitis = false;
    for (const auto& c : f_.checks) {
      if (c.created_at >= current_from) continue;  // part of this episode
      // ReadFacts refused a check whose stored input does not parse.
      const Json in = domain::ParseStored(c.input).value_or(Json::object());
      const std::string s = in.value("affected_side", "none");
      if (c.created_at >= f_.now_ms - 90 * kDayMs && side != "none" && FocalSign(in) &&
          (s == side || s == "both" || side == "both")) {
        same_site.push_back(c.created_at);
      }
      if (c.created_at >= f_.now_ms - 14 * kDayMs && Mastitis(c.condition)) recent_mastitis = true;
    }
    if (!same_site.empty()) {
      std::sort(same_site.begin(), same_site.end());
      int episodes = 1;
      for (size_t i = 1; i < same_site.size(); ++i)
        episodes += same_site[i] - same_site[i - 1] > 7 * kDayMs;
      Supply("prior_episodes_same_site_3_months", episodes,
             "earlier symptom checks on the same side (checks more than 7 days apart count as "
             "separate episodes)");
    }
    if (recent_mastitis)
      Supply("mastitis_in_last_14_days", true, "a symptom check in the last 14 days");
  }

  const Json& answers_;
  const LogFacts& f_;
  Json in_;
  Json prov_ = Json::object();
  std::optional<int64_t> episode_start_;
};

}  // namespace

const date::time_zone* ZoneOfProfile(const std::optional<Json>& profile) {
  const date::time_zone* zone = nullptr;
  if (profile && profile->contains("time_zone")) {
    zone = domain::ZoneNamed((*profile)["time_zone"].get<std::string>());
  }
  return zone ? zone : domain::ZoneNamed(domain::kDefaultZone);
}

std::optional<int> DaysPostpartum(const std::optional<Json>& profile, int64_t now_ms) {
  if (!profile) return std::nullopt;
  for (const char* key : {"baby_birth_date", "delivery_date"}) {
    if (!profile->contains(key)) continue;
    auto d = ParseDate((*profile)[key].get<std::string>());
    if (!d) continue;
    // Her calendar day, not UTC's: at 00:05 in Ha Noi the baby is a day older than UTC says.
    const int32_t today = domain::LocalDateOf(ZoneOfProfile(profile), now_ms);
    if (today >= *d) return today - *d;
  }
  return std::nullopt;
}

const std::set<std::string>& LogSuppliedFields() {
  static const std::set<std::string> fields = {
      // profile
      "lactating", "days_postpartum", "caesarean_or_surgery_last_6_weeks",
      "immunocompromised_or_diabetes", "breast_implant_or_breast_surgery_last_12_months",
      // breast check-ins
      "affected_side", "focal_tender_area", "redness_extent", "lump_present", "lump_character",
      "lump_size_cm", "nipple_damage", "nipple_bleb", "blood_in_milk",
      // temperatures
      "current_temp_c", "max_temp_c", "min_temp_c", "chills", "rigors", "flu_like_aches",
      "feels_very_unwell",
      // care actions
      "on_antibiotics", "antibiotic_hours", "self_care_hours",
      // the baby
      "infant_wet_nappies_24h", "infant_sleepy_or_jaundiced", "infant_feeding_effectively",
      "infant_weight_loss_percent",
      // earlier symptom checks
      "prior_episodes_same_site_3_months", "mastitis_in_last_14_days"};
  return fields;
}

AssembledInput AssembleInput(const Json& answers, const LogFacts& facts) {
  return Assembler(answers, facts).Run();
}

engine::LogView LogViewOf(const LogFacts& f) {
  engine::LogView v;
  v.now_ms = f.now_ms;
  v.baby_age_days = DaysPostpartum(f.profile, f.now_ms);
  int feed_no = 0;
  for (const auto& r : f.records) {
    const int64_t at = r.occurred_at.utc_ms;
    switch (r.kind) {
      case RecordKind::kFeed: {
        const std::string id = "feed" + std::to_string(feed_no++);
        for (const auto& s : r.body.value("segments", Json::array())) {
          if (s.value("type", "") != "breast") continue;
          engine::Removal m;
          m.start_ms = ParseRfc3339(s["start"].get<std::string>())->utc_ms;
          m.end_ms = ParseRfc3339(s["end"].get<std::string>())->utc_ms;
          m.left = s["side"] == "left";
          m.right = s["side"] == "right";
          m.feed_id = id;
          v.removals.push_back(m);
        }
        break;
      }
      case RecordKind::kPump: {
        engine::Removal m;
        m.pump = true;
        m.start_ms = at;
        m.end_ms = at + r.body.value("duration_min", 0) * kMinuteMs;
        const bool total = r.body.contains("total_ml");
        m.left = total || r.body.contains("left_ml");
        m.right = total || r.body.contains("right_ml");
        if (r.body.contains("left_ml")) m.left_ml = r.body["left_ml"].get<double>();
        if (r.body.contains("right_ml")) m.right_ml = r.body["right_ml"].get<double>();
        v.removals.push_back(m);
        break;
      }
      case RecordKind::kBreastCheck:
        for (const char* side : {"left", "right"}) {
          if (!r.body.contains(side)) continue;
          const Json& s = r.body[side];
          const auto sd = std::string(side) == "left" ? engine::Side::kLeft : engine::Side::kRight;
          if (s.value("pain", 0) > 0) {
            for (const auto& l : s.value("locations", Json::array())) {
              v.sore_spots.push_back({at, sd, l.value("clock", 12)});
            }
          }
          for (const auto& n : s.value("nipple", Json::array())) {
            if (n == "cracked" || n == "crack_pus_or_crust") v.cracked_nipples.push_back(at);
          }
        }
        break;
      case RecordKind::kTemperature:
        v.temperatures.emplace_back(at, r.body["temp_c"].get<double>());
        break;
      case RecordKind::kInfant:
        if (!v.baby_age_days && r.body.contains("birth_date")) {
          if (auto d = ParseDate(r.body["birth_date"].get<std::string>())) {
            v.baby_age_days = static_cast<int>(f.now_ms / kDayMs) - *d;
          }
        }
        break;
      default:
        break;
    }
  }
  return v;
}

}  // namespace tia::app
