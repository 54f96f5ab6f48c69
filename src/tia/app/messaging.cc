#include "tia/app/messaging.h"

#include "tia/domain/json_reader.h"
#include "tia/domain/zalo.h"
#include "tia/storage/repositories.h"
#include "tia/storage/scheduling.h"

namespace tia::app::msg {

using domain::Json;
using storage::Connection;
namespace zalo = domain::zalo;

Result<std::optional<Audience>> AudienceOf(Connection& c, int64_t mother_id) {
  TIA_ASSIGN_OR_RETURN(auto user, storage::users::ById(c, mother_id));
  if (!user) return std::optional<Audience>();
  TIA_ASSIGN_OR_RETURN(auto profile, storage::records::Get(c, mother_id, "profile"));
  TIA_ASSIGN_OR_RETURN(const Json her, domain::ParseStored(profile ? profile->body : "{}"));
  Audience a;
  a.user_id = user->id;
  a.hospital_id = user->hospital_id.value_or(0);
  a.email = user->email;
  a.phone = her.value("phone", std::string());
  a.vi = her.value("language", "vi") == "vi";
  a.name = user->display_name.empty() ? std::string(a.vi ? "bạn" : "you") : user->display_name;
  if (const auto chosen = her.find("message_channels"); chosen != her.end()) {
    const auto has = [&](const char* ch) {
      return std::find(chosen->begin(), chosen->end(), ch) != chosen->end();
    };
    a.by_email = has("email");
    a.by_sms = has("sms");
    a.by_zalo = has("zalo");
  } else {
    a.by_sms = !a.phone.empty();
  }
  return std::optional<Audience>(std::move(a));
}

Result<std::optional<ZaloAccount>> ZaloOf(Connection& c, int64_t hospital_id) {
  TIA_ASSIGN_OR_RETURN(auto row, storage::zalo::Get(c, hospital_id));
  if (!row) return std::optional<ZaloAccount>();
  TIA_ASSIGN_OR_RETURN(const Json body, domain::ParseStored(row->body));
  if (!body.value("enabled", false)) return std::optional<ZaloAccount>();
  return std::optional<ZaloAccount>(
      ZaloAccount{body.value("templates", Json::object()), row->access_token});
}

namespace {

Result<void> Put(Connection& c, const Audience& to, const Message& m, storage::OutboxRow row) {
  row.kind = m.kind;
  row.due_at = m.due_at;
  if (m.booking_id) {
    row.booking_id = m.booking_id;
    return storage::outbox::Enqueue(c, row);
  }
  return storage::outbox::EnqueueForAccount(c, to.user_id, row, m.expires_at.value_or(m.due_at));
}

// The ZNS request for this message, when Zalo can carry it; else why not (an incident for the
// hospital when its own template cannot, none when Zalo is simply not in use).
struct ZaloForm {
  std::optional<storage::OutboxRow> row;
  std::string problem;  // the template could not carry this message
};
Result<ZaloForm> ZaloFormOf(Connection& c, const Audience& to, const Message& m) {
  ZaloForm out;
  const auto phone = zalo::ZaloPhone(to.phone);
  if (!to.by_zalo || m.purpose.empty() || !to.hospital_id || !phone) return out;
  TIA_ASSIGN_OR_RETURN(auto account, ZaloOf(c, to.hospital_id));
  if (!account || !account->templates.contains(m.purpose)) return out;
  auto filled = zalo::Fill(account->templates[m.purpose], m.values);
  if (!filled) {
    const std::string param = filled.error().field.substr(filled.error().field.rfind('/') + 1);
    out.problem =
        "the " + m.purpose + " template's parameter <" + param + "> " + filled.error().message;
    return out;
  }
  storage::OutboxRow row;
  row.channel = "zalo";
  row.recipient = *phone;
  row.subject = m.purpose;
  // What the worker needs: the request, and the text message to send if Zalo refuses it (none
  // when she gets that text anyway).
  const bool sms_anyway = to.by_sms && !m.sms_only_instead;
  row.body = Json{
      {"hospital_id", to.hospital_id},
      {"template_id", filled->template_id},
      {"template_data", filled->data},
      {"text", filled->text},
      {"sms", sms_anyway ? std::string() : m.sms},
      {"sms_to",
       to.phone}}.dump();
  out.row = std::move(row);
  return out;
}

}  // namespace

Result<void> Send(Connection& c, const Audience& to, const Message& m) {
  TIA_ASSIGN_OR_RETURN(ZaloForm z, ZaloFormOf(c, to, m));
  const bool text_form = !m.sms.empty() && !to.phone.empty();
  if (!z.problem.empty()) {
    TIA_TRY(storage::incidents::Add(
        c, to.hospital_id, {m.due_at, "zalo", m.kind, 0, z.problem, text_form ? "sms" : "none"}));
  }
  if (z.row) TIA_TRY(Put(c, to, m, *z.row));
  const bool wanted = to.by_sms && !m.sms_only_instead;
  const bool stand_in = !z.row && (m.sms_only_instead || to.by_zalo);
  if (text_form && (wanted || stand_in)) {
    storage::OutboxRow row;
    row.channel = "sms";
    row.recipient = to.phone;
    row.body = m.sms;
    TIA_TRY(Put(c, to, m, row));
  }
  if (to.by_email && !m.subject.empty() && !to.email.empty()) {
    storage::OutboxRow row;
    row.channel = "email";
    row.recipient = to.email;
    row.subject = m.subject;
    row.body = m.text;
    TIA_TRY(Put(c, to, m, row));
  }
  return Ok();
}

Result<void> TeamReplied(Connection& c, int64_t mother_id, const std::string& consultation_id,
                         int64_t now) {
  TIA_ASSIGN_OR_RETURN(auto to, AudienceOf(c, mother_id));
  if (!to || !to->by_zalo) return Ok();
  const std::string kind = "team_replied:" + consultation_id;
  TIA_ASSIGN_OR_RETURN(auto earlier, storage::outbox::OfAccount(c, to->user_id, kind));
  for (const auto& e : earlier) {
    if (e.due_at > now - kHourMs) return Ok();  // she was told within the hour
  }
  TIA_ASSIGN_OR_RETURN(auto hospital, storage::hospitals::ById(c, to->hospital_id));
  Message m;
  m.kind = kind;
  m.due_at = now;
  m.expires_at = now + kDayMs;
  m.sms = to->vi ? "Tia: nhom tu van da tra loi ban. Mo Tia de doc."
                 : "Tia: the team replied to you. Open Tia to read it.";
  m.sms_only_instead = true;
  m.purpose = "team_replied";
  m.values = {{"name", to->name}, {"hospital", hospital ? hospital->name : ""}};
  return Send(c, *to, m);
}

}  // namespace tia::app::msg
