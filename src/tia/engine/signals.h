// tia/engine/signals.h — risk signals over a mother's care log (prevention, issue 3 item 5).
//
// Patterns worth checking, each with its source and a plain-language message from the protocol,
// framed as "worth checking", never as a prediction (milk stasis is not proven to cause mastitis,
// ABM #36). The thresholds are the protocol's [[signal]] entries; this file holds only the
// patterns. Pure: the app layer turns stored records into a LogView.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tia/engine/protocol.h"

namespace tia::engine {

enum class Side : uint8_t { kLeft, kRight };

// One milk removal: a breast-feed segment (one side) or a pumping / hand-expression session.
struct Removal {
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  bool pump = false;
  bool left = false;  // this side had milk removed
  bool right = false;
  std::optional<double> left_ml, right_ml;  // pumps with per-side volumes
  std::string feed_id;  // the feed a segment belongs to (feeds count once however many segments)
};

struct SoreSpot {
  int64_t at_ms = 0;
  Side side = Side::kLeft;
  int clock = 12;  // 1..12, the breast as a clock face
};

struct LogView {
  int64_t now_ms = 0;
  std::optional<int> baby_age_days;
  std::vector<Removal> removals;
  std::vector<SoreSpot> sore_spots;
  std::vector<std::pair<int64_t, double>> temperatures;  // (at, °C)
  std::vector<int64_t> cracked_nipples;                  // check-ins reporting a crack
};

struct SignalHit {
  const SignalSpec* spec = nullptr;
  std::optional<Side> side;
  std::string detail;  // what in the log matched, plain English, for the clinician view
  int64_t since_ms = 0;
};

std::vector<SignalHit> ComputeSignals(const Protocol& p, const LogView& log);
std::string_view SideName(Side s);

}  // namespace tia::engine
