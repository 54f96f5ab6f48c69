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
const Json& BlockFor(const Json& blocks, std::string_view stage, int n) {
  for (const auto& b : blocks) {
    if (b["stage"] == stage && n <= b["to"].get<int>()) return b;
  }
  static const Json none = Json::object();
  return none;
}

// "331 g" / "16 mm", in the language's number style (a decimal comma in Vietnamese).
std::string SizeText(const Json& size, std::string_view lang) {
  const bool weight = size["measure"] == "estimated_weight";
  const double v = size.value(weight ? "weight_g" : "length_mm", 0.0);
  std::string n = std::to_string(std::lround(v));
  if (v >= 1000) n.insert(n.size() - 3, lang == "vi" ? "." : ",");
  if (lang == "vi") {
    return weight ? "Cân nặng ước tính khoảng " + n + " g (bách phân vị thứ 50) [1]."
                  : "Chiều dài đầu mông khoảng " + n + " mm [1].";
  }
  return weight ? "Estimated weight about " + n + " g (50th centile) [1]."
                : "Crown-rump length about " + n + " mm [1].";
}

// One week card ({number, baby, you, do, size?} of weeks.json) as an article: its title, summary
// and a Markdown body with the same sections in both languages, its references and neighbours.
Json WeekCard(const Json& weeks, std::string_view stage, const Json& card) {
  const int n = card["number"];
  const bool pregnancy = stage == "pregnancy";
  const Json* size = card.contains("size") ? &card["size"] : nullptr;
  struct Words {
    std::string_view lang, title, baby, you, todo, warn, warn_after, next;
  };
  const Words vi{"vi",
                 pregnancy ? "Tuần thai thứ " : "Tuần thứ {} sau sinh",
                 pregnancy ? "Em bé tuần này" : "Em bé",
                 "Cơ thể mẹ",
                 "Việc nên làm tuần này",
                 "Dấu hiệu cần gọi bệnh viện hoặc đến viện ngay",
                 "Gọi số cấp cứu ở đầu trang nếu bạn thấy rất mệt, khó thở hoặc ra máu nhiều.",
                 "Lần hẹn tiếp theo với bệnh viện"};
  const Words en{"en",
                 pregnancy ? "Week {} of pregnancy" : "Week {} after the birth",
                 pregnancy ? "Your baby this week" : "Your baby",
                 "Your body",
                 "What to do this week",
                 "Warning signs: call the hospital or come in now",
                 "Call the emergency number at the top of the page if you feel very unwell, cannot "
                 "breathe easily or are bleeding heavily.",
                 "Your next contact with the hospital"};
  Json texts = Json::object();
  for (const Words& w : {vi, en}) {
    const std::string lang(w.lang);
    std::string title(w.title);
    if (const size_t at = title.find("{}"); at != std::string::npos) {
      title.replace(at, 2, std::to_string(n));
    } else {
      title += std::to_string(n);
    }
    // The baby's sentence is the card's summary (shown above the body); the body adds its size.
    std::string body;
    if (size) body += "## " + std::string(w.baby) + "\n\n" + SizeText(*size, w.lang) + "\n\n";
    body += "## " + std::string(w.you) + "\n\n" + card["you"][lang].get<std::string>() + "\n\n## " +
            std::string(w.todo) + "\n\n" + card["do"][lang].get<std::string>() + "\n\n## " +
            std::string(w.warn) + "\n\n";
    for (const auto& sign : BlockFor(weeks["warning_signs"], stage, n)[lang]) {
      body += "- " + sign.get<std::string>() + "\n";
    }
    body += "\n" + std::string(w.warn_after) + "\n\n## " + std::string(w.next) + "\n\n" +
            BlockFor(weeks["next_contact"], stage, n)[lang].get<std::string>() + "\n";
    texts[lang] = {{"title", title}, {"summary", card["baby"][lang]}, {"body", body}};
  }
  Json refs = Json::array();
  if (size) {
    refs.push_back({{"title", (*size)["source"]}, {"accessed", "2026-12-07"}});
  }
  if (pregnancy) {
    refs.push_back({{"title",
                     "WHO recommendations on antenatal care for a positive pregnancy "
                     "experience"},
                    {"publisher", "World Health Organization, 2016"},
                    {"url", "https://www.who.int/publications/i/item/9789241549912"},
                    {"accessed", "2026-12-07"}});
    refs.push_back({{"title", "Your pregnancy and baby guide"},
                    {"publisher", "NHS"},
                    {"url", "https://www.nhs.uk/pregnancy/"},
                    {"accessed", "2026-12-07"}});
  } else {
    refs.push_back({{"title", "Postnatal care (NICE guideline NG194)"},
                    {"publisher", "National Institute for Health and Care Excellence, 2021"},
                    {"url", "https://www.nice.org.uk/guidance/ng194"},
                    {"accessed", "2026-12-07"}});
    refs.push_back({{"title", "ABM Clinical Protocol #36: The Mastitis Spectrum, Revised 2022"},
                    {"publisher", "Academy of Breastfeeding Medicine"},
                    {"url", "https://doi.org/10.1089/bfm.2022.29207.kbm"},
                    {"accessed", "2026-12-07"}});
  }
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
  return {{"slug", domain::WeekSlug(stage, n)},
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
          out.push_back(WeekCard(weeks, stage, card));
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
