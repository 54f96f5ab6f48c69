// Loads a care protocol (rules/*.toml) into the checked, compiled form the engine evaluates.
// About 700 lines, kept in one file on purpose: ProtocolLoader is one reader of one file format,
// and each section's checks (ids, references between rules, conditions, plans and questions, every
// expression compiled against the input schema) need the sections read before it. Split, the
// order of those checks would be spread over files that only make sense read together.
#include "tia/engine/protocol.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "tia/base/embedded.h"
#include "tia/base/toml_ascii.h"
#include "tia/engine/input.h"
#include "tia/engine/signal_specs.h"
#include "tia/engine/toml_reader.h"

namespace tia::engine {

const std::vector<tia::EmbeddedFile>& EmbeddedProtocols();
const std::vector<tia::EmbeddedFile>& EmbeddedArchivedProtocols();

namespace {

constexpr std::string_view kDispositionNames[] = {"self_care", "contact_24h", "same_day",
                                                  "emergency"};

bool IsIdentifier(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  if (!std::isalpha(static_cast<unsigned char>(s[0])) && s[0] != '_') return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  static constexpr std::string_view kReserved[] = {
      "and", "or", "not", "is", "in", "null", "true", "false", "count", "condition", "disposition"};
  for (auto r : kReserved) {
    if (s == r) return false;
  }
  return true;
}

}  // namespace

std::string_view DispositionName(Disposition d) { return kDispositionNames[static_cast<int>(d)]; }

std::string_view QuestionFormName(QuestionForm f) {
  switch (f) {
    case QuestionForm::kYesNo:
      return "yes_no";
    case QuestionForm::kChoice:
      return "choice";
    case QuestionForm::kChecks:
      return "checks";
    case QuestionForm::kNumber:
      return "number";
    case QuestionForm::kDate:
      return "date";
    case QuestionForm::kWeights:
      return "weights";
  }
  return "";
}

std::optional<Disposition> ParseDisposition(std::string_view s) {
  for (int i = 0; i < kDispositionCount; ++i) {
    if (kDispositionNames[i] == s) return static_cast<Disposition>(i);
  }
  return std::nullopt;
}

const std::vector<std::string>& ConditionLabels() {
  static const std::vector<std::string> labels = {"normal_physiology",
                                                  "engorgement",
                                                  "hyperlactation",
                                                  "ductal_narrowing",
                                                  "nipple_bleb",
                                                  "nipple_damage",
                                                  "infected_nipple_fissure",
                                                  "inflammatory_mastitis",
                                                  "bacterial_mastitis",
                                                  "recurrent_mastitis",
                                                  "subacute_mastitis",
                                                  "phlegmon",
                                                  "galactocele",
                                                  "abscess",
                                                  "sepsis_suspected",
                                                  "non_lactational_mastitis",
                                                  "persistent_mass_red_flag",
                                                  "ibc_red_flag"};
  return labels;
}

std::optional<Lang> ParseLang(std::string_view s) {
  if (s == "en") return Lang::kEn;
  if (s == "vi") return Lang::kVi;
  return std::nullopt;
}

double SignalSpec::Threshold(std::string_view name) const {
  auto it = thresholds.find(name);
  if (it == thresholds.end()) {
    std::fprintf(stderr, "tia: programmer error: signal %s has no threshold %.*s\n", id.c_str(),
                 static_cast<int>(name.size()), name.data());
    std::abort();
  }
  return it->second;
}

// Builds a Protocol section by section, growing the scope as it goes, so that each part may refer
// only to what is computed before it.
class ProtocolLoader {
 public:
  ProtocolLoader(std::string_view file) : file_(file) {}

  Result<Protocol> Load(std::string_view text) {
    toml::table root;
    TIA_ASSIGN_OR_RETURN(const std::string ascii, AsciiTomlText(text, file_));
    try {
      root = toml::parse(ascii, file_);
    } catch (const toml::parse_error& e) {
      return Invalid("", std::string(file_) + ":" + std::to_string(e.source().begin.line) + ": " +
                             std::string(e.description()));
    } catch (const std::exception&) {
      return Invalid("", std::string(file_) + ": could not be read as TOML");
    }
    TomlReader top(root, file_, "");
    TIA_TRY(Header(top));
    TIA_TRY(Sources(top));
    for (const auto& f : InputSchema()) {
      p_.scope_.Add(std::string(f.name),
                    f.type == FieldType::kEnum   ? Type::kEnum
                    : f.type == FieldType::kBool ? Type::kBool
                                                 : Type::kNumber,
                    f.nullable, std::vector<std::string>(f.labels.begin(), f.labels.end()));
    }
    TIA_TRY(Each(top, "derived", [&](TomlReader& r) { return DerivedValue(r); }));
    // Questions may look at the inputs and the derived values, never at a rule's result.
    TIA_TRY(Each(top, "question", [&](TomlReader& r) { return QuestionItem(r); }));
    TIA_TRY(Each(top, "red_flag", [&](TomlReader& r) { return RedFlagItem(r); }));
    TIA_TRY(Each(top, "rule", [&](TomlReader& r) { return RuleItem(r); }));
    if (p_.rules_.empty()) return top.Err(nullptr, "", "a protocol needs at least one [[rule]]");
    for (auto& rule : p_.rules_) rule.slot = p_.scope_.Add(rule.id, Type::kBool, false);
    p_.disposition_slot_ = p_.scope_.Add(
        "disposition", Type::kEnum, false,
        std::vector<std::string>(std::begin(kDispositionNames), std::end(kDispositionNames)));
    TIA_TRY(Each(top, "avoid", [&](TomlReader& r) { return AvoidItem(r); }));
    TIA_TRY(Each(top, "plan", [&](TomlReader& r) { return PlanItem(r); }));
    TIA_TRY(Each(top, "condition", [&](TomlReader& r) { return ConditionItem(r); }));
    TIA_TRY(CheckConditions(top));
    std::vector<std::string> ids;  // indexed by Condition::label_index
    for (const auto& c : p_.conditions_) ids.push_back(c.id);
    p_.condition_slot_ = p_.scope_.Add("condition", Type::kEnum, false, ids);
    TIA_TRY(Each(top, "recheck", [&](TomlReader& r) { return RecheckItem(r); }));
    TIA_TRY(PlanPolicy(top));
    TIA_TRY(Each(top, "signal", [&](TomlReader& r) { return SignalItem(r); }));
    TIA_TRY(CheckSignals(top));
    TIA_TRY(top.Finish());
    if (p_.scope_.size() > kMaxFrameSlots) {
      return top.Err(nullptr, "", "defines more than " + std::to_string(kMaxFrameSlots) + " names");
    }
    return std::move(p_);
  }

 private:
  template <class F>
  Result<void> Each(TomlReader& top, std::string_view key, F&& f) {
    const toml::node* n = top.Node(key);
    if (!n) return Ok();
    const auto* arr = n->as_array();
    if (!arr) return top.Err(n, key, "must be written as [[" + std::string(key) + "]] entries");
    for (const auto& e : *arr) {
      const auto* t = e.as_table();
      if (!t) return top.Err(&e, key, "must be written as [[" + std::string(key) + "]] entries");
      TomlReader r(*t, file_, std::string(key));
      TIA_TRY(f(r));
      TIA_TRY(r.Finish());
    }
    return Ok();
  }

  Result<void> Header(TomlReader& top) {
    const toml::node* n = top.Node("protocol");
    if (!n || !n->as_table()) return top.Err(n, "protocol", "a [protocol] table is required");
    TomlReader r(*n->as_table(), file_, "[protocol]");
    TIA_ASSIGN_OR_RETURN(p_.id_, r.Str("id"));
    TIA_ASSIGN_OR_RETURN(p_.version_, r.Str("version"));
    TIA_ASSIGN_OR_RETURN(p_.title_, r.Str("title"));
    TIA_ASSIGN_OR_RETURN(p_.status_, r.Str("status"));
    TIA_ASSIGN_OR_RETURN(auto basis, r.Str("basis", false));
    return r.Finish();
  }

  Result<void> Sources(TomlReader& top) {
    const toml::node* n = top.Node("sources");
    if (!n || !n->as_table()) return top.Err(n, "sources", "a [sources] table is required");
    for (const auto& [k, v] : *n->as_table()) {
      const auto* s = v.as_string();
      if (!s || s->get().empty())
        return top.Err(&v, "sources." + std::string(k.str()), "must be a citation");
      p_.sources_.emplace(std::string(k.str()), s->get());
    }
    return Ok();
  }

  Result<std::vector<std::string>> SourceList(TomlReader& r, bool required = true) {
    TIA_ASSIGN_OR_RETURN(auto list, r.Strings("sources", required));
    for (const auto& s : list) {
      if (!p_.sources_.count(s)) {
        return r.Err(r.Node("sources"), "sources", "'" + s + "' is not in [sources]");
      }
    }
    return list;
  }

  Result<std::string> NewName(TomlReader& r, std::string_view key) {
    TIA_ASSIGN_OR_RETURN(auto name, r.Str(key));
    if (!IsIdentifier(name)) {
      return r.Err(r.Node(key), key,
                   "'" + name + "' must be letters, digits and _ (and not a reserved word)");
    }
    if (p_.scope_.Find(name)) return r.Err(r.Node(key), key, "'" + name + "' is already defined");
    for (const auto& rule : p_.rules_) {
      if (rule.id == name) return r.Err(r.Node(key), key, "'" + name + "' is already defined");
    }
    return name;
  }

  Result<void> DerivedValue(TomlReader& r) {
    Derived d;
    d.line = r.line();
    TIA_ASSIGN_OR_RETURN(d.name, NewName(r, "name"));
    r.set_item("derived " + d.name);
    TIA_ASSIGN_OR_RETURN(d.when_text, r.Str("value"));
    auto e = Expr::Compile(d.when_text, p_.scope_);
    if (!e) return r.Err(r.Node("value"), "value", e.error().message);
    if (e->type() == Type::kEnum)
      return r.Err(r.Node("value"), "value", "must be a yes/no value or a number");
    d.when = std::move(*e);
    TIA_ASSIGN_OR_RETURN(d.means, r.Str("means"));
    TIA_ASSIGN_OR_RETURN(d.sources, SourceList(r));
    d.slot = p_.scope_.Add(d.name, d.when.type(), d.when.nullable(), d.when.labels());
    p_.derived_.push_back(std::move(d));
    return Ok();
  }

  const FieldSpec* Field(std::string_view name) const {
    auto i = FieldIndex(name);
    return i ? &InputSchema()[*i] : nullptr;
  }

  Result<void> QuestionItem(TomlReader& r) {
    static constexpr std::string_view kSections[] = {"about_you", "breast", "body",
                                                     "course",    "baby",   "worry"};
    static constexpr std::string_view kUnits[] = {"hours",      "days", "weeks", "celsius",
                                                  "per_minute", "mmhg", "count", "grams"};
    Question q;
    q.line = r.line();
    TIA_ASSIGN_OR_RETURN(q.id, r.Str("id"));
    r.set_item("question " + q.id);
    if (!IsIdentifier(q.id)) return r.Err(r.Node("id"), "id", "must be letters, digits and _");
    for (const auto& o : p_.questions_) {
      if (o.id == q.id) return r.Err(r.Node("id"), "id", "'" + q.id + "' is already defined");
    }
    TIA_ASSIGN_OR_RETURN(q.section, r.Str("section"));
    if (std::find(std::begin(kSections), std::end(kSections), q.section) == std::end(kSections)) {
      return r.Err(r.Node("section"), "section",
                   "must be one of about_you, breast, body, course, baby, worry");
    }
    TIA_ASSIGN_OR_RETURN(auto form, r.Str("form"));
    std::optional<QuestionForm> f;
    for (int i = 0; i <= static_cast<int>(QuestionForm::kWeights); ++i) {
      if (QuestionFormName(static_cast<QuestionForm>(i)) == form) f = static_cast<QuestionForm>(i);
    }
    if (!f) {
      return r.Err(r.Node("form"), "form",
                   "'" + form + "' is not one of yes_no, choice, checks, number, date, weights");
    }
    q.form = *f;
    TIA_ASSIGN_OR_RETURN(q.text, r.Txt("text"));
    TIA_ASSIGN_OR_RETURN(q.help, r.Txt("help", false));
    if (r.Node("ask_when")) {
      TIA_ASSIGN_OR_RETURN(q.ask_when, r.Condition("ask_when", p_.scope_, &q.ask_when_text));
    } else {
      auto e = Expr::Compile("true", p_.scope_);
      q.ask_when = std::move(*e);
    }
    TIA_ASSIGN_OR_RETURN(q.profile, r.Str("profile", false));
    TIA_ASSIGN_OR_RETURN(q.unit, r.Str("unit", false));
    if (!q.unit.empty() &&
        std::find(std::begin(kUnits), std::end(kUnits), q.unit) == std::end(kUnits)) {
      return r.Err(r.Node("unit"), "unit",
                   "must be one of hours, days, weeks, celsius, per_minute, mmhg, count, grams");
    }
    if (const toml::node* u = r.Node("unknown")) {
      if (!u->as_boolean()) return r.Err(u, "unknown", "must be true or false");
      q.unknown = u->as_boolean()->get();
    }
    if (const toml::node* opts = r.Node("option")) {
      const auto* arr = opts->as_array();
      if (!arr) return r.Err(opts, "option", "must be written as [[question.option]] entries");
      for (const auto& e : *arr) {
        const auto* t = e.as_table();
        if (!t) return r.Err(&e, "option", "must be written as [[question.option]] entries");
        TomlReader orr(*t, file_,
                       "question " + q.id + " option " + std::to_string(q.options.size() + 1));
        QuestionOption o;
        TIA_ASSIGN_OR_RETURN(o.value, orr.Str("value", false));
        TIA_ASSIGN_OR_RETURN(o.field, orr.Str("field", false));
        TIA_ASSIGN_OR_RETURN(o.profile, orr.Str("profile", false));
        TIA_ASSIGN_OR_RETURN(o.text, orr.Txt("text"));
        TIA_TRY(orr.Finish());
        q.options.push_back(std::move(o));
      }
    }
    TIA_ASSIGN_OR_RETURN(q.fills, r.Strings("fills", q.form != QuestionForm::kChecks));
    TIA_TRY(CheckQuestionShape(r, q));
    p_.questions_.push_back(std::move(q));
    return Ok();
  }

  // Each form fills inputs of the right type, and offers every answer the input can take.
  Result<void> CheckQuestionShape(TomlReader& r, Question& q) {
    auto one = [&](FieldType want, std::string_view what) -> Result<const FieldSpec*> {
      if (q.fills.size() != 1) return r.Err(r.Node("fills"), "fills", "must name one input");
      const FieldSpec* f = Field(q.fills[0]);
      if (!f) return r.Err(r.Node("fills"), "fills", "'" + q.fills[0] + "' is not an input");
      const bool number_ok = want == FieldType::kNumber && f->type == FieldType::kInt;
      if (f->type != want && !number_ok) {
        return r.Err(r.Node("fills"), "fills",
                     "'" + q.fills[0] + "' is not " + std::string(what) + " input");
      }
      return f;
    };
    const bool options_expected =
        q.form == QuestionForm::kChoice || q.form == QuestionForm::kChecks;
    if (!options_expected && !q.options.empty()) {
      return r.Err(r.Node("option"), "option", "only choice and checks questions have options");
    }
    const FieldSpec* field = nullptr;
    switch (q.form) {
      case QuestionForm::kYesNo: {
        TIA_ASSIGN_OR_RETURN(field, one(FieldType::kBool, "a yes/no"));
        break;
      }
      case QuestionForm::kChoice: {
        TIA_ASSIGN_OR_RETURN(field, one(FieldType::kEnum, "a labelled"));
        std::set<std::string> offered;
        for (const auto& o : q.options) {
          if (o.value.empty() || !o.field.empty()) {
            return r.Err(r.Node("option"), "option", "each option of a choice names a value");
          }
          if (std::find(field->labels.begin(), field->labels.end(), o.value) ==
              field->labels.end()) {
            return r.Err(r.Node("option"), "option",
                         "'" + o.value + "' is not a label of " + std::string(field->name));
          }
          offered.insert(o.value);
        }
        for (auto l : field->labels) {
          if (!offered.count(std::string(l))) {
            return r.Err(r.Node("option"), "option", "no option answers '" + std::string(l) + "'");
          }
        }
        break;
      }
      case QuestionForm::kChecks: {
        if (q.options.empty()) return r.Err(nullptr, "option", "a checks question needs options");
        if (!q.fills.empty()) {
          return r.Err(r.Node("fills"), "fills",
                       "a checks question fills what its options name; leave fills out");
        }
        for (const auto& o : q.options) {
          const FieldSpec* f = Field(o.field);
          if (o.field.empty() || !o.value.empty() || !f || f->type != FieldType::kBool) {
            return r.Err(r.Node("option"), "option",
                         "each option of a checks question names a yes/no input as field ('" +
                             o.field + "' is not one)");
          }
          q.fills.push_back(o.field);
        }
        break;
      }
      case QuestionForm::kNumber: {
        TIA_ASSIGN_OR_RETURN(field, one(FieldType::kNumber, "a number"));
        if (q.unit.empty()) return r.Err(nullptr, "unit", "a number question needs a unit");
        break;
      }
      case QuestionForm::kDate: {
        TIA_ASSIGN_OR_RETURN(field, one(FieldType::kInt, "a number"));
        if (field->name != "days_postpartum") {
          return r.Err(r.Node("fills"), "fills", "a date question fills days_postpartum");
        }
        break;
      }
      case QuestionForm::kWeights: {
        TIA_ASSIGN_OR_RETURN(field, one(FieldType::kNumber, "a number"));
        if (field->name != "infant_weight_loss_percent") {
          return r.Err(r.Node("fills"), "fills",
                       "a weights question fills infant_weight_loss_percent");
        }
        break;
      }
    }
    if (q.unknown && (!field || !field->nullable)) {
      return r.Err(r.Node("unknown"), "unknown",
                   "\"I don't know\" is only for an input that may be null (not measured), so "
                   "that the missing value never lowers the answer");
    }
    return Ok();
  }

  Result<void> RedFlagItem(TomlReader& r) {
    RedFlag f;
    f.line = r.line();
    TIA_ASSIGN_OR_RETURN(f.id, r.Str("id"));
    r.set_item("red flag " + f.id);
    for (const auto& o : p_.red_flags_) {
      if (o.id == f.id) return r.Err(r.Node("id"), "id", "'" + f.id + "' is already defined");
    }
    TIA_ASSIGN_OR_RETURN(f.when, r.Condition("when", p_.scope_, &f.when_text));
    TIA_ASSIGN_OR_RETURN(f.text, r.Txt("text"));
    TIA_ASSIGN_OR_RETURN(f.sources, SourceList(r));
    p_.red_flags_.push_back(std::move(f));
    return Ok();
  }

  Result<void> RuleItem(TomlReader& r) {
    Rule rule;
    rule.line = r.line();
    TIA_ASSIGN_OR_RETURN(rule.id, NewName(r, "id"));
    r.set_item("rule " + rule.id);
    TIA_ASSIGN_OR_RETURN(auto disp, r.Str("disposition", false));
    TIA_ASSIGN_OR_RETURN(rule.raise, r.Int("raise", 1, kDispositionCount - 1));
    if (disp.empty() == (rule.raise == 0)) {
      return r.Err(nullptr, "", "give either a disposition or raise = <levels>, not both");
    }
    if (!disp.empty()) {
      rule.disposition = ParseDisposition(disp);
      if (!rule.disposition) {
        return r.Err(r.Node("disposition"), "disposition",
                     "'" + disp + "' is not one of self_care, contact_24h, same_day, emergency");
      }
    }
    TIA_ASSIGN_OR_RETURN(rule.when, r.Condition("when", p_.scope_, &rule.when_text));
    TIA_ASSIGN_OR_RETURN(rule.reason, r.Txt("reason"));
    TIA_ASSIGN_OR_RETURN(rule.discuss, r.Txt("discuss", false));
    TIA_ASSIGN_OR_RETURN(rule.sources, SourceList(r));
    p_.rules_.push_back(std::move(rule));
    return Ok();
  }

  Result<void> AvoidItem(TomlReader& r) {
    Avoid a;
    TIA_ASSIGN_OR_RETURN(a.id, r.Str("id"));
    r.set_item("avoid " + a.id);
    if (p_.FindAvoid(a.id)) return r.Err(r.Node("id"), "id", "'" + a.id + "' is already defined");
    TIA_ASSIGN_OR_RETURN(a.what, r.Txt("what"));
    TIA_ASSIGN_OR_RETURN(a.why, r.Txt("why"));
    TIA_ASSIGN_OR_RETURN(a.sources, SourceList(r));
    if (r.Node("doing_now")) {
      TIA_ASSIGN_OR_RETURN(a.doing_now, r.Condition("doing_now", p_.scope_, &a.doing_now_text));
    }
    p_.avoid_.push_back(std::move(a));
    return Ok();
  }

  Result<void> PlanItem(TomlReader& r) {
    Plan plan;
    plan.line = r.line();
    TIA_ASSIGN_OR_RETURN(plan.id, r.Str("id"));
    r.set_item("plan " + plan.id);
    if (p_.FindPlan(plan.id))
      return r.Err(r.Node("id"), "id", "'" + plan.id + "' is already defined");
    TIA_ASSIGN_OR_RETURN(plan.title, r.Txt("title"));
    TIA_ASSIGN_OR_RETURN(plan.intro, r.Txt("intro", false));
    TIA_ASSIGN_OR_RETURN(plan.avoid, r.Strings("avoid", false));
    for (const auto& a : plan.avoid) {
      if (!p_.FindAvoid(a))
        return r.Err(r.Node("avoid"), "avoid", "'" + a + "' is not an [[avoid]] id");
    }
    TIA_ASSIGN_OR_RETURN(plan.sources, SourceList(r));
    const toml::node* steps = r.Node("step");
    const auto* arr = steps ? steps->as_array() : nullptr;
    if (!arr || arr->empty()) return r.Err(steps, "step", "a plan needs [[plan.step]] entries");
    for (const auto& e : *arr) {
      const auto* t = e.as_table();
      if (!t) return r.Err(&e, "step", "must be written as [[plan.step]] entries");
      TomlReader sr(*t, file_,
                    "plan " + plan.id + " step " + std::to_string(plan.steps.size() + 1));
      Step s;
      TIA_ASSIGN_OR_RETURN(s.text, sr.Txt("text"));
      TIA_ASSIGN_OR_RETURN(s.minutes, sr.Int("minutes", 1, 240));
      TIA_ASSIGN_OR_RETURN(s.count, sr.Int("count", 1, 100));
      TIA_ASSIGN_OR_RETURN(s.safety, sr.Txt("safety", false));
      TIA_TRY(sr.Finish());
      plan.steps.push_back(std::move(s));
    }
    p_.plans_.push_back(std::move(plan));
    return Ok();
  }

  Result<void> ConditionItem(TomlReader& r) {
    Condition c;
    c.line = r.line();
    TIA_ASSIGN_OR_RETURN(c.id, r.Str("id"));
    r.set_item("condition " + c.id);
    bool known = false;
    for (const auto& l : ConditionLabels()) known = known || l == c.id;
    if (!known) {
      return r.Err(r.Node("id"), "id",
                   "'" + c.id + "' is not a condition label of EVIDENCE section 0.6");
    }
    // A label may appear more than once in the list (EVIDENCE 3.5 names some twice, e.g. the
    // not-lactating and the lactating branch of the same red flag); its slot value is the label's
    // first position, so `condition == "x"` holds whichever entry matched.
    c.label_index = static_cast<int>(p_.conditions_.size());
    for (const auto& o : p_.conditions_) {
      if (o.id == c.id) {
        c.label_index = o.label_index;
        break;
      }
    }
    TIA_ASSIGN_OR_RETURN(c.when, r.Condition("when", p_.scope_, &c.when_text));
    TIA_ASSIGN_OR_RETURN(c.name, r.Txt("name"));
    TIA_ASSIGN_OR_RETURN(c.plan, r.Str("plan", false));
    if (!c.plan.empty() && !p_.FindPlan(c.plan)) {
      return r.Err(r.Node("plan"), "plan", "'" + c.plan + "' is not a [[plan]] id");
    }
    TIA_ASSIGN_OR_RETURN(c.sources, SourceList(r));
    p_.conditions_.push_back(std::move(c));
    return Ok();
  }

  Result<void> CheckConditions(TomlReader& top) {
    if (p_.conditions_.empty())
      return top.Err(nullptr, "condition", "a protocol needs [[condition]] entries");
    if (!p_.conditions_.back().when.IsLiteralTrue()) {
      return top.Err(
          nullptr, "condition",
          "the last [[condition]] must have when = \"true\", so every result has a label");
    }
    return Ok();
  }

  Result<void> RecheckItem(TomlReader& r) {
    Recheck rc;
    rc.line = r.line();
    r.set_item("recheck (line " + std::to_string(rc.line) + ")");
    TIA_ASSIGN_OR_RETURN(rc.when, r.Condition("when", p_.scope_, &rc.when_text));
    const toml::node* h = r.Node("hours");
    if (h) {
      if (const auto* i = h->as_integer(); i && i->get() > 0 && i->get() <= 24 * 14) {
        rc.hours_text = std::to_string(i->get());
      } else if (const auto* s = h->as_string()) {
        rc.hours_text = s->get();
      } else {
        return r.Err(h, "hours",
                     "must be a whole number of hours (1 to 336) or a quoted calculation");
      }
      auto e = Expr::Compile(rc.hours_text, p_.scope_);
      if (!e) return r.Err(h, "hours", e.error().message);
      if (e->type() != Type::kNumber) return r.Err(h, "hours", "must be a number of hours");
      rc.hours = std::move(*e);
    }
    TIA_ASSIGN_OR_RETURN(rc.watch_for, r.Txt("watch_for", false));
    TIA_ASSIGN_OR_RETURN(rc.sources, SourceList(r));
    p_.rechecks_.push_back(std::move(rc));
    return Ok();
  }

  Result<void> PlanPolicy(TomlReader& top) {
    const toml::node* n = top.Node("policy");
    if (!n || !n->as_table()) return top.Err(n, "policy", "a [policy] table is required");
    TomlReader r(*n->as_table(), file_, "[policy]");
    TIA_ASSIGN_OR_RETURN(p_.plan_when_, r.Condition("plan_when", p_.scope_, &p_.plan_when_text_));
    return r.Finish();
  }

  Result<void> SignalItem(TomlReader& r) {
    SignalSpec s;
    s.line = r.line();
    TIA_ASSIGN_OR_RETURN(s.id, r.Str("id"));
    r.set_item("signal " + s.id);
    const SignalShape* shape = FindSignalShape(s.id);
    if (!shape) return r.Err(r.Node("id"), "id", "'" + s.id + "' is not a signal Tia computes");
    if (p_.FindSignal(s.id)) return r.Err(r.Node("id"), "id", "'" + s.id + "' is listed twice");
    const toml::node* th = r.Node("thresholds");
    if (!th || !th->as_table())
      return r.Err(th, "thresholds", "a table of named numbers is required");
    for (const auto& [k, v] : *th->as_table()) {
      const double d = v.is_integer()          ? static_cast<double>(v.as_integer()->get())
                       : v.is_floating_point() ? v.as_floating_point()->get()
                                               : -1;
      if (!std::isfinite(d) || d < 0) {
        return r.Err(&v, "thresholds." + std::string(k.str()), "must be a number, 0 or more");
      }
      s.thresholds.emplace(std::string(k.str()), d);
    }
    for (auto name : shape->thresholds) {
      if (!s.thresholds.count(name)) {
        return r.Err(th, "thresholds", "'" + std::string(name) + "' is missing");
      }
    }
    for (const auto& [k, v] : s.thresholds) {
      bool used = false;
      for (auto name : shape->thresholds) used = used || name == k;
      if (!used) return r.Err(th, "thresholds", "'" + k + "' is not a threshold of this signal");
    }
    TIA_ASSIGN_OR_RETURN(s.message, r.Txt("message"));
    TIA_ASSIGN_OR_RETURN(s.sources, SourceList(r));
    p_.signals_.push_back(std::move(s));
    return Ok();
  }

  Result<void> CheckSignals(TomlReader& top) {
    for (const auto& shape : SignalShapes()) {
      if (!p_.FindSignal(shape.id)) {
        return top.Err(nullptr, "signal",
                       "the [[signal]] '" + std::string(shape.id) + "' is missing");
      }
    }
    return Ok();
  }

  std::string_view file_;
  Protocol p_;
};

Result<Protocol> Protocol::Parse(std::string_view text, std::string_view file) {
  return ProtocolLoader(file).Load(text);
}

std::string_view Protocol::DefaultText() {
  for (const auto& f : EmbeddedProtocols()) {
    if (f.name == "mastitis.toml") return f.contents;
  }
  std::fprintf(stderr, "tia: build error: rules/mastitis.toml is not embedded\n");
  std::abort();
}

const Protocol& Protocol::Default() {
  static const Protocol p = [] {
    auto r = Parse(DefaultText(), "rules/mastitis.toml");
    if (!r) {
      std::fprintf(stderr, "tia: the built-in protocol does not load: %s\n",
                   r.error().message.c_str());
      std::abort();
    }
    return std::move(*r);
  }();
  return p;
}

namespace {
const std::vector<Protocol>& Archived() {
  static const std::vector<Protocol> archived = [] {
    std::vector<Protocol> out;
    for (const auto& f : EmbeddedArchivedProtocols()) {
      auto r = Protocol::Parse(f.contents, "rules/<archived>/" + std::string(f.name));
      if (!r) {
        std::fprintf(stderr, "tia: an archived protocol does not load: %s\n",
                     r.error().message.c_str());
        std::abort();
      }
      out.push_back(std::move(*r));
    }
    return out;
  }();
  return archived;
}
}  // namespace

const Protocol* Protocol::Version(std::string_view version) {
  if (Default().version() == version) return &Default();
  for (const auto& p : Archived()) {
    if (p.version() == version) return &p;
  }
  return nullptr;
}

std::vector<std::string> Protocol::Versions() {
  std::vector<std::string> out = {Default().version()};
  for (const auto& p : Archived()) out.push_back(p.version());
  return out;
}

namespace {
template <class T>
const T* ById(const std::vector<T>& items, std::string_view id) {
  for (const auto& item : items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}
}  // namespace

const Plan* Protocol::FindPlan(std::string_view id) const { return ById(plans_, id); }
const Avoid* Protocol::FindAvoid(std::string_view id) const { return ById(avoid_, id); }
const Rule* Protocol::FindRule(std::string_view id) const { return ById(rules_, id); }
const SignalSpec* Protocol::FindSignal(std::string_view id) const { return ById(signals_, id); }

}  // namespace tia::engine
