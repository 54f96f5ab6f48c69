// A hospital's Zalo settings and the incidents its administrators see (app/messaging.h).
#include "tia/app/access.h"
#include "tia/app/messaging.h"
#include "tia/app/scheduling_parts.h"
#include "tia/domain/zalo.h"

namespace tia::app::msg {

namespace zalo = domain::zalo;
using storage::Connection;

namespace {

Json Vocabulary() {
  Json values = Json::object();
  for (const auto& p : zalo::Purposes()) values[p] = zalo::ValuesOf(p);
  return values;
}

Result<Json> Shown(Connection& c, int64_t hospital) {
  TIA_ASSIGN_OR_RETURN(auto row, storage::zalo::Get(c, hospital));
  Json out = {{"enabled", false},
              {"templates", Json::object()},
              {"access_token_set", false},
              {"updated_at", nullptr},
              {"values", Vocabulary()}};
  if (!row) return out;
  TIA_ASSIGN_OR_RETURN(const Json body, domain::ParseStored(row->body));
  out["enabled"] = body.value("enabled", false);
  out["templates"] = body.value("templates", Json::object());
  out["access_token_set"] = !row->access_token.empty();
  out["updated_at"] = FormatUtc(row->updated_at);
  return out;
}

}  // namespace

Result<Json> ZaloSettings(Services& s, const Caller& caller) {
  TIA_ASSIGN_OR_RETURN(const int64_t hospital, sched::StaffHospital(caller, true));
  return s.db->Read([&](Connection& c) { return Shown(c, hospital); });
}

Result<Json> PutZaloSettings(Services& s, const Caller& caller, const Json& body) {
  TIA_ASSIGN_OR_RETURN(const int64_t hospital, sched::StaffHospital(caller, true));
  TIA_ASSIGN_OR_RETURN(zalo::Settings valid, zalo::ValidateSettings(body));
  const auto audit = AuditOf(s, caller, "update", "zalo_settings", "success", std::nullopt);
  TIA_TRY(s.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto row, storage::zalo::Get(c, hospital));
    const bool has_token = valid.token || (row && !row->access_token.empty());
    if (valid.body["enabled"].get<bool>() && !has_token) {
      return Invalid("/access_token", "is needed the first time Zalo is switched on");
    }
    // The first save keeps an empty token until one is given; later ones keep the stored one.
    const std::optional<std::string> token = row ? valid.token : valid.token.value_or("");
    TIA_TRY(storage::zalo::Put(c, hospital, valid.body.dump(), token, s.clock->NowMs(),
                               caller.principal->user_id));
    return storage::audit::Append(c, audit);
  }));
  return s.db->Read([&](Connection& c) { return Shown(c, hospital); });
}

Result<Json> MessageIncidents(Services& s, const Caller& caller) {
  TIA_ASSIGN_OR_RETURN(const int64_t hospital, sched::StaffHospital(caller, true));
  TIA_ASSIGN_OR_RETURN(auto rows, s.db->Read([&](Connection& c) {
    return storage::incidents::Recent(c, hospital, 200);
  }));
  Json items = Json::array();
  for (const auto& r : rows) {
    items.push_back({{"at", FormatUtc(r.at)},
                     {"channel", r.channel},
                     {"kind", r.kind.substr(0, r.kind.find(':'))},  // without whose message
                     {"code", r.code},
                     {"detail", r.detail},
                     {"fallback", r.fallback}});
  }
  return Json{{"items", items}};
}

}  // namespace tia::app::msg
