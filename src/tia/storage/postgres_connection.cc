#include "tia/storage/postgres_connection.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstring>

#include "tia/base/log.h"

namespace tia::storage {
namespace {

// Type OIDs from pg_type.h (stable since forever).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat8Oid = 701;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

}  // namespace

Result<std::unique_ptr<Connection>> PostgresConnection::Open(const std::string& conninfo) {
  PGconn* raw = PQconnectdb(conninfo.c_str());
  if (raw == nullptr || PQstatus(raw) != CONNECTION_OK) {
    std::string msg = raw ? PQerrorMessage(raw) : "out of memory";
    PQfinish(raw);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return Fail(ErrorCode::kUnavailable, "cannot connect to PostgreSQL: " + msg);
  }
  std::unique_ptr<PostgresConnection> conn(new PostgresConnection(raw));
  TIA_TRY(conn->ExecScript("SET client_min_messages = warning; SET TIME ZONE 'UTC'"));
  // A write is acknowledged only when durable: refuse servers that would lose it (test R3b).
  for (const char* setting : {"fsync", "synchronous_commit"}) {
    auto rows = conn->Query(std::string("SHOW ") + setting, {});
    if (!rows || rows->empty() || rows->front().Text(0) == "off") {
      return Fail(ErrorCode::kUnavailable,
                  std::string("PostgreSQL runs with ") + setting + "=off; not starting");
    }
  }
  return std::unique_ptr<Connection>(std::move(conn));
}

PostgresConnection::~PostgresConnection() { PQfinish(conn_); }

Error PostgresConnection::ResultError(PGresult* res, std::string_view what) const {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state ? state : "";
  log::Warn("postgres.error", {{"what", what}, {"sqlstate", sqlstate}});
  if (sqlstate.starts_with("23")) {
    return Error{ErrorCode::kConflict, "the record conflicts with one already stored", {}, 0};
  }
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03" ||
      sqlstate.starts_with("08") || sqlstate.starts_with("57") ||
      PQstatus(conn_) != CONNECTION_OK) {
    return Error{ErrorCode::kUnavailable, "the database is busy or unreachable; try again", {}, 1};
  }
  return Error{ErrorCode::kInternal, "database error", {}, 0};
}

Result<PGresult*> PostgresConnection::Run(std::string_view sql, const Params& params) {
  std::string key(sql);
  auto it = prepared_.find(key);
  if (it == prepared_.end()) {
    std::string name = "s" + std::to_string(prepared_.size());
    ResultPtr res(PQprepare(conn_, name.c_str(), key.c_str(), 0, nullptr));
    if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
      return tl::unexpected(ResultError(res.get(), "prepare"));
    }
    it = prepared_.emplace(std::move(key), std::move(name)).first;
  }
  std::vector<std::string> texts(params.size());
  std::vector<const char*> values(params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    const Value& v = params[i];
    if (std::holds_alternative<std::monostate>(v)) {
      values[i] = nullptr;
      continue;
    }
    if (auto* n = std::get_if<int64_t>(&v)) {
      texts[i] = std::to_string(*n);
    } else if (auto* d = std::get_if<double>(&v)) {
      char buf[64];
      auto r = std::to_chars(buf, buf + sizeof buf, *d);
      texts[i].assign(buf, r.ptr);
    } else if (auto* s = std::get_if<std::string>(&v)) {
      texts[i] = *s;
    } else {
      texts[i] = std::get<bool>(v) ? "true" : "false";
    }
    values[i] = texts[i].c_str();
  }
  PGresult* res = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()),
                                 values.data(), nullptr, nullptr, 0);
  const auto status = PQresultStatus(res);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    Error e = ResultError(res, "execute");
    PQclear(res);
    // A dropped connection loses its prepared statements.
    if (PQstatus(conn_) != CONNECTION_OK) prepared_.clear();
    return tl::unexpected(std::move(e));
  }
  return res;
}

Result<Rows> PostgresConnection::Query(std::string_view sql, const Params& params) {
  TIA_ASSIGN_OR_RETURN(PGresult * raw, Run(sql, params));
  ResultPtr res(raw);
  const int nrows = PQntuples(raw);
  const int ncols = PQnfields(raw);
  Rows rows;
  rows.reserve(static_cast<size_t>(nrows));
  for (int r = 0; r < nrows; ++r) {
    std::vector<Value> cells;
    cells.reserve(static_cast<size_t>(ncols));
    for (int c = 0; c < ncols; ++c) {
      if (PQgetisnull(raw, r, c)) {
        cells.emplace_back(std::monostate{});
        continue;
      }
      const char* text = PQgetvalue(raw, r, c);
      const size_t len = static_cast<size_t>(PQgetlength(raw, r, c));
      switch (PQftype(raw, c)) {
        case kInt2Oid:
        case kInt4Oid:
        case kInt8Oid: {
          int64_t n = 0;
          std::from_chars(text, text + len, n);
          cells.emplace_back(n);
          break;
        }
        case kBoolOid:
          cells.emplace_back(text[0] == 't');
          break;
        case kFloat8Oid:
          cells.emplace_back(std::strtod(text, nullptr));
          break;
        default:
          cells.emplace_back(std::string(text, len));
      }
    }
    rows.emplace_back(std::move(cells));
  }
  return rows;
}

Result<int64_t> PostgresConnection::Execute(std::string_view sql, const Params& params) {
  TIA_ASSIGN_OR_RETURN(PGresult * raw, Run(sql, params));
  ResultPtr res(raw);
  const char* n = PQcmdTuples(raw);
  return n && *n ? std::stoll(n) : 0;
}

Result<void> PostgresConnection::ExecScript(std::string_view sql) {
  std::string s(sql);
  ResultPtr res(PQexec(conn_, s.c_str()));
  const auto status = PQresultStatus(res.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return tl::unexpected(ResultError(res.get(), "exec"));
  }
  return Ok();
}

Result<void> PostgresConnection::BeginWrite() {
  TIA_TRY(ExecScript("BEGIN"));
  in_transaction_ = true;
  return Ok();
}
Result<void> PostgresConnection::BeginRead() {
  TIA_TRY(ExecScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  in_transaction_ = true;
  return Ok();
}
Result<void> PostgresConnection::Commit() {
  in_transaction_ = false;
  return ExecScript("COMMIT");
}
void PostgresConnection::Rollback() {
  if (in_transaction_ || PQtransactionStatus(conn_) != PQTRANS_IDLE) (void)ExecScript("ROLLBACK");
  in_transaction_ = false;
}

}  // namespace tia::storage
