// tia/domain/question.h — a reader's question under a library article: what may be asked in
// public, and the moderation states it passes through. Pure.
//
// A question is plain text (never HTML: it is stored as typed and always shown escaped). Before it
// can wait for moderation it is screened: a question that carries warning words (fever, pus,
// blood, a lump, a baby who is not feeding) or personal details (her own symptoms, a phone number
// or an e-mail address) is not stored as a public question at all; the mother is offered a private
// consultation with her text instead (research/knowledge-programme-interop.md (a): hold red flags
// and offer a private consultation). The words are matched with and without Vietnamese
// diacritics ("sot 39 do, co mu" is held like "sốt 39 độ, có mủ").
//
//   pending --approve--> approved --reject/spam--> rejected | spam
//      |                    ^                          |
//      +--reject/spam-------|----------restore---------+
// A clinician's answer can be given to an approved question (and changed).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tia/base/result.h"
#include "tia/domain/json_reader.h"

namespace tia::domain {

inline constexpr size_t kQuestionMinChars = 10, kQuestionMaxChars = 1000;

// A question: {text: 10..1000 characters that are not all spaces}. Returns the text as typed.
Result<std::string> ValidateQuestion(const Json& in);
// A moderation step's body: "answer" {text 1..4000 characters}, "reject" {reason 1..500},
// "approve" and "spam" {}. Returns the text or reason; kNotFound for another action.
Result<std::optional<std::string>> ValidateModeration(std::string_view action, const Json& in);

// Why a question is held back from the public page, in a fixed order: "fever", "pus", "blood",
// "lump", "baby_not_feeding", "personal_health", "contact_details". Empty: it may wait for
// moderation.
std::vector<std::string> ScreenQuestion(std::string_view text);

enum class QuestionStatus { kPending, kApproved, kRejected, kSpam };
std::string_view QuestionStatusName(QuestionStatus s);
std::optional<QuestionStatus> ParseQuestionStatus(std::string_view s);
// The state a moderation action ("approve", "reject", "spam") leads to from `from`, or kConflict.
Result<QuestionStatus> QuestionTransition(QuestionStatus from, std::string_view action);

}  // namespace tia::domain
