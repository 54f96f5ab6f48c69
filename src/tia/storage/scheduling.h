// tia/storage/scheduling.h — repositories for the hospital's configuration and bookings
// (migrations/*/0004_scheduling.sql). Plain SQL shared by SQLite and PostgreSQL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tia/storage/connection.h"

namespace tia::storage {

// A service, a provider, a room or a reply template: a canonical JSON body owned by one hospital.
enum class ConfigKind { kService, kProvider, kRoom, kReplyTemplate };

struct ConfigRow {
  int64_t id = 0;
  int64_t hospital_id = 0;
  std::string public_id;
  std::string body;
  int64_t updated_at = 0;
};

namespace hospital_settings {
Result<std::optional<std::string>> Get(Connection& c, int64_t hospital_id);
Result<void> Put(Connection& c, int64_t hospital_id, const std::string& body, int64_t now,
                 int64_t by);
}  // namespace hospital_settings

namespace config {
Result<std::optional<ConfigRow>> ByPublicId(Connection& c, ConfigKind kind, const std::string& id);
Result<std::optional<ConfigRow>> ById(Connection& c, ConfigKind kind, int64_t id);
Result<std::vector<ConfigRow>> OfHospital(Connection& c, ConfigKind kind, int64_t hospital_id);
// Inserts, or replaces the body of the row with this public id (the caller checked its hospital).
Result<ConfigRow> Put(Connection& c, ConfigKind kind, int64_t hospital_id,
                      const std::string& public_id, const std::string& body, int64_t now,
                      int64_t by);
// Serialises booking writes for one provider or room across server processes (PostgreSQL row
// lock; SQLite's single writer already does). Take a provider's first, then rooms by id.
Result<void> Lock(Connection& c, ConfigKind kind, int64_t id);
}  // namespace config

struct BookingRow {
  int64_t id = 0;
  std::string public_id;
  int64_t hospital_id = 0;
  int64_t mother_id = 0;
  int64_t service_id = 0;
  int64_t provider_id = 0;
  int64_t start_at = 0;
  int64_t end_at = 0;
  int64_t busy_from = 0;
  int64_t busy_to = 0;
  std::string status;
  std::optional<int64_t> hold_expires_at;
  std::string body;  // canonical request: subjects, infant_id, note
  std::string request_hash;
  int64_t created_at = 0;
  int64_t created_by = 0;
  int64_t updated_at = 0;
  int64_t version = 1;
  std::optional<int64_t> room_id;  // when its service takes place in one of its rooms
};

struct BookingEventRow {
  int64_t at = 0;
  int64_t actor_id = 0;
  std::string actor_role;
  std::optional<std::string> from_status;
  std::string to_status;
  std::optional<std::string> reason;
};

namespace bookings {
Result<std::optional<BookingRow>> ByPublicId(Connection& c, const std::string& id);
Result<std::optional<BookingRow>> ById(Connection& c, int64_t id);
// What takes a provider's time between `from` and `to`: bookings that are requested, booked or
// arrived, and holds that have not expired at `now`.
Result<std::vector<BookingRow>> Busy(Connection& c, int64_t provider_id, int64_t from, int64_t to,
                                     int64_t now);
// The same for a room.
Result<std::vector<BookingRow>> BusyInRoom(Connection& c, int64_t room_id, int64_t from, int64_t to,
                                           int64_t now);
Result<std::vector<BookingRow>> OfMother(Connection& c, int64_t mother_id);
// A provider's bookings starting in [from, to), cancelled ones included, holds left out.
Result<std::vector<BookingRow>> OfProvider(Connection& c, int64_t provider_id, int64_t from,
                                           int64_t to);
Result<std::vector<BookingRow>> OfHospital(Connection& c, int64_t hospital_id, int64_t from,
                                           int64_t to);
Result<BookingRow> Insert(Connection& c, const BookingRow& b);
// Compare-and-set on the version: false when someone changed it first.
Result<bool> SetStatus(Connection& c, const BookingRow& b, const std::string& status, int64_t now);
// Moves `b` (its version as read) to the times, provider and room in `to`; compare-and-set on the
// version like SetStatus.
Result<bool> Move(Connection& c, const BookingRow& b, const BookingRow& to, int64_t now);
Result<void> AddEvent(Connection& c, int64_t booking_id, const BookingEventRow& e);
Result<std::vector<BookingEventRow>> Events(Connection& c, int64_t booking_id);
}  // namespace bookings

struct WaitlistRow {
  int64_t id = 0;
  std::string public_id;
  int64_t hospital_id = 0;
  int64_t mother_id = 0;
  int64_t service_id = 0;
  std::optional<int64_t> provider_id;  // any provider when empty
  int32_t from_date = 0;
  int32_t to_date = 0;
  std::string status;
  std::optional<int64_t> booking_id;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

namespace waitlist {
Result<std::optional<WaitlistRow>> ByPublicId(Connection& c, const std::string& id);
Result<WaitlistRow> Insert(Connection& c, const WaitlistRow& w);
// Waiting entries for a service whose range holds `date` (and the provider, or any), oldest first.
Result<std::vector<WaitlistRow>> Waiting(Connection& c, int64_t service_id, int64_t provider_id,
                                         int32_t date);
// Offered entries whose held booking expired before `now`.
Result<std::vector<WaitlistRow>> ExpiredOffers(Connection& c, int64_t now);
Result<std::optional<WaitlistRow>> ByBooking(Connection& c, int64_t booking_id);
Result<std::vector<WaitlistRow>> OfMother(Connection& c, int64_t mother_id);
Result<void> SetStatus(Connection& c, int64_t id, const std::string& status,
                       std::optional<int64_t> booking_id, int64_t now);
}  // namespace waitlist

// Capability URLs for a provider's calendar feed: only a token's hash is stored.
namespace calendar_feeds {
Result<void> Create(Connection& c, int64_t provider_id, const std::string& token_hash, int64_t now,
                    int64_t by);
// The provider whose live (not revoked) feed has this token hash.
Result<std::optional<int64_t>> ProviderOf(Connection& c, const std::string& token_hash);
// Revokes every live feed of the provider; the number revoked.
Result<int64_t> RevokeAll(Connection& c, int64_t provider_id, int64_t now);
}  // namespace calendar_feeds

struct OutboxRow {
  int64_t id = 0;
  int64_t booking_id = 0;  // 0: a message to an account (a one-time code)
  std::string kind;        // confirmation, reminder_24h, reminder_2h, sign_in, password_reset ...
  std::string channel;     // email, sms, zalo (body: the ZNS request and the text to send instead)
  std::string recipient;
  std::string subject;
  std::string body;
  int64_t due_at = 0;
  std::string status;  // pending, sending, sent, failed, cancelled
  int64_t attempts = 0;
  std::optional<int64_t> sent_at;
  int64_t user_id = 0;                // read only: 0 for a booking's message
  std::optional<int64_t> expires_at;  // read only
};

namespace outbox {
// Adds a message unless the booking already has one of this kind on this channel due then; one
// that was cancelled (the booking moved away and back) is made pending again.
Result<void> Enqueue(Connection& c, const OutboxRow& m);
// A one-time code's message to an account holder, due now; it is not sent after `expires_at`,
// and its text is dropped once it is sent or given up.
Result<void> EnqueueForAccount(Connection& c, int64_t user_id, const OutboxRow& m,
                               int64_t expires_at);
// Pending messages due at `now` (and not expired), and claims whose lease ran out (a crashed
// sender), oldest first.
Result<std::vector<OutboxRow>> Due(Connection& c, int64_t now, int limit);
// Claimed, sent and retried through delivery:: (tia/storage/delivery_queue.h).
// An account's messages of this kind that were not sent yet are cancelled (a class seat given up).
Result<void> CancelForAccount(Connection& c, int64_t user_id, const std::string& kind);
// The same for every kind starting with `prefix` (an antenatal schedule's reminders).
Result<void> CancelForAccountPrefix(Connection& c, int64_t user_id, const std::string& prefix);
// An account's messages whose kind starts with `prefix`, by due time.
Result<std::vector<OutboxRow>> OfAccount(Connection& c, int64_t user_id, const std::string& prefix);
// The message that goes instead of `original` when its channel could not deliver it (a text
// message for a refused Zalo one): the same booking or account, kind and expiry, due `now`. The
// caller adds it in the transaction that marks `original` failed, so it is added once.
Result<void> EnqueueInstead(Connection& c, const OutboxRow& original, const std::string& channel,
                            const std::string& recipient, const std::string& body, int64_t now);
// A cancelled booking's messages that were not sent yet.
Result<void> CancelPending(Connection& c, int64_t booking_id);
Result<std::vector<OutboxRow>> OfBooking(Connection& c, int64_t booking_id);
}  // namespace outbox

// A hospital's Zalo (ZNS) settings (tia/domain/zalo.h) and its access token, kept apart from them.
namespace zalo {
struct SettingsRow {
  std::string body;
  std::string access_token;
  int64_t updated_at = 0;
};
Result<std::optional<SettingsRow>> Get(Connection& c, int64_t hospital_id);
// Replaces the body; the token too when one is given (the first save must give one).
Result<void> Put(Connection& c, int64_t hospital_id, const std::string& body,
                 const std::optional<std::string>& token, int64_t now, int64_t by);
}  // namespace zalo

// What a hospital sees of a message a channel could not deliver: when, its kind, the channel's
// code and what it means, and what Tia did instead. Never who, never the text.
struct IncidentRow {
  int64_t at = 0;
  std::string channel;
  std::string kind;
  int64_t code = 0;
  std::string detail;
  std::string fallback;  // sms, none
};
namespace incidents {
Result<void> Add(Connection& c, int64_t hospital_id, const IncidentRow& i);
// Newest first.
Result<std::vector<IncidentRow>> Recent(Connection& c, int64_t hospital_id, int limit);
}  // namespace incidents

}  // namespace tia::storage
