// Her log by day (issue 13, item 5), in Vietnamese on a 390 px phone: entries of two days, newest
// first; a deletion that she undoes stays on the server, one she lets go leaves it after the undo
// time; a pumping amount corrected with the version she saw.
import { ARTIFACTS, check, englishOn, join, measureLayout, newContext, newMother, records, test } from "../harness.mjs";

async function fits(page, what) {
  const { overflow, small } = await page.evaluate(measureLayout);
  check(overflow.length === 0 && small.length === 0, `${what}: ${[...overflow, ...small].join("; ")}`);
  const english = await englishOn(page);
  check(english.length === 0, `${what} shows English: ${english.join(" | ")}`);
}

await test("her log by day in Vietnamese: newest first, delete with undo, a pumping amount and a feed's minutes corrected", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const { page, violations } = await newMother(context, "vi");
  const ids = await page.evaluate(async () => {
    const me = await (await fetch("/api/v1/auth/me")).json();
    const at = (min) => new Date(Date.now() - min * 60000).toISOString();
    const put = async (coll, body) => {
      const id = crypto.randomUUID();
      const r = await fetch(`/api/v1/mothers/${me.id}/${coll}/${id}`, { method: "PUT",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrf_token }, body: JSON.stringify(body) });
      if (!r.ok) throw new Error(`${coll}: ${r.status} ${await r.text()}`);
      return id;
    };
    return {
      nappy: await put("nappies", { occurred_at: at(30), wet: true, dirty: false }),
      pump: await put("pumps", { occurred_at: at(120), method: "electric_double", left_ml: 50, right_ml: 45 }),
      feed: await put("feeds", { occurred_at: at(26 * 60), segments: [{ type: "breast", side: "left", start: at(26 * 60), end: at(26 * 60 - 15) }] }),
    };
  });
  await page.getByRole("button", { name: "Lịch sử và biểu đồ" }).click();
  await page.getByRole("button", { name: "Từng mục theo ngày (sửa hoặc xoá)" }).click();
  await page.getByRole("heading", { name: "Nhật ký theo ngày" }).waitFor();
  await page.getByTestId("log-entry").first().waitFor();
  check(new URL(page.url()).pathname === "/log", `its own URL: ${page.url()}`);
  const order = await page.getByTestId("log-entry").evaluateAll((els) => els.map((e) => e.dataset.id));
  check(order.join() === [ids.nappy, ids.pump, ids.feed].join(), `newest first: ${order}`);
  check(await page.getByTestId("log-day").count() === 2, "two days");
  const pumpRow = page.locator(`[data-id="${ids.pump}"]`);
  check((await pumpRow.innerText()).includes("trái 50 mL · phải 45 mL"), `the pumping described: ${await pumpRow.innerText()}`);
  await fits(page, "the log");
  await page.screenshot({ path: join(ARTIFACTS, "log-vi.png"), fullPage: true });

  // Delete, then undo: it comes back, and the server never lost it.
  const nappyRow = page.locator(`[data-id="${ids.nappy}"]`);
  await nappyRow.getByRole("button", { name: "Xoá" }).click();
  await page.getByTestId("undo-bar").getByText("Đã xoá: Thay tã.").waitFor();
  check(await nappyRow.count() === 0, "hidden while undo is offered");
  await page.screenshot({ path: join(ARTIFACTS, "log-undo-vi.png") });
  await fits(page, "the log with undo");
  await page.getByRole("button", { name: "Hoàn tác" }).click();
  await nappyRow.waitFor();
  await page.clock.runFor(8000);
  check((await records(page, "nappies")).length === 1, "undone: still on the server");
  // Delete and let it go: gone from the list and from the server.
  await nappyRow.getByRole("button", { name: "Xoá" }).click();
  await page.clock.runFor(7000);
  await page.getByTestId("undo-bar").waitFor({ state: "detached" });
  for (let i = 0; i < 50 && (await records(page, "nappies")).length > 0; i++) await page.waitForTimeout(100);
  check((await records(page, "nappies")).length === 0, "deleted on the server after the undo time");

  // Correct the left amount of the pumping.
  await pumpRow.getByRole("button", { name: "Sửa" }).click();
  await pumpRow.getByLabel("trái (mL)").fill("60");
  await fits(page, "correcting an entry");
  await page.screenshot({ path: join(ARTIFACTS, "log-correct-vi.png"), fullPage: true });
  await pumpRow.getByRole("button", { name: "Lưu" }).click();
  await pumpRow.getByText("trái 60 mL · phải 45 mL").waitFor();
  const pump = (await records(page, "pumps"))[0];
  check(pump.left_ml === 60 && pump.right_ml === 45 && pump.version === 2, `corrected once: ${JSON.stringify(pump)}`);
  // A feed whose timer ran on: the left side corrected from 15 to 12 minutes.
  const feedRow = page.locator(`[data-id="${ids.feed}"]`);
  await feedRow.getByRole("button", { name: "Sửa" }).click();
  await feedRow.getByLabel("trái (phút)").fill("12");
  await feedRow.getByRole("button", { name: "Lưu" }).click();
  await feedRow.getByText("trái 12 phút").waitFor();
  const fed = (await records(page, "feeds"))[0];
  const seg = fed.segments[0];
  check(Math.round((Date.parse(seg.end) - Date.parse(seg.start)) / 60000) === 12 && fed.version === 2,
        `the feed corrected: ${JSON.stringify(fed)}`);
  check(violations.length === 0, `CSP: ${violations.join("; ")}`);
  await context.close();
});
