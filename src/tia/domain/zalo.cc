#include "tia/domain/zalo.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "tia/base/utf8.h"

namespace tia::domain::zalo {
namespace {

bool NameChar(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'; }

// The placeholders of a template's text, in order, and its length without them; none when a '<'
// does not open a well-formed <name>.
struct Placeholders {
  std::vector<std::string> names;
  size_t fixed_chars = 0;
};
std::optional<Placeholders> ScanText(const std::string& text) {
  Placeholders p;
  std::string fixed;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '<') {
      fixed += text[i];
      continue;
    }
    const size_t end = text.find('>', i + 1);
    if (end == std::string::npos || end == i + 1 || end - i - 1 > 30) return std::nullopt;
    const std::string name = text.substr(i + 1, end - i - 1);
    if (!std::all_of(name.begin(), name.end(), NameChar)) return std::nullopt;
    p.names.push_back(name);
    i = end;
  }
  p.fixed_chars = CodePoints(fixed);
  return p;
}

bool Known(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

Json ReadTemplate(FieldReader& r, const std::string& purpose) {
  Json out = Json::object();
  if (auto id = r.String("template_id", 32, true)) {
    if (id->empty() || !std::all_of(id->begin(), id->end(), [](char ch) {
          return std::isalnum(static_cast<unsigned char>(ch)) != 0;
        })) {
      r.FailAt("template_id", "must be the template's id as Zalo gave it (letters and digits)");
    }
    out["template_id"] = *id;
  }
  const auto text = r.String("text", 2000, true);
  std::optional<Placeholders> scanned;
  if (text) {
    scanned = ScanText(*text);
    if (!scanned) {
      r.FailAt("text", "must write each parameter as <name> (lower-case letters, digits, _)");
    } else if (CodePoints(*text) > kMaxMessageChars) {
      r.FailAt("text", "must be at most 400 characters");
    }
    out["text"] = *text;
  }
  Json params = Json::object();
  size_t longest = scanned ? scanned->fixed_chars : 0;
  if (const Json* p = r.Object("params", true); p && r.ok()) {
    if (p->empty()) r.FailAt("params", "must name at least one parameter");
    for (const auto& [name, spec] : p->items()) {
      if (!r.ok()) break;
      const std::string at = r.PointerTo("params") + "/" + name;
      if (name.empty() || name.size() > 30 || !std::all_of(name.begin(), name.end(), NameChar)) {
        r.FailAtPointer(at, "must be a parameter name (lower-case letters, digits, _)");
        break;
      }
      if (!spec.is_object()) {
        r.FailAtPointer(at, "must be an object");
        break;
      }
      FieldReader pr(spec, at);
      Json one = Json::object();
      if (auto v = pr.String("value", 20, true)) {
        if (!Known(ValuesOf(purpose), *v)) {
          std::string names;
          for (const auto& n : ValuesOf(purpose)) names += (names.empty() ? "" : ", ") + n;
          pr.FailAt("value", "must be one of: " + names);
        }
        one["value"] = *v;
      }
      if (auto max = pr.Integer("max", 1, static_cast<int64_t>(kMaxMessageChars), true)) {
        one["max"] = *max;
        longest += static_cast<size_t>(*max);
      }
      r.Merge(pr);
      params[name] = one;
    }
  }
  if (r.ok() && scanned) {
    const std::set<std::string> in_text(scanned->names.begin(), scanned->names.end());
    for (const auto& n : in_text) {
      if (!params.contains(n)) r.FailAt("params", "must give the text's parameter <" + n + ">");
    }
    for (const auto& [n, _] : params.items()) {
      if (!in_text.contains(n))
        r.FailAt("params", "names <" + n + ">, which the text does not have");
    }
    if (r.ok() && longest > kMaxMessageChars) {
      r.FailAt("params",
               "make the longest message (the text and each parameter at its longest) "
               "at most 400 characters");
    }
  }
  out["params"] = params;
  return out;
}

}  // namespace

const std::vector<std::string>& Purposes() {
  static const std::vector<std::string> purposes = {"appointment", "reminder", "team_replied",
                                                    "code"};
  return purposes;
}

const std::vector<std::string>& ValuesOf(const std::string& purpose) {
  static const std::vector<std::string> visit = {"name", "hospital", "time", "with"};
  static const std::vector<std::string> replied = {"name", "hospital"};
  static const std::vector<std::string> code = {"code", "minutes"};
  static const std::vector<std::string> none;
  if (purpose == "appointment" || purpose == "reminder") return visit;
  if (purpose == "team_replied") return replied;
  if (purpose == "code") return code;
  return none;
}

Result<Settings> ValidateSettings(const Json& in) {
  FieldReader r(in, "");
  Settings out{Json::object(), std::nullopt};
  out.body["enabled"] = r.Bool("enabled", true).value_or(false);
  if (auto token = r.String("access_token", 2000)) {
    if (token->empty() || token->find_first_of(" \t\r\n") != std::string::npos) {
      r.FailAt("access_token", "must be the access token as Zalo gave it, without spaces");
    }
    out.token = *token;
  }
  Json templates = Json::object();
  if (const Json* t = r.Object("templates", true)) {
    FieldReader tr(*t, r.PointerTo("templates"));
    for (const auto& purpose : Purposes()) {
      if (const Json* one = tr.Object(purpose)) {
        FieldReader x(*one, tr.PointerTo(purpose));
        Json tmpl = ReadTemplate(x, purpose);
        tr.Merge(x);
        templates[purpose] = std::move(tmpl);
      }
    }
    r.Merge(tr);
  }
  out.body["templates"] = templates;
  TIA_TRY(r.Finish());
  return out;
}

Result<Filled> Fill(const Json& tmpl, const std::map<std::string, std::string>& values) {
  Filled f{tmpl.at("template_id").get<std::string>(), Json::object(),
           tmpl.at("text").get<std::string>()};
  for (const auto& [name, spec] : tmpl.at("params").items()) {
    const auto v = values.find(spec.at("value").get<std::string>());
    if (v == values.end() || v->second.empty()) {
      return Invalid("/params/" + name, "has no value for this message");
    }
    if (CodePoints(v->second) > spec.at("max").get<size_t>()) {
      return Invalid("/params/" + name, "is longer than the template allows");
    }
    f.data[name] = v->second;
    const std::string placeholder = "<" + name + ">";
    for (size_t at = f.text.find(placeholder); at != std::string::npos;
         at = f.text.find(placeholder, at + v->second.size())) {
      f.text.replace(at, placeholder.size(), v->second);
    }
  }
  if (CodePoints(f.text) > kMaxMessageChars) {
    return Invalid("/text", "would be longer than 400 characters");
  }
  return f;
}

std::optional<std::string> ZaloPhone(const std::string& phone) {
  const auto digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  };
  if (phone.starts_with("+84") && phone.size() == 12 && digits(phone.substr(1))) {
    return phone.substr(1);
  }
  // As dialled at home: 0 and nine digits (her profile keeps the number as she typed it).
  if (phone.starts_with('0') && phone.size() == 10 && digits(phone)) return "84" + phone.substr(1);
  return std::nullopt;
}

std::string MeaningOf(int code) {
  static const std::map<int, const char*> meanings = {
      {-100, "unknown error at Zalo; tried again later"},
      {-101, "the sending application is not valid"},
      {-102, "the sending application does not exist"},
      {-103, "the sending application is not activated"},
      {-104, "the application's secret key is not valid"},
      {-105, "the application is not linked to an Official Account"},
      {-106, "method not supported"},
      {-107, "message id not valid"},
      {-108, "phone number not valid"},
      {-109, "template id not valid (not approved, or not this Official Account's)"},
      {-110, "her Zalo app is too old for this message"},
      {-111, "template data empty"},
      {-112, "template data not valid (a parameter's value or length)"},
      {-114, "she is inactive on Zalo or declines these messages"},
      {-115, "out of ZNS quota (the account's balance)"},
      {-116, "text not valid"},
      {-117, "the Official Account may not use this template"},
      {-118, "no Zalo account for this phone number"},
      {-119, "this account cannot receive ZNS messages"},
      {-124, "access token not valid or expired"},
      {-144, "the Official Account's daily ZNS quota is used up"},
  };
  if (const auto m = meanings.find(code); m != meanings.end()) return m->second;
  return "Zalo error " + std::to_string(code);
}

bool IsTransient(int code) { return code == -100; }

}  // namespace tia::domain::zalo
