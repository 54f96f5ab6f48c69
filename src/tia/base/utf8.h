// tia/base/utf8.h — counting what a person sees in UTF-8 text: characters (code points), not bytes.
#pragma once

#include <cstddef>
#include <string_view>

namespace tia {

// The number of code points in `s` (each byte that does not continue a character starts one).
inline size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace tia
