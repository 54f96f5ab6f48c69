// The library's staff side: articles, drafts, the review workflow and bylines. Only staff of the
// article's hospital; anyone else gets kNotFound. Every change is audited with the resource
// "article:<slug> v<number>" (or "person:<id>").
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "tia/app/access.h"
#include "tia/app/library_parts.h"
#include "tia/app/scheduling_parts.h"
#include "tia/base/uuid.h"
#include "tia/domain/article.h"
#include "tia/domain/markdown.h"
#include "tia/domain/search_text.h"

namespace tia::app {
namespace lib {

Json PersonView(const PersonRow& p, const std::string& lang) {
  auto profile = domain::ParseStored(p.profile);
  const Json j = profile ? *profile : Json::object();
  auto in_lang = [&](const char* key) {
    const Json& v = j.value(key, Json::object());
    const std::string mine = v.value(lang, "");
    return mine.empty() ? v.value(lang == "vi" ? "en" : "vi", "") : mine;
  };
  return {{"id", p.public_id},
          {"name", j.value("name", "")},
          {"credentials", j.value("credentials", "")},
          {"role", in_lang("role")},
          {"bio", in_lang("bio")},
          {"photo", j.value("photo", "")}};
}

Result<int32_t> HospitalToday(Connection& c, int64_t hospital_id, int64_t now) {
  TIA_ASSIGN_OR_RETURN(Json settings, sched::SettingsOf(c, hospital_id));
  return sched::ParseFrom("", sched::ZoneOf(settings), now);
}

bool Overdue(const VersionRow& v, int32_t today) {
  if (!v.next_review_due) return false;
  const auto due = ParseDate(*v.next_review_due);
  return due && *due < today;
}

}  // namespace lib

namespace {

using domain::ArticleAction;
using domain::ArticleStatus;
using lib::ArticleRow;
using lib::Connection;
using lib::PersonRow;
using lib::VersionRow;
namespace store = storage::library;

Result<int64_t> StaffHospital(const Caller& caller) { return sched::StaffHospital(caller, false); }

std::string Resource(const std::string& slug, int64_t number) {
  return "article:" + slug + " v" + std::to_string(number);
}

Result<Json> Parsed(const std::string& text) { return domain::ParseStored(text); }

// The caller's byline, made from her account's name the first time she writes or reviews.
Result<PersonRow> PersonFor(Connection& c, const Caller& caller, int64_t hospital, int64_t now) {
  TIA_ASSIGN_OR_RETURN(auto mine, store::PersonOfUser(c, hospital, caller.principal->user_id));
  if (mine) return *mine;
  TIA_ASSIGN_OR_RETURN(auto user, storage::users::ById(c, caller.principal->user_id));
  const Json profile = {{"name", user ? user->display_name : std::string()},
                        {"credentials", ""},
                        {"role", {{"vi", ""}, {"en", ""}}},
                        {"bio", {{"vi", ""}, {"en", ""}}},
                        {"photo", ""}};
  return store::InsertPerson(c, {0, NewUuid(), hospital, caller.principal->user_id, profile.dump()},
                             now);
}

// The hospital's bylines by row id, read once for every version a request shows.
using Bylines = std::map<int64_t, Json>;
Result<Bylines> BylinesOf(Connection& c, int64_t hospital) {
  TIA_ASSIGN_OR_RETURN(auto people, store::People(c, hospital));
  Bylines out;
  for (const auto& p : people) out.emplace(p.id, lib::PersonView(p, "vi"));
  return out;
}

Json BylineIn(const Bylines& bylines, std::optional<int64_t> id) {
  const auto it = id ? bylines.find(*id) : bylines.end();
  return it == bylines.end() ? Json(nullptr) : it->second;
}

Result<Json> VersionView(const VersionRow& v, const Bylines& bylines, bool with_content) {
  Json out = {{"number", v.number},
              {"status", v.status},
              {"created_at", FormatUtc(v.created_at)},
              {"next_review_due", v.next_review_due ? Json(*v.next_review_due) : Json(nullptr)},
              {"review_note", v.review_note ? Json(*v.review_note) : Json(nullptr)},
              {"reviewed_languages", Json::array()},
              {"author", BylineIn(bylines, v.author_person_id)},
              {"reviewer", BylineIn(bylines, v.reviewer_person_id)}};
  for (auto [key, at] :
       {std::pair{"submitted_at", v.submitted_at}, std::pair{"reviewed_at", v.reviewed_at},
        std::pair{"published_at", v.published_at}, std::pair{"superseded_at", v.superseded_at}}) {
    out[key] = at ? Json(FormatUtc(*at)) : Json(nullptr);
  }
  if (v.reviewed_languages) {
    TIA_ASSIGN_OR_RETURN(out["reviewed_languages"], Parsed(*v.reviewed_languages));
  }
  if (with_content) {
    TIA_ASSIGN_OR_RETURN(Json content, Parsed(v.content));
    for (auto& [lang, text] : content["texts"].items()) {
      text["html"] = domain::MarkdownToHtml(text["body"].get<std::string>());
    }
    out["content"] = std::move(content);
  }
  return out;
}

struct Loaded {
  int64_t hospital = 0;
  ArticleRow article;
};

Result<Loaded> LoadArticle(Connection& c, const Caller& caller, const std::string& slug) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, StaffHospital(caller));
  TIA_ASSIGN_OR_RETURN(auto a, store::ArticleBySlug(c, hospital, slug));
  if (!a) return tl::unexpected(sched::NotFound());
  return Loaded{hospital, *a};
}

Result<VersionRow> LoadVersion(Connection& c, const ArticleRow& a, int64_t number) {
  TIA_ASSIGN_OR_RETURN(auto v, store::Version(c, a.id, number));
  if (!v) return tl::unexpected(sched::NotFound());
  return *v;
}

Result<ArticleStatus> StatusOf(const VersionRow& v) {
  auto s = domain::ParseArticleStatus(v.status);
  if (!s) return Fail(ErrorCode::kInternal, "a stored article version has an unknown status");
  return *s;
}

// A protocol condition an article says it explains must be one the engine can give.
Result<void> CheckCondition(const engine::Protocol& p, const Json& meta) {
  if (!meta.contains("condition")) return Ok();
  const std::string id = meta["condition"];
  const auto& all = p.conditions();
  if (std::none_of(all.begin(), all.end(), [&](const auto& cnd) { return cnd.id == id; })) {
    return Invalid("/condition", "is not a condition of the care protocol");
  }
  return Ok();
}

Result<Json> MetaOf(const Json& body) {
  Json meta = body;
  meta.erase("content");
  return domain::ValidateArticleMeta(meta);
}

// Indexes a published version's text in every language it has.
Result<void> IndexVersion(Connection& c, int64_t hospital, const ArticleRow& a,
                          const VersionRow& v) {
  TIA_ASSIGN_OR_RETURN(Json content, Parsed(v.content));
  for (const auto& [lang, text] : content["texts"].items()) {
    const std::string title = text["title"];
    const std::string summary = text["summary"];
    const std::string body = domain::MarkdownToText(text["body"].get<std::string>());
    TIA_TRY(store::Index(c, hospital, {v.id, lang, a.slug, title, summary, body},
                         domain::IndexText(fmt::format("{}\n{}\n{}", title, summary, body))));
  }
  return Ok();
}

}  // namespace

Result<Json> Library::List(const Caller& caller) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, StaffHospital(caller));
  const int64_t now = s_.clock->NowMs();
  return s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(auto articles, store::Articles(c, hospital));
    TIA_ASSIGN_OR_RETURN(auto versions, store::VersionsInHospital(c, hospital));
    TIA_ASSIGN_OR_RETURN(int32_t today, lib::HospitalToday(c, hospital, now));
    TIA_ASSIGN_OR_RETURN(Bylines bylines, BylinesOf(c, hospital));
    Json items = Json::array();
    int overdue = 0;
    for (const auto& a : articles) {
      TIA_ASSIGN_OR_RETURN(Json meta, Parsed(a.meta));
      Json item = {{"slug", a.slug},   {"meta", meta},         {"versions", Json::array()},
                   {"title", nullptr}, {"published", nullptr}, {"overdue", false}};
      for (const auto& v : versions) {
        if (v.article_id != a.id) continue;
        TIA_ASSIGN_OR_RETURN(Json view, VersionView(v, bylines, false));
        if (item["title"].is_null()) {
          TIA_ASSIGN_OR_RETURN(Json content, Parsed(v.content));
          const Json& texts = content["texts"];
          item["title"] = (texts.contains("vi") ? texts["vi"] : texts["en"])["title"];
        }
        if (v.status == "published") {
          item["published"] = v.number;
          item["overdue"] = lib::Overdue(v, today);
          overdue += item["overdue"].get<bool>() ? 1 : 0;
        }
        item["versions"].push_back(std::move(view));
      }
      items.push_back(std::move(item));
    }
    return Json{{"items", items}, {"overdue", overdue}, {"today", FormatDate(today)}};
  });
}

Result<Json> Library::Create(const Caller& caller, const Json& body) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, StaffHospital(caller));
  if (!body.is_object()) return Invalid("", "must be a JSON object");
  if (!body.contains("content")) return Invalid("/content", "is required");
  TIA_ASSIGN_OR_RETURN(Json meta, MetaOf(body));
  TIA_TRY(CheckCondition(protocol_, meta));
  auto content = domain::ValidateVersionContent(body["content"]);
  if (!content) {
    Error e = content.error();
    e.field = "/content" + e.field;
    return tl::unexpected(e);
  }
  const int64_t now = s_.clock->NowMs();
  const std::string slug = meta["slug"];
  Json out;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto existing, store::ArticleBySlug(c, hospital, slug));
    if (existing) return Fail(ErrorCode::kConflict, "an article with this slug exists", "/slug");
    TIA_ASSIGN_OR_RETURN(PersonRow author, PersonFor(c, caller, hospital, now));
    TIA_ASSIGN_OR_RETURN(ArticleRow a,
                         store::InsertArticle(c, {0, hospital, slug, meta.dump(), now, now}));
    VersionRow v;
    v.article_id = a.id;
    v.number = 1;
    v.status = "draft";
    v.content = content->dump();
    v.author_person_id = author.id;
    v.created_by = caller.principal->user_id;
    v.created_at = now;
    TIA_ASSIGN_OR_RETURN(v, store::InsertVersion(c, v));
    TIA_ASSIGN_OR_RETURN(Bylines bylines, BylinesOf(c, hospital));
    TIA_ASSIGN_OR_RETURN(Json view, VersionView(v, bylines, true));
    out = {{"slug", slug}, {"meta", meta}, {"version", view}};
    return storage::audit::Append(
        c, AuditOf(s_, caller, "create", Resource(slug, 1), "success", std::nullopt));
  }));
  Changed();
  return out;
}

Result<Json> Library::UpdateMeta(const Caller& caller, const std::string& slug, const Json& body) {
  TIA_ASSIGN_OR_RETURN(Json meta, domain::ValidateArticleMeta(body));
  TIA_TRY(CheckCondition(protocol_, meta));
  const int64_t now = s_.clock->NowMs();
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(Loaded l, LoadArticle(c, caller, slug));
    TIA_ASSIGN_OR_RETURN(Json old, Parsed(l.article.meta));
    if (meta["slug"] != old["slug"])
      return Invalid("/slug", "cannot change; it is the page's address");
    if (meta["kind"] != old["kind"]) return Invalid("/kind", "cannot change");
    TIA_TRY(store::UpdateArticleMeta(c, l.article.id, meta.dump(), now));
    return storage::audit::Append(
        c, AuditOf(s_, caller, "update_meta", "article:" + slug, "success", std::nullopt));
  }));
  Changed();
  return Json{{"slug", slug}, {"meta", meta}};
}

Result<Json> Library::NewVersion(const Caller& caller, const std::string& slug, const Json& body) {
  TIA_ASSIGN_OR_RETURN(Json content, domain::ValidateVersionContent(body));
  const int64_t now = s_.clock->NowMs();
  Json out;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(Loaded l, LoadArticle(c, caller, slug));
    TIA_ASSIGN_OR_RETURN(auto versions, store::Versions(c, l.article.id));
    for (const auto& v : versions) {
      if (v.status == "draft" || v.status == "in_review" || v.status == "approved") {
        return Fail(ErrorCode::kConflict, "version " + std::to_string(v.number) +
                                              " is still open; finish or return it first");
      }
    }
    TIA_ASSIGN_OR_RETURN(PersonRow author, PersonFor(c, caller, l.hospital, now));
    VersionRow v;
    v.article_id = l.article.id;
    TIA_ASSIGN_OR_RETURN(v.number, store::NextVersionNumber(c, l.article.id));
    v.status = "draft";
    v.content = content.dump();
    v.author_person_id = author.id;
    v.created_by = caller.principal->user_id;
    v.created_at = now;
    TIA_ASSIGN_OR_RETURN(v, store::InsertVersion(c, v));
    TIA_ASSIGN_OR_RETURN(Bylines bylines, BylinesOf(c, l.hospital));
    TIA_ASSIGN_OR_RETURN(out, VersionView(v, bylines, true));
    return storage::audit::Append(
        c, AuditOf(s_, caller, "create", Resource(slug, v.number), "success", std::nullopt));
  }));
  Changed();
  return out;
}

Result<Json> Library::EditDraft(const Caller& caller, const std::string& slug, int64_t number,
                                const Json& body) {
  TIA_ASSIGN_OR_RETURN(Json content, domain::ValidateVersionContent(body));
  Json out;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(Loaded l, LoadArticle(c, caller, slug));
    TIA_ASSIGN_OR_RETURN(VersionRow v, LoadVersion(c, l.article, number));
    if (v.status != "draft") {
      return Fail(ErrorCode::kConflict, "only a draft changes; this version is " + v.status);
    }
    TIA_TRY(store::UpdateDraft(c, v.id, content.dump()));
    v.content = content.dump();
    TIA_ASSIGN_OR_RETURN(Bylines bylines, BylinesOf(c, l.hospital));
    TIA_ASSIGN_OR_RETURN(out, VersionView(v, bylines, true));
    return storage::audit::Append(
        c, AuditOf(s_, caller, "edit", Resource(slug, number), "success", std::nullopt));
  }));
  Changed();
  return out;
}

Result<Json> Library::Act(const Caller& caller, const std::string& slug, int64_t number,
                          const std::string& action, const Json& body) {
  const std::map<std::string, ArticleAction, std::less<>> actions = {
      {"submit", ArticleAction::kSubmit},
      {"return", ArticleAction::kReturn},
      {"approve", ArticleAction::kApprove},
      {"publish", ArticleAction::kPublish}};
  const auto found = actions.find(action);
  if (found == actions.end()) return tl::unexpected(sched::NotFound());
  const ArticleAction act = found->second;
  if (!body.is_object()) return Invalid("", "must be a JSON object");
  const int64_t now = s_.clock->NowMs();
  Json out;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(Loaded l, LoadArticle(c, caller, slug));
    TIA_ASSIGN_OR_RETURN(VersionRow v, LoadVersion(c, l.article, number));
    TIA_ASSIGN_OR_RETURN(ArticleStatus from, StatusOf(v));
    TIA_ASSIGN_OR_RETURN(ArticleStatus to, domain::Transition(from, act));
    domain::FieldReader r(body, "");
    if (act == ArticleAction::kSubmit || act == ArticleAction::kPublish) {
      TIA_TRY(r.Finish());
    }
    if (act == ArticleAction::kSubmit) v.submitted_at = now;
    if (act == ArticleAction::kReturn) {
      auto note = r.String("note", 1000, true);
      TIA_TRY(r.Finish());
      if (note->empty()) return Invalid("/note", "must say what to change");
      v.review_note = *note;
    }
    if (act == ArticleAction::kApprove) {
      if (caller.principal->role != auth::Role::kClinician) {
        return Fail(ErrorCode::kForbidden, "only a clinician approves an article");
      }
      TIA_ASSIGN_OR_RETURN(PersonRow reviewer, PersonFor(c, caller, l.hospital, now));
      if (v.created_by == caller.principal->user_id || reviewer.id == v.author_person_id) {
        return Fail(ErrorCode::kForbidden,
                    "a clinician who did not write this version must approve it");
      }
      TIA_ASSIGN_OR_RETURN(Json content, Parsed(v.content));
      TIA_ASSIGN_OR_RETURN(int32_t today, lib::HospitalToday(c, l.hospital, now));
      TIA_ASSIGN_OR_RETURN(Json approval, domain::ValidateApproval(body, content, today));
      v.reviewer_person_id = reviewer.id;
      v.reviewed_by = caller.principal->user_id;
      v.reviewed_languages = approval["languages"].dump();
      v.next_review_due = approval["next_review_due"].get<std::string>();
      v.reviewed_at = now;
      v.review_note.reset();
    }
    if (act == ArticleAction::kPublish) {
      TIA_ASSIGN_OR_RETURN(auto current, store::Published(c, l.article.id));
      if (current) {
        VersionRow old = current->version;
        TIA_ASSIGN_OR_RETURN(ArticleStatus gone, domain::Transition(ArticleStatus::kPublished,
                                                                    ArticleAction::kSupersede));
        old.status = std::string(domain::StatusName(gone));
        old.superseded_at = now;
        TIA_TRY(store::UpdateState(c, old));
        TIA_TRY(store::Unindex(c, old.id));
      }
      v.published_at = now;
      TIA_TRY(IndexVersion(c, l.hospital, l.article, v));
    }
    v.status = std::string(domain::StatusName(to));
    TIA_TRY(store::UpdateState(c, v));
    TIA_ASSIGN_OR_RETURN(Bylines bylines, BylinesOf(c, l.hospital));
    TIA_ASSIGN_OR_RETURN(out, VersionView(v, bylines, false));
    return storage::audit::Append(
        c, AuditOf(s_, caller, action, Resource(slug, number), "success", std::nullopt));
  }));
  Changed();
  return out;
}

Result<Json> Library::StaffVersion(const Caller& caller, const std::string& slug, int64_t number) {
  return s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(Loaded l, LoadArticle(c, caller, slug));
    TIA_ASSIGN_OR_RETURN(VersionRow v, LoadVersion(c, l.article, number));
    TIA_ASSIGN_OR_RETURN(Bylines bylines, BylinesOf(c, l.hospital));
    TIA_ASSIGN_OR_RETURN(Json out, VersionView(v, bylines, true));
    TIA_ASSIGN_OR_RETURN(out["meta"], Parsed(l.article.meta));
    return out;
  });
}

Result<Json> Library::Diff(const Caller& caller, const std::string& slug, int64_t from,
                           int64_t to) {
  return s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(Loaded l, LoadArticle(c, caller, slug));
    TIA_ASSIGN_OR_RETURN(VersionRow a, LoadVersion(c, l.article, from));
    TIA_ASSIGN_OR_RETURN(VersionRow b, LoadVersion(c, l.article, to));
    TIA_ASSIGN_OR_RETURN(Json ca, Parsed(a.content));
    TIA_ASSIGN_OR_RETURN(Json cb, Parsed(b.content));
    Json out = {{"from", from}, {"to", to}, {"texts", Json::object()}};
    for (std::string_view lang_view : domain::kLanguages) {
      const std::string lang(lang_view);
      Json one = Json::object();
      for (const char* field : {"title", "summary", "body"}) {
        auto text = [&](const Json& content) {
          return content["texts"].contains(lang)
                     ? content["texts"][lang].value(field, std::string())
                     : std::string();
        };
        one[field] = domain::LineDiff(text(ca), text(cb));
      }
      out["texts"][lang] = std::move(one);
    }
    auto refs = [](const Json& content) {
      std::string s;
      for (const auto& r : content["references"]) s += r.dump() + "\n";
      return s;
    };
    out["references"] = domain::LineDiff(refs(ca), refs(cb));
    return out;
  });
}

Result<int> Library::Seed(int64_t hospital_id, const Json& author,
                          const std::vector<Json>& articles) {
  const int64_t now = s_.clock->NowMs();
  int added = 0;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto people, store::People(c, hospital_id));
    std::optional<PersonRow> byline;
    for (const auto& p : people) {
      TIA_ASSIGN_OR_RETURN(Json profile, Parsed(p.profile));
      if (!p.user_id && profile.value("name", "") == author.value("name", "")) byline = p;
    }
    if (!byline) {
      TIA_ASSIGN_OR_RETURN(
          byline,
          store::InsertPerson(c, {0, NewUuid(), hospital_id, std::nullopt, author.dump()}, now));
    }
    for (const Json& one : articles) {
      TIA_ASSIGN_OR_RETURN(Json meta, MetaOf(one));
      TIA_TRY(CheckCondition(protocol_, meta));
      TIA_ASSIGN_OR_RETURN(Json content,
                           domain::ValidateVersionContent(one.value("content", Json())));
      const std::string slug = meta["slug"];
      TIA_ASSIGN_OR_RETURN(auto existing, store::ArticleBySlug(c, hospital_id, slug));
      if (existing) continue;
      TIA_ASSIGN_OR_RETURN(ArticleRow a,
                           store::InsertArticle(c, {0, hospital_id, slug, meta.dump(), now, now}));
      VersionRow v;
      v.article_id = a.id;
      v.number = 1;
      TIA_ASSIGN_OR_RETURN(ArticleStatus in_review,
                           domain::Transition(ArticleStatus::kDraft, ArticleAction::kSubmit));
      v.status = std::string(domain::StatusName(in_review));
      v.content = content.dump();
      v.author_person_id = byline->id;
      v.created_at = now;
      TIA_ASSIGN_OR_RETURN(v, store::InsertVersion(c, v));
      v.submitted_at = now;
      TIA_TRY(store::UpdateState(c, v));
      ++added;
    }
    return Ok();
  }));
  Changed();
  return added;
}

Result<Json> Library::People(const Caller& caller) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, StaffHospital(caller));
  return s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(auto people, store::People(c, hospital));
    Json items = Json::array();
    for (const auto& p : people) {
      TIA_ASSIGN_OR_RETURN(Json profile, Parsed(p.profile));
      profile["id"] = p.public_id;
      profile["is_me"] = p.user_id == caller.principal->user_id;
      items.push_back(std::move(profile));
    }
    return Json{{"items", items}};
  });
}

Result<Json> Library::PutPerson(const Caller& caller, const std::string& id, const Json& body) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, StaffHospital(caller));
  if (!body.is_object()) return Invalid("", "must be a JSON object");
  domain::FieldReader r(body, "");
  auto name = r.String("name", 120, true);
  auto credentials = r.String("credentials", 200);
  auto photo = r.String("photo", 500);
  Json profile = {{"name", name.value_or("")},
                  {"credentials", credentials.value_or("")},
                  {"photo", photo.value_or("")},
                  {"role", {{"vi", ""}, {"en", ""}}},
                  {"bio", {{"vi", ""}, {"en", ""}}}};
  for (const char* key : {"role", "bio"}) {
    if (const Json* obj = r.Object(key)) {
      domain::FieldReader t(*obj, std::string("/") + key);
      for (std::string_view lang : domain::kLanguages) {
        if (auto v = t.String(lang, key == std::string("role") ? 120 : 1000)) {
          profile[key][std::string(lang)] = *v;
        }
      }
      r.Merge(t);
    }
  }
  TIA_TRY(r.Finish());
  if (name->empty()) return Invalid("/name", "must not be empty");
  if (photo && !photo->empty() && photo->rfind("https://", 0) != 0 && photo->rfind("/", 0) != 0) {
    return Invalid("/photo", "must be a path on this site or an https:// address");
  }
  const int64_t now = s_.clock->NowMs();
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    std::optional<PersonRow> p;
    if (id == "me") {
      TIA_ASSIGN_OR_RETURN(p, PersonFor(c, caller, hospital, now));
    } else {
      TIA_ASSIGN_OR_RETURN(p, store::PersonByPublicId(c, hospital, id));
      if (!p) return tl::unexpected(sched::NotFound());
      if (p->user_id != caller.principal->user_id &&
          caller.principal->role != auth::Role::kHospitalAdmin) {
        return Fail(ErrorCode::kForbidden, "only an administrator changes another person's byline");
      }
    }
    TIA_TRY(store::UpdatePerson(c, p->id, profile.dump(), now));
    profile["id"] = p->public_id;
    return storage::audit::Append(
        c, AuditOf(s_, caller, "update", "person:" + p->public_id, "success", std::nullopt));
  }));
  Changed();
  return profile;
}

}  // namespace tia::app
