#include "tia/storage/delivery_queue.h"

#include "tia/storage/sql_helpers.h"

namespace tia::storage::delivery {
namespace {

std::string Table(Queue q) {
  switch (q) {
    case Queue::kOutbox:
      return "outbox_messages";
    case Queue::kPush:
      return "push_deliveries";
  }
  return {};
}

// What else a finished message loses: a one-time code's text (an outbox row that expires).
std::string Finished(Queue q) {
  return q == Queue::kOutbox ? ", body = CASE WHEN expires_at IS NULL THEN body ELSE '' END" : "";
}

}  // namespace

std::string DueWhere(std::string_view alias) {
  const std::string a(alias);
  return "((" + a + "status = 'pending' AND " + a + "next_attempt_at <= $1) OR (" + a +
         "status = 'sending' AND " + a + "claimed_until < $1))";
}

Result<bool> Claim(Connection& c, Queue q, int64_t id, int64_t now, int64_t lease_until) {
  TIA_ASSIGN_OR_RETURN(int64_t n, c.Execute("UPDATE " + Table(q) +
                                                " SET status = 'sending', claimed_until = $3, "
                                                "attempts = attempts + 1 WHERE id = $2 AND " +
                                                DueWhere(),
                                            {now, id, lease_until}));
  return n == 1;
}

Result<void> MarkSent(Connection& c, Queue q, int64_t id, int64_t now) {
  return Exec(c,
              "UPDATE " + Table(q) +
                  " SET status = 'sent', sent_at = $2, claimed_until = NULL, last_error = NULL" +
                  Finished(q) + " WHERE id = $1",
              {id, now});
}

Result<void> MarkRetry(Connection& c, Queue q, int64_t id, const std::string& error,
                       int64_t next_at, bool give_up) {
  return Exec(c,
              "UPDATE " + Table(q) +
                  " SET status = $2, next_attempt_at = $3, claimed_until = NULL, last_error = $4" +
                  (give_up ? Finished(q) : "") + " WHERE id = $1",
              {id, std::string(give_up ? "failed" : "pending"), next_at, error});
}

}  // namespace tia::storage::delivery
