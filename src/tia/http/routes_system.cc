// Health, readiness, the OpenAPI document, and what anyone may read before signing in: the
// hospitals to register with and the numbers to call.
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
  r.Add("GET", "/api/v1/hospitals", Access::kPublic, [this](Request& req) -> Result<Response> {
    return JsonReply(app_.accounts.Hospitals(), req);
  });
  r.Add("GET", "/api/v1/contact", Access::kPublic, [this](Request& req) -> Result<Response> {
    return JsonReply(app_.scheduling.Contact(req.caller), req);
  });
}

}  // namespace tia::http
