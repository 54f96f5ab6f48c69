#include "tia/base/toml_ascii.h"

#include <cstdint>
#include <cstdio>

namespace tia {
namespace {

// Decodes one UTF-8 sequence at text[i]; returns its length, 0 when malformed.
size_t DecodeUtf8(std::string_view t, size_t i, uint32_t* cp) {
  const auto b = static_cast<unsigned char>(t[i]);
  size_t n = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
  if (n == 0 || i + n > t.size()) return 0;
  uint32_t c = b & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < n; ++k) {
    const auto cb = static_cast<unsigned char>(t[i + k]);
    if ((cb & 0xC0) != 0x80) return 0;
    c = (c << 6) | (cb & 0x3F);
  }
  if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
      (c >= 0xD800 && c <= 0xDFFF)) {
    return 0;
  }
  *cp = c;
  return n;
}

std::string Escape(uint32_t c) {
  char buf[16];
  if (c <= 0xFFFF) {
    std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
  } else {
    std::snprintf(buf, sizeof buf, "\\U%08X", static_cast<unsigned>(c));
  }
  return buf;
}

enum class In { kCode, kComment, kBasic, kMultiBasic, kLiteral, kMultiLiteral };

}  // namespace

Result<std::string> AsciiTomlText(std::string_view t, std::string_view file) {
  std::string out;
  out.reserve(t.size() + t.size() / 8);
  In in = In::kCode;
  int line = 1;
  auto err = [&](const std::string& msg) {
    return Invalid("", std::string(file) + ":" + std::to_string(line) + ": " + msg);
  };
  auto starts = [&](size_t i, std::string_view s) { return t.substr(i, s.size()) == s; };
  for (size_t i = 0; i < t.size();) {
    const char ch = t[i];
    if (static_cast<unsigned char>(ch) >= 0x80) {
      uint32_t cp = 0;
      const size_t n = DecodeUtf8(t, i, &cp);
      if (n == 0) return err("the file is not valid UTF-8");
      if (in == In::kBasic || in == In::kMultiBasic) {
        out += Escape(cp);
      } else if (in == In::kComment) {
        out += '?';
      } else {
        return err("letters outside A-Z are allowed only inside double-quoted text");
      }
      i += n;
      continue;
    }
    if (ch == '\n') {
      ++line;
      if (in == In::kComment) in = In::kCode;
      out += ch;
      ++i;
      continue;
    }
    size_t take = 1;
    switch (in) {
      case In::kCode:
        if (ch == '#') {
          in = In::kComment;
        } else if (starts(i, "\"\"\"")) {
          in = In::kMultiBasic, take = 3;
        } else if (starts(i, "'''")) {
          in = In::kMultiLiteral, take = 3;
        } else if (ch == '"') {
          in = In::kBasic;
        } else if (ch == '\'') {
          in = In::kLiteral;
        }
        break;
      case In::kComment:
        break;
      case In::kBasic:
      case In::kMultiBasic:
        if (ch == '\\' && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) < 0x80) {
          take = t[i + 1] == '\n' ? 1 : 2;  // an escape; a line-ending backslash keeps its newline
        } else if (in == In::kBasic && ch == '"') {
          in = In::kCode;
        } else if (in == In::kMultiBasic && starts(i, "\"\"\"")) {
          in = In::kCode, take = 3;
        }
        break;
      case In::kLiteral:
        if (ch == '\'') in = In::kCode;
        break;
      case In::kMultiLiteral:
        if (starts(i, "'''")) in = In::kCode, take = 3;
        break;
    }
    out.append(t.substr(i, take));
    i += take;
  }
  return out;
}

}  // namespace tia
