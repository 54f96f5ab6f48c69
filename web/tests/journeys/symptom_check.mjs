// The symptom check: the same-day and emergency results, every rule through the screens, the profile asked once, offline, and asking only what the log does not know.
import {
  ARTIFACTS, ICAL, PROTOCOL, answer, check, checkIn, hanoiDate, join, newContext, newMother, now, only, readFileSync, results, sameDayAnswers, server, symptomCheck, test, tia, waitForRecords, walk,
} from "../harness.mjs";

await test("a red, tender wedge at 38.6 C for 30 hours, unchanged after care, ends on the same-day screen", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const { page, violations } = await newMother(context);
  await symptomCheck(page, sameDayAnswers);
  check((await page.getByTestId("disposition").textContent()) === "Be seen by a clinician today", "same-day screen");
  const hotline = page.getByTestId("hotline");
  check((await hotline.getAttribute("href")) === "tel:1900 6868", "the hotline is offered");
  // It opens at the top: the decision and its actions on the first screen, then the one reason that decided it.
  check(await page.evaluate(() => window.scrollY) === 0, "the result opens at the top");
  for (const id of ["disposition", "book-visit"]) {
    const box = await page.getByTestId(id).boundingBox();
    check(box && box.y >= 0 && box.y + box.height <= 844, `${id} is inside the phone's screen: ${JSON.stringify(box)}`);
  }
  const reasons = page.getByTestId("deciding-reason");
  check(await reasons.count() === 1, "one deciding reason");
  const why = await reasons.innerText();
  check(why.includes("has not improved after 24 hours") && /Sources:\s*\[1\]\s*\[2\]/.test(why),
        `the deciding reason with numbered sources: ${why}`);
  check(!/CKS|WHO00|AAFP24/.test(await page.locator("main").innerText()), "no source codes on the screen");
  // What to do until she is seen: the self-care plan, with the guided player one tap away.
  const until = await page.getByTestId("until-then").innerText();
  check(until.startsWith("Until you are seen") && until.includes("cold pack"), `a self-care plan until she is seen: ${until}`);
  check(await page.getByTestId("start-guided").isVisible(), "the guided player is reachable from a same-day result");
  // The rest is folded: the probable condition, the other findings and the references by name.
  await page.getByTestId("other-findings").locator("summary").click();
  const more = await page.getByTestId("other-findings").innerText();
  check(more.includes("Mastitis that may be bacterial") && more.includes("NICE Clinical Knowledge Summaries: Mastitis and breast abscess."),
        `condition and references by name: ${more}`);
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
  // She is at the bottom of the long review when she asks for the result.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  check(await page.evaluate(() => window.scrollY) > 0, "the review is scrolled down");
  await page.getByRole("button", { name: "See the result" }).click();
  await page.getByTestId("disposition").waitFor();
  const call = await page.getByTestId("emergency-call").boundingBox();
  check(call && call.y >= 0 && call.y + call.height <= 844 && call.width >= 300,
        `the emergency number is inside the phone's screen, full width: ${JSON.stringify(call)}`);
  const first = page.locator("main > *").first();
  check((await first.getAttribute("data-testid")) === "emergency-call", "the emergency call comes before anything else");
  check((await first.textContent()) === "Call 115 now" && (await first.getAttribute("href")) === "tel:115", "emergency number 115");
  check((await page.getByTestId("disposition").textContent()) === "Emergency: get help now", "emergency screen");
  await page.screenshot({ path: join(ARTIFACTS, "result-emergency.png"), fullPage: true });
  check(await page.getByTestId("book-visit").count() === 0, "no booking action on an emergency result");
  // Home keeps the emergency in view: no "nothing to check" after an emergency result.
  await page.getByRole("button", { name: "Tia" }).click();
  await page.getByTestId("home-emergency").waitFor();
  const home = await page.getByTestId("home-emergency").boundingBox();
  check(home && home.y >= 0 && home.y < 844, `the emergency stays at the top of home: ${JSON.stringify(home)}`);
  check(!(await page.locator("main").innerText()).includes("Nothing needs checking right now."), "home does not reassure");
  // Even through her appointments, she cannot book: the emergency number instead of times.
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
  await page.getByText("Saved", { exact: true }).waitFor();
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
