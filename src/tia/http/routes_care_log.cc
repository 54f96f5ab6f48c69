// The care log: the mother's profile, summary and charts, her export, every kind of record
// (list, read, write with If-Match, delete, history) and the phone's batched sync.
#include <future>
#include <mutex>

#include "tia/app/access.h"
#include "tia/http/api.h"
#include "tia/http/catalogue.h"
#include "tia/http/reply.h"

namespace tia::http {

void Api::AddCareLogRoutes() {
  const std::string m = "/api/v1/mothers/{mother_id}";
  router_.Add(
      "GET", m + "/profile", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
        return JsonReply(app_.care_log.GetProfile(req.caller, req.params["mother_id"]), req);
      });
  router_.Add("PUT", m + "/profile", Access::kAuthenticated,
              [this](Request& req) -> Result<Response> {
                TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
                TIA_ASSIGN_OR_RETURN(
                    auto w, app_.care_log.PutProfile(req.caller, req.params["mother_id"], body));
                return RecordResponse(w);
              });
  router_.Add("GET", m + "/summary", Access::kAuthenticated,
              [this](Request& req) -> Result<Response> {
                return JsonReply(app_.care_log.Summary(req.caller, req.params["mother_id"]), req);
              });
  router_.Add(
      "GET", m + "/charts", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
        return JsonReply(
            app_.care_log.Charts(req.caller, req.params["mother_id"], IntParam(req, "days", 14)),
            req);
      });
  router_.Add(
      "GET", m + "/export", Access::kAuthenticated, [this](Request& req) -> Result<Response> {
        TIA_ASSIGN_OR_RETURN(Json out, app_.care_log.Export(req.caller, req.params["mother_id"]));
        Response resp = JsonResponse(200, out);
        resp.headers.emplace_back("Content-Disposition",
                                  "attachment; filename=\"tia-export.json\"");
        return resp;
      });

  // Her entries from another tracker (docs/imports.md): the export file is the raw body; the
  // query says its format, zone and units, and whether to store or only preview.
  router_
      .Add("POST", m + "/imports", Access::kAuthenticated,
           [this](Request& req) -> Result<Response> {
             app::ImportQuery q;
             q.format = StrParam(req, "format");
             q.time_zone = StrParam(req, "time_zone");
             q.volume_unit = StrParam(req, "volume_unit");
             q.temperature_unit = StrParam(req, "temperature_unit");
             q.weight_unit = StrParam(req, "weight_unit");
             const std::string dry = StrParam(req, "dry_run");
             if (dry != "" && dry != "true" && dry != "false") {
               return Invalid("/dry_run", "must be true or false");
             }
             q.dry_run = dry != "false";
             const engine::Lang lang = req.caller.lang;
             q.say = [lang](const std::string& english) { return Localize(english, lang); };
             return JsonReply(
                 app_.care_log.Import(req.caller, req.params["mother_id"], req.body, q), req);
           })
      .raw_body = true;
  router_.Add("GET", m + "/export/csv/{collection}", Access::kAuthenticated,
              [this](Request& req) -> Result<Response> {
                const std::string& collection = req.params["collection"];
                TIA_ASSIGN_OR_RETURN(
                    std::string csv,
                    app_.care_log.ExportCsv(req.caller, req.params["mother_id"], collection));
                Response resp;
                resp.content_type = "text/csv; charset=utf-8";
                resp.body = std::move(csv);
                resp.headers.emplace_back("Content-Disposition",
                                          "attachment; filename=\"tia-" + collection + ".csv\"");
                return resp;
              });

  for (const auto& info : domain::RecordKinds()) {
    const auto kind = info.kind;
    const std::string base = "/api/v1/mothers/{mother_id}/" + std::string(info.collection);
    router_
        .Add("GET", base, Access::kAuthenticated,
             [this, kind](Request& req) -> Result<Response> {
               app::ListQuery q;
               if (auto it = req.query.find("cursor"); it != req.query.end()) q.cursor = it->second;
               q.limit = IntParam(req, "limit", q.limit);
               TIA_ASSIGN_OR_RETURN(
                   std::string page,
                   app_.care_log.List(req.caller, req.params["mother_id"], kind, q));
               return TextResponse(200, std::move(page));
             })
        .exec = Exec::kInline;
    router_
        .Add("GET", base + "/{id}", Access::kAuthenticated,
             [this, kind](Request& req) -> Result<Response> {
               TIA_ASSIGN_OR_RETURN(auto rec, app_.care_log.Get(req.caller, req.params["mother_id"],
                                                                kind, req.params["id"]));
               return RecordResponse(rec);
             })
        .exec = Exec::kInline;
    auto& put = router_.Add(
        "PUT", base + "/{id}", Access::kAuthenticated,
        [this, kind](Request& req) -> Result<Response> {
          TIA_ASSIGN_OR_RETURN(Json body, BodyJson(req));
          TIA_ASSIGN_OR_RETURN(auto if_match, IfMatch(req));
          TIA_ASSIGN_OR_RETURN(auto w, app_.care_log.Put(req.caller, req.params["mother_id"], kind,
                                                         req.params["id"], body, if_match));
          return RecordResponse(w);
        });
    put.exec = Exec::kAsync;
    put.async_handler = [this, kind](Request& req, http::Reply reply) {
      auto body = BodyJson(req);
      if (!body) return reply(tl::unexpected(body.error()));
      auto if_match = IfMatch(req);
      if (!if_match) return reply(tl::unexpected(if_match.error()));
      app_.care_log.PutAsync(req.caller, req.params["mother_id"], kind, req.params["id"], *body,
                             *if_match, [reply = std::move(reply)](Result<app::RecordReply> w) {
                               if (!w) return reply(tl::unexpected(w.error()));
                               reply(RecordResponse(*w));
                             });
    };
    router_.Add("DELETE", base + "/{id}", Access::kAuthenticated,
                [this, kind](Request& req) -> Result<Response> {
                  return JsonReply(app_.care_log.Delete(req.caller, req.params["mother_id"], kind,
                                                        req.params["id"]),
                                   req);
                });
    router_
        .Add("GET", base + "/{id}/history", Access::kAuthenticated,
             [this, kind](Request& req) -> Result<Response> {
               return JsonReply(app_.care_log.History(req.caller, req.params["mother_id"], kind,
                                                      req.params["id"]),
                                req);
             })
        .exec = Exec::kInline;
  }

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
  if (auto who = app::ResolveSubject(app_.services, req.caller, req.params["mother_id"],
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
    const int64_t offset_ms = sent_at->utc_ms - app_.services.clock->NowMs();
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
    app_.care_log.PutAsync(
        req.caller, req.params["mother_id"], item.kind, item.id, *item.body, std::nullopt,
        [settle, i, head, prefix, lang = req.caller.lang](Result<app::RecordReply> w) {
          if (w) {
            settle(i, head + "\"status\":" + (w->created ? "201" : "200") +
                          ",\"record\":" + w->json + "}");
            return;
          }
          const Error& e = w.error();
          std::string field = e.field == "/id"  ? prefix + "/id"
                              : e.field.empty() ? std::string()
                                                : prefix + "/body" + e.field;
          Json err = {{"status", StatusOf(e.code)},
                      {"detail", Localize(e.message, lang)},
                      {"field", field}};
          settle(i, head + "\"status\":" + std::to_string(StatusOf(e.code)) + ",\"error\":" +
                        err.dump(-1, ' ', false, Json::error_handler_t::replace) + "}");
        });
  }
}
}  // namespace tia::http
