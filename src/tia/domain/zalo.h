// tia/domain/zalo.h — messages through the Zalo Notification Service (ZNS): a hospital's approved
// templates, and how Tia's messages fill them.
//
// A ZNS message is a template Zalo approved for the hospital's Official Account (its id, and its
// text with <param> placeholders) filled with key-values, each within the length the template
// declares for that parameter; the message she reads is at most 400 characters. The hospital maps
// each kind of Tia message (a purpose) to one of its templates, and each of the template's
// parameters to one of the values Tia has for that purpose (docs/zalo.md).
//
//   auto valid = ValidateSettings(body);            // the administrator's PUT
//   auto filled = Fill(valid->body["templates"]["reminder"], {{"time", "09:30 12/12/2026"}, ...});
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tia/domain/json_reader.h"

namespace tia::domain::zalo {

inline constexpr size_t kMaxMessageChars = 400;

// What a message is for, and the values Tia gives its template:
//   appointment   a visit booked or moved: name, hospital, time, with (the provider)
//   reminder      24 h and 2 h before a visit: name, hospital, time, with
//   team_replied  the lactation team answered her: name, hospital
//   code          a one-time sign-in, reset or phone code: code, minutes (how long it is valid)
const std::vector<std::string>& Purposes();
// Empty for an unknown purpose.
const std::vector<std::string>& ValuesOf(const std::string& purpose);

// The settings as an administrator sends them:
//   {enabled, access_token?, templates: {<purpose>: {template_id, text, params: {<name>:
//    {value, max}}}}}
// `body` is the canonical form without the access token, which `token` carries when the request
// has one (the caller stores it apart and never shows it again). Errors name the field: a
// placeholder of the text without a parameter or the reverse, a value the purpose does not have,
// a template whose longest message is over 400 characters.
struct Settings {
  Json body;
  std::optional<std::string> token;
};
Result<Settings> ValidateSettings(const Json& in);

// A filled template: the request's template_id and template_data, and the text she will read.
struct Filled {
  std::string template_id;
  Json data;  // {param: value}
  std::string text;
};
// kInvalidArgument naming the parameter when a value is missing or longer than its parameter
// allows (never cut short: the message goes as a text message instead).
Result<Filled> Fill(const Json& tmpl, const std::map<std::string, std::string>& values);

// "+84901234567" or "0901234567" -> "84901234567", the form ZNS takes; none for a number outside
// Viet Nam.
std::optional<std::string> ZaloPhone(const std::string& phone);

// What a ZNS error code means, for the hospital's log (Zalo's published list; an unknown code says
// so with its number).
std::string MeaningOf(int code);
// -100 ("unknown error, try again later") is worth another try; every other code is a refusal of
// this message.
bool IsTransient(int code);

}  // namespace tia::domain::zalo
