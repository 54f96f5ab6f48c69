// tia/http/problem.h — errors as application/problem+json (RFC 9457), in one place.
#pragma once

#include "tia/base/result.h"
#include "tia/engine/protocol.h"
#include "tia/http/message.h"

namespace tia::http {

// The one mapping from ErrorCode to HTTP status.
int StatusOf(ErrorCode code);

// A problem+json response: {type, title, status, detail, field?, request_id}.
Response Problem(const Error& e, const std::string& request_id);

// Puts a problem+json answer's `detail` into `lang` (the catalogue of tia/http/catalogue.h) and
// says so in Content-Language; any other answer, and English, pass unchanged.
void LocalizeProblem(Response& r, engine::Lang lang);
// The same for statuses that no ErrorCode names (408, 414, 431, ...). `field` may be null.
Response ProblemWithStatus(int status, const std::string& detail, const std::string* field,
                           const std::string& request_id, int retry_after_s = 0);

}  // namespace tia::http
