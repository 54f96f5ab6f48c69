// tia/app/hospital.h — what a hospital's staff see of the hospital as a whole: its mothers (for
// clinicians) and its audit trail (for administrators), and whether the database answers.
//
// Anyone else gets kNotFound, as for a record they may not see. Reading the list of mothers is a
// staff read and leaves an audit row before anything is returned.
#pragma once

#include "tia/app/context.h"
#include "tia/domain/json_reader.h"

namespace tia::app {

// Clinicians: {items: [{id, display_name}]}, the hospital's mothers (at most 100).
Result<domain::Json> HospitalMothers(Services& s, const Caller& caller);
// What the audit log screen asks for (the query string, as given): from/to as RFC 3339 instants,
// action and outcome exactly, actor and subject as user ids, the cursor of the next page.
struct AuditQuery {
  std::string from, to, action, outcome, actor, subject, cursor;
  int64_t limit = 200;  // 1 to 500
};

// Administrators: {items: [{at, actor_role, actor: {id, name}|null, action, resource, outcome,
// subject: {id, name}|null, request_id}], next_cursor, actions, outcomes}, newest first; the
// actions and outcomes the hospital's log holds, for the filters. Reading it is audited.
Result<domain::Json> AuditTrail(Services& s, const Caller& caller, const AuditQuery& q);
// Ok when the database answers a query (the readiness probe).
Result<void> CheckReady(Services& s);
// The metrics page (GET /metrics): the process's counters and histograms, with the gauges read from
// the database now — the outbox's backlog and its oldest due message by channel, and the
// consultations waiting for the team and past their deadline by priority. Counts only.
Result<std::string> MetricsPage(Services& s);

}  // namespace tia::app
