// Booking as a mother or a clinician does it: the services offered, free slots, bookings and their
// changes (confirm, cancel, move, arrived/seen), the waitlist, and calendar files and feeds.
#include "tia/http/api.h"
#include "tia/http/reply.h"

namespace tia::http {

void Api::AddBookingRoutes() {
  auto& r = router_;
  r.Add("GET", "/api/v1/services", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app_.scheduling.OfferedServices(req.caller), req);
        });
  r.Add("GET", "/api/v1/services/{service_id}/slots", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app_.scheduling.Slots(req.caller, req.params["service_id"],
                                                 StrParam(req, "from"), IntParam(req, "days", 7)),
                           req);
        });
  r.Add(
      "GET", "/api/v1/bookings", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
        return JsonReply(
            app_.scheduling.List(req.caller, StrParam(req, "from"), IntParam(req, "days", 1)), req);
      });
  r.Add("PUT", "/api/v1/bookings/{booking_id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          TIA_ASSIGN_OR_RETURN(auto b,
                               app_.scheduling.Book(req.caller, req.params["booking_id"], body));
          return JsonResponse(b.created ? 201 : 200, b.json);
        });
  r.Add("GET", "/api/v1/bookings/{booking_id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app_.scheduling.Get(req.caller, req.params["booking_id"]), req);
        });
  r.Add("GET", "/api/v1/bookings/{booking_id}/calendar.ics", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          const std::string lang = StrParam(req, "lang");
          return CalendarFile(app_.scheduling.CalendarFile(req.caller, req.params["booking_id"],
                                                           lang.empty() ? "en" : lang));
        });
  // The capability URL itself: the token is the credential (a calendar app cannot sign in).
  r.Add("GET", "/api/v1/calendar-feeds/{feed}", Access::kPublic,
        [this](Request& req) -> Result<Response> {
          std::string feed = req.params["feed"];
          if (feed.size() < 4 || feed.substr(feed.size() - 4) != ".ics") {
            return tl::unexpected(Error{ErrorCode::kNotFound, "not found", "", 0});
          }
          TIA_ASSIGN_OR_RETURN(std::string ics,
                               app_.scheduling.FeedCalendar(feed.substr(0, feed.size() - 4)));
          Response resp = TextResponse(200, std::move(ics));
          resp.content_type = "text/calendar; charset=utf-8";
          resp.headers.emplace_back("Referrer-Policy", "no-referrer");
          return resp;
        });
  r.Add("GET", "/api/v1/waitlist", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app_.scheduling.Waitlist(req.caller), req);
        });
  r.Add("PUT", "/api/v1/waitlist/{entry_id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          TIA_ASSIGN_OR_RETURN(
              auto w, app_.scheduling.JoinWaitlist(req.caller, req.params["entry_id"], body));
          return JsonResponse(w.created ? 201 : 200, w.json);
        });
  r.Add("POST", "/api/v1/waitlist/{entry_id}/withdraw", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app_.scheduling.Withdraw(req.caller, req.params["entry_id"]), req);
        });
  r.Add("POST", "/api/v1/bookings/{booking_id}/confirm", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app_.scheduling.Confirm(req.caller, req.params["booking_id"]), req);
        });
  r.Add("POST", "/api/v1/bookings/{booking_id}/cancel", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(app_.scheduling.Cancel(req.caller, req.params["booking_id"], body), req);
        });
  r.Add("POST", "/api/v1/bookings/{booking_id}/reschedule", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(app_.scheduling.Reschedule(req.caller, req.params["booking_id"], body),
                           req);
        });
  r.Add("POST", "/api/v1/bookings/{booking_id}/status", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(app_.scheduling.SetStatus(req.caller, req.params["booking_id"], body),
                           req);
        });
}

}  // namespace tia::http
