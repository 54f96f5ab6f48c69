// An entry the server refuses is kept and explained.
import {
  ARTIFACTS, check, feeds, join, newContext, newMother, now, server, sleep, test, tia,
} from "../harness.mjs";

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
  check(text.includes("Feed: its time was not accepted; the phone's clock or date may be wrong") &&
        text.includes("more than 5 minutes in the future"), `why, and the server's reason, in English: ${text}`);
  // On the Vietnamese screen: the same in Vietnamese, no field name, no English sentence.
  await page.evaluate(() => localStorage.setItem("tia.lang", "vi"));
  await page.reload();
  await card.waitFor();
  const vi = await card.innerText();
  check(vi.includes("Cữ bú: thời gian của mục này không được chấp nhận") && !/occurred_at|future|minutes/.test(vi),
        `in Vietnamese, without the field name or the server's English: ${vi}`);
  await page.screenshot({ path: join(ARTIFACTS, "home-refused-vi.png"), fullPage: true });
  await page.evaluate(() => localStorage.setItem("tia.lang", "en"));
  await page.reload();
  await card.waitFor();
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
