// tia/storage/migrations.h — numbered, forward-only schema migrations compiled into the binary.
//
// `migrations/<dialect>/NNNN_name.sql` are embedded at build time. Applied migrations are tracked
// in `schema_migrations` with a checksum; an applied migration whose text has changed is a hard
// error. Each migration runs in its own transaction (both engines have transactional DDL).
#pragma once

#include <string>
#include <vector>

#include "tia/storage/connection.h"

namespace tia::storage {

struct MigrationState {
  int version = 0;
  std::string name;
  bool applied = false;
};

// Every known migration for the connection's dialect, with whether it is applied.
Result<std::vector<MigrationState>> MigrationStatus(Connection& conn);

// Applies every pending migration; returns how many were applied.
Result<int> Migrate(Connection& conn);

// Ok when nothing is pending; otherwise an error naming what is.
Result<void> CheckMigrated(Connection& conn);

}  // namespace tia::storage
