#include "tia/app/web_push.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <cstring>

#include "tia/auth/passwords.h"
#include "tia/domain/json_reader.h"

namespace tia::app::webpush {
namespace {

using domain::Json;

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

constexpr size_t kPointBytes = 65;
constexpr size_t kAuthBytes = 16;
constexpr size_t kSaltBytes = 16;
constexpr uint32_t kRecordSize = 4096;
constexpr int64_t kJwtLifetimeS = 12 * 60 * 60;

Error CryptoError(const std::string& what) {
  return Error{ErrorCode::kInternal, "web push: " + what, "", 0};
}

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using BldPtr = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>>;
using GroupPtr = std::unique_ptr<EC_GROUP, Deleter<EC_GROUP, EC_GROUP_free>>;
using PointPtr = std::unique_ptr<EC_POINT, Deleter<EC_POINT, EC_POINT_free>>;
using SigPtr = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// A key from OpenSSL parameters on P-256: a public point, and the private scalar when given.
Result<PkeyPtr> FromParams(std::string_view point, const BIGNUM* priv) {
  BldPtr bld(OSSL_PARAM_BLD_new());
  if (!bld ||
      !OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) ||
      !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                        point.size()) ||
      (priv && !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv))) {
    return tl::unexpected(CryptoError("cannot build key parameters"));
  }
  ParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                        params.get()) <= 0) {
    return tl::unexpected(CryptoError("not a P-256 key"));
  }
  PkeyPtr key(raw);
  PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1) {
    return tl::unexpected(CryptoError("not a point on P-256"));
  }
  return key;
}

Result<std::string> PublicPoint(EVP_PKEY* key) {
  std::string out(kPointBytes, '\0');
  size_t len = 0;
  if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
                                      reinterpret_cast<unsigned char*>(out.data()), out.size(),
                                      &len) != 1 ||
      len != kPointBytes) {
    return tl::unexpected(CryptoError("cannot read the public key"));
  }
  return out;
}

std::string Hmac(std::string_view key, std::string_view data) {
  std::array<unsigned char, 32> out{};
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), Bytes(data), data.size(), out.data(),
       &len);
  return {reinterpret_cast<const char*>(out.data()), len};
}

// HKDF-SHA-256 (RFC 5869) for outputs of at most one block, as RFC 8291 uses it.
std::string Hkdf(std::string_view salt, std::string_view ikm, std::string_view info, size_t len) {
  const std::string prk = Hmac(salt, ikm);
  std::string t(info);
  t.push_back('\x01');
  return Hmac(prk, t).substr(0, len);
}

Result<std::string> Random(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    return tl::unexpected(CryptoError("no randomness"));
  }
  return out;
}

}  // namespace

Result<Key> Key::Generate() {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!key) return tl::unexpected(CryptoError("cannot make a key"));
  Key k;
  TIA_ASSIGN_OR_RETURN(k.public_, PublicPoint(key.get()));
  k.pkey_ = std::shared_ptr<EVP_PKEY>(key.release(), EVP_PKEY_free);
  return k;
}

Result<Key> Key::FromPem(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  PkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_EC) {
    return tl::unexpected(CryptoError("the stored key is not an EC private key"));
  }
  Key k;
  TIA_ASSIGN_OR_RETURN(k.public_, PublicPoint(key.get()));
  k.pkey_ = std::shared_ptr<EVP_PKEY>(key.release(), EVP_PKEY_free);
  return k;
}

Result<Key> Key::FromPrivate(std::string_view raw) {
  if (raw.size() != 32) return tl::unexpected(CryptoError("a P-256 private key is 32 bytes"));
  BnPtr priv(BN_bin2bn(Bytes(raw), static_cast<int>(raw.size()), nullptr));
  GroupPtr group(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1));
  PointPtr point(group ? EC_POINT_new(group.get()) : nullptr);
  std::string pub(kPointBytes, '\0');
  if (!priv || !point ||
      EC_POINT_mul(group.get(), point.get(), priv.get(), nullptr, nullptr, nullptr) != 1 ||
      EC_POINT_point2oct(group.get(), point.get(), POINT_CONVERSION_UNCOMPRESSED,
                         reinterpret_cast<unsigned char*>(pub.data()), pub.size(),
                         nullptr) != kPointBytes) {
    return tl::unexpected(CryptoError("not a P-256 private key"));
  }
  TIA_ASSIGN_OR_RETURN(PkeyPtr key, FromParams(pub, priv.get()));
  Key k;
  k.public_ = std::move(pub);
  k.pkey_ = std::shared_ptr<EVP_PKEY>(key.release(), EVP_PKEY_free);
  return k;
}

Result<std::string> Key::Pem() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), pkey_.get(), nullptr, nullptr, 0, nullptr,
                                       nullptr) != 1) {
    return tl::unexpected(CryptoError("cannot write the key"));
  }
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(len));
}

Result<std::string> Key::Agree(std::string_view peer_point) const {
  TIA_ASSIGN_OR_RETURN(PkeyPtr peer, FromParams(peer_point, nullptr));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey_.get(), nullptr));
  size_t len = 0;
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) <= 0 ||
      EVP_PKEY_derive_set_peer(ctx.get(), peer.get()) <= 0 ||
      EVP_PKEY_derive(ctx.get(), nullptr, &len) <= 0) {
    return tl::unexpected(CryptoError("key agreement failed"));
  }
  std::string secret(len, '\0');
  if (EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(secret.data()), &len) <= 0) {
    return tl::unexpected(CryptoError("key agreement failed"));
  }
  secret.resize(len);
  return secret;
}

Result<std::string> Key::SignJwt(const std::string& header_json,
                                 const std::string& claims_json) const {
  const std::string input = auth::Base64Url(header_json) + "." + auth::Base64Url(claims_json);
  MdCtxPtr md(EVP_MD_CTX_new());
  size_t len = 0;
  if (!md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, pkey_.get()) != 1 ||
      EVP_DigestSign(md.get(), nullptr, &len, Bytes(input), input.size()) != 1) {
    return tl::unexpected(CryptoError("cannot sign"));
  }
  std::string der(len, '\0');
  if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(der.data()), &len, Bytes(input),
                     input.size()) != 1) {
    return tl::unexpected(CryptoError("cannot sign"));
  }
  // JWS wants r || s, 32 bytes each (RFC 7518 section 3.4), not the DER OpenSSL writes.
  const unsigned char* p = Bytes(der);
  SigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(len)));
  if (!sig) return tl::unexpected(CryptoError("cannot read the signature"));
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  std::string raw(64, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(r, out, 32) != 32 || BN_bn2binpad(s, out + 32, 32) != 32) {
    return tl::unexpected(CryptoError("cannot write the signature"));
  }
  return input + "." + auth::Base64Url(raw);
}

bool IsP256Point(std::string_view point) {
  return point.size() == kPointBytes && point[0] == '\x04' &&
         FromParams(point, nullptr).has_value();
}

Result<std::string> Encrypt(std::string_view plaintext, std::string_view ua_public,
                            std::string_view auth_secret) {
  TIA_ASSIGN_OR_RETURN(const Key sender, Key::Generate());
  TIA_ASSIGN_OR_RETURN(const std::string salt, Random(kSaltBytes));
  return Encrypt(plaintext, ua_public, auth_secret, sender, salt);
}

Result<std::string> Encrypt(std::string_view plaintext, std::string_view ua_public,
                            std::string_view auth_secret, const Key& sender,
                            std::string_view salt) {
  if (ua_public.size() != kPointBytes || auth_secret.size() != kAuthBytes ||
      salt.size() != kSaltBytes) {
    return tl::unexpected(CryptoError("a key, secret or salt of the wrong size"));
  }
  // One record holds the message, its delimiter and the tag (RFC 8291 section 4).
  if (plaintext.size() + 1 + 16 > kRecordSize) {
    return tl::unexpected(CryptoError("the message is longer than one record"));
  }
  TIA_ASSIGN_OR_RETURN(const std::string ecdh, sender.Agree(ua_public));
  const std::string& as_public = sender.public_point();
  // RFC 8291 section 3.4: the input keying material, then RFC 8188's key and nonce.
  std::string key_info = "WebPush: info";
  key_info.push_back('\0');
  key_info.append(ua_public);
  key_info.append(as_public);
  const std::string ikm = Hkdf(auth_secret, ecdh, key_info, 32);
  const std::string cek = Hkdf(salt, ikm, std::string("Content-Encoding: aes128gcm\0", 28), 16);
  const std::string nonce = Hkdf(salt, ikm, std::string("Content-Encoding: nonce\0", 24), 12);

  std::string padded(plaintext);
  padded.push_back('\x02');  // the last (and only) record's delimiter, no padding
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  std::string out(padded.size() + 16, '\0');
  int len = 0;
  int fin = 0;
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  if (!ctx ||
      EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_gcm(), nullptr, Bytes(cek), Bytes(nonce)) != 1 ||
      EVP_EncryptUpdate(ctx.get(), o, &len, Bytes(padded), static_cast<int>(padded.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), o + len, &fin) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, o + len + fin) != 1) {
    return tl::unexpected(CryptoError("encryption failed"));
  }
  // RFC 8188 section 2.1: salt, record size, the key id (the sender's public key), the record.
  std::string body(salt);
  for (int shift : {24, 16, 8, 0}) body.push_back(static_cast<char>((kRecordSize >> shift) & 0xFF));
  body.push_back(static_cast<char>(as_public.size()));
  body.append(as_public);
  body.append(out);
  return body;
}

std::string Url::Origin() const {
  const bool default_port =
      (scheme == "https" && port == "443") || (scheme == "http" && port == "80");
  return scheme + "://" + host + (default_port ? "" : ":" + port);
}

Result<Url> ParseUrl(const std::string& url) {
  Url u;
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return Fail(ErrorCode::kInvalidArgument, "not a URL");
  u.scheme = url.substr(0, scheme_end);
  if (u.scheme != "https" && u.scheme != "http") {
    return Fail(ErrorCode::kInvalidArgument, "must be an https URL");
  }
  const size_t host_start = scheme_end + 3;
  const size_t path_start = url.find('/', host_start);
  std::string authority = url.substr(
      host_start, path_start == std::string::npos ? std::string::npos : path_start - host_start);
  u.target = path_start == std::string::npos ? "/" : url.substr(path_start);
  if (authority.empty() || authority.find_first_of("@[] \t\r\n") != std::string::npos ||
      u.target.find_first_of(" \t\r\n") != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "not a URL this server sends to");
  }
  const size_t colon = authority.find(':');
  u.host = authority.substr(0, colon);
  u.port = colon == std::string::npos ? (u.scheme == "https" ? "443" : "80")
                                      : authority.substr(colon + 1);
  if (u.host.empty() || u.port.empty() ||
      u.port.find_first_not_of("0123456789") != std::string::npos || u.port.size() > 5) {
    return Fail(ErrorCode::kInvalidArgument, "not a URL this server sends to");
  }
  for (char& ch : u.host) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return u;
}

Result<std::string> VapidAuthorization(const Key& vapid, const Url& endpoint,
                                       const std::string& contact, int64_t now_ms) {
  const Json claims = {
      {"aud", endpoint.Origin()}, {"exp", now_ms / 1000 + kJwtLifetimeS}, {"sub", contact}};
  TIA_ASSIGN_OR_RETURN(const std::string jwt,
                       vapid.SignJwt(R"({"typ":"JWT","alg":"ES256"})", claims.dump()));
  return "vapid t=" + jwt + ", k=" + auth::Base64Url(vapid.public_point());
}

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

template <typename Stream>
asio::awaitable<void> Exchange(Stream& stream, const Url& url, const Headers& headers,
                               const std::string& body, PushAnswer& answer) {
  http::request<http::string_body> req{http::verb::post, url.target, 11};
  req.set(http::field::host, url.host);
  req.set(http::field::user_agent, "Tia");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  req.prepare_payload();
  co_await http::async_write(stream, req, asio::use_awaitable);
  beast::flat_buffer buf;
  http::response<http::string_body> res;
  co_await http::async_read(stream, buf, res, asio::use_awaitable);
  answer.status = static_cast<int>(res.result_int());
  answer.body = std::move(res.body());
}

}  // namespace

Result<PushAnswer> HttpPushTransport::Post(const Url& url, const Headers& headers,
                                           const std::string& body) {
  asio::io_context io;
  asio::ssl::context tls(asio::ssl::context::tls_client);
  PushAnswer answer;
  std::string failure;
  bool done = false;
  auto run = [&]() -> asio::awaitable<void> {
    asio::ip::tcp::resolver resolver(io);
    const auto endpoints = co_await resolver.async_resolve(url.host, url.port, asio::use_awaitable);
    if (url.scheme == "https") {
      tls.set_default_verify_paths();
      tls.set_verify_mode(asio::ssl::verify_peer);
      beast::ssl_stream<beast::tcp_stream> stream(io, tls);
      // SSL_set_tlsext_host_name, without the macro's C cast.
      if (SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                   const_cast<char*>(url.host.c_str())) != 1) {
        throw std::runtime_error("cannot set the TLS server name");
      }
      stream.set_verify_callback(asio::ssl::host_name_verification(url.host));
      co_await beast::get_lowest_layer(stream).async_connect(endpoints, asio::use_awaitable);
      co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
      co_await Exchange(stream, url, headers, body, answer);
    } else {
      beast::tcp_stream stream(io);
      co_await stream.async_connect(endpoints, asio::use_awaitable);
      co_await Exchange(stream, url, headers, body, answer);
    }
    done = true;
  };
  asio::co_spawn(io, run(), [&](const std::exception_ptr& e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      failure = ex.what();
    }
  });
  io.run_for(std::chrono::seconds(10));
  if (done) return answer;
  return Fail(ErrorCode::kUnavailable,
              "push service: " + (failure.empty() ? std::string("no answer in 10 s") : failure));
}

}  // namespace tia::app::webpush
