// Fuzz target: any bytes as an uploaded photo.
// Properties: never crashes or hangs; a refusal is 413, 415 or 400 naming /photo; an accepted
// photo starts with its type's signature, has dimensions inside the limits, and cleans again to
// exactly itself (nothing left to strip).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "tia/media/photo.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using tia::ErrorCode;
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  auto p = tia::media::CleanPhoto(in);
  if (!p) {
    const auto code = p.error().code;
    if (code == ErrorCode::kInvalidArgument && p.error().field != "/photo") std::abort();
    if (code != ErrorCode::kInvalidArgument && code != ErrorCode::kUnsupportedMedia &&
        code != ErrorCode::kPayloadTooLarge) {
      std::abort();
    }
    return 0;
  }
  const bool jpeg = p->mime == "image/jpeg" && p->bytes.rfind("\xff\xd8\xff", 0) == 0;
  const bool png = p->mime == "image/png" && p->bytes.rfind("\x89PNG\r\n\x1a\n", 0) == 0;
  if (!jpeg && !png) std::abort();
  if (p->width < 1 || p->height < 1 || p->width > tia::media::kMaxSide ||
      p->height > tia::media::kMaxSide) {
    std::abort();
  }
  auto again = tia::media::CleanPhoto(p->bytes);
  if (!again || again->bytes != p->bytes) std::abort();
  return 0;
}
