#include "tia/http/api.h"

#include <algorithm>
#include <array>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <cstdlib>
#include <string_view>

#include "tia/auth/passwords.h"
#include "tia/base/embedded.h"
#include "tia/base/log.h"
#include "tia/base/metrics.h"
#include "tia/http/library_pages.h"
#include "tia/http/problem.h"
#include "tia/http/reply.h"

namespace tia::http {

const std::vector<EmbeddedFile>& ApiDocs();

std::string_view OpenApiDocument() {
  for (const auto& f : ApiDocs()) {
    if (f.name == "openapi.json") return f.contents;
  }
  return "{}";
}

namespace asio = boost::asio;

namespace {

// The methods a metric's label may name; any other is "other".
constexpr std::array<std::string_view, 7> kMethods = {"GET",    "HEAD",  "PUT",    "POST",
                                                      "DELETE", "PATCH", "OPTIONS"};

using domain::Json;

constexpr char kCookie[] = "tia_session";
constexpr char kSecureCookie[] = "__Host-tia_session";

bool ValidRequestId(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

std::string CookieValue(const std::string& header, const std::string& name) {
  size_t i = 0;
  while (i < header.size()) {
    while (i < header.size() && (header[i] == ' ' || header[i] == ';')) ++i;
    size_t end = header.find(';', i);
    if (end == std::string::npos) end = header.size();
    const std::string pair = header.substr(i, end - i);
    const size_t eq = pair.find('=');
    if (eq != std::string::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
    i = end + 1;
  }
  return {};
}

bool IsWrite(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "DELETE" || method == "PATCH";
}

}  // namespace

Api::Api(app::UseCases& app, ApiOptions options)
    : app_(app),
      opt_(std::move(options)),
      user_limiter_(*app.services.clock, opt_.user_rate_per_min, opt_.user_burst),
      ip_limiter_(*app.services.clock, opt_.ip_rate_per_min, opt_.ip_rate_per_min / 10),
      auth_limiter_(*app.services.clock, opt_.auth_rate_per_ip_per_min, 10),
      static_files_(opt_.web_root),
      workers_(std::make_unique<asio::thread_pool>(opt_.worker_threads)) {
  AddSystemRoutes();
  AddAuthRoutes();
  AddCareLogRoutes();
  AddSymptomCheckRoutes();
  AddBookingRoutes();
  AddConsultationRoutes();
  AddHospitalRoutes();
  AddLibraryRoutes();
  AddMaternityRoutes();
  AddLibraryPages();
}

std::string Api::SessionCookie(const std::string& token, int64_t max_age_s) const {
  // One place for the flags, so clearing a __Host- cookie carries Secure as setting it did
  // (a browser ignores a __Host- Set-Cookie without it).
  return std::string(opt_.secure_cookies ? kSecureCookie : kCookie) + "=" + token +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_s) +
         (opt_.secure_cookies ? "; Secure" : "");
}

Response Api::StartedSession(const app::NewSession& s, bool bearer, int status) {
  Json body = {
      {"user", s.user}, {"csrf_token", s.csrf_token}, {"expires_at", FormatUtc(s.expires_at)}};
  if (bearer) body["token"] = s.token;
  Response r = JsonResponse(status, body);
  if (!bearer) {
    r.headers.emplace_back(
        "Set-Cookie", SessionCookie(s.token, (s.expires_at - app_.services.clock->NowMs()) / 1000));
  }
  return r;
}

std::optional<Response> Api::Admit(Request& req, const Route*& found) {
  const std::string& rid = req.caller.request_id;
  if (req.path.size() > 1 && req.path.back() == '/') req.path.pop_back();
  auto match = router_.Find(req.method, req.path, req.params);
  if (!match.route) {
    if (req.method == "GET" || req.method == "HEAD") {
      if (auto file = static_files_.Serve(req.path)) return file;
    }
    if (match.allowed.empty()) return ProblemWithStatus(404, "no such endpoint", nullptr, rid);
    Response r = ProblemWithStatus(405, "use one of the allowed methods", nullptr, rid);
    std::string allow;
    for (const auto& a : match.allowed) allow += (allow.empty() ? "" : ", ") + a;
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  const Route& route = *match.route;
  found = &route;
  req.route = route.pattern;
  auto limited = [&](int wait) {
    Error e{ErrorCode::kTooManyRequests, "too many requests; slow down", {}, wait};
    return Problem(e, rid);
  };
  if (int wait = ip_limiter_.Take(req.caller.client_ip)) return limited(wait);
  if (route.auth_rate_limited) {
    if (int wait = auth_limiter_.Take(req.caller.client_ip)) return limited(wait);
  }

  // Session: a bearer token, or the cookie (which then needs the CSRF header on writes).
  std::string token;
  bool from_cookie = false;
  const std::string& authz = req.Header("authorization");
  if (authz.size() > 7 &&
      (authz.compare(0, 7, "Bearer ") == 0 || authz.compare(0, 7, "bearer ") == 0)) {
    token = authz.substr(7);
  } else if (const std::string& cookies = req.Header("cookie"); !cookies.empty()) {
    token = CookieValue(cookies, opt_.secure_cookies ? kSecureCookie : kCookie);
    from_cookie = !token.empty();
  }
  if (!token.empty()) {
    auto caller = app_.accounts.Authenticate(token, req.caller);
    if (caller) {
      req.caller = std::move(*caller);
    } else if (route.access == Access::kAuthenticated) {
      return Problem(caller.error(), rid);
    }
  }
  if (route.access == Access::kAuthenticated && !req.caller.principal) {
    return ProblemWithStatus(401, "sign in first", nullptr, rid);
  }
  if (req.caller.principal) {
    if (from_cookie && IsWrite(req.method)) {
      const std::string expected = app_.accounts.CsrfOf(req.caller.session_hash);
      if (expected.empty() || !auth::SafeEquals(req.Header("x-csrf-token"), expected)) {
        return ProblemWithStatus(403, "the X-CSRF-Token header is missing or wrong", nullptr, rid);
      }
    }
    if (int wait = user_limiter_.Take(req.caller.public_id)) return limited(wait);
  }
  if ((req.method == "PUT" || req.method == "POST") && !req.body.empty() && !route.raw_body) {
    const std::string& ct = req.Header("content-type");
    if (ct.compare(0, 16, "application/json") != 0) {
      return ProblemWithStatus(415, "send the body as application/json", nullptr, rid);
    }
  }
  return std::nullopt;
}

Response Api::Run(const Route& route, Request& req) {
  auto result = route.handler(req);
  if (!result) {
    if (result.error().code == ErrorCode::kInternal) {
      log::Error("http.internal_error", {{"rid", req.caller.request_id}, {"route", route.pattern}});
    }
    return Problem(result.error(), req.caller.request_id);
  }
  return std::move(*result);
}

void Api::Finish(Request& req, Response& resp) {
  resp.headers.emplace_back("X-Request-Id", req.caller.request_id);
  resp.headers.emplace_back("X-Content-Type-Options", "nosniff");
  resp.headers.emplace_back("X-Frame-Options", "DENY");
  resp.headers.emplace_back("Referrer-Policy", "no-referrer");
  // Strict for the app too: no inline script or style anywhere, nothing from elsewhere.
  resp.headers.emplace_back("Content-Security-Policy",
                            "default-src 'self'; script-src 'self'; style-src 'self'; "
                            "img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; "
                            "manifest-src 'self'; object-src 'none'; base-uri 'none'; "
                            "form-action 'self'; frame-ancestors 'none'");
  bool cache_set = false;
  for (const auto& [k, v] : resp.headers) cache_set = cache_set || k == "Cache-Control";
  if (!cache_set) resp.headers.emplace_back("Cache-Control", "no-store");
  if (resp.content_type.find("json") != std::string::npos &&
      resp.content_type.find("charset") == std::string::npos) {
    resp.content_type += "; charset=utf-8";
  }
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - req.received_at)
          .count();
  // Labels from fixed vocabularies only: a method the router knows, the route's template.
  const bool known = std::find(kMethods.begin(), kMethods.end(), req.method) != kMethods.end();
  const std::string method = known ? req.method : "other";
  const std::string route = !req.route.empty()                         ? req.route
                            : resp.status == 200 || resp.status == 304 ? "static"
                                                                       : "unmatched";
  metrics::Count("tia_http_requests_total",
                 {{"method", method}, {"route", route}, {"status", std::to_string(resp.status)}});
  metrics::Observe("tia_http_request_duration_seconds", {{"method", method}, {"route", route}},
                   ms / 1000.0);
  log::Info("http.request", {{"rid", req.caller.request_id},
                             {"method", req.method},
                             {"route", req.route.empty() ? std::string("-") : req.route},
                             {"status", resp.status},
                             {"ms", ms}});
}

void Api::Dispatch(Request& req, Respond respond) {
  req.received_at = std::chrono::steady_clock::now();
  const std::string& given = req.Header("x-request-id");
  req.caller.request_id = ValidRequestId(given) ? given : auth::RandomToken(12);
  req.caller.lang = PreferredLang(req.Header("accept-language"));
  // Every problem leaves in the caller's language (src/tia/http/catalogue.h).
  auto finish = [respond = std::move(respond), lang = req.caller.lang](Response resp) {
    LocalizeProblem(resp, lang);
    respond(std::move(resp));
  };
  auto internal = [&req](const char* where, const std::exception& e) {
    log::Error("http.exception", {{"rid", req.caller.request_id},
                                  {"route", req.route},
                                  {"where", where},
                                  {"what", e.what()}});
    return ProblemWithStatus(500, "", nullptr, req.caller.request_id);
  };
  const Route* route = nullptr;
  try {
    if (auto early = Admit(req, route)) return finish(std::move(*early));
  } catch (const std::exception& e) {
    return finish(internal("admit", e));
  }
  // Staff reads wait for a durable audit row, so staff requests never run on an I/O thread.
  const auto* p = req.caller.principal ? &*req.caller.principal : nullptr;
  const bool staff = p && auth::IsStaff(p->role);
  const Exec exec = staff ? Exec::kPool : route->exec;
  if (exec == Exec::kInline) {
    try {
      return finish(Run(*route, req));
    } catch (const std::exception& e) {
      return finish(internal("inline", e));
    }
  }
  if (exec == Exec::kAsync) {
    try {
      route->async_handler(req, [finish, rid = req.caller.request_id](Result<Response> r) {
        finish(r ? std::move(*r) : Problem(r.error(), rid));
      });
    } catch (const std::exception& e) {
      finish(internal("async", e));
    }
    return;
  }
  asio::post(*workers_, [this, route, &req, finish, internal]() {
    try {
      finish(Run(*route, req));
    } catch (const std::exception& e) {
      finish(internal("pool", e));
    }
  });
}

void Api::Shutdown() { workers_->join(); }

Api::~Api() { Shutdown(); }

}  // namespace tia::http
