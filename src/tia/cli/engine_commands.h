// tia/cli/engine_commands.h — the care engine on the command line: `tia triage` and
// `tia rules check`. Neither needs a database or a configuration.
#pragma once

#include <string>

namespace tia::cli {

struct TriageOptions {
  std::string protocol_file;     // empty: the built-in protocol
  std::string protocol_version;  // a built-in version instead (an earlier one explains old results)
  std::string lang = "en";
  bool explain = false;
  bool contract = false;  // print the input contract (docs/engine-input.md) instead
};

// Reads one JSON object on stdin, writes one JSON object (or an explanation) on stdout.
// Exit 0; 2 for bad input (one line on stderr naming the field); 1 for a protocol that does not
// load.
int Triage(const TriageOptions& o);

struct RulesCheckOptions {
  std::string protocol_file;  // empty: the built-in protocol
  std::string cases_dir;      // empty: <protocol dir>/cases, or the built-in cases
};

// Validates a protocol, runs the cases and reports coverage. Exit 0 when complete, 1 otherwise.
int RulesCheck(const RulesCheckOptions& o);

// Prints the questions document (engine::QuestionsJson of the built-in protocol). Exit 0.
int RulesQuestions();

}  // namespace tia::cli
