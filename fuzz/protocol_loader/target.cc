// Fuzz target: any bytes as a care-protocol file (rules/*.toml), through the TOML parser, the
// loader and the condition-language compiler. Properties: never crashes; an error names the file;
// a protocol that loads evaluates any input to a disposition and a condition.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "tia/engine/triage.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto p = tia::engine::Protocol::Parse(text, "fuzz.toml");
  if (!p) {
    if (p.error().message.rfind("fuzz.toml", 0) != 0) std::abort();
    return 0;
  }
  using tia::engine::Json;
  for (const Json& j :
       {Json::object(), Json{{"heart_rate", 140}, {"worried", true}},
        Json{{"current_temp_c", 38.5}, {"redness_extent", "focal"}, {"min_temp_c", nullptr}}}) {
    auto in = tia::engine::DecodeInput(j);
    if (!in) std::abort();
    const auto o = tia::engine::Evaluate(*p, *in);
    if (!o.condition || static_cast<int>(o.disposition) > 3) std::abort();
    (void)tia::engine::ContractJson(*p, o, tia::engine::Lang::kVi).dump();
  }
  return 0;
}
