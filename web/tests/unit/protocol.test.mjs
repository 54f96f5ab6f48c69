// Unit tests of the app's own reading of the care protocol (web/src/expr.ts, web/src/protocol.ts),
// bundled by esbuild into build/web-unit/ first (`npm run test:unit`). The phone recognises an
// emergency offline with this code, so it is checked against the engine itself: every clinical case
// of rules/cases/ goes through `tia triage` (the release build, else TIA_BIN) and through the phone's evaluation, and the
// emergency rules that hold must be the same.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const { compile, holds, Protocol, daysBetween } = await import(join(root, "build/web-unit/protocol.mjs"));
const doc = JSON.parse(readFileSync(join(root, "web/src/protocol.json"), "utf8"));
const p = new Protocol(doc);

test("the condition language: null compares false, labels, sets, counts, arithmetic", () => {
  const v = { hr: null, t: 38.2, side: "left", a: true, b: false };
  assert.equal(holds(compile("hr > 130"), v), false);
  assert.equal(holds(compile("not (hr > 130)"), v), true);
  assert.equal(holds(compile("hr is null and t >= 38.0"), v), true);
  assert.equal(holds(compile("hr is not null or side == \"left\""), v), true);
  assert.equal(holds(compile("side in [\"right\", \"both\"]"), v), false);
  assert.equal(compile("count(a, b, t > 38, hr > 1)")(v), 2);
  assert.equal(compile("48 - t")(v), 48 - 38.2);
  assert.equal(compile("48 - hr")(v), null);
  assert.equal(holds(compile("a and b or not b"), v), true);  // and binds tighter than or
  assert.throws(() => compile("t = 38"), /not an operator/);
  assert.throws(() => compile("unknown_name")({}), /unknown name/);
});

test("answers become the engine's input question by question", () => {
  const today = "2026-12-07";
  const { answers } = p.input({}, { side: "left", redness: "focal", diabetes: false, weakened_immunity: true,
                                    birth_date: "2026-11-25", baby_weight: { birth: 3000, latest: 2697 } }, today);
  assert.equal(answers.affected_side, "left");
  assert.equal(answers.redness_extent, "focal");
  assert.equal(answers.immunocompromised_or_diabetes, true);  // either question's yes counts
  assert.equal(answers.days_postpartum, 12);
  assert.equal(answers.infant_weight_loss_percent, 10.1);
  // No breast symptoms after all: the breast questions no longer count.
  const none = p.input({}, { side: "none", redness: "focal" }, today).answers;
  assert.equal(none.affected_side, "none");
  assert.equal("redness_extent" in none, false);
  // What the log knows opens questions too.
  assert.equal(p.input({ affected_side: "right" }, { redness: "focal" }, today).answers.redness_extent, "focal");
  assert.equal(daysBetween("2026-02-27", "2026-03-01"), 2);
});

test("the phone's emergency check agrees with the engine on every clinical case", () => {
  // The release build when there is one (about 10 ms a run; the sanitizer build takes 25 times longer).
  const release = join(root, "build/release/tia");
  const tia = process.env.TIA_TRIAGE_BIN || (existsSync(release) ? release : process.env.TIA_BIN || join(root, "build/asan/tia"));
  let cases = 0, emergencies = 0;
  for (const f of readdirSync(join(root, "rules/cases")).filter((x) => x.endsWith(".json"))) {
    for (const c of JSON.parse(readFileSync(join(root, "rules/cases", f), "utf8")).cases) {
      const out = JSON.parse(execFileSync(tia, ["triage"], { input: JSON.stringify(c.input) }).toString());
      const engine = out.fired.map((x) => x.id).filter((id) => id.startsWith("E"));
      const phone = p.emergency(p.values(c.input)).map((e) => e.id);
      assert.deepEqual(phone, engine, `${f}: ${c.name}`);
      cases++;
      emergencies += engine.length > 0;
    }
  }
  assert.ok(cases >= 160 && emergencies >= 10, `${cases} cases, ${emergencies} with an emergency rule`);
});
