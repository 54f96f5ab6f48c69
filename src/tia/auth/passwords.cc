#include "tia/auth/passwords.h"

#include <sodium.h>

#include <condition_variable>
#include <mutex>

#include "tia/base/utf8.h"

namespace tia::auth {
namespace {

constexpr size_t kMinChars = 12;
constexpr size_t kMaxChars = 128;
constexpr int kMaxConcurrentHashes = 2;
constexpr unsigned long long kOpsLimit = 3;     // one pass more than OWASP's t = 2
constexpr size_t kMemLimit = 19 * 1024 * 1024;  // m = 19 MiB

// Bounds concurrent Argon2 work (64 MiB each).
class HashGate {
 public:
  void Enter() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return running_ < kMaxConcurrentHashes; });
    ++running_;
  }
  void Leave() {
    {
      std::lock_guard lock(mu_);
      --running_;
    }
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int running_ = 0;
};

HashGate& Gate() {
  static HashGate gate;
  return gate;
}

struct GateGuard {
  GateGuard() { Gate().Enter(); }
  ~GateGuard() { Gate().Leave(); }
};

}  // namespace

bool InitCrypto() { return sodium_init() >= 0; }

Result<void> CheckPasswordPolicy(std::string_view password, const std::string& field) {
  const size_t n = CodePoints(password);
  if (n < kMinChars) return Invalid(field, "must be at least 12 characters");
  if (n > kMaxChars) return Invalid(field, "must be at most 128 characters");
  return Ok();
}

Result<std::string> HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  GateGuard gate;
  if (crypto_pwhash_str(out, password.data(), password.size(), kOpsLimit, kMemLimit) != 0) {
    return Fail(ErrorCode::kUnavailable, "the server is short of memory; try again");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  std::string h(hash);  // must be NUL-terminated
  GateGuard gate;
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

const std::string& DecoyHash() {
  static const std::string hash = HashPassword(RandomToken(16)).value_or("");
  return hash;
}

std::string RandomToken(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return Base64Url(raw);
}

std::string Base64Url(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::optional<std::string> FromBase64Url(std::string_view text) {
  std::string out(text.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  out.resize(len);
  return out;
}

namespace {
constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
}  // namespace

std::string ReadableCode(size_t length) {
  std::string out(length, '\0');
  for (auto& ch : out)
    ch = kCodeAlphabet[randombytes_uniform(static_cast<uint32_t>(kCodeAlphabet.size()))];
  return out;
}

std::string NumericCode(size_t digits) {
  std::string out(digits, '0');
  for (auto& ch : out) ch = static_cast<char>('0' + randombytes_uniform(10));
  return out;
}

std::string NormaliseCode(std::string_view typed) {
  std::string out;
  for (char ch : typed) {
    if (ch == ' ' || ch == '-') continue;
    out += (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
  }
  return out;
}

std::string TokenHash(std::string_view token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool SafeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace tia::auth
