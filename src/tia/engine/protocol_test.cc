#include "tia/engine/protocol.h"

#include <gtest/gtest.h>

#include <set>

namespace tia::engine {
namespace {

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << "not unique: " << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

int LineOf(const std::string& text, const std::string& what, int nth = 1) {
  auto at = text.find(what);
  while (--nth > 0) at = text.find(what, at + 1);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

std::string LoadError(const std::string& text) {
  auto p = Protocol::Parse(text, "test.toml");
  return p ? "<loaded>" : p.error().message;
}

const std::string& Text() {
  static const std::string t(Protocol::DefaultText());
  return t;
}

TEST(Protocol, TheShippedProtocolHasEveryRuleOfThePolicyWithSourcesAndBothLanguages) {
  const Protocol& p = Protocol::Default();
  EXPECT_EQ(p.id(), "tia-mastitis-spectrum");
  std::set<std::string> ids;
  for (const auto& r : p.rules()) {
    ids.insert(r.id);
    EXPECT_FALSE(r.sources.empty()) << r.id;
    EXPECT_FALSE(r.reason.en.empty()) << r.id;
    EXPECT_FALSE(r.reason.vi.empty()) << r.id;
    for (const auto& s : r.sources) EXPECT_TRUE(p.sources().count(s)) << r.id << " " << s;
  }
  for (int i = 1; i <= 3; ++i) EXPECT_TRUE(ids.count("E" + std::to_string(i)));
  for (int i = 1; i <= 16; ++i) EXPECT_TRUE(ids.count("S" + std::to_string(i)));
  for (int i = 1; i <= 12; ++i) EXPECT_TRUE(ids.count("C" + std::to_string(i)));
  for (const auto& r : p.rules()) {
    const char kind = r.id[0];
    const auto want = kind == 'E'   ? Disposition::kEmergency
                      : kind == 'S' ? Disposition::kSameDay
                                    : Disposition::kContact24h;
    if (kind != 'W') {
      EXPECT_EQ(r.disposition, want) << r.id;
    }
  }
  EXPECT_EQ(p.FindRule("W1")->raise, 1);
  EXPECT_EQ(p.conditions().back().id, "normal_physiology");
  EXPECT_EQ(p.conditions().front().id, "sepsis_suspected");
}

TEST(Protocol, EveryTextADescribedPlanStepAndAvoidItemHasBothLanguages) {
  const Protocol& p = Protocol::Default();
  for (const auto& plan : p.plans()) {
    for (const auto& s : plan.steps) {
      EXPECT_FALSE(s.text.en.empty());
      EXPECT_FALSE(s.text.vi.empty());
    }
  }
  for (const auto& a : p.avoid()) {
    EXPECT_FALSE(a.why.vi.empty()) << a.id;
  }
  // The "what not to do" list covers what EVIDENCE 1.4 and the issue name.
  for (auto id : {"deep_massage", "heat", "emptying", "nipple_shields", "popping_bleb",
                  "borrowed_antibiotics", "stopping_abruptly"}) {
    EXPECT_NE(p.FindAvoid(id), nullptr) << id;
  }
}

TEST(Protocol, LoadErrorsNameFileLineAndItem) {
  const std::string& t = Text();
  {
    auto bad = Replace(t, "when = 'redness_spreading_rapidly'\nreason",
                       "when = 'redness_spreding'\nreason");
    EXPECT_EQ(LoadError(bad),
              "test.toml:" + std::to_string(LineOf(bad, "when = 'redness_spreding'")) +
                  ": rule S11: when: at column 1: unknown name 'redness_spreding'");
  }
  {
    auto bad = Replace(
        t, "reason.vi = \"Vùng đỏ lan nhanh trong vài giờ cần được khám trong hôm nay.\"\n", "");
    EXPECT_NE(LoadError(bad).find(": rule S11: reason.vi: is missing or empty"), std::string::npos)
        << LoadError(bad);
  }
  {
    auto bad = Replace(t, "id = \"S12\"\ndisposition = \"same_day\"",
                       "id = \"S12\"\ndisposition = \"soon\"");
    EXPECT_EQ(LoadError(bad), "test.toml:" + std::to_string(LineOf(bad, "disposition = \"soon\"")) +
                                  ": rule S12: disposition: 'soon' is not one of self_care, "
                                  "contact_24h, same_day, emergency");
  }
  {
    auto bad = Replace(t, "sources = [\"NHS-HIGHLAND\"]\n\n[[rule]]\nid = \"S12\"",
                       "sources = [\"NHS-HIGHLANDS\"]\n\n[[rule]]\nid = \"S12\"");
    EXPECT_NE(LoadError(bad).find(": rule S11: sources: 'NHS-HIGHLANDS' is not in [sources]"),
              std::string::npos)
        << LoadError(bad);
  }
  {
    auto bad =
        Replace(t, "id = \"C10\"\ndisposition", "id = \"C10\"\ndispositon = \"x\"\ndisposition");
    EXPECT_NE(LoadError(bad).find(": rule C10: unknown key 'dispositon'"), std::string::npos)
        << LoadError(bad);
  }
  {
    auto bad = Replace(t, "id = \"C10\"\n", "id = \"C9\"\n");
    EXPECT_NE(LoadError(bad).find(": rule: id: 'C9' is already defined"), std::string::npos)
        << LoadError(bad);
  }
  {
    auto bad = Replace(t, "id = \"galactocele\"", "id = \"milk_cyst\"");
    EXPECT_NE(LoadError(bad).find(
                  "condition milk_cyst: id: 'milk_cyst' is not a condition label of EVIDENCE"),
              std::string::npos)
        << LoadError(bad);
  }
  {
    auto bad = Replace(t, "name.en = \"Nothing here points to a breast problem\"",
                       "name.en = \"Nothing here points to a breast problem\"\nwhen = 'true'");
    // A key given twice is a TOML error at the second one.
    const int second = LineOf(bad, "when = 'true'", 2);
    EXPECT_EQ(LoadError(bad).rfind("test.toml:" + std::to_string(second) + ": ", 0), 0u)
        << LoadError(bad);
    EXPECT_NE(LoadError(bad).find("'when'"), std::string::npos) << LoadError(bad);
  }
  {
    auto bad = Replace(t, "id = \"normal_physiology\"\nwhen = 'true'",
                       "id = \"normal_physiology\"\nwhen = 'lactating'");
    EXPECT_NE(LoadError(bad).find("the last [[condition]] must have when = \"true\""),
              std::string::npos);
  }
  {
    auto bad = Replace(t, "plan = \"bleb_care\"", "plan = \"bleb\"");
    EXPECT_NE(LoadError(bad).find("condition nipple_bleb: plan: 'bleb' is not a [[plan]] id"),
              std::string::npos);
  }
  {
    auto bad =
        Replace(t, "thresholds = { within_hours = 72 }", "thresholds = { within_hour = 72 }");
    EXPECT_NE(LoadError(bad).find("signal cracked_nipples: thresholds: 'within_hours' is missing"),
              std::string::npos)
        << LoadError(bad);
  }
  {
    auto bad = Replace(t, "[protocol]\nid = ", "[protocol\nid = ");
    EXPECT_EQ(
        LoadError(bad).rfind("test.toml:" + std::to_string(LineOf(bad, "[protocol\n")) + ": ", 0),
        0u)
        << LoadError(bad);
  }
  {
    // A rule may refer only to what is computed before it: not to a later rule, nor the condition.
    auto bad =
        Replace(t, "when = 'focal_sign and fever'\nreason", "when = 'focal_sign and S6'\nreason");
    EXPECT_NE(LoadError(bad).find("rule C1: when: at column 16: unknown name 'S6'"),
              std::string::npos)
        << LoadError(bad);
  }
  EXPECT_NE(LoadError("").find("a [protocol] table is required"), std::string::npos);
}

}  // namespace
}  // namespace tia::engine
