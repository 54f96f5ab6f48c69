// tia/base/log.h — the logging facade: one JSON object per line on stderr.
//
// Never put health data, names, e-mail addresses, passwords or tokens in a log line: log ids,
// route templates, statuses and durations. Values are escaped, so a CR/LF or an ANSI escape in
// client input cannot forge a line.
//
//   log::Info("http.request", {{"rid", rid}, {"route", "/api/v1/..."}, {"status", 201}});
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>

namespace tia::log {

enum class Level { kDebug, kInfo, kWarn, kError, kOff };

using Value = std::variant<std::string_view, int64_t, double, bool>;

struct Field {
  std::string_view key;
  Value value;
  Field(std::string_view k, std::string_view v) : key(k), value(v) {}
  Field(std::string_view k, const std::string& v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, const char* v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, int v) : key(k), value(int64_t{v}) {}
  Field(std::string_view k, int64_t v) : key(k), value(v) {}
  Field(std::string_view k, uint64_t v) : key(k), value(static_cast<int64_t>(v)) {}
  Field(std::string_view k, double v) : key(k), value(v) {}
  Field(std::string_view k, bool v) : key(k), value(v) {}
};

// Sets the minimum level written. Thread-safe; call once at start-up.
void SetLevel(Level level);

void Write(Level level, std::string_view event, std::initializer_list<Field> fields);

inline void Debug(std::string_view e, std::initializer_list<Field> f = {}) {
  Write(Level::kDebug, e, f);
}
inline void Info(std::string_view e, std::initializer_list<Field> f = {}) {
  Write(Level::kInfo, e, f);
}
inline void Warn(std::string_view e, std::initializer_list<Field> f = {}) {
  Write(Level::kWarn, e, f);
}
inline void Error(std::string_view e, std::initializer_list<Field> f = {}) {
  Write(Level::kError, e, f);
}

// Appends `s` to `out` as the inside of a JSON string.
void AppendJsonEscaped(std::string& out, std::string_view s);

}  // namespace tia::log
