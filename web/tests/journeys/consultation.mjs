// A same-day result becomes a consultation: photo, the clinician's queue, a live reply, the visit marked arrived and seen.
import {
  ARTIFACTS, TIA, check, dirname, execFileSync, join, mkdtempSync, newClinician, newContext, newMother, now, randomUUID, rmSync, sameDayAnswers, symptomCheck, test, tia, tmpdir,
} from "../harness.mjs";

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
  // A patient-identity check: the record is headed with her name and record id, never the reader's.
  const motherId = await page.evaluate(async () => (await (await fetch("/api/v1/auth/me")).json()).id);
  const subject = await clin.getByTestId("summary-subject").innerText();
  check(subject.includes("Lan") && subject.includes(motherId) && !subject.includes("Hoa"),
        `the summary names the mother, not the viewer: ${subject}`);
  check((await clin.getByTestId("summary").locator("header").innerText()).includes("printed by Midwife Hoa"), "and who printed it");
  // ...and her last 14 days in charts, read as her record (the clinician's read is audited).
  await clin.getByTestId("record-charts").getByTestId("chart-feeds").waitFor();
  check(await clin.getByTestId("record-charts").getByTestId("chart-temp").count() === 1, "her temperatures charted in her record");
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
  await row.getByRole("button", { name: "Arrived" }).waitFor();
  check(Date.parse(visit.start) > now() && await row.getByRole("button", { name: "Did not come" }).count() === 0,
        `"did not come" is not offered before the visit starts (${visit.start})`);
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
