// The browser tests' harness: Debian's Chromium driven by playwright-core against a real
// `tia serve` on loopback with a fresh SQLite database (screenshots: build/web-artifacts/), and what
// the journeys (tests/journeys/*.mjs, one per journey) share. tests/run.mjs runs them in order.
// TIA_TEST_NOW=2026-12-06T23:59:00+07:00 runs them at that time: the server starts its clock there
// (`tia --clock`) and so does every browser context (Playwright's clock); both then run on.
import { spawn, execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ICAL from "ical.js";
import { chromium } from "playwright-core";
import { startPushService } from "./push_service.mjs";

// For the journeys: what they use of node and the libraries, from one place.
export { ICAL, randomUUID, execFileSync, mkdtempSync, readFileSync, rmSync, tmpdir, dirname, join };

export const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, "../..");
export const TIA = process.env.TIA_BIN || join(root, "build/asan/tia");
export const ARTIFACTS = join(root, "build/web-artifacts");
mkdirSync(ARTIFACTS, { recursive: true });

// The tests' clock: the system's, or TIA_TEST_NOW's instant from the moment the tests start.
export const TEST_NOW = process.env.TIA_TEST_NOW;
export const clockOffsetMs = TEST_NOW ? Date.parse(TEST_NOW) - Date.now() : 0;
if (Number.isNaN(clockOffsetMs)) throw new Error(`TIA_TEST_NOW is not a time: ${TEST_NOW}`);
export const now = () => Date.now() + clockOffsetMs;
// The hospital's local date (Asia/Ho_Chi_Minh, no daylight saving) `days` after the tests' today.
export const hanoiDate = (days = 0) => new Date(now() + days * 86400000 + 7 * 3600000).toISOString().slice(0, 10);

export const clockArgs = () => (TEST_NOW ? ["--clock", new Date(now()).toISOString()] : []);
// Runs a `tia` command on the tests' clock.
export function tia(args, options) {
  return execFileSync(TIA, [...clockArgs(), ...args], options);
}

export function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

// The hospital's hotline and two services, through the admin API: a same-day lactation clinic and
// an in-person consult, with one midwife working around the clock so the tests run at any hour.
export async function configureHospital(base, db) {
  const password = "an admin password 123";
  tia(["--db", db, "user", "add", "--email", "admin@tudu.test", "--name", "Admin", "--role",
                     "hospital_admin", "--hospital", "tudu"], { stdio: "ignore", env: { ...process.env, TIA_PASSWORD: password } });
  const login = await (await fetch(`${base}/api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: "admin@tudu.test", password, token_type: "bearer" }) })).json();
  const put = async (path, body) => {
    const r = await fetch(base + path, { method: "PUT", headers: { "Content-Type": "application/json", Authorization: `Bearer ${login.token}` },
                                         body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  };
  // TIA_TEST_HOLIDAY (YYYY-MM-DD): a hospital holiday, e.g. the tests' today (scripts/time-matrix).
  const holidays = process.env.TIA_TEST_HOLIDAY ? [{ date: process.env.TIA_TEST_HOLIDAY, name: "Tết" }] : [];
  await put("/api/v1/hospital/settings", { time_zone: "Asia/Ho_Chi_Minh", emergency_number: "115",
                                           hotline: { number: "1900 6868", hours: [] }, holidays });
  const sameDay = "5a3e0d7c-0000-4000-8000-000000000001";
  const consult = "5a3e0d7c-0000-4000-8000-000000000002";
  await put(`/api/v1/hospital/services/${sameDay}`, { code: "same-day", name: { en: "Same-day lactation clinic", vi: "Phòng khám sữa mẹ trong ngày" },
    kind: "same_day_lactation_clinic", modality: "in_person", duration_min: 20, same_day: true, cancel_window_min: 60 });
  await put(`/api/v1/hospital/services/${consult}`, { code: "lc", name: { en: "Lactation consult", vi: "Tư vấn nuôi con bằng sữa mẹ" },
    kind: "lactation_consult", modality: "in_person", duration_min: 30, min_notice_min: 60 });
  const allDay = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, { start: "00:00", end: "24:00" }]));
  await put("/api/v1/hospital/providers/5a3e0d7c-0000-4000-8000-000000000003", { name: "Midwife Lan", time_zone: "Asia/Ho_Chi_Minh",
    service_ids: [sameDay, consult], weekly: allDay });
}

export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), "tia-web-"));
  const db = `sqlite:${join(dir, "tia.db")}`;
  tia(["--db", db, "migrate"], { stdio: "ignore" });
  tia(["--db", db, "hospital", "add", "--code", "tudu", "--name", "Bệnh viện Từ Dũ"], { stdio: "ignore" });
  const port = await freePort();
  const proc = spawn(TIA, [...clockArgs(), "--db", db, "serve", "--listen", `127.0.0.1:${port}`, "--web-root", join(root, "web/dist")],
                     { stdio: ["ignore", "ignore", "pipe"],
                       // Every browser here comes from 127.0.0.1: the sign-in budget per address (30 a
                       // minute, for phones that each have their own) would be shared by every journey.
                       env: { ...process.env, TIA_LOG_LEVEL: "warn", TIA_HOTLINE: "1900 6868", TIA_EMERGENCY_NUMBER: "115",
                              TIA_SIGN_IN_RATE_PER_MIN: "600",
                              TIA_PUSH_ORIGINS: pushService.origin, TIA_SMS_SPOOL_DIR: join(dir, "sms") } });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  await configureHospital(base, db);
  return { base, db, smsDir: join(dir, "sms"), stop: () => { proc.kill("SIGTERM"); rmSync(dir, { recursive: true, force: true }); } };
}

export const results = [];
// TIA_WEB_TEST=<words> runs only the tests whose name contains them (for working on one test).
export const only = process.env.TIA_WEB_TEST;
export async function test(name, fn) {
  if (only && !name.includes(only)) return;
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
export function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

// Notifications go to a push service the tests run (push_service.mjs), the only one the server may use.
export const pushService = await startPushService();
export const server = await startServer();
export const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

// A browser context as a phone or laptop in Vietnam: the hospital's time zone and, with
// TIA_TEST_NOW, the tests' clock (`clock: false` for a test that sets its own).
export async function newContext({ clock = true, ...options } = {}) {
  const context = await browser.newContext({ timezoneId: "Asia/Ho_Chi_Minh", ...options });
  if (TEST_NOW && clock) await context.clock.install({ time: now() });
  return context;
}

// What is wrong on the page as it is (run in the page: page.evaluate(measureLayout)): elements past the right edge, controls too small to tap.
export function measureLayout() {
  const vw = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll" || o === "hidden") return true;
    }
    return false;
  };
  const name = (el) => `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ").join(".") : ""}` +
    ` "${(el.getAttribute("aria-label") || el.textContent || el.getAttribute("name") || "").trim().slice(0, 30)}"`;
  const overflow = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if ((r.right > vw + 1 || r.left < -1) && !scrolls(el)) overflow.push(`${name(el)} ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  const small = [];
  const inSentence = (a) => a.tagName === "A" && [...a.parentElement.childNodes].some((n) => n !== a && n.nodeType === 3 && n.textContent.trim());
  for (const el of document.querySelectorAll("button, a[href], input, select, textarea, summary")) {
    if (el.type === "hidden" || inSentence(el) || el.closest(".cites")) continue;
    const target = (el.type === "radio" || el.type === "checkbox") ? (el.closest("label") ?? el) : el;
    const r = target.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;  // not shown (or visually hidden for screen readers)
    if (r.width < 43.5 || r.height < 43.5) small.push(`${name(target)} ${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  return { overflow, small, scrollWidth: document.documentElement.scrollWidth, vw };
}

// The app's English sentences that its Vietnamese says otherwise (from web/src/i18n.ts): none of
// them may show on a Vietnamese screen. A sentence with {placeholders} counts by its longest part.
export const ENGLISH_ONLY = (() => {
  const src = readFileSync(join(root, "web/src/i18n.ts"), "utf8");
  const block = (start) => {
    const body = src.slice(src.indexOf(start), src.indexOf("\n};", src.indexOf(start)));
    return Object.fromEntries([...body.matchAll(/^ {2}(\w+): "((?:[^"\\]|\\.)*)",$/gm)].map((m) => [m[1], m[2]]));
  };
  const en = block("const en = {");
  const vi = block("const vi: Record<Key, string> = {");
  return Object.entries(en).filter(([k, v]) => vi[k] !== undefined && vi[k] !== v)
    .map(([, v]) => v.split(/\{\w+\}/).map((p) => p.trim()).sort((a, b) => b.length - a.length)[0])
    .filter((p) => p.length >= 8 && p.includes(" "));
})();
export async function englishOn(page) {
  const text = await page.locator("body").innerText();
  return ENGLISH_ONLY.filter((s) => text.includes(s));
}

export async function newMother(context, lang = "en") {
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

export async function records(page, collection) {
  return page.evaluate(async (coll) => {
    const me = await (await fetch("/api/v1/auth/me")).json();
    const r = await (await fetch(`/api/v1/mothers/${me.id}/${coll}?limit=100`)).json();
    return r.items;
  }, collection);
}
export const feeds = (page) => records(page, "feeds");
// Polls the server until `coll` holds `n` records (the header's "All sent" may show before a write starts).
export async function waitForRecords(page, coll, n) {
  for (let i = 0; i < 100; i++) {
    const items = await records(page, coll);
    if (items.length >= n) return items;
    await sleep(100);
  }
  throw new Error(`${coll}: fewer than ${n} records on the server`);
}

// A breast check-in: pain on the left at 2 o'clock, optionally a red patch, a temperature, chills.
export async function checkIn(page, { pain, temp, redPatch = false, chills = false, screenshot = "" }) {
  await page.getByRole("button", { name: "Breast check-in" }).click();
  await page.getByRole("button", { name: "Left breast at 2 o'clock" }).click();
  check((await page.getByTestId("pain-left").textContent()) === "not given", "pain starts as not given, not as 0");
  await page.locator("input[type=range]").first().fill(String(pain));
  check((await page.getByTestId("pain-left").textContent()) === `${pain}/10`, "the slider shows its number");
  if (redPatch) await page.locator("input[name=redness-left]").nth(1).check();
  await page.locator("input[name=temp]").fill(String(temp));
  if (chills) await page.getByLabel("Chills or shivering").check();
  if (screenshot) await page.screenshot({ path: join(ARTIFACTS, screenshot), fullPage: true });
  await page.getByRole("button", { name: "Save" }).click();
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The symptom check asks the protocol's questions (web/src/protocol.json, from rules/mastitis.toml).
export const PROTOCOL = JSON.parse(readFileSync(join(root, "web/src/protocol.json"), "utf8"));
export const QUESTION = Object.fromEntries(PROTOCOL.questions.map((q) => [q.id, q]));

// Answers one question on the screen, in the shape of its form: yes/no -> true/false; choice -> the
// label; checks -> the ticked inputs; number -> the number in the question's unit (°C or °F as the
// app shows) or "unknown"; date -> YYYY-MM-DD or "unknown"; weights -> {birth, latest} in grams.
export async function answer(page, id, value) {
  const q = QUESTION[id];
  const box = page.locator(`[data-question=${id}]`);
  if (value === "unknown") return box.locator(`input[name=${id}-unknown]`).check();
  switch (q.form) {
    case "yes_no": return box.locator(`input[value=${value ? "yes" : "no"}]`).check();
    case "choice": return box.locator(`input[value=${value}]`).check();
    case "checks": for (const f of value) await box.locator(`input[value=${f}]`).check(); return;
    case "number": case "date": return box.locator(`input[name=${id}]`).fill(String(value));
    case "weights":
      await box.locator(`input[name=${id}-birth]`).fill(String(value.birth));
      return box.locator(`input[name=${id}-latest]`).fill(String(value.latest));
  }
}

// Walks the symptom check's screens answering what `answers` holds (by question id); what it does
// not hold stays unanswered. `onScreen(section)` runs on each screen (screenshots, axe). Ends on the
// review screen.
export async function walk(page, answers = {}, onScreen = async () => {}) {
  const done = new Set();
  for (let screens = 0; screens < 10; screens++) {
    const section = await page.locator("[data-section]").getAttribute("data-section");
    if (section === "review") { await onScreen("review"); return; }
    // A question may appear once an earlier one is answered (a lump, then what it feels like).
    for (;;) {
      const ids = await page.locator(`[data-section=${section}] [data-question]`).evaluateAll((els) => els.map((e) => e.dataset.question));
      const id = ids.find((x) => x in answers && !done.has(x));
      if (!id) break;
      await answer(page, id, answers[id]);
      done.add(id);
    }
    await onScreen(section);
    await page.locator(`[data-section=${section}] button[type=submit]`).click();
    await page.locator(`[data-section]:not([data-section=${section}])`).waitFor();
  }
  throw new Error("the symptom check did not reach its review screen");
}

export async function symptomCheck(page, answers = {}, onScreen) {
  await page.getByRole("button", { name: /Symptom check|Kiểm tra triệu chứng/ }).click();
  await walk(page, answers, onScreen);
  await page.getByRole("button", { name: /See the result|Xem kết quả/ }).click();
  await page.getByTestId("disposition").waitFor();
}

// A red, tender wedge at 38.6 C for 30 hours, unchanged after a day of self-care: a same-day result.
export const sameDayAnswers = { side: "left", symptom_hours: 30, breast_feel: ["focal_tender_area"], redness: "focal",
                         temperature: 38.6, self_care: 30, trend: "unchanged" };

export async function newClinician(context, email) {
  const password = "a clinician password 123";
  tia(["--db", server.db, "user", "add", "--email", email, "--name", "Midwife Hoa", "--role", "clinician",
                     "--hospital", "tudu"], { stdio: "ignore", env: { ...process.env, TIA_PASSWORD: password } });
  return signIn(context, email, password, "Consultations");
}

// Signs in through the app's own form (English) and waits for the first screen's heading.
export async function signIn(context, email, password, heading) {
  const page = await context.newPage();
  await page.goto(server.base + "/");
  await page.evaluate(() => localStorage.setItem("tia.lang", "en"));
  await page.reload();
  await page.getByRole("button", { name: "I already have an account" }).click();
  await page.getByLabel("E-mail").fill(email);
  await page.locator("input[name=password]").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: heading }).waitFor();
  return page;
}


// Injects axe into `p` (its context bypasses the CSP) and fails on any serious or critical violation.
export const axe = readFileSync(join(here, "../node_modules/axe-core/axe.min.js"), "utf8");
export const scanner = (p) => async (name) => {
  await p.addScriptTag({ content: axe });
  const r = await p.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(bad.length === 0, `${name}: ${bad.map((v) => `${v.id} (${v.nodes.length})`).join(", ")}`);
};

export async function apiLogin(email, password) {
  const r = await fetch(`${server.base}/api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password, token_type: "bearer" }) });
  return (await r.json()).token;
}

// Closes the browser and the server, prints the tally, and exits 1 when a test failed.
export async function finish() {
  await browser.close();
  server.stop();
  pushService.close();
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
