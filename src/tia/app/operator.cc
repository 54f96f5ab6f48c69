#include "tia/app/operator.h"

#include "tia/app/accounts.h"

namespace tia::app {

Result<std::unique_ptr<Database>> OpenDatabase(const std::string& url, bool migrate) {
  TIA_ASSIGN_OR_RETURN(auto db, Database::Open(url));
  auto check = db->Read([&](storage::Connection& c) -> Result<int> {
    if (migrate) return storage::Migrate(c);
    TIA_TRY(storage::CheckMigrated(c));
    return 0;
  });
  if (!check) return tl::unexpected(check.error());
  return db;
}

Result<std::vector<MigrationState>> MigrationStatus(const std::string& url) {
  TIA_ASSIGN_OR_RETURN(auto db, Database::Open(url));
  return db->Read([](storage::Connection& c) { return storage::MigrationStatus(c); });
}

Result<int> Migrate(const std::string& url) {
  TIA_ASSIGN_OR_RETURN(auto db, Database::Open(url));
  return db->Read([](storage::Connection& c) { return storage::Migrate(c); });
}

const char* EngineName(const Database& db) {
  return db.dialect() == storage::Dialect::kSqlite ? "sqlite" : "postgres";
}

Result<std::unique_ptr<PhotoStore>> OpenPhotoStore(const std::string& dir,
                                                   const std::string& key_file) {
  return PhotoStore::Open(dir, key_file);
}

Result<storage::UserRow> AddStaffUser(UseCases& app, const std::string& hospital_code,
                                      const std::string& email, const std::string& password,
                                      const std::string& display_name, auth::Role role) {
  TIA_ASSIGN_OR_RETURN(auto hospital, app.services.db->Read([&](storage::Connection& c) {
    return storage::hospitals::ByCode(c, hospital_code);
  }));
  if (!hospital) return Invalid("hospital", "no hospital has the code " + hospital_code);
  return app.accounts.AddUser(email, password, display_name, role, hospital->id);
}

Result<Json> OperatorExport(UseCases& app, const std::string& email) {
  TIA_ASSIGN_OR_RETURN(std::string norm, NormaliseEmail(email, "email"));
  TIA_ASSIGN_OR_RETURN(auto user, app.services.db->Read([&](storage::Connection& c) {
    return storage::users::ByEmail(c, norm);
  }));
  if (!user || user->role != "mother") return Invalid("email", "no mother has this e-mail");
  TIA_ASSIGN_OR_RETURN(Json out, app.care_log.ExportById(user->id, "operator (tia export)"));
  const storage::AuditEvent e{app.services.clock->NowMs(),
                              std::nullopt,
                              "operator",
                              user->hospital_id,
                              user->id,
                              "export",
                              "export",
                              "success",
                              "cli",
                              "cli"};
  TIA_TRY(
      app.services.db->Write([&](storage::Connection& c) { return storage::audit::Append(c, e); }));
  return out;
}

Result<Json> OperatorImport(UseCases& app, const std::string& email, const std::string& file,
                            const ImportQuery& q) {
  TIA_ASSIGN_OR_RETURN(std::string norm, NormaliseEmail(email, "email"));
  TIA_ASSIGN_OR_RETURN(auto user, app.services.db->Read([&](storage::Connection& c) {
    return storage::users::ByEmail(c, norm);
  }));
  if (!user || user->role != "mother") return Invalid("email", "no mother has this e-mail");
  return app.care_log.ImportById(user->id, file, q);
}

}  // namespace tia::app
