#include "tia/app/consultations.h"

#include "tia/app/access.h"
#include "tia/app/consultations_parts.h"
#include "tia/app/messaging.h"
#include "tia/app/push.h"
#include "tia/auth/passwords.h"
#include "tia/base/uuid.h"
#include "tia/domain/consultation.h"
#include "tia/domain/scheduling.h"
#include "tia/media/photo.h"
#include "tia/storage/consultations.h"
#include "tia/storage/photo_store.h"
#include "tia/storage/repositories.h"
#include "tia/storage/scheduling.h"

namespace tia::app {

namespace {

using auth::Role;
using storage::Connection;
using storage::ConsultationEventRow;
using storage::ConsultationRow;
using storage::MessageRow;
using storage::PhotoRow;
namespace repo = storage::consultations;

using consult::Announce;
using consult::IsClinician;
using consult::LoadThread;
using consult::NotFound;
using consult::Thread;
using domain::kDefaultZone;

std::string Utc(int64_t ms) { return FormatUtc(ms); }
Json OptUtc(const std::optional<int64_t>& ms) { return ms ? Json(FormatUtc(*ms)) : Json(nullptr); }

// The hospital's consultation settings and zone (defaults until it sets its own).
struct TeamHours {
  Json consultation = {{"hours", Json::array()}, {"routine_reply_hours", 48}};
  const date::time_zone* zone = nullptr;
};

Result<TeamHours> TeamOf(Connection& c, int64_t hospital_id) {
  TeamHours t;
  TIA_ASSIGN_OR_RETURN(auto body, storage::hospital_settings::Get(c, hospital_id));
  std::string zone = kDefaultZone;
  if (body) {
    TIA_ASSIGN_OR_RETURN(const Json s, domain::ParseStored(*body));
    if (s.contains("consultation")) t.consultation = s.at("consultation");
    zone = s.value("time_zone", zone);
  }
  t.zone = domain::ZoneNamed(zone);
  if (!t.zone) t.zone = domain::ZoneNamed(kDefaultZone);
  return t;
}

std::string PhotoUrl(const std::string& consultation, const std::string& photo) {
  return "/api/v1/consultations/" + consultation + "/photos/" + photo;
}

Result<Json> MessageJson(const ConsultationRow& c, const MessageRow& m,
                         const std::map<int64_t, const PhotoRow*>& photo_of_message) {
  TIA_ASSIGN_OR_RETURN(Json body, domain::ParseStored(m.body));
  Json out = {
      {"id", m.public_id},
      {"kind", m.kind},
      {"author", {{"id", m.author_public_id}, {"name", m.author_name}, {"role", m.author_role}}},
      {"created_at", Utc(m.created_at)}};
  if (m.kind == "photo") {
    auto it = photo_of_message.find(m.id);
    if (it != photo_of_message.end()) {
      const PhotoRow& p = *it->second;
      out["photo"] = {{"id", p.public_id},  {"url", PhotoUrl(c.public_id, p.public_id)},
                      {"mime", p.mime},     {"width", p.width},
                      {"height", p.height}, {"size_bytes", p.size_bytes}};
    }
  } else {
    out["text"] = body.at("text");
    if (m.kind == "close_out") out["close_out"] = body.at("close_out");
  }
  return out;
}

// The summary shown in lists and the queue.
Result<Json> Summary(const ConsultationRow& c, int64_t now) {
  const bool waiting = c.status == "open" && c.awaiting == "clinician";
  TIA_ASSIGN_OR_RETURN(Json close_out, domain::ParseStored(c.close_out.value_or("null")));
  return Json{{"id", c.public_id},
              {"status", c.status},
              {"priority", c.priority},
              {"awaiting", c.awaiting},
              {"subject", c.subject},
              {"infant_id", c.infant_id ? Json(*c.infant_id) : Json(nullptr)},
              {"symptom_check_id", c.symptom_check_id ? Json(*c.symptom_check_id) : Json(nullptr)},
              {"disposition", c.disposition ? Json(*c.disposition) : Json(nullptr)},
              {"opened_at", Utc(c.opened_at)},
              {"out_of_hours", c.out_of_hours},
              {"deadline_at", Utc(c.deadline_at)},
              {"overdue", waiting && now > c.deadline_at},
              {"minutes_left", waiting ? Json((c.deadline_at - now) / kMinuteMs) : Json(nullptr)},
              {"first_reply_at", OptUtc(c.first_reply_at)},
              {"closed_at", OptUtc(c.closed_at)},
              {"close_out", std::move(close_out)},
              {"version", c.version}};
}

// At most `max_chars` characters of `text` (UTF-8, cut at a character), with "…" when cut.
std::string Shortened(const std::string& text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // a continuation byte
    if (chars++ == max_chars) return text.substr(0, i) + "\u2026";
  }
  return text;
}

// What a list shows of a thread beyond its summary: the opening question (shortened), when its
// last message came, and (for her list) how many of the team's messages she has not read.
Result<void> AddDigest(Json& j, const storage::ThreadDigest& d) {
  std::string preview;
  if (d.first_text) {
    TIA_ASSIGN_OR_RETURN(const Json body, domain::ParseStored(*d.first_text));
    preview = Shortened(body.value("text", std::string()), 140);
  }
  j["preview"] = preview;
  j["last_message_at"] = OptUtc(d.last_message_at);
  return Ok();
}

// The emergency answer: never a queue.
Error EmergencyError(const Json& contact) {
  std::string text = "This needs care now: call " + contact.value("emergency", std::string("115"));
  if (contact.contains("hotline") && contact["hotline"].is_string()) {
    text += " or the hospital hotline " + contact["hotline"].get<std::string>();
  }
  text += ". A message would wait in a queue.";
  return Error{ErrorCode::kConflict, text, "", 0};
}

}  // namespace

namespace consult {

Error NotFound() { return Error{ErrorCode::kNotFound, "not found", "", 0}; }

bool IsClinician(const Caller& c) {
  return c.principal && c.principal->role == Role::kClinician && c.principal->hospital_id;
}

}  // namespace consult

Result<std::string> Consultations::ChannelOf(const Caller& caller) {
  if (IsClinician(caller)) return EventHub::HospitalChannel(*caller.principal->hospital_id);
  if (caller.principal && caller.principal->role == Role::kMother) {
    return EventHub::MotherChannel(caller.principal->user_id);
  }
  return tl::unexpected(NotFound());
}

namespace consult {

void Announce(EventHub& hub, const ConsultationRow& c, const std::string& change) {
  const std::string event =
      Json{{"type", "consultation"}, {"id", c.public_id}, {"change", change}}.dump();
  hub.Publish(EventHub::HospitalChannel(c.hospital_id), event);
  hub.Publish(EventHub::MotherChannel(c.mother_id), event);
}

// Loads a thread the caller may see: the mother herself, or a clinician of her hospital (audited
// through ResolveSubject before anything is returned). Anyone else: 404.
Result<Thread> LoadThread(Services& s, const Caller& caller, const std::string& id,
                          const std::string& resource) {
  if (!caller.principal) return Fail(ErrorCode::kUnauthenticated, "sign in first");
  TIA_ASSIGN_OR_RETURN(auto found, s.db->Read([&](Connection& c) -> Result<std::optional<Thread>> {
    TIA_ASSIGN_OR_RETURN(auto row, repo::ByPublicId(c, id));
    if (!row) return std::optional<Thread>();
    TIA_ASSIGN_OR_RETURN(auto mother, storage::users::ById(c, row->mother_id));
    if (!mother) return std::optional<Thread>();
    return std::optional<Thread>(Thread{std::move(*row), std::move(*mother), false});
  }));
  const auto& who = *caller.principal;
  if (!found) {
    if (auth::IsStaff(who.role)) {
      // Still audited: a staff member probing for a thread leaves a trace.
      TIA_TRY(ResolveSubject(s, caller, "-", auth::Action::kReadMotherData, resource));
    }
    return tl::unexpected(NotFound());
  }
  if (who.role == Role::kMother) {
    if (found->c.mother_id != who.user_id) return tl::unexpected(NotFound());
    return std::move(*found);
  }
  if (who.role != Role::kClinician) return tl::unexpected(NotFound());
  // The policy decides (her hospital's clinicians) and audits the read, allowed or not.
  TIA_TRY(
      ResolveSubject(s, caller, found->mother.public_id, auth::Action::kReadMotherData, resource));
  if (who.hospital_id != found->c.hospital_id) return tl::unexpected(NotFound());
  found->staff = true;
  return std::move(*found);
}

}  // namespace consult

Result<ConsultationReply> Consultations::Open(const Caller& caller, const std::string& id,
                                              const Json& body) {
  if (!caller.principal || caller.principal->role != Role::kMother ||
      !caller.principal->hospital_id) {
    return tl::unexpected(NotFound());
  }
  if (!IsCanonicalUuid(id)) return Invalid("/id", "must be a lowercase UUID chosen by the client");
  TIA_ASSIGN_OR_RETURN(Json valid, domain::ValidateOpening(body));
  const int64_t mother = caller.principal->user_id;
  const int64_t hospital = *caller.principal->hospital_id;
  const std::string hash = auth::TokenHash(valid.dump());
  TIA_ASSIGN_OR_RETURN(Json contact, scheduling_.Contact(caller));
  const int64_t now = s_.clock->NowMs();

  struct Outcome {
    bool created = false;
    bool emergency = false;
    ConsultationRow row;
  };
  Outcome out;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto existing, repo::ByPublicId(c, id));
    if (existing) {
      if (existing->mother_id != mother) {
        return Fail(ErrorCode::kConflict, "this id is taken; choose another", "/id");
      }
      if (existing->request_hash != hash) {
        return Fail(ErrorCode::kConflict,
                    "a consultation with this id was opened with other content", "/id");
      }
      out = Outcome{false, false, *existing};
      return Ok();
    }
    if (valid.contains("infant_id")) TIA_TRY(RequireOwnInfant(c, mother, valid["infant_id"]));
    // Her newest result of the last day being an emergency routes her to emergency care,
    // whichever result she attaches; otherwise the priority comes from the one she attaches.
    TIA_ASSIGN_OR_RETURN(auto recent, storage::symptom_checks::Recent(c, mother, now - kDayMs, 1));
    if (!recent.empty() && recent.front().disposition == "emergency") {
      out.emergency = true;
      return Ok();
    }
    std::optional<std::string> disposition;
    if (valid.contains("symptom_check_id")) {
      TIA_ASSIGN_OR_RETURN(auto check,
                           storage::symptom_checks::Get(c, mother, valid["symptom_check_id"]));
      if (!check) return Invalid("/symptom_check_id", "is not one of your symptom checks");
      disposition = check->disposition;
    }
    const auto priority = domain::PriorityOf(disposition);
    if (!priority) {
      out.emergency = true;
      return Ok();
    }
    TIA_ASSIGN_OR_RETURN(TeamHours team, TeamOf(c, hospital));
    const auto clock = domain::ClockFor(*priority, team.consultation, team.zone, now);
    ConsultationRow r;
    r.public_id = id;
    r.hospital_id = hospital;
    r.mother_id = mother;
    if (valid.contains("symptom_check_id")) r.symptom_check_id = valid["symptom_check_id"];
    r.disposition = disposition;
    r.subject = valid["subject"];
    if (valid.contains("infant_id")) r.infant_id = valid["infant_id"];
    r.priority = *priority;
    r.opened_at = r.updated_at = now;
    r.out_of_hours = clock.out_of_hours;
    r.deadline_at = clock.deadline_at;
    r.request_hash = hash;
    TIA_ASSIGN_OR_RETURN(r, repo::Insert(c, r));
    MessageRow m;
    m.public_id = id;  // the opening message shares the consultation's id
    m.consultation_id = r.id;
    m.author_id = mother;
    m.author_role = "mother";
    m.kind = "text";
    m.body = Json{{"text", valid["message"]}}.dump();
    m.request_hash = hash;
    m.created_at = now;
    TIA_TRY(repo::AddMessage(c, m));
    TIA_TRY(repo::AddEvent(c, r.id, {now, mother, "opened", std::nullopt, std::nullopt, "", {}}));
    out = Outcome{true, false, r};
    return Ok();
  }));
  if (out.emergency) return Fail(EmergencyError(contact));
  if (out.created) Announce(hub_, out.row, "opened");
  TIA_ASSIGN_OR_RETURN(Json view, Get(caller, id));
  return ConsultationReply{out.created, std::move(view)};
}

Result<Json> Consultations::Get(const Caller& caller, const std::string& id) {
  TIA_ASSIGN_OR_RETURN(Thread t, LoadThread(s_, caller, id, "consultation"));
  struct Parts {
    std::vector<MessageRow> messages;
    std::vector<PhotoRow> photos;
    std::vector<ConsultationEventRow> events;
    std::optional<storage::SymptomCheckRow> check;
    std::optional<storage::UserRow> assignee;
  };
  TIA_ASSIGN_OR_RETURN(Parts p, s_.db->Read([&](Connection& c) -> Result<Parts> {
    Parts out;
    TIA_ASSIGN_OR_RETURN(out.messages, repo::Messages(c, t.c.id));
    TIA_ASSIGN_OR_RETURN(out.photos, repo::Photos(c, t.c.id));
    if (t.staff) {
      TIA_ASSIGN_OR_RETURN(out.events, repo::Events(c, t.c.id));
    }
    if (t.c.symptom_check_id) {
      TIA_ASSIGN_OR_RETURN(out.check,
                           storage::symptom_checks::Get(c, t.c.mother_id, *t.c.symptom_check_id));
    }
    if (t.c.assignee_id) {
      TIA_ASSIGN_OR_RETURN(out.assignee, storage::users::ById(c, *t.c.assignee_id));
    }
    return out;
  }));
  std::map<int64_t, const PhotoRow*> photo_of_message;
  for (const auto& ph : p.photos) photo_of_message[ph.message_id] = &ph;
  TIA_ASSIGN_OR_RETURN(Json out, Summary(t.c, s_.clock->NowMs()));
  out["mother"] = {{"id", t.mother.public_id}, {"name", t.mother.display_name}};
  out["assignee"] = p.assignee
                        ? Json{{"id", p.assignee->public_id}, {"name", p.assignee->display_name}}
                        : Json(nullptr);
  Json messages = Json::array();
  for (const auto& m : p.messages) {
    if (m.kind == "note" && !t.staff) continue;  // the care team's notes are the team's
    TIA_ASSIGN_OR_RETURN(Json message, MessageJson(t.c, m, photo_of_message));
    messages.push_back(std::move(message));
  }
  out["messages"] = messages;
  out["photo_count"] = p.photos.size();
  if (p.check) {
    // The result as the mother was shown it (rules that fired, with their sources).
    TIA_ASSIGN_OR_RETURN(const Json result, domain::ParseStored(p.check->result));
    out["symptom_check"] = {
        {"id", p.check->public_id},
        {"created_at", Utc(p.check->created_at)},
        {"disposition", p.check->disposition},
        {"condition", p.check->condition},
        {"protocol_version", p.check->protocol_version},
        {"result", result.contains("en") ? result[engine::LangCode(caller.lang)] : result}};
  }
  if (t.staff) {
    Json history = Json::array();
    for (const auto& e : p.events) {
      history.push_back({{"at", Utc(e.at)},
                         {"kind", e.kind},
                         {"by", e.actor_name},
                         {"assignee", e.assignee_name ? Json(*e.assignee_name) : Json(nullptr)},
                         {"reason", e.reason ? Json(*e.reason) : Json(nullptr)}});
    }
    out["history"] = history;
  } else {
    // What she needs if it cannot wait: the hotline (open now or not) and the emergency number.
    TIA_ASSIGN_OR_RETURN(out["contact"], scheduling_.Contact(caller));
  }
  return out;
}

Result<Json> Consultations::Mine(const Caller& caller) {
  if (!caller.principal || caller.principal->role != Role::kMother) {
    return tl::unexpected(NotFound());
  }
  TIA_ASSIGN_OR_RETURN(auto rows, s_.db->Read([&](Connection& c) {
    return repo::OfMother(c, caller.principal->user_id, 50);
  }));
  const int64_t now = s_.clock->NowMs();
  Json items = Json::array();
  int64_t unread_threads = 0;
  for (const auto& r : rows) {
    TIA_ASSIGN_OR_RETURN(Json summary, Summary(r.c, now));
    TIA_TRY(AddDigest(summary, r.digest));
    summary["unread"] = r.digest.unread_by_mother;
    if (r.digest.unread_by_mother > 0) ++unread_threads;
    items.push_back(std::move(summary));
  }
  return Json{{"items", items}, {"unread_threads", unread_threads}};
}

Result<Json> Consultations::MarkRead(const Caller& caller, const std::string& id) {
  TIA_ASSIGN_OR_RETURN(Thread t, LoadThread(s_, caller, id, "consultation"));
  if (t.staff) return tl::unexpected(NotFound());  // her reading, not the team's
  bool newly_read = false;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(newly_read, repo::MarkReadByMother(c, t.c.id));
    return Ok();
  }));
  // Her other devices clear the mark too; reading again changes nothing and tells no one (a
  // screen that marks read on every live update would otherwise wake itself for ever).
  if (newly_read) {
    hub_.Publish(EventHub::MotherChannel(t.c.mother_id),
                 Json{{"type", "consultation"}, {"id", t.c.public_id}, {"change", "read"}}.dump());
  }
  return Json{{"id", t.c.public_id}, {"unread", 0}};
}

Result<Json> Consultations::Queue(const Caller& caller) {
  if (!IsClinician(caller)) return tl::unexpected(NotFound());
  const int64_t hospital = *caller.principal->hospital_id;
  const auto audit = AuditOf(s_, caller, "read", "consultation_queue", "success", std::nullopt);
  TIA_TRY(s_.db->Write([&](Connection& c) { return storage::audit::Append(c, audit); }));
  TIA_ASSIGN_OR_RETURN(auto rows, s_.db->Read([&](Connection& c) {
    return repo::Queue(c, hospital, 200, domain::PrioritiesInOrder());
  }));
  const int64_t now = s_.clock->NowMs();
  Json items = Json::array();
  for (const auto& q : rows) {
    TIA_ASSIGN_OR_RETURN(Json j, Summary(q.c, now));
    TIA_TRY(AddDigest(j, q.digest));
    j["mother"] = {{"id", q.mother_public_id}, {"name", q.mother_name}};
    j["assignee"] = q.assignee_public_id
                        ? Json{{"id", *q.assignee_public_id}, {"name", *q.assignee_name}}
                        : Json(nullptr);
    j["photo_count"] = q.photos;
    items.push_back(std::move(j));
  }
  return Json{{"items", items}, {"now", Utc(now)}};
}

namespace {

// After a message by `author_role` at `now`: who the thread waits for and its reply clock.
Result<void> AfterMessage(Connection& c, ConsultationRow& r, const Caller& caller, int64_t now) {
  const bool clinician = caller.principal->role == Role::kClinician;
  if (clinician) {
    if (!r.first_reply_at) r.first_reply_at = now;
    if (!r.assignee_id) {  // whoever answers an unclaimed thread holds it
      r.assignee_id = caller.principal->user_id;
      TIA_TRY(repo::AddEvent(c, r.id,
                             {now,
                              caller.principal->user_id,
                              "claimed",
                              r.assignee_id,
                              std::string("replied"),
                              "",
                              {}}));
    }
    r.awaiting = "mother";
  } else if (r.awaiting == "mother") {
    // Her answer starts a new reply clock at the thread's priority.
    TIA_ASSIGN_OR_RETURN(TeamHours team, TeamOf(c, r.hospital_id));
    r.deadline_at = domain::ClockFor(r.priority, team.consultation, team.zone, now).deadline_at;
    r.awaiting = "clinician";
  }
  r.updated_at = now;
  TIA_ASSIGN_OR_RETURN(bool updated, repo::Update(c, r));
  if (!updated) {
    return Fail(ErrorCode::kConflict, "the consultation changed at the same moment; send again");
  }
  ++r.version;
  return Ok();
}

}  // namespace

namespace {

// Appends `m` (its id, kind, body and request hash set) to the thread in the open transaction:
// refuses a closed thread, lets `attach` add what goes with it (a photo), moves the reply clock
// and audits a staff write. `t.c` becomes the updated row.
Result<void> AppendMessage(Services& s, Connection& c, Thread& t, const Caller& caller,
                           MessageRow m, const char* resource,
                           const std::function<Result<void>(Connection&, const ConsultationRow&,
                                                            const MessageRow&)>& attach) {
  TIA_ASSIGN_OR_RETURN(auto row, repo::ByPublicId(c, t.c.public_id));
  if (row->status == "closed") {
    return Fail(ErrorCode::kConflict,
                "this consultation is closed; open a new one if something has changed");
  }
  const int64_t now = s.clock->NowMs();
  m.consultation_id = row->id;
  m.author_id = caller.principal->user_id;
  m.author_role = auth::RoleName(caller.principal->role);
  m.created_at = now;
  TIA_ASSIGN_OR_RETURN(m, repo::AddMessage(c, m));
  if (attach) TIA_TRY(attach(c, *row, m));
  if (m.kind != "note") TIA_TRY(AfterMessage(c, *row, caller, now));  // a note is not a reply
  if (t.staff && m.kind != "note") {
    TIA_TRY(Push::QueueTeamReplied(c, row->mother_id, row->public_id, now));
    TIA_TRY(msg::TeamReplied(c, row->mother_id, row->public_id, now));
  }
  if (t.staff) {
    TIA_TRY(
        storage::audit::Append(c, AuditOf(s, caller, "write", resource, "success", t.c.mother_id)));
  }
  t.c = *row;
  return Ok();
}

}  // namespace

Result<ConsultationReply> Consultations::Post(const Caller& caller, const std::string& id,
                                              const std::string& message_id, const Json& body) {
  TIA_ASSIGN_OR_RETURN(Thread t, LoadThread(s_, caller, id, "consultation"));
  if (!IsCanonicalUuid(message_id)) {
    return Invalid("/message_id", "must be a lowercase UUID chosen by the client");
  }
  TIA_ASSIGN_OR_RETURN(Json valid, domain::ValidateMessage(body));
  const bool note = valid.value("internal", false);
  if (note && !t.staff) return Invalid("/internal", "only the care team writes internal notes");
  MessageRow m;
  m.public_id = message_id;
  m.kind = note ? "note" : "text";
  m.body = valid.dump();
  m.request_hash = auth::TokenHash(m.body);
  bool created = false;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto existing, repo::MessageByPublicId(c, message_id));
    if (existing) {
      if (existing->author_id != caller.principal->user_id || existing->consultation_id != t.c.id ||
          existing->request_hash != m.request_hash) {
        return Fail(ErrorCode::kConflict, "a message with this id was sent with other content",
                    "/message_id");
      }
      return Ok();
    }
    created = true;
    return AppendMessage(s_, c, t, caller, m, "consultation_message", nullptr);
  }));
  if (created && note) {
    hub_.Publish(EventHub::HospitalChannel(t.c.hospital_id),
                 Json{{"type", "consultation"}, {"id", t.c.public_id}, {"change", "note"}}.dump());
  } else if (created) {
    Announce(hub_, t.c, "message");
    if (t.staff && s_.wake_sender) s_.wake_sender();  // her notification goes now
  }
  TIA_ASSIGN_OR_RETURN(Json view, Get(caller, id));
  return ConsultationReply{created, std::move(view)};
}

Result<ConsultationReply> Consultations::AddPhoto(const Caller& caller, const std::string& id,
                                                  const std::string& photo_id,
                                                  const std::string& bytes) {
  TIA_ASSIGN_OR_RETURN(Thread t, LoadThread(s_, caller, id, "consultation"));
  if (!IsCanonicalUuid(photo_id)) {
    return Invalid("/photo_id", "must be a lowercase UUID chosen by the client");
  }
  if (!s_.photos) return Fail(ErrorCode::kUnavailable, "photos are not configured on this server");
  TIA_ASSIGN_OR_RETURN(media::Photo clean, media::CleanPhoto(bytes));
  // The file first: a transaction that then fails leaves an unreferenced file, never a row
  // without its file.
  TIA_ASSIGN_OR_RETURN(std::string address, s_.photos->Put(clean.bytes));
  MessageRow m;
  m.public_id = photo_id;  // the photo's message shares its id
  m.kind = "photo";
  m.body = Json{{"photo_id", photo_id}}.dump();
  m.request_hash = address;
  auto attach = [&](Connection& c, const ConsultationRow& row,
                    const MessageRow& msg) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto all, repo::Photos(c, row.id));
    if (all.size() >= static_cast<size_t>(kMaxPhotosPerConsultation)) {
      return Fail(ErrorCode::kConflict, "a consultation holds at most 50 photos");
    }
    PhotoRow p;
    p.public_id = photo_id;
    p.consultation_id = row.id;
    p.message_id = msg.id;
    p.address = address;
    p.mime = clean.mime;
    p.size_bytes = static_cast<int64_t>(clean.bytes.size());
    p.width = clean.width;
    p.height = clean.height;
    p.created_at = msg.created_at;
    TIA_TRY(repo::AddPhoto(c, p));
    return Ok();
  };
  bool created = false;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto existing, repo::PhotoByPublicId(c, photo_id));
    TIA_ASSIGN_OR_RETURN(auto msg, repo::MessageByPublicId(c, photo_id));
    if (existing || msg) {  // sent before (or the id is another message's)
      if (!existing || existing->consultation_id != t.c.id || existing->address != address ||
          !msg || msg->author_id != caller.principal->user_id) {
        return Fail(ErrorCode::kConflict, "a photo with this id was sent with other content",
                    "/photo_id");
      }
      return Ok();
    }
    created = true;
    return AppendMessage(s_, c, t, caller, m, "consultation_photo", attach);
  }));
  if (created) {
    Announce(hub_, t.c, "message");
    if (t.staff && s_.wake_sender) s_.wake_sender();
  }
  TIA_ASSIGN_OR_RETURN(Json view, Get(caller, id));
  return ConsultationReply{created, std::move(view)};
}

Result<PhotoFile> Consultations::Photo(const Caller& caller, const std::string& id,
                                       const std::string& photo_id) {
  TIA_ASSIGN_OR_RETURN(Thread t, LoadThread(s_, caller, id, "consultation_photo"));
  TIA_ASSIGN_OR_RETURN(
      auto photo, s_.db->Read([&](Connection& c) { return repo::PhotoByPublicId(c, photo_id); }));
  if (!photo || photo->consultation_id != t.c.id || !s_.photos) return tl::unexpected(NotFound());
  TIA_ASSIGN_OR_RETURN(std::string bytes, s_.photos->Get(photo->address));
  const std::string ext = photo->mime == "image/png" ? "png" : "jpg";
  return PhotoFile{std::move(bytes), photo->mime, "photo-" + photo->public_id + "." + ext};
}

}  // namespace tia::app
