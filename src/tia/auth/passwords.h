// tia/auth/passwords.h — Argon2id password hashing and random tokens (libsodium).
//
// Passwords: 12 to 128 characters (Unicode code points; NFC is the client's job), no composition
// rules, nothing truncated (ASVS 2.1). Hashing is Argon2id with m = 19 MiB and p = 1 as OWASP
// recommends, and t = 3, one pass more than its minimum, so a verification stays above research
// S3's 20 ms floor here (about 22 ms). libsodium's INTERACTIVE preset needs 64 MiB a hash, which
// alone would break the server's 60 MiB memory budget. At most two hashes run at once, so
// sign-ins cannot exhaust memory or both cores. A stored hash carries its parameters, so raising
// them later needs no migration. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tia/base/result.h"

namespace tia::auth {

// Initialises libsodium. Call once at start-up; false when it cannot start.
bool InitCrypto();

// Checks the password policy; the error names `field`.
Result<void> CheckPasswordPolicy(std::string_view password, const std::string& field);

// The Argon2id hash string (with its salt and limits) of `password`.
Result<std::string> HashPassword(std::string_view password);

// True when `password` matches `hash`. Runs in about the same time whether or not it matches.
bool VerifyPassword(std::string_view hash, std::string_view password);

// A decoy: the hash of a random password, verified against for unknown accounts so that they
// cost the same time as known ones (no account enumeration by timing).
const std::string& DecoyHash();

// `bytes` random bytes, base64url without padding.
std::string RandomToken(size_t bytes = 32);

// base64url without padding (RFC 4648 section 5): tokens, Web Push keys and JWT parts.
std::string Base64Url(std::string_view bytes);
std::optional<std::string> FromBase64Url(std::string_view text);

// A code a person reads aloud or types: `length` characters from 31 that cannot be mistaken for
// one another (no 0/O, 1/I/L), e.g. "7KQM-3XFD" without the dash. 8 characters: 39 bits.
std::string ReadableCode(size_t length = 8);

// A one-time code sent by SMS or e-mail: `digits` decimal digits, uniformly random ("042917").
std::string NumericCode(size_t digits = 6);

// A typed code as issued: upper case, without spaces or dashes ("7kqm 3xfd" -> "7KQM3XFD").
std::string NormaliseCode(std::string_view typed);

// The stored form of a token: hex BLAKE2b, so a database leak yields no usable session.
std::string TokenHash(std::string_view token);

// Constant-time string comparison.
bool SafeEquals(std::string_view a, std::string_view b);

}  // namespace tia::auth
