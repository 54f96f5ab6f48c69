// Hospital administration: settings (hotline, hours, holidays), services, providers and rooms,
// providers' calendar files and feeds, the clinicians' list of mothers, the audit trail, and the
// break-glass grants on the hospital's mothers.
#include "tia/app/access.h"
#include "tia/app/hospital.h"
#include "tia/app/messaging.h"
#include "tia/http/api.h"
#include "tia/http/reply.h"

namespace tia::http {

void Api::AddHospitalRoutes() {
  auto& r = router_;
  r.Add("GET", "/api/v1/hospital/settings", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app_.scheduling.GetSettings(req.caller), req);
        });
  r.Add("PUT", "/api/v1/hospital/settings", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(app_.scheduling.PutSettings(req.caller, body), req);
        });
  // Zalo (docs/zalo.md): its administrators' settings, and the messages it could not deliver.
  r.Add("GET", "/api/v1/hospital/zalo", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app::msg::ZaloSettings(app_.services, req.caller), req);
        });
  r.Add("PUT", "/api/v1/hospital/zalo", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(app::msg::PutZaloSettings(app_.services, req.caller, body), req);
        });
  r.Add("GET", "/api/v1/hospital/message-incidents", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app::msg::MessageIncidents(app_.services, req.caller), req);
        });
  using app::ConfigKind;
  for (auto kind_base : {std::pair{ConfigKind::kService, "/api/v1/hospital/services"},
                         std::pair{ConfigKind::kProvider, "/api/v1/hospital/providers"},
                         std::pair{ConfigKind::kRoom, "/api/v1/hospital/rooms"}}) {
    const ConfigKind kind = kind_base.first;  // captured below, so not a structured binding
    const char* base = kind_base.second;
    r.Add("GET", base, Access::kAuthenticated, [this, kind](Request& req) -> Result<Response> {
      return JsonReply(app_.scheduling.ListConfig(req.caller, kind), req);
    });
    r.Add("PUT", std::string(base) + "/{id}", Access::kAuthenticated,
          [this, kind](Request& req) -> Result<Response> {
            TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
            return JsonReply(app_.scheduling.PutConfig(req.caller, kind, req.params["id"], body),
                             req);
          });
  }
  r.Add("GET", "/api/v1/hospital/providers/{id}/calendar.ics", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return CalendarFile(app_.scheduling.ProviderCalendar(req.caller, req.params["id"]));
        });
  r.Add("POST", "/api/v1/hospital/providers/{id}/calendar-feed", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json out, app_.scheduling.CreateFeed(req.caller, req.params["id"]));
          return JsonResponse(201, out);
        });
  r.Add("DELETE", "/api/v1/hospital/providers/{id}/calendar-feed", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app_.scheduling.RevokeFeeds(req.caller, req.params["id"]), req);
        });

  r.Add("GET", "/api/v1/hospital/break-glass", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app::BreakGlassGrants(app_.services, req.caller), req);
        });
  r.Add("GET", "/api/v1/hospital/mothers", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app::HospitalMothers(app_.services, req.caller), req);
        });
  // Staff accounts, by the hospital's administrator (app/staff_accounts.cc).
  r.Add("GET", "/api/v1/hospital/staff", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app_.accounts.ListStaff(req.caller), req);
        });
  r.Add("POST", "/api/v1/hospital/staff", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(app_.accounts.InviteStaff(req.caller, body), req, 201);
        });
  r.Add("POST", "/api/v1/hospital/staff/{user_id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(app_.accounts.UpdateStaff(req.caller, req.params["user_id"], body), req);
        });
  r.Add("POST", "/api/v1/hospital/staff/{user_id}/password-reset", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return ReplyEmpty(app_.accounts.ResetStaffPassword(req.caller, req.params["user_id"]),
                            req);
        });
  r.Add("GET", "/api/v1/hospital/audit", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          app::AuditQuery q;
          const auto param = [&](const char* k) {
            const auto it = req.query.find(k);
            return it == req.query.end() ? std::string() : it->second;
          };
          q.from = param("from");
          q.to = param("to");
          q.action = param("action");
          q.outcome = param("outcome");
          q.actor = param("actor");
          q.subject = param("subject");
          q.cursor = param("cursor");
          q.limit = IntParam(req, "limit", 200);
          return JsonReply(app::AuditTrail(app_.services, req.caller, q), req);
        });
}

}  // namespace tia::http
