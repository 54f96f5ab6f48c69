#include "tia/engine/input.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace tia::engine {
namespace {

// Plausibility bounds (not clinical thresholds): a year of hours, ten years of days, and the
// vital-sign ranges the issue names (temperatures 25-45 °C, heart rate 20-250).
constexpr double kHours = 24.0 * 366;
constexpr double kDays = 3660;

FieldSpec B(std::string_view n, bool neutral) {
  return {n, FieldType::kBool, false, neutral, 0, 0, {}};
}
FieldSpec I(std::string_view n, double neutral, double lo, double hi) {
  return {n, FieldType::kInt, false, neutral, lo, hi, {}};
}
FieldSpec INull(std::string_view n, double lo, double hi) {
  return {n, FieldType::kInt, true, std::monostate{}, lo, hi, {}};
}
FieldSpec N(std::string_view n, double neutral, double lo, double hi) {
  return {n, FieldType::kNumber, false, neutral, lo, hi, {}};
}
FieldSpec NNull(std::string_view n, double lo, double hi) {
  return {n, FieldType::kNumber, true, std::monostate{}, lo, hi, {}};
}
FieldSpec E(std::string_view n, std::string neutral, std::vector<std::string_view> labels) {
  return {n, FieldType::kEnum, false, std::move(neutral), 0, 0, std::move(labels)};
}

std::vector<FieldSpec> MakeSchema() {
  return {
      // 0.1 Mother and context
      B("lactating", true),
      INull("days_postpartum", 0, kDays),
      I("maternal_age", 30, 10, 70),
      B("caesarean_or_surgery_last_6_weeks", false),
      B("immunocompromised_or_diabetes", false),
      B("breast_implant_or_breast_surgery_last_12_months", false),
      B("smoker", false),
      // 0.2 Breast findings
      E("affected_side", "none", {"left", "right", "both", "none"}),
      N("symptom_hours", 0, 0, kHours),
      B("bilateral_diffuse_fullness", false),
      B("focal_tender_area", false),
      E("redness_extent", "none", {"none", "focal", "one_third_or_more"}),
      B("redness_spreading_rapidly", false),
      B("skin_dusky_or_necrotic", false),
      B("peau_d_orange", false),
      B("nipple_retraction_new", false),
      B("lump_present", false),
      N("lump_days", 0, 0, kDays),
      E("lump_character", "none",
        {"none", "tender_firm", "fluctuant_tender", "soft_smooth_painless",
         "hard_painless_irregular"}),
      NNull("lump_size_cm", 0.1, 30),
      B("pus_seen", false),
      E("nipple_damage", "none", {"none", "sore", "cracked", "cracked_infected"}),
      B("nipple_bleb", false),
      B("blood_in_milk", false),
      N("chronic_burning_pain_weeks", 0, 0, 520),
      B("lumpy_before_feeds_soft_after", false),
      // 0.3 Whole-body signs
      NNull("current_temp_c", 25, 45),
      NNull("max_temp_c", 25, 45),
      NNull("min_temp_c", 25, 45),
      B("chills", false),
      B("rigors", false),
      B("flu_like_aches", false),
      B("feels_very_unwell", false),
      INull("heart_rate", 20, 250),
      INull("resp_rate", 4, 80),
      INull("systolic_bp", 40, 300),
      B("new_confusion_or_drowsiness", false),
      B("mottled_ashen_or_cyanosed", false),
      B("non_blanching_rash", false),
      NNull("hours_since_urine", 0, kHours),
      // 0.4 Course and treatment
      N("self_care_hours", 0, 0, kHours),
      E("trend", "unchanged", {"improving", "unchanged", "worsening"}),
      B("on_antibiotics", false),
      N("antibiotic_hours", 0, 0, kHours),
      B("completed_antibiotics_without_resolution", false),
      B("mastitis_in_last_14_days", false),
      I("prior_episodes_same_site_3_months", 0, 0, 100),
      B("milk_oversupply_signs", false),
      B("extra_pumping_to_empty", false),
      B("deep_massage_or_heat_used", false),
      B("nipple_shield_use", false),
      // 0.5 Infant
      B("infant_feeding_effectively", true),
      INull("infant_wet_nappies_24h", 0, 50),
      B("infant_sleepy_or_jaundiced", false),
      // 3.2 item 8: a mother's or clinician's worry raises the result one level
      B("worried", false),
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

std::string Range(const FieldSpec& f) {
  auto num = [](double v) {
    Json j = v;
    if (v == std::floor(v)) j = static_cast<int64_t>(v);
    return j.dump();
  };
  return "between " + num(f.min) + " and " + num(f.max);
}

}  // namespace

const std::vector<FieldSpec>& InputSchema() {
  static const std::vector<FieldSpec> schema = MakeSchema();
  return schema;
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
