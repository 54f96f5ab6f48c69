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
// Administrators: {items: [{at, actor_role, action, resource, outcome, request_id}]}, newest
// first (at most 200).
Result<domain::Json> AuditTrail(Services& s, const Caller& caller);
// Ok when the database answers a query (the readiness probe).
Result<void> CheckReady(Services& s);

}  // namespace tia::app
