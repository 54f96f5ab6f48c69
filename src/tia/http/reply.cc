#include "tia/http/reply.h"

#include <charconv>
#include <cstdlib>

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

Result<int64_t> PathNumber(const Request& req, const char* name) {
  const auto it = req.params.find(name);
  const std::string n = it == req.params.end() ? std::string() : it->second;
  if (n.empty() || n.size() > 6 || n.find_first_not_of("0123456789") != std::string::npos) {
    return Fail(ErrorCode::kNotFound, "not found");
  }
  return std::stoll(n);
}

std::string StrParam(const Request& req, const char* name) {
  auto it = req.query.find(name);
  return it == req.query.end() ? std::string() : it->second;
}

Result<engine::Lang> LangOf(const Request& req) {
  auto it = req.query.find("lang");
  if (it == req.query.end()) return req.caller.lang;
  auto l = engine::ParseLang(it->second);
  if (!l) return Invalid("lang", "must be en or vi");
  return *l;
}

engine::Lang PreferredLang(std::string_view accept_language) {
  // "vi-VN,vi;q=0.9,en;q=0.8": the first tag of the highest weight that is vi or en; en otherwise.
  engine::Lang best = engine::Lang::kEn;
  double best_q = -1;
  size_t pos = 0;
  while (pos <= accept_language.size()) {
    size_t end = accept_language.find(',', pos);
    if (end == std::string_view::npos) end = accept_language.size();
    std::string_view item = accept_language.substr(pos, end - pos);
    pos = end + 1;
    double q = 1;
    if (size_t semi = item.find(';'); semi != std::string_view::npos) {
      std::string_view params = item.substr(semi + 1);
      item = item.substr(0, semi);
      if (size_t qp = params.find("q="); qp != std::string_view::npos) {
        q = std::atof(std::string(params.substr(qp + 2)).c_str());
      }
    }
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    const std::string_view primary = item.substr(0, item.find('-'));
    std::optional<engine::Lang> l;
    if (primary.size() == 2 && (primary[0] | 0x20) == 'v' && (primary[1] | 0x20) == 'i')
      l = engine::Lang::kVi;
    if (primary.size() == 2 && (primary[0] | 0x20) == 'e' && (primary[1] | 0x20) == 'n')
      l = engine::Lang::kEn;
    if (l && q > 0 && q > best_q) {
      best = *l;
      best_q = q;
    }
  }
  return best;
}

}  // namespace tia::http
