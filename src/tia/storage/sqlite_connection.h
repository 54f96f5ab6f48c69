// tia/storage/sqlite_connection.h — the sqlite3 C API behind the driver interface.
//
// Every connection runs in WAL mode with synchronous=FULL (a commit is on disk before it
// returns), foreign keys on and a busy timeout. Prepared statements are cached per connection.
// Not thread-safe: one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "tia/storage/connection.h"

struct sqlite3;
struct sqlite3_stmt;

namespace tia::storage {

class SqliteConnection final : public Connection {
 public:
  static Result<std::unique_ptr<Connection>> Open(const std::string& path);
  ~SqliteConnection() override;

  Dialect dialect() const override { return Dialect::kSqlite; }
  Result<Rows> Query(std::string_view sql, const Params& params) override;
  Result<int64_t> Execute(std::string_view sql, const Params& params) override;
  Result<void> ExecScript(std::string_view sql) override;
  Result<void> BeginWrite() override;
  Result<void> BeginRead() override;
  Result<void> Commit() override;
  void Rollback() override;
  Result<void> Savepoint(std::string_view statement) override;

  // `$N` placeholders rewritten to `?N`, leaving string literals alone.
  static std::string RewritePlaceholders(std::string_view sql);

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  Result<sqlite3_stmt*> Prepare(std::string_view sql, const Params& params);
  Error LastError(std::string_view what) const;

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace tia::storage
