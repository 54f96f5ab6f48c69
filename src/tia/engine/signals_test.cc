#include "tia/engine/signals.h"

#include <gtest/gtest.h>

namespace tia::engine {
namespace {

constexpr int64_t kH = 3600 * 1000;
constexpr int64_t kNow = 1'800'000'000'000;

Removal Feed(int64_t end_ago_h, bool left, bool right, std::string id) {
  Removal r;
  r.end_ms = kNow - end_ago_h * kH;
  r.start_ms = r.end_ms - 15 * 60 * 1000;
  r.left = left;
  r.right = right;
  r.feed_id = std::move(id);
  return r;
}

Removal Pump(int64_t ago_ms, double l, double r) {
  Removal p;
  p.start_ms = kNow - ago_ms;
  p.end_ms = p.start_ms + 15 * 60 * 1000;
  p.pump = true;
  p.left = p.right = true;
  p.left_ml = l;
  p.right_ml = r;
  return p;
}

std::vector<std::string> Ids(const LogView& log) {
  std::vector<std::string> ids;
  for (const auto& h : ComputeSignals(Protocol::Default(), log)) {
    ids.push_back(h.spec->id + (h.side ? ":" + std::string(SideName(*h.side)) : ""));
  }
  return ids;
}

TEST(Signals, LongGapOnOneSideDependsOnTheBabysAge) {
  LogView log{kNow, 10, {Feed(7, true, false, "a"), Feed(1, false, true, "b")}, {}, {}, {}};
  EXPECT_EQ(Ids(log), (std::vector<std::string>{"long_gap_one_side:left"}));  // newborn: 6 h
  log.baby_age_days = 60;                                                     // older: 8 h
  EXPECT_TRUE(Ids(log).empty());
  log.removals[0] = Feed(9, true, false, "a");
  EXPECT_EQ(Ids(log), (std::vector<std::string>{"long_gap_one_side:left"}));
  // Not flagged when the other side is not in use either (she stopped logging, or is weaning).
  log.removals[1] = Feed(10, false, true, "b");
  EXPECT_TRUE(Ids(log).empty());
}

TEST(Signals, AbruptFallAgainstTheDaysBefore) {
  LogView log{kNow, 30, {}, {}, {}, {}};
  int n = 0;
  for (int h = 25; h < 24 * 4 + 5; h += 3)
    log.removals.push_back(Feed(h, true, true, "f" + std::to_string(n++)));
  // 24 feeds over the 3 baseline days = 8 a day; 4 in the last day is a fall of half.
  for (int h : {2, 8, 14, 20}) log.removals.push_back(Feed(h, true, true, "r" + std::to_string(h)));
  auto ids = Ids(log);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "abrupt_fall_in_milk_removal"), ids.end());
  log.removals.push_back(Feed(5, true, true, "r5"));  // 5 in the last day: less than half gone
  ids = Ids(log);
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "abrupt_fall_in_milk_removal"), ids.end());
}

TEST(Signals, OneSidedPumpFallWhileTheOtherSideHolds) {
  LogView log{kNow, 30, {}, {}, {}, {}};
  for (int d = 0; d < 5; ++d) {
    for (int k = 0; k < 2; ++k) {
      const bool recent = d < 2;
      log.removals.push_back(Pump(d * 24 * kH + k * 8 * kH + kH, recent ? 60 : 100, 100));
    }
  }
  EXPECT_EQ(Ids(log), (std::vector<std::string>{"one_sided_pump_fall:left"}));
  for (auto& r : log.removals) {
    if (r.start_ms >= kNow - 48 * kH) r.left_ml = 75;  // 25% less: under the 30% threshold
  }
  EXPECT_TRUE(Ids(log).empty());
}

TEST(Signals, PumpingAfterMostFeeds) {
  LogView log{kNow, 30, {}, {}, {}, {}};
  for (int i = 0; i < 8; ++i) {
    log.removals.push_back(Feed(3 + i * 6, true, true, "f" + std::to_string(i)));
    if (i < 4) log.removals.push_back(Pump((3 + i * 6) * kH - 20 * 60 * 1000, 30, 30));
  }
  auto ids = Ids(log);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "pumping_after_feeds"), ids.end());  // 4 of 8
  for (auto it = log.removals.begin(); it != log.removals.end(); ++it) {
    if (it->pump) {
      log.removals.erase(it);  // 3 of 8
      break;
    }
  }
  ids = Ids(log);
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "pumping_after_feeds"), ids.end());
}

TEST(Signals, RepeatedSoreSpotNeedsSeparateEpisodesAtTheSamePlace) {
  LogView log{kNow, 30, {}, {}, {}, {}};
  log.sore_spots = {{kNow - 20 * 24 * kH, Side::kLeft, 2}, {kNow - 19 * 24 * kH, Side::kLeft, 2}};
  EXPECT_TRUE(Ids(log).empty());                                   // one episode over two days
  log.sore_spots.push_back({kNow - 2 * 24 * kH, Side::kLeft, 3});  // within one clock hour
  EXPECT_EQ(Ids(log), (std::vector<std::string>{"repeated_sore_spot:left"}));
  log.sore_spots.back().clock = 5;
  EXPECT_TRUE(Ids(log).empty());
  log.sore_spots.back() = {kNow - 2 * 24 * kH, Side::kRight, 2};
  EXPECT_TRUE(Ids(log).empty());
}

TEST(Signals, FeverReadingAndCrackedNipples) {
  LogView log{kNow, 30, {}, {}, {{kNow - 2 * kH, 37.9}}, {}};
  EXPECT_TRUE(Ids(log).empty());
  log.temperatures.push_back({kNow - 3 * kH, 38.0});
  EXPECT_EQ(Ids(log), (std::vector<std::string>{"fever_reading"}));
  log.temperatures.back().first = kNow - 25 * kH;  // older than 24 h
  EXPECT_TRUE(Ids(log).empty());
  log.cracked_nipples = {kNow - 71 * kH};
  EXPECT_EQ(Ids(log), (std::vector<std::string>{"cracked_nipples"}));
  log.cracked_nipples = {kNow - 73 * kH};
  EXPECT_TRUE(Ids(log).empty());
}

TEST(Signals, EveryMessageIsWorthCheckingNotAPrediction) {
  for (const auto& s : Protocol::Default().signals()) {
    EXPECT_FALSE(s.sources.empty()) << s.id;
    EXPECT_EQ(s.message.en.find("will get"), std::string::npos) << s.id;
    EXPECT_EQ(s.message.en.find("you have mastitis"), std::string::npos) << s.id;
    EXPECT_FALSE(s.message.vi.empty()) << s.id;
  }
}

}  // namespace
}  // namespace tia::engine
