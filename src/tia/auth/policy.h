// tia/auth/policy.h — who may read or write what in a mother's record.
//
// A mother owns her record. A caregiver she invited may read and write within the scope she
// chose ("baby": infants, feeds, nappies, infant concerns; "baby_and_mother": everything but her
// profile's management, export and sharing). A clinician of the hospital she registered with may
// read it (and every such read is audited); a clinician of another hospital only under live
// break-glass access, which she asked for with a reason and which expires within 60 minutes. Nobody
// else learns that it exists: the answer to them is "not found". Pure.
#pragma once

#include <optional>
#include <string>

namespace tia::auth {

enum class Role { kMother, kCaregiver, kClinician, kHospitalAdmin };

const char* RoleName(Role r);
// Clinicians and hospital admins: their every touch of a mother's record is audited.
inline bool IsStaff(Role r) { return r == Role::kClinician || r == Role::kHospitalAdmin; }
std::optional<Role> RoleFromName(const std::string& s);

struct Principal {
  int64_t user_id = 0;
  Role role = Role::kMother;
  std::optional<int64_t> hospital_id;
};

// What the principal's relation to one mother is, as looked up by the caller.
struct Relation {
  int64_t mother_id = 0;
  std::optional<int64_t> mother_hospital_id;
  std::optional<std::string> caregiver_scope;  // live grant to this principal, if any
  bool break_glass = false;  // a clinician outside her care team holds live emergency access
};

enum class Action {
  kReadBabyEvents,  // infants, feeds, nappies, infant concerns
  kWriteBabyEvents,
  kReadMotherData,  // pumping, breast checks, temperatures, care actions, notes, profile, summary
  kWriteMotherData,
  kManageSharing,  // invite or revoke caregivers, edit the profile
  kExport,
};

enum class Decision { kAllow, kForbidden, kNotFound };

Decision Decide(const Principal& who, const Relation& rel, Action action);

}  // namespace tia::auth
