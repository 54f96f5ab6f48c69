#include "tia/cli/library_seed.h"

#include <map>

#include "tia/base/embedded.h"

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

}  // namespace

Result<std::vector<Json>> ShippedArticles() {
  std::map<std::string, Json> by_slug;
  for (const auto& f : EmbeddedLibrary()) {
    const std::string name(f.name);
    if (name.ends_with(".json")) {
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
  std::vector<Json> out;
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
