#include "tia/domain/xlsx.h"

#include <zlib.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "tia/base/time.h"
#include "tia/domain/export_csv.h"

namespace tia::domain::xlsx {
namespace {

constexpr size_t kMaxUnpacked = 64u << 20;

Error NotAWorkbook(const std::string& why) {
  return Error{ErrorCode::kInvalidArgument, "not an Excel workbook (XLSX): " + why, "/file", 0};
}

uint32_t U16(std::string_view s, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(s[at])) |
         (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8);
}
uint32_t U32(std::string_view s, size_t at) { return U16(s, at) | (U16(s, at + 2) << 16); }

// --- ZIP: the central directory, then each wanted member (stored or deflated) ---

struct Member {
  uint32_t method = 0, packed = 0, size = 0, local = 0;
};

Result<std::map<std::string, Member>> Directory(std::string_view zip) {
  if (zip.size() < 22) return tl::unexpected(NotAWorkbook("too short"));
  size_t eocd = std::string_view::npos;
  const size_t floor = zip.size() > 65557 ? zip.size() - 65557 : 0;
  for (size_t i = zip.size() - 22 + 1; i-- > floor;) {
    if (U32(zip, i) == 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd == std::string_view::npos) return tl::unexpected(NotAWorkbook("no ZIP directory"));
  const uint32_t count = U16(zip, eocd + 10);
  size_t at = U32(zip, eocd + 16);
  std::map<std::string, Member> out;
  for (uint32_t n = 0; n < count; ++n) {
    if (at + 46 > zip.size() || U32(zip, at) != 0x02014b50) {
      return tl::unexpected(NotAWorkbook("a broken ZIP directory"));
    }
    Member m{U16(zip, at + 10), U32(zip, at + 20), U32(zip, at + 24), U32(zip, at + 42)};
    const uint32_t name_len = U16(zip, at + 28), extra = U16(zip, at + 30),
                   comment = U16(zip, at + 32);
    if (at + 46 + name_len > zip.size())
      return tl::unexpected(NotAWorkbook("a broken ZIP directory"));
    out.emplace(std::string(zip.substr(at + 46, name_len)), m);
    at += 46 + name_len + extra + comment;
  }
  return out;
}

Result<std::string> Unpack(std::string_view zip, const Member& m) {
  if (m.local + 30 > zip.size() || U32(zip, m.local) != 0x04034b50) {
    return tl::unexpected(NotAWorkbook("a broken ZIP member"));
  }
  const size_t data = m.local + 30 + U16(zip, m.local + 26) + U16(zip, m.local + 28);
  if (data + m.packed > zip.size()) return tl::unexpected(NotAWorkbook("a cut-off ZIP member"));
  if (m.size > kMaxUnpacked) return tl::unexpected(NotAWorkbook("a part larger than 64 MiB"));
  const std::string_view packed = zip.substr(data, m.packed);
  if (m.method == 0) return std::string(packed);
  if (m.method != 8) return tl::unexpected(NotAWorkbook("a compression other than deflate"));
  std::string out(m.size, '\0');
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return tl::unexpected(NotAWorkbook("cannot inflate"));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  z.avail_in = static_cast<uInt>(packed.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&z, Z_FINISH);
  const uLong produced = z.total_out;
  inflateEnd(&z);
  if (rc != Z_STREAM_END || produced != m.size) {
    return tl::unexpected(NotAWorkbook("a ZIP member that does not inflate to its size"));
  }
  return out;
}

// --- XML: just enough to walk tags, their attributes and the text between them ---

std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const size_t semi = s.find(';', i);
    if (semi == std::string_view::npos) {
      out += s[i];
      continue;
    }
    const std::string_view ent = s.substr(i + 1, semi - i - 1);
    uint32_t cp = 0;
    if (ent == "amp")
      cp = '&';
    else if (ent == "lt")
      cp = '<';
    else if (ent == "gt")
      cp = '>';
    else if (ent == "quot")
      cp = '"';
    else if (ent == "apos")
      cp = '\'';
    else if (ent.starts_with("#x"))
      cp = static_cast<uint32_t>(std::strtoul(std::string(ent.substr(2)).c_str(), nullptr, 16));
    else if (ent.starts_with("#"))
      cp = static_cast<uint32_t>(std::strtoul(std::string(ent.substr(1)).c_str(), nullptr, 10));
    if (cp == 0 || cp > 0x10FFFF) {
      out += s[i];
      continue;
    }
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    i = semi;
  }
  return out;
}

struct Tag {
  std::string name;  // without a namespace prefix; "/row" for a closing tag
  std::map<std::string, std::string> attrs;
  bool self_closing = false;
  std::string text_before;  // the text between the previous tag and this one
};

class Scanner {
 public:
  explicit Scanner(std::string_view xml) : xml_(xml) {}
  std::optional<Tag> Next() {
    const size_t lt = xml_.find('<', pos_);
    if (lt == std::string_view::npos) return std::nullopt;
    Tag t;
    t.text_before = Unescape(xml_.substr(pos_, lt - pos_));
    if (xml_.substr(lt, 4) == "<!--" || xml_.substr(lt, 2) == "<?" || xml_.substr(lt, 2) == "<!") {
      const size_t end = xml_.find('>', lt);
      pos_ = end == std::string_view::npos ? xml_.size() : end + 1;
      return Next();
    }
    const size_t gt = xml_.find('>', lt);
    if (gt == std::string_view::npos) return std::nullopt;
    std::string_view body = xml_.substr(lt + 1, gt - lt - 1);
    pos_ = gt + 1;
    if (!body.empty() && body.back() == '/') {
      t.self_closing = true;
      body.remove_suffix(1);
    }
    const bool closing = !body.empty() && body.front() == '/';
    if (closing) body.remove_prefix(1);
    size_t i = 0;
    while (i < body.size() && !std::isspace(static_cast<unsigned char>(body[i]))) ++i;
    std::string name(body.substr(0, i));
    if (const size_t colon = name.find(':'); colon != std::string::npos)
      name = name.substr(colon + 1);
    t.name = (closing ? "/" : "") + name;
    while (i < body.size()) {
      while (i < body.size() && std::isspace(static_cast<unsigned char>(body[i]))) ++i;
      const size_t eq = body.find('=', i);
      if (eq == std::string_view::npos) break;
      std::string key(body.substr(i, eq - i));
      while (!key.empty() && std::isspace(static_cast<unsigned char>(key.back()))) key.pop_back();
      size_t q = eq + 1;
      while (q < body.size() && body[q] != '"' && body[q] != '\'') ++q;
      if (q >= body.size()) break;
      const size_t close = body.find(body[q], q + 1);
      if (close == std::string_view::npos) break;
      t.attrs[key] = Unescape(body.substr(q + 1, close - q - 1));
      i = close + 1;
    }
    return t;
  }

 private:
  std::string_view xml_;
  size_t pos_ = 0;
};

// --- the workbook's parts ---

std::vector<std::string> SharedStrings(std::string_view xml) {
  std::vector<std::string> out;
  Scanner s(xml);
  std::string current;
  bool in_si = false, in_t = false, in_rph = false;
  while (auto t = s.Next()) {
    if (in_t && !in_rph) current += t->text_before;
    if (t->name == "si") {
      in_si = true;
      current.clear();
      if (t->self_closing) out.emplace_back();
    } else if (t->name == "/si" && in_si) {
      out.push_back(current);
      in_si = false;
    } else if (t->name == "t") {
      in_t = !t->self_closing;
    } else if (t->name == "/t") {
      in_t = false;
    } else if (t->name == "rPh") {
      in_rph = !t->self_closing;  // phonetic hints are not the cell's text
    } else if (t->name == "/rPh") {
      in_rph = false;
    }
  }
  return out;
}

bool IsDateFormat(int id, const std::string& code) {
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47)) return true;
  std::string plain;  // the code without quoted text, escapes and [colour] sections
  bool quoted = false;
  int bracket = 0;
  for (size_t i = 0; i < code.size(); ++i) {
    const char ch = code[i];
    if (ch == '"')
      quoted = !quoted;
    else if (quoted)
      continue;
    else if (ch == '\\' || ch == '_' || ch == '*')
      ++i;
    else if (ch == '[')
      ++bracket;
    else if (ch == ']')
      --bracket;
    else if (bracket == 0)
      plain += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  return plain.find_first_of("ydh") != std::string::npos ||
         (plain.find('m') != std::string::npos && plain.find('s') != std::string::npos);
}

// Style index -> {is a date or time, shows a time of day, shows a date}.
struct DateStyle {
  bool date = false, has_time = false, has_day = false;
};
std::vector<DateStyle> Styles(std::string_view xml) {
  std::map<int, std::string> custom;
  std::vector<DateStyle> out;
  Scanner s(xml);
  bool in_xfs = false;
  while (auto t = s.Next()) {
    if (t->name == "numFmt") {
      custom[std::atoi(t->attrs["numFmtId"].c_str())] = t->attrs["formatCode"];
    } else if (t->name == "cellXfs") {
      in_xfs = !t->self_closing;
    } else if (t->name == "/cellXfs") {
      in_xfs = false;
    } else if (t->name == "xf" && in_xfs) {
      const int id = std::atoi(t->attrs["numFmtId"].c_str());
      std::string code = custom.contains(id) ? custom[id] : "";
      DateStyle d;
      d.date = IsDateFormat(id, code);
      if (d.date) {
        std::string lower;
        for (char ch : code)
          lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        d.has_time = custom.contains(id) ? lower.find_first_of("hs") != std::string::npos
                                         : (id >= 18 && id <= 22) || (id >= 45 && id <= 47);
        d.has_day = custom.contains(id) ? lower.find_first_of("yd") != std::string::npos
                                        : (id >= 14 && id <= 17) || id == 22;
      }
      out.push_back(d);
    }
  }
  return out;
}

std::string Number(double v) {
  char buf[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

std::string Serial(double serial, const DateStyle& style) {
  // 1900 date system; day 60 is Excel's 1900-02-29, which never was: serials are counted from
  // 1899-12-30 (true for every date after 1900-03-01, which is all a tracker writes).
  const auto total_s = static_cast<int64_t>(std::llround(serial * 86400.0));
  const auto days = static_cast<int32_t>(total_s / 86400);
  const int64_t secs = total_s % 86400;
  char time_part[16];
  std::snprintf(time_part, sizeof time_part, "%02d:%02d:%02d", static_cast<int>(secs / 3600),
                static_cast<int>((secs / 60) % 60), static_cast<int>(secs % 60));
  if (!style.has_day && style.has_time) return time_part;
  std::string day = FormatDate(days + DaysFromCivil(1899, 12, 30));
  if (!style.has_time && secs == 0) return day;
  return day + " " + time_part;
}

int ColumnOf(const std::string& ref) {
  int col = 0;
  for (char ch : ref) {
    if (ch < 'A' || ch > 'Z') break;
    col = col * 26 + (ch - 'A' + 1);
  }
  return col - 1;
}

}  // namespace

bool LooksLikeXlsx(std::string_view file) { return file.starts_with("PK\x03\x04"); }

Result<std::string> FirstSheetAsCsv(std::string_view file) {
  TIA_ASSIGN_OR_RETURN(auto members, Directory(file));
  std::string sheet_name;
  for (const auto& [name, m] : members) {
    if (name.starts_with("xl/worksheets/sheet") && name.ends_with(".xml") &&
        (sheet_name.empty() || name == "xl/worksheets/sheet1.xml")) {
      sheet_name = name;
    }
  }
  if (sheet_name.empty()) return tl::unexpected(NotAWorkbook("no worksheet"));
  size_t unpacked = 0;
  auto part = [&](const std::string& name) -> Result<std::string> {
    const auto m = members.find(name);
    if (m == members.end()) return std::string();
    unpacked += m->second.size;
    if (unpacked > kMaxUnpacked) return tl::unexpected(NotAWorkbook("parts larger than 64 MiB"));
    return Unpack(file, m->second);
  };
  TIA_ASSIGN_OR_RETURN(const std::string sheet, part(sheet_name));
  TIA_ASSIGN_OR_RETURN(const std::string strings_xml, part("xl/sharedStrings.xml"));
  TIA_ASSIGN_OR_RETURN(const std::string styles_xml, part("xl/styles.xml"));
  const std::vector<std::string> strings = SharedStrings(strings_xml);
  const std::vector<DateStyle> styles = Styles(styles_xml);

  std::string csv;
  int64_t written_rows = 0;
  Scanner s(sheet);
  std::vector<std::string> row;
  std::string type, value, inline_text;
  int style = 0, col = 0;
  bool in_v = false, in_is_t = false;
  int64_t row_number = 0;
  size_t width = 0;  // the header's: a spreadsheet leaves trailing empty cells out
  auto end_row = [&] {
    while (!row.empty() && row.back().empty()) row.pop_back();
    if (width == 0) {
      width = row.size();
    } else if (!row.empty() && row.size() < width) {
      row.resize(width);
    }
    while (written_rows + 1 < row_number) {  // rows the sheet skips stay blank lines
      csv += "\r\n";
      ++written_rows;
    }
    csv += CsvLine(row);
    ++written_rows;
    row.clear();
  };
  while (auto t = s.Next()) {
    if (in_v) value += t->text_before;
    if (in_is_t) inline_text += t->text_before;
    if (t->name == "row") {
      row_number = t->attrs.contains("r") ? std::atoll(t->attrs["r"].c_str()) : written_rows + 1;
      if (t->self_closing) end_row();
    } else if (t->name == "/row") {
      end_row();
    } else if (t->name == "c") {
      type = t->attrs["t"];
      style = std::atoi(t->attrs["s"].c_str());
      col = t->attrs.contains("r") ? ColumnOf(t->attrs["r"]) : static_cast<int>(row.size());
      value.clear();
      inline_text.clear();
      if (t->self_closing) {
        if (col >= 0 && static_cast<size_t>(col) >= row.size()) row.resize(col + 1);
      }
    } else if (t->name == "v") {
      in_v = !t->self_closing;
    } else if (t->name == "/v") {
      in_v = false;
    } else if (t->name == "t") {
      in_is_t = !t->self_closing;
    } else if (t->name == "/t") {
      in_is_t = false;
    } else if (t->name == "/c") {
      std::string text;
      if (type == "s") {
        const auto i = static_cast<size_t>(std::atoll(value.c_str()));
        if (i < strings.size()) text = strings[i];
      } else if (type == "inlineStr") {
        text = inline_text;
      } else if (type == "b") {
        text = value == "1" ? "TRUE" : "FALSE";
      } else if (type == "str" || type == "e") {
        text = value;
      } else if (!value.empty()) {
        char* end = nullptr;
        const double v = std::strtod(value.c_str(), &end);
        const bool number = end == value.c_str() + value.size() && std::isfinite(v);
        if (number && style >= 0 && static_cast<size_t>(style) < styles.size() &&
            styles[style].date && v >= 0) {
          text = Serial(v, styles[style]);
        } else {
          text = number ? Number(v) : value;
        }
      }
      if (col < 0) col = static_cast<int>(row.size());
      if (static_cast<size_t>(col) >= row.size()) row.resize(col + 1);
      row[col] = text;
    }
  }
  if (csv.empty()) return tl::unexpected(NotAWorkbook("an empty first sheet"));
  return csv;
}

}  // namespace tia::domain::xlsx
