// tia/domain/xlsx.h — the first sheet of an Excel workbook (XLSX: a ZIP of XML parts) as CSV, so an
// export saved as a spreadsheet imports like the CSV one (domain/imports.h).
//
// Every cell becomes text: shared and inline strings as written, numbers as the shortest decimal
// that reads back the same, booleans as TRUE/FALSE, and numbers in a date or time format as
// "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS" or "HH:MM:SS" from Excel's serial days (1900 date system,
// day 0 = 1899-12-30). Row numbers are kept: the CSV's line N is the sheet's row N.
#pragma once

#include <string>
#include <string_view>

#include "tia/base/result.h"

namespace tia::domain::xlsx {

// True when `file` starts like a ZIP archive (an XLSX workbook).
bool LooksLikeXlsx(std::string_view file);

// kInvalidArgument (field "/file") for a file that is not such a workbook, or whose parts would
// unpack to more than 64 MiB.
Result<std::string> FirstSheetAsCsv(std::string_view file);

}  // namespace tia::domain::xlsx
