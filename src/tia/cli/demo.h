// tia/cli/demo.h — demo data: a hospital, a clinician, an admin and a mother with a week of logs.
#pragma once

#include <string>

#include "tia/app/use_cases.h"

namespace tia::cli {

struct DemoLogins {
  std::string hospital_code;
  std::string clinician_email, clinician_password;
  std::string admin_email, admin_password;
  std::string mother_email, mother_password;
  std::string mother_phone;                       // she may sign in with a code sent to it
  std::string pregnant_email, pregnant_password;  // 24 weeks pregnant, in the programme
  int records = 0;
};

// Creates the demo accounts (fresh random passwords) and the mother's week of records.
Result<DemoLogins> LoadDemo(app::UseCases& app);

}  // namespace tia::cli
