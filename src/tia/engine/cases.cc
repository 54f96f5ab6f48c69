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

namespace {

// The inputs that some expressions read, directly or through derived values.
std::set<std::string> InputsBehind(const Protocol& p, const std::vector<const Expr*>& exprs) {
  std::map<std::string, const Derived*> derived;
  for (const auto& d : p.derived()) derived[d.name] = &d;
  std::set<std::string> out, seen;
  std::vector<std::string> todo;
  for (const Expr* e : exprs) todo.insert(todo.end(), e->names().begin(), e->names().end());
  while (!todo.empty()) {
    const std::string n = todo.back();
    todo.pop_back();
    if (!seen.insert(n).second) continue;
    if (auto it = derived.find(n); it != derived.end()) {
      todo.insert(todo.end(), it->second->when.names().begin(), it->second->when.names().end());
    } else if (FieldIndex(n)) {
      out.insert(n);
    }
  }
  return out;
}

}  // namespace

std::set<std::string> InputsReadByRules(const Protocol& p) {
  std::vector<const Expr*> whens;
  for (const auto& r : p.rules()) whens.push_back(&r.when);
  return InputsBehind(p, whens);
}

Json AnswerThroughQuestions(const Protocol& p, const Json& answers,
                            const std::set<std::string>& supplied) {
  Json known = Json::object();
  for (auto it = answers.begin(); it != answers.end(); ++it) {
    if (supplied.count(it.key())) known[it.key()] = it.value();
  }
  for (const auto& q : p.questions()) {
    auto in = DecodeInput(known);
    if (!in || !Asked(p, q, *in)) continue;
    for (const auto& f : q.fills) {
      if (!answers.contains(f)) continue;
      // Two questions may fill one yes/no input (diabetes, weakened immunity): either says yes.
      if (known.contains(f) && known[f].is_boolean() && known[f].get<bool>()) continue;
      known[f] = answers[f];
    }
  }
  return known;
}

namespace {

// The yes/no and labelled inputs that decide whether a question is asked (read by some ask_when,
// directly or through derived values): a mother may answer those freely on her way to a finding.
std::vector<std::pair<std::string, std::vector<Json>>> GatingAnswers(const Protocol& p) {
  std::vector<const Expr*> asks;
  for (const auto& q : p.questions()) asks.push_back(&q.ask_when);
  const std::set<std::string> inputs = InputsBehind(p, asks);
  std::vector<std::pair<std::string, std::vector<Json>>> out;
  for (const auto& name : inputs) {
    const FieldSpec& f = InputSchema()[*FieldIndex(name)];
    std::vector<Json> values;
    if (f.type == FieldType::kBool) values = {true, false};
    if (f.type == FieldType::kEnum)
      for (auto l : f.labels) values.emplace_back(std::string(l));
    if (!values.empty()) out.emplace_back(name, std::move(values));
  }
  return out;
}

bool FiresVia(const Protocol& p, const Rule& rule, const Json& answers,
              const std::set<std::string>& supplied) {
  auto via = DecodeInput(AnswerThroughQuestions(p, answers, supplied));
  if (!via) return false;
  for (const auto& f : Evaluate(p, *via).fired) {
    if (f.rule == &rule) return true;
  }
  return false;
}

}  // namespace

ReachabilityReport CheckReachability(const Protocol& p, const std::vector<Case>& cases,
                                     const std::set<std::string>& supplied) {
  ReachabilityReport r;
  for (const auto& q : p.questions()) {
    for (const auto& f : q.fills) r.questions_per_input[f].push_back(q.id);
  }
  for (const auto& input : InputsReadByRules(p)) {
    if (!r.questions_per_input.count(input) && !supplied.count(input)) {
      r.failures.push_back("input " + input +
                           " is read by a rule but no question asks it, and neither the log nor "
                           "the profile fills it");
    }
  }
  const auto gating = GatingAnswers(p);
  for (const auto& rule : p.rules()) {
    int tried = 0;
    for (const auto& c : cases) {
      auto direct = DecodeInput(c.input);
      if (!direct) continue;
      bool fires = false;
      for (const auto& f : Evaluate(p, *direct).fired) fires = fires || f.rule == &rule;
      if (!fires) continue;
      ++tried;
      // Her answers as the case gives them; where the case is silent about an answer that
      // opens questions (which breast, a lump, breastfeeding...), she may give any: try one such
      // answer, then two.
      std::vector<std::pair<std::string, Json>> free;
      for (const auto& [name, values] : gating) {
        if (c.input.contains(name)) continue;
        for (const auto& v : values) free.emplace_back(name, v);
      }
      std::string path;
      if (FiresVia(p, rule, c.input, supplied)) path = c.name;
      for (size_t i = 0; path.empty() && i < free.size(); ++i) {
        Json a = c.input;
        a[free[i].first] = free[i].second;
        if (FiresVia(p, rule, a, supplied))
          path = c.name + " (answering " + free[i].first + " = " + free[i].second.dump() + ")";
        for (size_t j = i + 1; path.empty() && j < free.size(); ++j) {
          if (free[j].first == free[i].first) continue;
          Json b = a;
          b[free[j].first] = free[j].second;
          if (FiresVia(p, rule, b, supplied)) {
            path = c.name + " (answering " + free[i].first + " = " + free[i].second.dump() + ", " +
                   free[j].first + " = " + free[j].second.dump() + ")";
          }
        }
      }
      if (!path.empty()) {
        r.path_per_rule[rule.id] = path;
        break;
      }
    }
    if (!r.path_per_rule.count(rule.id)) {
      r.failures.push_back("rule " + rule.id + " cannot fire through the questions: none of the " +
                           std::to_string(tried) +
                           " cases that fire it does once its answers go through them");
    }
  }
  return r;
}

}  // namespace tia::engine
