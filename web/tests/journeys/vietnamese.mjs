// The Vietnamese screens show no English.
import { ARTIFACTS, check, englishOn, feeds, join, newContext, newMother, symptomCheck, test } from "../harness.mjs";

// None of the app's English sentences (every one its Vietnamese says otherwise) on the screen.
async function noEnglish(page, screen) {
  const english = await englishOn(page);
  check(english.length === 0, `${screen} shows English: ${english.join(" | ")}`);
}

await test("Vietnamese: the home, feed, check-in, result, history and summary screens show no English string", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const { page } = await newMother(context, "vi");
  const english = ["Start a feed", "Last feed", "Worth checking", "Settings", "Pumping", "All sent", "Symptom check"];
  let text = await page.locator("body").innerText();
  for (const s of english) check(!text.includes(s), `home shows "${s}"`);
  await noEnglish(page, "home");
  await page.screenshot({ path: join(ARTIFACTS, "home-vi.png"), fullPage: true });
  await page.getByRole("button", { name: "Bắt đầu cho bú" }).click();
  await page.getByRole("button", { name: "Bắt đầu bên trái" }).click();
  text = await page.locator("body").innerText();
  for (const s of ["Switch side", "Pause", "Finish and save", "left", "Discard"]) check(!text.includes(s), `feed shows "${s}"`);
  await noEnglish(page, "feed");
  await page.screenshot({ path: join(ARTIFACTS, "feed-vi.png"), fullPage: true });
  await page.getByRole("button", { name: "Bỏ cữ bú này" }).click();
  check((await page.getByRole("alertdialog").innerText()).includes("Bỏ cữ bú này? Thời gian đã đo sẽ không được lưu."), "asked in Vietnamese");
  await page.getByTestId("discard-yes").click();
  await page.getByRole("button", { name: "Kiểm tra vú" }).click();
  text = await page.locator("body").innerText();
  for (const s of ["Left breast", "Pain", "Redness", "Nipple", "Temperature", "Chills", "Save", "darker skin", "Cracked"]) {
    check(!text.includes(s), `check-in shows "${s}"`);
  }
  await noEnglish(page, "check-in");
  await page.screenshot({ path: join(ARTIFACTS, "check-in-vi.png"), fullPage: true });
  await page.getByRole("button", { name: "Tia" }).click();
  await symptomCheck(page, { side: "left", breast_feel: ["focal_tender_area"], temperature: 38.6 }, async (section) => {
    const shown = await page.locator("main").innerText();
    for (const s of ["Where are", "Yes", "No", "Next", "Back", "I don't know", "Your temperature", "About you", "Check your answers"]) {
      check(!shown.includes(s), `the ${section} questions show "${s}"`);
    }
    await noEnglish(page, `symptoms ${section}`);
    await page.screenshot({ path: join(ARTIFACTS, `symptoms-vi-${section}.png`), fullPage: true });
  });
  text = await page.locator("body").innerText();
  for (const s of ["Talk to a clinician", "Why", "Sources", "What to do", "Fever", "Check again", "What is probably"]) {
    check(!text.includes(s), `result shows "${s}"`);
  }
  check(text.includes("Liên hệ nhân viên y tế trong 24 giờ"), "the Vietnamese result");
  await noEnglish(page, "result");
  await page.screenshot({ path: join(ARTIFACTS, "result-vi.png"), fullPage: true });
  await page.getByRole("button", { name: "Tia" }).click();
  await page.getByRole("button", { name: "Lịch sử và biểu đồ" }).click();
  await page.getByTestId("chart-feeds").waitFor();
  text = await page.locator("body").innerText();
  for (const s of ["Feeds per day", "Show the numbers", "Temperature", "fever", "Pain", "days", "Summary for", "left", "right"]) {
    check(!text.includes(s), `history shows "${s}"`);
  }
  await noEnglish(page, "history");
  await page.screenshot({ path: join(ARTIFACTS, "history-vi.png"), fullPage: true });
  await page.getByRole("button", { name: "Bản tóm tắt cho nữ hộ sinh hoặc bác sĩ" }).click();
  await page.getByTestId("summary").waitFor();
  await page.waitForFunction(() => document.querySelector("[data-testid=summary]").innerText.includes("Tia lập"));
  text = await page.locator("body").innerText();
  for (const s of ["Day by day", "Breast check-ins", "Highest", "Print", "Made by Tia", "Talk to a clinician", "Worth checking"]) {
    check(!text.includes(s), `summary shows "${s}"`);
  }
  await noEnglish(page, "summary");
  await page.screenshot({ path: join(ARTIFACTS, "summary-vi.png"), fullPage: true });
  await context.close();
});
