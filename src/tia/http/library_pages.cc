#include "tia/http/library_pages.h"

#include <fmt/format.h>

#include <mutex>

#include "tia/base/time.h"
#include "tia/domain/article.h"
#include "tia/http/reply.h"

namespace tia::http {
namespace {

using domain::Json;

std::string Esc(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}
std::string Esc(const std::string& s) { return Esc(std::string_view(s)); }
std::string Esc(const Json& j) { return j.is_string() ? Esc(j.get<std::string>()) : std::string(); }

// The page's words in its language.
struct Words {
  const char* library;
  const char* search;
  const char* search_button;
  const char* written_by;
  const char* reviewed_by;
  const char* last_reviewed;
  const char* next_review;
  const char* overdue;
  const char* unreviewed_translation;  // {0} version, {1} the reviewed language's name
  const char* old_version;             // {0} shown, {1} link to the current
  const char* references;
  const char* accessed;
  const char* related;
  const char* versions;
  const char* version;
  const char* current;
  const char* help;
  const char* emergency;
  const char* hotline;
  const char* register_online;
  const char* consult;
  const char* book;
  const char* advice;
  const char* other_language;
  const char* topics;
  const char* no_results;
  const char* results_for;
  const char* wrote;
  const char* reviewed;
  const char* weeks;
  const char* about;
  const char* questions;
  const char* answered_by;
  const char* ask_in_app;
};

constexpr Words kVi = {
    "Thư viện sức khỏe",
    "Tìm trong thư viện",
    "Tìm",
    "Viết bởi",
    "Thẩm định chuyên môn",
    "Thẩm định lần cuối",
    "Hạn thẩm định tiếp theo",
    "Trang này đã quá hạn thẩm định lại. Một số nội dung có thể chưa cập nhật; nếu bạn lo lắng, "
    "hãy hỏi nhân viên y tế.",
    "Bản tiếng Việt này chưa được thẩm định chuyên môn cho phiên bản {0}. Bản đã được thẩm định: "
    "{1}.",
    "Bạn đang đọc phiên bản cũ ({0}). {1}",
    "Tài liệu tham khảo",
    "truy cập ngày",
    "Bài viết liên quan",
    "Các phiên bản",
    "Phiên bản",
    "hiện tại",
    "Cần giúp đỡ?",
    "Cấp cứu: gọi {0}",
    "Đường dây nóng {0}",
    "Đăng ký trực tuyến",
    "Tư vấn từ xa",
    "Đặt lịch khám",
    "Tia đưa lời khuyên và hướng dẫn bạn đến bệnh viện khi cần; Tia không chẩn đoán và không kê "
    "đơn.",
    "English",
    "Chủ đề",
    "Không tìm thấy bài viết nào.",
    "Kết quả cho",
    "Đã viết",
    "Đã thẩm định",
    "Từng tuần",
    "Giới thiệu",
    "Câu hỏi của bạn đọc",
    "Trả lời của",
    "Đặt câu hỏi trong ứng dụng Tia (cần đăng nhập)"};
constexpr Words kEn = {
    "Health library",
    "Search the library",
    "Search",
    "Written by",
    "Medically reviewed by",
    "Page last reviewed",
    "Next review due",
    "This page is overdue for review. Some of it may be out of date; if you are worried, ask the "
    "care team.",
    "This English text has not been clinically reviewed for version {0}. The reviewed text is in "
    "{1}.",
    "You are reading an earlier version ({0}). {1}",
    "References",
    "accessed",
    "Related articles",
    "Versions",
    "Version",
    "current",
    "Need help?",
    "Emergency: call {0}",
    "Hotline {0}",
    "Register online",
    "Remote consultation",
    "Book a visit",
    "Tia gives advice and gets you to the hospital when it matters; it does not diagnose or "
    "prescribe.",
    "Tiếng Việt",
    "Topics",
    "No articles found.",
    "Results for",
    "Wrote",
    "Reviewed",
    "Week by week",
    "About",
    "Questions from readers",
    "Answered by",
    "Ask a question in the Tia app (sign in first)"};

const Words& WordsIn(const std::string& lang) { return lang == "vi" ? kVi : kEn; }

std::string ShowDate(const std::string& iso, const std::string& lang) {
  const auto d = ParseDate(iso);
  if (!d) return Esc(iso);
  int y = 0;
  unsigned m = 0;
  unsigned day = 0;
  CivilFromDays(*d, y, m, day);
  static constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
  const std::string shown = lang == "vi" ? fmt::format("{:02}/{:02}/{}", day, m, y)
                                         : fmt::format("{} {} {}", day, kMonths[m - 1], y);
  return fmt::format("<time datetime=\"{}\">{}</time>", Esc(iso), shown);
}

std::string Tel(const std::string& number) {
  std::string out;
  for (char c : number) {
    if ((c >= '0' && c <= '9') || c == '+') out += c;
  }
  return out;
}

std::string JsonLd(const Json& j) {
  std::string s = j.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') {
      out += "\\u003c";  // never "</script>" inside the block
    } else {
      out += s[i];
    }
  }
  return "<script type=\"application/ld+json\">" + out + "</script>\n";
}

struct Shell {
  std::string title;
  std::string description;
  std::string canonical;                          // absolute
  std::map<std::string, std::string> alternates;  // lang -> absolute URL
  std::string json_ld;
  std::string other_language_href;  // the same page in the other language, if it exists
  bool noindex = false;
};

std::string Base(const Json& page) {
  return "/library/" + page["hospital"]["code"].get<std::string>() + "/" +
         page["lang"].get<std::string>();
}

std::string Layout(const Json& page, const Shell& s, const std::string& main) {
  const std::string lang = page["lang"];
  const Words& w = WordsIn(lang);
  const std::string base = Base(page);
  std::string head;
  head += fmt::format("<title>{} · {}</title>\n", Esc(s.title), Esc(page["hospital"]["name"]));
  if (!s.description.empty()) {
    head += fmt::format("<meta name=\"description\" content=\"{}\">\n", Esc(s.description));
  }
  if (s.noindex) head += "<meta name=\"robots\" content=\"noindex\">\n";
  if (!s.canonical.empty()) {
    head += fmt::format("<link rel=\"canonical\" href=\"{}\">\n", Esc(s.canonical));
  }
  for (const auto& [l, href] : s.alternates) {
    head += fmt::format("<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">\n", l, Esc(href));
  }
  if (s.alternates.contains("vi")) {
    head += fmt::format("<link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\">\n",
                        Esc(s.alternates.at("vi")));
  }
  // The emergency number and the hotline as links, each built once: at the top of the page (a
  // mother who opened it at 3 a.m. should not have to scroll past the article) and in the footer.
  // A number's link never wraps in the middle of the number.
  const Json& contact = page["contact"];
  auto call_link = [](const char* cls, const std::string& number, const char* words) {
    std::string text = fmt::format(fmt::runtime(words), Esc(number));
    for (size_t at = text.find(' '); at != std::string::npos; at = text.find(' ', at + 6)) {
      text.replace(at, 1, "&nbsp;");
    }
    const std::string cls_attr = *cls ? fmt::format(" class=\"{}\"", cls) : std::string();
    return fmt::format("<a{} href=\"tel:{}\">{}</a>", cls_attr, Tel(number), text);
  };
  const std::string emergency = contact.value("emergency", "115");
  const bool has_hotline = contact["hotline"].is_string();
  const std::string hotline = has_hotline ? contact["hotline"].get<std::string>() : "";
  std::string help = fmt::format("<footer class=\"help\">\n<h2>{}</h2>\n<p>{}</p>\n", w.help,
                                 call_link("call emergency", emergency, w.emergency));
  if (has_hotline) help += "<p>" + call_link("call", hotline, w.hotline) + "</p>\n";
  help += fmt::format(
      "<ul class=\"actions\"><li><a href=\"/\">{}</a></li><li><a href=\"/consult/new\">{}</a></li>"
      "<li><a href=\"/booking\">{}</a></li></ul>\n<p class=\"fine\">{}</p>\n</footer>\n",
      w.register_online, w.consult, w.book, w.advice);
  std::string quick = "<p class=\"quick\">" + call_link("emergency", emergency, w.emergency);
  if (has_hotline) quick += " " + call_link("", hotline, w.hotline);
  quick += "</p>\n";
  std::string other;
  if (!s.other_language_href.empty()) {
    const std::string other_lang = lang == "vi" ? "en" : "vi";
    other = fmt::format("<a class=\"lang\" href=\"{}\" hreflang=\"{}\" lang=\"{}\">{}</a>",
                        Esc(s.other_language_href), other_lang, other_lang, w.other_language);
  }
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n{head}"
      "<link rel=\"stylesheet\" href=\"/library/assets/library.css\">\n{ld}</head>\n<body>\n"
      "<header class=\"site\">\n<p class=\"brand\"><a href=\"{base}\">{hospital} · "
      "{library}</a></p>\n"
      "{other}\n{quick}<form class=\"search\" role=\"search\" action=\"{base}/search\" "
      "method=\"get\">"
      "<label for=\"q\">{search}</label> <input id=\"q\" name=\"q\" type=\"search\" "
      "autocomplete=\"off\"> <button type=\"submit\">{button}</button></form>\n</header>\n"
      "<main>\n{main}</main>\n{help}</body>\n</html>\n",
      fmt::arg("lang", lang), fmt::arg("head", head), fmt::arg("ld", s.json_ld),
      fmt::arg("base", base), fmt::arg("hospital", Esc(page["hospital"]["name"])),
      fmt::arg("library", w.library), fmt::arg("other", other), fmt::arg("quick", quick),
      fmt::arg("search", w.search), fmt::arg("button", w.search_button), fmt::arg("main", main),
      fmt::arg("help", help));
}

std::string PersonLine(const Json& person, const std::string& base) {
  if (!person.is_object()) return {};
  std::string s =
      fmt::format("<a href=\"{}/people/{}\">{}</a>", base, Esc(person["id"]), Esc(person["name"]));
  if (!person["credentials"].get<std::string>().empty()) s += ", " + Esc(person["credentials"]);
  if (!person["role"].get<std::string>().empty()) s += " (" + Esc(person["role"]) + ")";
  return s;
}

Json PersonLd(const Json& person, const std::string& url) {
  Json p = {{"@type", "Person"}, {"name", person["name"]}, {"url", url}};
  if (!person["credentials"].get<std::string>().empty())
    p["honorificSuffix"] = person["credentials"];
  if (!person["role"].get<std::string>().empty()) p["jobTitle"] = person["role"];
  return p;
}

std::string EntryList(const Json& items, const std::string& base) {
  std::string out = "<ul class=\"entries\">\n";
  for (const auto& e : items) {
    out += fmt::format("<li><a href=\"{}/{}\">{}</a><p>{}</p></li>\n", base, Esc(e["slug"]),
                       Esc(e["title"]), Esc(e["summary"]));
  }
  return out + "</ul>\n";
}

std::string ArticlePage(const Json& page, const std::string& origin) {
  const std::string lang = page["lang"];
  const Words& w = WordsIn(lang);
  const std::string base = Base(page);
  const std::string slug = page["slug"];
  const std::string code = page["hospital"]["code"];
  const bool latest = page["version"]["is_latest"];
  const int64_t number = page["version"]["number"];
  const std::string path = base + "/" + slug;
  Shell s;
  s.title = page["title"];
  s.description = page["summary"];
  for (const auto& l : page["languages"]) {
    s.alternates[l] = fmt::format("{}/library/{}/{}/{}", origin, code, l.get<std::string>(), slug);
  }
  s.canonical = origin + path;  // an earlier version points at the current page
  s.noindex = !latest;
  const std::string other_lang = lang == "vi" ? "en" : "vi";
  if (s.alternates.contains(other_lang)) {
    s.other_language_href = "/library/" + code + "/" + other_lang + "/" + slug;
  }
  std::string main = "<article>\n";
  main += fmt::format(
      "<p class=\"topic\"><a href=\"{}/topics/{}\">{}</a></p>\n<h1>{}</h1>\n"
      "<p class=\"summary\">{}</p>\n",
      base, Esc(page["topic"]["id"]), Esc(page["topic"]["name"]), Esc(page["title"]),
      Esc(page["summary"]));
  if (!latest) {
    main += fmt::format("<p class=\"notice\" role=\"note\">{}</p>\n",
                        fmt::format(fmt::runtime(w.old_version), number,
                                    fmt::format("<a href=\"{}\">{} {}</a>", path, w.version,
                                                page["version"]["latest"].dump())));
  }
  if (page["overdue"].get<bool>()) {
    main += fmt::format("<p class=\"notice overdue\" role=\"note\">{}</p>\n", w.overdue);
  }
  if (!page["translation_reviewed"].get<bool>()) {
    std::string reviewed;
    for (const auto& l : page["reviewed_languages"]) {
      if (!reviewed.empty()) reviewed += ", ";
      const std::string ll = l;
      reviewed += fmt::format("<a href=\"/library/{}/{}/{}\" lang=\"{}\">{}</a>", code, ll, slug,
                              ll, ll == "vi" ? "Tiếng Việt" : "English");
    }
    main += fmt::format("<p class=\"notice\" role=\"note\">{}</p>\n",
                        fmt::format(fmt::runtime(w.unreviewed_translation), number, reviewed));
  }
  main += fmt::format("<div class=\"byline\">\n<p>{} {}</p>\n", w.written_by,
                      PersonLine(page["author"], base));
  if (page["reviewer"].is_object()) {
    main += fmt::format("<p>{}: {}</p>\n", w.reviewed_by, PersonLine(page["reviewer"], base));
  }
  main += fmt::format("<p>{}: {} · {}: {}</p>\n</div>\n", w.last_reviewed,
                      ShowDate(page["last_reviewed"], lang), w.next_review,
                      ShowDate(page["next_review_due"], lang));
  main += "<div class=\"body\">\n" + page["html"].get<std::string>() + "</div>\n";
  if (!page["references"].empty()) {
    main += fmt::format(
        "<section class=\"references\" aria-labelledby=\"refs\">\n<h2 id=\"refs\">{}</h2>\n<ol>\n",
        w.references);
    for (const auto& r : page["references"]) {
      std::string line = Esc(r["title"]);
      if (r.contains("publisher")) line += ". " + Esc(r["publisher"]);
      if (r.contains("url")) {
        line += fmt::format(". <a href=\"{0}\">{0}</a>", Esc(r["url"]));
      }
      line += fmt::format(" ({} {})", w.accessed, ShowDate(r["accessed"], lang));
      main += fmt::format("<li id=\"ref-{}\">{}</li>\n", r["n"].get<int>(), line);
    }
    main += "</ol>\n</section>\n";
  }
  const Json& author = page["author"];
  if (author.is_object()) {
    main += "<section class=\"author\" aria-label=\"" + std::string(w.written_by) + "\">\n";
    if (!author["photo"].get<std::string>().empty()) {
      main += fmt::format("<img src=\"{}\" alt=\"{}\" width=\"72\" height=\"72\">\n",
                          Esc(author["photo"]), Esc(author["name"]));
    }
    main += fmt::format("<p>{}</p>\n", PersonLine(author, base));
    if (!author["bio"].get<std::string>().empty()) main += "<p>" + Esc(author["bio"]) + "</p>\n";
    main += "</section>\n";
  }
  if (!page["related"].empty()) {
    main += fmt::format(
        "<section class=\"related\" aria-labelledby=\"related\">\n<h2 "
        "id=\"related\">{}</h2>\n{}</section>\n",
        w.related, EntryList(page["related"], base));
  }
  // Questions from readers that were approved, with a clinician's answer; never who asked.
  main += fmt::format(
      "<section class=\"questions\" aria-labelledby=\"questions\">\n<h2 "
      "id=\"questions\">{}</h2>\n",
      w.questions);
  for (const auto& q : page["questions"]) {
    main += "<div class=\"question\">\n<p class=\"asked\">" + Esc(q["text"]) + "</p>\n";
    if (q["answer"].is_object()) {
      const Json& a = q["answer"];
      main += fmt::format("<p class=\"answer\"><strong>{} {}, {}:</strong> {}</p>\n", w.answered_by,
                          Esc(a["by"]["name"]), Esc(a["by"]["role"]), Esc(a["text"]));
    }
    main += "</div>\n";
  }
  main += fmt::format("<p><a href=\"/read/{}\">{}</a></p>\n</section>\n", Esc(page["slug"]),
                      w.ask_in_app);
  if (page["versions"].size() > 1) {
    main += fmt::format(
        "<section class=\"versions\" aria-labelledby=\"versions\">\n<h2 "
        "id=\"versions\">{}</h2>\n<ul>\n",
        w.versions);
    for (const auto& v : page["versions"]) {
      const bool current = v["current"];
      main += fmt::format("<li><a href=\"{}{}\">{} {}</a> · {}{}</li>\n", path,
                          current ? "" : "/versions/" + v["number"].dump(), w.version,
                          v["number"].dump(), ShowDate(v["published_at"], lang),
                          current ? std::string(" (") + w.current + ")" : "");
    }
    main += "</ul>\n</section>\n";
  }
  main += "</article>\n";

  Json ld = {
      {"@context", "https://schema.org"},
      {"@type", "MedicalWebPage"},
      {"name", page["title"]},
      {"headline", page["title"]},
      {"description", page["summary"]},
      {"inLanguage", lang},
      {"url", s.canonical},
      {"datePublished", page["published_at"]},
      {"lastReviewed", page["last_reviewed"]},
      {"version", number},
      {"medicalAudience", page["audience"] == "clinician"
                              ? Json{{"@type", "MedicalAudience"}, {"audienceType", "Clinician"}}
                              : Json{{"@type", "Patient"}}},
      {"publisher", {{"@type", "Hospital"}, {"name", page["hospital"]["name"]}}},
      {"citation", Json::array()}};
  if (page["contact"]["hotline"].is_string())
    ld["publisher"]["telephone"] = page["contact"]["hotline"];
  if (author.is_object()) {
    ld["author"] = PersonLd(author, origin + base + "/people/" + author["id"].get<std::string>());
  }
  if (page["reviewer"].is_object()) {
    ld["reviewedBy"] = PersonLd(
        page["reviewer"], origin + base + "/people/" + page["reviewer"]["id"].get<std::string>());
  }
  for (const auto& r : page["references"]) {
    Json c = {{"@type", "CreativeWork"}, {"name", r["title"]}};
    if (r.contains("url")) c["url"] = r["url"];
    if (r.contains("publisher"))
      c["publisher"] = {{"@type", "Organization"}, {"name", r["publisher"]}};
    ld["citation"].push_back(std::move(c));
  }
  s.json_ld = JsonLd(ld);
  return Layout(page, s, main);
}

std::string IndexPage(const Json& page, const std::string& origin) {
  const std::string lang = page["lang"];
  const Words& w = WordsIn(lang);
  const std::string base = Base(page);
  const std::string code = page["hospital"]["code"];
  const bool topic = page["topic"].is_object();
  Shell s;
  s.title = topic ? page["topic"]["name"].get<std::string>() : std::string(w.library);
  const std::string tail = topic ? "/topics/" + page["topic"]["id"].get<std::string>() : "";
  for (const char* l : {"vi", "en"}) {
    s.alternates[l] = fmt::format("{}/library/{}/{}{}", origin, code, l, tail);
  }
  s.canonical = origin + base + tail;
  s.other_language_href = "/library/" + code + "/" + (lang == "vi" ? "en" : "vi") + tail;
  std::string main = fmt::format("<h1>{}</h1>\n<nav class=\"topics\" aria-label=\"{}\"><ul>\n",
                                 Esc(s.title), w.topics);
  for (const auto& t : page["topics"]) {
    main += fmt::format("<li><a href=\"{}/topics/{}\">{}</a> ({})</li>\n", base, Esc(t["id"]),
                        Esc(t["name"]), t["count"].get<int>());
  }
  main += "</ul></nav>\n";
  main += page["items"].empty() ? fmt::format("<p>{}</p>\n", w.no_results)
                                : EntryList(page["items"], base);
  return Layout(page, s, main);
}

std::string PersonPage(const Json& page, const std::string& origin) {
  const std::string lang = page["lang"];
  const Words& w = WordsIn(lang);
  const std::string base = Base(page);
  const Json& p = page["person"];
  const std::string code = page["hospital"]["code"];
  const std::string tail = "/people/" + p["id"].get<std::string>();
  Shell s;
  s.title = p["name"];
  for (const char* l : {"vi", "en"}) {
    s.alternates[l] = fmt::format("{}/library/{}/{}{}", origin, code, l, tail);
  }
  s.canonical = origin + base + tail;
  s.other_language_href = "/library/" + code + "/" + (lang == "vi" ? "en" : "vi") + tail;
  Json ld = PersonLd(p, s.canonical);
  ld["@context"] = "https://schema.org";
  ld["worksFor"] = {{"@type", "Hospital"}, {"name", page["hospital"]["name"]}};
  s.json_ld = JsonLd(ld);
  std::string main = "<section class=\"author\">\n";
  if (!p["photo"].get<std::string>().empty()) {
    main += fmt::format("<img src=\"{}\" alt=\"{}\" width=\"96\" height=\"96\">\n", Esc(p["photo"]),
                        Esc(p["name"]));
  }
  main += fmt::format("<h1>{}</h1>\n", Esc(p["name"]));
  if (!p["credentials"].get<std::string>().empty())
    main += "<p>" + Esc(p["credentials"]) + "</p>\n";
  if (!p["role"].get<std::string>().empty()) main += "<p>" + Esc(p["role"]) + "</p>\n";
  if (!p["bio"].get<std::string>().empty()) main += "<p>" + Esc(p["bio"]) + "</p>\n";
  main += "</section>\n";
  if (!page["wrote"].empty()) {
    main += fmt::format("<h2>{}</h2>\n{}", w.wrote, EntryList(page["wrote"], base));
  }
  if (!page["reviewed"].empty()) {
    main += fmt::format("<h2>{}</h2>\n{}", w.reviewed, EntryList(page["reviewed"], base));
  }
  return Layout(page, s, main);
}

std::string SearchPage(const Json& page) {
  const std::string lang = page["lang"];
  const Words& w = WordsIn(lang);
  const std::string base = Base(page);
  Shell s;
  s.title = std::string(w.search) + ": " + page["query"].get<std::string>();
  s.noindex = true;
  std::string main = fmt::format("<h1>{} “{}”</h1>\n", w.results_for, Esc(page["query"]));
  if (page["items"].empty()) {
    main += fmt::format("<p>{}</p>\n", w.no_results);
  } else {
    main += "<ol class=\"entries results\">\n";
    for (const auto& e : page["items"]) {
      main += fmt::format("<li><a href=\"{}/{}\">{}</a><p>{}</p></li>\n", base, Esc(e["slug"]),
                          Esc(e["title"]), Esc(e["snippet"]));
    }
    main += "</ol>\n";
  }
  return Layout(page, s, main);
}

// A price in đồng as each language writes it: "18.000.000 ₫", "18,000,000 ₫".
std::string Dong(int64_t amount, const std::string& lang) {
  std::string digits = std::to_string(amount);
  const char sep = lang == "vi" ? '.' : ',';
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) {
    digits.insert(static_cast<size_t>(at), 1, sep);
  }
  return digits + "&nbsp;₫";
}

struct PackageWords {
  const char* title;
  const char* intro;
  const char* price;
  const char* deposit;
  const char* includes;
  const char* excluded;
  const char* nights;
  const char* beds;
  const char* register_with;
  const char* none;
};
constexpr PackageWords kPackageVi = {
    "Gói dịch vụ thai sản",
    "Các gói bệnh viện đang áp dụng. Giá đã gồm những mục được liệt kê.",
    "Giá",
    "Đặt cọc",
    "Gói bao gồm",
    "Không bao gồm (tính riêng)",
    "đêm",
    "giường",
    "Đăng ký trực tuyến trong ứng dụng Tia",
    "Bệnh viện chưa công bố gói nào."};
constexpr PackageWords kPackageEn = {
    "Maternity packages",
    "The packages the hospital offers. The price covers what is listed.",
    "Price",
    "Deposit",
    "Included",
    "Not included (billed separately)",
    "nights",
    "beds",
    "Register online in the Tia app",
    "The hospital has not published any packages yet."};

std::string PackageBody(const Json& p, const std::string& lang, const PackageWords& w) {
  std::string out = fmt::format("<p class=\"price\">{}: <strong>{}</strong>", w.price,
                                Dong(p["price_vnd"].get<int64_t>(), lang));
  if (p.value("deposit_vnd", 0) > 0) {
    out += fmt::format(" · {}: {}", w.deposit, Dong(p["deposit_vnd"].get<int64_t>(), lang));
  }
  out += "</p>\n";
  if (p.contains("summary")) out += fmt::format("<p>{}</p>\n", Esc(p["summary"][lang]));
  out += fmt::format("<h3>{}</h3>\n<ul>\n", w.includes);
  for (const auto& e : p["entitlements"]) {
    std::string extra;
    if (e.contains("beds")) extra += fmt::format(", {} {}", e["beds"].get<int>(), w.beds);
    if (e.contains("nights")) extra += fmt::format(", {} {}", e["nights"].get<int>(), w.nights);
    out += fmt::format("<li>{} × {}{}</li>\n", e["count"].get<int>(), Esc(e["label"][lang]), extra);
  }
  out += "</ul>\n";
  if (!p["excluded"].empty()) {
    out += fmt::format("<h3>{}</h3>\n<ul>\n", w.excluded);
    for (const auto& e : p["excluded"]) out += fmt::format("<li>{}</li>\n", Esc(e[lang]));
    out += "</ul>\n";
  }
  return out;
}

// The hospital's packages (`one`: a single package's page).
std::string PackagesPage(const Json& page, const std::string& origin, bool one) {
  const std::string lang = page["lang"];
  const PackageWords& w = lang == "vi" ? kPackageVi : kPackageEn;
  const std::string code = page["hospital"]["code"];
  const std::string tail =
      "/packages" + (one ? "/" + page["package"]["code"].get<std::string>() : std::string());
  Shell s;
  s.title = one ? page["package"]["name"][lang].get<std::string>() : std::string(w.title);
  for (const char* l : {"vi", "en"}) {
    s.alternates[l] = fmt::format("{}/library/{}/{}{}", origin, code, l, tail);
  }
  s.canonical = s.alternates[lang];
  s.other_language_href = "/library/" + code + "/" + (lang == "vi" ? "en" : "vi") + tail;
  std::string main = fmt::format("<h1>{}</h1>\n", Esc(s.title));
  if (one) {
    main += PackageBody(page["package"], lang, w);
  } else {
    main += fmt::format("<p>{}</p>\n", w.intro);
    if (page["items"].empty()) main += fmt::format("<p>{}</p>\n", w.none);
    for (const auto& p : page["items"]) {
      main +=
          fmt::format("<section class=\"package\">\n<h2><a href=\"{}/packages/{}\">{}</a></h2>\n",
                      Base(page), Esc(p["code"]), Esc(p["name"][lang]));
      main += PackageBody(p, lang, w) + "</section>\n";
    }
  }
  main += fmt::format("<p><a href=\"/\">{}</a></p>\n", w.register_with);
  return Layout(page, s, main);
}

}  // namespace

std::string SignInSheet(const Json& roster, const std::string& lang) {
  const bool vi = lang == "vi";
  const std::string title = roster["course"]["title"][vi ? "vi" : "en"].get<std::string>() + " — " +
                            roster["title"][vi ? "vi" : "en"].get<std::string>();
  std::string rows;
  int n = 0;
  for (const auto& p : roster["seated"]) {
    std::string companion;
    if (p["companions"].get<int64_t>() > 0) {
      companion = p["companion_name"].is_string() ? p["companion_name"].get<std::string>()
                                                  : std::to_string(p["companions"].get<int64_t>());
    }
    rows += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td></td></tr>\n", ++n,
        Esc(p["mother"]["name"]), Esc(companion),
        p["pool"] == "room" ? (vi ? "Tại lớp" : "In the room") : (vi ? "Trực tuyến" : "Online"));
  }
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n"
      "<link rel=\"stylesheet\" href=\"/library/assets/library.css\">\n</head>\n<body>\n<main>\n"
      "<h1>{}</h1>\n<p>{} · {}</p>\n<table class=\"sign-in\">\n<thead><tr><th>#</th><th>{}</th>"
      "<th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n{}</tbody>\n</table>\n</main>\n"
      "</body>\n</html>\n",
      vi ? "vi" : "en", Esc(title), Esc(title), Esc(roster["start"]), Esc(roster["place"]),
      vi ? "Họ tên" : "Name", vi ? "Người đi cùng" : "Companion", vi ? "Hình thức" : "Attending",
      vi ? "Chữ ký" : "Signature", rows);
}

namespace {

Response Html(std::string body) {
  Response r;
  r.status = 200;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  // Readers' browsers and any cache in front may keep a page a minute, as this server does.
  r.headers.emplace_back("Cache-Control", "public, max-age=60");
  return r;
}

std::string Param(const Request& req, const char* name) {
  const auto it = req.params.find(name);
  return it == req.params.end() ? std::string() : it->second;
}

}  // namespace

std::string_view LibraryPages::Stylesheet() {
  return R"css(:root{color-scheme:light dark;--ink:#1d1b20;--muted:#5d5766;--bg:#fffbfe;--card:#f4eff4;--accent:#6b3fa0;--alert:#b3261e;--note:#fff4d6}
@media (prefers-color-scheme:dark){:root{--ink:#e8e0e8;--muted:#bdb5c2;--bg:#141218;--card:#221f27;--accent:#cfb4f5;--alert:#ffb4ab;--note:#3a3220}}
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--bg);overflow-wrap:anywhere}
header.site,main,footer.help{max-width:44rem;margin:0 auto;padding:0 1rem}
header.site{padding-top:.75rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
.brand{margin:0;font-weight:600;flex:1 1 auto}
a{color:var(--accent)}
table.sign-in{width:100%;border-collapse:collapse}table.sign-in th,table.sign-in td{border:1px solid var(--muted);padding:.5rem;text-align:left}table.sign-in td:last-child{width:30%;height:2.5rem}
.package{border-top:1px solid var(--card);padding-top:.5rem}.price strong{font-size:1.15em}
a,button,input{min-height:44px}
.brand a,.lang,.entries a,.topics a,.topic a,.actions a,.byline a,.versions a,.author a,main>p>a{display:inline-flex;align-items:center;min-height:44px}
.quick{margin:0;width:100%;display:flex;flex-wrap:wrap;gap:.5rem}
.quick a{display:inline-flex;align-items:center;min-height:44px;padding:0 .75rem;border-radius:.5rem;font-weight:600;text-decoration:none;background:var(--card);color:var(--ink)}
.quick a.emergency{background:var(--alert);color:var(--bg)}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;width:100%}
form.search label{width:100%;font-size:.9rem;color:var(--muted)}
form.search input{flex:1 1 12rem;font:inherit;padding:.5rem .75rem;border:1px solid var(--muted);border-radius:.5rem;background:var(--bg);color:var(--ink)}
form.search button{font:inherit;padding:.5rem 1rem;border:0;border-radius:.5rem;background:var(--accent);color:var(--bg);min-width:44px}
h1{font-size:1.75rem;line-height:1.25;margin:1rem 0 .5rem}
h2{font-size:1.3rem;margin:1.5rem 0 .5rem}
h3{font-size:1.1rem}
.summary{font-size:1.15rem;color:var(--muted)}
.topic{margin:1rem 0 0;font-size:.95rem}
.notice{background:var(--note);border-left:4px solid var(--alert);padding:.75rem 1rem;border-radius:.25rem}
.byline{font-size:.95rem;color:var(--muted);border-top:1px solid var(--card);border-bottom:1px solid var(--card);margin:1rem 0;padding:.25rem 0}
.byline p{margin:.25rem 0}
.references li{margin:.5rem 0;font-size:.95rem}
.author{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;background:var(--card);border-radius:.75rem;padding:1rem;margin:1.5rem 0}
.author img{border-radius:50%;object-fit:cover}
.question{border-left:.25rem solid var(--accent,#7a2e57);padding:.2rem .8rem;margin:1rem 0}.question .asked{white-space:pre-line}.question .answer{white-space:pre-line}
.entries{list-style:none;padding:0}
.entries li{background:var(--card);border-radius:.75rem;padding:.5rem 1rem;margin:.75rem 0}
.entries p{margin:0 0 .5rem;color:var(--muted)}
.topics ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
footer.help{margin-top:2rem;padding-bottom:2rem;border-top:2px solid var(--card)}
.call{display:flex;align-items:center;justify-content:center;min-height:48px;border-radius:.75rem;font-weight:700;text-decoration:none;background:var(--card);color:var(--ink);padding:.5rem 1rem}
.call.emergency{background:var(--alert);color:var(--bg)}
.actions{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.5rem}
.fine{font-size:.85rem;color:var(--muted)}
img{max-width:100%;height:auto}
)css";
}

std::optional<Response> LibraryPages::Cached(const std::string& key) const {
  std::shared_lock lock(mu_);
  const auto it = cache_.find(key);
  if (it == cache_.end() ||
      it->second.generation != library_.generation() + maternity_.generation() ||
      clock_.NowMs() - it->second.at > kTtlMs) {
    return std::nullopt;
  }
  return *it->second.response;
}

Result<Response> LibraryPages::Build(const std::string& key, const Request& req) {
  const int64_t generation = library_.generation() + maternity_.generation();
  TIA_ASSIGN_OR_RETURN(Response r, Render(req));
  std::unique_lock lock(mu_);
  if (cache_.size() >= kMaxEntries) cache_.clear();
  cache_[key] = {generation, clock_.NowMs(), std::make_shared<const Response>(r)};
  return r;
}

Result<Response> LibraryPages::Render(const Request& req) {
  const std::string hospital = Param(req, "hospital");
  const std::string lang = Param(req, "lang");
  const std::string& route = req.route;
  if (route == "/sitemap.xml") {
    TIA_ASSIGN_OR_RETURN(Json entries, library_.SitemapEntries());
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset "
        "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
        "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
    for (const auto& e : entries) {
      const std::string base = public_url_ + "/library/" + e["hospital"].get<std::string>() + "/";
      const std::string slug = e["slug"];
      for (const auto& l : e["languages"]) {
        xml += fmt::format("<url><loc>{}{}/{}</loc><lastmod>{}</lastmod>", Esc(base),
                           l.get<std::string>(), Esc(slug), Esc(e["lastmod"]));
        for (const auto& alt : e["languages"]) {
          xml += fmt::format("<xhtml:link rel=\"alternate\" hreflang=\"{0}\" href=\"{1}{0}/{2}\"/>",
                             alt.get<std::string>(), Esc(base), Esc(slug));
        }
        xml += "</url>\n";
      }
    }
    xml += "</urlset>\n";
    Response r = Html(std::move(xml));
    r.content_type = "application/xml; charset=utf-8";
    return r;
  }
  if (route == "/robots.txt") {
    Response r = Html("User-agent: *\nAllow: /library/\nDisallow: /api/\nSitemap: " + public_url_ +
                      "/sitemap.xml\n");
    r.content_type = "text/plain; charset=utf-8";
    return r;
  }
  if (route == "/library/{hospital}/{lang}/search") {
    TIA_ASSIGN_OR_RETURN(Json page, library_.Search(hospital, lang, StrParam(req, "q"), 20));
    Response r = Html(SearchPage(page));
    r.headers.back().second = "no-store";
    return r;
  }
  if (route == "/library/{hospital}/{lang}" ||
      route == "/library/{hospital}/{lang}/topics/{topic}") {
    TIA_ASSIGN_OR_RETURN(Json page, library_.Index(hospital, lang, Param(req, "topic")));
    return Html(IndexPage(page, public_url_));
  }
  if (route == "/library/{hospital}/{lang}/packages") {
    TIA_ASSIGN_OR_RETURN(Json page, maternity_.PublicPackages(hospital, lang));
    return Html(PackagesPage(page, public_url_, false));
  }
  if (route == "/library/{hospital}/{lang}/packages/{code}") {
    TIA_ASSIGN_OR_RETURN(Json page, maternity_.PublicPackage(hospital, Param(req, "code"), lang));
    return Html(PackagesPage(page, public_url_, true));
  }
  if (route == "/library/{hospital}/{lang}/people/{person}") {
    TIA_ASSIGN_OR_RETURN(Json page, library_.Person(hospital, lang, Param(req, "person")));
    return Html(PersonPage(page, public_url_));
  }
  std::optional<int64_t> version;
  if (route == "/library/{hospital}/{lang}/{slug}/versions/{number}") {
    TIA_ASSIGN_OR_RETURN(version, PathNumber(req, "number"));
  }
  TIA_ASSIGN_OR_RETURN(Json page, library_.Page(hospital, Param(req, "slug"), lang, version));
  return Html(ArticlePage(page, public_url_));
}

}  // namespace tia::http
