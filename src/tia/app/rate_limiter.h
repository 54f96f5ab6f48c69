// tia/app/rate_limiter.h — token buckets keyed by a string (an IP address, a user id).
//
// `Take(key)` spends one token; when the bucket is empty it returns the seconds until the next
// token (for Retry-After). Buckets refill continuously. Idle buckets are swept so memory stays
// bounded. A rate of 0 disables the limiter. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "tia/base/time.h"

namespace tia::app {

class RateLimiter {
 public:
  RateLimiter(const Clock& clock, double per_minute, double burst)
      : clock_(clock), per_ms_(per_minute / 60'000.0), burst_(burst) {}

  // 0 when allowed; otherwise seconds to wait.
  int Take(const std::string& key);

 private:
  struct Bucket {
    double tokens;
    int64_t at;
  };
  const Clock& clock_;
  const double per_ms_;
  const double burst_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
  int64_t last_sweep_ = 0;
};

}  // namespace tia::app
