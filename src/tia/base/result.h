// tia/base/result.h — expected failures as values.
//
// Every fallible function returns `tia::Result<T>`: either a T or an `Error` whose `ErrorCode`
// maps to exactly one HTTP status (in tia/http/problem.cc). Exceptions never cross a module
// boundary; third-party exceptions are caught where the library is called.
//
//   Result<Feed> ParseFeed(const Json& j);
//   TIA_ASSIGN_OR_RETURN(auto feed, ParseFeed(body));
//   TIA_TRY(repo.Put(feed));
#pragma once

#include <string>
#include <tl/expected.hpp>
#include <utility>

namespace tia {

enum class ErrorCode {
  kInvalidArgument,     // the input is wrong; `field` names where (400)
  kUnsupportedMedia,    // wrong Content-Type (415)
  kUnauthenticated,     // no valid session (401)
  kForbidden,           // known to have access, but not to this action (403)
  kNotFound,            // absent, or the caller may not know it exists (404)
  kMethodNotAllowed,    // (405)
  kConflict,            // clashes with the stored state (409)
  kPreconditionFailed,  // If-Match did not match (412)
  kPayloadTooLarge,     // (413)
  kUnprocessable,       // same idempotency key with another payload (422)
  kTooManyRequests,     // throttled; `retry_after_s` says when to come back (429)
  kUnavailable,         // busy or shutting down (503)
  kInternal,            // a bug or an I/O failure; details go to the log, not the client (500)
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // safe to show the client; never health data
  std::string field;    // JSON pointer of the offending input, when there is one
  int retry_after_s = 0;
};

// tl::expected with [[nodiscard]]: a failure cannot be dropped by forgetting to look at it. Where
// one is deliberately ignored, the call says so with `(void)` and a comment why.
template <class T>
class [[nodiscard]] Result : public tl::expected<T, Error> {
 public:
  using Base = tl::expected<T, Error>;
  using Base::Base;
  Result(const Base& e) : Base(e) {}                 // NOLINT(google-explicit-constructor)
  Result(Base&& e) noexcept : Base(std::move(e)) {}  // NOLINT(google-explicit-constructor)
};

// Result<void> success value.
inline Result<void> Ok() { return {}; }

inline tl::unexpected<Error> Fail(ErrorCode code, std::string message, std::string field = {}) {
  return tl::unexpected<Error>(Error{code, std::move(message), std::move(field), 0});
}
inline tl::unexpected<Error> Fail(Error e) { return tl::unexpected<Error>(std::move(e)); }

inline tl::unexpected<Error> Invalid(std::string field, std::string message) {
  return Fail(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

}  // namespace tia

#define TIA_CONCAT_INNER_(a, b) a##b
#define TIA_CONCAT_(a, b) TIA_CONCAT_INNER_(a, b)

// `tmp` names a variable and `lhs` may be a declaration (`auto x`): neither can be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define TIA_TRY_IMPL_(tmp, expr)                       \
  do {                                                 \
    auto tmp = (expr);                                 \
    if (!tmp) {                                        \
      return ::tl::unexpected(std::move(tmp).error()); \
    }                                                  \
  } while (0)

// Returns the error of a Result<...> expression from the enclosing function.
#define TIA_TRY(expr) TIA_TRY_IMPL_(TIA_CONCAT_(tia_try_, __COUNTER__), expr)

#define TIA_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr)   \
  auto tmp = (expr);                                 \
  if (!tmp) {                                        \
    return ::tl::unexpected(std::move(tmp).error()); \
  }                                                  \
  lhs = std::move(*tmp)
// NOLINTEND(bugprone-macro-parentheses)

// Declares or assigns `lhs` from a Result<T> expression, or returns its error.
#define TIA_ASSIGN_OR_RETURN(lhs, expr) \
  TIA_ASSIGN_OR_RETURN_IMPL_(TIA_CONCAT_(tia_result_, __COUNTER__), lhs, expr)
