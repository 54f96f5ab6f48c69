// tia/domain/json_reader.h — strict reading of a JSON object into canonical form.
//
// A FieldReader walks one JSON object. Each getter records the key as known and checks type and
// range; the first problem is kept as an Error whose `field` is the JSON pointer of the offending
// value (`/segments/1/end`). After the first error further reads are no-ops, so a validator reads
// straight through and checks `error()` once. `Finish()` reports keys that were never read
// (unknown fields are errors, not silently dropped).
//
//   FieldReader r(body, "");
//   double ml = r.Number("volume_ml", 0, 500).value_or(0);
//   TIA_TRY(r.Finish());
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "tia/base/result.h"
#include "tia/base/time.h"

namespace tia::domain {

using Json = nlohmann::json;

class FieldReader {
 public:
  // `obj` must outlive the reader. `pointer` is the JSON pointer of `obj` itself ("" for the root).
  FieldReader(const Json& obj, std::string pointer);

  bool Has(std::string_view key) const;
  std::string PointerTo(std::string_view key) const { return pointer_ + "/" + std::string(key); }

  std::optional<bool> Bool(std::string_view key, bool required = false);
  std::optional<double> Number(std::string_view key, double min, double max, bool required = false);
  std::optional<int64_t> Integer(std::string_view key, int64_t min, int64_t max,
                                 bool required = false);
  std::optional<std::string> String(std::string_view key, size_t max_len, bool required = false);
  std::optional<std::string> Enum(std::string_view key,
                                  std::initializer_list<std::string_view> allowed,
                                  bool required = false);
  std::optional<Timestamp> Time(std::string_view key, bool required = false);
  std::optional<int32_t> Date(std::string_view key, bool required = false);
  std::optional<std::string> Uuid(std::string_view key, bool required = false);
  // The raw value of an object or array member, for nested readers. Null when absent.
  const Json* Object(std::string_view key, bool required = false);
  const Json* Array(std::string_view key, size_t max_items, bool required = false);

  // Records an error at `key` (if none is recorded yet).
  void FailAt(std::string_view key, std::string message);
  void FailAtPointer(std::string pointer, std::string message);
  // Takes the first error of a nested reader, including its unknown fields.
  void Merge(FieldReader& nested);

  bool ok() const { return !error_.has_value(); }
  const std::optional<Error>& error() const { return error_; }
  // The first error, or an error for the first unknown key, or Ok.
  Result<void> Finish();

 private:
  const Json* Get(std::string_view key, bool required);

  const Json& obj_;
  std::string pointer_;
  std::set<std::string, std::less<>> known_;
  std::optional<Error> error_;
};

// Parses `text` as JSON with the body depth limit; errors name the position.
Result<Json> ParseJsonBody(std::string_view text, int max_depth = 32);
// JSON the server stored itself (a record's body, a result, a configuration row): the one way app/
// reads it back. Never throws: text that does not parse is damage, answered as kInternal (the
// message names no content, so no health data reaches a log or a client).
Result<Json> ParseStored(std::string_view text);

}  // namespace tia::domain
