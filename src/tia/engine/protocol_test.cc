#include "tia/engine/protocol.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "tia/engine/cases.h"

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
  for (int i = 1; i <= 20; ++i) EXPECT_TRUE(ids.count("S" + std::to_string(i)));
  for (int i = 1; i <= 15; ++i) EXPECT_TRUE(ids.count("C" + std::to_string(i)));
  EXPECT_EQ(p.version(), "1.1.0");
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

TEST(Protocol, TheConditionListIsExactlyTheDecisionListOfEvidence35) {
  const std::vector<std::string> want = {"sepsis_suspected",
                                         "ibc_red_flag",
                                         "persistent_mass_red_flag",
                                         "non_lactational_mastitis",
                                         "normal_physiology",
                                         "abscess",
                                         "ibc_red_flag",
                                         "persistent_mass_red_flag",
                                         "infected_nipple_fissure",
                                         "bacterial_mastitis",
                                         "recurrent_mastitis",
                                         "phlegmon",
                                         "galactocele",
                                         "subacute_mastitis",
                                         "inflammatory_mastitis",
                                         "ductal_narrowing",
                                         "engorgement",
                                         "hyperlactation",
                                         "nipple_damage",
                                         "nipple_bleb",
                                         "normal_physiology"};
  std::vector<std::string> got;
  for (const auto& c : Protocol::Default().conditions()) got.push_back(c.id);
  EXPECT_EQ(got, want);
  // Only the emergency rules make the sepsis label (S1 and S13 do not).
  EXPECT_EQ(Protocol::Default().conditions().front().when_text, "E1 or E2 or E3");
}

TEST(Protocol, EarlierVersionsStayLoadableSoStoredResultsStayExplainable) {
  const Protocol* old = Protocol::Version("1.0.0");
  ASSERT_NE(old, nullptr);
  EXPECT_EQ(old->version(), "1.0.0");
  EXPECT_EQ(old->FindRule("S17"), nullptr);  // 1.1 rules are not in 1.0
  EXPECT_EQ(Protocol::Version("1.1.0"), &Protocol::Default());
  EXPECT_EQ(Protocol::Version("0.9"), nullptr);
  EXPECT_EQ(Protocol::Versions(), (std::vector<std::string>{"1.1.0", "1.0.0"}));
}

TEST(Protocol, EveryStepThatMentionsAFeverMedicineSaysToNoteTheHighestTemperatureFirst) {
  int mentions = 0;
  for (const auto& plan : Protocol::Default().plans()) {
    for (const auto& s : plan.steps) {
      if (s.text.en.find("paracetamol") == std::string::npos &&
          s.text.en.find("ibuprofen") == std::string::npos)
        continue;
      ++mentions;
      EXPECT_NE(s.safety.en.find("highest"), std::string::npos) << plan.id;
      EXPECT_NE(s.safety.vi.find("cao nhất"), std::string::npos) << plan.id;
    }
  }
  EXPECT_GE(mentions, 3);
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
        t, "reason.vi = \"Vùng đỏ lan nhanh trong vài giờ cần được khám ngay trong hôm nay.\"\n",
        "");
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
    auto bad = Replace(t, "id = \"normal_physiology\"\nwhen = 'true'\n",
                       "id = \"normal_physiology\"\nwhen = 'true'\nwhen = 'true'\n");
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
    auto bad = Replace(t, "when = 'focal_sign and fever_episode'\nreason",
                       "when = 'focal_sign and S6'\nreason");
    EXPECT_NE(LoadError(bad).find("rule C1: when: at column 16: unknown name 'S6'"),
              std::string::npos)
        << LoadError(bad);
  }
  EXPECT_NE(LoadError("").find("a [protocol] table is required"), std::string::npos);
}

TEST(Protocol, QuestionsAreProtocolDataAndTheAppBundlesTheSameDocument) {
  const Protocol& p = Protocol::Default();
  ASSERT_FALSE(p.questions().empty());
  for (const auto& q : p.questions()) {
    EXPECT_FALSE(q.text.vi.empty()) << q.id;
    for (const auto& o : q.options) EXPECT_FALSE(o.text.vi.empty()) << q.id;
    EXPECT_FALSE(q.fills.empty()) << q.id;
  }
  std::ifstream in(TIA_WEB_PROTOCOL_PATH);
  ASSERT_TRUE(in) << "cannot read " << TIA_WEB_PROTOCOL_PATH;
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), QuestionsJson(p).dump(1) + "\n")
      << "web/src/protocol.json is stale: run tia rules questions > web/src/protocol.json";
}

TEST(Protocol, QuestionErrorsNameTheQuestion) {
  const std::string& t = Text();
  {
    // "I don't know" only where a missing value fires nothing.
    auto bad =
        Replace(t, "id = \"worried\"\nsection = \"worry\"\nform = \"yes_no\"\n",
                "id = \"worried\"\nsection = \"worry\"\nform = \"yes_no\"\nunknown = true\n");
    EXPECT_NE(LoadError(bad).find("question worried: unknown: \"I don't know\" is only for"),
              std::string::npos)
        << LoadError(bad);
  }
  {
    auto bad = Replace(t, "  value = \"worsening\"\n  text.en = \"Worse\"",
                       "  value = \"worse\"\n  text.en = \"Worse\"");
    EXPECT_NE(LoadError(bad).find("question trend: option: 'worse' is not a label of trend"),
              std::string::npos)
        << LoadError(bad);
  }
  {
    auto bad = Replace(t, "fills = [\"heart_rate\"]", "fills = [\"heart_rates\"]");
    EXPECT_NE(LoadError(bad).find("question heart_rate: fills: 'heart_rates' is not an input"),
              std::string::npos)
        << LoadError(bad);
  }
  {
    auto bad = Replace(t, "ask_when = 'lump_present'\ntext.en = \"What does",
                       "ask_when = 'lump_presnt'\ntext.en = \"What does");
    EXPECT_NE(LoadError(bad).find("question lump_feel: ask_when: at column 1: unknown name"),
              std::string::npos)
        << LoadError(bad);
  }
}

TEST(Protocol, EveryRuleFiresThroughTheQuestionsAndEveryInputItReadsIsAsked) {
  std::vector<Case> cases;
  for (const auto& e : std::filesystem::directory_iterator(TIA_RULES_DIR "/cases")) {
    std::ifstream in(e.path());
    std::stringstream text;
    text << in.rdbuf();
    auto c = ParseCases(text.str(), e.path().string());
    ASSERT_TRUE(c) << c.error().message;
    cases.insert(cases.end(), c->begin(), c->end());
  }
  const Protocol& p = Protocol::Default();
  // Nothing comes from the log here: every input must be reachable by a question alone.
  auto r = CheckReachability(p, cases, {});
  EXPECT_TRUE(r.ok()) << (r.failures.empty() ? "" : r.failures.front());
  EXPECT_EQ(r.path_per_rule.size(), p.rules().size());
  // Take away the question on breathing: E1's breathing rate is no longer asked.
  auto bad = Protocol::Parse(
      Replace(Text(), "fills = [\"resp_rate\"]", "fills = [\"lump_size_cm\"]"), "test.toml");
  ASSERT_TRUE(bad) << bad.error().message;
  auto r2 = CheckReachability(*bad, cases, {});
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.failures.front(),
            "input resp_rate is read by a rule but no question asks it, and neither the log nor "
            "the profile fills it");
  // A question never asked: the rule that needs it cannot fire from any answers.
  auto never = Protocol::Parse(
      Replace(Text(), "ask_when = 'lactating'\ntext.en = \"Do you have signs of too much milk",
              "ask_when = 'false'\ntext.en = \"Do you have signs of too much milk"),
      "test.toml");
  ASSERT_TRUE(never) << never.error().message;
  EXPECT_TRUE(CheckReachability(*never, cases, {}).ok());  // no rule reads oversupply
  auto skin = Protocol::Parse(
      Replace(Text(),
              "ask_when = 'affected_side != \"none\"'\ntext.en = \"Do you see any of these?",
              "ask_when = 'false'\ntext.en = \"Do you see any of these?"),
      "test.toml");
  ASSERT_TRUE(skin) << skin.error().message;
  const auto r3 = CheckReachability(*skin, cases, {});
  bool e2 = false;
  for (const auto& f : r3.failures)
    e2 = e2 || f.starts_with("rule E2 cannot fire through the questions");
  EXPECT_TRUE(e2);
}

}  // namespace
}  // namespace tia::engine
