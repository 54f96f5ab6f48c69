#include "tia/domain/summary.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace tia::domain {
namespace {

constexpr int64_t kTemperatureWindowMs = 72 * kHourMs;
constexpr int64_t kAntibioticWindowMs = 14 * kDayMs;

int64_t TimeOf(const Json& body, const char* key) {
  return ParseRfc3339(body.at(key).get<std::string>())->utc_ms;
}

double Round1(double v) { return std::round(v * 10.0) / 10.0; }

struct LastRemoval {
  int64_t at = INT64_MIN;
  std::string source;
  void Offer(int64_t t, const char* src) {
    if (t > at) {
      at = t;
      source = src;
    }
  }
};

Json RemovalJson(const LastRemoval& r, int64_t now_ms) {
  if (r.at == INT64_MIN) return nullptr;
  return Json{{"at", FormatUtc(r.at)},
              {"hours_ago", Round1(static_cast<double>(now_ms - r.at) / kHourMs)},
              {"source", r.source}};
}

}  // namespace

Json Summarise(const std::vector<StoredRecord>& records, int64_t now_ms) {
  const int64_t day_ago = now_ms - kDayMs;
  LastRemoval left, right;
  int feeds_24h = 0;
  double minutes[2] = {0, 0};
  int segments[2] = {0, 0};
  std::map<std::string, double> bottle_ml;
  struct PumpDay {
    double left = 0, right = 0, unsided = 0;
  };
  std::map<int32_t, PumpDay> pump_days;  // local date -> totals
  std::optional<std::pair<int64_t, double>> latest_temp, highest_temp;
  std::optional<std::pair<int64_t, std::string>> antibiotic;
  int wet = 0, dirty = 0;

  for (const auto& rec : records) {
    const int64_t at = rec.occurred_at.utc_ms;
    if (at > now_ms + kFutureSkewMs) continue;
    const Json& b = rec.body;
    switch (rec.kind) {
      case RecordKind::kFeed: {
        if (at > day_ago) ++feeds_24h;
        for (const auto& seg : b.at("segments")) {
          if (seg.at("type") == "breast") {
            const int side = seg.at("side") == "left" ? 0 : 1;
            const int64_t start = TimeOf(seg, "start");
            const int64_t end = TimeOf(seg, "end");
            (side == 0 ? left : right).Offer(end, "feed");
            if (end > day_ago) {
              int64_t paused = 0;
              for (const auto& p : seg.at("pauses"))
                paused += TimeOf(p, "end") - TimeOf(p, "start");
              minutes[side] +=
                  static_cast<double>(end - std::max(start, day_ago) - paused) / kMinuteMs;
              ++segments[side];
            }
          } else if (at > day_ago) {
            bottle_ml[seg.at("milk").get<std::string>()] += seg.at("volume_ml").get<double>();
          }
        }
        break;
      }
      case RecordKind::kPump: {
        const int64_t end =
            at + b.value("duration_min", int64_t{0}) * kMinuteMs;  // start + duration, or start
        const bool has_sides = b.contains("left_ml") || b.contains("right_ml");
        if (b.contains("left_ml") || !has_sides) left.Offer(end, "pump");
        if (b.contains("right_ml") || !has_sides) right.Offer(end, "pump");
        const int32_t day = static_cast<int32_t>(
            std::floor(static_cast<double>(at + rec.occurred_at.offset_min * kMinuteMs) / kDayMs));
        auto& d = pump_days[day];
        d.left += b.value("left_ml", 0.0);
        d.right += b.value("right_ml", 0.0);
        d.unsided += b.value("total_ml", 0.0);
        break;
      }
      case RecordKind::kTemperature: {
        const double c = b.at("temp_c").get<double>();
        if (!latest_temp || at > latest_temp->first) latest_temp = {at, c};
        if (at > now_ms - kTemperatureWindowMs && (!highest_temp || c > highest_temp->second)) {
          highest_temp = {at, c};
        }
        break;
      }
      case RecordKind::kCareAction:
        if (b.at("action") == "antibiotic_started" && at > now_ms - kAntibioticWindowMs &&
            (!antibiotic || at > antibiotic->first)) {
          antibiotic = {at, b.at("medicine").get<std::string>()};
        }
        break;
      case RecordKind::kNappy:
        if (at > day_ago) {
          wet += b.at("wet").get<bool>() ? 1 : 0;
          dirty += b.at("dirty").get<bool>() ? 1 : 0;
        }
        break;
      default:
        break;
    }
  }

  Json out;
  out["as_of"] = FormatUtc(now_ms);
  out["last_milk_removal"] = {{"left", RemovalJson(left, now_ms)},
                              {"right", RemovalJson(right, now_ms)}};
  out["feeds_24h"] = feeds_24h;
  out["per_side_24h"] = {
      {"left", {{"breast_minutes", Round1(minutes[0])}, {"segments", segments[0]}}},
      {"right", {{"breast_minutes", Round1(minutes[1])}, {"segments", segments[1]}}}};
  Json bottles = Json::object();
  for (const auto& [milk, ml] : bottle_ml) bottles[milk] = Round1(ml);
  out["bottle_ml_24h"] = bottles;
  Json days = Json::array();
  for (auto it = pump_days.rbegin(); it != pump_days.rend(); ++it) {
    const auto& d = it->second;
    days.push_back({{"date", FormatDate(it->first)},
                    {"left_ml", Round1(d.left)},
                    {"right_ml", Round1(d.right)},
                    {"unsided_ml", Round1(d.unsided)},
                    {"total_ml", Round1(d.left + d.right + d.unsided)}});
  }
  out["pump_per_day"] = days;
  auto temp_json = [](const std::optional<std::pair<int64_t, double>>& t) -> Json {
    if (!t) return nullptr;
    return {{"temp_c", t->second}, {"at", FormatUtc(t->first)}};
  };
  out["temperature"] = {{"latest", temp_json(latest_temp)},
                        {"highest_72h", temp_json(highest_temp)}};
  if (antibiotic) {
    out["antibiotic"] = {
        {"started_at", FormatUtc(antibiotic->first)},
        {"hours", Round1(static_cast<double>(now_ms - antibiotic->first) / kHourMs)},
        {"medicine", antibiotic->second}};
  } else {
    out["antibiotic"] = nullptr;
  }
  out["nappies_24h"] = {{"wet", wet}, {"dirty", dirty}};
  return out;
}

}  // namespace tia::domain
