// tia/storage/delivery_queue.h — the life of a message on its way out, one mechanism for every
// table that holds such messages: the booking outbox (outbox_messages) and Web Push notifications
// (push_deliveries). A message is `pending` until due, then `sending` under a lease while one
// sender has it (a compare-and-set, so two servers never both send it; a crashed sender's lease
// runs out and the message is due again), then `sent`, or `pending` again for another try, or
// `failed` for good.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include "tia/base/time.h"
#include "tia/storage/connection.h"

namespace tia::storage::delivery {

enum class Queue { kOutbox, kPush };

// The retry policy every sender follows: a claim lasts two minutes, a pass takes at most 100
// messages, a failed message is tried again after 1, 2, 4 ... minutes (at most an hour), and
// fails for good after the eighth attempt.
inline constexpr int64_t kLeaseMs = 2 * kMinuteMs;
inline constexpr int kBatch = 100;
inline constexpr int kMaxAttempts = 8;
constexpr int64_t RetryDelayMs(int64_t attempts) {
  return std::min<int64_t>(kMinuteMs << std::min<int64_t>(attempts - 1, 6), kHourMs);
}

// The condition of a row that is due at $1 (pending and due, or claimed under an expired lease),
// for a query's WHERE; `alias` prefixes the columns ("d." in a join).
std::string DueWhere(std::string_view alias = "");

// Takes one message for sending until `lease_until`; false when another sender has it.
Result<bool> Claim(Connection& c, Queue q, int64_t id, int64_t now, int64_t lease_until);
Result<void> MarkSent(Connection& c, Queue q, int64_t id, int64_t now);
// Another try at `next_at`, or `failed` for good after the last attempt. `error` holds no PII.
Result<void> MarkRetry(Connection& c, Queue q, int64_t id, const std::string& error,
                       int64_t next_at, bool give_up);

}  // namespace tia::storage::delivery
