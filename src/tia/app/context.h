// tia/app/context.h — what every use case is given: who is asking, from where, and the services.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tia/auth/policy.h"
#include "tia/base/time.h"
#include "tia/engine/protocol.h"
#include "tia/storage/database.h"

namespace tia::storage {
class PhotoStore;
}

namespace tia::app {

struct Settings {
  // Session lifetimes (ASVS 3.3: staff 30 min idle / 12 h absolute; a mother's phone longer,
  // with re-authentication for export, erase and password change).
  int64_t staff_idle_ms = 30 * kMinuteMs;
  int64_t staff_absolute_ms = 12 * kHourMs;
  int64_t mother_idle_ms = 30 * kDayMs;
  int64_t mother_absolute_ms = 90 * kDayMs;
  int64_t reauth_window_ms = 10 * kMinuteMs;
  // Login throttling (research 3.1): 5 consecutive failures lock the account softly for 15 min.
  int max_failed_logins = 5;
  int64_t lockout_ms = 15 * kMinuteMs;
  int64_t invite_valid_ms = 7 * kDayMs;
  std::string consent_text_version = "care-data-2026-11";
  // Web Push (app/push.h): the origins a subscription's endpoint may have (empty: the push
  // services browsers use, DefaultPushOrigins), and the contact a push service may write to.
  std::vector<std::string> push_origins;
  std::string push_contact = "mailto:tia@localhost";
};

// The services a use case needs. Owned by main; outlives every request.
struct Services {
  storage::Database* db = nullptr;
  const Clock* clock = nullptr;
  Settings settings;
  storage::PhotoStore* photos = nullptr;  // consultation photos; none: uploads answer 503
  // Wakes the sender of the outbox and notifications (a message to send now); none: it wakes on
  // its own schedule.
  std::function<void()> wake_sender;
};

// Who is asking. Empty principal = anonymous.
struct Caller {
  std::optional<auth::Principal> principal;
  std::string public_id;     // the caller's user id as shown in URLs
  std::string session_hash;  // the session's stored hash, when authenticated
  int64_t authenticated_at = 0;
  std::string client_ip;
  std::string request_id;
  // The language the caller reads (`?lang=`, else Accept-Language): results, messages and problems.
  engine::Lang lang = engine::Lang::kEn;
};

}  // namespace tia::app
