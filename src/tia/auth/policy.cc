#include "tia/auth/policy.h"

namespace tia::auth {

const char* RoleName(Role r) {
  switch (r) {
    case Role::kMother:
      return "mother";
    case Role::kCaregiver:
      return "caregiver";
    case Role::kClinician:
      return "clinician";
    case Role::kHospitalAdmin:
      return "hospital_admin";
  }
  return "unknown";
}

std::optional<Role> RoleFromName(const std::string& s) {
  for (Role r : {Role::kMother, Role::kCaregiver, Role::kClinician, Role::kHospitalAdmin}) {
    if (s == RoleName(r)) return r;
  }
  return std::nullopt;
}

Decision Decide(const Principal& who, const Relation& rel, Action action) {
  const bool reads = action == Action::kReadBabyEvents || action == Action::kReadMotherData;
  switch (who.role) {
    case Role::kMother:
      return who.user_id == rel.mother_id ? Decision::kAllow : Decision::kNotFound;
    case Role::kCaregiver: {
      if (!rel.caregiver_scope) return Decision::kNotFound;
      const bool full = *rel.caregiver_scope == "baby_and_mother";
      switch (action) {
        case Action::kReadBabyEvents:
        case Action::kWriteBabyEvents:
          return Decision::kAllow;
        case Action::kReadMotherData:
        case Action::kWriteMotherData:
          return full ? Decision::kAllow : Decision::kNotFound;
        default:
          return Decision::kForbidden;
      }
    }
    case Role::kClinician:
      if (!who.hospital_id) return Decision::kNotFound;
      if (who.hospital_id != rel.mother_hospital_id) {
        return rel.break_glass && reads ? Decision::kAllow : Decision::kNotFound;
      }
      return reads ? Decision::kAllow : Decision::kForbidden;
    case Role::kHospitalAdmin:
      // Admins run the hospital, not care: no access to health data.
      return Decision::kNotFound;
  }
  return Decision::kNotFound;
}

}  // namespace tia::auth
