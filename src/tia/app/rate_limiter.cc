#include "tia/app/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace tia::app {

int RateLimiter::Take(const std::string& key) {
  if (per_ms_ <= 0) return 0;
  const int64_t now = clock_.NowMs();
  std::lock_guard lock(mu_);
  if (now - last_sweep_ > 60'000) {
    std::erase_if(buckets_, [&](const auto& kv) {
      return kv.second.tokens + static_cast<double>(now - kv.second.at) * per_ms_ >= burst_;
    });
    last_sweep_ = now;
  }
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  b.tokens = std::min(burst_, b.tokens + static_cast<double>(now - b.at) * per_ms_);
  b.at = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  return std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / per_ms_ / 1000.0)));
}

}  // namespace tia::app
