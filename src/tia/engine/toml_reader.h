// tia/engine/toml_reader.h — strict reading of one TOML table of a protocol file (engine-internal).
//
// Every key a table holds must be read (an unknown key is an error, so a typo like `reasn.en` is
// caught), and every error names the file, the line, the item ("rule S5") and the key.
#pragma once

#include <toml++/toml.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tia/base/result.h"
#include "tia/engine/expr.h"
#include "tia/engine/protocol.h"

namespace tia::engine {

inline int LineOf(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

class TomlReader {
 public:
  TomlReader(const toml::table& t, std::string_view file, std::string item)
      : t_(t), file_(file), item_(std::move(item)) {}

  int line() const { return LineOf(t_); }
  void set_item(std::string item) { item_ = std::move(item); }

  tl::unexpected<Error> Err(const toml::node* at, std::string_view key,
                            const std::string& msg) const {
    const int line = at ? LineOf(*at) : LineOf(t_);
    std::string where = std::string(file_) + ":" + std::to_string(line) + ": ";
    if (!item_.empty()) where += item_ + ": ";
    if (!key.empty()) where += std::string(key) + ": ";
    return Invalid("", where + msg);
  }

  const toml::node* Node(std::string_view key) {
    seen_.insert(std::string(key));
    return t_.get(key);
  }

  Result<std::string> Str(std::string_view key, bool required = true) {
    const toml::node* n = Node(key);
    if (!n) {
      if (required) return Err(nullptr, key, "is missing");
      return std::string();
    }
    const auto* s = n->as_string();
    if (!s) return Err(n, key, "must be a quoted text");
    if (required && s->get().empty()) return Err(n, key, "must not be empty");
    return s->get();
  }

  // A text in both languages: `key.en` and `key.vi`.
  Result<Text> Txt(std::string_view key, bool required = true) {
    const toml::node* n = Node(key);
    if (!n) {
      if (required)
        return Err(
            nullptr, key,
            "is missing (write " + std::string(key) + ".en and " + std::string(key) + ".vi)");
      return Text{};
    }
    const auto* t = n->as_table();
    if (!t) return Err(n, key, "must hold .en and .vi");
    TomlReader r(*t, file_, item_);
    Text out;
    TIA_ASSIGN_OR_RETURN(out.en, r.Str("en", false));
    TIA_ASSIGN_OR_RETURN(out.vi, r.Str("vi", false));
    TIA_TRY(r.Finish(std::string(key) + "."));
    if (out.en.empty()) return Err(n, std::string(key) + ".en", "is missing or empty");
    if (out.vi.empty())
      return Err(n, std::string(key) + ".vi",
                 "is missing or empty (every text needs Vietnamese too)");
    return out;
  }

  Result<std::vector<std::string>> Strings(std::string_view key, bool required = true) {
    const toml::node* n = Node(key);
    std::vector<std::string> out;
    if (!n) {
      if (required) return Err(nullptr, key, "is missing");
      return out;
    }
    const auto* a = n->as_array();
    if (!a) return Err(n, key, "must be a list of quoted texts");
    for (const auto& e : *a) {
      const auto* s = e.as_string();
      if (!s || s->get().empty()) return Err(&e, key, "must be a list of quoted texts");
      out.push_back(s->get());
    }
    if (required && out.empty()) return Err(n, key, "must not be empty");
    return out;
  }

  // A whole number in [lo, hi]; 0 when absent and not required.
  Result<int> Int(std::string_view key, int lo, int hi, bool required = false) {
    const toml::node* n = Node(key);
    if (!n) {
      if (required) return Err(nullptr, key, "is missing");
      return 0;
    }
    const auto* i = n->as_integer();
    if (!i || i->get() < lo || i->get() > hi) {
      return Err(n, key,
                 "must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
    }
    return static_cast<int>(i->get());
  }

  Result<Expr> Condition(std::string_view key, const Scope& scope, std::string* text) {
    TIA_ASSIGN_OR_RETURN(*text, Str(key));
    auto e = Expr::Compile(*text, scope);
    if (!e) return Err(t_.get(key), key, e.error().message);
    if (e->type() != Type::kBool) return Err(t_.get(key), key, "must be a yes/no condition");
    return std::move(*e);
  }

  Result<void> Finish(std::string_view prefix = "") const {
    for (const auto& [k, v] : t_) {
      if (!seen_.count(std::string(k.str()))) {
        return Err(&v, "", "unknown key '" + std::string(prefix) + std::string(k.str()) + "'");
      }
    }
    return Ok();
  }

 private:
  const toml::table& t_;
  std::string_view file_;
  std::string item_;
  std::set<std::string> seen_;
};

}  // namespace tia::engine
