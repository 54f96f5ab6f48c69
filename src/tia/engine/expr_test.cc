#include "tia/engine/expr.h"

#include <gtest/gtest.h>

namespace tia::engine {
namespace {

class ExprTest : public ::testing::Test {
 protected:
  ExprTest() {
    scope_.Add("temp", Type::kNumber, true);
    scope_.Add("chills", Type::kBool, false);
    scope_.Add("side", Type::kEnum, false, {"left", "right", "both", "none"});
    scope_.Add("hours", Type::kNumber, false);
  }
  // frame: temp, chills, side, hours
  Val Eval(const std::string& text, std::vector<Val> frame) {
    auto e = Expr::Compile(text, scope_);
    EXPECT_TRUE(e) << text << ": " << (e ? "" : e.error().message);
    return e ? e->Eval(frame.data()) : Val{0, true};
  }
  std::string ErrorOf(const std::string& text) {
    auto e = Expr::Compile(text, scope_);
    return e ? "<compiled>" : e.error().message;
  }
  Scope scope_;
};

TEST_F(ExprTest, ComparesNumbersAndTreatsUnmeasuredAsNotMet) {
  std::vector<Val> f = {{38.0, false}, {0, false}, {0, false}, {12, false}};
  EXPECT_EQ(Eval("temp >= 38.0", f).v, 1);
  EXPECT_EQ(Eval("temp > 38.0", f).v, 0);
  f[0] = {0, true};
  EXPECT_EQ(Eval("temp >= 38.0", f).v, 0);
  EXPECT_EQ(Eval("temp < 38.0", f).v, 0);
  EXPECT_EQ(Eval("temp != 38.0", f).v, 0);
  EXPECT_EQ(Eval("temp is null", f).v, 1);
  EXPECT_EQ(Eval("temp is not null", f).v, 0);
  EXPECT_TRUE(Eval("temp + 1", f).null);
}

TEST_F(ExprTest, BooleanLogicLabelsCountAndArithmetic) {
  std::vector<Val> f = {{37.0, false}, {1, false}, {1, false}, {20, false}};
  EXPECT_EQ(Eval("chills and not (side == \"left\")", f).v, 1);
  EXPECT_EQ(Eval("side in [\"left\", \"right\"]", f).v, 1);
  EXPECT_EQ(Eval("side in [\"both\"]", f).v, 0);
  EXPECT_EQ(Eval("\"right\" == side", f).v, 1);
  EXPECT_EQ(Eval("count(chills, temp > 36, hours >= 24) ", f).v, 2);
  EXPECT_EQ(Eval("48 - hours", f).v, 28);
  EXPECT_EQ(Eval("chills or temp > 100 and false", f).v, 1);  // and binds tighter than or
  EXPECT_EQ(Eval("(chills or temp > 100) and false", f).v, 0);
}

TEST_F(ExprTest, CompileErrorsSayWhatAndWhere) {
  EXPECT_EQ(ErrorOf("temp >= 38 and chils"), "at column 16: unknown name 'chils'");
  EXPECT_NE(
      ErrorOf("side == \"lft\"").find("\"lft\" is not one of its labels (left, right, both, none)"),
      std::string::npos);
  EXPECT_NE(ErrorOf("temp and chills").find("'and' needs a yes/no value, not a number"),
            std::string::npos);
  EXPECT_NE(ErrorOf("chills > 3").find("needs a number"), std::string::npos);
  EXPECT_NE(ErrorOf("hours is null").find("never null"), std::string::npos);
  EXPECT_NE(ErrorOf("temp = 38").find("write == or !="), std::string::npos);
  EXPECT_NE(ErrorOf("(chills").find("expected ')'"), std::string::npos);
  EXPECT_NE(ErrorOf("chills chills").find("unexpected 'chills'"), std::string::npos);
  EXPECT_NE(ErrorOf("temp == \"x\"").find("compared with a number"), std::string::npos);
  EXPECT_NE(ErrorOf("1.2.3 > temp").find("is not a number"), std::string::npos);
  EXPECT_NE(ErrorOf("").find("expected a value"), std::string::npos);
  EXPECT_NE(ErrorOf(std::string(200, '(')).find("nested too deeply"), std::string::npos);
  EXPECT_NE(ErrorOf(std::string(100, '-')).find("expected a value"), std::string::npos);
}

TEST_F(ExprTest, KnowsALiteralTrueAndTheNamesItReads) {
  auto t = Expr::Compile("true", scope_);
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->IsLiteralTrue());
  auto e = Expr::Compile("chills or temp > 38 or chills", scope_);
  ASSERT_TRUE(e);
  EXPECT_FALSE(e->IsLiteralTrue());
  EXPECT_EQ(e->names(), (std::vector<std::string>{"chills", "temp"}));
}

}  // namespace
}  // namespace tia::engine
