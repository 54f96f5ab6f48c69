#include "tia/engine/triage.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace tia::engine {
namespace {

// Evaluation frames are small (about a hundred slots); a fixed array keeps them off the heap.
constexpr size_t kFrameSlots = kMaxFrameSlots;

Val InputVal(const FieldSpec& f, const Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return {0, true};
  if (const auto* b = std::get_if<bool>(&v)) return {*b ? 1.0 : 0.0, false};
  if (const auto* d = std::get_if<double>(&v)) return {*d, false};
  const auto& s = std::get<std::string>(v);
  for (size_t i = 0; i < f.labels.size(); ++i) {
    if (f.labels[i] == s) return {static_cast<double>(i), false};
  }
  return {0, true};  // unreachable: DecodeInput accepts only known labels
}

Json HoursJson(const std::optional<double>& h) {
  if (!h) return nullptr;
  const double r = std::round(*h * 10) / 10;
  if (r == std::floor(r)) return static_cast<int64_t>(r);
  return r;
}

std::string Num(double d) {
  if (d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<int64_t>(d));
  return Json(d).dump();
}

std::string FormatValue(const Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "not measured";
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "yes" : "no";
  if (const auto* d = std::get_if<double>(&v)) return Num(*d);
  return std::get<std::string>(v);
}

}  // namespace

static void FillInputsAndDerived(const Protocol& p, const Input& in, Val* frame) {
  const auto& schema = InputSchema();
  for (size_t i = 0; i < schema.size(); ++i) frame[i] = InputVal(schema[i], in.values()[i]);
  for (const auto& d : p.derived()) frame[d.slot] = d.when.Eval(frame);
}

bool Asked(const Protocol& p, const Question& q, const Input& known) {
  std::array<Val, kFrameSlots> frame;  // NOLINT: written slot by slot before any read
  FillInputsAndDerived(p, known, frame.data());
  return q.ask_when.True(frame.data());
}

Outcome Evaluate(const Protocol& p, const Input& in) {
  std::array<Val, kFrameSlots> frame;  // NOLINT: written slot by slot before any read
  FillInputsAndDerived(p, in, frame.data());

  Outcome o;
  int level = 0;
  int raise = 0;
  for (const auto& r : p.rules()) {
    const bool fires = r.when.True(frame.data());
    frame[r.slot] = {fires ? 1.0 : 0.0, false};
    if (!fires) continue;
    if (r.disposition) {
      level = std::max(level, static_cast<int>(*r.disposition));
      o.fired.push_back({&r, *r.disposition});
    } else {
      raise += r.raise;
      o.fired.push_back({&r, Disposition::kSelfCare});  // set below, once the level is known
    }
  }
  o.before_raise = static_cast<Disposition>(level);
  o.disposition = static_cast<Disposition>(std::min(level + raise, kDispositionCount - 1));
  for (auto& f : o.fired) {
    if (!f.rule->disposition) f.disposition = o.disposition;
  }
  frame[p.disposition_slot()] = {static_cast<double>(o.disposition), false};

  const auto& conditions = p.conditions();
  for (size_t i = 0; i < conditions.size(); ++i) {
    if (conditions[i].when.True(frame.data())) {
      o.condition = &conditions[i];
      frame[p.condition_slot()] = {static_cast<double>(conditions[i].label_index), false};
      break;
    }
  }
  for (const auto& rc : p.rechecks()) {
    if (!rc.when.True(frame.data())) continue;
    o.recheck = &rc;
    if (rc.hours) {
      Val h = rc.hours->Eval(frame.data());
      if (!h.null) o.recheck_hours = std::max(0.0, h.v);
    }
    break;
  }
  if (o.condition && !o.condition->plan.empty() && p.plan_when().True(frame.data())) {
    o.plan = p.FindPlan(o.condition->plan);
  }
  for (const auto& f : p.red_flags()) {
    if (f.when.True(frame.data())) o.red_flags.push_back(&f);
  }
  for (const auto& a : p.avoid()) {
    if (a.doing_now && a.doing_now->True(frame.data())) o.advice.push_back(&a);
  }
  return o;
}

Json ContractJson(const Protocol& p, const Outcome& o, Lang lang) {
  Json fired = Json::array();
  for (const auto& f : o.fired) {
    fired.push_back({{"id", f.rule->id},
                     {"disposition", DispositionName(f.disposition)},
                     {"reason", f.rule->reason.In(lang)},
                     {"sources", f.rule->sources}});
  }
  return {{"disposition", DispositionName(o.disposition)},
          {"condition", o.condition->id},
          {"fired", std::move(fired)},
          {"recheck_hours", HoursJson(o.recheck_hours)},
          {"self_care_plan", o.plan ? Json(o.plan->id) : Json(nullptr)},
          {"protocol", {{"id", p.id()}, {"version", p.version()}}}};
}

Json PlanJson(const Protocol& p, const Plan& plan, Lang lang) {
  Json steps = Json::array();
  for (const auto& s : plan.steps) {
    Json j = {{"text", s.text.In(lang)}};
    if (s.minutes) j["minutes"] = s.minutes;
    if (s.count) j["count"] = s.count;
    if (!s.safety.empty()) j["safety"] = s.safety.In(lang);
    steps.push_back(std::move(j));
  }
  Json avoid = Json::array();
  for (const auto& id : plan.avoid) {
    const Avoid* a = p.FindAvoid(id);
    avoid.push_back({{"id", a->id},
                     {"what", a->what.In(lang)},
                     {"why", a->why.In(lang)},
                     {"sources", a->sources}});
  }
  Json j = {{"id", plan.id},
            {"title", plan.title.In(lang)},
            {"steps", std::move(steps)},
            {"avoid", std::move(avoid)},
            {"sources", plan.sources}};
  if (!plan.intro.empty()) j["intro"] = plan.intro.In(lang);
  return j;
}

Json DetailJson(const Protocol& p, const Outcome& o, Lang lang) {
  Json j = ContractJson(p, o, lang);
  j["condition_name"] = o.condition->name.In(lang);
  for (size_t i = 0; i < o.fired.size(); ++i) {
    if (!o.fired[i].rule->discuss.empty())
      j["fired"][i]["discuss"] = o.fired[i].rule->discuss.In(lang);
  }
  Json flags = Json::array();
  for (const auto* f : o.red_flags) {
    flags.push_back({{"id", f->id}, {"text", f->text.In(lang)}, {"sources", f->sources}});
  }
  j["red_flags"] = std::move(flags);
  Json advice = Json::array();
  for (const auto* a : o.advice) {
    advice.push_back({{"id", a->id},
                      {"what", a->what.In(lang)},
                      {"why", a->why.In(lang)},
                      {"sources", a->sources}});
  }
  j["advice"] = std::move(advice);
  j["watch_for"] = o.recheck && !o.recheck->watch_for.empty() ? Json(o.recheck->watch_for.In(lang))
                                                              : Json(nullptr);
  j["plan"] = o.plan ? PlanJson(p, *o.plan, lang) : Json(nullptr);
  // The citation of every source the result names, so a reader sees a reference, not a code.
  Json refs = Json::object();
  const auto cite = [&](const std::vector<std::string>& keys) {
    for (const auto& k : keys) {
      if (auto it = p.sources().find(k); it != p.sources().end()) refs[k] = it->second;
    }
  };
  for (const auto& f : o.fired) cite(f.rule->sources);
  for (const auto* f : o.red_flags) cite(f->sources);
  for (const auto* a : o.advice) cite(a->sources);
  if (o.plan) {
    cite(o.plan->sources);
    for (const auto& id : o.plan->avoid) cite(p.FindAvoid(id)->sources);
  }
  j["references"] = std::move(refs);
  return j;
}

std::string Explain(const Protocol& p, const Input& in, const Outcome& o, Lang lang) {
  std::string s;
  s += "Protocol " + p.id() + " " + p.version() + " (" + p.status() + ")\n\n";
  s += "Result: " + std::string(DispositionName(o.disposition));
  if (o.disposition != o.before_raise) {
    s += " (raised from " + std::string(DispositionName(o.before_raise)) + ")";
  }
  s += "\nProbable place on the spectrum: " + o.condition->id + " - " + o.condition->name.In(lang) +
       "\n  (first match of the condition list: " + o.condition->when_text + ")\n";
  s += "\nRules that fired (" + std::to_string(o.fired.size()) + "):\n";
  if (o.fired.empty()) s += "  none - the result is self_care\n";
  for (const auto& f : o.fired) {
    std::string srcs;
    for (const auto& k : f.rule->sources) srcs += (srcs.empty() ? "" : ", ") + k;
    s += "  " + f.rule->id + " -> " + std::string(DispositionName(f.disposition)) + "\n";
    s += "     " + f.rule->reason.In(lang) + "\n";
    s += "     when: " + f.rule->when_text + "\n";
    s += "     sources: " + srcs + "\n";
    if (!f.rule->discuss.empty()) s += "     to discuss: " + f.rule->discuss.In(lang) + "\n";
  }
  s += "\nDerived values:\n";
  const auto& schema = InputSchema();
  std::array<Val, kFrameSlots> frame{};
  for (size_t i = 0; i < schema.size(); ++i) frame[i] = InputVal(schema[i], in.values()[i]);
  for (const auto& d : p.derived()) {
    frame[d.slot] = d.when.Eval(frame.data());
    std::string v = frame[d.slot].null             ? "not known"
                    : d.when.type() == Type::kBool ? (frame[d.slot].v != 0 ? "yes" : "no")
                                                   : Num(frame[d.slot].v);
    s += "  " + d.name + " = " + v + "   (" + d.means + ")\n";
  }
  s += "\nInput values that differ from neutral:\n";
  bool any = false;
  for (size_t i = 0; i < schema.size(); ++i) {
    if (in.values()[i] == schema[i].neutral) continue;
    any = true;
    s += "  " + std::string(schema[i].name) + " = " + FormatValue(in.values()[i]) + "\n";
  }
  if (!any) s += "  none\n";
  if (!o.red_flags.empty()) {
    s += "\nRed flags:\n";
    for (const auto* f : o.red_flags) s += "  " + f->id + ": " + f->text.In(lang) + "\n";
  }
  if (!o.advice.empty()) {
    s += "\nStop doing this, and why:\n";
    for (const auto* a : o.advice) s += "  " + a->what.In(lang) + ": " + a->why.In(lang) + "\n";
  }
  s += "\nRe-check: ";
  s += o.recheck_hours ? HoursJson(o.recheck_hours).dump() + " h" : std::string("none");
  if (o.recheck && !o.recheck->watch_for.empty()) {
    s += "\n  sooner if: " + o.recheck->watch_for.In(lang);
  }
  s += "\nSelf-care plan: ";
  if (!o.plan) {
    s += "none\n";
  } else {
    s += o.plan->id + " - " + o.plan->title.In(lang) + "\n";
    int n = 0;
    for (const auto& st : o.plan->steps) {
      s += "  " + std::to_string(++n) + ". " + st.text.In(lang);
      if (st.minutes) s += " [" + std::to_string(st.minutes) + " min]";
      if (st.count) s += " [x" + std::to_string(st.count) + "]";
      s += "\n";
      if (!st.safety.empty()) s += "     ! " + st.safety.In(lang) + "\n";
    }
    if (!o.plan->avoid.empty()) s += "  What not to do, and why:\n";
    for (const auto& id : o.plan->avoid) {
      const Avoid* a = p.FindAvoid(id);
      s += "   - " + a->what.In(lang) + ": " + a->why.In(lang) + "\n";
    }
  }
  s += "\nTia advises and escalates; it does not diagnose or prescribe.\n";
  return s;
}

namespace {
Json TextJson(const Text& t) {
  if (t.empty()) return nullptr;
  return {{"en", t.en}, {"vi", t.vi}};
}

Json ValueJson(const FieldSpec& f, const Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return nullptr;
  if (const auto* b = std::get_if<bool>(&v)) return *b;
  if (const auto* d = std::get_if<double>(&v)) {
    if (f.type == FieldType::kInt) return static_cast<int64_t>(*d);
    return *d;
  }
  return std::get<std::string>(v);
}
}  // namespace

Json QuestionsJson(const Protocol& p) {
  Json fields = Json::object();
  for (const auto& f : InputSchema()) {
    static constexpr const char* kTypes[] = {"bool", "int", "number", "enum"};
    Json j = {{"type", kTypes[static_cast<int>(f.type)]},
              {"nullable", f.nullable},
              {"neutral", ValueJson(f, f.neutral)}};
    if (f.type == FieldType::kInt || f.type == FieldType::kNumber) {
      j["min"] = f.min;
      j["max"] = f.max;
    }
    if (f.type == FieldType::kEnum) {
      j["labels"] = Json::array();
      for (auto l : f.labels) j["labels"].push_back(std::string(l));
    }
    fields[std::string(f.name)] = std::move(j);
  }
  Json derived = Json::array();
  for (const auto& d : p.derived()) derived.push_back({{"name", d.name}, {"value", d.when_text}});
  Json emergency = Json::array();
  for (const auto& r : p.rules()) {
    if (r.disposition != Disposition::kEmergency) continue;
    emergency.push_back({{"id", r.id}, {"when", r.when_text}, {"reason", TextJson(r.reason)}});
  }
  Json questions = Json::array();
  for (const auto& q : p.questions()) {
    Json options = Json::array();
    for (const auto& o : q.options) {
      Json oj = {{"text", TextJson(o.text)}};
      if (!o.value.empty()) oj["value"] = o.value;
      if (!o.field.empty()) oj["field"] = o.field;
      if (!o.profile.empty()) oj["profile"] = o.profile;
      options.push_back(std::move(oj));
    }
    questions.push_back({{"id", q.id},
                         {"section", q.section},
                         {"form", QuestionFormName(q.form)},
                         {"fills", q.fills},
                         {"ask_when", q.ask_when_text},
                         {"profile", q.profile.empty() ? Json(nullptr) : Json(q.profile)},
                         {"text", TextJson(q.text)},
                         {"help", TextJson(q.help)},
                         {"unknown", q.unknown},
                         {"unit", q.unit.empty() ? Json(nullptr) : Json(q.unit)},
                         {"options", std::move(options)}});
  }
  return {{"protocol", {{"id", p.id()}, {"version", p.version()}}},
          {"fields", std::move(fields)},
          {"derived", std::move(derived)},
          {"emergency", std::move(emergency)},
          {"questions", std::move(questions)}};
}

}  // namespace tia::engine
