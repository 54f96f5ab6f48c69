// tia/app/operator.h — what the operator's commands do to the installation as a whole: open the
// database (migrated or checked), report and apply migrations, open the photo store, add a user to
// a hospital named by its code, and export a mother's record by her e-mail (audited as the
// operator). The CLI reaches storage only through these and app::UseCases.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tia/app/use_cases.h"
#include "tia/storage/migrations.h"
#include "tia/storage/photo_store.h"

namespace tia::app {

using storage::Database;
using storage::MigrationState;
using storage::PhotoStore;

// The database at `url`, migrated when `migrate`, otherwise refused while a migration is pending.
Result<std::unique_ptr<Database>> OpenDatabase(const std::string& url, bool migrate);
// Every migration with whether it is applied, without changing anything.
Result<std::vector<MigrationState>> MigrationStatus(const std::string& url);
// Applies what is pending; how many were applied.
Result<int> Migrate(const std::string& url);
// "sqlite" or "postgres", for the log.
const char* EngineName(const Database& db);

// The encrypted photo store (see storage/photo_store.h).
Result<std::unique_ptr<PhotoStore>> OpenPhotoStore(const std::string& dir,
                                                   const std::string& key_file);

// A staff user of the hospital with `hospital_code`.
Result<storage::UserRow> AddStaffUser(UseCases& app, const std::string& hospital_code,
                                      const std::string& email, const std::string& password,
                                      const std::string& display_name, auth::Role role);

// Everything the mother with `email` owns, for the operator: audited as an operator export.
Result<Json> OperatorExport(UseCases& app, const std::string& email);
// `tia import`: her entries from another tracker's export (CareLog::ImportById), for the mother
// with this e-mail; audited as the operator.
Result<Json> OperatorImport(UseCases& app, const std::string& email, const std::string& file,
                            const ImportQuery& q);

}  // namespace tia::app
