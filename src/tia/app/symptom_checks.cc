#include "tia/app/symptom_checks.h"

#include <algorithm>
#include <map>

#include "tia/app/access.h"
#include "tia/app/care_log.h"
#include "tia/app/check_input.h"
#include "tia/app/library_parts.h"
#include "tia/app/maternity_parts.h"
#include "tia/auth/passwords.h"
#include "tia/base/metrics.h"
#include "tia/base/uuid.h"
#include "tia/engine/signals.h"
#include "tia/engine/triage.h"

namespace tia::app {
namespace {

using storage::Connection;
using storage::SymptomCheckRow;

constexpr int64_t kHistoryMs = 90 * kDayMs;
constexpr int64_t kPreviousWindowMs =
    72 * kHourMs;  // an earlier check this recent is "the last check"

int Rank(const std::string& disposition) {
  auto d = engine::ParseDisposition(disposition);
  return d ? static_cast<int>(*d) : 0;
}

// The article pinned to a result, in `lang`: {slug, version, title, href} (the version she was
// shown, on the hospital's public site), or null.
Json ArticleView(const Json& stored_result, const std::string& lang) {
  if (!stored_result.contains("article")) return nullptr;
  const Json& a = stored_result["article"];
  const Json& titles = a["title"];
  const std::string shown = titles.contains(lang) ? lang : titles.begin().key();
  return {{"slug", a["slug"]},
          {"version", a["version"]},
          {"lang", shown},
          {"title", titles[shown]},
          {"href", "/library/" + a["hospital"].get<std::string>() + "/" + shown + "/" +
                       a["slug"].get<std::string>() + "/versions/" +
                       std::to_string(a["version"].get<int64_t>())}};
}

Result<Json> View(const SymptomCheckRow& r, engine::Lang lang) {
  TIA_ASSIGN_OR_RETURN(Json result, domain::ParseStored(r.result));
  TIA_ASSIGN_OR_RETURN(Json answers, domain::ParseStored(r.answers));
  TIA_ASSIGN_OR_RETURN(Json input, domain::ParseStored(r.input));
  TIA_ASSIGN_OR_RETURN(Json from_log, domain::ParseStored(r.provenance));
  TIA_ASSIGN_OR_RETURN(Json escalation, domain::ParseStored(r.escalation.value_or("null")));
  return Json{
      {"id", r.public_id},
      {"created_at", FormatRfc3339(Timestamp{r.created_at, 0})},
      {"answers", std::move(answers)},
      {"input", std::move(input)},
      {"from_log", std::move(from_log)},
      {"result", result[engine::LangCode(lang)]},
      {"protocol", {{"id", r.protocol_id}, {"version", r.protocol_version}}},
      {"recheck_due_at",
       r.recheck_due_at ? Json(FormatRfc3339(Timestamp{*r.recheck_due_at, 0})) : Json(nullptr)},
      {"recheck_of", r.recheck_of ? Json(*r.recheck_of) : Json(nullptr)},
      {"escalation", std::move(escalation)},
      {"article", ArticleView(result, engine::LangCode(lang))}};
}

// Every field of the engine's input with its value, neutral ones included: the snapshot stored.
Json CompleteInput(const engine::Input& in) {
  Json j = Json::object();
  const auto& schema = engine::InputSchema();
  for (size_t i = 0; i < schema.size(); ++i) {
    const auto& v = in.values()[i];
    const std::string name(schema[i].name);
    if (std::holds_alternative<std::monostate>(v)) {
      j[name] = nullptr;
    } else if (const auto* b = std::get_if<bool>(&v)) {
      j[name] = *b;
    } else if (const auto* d = std::get_if<double>(&v)) {
      if (schema[i].type == engine::FieldType::kInt) {
        j[name] = static_cast<int64_t>(*d);
      } else {
        j[name] = *d;
      }
    } else {
      j[name] = std::get<std::string>(v);
    }
  }
  return j;
}

// Why this check is worse than the one before it; empty when it is not.
Result<Json> EscalationOf(const SymptomCheckRow& prev, const engine::Outcome& o,
                          const Json& input) {
  Json reasons = Json::array();
  const std::string now_disp(engine::DispositionName(o.disposition));
  if (static_cast<int>(o.disposition) > Rank(prev.disposition)) {
    reasons.push_back({{"code", "more_urgent"},
                       {"text", "More urgent than the previous check (" + prev.disposition +
                                    " -> " + now_disp + ")."}});
  }
  TIA_ASSIGN_OR_RETURN(Json prev_all, domain::ParseStored(prev.result));
  const Json prev_result = prev_all["en"];
  for (const auto* f : o.red_flags) {
    bool before = false;
    for (const auto& p : prev_result["red_flags"]) before = before || p["id"] == f->id;
    if (!before) {
      reasons.push_back(
          {{"code", "new_red_flag"}, {"red_flag", f->id}, {"text", "New red flag: " + f->text.en}});
    }
  }
  if (input.value("trend", "") == "worsening") {
    reasons.push_back({{"code", "worsening"}, {"text", "Worse since the previous check."}});
  }
  if (reasons.empty()) return Json(nullptr);
  return Json{{"previous_check", prev.public_id},
              {"from", prev.disposition},
              {"to", now_disp},
              {"reasons", reasons}};
}

// Her profile and the live records of the last 90 days, read in the caller's transaction.
Result<LogFacts> ReadLog(Connection& c, int64_t mother_id, int64_t now) {
  LogFacts f;
  f.now_ms = now;
  TIA_ASSIGN_OR_RETURN(auto profile, storage::records::Get(c, mother_id, "profile"));
  if (profile && !profile->deleted) {
    TIA_ASSIGN_OR_RETURN(f.profile, domain::ParseStored(profile->body));
  }
  // A birth her hospital recorded tells the check her days since the birth and a caesarean, when
  // her profile does not.
  TIA_ASSIGN_OR_RETURN(auto programme, mat::ProgrammeOf(c, mother_id, ZoneOfProfile(f.profile)));
  if (programme.birth_date) {
    Json& p = f.profile ? *f.profile : f.profile.emplace(Json::object());
    if (!p.contains("baby_birth_date") && !p.contains("delivery_date")) {
      p["delivery_date"] = FormatDate(*programme.birth_date);
      if (!p.contains("delivery_type")) {
        p["delivery_type"] = programme.birth_mode == "caesarean" ? "caesarean" : "vaginal";
      }
    }
  }
  TIA_ASSIGN_OR_RETURN(auto rows, storage::records::Since(c, mother_id, now - kHistoryMs));
  TIA_ASSIGN_OR_RETURN(f.records, StoredRecords(rows));
  TIA_ASSIGN_OR_RETURN(auto infants, storage::records::List(c, mother_id, "infant", {}, 20));
  for (const auto& r : infants.rows) {
    TIA_ASSIGN_OR_RETURN(Json body, domain::ParseStored(r.body));
    f.infants.emplace_back(r.id, std::move(body));
  }
  return f;
}

// The log, and her symptom checks of the last 90 days (newest first).
Result<LogFacts> ReadFacts(Connection& c, int64_t mother_id, int64_t now) {
  TIA_ASSIGN_OR_RETURN(LogFacts f, ReadLog(c, mother_id, now));
  TIA_ASSIGN_OR_RETURN(f.checks,
                       storage::symptom_checks::Recent(c, mother_id, now - kHistoryMs, 500));
  // AssembleInput reads each earlier check's input: refuse damaged ones here, where a Result can
  // say so, rather than read them as empty there.
  for (const auto& k : f.checks) TIA_TRY(domain::ParseStored(k.input));
  return f;
}

// The check a new one is compared with: the one named by `recheck_of`, else her latest check of
// the last kPreviousWindowMs, else none.
Result<std::optional<SymptomCheckRow>> PreviousCheck(Connection& c, int64_t mother_id, int64_t now,
                                                     const LogFacts& facts,
                                                     const std::optional<std::string>& recheck_of) {
  if (recheck_of) {
    TIA_ASSIGN_OR_RETURN(auto prev, storage::symptom_checks::Get(c, mother_id, *recheck_of));
    if (!prev) return Invalid("/recheck_of", "no earlier symptom check has this id");
    return prev;
  }
  if (!facts.checks.empty() && facts.checks.front().created_at >= now - kPreviousWindowMs) {
    return facts.checks.front();
  }
  return std::optional<SymptomCheckRow>();
}

}  // namespace

Result<Json> SymptomChecks::Known(const Caller& caller, const std::string& mother) {
  TIA_ASSIGN_OR_RETURN(
      Subject subject,
      ResolveSubject(s_, caller, mother, auth::Action::kReadMotherData, "symptom_check"));
  const int64_t now = s_.clock->NowMs();
  struct Snapshot {
    LogFacts facts;
    std::optional<SymptomCheckRow> previous;
  };
  TIA_ASSIGN_OR_RETURN(Snapshot snap, s_.db->Read([&](Connection& c) -> Result<Snapshot> {
    TIA_TRY(c.BeginRead());
    Snapshot out;
    TIA_ASSIGN_OR_RETURN(out.facts, ReadFacts(c, subject.mother_id, now));
    TIA_ASSIGN_OR_RETURN(out.previous,
                         PreviousCheck(c, subject.mother_id, now, out.facts, std::nullopt));
    return out;
  }));
  snap.facts.previous = snap.previous ? &*snap.previous : nullptr;
  Json previous = nullptr;
  if (snap.previous) {
    previous = {{"id", snap.previous->public_id},
                {"created_at", FormatRfc3339(Timestamp{snap.previous->created_at, 0})},
                {"disposition", snap.previous->disposition}};
  }
  return Json{{"from_log", AssembleInput(Json::object(), snap.facts).provenance},
              {"previous", previous}};
}

Result<CheckReply> SymptomChecks::Put(const Caller& caller, const std::string& mother,
                                      const std::string& id, const Json& body, engine::Lang lang) {
  TIA_ASSIGN_OR_RETURN(
      Subject subject,
      ResolveSubject(s_, caller, mother, auth::Action::kWriteMotherData, "symptom_check"));
  if (!IsCanonicalUuid(id)) return Invalid("/id", "must be a lowercase UUID chosen by the client");
  if (!body.is_object()) return Invalid("", "the body must be a JSON object");
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (it.key() != "answers" && it.key() != "recheck_of")
      return Invalid("/" + it.key(), "is not a known field");
  }
  if (!body.contains("answers") || !body["answers"].is_object()) {
    return Invalid("/answers", "is required: an object of symptom-check answers");
  }
  const Json& answers = body["answers"];
  if (auto ok = engine::DecodeInput(answers); !ok)
    return Invalid("/answers" + ok.error().field, ok.error().message);
  std::optional<std::string> recheck_of;
  if (body.contains("recheck_of")) {
    if (!body["recheck_of"].is_string() ||
        !IsCanonicalUuid(body["recheck_of"].get<std::string>())) {
      return Invalid("/recheck_of", "must be the id of an earlier symptom check");
    }
    recheck_of = body["recheck_of"].get<std::string>();
    if (*recheck_of == id) return Invalid("/recheck_of", "must be another check than this one");
  }
  const std::string request_hash = auth::TokenHash(body.dump());
  const int64_t now = s_.clock->NowMs();

  struct Snapshot {
    std::optional<SymptomCheckRow> existing;
    LogFacts facts;
    std::optional<SymptomCheckRow> previous;
  };
  TIA_ASSIGN_OR_RETURN(Snapshot snap, s_.db->Read([&](Connection& c) -> Result<Snapshot> {
    TIA_TRY(c.BeginRead());
    Snapshot out;
    TIA_ASSIGN_OR_RETURN(out.existing, storage::symptom_checks::Get(c, subject.mother_id, id));
    if (out.existing) return out;
    TIA_ASSIGN_OR_RETURN(out.facts, ReadFacts(c, subject.mother_id, now));
    TIA_ASSIGN_OR_RETURN(out.previous,
                         PreviousCheck(c, subject.mother_id, now, out.facts, recheck_of));
    return out;
  }));
  if (snap.existing) {
    if (snap.existing->request_hash != request_hash) {
      return Fail(ErrorCode::kConflict, "this symptom-check id was already used with other answers",
                  "/id");
    }
    TIA_ASSIGN_OR_RETURN(Json shown, View(*snap.existing, lang));
    return CheckReply{true, std::move(shown)};
  }
  snap.facts.previous = snap.previous ? &*snap.previous : nullptr;

  AssembledInput assembled = AssembleInput(answers, snap.facts);
  auto input = engine::DecodeInput(assembled.input);
  if (!input) {
    return Invalid("/answers" + input.error().field,
                   "the value from the care log " + input.error().message);
  }
  const engine::Outcome o = engine::Evaluate(protocol_, *input);
  SymptomCheckRow row;
  row.mother_id = subject.mother_id;
  row.public_id = id;
  row.created_at = now;
  row.created_by = caller.principal->user_id;
  row.request_hash = request_hash;
  row.answers = answers.dump();
  const Json complete = CompleteInput(*input);
  row.input = complete.dump();
  row.provenance = assembled.provenance.dump();
  Json result = {{"en", engine::DetailJson(protocol_, o, engine::Lang::kEn)},
                 {"vi", engine::DetailJson(protocol_, o, engine::Lang::kVi)}};
  row.protocol_id = protocol_.id();
  row.protocol_version = protocol_.version();
  row.disposition = std::string(engine::DispositionName(o.disposition));
  row.condition = o.condition->id;
  if (o.recheck_hours) row.recheck_due_at = now + static_cast<int64_t>(*o.recheck_hours * kHourMs);
  if (snap.previous) {
    row.recheck_of = snap.previous->public_id;
    TIA_ASSIGN_OR_RETURN(Json esc, EscalationOf(*snap.previous, o, complete));
    if (!esc.is_null()) row.escalation = esc.dump();
  }
  // The hospital's article for the condition, pinned to the version published now: what she
  // reads from this result stays what she was shown, even after the article changes. Read before
  // the write, so the writer is not held while the library is looked through.
  if (subject.hospital_id) {
    TIA_ASSIGN_OR_RETURN(auto article, s_.db->Read([&](Connection& c) {
      return lib::ArticleForCondition(c, *subject.hospital_id, row.condition);
    }));
    if (article) result["article"] = std::move(*article);
  }
  row.result = result.dump();
  bool inserted = false;
  const auto audit = AuditOf(s_, caller, "create", "symptom_check", "success", subject.mother_id);
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(inserted, storage::symptom_checks::InsertIfAbsent(c, row));
    if (inserted) TIA_TRY(storage::audit::Append(c, audit));
    return Ok();
  }));
  if (!inserted) {  // the same id landed concurrently: answer as a resend would
    TIA_ASSIGN_OR_RETURN(auto other, s_.db->Read([&](Connection& c) {
      return storage::symptom_checks::Get(c, subject.mother_id, id);
    }));
    if (!other || other->request_hash != request_hash) {
      return Fail(ErrorCode::kConflict, "this symptom-check id was already used with other answers",
                  "/id");
    }
    TIA_ASSIGN_OR_RETURN(Json shown, View(*other, lang));
    return CheckReply{true, std::move(shown)};
  }
  metrics::Count("tia_symptom_checks_total", {{"disposition", row.disposition}});
  TIA_ASSIGN_OR_RETURN(Json shown, View(row, lang));
  return CheckReply{true, std::move(shown)};
}

Result<Json> SymptomChecks::Get(const Caller& caller, const std::string& mother,
                                const std::string& id, engine::Lang lang) {
  TIA_ASSIGN_OR_RETURN(
      Subject subject,
      ResolveSubject(s_, caller, mother, auth::Action::kReadMotherData, "symptom_check"));
  TIA_ASSIGN_OR_RETURN(auto row, s_.db->Read([&](Connection& c) {
    return storage::symptom_checks::Get(c, subject.mother_id, id);
  }));
  if (!row) return Fail(ErrorCode::kNotFound, "not found");
  return View(*row, lang);
}

Result<Json> SymptomChecks::List(const Caller& caller, const std::string& mother,
                                 engine::Lang lang) {
  TIA_ASSIGN_OR_RETURN(
      Subject subject,
      ResolveSubject(s_, caller, mother, auth::Action::kReadMotherData, "symptom_check"));
  TIA_ASSIGN_OR_RETURN(auto rows, s_.db->Read([&](Connection& c) {
    return storage::symptom_checks::Recent(c, subject.mother_id, 0, 50);
  }));
  Json items = Json::array();
  for (const auto& r : rows) {
    TIA_ASSIGN_OR_RETURN(Json shown, View(r, lang));
    items.push_back(std::move(shown));
  }
  Json next = nullptr;
  if (!rows.empty() && rows.front().recheck_due_at) {  // the latest check sets the next re-check
    next = {{"check_id", rows.front().public_id},
            {"due_at", FormatRfc3339(Timestamp{*rows.front().recheck_due_at, 0})},
            {"overdue", *rows.front().recheck_due_at <= s_.clock->NowMs()}};
  }
  return Json{{"items", items}, {"next_recheck", next}};
}

Result<Json> SymptomChecks::Signals(const Caller& caller, const std::string& mother,
                                    engine::Lang lang) {
  TIA_ASSIGN_OR_RETURN(Subject subject, ResolveSubject(s_, caller, mother,
                                                       auth::Action::kReadMotherData, "signals"));
  const int64_t now = s_.clock->NowMs();
  TIA_ASSIGN_OR_RETURN(LogFacts facts, s_.db->Read([&](Connection& c) -> Result<LogFacts> {
    TIA_TRY(c.BeginRead());
    return ReadLog(c, subject.mother_id, now);
  }));
  Json items = Json::array();
  for (const auto& h : engine::ComputeSignals(protocol_, LogViewOf(facts))) {
    items.push_back(
        {{"id", h.spec->id},
         {"side", h.side ? Json(std::string(engine::SideName(*h.side))) : Json(nullptr)},
         {"message", h.spec->message.In(lang)},
         {"detail", h.detail},
         {"since", FormatRfc3339(Timestamp{h.since_ms, 0})},
         {"sources", h.spec->sources}});
  }
  return Json{{"signals", items},
              {"protocol", {{"id", protocol_.id()}, {"version", protocol_.version()}}}};
}

Result<Json> SymptomChecks::Escalations(const Caller& caller) {
  const auto& p = *caller.principal;
  if (p.role != auth::Role::kClinician || !p.hospital_id)
    return Fail(ErrorCode::kNotFound, "not found");
  const int64_t now = s_.clock->NowMs();
  // One read: the escalated checks and, once per mother, her public id.
  Json items = Json::array();
  TIA_TRY(s_.db->Read([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(
        auto rows, storage::symptom_checks::EscalatedIn(c, *p.hospital_id, now - 7 * kDayMs, 200));
    std::map<int64_t, Json> mothers;
    for (const auto& r : rows) {
      auto it = mothers.find(r.mother_id);
      if (it == mothers.end()) {
        TIA_ASSIGN_OR_RETURN(auto user, storage::users::ById(c, r.mother_id));
        it = mothers.emplace(r.mother_id, user ? Json(user->public_id) : Json(nullptr)).first;
      }
      TIA_ASSIGN_OR_RETURN(Json escalation, domain::ParseStored(r.escalation.value_or("null")));
      items.push_back({{"mother_id", it->second},
                       {"check_id", r.public_id},
                       {"created_at", FormatRfc3339(Timestamp{r.created_at, 0})},
                       {"disposition", r.disposition},
                       {"condition", r.condition},
                       {"escalation", std::move(escalation)}});
    }
    return Ok();
  }));
  const auto e = AuditOf(s_, caller, "read", "escalations", "success", std::nullopt);
  TIA_TRY(s_.db->Write([&](Connection& c) { return storage::audit::Append(c, e); }));
  return Json{{"items", items}};
}

}  // namespace tia::app
