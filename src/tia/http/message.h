// tia/http/message.h — Tia's own request and response, free of the HTTP library's types.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tia/app/context.h"

namespace tia::http {

struct Request {
  std::string method;  // "GET", "PUT", ...
  std::string path;    // decoded path without the query
  std::map<std::string, std::string> query;
  std::unordered_map<std::string, std::string> headers;  // lower-case names
  std::unordered_map<std::string, std::string> params;   // from the route template
  std::string body;
  app::Caller caller;
  std::string route;  // the matched route template, for logs and audit
  std::chrono::steady_clock::time_point received_at;

  const std::string& Header(const std::string& lower_name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace tia::http
