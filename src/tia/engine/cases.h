// tia/engine/cases.h — clinical test cases as data (rules/cases/*.json) and protocol coverage.
//
// A case file is a JSON object {"about": "...", "cases": [...]}; each case has a name, an input
// (exactly what `tia triage` reads) and what to expect: any of "disposition", "condition",
// "fires" (rules that must fire), "not_fires" (rules that must not), "fired" (the exact list),
// "recheck_hours", "self_care_plan", "red_flags" (ids that must be raised). A clinician can read
// and add cases without touching code; `tia rules check` and `make test` run them all.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tia/engine/protocol.h"
#include "tia/engine/triage.h"

namespace tia::engine {

struct Case {
  std::string file;
  std::string name;
  Json input;
  Json expect;
};

// Parses one case file; errors name the file and the case.
Result<std::vector<Case>> ParseCases(std::string_view text, std::string_view file);

// Runs one case; returns what did not match (empty when it passes), each line naming the case.
std::vector<std::string> RunCase(const Protocol& p, const Case& c,
                                 std::vector<std::string>* fired_ids);

struct CoverageReport {
  int cases = 0;
  std::vector<std::string> failures;          // case mismatches and protocol gaps
  std::map<std::string, int> cases_per_rule;  // rule id -> cases that fire it
  bool ok() const { return failures.empty(); }
};

// Runs every case and checks that every rule has sources, a reason in both languages and at least
// one case that fires it.
CoverageReport CheckCoverage(const Protocol& p, const std::vector<Case>& cases);

// The inputs the rules read, directly or through derived values.
std::set<std::string> InputsReadByRules(const Protocol& p);

// The input a mother produces by answering the protocol's questions in order as `answers` says:
// fields in `supplied` (what the log and the profile fill) are taken as given; every other field
// gets a value only from a question that is asked (its ask_when holds on what is known so far).
// Fields no asked question fills stay at their neutral values.
Json AnswerThroughQuestions(const Protocol& p, const Json& answers,
                            const std::set<std::string>& supplied);

struct ReachabilityReport {
  std::vector<std::string> failures;
  std::map<std::string, std::vector<std::string>> questions_per_input;  // input -> question ids
  std::map<std::string, std::string>
      path_per_rule;  // rule id -> the case that fires it via questions
  bool ok() const { return failures.empty(); }
};

// Fails for each input a rule reads that no question asks and `supplied` does not fill, and for
// each rule that no case fires once its answers go through the questions.
ReachabilityReport CheckReachability(const Protocol& p, const std::vector<Case>& cases,
                                     const std::set<std::string>& supplied);

}  // namespace tia::engine
