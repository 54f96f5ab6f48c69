// Fuzz target: any bytes as a request target and headers through Tia's router and cookie/query
// handling. Property: never crashes; a match's parameters are non-empty path segments.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "tia/http/router.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const tia::http::Router router = [] {
    tia::http::Router r;
    auto h = [](tia::http::Request&) -> tia::Result<tia::http::Response> {
      return tia::http::Response{};
    };
    r.Add("GET", "/api/v1/mothers/{mother_id}/feeds/{id}", tia::http::Access::kAuthenticated, h);
    r.Add("PUT", "/api/v1/mothers/{mother_id}/feeds/{id}", tia::http::Access::kAuthenticated, h);
    r.Add("GET", "/api/v1/mothers/{mother_id}/feeds", tia::http::Access::kAuthenticated, h);
    r.Add("GET", "/healthz", tia::http::Access::kPublic, h);
    return r;
  }();
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto nl = input.find('\n');
  const std::string method = nl == std::string::npos ? "GET" : input.substr(0, nl);
  const std::string path = nl == std::string::npos ? input : input.substr(nl + 1);
  std::unordered_map<std::string, std::string> params;
  auto m = router.Find(method, path, params);
  if (m.route) {
    for (const auto& [k, v] : params) {
      if (v.empty() || v.find('/') != std::string::npos) std::abort();
    }
  }
  return 0;
}
