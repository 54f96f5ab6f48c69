#include "tia/storage/migrations.h"

#include <cstdio>

#include "tia/base/embedded.h"

namespace tia::storage {

const std::vector<EmbeddedFile>& SqliteMigrations();
const std::vector<EmbeddedFile>& PostgresMigrations();

namespace {

std::string Checksum(std::string_view text) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a, enough to notice an edited file
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

const std::vector<EmbeddedFile>& Files(Dialect d) {
  return d == Dialect::kSqlite ? SqliteMigrations() : PostgresMigrations();
}

int VersionOf(std::string_view name) { return std::stoi(std::string(name.substr(0, 4))); }

Result<void> EnsureTable(Connection& conn) {
  return conn.ExecScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT "
      "NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)");
}

}  // namespace

Result<std::vector<MigrationState>> MigrationStatus(Connection& conn) {
  TIA_TRY(EnsureTable(conn));
  TIA_ASSIGN_OR_RETURN(Rows rows,
                       conn.Query("SELECT version, checksum FROM schema_migrations", {}));
  std::vector<MigrationState> out;
  for (const auto& f : Files(conn.dialect())) {
    MigrationState s{VersionOf(f.name), std::string(f.name), false};
    for (const Row& r : rows) {
      if (r.Int(0) != s.version) continue;
      if (r.Text(1) != Checksum(f.contents)) {
        return Fail(ErrorCode::kInternal,
                    "migration " + s.name + " was changed after it was applied; refusing to run");
      }
      s.applied = true;
    }
    out.push_back(std::move(s));
  }
  return out;
}

Result<int> Migrate(Connection& conn) {
  TIA_ASSIGN_OR_RETURN(auto states, MigrationStatus(conn));
  int applied = 0;
  for (const auto& f : Files(conn.dialect())) {
    const int version = VersionOf(f.name);
    bool done = false;
    for (const auto& s : states) done = done || (s.version == version && s.applied);
    if (done) continue;
    TIA_TRY(conn.BeginWrite());
    auto step = conn.ExecScript(f.contents);
    if (step) {
      step = conn.Execute(
                     "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES "
                     "($1, $2, $3, $4)",
                     {int64_t{version}, std::string(f.name), Checksum(f.contents), int64_t{0}})
                 .map([](int64_t) {});
    }
    if (!step) {
      conn.Rollback();
      Error e = step.error();
      e.message = "migration " + std::string(f.name) + " failed: " + e.message;
      return tl::unexpected(e);
    }
    TIA_TRY(conn.Commit());
    ++applied;
  }
  return applied;
}

Result<void> CheckMigrated(Connection& conn) {
  TIA_ASSIGN_OR_RETURN(auto states, MigrationStatus(conn));
  for (const auto& s : states) {
    if (!s.applied) {
      return Fail(ErrorCode::kUnavailable,
                  "migration " + s.name + " is pending: run `tia migrate` or serve with --migrate");
    }
  }
  return Ok();
}

}  // namespace tia::storage
