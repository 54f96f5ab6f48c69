// tia/config/config.h — settings, from defaults < TOML file < TIA_* environment < command flags.
//
//   db = "sqlite:tia.db"            # or postgresql://...   (TIA_DB)
//   listen = "127.0.0.1:8080"        #                       (TIA_LISTEN)
//   secure_cookies = false           #                       (TIA_SECURE_COOKIES)
//   user_rate_per_min = 600          # 0 = off, benchmarks   (TIA_USER_RATE_PER_MIN)
//   ip_rate_per_min = 6000           # 0 = off, benchmarks   (TIA_IP_RATE_PER_MIN)
//   sign_in_rate_per_min = 30        # sign-ins, registrations and codes per address, burst 10
//                                    # (TIA_SIGN_IN_RATE_PER_MIN; the browser tests, all on one
//                                    # loopback address, raise it)
//   log_level = "info"               #                       (TIA_LOG_LEVEL)
//   staff_idle_s = 1800              # staff session idle limit        (TIA_STAFF_IDLE_S)
//   staff_absolute_s = 43200         # staff session absolute limit    (TIA_STAFF_ABSOLUTE_S)
//   reauth_window_s = 600            # how recent a sign-in export needs (TIA_REAUTH_WINDOW_S)
//   hotline = "1900 0000"            # shown with results that need a person (TIA_HOTLINE)
//   emergency_number = "115"         # shown first in an emergency (TIA_EMERGENCY_NUMBER)
//   smtp_host = "127.0.0.1"          # relay for confirmations and reminders; empty: none sent
//                                    #                       (TIA_SMTP_HOST)
//   smtp_port = 25                   #                       (TIA_SMTP_PORT)
//   smtp_from = "tia@localhost"      # sender address        (TIA_SMTP_FROM)
//   outbox_interval_ms = 5000        # how often due messages are sent (TIA_OUTBOX_INTERVAL_MS)
//   photo_dir = "tia.db.photos"      # encrypted consultation photos  (TIA_PHOTO_DIR)
//                                    # default: beside an SQLite file, else ./tia-photos
//   photo_key_file = ""              # 32-byte key; default <photo_dir>/key, made on first use
//                                    # (TIA_PHOTO_KEY_FILE; in production keep it elsewhere)
//   push_origins = ""                # push services notifications go to, comma-separated origins
//                                    # ("https://*.notify.windows.com" for subdomains); empty:
//                                    # those of Chrome, Edge, Firefox, Safari (TIA_PUSH_ORIGINS)
//   push_contact = ""                # who a push service may write to (VAPID sub); empty:
//                                    # mailto:<smtp_from>   (TIA_PUSH_CONTACT)
//   sms_spool_dir = ""               # no SMS gateway yet: each text message is written to a file
//                                    # here (demos and tests; the files hold one-time codes);
//                                    # empty: only logged, without the text (TIA_SMS_SPOOL_DIR)
//   metrics_from = ""                # addresses that may read GET /metrics without a session (a
//                                    # Prometheus server: "127.0.0.1"); staff sessions always
//                                    # may (TIA_METRICS_FROM)
//   zalo_url = "https://business.openapi.zalo.me/message/template"
//                                    # where ZNS messages go; each hospital's access token and
//                                    # templates are its own settings (docs/zalo.md) (TIA_ZALO_URL)
//   public_url = ""                  # the site's address as readers see it, for canonical links
//                                    # and sitemap.xml (https://benhvien.example); empty:
//                                    # http://<listen> (TIA_PUBLIC_URL)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tia/base/result.h"

namespace tia::config {

struct Config {
  std::string db = "sqlite:tia.db";
  std::string address = "127.0.0.1";
  int port = 8080;
  bool secure_cookies = false;
  double user_rate_per_min = 600;
  double ip_rate_per_min = 6000;
  double sign_in_rate_per_min = 30;
  std::string log_level = "info";
  int64_t staff_idle_s = 30 * 60;
  int64_t staff_absolute_s = 12 * 60 * 60;
  int64_t reauth_window_s = 10 * 60;
  // Where the app sends a mother when a result calls for a person (until the hospital's own
  // configuration of issue 5 exists): the hotline, and the emergency number (115 in Viet Nam).
  std::string hotline;
  std::string emergency_number = "115";
  std::string smtp_host;
  int64_t smtp_port = 25;
  std::string smtp_from = "tia@localhost";
  int64_t outbox_interval_ms = 5000;
  std::string photo_dir;                  // empty: derived from db (see above)
  std::string photo_key_file;             // empty: <photo_dir>/key
  std::vector<std::string> push_origins;  // empty: the browsers' push services
  std::string push_contact;               // empty: mailto:<smtp_from>
  std::string sms_spool_dir;              // empty: text messages are logged without their text
  std::string public_url;                 // empty: http://<address>:<port>
  std::vector<std::string> metrics_from;  // IP addresses; empty: staff sessions only
  std::string zalo_url = "https://business.openapi.zalo.me/message/template";
};

// Reads `file` (if not empty) and the environment over the defaults. Errors name the key.
Result<Config> Load(const std::string& file);

// Where consultation photos are kept, and their key, with the defaults above applied.
std::string PhotoDir(const Config& c);
std::string PhotoKeyFile(const Config& c);

// Parses "host:port" into the config.
Result<void> SetListen(Config& c, const std::string& listen);

}  // namespace tia::config
