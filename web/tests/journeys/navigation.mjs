// Screens have URLs: the phone's back button goes back a screen, a reload stays where she was, and a
// finished task returns to where she started it.
import { ARTIFACTS, check, join, newContext, newMother, server, test } from "../harness.mjs";

await test("Vietnamese on a phone: back goes back a screen, a reload keeps the screen, a saved nappy returns home", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const { page } = await newMother(context, "vi");
  const path = () => new URL(page.url()).pathname;
  const home = page.getByRole("button", { name: "Lịch sử và biểu đồ" });
  await page.getByRole("button", { name: "Lịch sử và biểu đồ" }).click();
  await page.getByRole("heading", { name: "Lịch sử", exact: true }).waitFor();
  check(path() === "/history", `the history screen has its URL: ${path()}`);
  await page.reload();
  await page.getByRole("heading", { name: "Lịch sử", exact: true }).waitFor();
  check(path() === "/history", `a reload stays on history: ${path()}`);
  await page.goBack();
  await home.waitFor();
  check(path() === "/", `back returns home: ${path()}`);
  await page.goForward();
  await page.getByRole("heading", { name: "Lịch sử", exact: true }).waitFor();
  await page.goBack();
  await home.waitFor();
  // Settings from the header, then back.
  await page.getByRole("button", { name: "Cài đặt" }).click();
  await page.getByRole("heading", { name: "Cài đặt" }).waitFor();
  check(path() === "/settings", `settings has its URL: ${path()}`);
  await page.goBack();
  await home.waitFor();
  // A task ends where it began: the saved nappy goes back home, and back from home is not the form.
  await page.getByRole("button", { name: "Thay tã" }).first().click();
  await page.getByRole("heading", { name: "Thay tã" }).waitFor();
  check(path() === "/nappy", `the nappy form has its URL: ${path()}`);
  await page.getByRole("button", { name: "Ướt" }).click();
  await page.getByRole("button", { name: "Lưu" }).click();
  await home.waitFor();
  check(path() === "/", `after saving, home: ${path()}`);
  // Opened straight from a link (a home-screen shortcut), a screen still has a way home.
  await page.goto(server.base + "/?screen=nappy");
  await page.getByRole("heading", { name: "Thay tã" }).waitFor();
  check(path() === "/nappy", `a shortcut opens the screen at its own URL: ${path()}`);
  await page.getByRole("button", { name: "Tia" }).click();
  await home.waitFor();
  await page.screenshot({ path: join(ARTIFACTS, "navigation-home-vi.png") });
  await context.close();
});
