#include "tia/engine/input.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace tia::engine {
namespace {

// Plausibility bounds (not clinical thresholds): a year of hours, ten years of days, and the
// vital-sign ranges the issue names (temperatures 25-45 °C, heart rate 20-250).
constexpr double kHours = 24.0 * 366;
constexpr double kDays = 3660;

FieldSpec B(std::string_view n, bool neutral, std::string_view meaning) {
  return {n, FieldType::kBool, false, neutral, 0, 0, {}, meaning};
}
FieldSpec I(std::string_view n, double neutral, double lo, double hi, std::string_view meaning) {
  return {n, FieldType::kInt, false, neutral, lo, hi, {}, meaning};
}
FieldSpec INull(std::string_view n, double lo, double hi, std::string_view meaning) {
  return {n, FieldType::kInt, true, std::monostate{}, lo, hi, {}, meaning};
}
FieldSpec N(std::string_view n, double neutral, double lo, double hi, std::string_view meaning) {
  return {n, FieldType::kNumber, false, neutral, lo, hi, {}, meaning};
}
FieldSpec NNull(std::string_view n, double lo, double hi, std::string_view meaning) {
  return {n, FieldType::kNumber, true, std::monostate{}, lo, hi, {}, meaning};
}
FieldSpec E(std::string_view n, std::string neutral, std::vector<std::string_view> labels,
            std::string_view meaning) {
  return {n, FieldType::kEnum, false, std::move(neutral), 0, 0, std::move(labels), meaning};
}

std::vector<FieldSpec> MakeSchema() {
  return {
      // 0.1 Mother and context
      B("lactating", true, "currently breastfeeding or expressing milk"),
      INull("days_postpartum", 0, kDays, "days since birth (null = not postpartum / not known)"),
      I("maternal_age", 30, 10, 70, "years"),
      B("caesarean_or_surgery_last_6_weeks", false,
        "caesarean or other operation in the last 6 weeks (NICE sepsis criterion)"),
      B("immunocompromised_or_diabetes", false,
        "immunosuppressive drugs incl. oral steroids, chemotherapy, transplant, HIV with low CD4, "
        "or diabetes"),
      B("breast_implant_or_breast_surgery_last_12_months", false,
        "implant in the affected breast or breast surgery in the last year"),
      B("smoker", false, "current smoker"),
      // 0.2 Breast findings
      E("affected_side", "none", {"left", "right", "both", "none"}, "side(s) with symptoms"),
      N("symptom_hours", 0, 0, kHours, "hours since the current breast symptoms began"),
      B("bilateral_diffuse_fullness", false,
        "both breasts diffusely full, hard, tender (engorgement pattern), no single focal spot"),
      B("focal_tender_area", false,
        "a localised painful / firm / swollen area (includes a tender wedge or \"lump\")"),
      E("redness_extent", "none", {"none", "focal", "one_third_or_more"},
        "visible redness (or darker discolouration on dark skin) of part of the breast; "
        "`one_third_or_more` = at least a third of the breast surface"),
      B("redness_spreading_rapidly", false, "redness visibly enlarging over a few hours"),
      B("skin_dusky_or_necrotic", false,
        "purple, grey or black skin, blisters, or pain far out of proportion to what is visible"),
      B("peau_d_orange", false, "thickened \"orange-peel\" skin or dimpling"),
      B("nipple_retraction_new", false, "newly pulled-in nipple"),
      B("lump_present", false, "a discrete lump can be felt"),
      N("lump_days", 0, 0, kDays, "days the current lump has been present"),
      E("lump_character", "none",
        {"none", "tender_firm", "fluctuant_tender", "soft_smooth_painless",
         "hard_painless_irregular"},
        "what the lump feels like"),
      NNull("lump_size_cm", 0.1, 30, "largest diameter in cm"),
      B("pus_seen", false, "pus from the nipple or from the skin"),
      E("nipple_damage", "none", {"none", "sore", "cracked", "cracked_infected"},
        "`cracked_infected` = crack with pus, yellow crust or spreading redness"),
      B("nipple_bleb", false, "white spot / milk blister on the nipple tip"),
      B("blood_in_milk", false, "blood-streaked milk (information only)"),
      N("chronic_burning_pain_weeks", 0, 0, 520,
        "weeks of deep burning / shooting breast pain between feeds"),
      B("lumpy_before_feeds_soft_after", false,
        "generalised lumpiness that softens after feeds, no pain"),
      // 0.3 Whole-body signs
      NNull("current_temp_c", 25, 45, "latest reading (within the last 4 h), °C"),
      NNull("max_temp_c", 25, 45, "highest reading in this episode, °C"),
      NNull("min_temp_c", 25, 45, "lowest reading in this episode, °C"),
      B("chills", false, "feels cold / shivery / feverish"),
      B("rigors", false, "uncontrollable shaking"),
      B("flu_like_aches", false, "aches, headache, fatigue"),
      B("feels_very_unwell", false, "mother (or family) says she feels very ill"),
      B("fever_medicine_before_reading", false,
        "took paracetamol or ibuprofen in the 6 hours before the current reading (information "
        "only: the reading may hide a fever, so the highest reading of the episode counts; "
        "protocol 1.1)"),
      INull("heart_rate", 20, 250, "beats/min at rest (null = not measured)"),
      INull("resp_rate", 4, 80, "breaths/min (null = not measured)"),
      INull("systolic_bp", 40, 300, "mmHg (null = not measured)"),
      B("new_confusion_or_drowsiness", false, "new confusion, drowsiness, or altered behaviour"),
      B("mottled_ashen_or_cyanosed", false, "mottled, ashen, or blue skin/lips"),
      B("non_blanching_rash", false, "rash that does not fade under pressure"),
      NNull("hours_since_urine", 0, kHours, "hours since last passed urine (null = not known)"),
      // 0.4 Course and treatment
      N("self_care_hours", 0, 0, kHours,
        "hours of conservative care since symptoms began (feeding on demand, ice, NSAID)"),
      E("trend", "unchanged", {"improving", "unchanged", "worsening"}, "change since care started"),
      B("on_antibiotics", false, "currently taking antibiotics for this episode"),
      N("antibiotic_hours", 0, 0, kHours, "hours since the first antibiotic dose"),
      B("completed_antibiotics_without_resolution", false,
        "finished a course and the problem is still there"),
      B("mastitis_in_last_14_days", false, "had (treated) mastitis in the last 14 days"),
      I("prior_episodes_same_site_3_months", 0, 0, 100,
        "earlier episodes in the same area in the last 3 months"),
      B("milk_oversupply_signs", false,
        "leaking, rapid refilling, forceful let-down, baby choking/spluttering, fast weight gain"),
      B("extra_pumping_to_empty", false, "pumping after feeds to \"empty\" (advice trigger only)"),
      B("deep_massage_or_heat_used", false,
        "firm kneading, vibration, hot compresses (advice trigger only)"),
      B("nipple_shield_use", false, "using a nipple shield (advice trigger only)"),
      // 0.5 Infant
      B("infant_feeding_effectively", true,
        "baby latches and transfers milk (true also when not applicable)"),
      INull("infant_wet_nappies_24h", 0, 50,
            "wet nappies in the last 24 h (null = not recorded / not applicable)"),
      B("infant_sleepy_or_jaundiced", false, "baby too sleepy to feed, or yellow"),
      NNull(
          "infant_weight_loss_percent", -50, 50,
          "how far the baby's latest weight is below the birth weight, in percent of the birth "
          "weight (negative = above it; null = not known). Protocol 1.1; the server fills it from "
          "the birth weight and the latest logged weight"),
      // 3.2 item 8: a mother's or clinician's worry raises the result one level
      B("worried", false,
        "the mother or a clinician is worried: raises the result one level (policy 3.2 item 8)"),
  };
}

[[noreturn]] void NoSuchField(std::string_view name) {
  std::fprintf(stderr, "tia: programmer error: engine input has no field '%.*s'\n",
               static_cast<int>(name.size()), name.data());
  std::abort();
}

[[noreturn]] void WrongType(std::string_view name) {
  std::fprintf(stderr, "tia: programmer error: engine input field '%.*s' read as another type\n",
               static_cast<int>(name.size()), name.data());
  std::abort();
}

std::string Num(double v) {
  Json j = v;
  if (v == std::floor(v)) j = static_cast<int64_t>(v);
  return j.dump();
}

std::string Range(const FieldSpec& f) { return "between " + Num(f.min) + " and " + Num(f.max); }

// The evidence's groups, each named by its first field.
constexpr std::pair<std::string_view, std::string_view> kSections[] = {
    {"lactating", "Mother and context"},
    {"affected_side", "Breast findings"},
    {"current_temp_c", "Whole-body signs (vital signs optional; null = not measured)"},
    {"self_care_hours", "Course and treatment"},
    {"infant_feeding_effectively", "Infant"},
    {"worried", "Worry"},
};

std::string TypeCell(const FieldSpec& f) {
  std::string out;
  switch (f.type) {
    case FieldType::kBool:
      out = "bool";
      break;
    case FieldType::kInt:
      out = "int";
      break;
    case FieldType::kNumber:
      out = "number";
      break;
    case FieldType::kEnum:
      for (auto l : f.labels) out += (out.empty() ? "`" : " / `") + std::string(l) + "`";
      break;
  }
  return f.nullable ? out + " or null" : out;
}

std::string NeutralCell(const Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "`null`";
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "`true`" : "`false`";
  if (const auto* d = std::get_if<double>(&v)) return "`" + Num(*d) + "`";
  return "`" + std::get<std::string>(v) + "`";
}

}  // namespace

const std::vector<FieldSpec>& InputSchema() {
  static const std::vector<FieldSpec> schema = MakeSchema();
  return schema;
}

std::string InputContractMarkdown() {
  std::string out =
      "# The care engine's input contract\n\n"
      "Generated by `tia triage --contract` from the schema table in `src/tia/engine/input.cc`; "
      "do not edit\nby hand (the engine's unit test fails when the two differ). The "
      "clinical basis of each field\nand of every rule that reads it: `docs/care-engine.md` and "
      "`rules/mastitis.toml`.\n\n"
      "`tia triage` and `PUT /api/v1/mothers/{id}/symptom-checks/{id}` (its `answers`) take one "
      "JSON object\nwith these fields. A missing field takes its neutral value. An unknown field, "
      "a value of the wrong\ntype, an unknown label or a number outside the accepted range is "
      "refused with an error naming\nthe field as a JSON pointer (`/heart_rate`). Times are hours "
      "unless the name says days or weeks;\ntemperatures are °C. The accepted ranges are input "
      "sanity, not clinical thresholds. A comparison\nwith a value that is null (not measured) is "
      "false: a missing measurement never fires a rule.\n";
  for (const auto& f : InputSchema()) {
    for (const auto& [first, title] : kSections) {
      if (f.name != first) continue;
      out += "\n## " + std::string(title) +
             "\n\n| field | type / values | meaning | neutral value | accepted |\n"
             "|---|---|---|---|---|\n";
    }
    const bool numeric = f.type == FieldType::kInt || f.type == FieldType::kNumber;
    out += "| `" + std::string(f.name) + "` | " + TypeCell(f) + " | " + std::string(f.meaning) +
           " | " + NeutralCell(f.neutral) + " | " +
           (numeric ? Num(f.min) + " to " + Num(f.max) : std::string("")) + " |\n";
  }
  return out;
}

std::optional<size_t> FieldIndex(std::string_view name) {
  const auto& s = InputSchema();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i].name == name) return i;
  }
  return std::nullopt;
}

const Value& Input::Get(std::string_view name) const {
  auto i = FieldIndex(name);
  if (!i) NoSuchField(name);
  return values_[*i];
}
bool Input::IsNull(std::string_view name) const {
  return std::holds_alternative<std::monostate>(Get(name));
}
bool Input::Bool(std::string_view name) const {
  const auto* v = std::get_if<bool>(&Get(name));
  if (!v) WrongType(name);
  return *v;
}
double Input::Number(std::string_view name) const {
  const auto* v = std::get_if<double>(&Get(name));
  if (!v) WrongType(name);
  return *v;
}
const std::string& Input::Label(std::string_view name) const {
  const auto* v = std::get_if<std::string>(&Get(name));
  if (!v) WrongType(name);
  return *v;
}

Result<Input> DecodeInput(const Json& j) {
  if (!j.is_object()) return Invalid("", "the input must be one JSON object");
  const auto& schema = InputSchema();
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!FieldIndex(it.key()))
      return Invalid("/" + it.key(), "is not a field of the engine's input");
  }
  std::vector<Value> values;
  values.reserve(schema.size());
  for (const auto& f : schema) {
    const std::string ptr = "/" + std::string(f.name);
    auto it = j.find(f.name);
    if (it == j.end()) {
      values.push_back(f.neutral);
      continue;
    }
    const Json& v = *it;
    if (v.is_null()) {
      if (!f.nullable) return Invalid(ptr, "must not be null");
      values.emplace_back(std::monostate{});
      continue;
    }
    switch (f.type) {
      case FieldType::kBool:
        if (!v.is_boolean()) return Invalid(ptr, "must be true or false");
        values.emplace_back(v.get<bool>());
        break;
      case FieldType::kInt:
      case FieldType::kNumber: {
        if (!v.is_number()) return Invalid(ptr, "must be a number");
        const double d = v.get<double>();
        if (f.type == FieldType::kInt && (!v.is_number_integer() && d != std::floor(d))) {
          return Invalid(ptr, "must be a whole number");
        }
        if (!std::isfinite(d) || d < f.min || d > f.max) return Invalid(ptr, "must be " + Range(f));
        values.emplace_back(d);
        break;
      }
      case FieldType::kEnum: {
        std::string list;
        for (auto l : f.labels) list += (list.empty() ? "" : ", ") + std::string(l);
        if (!v.is_string()) return Invalid(ptr, "must be one of: " + list);
        const auto& s = v.get_ref<const std::string&>();
        bool known = false;
        for (auto l : f.labels) known = known || s == l;
        if (!known) return Invalid(ptr, "must be one of: " + list);
        values.emplace_back(s);
        break;
      }
    }
  }
  return Input(std::move(values));
}

}  // namespace tia::engine
