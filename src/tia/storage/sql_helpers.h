// tia/storage/sql_helpers.h — small helpers the repository files share (internal to storage).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tia/storage/connection.h"

namespace tia::storage {

inline Value Opt(const std::optional<int64_t>& v) { return v ? Value{*v} : Value{}; }
inline Value Opt(const std::optional<std::string>& v) { return v ? Value{*v} : Value{}; }
inline std::optional<int64_t> OptInt(const Row& r, size_t i) {
  return r.IsNull(i) ? std::nullopt : std::optional<int64_t>(r.Int(i));
}
inline std::optional<std::string> OptText(const Row& r, size_t i) {
  return r.IsNull(i) ? std::nullopt : std::optional<std::string>(r.Text(i));
}

template <class T, class F>
Result<std::optional<T>> First(Result<Rows> rows, F convert) {
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::optional<T>();
  return std::optional<T>(convert(rows->front()));
}

template <class T, class F>
Result<std::vector<T>> All(Result<Rows> rows, F convert) {
  if (!rows) return tl::unexpected(rows.error());
  std::vector<T> out;
  out.reserve(rows->size());
  for (const Row& r : *rows) out.push_back(convert(r));
  return out;
}

// Inserts one row (`sql` ends "RETURNING id") and gives `row` back with its new id.
template <class T>
Result<T> Inserted(Connection& c, std::string_view sql, const Params& p, T row) {
  TIA_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, p));
  row.id = rows.front().Int(0);
  return row;
}

inline Result<void> Exec(Connection& c, std::string_view sql, const Params& p) {
  TIA_TRY(c.Execute(sql, p));
  return Ok();
}

}  // namespace tia::storage
