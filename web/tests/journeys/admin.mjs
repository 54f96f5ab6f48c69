// The hospital admin's set-up.
import {
  ARTIFACTS, ICAL, apiLogin, check, hanoiDate, join, newContext, now, randomUUID, scanner, server, signIn, test, tia,
} from "../harness.mjs";

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
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText("Saved.").waitFor();
  const settings = await page.evaluate(async () => (await (await fetch("/api/v1/hospital/settings")).json()));
  check(settings.consultation.routine_reply_hours === 72 && settings.consultation.hours[0].start === "07:00" &&
        settings.consultation.hours[0].end === "21:00" && settings.hotline.number === "1900 6868",
        `settings saved, the hotline kept: ${JSON.stringify(settings)}`);
  // Editing again takes "Saved." away: it never stands beside a value not saved.
  await page.getByLabel(/Published reply window/).fill("-5");
  check(await page.getByText("Saved.").count() === 0, "no stale 'Saved.' beside an unsaved value");
  await page.getByLabel(/Published reply window/).fill("72");
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
  // A room's capacity is saved with its own button, like every other section.
  const room3 = rooms.getByTestId("room").filter({ hasText: "Phòng 3" });
  await room3.getByLabel("Seats").fill("4");
  await room3.getByRole("button", { name: "Save" }).click();
  await rooms.getByText("Saved.").waitFor();
  const saved3 = await page.evaluate(async () => (await (await fetch("/api/v1/hospital/rooms")).json()).items.find((r) => r.name === "Phòng 3"));
  check(saved3 && saved3.capacity === 4, `the room's capacity saved: ${JSON.stringify(saved3)}`);
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
