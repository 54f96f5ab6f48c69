#include "tia/base/time.h"

#include <chrono>
#include <cstdio>

namespace tia {
namespace {

bool Digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool ValidDate(int y, int mo, int d) {
  return y >= 1900 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= DaysInMonth(y, mo);
}

}  // namespace

int32_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

void CivilFromDays(int32_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

std::optional<Timestamp> ParseRfc3339(std::string_view s) {
  int y, mo, d, h, mi, sec = 0, ms = 0;
  if (!Digits(s, 0, 4, y) || s.size() < 16 || s[4] != '-' || !Digits(s, 5, 2, mo) || s[7] != '-' ||
      !Digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') || !Digits(s, 11, 2, h) ||
      s[13] != ':' || !Digits(s, 14, 2, mi)) {
    return std::nullopt;
  }
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!Digits(s, pos + 1, 2, sec)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      size_t start = ++pos;
      int scale = 100;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        ms += (s[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
      if (pos == start || pos - start > 9) return std::nullopt;
    }
  }
  if (!ValidDate(y, mo, d) || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  int offset = 0;
  if (pos >= s.size()) return std::nullopt;  // an offset is required
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh, om;
    if (!Digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !Digits(s, pos + 4, 2, om) || oh > 14 || om > 59) {
      return std::nullopt;
    }
    offset = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  const int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  const int64_t local_ms = days * kDayMs + h * kHourMs + mi * kMinuteMs + sec * 1000 + ms;
  return Timestamp{local_ms - offset * kMinuteMs, offset};
}

namespace {
void Put2(std::string& out, unsigned v) {
  out.push_back(static_cast<char>('0' + v / 10));
  out.push_back(static_cast<char>('0' + v % 10));
}
}  // namespace

std::string FormatRfc3339(const Timestamp& t) {
  // Hand-written rather than snprintf: it runs twice for every record a list returns.
  const int64_t local = t.utc_ms + t.offset_min * kMinuteMs;
  int64_t days = local / kDayMs;
  int64_t rem = local % kDayMs;
  if (rem < 0) {
    rem += kDayMs;
    --days;
  }
  int y;
  unsigned m, d;
  CivilFromDays(static_cast<int32_t>(days), y, m, d);
  std::string out;
  out.reserve(29);
  if (y < 0 || y > 9999) {
    out = std::to_string(y);
  } else {
    Put2(out, static_cast<unsigned>(y / 100));
    Put2(out, static_cast<unsigned>(y % 100));
  }
  out.push_back('-');
  Put2(out, m);
  out.push_back('-');
  Put2(out, d);
  out.push_back('T');
  Put2(out, static_cast<unsigned>(rem / kHourMs));
  out.push_back(':');
  Put2(out, static_cast<unsigned>(rem % kHourMs / kMinuteMs));
  out.push_back(':');
  Put2(out, static_cast<unsigned>(rem % kMinuteMs / 1000));
  if (const auto ms = static_cast<unsigned>(rem % 1000); ms != 0) {
    out.push_back('.');
    out.push_back(static_cast<char>('0' + ms / 100));
    Put2(out, ms % 100);
  }
  if (t.offset_min == 0) {
    out.push_back('Z');
  } else {
    const int off = t.offset_min < 0 ? -t.offset_min : t.offset_min;
    out.push_back(t.offset_min < 0 ? '-' : '+');
    Put2(out, static_cast<unsigned>(off / 60));
    out.push_back(':');
    Put2(out, static_cast<unsigned>(off % 60));
  }
  return out;
}

std::optional<int32_t> ParseDate(std::string_view s) {
  int y, m, d;
  if (s.size() != 10 || !Digits(s, 0, 4, y) || s[4] != '-' || !Digits(s, 5, 2, m) || s[7] != '-' ||
      !Digits(s, 8, 2, d) || !ValidDate(y, m, d)) {
    return std::nullopt;
  }
  return DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::string FormatDate(int32_t days) {
  int y;
  unsigned m, d;
  CivilFromDays(days, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

int64_t SystemClock::NowMs() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

const SystemClock& SystemClock::Instance() {
  static const SystemClock clock;
  return clock;
}

OffsetClock::OffsetClock(int64_t start_ms)
    : offset_ms_(start_ms - SystemClock::Instance().NowMs()) {}

int64_t OffsetClock::NowMs() const { return SystemClock::Instance().NowMs() + offset_ms_; }

}  // namespace tia
