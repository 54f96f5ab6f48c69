#include "tia/domain/article.h"

#include <algorithm>
#include <array>

#include "tia/base/time.h"

namespace tia::domain {
namespace {

constexpr std::array<std::string_view, 5> kStatusNames = {"draft", "in_review", "approved",
                                                          "published", "superseded"};
constexpr std::array<std::string_view, 5> kActionNames = {"submit", "return", "approve", "publish",
                                                          "supersede"};

struct Edge {
  ArticleStatus from;
  ArticleAction action;
  ArticleStatus to;
};
constexpr Edge kEdges[] = {
    {ArticleStatus::kDraft, ArticleAction::kSubmit, ArticleStatus::kInReview},
    {ArticleStatus::kInReview, ArticleAction::kReturn, ArticleStatus::kDraft},
    {ArticleStatus::kInReview, ArticleAction::kApprove, ArticleStatus::kApproved},
    {ArticleStatus::kApproved, ArticleAction::kPublish, ArticleStatus::kPublished},
    {ArticleStatus::kPublished, ArticleAction::kSupersede, ArticleStatus::kSuperseded},
};

// Words the public site's paths use after the language (/library/{hospital}/{lang}/...).
constexpr std::string_view kReservedSlugs[] = {"topics",   "people", "search", "weeks",
                                               "versions", "assets", "sitemap"};

bool IsSlug(const std::string& s) {
  if (s.size() < 3 || s.size() > 80 || s.front() == '-' || s.back() == '-') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool IsWordId(const std::string& s, size_t max_len) {
  if (s.empty() || s.size() > max_len) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

bool Blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\n' || c == '\t'; });
}

int32_t AddMonths(int32_t days, int months) {
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  CivilFromDays(days, y, m, d);
  const int total = y * 12 + static_cast<int>(m) - 1 + months;
  y = total / 12;
  m = static_cast<unsigned>(total % 12) + 1;
  // The 29th-31st of a shorter month is its last day.
  static constexpr unsigned kLast[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  unsigned last = kLast[m - 1];
  if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) last = 29;
  return DaysFromCivil(y, m, std::min(d, last));
}

Json ReadText(FieldReader& parent, const Json& obj, const std::string& pointer) {
  FieldReader r(obj, pointer);
  auto title = r.String("title", 200, true);
  auto summary = r.String("summary", 600, true);
  auto body = r.String("body", 60000, true);
  if (r.ok() && Blank(*title)) r.FailAt("title", "must not be empty");
  if (r.ok() && Blank(*summary)) r.FailAt("summary", "must not be empty");
  if (r.ok() && Blank(*body)) r.FailAt("body", "must not be empty");
  parent.Merge(r);
  if (!parent.ok()) return nullptr;
  return Json{{"title", *title}, {"summary", *summary}, {"body", *body}};
}

Json ReadReference(FieldReader& parent, const Json& obj, const std::string& pointer) {
  if (!obj.is_object()) {
    parent.FailAtPointer(pointer, "must be an object");
    return nullptr;
  }
  FieldReader r(obj, pointer);
  auto title = r.String("title", 300, true);
  auto publisher = r.String("publisher", 200);
  auto url = r.String("url", 500);
  auto accessed = r.Date("accessed", true);
  if (r.ok() && Blank(*title)) r.FailAt("title", "must not be empty");
  if (r.ok() && url && url->rfind("https://", 0) != 0 && url->rfind("http://", 0) != 0) {
    r.FailAt("url", "must start with https:// or http://");
  }
  parent.Merge(r);
  if (!parent.ok()) return nullptr;
  Json out = {{"title", *title}, {"accessed", FormatDate(*accessed)}};
  if (publisher && !publisher->empty()) out["publisher"] = *publisher;
  if (url) out["url"] = *url;
  return out;
}

}  // namespace

std::string_view StatusName(ArticleStatus s) { return kStatusNames[static_cast<size_t>(s)]; }

std::optional<ArticleStatus> ParseArticleStatus(std::string_view s) {
  for (size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == s) return static_cast<ArticleStatus>(i);
  }
  return std::nullopt;
}

std::string_view ActionName(ArticleAction a) { return kActionNames[static_cast<size_t>(a)]; }

Result<ArticleStatus> Transition(ArticleStatus from, ArticleAction a) {
  for (const Edge& e : kEdges) {
    if (e.from == from && e.action == a) return e.to;
  }
  return Fail(ErrorCode::kConflict, "a version that is " + std::string(StatusName(from)) +
                                        " cannot be given the action " +
                                        std::string(ActionName(a)));
}

const std::vector<Topic>& Topics() {
  static const std::vector<Topic> topics = {
      {"breastfeeding", "Nuôi con bằng sữa mẹ", "Breastfeeding"},
      {"breast-problems", "Các vấn đề ở vú khi cho con bú", "Breast problems while breastfeeding"},
      {"pregnancy", "Mang thai", "Pregnancy"},
      {"after-birth", "Sau sinh", "After the birth"},
      {"baby-care", "Chăm sóc bé", "Caring for your baby"},
      {"week-by-week", "Từng tuần", "Week by week"},
  };
  return topics;
}

const Topic* FindTopic(std::string_view id) {
  for (const Topic& t : Topics()) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

Result<Json> ValidateArticleMeta(const Json& in) {
  if (!in.is_object()) return Invalid("", "must be a JSON object");
  FieldReader r(in, "");
  auto slug = r.String("slug", 80, true);
  auto kind = r.Enum("kind", {"article", "week"}, true);
  auto topic = r.String("topic", 40, true);
  auto audience = r.Enum("audience", {"mother", "clinician"}, true);
  auto condition = r.String("condition", 60);
  const Json* tags = r.Array("tags", 10);
  const Json* related = r.Array("related", 6);
  const Json* week = r.Object("week");
  if (!r.ok()) return tl::unexpected(*r.error());
  if (!IsSlug(*slug)) {
    return Invalid("/slug",
                   "must be 3-80 characters of a-z, 0-9 and '-', not starting or ending with '-'");
  }
  if (std::find(std::begin(kReservedSlugs), std::end(kReservedSlugs), *slug) !=
      std::end(kReservedSlugs)) {
    return Invalid("/slug", "is a word the site's paths use; choose another");
  }
  if (!FindTopic(*topic)) return Invalid("/topic", "is not one of the library's topics");
  if (condition && !IsWordId(*condition, 60)) {
    return Invalid("/condition", "must be a protocol condition id");
  }
  Json out = {{"slug", *slug},         {"kind", *kind},         {"topic", *topic},
              {"audience", *audience}, {"tags", Json::array()}, {"related", Json::array()}};
  if (condition) out["condition"] = *condition;
  for (size_t i = 0; tags && i < tags->size(); ++i) {
    const Json& t = (*tags)[i];
    if (!t.is_string() || t.get_ref<const std::string&>().empty() ||
        t.get_ref<const std::string&>().size() > 40) {
      return Invalid("/tags/" + std::to_string(i), "must be a tag of 1-40 bytes");
    }
    out["tags"].push_back(t);
  }
  for (size_t i = 0; related && i < related->size(); ++i) {
    const Json& s = (*related)[i];
    if (!s.is_string() || !IsSlug(s.get<std::string>()) || s.get<std::string>() == *slug) {
      return Invalid("/related/" + std::to_string(i), "must be the slug of another article");
    }
    out["related"].push_back(s);
  }
  if ((*kind == "week") != (week != nullptr)) {
    return Invalid("/week", *kind == "week" ? "is required for a week card"
                                            : "is only for a week card (kind \"week\")");
  }
  if (week) {
    FieldReader w(*week, "/week");
    auto stage = w.Enum("stage", {"pregnancy", "postpartum"}, true);
    auto number = w.Integer("number", 1, 42, true);
    TIA_TRY(w.Finish());
    const bool pregnancy = *stage == "pregnancy";
    if ((pregnancy && *number < 4) || (!pregnancy && *number > 12)) {
      return Invalid("/week/number", pregnancy ? "must be between 4 and 42 for a pregnancy week"
                                               : "must be between 1 and 12 after the birth");
    }
    if (*slug != WeekSlug(*stage, static_cast<int>(*number))) {
      return Invalid("/slug", "must be " + WeekSlug(*stage, static_cast<int>(*number)) +
                                  " for this week card");
    }
    out["week"] = {{"stage", *stage}, {"number", *number}};
  }
  TIA_TRY(r.Finish());
  return out;
}

Result<Json> ValidateVersionContent(const Json& in) {
  if (!in.is_object()) return Invalid("", "must be a JSON object");
  FieldReader r(in, "");
  const Json* texts = r.Object("texts", true);
  const Json* refs = r.Array("references", 40);
  const Json* size = r.Object("size");
  if (!r.ok()) return tl::unexpected(*r.error());
  Json out = {{"texts", Json::object()}, {"references", Json::array()}};
  if (size) {
    // A week card's baby size: sources disagree (15 cm or 25 cm at 20 weeks), so every figure
    // says how it was measured and where it comes from.
    FieldReader z(*size, "/size");
    auto measure =
        z.Enum("measure", {"crown_rump_length", "head_heel_length", "estimated_weight"}, true);
    auto length = z.Number("length_mm", 0.1, 700);
    auto weight = z.Number("weight_g", 0.1, 6000);
    auto source = z.String("source", 300, true);
    TIA_TRY(z.Finish());
    const bool by_weight = *measure == "estimated_weight";
    if (by_weight ? !weight : !length) {
      return Invalid(by_weight ? "/size/weight_g" : "/size/length_mm",
                     "is required for this measure");
    }
    out["size"] = {{"measure", *measure}, {"source", *source}};
    if (length) out["size"]["length_mm"] = *length;
    if (weight) out["size"]["weight_g"] = *weight;
  }
  FieldReader t(*texts, "/texts");
  for (std::string_view lang : kLanguages) {
    if (const Json* text = t.Object(lang)) {
      Json one = ReadText(t, *text, "/texts/" + std::string(lang));
      if (!t.ok()) break;
      out["texts"][std::string(lang)] = std::move(one);
    }
  }
  TIA_TRY(t.Finish());
  if (out["texts"].empty()) return Invalid("/texts", "must have the text in vi or en");
  for (size_t i = 0; refs && i < refs->size(); ++i) {
    Json one = ReadReference(r, (*refs)[i], "/references/" + std::to_string(i));
    if (!r.ok()) break;
    out["references"].push_back(std::move(one));
  }
  TIA_TRY(r.Finish());
  return out;
}

Result<Json> ValidateApproval(const Json& in, const Json& content, int32_t today) {
  if (!in.is_object()) return Invalid("", "must be a JSON object");
  FieldReader r(in, "");
  const Json* langs = r.Array("languages", 2, true);
  auto due = r.Date("next_review_due");
  TIA_TRY(r.Finish());
  Json out = {{"languages", Json::array()}};
  for (size_t i = 0; i < langs->size(); ++i) {
    const Json& l = (*langs)[i];
    const std::string field = "/languages/" + std::to_string(i);
    if (!l.is_string() || !content["texts"].contains(l.get<std::string>())) {
      return Invalid(field, "must be a language this version is written in");
    }
    if (std::find(out["languages"].begin(), out["languages"].end(), l) != out["languages"].end()) {
      return Invalid(field, "is listed twice");
    }
    out["languages"].push_back(l);
  }
  if (out["languages"].empty()) return Invalid("/languages", "must name at least one language");
  const int32_t latest = AddMonths(today, kMaxReviewMonths);
  if (due && (*due <= today || *due > latest)) {
    return Invalid("/next_review_due", "must be after today and at most 3 years from today (" +
                                           FormatDate(latest) + ")");
  }
  out["next_review_due"] = FormatDate(due.value_or(latest));
  return out;
}

std::string WeekSlug(std::string_view stage, int number) {
  return std::string(stage) + "-week-" + std::to_string(number);
}

Json LineDiff(std::string_view before, std::string_view after) {
  auto lines = [](std::string_view s) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i <= s.size()) {
      size_t nl = s.find('\n', i);
      if (nl == std::string_view::npos) nl = s.size();
      out.push_back(s.substr(i, nl - i));
      i = nl + 1;
    }
    return out;
  };
  const auto a = lines(before);
  const auto b = lines(after);
  // Longest common subsequence table, from the end (bodies are at most a few hundred lines).
  std::vector<std::vector<uint32_t>> lcs(a.size() + 1, std::vector<uint32_t>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;) {
    for (size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  Json out = Json::array();
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      out.push_back({{"op", " "}, {"line", a[i++]}});
      ++j;
    } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out.push_back({{"op", "+"}, {"line", b[j++]}});
    } else {
      out.push_back({{"op", "-"}, {"line", a[i++]}});
    }
  }
  return out;
}

}  // namespace tia::domain
