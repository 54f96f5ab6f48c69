// tia/auth/passwords.h — Argon2id password hashing and random tokens (libsodium).
//
// Passwords: 12 to 128 characters (Unicode code points; NFC is the client's job), no composition
// rules, nothing truncated (ASVS 2.1). Hashing uses libsodium's INTERACTIVE limits (about 70 ms
// and 64 MiB here); at most two hashes run at once so logins cannot exhaust memory or both cores.
// Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "tia/base/result.h"

namespace tia::auth {

// Initialises libsodium. Call once at start-up; false when it cannot start.
bool InitCrypto();

// Checks the password policy; the error names `field`.
Result<void> CheckPasswordPolicy(std::string_view password, std::string field);

// The Argon2id hash string (with its salt and limits) of `password`.
Result<std::string> HashPassword(std::string_view password);

// True when `password` matches `hash`. Runs in about the same time whether or not it matches.
bool VerifyPassword(std::string_view hash, std::string_view password);

// A hash of a throwaway password, for spending the same time on unknown accounts (no enumeration).
const std::string& DummyHash();

// `bytes` random bytes, base64url without padding.
std::string RandomToken(size_t bytes = 32);

// The stored form of a token: hex BLAKE2b, so a database leak yields no usable session.
std::string TokenHash(std::string_view token);

// Constant-time string comparison.
bool SafeEquals(std::string_view a, std::string_view b);

}  // namespace tia::auth
