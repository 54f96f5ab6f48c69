// tia/http/problem.h — errors as application/problem+json (RFC 9457), in one place.
#pragma once

#include "tia/base/result.h"
#include "tia/http/message.h"

namespace tia::http {

// The one mapping from ErrorCode to HTTP status.
int StatusOf(ErrorCode code);

// A problem+json response: {type, title, status, detail, field?, request_id}.
Response Problem(const Error& e, const std::string& request_id);
// The same for statuses that no ErrorCode names (408, 414, 431, ...). `field` may be null.
Response ProblemWithStatus(int status, const std::string& detail, const std::string* field,
                           const std::string& request_id, int retry_after_s = 0);

}  // namespace tia::http
