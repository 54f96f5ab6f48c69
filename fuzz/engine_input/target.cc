// Fuzz target: any bytes as the care engine's input (docs/clinical-evidence.md section 0).
// Property: never crashes; an error names a JSON pointer; a decoded input has every field of the
// schema, and numbers within their ranges.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "tia/domain/json_reader.h"
#include "tia/engine/input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto parsed =
      tia::domain::ParseJsonBody(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!parsed) return 0;
  auto in = tia::engine::DecodeInput(*parsed);
  if (!in) {
    const auto& f = in.error().field;
    if (!f.empty() && f[0] != '/') std::abort();
    return 0;
  }
  const auto& schema = tia::engine::InputSchema();
  if (in->values().size() != schema.size()) std::abort();
  for (size_t i = 0; i < schema.size(); ++i) {
    if (const auto* d = std::get_if<double>(&in->values()[i])) {
      if (*d < schema[i].min || *d > schema[i].max) std::abort();
    }
  }
  return 0;
}
