#include "tia/domain/export_csv.h"

#include <cmath>
#include <cstdio>
#include <functional>
#include <utility>

#include "tia/base/time.h"

namespace tia::domain {
namespace {

using Cell = std::function<Json(const CsvRecord&)>;
struct Column {
  std::string name;
  Cell cell;
};

// A field of the body (nested with a second key), as stored; null when absent.
Cell Field(std::string key, std::string inner = "") {
  return [key = std::move(key), inner = std::move(inner)](const CsvRecord& r) -> Json {
    if (!r.body.contains(key)) return nullptr;
    const Json& v = r.body.at(key);
    if (inner.empty()) return v;
    return v.is_object() && v.contains(inner) ? v.at(inner) : Json(nullptr);
  };
}

// A list of values joined with ';' ("sore;cracked"); `member` picks one from each object.
Cell Joined(std::string key, std::string inner = "", std::string member = "") {
  return [key = std::move(key), inner = std::move(inner),
          member = std::move(member)](const CsvRecord& r) -> Json {
    Json list = Field(key, inner)(r);
    if (!list.is_array()) return nullptr;
    std::string out;
    for (const auto& item : list) {
      const Json& v = member.empty() ? item : item.value(member, Json(nullptr));
      if (!out.empty()) out += ';';
      out += v.is_string() ? v.get<std::string>() : v.dump();
    }
    return out;
  };
}

int64_t Ms(const Json& seg, const char* key) {
  auto t = ParseRfc3339(seg.at(key).get<std::string>());
  return t ? t->utc_ms : 0;
}

// Minutes at the breast on one side, pauses left out, to one decimal.
Cell BreastMinutes(std::string side) {
  return [side = std::move(side)](const CsvRecord& r) -> Json {
    double ms = 0;
    for (const auto& seg : r.body.value("segments", Json::array())) {
      if (seg.value("type", "") != "breast" || seg.value("side", "") != side) continue;
      ms += static_cast<double>(Ms(seg, "end") - Ms(seg, "start"));
      for (const auto& p : seg.value("pauses", Json::array())) {
        ms -= static_cast<double>(Ms(p, "end") - Ms(p, "start"));
      }
    }
    return std::round(ms / 6000.0) / 10.0;
  };
}

// The bottle top-ups: their total mL, and the kinds of milk.
Json BottleMl(const CsvRecord& r) {
  double ml = 0;
  for (const auto& seg : r.body.value("segments", Json::array())) {
    if (seg.value("type", "") == "bottle") ml += seg.value("volume_ml", 0.0);
  }
  return ml;
}
Json BottleMilk(const CsvRecord& r) {
  std::string out;
  for (const auto& seg : r.body.value("segments", Json::array())) {
    if (seg.value("type", "") != "bottle") continue;
    const std::string milk = seg.value("milk", "");
    if (out.find(milk) != std::string::npos) continue;
    if (!out.empty()) out += ';';
    out += milk;
  }
  return out;
}

std::vector<Column> Side(const std::string& side) {
  return {{side + "_pain", Field(side, "pain")},
          {side + "_locations", Joined(side, "locations", "clock")},
          {side + "_lump_cm",
           [side](const CsvRecord& r) -> Json {
             Json lump = Field(side, "lump")(r);
             return lump.is_object() ? lump.value("size_cm", Json(nullptr)) : Json(nullptr);
           }},
          {side + "_lump_feel",
           [side](const CsvRecord& r) -> Json {
             Json lump = Field(side, "lump")(r);
             return lump.is_object() ? lump.value("feel", Json(nullptr)) : Json(nullptr);
           }},
          {side + "_redness", Field(side, "redness")},
          {side + "_warmth", Field(side, "warmth")},
          {side + "_nipple", Joined(side, "nipple")},
          {side + "_milk_flow", Field(side, "milk_flow")},
          {side + "_blood_in_milk", Field(side, "blood_in_milk")}};
}

std::vector<Column> ColumnsOf(RecordKind kind) {
  const Column id{"id", [](const CsvRecord& r) -> Json { return r.id; }};
  const Column at{"occurred_at", Field("occurred_at")};
  const Column note{"note", Field("note")};
  auto plain = [&](std::initializer_list<const char*> names) {
    std::vector<Column> out = {id, at};
    for (const char* n : names) out.push_back({n, Field(n)});
    out.push_back(note);
    return out;
  };
  switch (kind) {
    case RecordKind::kInfant:
      return {id,
              {"name", Field("name")},
              {"birth_date", Field("birth_date")},
              {"birth_weight_g", Field("birth_weight_g")},
              {"gestation_weeks", Field("gestation_weeks")},
              note};
    case RecordKind::kFeed:
      return {id,
              at,
              {"infant_id", Field("infant_id")},
              {"left_minutes", BreastMinutes("left")},
              {"right_minutes", BreastMinutes("right")},
              {"bottle_ml", BottleMl},
              {"bottle_milk", BottleMilk},
              {"segments", [](const CsvRecord& r) -> Json { return r.body.at("segments").dump(); }},
              note};
    case RecordKind::kPump:
      return plain({"method", "duration_min", "left_ml", "right_ml", "total_ml"});
    case RecordKind::kBreastCheck: {
      std::vector<Column> out = {id, at};
      for (auto& c : Side("left")) out.push_back(std::move(c));
      for (auto& c : Side("right")) out.push_back(std::move(c));
      out.push_back(note);
      return out;
    }
    case RecordKind::kTemperature:
      return plain({"temp_c", "site", "chills", "rigors", "flu_like_aches", "feels_very_unwell"});
    case RecordKind::kCareAction:
      return plain({"action", "side", "minutes", "medicine", "dose_mg"});
    case RecordKind::kNappy:
      return plain({"infant_id", "wet", "dirty", "stool_colour"});
    case RecordKind::kInfantConcern:
      return {id, at, {"infant_id", Field("infant_id")}, {"concerns", Joined("concerns")}, note};
    case RecordKind::kInfantWeight:
      return plain({"infant_id", "weight_g", "scale", "naked"});
    case RecordKind::kNote:
      return {id, at, {"text", Field("text")}};
    case RecordKind::kProfile:
      break;
  }
  return {id};
}

std::string Text(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v.get<double>());
    return buf;
  }
  if (!v.is_string()) return v.dump();
  std::string s = v.get<std::string>();
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) s.insert(0, "'");
  return s;
}

void Put(std::string& out, const std::string& cell) {
  if (cell.find_first_of(",\"\r\n") == std::string::npos) {
    out += cell;
    return;
  }
  out += '"';
  for (char ch : cell) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

}  // namespace

std::string CsvLine(const std::vector<std::string>& cells) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    Put(out, cells[i]);
  }
  return out + "\r\n";
}

std::vector<std::string> CsvColumns(RecordKind kind) {
  std::vector<std::string> out;
  for (const auto& c : ColumnsOf(kind)) out.push_back(c.name);
  return out;
}

std::string CsvOf(RecordKind kind, const std::vector<CsvRecord>& records) {
  const auto columns = ColumnsOf(kind);
  std::string out = "\xEF\xBB\xBF" + CsvLine(CsvColumns(kind));
  std::vector<std::string> cells(columns.size());
  for (const auto& r : records) {
    for (size_t i = 0; i < columns.size(); ++i) cells[i] = Text(columns[i].cell(r));
    out += CsvLine(cells);
  }
  return out;
}

}  // namespace tia::domain
