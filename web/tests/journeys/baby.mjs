// The baby's profile and growth (issue 13, item 5), in Vietnamese on a 390 px phone: added from
// home, two weights logged, the latest shown against the birth weight as the symptom check reads
// it, on a chart; home then names the baby and her age.
import { ARTIFACTS, check, englishOn, hanoiDate, join, measureLayout, newContext, newMother, now, records, test } from "../harness.mjs";

await test("the baby in Vietnamese: her details from home, two weights, the latest 6,3% below the birth weight on a chart", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const { page, violations } = await newMother(context, "vi");
  await page.getByTestId("add-baby").click();
  await page.getByRole("heading", { name: "Bé của bạn" }).waitFor();
  check(new URL(page.url()).pathname === "/baby", `its own URL: ${page.url()}`);
  await page.getByLabel("Tên (hoặc tên ở nhà)").fill("Bông");
  await page.getByLabel("Ngày sinh của bé").fill(hanoiDate(-5));
  await page.getByLabel("Cân nặng lúc sinh (g)").fill("3200");
  await page.getByLabel("Sinh lúc thai bao nhiêu tuần").fill("39");
  await page.getByRole("button", { name: "Lưu" }).click();
  await page.getByRole("heading", { name: "Cân nặng và sự phát triển" }).waitFor();

  // The clinic's weight yesterday, then today's at home: the latest is today's.
  const yesterday = new Date(now() - 86400000 + 7 * 3600000).toISOString().slice(0, 16);
  for (const [grams, where, when] of [["2950", "ở phòng khám", yesterday], ["3000", "ở nhà", ""]]) {
    await page.getByRole("spinbutton", { name: "Cân nặng (g)" }).fill(grams);
    await page.getByRole("radio", { name: where }).check();
    await page.getByLabel("Lúc nào").fill(when);
    await page.getByRole("button", { name: "Thêm lần cân này" }).click();
    await page.getByTestId("weight").filter({ hasText: `${grams} g` }).waitFor();
  }
  const note = await page.getByTestId("below-birth").innerText();
  check(note.includes("thấp hơn cân nặng lúc sinh 6,3%"), `against the birth weight: ${note}`);
  check(await page.getByTestId("chart-weight").locator("circle").count() >= 3, "birth and two weights on the chart");
  const { overflow, small } = await page.evaluate(measureLayout);
  check(overflow.length === 0 && small.length === 0, `fits the phone: ${[...overflow, ...small].join("; ")}`);
  const english = await englishOn(page);
  check(english.length === 0, `no English: ${english.join(" | ")}`);
  await page.screenshot({ path: join(ARTIFACTS, "baby-vi.png"), fullPage: true });

  const [baby] = await records(page, "infants");
  check(baby.name === "Bông" && baby.birth_weight_g === 3200 && baby.gestation_weeks === 39 && baby.birth_date === hanoiDate(-5),
        `the baby: ${JSON.stringify(baby)}`);
  const weights = await records(page, "infant-weights");
  check(weights.length === 2 && weights.every((w) => w.infant_id === baby.id) && weights.map((w) => w.weight_g).sort().join() === "2950,3000",
        `her weights: ${JSON.stringify(weights)}`);
  await page.getByRole("button", { name: "Tia" }).click();
  check((await page.getByTestId("baby").innerText()).includes("Bông, 5 ngày tuổi"), "home names the baby and her age");
  check(violations.length === 0, `CSP: ${violations.join("; ")}`);
  await context.close();
});
