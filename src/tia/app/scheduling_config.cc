// The hospital's configuration: settings (hotline and hours, emergency number, holidays, zone),
// services, providers and rooms, what is offered to mothers, and the numbers to call.
#include "tia/app/access.h"
#include "tia/app/scheduling_parts.h"
#include "tia/base/uuid.h"

namespace tia::app {

using namespace sched;  // NOLINT(google-build-using-namespace): the parts of one class

using storage::ConfigKind;

Result<Json> Scheduling::Contact(const Caller& caller) {
  Json settings = nullptr;
  if (caller.principal && caller.principal->hospital_id) {
    TIA_ASSIGN_OR_RETURN(settings, s_.db->Read([&](Connection& c) {
      return SettingsOf(c, *caller.principal->hospital_id);
    }));
  }
  if (settings.is_null()) {
    return Json{{"hotline", defaults_.hotline.empty() ? Json(nullptr) : Json(defaults_.hotline)},
                {"hotline_open_now", !defaults_.hotline.empty()},
                {"emergency", defaults_.emergency_number}};
  }
  return Json{{"hotline", settings["hotline"]["number"]},
              {"hotline_hours", settings["hotline"]["hours"]},
              {"hotline_open_now", HotlineOpen(settings, s_.clock->NowMs())},
              {"emergency", settings["emergency_number"]}};
}

Result<Json> Scheduling::GetSettings(const Caller& caller) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, StaffHospital(caller, false));
  return s_.db->Read([&](Connection& c) { return SettingsOf(c, hospital); });
}

Result<Json> Scheduling::PutSettings(const Caller& caller, const Json& body) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, StaffHospital(caller, true));
  TIA_ASSIGN_OR_RETURN(Json valid, domain::ValidateHospitalSettings(body));
  const auto audit = AuditOf(s_, caller, "update", "hospital_settings", "success", std::nullopt);
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_TRY(storage::hospital_settings::Put(c, hospital, valid.dump(), s_.clock->NowMs(),
                                            caller.principal->user_id));
    return storage::audit::Append(c, audit);
  }));
  return valid;
}

Result<Json> Scheduling::ListConfig(const Caller& caller, ConfigKind kind) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, StaffHospital(caller, false));
  TIA_ASSIGN_OR_RETURN(auto rows, s_.db->Read([&](Connection& c) {
    return storage::config::OfHospital(c, kind, hospital);
  }));
  Json items = Json::array();
  for (const auto& r : rows) {
    TIA_ASSIGN_OR_RETURN(Json j, domain::ParseStored(r.body));
    j["id"] = r.public_id;
    j["updated_at"] = FormatUtc(r.updated_at);
    items.push_back(std::move(j));
  }
  return Json{{"items", items}};
}

namespace {

const char* ConfigName(ConfigKind kind) {
  switch (kind) {
    case ConfigKind::kService:
      return "service";
    case ConfigKind::kProvider:
      return "provider";
    case ConfigKind::kRoom:
      return "room";
    case ConfigKind::kReplyTemplate:
      return "reply_template";
  }
  return "service";
}

// Every id listed under `key` names a `kind` of this hospital.
Result<void> OwnedIds(Connection& c, const Json& body, const char* key, ConfigKind kind,
                      int64_t hospital) {
  const Json& ids = body[key];
  for (size_t i = 0; i < ids.size(); ++i) {
    TIA_ASSIGN_OR_RETURN(auto row, storage::config::ByPublicId(c, kind, ids[i].get<std::string>()));
    if (!row || row->hospital_id != hospital) {
      return Invalid(std::string("/") + key + "/" + std::to_string(i),
                     std::string("is not a ") + ConfigName(kind) + " of this hospital");
    }
  }
  return Ok();
}

}  // namespace

Result<Json> Scheduling::PutConfig(const Caller& caller, ConfigKind kind, const std::string& id,
                                   const Json& body) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, StaffHospital(caller, true));
  if (!IsCanonicalUuid(id)) return Invalid("/id", "must be a lowercase UUID chosen by the client");
  TIA_ASSIGN_OR_RETURN(Json valid, kind == ConfigKind::kService    ? domain::ValidateService(body)
                                   : kind == ConfigKind::kProvider ? domain::ValidateProvider(body)
                                                                   : domain::ValidateRoom(body));
  const int64_t now = s_.clock->NowMs();
  const auto audit = AuditOf(s_, caller, "update", ConfigName(kind), "success", std::nullopt);
  ConfigRow row;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto existing, storage::config::ByPublicId(c, kind, id));
    if (existing && existing->hospital_id != hospital) return tl::unexpected(NotFound());
    if (kind == ConfigKind::kProvider) {
      TIA_TRY(OwnedIds(c, valid, "service_ids", ConfigKind::kService, hospital));
    }
    if (kind == ConfigKind::kService) {
      TIA_TRY(OwnedIds(c, valid, "room_ids", ConfigKind::kRoom, hospital));
    }
    TIA_ASSIGN_OR_RETURN(row, storage::config::Put(c, kind, hospital, id, valid.dump(), now,
                                                   caller.principal->user_id));
    return storage::audit::Append(c, audit);
  }));
  valid["id"] = row.public_id;
  valid["updated_at"] = FormatUtc(row.updated_at);
  return valid;
}

Result<Json> Scheduling::OfferedServices(const Caller& caller) {
  TIA_ASSIGN_OR_RETURN(int64_t hospital, HospitalOf(caller));
  TIA_ASSIGN_OR_RETURN(auto rows, s_.db->Read([&](Connection& c) {
    return storage::config::OfHospital(c, ConfigKind::kService, hospital);
  }));
  Json items = Json::array();
  for (const auto& r : rows) {
    TIA_ASSIGN_OR_RETURN(Json j, domain::ParseStored(r.body));
    if (!j.value("active", true)) continue;
    items.push_back({{"id", r.public_id},
                     {"name", j["name"]},
                     {"kind", j["kind"]},
                     {"modality", j["modality"]},
                     {"duration_min", j["duration_min"]},
                     {"capacity", j["capacity"]},
                     {"same_day", j["same_day"]},
                     {"requires_approval", j["requires_approval"]},
                     {"cancel_window_min", j["cancel_window_min"]}});
  }
  return Json{{"items", items}};
}

}  // namespace tia::app
