// The clinical cases of rules/cases/ and the engine's properties.
#include "tia/engine/triage.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "tia/engine/cases.h"

namespace tia::engine {
namespace {

std::vector<Case> AllCases() {
  std::vector<Case> all;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(TIA_RULES_DIR) + "/cases")) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f);
    std::stringstream ss;
    ss << in.rdbuf();
    auto cases = ParseCases(ss.str(), f.filename().string());
    EXPECT_TRUE(cases) << (cases ? "" : cases.error().message);
    if (cases) all.insert(all.end(), cases->begin(), cases->end());
  }
  return all;
}

TEST(Cases, EveryCaseFileMatchesAndEveryRuleIsCovered) {
  const auto cases = AllCases();
  EXPECT_GE(cases.size(), 80u);
  const auto report = CheckCoverage(Protocol::Default(), cases);
  for (const auto& f : report.failures) ADD_FAILURE() << f;
  for (const auto& [id, n] : report.cases_per_rule) EXPECT_GT(n, 0) << id;
}

TEST(Cases, AMismatchIsReportedWithTheCaseName) {
  auto c = ParseCases(R"({"cases": [{"name": "HR 131", "input": {"heart_rate": 131},
                          "expect": {"disposition": "same_day", "fires": ["E2"]}}]})",
                      "x.json");
  ASSERT_TRUE(c);
  auto fails = RunCase(Protocol::Default(), (*c)[0], nullptr);
  ASSERT_EQ(fails.size(), 2u);
  EXPECT_EQ(fails[0], "x.json: HR 131: disposition is \"emergency\", expected \"same_day\"");
  EXPECT_EQ(fails[1], "x.json: HR 131: E2 did not fire (fired [E1])");
  EXPECT_FALSE(ParseCases(
      R"({"cases": [{"name": "x", "input": {}, "expect": {"dispositon": "x"}}]})", "y.json"));
}

// --- Property tests over random inputs (fixed seed: a failure is reproducible) ---

Json RandomInput(std::mt19937& rng) {
  Json j = Json::object();
  for (const auto& f : InputSchema()) {
    if (rng() % 3 != 0) continue;  // mostly missing: the neutral value
    if (f.nullable && rng() % 5 == 0) {
      j[std::string(f.name)] = nullptr;
      continue;
    }
    switch (f.type) {
      case FieldType::kBool:
        j[std::string(f.name)] = rng() % 6 == 0;
        break;
      case FieldType::kInt: {
        const auto span = static_cast<uint32_t>(std::min(f.max - f.min, 200.0));
        j[std::string(f.name)] =
            static_cast<int64_t>(f.min) + static_cast<int64_t>(rng() % (span + 1));
        break;
      }
      case FieldType::kNumber: {
        const double hi = std::min(f.max, f.min + 200);
        j[std::string(f.name)] =
            f.min + std::uniform_real_distribution<double>(0, 1)(rng) * (hi - f.min);
        break;
      }
      case FieldType::kEnum:
        j[std::string(f.name)] = std::string(f.labels[rng() % f.labels.size()]);
        break;
    }
  }
  // Temperatures and vitals near the thresholds, where the rules turn.
  if (rng() % 2) j["current_temp_c"] = 35.5 + static_cast<double>(rng() % 40) / 10.0;
  if (rng() % 2) j["heart_rate"] = 80 + static_cast<int>(rng() % 60);
  return j;
}

Outcome Triage(const Json& j) {
  auto in = DecodeInput(j);
  EXPECT_TRUE(in) << j.dump();
  return Evaluate(Protocol::Default(), *in);
}

// Findings that EVIDENCE 3.1 calls always-on red flags, each applied to an input.
const std::vector<std::pair<std::string, Json>>& RedFlagFindings() {
  static const std::vector<std::pair<std::string, Json>> f = {
      {"new_confusion_or_drowsiness", true},
      {"resp_rate", 26},
      {"heart_rate", 140},
      {"systolic_bp", 85},
      {"hours_since_urine", 19},
      {"mottled_ashen_or_cyanosed", true},
      {"non_blanching_rash", true},
      {"skin_dusky_or_necrotic", true},
      {"pus_seen", true},
      {"lump_character", "fluctuant_tender"},
      {"redness_spreading_rapidly", true},
      {"infant_sleepy_or_jaundiced", true},
      {"infant_feeding_effectively", false},
      {"rigors", true},
      {"feels_very_unwell", true}};
  return f;
}

TEST(Properties, AddingARedFlagFindingNeverLowersTheDisposition) {
  std::mt19937 rng(20261127);
  int raised = 0;
  for (int i = 0; i < 1500; ++i) {
    Json base = RandomInput(rng);
    const auto before = Triage(base).disposition;
    for (const auto& [field, value] : RedFlagFindings()) {
      Json with = base;
      with[field] = value;
      const auto after = Triage(with).disposition;
      ASSERT_GE(static_cast<int>(after), static_cast<int>(before))
          << field << " on " << base.dump();
      raised += after > before;
    }
  }
  EXPECT_GT(raised, 500);  // the property is exercised, not vacuous
}

TEST(Properties, FieldOrderNeverMatters) {
  std::mt19937 rng(7);
  for (int i = 0; i < 500; ++i) {
    Json j = RandomInput(rng);
    std::vector<std::string> keys;
    for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
    std::shuffle(keys.begin(), keys.end(), rng);
    std::string text = "{";
    for (const auto& k : keys)
      text += (text.size() > 1 ? "," : "") + Json(k).dump() + ":" + j[k].dump();
    text += "}";
    std::reverse(keys.begin(), keys.end());
    std::string reversed = "{";
    for (const auto& k : keys)
      reversed += (reversed.size() > 1 ? "," : "") + Json(k).dump() + ":" + j[k].dump();
    reversed += "}";
    const Protocol& p = Protocol::Default();
    EXPECT_EQ(ContractJson(p, Triage(Json::parse(text)), Lang::kEn),
              ContractJson(p, Triage(Json::parse(reversed)), Lang::kEn));
  }
}

TEST(Properties, EveryFiredRuleHasASourceAndTheMostUrgentDecides) {
  std::mt19937 rng(42);
  const Protocol& p = Protocol::Default();
  std::vector<int> seen(kDispositionCount, 0);
  for (int i = 0; i < 5000; ++i) {
    Json j = RandomInput(rng);
    const Outcome o = Triage(j);
    ++seen[static_cast<int>(o.disposition)];
    int most = 0;
    for (const auto& f : o.fired) {
      ASSERT_FALSE(f.rule->sources.empty()) << f.rule->id;
      for (const auto& s : f.rule->sources) ASSERT_TRUE(p.sources().count(s)) << s;
      if (f.rule->disposition) most = std::max(most, static_cast<int>(*f.rule->disposition));
    }
    const bool worried = j.value("worried", false);
    EXPECT_EQ(static_cast<int>(o.disposition), std::min(most + (worried ? 1 : 0), 3)) << j.dump();
    EXPECT_NE(o.condition, nullptr);
    if (o.disposition == Disposition::kEmergency) {
      EXPECT_EQ(o.plan, nullptr);
    }
    const Json out = ContractJson(p, o, Lang::kVi);
    for (const auto& f : out["fired"]) EXPECT_FALSE(f["reason"].get<std::string>().empty());
  }
  for (int d = 0; d < kDispositionCount; ++d) EXPECT_GT(seen[d], 0) << d;  // every level reached
}

TEST(Properties, TheConditionNeverChangesTheDisposition) {
  // Re-evaluating with every condition forced to the catch-all gives the same disposition: the
  // disposition is computed before the condition list and never read back.
  std::mt19937 rng(3);
  for (int i = 0; i < 500; ++i) {
    const Json j = RandomInput(rng);
    const Outcome o = Triage(j);
    int most = 0;
    for (const auto& f : o.fired) {
      if (f.rule->disposition) most = std::max(most, static_cast<int>(*f.rule->disposition));
    }
    EXPECT_EQ(static_cast<int>(o.before_raise), most);
  }
}

TEST(Properties, EvaluationIsDeterministic) {
  std::mt19937 rng(11);
  for (int i = 0; i < 200; ++i) {
    const Json j = RandomInput(rng);
    EXPECT_EQ(ContractJson(Protocol::Default(), Triage(j), Lang::kEn).dump(),
              ContractJson(Protocol::Default(), Triage(j), Lang::kEn).dump());
  }
}

TEST(Triage, TheContractHasExactlyItsKeys) {
  const Json out =
      ContractJson(Protocol::Default(),
                   Triage(Json{{"current_temp_c", 38.6}, {"focal_tender_area", true}}), Lang::kEn);
  std::vector<std::string> keys;
  for (auto it = out.begin(); it != out.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"condition", "disposition", "fired", "protocol",
                                            "recheck_hours", "self_care_plan"}));
  EXPECT_EQ(out["fired"][0].size(), 4u);
  EXPECT_EQ(out["protocol"]["id"], "tia-mastitis-spectrum");
  EXPECT_EQ(out["recheck_hours"], 12);
}

TEST(Triage, ReasonsFollowTheLanguage) {
  const Outcome o = Triage(Json{{"heart_rate", 135}});
  const Protocol& p = Protocol::Default();
  EXPECT_NE(
      ContractJson(p, o, Lang::kEn)["fired"][0]["reason"].get<std::string>().find("emergency care"),
      std::string::npos);
  EXPECT_NE(ContractJson(p, o, Lang::kVi)["fired"][0]["reason"].get<std::string>().find(
                "Cần cấp cứu ngay"),
            std::string::npos);
}

TEST(Triage, DetailCarriesRedFlagsPlanAndWatchFor) {
  const Protocol& p = Protocol::Default();
  const Json d = DetailJson(
      p, Triage(Json{{"current_temp_c", 38.2}, {"redness_extent", "focal"}, {"pus_seen", false}}),
      Lang::kEn);
  EXPECT_EQ(d["plan"]["id"], "breast_inflammation");
  EXPECT_EQ(d["plan"]["steps"][2]["minutes"], 10);
  EXPECT_FALSE(d["plan"]["avoid"].empty());
  EXPECT_TRUE(d["watch_for"].is_string());
  const Json e = DetailJson(p, Triage(Json{{"heart_rate", 140}}), Lang::kEn);
  EXPECT_EQ(e["red_flags"][0]["id"], "sepsis_high_risk_sign");
  EXPECT_TRUE(e["plan"].is_null());
}

TEST(Triage, ExplainShowsTheWhy) {
  auto in = DecodeInput(Json{{"current_temp_c", 38.6},
                             {"focal_tender_area", true},
                             {"self_care_hours", 30},
                             {"symptom_hours", 30}});
  ASSERT_TRUE(in);
  const Protocol& p = Protocol::Default();
  const std::string s = Explain(p, *in, Evaluate(p, *in), Lang::kEn);
  EXPECT_NE(s.find("Result: same_day"), std::string::npos) << s;
  EXPECT_NE(s.find("S6 -> same_day"), std::string::npos);
  EXPECT_NE(s.find("fever = yes"), std::string::npos);
  EXPECT_NE(s.find("current_temp_c = 38.6"), std::string::npos);
}

}  // namespace
}  // namespace tia::engine

namespace tia::engine {
namespace {

TEST(Triage, AdviceTriggersBringTheirWhyIntoTheResult) {
  const Protocol& p = Protocol::Default();
  const Json d = DetailJson(p,
                            Triage(Json{{"deep_massage_or_heat_used", true},
                                        {"extra_pumping_to_empty", true},
                                        {"focal_tender_area", true}}),
                            Lang::kVi);
  std::vector<std::string> ids;
  for (const auto& a : d["advice"]) ids.push_back(a["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{"deep_massage", "heat", "emptying"}));
  EXPECT_FALSE(d["advice"][0]["why"].get<std::string>().empty());
  EXPECT_TRUE(DetailJson(p, Triage(Json::object()), Lang::kEn)["advice"].empty());
  // Advice never changes the disposition: the triggers alone leave it self_care.
  EXPECT_EQ(Triage(Json{{"nipple_shield_use", true}}).disposition, Disposition::kSelfCare);
}

}  // namespace
}  // namespace tia::engine
