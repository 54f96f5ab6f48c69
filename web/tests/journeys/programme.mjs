// The maternity programme (issue 15), in Vietnamese: a pregnant woman registers online at 12 weeks with a package,
// sees her antenatal schedule, enrols in the antenatal course with her husband, gets its calendar file; the midwife
// confirms her; 24 weeks later (a second server on the same database, its clock at 36+0) the midwife opens her birth
// file and records the birth; her home becomes the postpartum one with the discharge consultation and the
// re-examination of mother and baby on it. Each screen: no English sentence, no serious axe violation.
import { spawn } from "node:child_process";
import {
  ARTIFACTS, ENGLISH_ONLY, ICAL, TIA, apiLogin, root, check, englishOn, freePort, join, newContext, newMother, now, scanner, server, signIn, test, tia,
} from "../harness.mjs";

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };
const DAY = 86400000;
const hanoi = (ms) => new Date(ms + 7 * 3600000).toISOString().slice(0, 10);

// The programme's services, doctors, a package and the antenatal course, through the admin API.
async function configure() {
  const token = await apiLogin("admin@tudu.test", "an admin password 123");
  const put = async (path, body) => {
    const r = await fetch(server.base + path, { method: "PUT", body: JSON.stringify(body),
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` } });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json();
  };
  const allDay = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, { start: "00:00", end: "24:00" }]));
  const ids = {};
  for (const [code, vi] of [["antenatal-visit", "Khám thai"], ["antenatal-scan", "Siêu âm thai"],
                            ["nutrition-breastfeeding", "Tư vấn dinh dưỡng và nuôi con bằng sữa mẹ"],
                            ["reexam-mother", "Tái khám cho mẹ"], ["reexam-baby", "Tái khám cho bé"]]) {
    ids[code] = crypto.randomUUID();
    await put(`/api/v1/hospital/services/${ids[code]}`, { code, name: { vi, en: code }, kind: "other", modality: "in_person",
                                                           duration_min: 30, max_days_ahead: 200 });
  }
  for (const [name, codes] of [["BS. Sản khoa Hương", ["antenatal-visit", "antenatal-scan", "reexam-mother"]],
                               ["BS. Nhi khoa Tuấn", ["reexam-baby"]], ["Chuyên viên dinh dưỡng Hoa", ["nutrition-breastfeeding"]]]) {
    await put(`/api/v1/hospital/providers/${crypto.randomUUID()}`, { name, time_zone: "Asia/Ho_Chi_Minh",
                                                                    service_ids: codes.map((c) => ids[c]), weekly: allDay });
  }
  await put("/api/v1/packages/painless", { code: "painless", kind: "birth", name: { vi: "Sinh không đau", en: "Painless birth" },
    price_vnd: 15500000, deposit_vnd: 10000000, entitlements: [
      { kind: "antenatal_visit", label: { vi: "Khám thai", en: "Antenatal visits" }, count: 8, service_codes: ["antenatal-visit"] },
      { kind: "scan", label: { vi: "Siêu âm", en: "Scans" }, count: 4, service_codes: ["antenatal-scan"] },
      { kind: "consultation", label: { vi: "Tư vấn dinh dưỡng", en: "Nutrition consultation" }, count: 1, service_codes: ["nutrition-breastfeeding"] },
      { kind: "reexamination", label: { vi: "Tái khám mẹ và bé", en: "Re-examination" }, count: 2, service_codes: ["reexam-mother", "reexam-baby"] }],
    excluded: [{ vi: "Thuốc ngoài danh mục", en: "Medicines outside the list" }] });
  const saturday = (weeks) => {
    const d = new Date(now() + 7 * 3600000);
    const toSat = (6 - d.getUTCDay() + 7) % 7 || 7;
    return hanoi(now() + (toSat + 7 * weeks) * DAY);
  };
  const session = (day, vi, en) => ({ title: { vi, en }, start: `${day}T09:00:00+07:00`, end: `${day}T11:00:00+07:00`,
    room_seats: 20, online_seats: 50, online_url: "https://meet.tudu.example/lop-66", place: "Hội trường B" });
  const course = await put(`/api/v1/hospital/courses/${crypto.randomUUID()}`, {
    title: { vi: "Lớp tiền sản số 66", en: "Antenatal course 66" }, number: "66", companions_allowed: 1,
    sessions: [session(saturday(0), "Chuyển dạ và giảm đau", "Labour and pain relief"),
               session(saturday(1), "Chăm sóc bé: tắm bé", "Caring for the baby: bathing")] });
  return { course: course.course.id };
}

// `tia serve` on the tests' database with its clock at `at` (ms): the same hospital, later.
async function serverAt(at) {
  const port = await freePort();
  const proc = spawn(TIA, ["--clock", new Date(at).toISOString(), "--db", server.db, "serve", "--listen", `127.0.0.1:${port}`,
                           "--web-root", join(root, "web/dist")],
                     { stdio: ["ignore", "ignore", "ignore"], env: { ...process.env, TIA_LOG_LEVEL: "warn" } });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, stop: () => proc.kill("SIGTERM") };
}

async function vietnamese(page, base) {
  await page.evaluate(() => localStorage.setItem("tia.lang", "vi"));
  await page.goto(base + "/");
}

// A midwife of the demo hospital, added with the CLI, signed in on a laptop, in Vietnamese.
async function midwifeOnLaptop(email, name, password) {
  tia(["--db", server.db, "user", "add", "--email", email, "--name", name, "--role", "clinician", "--hospital", "tudu"],
      { stdio: "ignore", env: { ...process.env, TIA_PASSWORD: password } });
  const context = await newContext({ bypassCSP: true, viewport: LAPTOP });
  const page = await signIn(context, email, password, "Consultations");
  await vietnamese(page, server.base);
  return { context, page };
}

// `scope`: the programme's part of a screen shared with other work (the workspace's queue shows what
// mothers wrote, in their own words).
async function noEnglish(page, what, scope = null) {
  const english = scope
    ? (await Promise.all(scope.map((l) => page.locator(l).first().innerText())))
        .flatMap((text) => ENGLISH_ONLY.filter((s) => text.includes(s)))
    : await englishOn(page);
  check(english.length === 0, `${what}: English on a Vietnamese screen: ${english.join(" | ")}`);
  await scanner(page)(what);
}

await test("programme: she registers at 12 weeks, enrols with her husband, is confirmed, and after the birth her home shows the postnatal visits (vi)", async () => {
  const { course } = await configure();
  // 1. Register online at 12 weeks on her phone.
  const phone = await newContext({ bypassCSP: true, viewport: PHONE, isMobile: true, hasTouch: true });
  // axe is injected into the page (the contexts bypass the CSP; other journeys check it).
  const { page } = await newMother(phone, "vi");
  const email = await page.evaluate(async () => (await (await fetch("/api/v1/auth/me")).json()).email);
  await page.getByTestId("open-programme").click();
  await page.getByTestId("register-pregnancy").waitFor();
  await page.getByTestId("reg-date").fill(hanoi(now() - 84 * DAY));
  await page.getByLabel(/Sinh không đau/).check();
  await page.getByTestId("reg-phone").fill("0901 234 567");
  await page.locator("input[name=consent]").check();
  await noEnglish(page, "registration form");
  await page.screenshot({ path: join(ARTIFACTS, "programme-register-vi-phone.png"), fullPage: true });
  await page.getByRole("button", { name: "Gửi đăng ký" }).click();
  await page.getByTestId("reg-status").waitFor();
  check((await page.getByTestId("reg-status").innerText()).includes("Đã gửi"), "submitted");
  const nuchal = page.locator("[data-testid=contact][data-code=nuchal]");
  check((await nuchal.getByTestId("contact-status").innerText()).includes("Đến lúc khám"), "the nuchal scan is due at 12 weeks");
  check((await page.getByTestId("dating").innerText()).includes("12 tuần"), `12 weeks: ${await page.getByTestId("dating").innerText()}`);
  check((await page.getByTestId("my-package").innerText()).includes("đã dùng 0/8"), "the package shows what is used");
  await noEnglish(page, "her file");
  await page.screenshot({ path: join(ARTIFACTS, "programme-file-vi-phone.png"), fullPage: true });

  // 2. The antenatal course with her husband, and its calendar file.
  await page.getByTestId("open-classes").click();
  const card = page.locator(`[data-testid=course][data-id="${course}"]`);
  await card.getByTestId("with-companion").check();
  await card.getByTestId("companion-name").fill("Anh Minh");
  await noEnglish(page, "classes");
  await card.getByRole("button", { name: "Đăng ký khóa học" }).click();
  await card.getByTestId("my-seat").first().waitFor();
  const seat = await card.getByTestId("my-seat").first().innerText();
  check(seat.includes("Bạn đã có chỗ tại lớp") && seat.includes("2 chỗ"), `her seat and her husband's: ${seat}`);
  await page.screenshot({ path: join(ARTIFACTS, "programme-classes-vi-phone.png"), fullPage: true });
  const ics = await page.evaluate(async (id) => (await fetch(`/api/v1/courses/${id}/calendar.ics?lang=vi`)).text(), course);
  const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
  check(events.length === 2 && events.every((e) => e.summary.startsWith("Lớp tiền sản số 66")), `two sessions in her calendar: ${events.map((e) => e.summary)}`);
  check(events[0].component.getFirstPropertyValue("status") === "CONFIRMED", "confirmed in her calendar");

  // 3. The midwife confirms her (laptop, Vietnamese).
  const password = "a programme midwife password";
  const { context: laptop, page: ws } = await midwifeOnLaptop("programme-midwife@tudu.test", "Nữ hộ sinh Mai", password);
  const row = ws.getByTestId("ms-registration").filter({ hasText: "Lan" }).last();
  await row.getByRole("button").first().click();
  await ws.getByTestId("ms-confirm").click();
  await ws.getByTestId("ms-file").getByText("Bệnh viện đã xác nhận.").waitFor();
  await noEnglish(ws, "staff: her file", ["[data-testid=ms-registrations]", "[data-testid=ms-classes]", "header"]);
  await ws.screenshot({ path: join(ARTIFACTS, "programme-staff-confirm-vi-laptop.png"), fullPage: true });
  await laptop.close();
  // Her schedule now says when Tia will remind her of each visit ahead (the morphology scan: at 20+0).
  await page.goto(server.base + "/");
  await page.getByTestId("open-programme").click();
  await page.getByTestId("reg-status").getByText("Bệnh viện đã xác nhận.").waitFor();
  const morphology = page.locator("[data-testid=contact][data-code=morphology]");
  const reminder = await morphology.getByTestId("contact-reminder").innerText();
  check(reminder.startsWith("Tia sẽ nhắc bạn ngày"), `the morphology scan's reminder: ${reminder}`);

  // 4. 24 weeks later (36+0): the birth file, then the birth.
  const later = now() + 168 * DAY;
  const at36 = await serverAt(later);
  try {
    const staff = await newContext({ bypassCSP: true, viewport: LAPTOP, clock: false });
    await staff.clock.install({ time: later });
    const page36 = await staff.newPage();
    await page36.goto(at36.base + "/");
    await page36.evaluate(() => localStorage.setItem("tia.lang", "vi"));
    await page36.reload();
    await page36.getByRole("button", { name: "Tôi đã có tài khoản" }).click();
    await page36.locator("input[type=email]").fill("programme-midwife@tudu.test");
    await page36.locator("input[name=password]").fill(password);
    await page36.locator("button[type=submit]").click();
    const herRow = page36.getByTestId("ms-registration").filter({ hasText: "Lan" }).last();
    await herRow.getByRole("button").first().click();
    await page36.getByTestId("ms-open-file").click();
    await page36.getByTestId("ms-checklist").waitFor();
    await page36.getByTestId("birth-weight-0").fill("3100");
    await page36.getByTestId("birth-form").getByRole("button", { name: "Ghi nhận ca sinh" }).click();
    await page36.getByTestId("ms-birth").waitFor();
    await noEnglish(page36, "staff: the birth recorded", ["[data-testid=ms-registrations]", "[data-testid=ms-classes]", "header"]);
    await page36.screenshot({ path: join(ARTIFACTS, "programme-staff-birth-vi-laptop.png"), fullPage: true });
    await staff.close();

    // 5. Her home is the postpartum one, with the visits the birth booked.
    const after = await newContext({ bypassCSP: true, viewport: PHONE, isMobile: true, hasTouch: true, clock: false });
    await after.clock.install({ time: later + 3600000 });
    const home = await after.newPage();
    await home.goto(at36.base + "/");
    await home.evaluate(() => localStorage.setItem("tia.lang", "vi"));
    await home.reload();
    await home.getByRole("button", { name: "Tôi đã có tài khoản" }).click();
    await home.locator("input[type=email]").fill(email);
    await home.locator("input[name=password]").fill("a long mother password");
    await home.locator("button[type=submit]").click();
    await home.getByTestId("postnatal").waitFor();
    const visits = await home.getByTestId("postnatal-visit").allInnerTexts();
    check(visits.length === 3 && visits[0].includes("Tư vấn dinh dưỡng") && visits[1].includes("Tái khám cho mẹ") &&
          visits[2].includes("Tái khám cho bé"), `the postnatal visits on her home: ${visits}`);
    check(visits[1].split("·")[0].split(": ")[1] === visits[2].split("·")[0].split(": ")[1], "mother and baby at one visit");
    const weekCard = await home.getByTestId("week-card").innerText().catch(() => "");
    check(weekCard === "" || weekCard.includes("sau sinh"), `the week card counts from the birth: ${weekCard}`);
    check(await home.getByRole("button", { name: "Bắt đầu cho bú" }).isVisible(), "the feed button is there");
    await noEnglish(home, "postpartum home");
    await home.screenshot({ path: join(ARTIFACTS, "programme-postpartum-home-vi-phone.png"), fullPage: true });
    await after.close();
  } finally {
    at36.stop();
  }
  await phone.close();
});

await test("programme: the admin adds a package and a new version of it, edits the birth file's checklist and adds a class; the midwife cancels its session (vi)", async () => {
  const laptop = await newContext({ bypassCSP: true, viewport: LAPTOP });
  const page = await signIn(laptop, "admin@tudu.test", "an admin password 123", "Hospital settings");
  await vietnamese(page, server.base);
  const api = (path) => page.evaluate(async (p) => (await fetch(p)).json(), path);
  // A package, from nothing: its first version.
  const packages = page.getByTestId("admin-packages");
  await packages.getByTestId("pk-new").click();
  const form = packages.getByTestId("package-form");
  await form.getByLabel("Mã", { exact: true }).fill("mot-me-mot-phong");
  await form.getByLabel("Loại").first().selectOption("stay");
  await form.getByLabel("Tên (tiếng Việt)").fill("Một mẹ một phòng");
  await form.getByLabel("Tên (tiếng Anh)").fill("One mother, one room");
  await form.getByLabel("Giá (đồng)").fill("4500000");
  await form.getByLabel("Tiền đặt cọc (đồng)").fill("1000000");
  await form.getByTestId("pk-entitlements").getByRole("button", { name: "Thêm dòng" }).click();
  const row = form.getByTestId("pk-entitlements-row").first();
  await row.getByLabel("Loại").selectOption("room");
  await row.getByLabel("Nhãn (tiếng Việt)").fill("Phòng riêng");
  await row.getByLabel("Nhãn (tiếng Anh)").fill("A room of her own");
  await row.getByLabel("Số lượng").fill("0");
  await row.getByLabel("Số giường trong phòng").fill("1");
  await row.getByLabel("Số đêm").fill("3");
  // The server's words name the row and the field; nothing is stored.
  await form.getByRole("button", { name: "Lưu" }).click();
  const refused = await form.getByRole("alert").innerText();
  check(refused.startsWith("Quyền lợi trong gói · 1 · Số lượng"), `the refusal names the row and field: ${refused}`);
  check((await api("/api/v1/packages/mot-me-mot-phong")).status === 404, "nothing stored on a refusal");
  await row.getByLabel("Số lượng").fill("1");
  await form.getByRole("button", { name: "Lưu" }).click();
  await form.getByText("Đã lưu thành phiên bản 1.").waitFor();
  // A new price is a new version; the first stays as it was.
  await form.getByLabel("Giá (đồng)").fill("5000000");
  await form.getByRole("button", { name: "Lưu" }).click();
  await form.getByText("Đã lưu thành phiên bản 2.").waitFor();
  const v1 = await api("/api/v1/packages/mot-me-mot-phong?version=1"), v2 = await api("/api/v1/packages/mot-me-mot-phong");
  check(v1.price_vnd === 4500000 && v2.price_vnd === 5000000 && v2.version === 2 && v2.entitlements[0].beds === 1 &&
        v2.entitlements[0].nights === 3 && v2.kind === "stay", `two versions: ${JSON.stringify([v1.price_vnd, v2])}`);
  await form.getByRole("button", { name: "Lưu" }).click();
  await form.getByText("Không có thay đổi: giữ nguyên phiên bản đã lưu.").waitFor();

  // The birth file's checklist gets a line, then loses it again.
  const template = page.getByTestId("admin-schedule-template");
  check((await template.innerText()).includes("tái khám vào ngày thứ"), "the template's summary");
  await template.getByTestId("ms-template-edit").click();
  const lines = template.getByTestId("ms-checklist-row");
  const before = await lines.count();
  await template.getByTestId("ms-checklist").getByRole("button", { name: "Thêm dòng" }).click();
  const added = lines.nth(before);
  await added.getByLabel("Mã").fill("blood-group");
  await added.getByLabel("Nhãn (tiếng Việt)").fill("Nhóm máu");
  await added.getByLabel("Nhãn (tiếng Anh)").fill("Blood group");
  await template.getByRole("button", { name: "Lưu" }).last().click();
  await template.getByText("Đã lưu.").waitFor();
  const saved = await api("/api/v1/hospital/maternity");
  check(saved.birth_file.checklist.at(-1).code === "blood-group" && saved.birth_file.checklist.length === before + 1,
        `the checklist line saved: ${JSON.stringify(saved.birth_file.checklist.at(-1))}`);
  check(saved.antenatal_schedule.length > 5, "the schedule kept every contact");
  await added.getByRole("button", { name: "Xóa" }).click();
  await template.getByRole("button", { name: "Lưu" }).last().click();
  await template.getByText("Đã lưu.").waitFor();
  check((await api("/api/v1/hospital/maternity")).birth_file.checklist.length === before, "the line removed");

  // A class of one session, ten days ahead at 09:00 Ha Noi time.
  const courses = page.getByTestId("admin-courses");
  await courses.getByTestId("co-new").click();
  const cf = courses.getByTestId("course-form");
  await cf.getByLabel("Tên (tiếng Việt)").first().fill("Phòng tắc tia sữa");
  await cf.getByLabel("Tên (tiếng Anh)").first().fill("Preventing blocked ducts");
  await cf.getByTestId("co-sessions").getByRole("button", { name: "Thêm dòng" }).click();
  const s = cf.getByTestId("co-sessions-row").first();
  const day = hanoi(now() + 10 * DAY);
  await s.getByLabel("Tên (tiếng Việt)").fill("Cho bú đúng cách");
  await s.getByLabel("Tên (tiếng Anh)").fill("Feeding well");
  await s.getByLabel("Ngày").fill(day);
  await s.getByLabel("Từ").fill("09:00");
  await s.getByLabel("Đến").fill("10:30");
  await s.getByLabel("Chỗ tại lớp").fill("12");
  await cf.getByRole("button", { name: "Lưu" }).click();
  await cf.getByText("Đã lưu.").waitFor();
  const course = (await api("/api/v1/courses")).items.find((c) => c.title.vi === "Phòng tắc tia sữa");
  check(course && course.sessions[0].start === `${day}T09:00:00+07:00` && course.sessions[0].end === `${day}T10:30:00+07:00` &&
        course.sessions[0].room_seats === 12, `the class saved in Ha Noi time: ${JSON.stringify(course?.sessions)}`);
  await noEnglish(page, "admin: the programme's set-up",
                  ["[data-testid=admin-packages]", "[data-testid=admin-schedule-template]", "[data-testid=admin-courses]"]);
  await page.getByTestId("admin-packages").screenshot({ path: join(ARTIFACTS, "programme-admin-packages-vi-laptop.png") });
  await page.getByTestId("admin-courses").screenshot({ path: join(ARTIFACTS, "programme-admin-courses-vi-laptop.png") });
  // The same forms on a phone: nothing runs off the side.
  await page.setViewportSize(PHONE);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= PHONE.width, `the programme's set-up fits a 390 px phone: ${wide} px wide`);
  await page.getByTestId("admin-courses").screenshot({ path: join(ARTIFACTS, "programme-admin-courses-vi-phone.png") });
  await laptop.close();

  // The midwife cancels that session with a reason, after one more question.
  const password = "a class midwife password";
  const { context: staff, page: ws } = await midwifeOnLaptop("class-midwife@tudu.test", "Nữ hộ sinh Thu", password);
  const classes = ws.getByTestId("ms-classes");
  await classes.getByRole("button", { name: /Cho bú đúng cách/ }).click();
  await classes.getByTestId("ms-roster").waitFor();
  let asked = "";
  ws.once("dialog", (d) => { asked = d.message(); void d.accept(); });
  await classes.getByLabel("Lý do (người đã đăng ký sẽ được báo)").fill("Phòng học đang sửa chữa");
  await classes.getByRole("button", { name: "Hủy buổi học này" }).click();
  await classes.getByTestId("ms-session-cancelled").waitFor();
  check(asked.startsWith("Hủy buổi học này và báo cho"), `asked before cancelling: ${asked}`);
  const roster = await ws.evaluate(async (id) => (await fetch(`/api/v1/hospital/courses/${id}/sessions/1/roster`)).json(), course.id);
  check(roster.status === "cancelled", `the session is cancelled: ${roster.status}`);
  await noEnglish(ws, "staff: a class cancelled", ["[data-testid=ms-classes]"]);
  await staff.close();
});
