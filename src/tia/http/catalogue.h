// The server's words for people in the languages Tia speaks. Every message a person may read —
// a problem's `detail`, a refusal, the emergency answer — is written in English where it is made
// (so logs, tests and code read one language) and put into the reader's language here, in one
// place, when the answer leaves the server:
//
//   Localize("the e-mail or password is wrong", engine::Lang::kVi)
//     == "e-mail hoặc mật khẩu không đúng"
//   Localize("must be between 30 and 45", engine::Lang::kVi) == "phải từ 30 đến 45"
//
// An entry is the English text, where `{}` stands for a part that varies (a number, a status, a
// phone number); the part is carried over, translated itself when it is a known word (a booking
// status). `tia messages --untranslated` lists the lines of its input that have no entry; the API
// tests run every problem they receive through it, so a new message without a translation fails.
#pragma once

#include <string>

#include "tia/engine/protocol.h"

namespace tia::http {

// `english` in `lang`; unchanged for English, or when the catalogue has no entry.
std::string Localize(const std::string& english, engine::Lang lang);

// Whether the catalogue has an entry for `english` (Vietnamese).
bool Translated(const std::string& english);

}  // namespace tia::http
