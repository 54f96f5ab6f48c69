#include "tia/storage/scheduling.h"

#include "tia/storage/delivery_queue.h"
#include "tia/storage/sql_helpers.h"

namespace tia::storage {
namespace {

std::string Table(ConfigKind kind) {
  switch (kind) {
    case ConfigKind::kService:
      return "services";
    case ConfigKind::kProvider:
      return "providers";
    case ConfigKind::kRoom:
      return "rooms";
    case ConfigKind::kReplyTemplate:
      return "reply_templates";
  }
  return "services";
}

ConfigRow ToConfig(const Row& r) { return {r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Int(4)}; }
std::string ConfigQuery(ConfigKind kind, std::string_view where) {
  return "SELECT id, hospital_id, public_id, body, updated_at FROM " + Table(kind) + " WHERE " +
         std::string(where);
}

constexpr std::string_view kBookingCols =
    "id, public_id, hospital_id, mother_id, service_id, provider_id, start_at, end_at, busy_from, "
    "busy_to, status, hold_expires_at, body, request_hash, created_at, created_by, updated_at, "
    "version, room_id";
BookingRow ToBooking(const Row& r) {
  return {r.Int(0),  r.Text(1), r.Int(2),  r.Int(3),   r.Int(4),      r.Int(5),   r.Int(6),
          r.Int(7),  r.Int(8),  r.Int(9),  r.Text(10), OptInt(r, 11), r.Text(12), r.Text(13),
          r.Int(14), r.Int(15), r.Int(16), r.Int(17),  OptInt(r, 18)};
}
std::string BookingQuery(std::string_view where) {
  return "SELECT " + std::string(kBookingCols) + " FROM bookings WHERE " + std::string(where);
}

// What takes a provider's or a room's time (`column` = id) between `from` and `to`: one rule
// for both, so they cannot drift apart.
Result<std::vector<BookingRow>> TakingTime(Connection& c, std::string_view column, int64_t id,
                                           int64_t from, int64_t to, int64_t now) {
  return All<BookingRow>(
      c.Query(BookingQuery(std::string(column) +
                           " = $1 AND busy_from < $3 AND busy_to > $2 AND (status IN "
                           "('requested', 'booked', 'arrived') OR (status = 'held' AND "
                           "hold_expires_at > $4)) ORDER BY busy_from"),
              {id, from, to, now}),
      ToBooking);
}

}  // namespace

namespace hospital_settings {
Result<std::optional<std::string>> Get(Connection& c, int64_t hospital_id) {
  return First<std::string>(
      c.Query("SELECT body FROM hospital_settings WHERE hospital_id = $1", {hospital_id}),
      [](const Row& r) { return r.Text(0); });
}
Result<void> Put(Connection& c, int64_t hospital_id, const std::string& body, int64_t now,
                 int64_t by) {
  return Exec(c,
              "INSERT INTO hospital_settings (hospital_id, body, updated_at, updated_by) VALUES "
              "($1, $2, $3, $4) ON CONFLICT (hospital_id) DO UPDATE SET body = $2, updated_at = "
              "$3, updated_by = $4",
              {hospital_id, body, now, by});
}
}  // namespace hospital_settings

namespace config {
Result<std::optional<ConfigRow>> ByPublicId(Connection& c, ConfigKind kind, const std::string& id) {
  return First<ConfigRow>(c.Query(ConfigQuery(kind, "public_id = $1"), {id}), ToConfig);
}
Result<std::optional<ConfigRow>> ById(Connection& c, ConfigKind kind, int64_t id) {
  return First<ConfigRow>(c.Query(ConfigQuery(kind, "id = $1"), {id}), ToConfig);
}
Result<std::vector<ConfigRow>> OfHospital(Connection& c, ConfigKind kind, int64_t hospital_id) {
  return All<ConfigRow>(c.Query(ConfigQuery(kind, "hospital_id = $1 ORDER BY id"), {hospital_id}),
                        ToConfig);
}
Result<ConfigRow> Put(Connection& c, ConfigKind kind, int64_t hospital_id,
                      const std::string& public_id, const std::string& body, int64_t now,
                      int64_t by) {
  TIA_TRY(Exec(c,
               "INSERT INTO " + Table(kind) +
                   " (hospital_id, public_id, body, updated_at, updated_by) VALUES ($1, $2, $3, "
                   "$4, $5) ON CONFLICT (public_id) DO UPDATE SET body = $3, updated_at = $4, "
                   "updated_by = $5",
               {hospital_id, public_id, body, now, by}));
  TIA_ASSIGN_OR_RETURN(auto row, ByPublicId(c, kind, public_id));
  if (!row) return Fail(ErrorCode::kInternal, "the row just written is missing");
  return std::move(*row);
}
Result<void> Lock(Connection& c, ConfigKind kind, int64_t id) {
  if (c.dialect() != Dialect::kPostgres) return Ok();
  TIA_TRY(c.Query("SELECT id FROM " + Table(kind) + " WHERE id = $1 FOR UPDATE", {id}));
  return Ok();
}
}  // namespace config

namespace bookings {
Result<std::optional<BookingRow>> ByPublicId(Connection& c, const std::string& id) {
  return First<BookingRow>(c.Query(BookingQuery("public_id = $1"), {id}), ToBooking);
}
Result<std::optional<BookingRow>> ById(Connection& c, int64_t id) {
  return First<BookingRow>(c.Query(BookingQuery("id = $1"), {id}), ToBooking);
}
Result<std::vector<BookingRow>> Busy(Connection& c, int64_t provider_id, int64_t from, int64_t to,
                                     int64_t now) {
  return TakingTime(c, "provider_id", provider_id, from, to, now);
}
Result<std::vector<BookingRow>> BusyInRoom(Connection& c, int64_t room_id, int64_t from, int64_t to,
                                           int64_t now) {
  return TakingTime(c, "room_id", room_id, from, to, now);
}
Result<std::vector<BookingRow>> OfMother(Connection& c, int64_t mother_id) {
  return All<BookingRow>(
      c.Query(BookingQuery("mother_id = $1 ORDER BY start_at DESC LIMIT 200"), {mother_id}),
      ToBooking);
}
Result<std::vector<BookingRow>> OfProvider(Connection& c, int64_t provider_id, int64_t from,
                                           int64_t to) {
  return All<BookingRow>(
      c.Query(BookingQuery("provider_id = $1 AND start_at >= $2 AND start_at < $3 AND status <> "
                           "'held' ORDER BY start_at LIMIT 2000"),
              {provider_id, from, to}),
      ToBooking);
}
Result<std::vector<BookingRow>> OfHospital(Connection& c, int64_t hospital_id, int64_t from,
                                           int64_t to) {
  return All<BookingRow>(
      c.Query(BookingQuery("hospital_id = $1 AND start_at >= $2 AND start_at < $3 AND status <> "
                           "'held' ORDER BY start_at LIMIT 1000"),
              {hospital_id, from, to}),
      ToBooking);
}
Result<BookingRow> Insert(Connection& c, const BookingRow& b) {
  return Inserted(
      c,
      "INSERT INTO bookings (public_id, hospital_id, mother_id, service_id, provider_id, "
      "start_at, end_at, busy_from, busy_to, status, hold_expires_at, body, request_hash, "
      "created_at, created_by, updated_at, version, room_id) VALUES ($1, $2, $3, $4, $5, "
      "$6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id",
      {b.public_id, b.hospital_id, b.mother_id, b.service_id, b.provider_id, b.start_at, b.end_at,
       b.busy_from, b.busy_to, b.status, Opt(b.hold_expires_at), b.body, b.request_hash,
       b.created_at, b.created_by, b.updated_at, b.version, Opt(b.room_id)},
      b);
}
Result<bool> SetStatus(Connection& c, const BookingRow& b, const std::string& status, int64_t now) {
  TIA_ASSIGN_OR_RETURN(
      int64_t n, c.Execute("UPDATE bookings SET status = $1, updated_at = $2, version = "
                           "version + 1, hold_expires_at = NULL WHERE id = $3 AND version = $4",
                           {status, now, b.id, b.version}));
  return n == 1;
}
Result<bool> Move(Connection& c, const BookingRow& b, const BookingRow& to, int64_t now) {
  TIA_ASSIGN_OR_RETURN(
      int64_t n,
      c.Execute("UPDATE bookings SET start_at = $1, end_at = $2, busy_from = $3, busy_to = $4, "
                "provider_id = $5, room_id = $6, updated_at = $7, version = version + 1 WHERE id "
                "= $8 AND version = $9",
                {to.start_at, to.end_at, to.busy_from, to.busy_to, to.provider_id, Opt(to.room_id),
                 now, b.id, b.version}));
  return n == 1;
}
Result<void> AddEvent(Connection& c, int64_t booking_id, const BookingEventRow& e) {
  return Exec(
      c,
      "INSERT INTO booking_events (booking_id, at, actor_id, actor_role, from_status, "
      "to_status, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {booking_id, e.at, e.actor_id, e.actor_role, Opt(e.from_status), e.to_status, Opt(e.reason)});
}
Result<std::vector<BookingEventRow>> Events(Connection& c, int64_t booking_id) {
  return All<BookingEventRow>(
      c.Query("SELECT at, actor_id, actor_role, from_status, to_status, reason FROM "
              "booking_events WHERE booking_id = $1 ORDER BY id",
              {booking_id}),
      [](const Row& r) {
        return BookingEventRow{r.Int(0),      r.Int(1),  r.Text(2),
                               OptText(r, 3), r.Text(4), OptText(r, 5)};
      });
}
}  // namespace bookings

namespace waitlist {
namespace {
constexpr std::string_view kWaitCols =
    "id, public_id, hospital_id, mother_id, service_id, provider_id, from_date, to_date, status, "
    "booking_id, created_at, updated_at";
WaitlistRow ToWait(const Row& r) {
  return {r.Int(0),
          r.Text(1),
          r.Int(2),
          r.Int(3),
          r.Int(4),
          OptInt(r, 5),
          static_cast<int32_t>(r.Int(6)),
          static_cast<int32_t>(r.Int(7)),
          r.Text(8),
          OptInt(r, 9),
          r.Int(10),
          r.Int(11)};
}
std::string WaitQuery(std::string_view where) {
  return "SELECT " + std::string(kWaitCols) + " FROM waitlist_entries WHERE " + std::string(where);
}
}  // namespace

Result<std::optional<WaitlistRow>> ByPublicId(Connection& c, const std::string& id) {
  return First<WaitlistRow>(c.Query(WaitQuery("public_id = $1"), {id}), ToWait);
}
Result<WaitlistRow> Insert(Connection& c, const WaitlistRow& w) {
  return Inserted(
      c,
      "INSERT INTO waitlist_entries (public_id, hospital_id, mother_id, service_id, "
      "provider_id, from_date, to_date, status, booking_id, created_at, updated_at) VALUES "
      "($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, $9) RETURNING id",
      {w.public_id, w.hospital_id, w.mother_id, w.service_id, Opt(w.provider_id),
       int64_t{w.from_date}, int64_t{w.to_date}, w.status, w.created_at},
      w);
}
Result<std::vector<WaitlistRow>> Waiting(Connection& c, int64_t service_id, int64_t provider_id,
                                         int32_t date) {
  return All<WaitlistRow>(
      c.Query(
          WaitQuery("service_id = $1 AND status = 'waiting' AND from_date <= $3 AND to_date "
                    ">= $3 AND (provider_id IS NULL OR provider_id = $2) ORDER BY created_at, id"),
          {service_id, provider_id, int64_t{date}}),
      ToWait);
}
Result<std::vector<WaitlistRow>> ExpiredOffers(Connection& c, int64_t now) {
  return All<WaitlistRow>(
      c.Query("SELECT w.id, w.public_id, w.hospital_id, w.mother_id, w.service_id, w.provider_id, "
              "w.from_date, w.to_date, w.status, w.booking_id, w.created_at, w.updated_at FROM "
              "waitlist_entries w JOIN bookings b ON b.id = w.booking_id WHERE w.status = "
              "'offered' AND b.status = 'held' AND b.hold_expires_at <= $1 ORDER BY w.id",
              {now}),
      ToWait);
}
Result<std::optional<WaitlistRow>> ByBooking(Connection& c, int64_t booking_id) {
  return First<WaitlistRow>(c.Query(WaitQuery("booking_id = $1"), {booking_id}), ToWait);
}
Result<std::vector<WaitlistRow>> OfMother(Connection& c, int64_t mother_id) {
  return All<WaitlistRow>(
      c.Query(WaitQuery("mother_id = $1 ORDER BY created_at DESC LIMIT 100"), {mother_id}), ToWait);
}
Result<void> SetStatus(Connection& c, int64_t id, const std::string& status,
                       std::optional<int64_t> booking_id, int64_t now) {
  return Exec(c,
              "UPDATE waitlist_entries SET status = $2, booking_id = COALESCE($3, booking_id), "
              "updated_at = $4 WHERE id = $1",
              {id, status, Opt(booking_id), now});
}
}  // namespace waitlist

namespace calendar_feeds {
Result<void> Create(Connection& c, int64_t provider_id, const std::string& token_hash, int64_t now,
                    int64_t by) {
  return Exec(c,
              "INSERT INTO calendar_feeds (provider_id, token_hash, created_at, created_by) "
              "VALUES ($1, $2, $3, $4)",
              {provider_id, token_hash, now, by});
}
Result<std::optional<int64_t>> ProviderOf(Connection& c, const std::string& token_hash) {
  return First<int64_t>(c.Query("SELECT provider_id FROM calendar_feeds WHERE token_hash = $1 AND "
                                "revoked_at IS NULL",
                                {token_hash}),
                        [](const Row& r) { return r.Int(0); });
}
Result<int64_t> RevokeAll(Connection& c, int64_t provider_id, int64_t now) {
  return c.Execute(
      "UPDATE calendar_feeds SET revoked_at = $2 WHERE provider_id = $1 AND revoked_at IS NULL",
      {provider_id, now});
}
}  // namespace calendar_feeds

namespace outbox {
namespace {
constexpr std::string_view kOutboxCols =
    "id, COALESCE(booking_id, 0), kind, channel, recipient, subject, body, due_at, status, "
    "attempts, sent_at, COALESCE(user_id, 0), expires_at";
OutboxRow ToOutbox(const Row& r) {
  return {r.Int(0), r.Int(1),  r.Text(2), r.Text(3),     r.Text(4), r.Text(5),    r.Text(6),
          r.Int(7), r.Text(8), r.Int(9),  OptInt(r, 10), r.Int(11), OptInt(r, 12)};
}
}  // namespace

Result<void> Enqueue(Connection& c, const OutboxRow& m) {
  return Exec(c,
              "INSERT INTO outbox_messages (booking_id, kind, channel, recipient, subject, body, "
              "due_at, status, attempts, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
              "'pending', 0, $7) ON CONFLICT (booking_id, kind, channel, due_at) DO UPDATE SET "
              "status = 'pending', recipient = $4, subject = $5, body = $6, attempts = 0, "
              "next_attempt_at = $7 WHERE outbox_messages.status = 'cancelled'",
              {m.booking_id, m.kind, m.channel, m.recipient, m.subject, m.body, m.due_at});
}
Result<void> EnqueueForAccount(Connection& c, int64_t user_id, const OutboxRow& m,
                               int64_t expires_at) {
  return Exec(c,
              "INSERT INTO outbox_messages (user_id, kind, channel, recipient, subject, body, "
              "due_at, expires_at, status, attempts, next_attempt_at) VALUES ($1, $2, $3, $4, $5, "
              "$6, $7, $8, 'pending', 0, $7)",
              {user_id, m.kind, m.channel, m.recipient, m.subject, m.body, m.due_at, expires_at});
}
Result<std::vector<OutboxRow>> Due(Connection& c, int64_t now, int limit) {
  return All<OutboxRow>(
      c.Query("SELECT " + std::string(kOutboxCols) + " FROM outbox_messages WHERE " +
                  delivery::DueWhere() +
                  " AND (expires_at IS NULL OR expires_at > $1) ORDER BY next_attempt_at LIMIT $2",
              {now, int64_t{limit}}),
      ToOutbox);
}
Result<void> CancelForAccount(Connection& c, int64_t user_id, const std::string& kind) {
  return Exec(c,
              "UPDATE outbox_messages SET status = 'cancelled' WHERE user_id = $1 AND kind = $2 "
              "AND status = 'pending'",
              {user_id, kind});
}
Result<void> CancelForAccountPrefix(Connection& c, int64_t user_id, const std::string& prefix) {
  return Exec(c,
              "UPDATE outbox_messages SET status = 'cancelled' WHERE user_id = $1 AND "
              "substr(kind, 1, length(CAST($2 AS TEXT))) = CAST($2 AS TEXT) AND status = 'pending'",
              {user_id, prefix});
}
Result<std::vector<OutboxRow>> OfAccount(Connection& c, int64_t user_id,
                                         const std::string& prefix) {
  return All<OutboxRow>(
      c.Query(
          "SELECT " + std::string(kOutboxCols) +
              " FROM outbox_messages WHERE user_id = $1 AND "
              "substr(kind, 1, length(CAST($2 AS TEXT))) = CAST($2 AS TEXT) ORDER BY due_at, id",
          {user_id, prefix}),
      ToOutbox);
}
Result<void> EnqueueInstead(Connection& c, const OutboxRow& original, const std::string& channel,
                            const std::string& recipient, const std::string& body, int64_t now) {
  const std::optional<int64_t> booking =
      original.booking_id ? std::optional<int64_t>(original.booking_id) : std::nullopt;
  const std::optional<int64_t> user =
      original.user_id ? std::optional<int64_t>(original.user_id) : std::nullopt;
  return Exec(c,
              "INSERT INTO outbox_messages (booking_id, user_id, kind, channel, recipient, "
              "subject, body, due_at, expires_at, status, attempts, next_attempt_at) VALUES ($1, "
              "$2, $3, $4, $5, '', $6, $7, $8, 'pending', 0, $7) ON CONFLICT DO NOTHING",
              {Opt(booking), Opt(user), original.kind, channel, recipient, body, now,
               Opt(original.expires_at)});
}
Result<void> CancelPending(Connection& c, int64_t booking_id) {
  return Exec(c,
              "UPDATE outbox_messages SET status = 'cancelled' WHERE booking_id = $1 AND status = "
              "'pending'",
              {booking_id});
}
Result<std::vector<OutboxRow>> OfBooking(Connection& c, int64_t booking_id) {
  return All<OutboxRow>(c.Query("SELECT " + std::string(kOutboxCols) +
                                    " FROM outbox_messages WHERE booking_id = $1 ORDER BY due_at",
                                {booking_id}),
                        ToOutbox);
}
}  // namespace outbox

namespace zalo {
Result<std::optional<SettingsRow>> Get(Connection& c, int64_t hospital_id) {
  return First<SettingsRow>(
      c.Query("SELECT body, access_token, updated_at FROM zalo_settings WHERE hospital_id = $1",
              {hospital_id}),
      [](const Row& r) {
        return SettingsRow{r.Text(0), r.Text(1), r.Int(2)};
      });
}
Result<void> Put(Connection& c, int64_t hospital_id, const std::string& body,
                 const std::optional<std::string>& token, int64_t now, int64_t by) {
  if (token) {
    return Exec(c,
                "INSERT INTO zalo_settings (hospital_id, body, access_token, updated_at, "
                "updated_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (hospital_id) DO UPDATE SET "
                "body = $2, access_token = $3, updated_at = $4, updated_by = $5",
                {hospital_id, body, *token, now, by});
  }
  return Exec(c,
              "UPDATE zalo_settings SET body = $2, updated_at = $3, updated_by = $4 WHERE "
              "hospital_id = $1",
              {hospital_id, body, now, by});
}
}  // namespace zalo

namespace incidents {
Result<void> Add(Connection& c, int64_t hospital_id, const IncidentRow& i) {
  return Exec(c,
              "INSERT INTO message_incidents (hospital_id, at, channel, kind, code, detail, "
              "fallback) VALUES ($1, $2, $3, $4, $5, $6, $7)",
              {hospital_id, i.at, i.channel, i.kind, i.code, i.detail, i.fallback});
}
Result<std::vector<IncidentRow>> Recent(Connection& c, int64_t hospital_id, int limit) {
  return All<IncidentRow>(
      c.Query("SELECT at, channel, kind, code, detail, fallback FROM message_incidents WHERE "
              "hospital_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
              {hospital_id, int64_t{limit}}),
      [](const Row& r) {
        return IncidentRow{r.Int(0), r.Text(1), r.Text(2), r.Int(3), r.Text(4), r.Text(5)};
      });
}
}  // namespace incidents

}  // namespace tia::storage
