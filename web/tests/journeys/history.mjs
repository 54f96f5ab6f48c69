// History, charts and the printable summary.
import {
  ARTIFACTS, answer, check, checkIn, feeds, hanoiDate, join, newContext, newMother, now, only, records, sleep, test, waitForRecords, walk,
} from "../harness.mjs";

await test("history: a past feed, a top-up and a total-only pump show in the charts; the summary prints on one A4 page", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const { page, violations } = await newMother(context);
  // About her and the baby, saved to her profile.
  await page.getByRole("button", { name: "Settings" }).click();
  const born = hanoiDate(-10);
  await page.getByLabel("Baby's date of birth").fill(born);
  await page.getByLabel("Caesarean").check();
  await page.locator("form[aria-labelledby=about-you] button[type=submit]").click();
  await page.getByText("Saved", { exact: true }).waitFor();
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

await test("the summary of a heavy week (10 feeds a day, pumping, nappies, temperatures, check-ins) still prints on one A4 page", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const { page } = await newMother(context);
  // Seven days of heavy logging, sent as the phone's outbox sends them (one /sync batch).
  const written = await page.evaluate(async () => {
    const me = await (await fetch("/api/v1/auth/me")).json();
    const at = (minutesAgo) => new Date(Date.now() - minutesAgo * 60000).toISOString();
    const items = [];
    const add = (kind, body) => items.push({ kind, id: crypto.randomUUID(), body });
    for (let day = 0; day < 7; day++) {
      const dayStart = (day + 1) * 1440 - 30;  // minutes ago at which this day's logging starts
      for (let f = 0; f < 10; f++) {
        const s = dayStart - f * 140;
        add("feed", { occurred_at: at(s), segments: [
          { type: "breast", side: f % 2 ? "right" : "left", start: at(s), end: at(s - 15) },
          { type: "breast", side: f % 2 ? "left" : "right", start: at(s - 16), end: at(s - 26) },
          ...(f === 9 ? [{ type: "bottle", milk: "expressed_breast_milk", volume_ml: 40 }] : [])] });
      }
      for (let p = 0; p < 4; p++) add("pump", { occurred_at: at(dayStart - 60 - p * 330), method: "electric_double", left_ml: 50 + p, right_ml: 45 + p, duration_min: 15 });
      for (let n = 0; n < 8; n++) add("nappy", { occurred_at: at(dayStart - 20 - n * 170), wet: true, dirty: n % 3 === 0 });
      for (const [k, c] of [[0, 37.4], [700, 38.1 - day * 0.1]]) add("temperature", { occurred_at: at(dayStart - 40 - k), temp_c: c });
      add("breast_check", { occurred_at: at(dayStart - 500), left: { pain: 3 + (day % 3), locations: [{ clock: 2, distance_cm: 3 }], redness: "focal" } });
    }
    const r = await fetch(`/api/v1/mothers/${me.id}/sync`, { method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrf_token }, body: JSON.stringify({ items }) });
    const out = await r.json();
    return { status: r.status, sent: items.length, ok: out.results.filter((x) => x.status < 300).length,
             refused: out.results.filter((x) => x.status >= 300).slice(0, 3) };
  });
  check(written.status === 200 && written.ok === written.sent && written.sent === 7 * 25,
        `a heavy week written: ${JSON.stringify(written)}`);
  await page.goto(page.url().replace(/\/[^/]*$/, "/summary"));
  await page.getByTestId("summary").waitFor();
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=summary] tbody tr").length === 7);
  const rows = await page.locator("[data-testid=summary] tbody tr").evaluateAll((rs) => rs.map((r) => [...r.children].map((c) => c.textContent)));
  check(rows.filter((r) => r[1] === "10").length >= 6, `ten feeds on the full days: ${JSON.stringify(rows)}`);
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: join(ARTIFACTS, "summary-heavy-week.png"), fullPage: true });
  const pdf = await page.pdf({ path: join(ARTIFACTS, "summary-heavy-week.pdf"), format: "A4", printBackground: true });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  console.log(`     heavy week: ${written.sent} entries, ${pages} A4 page(s), ${pdf.length} bytes`);
  check(pages === 1, `a heavy week's summary prints on one page, got ${pages}`);
  await context.close();
});
