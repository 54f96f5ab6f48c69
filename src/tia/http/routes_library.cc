// The health library: staff write and review articles (/api/v1/hospital/articles...), anyone reads
// what is published — as JSON for the app (/api/v1/library/{hospital}/...) and as HTML pages for
// everyone else (/library/{hospital}/{lang}/..., sitemap.xml, robots.txt; http/library_pages.h).
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include "tia/http/api.h"
#include "tia/http/library_pages.h"
#include "tia/http/reply.h"

namespace tia::http {
namespace {

// The reader's language as the library names it: `?lang=` (refused unless vi or en), else hers.
Result<std::string> ReaderLang(const Request& req) {
  TIA_ASSIGN_OR_RETURN(engine::Lang lang, LangOf(req));
  return std::string(lang == engine::Lang::kVi ? "vi" : "en");
}

// A reader who follows a dead link gets a page, not a problem document.
Response NotFoundPage(const Request& req) {
  const bool vi = req.path.find("/vi") != std::string::npos || req.caller.lang == engine::Lang::kVi;
  Response r;
  r.status = 404;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::string("<!DOCTYPE html>\n<html lang=\"") + (vi ? "vi" : "en") +
           "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
           "content=\"width=device-width, initial-scale=1\">\n<title>" +
           (vi ? "Không tìm thấy trang" : "Page not found") +
           "</title>\n<link rel=\"stylesheet\" "
           "href=\"/library/assets/library.css\">\n</head>\n<body>\n<main>\n<h1>" +
           (vi ? "Không tìm thấy trang" : "Page not found") + "</h1>\n<p><a href=\"/\">" +
           (vi ? "Về trang chủ" : "Go to the home page") + "</a></p>\n</main>\n</body>\n</html>\n";
  return r;
}

}  // namespace

void Api::AddLibraryRoutes() {
  auto& r = router_;
  const std::string staff = "/api/v1/hospital/articles";
  r.Add("GET", staff, Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    return JsonReply(app_.library.List(req.caller), req);
  });
  r.Add("POST", staff, Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
    return JsonReply(app_.library.Create(req.caller, body), req, 201);
  });
  r.Add("PUT", staff + "/{slug}", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
    TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
    return JsonReply(app_.library.UpdateMeta(req.caller, req.params["slug"], body), req);
  });
  r.Add("POST", staff + "/{slug}/versions", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(app_.library.NewVersion(req.caller, req.params["slug"], body), req, 201);
        });
  r.Add("GET", staff + "/{slug}/versions/{number}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(int64_t n, PathNumber(req, "number"));
          return JsonReply(app_.library.StaffVersion(req.caller, req.params["slug"], n), req);
        });
  r.Add("PUT", staff + "/{slug}/versions/{number}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(int64_t n, PathNumber(req, "number"));
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(app_.library.EditDraft(req.caller, req.params["slug"], n, body), req);
        });
  r.Add("POST", staff + "/{slug}/versions/{number}/{action}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(int64_t n, PathNumber(req, "number"));
          Json body = Json::object();
          if (!req.body.empty()) {
            TIA_ASSIGN_OR_RETURN(body, BodyJson(req));
          }
          return JsonReply(
              app_.library.Act(req.caller, req.params["slug"], n, req.params["action"], body), req);
        });
  r.Add("GET", staff + "/{slug}/diff", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          const int from = IntParam(req, "from", 0);
          const int to = IntParam(req, "to", 0);
          if (from < 1) return Invalid("from", "must be a version number");
          if (to < 1) return Invalid("to", "must be a version number");
          return JsonReply(app_.library.Diff(req.caller, req.params["slug"], from, to), req);
        });
  r.Add("GET", "/api/v1/hospital/people", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          return JsonReply(app_.library.People(req.caller), req);
        });
  r.Add("PUT", "/api/v1/hospital/people/{person_id}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          return JsonReply(app_.library.PutPerson(req.caller, req.params["person_id"], body), req);
        });

  // A mother's week on the chained clock, with her hospital's card for it.
  r.Add("GET", "/api/v1/mothers/{mother_id}/week", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(std::string lang, ReaderLang(req));
          return JsonReply(app_.library.Week(req.caller, req.params["mother_id"], lang), req);
        });

  // What anyone reads, as JSON for the app.
  const std::string pub = "/api/v1/library/{hospital}";
  r.Add("GET", pub + "/articles", Access::kPublic, [this](Request& req) -> Result<Response> {
    TIA_ASSIGN_OR_RETURN(std::string lang, ReaderLang(req));
    return JsonReply(app_.library.Index(req.params["hospital"], lang, StrParam(req, "topic")), req);
  });
  r.Add("GET", pub + "/articles/{slug}", Access::kPublic, [this](Request& req) -> Result<Response> {
    std::optional<int64_t> version;
    if (!StrParam(req, "version").empty()) {
      const int v = IntParam(req, "version", 0);
      if (v < 1) return Invalid("version", "must be a version number");
      version = v;
    }
    TIA_ASSIGN_OR_RETURN(std::string lang, ReaderLang(req));
    return JsonReply(app_.library.Page(req.params["hospital"], req.params["slug"], lang, version),
                     req);
  });
  // Questions from readers: anyone reads the approved ones; a signed-in mother asks.
  r.Add("GET", pub + "/articles/{slug}/questions", Access::kPublic,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(std::string lang, ReaderLang(req));
          return JsonReply(
              app_.library.Questions(req.caller, req.params["hospital"], req.params["slug"], lang),
              req);
        });
  r.Add("POST", pub + "/articles/{slug}/questions", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          TIA_ASSIGN_OR_RETURN(auto reply, app_.library.Ask(req.caller, req.params["hospital"],
                                                            req.params["slug"], body));
          return JsonResponse(reply.first, reply.second);
        });
  r.Add("GET", "/api/v1/hospital/questions", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(std::string lang, ReaderLang(req));
          const std::string status =
              req.query.contains("status") ? StrParam(req, "status") : std::string("pending");
          return JsonReply(app_.library.QuestionQueue(req.caller, status, lang), req);
        });
  r.Add("POST", "/api/v1/hospital/questions/{question_id}/{action}", Access::kAuthenticated,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(std::string lang, ReaderLang(req));
          Json body = Json::object();
          if (!req.body.empty()) {
            TIA_ASSIGN_OR_RETURN(body, BodyJson(req));
          }
          return JsonReply(app_.library.Moderate(req.caller, req.params["question_id"],
                                                 req.params["action"], body, lang),
                           req);
        });
  r.Add("GET", pub + "/search", Access::kPublic, [this](Request& req) -> Result<Response> {
    TIA_ASSIGN_OR_RETURN(std::string lang, ReaderLang(req));
    return JsonReply(app_.library.Search(req.params["hospital"], lang, StrParam(req, "q"),
                                         IntParam(req, "limit", 10)),
                     req);
  });
  r.Add("GET", pub + "/people/{person_id}", Access::kPublic,
        [this](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(std::string lang, ReaderLang(req));
          return JsonReply(
              app_.library.Person(req.params["hospital"], lang, req.params["person_id"]), req);
        });
}

void Api::AddLibraryPages() {
  library_pages_ = std::make_unique<LibraryPages>(app_.library, app_.maternity,
                                                  *app_.services.clock, opt_.public_url);
  auto key_of = [](const Request& req) {
    std::string key = req.path;
    char sep = '?';
    for (const auto& [k, v] : req.query) {
      key += sep;
      key += k;
      key += '=';
      key += v;
      sep = '&';
    }
    return key;
  };
  auto build = [this, key_of](Request& req) -> Result<Response> {
    auto page = library_pages_->Build(key_of(req), req);
    if (!page && page.error().code == ErrorCode::kNotFound) return NotFoundPage(req);
    return page;
  };
  // A cached page answers on the I/O thread; building one reads the database on the pool.
  auto async = [this, key_of, build](Request& req, Reply reply) {
    if (auto hit = library_pages_->Cached(key_of(req))) return reply(std::move(*hit));
    boost::asio::post(*workers_, [&req, reply = std::move(reply), build]() mutable {
      try {
        reply(build(req));
      } catch (const std::exception&) {
        reply(Fail(ErrorCode::kInternal, "the page could not be built"));
      }
    });
  };
  // Before the pages: "/library/{hospital}/{lang}" would match it too.
  router_
      .Add("GET", "/library/assets/library.css", Access::kPublic,
           [](Request&) -> Result<Response> {
             Response resp;
             resp.content_type = "text/css; charset=utf-8";
             resp.body = std::string(LibraryPages::Stylesheet());
             resp.headers.emplace_back("Cache-Control", "public, max-age=3600");
             return resp;
           })
      .exec = Exec::kInline;
  for (const char* path :
       {"/sitemap.xml", "/robots.txt", "/library/{hospital}/{lang}",
        "/library/{hospital}/{lang}/search", "/library/{hospital}/{lang}/topics/{topic}",
        "/library/{hospital}/{lang}/people/{person}", "/library/{hospital}/{lang}/packages",
        "/library/{hospital}/{lang}/packages/{code}", "/library/{hospital}/{lang}/{slug}",
        "/library/{hospital}/{lang}/{slug}/versions/{number}"}) {
    Route& route = router_.Add("GET", path, Access::kPublic, build);
    route.exec = Exec::kAsync;
    route.async_handler = async;
  }
}

}  // namespace tia::http
