// Guided self-care: the cold-pack timer and the re-check.
import { ARTIFACTS, check, join, newContext, newMother, now, symptomCheck, test } from "../harness.mjs";

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
