#include "tia/app/care_log.h"

#include <algorithm>
#include <charconv>
#include <future>

#include "tia/app/access.h"
#include "tia/auth/passwords.h"
#include "tia/base/uuid.h"
#include "tia/domain/charts.h"
#include "tia/domain/export_csv.h"
#include "tia/storage/repositories.h"

namespace tia::app {
namespace {

using domain::RecordKind;
using storage::Connection;

constexpr int kMaxPage = 100;
const std::string kProfileId = "profile";

std::string EncodeCursor(int64_t at, const std::string& id) {
  return std::to_string(at) + "_" + id;
}

Result<std::pair<int64_t, std::string>> DecodeCursor(const std::string& c) {
  const auto sep = c.find('_');
  int64_t at = 0;
  if (sep != std::string::npos) {
    auto [p, ec] = std::from_chars(c.data(), c.data() + sep, at);
    if (ec == std::errc() && p == c.data() + sep && IsCanonicalUuid(c.substr(sep + 1))) {
      return std::make_pair(at, c.substr(sep + 1));
    }
  }
  return Invalid("/cursor", "is not a cursor this server gave out");
}

}  // namespace

std::string RecordText(const std::string& id, const std::string& kind, const std::string& body,
                       int64_t recorded_at, int64_t updated_at, int64_t version) {
  // `body` is a canonical JSON object written by this server; id and kind need no escaping
  // (a UUID or "profile", and a fixed kind name).
  std::string out;
  out.reserve(body.size() + 160);
  out.append(body, 0, body.size() - 1);
  if (body.size() > 2) out.push_back(',');
  out += "\"id\":\"" + id + "\",\"kind\":\"" + kind + "\",\"recorded_at\":\"" +
         FormatUtc(recorded_at) + "\",\"updated_at\":\"" + FormatUtc(updated_at) +
         "\",\"version\":" + std::to_string(version) + "}";
  return out;
}

Result<Json> RecordJson(const std::string& id, const std::string& kind, const std::string& body,
                        int64_t recorded_at, int64_t updated_at, int64_t version) {
  return domain::ParseStored(RecordText(id, kind, body, recorded_at, updated_at, version));
}

Result<std::vector<domain::StoredRecord>> StoredRecords(
    const std::vector<storage::RecordRow>& rows) {
  std::vector<domain::StoredRecord> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    if (auto kind = domain::KindByName(r.kind)) {
      TIA_ASSIGN_OR_RETURN(Json body, domain::ParseStored(r.body));
      out.push_back({kind->kind, r.occurred_at, std::move(body)});
    }
  }
  return out;
}

namespace {
std::string ToText(const storage::RecordRow& r) {
  return RecordText(r.id, r.kind, r.body, r.recorded_at, r.updated_at, r.version);
}
Result<Json> ToJson(const storage::RecordRow& r) { return domain::ParseStored(ToText(r)); }
RecordReply Reply(bool created, const storage::RecordRow& r) {
  return RecordReply{created, r.version, ToText(r)};
}
}  // namespace

Result<RecordReply> CareLog::Put(const Caller& caller, const std::string& mother, RecordKind kind,
                                 const std::string& id, const Json& body,
                                 std::optional<int64_t> if_match) {
  std::promise<Result<RecordReply>> promise;
  auto future = promise.get_future();
  PutAsync(caller, mother, kind, id, body, if_match,
           [&promise](Result<RecordReply> r) { promise.set_value(std::move(r)); });
  return future.get();
}

void CareLog::PutAsync(const Caller& caller, const std::string& mother, RecordKind kind,
                       const std::string& id, const Json& body, std::optional<int64_t> if_match,
                       std::function<void(Result<RecordReply>)> done) {
  const auto& info = domain::InfoOf(kind);
  if (kind != RecordKind::kProfile && !IsCanonicalUuid(id)) {
    return done(Invalid("/id", "the record id in the path must be a lower-case UUID"));
  }
  auto subject = ResolveSubject(
      s_, caller, mother,
      kind == RecordKind::kProfile ? auth::Action::kManageSharing : WriteAction(info.baby_event),
      std::string(info.name));
  if (!subject) return done(tl::unexpected(subject.error()));
  const int64_t now = s_.clock->NowMs();
  auto valid = domain::ValidateRecord(kind, body, now);
  if (!valid) return done(tl::unexpected(valid.error()));

  // Everything the write needs, owned here: the caller's stack is gone when it runs.
  struct State {
    storage::RecordRow row;
    std::vector<std::string> infant_ids;
    std::optional<int64_t> if_match;
    RecordReply reply;
  };
  const int64_t actor = caller.principal->user_id;
  auto st = std::make_shared<State>();
  std::string canonical = valid->body.dump();
  std::string hash = auth::TokenHash(canonical);
  st->row = storage::RecordRow{subject->mother_id,
                               id,
                               std::string(info.name),
                               valid->occurred_at,
                               now,
                               now,
                               1,
                               false,
                               std::move(canonical),
                               std::move(hash),
                               actor,
                               actor};
  st->infant_ids = std::move(valid->infant_ids);
  st->if_match = if_match;

  auto job = [st](Connection& c) -> Result<void> {
    storage::RecordRow& row = st->row;
    for (const auto& infant : st->infant_ids) TIA_TRY(RequireOwnInfant(c, row.mother_id, infant));
    // The common case is a new record: try the insert first, look only when the id is taken.
    if (!st->if_match) {
      TIA_ASSIGN_OR_RETURN(bool inserted, storage::records::InsertIfAbsent(c, row));
      if (inserted) {
        st->reply = Reply(true, row);
        return Ok();
      }
    }
    TIA_ASSIGN_OR_RETURN(auto existing, storage::records::Get(c, row.mother_id, row.id));
    if (!existing) return Fail(ErrorCode::kPreconditionFailed, "the record does not exist yet");
    if (existing->kind != row.kind) {
      return Fail(ErrorCode::kConflict, "this id is already used by a record of another kind",
                  "/id");
    }
    if (existing->deleted) {
      return Fail(ErrorCode::kConflict, "this record was deleted; create a new one with a new id",
                  "/id");
    }
    if (existing->body_hash == row.body_hash) {
      // A resend: store nothing, answer as the first time.
      st->reply = Reply(existing->version == 1, *existing);
      return Ok();
    }
    if (st->if_match && *st->if_match != existing->version) {
      return Fail(ErrorCode::kPreconditionFailed, "the record was changed elsewhere (now version " +
                                                      std::to_string(existing->version) +
                                                      "); reload it");
    }
    row.recorded_at = existing->recorded_at;
    row.version = existing->version + 1;
    row.created_by = existing->created_by;
    TIA_TRY(storage::records::Replace(c, *existing, row));
    st->reply = Reply(false, row);
    return Ok();
  };
  s_.db->WriteAsync(std::move(job), [st, done = std::move(done)](Result<void> r) {
    if (!r) return done(tl::unexpected(r.error()));
    done(std::move(st->reply));
  });
}

Result<RecordReply> CareLog::Get(const Caller& caller, const std::string& mother, RecordKind kind,
                                 const std::string& id) {
  const auto& info = domain::InfoOf(kind);
  TIA_ASSIGN_OR_RETURN(
      Subject subject,
      ResolveSubject(s_, caller, mother, ReadAction(info.baby_event), std::string(info.name)));
  TIA_ASSIGN_OR_RETURN(auto row, s_.db->Read([&](Connection& c) {
    return storage::records::Get(c, subject.mother_id, id);
  }));
  if (!row || row->deleted || row->kind != info.name)
    return Fail(ErrorCode::kNotFound, "not found");
  return Reply(false, *row);
}

Result<std::string> CareLog::List(const Caller& caller, const std::string& mother, RecordKind kind,
                                  const ListQuery& q) {
  const auto& info = domain::InfoOf(kind);
  if (q.limit < 1 || q.limit > kMaxPage) return Invalid("/limit", "must be between 1 and 100");
  std::optional<std::pair<int64_t, std::string>> before;
  if (q.cursor) {
    TIA_ASSIGN_OR_RETURN(before, DecodeCursor(*q.cursor));
  }
  TIA_ASSIGN_OR_RETURN(Subject subject,
                       ResolveSubject(s_, caller, mother, ReadAction(info.baby_event),
                                      std::string(info.collection)));
  TIA_ASSIGN_OR_RETURN(auto page, s_.db->Read([&](Connection& c) {
    return storage::records::List(c, subject.mother_id, std::string(info.name), before, q.limit);
  }));
  std::string out = "{\"items\":[";
  for (size_t i = 0; i < page.rows.size(); ++i) {
    if (i) out.push_back(',');
    out += ToText(page.rows[i]);
  }
  out += "],\"next_cursor\":";
  out += page.next ? "\"" + EncodeCursor(page.next->first, page.next->second) + "\"" : "null";
  out.push_back('}');
  return out;
}

Result<Json> CareLog::Delete(const Caller& caller, const std::string& mother, RecordKind kind,
                             const std::string& id) {
  const auto& info = domain::InfoOf(kind);
  TIA_ASSIGN_OR_RETURN(
      Subject subject,
      ResolveSubject(s_, caller, mother, WriteAction(info.baby_event), std::string(info.name)));
  const int64_t now = s_.clock->NowMs();
  Json out;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto existing, storage::records::Get(c, subject.mother_id, id));
    if (!existing || existing->kind != info.name) return Fail(ErrorCode::kNotFound, "not found");
    if (existing->deleted) {  // deleting twice is the same as once
      out = {{"id", id}, {"deleted", true}, {"version", existing->version}};
      return Ok();
    }
    storage::RecordRow row = *existing;
    row.deleted = true;
    row.version = existing->version + 1;
    row.updated_at = now;
    row.updated_by = caller.principal->user_id;
    TIA_TRY(storage::records::Replace(c, *existing, row));
    out = {{"id", id}, {"deleted", true}, {"version", row.version}};
    return Ok();
  }));
  return out;
}

Result<Json> CareLog::History(const Caller& caller, const std::string& mother, RecordKind kind,
                              const std::string& id) {
  const auto& info = domain::InfoOf(kind);
  TIA_ASSIGN_OR_RETURN(Subject subject,
                       ResolveSubject(s_, caller, mother, ReadAction(info.baby_event),
                                      std::string(info.name) + ".history"));
  // The current version and the earlier ones from one snapshot, so an edit committed in between
  // cannot show a version twice or not at all.
  using Versions = std::pair<std::optional<storage::RecordRow>, std::vector<storage::HistoryRow>>;
  TIA_ASSIGN_OR_RETURN(Versions both, s_.db->Read([&](Connection& c) -> Result<Versions> {
    TIA_TRY(c.BeginRead());
    TIA_ASSIGN_OR_RETURN(auto row, storage::records::Get(c, subject.mother_id, id));
    TIA_ASSIGN_OR_RETURN(auto older, storage::records::History(c, subject.mother_id, id));
    c.Rollback();
    return Versions{std::move(row), std::move(older)};
  }));
  const auto& [current, rows] = both;
  if (!current || current->kind != info.name) return Fail(ErrorCode::kNotFound, "not found");
  Json versions = Json::array();
  for (const auto& h : rows) {
    TIA_ASSIGN_OR_RETURN(
        Json v, RecordJson(id, h.kind, h.body, current->recorded_at, h.changed_at, h.version));
    v["deleted"] = h.deleted;
    versions.push_back(std::move(v));
  }
  TIA_ASSIGN_OR_RETURN(Json cur, ToJson(*current));
  cur["deleted"] = current->deleted;
  versions.push_back(std::move(cur));
  return Json{{"id", id}, {"versions", versions}};
}

Result<RecordReply> CareLog::PutProfile(const Caller& caller, const std::string& mother,
                                        const Json& body) {
  return Put(caller, mother, RecordKind::kProfile, kProfileId, body, std::nullopt);
}

Result<Json> CareLog::GetProfile(const Caller& caller, const std::string& mother) {
  TIA_ASSIGN_OR_RETURN(Subject subject, ResolveSubject(s_, caller, mother,
                                                       auth::Action::kReadMotherData, "profile"));
  TIA_ASSIGN_OR_RETURN(auto row, s_.db->Read([&](Connection& c) {
    return storage::records::Get(c, subject.mother_id, kProfileId);
  }));
  if (!row) return Json{{"id", kProfileId}, {"kind", "profile"}, {"version", 0}};
  return ToJson(*row);
}

Result<Json> CareLog::Summary(const Caller& caller, const std::string& mother) {
  TIA_ASSIGN_OR_RETURN(Subject subject, ResolveSubject(s_, caller, mother,
                                                       auth::Action::kReadMotherData, "summary"));
  const int64_t now = s_.clock->NowMs();
  TIA_ASSIGN_OR_RETURN(auto rows, s_.db->Read([&](Connection& c) {
    return storage::records::Since(c, subject.mother_id, now - domain::kSummaryWindowMs);
  }));
  TIA_ASSIGN_OR_RETURN(auto records, StoredRecords(rows));
  return domain::Summarise(records, now);
}

Result<Json> CareLog::Charts(const Caller& caller, const std::string& mother, int days) {
  if (days < domain::kMinChartDays || days > domain::kMaxChartDays) {
    return Invalid("days", "must be a whole number from 1 to 90");
  }
  TIA_ASSIGN_OR_RETURN(Subject subject,
                       ResolveSubject(s_, caller, mother, auth::Action::kReadMotherData, "charts"));
  const int64_t now = s_.clock->NowMs();
  // A day more than the window: a record's local date may be up to 14 h off its UTC date.
  TIA_ASSIGN_OR_RETURN(auto rows, s_.db->Read([&](Connection& c) {
    return storage::records::Since(c, subject.mother_id, now - (days + 1) * kDayMs);
  }));
  TIA_ASSIGN_OR_RETURN(auto records, StoredRecords(rows));
  return domain::Charts(records, now, days);
}

namespace {

// Whose export this is: the caller may export her record and signed in within the window.
Result<Subject> ExportSubject(Services& s, const Caller& caller, const std::string& mother) {
  TIA_ASSIGN_OR_RETURN(Subject subject,
                       ResolveSubject(s, caller, mother, auth::Action::kExport, "export"));
  if (s.clock->NowMs() - caller.authenticated_at > s.settings.reauth_window_ms) {
    Error e{ErrorCode::kForbidden,
            "confirm your password first (POST /api/v1/auth/reauthenticate), then export", "", 0};
    return tl::unexpected(e);
  }
  return subject;
}

}  // namespace

Result<Json> CareLog::Export(const Caller& caller, const std::string& mother) {
  TIA_ASSIGN_OR_RETURN(Subject subject, ExportSubject(s_, caller, mother));
  TIA_ASSIGN_OR_RETURN(Json out, ExportById(subject.mother_id, "self"));
  TIA_TRY(s_.db->Write([&](Connection& c) {
    return storage::audit::Append(
        c, AuditOf(s_, caller, "export", "export", "success", subject.mother_id));
  }));
  return out;
}

Result<std::string> CareLog::ExportCsv(const Caller& caller, const std::string& mother,
                                       const std::string& collection) {
  std::optional<domain::KindInfo> kind;
  for (const auto& k : domain::RecordKinds()) {
    if (k.collection == collection) kind = k;
  }
  if (!kind) return Fail(ErrorCode::kNotFound, "not found");
  TIA_ASSIGN_OR_RETURN(Subject subject, ExportSubject(s_, caller, mother));
  TIA_ASSIGN_OR_RETURN(auto rows, s_.db->Read([&](Connection& c) {
    return storage::records::AllOf(c, subject.mother_id);
  }));
  std::vector<const storage::RecordRow*> mine;
  for (const auto& r : rows) {
    if (r.kind == kind->name && !r.deleted) mine.push_back(&r);
  }
  std::stable_sort(mine.begin(), mine.end(), [](const auto* a, const auto* b) {
    return a->occurred_at.utc_ms < b->occurred_at.utc_ms;
  });
  std::vector<domain::CsvRecord> records;
  for (const auto* r : mine) {
    TIA_ASSIGN_OR_RETURN(Json body, domain::ParseStored(r->body));
    if (!body.contains("occurred_at")) body["occurred_at"] = FormatRfc3339(r->occurred_at);
    records.push_back({r->id, std::move(body)});
  }
  TIA_TRY(s_.db->Write([&](Connection& c) {
    return storage::audit::Append(
        c, AuditOf(s_, caller, "export", "export", "success", subject.mother_id));
  }));
  return domain::CsvOf(kind->kind, records);
}

Result<Json> CareLog::ExportById(int64_t mother_id, const std::string& operator_note) {
  return s_.db->Read([&](Connection& c) -> Result<Json> {
    TIA_TRY(c.BeginRead());  // one consistent snapshot
    TIA_ASSIGN_OR_RETURN(auto user, storage::users::ById(c, mother_id));
    if (!user || user->role != "mother") return Fail(ErrorCode::kNotFound, "not found");
    Json out;
    out["format"] = "tia-export/1";
    out["exported_at"] = FormatUtc(s_.clock->NowMs());
    out["requested_by"] = operator_note;
    out["mother"] = {
        {"id", user->public_id}, {"email", user->email}, {"display_name", user->display_name}};
    if (user->hospital_id) {
      TIA_ASSIGN_OR_RETURN(auto h, storage::hospitals::ById(c, *user->hospital_id));
      if (h) out["mother"]["hospital"] = {{"code", h->code}, {"name", h->name}};
    }
    TIA_ASSIGN_OR_RETURN(out["consents"], storage::consents::Of(c, mother_id));
    TIA_ASSIGN_OR_RETURN(auto grants, storage::grants::OfMother(c, mother_id));
    Json shared = Json::array();
    for (const auto& g : grants) {
      shared.push_back({{"id", g.public_id},
                        {"scope", g.scope},
                        {"created_at", FormatUtc(g.created_at)},
                        {"accepted", g.accepted_at.has_value()},
                        {"revoked", g.revoked_at.has_value()}});
    }
    out["caregivers"] = shared;
    TIA_ASSIGN_OR_RETURN(auto rows, storage::records::AllOf(c, mother_id));
    Json records = Json::array();
    out["profile"] = nullptr;
    for (const auto& r : rows) {
      TIA_ASSIGN_OR_RETURN(Json j, ToJson(r));
      j["deleted"] = r.deleted;
      if (r.kind == "profile")
        out["profile"] = j;
      else
        records.push_back(std::move(j));
    }
    out["records"] = records;
    TIA_ASSIGN_OR_RETURN(auto history, storage::records::AllHistoryOf(c, mother_id));
    Json hist = Json::array();
    for (const auto& h : history) {
      TIA_ASSIGN_OR_RETURN(
          Json v, RecordJson(h.record_id, h.kind, h.body, h.changed_at, h.changed_at, h.version));
      v["deleted"] = h.deleted;
      hist.push_back(std::move(v));
    }
    out["history"] = hist;
    TIA_ASSIGN_OR_RETURN(auto checks, storage::symptom_checks::Recent(c, mother_id, 0, 1000000));
    Json sc = Json::array();
    for (const auto& k : checks) {
      TIA_ASSIGN_OR_RETURN(Json answers, domain::ParseStored(k.answers));
      TIA_ASSIGN_OR_RETURN(Json input, domain::ParseStored(k.input));
      TIA_ASSIGN_OR_RETURN(Json from_log, domain::ParseStored(k.provenance));
      TIA_ASSIGN_OR_RETURN(Json result, domain::ParseStored(k.result));
      TIA_ASSIGN_OR_RETURN(Json escalation, domain::ParseStored(k.escalation.value_or("null")));
      sc.push_back({{"id", k.public_id},
                    {"created_at", FormatUtc(k.created_at)},
                    {"answers", std::move(answers)},
                    {"input", std::move(input)},
                    {"from_log", std::move(from_log)},
                    {"result", std::move(result)},
                    {"protocol", {{"id", k.protocol_id}, {"version", k.protocol_version}}},
                    {"escalation", std::move(escalation)}});
    }
    out["symptom_checks"] = sc;
    TIA_ASSIGN_OR_RETURN(auto audit, storage::audit::AboutSubject(c, mother_id));
    Json acc = Json::array();
    for (const auto& a : audit) {
      acc.push_back({{"at", FormatUtc(a.at)},
                     {"role", a.actor_role},
                     {"action", a.action},
                     {"resource", a.resource},
                     {"outcome", a.outcome}});
    }
    out["access_log"] = acc;
    c.Rollback();
    return out;
  });
}

}  // namespace tia::app
