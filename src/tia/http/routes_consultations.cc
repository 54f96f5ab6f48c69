// Consultations: a mother's questions with photos, the clinicians' queue (claim, assign, release,
// close), reply templates, and the live-update stream (server-sent events).
#include "tia/http/api.h"
#include "tia/http/reply.h"

namespace tia::http {

void Api::AddConsultationRoutes() {
  auto& r = router_;
  const std::string c = "/api/v1/consultations/{consultation_id}";
  auto created = [](Result<app::ConsultationReply> reply) -> Result<Response> {
    if (!reply) return tl::unexpected(reply.error());
    return JsonResponse(reply->created ? 201 : 200, reply->json);
  };
  r.Add("GET", "/api/v1/consultations", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app_.consultations.Mine(req.caller), req);
        });
  r.Add("PUT", c, Access::kAuthenticated, [this, created](Request& req) -> Result<Response> {
    TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
    return created(app_.consultations.Open(req.caller, req.params["consultation_id"], body));
  });
  r.Add("GET", c, Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    return JsonReply(app_.consultations.Get(req.caller, req.params["consultation_id"]), req);
  });
  r.Add("PUT", c + "/messages/{message_id}", Access::kAuthenticated,
        [this, created](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return created(app_.consultations.Post(req.caller, req.params["consultation_id"],
                                                 req.params["message_id"], body));
        });
  r.Add("POST", c + "/read", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    return JsonReply(app_.consultations.MarkRead(req.caller, req.params["consultation_id"]), req);
  });
  // The photo is the raw body (image/jpeg or image/png); what it is is decided from its bytes.
  r.Add("PUT", c + "/photos/{photo_id}", Access::kAuthenticated,
        [this, created](Request& req) -> Result<Response> {
          return created(app_.consultations.AddPhoto(req.caller, req.params["consultation_id"],
                                                     req.params["photo_id"], req.body));
        })
      .raw_body = true;
  r.Add("GET", c + "/photos/{photo_id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(auto photo,
                               app_.consultations.Photo(req.caller, req.params["consultation_id"],
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
  for (const auto& verb_action :
       {std::pair<const char*, Action>{"claim", &app::Consultations::Claim},
        {"assign", &app::Consultations::Assign},
        {"release", &app::Consultations::Release},
        {"close", &app::Consultations::Close}}) {
    const char* verb = verb_action.first;
    Action action = verb_action.second;  // captured below, so not a structured binding
    r.Add("POST", c + "/" + verb, Access::kAuthenticated,
          [this, action](Request& req) -> Result<Response> {
            Json body = Json::object();
            if (!req.body.empty()) {
              TIA_ASSIGN_OR_RETURN(body, BodyJson(req));
            }
            return JsonReply(
                (app_.consultations.*action)(req.caller, req.params["consultation_id"], body), req);
          });
  }
  r.Add("GET", "/api/v1/hospital/consultations", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app_.consultations.Queue(req.caller), req);
        });
  r.Add("GET", "/api/v1/hospital/reply-templates", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app_.consultations.Templates(req.caller), req);
        });
  r.Add("PUT", "/api/v1/hospital/reply-templates/{id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(app_.consultations.PutTemplate(req.caller, req.params["id"], body), req);
        });
  // Notifications when the app is closed (Web Push): the key a browser subscribes with, and its
  // subscription, by a client-chosen id.
  r.Add("GET", "/api/v1/push/key", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> { return JsonReply(app_.push.PublicKey(), req); });
  r.Add("PUT", "/api/v1/push/subscriptions/{id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          TIA_ASSIGN_OR_RETURN(auto sub, app_.push.Subscribe(req.caller, req.params["id"], body));
          return JsonResponse(sub.created ? 201 : 200, sub.json);
        });
  r.Add("DELETE", "/api/v1/push/subscriptions/{id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_TRY(app_.push.Unsubscribe(req.caller, req.params["id"]));
          return NoContent();
        });
  // Live updates (server-sent events): a clinician hears her hospital's consultations and bookings
  // change, a mother her own. Events carry ids only; the page refetches through the audited routes.
  r.Add("GET", "/api/v1/events", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    TIA_ASSIGN_OR_RETURN(std::string channel, app_.consultations.ChannelOf(req.caller));
    auto stream = std::make_shared<EventStream>();
    std::weak_ptr<EventStream> weak = stream;
    const int sub = app_.hub.Subscribe(channel, [weak](const std::string& event) {
      // The SSE event name is the event's type ("consultation", "booking").
      if (auto s = weak.lock()) s->Send(Json::parse(event).value("type", "consultation"), event);
    });
    stream->OnClose([this, sub] { app_.hub.Unsubscribe(sub); });
    Response resp;
    resp.content_type = "text/event-stream";
    resp.stream = std::move(stream);
    return resp;
  });
}
}  // namespace tia::http
