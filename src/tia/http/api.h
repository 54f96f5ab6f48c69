// tia/http/api.h — Tia's HTTP API: the routes and the middleware every request passes through.
//
// Order for each request: request id -> route (404/405) -> per-IP limits -> session (cookie or
// bearer) -> CSRF header for cookie sessions on writes -> per-user rate limit -> Content-Type
// (415) -> JSON body (400) -> handler -> problem+json for errors -> security headers -> access
// log (route template, status, time; never bodies or health data). Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <optional>

#include "tia/app/rate_limiter.h"
#include "tia/app/use_cases.h"
#include "tia/http/router.h"
#include "tia/http/server.h"
#include "tia/http/static_files.h"

namespace boost::asio {
class thread_pool;
}  // namespace boost::asio

namespace tia::http {

struct ApiOptions {
  bool secure_cookies = false;     // behind TLS: Secure + __Host- prefix
  double user_rate_per_min = 600;  // 0 disables (benchmarks only)
  // The app's home screen asks for about eight things at once on every visit: a mother moving
  // quickly between screens spends 100 requests in a few seconds, well within 600 a minute.
  double user_burst = 200;
  double ip_rate_per_min = 6000;
  double auth_rate_per_ip_per_min = 30;
  int worker_threads = 16;  // for handlers that may block (hashing, exports, staff)
  std::string web_root;     // the built web app (web/dist); empty: API only
  std::string public_url = "http://127.0.0.1:8080";  // the site's origin, for canonical links
  std::vector<std::string> metrics_from;  // addresses that may read /metrics without a session
};

class Api {
 public:
  // `app` outlives the Api.
  Api(app::UseCases& app, ApiOptions options);
  ~Api();

  // The server's dispatch: answers through `respond`, from whichever thread finishes the work.
  void Dispatch(Request& req, Respond respond);
  // The server's finalize: headers common to every response and the access log.
  void Finish(Request& req, Response& resp);
  // Waits for the worker pool to finish what it holds. Call before the server is destroyed.
  void Shutdown();
  const Router& router() const { return router_; }

 private:
  // One per resource group, each in its own routes_*.cc.
  void AddSystemRoutes();        // health, readiness, the OpenAPI document, hospitals, contact
  void AddAuthRoutes();          // sign-in, sessions, passwords, erasure, caregivers, break-glass
  void AddCareLogRoutes();       // profile, summary, charts, export, records, sync
  void AddSymptomCheckRoutes();  // symptom checks, signals, escalations, questions, plans
  void AddBookingRoutes();       // services, slots, bookings, waitlist, calendar files
  void AddConsultationRoutes();  // consultations, photos, the queue, templates, live events, push
  void AddHospitalRoutes();      // settings, services/providers/rooms, mothers, audit, feeds
  void AddLibraryRoutes();       // articles and their review (staff), the library's JSON (anyone)
  void AddLibraryPages();        // the library's public HTML pages and sitemap.xml
  void AddMaternityRoutes();     // programme settings, packages, registrations of a pregnancy
  // Writes a batch of records; `reply` gets the per-item results once every item is settled.
  void Sync(Request& req, Reply reply);
  std::optional<Response> Admit(Request& req, const Route*& route);
  Response Run(const Route& route, Request& req);
  Response StartedSession(const app::NewSession& s, bool bearer, int status);
  // Set-Cookie value for the session cookie; an empty token with max age 0 clears it.
  std::string SessionCookie(const std::string& token, int64_t max_age_s) const;

  app::UseCases& app_;
  ApiOptions opt_;
  app::RateLimiter user_limiter_;
  app::RateLimiter ip_limiter_;
  app::RateLimiter auth_limiter_;
  Router router_;
  StaticFiles static_files_;
  std::unique_ptr<boost::asio::thread_pool> workers_;
  std::unique_ptr<class LibraryPages> library_pages_;
};

// The OpenAPI document (docs/openapi.json, compiled in).
std::string_view OpenApiDocument();

}  // namespace tia::http
