#include "tia/domain/icalendar.h"

#include <gtest/gtest.h>

#include "tia/base/time.h"

namespace tia::domain {
namespace {

TEST(ICalendar, EscapesTextAndFoldsWithoutSplittingACharacter) {
  EXPECT_EQ(EscapeText("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
  // 80 Vietnamese letters of 2-3 bytes each: every physical line <= 75 octets, none starts
  // inside a character, and unfolding gives the line back.
  std::string line = "SUMMARY:";
  for (int i = 0; i < 40; ++i) line += "Tư";
  const std::string folded = FoldLine(line);
  std::string unfolded;
  size_t start = 0;
  while (start < folded.size()) {
    const size_t end = folded.find("\r\n", start);
    const std::string physical = folded.substr(start, end - start);
    EXPECT_LE(physical.size(), 75u);
    const auto first = static_cast<unsigned char>(physical[start == 0 ? 0 : 1]);
    EXPECT_NE(first & 0xC0, 0x80) << "a line starts inside a UTF-8 character";
    unfolded += start == 0 ? physical : physical.substr(1);
    start = end + 2;
  }
  EXPECT_EQ(unfolded, line);
}

TEST(ICalendar, OneEventPerBookingInUtc) {
  CalendarEvent e;
  e.uid = "b1@tia";
  e.stamp_ms = ParseRfc3339("2026-11-27T08:00:00Z")->utc_ms;
  e.start_ms = ParseRfc3339("2026-11-28T09:00:00+07:00")->utc_ms;
  e.end_ms = e.start_ms + 30 * kMinuteMs;
  e.summary = "Lactation consult";
  e.status = "CONFIRMED";
  const std::string ics = Calendar("-//Tia//Booking//EN", {e});
  EXPECT_NE(ics.find("\r\nDTSTART:20261128T020000Z\r\nDTEND:20261128T023000Z\r\n"),
            std::string::npos);
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_EQ(ics.substr(ics.size() - 15), "END:VCALENDAR\r\n");
}

}  // namespace
}  // namespace tia::domain
