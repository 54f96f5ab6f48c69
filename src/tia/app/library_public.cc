// The library's public side: what anyone reads without signing in — published pages, topic lists,
// bylines, search and the sitemap's entries. Nothing unpublished is ever returned: an unknown
// hospital, slug, language or an unpublished version are all kNotFound.
#include <algorithm>
#include <map>

#include "tia/app/library_parts.h"
#include "tia/app/scheduling_parts.h"
#include "tia/domain/article.h"
#include "tia/domain/markdown.h"
#include "tia/domain/search_text.h"
#include "tia/storage/repositories.h"

namespace tia::app {
namespace {

using lib::ArticleRow;
using lib::Connection;
using lib::VersionRow;
namespace store = storage::library;

bool KnownLang(const std::string& lang) { return lang == "vi" || lang == "en"; }

struct Site {
  storage::HospitalRow hospital;
  Json settings;
  int32_t today = 0;  // in the hospital's time zone
  Json head;          // {hospital {code, name}, contact {hotline, emergency}, lang}
};

Result<Site> SiteOf(Connection& c, const std::string& code, const std::string& lang, int64_t now) {
  if (!KnownLang(lang)) return tl::unexpected(sched::NotFound());
  TIA_ASSIGN_OR_RETURN(auto h, storage::hospitals::ByCode(c, code));
  if (!h) return tl::unexpected(sched::NotFound());
  TIA_ASSIGN_OR_RETURN(Json settings, sched::SettingsOf(c, h->id));
  Json contact = {{"hotline", nullptr}, {"emergency", "115"}};
  if (settings.is_object()) {
    contact["hotline"] = settings["hotline"].value("number", Json(nullptr));
    contact["emergency"] = settings.value("emergency_number", "115");
  }
  Json head = {
      {"hospital", {{"code", h->code}, {"name", h->name}}}, {"contact", contact}, {"lang", lang}};
  TIA_ASSIGN_OR_RETURN(int32_t today, sched::ParseFrom("", sched::ZoneOf(settings), now));
  return Site{*h, std::move(settings), today, std::move(head)};
}

// The text of a version in `lang`, or null when it has none.
Result<Json> TextIn(const VersionRow& v, const std::string& lang) {
  TIA_ASSIGN_OR_RETURN(Json content, domain::ParseStored(v.content));
  return content["texts"].contains(lang) ? content["texts"][lang] : Json(nullptr);
}

Json TopicView(const std::string& id, const std::string& lang) {
  const domain::Topic* t = domain::FindTopic(id);
  if (!t) return {{"id", id}, {"name", id}};
  return {{"id", id}, {"name", std::string(lang == "vi" ? t->name_vi : t->name_en)}};
}

std::string LocalDate(const Json& settings, int64_t ms) {
  return sched::InZone(sched::ZoneOf(settings), ms).substr(0, 10);
}

// A list entry for a published page in `lang` (null when it has no text in `lang`).
Result<Json> Entry(const store::PublishedRow& p, const std::string& lang, int32_t today) {
  TIA_ASSIGN_OR_RETURN(Json text, TextIn(p.version, lang));
  if (text.is_null()) return Json(nullptr);
  TIA_ASSIGN_OR_RETURN(Json meta, domain::ParseStored(p.article.meta));
  return Json{{"slug", p.article.slug},
              {"kind", meta["kind"]},
              {"topic", meta["topic"]},
              {"week", meta.value("week", Json(nullptr))},
              {"title", text["title"]},
              {"summary", text["summary"]},
              {"overdue", lib::Overdue(p.version, today)}};
}

Result<Json> Byline(Connection& c, std::optional<int64_t> id, const std::string& lang) {
  if (!id) return Json(nullptr);
  TIA_ASSIGN_OR_RETURN(auto p, store::PersonById(c, *id));
  return p ? lib::PersonView(*p, lang) : Json(nullptr);
}

}  // namespace

Result<Json> Library::Page(const std::string& hospital, const std::string& slug,
                           const std::string& lang, std::optional<int64_t> number) {
  const int64_t now = s_.clock->NowMs();
  return s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(Site site, SiteOf(c, hospital, lang, now));
    TIA_ASSIGN_OR_RETURN(auto article, store::ArticleBySlug(c, site.hospital.id, slug));
    if (!article) return tl::unexpected(sched::NotFound());
    TIA_ASSIGN_OR_RETURN(auto versions, store::Versions(c, article->id));
    const VersionRow* shown = nullptr;
    const VersionRow* latest = nullptr;
    Json history = Json::array();
    for (const auto& v : versions) {
      if (v.status != "published" && v.status != "superseded") continue;
      if (v.status == "published") latest = &v;
      if (number ? v.number == *number : v.status == "published") shown = &v;
      history.push_back({{"number", v.number},
                         {"published_at", LocalDate(site.settings, v.published_at.value_or(0))},
                         {"current", v.status == "published"}});
    }
    if (!shown) return tl::unexpected(sched::NotFound());
    TIA_ASSIGN_OR_RETURN(Json text, TextIn(*shown, lang));
    if (text.is_null()) return tl::unexpected(sched::NotFound());
    TIA_ASSIGN_OR_RETURN(Json content, domain::ParseStored(shown->content));
    TIA_ASSIGN_OR_RETURN(Json meta, domain::ParseStored(article->meta));
    TIA_ASSIGN_OR_RETURN(Json reviewed,
                         domain::ParseStored(shown->reviewed_languages.value_or("[]")));
    const int32_t today = site.today;
    Json out = site.head;
    Json languages = Json::array();
    for (const auto& [l, unused] : content["texts"].items()) languages.push_back(l);
    Json refs = Json::array();
    int n = 0;
    for (Json r : content["references"]) {
      r["n"] = ++n;
      refs.push_back(std::move(r));
    }
    out.update({{"slug", article->slug},
                {"kind", meta["kind"]},
                {"topic", TopicView(meta["topic"], lang)},
                {"tags", meta["tags"]},
                {"audience", meta["audience"]},
                {"condition", meta.value("condition", Json(nullptr))},
                {"week", meta.value("week", Json(nullptr))},
                {"languages", languages},
                {"title", text["title"]},
                {"summary", text["summary"]},
                {"html", domain::MarkdownToHtml(text["body"].get<std::string>())},
                {"references", refs},
                {"size", content.value("size", Json(nullptr))},
                {"version",
                 {{"number", shown->number},
                  {"latest", latest ? Json(latest->number) : Json(nullptr)},
                  {"is_latest", shown == latest}}},
                {"versions", history},
                {"published_at", LocalDate(site.settings, shown->published_at.value_or(0))},
                {"last_reviewed", LocalDate(site.settings, shown->reviewed_at.value_or(0))},
                {"next_review_due", shown->next_review_due.value_or("")},
                {"overdue", lib::Overdue(*shown, today)},
                {"translation_reviewed",
                 std::find(reviewed.begin(), reviewed.end(), lang) != reviewed.end()},
                {"reviewed_languages", reviewed}});
    TIA_ASSIGN_OR_RETURN(out["author"], Byline(c, shown->author_person_id, lang));
    TIA_ASSIGN_OR_RETURN(out["reviewer"], Byline(c, shown->reviewer_person_id, lang));
    TIA_ASSIGN_OR_RETURN(out["questions"], lib::ApprovedQuestions(c, article->id, lang));
    out["related"] = Json::array();
    for (const auto& rel : meta["related"]) {
      TIA_ASSIGN_OR_RETURN(auto ra,
                           store::ArticleBySlug(c, site.hospital.id, rel.get<std::string>()));
      if (!ra) continue;
      TIA_ASSIGN_OR_RETURN(auto rp, store::Published(c, ra->id));
      if (!rp) continue;
      TIA_ASSIGN_OR_RETURN(Json e, Entry(*rp, lang, today));
      if (!e.is_null()) out["related"].push_back(std::move(e));
    }
    return out;
  });
}

Result<Json> Library::Index(const std::string& hospital, const std::string& lang,
                            const std::string& topic) {
  if (!topic.empty() && !domain::FindTopic(topic)) return tl::unexpected(sched::NotFound());
  const int64_t now = s_.clock->NowMs();
  return s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(Site site, SiteOf(c, hospital, lang, now));
    TIA_ASSIGN_OR_RETURN(auto published, store::PublishedIn(c, site.hospital.id));
    const int32_t today = site.today;
    std::map<std::string, int> counts;
    Json items = Json::array();
    for (const auto& p : published) {
      TIA_ASSIGN_OR_RETURN(Json e, Entry(p, lang, today));
      if (e.is_null()) continue;
      ++counts[e["topic"].get<std::string>()];
      if (!topic.empty() && e["topic"] != topic) continue;
      items.push_back(std::move(e));
    }
    // Week cards in their order; articles by title.
    std::stable_sort(items.begin(), items.end(), [](const Json& a, const Json& b) {
      const bool wa = !a["week"].is_null();
      const bool wb = !b["week"].is_null();
      if (wa != wb) return !wa;
      if (wa) {
        const auto key = [](const Json& w) {
          return (w["stage"] == "pregnancy" ? 0 : 100) + w["number"].get<int>();
        };
        return key(a["week"]) < key(b["week"]);
      }
      return a["title"].get<std::string>() < b["title"].get<std::string>();
    });
    Json topics = Json::array();
    for (const auto& t : domain::Topics()) {
      const auto it = counts.find(std::string(t.id));
      if (it == counts.end()) continue;
      Json v = TopicView(std::string(t.id), lang);
      v["count"] = it->second;
      topics.push_back(std::move(v));
    }
    Json out = site.head;
    out.update({{"topics", topics},
                {"topic", topic.empty() ? Json(nullptr) : TopicView(topic, lang)},
                {"items", items}});
    return out;
  });
}

Result<Json> Library::Person(const std::string& hospital, const std::string& lang,
                             const std::string& id) {
  const int64_t now = s_.clock->NowMs();
  return s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(Site site, SiteOf(c, hospital, lang, now));
    TIA_ASSIGN_OR_RETURN(auto person, store::PersonByPublicId(c, site.hospital.id, id));
    if (!person) return tl::unexpected(sched::NotFound());
    TIA_ASSIGN_OR_RETURN(auto published, store::PublishedIn(c, site.hospital.id));
    const int32_t today = site.today;
    Json wrote = Json::array();
    Json reviewed = Json::array();
    for (const auto& p : published) {
      const bool author = p.version.author_person_id == person->id;
      const bool reviewer = p.version.reviewer_person_id == person->id;
      if (!author && !reviewer) continue;
      TIA_ASSIGN_OR_RETURN(Json e, Entry(p, lang, today));
      if (e.is_null()) continue;
      (author ? wrote : reviewed).push_back(std::move(e));
    }
    // Someone who has no published page is not shown to the public.
    if (wrote.empty() && reviewed.empty()) return tl::unexpected(sched::NotFound());
    Json out = site.head;
    out.update(
        {{"person", lib::PersonView(*person, lang)}, {"wrote", wrote}, {"reviewed", reviewed}});
    return out;
  });
}

Result<Json> Library::Search(const std::string& hospital, const std::string& lang,
                             const std::string& q, int limit) {
  const domain::SearchQuery query = domain::ParseQuery(q);
  limit = std::clamp(limit, 1, 50);
  const int64_t now = s_.clock->NowMs();
  return s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(Site site, SiteOf(c, hospital, lang, now));
    Json out = site.head;
    out["query"] = q;
    out["items"] = Json::array();
    if (query.tokens.empty()) return out;
    TIA_ASSIGN_OR_RETURN(auto rows,
                         store::SearchCandidates(c, site.hospital.id, lang, query.tokens, 500));
    struct Hit {
      double score;
      const store::SearchRow* row;
    };
    std::vector<Hit> hits;
    for (const auto& r : rows) {
      const auto doc = Prepared(r.version_id, r.lang, r.title, r.summary, r.body);
      const double s = domain::SearchScore(query, *doc);
      if (s > 0) hits.push_back({s, &r});
    }
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
      if (a.score != b.score) return a.score > b.score;
      return a.row->slug < b.row->slug;
    });
    if (hits.size() > static_cast<size_t>(limit)) hits.resize(static_cast<size_t>(limit));
    for (const Hit& h : hits) {
      out["items"].push_back({{"slug", h.row->slug},
                              {"title", h.row->title},
                              {"summary", h.row->summary},
                              {"snippet", domain::Snippet(query, h.row->body)},
                              {"score", h.score}});
    }
    return out;
  });
}

std::shared_ptr<const domain::SearchDoc> Library::Prepared(int64_t version_id,
                                                           const std::string& lang,
                                                           const std::string& title,
                                                           const std::string& summary,
                                                           const std::string& body) {
  const auto key = std::make_pair(version_id, lang);
  {
    std::lock_guard lock(prepared_mu_);
    if (const auto it = prepared_.find(key); it != prepared_.end()) return it->second;
  }
  auto doc =
      std::make_shared<const domain::SearchDoc>(domain::PrepareSearchDoc(title, summary, body));
  std::lock_guard lock(prepared_mu_);
  if (prepared_.size() >= 20'000) prepared_.clear();  // superseded versions' entries go too
  return prepared_.emplace(key, std::move(doc)).first->second;
}

Result<Json> Library::SitemapEntries() {
  return s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_ASSIGN_OR_RETURN(auto hospitals, storage::hospitals::All(c));
    TIA_ASSIGN_OR_RETURN(auto published, store::PublishedIn(c, std::nullopt));
    Json out = Json::array();
    for (const auto& p : published) {
      const auto h = std::find_if(hospitals.begin(), hospitals.end(),
                                  [&](const auto& x) { return x.id == p.article.hospital_id; });
      if (h == hospitals.end()) continue;
      TIA_ASSIGN_OR_RETURN(Json content, domain::ParseStored(p.version.content));
      Json languages = Json::array();
      for (const auto& [l, unused] : content["texts"].items()) languages.push_back(l);
      out.push_back({{"hospital", h->code},
                     {"slug", p.article.slug},
                     {"languages", languages},
                     {"lastmod", FormatUtc(p.version.published_at.value_or(0)).substr(0, 10)}});
    }
    return out;
  });
}

Result<std::optional<Json>> lib::ArticleForCondition(Connection& c, int64_t hospital_id,
                                                     const std::string& condition) {
  // The articles' metadata only (no bodies); the first published one for the condition, by slug.
  TIA_ASSIGN_OR_RETURN(auto articles, store::Articles(c, hospital_id));
  for (const auto& a : articles) {
    TIA_ASSIGN_OR_RETURN(Json meta, domain::ParseStored(a.meta));
    if (meta.value("condition", "") != condition) continue;
    TIA_ASSIGN_OR_RETURN(auto p, store::Published(c, a.id));
    if (!p) continue;
    TIA_ASSIGN_OR_RETURN(auto h, storage::hospitals::ById(c, hospital_id));
    TIA_ASSIGN_OR_RETURN(Json content, domain::ParseStored(p->version.content));
    Json titles = Json::object();
    for (const auto& [l, t] : content["texts"].items()) titles[l] = t["title"];
    return std::optional<Json>(Json{{"hospital", h ? h->code : std::string()},
                                    {"slug", a.slug},
                                    {"version", p->version.number},
                                    {"title", titles}});
  }
  return std::optional<Json>();
}

}  // namespace tia::app
