// The maternity programme: the programme's settings and packages (administrators), a mother's
// registered pregnancy, and the staff's list and actions on registrations.
#include "tia/http/api.h"
#include "tia/http/library_pages.h"
#include "tia/http/reply.h"

namespace tia::http {

void Api::AddMaternityRoutes() {
  auto& r = router_;
  r.Add("GET", "/api/v1/hospital/maternity", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app_.maternity.Settings(req.caller), req);
        });
  r.Add("PUT", "/api/v1/hospital/maternity", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(app_.maternity.PutSettings(req.caller, body), req);
        });
  r.Add("GET", "/api/v1/packages", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app_.maternity.Packages(req.caller, StrParam(req, "lang")), req);
        });
  r.Add("GET", "/api/v1/packages/{code}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          std::optional<int64_t> version;
          if (req.query.contains("version")) {
            const int v = IntParam(req, "version", 0);
            if (v < 1)
              return Fail(ErrorCode::kInvalidArgument, "must be a version number", "version");
            version = v;
          }
          return JsonReply(app_.maternity.Package(req.caller, req.params["code"], version), req);
        });
  r.Add("PUT", "/api/v1/packages/{code}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          TIA_ASSIGN_OR_RETURN(auto out,
                               app_.maternity.PutPackage(req.caller, req.params["code"], body));
          return JsonResponse(out.first, out.second);
        });
  r.Add("GET", "/api/v1/mothers/{mother_id}/pregnancy", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app_.maternity.Pregnancy(req.caller, req.params["mother_id"]), req);
        });
  r.Add("PUT", "/api/v1/mothers/{mother_id}/pregnancy", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          TIA_ASSIGN_OR_RETURN(auto out,
                               app_.maternity.Register(req.caller, req.params["mother_id"], body));
          return JsonResponse(out.first, out.second);
        });
  r.Add("POST", "/api/v1/mothers/{mother_id}/pause", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(app_.maternity.Pause(req.caller, req.params["mother_id"], body), req);
        });
  r.Add("POST", "/api/v1/mothers/{mother_id}/resume", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app_.maternity.Resume(req.caller, req.params["mother_id"]), req);
        });
  r.Add("GET", "/api/v1/pregnancies", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app_.maternity.Registrations(req.caller, StrParam(req, "month")), req);
        });
  r.Add("POST", "/api/v1/pregnancies/{pregnancy_id}/{action}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(app_.maternity.Act(req.caller, req.params["pregnancy_id"],
                                              req.params["action"], body),
                           req);
        });
  // Classes and courses.
  r.Add("PUT", "/api/v1/hospital/courses/{course_id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          TIA_ASSIGN_OR_RETURN(auto out,
                               app_.maternity.PutCourse(req.caller, req.params["course_id"], body));
          return JsonResponse(out.first, out.second);
        });
  r.Add("GET", "/api/v1/courses", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    return JsonReply(app_.maternity.Courses(req.caller), req);
  });
  r.Add("GET", "/api/v1/courses/{course_id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app_.maternity.Course(req.caller, req.params["course_id"]), req);
        });
  r.Add("PUT", "/api/v1/courses/{course_id}/enrolment", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          TIA_ASSIGN_OR_RETURN(auto out,
                               app_.maternity.Enrol(req.caller, req.params["course_id"], body));
          return JsonResponse(out.first, out.second);
        });
  r.Add("POST", "/api/v1/courses/{course_id}/enrolment/cancel", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(app_.maternity.Unenrol(req.caller, req.params["course_id"], body), req);
        });
  r.Add("GET", "/api/v1/courses/{course_id}/calendar.ics", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          const std::string lang = StrParam(req, "lang");
          return CalendarFile(app_.maternity.CourseCalendar(req.caller, req.params["course_id"],
                                                            lang.empty() ? "en" : lang));
        });
  const std::string session = "/api/v1/hospital/courses/{course_id}/sessions/{seq}";
  r.Add("GET", session + "/roster", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(int64_t seq, PathNumber(req, "seq"));
          return JsonReply(app_.maternity.Roster(req.caller, req.params["course_id"], seq), req);
        });
  r.Add("GET", session + "/sign-in-sheet", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(int64_t seq, PathNumber(req, "seq"));
          const std::string lang = StrParam(req, "lang");
          TIA_ASSIGN_OR_RETURN(Json roster,
                               app_.maternity.Roster(req.caller, req.params["course_id"], seq));
          Response resp = TextResponse(200, SignInSheet(roster, lang.empty() ? "vi" : lang));
          resp.content_type = "text/html; charset=utf-8";
          return resp;
        });
  r.Add("POST", session + "/attendance", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(int64_t seq, PathNumber(req, "seq"));
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(
              app_.maternity.Attendance(req.caller, req.params["course_id"], seq, body), req);
        });
  r.Add("POST", session + "/cancel", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(int64_t seq, PathNumber(req, "seq"));
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(
              app_.maternity.CancelSession(req.caller, req.params["course_id"], seq, body), req);
        });
}

}  // namespace tia::http
