// tia/domain/pregnancy.h — where a mother is on one chained clock: weeks and days of pregnancy
// from her due date or the first day of her last period, then, from the baby's birth, days and
// weeks after the birth; and which week card that is. Pure: days are counted in her calendar (the
// caller passes her local date).
//
// Dating (research/knowledge-programme-interop.md (c), WHO smart-anc #23):
//   EDD = LMP + 280 days;  gestational age = 280 - (EDD - today)  =  today - LMP;
//   shown as completed weeks and days: 186 days is 26 weeks 4 days (never 27w5d).
// A due date wins over a last period when both are given (a scan's due date is the better one).
// After the birth: day 0 is the day of the birth; postpartum week N holds days 7(N-1) .. 7N-1.
// Cards exist for pregnancy weeks 4-42 and postpartum weeks 1-12; outside them there is no card.
//
//   Dates d;
//   d.due = ParseDate("2027-04-20");
//   auto s = StageOn(today, d);
//   // s->stage == Stage::kPregnancy, s->weeks == 20, s->days == 3, s->card_week == 20
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tia::domain {

inline constexpr int kPregnancyDays = 280;
inline constexpr int kFirstPregnancyCard = 4, kLastPregnancyCard = 42;
inline constexpr int kLastPostpartumCard = 12;

enum class Stage { kPregnancy, kPostpartum };
std::string_view StageName(Stage s);  // "pregnancy", "postpartum"

// The dates a profile may carry (days since 1970-01-01, as ParseDate gives them).
struct Dates {
  std::optional<int32_t> due;          // estimated due date
  std::optional<int32_t> last_period;  // first day of the last menstrual period
  std::optional<int32_t> birth;        // the baby's birth (or the delivery)
};

struct StageInfo {
  Stage stage = Stage::kPregnancy;
  int day_count = 0;  // days of pregnancy (gestational age) or days since the birth
  int weeks = 0;      // completed weeks: day_count / 7
  int days = 0;       // and days: day_count % 7
  // The week whose card she reads now (pregnancy: completed weeks; postpartum: weeks + 1), or
  // nullopt outside the cards' range (before week 4, from week 43 on with no birth recorded,
  // after postpartum week 12).
  std::optional<int> card_week;
  int32_t due = 0;              // the due date the pregnancy is dated by (pregnancy only)
  std::string_view dated_from;  // "due_date", "last_period" or "birth"
};

// Her stage on `today`, or nullopt when nothing dates it (no dates, or a pregnancy date in the
// future that makes the gestational age negative). A birth on or before `today` wins.
std::optional<StageInfo> StageOn(int32_t today, const Dates& dates);

}  // namespace tia::domain
