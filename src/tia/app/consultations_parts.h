// What the consultation use cases share between their two files: consultations.cc (opening a
// thread, reading it, messages and photos) and consultations_team.cc (the care team's work on it:
// claim, hand over, return, close, reply templates). Not part of the app's interface.
#pragma once

#include <string>

#include "tia/app/access.h"
#include "tia/app/consultations.h"
#include "tia/storage/consultations.h"
#include "tia/storage/repositories.h"

namespace tia::app::consult {

// A thread as its reader may see it; `staff` when the reader is a clinician of her hospital.
struct Thread {
  storage::ConsultationRow c;
  storage::UserRow mother;
  bool staff = false;
};

Error NotFound();
// A clinician with a hospital: the only staff who work consultations.
bool IsClinician(const Caller& c);
// Tells the hospital's clinicians and the mother that the thread changed (no health data).
void Announce(EventHub& hub, const storage::ConsultationRow& c, const std::string& change);
// Loads a thread the caller may see: the mother herself, or a clinician of her hospital (audited
// through ResolveSubject before anything is returned). Anyone else: 404.
Result<Thread> LoadThread(Services& s, const Caller& caller, const std::string& id,
                          const std::string& resource);

}  // namespace tia::app::consult
