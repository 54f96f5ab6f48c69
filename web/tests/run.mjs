// Browser tests: Debian's Chromium driven by playwright-core against a real `tia serve` on
// loopback with a fresh SQLite database. Screenshots go to build/web-artifacts/.
// Usage: node tests/run.mjs   (TIA_BIN defaults to ../build/asan/tia)
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const TIA = process.env.TIA_BIN || join(root, "build/asan/tia");
const ARTIFACTS = join(root, "build/web-artifacts");
mkdirSync(ARTIFACTS, { recursive: true });

function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), "tia-web-"));
  const db = `sqlite:${join(dir, "tia.db")}`;
  execFileSync(TIA, ["--db", db, "migrate"], { stdio: "ignore" });
  execFileSync(TIA, ["--db", db, "hospital", "add", "--code", "tudu", "--name", "Bệnh viện Từ Dũ"], { stdio: "ignore" });
  const port = await freePort();
  const proc = spawn(TIA, ["--db", db, "serve", "--listen", `127.0.0.1:${port}`, "--web-root", join(root, "web/dist")],
                     { stdio: ["ignore", "ignore", "pipe"],
                       env: { ...process.env, TIA_LOG_LEVEL: "warn", TIA_HOTLINE: "1900 6868", TIA_EMERGENCY_NUMBER: "115" } });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, stop: () => { proc.kill("SIGTERM"); rmSync(dir, { recursive: true, force: true }); } };
}

const results = [];
async function test(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true, ms: Date.now() - started });
    console.log(`ok   ${name}`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}\n     ${e.stack || e}`);
  }
}
function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

const server = await startServer();
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function newMother(context, lang = "en") {
  const page = await context.newPage();
  const violations = [];
  page.on("console", (m) => { if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text()); });
  await page.goto(server.base + "/");
  await page.evaluate((l) => localStorage.setItem("tia.lang", l), lang);
  await page.reload();
  await page.getByRole("button", { name: lang === "en" ? "Create an account" : "Tạo tài khoản" }).waitFor();
  const email = `m-${Date.now()}-${Math.random().toString(16).slice(2, 8)}@example.org`;
  await page.getByLabel(lang === "en" ? "E-mail" : "Thư điện tử").fill(email);
  await page.locator("input[name=password]").fill("a long mother password");
  await page.locator("input[name=name]").fill("Lan");
  await page.locator("input[name=consent]").check();
  await page.locator("button[type=submit]").click();
  await page.getByRole("button", { name: lang === "en" ? "Start a feed" : "Bắt đầu cho bú" }).waitFor();
  return { page, violations };
}

async function records(page, collection) {
  return page.evaluate(async (coll) => {
    const me = await (await fetch("/api/v1/auth/me")).json();
    const r = await (await fetch(`/api/v1/mothers/${me.id}/${coll}?limit=100`)).json();
    return r.items;
  }, collection);
}
const feeds = (page) => records(page, "feeds");

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

await test("a new mother logs a two-sided feed with a pause; offline, a reload keeps it; online, it lands once", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const { page, violations } = await newMother(context);
  await page.screenshot({ path: join(ARTIFACTS, "home.png"), fullPage: true });
  await page.getByRole("button", { name: "Start a feed" }).click();
  await page.getByRole("button", { name: "Start left" }).click();
  await sleep(2200);
  await page.getByRole("button", { name: "Pause" }).click();
  await sleep(2200);
  await page.getByRole("button", { name: "Resume" }).click();
  await sleep(1200);
  await page.getByRole("button", { name: "Switch side" }).click();
  await sleep(2200);
  await page.screenshot({ path: join(ARTIFACTS, "feed-timer.png"), fullPage: true });
  const left = await page.getByTestId("left-total").textContent();
  check(left === "00:03" || left === "00:04", `left total excludes the pause: ${left}`);
  await page.getByRole("button", { name: "Finish and save" }).click();
  await page.getByText("All sent").waitFor();
  let items = await feeds(page);
  check(items.length === 1, `one feed stored, got ${items.length}`);
  check(items[0].segments.length === 2 && items[0].segments[0].side === "left" && items[0].segments[1].side === "right",
        "two segments, left then right");
  check(items[0].segments[0].pauses.length === 1, "the pause is kept");

  // Offline: a second feed goes to the outbox, survives a reload, and lands once when back online.
  await context.setOffline(true);
  await page.getByRole("button", { name: "Start a feed" }).click();
  await page.getByRole("button", { name: "Start right" }).click();
  await sleep(1500);
  await page.getByRole("button", { name: "Finish and save" }).click();
  await page.getByText("Offline: saved on this phone").waitFor();
  // ...a pump session, per side, in oz...
  await page.getByRole("button", { name: "Pumping" }).click();
  await page.getByLabel("oz").check();
  await page.getByLabel("Left (oz)").fill("2");
  await page.getByLabel("Right (oz)").fill("1.5");
  await page.getByLabel("Minutes").fill("15");
  await page.screenshot({ path: join(ARTIFACTS, "pump.png"), fullPage: true });
  await page.getByRole("button", { name: "Save" }).click();
  // ...and a breast check-in: pain at 2 o'clock on the left, a red patch, 38.4 °C with chills.
  await page.getByRole("button", { name: "Breast check-in" }).click();
  await page.getByRole("button", { name: "Left breast at 2 o'clock" }).click();
  await page.locator("input[type=range]").first().fill("6");
  await page.locator("input[name=redness-left]").nth(1).check();
  await page.locator("input[name=temp]").fill("38.4");
  await page.getByLabel("Chills or shivering").check();
  await page.screenshot({ path: join(ARTIFACTS, "check-in.png"), fullPage: true });
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("button", { name: "Start a feed" }).waitFor();
  await page.reload();
  await page.getByRole("button", { name: "Start a feed" }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, "home-offline.png"), fullPage: true });
  const queued = await page.evaluate(() => new Promise((res) => {
    const req = indexedDB.open("tia", 1);
    req.onsuccess = () => {
      const c = req.result.transaction("outbox").objectStore("outbox").count();
      c.onsuccess = () => res(c.result);
    };
  }));
  check(queued === 4, `feed, pump, check-in and temperature wait in the outbox, got ${queued}`);
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await page.getByText("All sent").waitFor({ timeout: 15000 });
  items = await feeds(page);
  check(items.length === 2, `two feeds stored exactly once, got ${items.length}`);
  const pumps = await records(page, "pumps");
  check(pumps.length === 1 && pumps[0].left_ml === 59.1 && pumps[0].right_ml === 44.4, `one pump in mL: ${JSON.stringify(pumps)}`);
  const checks = await records(page, "breast-checks");
  check(checks.length === 1 && checks[0].left.pain === 6 && checks[0].left.locations[0].clock === 2 &&
        checks[0].left.redness === "focal" && !checks[0].right, `one check-in: ${JSON.stringify(checks)}`);
  const temps = await records(page, "temperatures");
  check(temps.length === 1 && temps[0].temp_c === 38.4 && temps[0].chills === true, `one temperature: ${JSON.stringify(temps)}`);
  check(violations.length === 0, `no CSP violations: ${violations.join("; ")}`);
  await context.close();
});

async function symptomCheck(page, fill) {
  await page.getByRole("button", { name: /Symptom check|Kiểm tra triệu chứng/ }).click();
  await fill(page);
  await page.getByRole("button", { name: /See the result|Xem kết quả/ }).click();
  await page.getByTestId("disposition").waitFor();
}

await test("a red, tender wedge at 38.6 C for 30 hours, unchanged after care, ends on the same-day screen", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const { page, violations } = await newMother(context);
  await symptomCheck(page, async (p) => {
    await p.getByLabel("left", { exact: true }).check();
    await p.getByLabel("How many hours since it started?").fill("30");
    await p.getByLabel("A sore, firm or swollen area").check();
    await p.getByLabel("A patch").check();
    await p.getByLabel("Temperature now (°C), if you can measure it").fill("38.6");
    await p.getByLabel("Hours of feeding on demand, cold packs and pain relief so far").fill("30");
    await p.getByLabel("The same").check();
  });
  check((await page.getByTestId("disposition").textContent()) === "Be seen by a clinician today", "same-day screen");
  const hotline = page.getByTestId("hotline");
  check((await hotline.getAttribute("href")) === "tel:1900 6868", "the hotline is offered");
  const text = await page.locator("main").innerText();
  check(text.includes("has not improved after 24 hours") && text.includes("Sources: CKS, WHO00, NHS-DG, AAFP24"),
        "the reasons and their sources are shown");
  check(text.includes("Mastitis that may be bacterial") && text.includes("cold pack"), "condition and self-care plan");
  check(await page.getByTestId("emergency-call").count() === 0, "no emergency call for a same-day result");
  await page.screenshot({ path: join(ARTIFACTS, "result-same-day.png"), fullPage: true });
  check(violations.length === 0, `no CSP violations: ${violations.join("; ")}`);
  await context.close();
});

await test("a heart rate of 135 puts the emergency number first", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const { page } = await newMother(context);
  await symptomCheck(page, async (p) => {
    await p.getByLabel("Heart rate (beats a minute), if you know it").fill("135");
  });
  const first = page.locator("main > *").first();
  check((await first.getAttribute("data-testid")) === "emergency-call", "the emergency call comes before anything else");
  check((await first.textContent()) === "Call 115 now" && (await first.getAttribute("href")) === "tel:115", "emergency number 115");
  check((await page.getByTestId("disposition").textContent()) === "Emergency: get help now", "emergency screen");
  await page.screenshot({ path: join(ARTIFACTS, "result-emergency.png"), fullPage: true });
  await context.close();
});

await test("guided self-care: a 10-minute cold-pack timer ends with a vibration; the re-check comes due in 12 hours", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.addInitScript(() => {
    window.__vibrations = [];
    navigator.vibrate = (p) => { window.__vibrations.push(p); return true; };
  });
  const { page } = await newMother(context);
  await page.clock.install();
  await symptomCheck(page, async (p) => {
    await p.getByLabel("Temperature now (°C), if you can measure it").fill("38.2");
    await p.getByLabel("A sore, firm or swollen area").check();
  });
  check((await page.getByTestId("disposition").textContent()) === "Talk to a clinician within 24 hours", "contact within 24 h");
  check((await page.locator("main").innerText()).includes("Check again in 12 hours"), "re-check in 12 h");
  await page.getByRole("button", { name: "Start guided self-care" }).click();
  await page.getByText("Step 1 of 10").waitFor();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  check((await page.getByTestId("step-text").textContent()).includes("cold pack wrapped in a cloth"), "step 3 is the cold pack");
  await page.getByRole("button", { name: "Start 10-minute timer" }).click();
  await page.clock.fastForward("05:00");
  // The display re-renders on its next tick after the jump: wait for it rather than read at once.
  await page.waitForFunction(() => /^0[45]:\d\d$/.test(document.querySelector("[data-testid=timer]")?.textContent ?? ""),
                             null, { timeout: 5000 });
  await page.clock.fastForward("05:01");
  await page.getByText("Time is up").waitFor();
  check((await page.evaluate(() => window.__vibrations.length)) === 1, "one vibration at the end of the step");
  await page.screenshot({ path: join(ARTIFACTS, "self-care-player.png"), fullPage: true });
  await page.getByRole("button", { name: "Next" }).click();
  check((await page.getByTestId("step-text").textContent()).includes("toward your armpit"), "light strokes toward the armpit");
  check((await page.locator("main").innerText()).includes("Repeat 10 times"), "the step's count");
  check((await page.locator("main").innerText()).includes("Heat packs"), "what not to do");
  await page.getByRole("button", { name: "Tia" }).click();
  check((await page.getByTestId("recheck").innerText()).startsWith("Next check:"), "the next check is shown");
  await page.clock.fastForward("12:00:00");
  await page.getByText("Time to check again").waitFor();
  await page.screenshot({ path: join(ARTIFACTS, "home-recheck-due.png"), fullPage: true });
  await context.close();
});

await test("Vietnamese: the home and feed screens show no English string", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const { page } = await newMother(context, "vi");
  const english = ["Start a feed", "Last feed", "Worth checking", "Settings", "Pumping", "All sent", "Symptom check"];
  let text = await page.locator("body").innerText();
  for (const s of english) check(!text.includes(s), `home shows "${s}"`);
  await page.screenshot({ path: join(ARTIFACTS, "home-vi.png"), fullPage: true });
  await page.getByRole("button", { name: "Bắt đầu cho bú" }).click();
  await page.getByRole("button", { name: "Bắt đầu bên trái" }).click();
  text = await page.locator("body").innerText();
  for (const s of ["Switch side", "Pause", "Finish and save", "left", "Discard"]) check(!text.includes(s), `feed shows "${s}"`);
  await page.screenshot({ path: join(ARTIFACTS, "feed-vi.png"), fullPage: true });
  await page.getByRole("button", { name: "Bỏ" }).click();
  await page.getByRole("button", { name: "Kiểm tra vú" }).click();
  text = await page.locator("body").innerText();
  for (const s of ["Left breast", "Pain", "Redness", "Nipple", "Temperature", "Chills", "Save", "darker skin", "Cracked"]) {
    check(!text.includes(s), `check-in shows "${s}"`);
  }
  await page.screenshot({ path: join(ARTIFACTS, "check-in-vi.png"), fullPage: true });
  await page.getByRole("button", { name: "Tia" }).click();
  await symptomCheck(page, async (p) => {
    await p.getByLabel("Nhiệt độ hiện tại (°C), nếu đo được").fill("38.6");
    await p.getByLabel("Có vùng đau, chắc hoặc sưng").check();
  });
  text = await page.locator("body").innerText();
  for (const s of ["Talk to a clinician", "Why", "Sources", "What to do", "Fever", "Check again", "What is probably"]) {
    check(!text.includes(s), `result shows "${s}"`);
  }
  check(text.includes("Liên hệ nhân viên y tế trong 24 giờ"), "the Vietnamese result");
  await page.screenshot({ path: join(ARTIFACTS, "result-vi.png"), fullPage: true });
  await context.close();
});

await test("accessibility: axe-core finds no serious or critical violation on each screen", async () => {
  // axe is injected as a script, which the app's CSP forbids: this context bypasses CSP for it only.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  const axe = readFileSync(join(here, "../node_modules/axe-core/axe.min.js"), "utf8");
  const page = await context.newPage();
  // Injects axe into `p` and fails on any serious or critical violation.
  const scanner = (p) => async (name) => {
    await p.addScriptTag({ content: axe });
    const r = await p.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    check(bad.length === 0, `${name}: ${bad.map((v) => `${v.id} (${v.nodes.length})`).join(", ")}`);
  };
  const scan = scanner(page);

  await page.goto(server.base + "/");
  await page.getByRole("button", { name: /Create an account|Tạo tài khoản/ }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, "register.png"), fullPage: true });
  await scan("register");
  await context.close();
  const c2 = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  const { page: p2 } = await newMother(c2);
  const scan2 = scanner(p2);

  await scan2("home");
  await p2.getByRole("button", { name: "Start a feed" }).click();
  await p2.getByRole("button", { name: "Start left" }).click();
  await scan2("feed timer");
  await p2.getByRole("button", { name: "Discard" }).click();
  await p2.getByRole("button", { name: "Pumping" }).click();
  await scan2("pumping");
  await p2.getByRole("button", { name: "Tia" }).click();
  await p2.getByRole("button", { name: "Breast check-in" }).click();
  await scan2("breast check-in");
  await p2.getByRole("button", { name: "Tia" }).click();
  await p2.getByRole("button", { name: "Symptom check" }).click();
  await scan2("symptom questions");
  await p2.getByLabel("Heart rate (beats a minute), if you know it").fill("135");
  await p2.getByRole("button", { name: "See the result" }).click();
  await p2.getByTestId("disposition").waitFor();
  await scan2("emergency result");
  await p2.getByRole("button", { name: "Tia" }).click();
  await scan2("home with a re-check");
  await p2.getByRole("button", { name: "Symptom check" }).click();
  await p2.getByLabel("A sore, firm or swollen area").check();
  await p2.getByRole("button", { name: "See the result" }).click();
  await p2.getByRole("button", { name: "Start guided self-care" }).click();
  await p2.getByText("Step 1 of 10").waitFor();
  await scan2("guided self-care");
  await p2.getByRole("button", { name: "Settings" }).click();
  await p2.screenshot({ path: join(ARTIFACTS, "settings.png"), fullPage: true });
  await scan2("settings");
  await c2.close();
});

await test("served with a strict CSP, hashed assets cached, the shell interactive quickly", async () => {
  const res = await fetch(server.base + "/");
  const csp = res.headers.get("content-security-policy");
  check(csp.includes("script-src 'self'") && !csp.includes("unsafe-inline"), `CSP: ${csp}`);
  const html = await res.text();
  check(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), "no inline script in index.html");
  const asset = html.match(/\/assets\/[^"]+\.js/)[0];
  const a = await fetch(server.base + asset);
  check(a.headers.get("cache-control").includes("immutable"), "hashed assets are immutable");
  check((await fetch(server.base + "/manifest.webmanifest")).headers.get("content-type").includes("manifest+json"), "manifest");
  check((await fetch(server.base + "/some/app/route")).headers.get("content-type").includes("text/html"), "app routes get the shell");
  const context = await browser.newContext();
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(server.base + "/");
  await page.getByRole("button", { name: /Create an account|Tạo tài khoản/ }).waitFor();
  const tti = Date.now() - t0;
  console.log(`     time to interactive (loopback, cold context): ${tti} ms`);
  check(tti < 5000, `interactive in ${tti} ms`);
  await context.close();
});

await browser.close();
server.stop();
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
