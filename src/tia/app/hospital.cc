#include "tia/app/hospital.h"

#include "tia/app/access.h"

namespace tia::app {

Result<Json> HospitalMothers(Services& s, const Caller& caller) {
  const auto& p = *caller.principal;
  if (p.role != auth::Role::kClinician || !p.hospital_id) {
    return Fail(ErrorCode::kNotFound, "not found");
  }
  TIA_ASSIGN_OR_RETURN(auto rows, s.db->Read([&](storage::Connection& c) {
    return storage::users::MothersOf(c, *p.hospital_id, 100);
  }));
  const auto e = AuditOf(s, caller, "read", "mother_list", "success", std::nullopt);
  TIA_TRY(s.db->Write([&](storage::Connection& c) { return storage::audit::Append(c, e); }));
  Json items = Json::array();
  for (const auto& u : rows)
    items.push_back({{"id", u.public_id}, {"display_name", u.display_name}});
  return Json{{"items", items}};
}

Result<Json> AuditTrail(Services& s, const Caller& caller) {
  const auto& p = *caller.principal;
  if (p.role != auth::Role::kHospitalAdmin || !p.hospital_id) {
    return Fail(ErrorCode::kNotFound, "not found");
  }
  TIA_ASSIGN_OR_RETURN(auto rows, s.db->Read([&](storage::Connection& c) {
    return storage::audit::Recent(c, p.hospital_id, 200);
  }));
  Json items = Json::array();
  for (const auto& a : rows) {
    items.push_back({{"at", FormatUtc(a.at)},
                     {"actor_role", a.actor_role},
                     {"action", a.action},
                     {"resource", a.resource},
                     {"outcome", a.outcome},
                     {"request_id", a.request_id}});
  }
  return Json{{"items", items}};
}

Result<void> CheckReady(Services& s) {
  TIA_TRY(s.db->Read([](storage::Connection& c) { return c.Query("SELECT 1"); }));
  return {};
}

}  // namespace tia::app
