// tia/engine/triage.h — one symptom check: a protocol applied to one decoded input.
//
// Evaluation follows EVIDENCE section 3: derived values first, then every rule; the disposition
// is the most urgent fired rule (self_care when none fires), raised by any raising rule that fires
// (a mother's worry, one level); then the first matching condition labels the result (the label
// never changes the disposition); then the re-check time, the self-care plan and the red flags.
// Pure and deterministic; no allocation beyond the outcome's vectors.
//
//   auto in = DecodeInput(json);                      // tia/engine/input.h
//   Outcome o = Evaluate(Protocol::Default(), *in);
//   Json out = ContractJson(Protocol::Default(), o, Lang::kVi);   // what `tia triage` prints
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tia/engine/input.h"
#include "tia/engine/protocol.h"

namespace tia::engine {

struct FiredRule {
  const Rule* rule;
  Disposition disposition;  // the rule's own, or for a raising rule the level it raised to
};

struct Outcome {
  Disposition disposition = Disposition::kSelfCare;
  Disposition before_raise = Disposition::kSelfCare;  // the disposition before raising rules
  const Condition* condition = nullptr;
  std::vector<FiredRule> fired;  // in protocol order
  std::optional<double> recheck_hours;
  const Recheck* recheck = nullptr;  // the entry that set it (or said "none")
  const Plan* plan = nullptr;
  std::vector<const RedFlag*> red_flags;
  std::vector<const Avoid*> advice;  // "what not to do" items her answers show she is doing
};

Outcome Evaluate(const Protocol& p, const Input& in);

// Whether a question is asked, given what is known so far (unknown inputs at their neutral values).
bool Asked(const Protocol& p, const Question& q, const Input& known);

// The exact JSON of the `tia triage` contract:
// {"disposition", "condition", "fired": [{"id", "disposition", "reason", "sources"}],
//  "recheck_hours", "self_care_plan", "protocol": {"id", "version"}}.
Json ContractJson(const Protocol& p, const Outcome& o, Lang lang);

// The full result as the API stores and shows it: the contract plus red flags, the condition's
// name, what to discuss with the clinician, what to watch for and the whole self-care plan.
Json DetailJson(const Protocol& p, const Outcome& o, Lang lang);

// A plain-text explanation for a reviewer or a clinician (`tia triage --explain`).
std::string Explain(const Protocol& p, const Input& in, const Outcome& o, Lang lang);

// What the app needs to ask the questions and to recognise an emergency on the phone, offline:
// the input fields (type, labels, neutral value, accepted range), the derived values and the
// emergency rules (their conditions in the protocol's language), and the questions, with every
// text in both languages. `GET /api/v1/symptom-check/questions` serves it; web/src/protocol.json
// is this document, bundled with the app shell.
Json QuestionsJson(const Protocol& p);

// A self-care plan with its steps and its "what not to do, and why" list.
Json PlanJson(const Protocol& p, const Plan& plan, Lang lang);

}  // namespace tia::engine
