// Browser tests: Debian's Chromium driven by playwright-core against a real `tia serve` on
// loopback with a fresh SQLite database. Screenshots go to build/web-artifacts/.
// Usage: node tests/run.mjs   (TIA_BIN defaults to ../build/asan/tia)
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

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const TIA = process.env.TIA_BIN || join(root, "build/asan/tia");
const ARTIFACTS = join(root, "build/web-artifacts");
mkdirSync(ARTIFACTS, { recursive: true });

// The tests' clock: the system's, or TIA_TEST_NOW's instant from the moment the tests start.
const TEST_NOW = process.env.TIA_TEST_NOW;
const clockOffsetMs = TEST_NOW ? Date.parse(TEST_NOW) - Date.now() : 0;
if (Number.isNaN(clockOffsetMs)) throw new Error(`TIA_TEST_NOW is not a time: ${TEST_NOW}`);
const now = () => Date.now() + clockOffsetMs;
// The hospital's local date (Asia/Ho_Chi_Minh, no daylight saving) `days` after the tests' today.
const hanoiDate = (days = 0) => new Date(now() + days * 86400000 + 7 * 3600000).toISOString().slice(0, 10);

const clockArgs = () => (TEST_NOW ? ["--clock", new Date(now()).toISOString()] : []);
// Runs a `tia` command on the tests' clock.
function tia(args, options) {
  return execFileSync(TIA, [...clockArgs(), ...args], options);
}

function freePort() {
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
async function configureHospital(base, db) {
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

async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), "tia-web-"));
  const db = `sqlite:${join(dir, "tia.db")}`;
  tia(["--db", db, "migrate"], { stdio: "ignore" });
  tia(["--db", db, "hospital", "add", "--code", "tudu", "--name", "Bệnh viện Từ Dũ"], { stdio: "ignore" });
  const port = await freePort();
  const proc = spawn(TIA, [...clockArgs(), "--db", db, "serve", "--listen", `127.0.0.1:${port}`, "--web-root", join(root, "web/dist")],
                     { stdio: ["ignore", "ignore", "pipe"],
                       env: { ...process.env, TIA_LOG_LEVEL: "warn", TIA_HOTLINE: "1900 6868", TIA_EMERGENCY_NUMBER: "115" } });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  await configureHospital(base, db);
  return { base, db, stop: () => { proc.kill("SIGTERM"); rmSync(dir, { recursive: true, force: true }); } };
}

const results = [];
// TIA_WEB_TEST=<words> runs only the tests whose name contains them (for working on one test).
const only = process.env.TIA_WEB_TEST;
async function test(name, fn) {
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
function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

const server = await startServer();
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

// A browser context as a phone or laptop in Vietnam: the hospital's time zone and, with
// TIA_TEST_NOW, the tests' clock (`clock: false` for a test that sets its own).
async function newContext({ clock = true, ...options } = {}) {
  const context = await browser.newContext({ timezoneId: "Asia/Ho_Chi_Minh", ...options });
  if (TEST_NOW && clock) await context.clock.install({ time: now() });
  return context;
}

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
// Polls the server until `coll` holds `n` records (the header's "All sent" may show before a write starts).
async function waitForRecords(page, coll, n) {
  for (let i = 0; i < 100; i++) {
    const items = await records(page, coll);
    if (items.length >= n) return items;
    await sleep(100);
  }
  throw new Error(`${coll}: fewer than ${n} records on the server`);
}

// A breast check-in: pain on the left at 2 o'clock, optionally a red patch, a temperature, chills.
async function checkIn(page, { pain, temp, redPatch = false, chills = false, screenshot = "" }) {
  await page.getByRole("button", { name: "Breast check-in" }).click();
  await page.getByRole("button", { name: "Left breast at 2 o'clock" }).click();
  await page.locator("input[type=range]").first().fill(String(pain));
  if (redPatch) await page.locator("input[name=redness-left]").nth(1).check();
  await page.locator("input[name=temp]").fill(String(temp));
  if (chills) await page.getByLabel("Chills or shivering").check();
  if (screenshot) await page.screenshot({ path: join(ARTIFACTS, screenshot), fullPage: true });
  await page.getByRole("button", { name: "Save" }).click();
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

await test("a new mother logs a two-sided feed with a pause; offline, a reload keeps it; online, it lands once", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
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
  let items = await waitForRecords(page, "feeds", 1);
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
  await checkIn(page, { pain: 6, temp: 38.4, redPatch: true, chills: true, screenshot: "check-in.png" });
  await page.getByRole("button", { name: "Start a feed" }).waitFor();
  await page.reload();
  await page.getByRole("button", { name: "Start a feed" }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, "home-offline.png"), fullPage: true });
  const queued = await page.evaluate(() => new Promise((res) => {
    const req = indexedDB.open("tia");
    req.onsuccess = () => {
      const c = req.result.transaction("outbox").objectStore("outbox").count();
      c.onsuccess = () => res(c.result);
    };
  }));
  check(queued === 4, `feed, pump, check-in and temperature wait in the outbox, got ${queued}`);
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await page.getByText("All sent").waitFor({ timeout: 15000 });
  await waitForRecords(page, "temperatures", 1);
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

// The symptom check asks the protocol's questions (web/src/protocol.json, from rules/mastitis.toml).
const PROTOCOL = JSON.parse(readFileSync(join(root, "web/src/protocol.json"), "utf8"));
const QUESTION = Object.fromEntries(PROTOCOL.questions.map((q) => [q.id, q]));

// Answers one question on the screen, in the shape of its form: yes/no -> true/false; choice -> the
// label; checks -> the ticked inputs; number -> the number in the question's unit (°C or °F as the
// app shows) or "unknown"; date -> YYYY-MM-DD or "unknown"; weights -> {birth, latest} in grams.
async function answer(page, id, value) {
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
async function walk(page, answers = {}, onScreen = async () => {}) {
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

async function symptomCheck(page, answers = {}, onScreen) {
  await page.getByRole("button", { name: /Symptom check|Kiểm tra triệu chứng/ }).click();
  await walk(page, answers, onScreen);
  await page.getByRole("button", { name: /See the result|Xem kết quả/ }).click();
  await page.getByTestId("disposition").waitFor();
}

// A red, tender wedge at 38.6 C for 30 hours, unchanged after a day of self-care: a same-day result.
const sameDayAnswers = { side: "left", symptom_hours: 30, breast_feel: ["focal_tender_area"], redness: "focal",
                         temperature: 38.6, self_care: 30, trend: "unchanged" };

await test("a red, tender wedge at 38.6 C for 30 hours, unchanged after care, ends on the same-day screen", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const { page, violations } = await newMother(context);
  await symptomCheck(page, sameDayAnswers);
  check((await page.getByTestId("disposition").textContent()) === "Be seen by a clinician today", "same-day screen");
  const hotline = page.getByTestId("hotline");
  check((await hotline.getAttribute("href")) === "tel:1900 6868", "the hotline is offered");
  const text = await page.locator("main").innerText();
  check(text.includes("has not improved after 24 hours") && text.includes("Sources: CKS, WHO00, NHS-DG, AAFP24"),
        "the reasons and their sources are shown");
  check(text.includes("Mastitis that may be bacterial") && text.includes("cold pack"), "condition and self-care plan");
  check(await page.getByTestId("emergency-call").count() === 0, "no emergency call for a same-day result");
  await page.screenshot({ path: join(ARTIFACTS, "result-same-day.png"), fullPage: true });
  // The booking action: same-day slots first; she books one for herself and the baby.
  await page.getByTestId("book-visit").click();
  await page.getByRole("heading", { name: "Free times" }).waitFor();
  check(await page.getByLabel(/Same-day lactation clinic/).isChecked(), "the same-day clinic is chosen first");
  await page.screenshot({ path: join(ARTIFACTS, "booking-slots.png"), fullPage: true });
  await page.locator(".slot-grid button").first().click();
  await page.getByLabel("For my baby too").check();
  await page.getByRole("button", { name: "Book", exact: true }).click();
  await page.getByRole("heading", { name: "Booked" }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, "booking-done.png"), fullPage: true });
  const bookings = await page.evaluate(async () => (await (await fetch("/api/v1/bookings")).json()).items);
  check(bookings.length === 1 && bookings[0].status === "booked" && bookings[0].subjects.join() === "mother,baby" &&
        bookings[0].service.name.en === "Same-day lactation clinic", `one same-day booking: ${JSON.stringify(bookings)}`);
  check(Date.parse(bookings[0].start) - now() < 24 * 3600000, "within the day");
  // Her .ics, read by an independent parser (ical.js from npm).
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByText("Add to my calendar (.ics)").click()]);
  const ics = readFileSync(await download.path(), "utf8");
  const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent");
  const event = new ICAL.Event(vevent);
  check(event.uid === `${bookings[0].id}@tia` && event.summary === "Same-day lactation clinic" &&
        event.startDate.toJSDate().getTime() === Date.parse(bookings[0].start) &&
        event.endDate.toJSDate().getTime() === Date.parse(bookings[0].end) &&
        vevent.getFirstPropertyValue("status") === "CONFIRMED", `the .ics parses to the booking: ${ics}`);
  await page.getByRole("button", { name: "Back" }).click();
  await page.getByRole("heading", { name: "Appointments" }).waitFor();
  check((await page.getByTestId("booking-status").first().textContent()) === "Booked", "listed in her appointments");
  // She changes the time: the same visit (same id), a later free time; the card shows it.
  await page.getByRole("button", { name: "Change the time" }).click();
  const later = page.getByTestId("move-booking").locator(".slot-grid button").nth(2);
  const label = await later.getAttribute("aria-label");
  await later.click();
  await page.getByRole("button", { name: `Move to ${label}` }).click();
  await page.getByTestId("move-booking").waitFor({ state: "detached" });
  const moved = await page.evaluate(async () => (await (await fetch("/api/v1/bookings")).json()).items);
  check(moved.length === 1 && moved[0].id === bookings[0].id && moved[0].start !== bookings[0].start &&
        moved[0].status === "booked", `moved, not rebooked: ${JSON.stringify(moved)}`);
  check((await page.getByTestId("booking").first().innerText()).includes(label), `the card shows ${label}`);
  check(violations.length === 0, `no CSP violations: ${violations.join("; ")}`);
  await context.close();
});

async function newClinician(context, email) {
  const password = "a clinician password 123";
  tia(["--db", server.db, "user", "add", "--email", email, "--name", "Midwife Hoa", "--role", "clinician",
                     "--hospital", "tudu"], { stdio: "ignore", env: { ...process.env, TIA_PASSWORD: password } });
  return signIn(context, email, password, "Consultations");
}

// Signs in through the app's own form (English) and waits for the first screen's heading.
async function signIn(context, email, password, heading) {
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

await test("a same-day result opens a consultation with a photo; the clinician sees it first, claims, replies; she sees it live; her visit is marked arrived, then seen", async () => {
  const photos = mkdtempSync(join(tmpdir(), "tia-photos-"));
  execFileSync(join(dirname(TIA), "tia_test_photos"), [photos]);
  // Another mother's routine question, asked first: the same-day one must still come first.
  const early = await newContext({ viewport: { width: 390, height: 844 } });
  const { page: other } = await newMother(early);
  await other.getByRole("button", { name: "Ask the team (message and photo)" }).click();
  await other.getByLabel(/What is happening/).fill("How do I store expressed milk at work?");
  await other.getByRole("button", { name: "Send" }).click();
  await other.getByTestId("reply-by").waitFor();

  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const { page, violations } = await newMother(context);
  await symptomCheck(page, sameDayAnswers);
  check((await page.getByTestId("disposition").textContent()) === "Be seen by a clinician today", "same-day screen");
  await page.getByTestId("ask-team").click();
  await page.getByLabel(/What is happening/).fill("Left breast red and hot since yesterday, 38.6 this morning");
  await page.getByLabel("Add a photo (optional)").setInputFiles(join(photos, "phone.jpg"));
  await page.getByRole("button", { name: "Send" }).click();
  await page.getByTestId("thread-photo").waitFor();
  const replyBy = await page.getByTestId("reply-by").textContent();
  check(replyBy.startsWith("The team will reply by"), `the reply deadline is shown: ${replyBy}`);
  check(await page.getByText(/If it gets worse before then, call the hotline/).count() === 1, "the hotline for a same-day question");
  const mine = await page.evaluate(async () => (await (await fetch("/api/v1/consultations")).json()).items[0]);
  check(mine.priority === "same_day" && Date.parse(mine.deadline_at) - Date.parse(mine.opened_at) === 2 * 3600000,
        `same-day priority with a 2-hour deadline: ${JSON.stringify(mine)}`);
  await page.screenshot({ path: join(ARTIFACTS, "consult-mother.png"), fullPage: true });

  const staff = await newContext({ viewport: { width: 1280, height: 900 } });
  const clin = await newClinician(staff, `hoa-${Date.now()}@tudu.test`);
  const first = clin.getByTestId("queue-item").first();
  const firstText = await first.innerText();
  check(firstText.includes("Same day") && firstText.includes("Lan") && firstText.includes("Photo ×1"),
        `the same-day consultation is at the top: ${firstText}`);
  check(/\d+ h \d+ min left|\d+ min left/.test(firstText), `with its deadline: ${firstText}`);
  check((await clin.getByTestId("queue-item").nth(1).innerText()).includes("Routine"), "the routine one after it");
  await first.click();
  await clin.getByTestId("ws-thread").waitFor();
  await clin.getByTestId("thread-photo").waitFor();
  const result = await clin.getByTestId("ws-result").innerText();
  check(result.includes("Sources:") && result.includes("Be seen by a clinician today"), `the result with its rules: ${result}`);
  await clin.getByTestId("claim").click();
  await clin.getByText("Held by Midwife Hoa").waitFor();
  // Her record, read in the workspace: the summary with her symptom checks.
  await clin.getByTestId("her-record").click();
  await clin.getByTestId("summary").waitFor();
  await clin.getByTestId("summary").getByText("Be seen by a clinician today").first().waitFor();
  await clin.getByLabel("Reply").fill("Keep feeding from the left side and use a cold pack. Come to the clinic today.");
  await clin.getByRole("button", { name: "Send" }).click();
  await clin.screenshot({ path: join(ARTIFACTS, "consult-workspace.png"), fullPage: true });

  // The mother's page, never reloaded: the reply arrives over the event stream.
  await page.getByText("Keep feeding from the left side").waitFor({ timeout: 10000 });
  check(await page.getByTestId("reply-by").count() === 0, "no longer waiting for the team");
  // She books the same-day clinic; the clinician finds it on its day, marks her arrived, then seen.
  const visit = await page.evaluate(async () => {
    const me = await (await fetch("/api/v1/auth/me")).json();
    const sameDay = (await (await fetch("/api/v1/services")).json()).items.find((x) => x.same_day);
    const free = (await (await fetch(`/api/v1/services/${sameDay.id}/slots?days=2`)).json()).providers[0];
    const r = await fetch(`/api/v1/bookings/${crypto.randomUUID()}`, { method: "PUT",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrf_token },
      body: JSON.stringify({ service_id: sameDay.id, provider_id: free.id, start: free.slots[0].start }) });
    return r.json();
  });
  check(visit.status === "booked", `her same-day visit: ${JSON.stringify(visit)}`);
  const day = clin.getByTestId("todays-bookings");
  await day.getByLabel("Day").fill(visit.start.slice(0, 10));
  const row = day.locator(`[data-id="${visit.id}"]`);
  await row.getByRole("button", { name: "Arrived" }).click();
  await row.getByTestId("day-booking-status").getByText("Checked in").waitFor();
  await row.getByRole("button", { name: "Seen" }).click();
  await row.getByTestId("day-booking-status").getByText("Done").waitFor();
  const done = await clin.evaluate(async (id) => (await fetch(`/api/v1/bookings/${id}`)).json(), visit.id);
  check(done.status === "fulfilled" && done.history.slice(-2).every((h) => h.by === "clinician") &&
        done.history.slice(-2).map((h) => h.to).join() === "arrived,fulfilled", `arrived, then seen: ${JSON.stringify(done.history)}`);
  await page.screenshot({ path: join(ARTIFACTS, "consult-reply.png"), fullPage: true });
  check(violations.length === 0, `no CSP violations: ${violations.join("; ")}`);
  await Promise.all([early.close(), context.close(), staff.close()]);
  rmSync(photos, { recursive: true, force: true });
});

await test("a heart rate of 135 puts the emergency number first", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const { page } = await newMother(context);
  await page.getByRole("button", { name: "Symptom check" }).click();
  // The phone sees the emergency as soon as the pulse is given, before the result.
  await walk(page, { heart_rate: 135 }, async (section) => {
    if (section !== "body") return;
    await page.getByTestId("emergency-now").waitFor();
    const box = await page.getByTestId("emergency-now").boundingBox();
    check(box && box.y >= 0 && box.y < 844, `the emergency number is on screen while she answers: ${JSON.stringify(box)}`);
  });
  await page.getByRole("button", { name: "See the result" }).click();
  await page.getByTestId("disposition").waitFor();
  const first = page.locator("main > *").first();
  check((await first.getAttribute("data-testid")) === "emergency-call", "the emergency call comes before anything else");
  check((await first.textContent()) === "Call 115 now" && (await first.getAttribute("href")) === "tel:115", "emergency number 115");
  check((await page.getByTestId("disposition").textContent()) === "Emergency: get help now", "emergency screen");
  await page.screenshot({ path: join(ARTIFACTS, "result-emergency.png"), fullPage: true });
  check(await page.getByTestId("book-visit").count() === 0, "no booking action on an emergency result");
  // Even through her appointments, she cannot book: the emergency number instead of times.
  await page.getByRole("button", { name: "Tia" }).click();
  await page.getByRole("button", { name: "Appointments" }).click();
  await page.getByRole("button", { name: "Book a visit" }).click();
  await page.getByLabel(/Same-day lactation clinic/).check();
  await page.getByTestId("booking-blocked").waitFor();
  check((await page.getByTestId("booking-blocked").innerText()).includes("Call 115 now"), "the emergency number instead");
  check(await page.locator(".slot-grid button").count() === 0, "no times offered");
  await page.screenshot({ path: join(ARTIFACTS, "booking-blocked.png"), fullPage: true });
  await context.close();
});

// One case per rule of the protocol (E1-E3, S1-S20, C1-C15, W1), as a mother would give it. The
// review's three examples: diabetes with a red tender area (S9, same day), diabetes with 38.3 C,
// a tender area and a pulse of 105 (E3, emergency), a tender firm lump for 14 days (C4).
const L = { affected_side: "left" };
const RULE_CASES = {
  E1: { heart_rate: 131 },
  E2: { ...L, skin_dusky_or_necrotic: true, redness_extent: "focal" },
  E3: { immunocompromised_or_diabetes: true, current_temp_c: 38.3, ...L, focal_tender_area: true, heart_rate: 105 },
  S1: { current_temp_c: 38.3, ...L, focal_tender_area: true, redness_extent: "focal", heart_rate: 105 },
  S2: { affected_side: "right", pus_seen: true },
  S3: { ...L, focal_tender_area: true, on_antibiotics: true, antibiotic_hours: 48, trend: "unchanged" },
  S4: { ...L, redness_extent: "focal", on_antibiotics: true, antibiotic_hours: 12, trend: "worsening" },
  S5: { ...L, redness_extent: "focal", trend: "worsening", self_care_hours: 12, symptom_hours: 200 },
  S6: { ...L, focal_tender_area: true, redness_extent: "focal", current_temp_c: 38.6, self_care_hours: 30, symptom_hours: 30, trend: "unchanged" },
  S7: { ...L, focal_tender_area: true, current_temp_c: 38.5, rigors: true },
  S8: { ...L, nipple_damage: "cracked_infected", redness_extent: "focal" },
  S9: { immunocompromised_or_diabetes: true, ...L, redness_extent: "focal", focal_tender_area: true, symptom_hours: 30 },
  S10: { breast_implant_or_breast_surgery_last_12_months: true, ...L, redness_extent: "focal" },
  S11: { ...L, redness_extent: "focal", redness_spreading_rapidly: true },
  S12: { affected_side: "both", redness_extent: "focal", focal_tender_area: true, current_temp_c: 38.2 },
  S13: { current_temp_c: 38.2, days_postpartum: 10, affected_side: "none" },
  S14: { days_postpartum: 5, infant_wet_nappies_24h: 2, infant_feeding_effectively: false },
  S15: { lactating: false, ...L, focal_tender_area: true, current_temp_c: 38.4 },
  S16: { ...L, redness_extent: "focal", trend: "unchanged", self_care_hours: 48, symptom_hours: 60 },
  S17: { ...L, redness_extent: "focal", completed_antibiotics_without_resolution: true, trend: "worsening", symptom_hours: 100 },
  S18: { ...L, focal_tender_area: true, mastitis_in_last_14_days: true, current_temp_c: 38.1 },
  S19: { days_postpartum: 3, infant_wet_nappies_24h: 0 },
  S20: { days_postpartum: 14, infant_weight_loss_percent: 10.1 },
  C1: { ...L, focal_tender_area: true, current_temp_c: 38.3, symptom_hours: 6 },
  C2: { ...L, redness_extent: "focal", trend: "unchanged", self_care_hours: 24, symptom_hours: 30 },
  C3: { ...L, peau_d_orange: true, redness_extent: "focal", symptom_hours: 30 },
  C4: { ...L, lump_present: true, lump_days: 14, lump_character: "tender_firm" },
  C5: { ...L, focal_tender_area: true, prior_episodes_same_site_3_months: 2 },
  C6: { lactating: false, ...L, focal_tender_area: true },
  C7: { days_postpartum: 10, infant_sleepy_or_jaundiced: true },
  C8: { ...L, nipple_damage: "cracked" },
  C9: { ...L, nipple_damage: "cracked_infected" },
  C10: { ...L, chronic_burning_pain_weeks: 3 },
  C11: { ...L, focal_tender_area: true, on_antibiotics: true, antibiotic_hours: 30, trend: "unchanged" },
  C12: { ...L, focal_tender_area: true, self_care_hours: 48, trend: "unchanged", symptom_hours: 60 },
  C13: { ...L, focal_tender_area: true, symptom_hours: 200, trend: "unchanged" },
  C14: { current_temp_c: 38.0, days_postpartum: 43, affected_side: "none" },
  C15: { days_postpartum: 21, infant_weight_loss_percent: 0.5 },
  W1: { ...L, focal_tender_area: true, worried: true },
};

// The answers, question by question, that give these engine inputs through the app's screens.
function answersFor(input) {
  const out = {};
  for (const q of PROTOCOL.questions) {
    const field = q.fills[0];
    if (q.form === "checks") {
      const ticked = q.options.map((o) => o.field).filter((f) => input[f] === true);
      if (q.options.some((o) => o.field in input)) out[q.id] = ticked;
    } else if (!(field in input)) {
      continue;
    } else if (q.form === "date") {
      out[q.id] = input[field] === null ? "unknown" : hanoiDate(-input[field]);
    } else if (q.form === "weights") {
      out[q.id] = { birth: 3000, latest: Math.round(3000 * (1 - input[field] / 100)) };
    } else {
      out[q.id] = input[field] === null ? "unknown" : input[field];
    }
  }
  return out;
}

await test("every rule through the real screens: the app's questions give what tia triage gives on the same inputs", async () => {
  const results = {};
  for (const [rule, input] of Object.entries(RULE_CASES)) {
    const context = await newContext({ viewport: { width: 390, height: 844 } });  // a new mother each
    const { page } = await newMother(context);
    await symptomCheck(page, answersFor(input));
    const shown = await page.getByTestId("disposition").textContent();
    const stored = (await page.evaluate(async () => {
      const me = await (await fetch("/api/v1/auth/me")).json();
      return (await (await fetch(`/api/v1/mothers/${me.id}/symptom-checks`)).json()).items;
    }))[0];
    // The same engine input through the command line: the same disposition and condition.
    const direct = JSON.parse(tia(["triage"], { input: JSON.stringify(input) }).toString());
    const fired = stored.result.fired.map((f) => f.id);
    check(fired.includes(rule), `${rule}: fired through the screens: ${fired} (answers ${JSON.stringify(stored.answers)})`);
    check(stored.result.disposition === direct.disposition && stored.result.condition === direct.condition,
          `${rule}: app ${stored.result.disposition}/${stored.result.condition}, tia triage ${direct.disposition}/${direct.condition}`);
    check(shown === { emergency: "Emergency: get help now", same_day: "Be seen by a clinician today",
                      contact_24h: "Talk to a clinician within 24 hours", self_care: "You can care for this at home" }[direct.disposition],
          `${rule}: the screen says ${shown}`);
    results[rule] = direct.disposition;
    await context.close();
  }
  check(results.S9 === "same_day" && results.E3 === "emergency" && results.C4 === "contact_24h",
        `the review's three examples: ${results.S9}, ${results.E3}, ${results.C4}`);
});

await test("what she says about herself is asked once, kept in her profile and changed in Settings", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const { page } = await newMother(context);
  await symptomCheck(page, { breastfeeding: true, diabetes: true, weakened_immunity: false, breast_implants: false,
                             breast_surgery: false, birth_date: hanoiDate(-12), side: "left", redness: "focal" });
  // Diabetes and a red area: same day (S9).
  check((await page.getByTestId("disposition").textContent()) === "Be seen by a clinician today", "S9 from the profile answer");
  const profile = await page.evaluate(async () => {
    const me = await (await fetch("/api/v1/auth/me")).json();
    return (await fetch(`/api/v1/mothers/${me.id}/profile`)).json();
  });
  check(profile.diabetes === true && profile.breastfeeding === true && profile.baby_birth_date === hanoiDate(-12),
        `kept in her profile: ${JSON.stringify(profile)}`);
  // The next check does not ask again, and says what it took from her profile.
  await page.getByRole("button", { name: "Tia" }).click();
  await page.getByRole("button", { name: "Symptom check" }).click();
  const known = await page.getByTestId("known").innerText();
  check(known.includes("Do you have diabetes? Yes"), `the profile's answer is shown: ${known}`);
  const asked = new Set();
  await walk(page, {}, async () => {
    for (const id of await page.locator("[data-question]").evaluateAll((els) => els.map((e) => e.dataset.question))) asked.add(id);
  });
  check(!asked.has("diabetes") && !asked.has("breastfeeding") && !asked.has("birth_date"), `asked once: ${[...asked]}`);
  // Settings shows it and changes it.
  await page.getByRole("button", { name: "Settings" }).click();
  const diabetes = page.locator("[data-profile=diabetes]");
  check(await diabetes.locator("input[value=yes]").isChecked(), "Settings shows her answer");
  await diabetes.locator("input[value=no]").check();
  await page.locator("form[aria-labelledby=about-you] button[type=submit]").click();
  await page.getByText("Saved").waitFor();
  const after = await page.evaluate(async () => {
    const me = await (await fetch("/api/v1/auth/me")).json();
    return (await fetch(`/api/v1/mothers/${me.id}/profile`)).json();
  });
  check(after.diabetes === false && after.breastfeeding === true, `changed in Settings: ${JSON.stringify(after)}`);
  await context.close();
});

await test("offline: the answers are kept, an emergency shows the number at once, the result comes when online", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const { page } = await newMother(context);
  await page.getByRole("button", { name: "Symptom check" }).click();
  await page.locator("[data-section]").waitFor();
  await context.setOffline(true);
  await walk(page, { side: "left", breast_feel: ["focal_tender_area"], danger_signs: ["new_confusion_or_drowsiness"] });
  await page.getByRole("button", { name: "See the result" }).click();
  await page.getByTestId("offline-check").waitFor();
  const call = page.getByTestId("emergency-now");
  check((await call.textContent()) === "Call 115 now" && (await call.getAttribute("href")) === "tel:115", "the emergency number, offline");
  const box = await call.boundingBox();
  check(box && box.y >= 0 && box.y + box.height <= 844, `the call button is on screen: ${JSON.stringify(box)}`);
  check((await page.locator("main").innerText()).includes("Do not wait for a connection"), "she is told not to wait");
  await page.screenshot({ path: join(ARTIFACTS, "offline-emergency.png"), fullPage: true });
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await page.getByTestId("disposition").waitFor();
  check((await page.getByTestId("disposition").textContent()) === "Emergency: get help now", "the server's result once online");
  await context.close();
});

await test("guided self-care: a 10-minute cold-pack timer ends with a vibration; the re-check comes due in 12 hours", async () => {
  const context = await newContext({ clock: false, viewport: { width: 390, height: 844 } });
  await context.addInitScript(() => {
    window.__vibrations = [];
    navigator.vibrate = (p) => { window.__vibrations.push(p); return true; };
  });
  const { page } = await newMother(context);
  await page.clock.install({ time: now() });
  await symptomCheck(page, { side: "left", breast_feel: ["focal_tender_area"], temperature: 38.2 });
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

await test("Vietnamese: the home, feed, check-in, result, history and summary screens show no English string", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
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
  await symptomCheck(page, { side: "left", breast_feel: ["focal_tender_area"], temperature: 38.6 }, async (section) => {
    const shown = await page.locator("main").innerText();
    for (const s of ["Where are", "Yes", "No", "Next", "Back", "I don't know", "Your temperature", "About you", "Check your answers"]) {
      check(!shown.includes(s), `the ${section} questions show "${s}"`);
    }
    await page.screenshot({ path: join(ARTIFACTS, `symptoms-vi-${section}.png`), fullPage: true });
  });
  text = await page.locator("body").innerText();
  for (const s of ["Talk to a clinician", "Why", "Sources", "What to do", "Fever", "Check again", "What is probably"]) {
    check(!text.includes(s), `result shows "${s}"`);
  }
  check(text.includes("Liên hệ nhân viên y tế trong 24 giờ"), "the Vietnamese result");
  await page.screenshot({ path: join(ARTIFACTS, "result-vi.png"), fullPage: true });
  await page.getByRole("button", { name: "Tia" }).click();
  await page.getByRole("button", { name: "Lịch sử và biểu đồ" }).click();
  await page.getByTestId("chart-feeds").waitFor();
  text = await page.locator("body").innerText();
  for (const s of ["Feeds per day", "Show the numbers", "Temperature", "fever", "Pain", "days", "Summary for", "left", "right"]) {
    check(!text.includes(s), `history shows "${s}"`);
  }
  await page.screenshot({ path: join(ARTIFACTS, "history-vi.png"), fullPage: true });
  await page.getByRole("button", { name: "Bản tóm tắt cho nữ hộ sinh hoặc bác sĩ" }).click();
  await page.getByTestId("summary").waitFor();
  await page.waitForFunction(() => document.querySelector("[data-testid=summary]").innerText.includes("Tia lập"));
  text = await page.locator("body").innerText();
  for (const s of ["Day by day", "Breast check-ins", "Highest", "Print", "Made by Tia", "Talk to a clinician", "Worth checking"]) {
    check(!text.includes(s), `summary shows "${s}"`);
  }
  await page.screenshot({ path: join(ARTIFACTS, "summary-vi.png"), fullPage: true });
  await context.close();
});

await test("history: a past feed, a top-up and a total-only pump show in the charts; the summary prints on one A4 page", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const { page, violations } = await newMother(context);
  // About her and the baby, saved to her profile.
  await page.getByRole("button", { name: "Settings" }).click();
  const born = hanoiDate(-10);
  await page.getByLabel("Baby's date of birth").fill(born);
  await page.getByLabel("Caesarean").check();
  await page.locator("form[aria-labelledby=about-you] button[type=submit]").click();
  await page.getByText("Saved").waitFor();
  const profile = await page.evaluate(async () => {
    const me = await (await fetch("/api/v1/auth/me")).json();
    return (await fetch(`/api/v1/mothers/${me.id}/profile`)).json();
  });
  check(profile.baby_birth_date === born && profile.delivery_type === "caesarean" && profile.units.volume === "ml",
        `profile saved: ${JSON.stringify(profile)}`);
  await page.getByRole("button", { name: "Tia" }).click();

  // A feed she did not time: 2 hours ago, 12 min left then 8 min right, then 30 mL formula.
  await page.getByRole("button", { name: "Start a feed" }).click();
  await page.getByRole("button", { name: "Log a past feed" }).click();
  const twoHoursAgo = await page.evaluate(() => {
    const ms = Date.now() - 2 * 3600000;
    return new Date(ms - new Date(ms).getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  });
  await page.getByLabel("Started at").fill(twoHoursAgo);
  await page.getByLabel("Minutes on the left").fill("12");
  await page.getByLabel("Minutes on the right").fill("8");
  await page.locator("select[name=milk]").selectOption("formula");
  await page.getByLabel("Amount (mL)").fill("30");
  await page.screenshot({ path: join(ARTIFACTS, "feed-past.png"), fullPage: true });
  await page.getByRole("button", { name: "Save" }).click();
  // A timed feed with a bottle top-up of expressed milk added during it.
  await page.getByRole("button", { name: "Start a feed" }).click();
  await page.getByRole("button", { name: "Start left" }).click();
  await sleep(1500);
  await page.getByRole("button", { name: "Add a bottle top-up" }).click();
  await page.getByLabel("Amount (mL)").fill("20");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  check((await page.getByTestId("top-ups").textContent()).includes("20 mL Expressed breast milk"), "the top-up is shown");
  await page.getByRole("button", { name: "Finish and save" }).click();
  // Hand expression, total only.
  await page.getByRole("button", { name: "Pumping" }).click();
  await page.getByLabel("Method").selectOption("hand_expression");
  await page.getByLabel("Total only").check();
  await page.getByLabel("Total (mL)").fill("45");
  await page.screenshot({ path: join(ARTIFACTS, "pump-total.png"), fullPage: true });
  await page.getByRole("button", { name: "Save" }).click();
  // A nappy, wet and dirty.
  await page.getByRole("button", { name: "Nappy" }).click();
  await page.getByRole("button", { name: "Wet" }).click();
  await page.getByRole("button", { name: "Dirty" }).click();
  await page.screenshot({ path: join(ARTIFACTS, "nappy.png"), fullPage: true });
  await page.getByRole("button", { name: "Save" }).click();
  // A check-in: pain 5 at 2 o'clock on the left, 38.2 degrees.
  await checkIn(page, { pain: 5, temp: 38.2 });
  await waitForRecords(page, "temperatures", 1);

  const fs = await feeds(page);
  check(fs.length === 2, `two feeds, got ${fs.length}`);
  const past = fs.find((f) => f.segments.length === 3);
  check(past && past.segments.map((x) => x.type + (x.side ?? x.milk)).join() === "breastleft,breastright,bottleformula" &&
        past.segments[2].volume_ml === 30, `the past feed: ${JSON.stringify(past)}`);
  const timed = fs.find((f) => f !== past);
  check(timed.segments.some((x) => x.type === "bottle" && x.milk === "expressed_breast_milk" && x.volume_ml === 20),
        `the top-up belongs to the timed feed: ${JSON.stringify(timed)}`);
  const pumps = await records(page, "pumps");
  check(pumps.length === 1 && pumps[0].total_ml === 45 && pumps[0].left_ml === undefined, `total-only pump: ${JSON.stringify(pumps)}`);

  await page.getByRole("button", { name: "History and charts" }).click();
  await page.getByTestId("chart-feeds").waitFor();
  const numbers = async (id) => {
    await page.getByTestId(id).locator("summary").click();
    return page.getByTestId(id).locator("tbody tr").evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  };
  const feedRows = await numbers("chart-feeds");
  check(feedRows.length === 7, `7 days by default, got ${feedRows.length}`);
  const totals = feedRows.reduce((a, r) => [a[0] + Number(r[1]), a[1] + Number(r[2])], [0, 0]);
  check(totals[0] === 2 && totals[1] === 1, `feeds by side over the week (left 2, right 1): ${JSON.stringify(feedRows)}`);
  const pumpRows = await numbers("chart-pump");
  check(pumpRows.some((r) => r[3] === "45"), `45 mL not by side: ${JSON.stringify(pumpRows)}`);
  const temp = await page.getByTestId("chart-temp").locator("svg").getAttribute("aria-label");
  check(temp.includes(" 38.2") && (await page.getByTestId("chart-temp").innerText()).includes("38 °C: fever"),
        `temperature chart with the fever line: ${temp}`);
  const pain = await page.getByTestId("chart-pain").locator("svg").getAttribute("aria-label");
  check(pain.includes("left, at 2 o'clock") && pain.includes(" 5 "), `pain by site: ${pain}`);
  await page.getByRole("button", { name: "30 days" }).click();
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=chart-feeds] tbody tr").length === 30);
  await page.screenshot({ path: join(ARTIFACTS, "history.png"), fullPage: true });

  // The one-page summary for the midwife, after a symptom check so its reasons are on it.
  await page.getByRole("button", { name: "Tia" }).click();
  // Nothing to answer: the log already holds the sore spot and 38.2 degrees.
  await page.getByRole("button", { name: "Symptom check" }).click();
  await page.getByTestId("known").waitFor();
  await walk(page, {});
  await page.getByRole("button", { name: "See the result" }).click();
  await page.getByTestId("disposition").waitFor();
  await page.getByRole("button", { name: "Tia" }).click();
  await page.getByRole("button", { name: "History and charts" }).click();
  await page.getByRole("button", { name: "Summary for my midwife or doctor" }).click();
  await page.getByTestId("summary").waitFor();
  await page.waitForFunction(() => document.querySelector("[data-testid=summary]").innerText.includes("(NICE-SEPSIS)"));
  const summary = await page.getByTestId("summary").innerText();
  // Her profile's caesarean 10 days ago plus 38.2 degrees: a same-day sepsis check (S1), on the page.
  check(summary.includes("Be seen by a clinician today") && summary.includes("S1: Fever"), `the check's result: ${summary}`);
  check(summary.includes("Lan") && summary.includes("caesarean birth") && summary.includes("Baby born"), "who it is about");
  check(/C\d+: .+\(.+\)/.test(summary) || /S\d+: .+\(.+\)/.test(summary), "the fired rules with their sources");
  check(summary.includes("Left breast") && summary.includes("pain 5/10") && summary.includes("at 2 o'clock"), "the check-in");
  check((await page.locator("[data-testid=summary] tbody tr").count()) === 7, "seven days in the table");
  const rows = await page.locator("[data-testid=summary] tbody tr").evaluateAll((rs) => rs.map((r) => [...r.children].map((c) => c.textContent)));
  // The past feed was 2 hours ago: just after midnight it falls on the day before, so the bottles
  // are summed over the week rather than looked for on one day.
  const bottles = rows.reduce((a, r) => a + Number(r[4]), 0);
  check(rows.some((r) => r[6] === "1 / 1") && bottles === 50, `nappies and bottles by day: ${JSON.stringify(rows)}`);
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: join(ARTIFACTS, "summary-print.png"), fullPage: true });
  const pdf = await page.pdf({ path: join(ARTIFACTS, "summary.pdf"), format: "A4", printBackground: true });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  console.log(`     printable summary: ${pages} A4 page(s), ${pdf.length} bytes`);
  check(pages === 1, `the summary prints on one page, got ${pages}`);
  check(violations.length === 0, `no CSP violations: ${violations.join("; ")}`);
  await context.close();
});

await test("settings: units, dark and nursery mode; a caregiver joins with a code and logs a feed for the mother", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const { page, violations } = await newMother(context);
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByLabel("oz").check();
  await page.getByLabel("°F").check();
  await page.getByLabel("Dark").check();
  check((await page.evaluate(() => document.documentElement.dataset.theme)) === "dark", "dark theme applied");
  await page.screenshot({ path: join(ARTIFACTS, "settings-dark.png"), fullPage: true });
  await page.getByLabel(/Nursery mode/).check();
  check(await page.evaluate(() => document.documentElement.hasAttribute("data-nursery")), "nursery mode applied");
  await page.getByRole("button", { name: "Tia" }).click();
  const height = await page.getByRole("button", { name: "Start a feed" }).evaluate((b) => b.getBoundingClientRect().height);
  check(height >= 72, `nursery mode makes the buttons larger: ${height}px`);
  await page.screenshot({ path: join(ARTIFACTS, "home-nursery.png"), fullPage: true });
  // Her units are the default on every form, and stay after a reload.
  await page.reload();
  await page.getByRole("button", { name: "Pumping" }).click();
  check(await page.getByLabel("Left (oz)").isVisible(), "pumping asks in oz");
  await page.getByRole("button", { name: "Tia" }).click();
  await page.getByRole("button", { name: "Symptom check" }).click();
  let inF = false;
  await walk(page, { temperature: 101.5 }, async (section) => {
    if (section === "body") inF = (await page.locator("[data-question=temperature] label").first().innerText()).includes("°F");
  });
  check(inF, "the temperature is asked in °F");
  await page.getByRole("button", { name: "See the result" }).click();
  await page.getByTestId("disposition").waitFor();
  const checks = await page.evaluate(async () => {
    const me = await (await fetch("/api/v1/auth/me")).json();
    return (await (await fetch(`/api/v1/mothers/${me.id}/symptom-checks`)).json()).items;
  });
  check(checks[0].answers.current_temp_c === 38.61, `101.5 F sent as 38.61 C: ${JSON.stringify(checks[0].answers)}`);
  await page.getByRole("button", { name: "Tia" }).click();

  // Sharing: an invitation for the baby's log; her partner joins on his own phone.
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Create an invitation" }).click();
  const code = await page.getByTestId("invite-code").locator("strong").textContent();
  const other = await newContext({ viewport: { width: 390, height: 844 } });
  const cg = await other.newPage();
  await cg.goto(server.base + "/");
  await cg.evaluate(() => localStorage.setItem("tia.lang", "en"));
  await cg.reload();
  await cg.getByRole("button", { name: "I have an invitation code" }).click();
  await cg.getByLabel("Invitation code").fill(code);
  await cg.getByLabel("E-mail").fill(`cg-${Date.now()}@example.org`);
  await cg.locator("input[name=password]").fill("a long partner password");
  await cg.locator("input[name=name]").fill("Minh");
  await cg.locator("button[type=submit]").click();
  await cg.getByTestId("acting-for").waitFor();
  check((await cg.getByTestId("acting-for").textContent()) === "Logging for Lan", "he logs for her");
  check(await cg.getByRole("button", { name: "Breast check-in" }).count() === 0, "the baby's scope shows no breast screens");
  await cg.screenshot({ path: join(ARTIFACTS, "caregiver-home.png"), fullPage: true });
  await cg.getByRole("button", { name: "Start a feed" }).click();
  await cg.getByRole("button", { name: "Start right" }).click();
  await sleep(1200);
  await cg.getByRole("button", { name: "Finish and save" }).click();
  const fs = await waitForRecords(page, "feeds", 1);
  check(fs.length === 1 && fs[0].segments[0].side === "right", `the partner's feed is in her log: ${JSON.stringify(fs)}`);
  await page.reload();
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByText("Minh · The baby's feeds and nappies").waitFor();
  await page.getByRole("button", { name: "Stop sharing" }).click();
  await page.getByText("Minh · The baby's feeds and nappies").waitFor({ state: "detached" });
  const after = await cg.evaluate(async (id) => (await fetch(`/api/v1/mothers/${id}/feeds`)).status, fs[0].id && (await page.evaluate(async () => (await (await fetch("/api/v1/auth/me")).json()).id)));
  check(after === 404, `after she stops sharing he sees nothing: ${after}`);
  check(violations.length === 0, `no CSP violations: ${violations.join("; ")}`);
  await other.close();
  await context.close();
});

await test("the symptom check asks only what the log does not know", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const { page } = await newMother(context);
  await checkIn(page, { pain: 6, temp: 38.6, redPatch: true });
  await waitForRecords(page, "temperatures", 1);
  await page.getByRole("button", { name: "Symptom check" }).click();
  const known = page.getByTestId("known");
  await known.waitFor();
  const text = await known.innerText();
  check(text.includes("Your temperature now? 38.6 °C") && text.includes("Where are the symptoms? Left breast") &&
        text.includes("Is the skin red? Red in one area"), `what the log knows is listed: ${text}`);
  await page.screenshot({ path: join(ARTIFACTS, "symptom-known.png"), fullPage: true });
  const asked = new Set();
  await walk(page, { symptom_hours: 30, self_care: 30, trend: "unchanged" }, async () => {
    for (const id of await page.locator("[data-question]").evaluateAll((els) => els.map((e) => e.dataset.question))) asked.add(id);
  });
  check(!asked.has("temperature") && !asked.has("side") && !asked.has("redness"), `the log's answers are not asked again: ${[...asked]}`);
  // The trend is hers to say, never worked out from the log; the highest reading comes from the log.
  check(asked.has("trend") && !asked.has("highest_temperature"), `the trend is asked: ${[...asked]}`);
  await page.getByRole("button", { name: "See the result" }).click();
  await page.getByTestId("disposition").waitFor();
  check((await page.getByTestId("disposition").textContent()) === "Be seen by a clinician today", "same day from the log's 38.6");
  // The next check is a re-check of this one.
  await page.getByRole("button", { name: "Tia" }).click();
  await page.getByRole("button", { name: "Symptom check" }).click();
  await page.getByRole("heading", { name: "Check again" }).waitFor();
  await page.getByRole("button", { name: "Answer these myself" }).click();
  let again = false;
  await walk(page, { trend: "worsening" }, async () => { again = again || (await page.locator("[data-question=temperature]").count()) === 1; });
  check(again, "she may still answer it herself");
  await page.getByRole("button", { name: "See the result" }).click();
  await page.getByTestId("disposition").waitFor();
  const items = await page.evaluate(async () => {
    const me = await (await fetch("/api/v1/auth/me")).json();
    return (await (await fetch(`/api/v1/mothers/${me.id}/symptom-checks`)).json()).items;
  });
  check(items.length === 2 && items[0].recheck_of === items[1].id, `the re-check names the first: ${JSON.stringify(items.map((i) => i.recheck_of))}`);
  await context.close();
});

await test("an entry the server refuses (a phone clock 2 hours fast) is kept and shown with the reason, not dropped", async () => {
  const context = await newContext({ clock: false, viewport: { width: 390, height: 844 } });
  const { page } = await newMother(context);
  await page.clock.install({ time: now() + 2 * 3600000 });
  await page.clock.resume();
  await page.getByRole("button", { name: "Start a feed" }).click();
  await page.getByRole("button", { name: "Start left" }).click();
  await sleep(1200);
  await page.getByRole("button", { name: "Finish and save" }).click();
  const card = page.getByTestId("refused");
  await card.waitFor();
  const text = await card.innerText();
  check(text.includes("Feed: occurred_at is more than 5 minutes in the future"), `the server's reason is shown: ${text}`);
  const stores = await page.evaluate(() => new Promise((res) => {
    const req = indexedDB.open("tia");
    req.onsuccess = () => {
      const t = req.result.transaction(["outbox", "refused"]);
      const a = t.objectStore("outbox").count();
      const b = t.objectStore("refused").count();
      t.oncomplete = () => res([a.result, b.result]);
    };
  }));
  check(stores[0] === 0 && stores[1] === 1, `out of the outbox, kept as refused: ${stores}`);
  await page.screenshot({ path: join(ARTIFACTS, "home-refused.png"), fullPage: true });
  await page.getByTestId("refused").getByRole("button", { name: "Discard" }).click();
  await card.waitFor({ state: "detached" });
  check((await feeds(page)).length === 0, "nothing was stored");
  await context.close();
});

// Injects axe into `p` (its context bypasses the CSP) and fails on any serious or critical violation.
const axe = readFileSync(join(here, "../node_modules/axe-core/axe.min.js"), "utf8");
const scanner = (p) => async (name) => {
  await p.addScriptTag({ content: axe });
  const r = await p.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(bad.length === 0, `${name}: ${bad.map((v) => `${v.id} (${v.nodes.length})`).join(", ")}`);
};

await test("accessibility: axe-core finds no serious or critical violation on each screen", async () => {
  // axe is injected as a script, which the app's CSP forbids: this context bypasses CSP for it only.
  const context = await newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const scan = scanner(page);

  await page.goto(server.base + "/");
  await page.getByRole("button", { name: /Create an account|Tạo tài khoản/ }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, "register.png"), fullPage: true });
  await scan("register");
  await context.close();
  const c2 = await newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
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
  // Every question screen, with the questions that open others answered so that they show.
  await walk(p2, { side: "left", lump: true, breast_feel: ["focal_tender_area"], temperature: 38.4, feelings: ["chills"],
                   heart_rate: 135, on_antibiotics: true }, (section) => scan2(`symptom questions: ${section}`));
  await p2.getByRole("button", { name: "See the result" }).click();
  await p2.getByTestId("disposition").waitFor();
  await scan2("emergency result");
  await p2.getByRole("button", { name: "Tia" }).click();
  await scan2("home with a re-check");
  await p2.getByRole("button", { name: "Symptom check" }).click();
  await walk(p2, { side: "left", breast_feel: ["focal_tender_area"], heart_rate: "unknown" });
  await scan2("symptom review");
  await p2.getByRole("button", { name: "See the result" }).click();
  await p2.getByRole("button", { name: "Start guided self-care" }).click();
  await p2.getByText("Step 1 of 10").waitFor();
  await scan2("guided self-care");
  await p2.getByRole("button", { name: "Settings" }).click();
  await p2.screenshot({ path: join(ARTIFACTS, "settings.png"), fullPage: true });
  await scan2("settings");
  await p2.getByRole("button", { name: "Tia" }).click();
  await p2.getByRole("button", { name: "Start a feed" }).click();
  await p2.getByRole("button", { name: "Log a past feed" }).click();
  await scan2("past feed");
  await p2.goto(server.base + "/?screen=nappy");  // the manifest's shortcut
  await p2.getByRole("heading", { name: "Nappy" }).waitFor();
  await scan2("nappy");
  await p2.getByRole("button", { name: "Tia" }).click();
  await p2.getByRole("button", { name: "History and charts" }).click();
  await p2.getByTestId("chart-feeds").waitFor();
  await p2.locator("details.chart-table").first().evaluate((d) => { d.open = true; });
  await scan2("history");
  await p2.getByRole("button", { name: "Summary for my midwife or doctor" }).click();
  await p2.getByTestId("summary").waitFor();
  await scan2("printable summary");
  await p2.getByRole("button", { name: "Tia" }).click();
  await p2.getByRole("button", { name: "Appointments" }).click();
  await scan2("appointments");
  await p2.getByRole("button", { name: "Book a visit" }).click();
  await p2.getByLabel(/Lactation consult/).check();
  await p2.locator(".slot-grid button").first().click();
  await scan2("booking: times and confirmation");
  // The same screens in the dark theme and in nursery mode (their own colours, so their own contrast).
  for (const [label, name] of [["Dark", "dark"], ["Nursery mode", "nursery"]]) {
    await p2.getByRole("button", { name: "Settings" }).click();
    await p2.getByLabel(label).check();
    await scan2(`settings (${name})`);
    await p2.getByRole("button", { name: "Tia" }).click();
    await scan2(`home (${name})`);
    await p2.getByRole("button", { name: "History and charts" }).click();
    await p2.getByTestId("chart-feeds").waitFor();
    await scan2(`history (${name})`);
    await p2.getByRole("button", { name: "Tia" }).click();
    await p2.getByRole("button", { name: "Breast check-in" }).click();
    await scan2(`breast check-in (${name})`);
    await p2.getByRole("button", { name: "Tia" }).click();
  }
  await c2.close();
  const c3 = await newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  const p3 = await c3.newPage();
  await p3.goto(server.base + "/");
  await p3.getByRole("button", { name: /I have an invitation code|Tôi có mã mời/ }).click();
  await scanner(p3)("caregiver joining");
  await c3.close();
});

async function apiLogin(email, password) {
  const r = await fetch(`${server.base}/api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password, token_type: "bearer" }) });
  return (await r.json()).token;
}

await test("the admin sets hours, a holiday, a room, a service's rules, a provider's week, a template and a calendar link; sees break-glass access", async () => {
  // Another hospital's emergency department opens a mother's record with a reason.
  const reg = await (await fetch(`${server.base}/api/v1/auth/register`, { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: `bg-${Date.now()}@example.org`, password: "a long mother password", display_name: "Nguyễn Thị Thu",
                           hospital_code: "tudu", token_type: "bearer",
                           consent: { text_version: "care-data-2026-11", accepted: true } }) })).json();
  tia(["--db", server.db, "hospital", "add", "--code", "choray", "--name", "Chợ Rẫy"], { stdio: "ignore" });
  tia(["--db", server.db, "user", "add", "--email", "er@choray.test", "--name", "Dr Phong", "--role", "clinician",
                     "--hospital", "choray"], { stdio: "ignore", env: { ...process.env, TIA_PASSWORD: "an er doctor password" } });
  const er = await apiLogin("er@choray.test", "an er doctor password");
  const glass = await fetch(`${server.base}/api/v1/mothers/${reg.user.id}/break-glass`, { method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${er}` }, body: JSON.stringify({ reason: "unconscious in our ED" }) });
  check(glass.status === 201, `break-glass granted: ${glass.status}`);
  // She has a visit with Midwife Lan, for the calendar link below.
  const auth = { "Content-Type": "application/json", Authorization: `Bearer ${reg.token}` };
  const consult = "5a3e0d7c-0000-4000-8000-000000000002";
  const free = await (await fetch(`${server.base}/api/v1/services/${consult}/slots?days=3`, { headers: auth })).json();
  const visit = await fetch(`${server.base}/api/v1/bookings/${randomUUID()}`, { method: "PUT", headers: auth,
    body: JSON.stringify({ service_id: consult, provider_id: free.providers[0].id, start: free.providers[0].slots[4].start }) });
  check(visit.status === 201, `her visit is booked: ${visit.status}`);

  const context = await newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await signIn(context, "admin@tudu.test", "an admin password 123", "Hospital settings");
  await page.getByTestId("break-glass").getByText("Dr Phong").waitFor();
  const flagged = await page.getByTestId("break-glass").innerText();
  check(flagged.includes("Dr Phong") && flagged.includes("unconscious in our ED") && flagged.includes("open until"),
        `the break-glass grant is shown: ${flagged}`);
  await page.getByLabel("Consultation team answers from").fill("07:00");
  await page.locator("input[name=team_end]").fill("21:00");
  await page.getByLabel(/Published reply window/).fill("72");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByText("Saved.").waitFor();
  const settings = await page.evaluate(async () => (await (await fetch("/api/v1/hospital/settings")).json()));
  check(settings.consultation.routine_reply_hours === 72 && settings.consultation.hours[0].start === "07:00" &&
        settings.consultation.hours[0].end === "21:00" && settings.hotline.number === "1900 6868",
        `settings saved, the hotline kept: ${JSON.stringify(settings)}`);
  await page.getByRole("textbox", { name: "Title" }).fill("Cold pack");
  await page.getByRole("textbox", { name: "Text", exact: true }).fill("A cold pack for 10 minutes after each feed eases the swelling.");
  await page.getByTestId("reply-templates").getByRole("button", { name: "Add" }).click();
  await page.getByTestId("templates").getByText("Cold pack").waitFor();
  // The booking set-up: a room, a holiday, a service's rules and room, a provider's week and a
  // dated change, a calendar link for her phone; each read back through the API.
  const rooms = page.getByTestId("rooms");
  await rooms.getByLabel("Room name").fill("Phòng 3");
  await rooms.getByRole("button", { name: "Add" }).click();
  await rooms.getByText("Phòng 3").waitFor();
  // Dates ahead of the tests' today, so that later tests still find free times today.
  const holiday = hanoiDate(40), leave = hanoiDate(30);
  const holidays = page.getByTestId("holidays");
  await holidays.getByLabel("Date").fill(holiday);
  await holidays.getByLabel("Name").fill("Tết");
  await holidays.getByRole("button", { name: "Add" }).click();
  await holidays.getByText(`${holiday} · Tết`).waitFor();
  await page.getByTestId("services").getByText("Lactation consult · 30 min · Offered").click();
  const lc = page.getByTestId("service-lc");
  await lc.getByLabel("Mothers may change the time until (minutes before)").fill("1440");
  await lc.getByLabel("Phòng 3").check();
  await lc.getByRole("button", { name: "Save" }).click();
  await lc.getByText("Saved.").waitFor();
  await page.getByTestId("providers").getByText("Midwife Lan", { exact: true }).click();
  const lan = page.getByTestId("provider-Midwife Lan");
  await lan.locator("input[name=sun_on]").uncheck();
  await lan.locator("input[name=mon_break_start]").first().fill("11:30");
  await lan.locator("input[name=mon_break_end]").first().fill("13:00");
  await lan.locator("form.exception-form input[name=date]").fill(leave);
  await lan.getByRole("button", { name: "Add the dated change" }).click();
  await lan.getByTestId("exceptions").getByText(`${leave} · Off all day`).waitFor();
  await lan.getByRole("button", { name: "Save" }).click();
  await lan.getByText("Saved.").waitFor();
  const [svcs, roomList, provs, stored] = await page.evaluate(async () => Promise.all(
    ["services", "rooms", "providers", "settings"].map(async (c) => (await fetch(`/api/v1/hospital/${c}`)).json())));
  const svc = svcs.items.find((x) => x.code === "lc");
  const room = roomList.items.find((x) => x.name === "Phòng 3");
  check(svc.reschedule_window_min === 1440 && svc.room_ids.join() === room.id && svc.duration_min === 30 &&
        svc.min_notice_min === 60 && svc.name.vi === "Tư vấn nuôi con bằng sữa mẹ", `the service's rules: ${JSON.stringify(svc)}`);
  const prov = provs.items.find((x) => x.name === "Midwife Lan");
  check(!prov.weekly.sun && prov.weekly.mon.start === "00:00" && prov.weekly.mon.end === "24:00" &&
        prov.weekly.mon.breaks.length === 1 && prov.weekly.mon.breaks[0].start === "11:30" &&
        prov.weekly.mon.breaks[0].end === "13:00" &&
        JSON.stringify(prov.exceptions) === JSON.stringify([{ date: leave, off: true }]) &&
        prov.service_ids.length === 2, `her week: ${JSON.stringify(prov)}`);
  check(stored.holidays.some((h) => h.date === holiday && h.name === "Tết") &&
        stored.holidays.length === (process.env.TIA_TEST_HOLIDAY ? 2 : 1) &&
        stored.consultation.routine_reply_hours === 72, `the holiday, the settings kept: ${JSON.stringify(stored)}`);
  await lan.getByRole("button", { name: "Make a new calendar link" }).click();
  const link = await lan.getByLabel("Calendar link").inputValue();
  const feed = await fetch(link);  // no session: the link is the credential
  const feedText = await feed.text();
  const events = new ICAL.Component(ICAL.parse(feedText)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  check(feed.status === 200 && events.length >= 1 && events.every((e) => e.uid.endsWith("@tia") && e.startDate) &&
        !feedText.includes("Thu"), `the calendar link parses (ical.js) and names no mother: ${feedText}`);
  await scanner(page)("the admin's screen, a service and a provider open");
  await page.screenshot({ path: join(ARTIFACTS, "admin.png"), fullPage: true });
  // Back to around the clock, as the other tests expect.
  await page.evaluate(async (s) => {
    const me = await (await fetch("/api/v1/auth/me")).json();
    await fetch("/api/v1/hospital/settings", { method: "PUT", headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrf_token },
                                                body: JSON.stringify({ ...s, consultation: { hours: [], routine_reply_hours: 48 } }) });
  }, settings);
  await context.close();
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
  const context = await newContext();
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(server.base + "/");
  await page.getByRole("button", { name: /Create an account|Tạo tài khoản/ }).waitFor();
  const tti = Date.now() - t0;
  // Reported, not asserted: timings on shared machines are noise (the issue's note gives the figure).
  console.log(`     time to interactive (loopback, cold context): ${tti} ms`);
  await context.close();
});

await browser.close();
server.stop();
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
