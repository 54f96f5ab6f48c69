#include "tia/base/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>

namespace tia::log {
namespace {

spdlog::logger& Logger() {
  static auto logger = [] {
    auto l = spdlog::stderr_logger_mt("tia");
    l->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})",
                   spdlog::pattern_time_type::utc);
    // Warnings and errors are written at once; the access log is flushed every second, so a
    // request does not cost a write(2) of its own.
    l->flush_on(spdlog::level::warn);
    spdlog::flush_every(std::chrono::seconds(1));
    return l;
  }();
  return *logger;
}

spdlog::level::level_enum ToSpd(Level l) {
  switch (l) {
    case Level::kDebug:
      return spdlog::level::debug;
    case Level::kInfo:
      return spdlog::level::info;
    case Level::kWarn:
      return spdlog::level::warn;
    case Level::kError:
      return spdlog::level::err;
    case Level::kOff:
      return spdlog::level::off;
  }
  return spdlog::level::info;
}

}  // namespace

void SetLevel(Level level) { Logger().set_level(ToSpd(level)); }

void AppendJsonEscaped(std::string& out, std::string_view s) {
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
}

void Write(Level level, std::string_view event, std::initializer_list<Field> fields) {
  auto& logger = Logger();
  if (!logger.should_log(ToSpd(level))) return;
  std::string line = "\"event\":\"";
  AppendJsonEscaped(line, event);
  line.push_back('"');
  for (const auto& f : fields) {
    line += ",\"";
    AppendJsonEscaped(line, f.key);
    line += "\":";
    if (auto* s = std::get_if<std::string_view>(&f.value)) {
      line.push_back('"');
      AppendJsonEscaped(line, *s);
      line.push_back('"');
    } else if (auto* i = std::get_if<int64_t>(&f.value)) {
      line += std::to_string(*i);
    } else if (auto* d = std::get_if<double>(&f.value)) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.3f", *d);
      line += buf;
    } else {
      line += std::get<bool>(f.value) ? "true" : "false";
    }
  }
  logger.log(ToSpd(level), "{}", line);
}

}  // namespace tia::log
