#include "tia/cli/library_seed.h"

#include <cmath>
#include <map>

#include "tia/base/embedded.h"
#include "tia/domain/article.h"
#include "tia/domain/pregnancy.h"

namespace tia::cli {

const std::vector<EmbeddedFile>& EmbeddedLibrary();

namespace {

using domain::Json;

Result<Json> ParseText(const EmbeddedFile& f) {
  std::string_view s = f.contents;
  auto line = [&](std::string_view key) -> Result<std::string> {
    if (s.substr(0, key.size()) != key) {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string(f.name) + " must start its lines with " + std::string(key));
    }
    const size_t nl = s.find('\n');
    std::string value(s.substr(key.size(), nl - key.size()));
    s.remove_prefix(nl == std::string_view::npos ? s.size() : nl + 1);
    return value;
  };
  TIA_ASSIGN_OR_RETURN(std::string title, line("title: "));
  TIA_ASSIGN_OR_RETURN(std::string summary, line("summary: "));
  while (!s.empty() && s.front() == '\n') s.remove_prefix(1);
  return Json{{"title", title}, {"summary", summary}, {"body", std::string(s)}};
}

// The block of `blocks` ({stage, to, ...}, in order) that covers week `n` of `stage`.
Result<const Json*> BlockFor(const Json& blocks, std::string_view stage, int n) {
  for (const auto& b : blocks) {
    if (b["stage"] == stage && n <= b["to"].get<int>()) return &b;
  }
  return Fail(ErrorCode::kInvalidArgument,
              "weeks.json: nothing covers " + domain::WeekSlug(stage, n));
}

// `pattern` with its "{}" replaced by `value`.
std::string Filled(const Json& pattern, const std::string& value) {
  std::string s = pattern.get<std::string>();
  if (const size_t at = s.find("{}"); at != std::string::npos) s.replace(at, 2, value);
  return s;
}

// A size as its sentence says it: "331 g", "1.210 g" in Vietnamese, "1,210 g" in English.
std::string SizeText(const Json& size, const Json& words, const std::string& lang) {
  const bool weight = size["measure"] == "estimated_weight";
  const double v = size.value(weight ? "weight_g" : "length_mm", 0.0);
  std::string n = std::to_string(std::lround(v));
  if (v >= 1000) n.insert(n.size() - 3, lang == "vi" ? "." : ",");
  return Filled(words[weight ? "weight" : "length"], n);
}

// One week card ({number, baby, you, do, size?} of weeks.json) as an article: its title, summary
// and a Markdown body with the same sections in both languages (the headings are weeks.json's
// `words`), its references and its neighbours.
Result<Json> WeekCard(const Json& weeks, std::string_view stage, const Json& card) {
  const int n = card["number"];
  const bool pregnancy = stage == "pregnancy";
  const Json* size = card.contains("size") ? &card["size"] : nullptr;
  TIA_ASSIGN_OR_RETURN(const Json* warnings, BlockFor(weeks["warning_signs"], stage, n));
  TIA_ASSIGN_OR_RETURN(const Json* next, BlockFor(weeks["next_contact"], stage, n));
  Json texts = Json::object();
  for (const auto& [lang, w] : weeks["words"].items()) {
    // The baby's sentence is the card's summary (shown above the body); the body adds its size.
    std::string body;
    if (size) {
      body += "## " + w["baby"].get<std::string>() + "\n\n" + SizeText(*size, w, lang) + "\n\n";
    }
    body += "## " + w["you"].get<std::string>() + "\n\n" + card["you"][lang].get<std::string>() +
            "\n\n## " + w["todo"].get<std::string>() + "\n\n" +
            card["do"][lang].get<std::string>() + "\n\n## " + w["warn"].get<std::string>() + "\n\n";
    for (const auto& sign : (*warnings)[lang]) body += "- " + sign.get<std::string>() + "\n";
    body += "\n" + w["warn_after"].get<std::string>() + "\n\n## " + w["next"].get<std::string>() +
            "\n\n" + (*next)[lang].get<std::string>() + "\n";
    texts[lang] = {
        {"title", Filled(w[pregnancy ? "title_pregnancy" : "title_postpartum"], std::to_string(n))},
        {"summary", card["baby"][lang]},
        {"body", body}};
  }
  Json refs = Json::array();
  if (size) refs.push_back({{"title", (*size)["source"]}, {"accessed", weeks["sources_accessed"]}});
  for (const auto& r : weeks["references"][std::string(stage)]) refs.push_back(r);
  // Related: the weeks either side (across the birth too), then the breastfeeding articles that
  // matter from late pregnancy on.
  Json related = Json::array();
  const int last = pregnancy ? domain::kLastPregnancyCard : domain::kLastPostpartumCard;
  const int first = pregnancy ? domain::kFirstPregnancyCard : 1;
  if (n > first) related.push_back(domain::WeekSlug(stage, n - 1));
  if (!pregnancy && n == 1) related.push_back(domain::WeekSlug("pregnancy", 40));
  if (n < last) related.push_back(domain::WeekSlug(stage, n + 1));
  if (pregnancy && n >= 37) related.push_back(domain::WeekSlug("postpartum", 1));
  if (pregnancy && n >= 31) related.push_back("phong-tac-tia-sua-sau-sinh");
  if (!pregnancy) {
    related.push_back(n <= 4 ? "phong-tac-tia-sua-sau-sinh" : "cuc-o-vu-sau-sinh");
    related.push_back("tac-tia-sua");
  }
  Json content = {{"texts", texts}, {"references", refs}};
  if (size) content["size"] = *size;
  return Json{{"slug", domain::WeekSlug(stage, n)},
              {"kind", "week"},
              {"topic", "week-by-week"},
              {"audience", "mother"},
              {"tags", pregnancy ? Json{"mang thai", "pregnancy"} : Json{"sau sinh", "postpartum"}},
              {"week", {{"stage", stage}, {"number", n}}},
              {"related", related},
              {"content", content}};
}

}  // namespace

Result<std::vector<Json>> ShippedArticles() {
  std::map<std::string, Json> by_slug;
  std::vector<Json> out;
  for (const auto& f : EmbeddedLibrary()) {
    const std::string name(f.name);
    if (name == "weeks.json") {
      TIA_ASSIGN_OR_RETURN(Json weeks, domain::ParseStored(f.contents));
      for (std::string_view stage : {"pregnancy", "postpartum"}) {
        for (const auto& card : weeks[std::string(stage)]) {
          TIA_ASSIGN_OR_RETURN(Json article, WeekCard(weeks, stage, card));
          out.push_back(std::move(article));
        }
      }
    } else if (name.ends_with(".json")) {
      TIA_ASSIGN_OR_RETURN(Json j, domain::ParseStored(f.contents));
      const std::string slug = name.substr(0, name.size() - 5);
      Json& a = by_slug[slug];
      a["meta"] = j["meta"];
      a["content"]["references"] = j["references"];
    } else if (name.ends_with(".vi.md") || name.ends_with(".en.md")) {
      const std::string slug = name.substr(0, name.size() - 6);
      const std::string lang = name.substr(name.size() - 5, 2);
      TIA_ASSIGN_OR_RETURN(by_slug[slug]["content"]["texts"][lang], ParseText(f));
    }
  }
  for (auto& [slug, a] : by_slug) {
    Json article = a["meta"];
    article["content"] = a["content"];
    out.push_back(std::move(article));
  }
  return out;
}

Result<int> SeedLibrary(app::UseCases& app, int64_t hospital_id) {
  TIA_ASSIGN_OR_RETURN(auto articles, ShippedArticles());
  const Json author = {{"name", "Nhóm biên soạn Tia"},
                       {"credentials", ""},
                       {"role",
                        {{"vi", "Biên soạn từ các hướng dẫn lâm sàng hiện hành"},
                         {"en", "Written from current clinical guidance"}}},
                       {"bio", {{"vi", ""}, {"en", ""}}},
                       {"photo", ""}};
  return app.library.Seed(hospital_id, author, articles);
}

Result<int> SeedAndPublish(app::UseCases& app, int64_t hospital_id, const app::Caller& clinician,
                           const app::Caller& admin) {
  TIA_ASSIGN_OR_RETURN(int added, SeedLibrary(app, hospital_id));
  TIA_ASSIGN_OR_RETURN(Json list, app.library.List(clinician));
  for (const auto& item : list["items"]) {
    for (const auto& v : item["versions"]) {
      if (v["status"] != "in_review") continue;
      const std::string slug = item["slug"];
      const int64_t n = v["number"];
      TIA_TRY(app.library.Act(clinician, slug, n, "approve", {{"languages", {"vi", "en"}}}));
      TIA_TRY(app.library.Act(admin, slug, n, "publish", Json::object()));
    }
  }
  return added;
}

}  // namespace tia::cli
