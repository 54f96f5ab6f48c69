// tia/http/router.h — method + path-template routing ("/api/v1/mothers/{mother_id}/feeds/{id}").
//
// Literal segments must match exactly; `{name}` matches one non-empty segment and is captured.
// A path that matches a template under another method answers 405 with Allow. Not thread-safe
// to build; thread-safe to Match once built.
#pragma once

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tia/base/result.h"
#include "tia/http/message.h"

namespace tia::http {

using Handler = std::function<Result<Response>(Request&)>;
// A handler that answers later (after a group commit), from any thread, exactly once.
using Reply = std::function<void(Result<Response>)>;
using AsyncHandler = std::function<void(Request&, Reply)>;

// Where a route's handler runs, for callers that are not staff (staff requests always run on the
// worker pool, because their reads wait for a durable audit row).
enum class Exec {
  kPool,    // may block (password hashing, exports, several writes): the worker pool
  kInline,  // short reads: on the I/O thread
  kAsync,   // a single group-committed write: starts inline, answers after the commit
};

enum class Access {
  kPublic,         // anyone, signed in or not
  kAuthenticated,  // a valid session is required (401 otherwise)
};

struct Route {
  std::string method;
  std::string pattern;
  Access access = Access::kAuthenticated;
  bool auth_rate_limited = false;  // counts against the per-IP sign-in budget
  Handler handler;
  std::vector<std::string> segments;
  Exec exec = Exec::kPool;
  AsyncHandler async_handler;  // with Exec::kAsync; `handler` then serves staff
  bool raw_body = false;       // the body is not JSON (a photo): the handler checks its content
};

struct Match {
  const Route* route = nullptr;
  std::vector<std::string> allowed;  // set when no route matched the method (405)
};

class Router {
 public:
  // Returns the new route, to set `exec` and `async_handler` on it. The reference stays valid for
  // the router's life: later Adds never move a route.
  Route& Add(std::string method, const std::string& pattern, Access access, Handler handler,
             bool auth_rate_limited = false);
  Match Find(const std::string& method, const std::string& path,
             std::unordered_map<std::string, std::string>& params) const;
  const std::deque<Route>& routes() const { return routes_; }

 private:
  std::deque<Route> routes_;  // a deque: Add hands out references that must survive later Adds
};

std::vector<std::string> SplitPath(const std::string& path);

}  // namespace tia::http
