#include "tia/domain/imports.h"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "tia/domain/export_csv.h"
#include "tia/domain/scheduling.h"
#include "tia/domain/xlsx.h"

namespace tia::domain::imports {
namespace {

// --- CSV (RFC 4180; LF or CRLF; a UTF-8 byte-order mark is dropped) ---

struct CsvRow {
  int64_t line = 0;
  std::vector<std::string> cells;
};

Error FileError(int64_t line, int64_t column, const std::string& what) {
  return Error{ErrorCode::kInvalidArgument,
               "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what,
               "/file", 0};
}

Result<std::vector<CsvRow>> ParseCsv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<CsvRow> rows;
  CsvRow row{1, {}};
  std::string cell;
  int64_t line = 1;
  bool quoted = false, was_quoted = false, any = false;
  int64_t quote_line = 0, quote_col = 0;
  auto end_cell = [&] {
    row.cells.push_back(std::move(cell));
    cell.clear();
    was_quoted = false;
  };
  auto end_row = [&] {
    end_cell();
    const bool blank = row.cells.size() == 1 && row.cells[0].empty();
    if (!blank) rows.push_back(std::move(row));
    row = CsvRow{line + 1, {}};
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    const auto column = static_cast<int64_t>(row.cells.size() + 1);
    if (quoted) {
      if (ch == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (ch == '\n') ++line;
        cell += ch;
      }
      continue;
    }
    if (ch == '"') {
      if (!cell.empty() || was_quoted) {
        return tl::unexpected(
            FileError(line, column, "a quote inside a cell that does not start with one"));
      }
      quoted = was_quoted = any = true;
      quote_line = line;
      quote_col = column;
    } else if (ch == ',') {
      end_cell();
    } else if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (ch == '\n') {
      end_row();
      ++line;
    } else {
      if (was_quoted) {
        return tl::unexpected(FileError(line, column, "text after a quoted cell's closing quote"));
      }
      cell += ch;
      any = true;
    }
  }
  if (quoted) {
    return tl::unexpected(FileError(quote_line, quote_col, "a quoted cell is never closed"));
  }
  if (any || !cell.empty() || !row.cells.empty()) end_row();
  return rows;
}

std::string Lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// A row's cells by the header's (lower-case) names.
class Cells {
 public:
  Cells(const std::vector<std::string>& header, const CsvRow& row) : header_(header), row_(row) {}
  std::string operator[](const std::string& name) const {
    for (size_t i = 0; i < header_.size(); ++i) {
      if (header_[i] == name) return Trim(row_.cells[i]);
    }
    return "";
  }

 private:
  const std::vector<std::string>& header_;
  const CsvRow& row_;
};

// A reason a row is skipped (thrown within one row's reading, caught by the row loop).
struct Skip {
  std::string reason;
};

// --- times and amounts ---

std::optional<int> Number(std::string_view s) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  int v = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return std::nullopt;
    v = v * 10 + (ch - '0');
  }
  return v;
}

// "2026-09-28 18:05[:09]", "2026-09-28T18:05[:09][.123]" (an offset or Z is taken as given),
// "9/28/2026 6:05[:09] PM" or "9/28/2026 18:05"; local times in `zone`.
std::optional<Timestamp> ParseTime(const std::string& text, const date::time_zone* zone) {
  std::string s = Trim(text);
  if (s.size() >= 16 && s[4] == '-' && s[7] == '-' && (s[10] == ' ' || s[10] == 'T')) {
    s[10] = 'T';
    if (auto t = ParseRfc3339(s)) return t;  // with its own offset
  }
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  std::string rest;
  if (s.size() >= 16 && s[4] == '-' && s[7] == '-' && s[10] == 'T') {
    auto yy = Number(s.substr(0, 4)), mm = Number(s.substr(5, 2)), dd = Number(s.substr(8, 2));
    if (!yy || !mm || !dd) return std::nullopt;
    y = *yy, mo = *mm, d = *dd;
    rest = s.substr(11);
    const size_t dot = rest.find('.');
    if (dot != std::string::npos) rest = rest.substr(0, dot);  // fractions of a second
  } else {
    const size_t sp = s.find(' ');
    if (sp == std::string::npos) return std::nullopt;
    const std::string day = s.substr(0, sp);
    const size_t a = day.find('/'), b = day.rfind('/');
    if (a == std::string::npos || a == b) return std::nullopt;
    auto mm = Number(day.substr(0, a)), dd = Number(day.substr(a + 1, b - a - 1)),
         yy = Number(day.substr(b + 1));
    if (!yy || !mm || !dd || *yy < 1000) return std::nullopt;
    y = *yy, mo = *mm, d = *dd;
    rest = Trim(s.substr(sp + 1));
  }
  int add_hours = 0;
  const std::string up = Lower(rest);
  if (up.ends_with("am") || up.ends_with("pm")) {
    const bool pm = up.ends_with("pm");
    rest = Trim(rest.substr(0, rest.size() - 2));
    const auto hh = Number(rest.substr(0, rest.find(':')));
    if (!hh || *hh < 1 || *hh > 12) return std::nullopt;
    add_hours = (*hh % 12) + (pm ? 12 : 0) - *hh;
  }
  const size_t c1 = rest.find(':');
  if (c1 == std::string::npos) return std::nullopt;
  const size_t c2 = rest.find(':', c1 + 1);
  auto hh = Number(rest.substr(0, c1));
  auto mm = Number(rest.substr(c1 + 1, c2 == std::string::npos ? std::string::npos : c2 - c1 - 1));
  auto ss = c2 == std::string::npos ? std::optional<int>(0) : Number(rest.substr(c2 + 1));
  if (!hh || !mm || !ss) return std::nullopt;
  h = *hh + add_hours, mi = *mm, sec = *ss;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  const date::year_month_day ymd{date::year(y), date::month(static_cast<unsigned>(mo)),
                                 date::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  const auto local = date::local_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) +
                     std::chrono::seconds(sec);
  const auto info = zone->get_info(local);
  if (info.result == date::local_info::nonexistent) return std::nullopt;
  const auto offset = info.first.offset;  // the earlier one, where a clock went back
  const auto utc = local.time_since_epoch() - offset;
  return Timestamp{std::chrono::duration_cast<std::chrono::milliseconds>(utc).count(),
                   static_cast<int>(offset.count() / 60)};
}

Timestamp Plus(Timestamp t, double minutes) {
  t.utc_ms += static_cast<int64_t>(std::llround(minutes * 60000.0));
  return t;
}

// "00:24" as minutes: hours and minutes, or minutes and seconds when `mm_ss`; "1:02:03" is both.
std::optional<double> Duration(const std::string& text, bool mm_ss) {
  const std::string s = Trim(text);
  const size_t c1 = s.find(':');
  if (c1 == std::string::npos) return std::nullopt;
  const size_t c2 = s.find(':', c1 + 1);
  auto a = Number(s.substr(0, c1));
  if (c2 != std::string::npos) {
    auto b = Number(s.substr(c1 + 1, c2 - c1 - 1)), c = Number(s.substr(c2 + 1));
    if (!a || !b || !c || *b > 59 || *c > 59) return std::nullopt;
    return *a * 60.0 + *b + *c / 60.0;
  }
  auto b = Number(s.substr(c1 + 1));
  if (!a || !b || *b > 59) return std::nullopt;
  return mm_ss ? *a + *b / 60.0 : *a * 60.0 + *b;
}

// "120ml", "120 ml", "3 oz", "3.5oz", or a bare number in `bare_unit`: {value, "ml"|"oz"}.
std::optional<std::pair<double, std::string>> Amount(const std::string& text,
                                                     const std::string& bare_unit) {
  std::string s = Lower(Trim(text));
  std::string unit = bare_unit;
  for (const char* u : {"ml", "oz"}) {
    if (s.ends_with(u)) {
      unit = u;
      s = Trim(s.substr(0, s.size() - 2));
    }
  }
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v) || v < 0) return std::nullopt;
  return std::make_pair(v, unit);
}

void PutAmount(Json& out, const std::string& field, const std::pair<double, std::string>& a) {
  out[field + "_" + a.second] = a.second == "ml" ? std::round(a.first * 10) / 10 : a.first;
}

bool Truthy(const std::string& v) {
  const std::string s = Lower(v);
  return s == "1" || s == "true" || s == "yes" || s == "t" || s == "y";
}

std::optional<std::string> StoolColour(const std::string& v) {
  const std::string s = Lower(Trim(v));
  if (s == "black") return "black_green";
  if (s == "brown" || s == "green" || s == "yellow") return s;
  return std::nullopt;
}

void PutNote(Json& out, const std::string& note) {
  if (!note.empty()) out["note"] = note;
}

std::string TimeText(const Timestamp& t) { return FormatRfc3339(t); }

// --- Baby Buddy ---

enum class BbKind { kFeeding, kPumping, kTemperature, kDiaper, kWeight, kChild };

std::optional<BbKind> BabyBuddyKind(const std::set<std::string>& cols) {
  auto has = [&](std::initializer_list<const char*> names) {
    return std::all_of(names.begin(), names.end(), [&](const char* n) { return cols.contains(n); });
  };
  if (has({"start", "end", "type", "method"})) return BbKind::kFeeding;
  if (has({"temperature", "time"})) return BbKind::kTemperature;
  if (has({"wet", "solid", "time"})) return BbKind::kDiaper;
  if (has({"weight", "date"})) return BbKind::kWeight;
  if (has({"first_name", "birth_date"})) return BbKind::kChild;
  if (cols.contains("amount") && (cols.contains("time") || cols.contains("start"))) {
    return BbKind::kPumping;
  }
  return std::nullopt;
}

const char* BbName(BbKind k) {
  switch (k) {
    case BbKind::kFeeding:
      return "feeding";
    case BbKind::kPumping:
      return "pumping";
    case BbKind::kTemperature:
      return "temperature";
    case BbKind::kDiaper:
      return "diaperchange";
    case BbKind::kWeight:
      return "weight";
    case BbKind::kChild:
      return "child";
  }
  return "";
}

Timestamp NeedTime(const Cells& c, const std::string& col, const Options& o) {
  const std::string v = c[col];
  if (v.empty()) throw Skip{"no " + col + " time"};
  auto t = ParseTime(v, o.zone);
  if (!t) throw Skip{col + " \"" + v + "\" is not a date and time"};
  return *t;
}

Planned BabyBuddyRow(BbKind k, const Cells& c, const Options& o) {
  Planned p;
  Json out = Json::object();
  const std::string child = c["child_id"];
  if (!child.empty() && k != BbKind::kChild) p.child = "babybuddy:child:" + child;
  switch (k) {
    case BbKind::kFeeding: {
      const Timestamp start = NeedTime(c, "start", o);
      const Timestamp end = NeedTime(c, "end", o);
      const std::string type = Lower(c["type"]), method = Lower(c["method"]);
      out["occurred_at"] = TimeText(start);
      if (type == "solid food") throw Skip{"solid food is not something Tia logs"};
      if (method == "left breast" || method == "right breast" || method == "both breasts") {
        if (end.utc_ms <= start.utc_ms) throw Skip{"the feed ends before it starts"};
        Json segments = Json::array();
        if (method == "both breasts") {
          // Baby Buddy keeps no time per side: half each, said in the note.
          const Timestamp mid{start.utc_ms + (end.utc_ms - start.utc_ms) / 2, start.offset_min};
          segments.push_back({{"type", "breast"},
                              {"side", "left"},
                              {"start", TimeText(start)},
                              {"end", TimeText(mid)},
                              {"pauses", Json::array()}});
          segments.push_back({{"type", "breast"},
                              {"side", "right"},
                              {"start", TimeText(mid)},
                              {"end", TimeText(end)},
                              {"pauses", Json::array()}});
        } else {
          segments.push_back({{"type", "breast"},
                              {"side", method == "left breast" ? "left" : "right"},
                              {"start", TimeText(start)},
                              {"end", TimeText(end)},
                              {"pauses", Json::array()}});
        }
        out["segments"] = segments;
        std::string note = c["notes"];
        if (method == "both breasts") {
          note = "Both breasts (Baby Buddy keeps no time per side: split in half)" +
                 (note.empty() ? "" : ". " + note);
        }
        PutNote(out, note);
      } else if (method == "bottle" || method == "parent fed" || method == "self fed") {
        const std::string milk = type == "formula" ? "formula"
                                 : type == "breast milk" || type == "fortified breast milk"
                                     ? "expressed_breast_milk"
                                     : "";
        if (milk.empty()) throw Skip{"type \"" + c["type"] + "\" is not a milk Tia logs"};
        const auto amount = Amount(c["amount"], o.volume_unit);
        if (!amount || amount->first <= 0) throw Skip{"a bottle without an amount"};
        Json seg = {{"type", "bottle"}, {"milk", milk}, {"start", TimeText(start)}};
        PutAmount(seg, "volume", *amount);
        out["segments"] = Json::array({seg});
        PutNote(out, type == "fortified breast milk"
                         ? "Fortified breast milk" + (c["notes"].empty() ? "" : ". " + c["notes"])
                         : c["notes"]);
      } else {
        throw Skip{"method \"" + c["method"] + "\" is not one Baby Buddy writes"};
      }
      p.kind = RecordKind::kFeed;
      break;
    }
    case BbKind::kPumping: {
      const Timestamp at = NeedTime(c, c["time"].empty() ? "start" : "time", o);
      out["occurred_at"] = TimeText(at);
      // Baby Buddy does not keep the method: said in the note.
      out["method"] = "electric_double";
      const auto amount = Amount(c["amount"], o.volume_unit);
      if (!amount) throw Skip{"no amount"};
      PutAmount(out, "total", *amount);
      if (!c["end"].empty() && !c["start"].empty()) {
        const Timestamp end = NeedTime(c, "end", o);
        const double minutes = std::round(static_cast<double>(end.utc_ms - at.utc_ms) / 60000.0);
        if (minutes >= 1) out["duration_min"] = static_cast<int64_t>(minutes);
      }
      PutNote(out, "Pumping method not recorded in Baby Buddy" +
                       (c["notes"].empty() ? "" : ". " + c["notes"]));
      p.kind = RecordKind::kPump;
      break;
    }
    case BbKind::kTemperature: {
      out["occurred_at"] = TimeText(NeedTime(c, "time", o));
      char* end = nullptr;
      const std::string v = c["temperature"];
      const double t = std::strtod(v.c_str(), &end);
      if (v.empty() || end != v.c_str() + v.size()) throw Skip{"no temperature"};
      out[o.temperature_unit == "f" ? "temp_f" : "temp_c"] = t;
      PutNote(out, c["notes"]);
      p.kind = RecordKind::kTemperature;
      break;
    }
    case BbKind::kDiaper: {
      out["occurred_at"] = TimeText(NeedTime(c, "time", o));
      out["wet"] = Truthy(c["wet"]);
      out["dirty"] = Truthy(c["solid"]);
      if (auto colour = StoolColour(c["color"])) out["stool_colour"] = *colour;
      PutNote(out, c["notes"]);
      p.kind = RecordKind::kNappy;
      break;
    }
    case BbKind::kWeight: {
      const auto day = ParseDate(c["date"]);
      if (!day) throw Skip{"date \"" + c["date"] + "\" is not a date"};
      auto at = ParseTime(c["date"] + " 00:00", o.zone);
      if (!at) throw Skip{"date \"" + c["date"] + "\" is not a date"};
      out["occurred_at"] = TimeText(*at);
      char* end = nullptr;
      const std::string v = c["weight"];
      const double w = std::strtod(v.c_str(), &end);
      if (v.empty() || end != v.c_str() + v.size() || w <= 0) throw Skip{"no weight"};
      out["weight_g"] =
          static_cast<int64_t>(std::llround(o.weight_unit == "lb" ? w * 453.59237 : w * 1000.0));
      PutNote(out, c["notes"]);
      p.kind = RecordKind::kInfantWeight;
      break;
    }
    case BbKind::kChild: {
      const auto day = ParseDate(c["birth_date"]);
      if (!day) throw Skip{"birth_date \"" + c["birth_date"] + "\" is not a date"};
      out["birth_date"] = FormatDate(*day);
      const std::string name = Trim(c["first_name"] + " " + c["last_name"]);
      if (!name.empty()) out["name"] = name;
      p.kind = RecordKind::kInfant;
      break;
    }
  }
  // Pumping and temperatures are hers, whichever child Baby Buddy filed them under.
  if (p.kind == RecordKind::kPump || p.kind == RecordKind::kTemperature) p.child.clear();
  p.body = std::move(out);
  return p;
}

// --- Huckleberry ---

const std::vector<std::string> kHuckleberryHeader = {
    "type",           "start",         "end",  "duration", "start condition",
    "start location", "end condition", "notes"};

// "00:24R" -> {minutes, "right"}; `mm_ss` reads it as minutes and seconds.
std::optional<std::pair<double, std::string>> SideTime(const std::string& v, bool mm_ss) {
  const std::string s = Trim(v);
  if (s.size() < 2) return std::nullopt;
  const char side = static_cast<char>(std::toupper(static_cast<unsigned char>(s.back())));
  if (side != 'L' && side != 'R') return std::nullopt;
  auto d = Duration(s.substr(0, s.size() - 1), mm_ss);
  if (!d) return std::nullopt;
  return std::make_pair(*d, std::string(side == 'L' ? "left" : "right"));
}

Planned HuckleberryRow(const Cells& c, const Options& o) {
  Planned p;
  Json out = Json::object();
  const std::string type = Lower(c["type"]);
  const Timestamp start = NeedTime(c, "start", o);
  out["occurred_at"] = TimeText(start);
  std::optional<Timestamp> end;
  if (!c["end"].empty()) end = NeedTime(c, "end", o);
  const double span = end ? static_cast<double>(end->utc_ms - start.utc_ms) / 60000.0 : -1;
  // Two-part durations are hours and minutes in most files and minutes and seconds in some: the
  // reading that fits the row's own start and end is the one meant.
  auto fits = [&](double minutes) { return span < 0 || minutes <= span + 1.0; };
  if (type == "feed") {
    const std::string where = Lower(c["start location"]);
    if (where == "bottle") {
      const std::string kind = Lower(c["start condition"]);
      const std::string milk = kind == "formula" ? "formula"
                               : kind == "breast milk" || kind == "breastmilk"
                                   ? "expressed_breast_milk"
                                   : "";
      if (milk.empty()) throw Skip{"\"" + c["start condition"] + "\" is not a milk Tia logs"};
      const auto amount = Amount(c["end condition"], "");
      if (!amount || amount->second.empty() || amount->first <= 0) {
        throw Skip{"a bottle without an amount in ml or oz"};
      }
      Json seg = {{"type", "bottle"}, {"milk", milk}, {"start", TimeText(start)}};
      PutAmount(seg, "volume", *amount);
      out["segments"] = Json::array({seg});
    } else if (where == "breast") {
      std::vector<std::pair<double, std::string>> sides;
      for (const bool mm_ss : {false, true}) {
        sides.clear();
        double total = 0;
        for (const char* col : {"start condition", "end condition"}) {
          if (c[col].empty()) continue;
          auto st = SideTime(c[col], mm_ss);
          if (!st) throw Skip{col + std::string(" \"") + c[col] + "\" is not a time and side"};
          if (st->first > 0) sides.push_back(*st);
          total += st->first;
        }
        if (fits(total)) break;
      }
      if (sides.empty()) throw Skip{"a breast feed without a time at either side"};
      Json segments = Json::array();
      Timestamp at = start;
      for (const auto& [minutes, side] : sides) {
        const Timestamp next = Plus(at, minutes);
        segments.push_back({{"type", "breast"},
                            {"side", side},
                            {"start", TimeText(at)},
                            {"end", TimeText(next)},
                            {"pauses", Json::array()}});
        at = next;
      }
      out["segments"] = segments;
    } else {
      throw Skip{"a feed at \"" + c["start location"] + "\" (Tia logs breast and bottle feeds)"};
    }
    PutNote(out, c["notes"]);
    p.kind = RecordKind::kFeed;
  } else if (type == "pump") {
    out["method"] = "electric_double";
    const auto left =
        c["start condition"].empty() ? std::nullopt : Amount(c["start condition"], "ml");
    const auto right = c["end condition"].empty() ? std::nullopt : Amount(c["end condition"], "ml");
    if (!c["start condition"].empty() && !left) throw Skip{"the left amount is not a volume"};
    if (!c["end condition"].empty() && !right) throw Skip{"the right amount is not a volume"};
    if (!left && !right) throw Skip{"no amount"};
    if (left) PutAmount(out, "left", *left);
    if (right) PutAmount(out, "right", *right);
    if (!c["duration"].empty()) {
      auto d = Duration(c["duration"], false);
      if (d && !fits(*d)) d = Duration(c["duration"], true);
      if (d && *d >= 1) out["duration_min"] = static_cast<int64_t>(std::llround(*d));
    }
    PutNote(out, "Pumping method not recorded in Huckleberry" +
                     (c["notes"].empty() ? "" : ". " + c["notes"]));
    p.kind = RecordKind::kPump;
  } else if (type == "diaper") {
    const std::string what = Lower(c["end condition"]);
    const bool both = what.starts_with("both");
    out["wet"] = both || what.starts_with("pee");
    out["dirty"] = both || what.starts_with("poo");
    if (!out["wet"].get<bool>() && !out["dirty"].get<bool>()) {
      throw Skip{"\"" + c["end condition"] + "\" says neither pee nor poo"};
    }
    if (auto colour = StoolColour(c["duration"])) out["stool_colour"] = *colour;
    PutNote(out, c["notes"]);
    p.kind = RecordKind::kNappy;
  } else {
    throw Skip{"\"" + c["type"] + "\" entries are not something Tia logs"};
  }
  p.body = std::move(out);
  return p;
}

}  // namespace

std::string RejectedCsv(const Plan& plan,
                        const std::function<std::string(const std::string&)>& say) {
  std::vector<std::string> header = plan.header;
  header.push_back("reason");
  std::string out = "\xEF\xBB\xBF" + CsvLine(header);
  for (const auto& s : plan.skipped) {
    std::vector<std::string> cells = s.cells;
    cells.push_back(say(s.reason));
    out += CsvLine(cells);
  }
  return out;
}

std::string IdFromDigest(std::string_view hex) {
  std::string id;
  for (size_t i = 0; i < 32 && i < hex.size(); ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) id += '-';
    char ch = static_cast<char>(std::tolower(static_cast<unsigned char>(hex[i])));
    if (i == 12) ch = '8';  // version 8: "custom"
    if (i == 16)
      ch = "89ab"[std::isdigit(static_cast<unsigned char>(ch)) ? (ch - '0') & 3
                                                               : (ch - 'a' + 10) & 3];
    id += ch;
  }
  return id;
}

Result<Plan> PlanImport(std::string_view file, const Options& o, int64_t now_ms) {
  std::string from_sheet;
  if (xlsx::LooksLikeXlsx(file)) {
    TIA_ASSIGN_OR_RETURN(from_sheet, xlsx::FirstSheetAsCsv(file));
    file = from_sheet;
  }
  TIA_ASSIGN_OR_RETURN(auto rows, ParseCsv(file));
  if (rows.empty()) return tl::unexpected(FileError(1, 1, "the file is empty"));
  std::vector<std::string> header;
  for (const auto& h : rows[0].cells) header.push_back(Lower(Trim(h)));
  Plan plan;
  std::optional<BbKind> bb;
  if (o.format == "babybuddy") {
    bb = BabyBuddyKind(std::set<std::string>(header.begin(), header.end()));
    if (!bb) {
      return tl::unexpected(FileError(1, 1,
                                      "not a Baby Buddy export (feeding, pumping, temperature, "
                                      "diaper change, weight or child)"));
    }
    plan.source = std::string("babybuddy ") + BbName(*bb);
  } else {
    if (header.size() < kHuckleberryHeader.size() ||
        !std::equal(kHuckleberryHeader.begin(), kHuckleberryHeader.end(), header.begin())) {
      return tl::unexpected(
          FileError(1, 1,
                    "not a Huckleberry export (Type,Start,End,Duration,Start Condition,Start "
                    "Location,End Condition,Notes)"));
    }
    plan.source = "huckleberry";
  }
  plan.header = rows[0].cells;
  std::map<std::string, int64_t> seen;  // row key -> its first line
  for (size_t i = 1; i < rows.size(); ++i) {
    const CsvRow& row = rows[i];
    if (row.cells.size() != header.size()) {
      return tl::unexpected(
          FileError(row.line, static_cast<int64_t>(std::min(row.cells.size(), header.size()) + 1),
                    std::to_string(row.cells.size()) + " cells where the header has " +
                        std::to_string(header.size())));
    }
    const Cells cells(header, row);
    std::string reason;
    try {
      Planned p = bb ? BabyBuddyRow(*bb, cells, o) : HuckleberryRow(cells, o);
      p.line = row.line;
      // The row's own id where the export has one, else its cells: the same row is one record.
      const std::string id = bb ? cells["id"] : "";
      std::string key = plan.source + ":";
      if (!id.empty()) {
        key += id;
      } else {
        for (const auto& cell : row.cells) key += Trim(cell) + '\x1f';
      }
      if (bb && *bb == BbKind::kChild && !id.empty()) key = "babybuddy:child:" + id;
      p.key = key;
      if (auto first = seen.find(key); first != seen.end()) {
        throw Skip{"the same entry as line " + std::to_string(first->second)};
      }
      auto valid = ValidateRecord(p.kind, p.body, now_ms);
      if (!valid) throw Skip{valid.error().field + ": " + valid.error().message};
      seen.emplace(key, row.line);
      plan.records.push_back(std::move(p));
    } catch (const Skip& s) {
      reason = s.reason;
    }
    if (!reason.empty()) plan.skipped.push_back({row.line, reason, row.cells});
  }
  return plan;
}

}  // namespace tia::domain::imports
