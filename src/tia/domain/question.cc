#include "tia/domain/question.h"

#include <algorithm>
#include <cctype>

#include "tia/base/utf8.h"
#include "tia/domain/search_text.h"

namespace tia::domain {
namespace {

struct Flag {
  std::string_view reason;
  // Words matched with their diacritics (ExactWords); short words that fold into everyday words
  // ("mủ" pus → "mu", "máu" blood → "mau" quick) are only matched so, or in a phrase below.
  std::vector<std::string_view> exact;
  // Phrases of folded words (Tokens), matched as whole words.
  std::vector<std::string_view> folded;
};

const std::vector<Flag>& Flags() {
  static const std::vector<Flag> flags = {
      {"fever",
       {"sốt"},
       {"sot", "bi sot", "fever", "feverish", "temperature", "chills", "shivering", "ret run"}},
      {"pus",
       {"mủ"},
       {"co mu", "ra mu", "chay mu", "mu vang", "mu xanh", "pus", "abscess", "ap xe"}},
      {"blood",
       {"máu"},
       {"ra mau", "chay mau", "co mau", "lan mau", "mau tuoi", "blood", "bleeding", "bloody"}},
      {"lump",
       {"cục", "bướu"},
       {"cuc cung", "noi cuc", "co cuc", "khoi u", "u cuc", "lump", "lumps", "mass", "knot"}},
      {"baby_not_feeding",
       {},
       {"khong bu", "khong chiu bu", "bo bu", "khong chiu an", "not feeding", "won t feed",
        "wont feed", "will not feed", "refuses to feed", "refusing to feed", "refuses the breast",
        "not eating", "stopped feeding"}},
      {"personal_health",
       {},
       {"toi bi", "em bi", "minh bi", "con toi bi", "con em bi", "be nha em", "be nha toi",
        "vu toi", "vu em", "nguc toi", "nguc em", "ti em", "my breast", "my breasts", "my nipple",
        "my baby has", "my baby is", "my temperature"}},
  };
  return flags;
}

bool HasPhrase(const std::string& spaced, std::string_view phrase) {
  return spaced.find(" " + std::string(phrase) + " ") != std::string::npos;
}

// A temperature ("39 độ", "38,5°", "39C", "101 F"), an e-mail address or a phone number.
bool HasTemperature(const std::vector<std::string>& tokens) {
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    const std::string& n = tokens[i];
    if (n.empty() || !std::all_of(n.begin(), n.end(), [](char c) { return std::isdigit(c); })) {
      continue;
    }
    const int v = std::stoi(n.substr(0, 3));
    // "38 5 do" (38,5 độ): the unit may follow a decimal part.
    size_t unit = i + 1;
    if (unit < tokens.size() && tokens[unit].size() == 1 && std::isdigit(tokens[unit][0])) ++unit;
    if (unit >= tokens.size()) break;
    const std::string& u = tokens[unit];
    const bool celsius =
        v >= 37 && v <= 43 && (u == "do" || u == "c" || u == "oc" || u == "degrees");
    const bool fahrenheit = v >= 99 && v <= 109 && (u == "f" || u == "of" || u == "degrees");
    if (celsius || fahrenheit) return true;
  }
  return false;
}

bool HasContactDetails(std::string_view text) {
  if (text.find('@') != std::string_view::npos) return true;
  int run = 0;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (++run >= 8) return true;
    } else if (c != ' ' && c != '.' && c != '-') {
      run = 0;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> ScreenQuestion(std::string_view text) {
  const std::vector<std::string> tokens = Tokens(text);
  std::string spaced = " ";
  for (const auto& t : tokens) spaced += t + " ";
  const std::vector<std::string> exact = ExactWords(text);
  std::vector<std::string> out;
  for (const Flag& f : Flags()) {
    bool hit = false;
    for (auto w : f.exact) hit = hit || std::find(exact.begin(), exact.end(), w) != exact.end();
    for (auto p : f.folded) hit = hit || HasPhrase(spaced, p);
    if (f.reason == "fever") hit = hit || HasTemperature(tokens);
    if (hit) out.emplace_back(f.reason);
  }
  if (HasContactDetails(text)) out.emplace_back("contact_details");
  return out;
}

namespace {

// `key` as plain text of `min_visible`..`max` characters (spaces do not count toward the minimum).
std::optional<std::string> PlainText(FieldReader& r, std::string_view key, size_t min_visible,
                                     size_t max) {
  // Bytes first (a Vietnamese character takes up to 4), then characters.
  auto text = r.String(key, max * 4, true);
  if (!text) return std::nullopt;
  size_t visible = 0;
  for (unsigned char c : *text) visible += (c & 0xC0) != 0x80 && !std::isspace(c);
  if (visible < min_visible || CodePoints(*text) > max) {
    r.FailAt(key, "must be " + std::to_string(min_visible) + " to " + std::to_string(max) +
                      " characters");
    return std::nullopt;
  }
  return text;
}

}  // namespace

Result<std::string> ValidateQuestion(const Json& in) {
  if (!in.is_object()) return Fail(ErrorCode::kInvalidArgument, "must be a JSON object", "");
  FieldReader r(in, "");
  auto text = PlainText(r, "text", kQuestionMinChars, kQuestionMaxChars);
  TIA_TRY(r.Finish());
  return *text;
}

Result<std::optional<std::string>> ValidateModeration(std::string_view action, const Json& in) {
  if (action != "answer" && action != "reject" && action != "approve" && action != "spam") {
    return Fail(ErrorCode::kNotFound, "not found");
  }
  if (!in.is_object()) return Fail(ErrorCode::kInvalidArgument, "must be a JSON object", "");
  FieldReader r(in, "");
  std::optional<std::string> text;
  if (action == "answer") text = PlainText(r, "text", 1, 4000);
  if (action == "reject") text = PlainText(r, "reason", 1, 500);
  TIA_TRY(r.Finish());
  return text;
}

std::string_view QuestionStatusName(QuestionStatus s) {
  switch (s) {
    case QuestionStatus::kPending:
      return "pending";
    case QuestionStatus::kApproved:
      return "approved";
    case QuestionStatus::kRejected:
      return "rejected";
    case QuestionStatus::kSpam:
      return "spam";
  }
  return "pending";
}

std::optional<QuestionStatus> ParseQuestionStatus(std::string_view s) {
  for (auto st : {QuestionStatus::kPending, QuestionStatus::kApproved, QuestionStatus::kRejected,
                  QuestionStatus::kSpam}) {
    if (QuestionStatusName(st) == s) return st;
  }
  return std::nullopt;
}

Result<QuestionStatus> QuestionTransition(QuestionStatus from, std::string_view action) {
  std::optional<QuestionStatus> to;
  if (action == "approve") to = QuestionStatus::kApproved;
  if (action == "reject") to = QuestionStatus::kRejected;
  if (action == "spam") to = QuestionStatus::kSpam;
  if (!to) return Fail(ErrorCode::kNotFound, "not found");
  if (*to == from) {
    return Fail(ErrorCode::kConflict,
                "the question is already " + std::string(QuestionStatusName(from)));
  }
  return *to;
}

}  // namespace tia::domain
