// tia/app/symptom_checks.h — the symptom check as a service: questionnaire answers plus what the
// care log knows, through the care engine, stored immutably; re-checks and escalation.
//
// A check is written by PUT with an id the phone chose, like a record: the same request sent again
// answers with the stored result (never re-evaluated, never duplicated); the same id with other
// answers is a conflict. Each stored check keeps its answers, the complete engine input with where
// every value from the log came from, the result in English and Vietnamese, the protocol version,
// the re-check time and, when it is worse than the check before it, an escalation that the
// hospital sees at once. Thread-safe.
#pragma once

#include <string>

#include "tia/app/context.h"
#include "tia/domain/json_reader.h"
#include "tia/engine/protocol.h"

namespace tia::app {

using domain::Json;

struct CheckReply {
  bool created = false;  // 201 (a resend of a create answers 201 again)
  Json json;
};

class SymptomChecks {
 public:
  explicit SymptomChecks(Services& s, const engine::Protocol& p = engine::Protocol::Default())
      : s_(s), protocol_(p) {}

  // body: {"answers": {engine fields}, "recheck_of": "<id of an earlier check>"?}
  Result<CheckReply> Put(const Caller& caller, const std::string& mother, const std::string& id,
                         const Json& body, engine::Lang lang);
  Result<Json> Get(const Caller& caller, const std::string& mother, const std::string& id,
                   engine::Lang lang);
  // What a check started now would take from her log, so the app asks only the rest:
  // {"from_log": {field: {"value", "from"}}, "previous": {"id", "created_at", "disposition"} |
  // null}
  // ("previous" is the check a new one would be compared with).
  Result<Json> Known(const Caller& caller, const std::string& mother);
  // {"items": [newest first, at most 50], "next_recheck": {"check_id", "due_at"} | null}
  Result<Json> List(const Caller& caller, const std::string& mother, engine::Lang lang);
  // The risk signals over her care log now.
  Result<Json> Signals(const Caller& caller, const std::string& mother, engine::Lang lang);
  // Escalated checks of the clinician's hospital in the last 7 days, newest first (audited).
  // The escalation reasons are stored in English, the language clinicians' records are kept in.
  Result<Json> Escalations(const Caller& caller);

 private:
  Services& s_;
  const engine::Protocol& protocol_;
};

}  // namespace tia::app
