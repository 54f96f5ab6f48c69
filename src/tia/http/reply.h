// tia/http/reply.h — what every route file shares: reading a request (JSON body, If-Match, query
// parameters, ?lang) and writing a reply (JSON, a stored record with its ETag, 204, errors as
// problem+json). Handlers parse with these and hand the values to a use case; nothing else.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tia/app/care_log.h"
#include "tia/domain/json_reader.h"
#include "tia/engine/protocol.h"
#include "tia/http/message.h"
#include "tia/http/problem.h"

namespace tia::http {

using domain::Json;

// A JSON reply (invalid UTF-8 in stored text is replaced, never thrown on).
Response JsonResponse(int status, const Json& j);
// A reply whose body is already serialised JSON.
Response TextResponse(int status, std::string json_text);
// A stored record: 201 when it was created, 200 otherwise, with its version as the ETag.
Response RecordResponse(const app::RecordReply& rec);
// 204 No Content.
Response NoContent();
// An iCalendar file as a download (a booking's, or a provider's calendar).
Result<Response> CalendarFile(Result<std::string> ics);

// A use case's result as 200 (or `status`) JSON, or its error as problem+json.
template <class T>
Response JsonReply(const Result<T>& r, const Request& req, int status = 200) {
  if (!r) return Problem(r.error(), req.caller.request_id);
  return JsonResponse(status, *r);
}
// A use case's empty result as 204, or its error as problem+json.
Response ReplyEmpty(const Result<void>& r, const Request& req);

// The body as JSON ({} when empty; the middleware has already refused malformed JSON).
Result<Json> BodyJson(const Request& req);
// The If-Match version ("7" or 7), none when absent; kInvalid naming If-Match otherwise.
Result<std::optional<int64_t>> IfMatch(const Request& req);
// ?name=N as a whole number: `fallback` when absent, -1 when not a whole number (the use case then
// refuses it naming the parameter, as it refuses any out-of-range value).
int IntParam(const Request& req, const char* name, int fallback);
// ?name=text, empty when absent.
std::string StrParam(const Request& req, const char* name);
// A path segment `{name}` that must be a small whole number (a version); kNotFound otherwise,
// since no such page exists.
Result<int64_t> PathNumber(const Request& req, const char* name);
// ?lang=en|vi for the texts of results, plans and signals (English when absent).
// The language of an answer: `?lang=` (refused unless en or vi), else the caller's
// (Accept-Language).
Result<engine::Lang> LangOf(const Request& req);

// The language an Accept-Language header prefers among those Tia speaks (vi, en); en by default.
engine::Lang PreferredLang(std::string_view accept_language);

}  // namespace tia::http
