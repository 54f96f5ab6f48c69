// Browser tests: tests/harness.mjs starts a real `tia serve` and Debian's Chromium; each journey in
// tests/journeys/ registers its tests, run in this order. Usage: node tests/run.mjs
// (TIA_BIN defaults to ../build/asan/tia; TIA_WEB_TEST=<words> runs only the tests named so).
import { finish } from "./harness.mjs";

for (const journey of [
  "feed",
  "symptom_check",
  "consultation",
  "conversations",
  "self_care",
  "vietnamese",
  "history",
  "settings",
  "accounts",
  "care",
  "log",
  "baby",
  "refused",
  "accessibility",
  "admin",
  "audit",
  "navigation",
  "layout",
  "library",
  "programme",
  "zalo",
  "imports",
  "shell",
]) {
  await import(`./journeys/${journey}.mjs`);
}
await finish();
