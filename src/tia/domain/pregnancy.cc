#include "tia/domain/pregnancy.h"

namespace tia::domain {

std::string_view StageName(Stage s) { return s == Stage::kPregnancy ? "pregnancy" : "postpartum"; }

std::optional<StageInfo> StageOn(int32_t today, const Dates& dates) {
  StageInfo out;
  if (dates.birth && *dates.birth <= today) {
    out.stage = Stage::kPostpartum;
    out.day_count = today - *dates.birth;
    out.weeks = out.day_count / 7;
    out.days = out.day_count % 7;
    if (out.weeks + 1 <= kLastPostpartumCard) out.card_week = out.weeks + 1;
    out.dated_from = "birth";
    return out;
  }
  if (dates.due) {
    out.due = *dates.due;
    out.dated_from = "due_date";
  } else if (dates.last_period) {
    out.due = *dates.last_period + kPregnancyDays;
    out.dated_from = "last_period";
  } else {
    return std::nullopt;
  }
  out.day_count = kPregnancyDays - (out.due - today);
  if (out.day_count < 0) return std::nullopt;
  out.weeks = out.day_count / 7;
  out.days = out.day_count % 7;
  if (out.weeks >= kFirstPregnancyCard && out.weeks <= kLastPregnancyCard) {
    out.card_week = out.weeks;
  }
  return out;
}

}  // namespace tia::domain
