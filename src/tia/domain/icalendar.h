// tia/domain/icalendar.h — iCalendar (RFC 5545) text for bookings: one event per booking, CRLF
// lines folded at 75 octets without splitting a UTF-8 character, TEXT values escaped. Pure.
//
//   std::string ics = Calendar("-//Tia//Booking//EN", {event});
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tia::domain {

struct CalendarEvent {
  std::string uid;  // stable per booking: updates replace, never duplicate
  int64_t stamp_ms = 0;
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  std::string summary;
  std::string description;
  std::string location;
  std::string status;  // CONFIRMED, TENTATIVE or CANCELLED
  int64_t sequence = 0;
};

std::string Calendar(const std::string& name, const std::vector<CalendarEvent>& events);

// TEXT escaping (backslash, semicolon, comma, newline) and folding, exposed for tests.
std::string EscapeText(const std::string& s);
std::string FoldLine(const std::string& line);

}  // namespace tia::domain
