#include "tia/engine/signals.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace tia::engine {
namespace {

constexpr int64_t kHour = 3600 * 1000;
constexpr int64_t kDay = 24 * kHour;

std::string Fixed1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

bool Has(const Removal& r, Side s) { return s == Side::kLeft ? r.left : r.right; }

// A side not emptied by a feed or pumping for longer than the baby's age allows, while the other
// side was used within that time (so a mother who stopped logging is not flagged) and the side was
// used in the last three days (so one who feeds from one side only is not flagged either).
void LongGap(const SignalSpec& s, const LogView& log, std::vector<SignalHit>& out) {
  const bool newborn = log.baby_age_days && *log.baby_age_days <= s.Threshold("newborn_days");
  const double gap_h = newborn ? s.Threshold("newborn_gap_hours") : s.Threshold("older_gap_hours");
  for (Side side : {Side::kLeft, Side::kRight}) {
    const Side other = side == Side::kLeft ? Side::kRight : Side::kLeft;
    int64_t last = -1, last_other = -1;
    for (const auto& r : log.removals) {
      if (r.end_ms > log.now_ms) continue;
      if (Has(r, side)) last = std::max(last, r.end_ms);
      if (Has(r, other)) last_other = std::max(last_other, r.end_ms);
    }
    const auto limit = static_cast<int64_t>(gap_h * kHour);
    if (last < 0 || last_other < 0 || log.now_ms - last_other > limit) continue;
    if (log.now_ms - last < 3 * kDay && log.now_ms - last > limit) {
      out.push_back({&s, side,
                     "no feed or pumping on the " + std::string(SideName(side)) + " side for " +
                         Fixed1(static_cast<double>(log.now_ms - last) / kHour) + " h (limit " +
                         Fixed1(gap_h) + " h)",
                     last});
    }
  }
}

// Feeds plus pumping sessions in the last 24 h against the daily average of the days before.
void AbruptFall(const SignalSpec& s, const LogView& log, std::vector<SignalHit>& out) {
  const auto days = static_cast<int64_t>(s.Threshold("baseline_days"));
  if (days <= 0) return;
  const int64_t day_start = log.now_ms - kDay;
  const int64_t base_start = day_start - days * kDay;
  std::set<std::string> recent_feeds, base_feeds;
  int recent = 0, base = 0;
  int64_t first = log.now_ms;
  for (const auto& r : log.removals) {
    first = std::min(first, r.start_ms);
    const bool in_recent = r.start_ms >= day_start && r.start_ms <= log.now_ms;
    const bool in_base = r.start_ms >= base_start && r.start_ms < day_start;
    if (!r.pump && !r.feed_id.empty()) {
      if (in_recent) recent_feeds.insert(r.feed_id);
      if (in_base) base_feeds.insert(r.feed_id);
    } else {
      recent += in_recent;
      base += in_base;
    }
  }
  recent += static_cast<int>(recent_feeds.size());
  base += static_cast<int>(base_feeds.size());
  if (first > base_start) return;  // the log does not reach back over the whole baseline
  const double per_day = static_cast<double>(base) / static_cast<double>(days);
  if (per_day < s.Threshold("min_baseline_per_day") || recent == 0) return;
  if (recent <= per_day * (1 - s.Threshold("fall_fraction"))) {
    out.push_back({&s, std::nullopt,
                   std::to_string(recent) +
                       " feeds and pumping sessions in the last 24 h against " + Fixed1(per_day) +
                       " a day before",
                   day_start});
  }
}

// One side's pumped volume per day falling while the other side holds.
void OneSidedPumpFall(const SignalSpec& s, const LogView& log, std::vector<SignalHit>& out) {
  const double recent_days = s.Threshold("recent_days"), base_days = s.Threshold("baseline_days");
  if (recent_days <= 0 || base_days <= 0) return;
  const int64_t split = log.now_ms - static_cast<int64_t>(recent_days * kDay);
  const int64_t start = split - static_cast<int64_t>(base_days * kDay);
  double sum[2][2] = {{0, 0}, {0, 0}};  // [recent|base][left|right]
  int sessions[2] = {0, 0};
  for (const auto& r : log.removals) {
    if (!r.pump || !r.left_ml || !r.right_ml || r.start_ms < start || r.start_ms > log.now_ms)
      continue;
    const int w = r.start_ms >= split ? 0 : 1;
    sum[w][0] += *r.left_ml;
    sum[w][1] += *r.right_ml;
    ++sessions[w];
  }
  if (sessions[0] < 2 || sessions[1] < 2) return;
  for (int side = 0; side < 2; ++side) {
    const double base = sum[1][side] / base_days, recent = sum[0][side] / recent_days;
    const double obase = sum[1][1 - side] / base_days, orecent = sum[0][1 - side] / recent_days;
    if (base <= 0 || obase <= 0) continue;
    const double fall = 1 - recent / base, ofall = 1 - orecent / obase;
    if (fall >= s.Threshold("fall_fraction") && ofall < s.Threshold("other_side_fall_fraction")) {
      const Side sd = side == 0 ? Side::kLeft : Side::kRight;
      out.push_back({&s, sd,
                     std::string(SideName(sd)) + " side " + Fixed1(recent) + " mL a day against " +
                         Fixed1(base) + " before (" +
                         std::to_string(static_cast<int>(std::lround(fall * 100))) +
                         "% less); the other side " +
                         std::to_string(static_cast<int>(std::lround(ofall * 100))) + "% less",
                     split});
    }
  }
}

// Pumping that starts soon after most feeds: the "empty the breast" habit that drives oversupply.
void PumpingAfterFeeds(const SignalSpec& s, const LogView& log, std::vector<SignalHit>& out) {
  const int64_t since = log.now_ms - static_cast<int64_t>(s.Threshold("days") * kDay);
  const auto window = static_cast<int64_t>(s.Threshold("window_minutes") * 60 * 1000);
  std::map<std::string, int64_t> feed_end;
  std::vector<int64_t> pumps;
  for (const auto& r : log.removals) {
    if (r.start_ms < since || r.start_ms > log.now_ms) continue;
    if (r.pump) {
      pumps.push_back(r.start_ms);
    } else if (!r.feed_id.empty()) {
      auto& e = feed_end[r.feed_id];
      e = std::max(e, r.end_ms);
    }
  }
  if (static_cast<double>(feed_end.size()) < s.Threshold("min_feeds")) return;
  int followed = 0;
  for (const auto& [id, end] : feed_end) {
    for (int64_t p : pumps) {
      if (p >= end && p - end <= window) {
        ++followed;
        break;
      }
    }
  }
  const double frac = static_cast<double>(followed) / static_cast<double>(feed_end.size());
  if (frac >= s.Threshold("fraction")) {
    out.push_back({&s, std::nullopt,
                   std::to_string(followed) + " of " + std::to_string(feed_end.size()) +
                       " feeds were followed by pumping within " + std::to_string(window / 60000) +
                       " minutes",
                   since});
  }
}

bool NearClock(int a, int b) {
  const int d = std::abs(a - b) % 12;
  return std::min(d, 12 - d) <= 1;
}

// Pain at the same place (same side, within one clock hour) in separate episodes.
void RepeatedSoreSpot(const SignalSpec& s, const LogView& log, std::vector<SignalHit>& out) {
  const int64_t since = log.now_ms - static_cast<int64_t>(s.Threshold("window_days") * kDay);
  const auto gap = static_cast<int64_t>(s.Threshold("episode_gap_days") * kDay);
  std::vector<SoreSpot> spots;
  for (const auto& sp : log.sore_spots) {
    if (sp.at_ms >= since && sp.at_ms <= log.now_ms) spots.push_back(sp);
  }
  std::sort(spots.begin(), spots.end(),
            [](const auto& a, const auto& b) { return a.at_ms < b.at_ms; });
  std::set<std::pair<int, int>> reported;
  for (const auto& anchor : spots) {
    int episodes = 0;
    int64_t last = -1, first = 0;
    for (const auto& sp : spots) {
      if (sp.side != anchor.side || !NearClock(sp.clock, anchor.clock)) continue;
      if (last < 0 || sp.at_ms - last > gap) {
        ++episodes;
        if (last < 0) first = sp.at_ms;
      }
      last = sp.at_ms;
    }
    const std::pair<int, int> key{static_cast<int>(anchor.side), anchor.clock};
    if (episodes >= s.Threshold("min_episodes") && !reported.count(key)) {
      // One hit per place: the neighbouring clock hours describe the same spot.
      bool near_reported = false;
      for (const auto& [side, clock] : reported)
        near_reported |= side == key.first && NearClock(clock, key.second);
      if (near_reported) continue;
      reported.insert(key);
      out.push_back({&s, anchor.side,
                     std::to_string(episodes) + " separate episodes of pain at " +
                         std::to_string(anchor.clock) + " o'clock on the " +
                         std::string(SideName(anchor.side)) + " breast",
                     first});
    }
  }
}

void FeverReading(const SignalSpec& s, const LogView& log, std::vector<SignalHit>& out) {
  const int64_t since = log.now_ms - static_cast<int64_t>(s.Threshold("within_hours") * kHour);
  double top = -1;
  int64_t at = 0;
  for (const auto& [t, c] : log.temperatures) {
    if (t >= since && t <= log.now_ms && c >= s.Threshold("fever_c") && c > top) top = c, at = t;
  }
  if (top > 0) out.push_back({&s, std::nullopt, "temperature " + Fixed1(top) + " C logged", at});
}

void CrackedNipples(const SignalSpec& s, const LogView& log, std::vector<SignalHit>& out) {
  const int64_t since = log.now_ms - static_cast<int64_t>(s.Threshold("within_hours") * kHour);
  int64_t latest = -1;
  for (int64_t t : log.cracked_nipples) {
    if (t >= since && t <= log.now_ms) latest = std::max(latest, t);
  }
  if (latest >= 0) out.push_back({&s, std::nullopt, "a cracked nipple was logged", latest});
}

}  // namespace

std::string_view SideName(Side s) { return s == Side::kLeft ? "left" : "right"; }

std::vector<SignalHit> ComputeSignals(const Protocol& p, const LogView& log) {
  std::vector<SignalHit> out;
  for (const auto& s : p.signals()) {
    if (s.id == "long_gap_one_side") LongGap(s, log, out);
    if (s.id == "abrupt_fall_in_milk_removal") AbruptFall(s, log, out);
    if (s.id == "one_sided_pump_fall") OneSidedPumpFall(s, log, out);
    if (s.id == "pumping_after_feeds") PumpingAfterFeeds(s, log, out);
    if (s.id == "repeated_sore_spot") RepeatedSoreSpot(s, log, out);
    if (s.id == "fever_reading") FeverReading(s, log, out);
    if (s.id == "cracked_nipples") CrackedNipples(s, log, out);
  }
  return out;
}

}  // namespace tia::engine
