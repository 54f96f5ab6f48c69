#include "tia/storage/push.h"

#include "tia/storage/delivery_queue.h"
#include "tia/storage/sql_helpers.h"

namespace tia::storage {

namespace push {
namespace {
constexpr std::string_view kSubCols =
    "s.id, s.public_id, s.user_id, s.endpoint, s.p256dh, s.auth, s.lang, s.request_hash, "
    "s.created_at";
PushSubscriptionRow ToSubscription(const Row& r, size_t at = 0) {
  return {r.Int(at),      r.Text(at + 1), r.Int(at + 2),  r.Text(at + 3), r.Text(at + 4),
          r.Text(at + 5), r.Text(at + 6), r.Text(at + 7), r.Int(at + 8)};
}
}  // namespace

Result<std::optional<PushSubscriptionRow>> SubscriptionByPublicId(Connection& c,
                                                                  const std::string& id) {
  return First<PushSubscriptionRow>(c.Query("SELECT " + std::string(kSubCols) +
                                                " FROM push_subscriptions s WHERE s.public_id = $1",
                                            {id}),
                                    [](const Row& r) { return ToSubscription(r); });
}

Result<PushSubscriptionRow> InsertSubscription(Connection& c, const PushSubscriptionRow& s) {
  return Inserted(
      c,
      "INSERT INTO push_subscriptions (public_id, user_id, endpoint, p256dh, "
      "auth, lang, request_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, "
      "$7, $8) RETURNING id",
      {s.public_id, s.user_id, s.endpoint, s.p256dh, s.auth, s.lang, s.request_hash, s.created_at},
      s);
}

Result<void> DeleteSubscription(Connection& c, int64_t id) {
  TIA_TRY(Exec(c, "DELETE FROM push_deliveries WHERE subscription_id = $1", {id}));
  return Exec(c, "DELETE FROM push_subscriptions WHERE id = $1", {id});
}

Result<void> DeleteSubscriptionsAt(Connection& c, int64_t user_id, const std::string& endpoint) {
  TIA_TRY(Exec(c,
               "DELETE FROM push_deliveries WHERE subscription_id IN (SELECT id FROM "
               "push_subscriptions WHERE user_id = $1 AND endpoint = $2)",
               {user_id, endpoint}));
  return Exec(c, "DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2",
              {user_id, endpoint});
}

Result<std::vector<PushSubscriptionRow>> SubscriptionsOf(Connection& c, int64_t user_id) {
  return All<PushSubscriptionRow>(
      c.Query("SELECT " + std::string(kSubCols) +
                  " FROM push_subscriptions s WHERE s.user_id = $1 ORDER BY s.id",
              {user_id}),
      [](const Row& r) { return ToSubscription(r); });
}

Result<void> Enqueue(Connection& c, int64_t subscription_id, const std::string& kind,
                     const std::string& payload, int64_t now) {
  return Exec(c,
              "INSERT INTO push_deliveries (subscription_id, kind, payload, status, attempts, "
              "next_attempt_at, created_at) VALUES ($1, $2, $3, 'pending', 0, $4, $4)",
              {subscription_id, kind, payload, now});
}

Result<std::vector<PushDeliveryRow>> Due(Connection& c, int64_t now, int limit) {
  return All<PushDeliveryRow>(
      c.Query("SELECT d.id, d.subscription_id, d.kind, d.payload, d.attempts, " +
                  std::string(kSubCols) +
                  " FROM push_deliveries d JOIN push_subscriptions s ON s.id = d.subscription_id "
                  "WHERE " +
                  delivery::DueWhere("d.") + " ORDER BY d.next_attempt_at, d.id LIMIT $2",
              {now, int64_t{limit}}),
      [](const Row& r) {
        return PushDeliveryRow{r.Int(0),  r.Int(1), r.Text(2),
                               r.Text(3), r.Int(4), ToSubscription(r, 5)};
      });
}

}  // namespace push

namespace server_keys {
Result<std::optional<std::string>> Get(Connection& c, const std::string& name) {
  return First<std::string>(c.Query("SELECT value FROM server_keys WHERE name = $1", {name}),
                            [](const Row& r) { return r.Text(0); });
}

Result<void> PutIfAbsent(Connection& c, const std::string& name, const std::string& value,
                         int64_t now) {
  return Exec(c,
              "INSERT INTO server_keys (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT "
              "(name) DO NOTHING",
              {name, value, now});
}
}  // namespace server_keys

}  // namespace tia::storage
