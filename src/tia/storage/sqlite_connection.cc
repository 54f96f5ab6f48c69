#include "tia/storage/sqlite_connection.h"

#include <sqlite3.h>

#include "tia/base/log.h"

namespace tia::storage {

std::string SqliteConnection::RewritePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  bool in_string = false;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'') in_string = !in_string;
    if (!in_string && c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out.push_back('?');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Result<std::unique_ptr<Connection>> SqliteConnection::Open(const std::string& path) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Fail(ErrorCode::kUnavailable, "cannot open the SQLite database: " + msg);
  }
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db));
  sqlite3_busy_timeout(db, 10'000);
  sqlite3_extended_result_codes(db, 1);
  TIA_TRY(conn->ExecScript(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
      // Erased or replaced content is overwritten with zeros, not left in free pages.
      "PRAGMA secure_delete=ON;"));
  // Refuse to run with a weaker durability setting than the design promises (test R3b).
  auto sync = conn->Query("PRAGMA synchronous", {});
  if (!sync || sync->empty() || sync->front().Int(0) < 2) {
    return Fail(ErrorCode::kUnavailable, "SQLite refused synchronous=FULL; not starting");
  }
  auto mode = conn->Query("PRAGMA journal_mode", {});
  if (!mode || mode->empty() || mode->front().Text(0) != "wal") {
    return Fail(ErrorCode::kUnavailable, "SQLite could not enter WAL mode; not starting");
  }
  return std::unique_ptr<Connection>(std::move(conn));
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Error SqliteConnection::LastError(std::string_view what) const {
  const int code = sqlite3_extended_errcode(db_);
  const int primary = code & 0xff;
  log::Warn("sqlite.error", {{"what", what}, {"code", code}, {"message", sqlite3_errmsg(db_)}});
  if (primary == SQLITE_CONSTRAINT) {
    return Error{ErrorCode::kConflict, "the record conflicts with one already stored", {}, 0};
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Error{ErrorCode::kUnavailable, "the database is busy; try again", {}, 1};
  }
  if (primary == SQLITE_FULL || primary == SQLITE_IOERR) {
    return Error{ErrorCode::kUnavailable, "storage is failing; nothing was saved", {}, 5};
  }
  return Error{ErrorCode::kInternal, "database error", {}, 0};
}

Result<sqlite3_stmt*> SqliteConnection::Prepare(std::string_view sql, const Params& params) {
  std::string key(sql);
  sqlite3_stmt* stmt = nullptr;
  if (auto it = cache_.find(key); it != cache_.end()) {
    stmt = it->second;
  } else {
    const std::string rewritten = RewritePlaceholders(sql);
    if (sqlite3_prepare_v3(db_, rewritten.c_str(), static_cast<int>(rewritten.size()),
                           SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
      return tl::unexpected(LastError("prepare"));
    }
    cache_.emplace(std::move(key), stmt);
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  for (size_t i = 0; i < params.size(); ++i) {
    const int idx = static_cast<int>(i + 1);
    const Value& v = params[i];
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::monostate>(v)) {
      rc = sqlite3_bind_null(stmt, idx);
    } else if (auto* n = std::get_if<int64_t>(&v)) {
      rc = sqlite3_bind_int64(stmt, idx, *n);
    } else if (auto* d = std::get_if<double>(&v)) {
      rc = sqlite3_bind_double(stmt, idx, *d);
    } else if (auto* s = std::get_if<std::string>(&v)) {
      rc = sqlite3_bind_text(stmt, idx, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
    } else {
      rc = sqlite3_bind_int(stmt, idx, std::get<bool>(v) ? 1 : 0);
    }
    if (rc != SQLITE_OK) return tl::unexpected(LastError("bind"));
  }
  return stmt;
}

Result<Rows> SqliteConnection::Query(std::string_view sql, const Params& params) {
  TIA_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
  Rows rows;
  while (true) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      Error e = LastError("step");
      sqlite3_reset(stmt);
      return tl::unexpected(std::move(e));
    }
    const int n = sqlite3_column_count(stmt);
    std::vector<Value> cells;
    cells.reserve(static_cast<size_t>(n));
    for (int c = 0; c < n; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER:
          cells.emplace_back(int64_t{sqlite3_column_int64(stmt, c)});
          break;
        case SQLITE_FLOAT:
          cells.emplace_back(sqlite3_column_double(stmt, c));
          break;
        case SQLITE_NULL:
          cells.emplace_back(std::monostate{});
          break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          cells.emplace_back(std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt, c))));
        }
      }
    }
    rows.emplace_back(std::move(cells));
  }
  sqlite3_reset(stmt);
  return rows;
}

Result<int64_t> SqliteConnection::Execute(std::string_view sql, const Params& params) {
  TIA_TRY(Query(sql, params));
  return static_cast<int64_t>(sqlite3_changes64(db_));
}

Result<void> SqliteConnection::ExecScript(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    sqlite3_free(err);
    return tl::unexpected(LastError("exec"));
  }
  return Ok();
}

// Transaction statements go through the prepared-statement cache: sqlite3_exec would compile
// them again on every call, and the writer runs several for every write.
Result<void> SqliteConnection::BeginWrite() { return Savepoint("BEGIN IMMEDIATE"); }
Result<void> SqliteConnection::BeginRead() { return Savepoint("BEGIN DEFERRED"); }
Result<void> SqliteConnection::Commit() { return Savepoint("COMMIT"); }
void SqliteConnection::Rollback() {
  if (!sqlite3_get_autocommit(db_)) (void)Savepoint("ROLLBACK");
}
Result<void> SqliteConnection::Savepoint(std::string_view statement) {
  TIA_TRY(Query(statement, {}));
  return Ok();
}

}  // namespace tia::storage
