// tia/storage/connection.h — the one driver interface, with a SQLite and a PostgreSQL
// implementation.
//
// SQL is written once with PostgreSQL's `$1, $2` placeholders; the SQLite driver rewrites them to
// `?1, ?2` (SQLite treats `$2` as a *named* parameter numbered by first appearance). Values cross
// the interface as `Value`; booleans become INTEGER 0/1 in SQLite and BOOLEAN in PostgreSQL.
//
// A Connection is used by one thread at a time; `Database` hands out pooled connections and owns
// the single group-committing writer (see database.h).
//
//   auto rows = conn.Query("SELECT id FROM users WHERE email = $1", {email});
//   if (!rows) return tl::unexpected(rows.error());
//   for (const Row& r : *rows) use(r.Int(0));
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "tia/base/result.h"

namespace tia::storage {

enum class Dialect { kSqlite, kPostgres };

using Value = std::variant<std::monostate, int64_t, double, std::string, bool>;
using Params = std::vector<Value>;

// One result row. Accessors convert between the engines' representations; reading a column as
// the wrong type is a programmer error and aborts with a message.
class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  bool IsNull(size_t i) const;
  int64_t Int(size_t i) const;
  double Real(size_t i) const;
  bool Bool(size_t i) const;
  const std::string& Text(size_t i) const;
  size_t size() const { return cells_.size(); }

 private:
  const Value& At(size_t i) const;
  std::vector<Value> cells_;
};

using Rows = std::vector<Row>;

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;

  // Runs one statement with parameters and returns all its rows (none for DML without RETURNING).
  virtual Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
  // Runs one statement; returns the number of rows changed.
  virtual Result<int64_t> Execute(std::string_view sql, const Params& params = {}) = 0;
  // Runs a script of several statements without parameters (migrations, PRAGMAs).
  virtual Result<void> ExecScript(std::string_view sql) = 0;

  // Starts a write transaction (SQLite: BEGIN IMMEDIATE, so the write lock is taken up front).
  virtual Result<void> BeginWrite() = 0;
  // Starts a read transaction (one consistent snapshot for several queries).
  virtual Result<void> BeginRead() = 0;
  virtual Result<void> Commit() = 0;
  virtual void Rollback() = 0;

  // Savepoints inside a write transaction: `Savepoint("SAVEPOINT w")`, `"RELEASE SAVEPOINT w"`,
  // `"ROLLBACK TO SAVEPOINT w"`. Cheap: the group committer runs two for every write.
  virtual Result<void> Savepoint(std::string_view statement) = 0;
};

// Opens a connection. `url` is `sqlite:PATH` (or a path ending in .db/.sqlite) or a PostgreSQL
// URI/conninfo (`postgresql://...`, `host=... dbname=...`).
Result<std::unique_ptr<Connection>> Connect(const std::string& url);

// True when `url` names a PostgreSQL database.
bool IsPostgresUrl(std::string_view url);

}  // namespace tia::storage
