#include "tia/engine/expr.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>

namespace tia::engine {
namespace {

// Bounds that keep compilation and evaluation small whatever a file holds (the loader is fuzzed).
constexpr size_t kMaxText = 8192;
constexpr int kMaxDepth = 48;

enum class Tok : uint8_t {
  kEnd,
  kName,
  kNumber,
  kString,
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kComma,
  kOp
};

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;
  double num = 0;
  size_t column = 0;  // 1-based
};

const char* TypeName(Type t) {
  switch (t) {
    case Type::kBool:
      return "a yes/no value";
    case Type::kNumber:
      return "a number";
    case Type::kEnum:
      return "a labelled value";
  }
  return "?";
}

}  // namespace

int Scope::Add(std::string name, Type type, bool nullable, std::vector<std::string> labels) {
  int slot = static_cast<int>(symbols_.size());
  symbols_.push_back({std::move(name), type, nullable, std::move(labels), slot});
  return slot;
}

const Symbol* Scope::Find(std::string_view name) const {
  for (const auto& s : symbols_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

// Recursive-descent parser that type-checks as it builds the node array.
class ExprParser {
 public:
  ExprParser(std::string_view text, const Scope& scope) : text_(text), scope_(scope) {}

  Result<Expr> Run() {
    if (text_.size() > kMaxText) return Err(1, "the expression is too long");
    TIA_TRY(Lex());
    TIA_ASSIGN_OR_RETURN(auto root, Or());
    if (Peek().kind != Tok::kEnd) return Err(Peek().column, "unexpected '" + Peek().text + "'");
    if (root.is_string) return Err(root.column, "a quoted label must be compared with a field");
    out_.root_ = root.node;
    out_.type_ = root.type;
    out_.nullable_ = root.nullable;
    out_.labels_ = root.labels;
    return std::move(out_);
  }

 private:
  struct Part {
    int32_t node = -1;
    Type type = Type::kBool;
    bool nullable = false;
    std::vector<std::string> labels;
    bool is_string = false;  // a quoted label waiting for the enum it is compared with
    std::string str;
    size_t column = 0;
  };

  tl::unexpected<Error> Err(size_t column, const std::string& msg) const {
    return Invalid("", "at column " + std::to_string(column) + ": " + msg);
  }

  Result<void> Lex() {
    size_t i = 0;
    while (i < text_.size()) {
      const char c = text_[i];
      const size_t col = i + 1;
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++i;
        continue;
      }
      if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        size_t j = i;
        while (j < text_.size() &&
               (std::isalnum(static_cast<unsigned char>(text_[j])) || text_[j] == '_')) {
          ++j;
        }
        tokens_.push_back({Tok::kName, std::string(text_.substr(i, j - i)), 0, col});
        i = j;
      } else if (std::isdigit(static_cast<unsigned char>(c))) {
        size_t j = i;
        while (j < text_.size() &&
               (std::isdigit(static_cast<unsigned char>(text_[j])) || text_[j] == '.')) {
          ++j;
        }
        double v = 0;
        auto [p, ec] = std::from_chars(text_.data() + i, text_.data() + j, v);
        if (ec != std::errc() || p != text_.data() + j) {
          return Err(col, "'" + std::string(text_.substr(i, j - i)) + "' is not a number");
        }
        tokens_.push_back({Tok::kNumber, std::string(text_.substr(i, j - i)), v, col});
        i = j;
      } else if (c == '"') {
        size_t j = text_.find('"', i + 1);
        if (j == std::string_view::npos) return Err(col, "a quoted label is not closed");
        tokens_.push_back({Tok::kString, std::string(text_.substr(i + 1, j - i - 1)), 0, col});
        i = j + 1;
      } else if (c == '(' || c == ')' || c == '[' || c == ']' || c == ',') {
        Tok k = c == '('   ? Tok::kLParen
                : c == ')' ? Tok::kRParen
                : c == '[' ? Tok::kLBracket
                : c == ']' ? Tok::kRBracket
                           : Tok::kComma;
        tokens_.push_back({k, std::string(1, c), 0, col});
        ++i;
      } else if (c == '<' || c == '>' || c == '=' || c == '!') {
        std::string op(1, c);
        if (i + 1 < text_.size() && text_[i + 1] == '=') op += '=';
        if (op == "=" || op == "!") {
          return Err(col, "'" + op + "' is not an operator (write == or !=)");
        }
        tokens_.push_back({Tok::kOp, op, 0, col});
        i += op.size();
      } else if (c == '+' || c == '-') {
        tokens_.push_back({Tok::kOp, std::string(1, c), 0, col});
        ++i;
      } else {
        return Err(col, std::string("unexpected character '") + c + "'");
      }
    }
    tokens_.push_back({Tok::kEnd, "end of text", 0, text_.size() + 1});
    return Ok();
  }

  const Token& Peek() const { return tokens_[pos_]; }
  bool IsWord(std::string_view w) const { return Peek().kind == Tok::kName && Peek().text == w; }
  bool IsOp(std::string_view op) const { return Peek().kind == Tok::kOp && Peek().text == op; }
  Token Take() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }

  int32_t Add(Expr::Node n) {
    out_.nodes_.push_back(n);
    return static_cast<int32_t>(out_.nodes_.size() - 1);
  }

  Result<void> Want(const Part& p, Type t, std::string_view what) const {
    if (p.is_string) return Err(p.column, "a quoted label must be compared with a field");
    if (p.type != t) {
      return Err(p.column,
                 std::string(what) + " needs " + TypeName(t) + ", not " + TypeName(p.type));
    }
    return Ok();
  }

  Result<Part> Or() {
    if (++depth_ > kMaxDepth) return Err(Peek().column, "the expression is nested too deeply");
    TIA_ASSIGN_OR_RETURN(auto left, And());
    while (IsWord("or")) {
      Take();
      TIA_ASSIGN_OR_RETURN(auto right, And());
      TIA_TRY(Want(left, Type::kBool, "'or'"));
      TIA_TRY(Want(right, Type::kBool, "'or'"));
      left.node = Add({Expr::Op::kOr, false, 0, left.node, right.node});
    }
    --depth_;
    return left;
  }

  Result<Part> And() {
    TIA_ASSIGN_OR_RETURN(auto left, Not());
    while (IsWord("and")) {
      Take();
      TIA_ASSIGN_OR_RETURN(auto right, Not());
      TIA_TRY(Want(left, Type::kBool, "'and'"));
      TIA_TRY(Want(right, Type::kBool, "'and'"));
      left.node = Add({Expr::Op::kAnd, false, 0, left.node, right.node});
    }
    return left;
  }

  Result<Part> Not() {
    if (!IsWord("not")) return Compare();
    const size_t col = Take().column;
    if (++depth_ > kMaxDepth) return Err(col, "the expression is nested too deeply");
    TIA_ASSIGN_OR_RETURN(auto p, Not());
    --depth_;
    TIA_TRY(Want(p, Type::kBool, "'not'"));
    p.node = Add({Expr::Op::kNot, false, 0, p.node});
    p.column = col;
    return p;
  }

  Result<Part> Compare() {
    TIA_ASSIGN_OR_RETURN(auto left, Sum());
    if (IsWord("is")) return IsNull(left);
    if (IsWord("in")) return In(left);
    if (Peek().kind != Tok::kOp || Peek().text == "+" || Peek().text == "-") return left;
    const Token op = Take();
    TIA_ASSIGN_OR_RETURN(auto right, Sum());
    Part out;
    out.type = Type::kBool;
    out.column = left.column;
    if (op.text == "==" || op.text == "!=") {
      TIA_TRY(Equality(left, right, op));
      out.node =
          Add({op.text == "==" ? Expr::Op::kEq : Expr::Op::kNe, false, 0, left.node, right.node});
      return out;
    }
    TIA_TRY(Want(left, Type::kNumber, "'" + op.text + "'"));
    TIA_TRY(Want(right, Type::kNumber, "'" + op.text + "'"));
    Expr::Op o = op.text == "<"    ? Expr::Op::kLt
                 : op.text == "<=" ? Expr::Op::kLe
                 : op.text == ">"  ? Expr::Op::kGt
                                   : Expr::Op::kGe;
    out.node = Add({o, false, 0, left.node, right.node});
    return out;
  }

  // == and != compare two numbers, two yes/no values, or a labelled field with one of its labels.
  Result<void> Equality(Part& left, Part& right, const Token& op) {
    if (left.is_string && right.is_string) return Err(op.column, "compares two quoted labels");
    if (left.is_string || right.is_string) {
      Part& field = left.is_string ? right : left;
      Part& label = left.is_string ? left : right;
      if (field.type != Type::kEnum) {
        return Err(label.column, "\"" + label.str + "\" is compared with " + TypeName(field.type));
      }
      TIA_ASSIGN_OR_RETURN(int idx, LabelIndex(field, label));
      label.node = Add({Expr::Op::kConst, false, static_cast<double>(idx)});
      label.is_string = false;
      return Ok();
    }
    if (left.type != right.type) {
      return Err(op.column,
                 std::string("compares ") + TypeName(left.type) + " with " + TypeName(right.type));
    }
    if (left.type == Type::kEnum && left.labels != right.labels) {
      return Err(op.column, "compares values with different labels");
    }
    return Ok();
  }

  Result<int> LabelIndex(const Part& field, const Part& label) const {
    for (size_t i = 0; i < field.labels.size(); ++i) {
      if (field.labels[i] == label.str) return static_cast<int>(i);
    }
    std::string known;
    for (const auto& l : field.labels) known += (known.empty() ? "" : ", ") + l;
    return Err(label.column, "\"" + label.str + "\" is not one of its labels (" + known + ")");
  }

  Result<Part> IsNull(const Part& left) {
    const size_t col = Take().column;
    bool negate = false;
    if (IsWord("not")) {
      Take();
      negate = true;
    }
    if (!IsWord("null")) return Err(Peek().column, "expected 'null' after 'is'");
    Take();
    if (left.is_string) return Err(left.column, "a quoted label is never null");
    if (!left.nullable) return Err(col, "the value before 'is' is never null");
    Part out;
    out.node = Add({negate ? Expr::Op::kIsNotNull : Expr::Op::kIsNull, false, 0, left.node});
    out.column = left.column;
    return out;
  }

  Result<Part> In(const Part& left) {
    const size_t col = Take().column;
    if (left.is_string || left.type != Type::kEnum) {
      return Err(col, "'in' needs a labelled field on its left");
    }
    if (Peek().kind != Tok::kLBracket) return Err(Peek().column, "expected '[' after 'in'");
    Take();
    uint64_t bits = 0;
    while (true) {
      if (Peek().kind != Tok::kString) return Err(Peek().column, "expected a quoted label");
      Part label;
      label.str = Take().text;
      label.column = tokens_[pos_ - 1].column;
      TIA_ASSIGN_OR_RETURN(int idx, LabelIndex(left, label));
      if (idx >= 52) return Err(label.column, "too many labels");  // the set is held in a double
      bits |= uint64_t{1} << idx;
      if (Peek().kind == Tok::kComma) {
        Take();
        continue;
      }
      if (Peek().kind != Tok::kRBracket) return Err(Peek().column, "expected ',' or ']'");
      Take();
      break;
    }
    Part out;
    out.node = Add({Expr::Op::kIn, false, static_cast<double>(bits), left.node});
    out.column = left.column;
    return out;
  }

  Result<Part> Sum() {
    TIA_ASSIGN_OR_RETURN(auto left, Primary());
    while (IsOp("+") || IsOp("-")) {
      const Token op = Take();
      TIA_ASSIGN_OR_RETURN(auto right, Primary());
      TIA_TRY(Want(left, Type::kNumber, "'" + op.text + "'"));
      TIA_TRY(Want(right, Type::kNumber, "'" + op.text + "'"));
      left.node =
          Add({op.text == "+" ? Expr::Op::kAdd : Expr::Op::kSub, false, 0, left.node, right.node});
      left.nullable = left.nullable || right.nullable;
    }
    return left;
  }

  Result<Part> Primary() {
    const Token t = Take();
    Part p;
    p.column = t.column;
    switch (t.kind) {
      case Tok::kNumber:
        p.type = Type::kNumber;
        p.node = Add({Expr::Op::kConst, false, t.num});
        return p;
      case Tok::kString:
        p.is_string = true;
        p.str = t.text;
        return p;
      case Tok::kLParen: {
        TIA_ASSIGN_OR_RETURN(p, Or());
        if (Peek().kind != Tok::kRParen) return Err(Peek().column, "expected ')'");
        Take();
        p.column = t.column;
        return p;
      }
      case Tok::kName:
        return Name(t);
      default:
        return Err(t.column, "expected a value, found '" + t.text + "'");
    }
  }

  Result<Part> Name(const Token& t) {
    Part p;
    p.column = t.column;
    if (t.text == "true" || t.text == "false") {
      p.node = Add({Expr::Op::kConst, false, t.text == "true" ? 1.0 : 0.0});
      return p;
    }
    if (t.text == "count" && Peek().kind == Tok::kLParen) return Count(t);
    static constexpr std::string_view kReserved[] = {"and", "or",   "not",  "is",
                                                     "in",  "null", "count"};
    for (auto r : kReserved) {
      if (t.text == r) return Err(t.column, "expected a value, found '" + t.text + "'");
    }
    const Symbol* s = scope_.Find(t.text);
    if (!s) return Err(t.column, "unknown name '" + t.text + "'");
    bool seen = false;
    for (const auto& n : out_.names_) seen = seen || n == s->name;
    if (!seen) out_.names_.push_back(s->name);
    p.type = s->type;
    p.nullable = s->nullable;
    p.labels = s->labels;
    p.node = Add({Expr::Op::kSlot, false, 0, s->slot});
    return p;
  }

  // count(a, b, ...) is how many of the yes/no values are true.
  Result<Part> Count(const Token& t) {
    Take();  // (
    std::vector<int32_t> args;
    while (true) {
      TIA_ASSIGN_OR_RETURN(auto a, Or());
      TIA_TRY(Want(a, Type::kBool, "count()"));
      args.push_back(a.node);
      if (Peek().kind == Tok::kComma) {
        Take();
        continue;
      }
      if (Peek().kind != Tok::kRParen) return Err(Peek().column, "expected ',' or ')'");
      Take();
      break;
    }
    Part p;
    p.column = t.column;
    p.type = Type::kNumber;
    const auto first = static_cast<int32_t>(out_.args_.size());
    out_.args_.insert(out_.args_.end(), args.begin(), args.end());
    p.node = Add({Expr::Op::kCount, false, 0, -1, static_cast<int32_t>(args.size()), first});
    return p;
  }

  std::string_view text_;
  const Scope& scope_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
  Expr out_;
};

Result<Expr> Expr::Compile(std::string_view text, const Scope& scope) {
  return ExprParser(text, scope).Run();
}

bool Expr::IsLiteralTrue() const {
  return root_ >= 0 && nodes_[root_].op == Op::kConst && type_ == Type::kBool &&
         nodes_[root_].num == 1;
}

Val Expr::EvalNode(int32_t i, const Val* frame) const {
  const Node& n = nodes_[i];
  auto both = [&](auto f) -> Val {
    Val a = EvalNode(n.a, frame);
    Val b = EvalNode(n.b, frame);
    if (a.null || b.null) return {0, false};  // a comparison with an unmeasured value is false
    return {f(a.v, b.v) ? 1.0 : 0.0, false};
  };
  switch (n.op) {
    case Op::kConst:
      return {n.num, n.null};
    case Op::kSlot:
      return frame[n.a];
    case Op::kNot:
      return {EvalNode(n.a, frame).v != 0 ? 0.0 : 1.0, false};
    case Op::kAnd:
      if (EvalNode(n.a, frame).v == 0) return {0, false};
      return {EvalNode(n.b, frame).v != 0 ? 1.0 : 0.0, false};
    case Op::kOr:
      if (EvalNode(n.a, frame).v != 0) return {1, false};
      return {EvalNode(n.b, frame).v != 0 ? 1.0 : 0.0, false};
    case Op::kLt:
      return both([](double a, double b) { return a < b; });
    case Op::kLe:
      return both([](double a, double b) { return a <= b; });
    case Op::kGt:
      return both([](double a, double b) { return a > b; });
    case Op::kGe:
      return both([](double a, double b) { return a >= b; });
    case Op::kEq:
      return both([](double a, double b) { return a == b; });
    case Op::kNe:
      return both([](double a, double b) { return a != b; });
    case Op::kAdd:
    case Op::kSub: {
      Val a = EvalNode(n.a, frame);
      Val b = EvalNode(n.b, frame);
      if (a.null || b.null) return {0, true};
      return {n.op == Op::kAdd ? a.v + b.v : a.v - b.v, false};
    }
    case Op::kIsNull:
      return {EvalNode(n.a, frame).null ? 1.0 : 0.0, false};
    case Op::kIsNotNull:
      return {EvalNode(n.a, frame).null ? 0.0 : 1.0, false};
    case Op::kCount: {
      double c = 0;
      for (int32_t k = 0; k < n.b; ++k) c += EvalNode(args_[n.first + k], frame).v != 0 ? 1 : 0;
      return {c, false};
    }
    case Op::kIn: {
      Val a = EvalNode(n.a, frame);
      const auto bits = static_cast<uint64_t>(n.num);
      const auto idx = static_cast<uint64_t>(a.v);
      return {!a.null && idx < 64 && ((bits >> idx) & 1) ? 1.0 : 0.0, false};
    }
  }
  return {0, true};
}

}  // namespace tia::engine
