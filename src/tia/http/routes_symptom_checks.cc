// The care engine over HTTP: symptom checks (stored, re-checked, escalated), risk signals, the
// clinicians' view of escalations, the protocol's questions and its self-care plans.
#include "tia/engine/triage.h"
#include "tia/http/api.h"
#include "tia/http/reply.h"

namespace tia::http {

void Api::AddSymptomCheckRoutes() {
  const std::string m = "/api/v1/mothers/{mother_id}";
  auto& r = router_;
  r.Add("GET", m + "/symptom-check-context", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app_.symptom_checks.Known(req.caller, req.params["mother_id"]), req);
        });
  r.Add("PUT", m + "/symptom-checks/{id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          TIA_ASSIGN_OR_RETURN(auto lang, LangOf(req));
          TIA_ASSIGN_OR_RETURN(auto reply,
                               app_.symptom_checks.Put(req.caller, req.params["mother_id"],
                                                       req.params["id"], body, lang));
          return JsonResponse(reply.created ? 201 : 200, reply.json);
        });
  r.Add("GET", m + "/symptom-checks/{id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(auto lang, LangOf(req));
          return JsonReply(
              app_.symptom_checks.Get(req.caller, req.params["mother_id"], req.params["id"], lang),
              req);
        });
  r.Add("GET", m + "/symptom-checks", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(auto lang, LangOf(req));
          return JsonReply(app_.symptom_checks.List(req.caller, req.params["mother_id"], lang),
                           req);
        });
  r.Add("GET", m + "/signals", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    TIA_ASSIGN_OR_RETURN(auto lang, LangOf(req));
    return JsonReply(app_.symptom_checks.Signals(req.caller, req.params["mother_id"], lang), req);
  });
  r.Add("GET", "/api/v1/hospital/escalations", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_TRY(LangOf(req));  // accepted for symmetry; the reasons are stored in English
          return JsonReply(app_.symptom_checks.Escalations(req.caller), req);
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
}  // namespace tia::http
