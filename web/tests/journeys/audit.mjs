// The administrator's audit log (issue 13, item 7), in Vietnamese on a laptop and on a phone: a
// clinician's reads of a mother's record show with both names; the admin filters by action, then
// by the clinician by tapping her name; nothing runs off the screen.
import { ARTIFACTS, ENGLISH_ONLY, apiLogin, check, join, measureLayout, newContext, server, signIn, test, tia } from "../harness.mjs";

// The app's English sentences inside `section` (other sections hold what earlier tests typed).
const englishIn = async (section) => {
  const text = await section.innerText();
  return ENGLISH_ONLY.filter((e) => text.includes(e));
};

await test("audit log in Vietnamese: a clinician's reads of a mother, filtered by action and by person, on a laptop and a phone", async () => {
  const reg = await (await fetch(`${server.base}/api/v1/auth/register`, { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: `au-${Date.now()}@example.org`, password: "a long mother password", display_name: "Trần Thị Mai",
                           hospital_code: "tudu", token_type: "bearer", consent: { text_version: "care-data-2026-11", accepted: true } }) })).json();
  const email = `hung-${Date.now()}@tudu.test`;
  tia(["--db", server.db, "user", "add", "--email", email, "--name", "Bác sĩ Hùng", "--role", "clinician", "--hospital", "tudu"],
      { stdio: "ignore", env: { ...process.env, TIA_PASSWORD: "a clinician password 123" } });
  const token = await apiLogin(email, "a clinician password 123");
  for (const path of ["/summary", "/feeds", "/profile"]) {
    const r = await fetch(`${server.base}/api/v1/mothers/${reg.user.id}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    check(r.ok, `the clinician reads ${path}: ${r.status}`);
  }

  for (const [name, viewport] of [["laptop", { width: 1366, height: 768 }], ["phone", { width: 390, height: 844 }]]) {
    const context = await newContext({ viewport });
    const page = await signIn(context, "admin@tudu.test", "an admin password 123", "Hospital settings");
    await page.evaluate(() => localStorage.setItem("tia.lang", "vi"));
    await page.reload();
    const log = page.getByTestId("audit-log");
    await log.getByRole("heading", { name: "Nhật ký truy cập" }).waitFor();
    await log.getByTestId("audit-row").first().waitFor();
    await log.getByLabel("Hành động").selectOption({ label: "xem" });
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll("[data-testid=audit-row]")];
      return rows.length > 0 && rows.every((r) => r.innerText.includes("xem"));
    });
    const reads = await log.getByTestId("audit-row").evaluateAll((rs) => rs.map((r) => r.innerText));
    check(reads.every((r) => r.includes("xem")), `only reads: ${reads.join(" | ")}`);
    check(reads.filter((r) => r.includes("Bác sĩ Hùng") && r.includes("Trần Thị Mai")).length >= 3, `his reads of her record: ${reads.join(" | ")}`);
    await log.getByRole("button", { name: "Bác sĩ Hùng" }).first().click();
    await log.getByTestId("audit-person").getByText("Chỉ những gì Bác sĩ Hùng đã làm.").waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=audit-row]")].every((r) => r.innerText.includes("Bác sĩ Hùng")));
    const { overflow, small } = await page.evaluate(measureLayout);
    check(overflow.length === 0 && small.length === 0, `${name}: ${[...overflow, ...small].join("; ")}`);
    const english = await englishIn(log);
    check(english.length === 0, `${name} shows English: ${english.join(" | ")}`);
    await log.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, `audit-${name}-vi.png`) });
    await context.close();
  }
});

await test("staff accounts in Vietnamese on a laptop: the admin invites a midwife, turns her account off and back on, resets her password; the audit log says so", async () => {
  const context = await newContext({ viewport: { width: 1366, height: 768 } });
  const page = await signIn(context, "admin@tudu.test", "an admin password 123", "Hospital settings");
  await page.evaluate(() => localStorage.setItem("tia.lang", "vi"));
  await page.reload();
  const staff = page.getByTestId("staff-accounts");
  await staff.getByRole("heading", { name: "Tài khoản nhân viên" }).waitFor();
  const email = `hoa-${Date.now()}@tudu.test`;
  const form = staff.getByTestId("staff-invite");
  await form.getByLabel("Thư điện tử").fill(email);
  await form.getByLabel("Tên hiển thị với sản phụ").fill("Nữ hộ sinh Hoa");
  await form.getByRole("button", { name: "Mời" }).click();
  await staff.getByRole("status").getByText(`Đã mời: ${email}`).waitFor();
  const row = staff.getByTestId("staff-row").filter({ hasText: email });
  await row.waitFor();
  await row.getByRole("button", { name: "Tắt tài khoản" }).click();
  await row.getByText("đã tắt").waitFor();
  const off = await page.evaluate(async (e) => (await (await fetch("/api/v1/hospital/staff")).json()).items.find((s) => s.email === e), email);
  check(off && off.active === false && off.display_name === "Nữ hộ sinh Hoa", `turned off on the server: ${JSON.stringify(off)}`);
  await row.getByRole("button", { name: "Bật lại" }).click();
  await row.getByRole("button", { name: "Đặt lại mật khẩu" }).click();
  await staff.getByRole("status").getByText("sẽ nhận e-mail có mã để đặt mật khẩu mới").waitFor();
  const { overflow, small } = await page.evaluate(measureLayout);
  check(overflow.length === 0 && small.length === 0, `laptop: ${[...overflow, ...small].join("; ")}`);
  const english = await englishIn(staff);
  check(english.length === 0, `shows English: ${english.join(" | ")}`);
  await staff.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, "staff-laptop-vi.png") });
  // The audit log, reloaded, names her in each of these.
  await page.reload();
  const log = page.getByTestId("audit-log");
  await log.getByTestId("audit-row").first().waitFor();
  const rows = await log.getByTestId("audit-row").evaluateAll((rs) => rs.map((r) => r.innerText));
  for (const act of ["mời", "tắt tài khoản", "bật lại tài khoản", "gửi mã đặt lại mật khẩu"]) {
    check(rows.some((r) => r.includes(act) && r.includes("Nữ hộ sinh Hoa")), `the log has "${act}": ${rows.slice(0, 8).join(" | ")}`);
  }
  await context.close();
});
