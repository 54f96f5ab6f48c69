#include "tia/engine/cases.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace tia::engine {
namespace {

const std::set<std::string, std::less<>>& ExpectKeys() {
  static const std::set<std::string, std::less<>> keys = {
      "disposition", "condition",     "fires",          "not_fires",
      "fired",       "recheck_hours", "self_care_plan", "red_flags"};
  return keys;
}

std::string Ids(const std::vector<std::string>& ids) {
  std::string s = "[";
  for (const auto& i : ids) s += (s.size() > 1 ? ", " : "") + i;
  return s + "]";
}

}  // namespace

Result<std::vector<Case>> ParseCases(std::string_view text, std::string_view file) {
  Json j;
  try {
    j = Json::parse(text);
  } catch (const Json::exception& e) {
    return Invalid("", std::string(file) + ": not valid JSON: " + e.what());
  }
  if (!j.is_object() || !j.contains("cases") || !j["cases"].is_array()) {
    return Invalid("", std::string(file) + ": must be an object with a \"cases\" list");
  }
  std::vector<Case> out;
  for (const auto& c : j["cases"]) {
    const std::string where = std::string(file) + ": case " + std::to_string(out.size() + 1);
    if (!c.is_object() || !c.contains("name") || !c["name"].is_string() || !c.contains("input") ||
        !c["input"].is_object() || !c.contains("expect") || !c["expect"].is_object()) {
      return Invalid("", where + ": needs \"name\", an \"input\" object and an \"expect\" object");
    }
    for (auto it = c["expect"].begin(); it != c["expect"].end(); ++it) {
      if (!ExpectKeys().count(it.key())) {
        return Invalid("", where + " (" + c["name"].get<std::string>() +
                               "): unknown expectation '" + it.key() + "'");
      }
    }
    if (c["expect"].empty()) return Invalid("", where + ": expects nothing");
    out.push_back({std::string(file), c["name"].get<std::string>(), c["input"], c["expect"]});
  }
  return out;
}

std::vector<std::string> RunCase(const Protocol& p, const Case& c,
                                 std::vector<std::string>* fired_ids) {
  std::vector<std::string> fails;
  const std::string who = c.file + ": " + c.name + ": ";
  auto in = DecodeInput(c.input);
  if (!in) {
    fails.push_back(who + "the input is refused: " + in.error().field + " " + in.error().message);
    return fails;
  }
  const Outcome o = Evaluate(p, *in);
  const Json got = ContractJson(p, o, Lang::kEn);
  std::vector<std::string> fired;
  for (const auto& f : o.fired) fired.push_back(f.rule->id);
  if (fired_ids) *fired_ids = fired;
  auto has = [&](const std::string& id) {
    return std::find(fired.begin(), fired.end(), id) != fired.end();
  };
  const Json& e = c.expect;
  for (auto key : {"disposition", "condition", "recheck_hours", "self_care_plan"}) {
    if (!e.contains(key)) continue;
    bool same = e[key] == got[key];
    if (e[key].is_number() && got[key].is_number()) {
      same = std::fabs(e[key].get<double>() - got[key].get<double>()) < 1e-9;
    }
    if (!same)
      fails.push_back(who + key + " is " + got[key].dump() + ", expected " + e[key].dump());
  }
  if (e.contains("fires")) {
    for (const auto& id : e["fires"]) {
      if (!has(id.get<std::string>())) {
        fails.push_back(who + id.get<std::string>() + " did not fire (fired " + Ids(fired) + ")");
      }
    }
  }
  if (e.contains("not_fires")) {
    for (const auto& id : e["not_fires"]) {
      if (has(id.get<std::string>())) fails.push_back(who + id.get<std::string>() + " fired");
    }
  }
  if (e.contains("fired") && e["fired"].get<std::vector<std::string>>() != fired) {
    fails.push_back(who + "fired " + Ids(fired) + ", expected exactly " +
                    Ids(e["fired"].get<std::vector<std::string>>()));
  }
  if (e.contains("red_flags")) {
    std::vector<std::string> flags;
    for (const auto* f : o.red_flags) flags.push_back(f->id);
    for (const auto& id : e["red_flags"]) {
      if (std::find(flags.begin(), flags.end(), id.get<std::string>()) == flags.end()) {
        fails.push_back(who + "red flag " + id.get<std::string>() + " not raised (raised " +
                        Ids(flags) + ")");
      }
    }
  }
  return fails;
}

CoverageReport CheckCoverage(const Protocol& p, const std::vector<Case>& cases) {
  CoverageReport r;
  for (const auto& rule : p.rules()) r.cases_per_rule[rule.id] = 0;
  for (const auto& c : cases) {
    ++r.cases;
    std::vector<std::string> fired;
    auto fails = RunCase(p, c, &fired);
    r.failures.insert(r.failures.end(), fails.begin(), fails.end());
    for (const auto& id : fired) ++r.cases_per_rule[id];
  }
  for (const auto& rule : p.rules()) {
    if (rule.sources.empty()) r.failures.push_back("rule " + rule.id + " has no source");
    if (rule.reason.en.empty() || rule.reason.vi.empty()) {
      r.failures.push_back("rule " + rule.id + " lacks a reason in English or Vietnamese");
    }
    if (r.cases_per_rule[rule.id] == 0)
      r.failures.push_back("rule " + rule.id + " is fired by no case");
  }
  return r;
}

}  // namespace tia::engine
