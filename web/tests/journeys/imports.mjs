// Imports (issue 16): on her phone, in Vietnamese, she brings her Huckleberry log into Tia from
// settings, sees what would be added and what would not, imports it, and finds the feeds in her
// history and charts. The file is written here in Huckleberry's published format, dated in the
// last days so the week's chart shows it (tests/data/imports/ has the fixed samples).
import {
  ARTIFACTS, check, englishOn, hanoiDate, join, mkdtempSync, newContext, newMother, scanner, test, tmpdir,
} from "../harness.mjs";
import { writeFileSync } from "node:fs";

await test("imports: a Huckleberry file from settings, previewed, imported once, in her history and charts (vi, phone)", async () => {
  const day = hanoiDate(-2);
  const file = join(mkdtempSync(join(tmpdir(), "tia-import-")), "huckleberry.csv");
  writeFileSync(file, [
    "Type,Start,End,Duration,Start Condition,Start Location,End Condition,Notes",
    `Feed,${day} 06:10,${day} 06:59,00:49,00:24R,Breast,00:25L,`,
    `Feed,${day} 09:00,${day} 09:15,00:15,Breast Milk,Bottle,120ml,`,
    `Feed,${day} 12:00,${day} 12:20,00:20,00:20L,Breast,,`,
    `Sleep,${day} 13:00,${day} 14:30,01:30,,,,`,
    `Diaper,${day} 10:30,,,,,Pee:medium,`,
    "",
  ].join("\n"));
  const context = await newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  const { page } = await newMother(context, "vi");
  await page.getByRole("button", { name: "Cài đặt" }).click();
  const card = page.getByTestId("import");
  await card.getByRole("heading", { name: "Chuyển nhật ký từ ứng dụng khác" }).waitFor();
  await card.getByLabel("Tệp đã xuất").setInputFiles(file);
  await card.getByRole("button", { name: "Xem trước những gì sẽ được thêm" }).click();
  const preview = card.getByTestId("import-preview");
  await preview.waitFor();
  const shown = await preview.innerText();
  check(shown.includes("3 Cữ bú") && shown.includes("1 Tã") && shown.includes("Không nhập (1)"), `the preview: ${shown}`);
  await preview.getByText("Không nhập (1)").click();
  await preview.getByText('Dòng 5: Tia không ghi mục "Sleep"').waitFor();
  const stored = await page.evaluate(async () => {
    const me = await (await fetch("/api/v1/auth/me")).json();
    return (await (await fetch(`/api/v1/mothers/${me.id}/feeds`)).json()).items.length;
  });
  check(stored === 0, `nothing stored by the preview: ${stored}`);
  const confirm = preview.getByRole("button", { name: "Nhập 4 mục" });
  await confirm.scrollIntoViewIfNeeded();
  const box = await confirm.boundingBox();
  check(box && box.y >= 0 && box.y + box.height <= 844 && box.x + box.width <= 390, `the import button is on screen: ${JSON.stringify(box)}`);
  await card.screenshot({ path: join(ARTIFACTS, "import-preview-vi.png") });
  const english = await englishOn(page);
  check(english.length === 0, `no English on the import card: ${english}`);
  await scanner(page)("import preview");
  await confirm.click();
  await card.getByText("Đã nhập 4 mục").waitFor();

  // The same file again: nothing new.
  await card.getByRole("button", { name: "Xem trước những gì sẽ được thêm" }).click();
  await card.getByText("Không có gì mới").waitFor();

  // Her history and the week's chart have them.
  await page.getByRole("button", { name: "Tia" }).click();
  await page.getByRole("button", { name: "Lịch sử và biểu đồ" }).click();
  await page.getByTestId("chart-feeds").waitFor();
  await page.getByTestId("chart-feeds").locator("summary").click();
  const rows = await page.getByTestId("chart-feeds").locator("tbody tr")
    .evaluateAll((trs) => trs.map((r) => [...r.children].map((c) => c.textContent)));
  const total = rows.reduce((n, r) => n + Number(r[1]) + Number(r[2]), 0);
  check(total === 3, `the imported breast feeds by side in the chart (right+left, left): ${JSON.stringify(rows)}`);
  await page.screenshot({ path: join(ARTIFACTS, "import-history-vi.png"), fullPage: true });
  // ...and her entries, day by day, where she can correct them like any other.
  await page.getByRole("button", { name: "Từng mục theo ngày (sửa hoặc xoá)" }).click();
  await page.getByTestId("log-entry").first().waitFor();
  const feedsListed = await page.locator("[data-testid=log-entry][data-kind=feed]").allInnerTexts();
  check(feedsListed.length === 3 && feedsListed.some((x) => x.includes("06:10")) && feedsListed.some((x) => x.includes("120")),
        `the imported feeds in her log: ${JSON.stringify(feedsListed)}`);
  await context.close();
});
