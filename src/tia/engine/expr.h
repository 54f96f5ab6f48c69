// tia/engine/expr.h — the small condition language of the protocol files.
//
// A protocol says when a rule fires in words a clinical lead can read:
//
//   heart_rate > 130 or resp_rate >= 25 or hours_since_urine >= 18
//   lactating and not on_antibiotics and redness_extent != "none" and self_care_hours >= 12
//   count(hypothermia, heart_rate >= 100 and heart_rate <= 130) >= 2
//   nipple_damage in ["cracked", "cracked_infected"]
//   current_temp_c is null and (chills or rigors)
//
// Names are looked up in a Scope (the input fields, then derived values, rule ids, `condition`
// and `disposition`). Compiling checks every name, every enum label and every type, so a typo in a
// protocol is a load error, never a rule that silently never fires. A comparison involving a value
// that was not measured (null) is false; arithmetic on null stays null.
//
// Compiled expressions are flat node arrays over slot indices: evaluation does no lookups and no
// allocation. Thread-safe after compilation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tia/base/result.h"

namespace tia::engine {

enum class Type : uint8_t { kBool, kNumber, kEnum };

// The most names one protocol may define (inputs included): the size of an evaluation frame.
inline constexpr size_t kMaxFrameSlots = 512;

// One evaluated value: a bool is 0/1, an enum is its label's index, a number is itself.
// Trivial, so that an evaluation frame needs no initialisation (every slot is written before it
// is read: a name is in scope only after the value it names is computed).
struct Val {
  double v;
  bool null;
};

struct Symbol {
  std::string name;
  Type type = Type::kBool;
  bool nullable = false;
  std::vector<std::string> labels;  // for enums
  int slot = 0;
};

// Names an expression may use, each bound to a slot of the evaluation frame.
class Scope {
 public:
  // Returns the new symbol's slot; the caller checks for duplicates with Find first.
  int Add(std::string name, Type type, bool nullable, std::vector<std::string> labels = {});
  const Symbol* Find(std::string_view name) const;
  size_t size() const { return symbols_.size(); }
  const std::vector<Symbol>& symbols() const { return symbols_; }

 private:
  std::vector<Symbol> symbols_;
};

class Expr {
 public:
  // Errors say what is wrong and at which column of `text`.
  static Result<Expr> Compile(std::string_view text, const Scope& scope);

  Type type() const { return type_; }
  bool nullable() const { return nullable_; }
  const std::vector<std::string>& labels() const { return labels_; }
  bool IsLiteralTrue() const;
  // The names the expression reads (for coverage and review listings).
  const std::vector<std::string>& names() const { return names_; }

  Val Eval(const Val* frame) const { return EvalNode(root_, frame); }
  bool True(const Val* frame) const {
    Val v = Eval(frame);
    return !v.null && v.v != 0;
  }

  enum class Op : uint8_t {
    kConst,
    kSlot,
    kNot,
    kAnd,
    kOr,
    kLt,
    kLe,
    kGt,
    kGe,
    kEq,
    kNe,
    kAdd,
    kSub,
    kIsNull,
    kIsNotNull,
    kCount,
    kIn,
  };
  struct Node {
    Op op;
    bool null = false;   // kConst
    double num = 0;      // kConst value; kIn label bit set
    int32_t a = -1;      // operand / slot
    int32_t b = -1;      // second operand; for kCount the argument count
    int32_t first = -1;  // kCount: index of the first argument in args_
  };

 private:
  Val EvalNode(int32_t i, const Val* frame) const;

  std::vector<Node> nodes_;
  std::vector<int32_t> args_;
  int32_t root_ = -1;
  Type type_ = Type::kBool;
  bool nullable_ = false;
  std::vector<std::string> labels_;
  std::vector<std::string> names_;
  friend class ExprParser;
};

}  // namespace tia::engine
