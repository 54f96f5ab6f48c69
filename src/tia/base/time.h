// tia/base/time.h — instants as UTC epoch milliseconds, with the client's UTC offset kept.
//
// A mother's phone reports when something happened as RFC 3339 with an offset
// ("2026-11-25T03:12:00+07:00"). Tia stores the instant in UTC milliseconds (sortable, no zone
// parsing in SQL) and the offset in minutes, so her local clock time can be shown back exactly.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tia {

inline constexpr int64_t kMinuteMs = 60'000;
inline constexpr int64_t kHourMs = 60 * kMinuteMs;
inline constexpr int64_t kDayMs = 24 * kHourMs;

struct Timestamp {
  int64_t utc_ms = 0;
  int offset_min = 0;  // the client's UTC offset when it recorded the time
  friend bool operator==(const Timestamp&, const Timestamp&) = default;
};

// Parses "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)". The offset is required: a time without one is
// ambiguous and is refused rather than guessed.
std::optional<Timestamp> ParseRfc3339(std::string_view s);

// Formats in the recorded offset, with milliseconds only when non-zero.
std::string FormatRfc3339(const Timestamp& t);
inline std::string FormatUtc(int64_t utc_ms) { return FormatRfc3339({utc_ms, 0}); }

// Parses a calendar date "YYYY-MM-DD" into days since 1970-01-01.
std::optional<int32_t> ParseDate(std::string_view s);
std::string FormatDate(int32_t days);

// Days since 1970-01-01 for a civil date, and back (Howard Hinnant's algorithms).
int32_t DaysFromCivil(int y, unsigned m, unsigned d);
void CivilFromDays(int32_t z, int& y, unsigned& m, unsigned& d);

// The server's clock: the one place anything that depends on now, today, slots or windows takes
// its time from. Production runs on the system clock; `tia --clock` starts a running one at a
// chosen instant (tests of "what happens at 23:59 on a holiday"); unit tests hold a fixed one.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowMs() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t NowMs() const override;
  static const SystemClock& Instance();
};

// A clock that starts at `start_ms` when it is made and then runs at the system clock's pace, so
// waits, expiries and rate limits behave as in production. Thread-safe (immutable).
class OffsetClock final : public Clock {
 public:
  explicit OffsetClock(int64_t start_ms);
  int64_t NowMs() const override;

 private:
  int64_t offset_ms_;
};

// A clock that stays where it is set. Thread-safe.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(int64_t now_ms) : now_ms_(now_ms) {}
  int64_t NowMs() const override { return now_ms_.load(); }
  void Set(int64_t now_ms) { now_ms_.store(now_ms); }
  void Advance(int64_t ms) { now_ms_.fetch_add(ms); }

 private:
  std::atomic<int64_t> now_ms_;
};

}  // namespace tia
