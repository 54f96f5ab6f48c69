// Health, readiness, the OpenAPI document, and what anyone may read before signing in: the
// hospitals to register with and the numbers to call.
#include <algorithm>

#include "tia/app/hospital.h"
#include "tia/http/api.h"
#include "tia/http/reply.h"

namespace tia::http {

void Api::AddSystemRoutes() {
  auto& r = router_;
  r.Add("GET", "/healthz", Access::kPublic, [](Request&) -> Result<Response> {
     return JsonResponse(200, {{"status", "ok"}});
   }).exec = Exec::kInline;
  r.Add("GET", "/readyz", Access::kPublic, [this](Request&) -> Result<Response> {
     TIA_TRY(app::CheckReady(app_.services));
     return JsonResponse(200, {{"status", "ready"}});
   }).exec = Exec::kInline;
  r.Add("GET", "/api/v1/openapi.json", Access::kPublic, [](Request&) -> Result<Response> {
     Response resp;
     resp.body = std::string(OpenApiDocument());
     return resp;
   }).exec = Exec::kInline;
  // For the people who run Tia (docs/operations.md): from the configured addresses (a Prometheus
  // server) or with a staff session. Counts only: no label carries an id, an address or a value.
  r.Add("GET", "/metrics", Access::kPublic, [this](Request& req) -> Result<Response> {
    const auto& from = opt_.metrics_from;
    const bool listed = std::find(from.begin(), from.end(), req.caller.client_ip) != from.end();
    const auto* p = req.caller.principal ? &*req.caller.principal : nullptr;
    if (!listed && !(p && auth::IsStaff(p->role))) {
      return Fail(p ? ErrorCode::kForbidden : ErrorCode::kUnauthenticated,
                  "metrics are served to the configured addresses and to staff");
    }
    TIA_ASSIGN_OR_RETURN(std::string page, app::MetricsPage(app_.services));
    Response resp;
    resp.content_type = "text/plain; version=0.0.4; charset=utf-8";
    resp.body = std::move(page);
    return resp;
  });
  r.Add("GET", "/api/v1/hospitals", Access::kPublic, [this](Request& req) -> Result<Response> {
    return JsonReply(app_.accounts.Hospitals(), req);
  });
  r.Add("GET", "/api/v1/contact", Access::kPublic, [this](Request& req) -> Result<Response> {
    return JsonReply(app_.scheduling.Contact(req.caller), req);
  });
}

}  // namespace tia::http
