// tia/app/use_cases.h — the composition root: every use case, built once over the services.
//
// `tia serve` builds one and hands it to the HTTP API; the CLI's commands (demo data, adding a
// hospital or a user, an export) use the same object, so no caller reaches a repository or wires
// use cases together itself.
//
//   app::UseCases app(services, {.hotline = cfg.hotline});
//   http::Api api(app, api_options);
//   TIA_TRY(app.accounts.AddHospital("tudu", "Tu Du Hospital"));
#pragma once

#include <string>

#include "tia/app/accounts.h"
#include "tia/app/care_log.h"
#include "tia/app/consultations.h"
#include "tia/app/events.h"
#include "tia/app/library.h"
#include "tia/app/maternity.h"
#include "tia/app/push.h"
#include "tia/app/scheduling.h"
#include "tia/app/symptom_checks.h"

namespace tia::app {

struct UseCaseOptions {
  std::string
      hotline;  // shown with results that call for a person, until the hospital sets its own
  std::string emergency_number = "115";
};

class UseCases {
 public:
  UseCases(Services& s, UseCaseOptions options)
      : services(s),
        accounts(s),
        care_log(s),
        symptom_checks(s),
        scheduling(s, hub, {std::move(options.hotline), std::move(options.emergency_number)}),
        consultations(s, scheduling, hub),
        push(s),
        library(s),
        maternity(s, hub) {}
  UseCases(const UseCases&) = delete;
  UseCases& operator=(const UseCases&) = delete;

  Services& services;
  EventHub hub;  // before the use cases that publish on it
  Accounts accounts;
  CareLog care_log;
  SymptomChecks symptom_checks;
  Scheduling scheduling;
  Consultations consultations;
  Push push;
  Library library;
  Maternity maternity;
};

}  // namespace tia::app
