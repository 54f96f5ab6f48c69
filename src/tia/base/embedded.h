// tia/base/embedded.h — text files compiled into the binary (migrations, the OpenAPI document).
#pragma once

#include <string_view>
#include <vector>

namespace tia {

struct EmbeddedFile {
  std::string_view name;
  std::string_view contents;
};

}  // namespace tia
