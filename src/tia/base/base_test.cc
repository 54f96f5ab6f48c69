#include <gtest/gtest.h>

#include <set>

#include "tia/base/metrics.h"
#include "tia/base/time.h"
#include "tia/base/toml_ascii.h"
#include "tia/base/uuid.h"

namespace tia {
namespace {

TEST(Time, ParsesOffsetsIntoUtc) {
  auto t = ParseRfc3339("2026-11-25T03:12:00+07:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->offset_min, 420);
  EXPECT_EQ(FormatUtc(t->utc_ms), "2026-11-24T20:12:00Z");
  EXPECT_EQ(FormatRfc3339(*t), "2026-11-25T03:12:00+07:00");
}

TEST(Time, KeepsMillisecondsAndNegativeOffsets) {
  auto t = ParseRfc3339("2026-01-01T00:00:00.250-05:30");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->offset_min, -330);
  EXPECT_EQ(FormatRfc3339(*t), "2026-01-01T00:00:00.250-05:30");
  EXPECT_EQ(FormatUtc(t->utc_ms), "2026-01-01T05:30:00.250Z");
}

TEST(Time, RefusesAmbiguousOrImpossibleTimes) {
  for (const char* bad : {"2026-11-25T03:12:00", "2026-02-30T00:00:00Z", "2026-11-25 03:12Z",
                          "2026-11-25T24:00:00Z", "2026-11-25T03:12:00+15:00", "yesterday", "",
                          "2026-11-25T03:12:00Zjunk", "2026-11-25T03:12:00.Z"}) {
    EXPECT_FALSE(ParseRfc3339(bad)) << bad;
  }
}

TEST(Time, DatesRoundTrip) {
  auto d = ParseDate("2024-02-29");
  ASSERT_TRUE(d);
  EXPECT_EQ(FormatDate(*d), "2024-02-29");
  EXPECT_FALSE(ParseDate("2023-02-29"));
  EXPECT_EQ(*ParseDate("1970-01-02"), 1);
}

// A clock set to an instant starts there and then runs with the system clock.
TEST(Time, OffsetClockStartsWhereSetAndRuns) {
  const int64_t start = ParseRfc3339("2026-12-06T23:59:00+07:00")->utc_ms;
  const OffsetClock clock(start);
  const int64_t first = clock.NowMs();
  EXPECT_GE(first, start);
  EXPECT_LT(first, start + 5'000);
  const int64_t system_before = SystemClock::Instance().NowMs();
  while (SystemClock::Instance().NowMs() < system_before + 20) {
  }
  EXPECT_GE(clock.NowMs(), first + 20);
}

TEST(Uuid, NewIsCanonicalAndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    auto u = NewUuid();
    EXPECT_TRUE(IsCanonicalUuid(u)) << u;
    EXPECT_EQ(u[14], '4');
    seen.insert(u);
  }
  EXPECT_EQ(seen.size(), 1000u);
  EXPECT_FALSE(IsCanonicalUuid("3F2B0000-0000-4000-8000-000000000000"));
  EXPECT_FALSE(IsCanonicalUuid("3f2b0000000040008000000000000000"));
}

}  // namespace
}  // namespace tia

namespace tia {
namespace {

TEST(Time, FormatMatchesParseAcrossYearsAndOffsets) {
  for (const char* s :
       {"1970-01-01T00:00:00Z", "2026-11-25T03:12:00+07:00", "2024-02-29T23:59:59.999-09:30",
        "2000-01-01T00:00:00.001+14:00", "1999-12-31T23:59:59-12:00"}) {
    auto t = ParseRfc3339(s);
    ASSERT_TRUE(t) << s;
    EXPECT_EQ(FormatRfc3339(*t), s);
  }
  EXPECT_EQ(FormatUtc(-1), "1969-12-31T23:59:59.999Z");
}

}  // namespace
}  // namespace tia

namespace tia {
namespace {

TEST(AsciiTomlText, EscapesTextKeepsLinesAndRefusesLettersOutsideQuotes) {
  auto r = AsciiTomlText("# Tiếng Việt\nname.vi = \"Sốt\"\nx = '''a'''\n", "f.toml");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, "# Ti?ng Vi?t\nname.vi = \"S\\u1ED1t\"\nx = '''a'''\n");
  auto ml = AsciiTomlText("a = \"\"\"\nđ \\\"\"\" ó\n\"\"\"\n", "f.toml");
  ASSERT_TRUE(ml);
  EXPECT_EQ(*ml, "a = \"\"\"\n\\u0111 \\\"\"\" \\u00F3\n\"\"\"\n");
  auto bad = AsciiTomlText("a = 1\nđ = 2\n", "f.toml");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message,
            "f.toml:2: letters outside A-Z are allowed only inside double-quoted text");
  auto lit = AsciiTomlText("a = 'ó'\n", "f.toml");
  ASSERT_FALSE(lit);
  auto utf = AsciiTomlText("a = \"\xC3\"\n", "f.toml");
  ASSERT_FALSE(utf);
  EXPECT_EQ(utf.error().message, "f.toml:1: the file is not valid UTF-8");
  EXPECT_FALSE(AsciiTomlText("a = \"\xED\xA0\x80\"", "f.toml"));  // a UTF-16 surrogate
}

}  // namespace
}  // namespace tia

TEST(Metrics, CountersHistogramsAndGaugesRenderInTheTextFormat) {
  using tia::metrics::Count;
  // A route template with a quote and a backslash in it is escaped, never breaks the page.
  Count("tia_http_requests_total", {{"method", "GET"}, {"route", "/a\"b\\c"}, {"status", "200"}});
  Count("tia_http_requests_total", {{"method", "GET"}, {"route", "/a\"b\\c"}, {"status", "200"}},
        2);
  tia::metrics::Observe("tia_db_commit_batch_size", {}, 3);
  tia::metrics::Observe("tia_db_commit_batch_size", {}, 600);
  tia::metrics::Count("tia_not_declared", {});  // dropped: not in the vocabulary
  {
    const tia::metrics::Up open("tia_event_streams_open", {});
    EXPECT_NE(tia::metrics::Render().find("\ntia_event_streams_open 1\n"), std::string::npos);
  }
  const std::string page = tia::metrics::Render();
  EXPECT_NE(page.find("# TYPE tia_http_requests_total counter\n"), std::string::npos);
  EXPECT_NE(
      page.find(
          "tia_http_requests_total{method=\"GET\",route=\"/a\\\"b\\\\c\",status=\"200\"} 3\n"),
      std::string::npos)
      << page;
  // Buckets are cumulative; 600 falls only in +Inf.
  EXPECT_NE(page.find("tia_db_commit_batch_size_bucket{le=\"2\"} 0\n"), std::string::npos);
  EXPECT_NE(page.find("tia_db_commit_batch_size_bucket{le=\"4\"} 1\n"), std::string::npos);
  EXPECT_NE(page.find("tia_db_commit_batch_size_bucket{le=\"512\"} 1\n"), std::string::npos);
  EXPECT_NE(page.find("tia_db_commit_batch_size_bucket{le=\"+Inf\"} 2\n"), std::string::npos);
  EXPECT_NE(page.find("tia_db_commit_batch_size_sum 603\n"), std::string::npos);
  EXPECT_NE(page.find("tia_db_commit_batch_size_count 2\n"), std::string::npos);
  EXPECT_NE(page.find("\ntia_event_streams_open 0\n"), std::string::npos);
  EXPECT_EQ(page.find("tia_not_declared"), std::string::npos);
  // A cleared gauge family loses its label sets.
  tia::metrics::Set("tia_outbox_backlog", {{"channel", "email"}}, 4);
  EXPECT_NE(tia::metrics::Render().find("tia_outbox_backlog{channel=\"email\"} 4\n"),
            std::string::npos);
  tia::metrics::Clear("tia_outbox_backlog");
  EXPECT_EQ(tia::metrics::Render().find("tia_outbox_backlog{"), std::string::npos);
}
