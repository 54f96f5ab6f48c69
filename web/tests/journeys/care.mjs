// Care and medicine in Vietnamese on a phone (issue 13, item 5): a cold pack on the left breast for
// 10 minutes and a pain reliever she took, logged from home; each reaches the server as the
// care_action the symptom check reads, and the screen asks for a medicine's name in Vietnamese.
import { ARTIFACTS, check, englishOn, join, measureLayout, newContext, newMother, records, test, waitForRecords } from "../harness.mjs";

await test("care and medicine in Vietnamese: a cold pack and a pain reliever logged from home reach the server", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const { page, violations } = await newMother(context, "vi");
  await page.getByRole("button", { name: "Chườm lạnh, thuốc" }).click();
  await page.getByRole("heading", { name: "Chăm sóc và thuốc" }).waitFor();
  check(new URL(page.url()).pathname === "/care", `its own URL: ${page.url()}`);
  await page.getByLabel("Trái").check();
  await page.getByLabel("Trong bao nhiêu phút").fill("10");
  const { overflow, small } = await page.evaluate(measureLayout);
  check(overflow.length === 0 && small.length === 0, `fits the phone: ${[...overflow, ...small].join("; ")}`);
  const english = await englishOn(page);
  check(english.length === 0, `no English: ${english.join(" | ")}`);
  await page.screenshot({ path: join(ARTIFACTS, "care-vi.png"), fullPage: true });
  await page.getByRole("button", { name: "Lưu" }).click();
  await page.getByRole("button", { name: "Bắt đầu cho bú" }).waitFor();

  await page.getByRole("button", { name: "Chườm lạnh, thuốc" }).click();
  await page.getByLabel("Thuốc giảm đau").check();
  await page.getByRole("button", { name: "Lưu" }).click();
  check((await page.getByRole("alert").textContent()).includes("Hãy ghi tên thuốc."), "a medicine needs its name");
  check((await page.locator("main").innerText()).includes("Tia không khuyên dùng thuốc hay liều nào"), "Tia does not prescribe, and says so");
  await page.getByLabel("Tên thuốc, như trên hộp").fill("Paracetamol");
  await page.getByLabel("Liều, mg (nếu bạn biết)").fill("500");
  await page.screenshot({ path: join(ARTIFACTS, "care-medicine-vi.png"), fullPage: true });
  await page.getByRole("button", { name: "Lưu" }).click();
  await page.getByRole("button", { name: "Bắt đầu cho bú" }).waitFor();

  const items = await waitForRecords(page, "care-actions", 2);
  const cold = items.find((x) => x.action === "cold_pack");
  const pill = items.find((x) => x.action === "pain_relief");
  check(cold && cold.side === "left" && cold.minutes === 10 && !("medicine" in cold), `the cold pack: ${JSON.stringify(cold)}`);
  check(pill && pill.medicine === "Paracetamol" && pill.dose_mg === 500 && !("minutes" in pill), `the pain reliever: ${JSON.stringify(pill)}`);
  check((await records(page, "care-actions")).length === 2, "each once");
  check(violations.length === 0, `CSP: ${violations.join("; ")}`);
  await context.close();
});
