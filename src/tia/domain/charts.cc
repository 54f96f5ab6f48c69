#include "tia/domain/charts.h"

#include <algorithm>
#include <cmath>

namespace tia::domain {
namespace {

int32_t LocalDate(int64_t utc_ms, int offset_min) {
  return static_cast<int32_t>(
      std::floor(static_cast<double>(utc_ms + offset_min * kMinuteMs) / kDayMs));
}

int64_t TimeOf(const Json& body, const char* key) {
  return ParseRfc3339(body.at(key).get<std::string>())->utc_ms;
}

double Round1(double v) { return std::round(v * 10.0) / 10.0; }

struct Day {
  int feeds = 0, left_feeds = 0, right_feeds = 0;
  double left_minutes = 0, right_minutes = 0, bottle_ml = 0;
  double pump_left = 0, pump_right = 0, pump_unsided = 0;
  int wet_nappies = 0, dirty_nappies = 0;
};

// Minutes at the breast in one segment, pauses left out.
double SegmentMinutes(const Json& seg) {
  int64_t ms = TimeOf(seg, "end") - TimeOf(seg, "start");
  for (const auto& p : seg.at("pauses")) ms -= TimeOf(p, "end") - TimeOf(p, "start");
  return static_cast<double>(ms) / kMinuteMs;
}

}  // namespace

Json Charts(const std::vector<StoredRecord>& records, int64_t now_ms, int days) {
  const StoredRecord* newest = nullptr;
  for (const auto& rec : records) {
    if (rec.occurred_at.utc_ms > now_ms + kFutureSkewMs) continue;
    if (!newest || rec.occurred_at.utc_ms > newest->occurred_at.utc_ms) newest = &rec;
  }
  const int32_t today = LocalDate(now_ms, newest ? newest->occurred_at.offset_min : 0);
  const int32_t first = today - days + 1;
  std::vector<Day> per_day(static_cast<size_t>(days));
  std::vector<std::pair<int64_t, const StoredRecord*>> feeds;
  Json temperatures = Json::array();
  std::vector<std::pair<int64_t, Json>> checks;

  for (const auto& rec : records) {
    const int64_t at = rec.occurred_at.utc_ms;
    const int32_t date = LocalDate(at, rec.occurred_at.offset_min);
    if (at > now_ms + kFutureSkewMs || date < first || date > today) continue;
    Day& d = per_day[static_cast<size_t>(date - first)];
    const Json& b = rec.body;
    switch (rec.kind) {
      case RecordKind::kFeed: {
        ++d.feeds;
        bool sides[2] = {false, false};
        for (const auto& seg : b.at("segments")) {
          if (seg.at("type") == "breast") {
            const int side = seg.at("side") == "left" ? 0 : 1;
            sides[side] = true;
            (side == 0 ? d.left_minutes : d.right_minutes) += SegmentMinutes(seg);
          } else {
            d.bottle_ml += seg.at("volume_ml").get<double>();
          }
        }
        d.left_feeds += sides[0] ? 1 : 0;
        d.right_feeds += sides[1] ? 1 : 0;
        feeds.emplace_back(at, &rec);
        break;
      }
      case RecordKind::kPump:
        d.pump_left += b.value("left_ml", 0.0);
        d.pump_right += b.value("right_ml", 0.0);
        d.pump_unsided += b.value("total_ml", 0.0);
        break;
      case RecordKind::kNappy:
        d.wet_nappies += b.at("wet").get<bool>() ? 1 : 0;
        d.dirty_nappies += b.at("dirty").get<bool>() ? 1 : 0;
        break;
      case RecordKind::kTemperature:
        temperatures.push_back(
            {{"at", FormatRfc3339(rec.occurred_at)}, {"temp_c", b.at("temp_c").get<double>()}});
        break;
      case RecordKind::kBreastCheck:
        for (const char* side : {"left", "right"}) {
          if (!b.contains(side)) continue;
          const Json& s = b.at(side);
          Json clock = Json::array();
          for (const auto& loc : s.at("locations")) clock.push_back(loc.at("clock"));
          checks.emplace_back(at, Json{{"at", FormatRfc3339(rec.occurred_at)},
                                       {"side", side},
                                       {"pain", s.value("pain", Json())},
                                       {"clock", clock},
                                       {"lump", s.contains("lump")},
                                       {"redness", s.value("redness", Json())}});
        }
        break;
      default:
        break;
    }
  }

  Json out;
  out["days"] = days;
  out["from"] = FormatDate(first);
  out["to"] = FormatDate(today);
  Json rows = Json::array();
  for (int i = 0; i < days; ++i) {
    const Day& d = per_day[static_cast<size_t>(i)];
    rows.push_back({{"date", FormatDate(first + i)},
                    {"feeds", d.feeds},
                    {"left_feeds", d.left_feeds},
                    {"right_feeds", d.right_feeds},
                    {"left_minutes", Round1(d.left_minutes)},
                    {"right_minutes", Round1(d.right_minutes)},
                    {"bottle_ml", Round1(d.bottle_ml)},
                    {"pump_left_ml", Round1(d.pump_left)},
                    {"pump_right_ml", Round1(d.pump_right)},
                    {"pump_unsided_ml", Round1(d.pump_unsided)},
                    {"wet_nappies", d.wet_nappies},
                    {"dirty_nappies", d.dirty_nappies}});
  }
  out["per_day"] = rows;
  std::sort(feeds.begin(), feeds.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  Json intervals = Json::array();
  for (size_t i = 1; i < feeds.size(); ++i) {
    intervals.push_back(
        {{"at", FormatRfc3339(feeds[i].second->occurred_at)},
         {"hours", Round1(static_cast<double>(feeds[i].first - feeds[i - 1].first) / kHourMs)}});
  }
  out["feed_intervals"] = intervals;
  std::sort(temperatures.begin(), temperatures.end(),
            [](const Json& a, const Json& b) { return TimeOf(a, "at") < TimeOf(b, "at"); });
  out["temperatures"] = temperatures;
  std::stable_sort(checks.begin(), checks.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  Json check_rows = Json::array();
  for (auto& [at, row] : checks) check_rows.push_back(std::move(row));
  out["breast_checks"] = check_rows;
  return out;
}

}  // namespace tia::domain
