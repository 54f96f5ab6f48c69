// tia/storage/push.h — repositories for Web Push (migrations/*/0010_conversations_push.sql):
// browsers' subscriptions, the notifications to send to them (claimed and retried like the
// outbox), and the keys the server makes for itself. Plain SQL shared by SQLite and PostgreSQL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tia/storage/connection.h"

namespace tia::storage {

struct PushSubscriptionRow {
  int64_t id = 0;
  std::string public_id;
  int64_t user_id = 0;
  std::string endpoint;
  std::string p256dh;  // base64url
  std::string auth;    // base64url
  std::string lang;    // vi, en
  std::string request_hash;
  int64_t created_at = 0;
};

struct PushDeliveryRow {
  int64_t id = 0;
  int64_t subscription_id = 0;
  std::string kind;
  std::string payload;  // JSON for the service worker: title, body, url, tag
  int64_t attempts = 0;
  PushSubscriptionRow subscription;  // joined on read
};

namespace push {
Result<std::optional<PushSubscriptionRow>> SubscriptionByPublicId(Connection& c,
                                                                  const std::string& id);
Result<PushSubscriptionRow> InsertSubscription(Connection& c, const PushSubscriptionRow& s);
// Removes a subscription with its notifications not yet sent; by its endpoint too (a browser
// that subscribed again replaces its old registration).
Result<void> DeleteSubscription(Connection& c, int64_t id);
Result<void> DeleteSubscriptionsAt(Connection& c, int64_t user_id, const std::string& endpoint);
Result<std::vector<PushSubscriptionRow>> SubscriptionsOf(Connection& c, int64_t user_id);

Result<void> Enqueue(Connection& c, int64_t subscription_id, const std::string& kind,
                     const std::string& payload, int64_t now);
// Pending notifications due at `now`, and claims whose lease ran out, oldest first; claimed,
// sent and retried through delivery:: (tia/storage/delivery_queue.h).
Result<std::vector<PushDeliveryRow>> Due(Connection& c, int64_t now, int limit);
}  // namespace push

namespace server_keys {
Result<std::optional<std::string>> Get(Connection& c, const std::string& name);
// Stores `value` unless the key exists (another server made it first); either way the stored
// value is what counts.
Result<void> PutIfAbsent(Connection& c, const std::string& name, const std::string& value,
                         int64_t now);
}  // namespace server_keys

}  // namespace tia::storage
