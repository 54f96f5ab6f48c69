// tia/app/messaging.h — the channels a message to a mother goes by: e-mail, text message and Zalo
// (the Zalo Notification Service, docs/zalo.md), as she chose them in her settings.
//
// A message is written once with a form for each channel (an e-mail's subject and text, a text
// message, a Zalo template's purpose and values) and put in the durable outbox in the caller's
// transaction; the outbox worker sends it. Zalo goes when she chose it, her hospital has Zalo on
// with a template for the message's purpose, and her number is Vietnamese; otherwise, and whenever
// Zalo refuses it later, a text message to her phone stands in, once.
//
//   TIA_ASSIGN_OR_RETURN(auto to, msg::AudienceOf(c, mother_id));
//   if (to) TIA_TRY(msg::Send(c, *to, message));
#pragma once

#include <map>
#include <optional>
#include <string>

#include "tia/app/context.h"
#include "tia/domain/json_reader.h"
#include "tia/storage/connection.h"

namespace tia::app::msg {

using domain::Json;

// Who a message goes to, and by which channels. Until she chooses (her profile's message_channels):
// e-mail, and text messages when her profile has a phone number.
struct Audience {
  int64_t user_id = 0;
  int64_t hospital_id = 0;  // 0: none (no Zalo)
  std::string email;
  std::string phone;  // E.164; empty: none
  std::string name;
  bool vi = true;
  bool by_email = true;
  bool by_sms = false;
  bool by_zalo = false;
};
// None when her account is gone.
Result<std::optional<Audience>> AudienceOf(storage::Connection& c, int64_t mother_id);

struct Message {
  std::string kind;
  int64_t due_at = 0;
  int64_t booking_id = 0;             // a booking's message; else an account's, which expires
  std::optional<int64_t> expires_at;  // an account's message is not sent after this
  std::string subject, text;          // e-mail (none when the subject is empty)
  std::string sms;                    // the text message (unaccented; none when empty)
  bool sms_only_instead = false;  // the text goes only where Zalo cannot carry it (codes, replies)
  std::string purpose;            // the Zalo template it fills (domain/zalo.h); none: empty
  std::map<std::string, std::string> values;  // the template's values by name
};
Result<void> Send(storage::Connection& c, const Audience& to, const Message& m);

// A hospital's Zalo when it is switched on: its templates by purpose, and its access token.
struct ZaloAccount {
  Json templates;
  std::string token;
};
Result<std::optional<ZaloAccount>> ZaloOf(storage::Connection& c, int64_t hospital_id);

// "The team replied" (to a consultation, by a message or a close-out), by Zalo when she chose
// it; once an hour per consultation at most. The app's push notification is sent apart.
Result<void> TeamReplied(storage::Connection& c, int64_t mother_id,
                         const std::string& consultation_id, int64_t now);

// The hospital's Zalo settings, for its administrators (others: 404; a clinician: 403):
// {enabled, templates, access_token_set, updated_at, values: {purpose: [value names]}}. The
// access token is never shown again once saved.
Result<Json> ZaloSettings(Services& s, const Caller& caller);
// body as domain::zalo::ValidateSettings reads it; the first save that switches Zalo on must give
// the access token, later ones keep it unless they give a new one. Audited.
Result<Json> PutZaloSettings(Services& s, const Caller& caller, const Json& body);
// What the hospital sees of the messages Zalo could not deliver, newest first (at most 200):
// {items: [{at, channel, kind, code, detail, fallback}]}. No phone number, name or text.
Result<Json> MessageIncidents(Services& s, const Caller& caller);

}  // namespace tia::app::msg
