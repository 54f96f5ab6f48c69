#include "tia/config/config.h"

#include <arpa/inet.h>
#include <toml++/toml.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <type_traits>

#include "tia/base/toml_ascii.h"

namespace tia::config {

Result<void> SetListen(Config& c, const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return Invalid("listen", "must be host:port");
  try {
    size_t used = 0;
    const int port = std::stoi(listen.substr(colon + 1), &used);
    if (used != listen.size() - colon - 1 || port < 0 || port > 65535) throw std::out_of_range("");
    c.address = listen.substr(0, colon);
    c.port = port;
  } catch (...) {
    return Invalid("listen", "has no valid port: " + listen);
  }
  return Ok();
}

namespace {

constexpr char kRateRule[] = "must be a number, 0 or more (0 turns the limit off)";
constexpr char kSecondsRule[] = "must be a whole number of seconds, at least 1";

// Reads environment variable `name` into `field` when it is set; an error names the variable.
template <class T>
Result<void> EnvNumber(const char* name, T& field, T min, const char* rule) {
  const char* v = std::getenv(name);
  if (v == nullptr) return Ok();
  try {
    size_t used = 0;
    T n{};
    if constexpr (std::is_floating_point_v<T>) {
      n = std::stod(v, &used);
    } else {
      n = std::stoll(v, &used);
    }
    if (used == std::string(v).size() && n >= min) {
      field = n;
      return Ok();
    }
  } catch (const std::exception&) {
  }
  return Invalid(name, rule);
}

// The items of a comma-separated list, trimmed; empty items are skipped.
std::vector<std::string> CommaList(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    const size_t b = item.find_first_not_of(" \t");
    if (b != std::string::npos) out.push_back(item.substr(b, item.find_last_not_of(" \t") - b + 1));
  }
  return out;
}

// "https://a.example, https://*.b.example": each an origin (scheme and host, a port when not the
// scheme's own), without a path.
Result<void> SetPushOrigins(Config& c, const std::string& list, const std::string& name) {
  c.push_origins.clear();
  for (auto& item : CommaList(list)) {
    const bool scheme = item.rfind("https://", 0) == 0 || item.rfind("http://", 0) == 0;
    if (!scheme || item.find('/', item.find("://") + 3) != std::string::npos) {
      return Invalid(name, "must list origins such as https://fcm.googleapis.com, comma-separated");
    }
    c.push_origins.push_back(std::move(item));
  }
  return Ok();
}

// "127.0.0.1, ::1": each an IPv4 or IPv6 address, as a client's address is seen.
Result<void> SetMetricsFrom(Config& c, const std::string& list, const std::string& name) {
  c.metrics_from.clear();
  for (auto& item : CommaList(list)) {
    unsigned char buf[16];
    if (inet_pton(AF_INET, item.c_str(), buf) != 1 && inet_pton(AF_INET6, item.c_str(), buf) != 1) {
      return Invalid(name, "must list IP addresses such as 127.0.0.1, comma-separated");
    }
    c.metrics_from.push_back(std::move(item));
  }
  return Ok();
}

}  // namespace

Result<Config> Load(const std::string& file) {
  Config c;
  if (!file.empty()) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Invalid(file, "cannot be read");
    std::stringstream ss;
    ss << in.rdbuf();
    TIA_ASSIGN_OR_RETURN(const std::string text, AsciiTomlText(ss.str(), file));
    try {
      toml::table t = toml::parse(text, file);
      for (auto&& [k, v] : t) {
        const std::string key(k.str());
        if (key == "db" && v.is_string())
          c.db = *v.value<std::string>();
        else if (key == "listen" && v.is_string())
          TIA_TRY(SetListen(c, *v.value<std::string>()));
        else if (key == "secure_cookies" && v.is_boolean())
          c.secure_cookies = *v.value<bool>();
        else if (key == "user_rate_per_min" && (v.is_integer() || v.is_floating_point()))
          c.user_rate_per_min = *v.value<double>();
        else if (key == "ip_rate_per_min" && (v.is_integer() || v.is_floating_point()))
          c.ip_rate_per_min = *v.value<double>();
        else if (key == "sign_in_rate_per_min" && (v.is_integer() || v.is_floating_point()))
          c.sign_in_rate_per_min = *v.value<double>();
        else if (key == "log_level" && v.is_string())
          c.log_level = *v.value<std::string>();
        else if (key == "hotline" && v.is_string())
          c.hotline = *v.value<std::string>();
        else if (key == "emergency_number" && v.is_string())
          c.emergency_number = *v.value<std::string>();
        else if (key == "smtp_host" && v.is_string())
          c.smtp_host = *v.value<std::string>();
        else if (key == "smtp_port" && v.is_integer())
          c.smtp_port = *v.value<int64_t>();
        else if (key == "smtp_from" && v.is_string())
          c.smtp_from = *v.value<std::string>();
        else if (key == "photo_dir" && v.is_string())
          c.photo_dir = *v.value<std::string>();
        else if (key == "photo_key_file" && v.is_string())
          c.photo_key_file = *v.value<std::string>();
        else if (key == "push_origins" && v.is_string())
          TIA_TRY(SetPushOrigins(c, *v.value<std::string>(), key));
        else if (key == "metrics_from" && v.is_string())
          TIA_TRY(SetMetricsFrom(c, *v.value<std::string>(), key));
        else if (key == "push_contact" && v.is_string())
          c.push_contact = *v.value<std::string>();
        else if (key == "sms_spool_dir" && v.is_string())
          c.sms_spool_dir = *v.value<std::string>();
        else if (key == "public_url" && v.is_string())
          c.public_url = *v.value<std::string>();
        else if (key == "zalo_url" && v.is_string())
          c.zalo_url = *v.value<std::string>();
        else if (key == "outbox_interval_ms" && v.is_integer())
          c.outbox_interval_ms = *v.value<int64_t>();
        else if (key == "staff_idle_s" && v.is_integer())
          c.staff_idle_s = *v.value<int64_t>();
        else if (key == "reauth_window_s" && v.is_integer())
          c.reauth_window_s = *v.value<int64_t>();
        else
          return Invalid(key, "is not a known setting (or has the wrong type) in " + file);
      }
    } catch (const toml::parse_error& e) {
      return Invalid(file, std::string("is not valid TOML: ") + std::string(e.description()));
    }
  }
  if (const char* v = std::getenv("TIA_DB")) c.db = v;
  if (const char* v = std::getenv("TIA_LISTEN")) TIA_TRY(SetListen(c, v));
  if (const char* v = std::getenv("TIA_SECURE_COOKIES"))
    c.secure_cookies = std::string(v) == "1" || std::string(v) == "true";
  TIA_TRY(EnvNumber("TIA_USER_RATE_PER_MIN", c.user_rate_per_min, 0.0, kRateRule));
  TIA_TRY(EnvNumber("TIA_IP_RATE_PER_MIN", c.ip_rate_per_min, 0.0, kRateRule));
  TIA_TRY(EnvNumber("TIA_SIGN_IN_RATE_PER_MIN", c.sign_in_rate_per_min, 0.0, kRateRule));
  TIA_TRY(EnvNumber("TIA_STAFF_IDLE_S", c.staff_idle_s, int64_t{1}, kSecondsRule));
  TIA_TRY(EnvNumber("TIA_STAFF_ABSOLUTE_S", c.staff_absolute_s, int64_t{1}, kSecondsRule));
  TIA_TRY(EnvNumber("TIA_REAUTH_WINDOW_S", c.reauth_window_s, int64_t{1}, kSecondsRule));
  if (const char* v = std::getenv("TIA_LOG_LEVEL")) c.log_level = v;
  if (const char* v = std::getenv("TIA_HOTLINE")) c.hotline = v;
  if (const char* v = std::getenv("TIA_EMERGENCY_NUMBER")) c.emergency_number = v;
  if (const char* v = std::getenv("TIA_SMTP_HOST")) c.smtp_host = v;
  if (const char* v = std::getenv("TIA_SMTP_FROM")) c.smtp_from = v;
  if (const char* v = std::getenv("TIA_PHOTO_DIR")) c.photo_dir = v;
  if (const char* v = std::getenv("TIA_PHOTO_KEY_FILE")) c.photo_key_file = v;
  if (const char* v = std::getenv("TIA_PUSH_ORIGINS"))
    TIA_TRY(SetPushOrigins(c, v, "TIA_PUSH_ORIGINS"));
  if (const char* v = std::getenv("TIA_PUSH_CONTACT")) c.push_contact = v;
  if (const char* v = std::getenv("TIA_METRICS_FROM"))
    TIA_TRY(SetMetricsFrom(c, v, "TIA_METRICS_FROM"));
  if (const char* v = std::getenv("TIA_SMS_SPOOL_DIR")) c.sms_spool_dir = v;
  if (const char* v = std::getenv("TIA_PUBLIC_URL")) c.public_url = v;
  if (const char* v = std::getenv("TIA_ZALO_URL")) c.zalo_url = v;
  TIA_TRY(EnvNumber("TIA_SMTP_PORT", c.smtp_port, int64_t{1}, "must be a port number, 1 to 65535"));
  TIA_TRY(EnvNumber("TIA_OUTBOX_INTERVAL_MS", c.outbox_interval_ms, int64_t{10},
                    "must be a whole number of milliseconds, at least 10"));
  // Values from the file get the same checks as those from the environment.
  if (c.user_rate_per_min < 0) return Invalid("user_rate_per_min", kRateRule);
  if (c.ip_rate_per_min < 0) return Invalid("ip_rate_per_min", kRateRule);
  if (c.sign_in_rate_per_min < 0) return Invalid("sign_in_rate_per_min", kRateRule);
  if (c.staff_idle_s < 1) return Invalid("staff_idle_s", kSecondsRule);
  if (c.staff_absolute_s < 1) return Invalid("staff_absolute_s", kSecondsRule);
  if (c.reauth_window_s < 1) return Invalid("reauth_window_s", kSecondsRule);
  if (c.smtp_port < 1 || c.smtp_port > 65535)
    return Invalid("smtp_port", "must be a port number, 1 to 65535");
  if (c.outbox_interval_ms < 10) return Invalid("outbox_interval_ms", "must be at least 10");
  if (!c.zalo_url.starts_with("https://") && !c.zalo_url.starts_with("http://")) {
    return Invalid("zalo_url", "must be an http(s) URL");
  }
  return c;
}

std::string PhotoDir(const Config& c) {
  if (!c.photo_dir.empty()) return c.photo_dir;
  const std::string file = c.db.starts_with("sqlite:") ? c.db.substr(7) : "";
  return file.empty() || file == ":memory:" ? "tia-photos" : file + ".photos";
}

std::string PhotoKeyFile(const Config& c) {
  return c.photo_key_file.empty() ? PhotoDir(c) + "/key" : c.photo_key_file;
}

}  // namespace tia::config
