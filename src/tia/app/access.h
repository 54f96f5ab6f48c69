// tia/app/access.h — resolving "may this caller do this to that mother's record?".
//
// Loads the caller's relation to the mother (her hospital, a caregiver grant), asks the policy,
// and audits staff: every attempt by a clinician or admin on a mother's record leaves an audit
// row before any data is returned. A caller without access gets kNotFound, never a hint.
#pragma once

#include <string>

#include "tia/app/context.h"
#include "tia/domain/json_reader.h"
#include "tia/storage/repositories.h"

namespace tia::app {

using domain::Json;

struct Subject {
  int64_t mother_id = 0;
  std::string mother_public_id;
  std::optional<int64_t> hospital_id;
};

Result<Subject> ResolveSubject(Services& s, const Caller& caller,
                               const std::string& mother_public_id, auth::Action action,
                               const std::string& resource);

// An audit row for what the signed-in `caller` did, stamped with the server clock and the
// caller's address and request id. `subject` is the mother whose record it concerns, if any.
storage::AuditEvent AuditOf(const Services& s, const Caller& caller, std::string action,
                            std::string resource, std::string outcome,
                            std::optional<int64_t> subject);

// Break-glass: a clinician of another hospital asks to read a mother's record in an emergency.
// body: {reason (required), minutes (1..60, default 60)}. Audited with the outcome "break_glass";
// her hospital's administrators see it in BreakGlassGrants. Her own hospital's clinicians need
// none (409).
Result<Json> BreakGlass(Services& s, const Caller& caller, const std::string& mother_public_id,
                        const Json& body);
// Admins: the break-glass grants on their hospital's mothers, newest first.
Result<Json> BreakGlassGrants(Services& s, const Caller& caller);

// Refuses (400 /infant_id) an infant id that is not one of this mother's live infant records:
// a care-log entry, a consultation or a booking may name only her own baby.
Result<void> RequireOwnInfant(storage::Connection& c, int64_t mother_id,
                              const std::string& infant_id);

// A record of `kind` is a baby event (caregiver scope "baby") or the mother's own data.
auth::Action ReadAction(bool baby_event);
auth::Action WriteAction(bool baby_event);

}  // namespace tia::app
