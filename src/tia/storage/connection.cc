#include "tia/storage/connection.h"

#include <cstdio>
#include <cstdlib>

#include "tia/storage/postgres_connection.h"
#include "tia/storage/sqlite_connection.h"

namespace tia::storage {
namespace {

[[noreturn]] void WrongType(size_t i, const char* want) {
  std::fprintf(stderr, "tia: programmer error: column %zu read as %s but holds another type\n", i,
               want);
  std::abort();
}

}  // namespace

const Value& Row::At(size_t i) const {
  if (i >= cells_.size()) {
    std::fprintf(stderr, "tia: programmer error: column %zu of %zu read\n", i, cells_.size());
    std::abort();
  }
  return cells_[i];
}

bool Row::IsNull(size_t i) const { return std::holds_alternative<std::monostate>(At(i)); }

int64_t Row::Int(size_t i) const {
  const Value& v = At(i);
  if (auto* p = std::get_if<int64_t>(&v)) return *p;
  if (auto* b = std::get_if<bool>(&v)) return *b ? 1 : 0;
  WrongType(i, "integer");
}

double Row::Real(size_t i) const {
  const Value& v = At(i);
  if (auto* p = std::get_if<double>(&v)) return *p;
  if (auto* n = std::get_if<int64_t>(&v)) return static_cast<double>(*n);
  WrongType(i, "real");
}

bool Row::Bool(size_t i) const {
  const Value& v = At(i);
  if (auto* b = std::get_if<bool>(&v)) return *b;
  if (auto* n = std::get_if<int64_t>(&v)) return *n != 0;
  WrongType(i, "boolean");
}

const std::string& Row::Text(size_t i) const {
  const Value& v = At(i);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  WrongType(i, "text");
}

bool IsPostgresUrl(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://") ||
         url.find("dbname=") != std::string_view::npos || url.starts_with("host=");
}

Result<std::unique_ptr<Connection>> Connect(const std::string& url) {
  if (IsPostgresUrl(url)) return PostgresConnection::Open(url);
  std::string path = url;
  if (path.starts_with("sqlite:")) path = path.substr(7);
  return SqliteConnection::Open(path);
}

}  // namespace tia::storage
