// tia/engine/signal_specs.h — which risk signals Tia computes and which thresholds each reads
// from the protocol file. The loader checks a protocol against this list; tia/engine/signals.cc
// computes the patterns.
#pragma once

#include <string_view>
#include <vector>

namespace tia::engine {

struct SignalShape {
  std::string_view id;
  std::vector<std::string_view> thresholds;
};

const std::vector<SignalShape>& SignalShapes();
const SignalShape* FindSignalShape(std::string_view id);

}  // namespace tia::engine
