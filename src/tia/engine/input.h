// tia/engine/input.h — the care engine's input contract (docs/engine-input.md, generated from the
// table here by `tia triage --contract`).
//
// The schema is a table of fields, each with its type, its neutral value (taken when the field is
// missing) and its plausible range. Decoding is strict: an unknown field, a wrong type, an
// unknown enum value or a value out of range is an error naming the field as a JSON pointer
// ("/heart_rate"). The decoded input is indexed by field, so that protocol files can refer to
// fields by name. Pure; thread-safe.
//
//   auto in = engine::DecodeInput(Json::parse(R"({"current_temp_c": 38.4, "chills": true})"));
//   in->Number("current_temp_c");   // 38.4
//   in->Bool("lactating");          // true (neutral value)
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "tia/base/result.h"

namespace tia::engine {

using Json = nlohmann::json;

enum class FieldType { kBool, kInt, kNumber, kEnum };

// A value: null (not measured / not known), a boolean, a number (ints too) or an enum label.
using Value = std::variant<std::monostate, bool, double, std::string>;

struct FieldSpec {
  std::string_view name;
  FieldType type;
  bool nullable;
  Value neutral;
  double min = 0;  // plausible range for numbers (input sanity, not a clinical threshold)
  double max = 0;
  std::vector<std::string_view> labels;  // for enums
  std::string_view meaning;              // for the contract document (docs/engine-input.md)
};

// Every field of the clinical evidence's input contract plus `worried` (policy 3.2 item 8), in
// contract order.
const std::vector<FieldSpec>& InputSchema();

// The contract as a Markdown document: each field's type, values, meaning, neutral value and
// accepted range, grouped as the clinical evidence groups them. docs/engine-input.md is this text.
std::string InputContractMarkdown();
std::optional<size_t> FieldIndex(std::string_view name);

class Input {
 public:
  explicit Input(std::vector<Value> values) : values_(std::move(values)) {}
  const Value& Get(std::string_view name) const;  // aborts on a name not in the schema
  bool IsNull(std::string_view name) const;
  bool Bool(std::string_view name) const;
  double Number(std::string_view name) const;  // aborts when null: check IsNull first
  const std::string& Label(std::string_view name) const;
  const std::vector<Value>& values() const { return values_; }

 private:
  std::vector<Value> values_;
};

Result<Input> DecodeInput(const Json& j);

}  // namespace tia::engine
