// Imports from other trackers (CareLog::Import; domain/imports.h reads the files).
#include "tia/domain/imports.h"

#include <map>

#include "tia/app/access.h"
#include "tia/app/care_log.h"
#include "tia/auth/passwords.h"
#include "tia/domain/scheduling.h"

namespace tia::app {

using storage::Connection;
namespace imports = domain::imports;

namespace {

constexpr const char* kDefaultZone = "Asia/Ho_Chi_Minh";

std::string OrDefault(const std::string& v, const char* d) { return v.empty() ? d : v; }

// The id of her record made from a row: a BLAKE2b of her and the row's key, as a UUID.
std::string DerivedId(const storage::UserRow& her, const std::string& key) {
  return imports::IdFromDigest(auth::TokenHash(her.public_id + ":" + key));
}

Result<imports::Options> OptionsOf(const ImportQuery& q, const Json& profile) {
  imports::Options o;
  if (q.format != "babybuddy" && q.format != "huckleberry") {
    return Invalid("/format", "must be babybuddy or huckleberry");
  }
  o.format = q.format;
  const std::string zone =
      q.time_zone.empty() ? profile.value("time_zone", std::string(kDefaultZone)) : q.time_zone;
  o.zone = domain::ZoneNamed(zone);
  if (!o.zone) return Invalid("/time_zone", "must be an IANA time zone like Asia/Ho_Chi_Minh");
  o.volume_unit = OrDefault(q.volume_unit, "ml");
  if (o.volume_unit != "ml" && o.volume_unit != "oz")
    return Invalid("/volume_unit", "must be ml or oz");
  o.temperature_unit = OrDefault(q.temperature_unit, "c");
  if (o.temperature_unit != "c" && o.temperature_unit != "f") {
    return Invalid("/temperature_unit", "must be c or f");
  }
  o.weight_unit = OrDefault(q.weight_unit, "kg");
  if (o.weight_unit != "kg" && o.weight_unit != "lb")
    return Invalid("/weight_unit", "must be kg or lb");
  return o;
}

}  // namespace

Result<Json> CareLog::Import(const Caller& caller, const std::string& mother,
                             const std::string& file, const ImportQuery& q) {
  TIA_ASSIGN_OR_RETURN(Subject subject,
                       ResolveSubject(s_, caller, mother, auth::Action::kManageSharing, "import"));
  TIA_ASSIGN_OR_RETURN(auto her, s_.db->Read([&](Connection& c) {
    return storage::users::ById(c, subject.mother_id);
  }));
  if (!her) return Fail(ErrorCode::kNotFound, "not found");
  return ImportFor(*her, file, q,
                   AuditOf(s_, caller, "import", "import", "success", subject.mother_id));
}

Result<Json> CareLog::ImportById(int64_t mother_id, const std::string& file, const ImportQuery& q) {
  TIA_ASSIGN_OR_RETURN(
      auto her, s_.db->Read([&](Connection& c) { return storage::users::ById(c, mother_id); }));
  if (!her || her->role != "mother") return Fail(ErrorCode::kNotFound, "not found");
  const storage::AuditEvent audit{
      s_.clock->NowMs(), std::nullopt, "operator", her->hospital_id, her->id, "import", "import",
      "success",         "cli",        "cli"};
  return ImportFor(*her, file, q, audit);
}

Result<Json> CareLog::ImportFor(const storage::UserRow& her, const std::string& file,
                                const ImportQuery& q, const storage::AuditEvent& audit) {
  const int64_t now = s_.clock->NowMs();
  TIA_ASSIGN_OR_RETURN(auto profile_row, s_.db->Read([&](Connection& c) {
    return storage::records::Get(c, her.id, "profile");
  }));
  TIA_ASSIGN_OR_RETURN(const Json profile,
                       domain::ParseStored(profile_row ? profile_row->body : "{}"));
  TIA_ASSIGN_OR_RETURN(const imports::Options options, OptionsOf(q, profile));
  TIA_ASSIGN_OR_RETURN(const imports::Plan plan, imports::PlanImport(file, options, now));

  // Each planned record as it would be stored: its id from her and the row, her infant when the
  // row names one she has, the canonical body.
  struct Ready {
    const imports::Planned* p;
    storage::RecordRow row;
    std::string collection;
  };
  std::vector<Ready> ready;
  for (const auto& p : plan.records) {
    Ready r{&p, {}, std::string(domain::InfoOf(p.kind).collection)};
    r.row.mother_id = her.id;
    r.row.id = DerivedId(her, p.key);
    r.row.kind = std::string(domain::InfoOf(p.kind).name);
    r.row.recorded_at = r.row.updated_at = now;
    r.row.version = 1;
    r.row.created_by = r.row.updated_by = her.id;
    ready.push_back(std::move(r));
  }
  std::map<std::string, std::pair<int64_t, int64_t>> counts;  // collection -> (new, already)
  int64_t added = 0;
  auto run = [&](Connection& c, bool store) -> Result<void> {
    counts.clear();
    added = 0;
    for (auto& r : ready) {
      Json body = r.p->body;
      if (!r.p->child.empty()) {
        const std::string infant = DerivedId(her, r.p->child);
        if (RequireOwnInfant(c, her.id, infant)) body["infant_id"] = infant;
      }
      TIA_ASSIGN_OR_RETURN(auto valid, domain::ValidateRecord(r.p->kind, body, now));
      r.row.occurred_at = valid.occurred_at;
      r.row.body = valid.body.dump();
      r.row.body_hash = auth::TokenHash(r.row.body);
      TIA_ASSIGN_OR_RETURN(auto existing, storage::records::Get(c, her.id, r.row.id));
      auto& [fresh, already] = counts[r.collection];
      if (existing) {
        ++already;
        continue;
      }
      ++fresh;
      if (!store) continue;
      TIA_ASSIGN_OR_RETURN(bool inserted, storage::records::InsertIfAbsent(c, r.row));
      added += inserted ? 1 : 0;
    }
    if (store) TIA_TRY(storage::audit::Append(c, audit));
    return Ok();
  };
  if (q.dry_run) {
    TIA_TRY(s_.db->Read([&](Connection& c) { return run(c, false); }));
  } else {
    TIA_TRY(s_.db->Write([&](Connection& c) { return run(c, true); }));
  }
  Json count_json = Json::object();
  for (const auto& [collection, n] : counts) {
    count_json[collection] = {{"new", n.first}, {"already", n.second}};
  }
  // A refused record's reason is "<field>: <message>": only the message is words.
  const auto say = [&](const std::string& reason) {
    if (!q.say) return reason;
    const size_t colon = reason.find(": ");
    if (reason.starts_with('/') && colon != std::string::npos) {
      return reason.substr(0, colon + 2) + q.say(reason.substr(colon + 2));
    }
    return q.say(reason);
  };
  Json skipped = Json::array();
  for (const auto& s : plan.skipped)
    skipped.push_back({{"line", s.line}, {"reason", say(s.reason)}});
  return Json{{"source", plan.source},
              {"dry_run", q.dry_run},
              {"counts", count_json},
              {"added", added},
              {"skipped", skipped},
              {"rejected_csv",
               plan.skipped.empty() ? Json(nullptr) : Json(imports::RejectedCsv(plan, say))}};
}

}  // namespace tia::app
