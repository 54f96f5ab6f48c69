// tia/domain/export_csv.h — her log as plain tables: one CSV (RFC 4180, UTF-8 with a byte-order
// mark so spreadsheet programs read Vietnamese) per kind of record, with the columns docs/export.md
// documents. Pure: no I/O.
//
//   auto csv = CsvOf(RecordKind::kTemperature, records);  //
//   "\xEF\xBB\xBFid,occurred_at,temp_c,..."
#pragma once

#include <string>
#include <vector>

#include "tia/domain/records.h"

namespace tia::domain {

// One record as the table reads it: its id, and its canonical body (occurred_at included).
struct CsvRecord {
  std::string id;
  Json body;
};

// One RFC 4180 line: the cells joined by commas, a cell with a comma, quote or line break in
// double quotes (quotes doubled), ended by CRLF. No formula guard: the cells are as given.
std::string CsvLine(const std::vector<std::string>& cells);

// The header of `kind`'s table, in order.
std::vector<std::string> CsvColumns(RecordKind kind);

// The table: the header, then a row per record in the order given. A cell that is text starting
// with =, +, - or @ is prefixed with ' so a spreadsheet never runs it as a formula.
std::string CsvOf(RecordKind kind, const std::vector<CsvRecord>& records);

}  // namespace tia::domain
