#include "tia/domain/icalendar.h"

#include "tia/base/time.h"

namespace tia::domain {
namespace {

// 20261127T083000Z
std::string UtcStamp(int64_t ms) {
  std::string s = FormatUtc(ms - ms % 1000);  // 2026-11-27T08:30:00Z
  std::string out;
  for (char c : s) {
    if (c != '-' && c != ':') out.push_back(c);
  }
  return out;
}

}  // namespace

std::string EscapeText(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string FoldLine(const std::string& line) {
  std::string out;
  size_t width = 0;
  for (size_t i = 0; i < line.size();) {
    // Length of the UTF-8 character starting here.
    const auto b = static_cast<unsigned char>(line[i]);
    const size_t n = b < 0x80           ? 1
                     : (b >> 5) == 0x6  ? 2
                     : (b >> 4) == 0xE  ? 3
                     : (b >> 3) == 0x1E ? 4
                                        : 1;
    if (width + n > 75) {
      out += "\r\n ";
      width = 1;
    }
    out.append(line, i, n);
    width += n;
    i += n;
  }
  return out + "\r\n";
}

std::string Calendar(const std::string& name, const std::vector<CalendarEvent>& events) {
  std::string out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + FoldLine("PRODID:" + name) +
                    "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n";
  for (const auto& e : events) {
    out += "BEGIN:VEVENT\r\n";
    out += FoldLine("UID:" + e.uid);
    out += "DTSTAMP:" + UtcStamp(e.stamp_ms) + "\r\n";
    out += "DTSTART:" + UtcStamp(e.start_ms) + "\r\n";
    out += "DTEND:" + UtcStamp(e.end_ms) + "\r\n";
    out += FoldLine("SUMMARY:" + EscapeText(e.summary));
    if (!e.description.empty()) out += FoldLine("DESCRIPTION:" + EscapeText(e.description));
    if (!e.location.empty()) out += FoldLine("LOCATION:" + EscapeText(e.location));
    out += "STATUS:" + e.status + "\r\n";
    out += "SEQUENCE:" + std::to_string(e.sequence) + "\r\n";
    out += "END:VEVENT\r\n";
  }
  return out + "END:VCALENDAR\r\n";
}

}  // namespace tia::domain
