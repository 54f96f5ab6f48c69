// tia/app/web_push.h — Web Push as the standards define it, with OpenSSL: the server's signing key
// and its JWT (VAPID, RFC 8292), the encryption of a message for one browser (RFC 8291, in RFC
// 8188's aes128gcm), and the POST to the browser's push service.
//
//   auto vapid = webpush::Key::Generate();                        // once, kept in server_keys
//   auto body = webpush::Encrypt(R"({"title":"..."})", p256dh_raw, auth_raw);
//   auto auth = webpush::VapidAuthorization(*vapid, endpoint, "mailto:ops@hospital.vn", now_ms);
//   HttpPushTransport().Post(*url, {{"Authorization", *auth}, ...}, *body);
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tia/base/result.h"

struct evp_pkey_st;

namespace tia::app::webpush {

// A P-256 key pair: the VAPID signing key, or the one-message key of an encryption.
class Key {
 public:
  static Result<Key> Generate();
  static Result<Key> FromPem(const std::string& pem);
  // From the raw 32-byte private scalar (the RFC's worked example uses one).
  static Result<Key> FromPrivate(std::string_view raw);
  Result<std::string> Pem() const;
  // The public point, uncompressed (65 bytes, 0x04 || x || y).
  const std::string& public_point() const { return public_; }
  // The ECDH shared secret with a peer's uncompressed public point (32 bytes).
  Result<std::string> Agree(std::string_view peer_point) const;
  // An ES256 JWS over header.payload (JSON texts), as a compact JWT.
  Result<std::string> SignJwt(const std::string& header_json, const std::string& claims_json) const;

 private:
  std::shared_ptr<evp_pkey_st> pkey_;
  std::string public_;
};

// Whether `point` is an uncompressed point on P-256 (what a browser's p256dh key must be).
bool IsP256Point(std::string_view point);

// The body of a push message for one browser (RFC 8291): `ua_public` its p256dh key (65 bytes),
// `auth_secret` its auth secret (16 bytes). A fresh key and salt each time; the second form fixes
// them (the RFC's example, tests).
Result<std::string> Encrypt(std::string_view plaintext, std::string_view ua_public,
                            std::string_view auth_secret);
Result<std::string> Encrypt(std::string_view plaintext, std::string_view ua_public,
                            std::string_view auth_secret, const Key& sender, std::string_view salt);

struct Url {
  std::string scheme;  // http or https
  std::string host;
  std::string port;
  std::string target;  // path and query
  std::string Origin() const;
};
Result<Url> ParseUrl(const std::string& url);

// The Authorization header for a push to `endpoint`: "vapid t=<JWT>, k=<public key>", the JWT
// for the endpoint's origin, valid 12 hours from `now_ms`, with `contact` (mailto: or https:).
Result<std::string> VapidAuthorization(const Key& vapid, const Url& endpoint,
                                       const std::string& contact, int64_t now_ms);

struct PushAnswer {
  int status = 0;
  std::string body;  // what the service answered (a Zalo answer is JSON)
};

// The HTTP exchange with a push service.
class PushTransport {
 public:
  virtual ~PushTransport() = default;
  virtual Result<PushAnswer> Post(const Url& url,
                                  const std::vector<std::pair<std::string, std::string>>& headers,
                                  const std::string& body) = 0;
};

// HTTP/1.1 over TCP, TLS for https (the system's CA certificates, the host name checked); 10 s
// per exchange. The Zalo sender (app/outbox_worker.h) posts through it too.
class HttpPushTransport final : public PushTransport {
 public:
  Result<PushAnswer> Post(const Url& url,
                          const std::vector<std::pair<std::string, std::string>>& headers,
                          const std::string& body) override;
};

}  // namespace tia::app::webpush
