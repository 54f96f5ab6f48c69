#include "tia/http/reply.h"

#include <charconv>

namespace tia::http {

Response JsonResponse(int status, const Json& j) {
  Response r;
  r.status = status;
  r.body = j.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

Response TextResponse(int status, std::string json_text) {
  Response r;
  r.status = status;
  r.body = std::move(json_text);
  return r;
}

Response RecordResponse(const app::RecordReply& rec) {
  Response r = TextResponse(rec.created ? 201 : 200, rec.json);
  r.headers.emplace_back("ETag", "\"" + std::to_string(rec.version) + "\"");
  return r;
}

Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type = "application/json";
  return r;
}

Result<Response> CalendarFile(Result<std::string> ics) {
  if (!ics) return tl::unexpected(ics.error());
  Response resp = TextResponse(200, std::move(*ics));
  resp.content_type = "text/calendar; charset=utf-8";
  resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"tia-booking.ics\"");
  return resp;
}

Response ReplyEmpty(const Result<void>& r, const Request& req) {
  if (!r) return Problem(r.error(), req.caller.request_id);
  return NoContent();
}

Result<Json> BodyJson(const Request& req) {
  if (req.body.empty()) return Json::object();
  return domain::ParseJsonBody(req.body);
}

namespace {

// The whole of `text` as a whole number, or none.
template <class T>
std::optional<T> WholeNumber(std::string_view text) {
  T v{};
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return v;
}

}  // namespace

Result<std::optional<int64_t>> IfMatch(const Request& req) {
  std::string_view v = req.Header("if-match");
  if (v.empty()) return std::optional<int64_t>();
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  if (auto n = WholeNumber<int64_t>(v); n && *n > 0) return std::optional<int64_t>(*n);
  return Invalid("If-Match", "must be the record's version, as its ETag gives it");
}

int IntParam(const Request& req, const char* name, int fallback) {
  auto it = req.query.find(name);
  if (it == req.query.end()) return fallback;
  return WholeNumber<int>(it->second).value_or(-1);
}

std::string StrParam(const Request& req, const char* name) {
  auto it = req.query.find(name);
  return it == req.query.end() ? std::string() : it->second;
}

Result<engine::Lang> LangOf(const Request& req) {
  auto it = req.query.find("lang");
  if (it == req.query.end()) return engine::Lang::kEn;
  auto l = engine::ParseLang(it->second);
  if (!l) return Invalid("lang", "must be en or vi");
  return *l;
}

}  // namespace tia::http
