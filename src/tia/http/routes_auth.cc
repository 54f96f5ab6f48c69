// Accounts and sessions: registering, signing in and out (cookie or bearer), re-authenticating,
// changing the password, erasing a mother's account, sharing with caregivers, and break-glass.
#include "tia/app/access.h"
#include "tia/http/api.h"
#include "tia/http/reply.h"

namespace tia::http {

void Api::AddAuthRoutes() {
  auto& r = router_;
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
      // A new account is created (201); every other way in signs into one that exists (200).
      const bool created =
          req.route == "/api/v1/auth/register" || req.route == "/api/v1/auth/register-caregiver";
      return StartedSession(s, bearer, created ? 201 : 200);
    };
  };
  r.Add("POST", "/api/v1/auth/register", Access::kPublic,
        session_route([this](const Json& b, const app::Caller& c) {
          return app_.accounts.RegisterMother(b, c);
        }),
        true);
  r.Add("POST", "/api/v1/auth/register-caregiver", Access::kPublic,
        session_route([this](const Json& b, const app::Caller& c) {
          return app_.accounts.RegisterCaregiver(b, c);
        }),
        true);
  r.Add("POST", "/api/v1/auth/login", Access::kPublic,
        session_route(
            [this](const Json& b, const app::Caller& c) { return app_.accounts.Login(b, c); }),
        true);
  // One-time codes (app/account_codes.cc). Asking answers 202 whether or not an account has the
  // number or address; the answer says how long the code lasts and when another may be asked.
  using SendCode = Result<void> (app::Accounts::*)(const Json&, const app::Caller&);
  auto code_route = [this](const std::string& path, Access access, SendCode send) {
    router_.Add(
        "POST", path, access,
        [this, send](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          TIA_TRY((app_.accounts.*send)(body, req.caller));
          return JsonResponse(202, Json{{"expires_in_s", app::kCodeValidMs / 1000},
                                        {"resend_after_s", app::kCodeResendMs / 1000}});
        },
        true);
  };
  code_route("/api/v1/auth/code", Access::kPublic, &app::Accounts::SendSignInCode);
  code_route("/api/v1/auth/password-reset", Access::kPublic, &app::Accounts::SendPasswordResetCode);
  code_route("/api/v1/auth/phone", Access::kAuthenticated, &app::Accounts::SendPhoneCode);
  r.Add("POST", "/api/v1/auth/code/login", Access::kPublic,
        session_route([this](const Json& b, const app::Caller& c) {
          return app_.accounts.SignInWithCode(b, c);
        }),
        true);
  r.Add("POST", "/api/v1/auth/password-reset/confirm", Access::kPublic,
        session_route([this](const Json& b, const app::Caller& c) {
          return app_.accounts.ResetPassword(b, c);
        }),
        true);
  r.Add(
      "POST", "/api/v1/auth/phone/confirm", Access::kAuthenticated,
      [this](Request& req) -> Result<Response> {
        TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
        TIA_ASSIGN_OR_RETURN(Json me, app_.accounts.ConfirmPhone(body, req.caller));
        me["csrf_token"] = app_.accounts.CsrfOf(req.caller.session_hash);
        return JsonResponse(200, me);
      },
      true);
  r.Add("DELETE", "/api/v1/auth/phone", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return ReplyEmpty(app_.accounts.RemovePhone(req.caller), req);
        });
  r.Add("POST", "/api/v1/auth/logout", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_TRY(app_.accounts.Logout(req.caller));
          Response resp = NoContent();
          resp.headers.emplace_back("Set-Cookie", SessionCookie("", 0));
          return resp;
        });
  r.Add("GET", "/api/v1/auth/me", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    TIA_ASSIGN_OR_RETURN(Json me, app_.accounts.Me(req.caller));
    me["csrf_token"] = app_.accounts.CsrfOf(req.caller.session_hash);
    return JsonResponse(200, me);
  });
  r.Add(
      "POST", "/api/v1/auth/reauthenticate", Access::kAuthenticated,
      [this](Request& req) -> Result<Response> {
        TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
        return ReplyEmpty(app_.accounts.Reauthenticate(body, req.caller), req);
      },
      true);
  r.Add(
      "POST", "/api/v1/auth/password", Access::kAuthenticated,
      [this](Request& req) -> Result<Response> {
        TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
        return ReplyEmpty(app_.accounts.ChangePassword(body, req.caller), req);
      },
      true);

  const std::string m = "/api/v1/mothers/{mother_id}";
  r.Add("DELETE", m, Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    TIA_TRY(app_.accounts.EraseMother(req.caller, req.params["mother_id"]));
    Response resp = NoContent();
    resp.headers.emplace_back("Set-Cookie", SessionCookie("", 0));
    return resp;
  });
  r.Add("GET", m + "/caregivers", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    return JsonReply(app_.accounts.ListCaregivers(req.caller, req.params["mother_id"]), req);
  });
  r.Add("POST", m + "/caregivers", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(app_.accounts.Invite(req.caller, req.params["mother_id"], body,
                                                req.Header("idempotency-key")),
                           req, 201);
        });
  r.Add("DELETE", m + "/caregivers/{grant_id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return ReplyEmpty(app_.accounts.RevokeCaregiver(req.caller, req.params["mother_id"],
                                                          req.params["grant_id"]),
                            req);
        });
  r.Add(
      "POST", m + "/break-glass", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
        TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
        TIA_ASSIGN_OR_RETURN(
            Json grant, app::BreakGlass(app_.services, req.caller, req.params["mother_id"], body));
        return JsonResponse(201, grant);
      });
}

}  // namespace tia::http
