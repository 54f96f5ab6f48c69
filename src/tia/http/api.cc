#include "tia/http/api.h"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <future>
#include <mutex>

#include "tia/app/access.h"
#include "tia/auth/passwords.h"
#include "tia/base/embedded.h"
#include "tia/base/log.h"
#include "tia/domain/json_reader.h"
#include "tia/engine/triage.h"
#include "tia/http/problem.h"
#include "tia/storage/repositories.h"

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

using domain::Json;

constexpr char kCookie[] = "tia_session";
constexpr char kSecureCookie[] = "__Host-tia_session";

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

// ?lang=en|vi for the texts of results, plans and signals (English when absent).
Result<engine::Lang> LangOf(const Request& req) {
  auto it = req.query.find("lang");
  if (it == req.query.end()) return engine::Lang::kEn;
  auto l = engine::ParseLang(it->second);
  if (!l) return Invalid("lang", "must be en or vi");
  return *l;
}

Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type = "application/json";
  return r;
}

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

template <class T>
Response JsonReply(const Result<T>& r, const Request& req, int status = 200) {
  if (!r) return Problem(r.error(), req.caller.request_id);
  return JsonResponse(status, *r);
}

Response ReplyEmpty(const Result<void>& r, const Request& req) {
  if (!r) return Problem(r.error(), req.caller.request_id);
  return NoContent();
}

Result<Json> BodyJson(const Request& req) {
  if (req.body.empty()) return Json::object();
  return domain::ParseJsonBody(req.body);
}

Result<std::optional<int64_t>> IfMatch(const Request& req) {
  std::string v = req.Header("if-match");
  if (v.empty()) return std::optional<int64_t>();
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  try {
    size_t used = 0;
    const int64_t n = std::stoll(v, &used);
    if (used == v.size() && n > 0) return std::optional<int64_t>(n);
  } catch (...) {
  }
  return Invalid("If-Match", "must be the record's version, as its ETag gives it");
}

// ?name=N as a whole number (`fallback` when absent; -1 when not a number, which the use case
// refuses naming the parameter).
int IntParam(const Request& req, const char* name, int fallback) {
  auto it = req.query.find(name);
  if (it == req.query.end()) return fallback;
  int v = 0;
  auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  return ec == std::errc() && p == it->second.data() + it->second.size() ? v : -1;
}

std::string StrParam(const Request& req, const char* name) {
  auto it = req.query.find(name);
  return it == req.query.end() ? std::string() : it->second;
}

}  // namespace

Api::Api(app::Services& services, ApiOptions options)
    : s_(services),
      opt_(options),
      accounts_(services),
      care_log_(services),
      symptom_checks_(services),
      scheduling_(services, hub_, {options.hotline, options.emergency_number}),
      consultations_(services, scheduling_, hub_),
      user_limiter_(*services.clock, options.user_rate_per_min, options.user_burst),
      ip_limiter_(*services.clock, options.ip_rate_per_min, options.ip_rate_per_min / 10),
      auth_limiter_(*services.clock, options.auth_rate_per_ip_per_min, 10),
      static_files_(options.web_root),
      workers_(std::make_unique<asio::thread_pool>(options.worker_threads)) {
  AddRoutes();
  AddRecordRoutes();
  AddSyncRoute();
  AddCareEngineRoutes();
  AddSchedulingRoutes();
  AddConsultationRoutes();
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
    r.headers.emplace_back("Set-Cookie",
                           SessionCookie(s.token, (s.expires_at - s_.clock->NowMs()) / 1000));
  }
  return r;
}

void Api::AddRoutes() {
  auto& r = router_;
  r.Add("GET", "/healthz", Access::kPublic, [](Request&) -> Result<Response> {
     return JsonResponse(200, {{"status", "ok"}});
   }).exec = Exec::kInline;
  r.Add("GET", "/readyz", Access::kPublic, [this](Request&) -> Result<Response> {
     TIA_TRY(s_.db->Read([](storage::Connection& c) { return c.Query("SELECT 1"); }));
     return JsonResponse(200, {{"status", "ready"}});
   }).exec = Exec::kInline;
  r.Add("GET", "/api/v1/openapi.json", Access::kPublic, [](Request&) -> Result<Response> {
     Response resp;
     resp.body = std::string(OpenApiDocument());
     return resp;
   }).exec = Exec::kInline;
  r.Add("GET", "/api/v1/hospitals", Access::kPublic,
        [this](Request& req) -> Result<Response> { return JsonReply(accounts_.Hospitals(), req); });
  r.Add("GET", "/api/v1/contact", Access::kPublic, [this](Request& req) -> Result<Response> {
    return JsonReply(scheduling_.Contact(req.caller), req);
  });

  // Sign-in routes accept {"token_type": "bearer"} to get a token instead of a cookie.
  auto session_route = [this](auto start) {
    return [this, start](Request& req) -> Result<Response> {
      TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
      bool bearer = false;
      if (body.is_object() && body.contains("token_type")) {
        const Json& t = body["token_type"];
        if (t != "bearer" && t != "cookie")
          return Invalid("/token_type", "must be cookie or bearer");
        bearer = t == "bearer";
        body.erase("token_type");
      }
      TIA_ASSIGN_OR_RETURN(app::NewSession s, start(body, req.caller));
      return StartedSession(s, bearer, req.route == "/api/v1/auth/login" ? 200 : 201);
    };
  };
  r.Add("POST", "/api/v1/auth/register", Access::kPublic,
        session_route(
            [this](const Json& b, const app::Caller& c) { return accounts_.RegisterMother(b, c); }),
        true);
  r.Add("POST", "/api/v1/auth/register-caregiver", Access::kPublic,
        session_route([this](const Json& b, const app::Caller& c) {
          return accounts_.RegisterCaregiver(b, c);
        }),
        true);
  r.Add(
      "POST", "/api/v1/auth/login", Access::kPublic,
      session_route([this](const Json& b, const app::Caller& c) { return accounts_.Login(b, c); }),
      true);
  r.Add("POST", "/api/v1/auth/logout", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_TRY(accounts_.Logout(req.caller));
          Response resp = NoContent();
          resp.headers.emplace_back("Set-Cookie", SessionCookie("", 0));
          return resp;
        });
  r.Add("GET", "/api/v1/auth/me", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    TIA_ASSIGN_OR_RETURN(Json me, accounts_.Me(req.caller));
    me["csrf_token"] = accounts_.CsrfOf(req.caller.session_hash);
    return JsonResponse(200, me);
  });
  r.Add(
      "POST", "/api/v1/auth/reauthenticate", Access::kAuthenticated,
      [this](Request& req) -> Result<Response> {
        TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
        return ReplyEmpty(accounts_.Reauthenticate(body, req.caller), req);
      },
      true);
  r.Add(
      "POST", "/api/v1/auth/password", Access::kAuthenticated,
      [this](Request& req) -> Result<Response> {
        TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
        return ReplyEmpty(accounts_.ChangePassword(body, req.caller), req);
      },
      true);

  const std::string m = "/api/v1/mothers/{mother_id}";
  r.Add("GET", m + "/profile", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    return JsonReply(care_log_.GetProfile(req.caller, req.params["mother_id"]), req);
  });
  r.Add("PUT", m + "/profile", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
    TIA_ASSIGN_OR_RETURN(auto w, care_log_.PutProfile(req.caller, req.params["mother_id"], body));
    return RecordResponse(w);
  });
  r.Add("GET", m + "/summary", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    return JsonReply(care_log_.Summary(req.caller, req.params["mother_id"]), req);
  });
  r.Add("GET", m + "/charts", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    int days = 14;
    if (auto it = req.query.find("days"); it != req.query.end()) {
      auto [p, ec] =
          std::from_chars(it->second.data(), it->second.data() + it->second.size(), days);
      if (ec != std::errc() || p != it->second.data() + it->second.size()) days = -1;
    }
    return JsonReply(care_log_.Charts(req.caller, req.params["mother_id"], days), req);
  });
  r.Add("GET", m + "/export", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    TIA_ASSIGN_OR_RETURN(Json out, care_log_.Export(req.caller, req.params["mother_id"]));
    Response resp = JsonResponse(200, out);
    resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"tia-export.json\"");
    return resp;
  });
  r.Add("DELETE", m, Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    TIA_TRY(accounts_.EraseMother(req.caller, req.params["mother_id"]));
    Response resp = NoContent();
    resp.headers.emplace_back("Set-Cookie", SessionCookie("", 0));
    return resp;
  });
  r.Add("GET", m + "/caregivers", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    return JsonReply(accounts_.ListCaregivers(req.caller, req.params["mother_id"]), req);
  });
  r.Add("POST", m + "/caregivers", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(accounts_.Invite(req.caller, req.params["mother_id"], body,
                                            req.Header("idempotency-key")),
                           req, 201);
        });
  r.Add("DELETE", m + "/caregivers/{grant_id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return ReplyEmpty(accounts_.RevokeCaregiver(req.caller, req.params["mother_id"],
                                                      req.params["grant_id"]),
                            req);
        });
  r.Add(
      "GET", "/api/v1/hospital/mothers", Access::kAuthenticated,
      [this](Request& req) -> Result<Response> {
        const auto& p = *req.caller.principal;
        if (p.role != auth::Role::kClinician || !p.hospital_id) {
          return Fail(ErrorCode::kNotFound, "not found");
        }
        TIA_ASSIGN_OR_RETURN(auto rows, s_.db->Read([&](storage::Connection& c) {
          return storage::users::MothersOf(c, *p.hospital_id, 100);
        }));
        const auto e = app::AuditOf(s_, req.caller, "read", "mother_list", "success", std::nullopt);
        TIA_TRY(s_.db->Write([&](storage::Connection& c) { return storage::audit::Append(c, e); }));
        Json items = Json::array();
        for (const auto& u : rows)
          items.push_back({{"id", u.public_id}, {"display_name", u.display_name}});
        return JsonResponse(200, {{"items", items}});
      });
  r.Add("POST", m + "/break-glass", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          TIA_ASSIGN_OR_RETURN(Json grant,
                               app::BreakGlass(s_, req.caller, req.params["mother_id"], body));
          return JsonResponse(201, grant);
        });
  r.Add("GET", "/api/v1/hospital/break-glass", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app::BreakGlassGrants(s_, req.caller), req);
        });
  r.Add("GET", "/api/v1/hospital/audit", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          const auto& p = *req.caller.principal;
          if (p.role != auth::Role::kHospitalAdmin || !p.hospital_id)
            return Fail(ErrorCode::kNotFound, "not found");
          TIA_ASSIGN_OR_RETURN(auto rows, s_.db->Read([&](storage::Connection& c) {
            return storage::audit::Recent(c, p.hospital_id, 200);
          }));
          Json items = Json::array();
          for (const auto& a : rows) {
            items.push_back({{"at", FormatUtc(a.at)},
                             {"actor_role", a.actor_role},
                             {"action", a.action},
                             {"resource", a.resource},
                             {"outcome", a.outcome},
                             {"request_id", a.request_id}});
          }
          return JsonResponse(200, {{"items", items}});
        });
}

// The care engine over HTTP: symptom checks (stored, re-checked, escalated), risk signals, the
// clinicians' view of escalations, and the protocol's self-care plans.
void Api::AddCareEngineRoutes() {
  const std::string m = "/api/v1/mothers/{mother_id}";
  auto& r = router_;
  r.Add("GET", m + "/symptom-check-context", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(symptom_checks_.Known(req.caller, req.params["mother_id"]), req);
        });
  r.Add("PUT", m + "/symptom-checks/{id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          TIA_ASSIGN_OR_RETURN(auto lang, LangOf(req));
          TIA_ASSIGN_OR_RETURN(auto reply, symptom_checks_.Put(req.caller, req.params["mother_id"],
                                                               req.params["id"], body, lang));
          return JsonResponse(reply.created ? 201 : 200, reply.json);
        });
  r.Add("GET", m + "/symptom-checks/{id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(auto lang, LangOf(req));
          return JsonReply(
              symptom_checks_.Get(req.caller, req.params["mother_id"], req.params["id"], lang),
              req);
        });
  r.Add("GET", m + "/symptom-checks", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(auto lang, LangOf(req));
          return JsonReply(symptom_checks_.List(req.caller, req.params["mother_id"], lang), req);
        });
  r.Add("GET", m + "/signals", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    TIA_ASSIGN_OR_RETURN(auto lang, LangOf(req));
    return JsonReply(symptom_checks_.Signals(req.caller, req.params["mother_id"], lang), req);
  });
  r.Add("GET", "/api/v1/hospital/escalations", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_TRY(LangOf(req));  // accepted for symmetry; the reasons are stored in English
          return JsonReply(symptom_checks_.Escalations(req.caller), req);
        });
  r.Add("GET", "/api/v1/symptom-check/questions", Access::kPublic,
        [](Request&) -> Result<Response> {
          // The built-in protocol never changes while the server runs: made once.
          static const Json questions = engine::QuestionsJson(engine::Protocol::Default());
          return JsonResponse(200, questions);
        });
  r.Add("GET", "/api/v1/self-care-plans/{plan_id}", Access::kPublic,
        [](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(auto lang, LangOf(req));
          const auto& p = engine::Protocol::Default();
          const engine::Plan* plan = p.FindPlan(req.params["plan_id"]);
          if (!plan) return Fail(ErrorCode::kNotFound, "not found");
          return JsonResponse(200, engine::PlanJson(p, *plan, lang));
        });
}

void Api::AddSchedulingRoutes() {
  auto& r = router_;
  r.Add("GET", "/api/v1/hospital/settings", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(scheduling_.GetSettings(req.caller), req);
        });
  r.Add("PUT", "/api/v1/hospital/settings", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(scheduling_.PutSettings(req.caller, body), req);
        });
  using storage::ConfigKind;
  for (auto [kind, base] : {std::pair{ConfigKind::kService, "/api/v1/hospital/services"},
                            std::pair{ConfigKind::kProvider, "/api/v1/hospital/providers"},
                            std::pair{ConfigKind::kRoom, "/api/v1/hospital/rooms"}}) {
    r.Add("GET", base, Access::kAuthenticated, [this, kind](Request& req) -> Result<Response> {
      return JsonReply(scheduling_.ListConfig(req.caller, kind), req);
    });
    r.Add("PUT", std::string(base) + "/{id}", Access::kAuthenticated,
          [this, kind](Request& req) -> Result<Response> {
            TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
            return JsonReply(scheduling_.PutConfig(req.caller, kind, req.params["id"], body), req);
          });
  }
  r.Add("GET", "/api/v1/services", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(scheduling_.OfferedServices(req.caller), req);
        });
  r.Add("GET", "/api/v1/services/{service_id}/slots", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(scheduling_.Slots(req.caller, req.params["service_id"],
                                             StrParam(req, "from"), IntParam(req, "days", 7)),
                           req);
        });
  r.Add("GET", "/api/v1/bookings", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(
              scheduling_.List(req.caller, StrParam(req, "from"), IntParam(req, "days", 1)), req);
        });
  r.Add("PUT", "/api/v1/bookings/{booking_id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          TIA_ASSIGN_OR_RETURN(auto b,
                               scheduling_.Book(req.caller, req.params["booking_id"], body));
          return JsonResponse(b.created ? 201 : 200, b.json);
        });
  r.Add("GET", "/api/v1/bookings/{booking_id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(scheduling_.Get(req.caller, req.params["booking_id"]), req);
        });
  auto calendar = [](Result<std::string> ics) -> Result<Response> {
    if (!ics) return tl::unexpected(ics.error());
    Response resp = TextResponse(200, std::move(*ics));
    resp.content_type = "text/calendar; charset=utf-8";
    resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"tia-booking.ics\"");
    return resp;
  };
  r.Add("GET", "/api/v1/bookings/{booking_id}/calendar.ics", Access::kAuthenticated,
        [this, calendar](Request& req) -> Result<Response> {
          const std::string lang = StrParam(req, "lang");
          return calendar(scheduling_.CalendarFile(req.caller, req.params["booking_id"],
                                                   lang.empty() ? "en" : lang));
        });
  r.Add("GET", "/api/v1/hospital/providers/{id}/calendar.ics", Access::kAuthenticated,
        [this, calendar](Request& req) -> Result<Response> {
          return calendar(scheduling_.ProviderCalendar(req.caller, req.params["id"]));
        });
  r.Add("POST", "/api/v1/hospital/providers/{id}/calendar-feed", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json out, scheduling_.CreateFeed(req.caller, req.params["id"]));
          return JsonResponse(201, out);
        });
  r.Add("DELETE", "/api/v1/hospital/providers/{id}/calendar-feed", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(scheduling_.RevokeFeeds(req.caller, req.params["id"]), req);
        });
  // The capability URL itself: the token is the credential (a calendar app cannot sign in).
  r.Add("GET", "/api/v1/calendar-feeds/{feed}", Access::kPublic,
        [this](Request& req) -> Result<Response> {
          std::string feed = req.params["feed"];
          if (feed.size() < 4 || feed.substr(feed.size() - 4) != ".ics") {
            return tl::unexpected(Error{ErrorCode::kNotFound, "not found", "", 0});
          }
          TIA_ASSIGN_OR_RETURN(std::string ics,
                               scheduling_.FeedCalendar(feed.substr(0, feed.size() - 4)));
          Response resp = TextResponse(200, std::move(ics));
          resp.content_type = "text/calendar; charset=utf-8";
          resp.headers.emplace_back("Referrer-Policy", "no-referrer");
          return resp;
        });
  r.Add("GET", "/api/v1/waitlist", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(scheduling_.Waitlist(req.caller), req);
        });
  r.Add("PUT", "/api/v1/waitlist/{entry_id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          TIA_ASSIGN_OR_RETURN(auto w,
                               scheduling_.JoinWaitlist(req.caller, req.params["entry_id"], body));
          return JsonResponse(w.created ? 201 : 200, w.json);
        });
  r.Add("POST", "/api/v1/waitlist/{entry_id}/withdraw", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(scheduling_.Withdraw(req.caller, req.params["entry_id"]), req);
        });
  r.Add("POST", "/api/v1/bookings/{booking_id}/confirm", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(scheduling_.Confirm(req.caller, req.params["booking_id"]), req);
        });
  r.Add("POST", "/api/v1/bookings/{booking_id}/cancel", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(scheduling_.Cancel(req.caller, req.params["booking_id"], body), req);
        });
  r.Add("POST", "/api/v1/bookings/{booking_id}/reschedule", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(scheduling_.Reschedule(req.caller, req.params["booking_id"], body), req);
        });
  r.Add("POST", "/api/v1/bookings/{booking_id}/status", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(scheduling_.SetStatus(req.caller, req.params["booking_id"], body), req);
        });
}

void Api::AddRecordRoutes() {
  for (const auto& info : domain::RecordKinds()) {
    const auto kind = info.kind;
    const std::string base = "/api/v1/mothers/{mother_id}/" + std::string(info.collection);
    router_
        .Add("GET", base, Access::kAuthenticated,
             [this, kind](Request& req) -> Result<Response> {
               app::ListQuery q;
               if (auto it = req.query.find("cursor"); it != req.query.end()) q.cursor = it->second;
               if (auto it = req.query.find("limit"); it != req.query.end()) {
                 try {
                   size_t used = 0;
                   q.limit = std::stoi(it->second, &used);
                   if (used != it->second.size()) q.limit = -1;
                 } catch (...) {
                   q.limit = -1;
                 }
               }
               TIA_ASSIGN_OR_RETURN(std::string page,
                                    care_log_.List(req.caller, req.params["mother_id"], kind, q));
               return TextResponse(200, std::move(page));
             })
        .exec = Exec::kInline;
    router_
        .Add("GET", base + "/{id}", Access::kAuthenticated,
             [this, kind](Request& req) -> Result<Response> {
               TIA_ASSIGN_OR_RETURN(auto rec, care_log_.Get(req.caller, req.params["mother_id"],
                                                            kind, req.params["id"]));
               return RecordResponse(rec);
             })
        .exec = Exec::kInline;
    auto& put = router_.Add("PUT", base + "/{id}", Access::kAuthenticated,
                            [this, kind](Request& req) -> Result<Response> {
                              TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
                              TIA_ASSIGN_OR_RETURN(auto if_match, IfMatch(req));
                              TIA_ASSIGN_OR_RETURN(
                                  auto w, care_log_.Put(req.caller, req.params["mother_id"], kind,
                                                        req.params["id"], body, if_match));
                              return RecordResponse(w);
                            });
    put.exec = Exec::kAsync;
    put.async_handler = [this, kind](Request& req, http::Reply reply) {
      auto body = BodyJson(req);
      if (!body) return reply(tl::unexpected(body.error()));
      auto if_match = IfMatch(req);
      if (!if_match) return reply(tl::unexpected(if_match.error()));
      care_log_.PutAsync(req.caller, req.params["mother_id"], kind, req.params["id"], *body,
                         *if_match, [reply = std::move(reply)](Result<app::RecordReply> w) {
                           if (!w) return reply(tl::unexpected(w.error()));
                           reply(RecordResponse(*w));
                         });
    };
    router_.Add("DELETE", base + "/{id}", Access::kAuthenticated,
                [this, kind](Request& req) -> Result<Response> {
                  return JsonReply(
                      care_log_.Delete(req.caller, req.params["mother_id"], kind, req.params["id"]),
                      req);
                });
    router_
        .Add("GET", base + "/{id}/history", Access::kAuthenticated,
             [this, kind](Request& req) -> Result<Response> {
               return JsonReply(
                   care_log_.History(req.caller, req.params["mother_id"], kind, req.params["id"]),
                   req);
             })
        .exec = Exec::kInline;
  }
}

void Api::AddSyncRoute() {
  auto& sync =
      router_.Add("POST", "/api/v1/mothers/{mother_id}/sync", Access::kAuthenticated,
                  [this](Request& req) -> Result<Response> {
                    std::promise<Result<Response>> promise;
                    auto future = promise.get_future();
                    Sync(req, [&promise](Result<Response> r) { promise.set_value(std::move(r)); });
                    return future.get();
                  });
  sync.exec = Exec::kAsync;
  sync.async_handler = [this](Request& req, http::Reply reply) { Sync(req, std::move(reply)); };
}

void Api::Sync(Request& req, http::Reply reply) {
  constexpr size_t kMaxItems = 500;
  // Access first, for the batch as a whole: nobody learns anything from a refused batch's shape.
  if (auto who = app::ResolveSubject(s_, req.caller, req.params["mother_id"],
                                     auth::Action::kWriteBabyEvents, "sync");
      !who) {
    return reply(tl::unexpected(who.error()));
  }
  auto body = BodyJson(req);
  if (!body) return reply(tl::unexpected(body.error()));
  domain::FieldReader r(*body, "");
  const Json* items = r.Array("items", kMaxItems, true);
  auto sent_at = r.Time("sent_at");
  if (auto fin = r.Finish(); !fin) return reply(tl::unexpected(fin.error()));
  if (items->empty()) return reply(Invalid("/items", "must hold at least one record"));

  // Check every item's envelope first, so a malformed batch is refused whole.
  struct Item {
    domain::RecordKind kind;
    std::string kind_name, id;
    const Json* body;
  };
  std::vector<Item> parsed;
  for (size_t i = 0; i < items->size(); ++i) {
    domain::FieldReader ir((*items)[i], "/items/" + std::to_string(i));
    auto kind = ir.String("kind", 40, true);
    auto id = ir.String("id", 64, true);
    const Json* item_body = ir.Object("body", true);
    if (auto fin = ir.Finish(); !fin) return reply(tl::unexpected(fin.error()));
    auto info = domain::KindByName(*kind);
    if (!info || info->kind == domain::RecordKind::kProfile) {
      return reply(Invalid("/items/" + std::to_string(i) + "/kind", "is not a kind of record"));
    }
    parsed.push_back({info->kind, std::string(info->name), *id, item_body});
  }

  // Every item becomes one PUT; they share group commits. The last to settle answers.
  struct Batch {
    std::mutex mu;
    std::vector<std::string> results;
    size_t pending;
    http::Reply reply;
    std::string clock;
  };
  auto batch = std::make_shared<Batch>();
  batch->results.resize(parsed.size());
  batch->pending = parsed.size();
  batch->reply = std::move(reply);
  // Research 2.6: estimate the phone's clock offset from when it says it sent the batch.
  batch->clock = "\"clock_offset_s\":null,\"clock_warning\":false";
  if (sent_at) {
    const int64_t offset_ms = sent_at->utc_ms - s_.clock->NowMs();
    batch->clock =
        "\"clock_offset_s\":" + std::to_string(offset_ms / 1000) +
        ",\"clock_warning\":" + (std::abs(offset_ms) > domain::kFutureSkewMs ? "true" : "false");
  }
  auto settle = [batch](size_t i, std::string result) {
    std::unique_lock lock(batch->mu);
    batch->results[i] = std::move(result);
    if (--batch->pending > 0) return;
    std::string out = "{\"results\":[";
    for (size_t k = 0; k < batch->results.size(); ++k) {
      if (k) out.push_back(',');
      out += batch->results[k];
    }
    out += "]," + batch->clock + "}";
    lock.unlock();
    batch->reply(TextResponse(200, std::move(out)));
  };
  for (size_t i = 0; i < parsed.size(); ++i) {
    const Item& item = parsed[i];
    const std::string head =
        "{\"id\":" + Json(item.id).dump() + ",\"kind\":\"" + item.kind_name + "\",";
    const std::string prefix = "/items/" + std::to_string(i);
    care_log_.PutAsync(
        req.caller, req.params["mother_id"], item.kind, item.id, *item.body, std::nullopt,
        [settle, i, head, prefix](Result<app::RecordReply> w) {
          if (w) {
            settle(i, head + "\"status\":" + (w->created ? "201" : "200") +
                          ",\"record\":" + w->json + "}");
            return;
          }
          const Error& e = w.error();
          std::string field = e.field == "/id"  ? prefix + "/id"
                              : e.field.empty() ? std::string()
                                                : prefix + "/body" + e.field;
          Json err = {{"status", StatusOf(e.code)}, {"detail", e.message}, {"field", field}};
          settle(i, head + "\"status\":" + std::to_string(StatusOf(e.code)) + ",\"error\":" +
                        err.dump(-1, ' ', false, Json::error_handler_t::replace) + "}");
        });
  }
}

void Api::AddConsultationRoutes() {
  auto& r = router_;
  const std::string c = "/api/v1/consultations/{consultation_id}";
  auto created = [](Result<app::ConsultationReply> reply) -> Result<Response> {
    if (!reply) return tl::unexpected(reply.error());
    return JsonResponse(reply->created ? 201 : 200, reply->json);
  };
  r.Add("GET", "/api/v1/consultations", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(consultations_.Mine(req.caller), req);
        });
  r.Add("PUT", c, Access::kAuthenticated, [this, created](Request& req) -> Result<Response> {
    TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
    return created(consultations_.Open(req.caller, req.params["consultation_id"], body));
  });
  r.Add("GET", c, Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    return JsonReply(consultations_.Get(req.caller, req.params["consultation_id"]), req);
  });
  r.Add("PUT", c + "/messages/{message_id}", Access::kAuthenticated,
        [this, created](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return created(consultations_.Post(req.caller, req.params["consultation_id"],
                                             req.params["message_id"], body));
        });
  // The photo is the raw body (image/jpeg or image/png); what it is is decided from its bytes.
  r.Add("PUT", c + "/photos/{photo_id}", Access::kAuthenticated,
        [this, created](Request& req) -> Result<Response> {
          return created(consultations_.AddPhoto(req.caller, req.params["consultation_id"],
                                                 req.params["photo_id"], req.body));
        })
      .raw_body = true;
  r.Add("GET", c + "/photos/{photo_id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(auto photo,
                               consultations_.Photo(req.caller, req.params["consultation_id"],
                                                    req.params["photo_id"]));
          Response resp = TextResponse(200, std::move(photo.bytes));
          resp.content_type = photo.mime;
          // Never shown inline from a URL: saved as a file, never cached, never sniffed.
          resp.headers.emplace_back("Content-Disposition",
                                    "attachment; filename=\"" + photo.filename + "\"");
          resp.headers.emplace_back("Cache-Control", "no-store, private");
          return resp;
        });
  using Action =
      Result<Json> (app::Consultations::*)(const app::Caller&, const std::string&, const Json&);
  for (const auto& [verb, action] :
       {std::pair<const char*, Action>{"claim", &app::Consultations::Claim},
        {"assign", &app::Consultations::Assign},
        {"release", &app::Consultations::Release},
        {"close", &app::Consultations::Close}}) {
    r.Add("POST", c + "/" + verb, Access::kAuthenticated,
          [this, action](Request& req) -> Result<Response> {
            Json body = Json::object();
            if (!req.body.empty()) {
              TIA_ASSIGN_OR_RETURN(body, BodyJson(req));
            }
            return JsonReply(
                (consultations_.*action)(req.caller, req.params["consultation_id"], body), req);
          });
  }
  r.Add("GET", "/api/v1/hospital/consultations", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(consultations_.Queue(req.caller), req);
        });
  r.Add("GET", "/api/v1/hospital/reply-templates", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(consultations_.Templates(req.caller), req);
        });
  r.Add("PUT", "/api/v1/hospital/reply-templates/{id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(consultations_.PutTemplate(req.caller, req.params["id"], body), req);
        });
  // Live updates (server-sent events): a clinician hears her hospital's consultations and bookings
  // change, a mother her own. Events carry ids only; the page refetches through the audited routes.
  r.Add("GET", "/api/v1/events", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    TIA_ASSIGN_OR_RETURN(std::string channel, consultations_.ChannelOf(req.caller));
    auto stream = std::make_shared<EventStream>();
    std::weak_ptr<EventStream> weak = stream;
    const int sub = hub_.Subscribe(channel, [weak](const std::string& event) {
      // The SSE event name is the event's type ("consultation", "booking").
      if (auto s = weak.lock()) s->Send(Json::parse(event).value("type", "consultation"), event);
    });
    stream->OnClose([this, sub] { hub_.Unsubscribe(sub); });
    Response resp;
    resp.content_type = "text/event-stream";
    resp.stream = std::move(stream);
    return resp;
  });
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
    auto caller = accounts_.Authenticate(token, req.caller);
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
      const std::string expected = accounts_.CsrfOf(req.caller.session_hash);
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
  auto finish = [respond = std::move(respond)](Response resp) { respond(std::move(resp)); };
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
