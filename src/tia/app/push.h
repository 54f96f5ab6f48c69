// tia/app/push.h — notifications to a closed app (Web Push): a browser subscribes for its user,
// the care team's replies queue a notification to each of her browsers, and the outbox worker
// sends them (encrypted for that browser, signed with the server's VAPID key).
//
// What a notification says: only that the team replied, in the language of the browser that
// subscribed, and which screen to open. No health data goes to a push service or onto a lock
// screen. A push service that answers 404 or 410 has dropped the subscription: it is removed.
// Endpoints must belong to a configured push service (`push_origins`): the server never POSTs to
// an address a client chose.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tia/app/context.h"
#include "tia/app/web_push.h"
#include "tia/domain/json_reader.h"

namespace tia::storage {
class Connection;
}

namespace tia::app {

using domain::Json;

// The push services browsers use today (Chrome and Edge's, Firefox's, Safari's, Windows').
std::vector<std::string> DefaultPushOrigins();

struct PushSubscribed {
  bool created = false;
  Json json;
};

class Push {
 public:
  // Endpoints must have one of `Settings::push_origins` ("https://fcm.googleapis.com", or a
  // subdomain wildcard "https://*.notify.windows.com"); none set: DefaultPushOrigins().
  explicit Push(Services& s) : s_(s) {}

  // The VAPID key: read from the database, made and stored on first use (every server of a
  // cluster uses the same one). Call once before serving.
  Result<void> LoadKey();
  // {key}: the public key a browser subscribes with (base64url).
  Result<Json> PublicKey();
  // A signed-in user's browser. body: {endpoint, keys: {p256dh, auth}} as PushSubscription.toJSON
  // gives it. The same id and body again: 200; the same id with another body: 409.
  Result<PushSubscribed> Subscribe(const Caller& caller, const std::string& id, const Json& body);
  // Removes the caller's subscription; someone else's or an unknown one: 404.
  Result<void> Unsubscribe(const Caller& caller, const std::string& id);

  // Within a writing transaction: a notification to each of `user_id`'s browsers that the team
  // replied in consultation `consultation_id` (the public id).
  static Result<void> QueueTeamReplied(storage::Connection& c, int64_t user_id,
                                       const std::string& consultation_id, int64_t now);

  // Sends every notification due now through `transport`; how many were delivered.
  int DeliverDue(webpush::PushTransport& transport);

 private:
  bool Allowed(const webpush::Url& url) const;

  Services& s_;
  std::mutex mu_;
  std::optional<webpush::Key> vapid_;
};

}  // namespace tia::app
