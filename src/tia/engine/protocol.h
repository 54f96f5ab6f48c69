// tia/engine/protocol.h — a care protocol: the clinical lead's policy as a reviewable data file.
//
// A protocol file (TOML; `rules/mastitis.toml` is the shipped one, `rules/README.md` explains the
// format) holds, in this order of evaluation:
//   * derived values — named yes/no values or numbers computed from the input (fever, sepsis
//   screen);
//   * rules — id, disposition, when it fires, the reason in English and Vietnamese, the sources;
//     a rule may instead `raise` the result by levels (a mother's worry, EVIDENCE 3.2 item 8);
//   * conditions — the ordered list that labels the result (first match wins; never changes the
//     disposition), each naming its self-care plan;
//   * re-checks — the ordered list that sets the re-check time;
//   * red flags — findings that any check-in raises at once;
//   * self-care plans and the "what not to do, and why" list, in both languages;
//   * risk-signal thresholds over the care log;
//   * the questions the symptom check asks, each naming the inputs it fills and when it is asked.
// Every rule, condition, re-check and plan cites keys of the file's `[sources]`, which in turn
// cite docs/clinical-evidence.md. Loading checks everything a reviewer could get wrong (unknown
// names, unknown labels, missing translations, missing sources) and names file, line and item.
//
//   TIA_ASSIGN_OR_RETURN(auto protocol, Protocol::Parse(text, "rules/mastitis.toml"));
//   Outcome o = Evaluate(protocol, input);   // tia/engine/triage.h
//
// Immutable after loading; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tia/base/result.h"
#include "tia/engine/expr.h"

namespace tia::engine {

// In increasing urgency; the numeric order is the order of EVIDENCE section 3.
enum class Disposition : uint8_t { kSelfCare, kContact24h, kSameDay, kEmergency };
inline constexpr int kDispositionCount = 4;
std::string_view DispositionName(Disposition d);
std::optional<Disposition> ParseDisposition(std::string_view s);

// The condition labels of EVIDENCE 0.6; a protocol may only use these.
const std::vector<std::string>& ConditionLabels();

enum class Lang : uint8_t { kEn, kVi };
std::optional<Lang> ParseLang(std::string_view s);
inline const char* LangCode(Lang l) { return l == Lang::kVi ? "vi" : "en"; }

struct Text {
  std::string en;
  std::string vi;
  const std::string& In(Lang l) const { return l == Lang::kVi ? vi : en; }
  bool empty() const { return en.empty() && vi.empty(); }
};

struct Derived {
  std::string name;
  std::string when_text;
  Expr when;
  std::string means;  // for reviewers
  std::vector<std::string> sources;
  int line = 0;
  int slot = 0;
};

struct Rule {
  std::string id;
  std::optional<Disposition> disposition;  // absent for a rule that raises
  int raise = 0;                           // levels a raising rule adds to the result
  std::string when_text;
  Expr when;
  Text reason;
  Text discuss;  // what to talk over with the clinician (never a prescription); may be empty
  std::vector<std::string> sources;
  int line = 0;
  int slot = 0;
};

struct Condition {
  std::string id;
  std::string when_text;
  Expr when;
  Text name;
  std::string plan;  // self-care plan id, empty for none
  std::vector<std::string> sources;
  int line = 0;
  int label_index = 0;  // the position of this label's first entry: its value in conditions
};

struct Recheck {
  std::string when_text;
  Expr when;
  std::optional<Expr> hours;  // absent: no re-check
  std::string hours_text;
  Text watch_for;  // what should make her check again before the time
  std::vector<std::string> sources;
  int line = 0;
};

struct RedFlag {
  std::string id;
  std::string when_text;
  Expr when;
  Text text;
  std::vector<std::string> sources;
  int line = 0;
};

struct Step {
  Text text;
  int minutes = 0;  // a timer, 0 for none
  int count = 0;    // repetitions, 0 for none
  Text safety;
};

struct Avoid {
  std::string id;
  Text what;
  Text why;
  std::vector<std::string> sources;
  // When the answers show she is doing this now (the "advice trigger" fields of EVIDENCE 0.4),
  // the result tells her at once, whatever her plan; absent for items no answer reveals.
  std::optional<Expr> doing_now;
  std::string doing_now_text;
};

struct Plan {
  std::string id;
  Text title;
  Text intro;
  std::vector<Step> steps;
  std::vector<std::string> avoid;  // ids into Protocol::avoid()
  std::vector<std::string> sources;
  int line = 0;
};

// A question the symptom check asks: which inputs it fills, its answer form, and when it is asked
// (a condition over what is already known: the inputs answered so far or supplied by the log and
// profile, with the rest at their neutral values, and the derived values computed from them).
// The app renders these; a clinical lead reviews them beside the rules they feed.
enum class QuestionForm : uint8_t {
  kYesNo,    // one yes/no input
  kChoice,   // one labelled input, one option per label
  kChecks,   // several yes/no inputs, one option (a tick box) each
  kNumber,   // one number input, in the input's accepted range
  kDate,     // the baby's birth date; fills days_postpartum (days before today, her calendar)
  kWeights,  // the birth weight and the latest weight; fills infant_weight_loss_percent
};
std::string_view QuestionFormName(QuestionForm f);

struct QuestionOption {
  std::string value;    // kChoice: the label it answers
  std::string field;    // kChecks: the yes/no input it sets
  std::string profile;  // kChecks: the profile key that keeps it, if any
  Text text;
};

struct Question {
  std::string id;
  std::string section;  // about_you, breast, body, course, baby, worry: one screen each
  QuestionForm form = QuestionForm::kYesNo;
  std::vector<std::string> fills;  // the inputs it fills
  std::string ask_when_text = "true";
  Expr ask_when;
  std::string profile;  // the profile key that keeps the answer (asked once, editable there)
  Text text;
  Text help;             // how to find out (a pulse, a breathing rate); may be empty
  bool unknown = false;  // offers "I don't know": the input stays null, which fires nothing
  std::string unit;      // for numbers: hours, days, weeks, celsius, per_minute, mmhg, count, grams
  std::vector<QuestionOption> options;
  int line = 0;
};

// A risk signal over the care log: its id, its thresholds (named numbers the code reads), the
// message in both languages and its sources. The patterns themselves are in tia/engine/signals.h.
struct SignalSpec {
  std::string id;
  std::map<std::string, double, std::less<>> thresholds;
  Text message;
  std::vector<std::string> sources;
  int line = 0;
  double Threshold(std::string_view name) const;  // aborts if absent: the loader checked it
};

class Protocol {
 public:
  // Parses and checks a protocol; `file` is used in error messages ("file:line: rule S5: ...").
  static Result<Protocol> Parse(std::string_view text, std::string_view file);
  // The protocol compiled into the binary (rules/mastitis.toml).
  static const Protocol& Default();
  static std::string_view DefaultText();
  // A protocol version compiled into the binary: the current one or an archived one
  // (rules/<version>/), so a stored result stays explainable by the version that made it.
  // nullptr when this binary has no such version.
  static const Protocol* Version(std::string_view version);
  static std::vector<std::string> Versions();  // current first, then the archived ones

  const std::string& id() const { return id_; }
  const std::string& version() const { return version_; }
  const std::string& title() const { return title_; }
  const std::string& status() const { return status_; }
  const std::map<std::string, std::string, std::less<>>& sources() const { return sources_; }
  const std::vector<Derived>& derived() const { return derived_; }
  const std::vector<Rule>& rules() const { return rules_; }
  const std::vector<Condition>& conditions() const { return conditions_; }
  const std::vector<Recheck>& rechecks() const { return rechecks_; }
  const std::vector<RedFlag>& red_flags() const { return red_flags_; }
  const std::vector<Plan>& plans() const { return plans_; }
  const std::vector<Avoid>& avoid() const { return avoid_; }
  const std::vector<SignalSpec>& signals() const { return signals_; }
  const std::vector<Question>& questions() const { return questions_; }
  const Expr& plan_when() const { return *plan_when_; }
  const std::string& plan_when_text() const { return plan_when_text_; }

  const Plan* FindPlan(std::string_view id) const;
  const Avoid* FindAvoid(std::string_view id) const;
  const Rule* FindRule(std::string_view id) const;
  const SignalSpec* FindSignal(std::string_view id) const;

  const Scope& scope() const { return scope_; }
  int disposition_slot() const { return disposition_slot_; }
  int condition_slot() const { return condition_slot_; }

 private:
  friend class ProtocolLoader;
  std::string id_, version_, title_, status_;
  std::map<std::string, std::string, std::less<>> sources_;
  std::vector<Derived> derived_;
  std::vector<Rule> rules_;
  std::vector<Condition> conditions_;
  std::vector<Recheck> rechecks_;
  std::vector<RedFlag> red_flags_;
  std::vector<Plan> plans_;
  std::vector<Avoid> avoid_;
  std::vector<SignalSpec> signals_;
  std::vector<Question> questions_;
  std::optional<Expr> plan_when_;
  std::string plan_when_text_;
  Scope scope_;
  int disposition_slot_ = 0;
  int condition_slot_ = 0;
};

}  // namespace tia::engine
