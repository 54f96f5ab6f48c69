// tia/storage/postgres_connection.h — libpq behind the driver interface.
//
// Statements are prepared once per connection (named by a counter) and executed with text
// parameters; results are converted by column type (int2/4/8 -> integer, bool, float8, else text).
// Refuses to start against a server with fsync or synchronous_commit off. Not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "tia/storage/connection.h"

struct pg_conn;
struct pg_result;

namespace tia::storage {

class PostgresConnection final : public Connection {
 public:
  static Result<std::unique_ptr<Connection>> Open(const std::string& conninfo);
  ~PostgresConnection() override;

  Dialect dialect() const override { return Dialect::kPostgres; }
  Result<Rows> Query(std::string_view sql, const Params& params) override;
  Result<int64_t> Execute(std::string_view sql, const Params& params) override;
  Result<void> ExecScript(std::string_view sql) override;
  Result<void> BeginWrite() override;
  Result<void> BeginRead() override;
  Result<void> Commit() override;
  void Rollback() override;
  Result<void> Savepoint(std::string_view statement) override { return ExecScript(statement); }

 private:
  explicit PostgresConnection(pg_conn* conn) : conn_(conn) {}
  Result<pg_result*> Run(std::string_view sql, const Params& params);
  Error ResultError(pg_result* res, std::string_view what) const;

  pg_conn* conn_;
  std::unordered_map<std::string, std::string> prepared_;  // sql -> statement name
  bool in_transaction_ = false;
};

}  // namespace tia::storage
