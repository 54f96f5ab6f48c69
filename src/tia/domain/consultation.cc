#include "tia/domain/consultation.h"

#include "tia/domain/scheduling.h"

namespace tia::domain {

namespace {

constexpr size_t kMaxText = 12000;  // bytes: 4000 Vietnamese characters

// A required or optional text that is not blank.
std::optional<std::string> Text(FieldReader& r, std::string_view key, size_t max_bytes,
                                bool required) {
  auto s = r.String(key, max_bytes, required);
  if (s && s->find_first_not_of(" \t\r\n") == std::string::npos) {
    r.FailAt(key, "must not be empty");
    return std::nullopt;
  }
  return s;
}

}  // namespace

std::optional<std::string> PriorityOf(const std::optional<std::string>& disposition) {
  if (!disposition) return "routine";
  if (*disposition == "emergency") return std::nullopt;
  if (*disposition == "same_day" || *disposition == "contact_24h") return *disposition;
  return "routine";
}

const std::vector<std::string>& PrioritiesInOrder() {
  static const std::vector<std::string> order = {"same_day", "contact_24h", "routine"};
  return order;
}

int PriorityRank(const std::string& priority) {
  const auto& order = PrioritiesInOrder();
  for (size_t i = 0; i < order.size(); ++i) {
    if (order[i] == priority) return static_cast<int>(i);
  }
  return static_cast<int>(order.size());
}

int64_t ReplyWindowMin(const std::string& priority, int64_t routine_reply_hours) {
  if (priority == "same_day") return 2 * 60;  // issue 5: a same-day result, a reply within 2 h
  if (priority == "contact_24h") return 24 * 60;
  return routine_reply_hours * 60;
}

ReplyClock ClockFor(const std::string& priority, const Json& consultation,
                    const date::time_zone* zone, int64_t now) {
  const Json& hours = consultation.at("hours");
  ReplyClock c;
  c.out_of_hours = !InWeeklyHours(hours, zone, now);
  c.starts_at = NextInWeeklyHours(hours, zone, now);
  c.deadline_at =
      c.starts_at +
      ReplyWindowMin(priority, consultation.at("routine_reply_hours").get<int64_t>()) * kMinuteMs;
  return c;
}

Result<Json> ValidateOpening(const Json& in) {
  FieldReader r(in, "");
  Json out = Json::object();
  if (auto m = Text(r, "message", kMaxText, true)) out["message"] = *m;
  if (auto id = r.Uuid("symptom_check_id")) out["symptom_check_id"] = *id;
  out["subject"] = r.Enum("subject", {"mother", "baby"}).value_or("mother");
  if (auto id = r.Uuid("infant_id")) out["infant_id"] = *id;
  if (out["subject"] == "baby" && !out.contains("infant_id") && r.ok()) {
    r.FailAt("infant_id", "is required when the question is about the baby");
  }
  TIA_TRY(r.Finish());
  return out;
}

Result<Json> ValidateMessage(const Json& in) {
  FieldReader r(in, "");
  Json out = Json::object();
  if (auto t = Text(r, "text", kMaxText, true)) out["text"] = *t;
  if (r.Bool("internal").value_or(false)) out["internal"] = true;
  TIA_TRY(r.Finish());
  return out;
}

Result<Json> ValidateCloseOut(const Json& in) {
  FieldReader r(in, "");
  Json out = Json::object();
  if (auto o = r.Enum("outcome", {"self_care", "book", "refer_emergency"}, true)) {
    out["outcome"] = *o;
  }
  if (auto m = Text(r, "message", kMaxText, true)) out["message"] = *m;
  if (const Json* plan = r.Object("care_plan", true)) {
    FieldReader pr(*plan, r.PointerTo("care_plan"));
    Json p = Json::object();
    if (auto s = Text(pr, "summary", 6000, true)) p["summary"] = *s;
    Json steps = Json::array();
    if (const Json* arr = pr.Array("steps", 20)) {
      for (size_t i = 0; i < arr->size(); ++i) {
        const Json& v = (*arr)[i];
        const std::string at = pr.PointerTo("steps") + "/" + std::to_string(i);
        if (!v.is_string() || v.get_ref<const std::string&>().empty() ||
            v.get_ref<const std::string&>().size() > 900) {
          pr.FailAtPointer(at, "must be a step of 1 to 300 characters");
        } else {
          steps.push_back(v);
        }
      }
    }
    p["steps"] = steps;
    if (auto h = pr.Integer("recheck_in_hours", 1, 168)) p["recheck_in_hours"] = *h;
    r.Merge(pr);
    out["care_plan"] = p;
  }
  TIA_TRY(r.Finish());
  return out;
}

Result<Json> ValidateReplyTemplate(const Json& in) {
  FieldReader r(in, "");
  Json out = Json::object();
  if (auto t = Text(r, "title", 240, true)) out["title"] = *t;
  if (auto t = Text(r, "text", kMaxText, true)) out["text"] = *t;
  out["language"] = r.Enum("language", {"en", "vi"}, true).value_or("en");
  out["active"] = r.Bool("active").value_or(true);
  TIA_TRY(r.Finish());
  return out;
}

}  // namespace tia::domain
