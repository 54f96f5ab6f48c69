#include "tia/app/push.h"

#include <algorithm>

#include "tia/auth/passwords.h"
#include "tia/base/log.h"
#include "tia/base/metrics.h"
#include "tia/base/uuid.h"
#include "tia/storage/delivery_queue.h"
#include "tia/storage/push.h"

namespace tia::app {
namespace {

using storage::Connection;
namespace repo = storage::push;
namespace delivery = storage::delivery;

constexpr const char* kVapidKeyName = "vapid";
constexpr auto kPush = delivery::Queue::kPush;
constexpr size_t kMaxEndpointBytes = 1024;

Error NotFound() { return Error{ErrorCode::kNotFound, "not found", "", 0}; }

// What the notification says, in the subscribing browser's language: that the team replied,
// never what they said.
Json TeamRepliedPayload(const std::string& lang, const std::string& consultation_id) {
  const bool vi = lang == "vi";
  return {{"title", vi ? "Nhóm tư vấn đã trả lời" : "The team replied"},
          {"body", vi ? "Mở Tia để đọc câu trả lời cho câu hỏi của bạn."
                      : "Open Tia to read the answer to your question."},
          {"url", "/consult/thread/" + consultation_id},
          {"tag", "consultation-" + consultation_id}};
}

}  // namespace

std::vector<std::string> DefaultPushOrigins() {
  return {"https://fcm.googleapis.com", "https://updates.push.services.mozilla.com",
          "https://web.push.apple.com", "https://*.notify.windows.com"};
}

Result<void> Push::LoadKey() {
  TIA_ASSIGN_OR_RETURN(auto stored, s_.db->Read([&](Connection& c) {
    return storage::server_keys::Get(c, kVapidKeyName);
  }));
  if (!stored) {
    TIA_ASSIGN_OR_RETURN(const webpush::Key made, webpush::Key::Generate());
    TIA_ASSIGN_OR_RETURN(const std::string pem, made.Pem());
    TIA_TRY(s_.db->Write([&](Connection& c) {
      return storage::server_keys::PutIfAbsent(c, kVapidKeyName, pem, s_.clock->NowMs());
    }));
    // Another server may have stored its key first: the stored one is everyone's.
    TIA_ASSIGN_OR_RETURN(stored, s_.db->Read([&](Connection& c) {
      return storage::server_keys::Get(c, kVapidKeyName);
    }));
    if (!stored) return Fail(ErrorCode::kInternal, "the VAPID key was not stored");
  }
  TIA_ASSIGN_OR_RETURN(webpush::Key key, webpush::Key::FromPem(*stored));
  std::lock_guard lock(mu_);
  vapid_ = std::move(key);
  return Ok();
}

Result<Json> Push::PublicKey() {
  std::lock_guard lock(mu_);
  if (!vapid_) return Fail(ErrorCode::kUnavailable, "notifications are not set up on this server");
  return Json{{"key", auth::Base64Url(vapid_->public_point())}};
}

bool Push::Allowed(const webpush::Url& url) const {
  const std::string origin = url.Origin();
  const std::vector<std::string> origins =
      s_.settings.push_origins.empty() ? DefaultPushOrigins() : s_.settings.push_origins;
  return std::any_of(origins.begin(), origins.end(), [&](const std::string& allowed) {
    const std::string wild = url.scheme + "://*.";
    if (allowed.rfind(wild, 0) != 0) return allowed == origin;
    const std::string suffix = allowed.substr(wild.size() - 1);  // ".domain"
    return url.host.size() > suffix.size() &&
           url.host.compare(url.host.size() - suffix.size(), suffix.size(), suffix) == 0 &&
           (url.port == (url.scheme == "https" ? "443" : "80"));
  });
}

Result<PushSubscribed> Push::Subscribe(const Caller& caller, const std::string& id,
                                       const Json& body) {
  if (!caller.principal) return Fail(ErrorCode::kUnauthenticated, "sign in first");
  if (!IsCanonicalUuid(id)) return Invalid("/id", "must be a lowercase UUID chosen by the client");
  if (!body.is_object()) return Invalid("", "must be a JSON object");
  for (const auto& [k, v] : body.items()) {
    if (k != "endpoint" && k != "keys" && k != "expirationTime") {
      return Invalid("/" + k, "is not a field of a push subscription");
    }
  }
  if (!body.contains("endpoint") || !body["endpoint"].is_string()) {
    return Invalid("/endpoint", "is required: the push service URL the browser gave");
  }
  const std::string endpoint = body["endpoint"].get<std::string>();
  if (endpoint.size() > kMaxEndpointBytes) {
    return Invalid("/endpoint", "is longer than 1024 characters");
  }
  auto url = webpush::ParseUrl(endpoint);
  if (!url) return Invalid("/endpoint", url.error().message);
  if (!Allowed(*url)) {
    return Invalid("/endpoint", "is not the address of a push service this server sends to");
  }
  if (!body.contains("keys") || !body["keys"].is_object()) {
    return Invalid("/keys", "is required: the browser's p256dh and auth keys");
  }
  const Json& keys = body["keys"];
  for (const auto& [k, v] : keys.items()) {
    if (k != "p256dh" && k != "auth") return Invalid("/keys/" + k, "is not a push key");
  }
  const auto text = [&](const char* name) -> std::optional<std::string> {
    if (!keys.contains(name) || !keys[name].is_string()) return std::nullopt;
    return auth::FromBase64Url(keys[name].get<std::string>());
  };
  const auto p256dh = text("p256dh");
  if (!p256dh || !webpush::IsP256Point(*p256dh)) {
    return Invalid("/keys/p256dh", "must be the browser's P-256 public key (base64url)");
  }
  const auto auth = text("auth");
  if (!auth || auth->size() != 16) {
    return Invalid("/keys/auth", "must be the browser's 16-byte auth secret (base64url)");
  }
  storage::PushSubscriptionRow row;
  row.public_id = id;
  row.user_id = caller.principal->user_id;
  row.endpoint = endpoint;
  row.p256dh = auth::Base64Url(*p256dh);
  row.auth = auth::Base64Url(*auth);
  row.lang = engine::LangCode(caller.lang);
  row.request_hash = auth::TokenHash(endpoint + "\n" + row.p256dh + "\n" + row.auth);
  row.created_at = s_.clock->NowMs();
  bool created = false;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto existing, repo::SubscriptionByPublicId(c, id));
    if (existing) {
      if (existing->user_id != row.user_id) return tl::unexpected(NotFound());
      if (existing->request_hash != row.request_hash) {
        return Fail(ErrorCode::kConflict, "a subscription with this id has other keys", "/id");
      }
      return Ok();
    }
    // The browser's new registration replaces what it had at the same endpoint.
    TIA_TRY(repo::DeleteSubscriptionsAt(c, row.user_id, endpoint));
    TIA_TRY(repo::InsertSubscription(c, row));
    created = true;
    return Ok();
  }));
  return PushSubscribed{created, Json{{"id", id}, {"lang", row.lang}}};
}

Result<void> Push::Unsubscribe(const Caller& caller, const std::string& id) {
  if (!caller.principal) return Fail(ErrorCode::kUnauthenticated, "sign in first");
  return s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto existing, repo::SubscriptionByPublicId(c, id));
    if (!existing || existing->user_id != caller.principal->user_id) {
      return tl::unexpected(NotFound());
    }
    return repo::DeleteSubscription(c, existing->id);
  });
}

Result<void> Push::QueueTeamReplied(Connection& c, int64_t user_id,
                                    const std::string& consultation_id, int64_t now) {
  TIA_ASSIGN_OR_RETURN(auto subs, repo::SubscriptionsOf(c, user_id));
  for (const auto& s : subs) {
    TIA_TRY(repo::Enqueue(c, s.id, "team_replied",
                          TeamRepliedPayload(s.lang, consultation_id).dump(), now));
  }
  return Ok();
}

int Push::DeliverDue(webpush::PushTransport& transport) {
  std::optional<webpush::Key> vapid;
  {
    std::lock_guard lock(mu_);
    vapid = vapid_;
  }
  if (!vapid) return 0;
  const int64_t now = s_.clock->NowMs();
  auto due = s_.db->Read([&](Connection& c) { return repo::Due(c, now, delivery::kBatch); });
  if (!due) {
    log::Warn("push.read_failed", {{"error", due.error().message}});
    return 0;
  }
  int sent = 0;
  for (const auto& d : *due) {
    bool claimed = false;
    auto claim = s_.db->Write([&](Connection& c) -> Result<void> {
      TIA_ASSIGN_OR_RETURN(claimed, delivery::Claim(c, kPush, d.id, now, now + delivery::kLeaseMs));
      return Ok();
    });
    if (!claim || !claimed) continue;
    // Sending: encrypt for this browser, sign for its push service's origin, POST.
    auto answer = [&]() -> Result<webpush::PushAnswer> {
      TIA_ASSIGN_OR_RETURN(const webpush::Url url, webpush::ParseUrl(d.subscription.endpoint));
      const auto ua = auth::FromBase64Url(d.subscription.p256dh);
      const auto secret = auth::FromBase64Url(d.subscription.auth);
      if (!ua || !secret) return Fail(ErrorCode::kInternal, "stored keys do not decode");
      TIA_ASSIGN_OR_RETURN(const std::string body, webpush::Encrypt(d.payload, *ua, *secret));
      TIA_ASSIGN_OR_RETURN(const std::string authorization,
                           webpush::VapidAuthorization(*vapid, url, s_.settings.push_contact, now));
      return transport.Post(url,
                            {{"Authorization", authorization},
                             {"TTL", "86400"},
                             {"Urgency", "high"},
                             {"Content-Encoding", "aes128gcm"},
                             {"Content-Type", "application/octet-stream"}},
                            body);
    }();
    const int64_t after = s_.clock->NowMs();
    const int status = answer ? answer->status : 0;
    Result<void> mark = Ok();
    if (status >= 200 && status < 300) {
      mark = s_.db->Write([&](Connection& c) { return delivery::MarkSent(c, kPush, d.id, after); });
      ++sent;
      log::Info("push.sent", {{"id", d.id}, {"kind", d.kind}});
    } else if (status == 404 || status == 410) {
      // The browser unsubscribed or the push service expired it: nothing more goes there.
      mark = s_.db->Write(
          [&](Connection& c) { return repo::DeleteSubscription(c, d.subscription_id); });
      log::Info("push.subscription_gone", {{"subscription", d.subscription_id}});
    } else {
      const int64_t attempts = d.attempts + 1;
      // A request the push service will never accept is not retried.
      const bool give_up =
          attempts >= delivery::kMaxAttempts || status == 400 || status == 403 || status == 413;
      const std::string error =
          answer ? "push service answered " + std::to_string(status) : answer.error().message;
      mark = s_.db->Write([&](Connection& c) {
        return delivery::MarkRetry(c, kPush, d.id, error, after + delivery::RetryDelayMs(attempts),
                                   give_up);
      });
      metrics::Count("tia_outbox_send_failures_total",
                     {{"channel", "push"}, {"gave_up", give_up ? "true" : "false"}});
      log::Warn("push.send_failed", {{"id", d.id},
                                     {"kind", d.kind},
                                     {"status", static_cast<int64_t>(status)},
                                     {"attempts", attempts},
                                     {"gave_up", give_up}});
    }
    if (!mark) log::Warn("push.mark_failed", {{"id", d.id}, {"error", mark.error().message}});
  }
  return sent;
}

}  // namespace tia::app
