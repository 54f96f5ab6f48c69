// A mother logs feeds: a two-sided feed with a pause, offline and back.
import {
  ARTIFACTS, check, checkIn, feeds, join, newContext, newMother, records, sleep, test, tia, waitForRecords,
} from "../harness.mjs";

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
  // Discarding a running feed asks first; "keep timing" keeps it.
  await page.getByTestId("discard").click();
  await page.getByRole("button", { name: "Keep timing" }).click();
  check(await page.getByTestId("discard-yes").count() === 0 && await page.getByRole("button", { name: "Finish and save" }).isVisible(),
        "the feed keeps running after a discard she did not confirm");
  const save = await page.getByRole("button", { name: "Finish and save" }).boundingBox();
  const discard = await page.getByTestId("discard").boundingBox();
  check(discard.y - (save.y + save.height) >= 32, `discard sits well away from save: ${JSON.stringify({ save, discard })}`);
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
  // Home counts what waits in the outbox: the offline feed (on the right, just now) and the pumping.
  await page.getByTestId("last-pump").waitFor();
  const last = await page.getByTestId("last-feed").innerText();
  check(/just now, ended on the right|\d+ min ago, ended on the right/.test(last) && last.includes("Last pumping: just now"),
        `home shows the offline feed and pumping: ${last}`);
  check(await page.getByTestId("signals-unknown").count() === 1 &&
        !(await page.locator("main").innerText()).includes("Nothing needs checking"), "offline, home does not claim all is well");
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
