// tia/domain/consultation.h — a remote consultation's rules: its priority from the symptom-check
// result, its reply clock, and the canonical bodies of what is sent in it. Pure.
//
// Priority comes from the result, never from the mother's choice (research/hospital-side.md 2.3):
// an emergency never waits in a queue — the answer is the emergency number and the hotline; a
// same-day result is answered within 2 hours; a contact-within-24-hours result within 24 hours;
// anything else within the window the hospital publishes. The clock starts when the lactation
// team is answering (its weekly hours), so a question at 02:00 is not "overdue" before anyone is
// on duty — and the mother is sent to the hotline for the night instead.
#pragma once

#include <optional>
#include <string>

#include "tia/base/result.h"
#include "tia/domain/json_reader.h"

namespace date {
class time_zone;
}

namespace tia::domain {

// "same_day", "contact_24h" or "routine"; nullopt for an emergency (not queued).
std::optional<std::string> PriorityOf(const std::optional<std::string>& disposition);
// The queue's order of priorities, most urgent first: the one definition (the queue's SQL is
// built from it).
const std::vector<std::string>& PrioritiesInOrder();
// A priority's place in PrioritiesInOrder (0 same_day, 1 contact_24h, 2 routine).
int PriorityRank(const std::string& priority);
// How long the team has to reply, in minutes.
int64_t ReplyWindowMin(const std::string& priority, int64_t routine_reply_hours);

struct ReplyClock {
  int64_t starts_at = 0;  // now, or the start of the team's next hours
  int64_t deadline_at = 0;
  bool out_of_hours = false;
};
// The clock for a question asked at `now`: `consultation` is the hospital settings' member
// {hours, routine_reply_hours}.
ReplyClock ClockFor(const std::string& priority, const Json& consultation,
                    const date::time_zone* zone, int64_t now);

// Canonical bodies, each error naming its field.
// Opening: {message (1..4000 chars), symptom_check_id?, subject "mother"|"baby", infant_id?}.
Result<Json> ValidateOpening(const Json& in);
// A message: {text (1..4000 chars), internal? (a care-team note the mother does not see)}.
Result<Json> ValidateMessage(const Json& in);
// Close-out: {outcome "self_care"|"book"|"refer_emergency", message (1..4000),
// care_plan {summary (1..2000), steps [<=20 of 1..300 chars], recheck_in_hours? 1..168}}.
Result<Json> ValidateCloseOut(const Json& in);
// A reply template: {title (1..80), text (1..4000), language "en"|"vi", active}.
Result<Json> ValidateReplyTemplate(const Json& in);

}  // namespace tia::domain
