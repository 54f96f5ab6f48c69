// One symptom check with the protocol loaded once (issue 3 target: <= 5 us per evaluation).
// Run: build/release/src/tia/engine/triage_benchmark (make bench runs it).
#include <benchmark/benchmark.h>

#include "tia/engine/triage.h"

namespace tia::engine {
namespace {

const Json& FebrileWedge() {
  static const Json j = Json::parse(R"({"current_temp_c": 38.6, "affected_side": "left",
      "focal_tender_area": true, "redness_extent": "focal", "symptom_hours": 30,
      "self_care_hours": 30, "trend": "unchanged", "heart_rate": 104, "days_postpartum": 12,
      "infant_wet_nappies_24h": 7})");
  return j;
}

void BM_Evaluate(benchmark::State& state) {
  const Protocol& p = Protocol::Default();
  const auto in = DecodeInput(FebrileWedge());
  for (auto _ : state)  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark loop
    benchmark::DoNotOptimize(Evaluate(p, *in));
}
BENCHMARK(BM_Evaluate);

void BM_EvaluateNeutral(benchmark::State& state) {
  const Protocol& p = Protocol::Default();
  const auto in = DecodeInput(Json::object());
  for (auto _ : state)  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark loop
    benchmark::DoNotOptimize(Evaluate(p, *in));
}
BENCHMARK(BM_EvaluateNeutral);

// What `tia triage` does per request after reading stdin: decode, evaluate, build the contract.
void BM_DecodeEvaluateContract(benchmark::State& state) {
  const Protocol& p = Protocol::Default();
  const std::string text = FebrileWedge().dump();
  for (auto _ : state)  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark loop
  {
    auto in = DecodeInput(Json::parse(text));
    benchmark::DoNotOptimize(ContractJson(p, Evaluate(p, *in), Lang::kEn).dump());
  }
}
BENCHMARK(BM_DecodeEvaluateContract);

void BM_LoadProtocol(benchmark::State& state) {
  for (auto _ : state)  // NOLINT(clang-analyzer-deadcode.DeadStores): the benchmark loop
    benchmark::DoNotOptimize(Protocol::Parse(Protocol::DefaultText(), "x"));
}
BENCHMARK(BM_LoadProtocol)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tia::engine

BENCHMARK_MAIN();
