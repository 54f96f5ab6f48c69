#include "tia/cli/engine_commands.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>
#include <sstream>

#include "tia/app/check_input.h"
#include "tia/base/embedded.h"
#include "tia/engine/cases.h"
#include "tia/engine/triage.h"

namespace tia::cli {

const std::vector<tia::EmbeddedFile>& EmbeddedCases();

namespace {

using engine::Json;

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<engine::Protocol> LoadProtocol(const std::string& file) {
  if (file.empty()) return engine::Protocol::Default();
  auto text = ReadFile(file);
  if (!text) return Invalid("", file + ": cannot be read");
  return engine::Protocol::Parse(*text, file);
}

int BadInput(const std::string& line) {
  std::fprintf(stderr, "tia triage: %s\n", line.c_str());
  return 2;
}

// Exactly one JSON object; a key given twice is refused rather than silently overwritten.
Result<Json> ParseOneObject(const std::string& text) {
  std::string duplicate;
  std::set<std::string> keys;
  auto cb = [&](int depth, Json::parse_event_t event, Json& parsed) {
    if (event == Json::parse_event_t::key && depth == 1 && duplicate.empty()) {
      const auto& k = parsed.get_ref<const std::string&>();
      if (!keys.insert(k).second) duplicate = k;
    }
    return true;
  };
  Json j;
  try {
    j = Json::parse(text, cb);
  } catch (const Json::parse_error& e) {
    return Invalid(
        "", "the input is not a JSON object (invalid JSON at byte " + std::to_string(e.byte) + ")");
  } catch (const Json::exception&) {
    return Invalid("", "the input is not a JSON object");
  }
  if (!j.is_object()) return Invalid("", "the input is not a JSON object");
  if (!duplicate.empty()) return Invalid("/" + duplicate, "is given twice");
  return j;
}

// The contract's JSON with its keys in the order the contract lists them (easier to read).
nlohmann::ordered_json InContractOrder(const Json& c) {
  nlohmann::ordered_json out;
  out["disposition"] = c["disposition"];
  out["condition"] = c["condition"];
  out["fired"] = nlohmann::ordered_json::array();
  for (const auto& f : c["fired"]) {
    nlohmann::ordered_json o;
    for (auto k : {"id", "disposition", "reason", "sources"}) o[k] = f[k];
    out["fired"].push_back(std::move(o));
  }
  out["recheck_hours"] = c["recheck_hours"];
  out["self_care_plan"] = c["self_care_plan"];
  out["protocol"] = {{"id", c["protocol"]["id"]}, {"version", c["protocol"]["version"]}};
  return out;
}

}  // namespace

int Triage(const TriageOptions& o) {
  if (o.contract) {
    std::fputs(engine::InputContractMarkdown().c_str(), stdout);
    return 0;
  }
  auto lang = engine::ParseLang(o.lang);
  if (!lang) return BadInput("--lang: must be en or vi");
  auto protocol = LoadProtocol(o.protocol_file);
  if (!o.protocol_version.empty()) {
    const engine::Protocol* built_in = engine::Protocol::Version(o.protocol_version);
    if (!built_in) {
      std::string known;
      for (const auto& v : engine::Protocol::Versions()) known += (known.empty() ? "" : ", ") + v;
      return BadInput("--protocol-version: must be one of: " + known);
    }
    protocol = *built_in;
  }
  if (!protocol) {
    std::fprintf(stderr, "tia triage: %s\n", protocol.error().message.c_str());
    return 1;
  }
  const std::string text((std::istreambuf_iterator<char>(std::cin)),
                         std::istreambuf_iterator<char>());
  auto j = ParseOneObject(text);
  if (!j) {
    const auto& e = j.error();
    return BadInput(e.field.empty() ? e.message : e.field + ": " + e.message);
  }
  auto in = engine::DecodeInput(*j);
  if (!in) {
    const auto& e = in.error();
    return BadInput(e.field.empty() ? e.message : e.field + ": " + e.message);
  }
  const engine::Outcome out = engine::Evaluate(*protocol, *in);
  if (o.explain) {
    std::fputs(engine::Explain(*protocol, *in, out, *lang).c_str(), stdout);
  } else {
    std::printf("%s\n",
                InContractOrder(engine::ContractJson(*protocol, out, *lang)).dump().c_str());
  }
  return 0;
}

int RulesCheck(const RulesCheckOptions& o) {
  const std::string shown =
      o.protocol_file.empty() ? "rules/mastitis.toml (built in)" : o.protocol_file;
  auto protocol = LoadProtocol(o.protocol_file);
  if (!protocol) {
    std::fprintf(stderr, "tia rules check: %s\n", protocol.error().message.c_str());
    return 1;
  }
  const engine::Protocol& p = *protocol;
  std::printf("protocol %s %s from %s: loads\n", p.id().c_str(), p.version().c_str(),
              shown.c_str());
  std::printf(
      "  %zu rules, %zu derived values, %zu conditions, %zu re-checks, %zu red flags, "
      "%zu self-care plans, %zu 'do not' items, %zu risk signals, %zu sources\n",
      p.rules().size(), p.derived().size(), p.conditions().size(), p.rechecks().size(),
      p.red_flags().size(), p.plans().size(), p.avoid().size(), p.signals().size(),
      p.sources().size());

  // The cases: --cases DIR, else the protocol's own cases/ directory, else the built-in ones.
  std::vector<std::pair<std::string, std::string>> files;
  std::string dir = o.cases_dir;
  if (dir.empty() && !o.protocol_file.empty()) {
    dir = (std::filesystem::path(o.protocol_file).parent_path() / "cases").string();
  }
  if (!dir.empty()) {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
      if (e.path().extension() != ".json") continue;
      auto text = ReadFile(e.path().string());
      if (text) files.emplace_back(e.path().string(), *text);
    }
    if (ec && !o.cases_dir.empty()) {
      std::fprintf(stderr, "tia rules check: %s: cannot be read\n", dir.c_str());
      return 1;
    }
  } else {
    for (const auto& f : EmbeddedCases())
      files.emplace_back("rules/cases/" + std::string(f.name), std::string(f.contents));
  }
  std::sort(files.begin(), files.end());
  std::vector<engine::Case> cases;
  for (const auto& [name, text] : files) {
    auto c = engine::ParseCases(text, name);
    if (!c) {
      std::fprintf(stderr, "tia rules check: %s\n", c.error().message.c_str());
      return 1;
    }
    cases.insert(cases.end(), c->begin(), c->end());
  }
  const auto report = engine::CheckCoverage(p, cases);
  std::printf("cases: %d in %zu files\n\n", report.cases, files.size());
  std::printf("  %-4s %-12s %-8s %-3s %-3s %s\n", "rule", "disposition", "sources", "en", "vi",
              "cases");
  for (const auto& r : p.rules()) {
    const std::string disp = r.disposition ? std::string(engine::DispositionName(*r.disposition))
                                           : "raise +" + std::to_string(r.raise);
    std::printf("  %-4s %-12s %-8zu %-3s %-3s %d\n", r.id.c_str(), disp.c_str(), r.sources.size(),
                r.reason.en.empty() ? "NO" : "yes", r.reason.vi.empty() ? "NO" : "yes",
                report.cases_per_rule.at(r.id));
  }
  std::printf("\n");
  std::vector<std::string> failures = report.failures;

  // Reachability: every input a rule reads is asked by a question (or filled by the log or the
  // profile), and every rule fires from some path of answers. Protocols written before the
  // questions became protocol data (1.0.x) are loaded only to explain stored results.
  const bool predates_questions = p.questions().empty() && p.version().rfind("1.0.", 0) == 0;
  if (predates_questions) {
    std::printf(
        "questions: none (protocol %s predates questions as protocol data; "
        "reachability not checked)\n\n",
        p.version().c_str());
  } else {
    const auto reach = engine::CheckReachability(p, cases, app::LogSuppliedFields());
    std::printf("questions: %zu; inputs the rules read: %zu\n", p.questions().size(),
                engine::InputsReadByRules(p).size());
    for (const auto& input : engine::InputsReadByRules(p)) {
      std::string by;
      if (auto it = reach.questions_per_input.find(input); it != reach.questions_per_input.end()) {
        for (const auto& q : it->second) by += (by.empty() ? "" : ", ") + q;
      }
      if (app::LogSuppliedFields().count(input)) by += std::string(by.empty() ? "" : "; ") + "log";
      std::printf("  %-48s %s\n", input.c_str(), by.empty() ? "NOTHING" : by.c_str());
    }
    std::printf("\n");
    failures.insert(failures.end(), reach.failures.begin(), reach.failures.end());
  }
  for (const auto& f : failures) std::printf("FAIL %s\n", f.c_str());
  if (!failures.empty()) {
    std::printf("%zu problem(s)\n", failures.size());
    return 1;
  }
  std::printf(
      "OK: every case passes; every rule has a source, a reason in English and Vietnamese, "
      "and at least one case that fires it%s.\n",
      predates_questions ? ""
                         : "; every input a rule reads is asked or filled by the log, and every "
                           "rule fires through the questions");
  return 0;
}

int RulesQuestions() {
  std::printf("%s\n", engine::QuestionsJson(engine::Protocol::Default()).dump(1).c_str());
  return 0;
}

}  // namespace tia::cli
