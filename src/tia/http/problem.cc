#include "tia/http/problem.h"

#include <nlohmann/json.hpp>

#include "tia/http/catalogue.h"

namespace tia::http {

int StatusOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kPreconditionFailed:
      return 412;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kUnsupportedMedia:
      return 415;
    case ErrorCode::kUnprocessable:
      return 422;
    case ErrorCode::kTooManyRequests:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

namespace {
const char* TitleOf(int status) {
  switch (status) {
    case 400:
      return "Invalid input";
    case 401:
      return "Sign in required";
    case 403:
      return "Not allowed";
    case 404:
      return "Not found";
    case 405:
      return "Method not allowed";
    case 408:
      return "Request timeout";
    case 409:
      return "Conflict";
    case 412:
      return "Precondition failed";
    case 413:
      return "Request too large";
    case 414:
      return "URI too long";
    case 415:
      return "Unsupported media type";
    case 422:
      return "Unprocessable";
    case 429:
      return "Too many requests";
    case 431:
      return "Request headers too large";
    case 503:
      return "Unavailable";
    default:
      return "Internal error";
  }
}
}  // namespace

Response Problem(const Error& e, const std::string& request_id) {
  const int status = StatusOf(e.code);
  const bool with_field = !e.field.empty() || e.code == ErrorCode::kInvalidArgument;
  return ProblemWithStatus(status, e.message, with_field ? &e.field : nullptr, request_id,
                           e.retry_after_s);
}

Response ProblemWithStatus(int status, const std::string& detail, const std::string* field,
                           const std::string& request_id, int retry_after_s) {
  nlohmann::json j = {{"type", "about:blank"},
                      {"title", TitleOf(status)},
                      {"status", status},
                      {"detail", status == 500 ? "something went wrong on our side" : detail},
                      {"request_id", request_id}};
  if (field) j["field"] = *field;
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (retry_after_s > 0) r.headers.emplace_back("Retry-After", std::to_string(retry_after_s));
  return r;
}

void LocalizeProblem(Response& r, engine::Lang lang) {
  if (lang == engine::Lang::kEn || r.content_type != "application/problem+json") return;
  nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
  if (!j.is_object() || !j.contains("detail") || !j["detail"].is_string()) return;
  j["detail"] = Localize(j["detail"].get<std::string>(), lang);
  r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  r.headers.emplace_back("Content-Language", engine::LangCode(lang));
}

}  // namespace tia::http
