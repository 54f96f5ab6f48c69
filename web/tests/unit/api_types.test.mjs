// The web app's API types (src/api-types.ts) are generated from the API contract (docs/openapi.json)
// by openapi-typescript; this fails when one changed without the other (`npm run api-types`).
import assert from "node:assert/strict";
import { test } from "node:test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const web = fileURLToPath(new URL("../../", import.meta.url));

test("src/api-types.ts is what openapi-typescript makes of docs/openapi.json", () => {
  const dir = mkdtempSync(join(tmpdir(), "tia-api-types-"));
  try {
    const made = join(dir, "api-types.ts");
    execFileSync(process.execPath, [join(web, "node_modules/openapi-typescript/bin/cli.js"), join(web, "../docs/openapi.json"), "-o", made],
      { stdio: "pipe" });
    assert.ok(readFileSync(made, "utf8") === readFileSync(join(web, "src/api-types.ts"), "utf8"),
      "src/api-types.ts is out of date: run `npm run api-types` in web/");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the screens take the server's answers from the generated types, not from copies of their own", () => {
  // A hand-written interface for an answer would drift from the contract unseen; wire.ts names the
  // generated ones. The screens may still declare types for their own state (not ending in these names).
  const wire = readFileSync(join(web, "src/wire.ts"), "utf8");
  const named = [...wire.matchAll(/^export type (\w+) =/gm)].map((m) => m[1]);
  assert.ok(named.length > 30);
  const screens = execFileSync("ls", [join(web, "src/screens")], { encoding: "utf8" }).split("\n").filter((f) => f.endsWith(".tsx"));
  for (const file of [...screens.map((f) => `screens/${f}`), "api.ts", "history.ts", "protocol.ts", "outbox.ts"]) {
    const text = readFileSync(join(web, "src", file), "utf8");
    for (const m of text.matchAll(/^(?:export )?interface (\w+)/gm)) {
      assert.ok(!named.includes(m[1]), `${file} declares its own interface ${m[1]}; use the generated one from wire.ts`);
    }
  }
});
