#include "tia/domain/json_reader.h"

#include <cmath>

#include "tia/base/uuid.h"

namespace tia::domain {
namespace {

const char* TypeName(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::discarded:
      return "invalid";
    default:
      return "a number";
  }
}

std::string Num(double v) {
  Json j = v;
  if (v == std::floor(v) && std::fabs(v) < 1e15) j = static_cast<int64_t>(v);
  return j.dump();
}

}  // namespace

FieldReader::FieldReader(const Json& obj, std::string pointer)
    : obj_(obj), pointer_(std::move(pointer)) {
  if (!obj_.is_object()) {
    error_ = Error{ErrorCode::kInvalidArgument,
                   std::string("must be an object, not ") + TypeName(obj_), pointer_, 0};
  }
}

bool FieldReader::Has(std::string_view key) const {
  if (!obj_.is_object()) return false;
  auto it = obj_.find(key);
  return it != obj_.end() && !it->is_null();
}

void FieldReader::FailAt(std::string_view key, std::string message) {
  FailAtPointer(PointerTo(key), std::move(message));
}

void FieldReader::FailAtPointer(std::string pointer, std::string message) {
  if (!error_)
    error_ = Error{ErrorCode::kInvalidArgument, std::move(message), std::move(pointer), 0};
}

void FieldReader::Merge(FieldReader& nested) {
  if (error_) return;
  if (auto fin = nested.Finish(); !fin) error_ = fin.error();
}

const Json* FieldReader::Get(std::string_view key, bool required) {
  known_.emplace(key);
  if (error_) return nullptr;
  auto it = obj_.find(key);
  if (it == obj_.end() || it->is_null()) {
    if (required) FailAt(key, "is required");
    return nullptr;
  }
  return &*it;
}

std::optional<bool> FieldReader::Bool(std::string_view key, bool required) {
  const Json* v = Get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    FailAt(key, std::string("must be true or false, not ") + TypeName(*v));
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<double> FieldReader::Number(std::string_view key, double min, double max,
                                          bool required) {
  const Json* v = Get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    FailAt(key, std::string("must be a number, not ") + TypeName(*v));
    return std::nullopt;
  }
  const double d = v->get<double>();
  if (!std::isfinite(d) || d < min || d > max) {
    FailAt(key, "must be between " + Num(min) + " and " + Num(max));
    return std::nullopt;
  }
  return d;
}

std::optional<int64_t> FieldReader::Integer(std::string_view key, int64_t min, int64_t max,
                                            bool required) {
  const Json* v = Get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    FailAt(key, std::string("must be a whole number, not ") +
                    (v->is_number() ? "a fraction" : TypeName(*v)));
    return std::nullopt;
  }
  const int64_t n =
      v->is_number_unsigned() && v->get<uint64_t>() > INT64_MAX ? INT64_MAX : v->get<int64_t>();
  if (n < min || n > max) {
    FailAt(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<std::string> FieldReader::String(std::string_view key, size_t max_len,
                                               bool required) {
  const Json* v = Get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    FailAt(key, std::string("must be a string, not ") + TypeName(*v));
    return std::nullopt;
  }
  std::string s = v->get<std::string>();
  if (s.size() > max_len) {
    FailAt(key, "must be at most " + std::to_string(max_len) + " bytes");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> FieldReader::Enum(std::string_view key,
                                             std::initializer_list<std::string_view> allowed,
                                             bool required) {
  const Json* v = Get(key, required);
  if (!v) return std::nullopt;
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    for (auto a : allowed) {
      if (s == a) return s;
    }
  }
  FailAt(key, "must be one of: " + list);
  return std::nullopt;
}

std::optional<Timestamp> FieldReader::Time(std::string_view key, bool required) {
  const Json* v = Get(key, required);
  if (!v) return std::nullopt;
  if (v->is_string()) {
    if (auto t = ParseRfc3339(v->get_ref<const std::string&>())) return t;
  }
  FailAt(key, "must be a date-time with a UTC offset, like 2026-11-25T03:12:00+07:00");
  return std::nullopt;
}

std::optional<int32_t> FieldReader::Date(std::string_view key, bool required) {
  const Json* v = Get(key, required);
  if (!v) return std::nullopt;
  if (v->is_string()) {
    if (auto d = ParseDate(v->get_ref<const std::string&>())) return d;
  }
  FailAt(key, "must be a date like 2026-11-25");
  return std::nullopt;
}

std::optional<std::string> FieldReader::Uuid(std::string_view key, bool required) {
  const Json* v = Get(key, required);
  if (!v) return std::nullopt;
  if (v->is_string() && IsCanonicalUuid(v->get_ref<const std::string&>())) {
    return v->get<std::string>();
  }
  FailAt(key, "must be a lower-case UUID");
  return std::nullopt;
}

const Json* FieldReader::Object(std::string_view key, bool required) {
  const Json* v = Get(key, required);
  if (!v) return nullptr;
  if (!v->is_object()) {
    FailAt(key, std::string("must be an object, not ") + TypeName(*v));
    return nullptr;
  }
  return v;
}

const Json* FieldReader::Array(std::string_view key, size_t max_items, bool required) {
  const Json* v = Get(key, required);
  if (!v) return nullptr;
  if (!v->is_array()) {
    FailAt(key, std::string("must be an array, not ") + TypeName(*v));
    return nullptr;
  }
  if (v->size() > max_items) {
    FailAt(key, "must have at most " + std::to_string(max_items) + " items");
    return nullptr;
  }
  return v;
}

Result<void> FieldReader::Finish() {
  if (error_) return tl::unexpected(*error_);
  for (auto it = obj_.begin(); it != obj_.end(); ++it) {
    if (!known_.contains(it.key())) {
      return Invalid(PointerTo(it.key()), "is not a known field");
    }
  }
  return Ok();
}

Result<Json> ParseJsonBody(std::string_view text, int max_depth) {
  // Refuse deep nesting before parsing, so a hostile body cannot exhaust the stack.
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{' || c == '[') {
      if (++depth > max_depth) {
        return Invalid("", "the JSON is nested more than " + std::to_string(max_depth) + " deep");
      }
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    return Invalid("", "the body is not valid JSON (at byte " + std::to_string(e.byte) + ")");
  } catch (const Json::exception&) {
    // e.g. a number too large for a double (1e400): valid JSON grammar, not a usable value.
    return Invalid("", "the body holds a number too large to store");
  }
}

Result<Json> ParseStored(std::string_view text) {
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Fail(ErrorCode::kInternal, "stored data could not be read");
  return j;
}

}  // namespace tia::domain
